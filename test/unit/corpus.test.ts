import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CorpusFileError, loadCorpusFile } from '../../src/core/bundled';
import type { Corpus } from '../../src/core/corpus';
import { ListingError } from '../../src/core/listing';
import { BUNDLED_MULTI_TOPIC_PAPERS, BUNDLED_PAPER_COUNT, BUNDLED_TOPIC_SIZES, bundledCorpus, paperTitled, ROOT } from './helpers';

describe('Corpus', () => {
  let corpus: Corpus;
  beforeEach(() => (corpus = bundledCorpus()));

  it('finds a paper by id, exact title, title in any case and spacing, or a name', () => {
    const p = paperTitled('Tracking Meets LoRA');
    assert.equal(corpus.find(p.id), p);
    assert.equal(corpus.find(p.title), p);
    assert.equal(corpus.find('  tracking meets lora:   faster training, larger model, stronger performance '), p);
    assert.equal(corpus.find('LoRAT'), p);
    assert.equal(corpus.find('DataComp')?.title, 'DataComp: In search of the next generation of multimodal datasets');
    assert.equal(corpus.find('nothing like this'), undefined);
  });

  it('shows the short name, else the first method name, else nothing', () => {
    assert.equal(corpus.shortName(paperTitled('DataComp:').id), 'DataComp');
    assert.equal(corpus.shortName(paperTitled('Tracking Meets LoRA').id), 'LoRAT');
    // The abstract names it: "a data filtering network (DFN)".
    assert.equal(corpus.shortName(paperTitled('Data Filtering Networks').id), 'DFN');
    // A phrase name is the start of the title itself, not a name to show beside it.
    assert.equal(corpus.shortName(paperTitled('Stationary Representations').id), undefined);
  });

  it('files every paper under one to three topics, and lists each topic in listing order', () => {
    for (const p of corpus.papers) {
      const topics = corpus.topicsOf(p.id);
      assert.ok(topics.length >= 1 && topics.length <= 3, p.title);
      for (const t of topics) assert.ok(corpus.papersIn(t.id).includes(p));
    }
    for (const t of corpus.topics) {
      const listed = corpus.papersIn(t.id);
      const order = listed.map((p) => corpus.papers.indexOf(p));
      assert.deepEqual(order, [...order].sort((a, b) => a - b));
    }
  });

  it('holds every bundled paper, in the checked numbers per topic (what the sidebar shows)', () => {
    assert.equal(corpus.papers.length, BUNDLED_PAPER_COUNT);
    assert.deepEqual(
      corpus.topics.map((t) => [t.id, corpus.papersIn(t.id).length]),
      BUNDLED_TOPIC_SIZES,
    );
  });

  it('lists a paper filed under several topics in each of them, best topic first', () => {
    for (const [title, expected] of BUNDLED_MULTI_TOPIC_PAPERS) {
      const paper = paperTitled(title);
      assert.deepEqual(
        corpus.topicsOf(paper.id).map((t) => t.id),
        expected,
        title,
      );
      for (const id of expected) assert.ok(corpus.papersIn(id).includes(paper), `${title} under ${id}`);
    }
    // Papers under one topic only are listed once.
    const rows = corpus.topics.reduce((n, t) => n + corpus.papersIn(t.id).length, 0);
    const extra = BUNDLED_MULTI_TOPIC_PAPERS.reduce((n, [, topics]) => n + topics.length - 1, 0);
    assert.equal(rows, BUNDLED_PAPER_COUNT + extra);
  });

  it('builds the matcher and the search index once and keeps them', () => {
    // A getter that built them anew would hand out a different object on each access.
    const matcher = corpus.matcher;
    const index = corpus.searchIndex;
    corpus.find('LoRAT');
    index.search('lora');
    assert.strictEqual(corpus.matcher, matcher);
    assert.strictEqual(corpus.searchIndex, index);
  });
});

describe('loading corpus files', () => {
  it('names the file when it cannot be read', () => {
    assert.throws(() => loadCorpusFile(path.join(ROOT, 'no-such.txt'), ROOT, 'no-such.txt'), (e: unknown) => e instanceof CorpusFileError && e.message === 'no-such.txt: cannot read: no such file');
  });

  it('names the file and line when nothing in it parses', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-'));
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'only\n\nshort\n');
    try {
      assert.throws(() => loadCorpusFile(file, ROOT, 'notes.txt'), (e: unknown) => e instanceof ListingError && /^notes\.txt:1: no papers found/.test(e.message));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

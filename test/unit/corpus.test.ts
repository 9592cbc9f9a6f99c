import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CorpusFileError, loadCorpusFile } from '../../src/core/bundled';
import { ListingError } from '../../src/core/listing';
import { bundledCorpus, paperTitled, ROOT } from './helpers';

describe('Corpus', () => {
  const corpus = bundledCorpus();

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

  it('builds the matcher and the search index once', () => {
    assert.equal(corpus.matcher, corpus.matcher);
    assert.equal(corpus.search, corpus.search);
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

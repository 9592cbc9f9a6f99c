/**
 * The prepared index (`core/prepared.ts`): a corpus's names, matcher and search index built
 * once (in the library worker), stored and restored. A restored corpus must answer exactly as
 * a built one; an index for other papers, or a damaged one, must never be used.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Corpus } from '../../src/core/corpus';
import { readPrepared, writePrepared } from '../../src/core/libraryCache';
import { packData, packTopics, textList, textsOf, unpackPrepared, type PreparedIndex } from '../../src/core/prepared';
import { finishSteps } from '../../src/core/steps';
import type { Paper } from '../../src/core/types';
import { bundledCorpus, bundledSeeds, ROOT } from './helpers';

const WILD = path.join(ROOT, 'test', 'fixtures', 'wild', 'dev');
const QUERIES = ['diffusion transformer', 'lora tracking', 'segment anything', 'datacomp', 'vision language model', 'sparse attention', 'reinforcement'];

function corpusOf(papers: readonly Paper[], prepared?: PreparedIndex): Corpus {
  const seeds = bundledSeeds();
  const corpus = new Corpus(papers, seeds.topics, seeds.isCommonWord, [], seeds.background, undefined, prepared);
  finishSteps(corpus.prepare());
  return corpus;
}

/** What a corpus answers: every paper's names, the mentions in real files, the search results. */
function answers(corpus: Corpus): unknown {
  const texts = fs.readdirSync(WILD).filter((f) => !f.endsWith('.json')).map((f) => fs.readFileSync(path.join(WILD, f), 'utf8'));
  return {
    topics: corpus.papers.map((p) => corpus.topicsOf(p.id).map((t) => t.id)),
    names: corpus.papers.map((p) => corpus.namesOf(p.id)),
    mentions: texts.map((t) => corpus.matcher.find(t)),
    search: QUERIES.map((q) => corpus.searchIndex.search(q, 10).map((r) => [r.paper.id, r.score])),
    shared: corpus.matcher.sharedNames,
  };
}

describe('prepared index', function () {
  this.timeout(60_000);
  const papers = () => bundledCorpus().papers;
  let built: Corpus;
  let prepared: PreparedIndex;
  before(() => {
    built = corpusOf(papers());
    prepared = built.toPrepared();
  });

  it('a corpus restored from the packed index answers exactly as the corpus built from its papers', () => {
    const bytes = packData(prepared);
    const back = unpackPrepared(bytes);
    assert.ok(back, 'the packed index reads back');
    const restored = corpusOf(papers(), back);
    assert.equal(restored.restored, true);
    assert.equal(built.restored, false);
    const expected = answers(built) as { mentions: unknown[][] };
    assert.ok(expected.mentions.flat().length > 10, 'the wild files mention bundled papers');
    assert.deepEqual(answers(restored), expected);
  });

  it('is restored, not built again: an index kept for the same papers is used as it is', () => {
    // Same ids, but one abstract changed: a corpus that built its own search index would find
    // the new word; one restored from the index built before cannot. (The cache's key is the
    // files' content, so this never happens in use.)
    const changed = papers().map((p, i) => (i === 0 ? { ...p, abstract: `${p.abstract} zyxwvutsrqp` } : p));
    assert.equal(corpusOf(changed).searchIndex.search('zyxwvutsrqp', 5)[0]?.paper.id, changed[0].id);
    assert.equal(corpusOf(changed, unpackPrepared(packData(prepared))).searchIndex.search('zyxwvutsrqp', 5).length, 0);
  });

  it('files the papers under the topics it holds, without classifying them again', () => {
    const first = bundledSeeds().topics[0].id;
    const back = unpackPrepared(packData(prepared))!;
    const everything = { ...back, topics: packTopics(papers().map(() => [first])) };
    const restored = corpusOf(papers(), everything);
    assert.equal(restored.papersIn(first).length, papers().length);
    assert.ok(built.papersIn(first).length < papers().length, 'the classifier itself files them apart');
  });

  it('is refused for other papers, and the corpus builds its own', () => {
    const reordered = [...papers()].reverse();
    const fresh = answers(corpusOf(reordered));
    assert.deepEqual(answers(corpusOf(reordered, unpackPrepared(packData(prepared)))), fresh);
    const refused = corpusOf(reordered, unpackPrepared(packData(prepared)));
    assert.equal(refused.restored, false);
    const fewer = papers().slice(1);
    assert.deepEqual(answers(corpusOf(fewer, unpackPrepared(packData(prepared)))), answers(corpusOf(fewer)));
  });

  it('a damaged index is refused or dropped, never used half', () => {
    const bytes = packData(prepared);
    for (const cut of [0, 7, 8, 100, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const back = unpackPrepared(bytes.slice(0, cut));
      assert.equal(back, undefined, `cut at ${cut} of ${bytes.length}`);
    }
    // Texts that do not fill their list: the restore throws inside, and the corpus builds instead.
    const back = unpackPrepared(bytes)!;
    const damaged = { ...back, names: { ...back.names, texts: { ...back.names.texts, joined: back.names.texts.joined.slice(1) } } };
    const rebuilt = corpusOf(papers(), damaged);
    assert.equal(rebuilt.restored, false);
    assert.deepEqual(answers(rebuilt), answers(built));
  });

  it('a list of texts keeps every item, empty, astral or holding NUL', () => {
    const items = ['', 'a', '\u0000', 'Müller', '😀x', '', 'end'];
    assert.deepEqual(finishSteps(textsOf(textList(items))), items);
    assert.deepEqual(finishSteps(textsOf(textList([]))), []);
    assert.throws(() => finishSteps(textsOf({ lengths: Int32Array.of(2), joined: 'abc' })), /does not fill/);
  });

  describe('in the cache', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-prepared-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('is read back for the same load, and missed for any change to its files, version or bundled papers', () => {
      const parts = ['true', 'lib.bib\u0000abc'];
      writePrepared(dir, 'v1', parts, { prepared });
      const back = readPrepared(dir, 'v1', parts);
      assert.ok(back);
      assert.deepEqual(answers(corpusOf(papers(), back.prepared)), answers(built));
      assert.equal(readPrepared(dir, 'v1', ['true', 'lib.bib\u0000abd']), undefined);
      assert.equal(readPrepared(dir, 'v1', ['false', 'lib.bib\u0000abc']), undefined);
      assert.equal(readPrepared(dir, 'v2', parts), undefined);
    });

    it('keeps the indexes of the last three loads only', () => {
      for (let k = 0; k < 5; k++) writePrepared(dir, 'v1', ['true', `lib${k}.bib\u0000x`], { prepared });
      assert.equal(fs.readdirSync(dir).filter((f) => f.startsWith('prepared-')).length, 3);
      assert.ok(readPrepared(dir, 'v1', ['true', 'lib4.bib\u0000x']));
      assert.equal(readPrepared(dir, 'v1', ['true', 'lib0.bib\u0000x']), undefined);
    });

    it('a damaged file is a miss', () => {
      const parts = ['true'];
      writePrepared(dir, 'v1', parts, { prepared });
      const [file] = fs.readdirSync(dir).filter((f) => f.startsWith('prepared-'));
      const full = fs.readFileSync(path.join(dir, file));
      fs.writeFileSync(path.join(dir, file), full.subarray(0, full.length >> 1));
      assert.equal(readPrepared(dir, 'v1', parts), undefined);
    });
  });
});

/**
 * The library worker (`dist/libraryWorker.js`, built by `npm run test:unit`) driven through the
 * same client the extension uses, in plain Node: merging with the bundled papers, an unreadable
 * file as one problem, reloads that parse only the changed file, the content-keyed cache (a
 * warm start that parses nothing, then a reload after it), and many papers arriving whole and
 * in order.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LibraryWorkerClient } from '../../src/worker/client';
import type { WorkerSetup } from '../../src/worker/protocol';
import { DATA_HEADER, dataHead, NameTable, packData } from '../../src/core/prepared';
import { FarArray } from '../../src/core/farArrays';
import { TopicClassifier } from '../../src/core/topics';
import { Corpus } from '../../src/core/corpus';
import { finishSteps } from '../../src/core/steps';
import { entryPrintsSteps, readChanges } from '../../src/core/library/entryPrints';
import { patchCorpus } from '../../src/core/corpusPatch';
import type { Paper } from '../../src/core/types';
import { bundledCorpus, bundledSeeds, ROOT } from './helpers';

const WORKER = path.join(ROOT, 'dist', 'libraryWorker.js');
const encode = (text: string) => new TextEncoder().encode(text);

// Loads transfer the bytes' buffers (detaching them), so each load gets copies: `A()`.
const bytesOf = (text: string) => () => encode(text);
const A = bytesOf(['@article{a1,', '  title = {Orchid Petal Lattices},', '  author = {Okafor, Ngozi},', '  year = {2031}', '}', ''].join('\n'));
const B = bytesOf(['@misc{b1, title = {Fungal Soil Networks}, year = {2030}}', '@misc{broken, title = {Never Closed,', ''].join('\n'));
/** `A` changed: its entry edited (the year), one added. */
const A2 = bytesOf(['@article{a1,', '  title = {Orchid Petal Lattices},', '  author = {Okafor, Ngozi},', '  year = {2033}', '}', '', '@article{a2,', '  title = {Quantised Lattice Petals},', '  year = {2033}', '}', ''].join('\n'));
const B2 = bytesOf('@misc{b2, title = {Fungal Soil Networks Revisited}, year = {2032}}\n');

describe('library worker', function () {
  this.timeout(60_000);
  let dir: string;
  let clients: LibraryWorkerClient[] = [];
  const client = (cacheDir?: string, knobs: Pick<WorkerSetup, 'parseHeldBelow' | 'helperFrom'> = {}) => {
    const c = new LibraryWorkerClient(WORKER, { root: ROOT, cacheDir, version: 'test', ...knobs });
    clients.push(c);
    // The worker writes the cache after it answers (see `LoadIdle`). These tests read it back
    // at once, in the next worker or from the disk, so each load here waits for those writes,
    // as a window reopened later finds them.
    const load = c.load.bind(c);
    c.load = async (...args) => {
      const result = await load(...args);
      await c.idle();
      return result;
    };
    return c;
  };
  const titles = (papers: readonly { title: string }[]) => papers.map((p) => p.title);
  // Every field: papers from the worker read theirs when asked for (see `TablePaper`), and a comparison of objects would see only their ids and titles.
  const plain = (papers: readonly Paper[]) => JSON.parse(JSON.stringify(papers)) as unknown;
  const bundled = () => bundledCorpus().papers.length;

  before(() => {
    assert.ok(fs.existsSync(WORKER), `${WORKER} is missing: npm run test:unit builds it`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-worker-test-'));
  });

  afterEach(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    clients = [];
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('merges the libraries after the bundled papers, in the order given, with their problems', async () => {
    const result = await client().load(['a.bib', 'b.bib'], [
      { file: 'a.bib', bytes: A() },
      { file: 'b.bib', bytes: B() },
    ]);
    assert.equal(result.papers.length, bundled() + 2);
    assert.deepEqual(titles(result.papers.slice(bundled())), ['Orchid Petal Lattices', 'Fungal Soil Networks']);
    assert.deepEqual(result.papers[bundled()].authors, ['Ngozi Okafor']);
    assert.deepEqual(
      result.problems.map((p) => [p.file, p.line, p.severity]),
      [['b.bib', 2, 'error']],
    );
    assert.deepEqual([result.stats.parsed, result.stats.cached], [2, 0]);
  });

  it('files every paper under the topics the classifier chooses, as the host would', async () => {
    const result = await client().load(['a.bib'], [{ file: 'a.bib', bytes: A() }]);
    const classifier = new TopicClassifier(bundledSeeds().topics);
    // Read as the host reads them: a corpus restored from the worker's index files its papers as that index has them.
    const seeds = bundledSeeds();
    const corpus = new Corpus(result.papers, seeds.topics, seeds.isCommonWord, [], seeds.background, result.topics, result.prepared);
    finishSteps(corpus.prepare());
    assert.ok(corpus.restored, 'the worker\'s index fits its papers');
    const topics = result.papers.map((p) => corpus.topicsOf(p.id).map((t) => t.id));
    result.papers.forEach((paper, k) => assert.deepEqual(topics[k], classifier.classify(paper), paper.title));
    assert.ok(topics.some((ids) => ids.length > 0), 'some paper has a topic');
  });

  it('makes an unreadable file one problem at its first line, and loads the others', async () => {
    const result = await client().load(['gone.bib', 'a.bib'], [
      { file: 'gone.bib', unreadable: 'no such file' },
      { file: 'a.bib', bytes: A() },
    ]);
    assert.deepEqual(result.problems, [{ file: 'gone.bib', line: 1, message: 'cannot read: no such file', severity: 'error' }]);
    assert.deepEqual(titles(result.papers.slice(bundled())), ['Orchid Petal Lattices']);
  });

  it('parses only the changed file on a reload, keeps the others, and drops a file no longer named', async () => {
    const c = client();
    await c.load(['a.bib', 'b.bib'], [
      { file: 'a.bib', bytes: A() },
      { file: 'b.bib', bytes: B() },
    ]);
    const reload = await c.load(['a.bib', 'b.bib'], [{ file: 'b.bib', bytes: B2() }]);
    assert.equal(reload.stats.parsed, 1);
    assert.deepEqual(titles(reload.papers.slice(bundled())), ['Orchid Petal Lattices', 'Fungal Soil Networks Revisited']);
    assert.deepEqual(reload.problems, [], 'the fixed file has no problem left');
    const dropped = await c.load(['b.bib'], []);
    assert.equal(dropped.stats.parsed, 0);
    assert.deepEqual(titles(dropped.papers.slice(bundled())), ['Fungal Soil Networks Revisited']);
  });

  it('reads @string names one file uses from another file of the load, through its parse cache, in a new worker too', async () => {
    const cacheDir = path.join(dir, 'strings-cache');
    const abbrev = bytesOf('@STRING{IEEE_J_PAMI = "{IEEE} Trans. Pattern Anal. Mach. Intell."}\n');
    const pami = bytesOf('@article{he2015spp, title = {Spatial Pyramid Pooling in Deep Convolutional Networks}, journal = IEEE_J_PAMI, year = 2015}\n');
    const venues = (papers: readonly Paper[]) => papers.slice(bundled()).map((p) => p.venue);
    for (const c of [client(cacheDir), client(cacheDir)]) {
      const result = await c.load(['pami.bib', 'abbrev.bib'], [
        { file: 'pami.bib', bytes: pami() },
        { file: 'abbrev.bib', bytes: abbrev() },
      ]);
      assert.deepEqual(venues(result.papers), ['IEEE Trans. Pattern Anal. Mach. Intell.']);
      assert.deepEqual(result.problems, []);
    }
  });

  it('reads an unchanged file back from the cache in a new worker, and parses a changed one', async () => {
    const cacheDir = path.join(dir, 'cache');
    await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: A() }]);
    const warm = await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: A() }]);
    assert.deepEqual([warm.stats.parsed, warm.stats.cached, warm.stats.preparedCached], [0, 1, true]);
    assert.deepEqual(titles(warm.papers.slice(bundled())), ['Orchid Petal Lattices']);
    const changed = await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: B2() }]);
    assert.deepEqual([changed.stats.parsed, changed.stats.cached], [1, 0]);
  });

  it('builds the names, matcher and search index, stores them, and reads them back for the same files only', async () => {
    const cacheDir = path.join(dir, 'prepared-cache');
    const restored = (result: Awaited<ReturnType<LibraryWorkerClient['load']>>) => {
      const seeds = bundledSeeds();
      const corpus = new Corpus(result.papers, seeds.topics, seeds.isCommonWord, [], seeds.background, result.topics, result.prepared);
      finishSteps(corpus.prepare());
      return corpus;
    };
    const cold = await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: A() }]);
    assert.ok(cold.prepared, 'the worker hands over what it built');
    assert.equal(cold.stats.preparedCached, false);
    const warm = await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: A() }]);
    assert.equal(warm.stats.preparedCached, true);
    assert.equal(warm.stats.classifyMs, 0, 'the papers are filed as the stored index has them');
    assert.deepEqual(plain(warm.papers), plain(cold.papers));
    const topicsOf = (corpus: Corpus) => corpus.papers.map((p) => corpus.topicsOf(p.id).map((t) => t.id));
    assert.deepEqual(topicsOf(restored(warm)), topicsOf(restored(cold)));
    assert.ok(restored(warm).restored && restored(cold).restored);
    // The library paper is found by its words through the restored index, as through a built one.
    for (const result of [cold, warm]) assert.equal(restored(result).searchIndex.search('orchid petal', 3)[0]?.paper.title, 'Orchid Petal Lattices');
    const other = await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: B2() }]);
    assert.equal(other.stats.preparedCached, false, 'another content is another index');
    assert.equal(restored(other).searchIndex.search('fungal soil', 3)[0]?.paper.title, 'Fungal Soil Networks Revisited');
    const without = await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: A() }], false);
    assert.equal(without.stats.preparedCached, false, 'without the bundled papers is another index');
    assert.equal(restored(without).papers.length, 1);
  });

  it('sends a warm start as the stored bytes, and parses again when they do not unpack on the host', async () => {
    const cacheDir = path.join(dir, 'damaged-cache');
    const cold = await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: A() }]);
    const [stored] = fs.readdirSync(cacheDir).filter((f) => /^prepared-[0-9a-f]+\.bin$/.test(f));
    const bytes = fs.readFileSync(path.join(cacheDir, stored));
    // A text section that is no longer UTF-8: the worker's check of the head still passes.
    const head = JSON.stringify(dataHead(bytes));
    const text = /"\$text":(\d+)/.exec(head);
    assert.ok(text, 'the stored load has a long text');
    const start = Math.ceil((DATA_HEADER + bytes.readUInt32LE(4)) / 8) * 8;
    bytes[start + Number(text[1])] = 0xff;
    fs.writeFileSync(path.join(cacheDir, stored), bytes);
    const again = await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: A() }]);
    assert.equal(again.stats.preparedCached, false, 'asked again without the stored loads');
    assert.equal(again.stats.reusedFiling, 0, 'nothing reused from the stored load the host could not unpack');
    assert.equal(again.stats.parsed + again.stats.cached, 1);
    assert.deepEqual(titles(again.papers), titles(cold.papers));
    const warm = await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: A() }]);
    assert.equal(warm.stats.preparedCached, true, 'stored again whole');
    assert.deepEqual(plain(warm.papers), plain(cold.papers));
    // Abstracts that are not the papers' (another length): parsed too, and stored again whole.
    const abstracts = path.join(cacheDir, stored.replace(/\.bin$/, '.abstracts.bin'));
    fs.writeFileSync(abstracts, Buffer.concat([fs.readFileSync(abstracts), Buffer.from('x')]));
    const parsed = await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: A() }]);
    assert.equal(parsed.stats.preparedCached, false);
    assert.deepEqual(plain(parsed.papers), plain(cold.papers));
    assert.equal((await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: A() }])).stats.preparedCached, true);
  });

  it('builds a large library\'s index with its helper thread, the same index as alone', async () => {
    const alone = await client().load(['a.bib', 'b.bib'], [
      { file: 'a.bib', bytes: A() },
      { file: 'b.bib', bytes: B() },
    ]);
    const c = new LibraryWorkerClient(WORKER, { root: ROOT, version: 'test', helperFrom: 1 });
    clients.push(c);
    const helped = await c.load(['a.bib', 'b.bib'], [
      { file: 'a.bib', bytes: A() },
      { file: 'b.bib', bytes: B() },
    ]);
    assert.equal(alone.stats.prepareThreads, 1);
    assert.deepEqual([helped.stats.prepareThreads, helped.stats.helperFailure], [2, undefined]);
    assert.ok(Buffer.from(packData({ prepared: helped.prepared })).equals(Buffer.from(packData({ prepared: alone.prepared }))));
    assert.deepEqual(plain(helped.papers), plain(alone.papers));
  });

  it("sends a large cold load's first stage, then the same index and papers as a load without one, on one thread and with the helper", async () => {
    const files = () => [
      { file: 'a.bib', bytes: A() },
      { file: 'b.bib', bytes: B() },
    ];
    const whole = await client().load(['a.bib', 'b.bib'], files());
    assert.equal(whole.firstStage, undefined, 'below the default size: one answer');
    const firstStages: Buffer[] = [];
    for (const helperFrom of [undefined, 1]) {
      const cacheDir = path.join(dir, `first-stage-${helperFrom ?? 'alone'}`);
      const c = new LibraryWorkerClient(WORKER, { root: ROOT, cacheDir, version: 'test', helperFrom, firstStageFrom: 1 });
      clients.push(c);
      const first = await c.load(['a.bib', 'b.bib'], files());
      assert.ok(first.firstStage && first.rest, `helperFrom ${helperFrom}: a first stage`);
      assert.equal(first.prepared, undefined);
      firstStages.push(Buffer.from(packData(first.firstStage)));
      assert.equal(first.firstStage.papers, whole.papers.length);
      assert.equal(first.firstStage.filedHere, bundled(), 'the bundled papers, first, filed and named by the editor');
      assert.deepEqual(plain(first.papers), plain(whole.papers));
      assert.deepEqual(first.problems, whole.problems);
      // As the editor swaps it in: searchable by title and key, cite keys known, nothing filed.
      const seeds = bundledSeeds();
      const staged = Corpus.firstStage(first.papers, seeds.topics, seeds.isCommonWord, seeds.background, first.firstStage);
      finishSteps(staged.prepare());
      assert.ok(staged.restored);
      assert.equal(staged.searchIndex.search('Orchid Petal Lattices', 1)[0]?.paper.title, 'Orchid Petal Lattices');
      assert.equal(staged.citeKeys.libraryKey('b1')?.title, 'Fungal Soil Networks');
      const rest = await first.rest;
      assert.equal(rest.firstStage, undefined);
      assert.deepEqual([rest.stats.prepareThreads, rest.stats.helperFailure], [helperFrom ? 2 : 1, undefined]);
      assert.ok(Buffer.from(packData({ prepared: rest.prepared })).equals(Buffer.from(packData({ prepared: whole.prepared }))), `helperFrom ${helperFrom}: the index of a load without a first stage`);
      assert.equal(rest.papers, first.papers, 'the papers of the first stage, not sent again');
      assert.deepEqual(rest.problems, whole.problems);
      // Stored whole: a warm start answers at once, without a first stage.
      await c.idle();
      const again = new LibraryWorkerClient(WORKER, { root: ROOT, cacheDir, version: 'test', helperFrom, firstStageFrom: 1 });
      clients.push(again);
      const warm = await again.load(['a.bib', 'b.bib'], files());
      assert.deepEqual([warm.firstStage, warm.stats.preparedCached], [undefined, true]);
      assert.deepEqual(plain(warm.papers), plain(whole.papers));
    }
    assert.ok(firstStages[0].equals(firstStages[1]), 'the first stage built with the helper is the one built alone');
  });

  it('says when it has written the cache it answered from, with its heap then', async () => {
    const cacheDir = path.join(dir, 'idle-cache');
    const c = new LibraryWorkerClient(WORKER, { root: ROOT, cacheDir, version: 'test' });
    clients.push(c);
    const stored = () => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).filter((f) => /^prepared-[0-9a-f]+(\.papers|\.abstracts)?\.bin$/.test(f)).length : 0);
    const loading = c.load(['a.bib'], [{ file: 'a.bib', bytes: A() }]);
    const idle = c.idle();
    await loading;
    const heap = await idle;
    assert.equal(stored(), 3, 'papers, index and abstracts written once idle');
    assert.ok(Number.isFinite(heap) && heap > 0, `the worker's heap: ${heap}`);
    assert.equal(await c.idle(), heap, 'nothing sent since: the same answer at once');
    // Stopped before it answered: no heap to give.
    const stopped = new LibraryWorkerClient(WORKER, { root: ROOT, cacheDir, version: 'test' });
    const failed = stopped.load(['a.bib'], [{ file: 'a.bib', bytes: B2() }]).then(
      () => 'loaded',
      () => 'failed',
    );
    const never = stopped.idle();
    await stopped.dispose();
    assert.ok(Number.isNaN(await never));
    assert.equal(await failed, 'failed');
  });

  it("reads a stored load's abstracts one by one from the stored file, which it keeps open while the papers live", async () => {
    const cacheDir = path.join(dir, 'abstracts-cache');
    const old = { size: A().length, mtime: Date.now() - 3_600_000 };
    const cold = await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: A(), stamp: old }]);
    const sent = await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: A(), stamp: old }]);
    const warm = await client(cacheDir).warm(['a.bib'], [old]);
    assert.ok(warm);
    assert.deepEqual([sent.stats.preparedCached, warm.stats.byStamps], [true, true], 'sent by the worker, and read here by stamps');
    const [abstracts] = fs.readdirSync(cacheDir).filter((f) => f.endsWith('.abstracts.bin'));
    const bytes = fs.readFileSync(path.join(cacheDir, abstracts));
    const withAbstracts = cold.papers.filter((p) => p.abstract !== '' && /^[\x00-\x7f]*$/.test(p.abstract));
    assert.ok(withAbstracts.length >= 2, 'papers whose abstracts lie in the stored file');
    assert.ok(bytes.length > 0 && bytes.length === withAbstracts.reduce((n, p) => n + p.abstract.length, 0), 'the file holds the ASCII abstracts, nothing else');
    // Removed, then another file of its size in its place: the papers read the file they opened.
    fs.rmSync(path.join(cacheDir, abstracts));
    fs.writeFileSync(path.join(cacheDir, abstracts), Buffer.alloc(bytes.length, 'x'));
    for (const result of [sent, warm]) {
      // Out of order: each reads its own place.
      assert.deepEqual([...result.papers].reverse().map((p) => p.abstract), [...cold.papers].reverse().map((p) => p.abstract));
      assert.deepEqual(plain(result.papers), plain(cold.papers));
    }
    // Opened now: the file of another content is read as it is, being of the papers' length.
    const again = await client(cacheDir).warm(['a.bib'], [old]);
    assert.ok(again?.papers.some((p) => /^x+$/.test(p.abstract)), 'a load opened after the change reads the file as it is now');
  });

  it('leaves the posting lists and typo table of a load read by stamps in the stored file, and searches as the load it stored', async () => {
    const cacheDir = path.join(dir, 'far-cache');
    const old = { size: A().length, mtime: Date.now() - 3_600_000 };
    const cold = await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: A(), stamp: old }]);
    const sent = await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: A(), stamp: old }]);
    const warm = (await client(cacheDir).warm(['a.bib'], [old]))!;
    assert.ok(warm.stats.byStamps && sent.stats.preparedCached);
    assert.ok(warm.prepared!.search.postings.postDoc instanceof FarArray, 'read here: the lists stay in the file');
    assert.ok(!(sent.prepared!.search.postings.postDoc instanceof FarArray), 'sent by the worker: read whole');
    // The stored load removed: the load read by stamps reads the file it opened.
    for (const name of fs.readdirSync(cacheDir)) fs.rmSync(path.join(cacheDir, name));
    const seeds = bundledSeeds();
    const corpora = [cold, warm].map((result) => {
      const corpus = new Corpus(result.papers, seeds.topics, seeds.isCommonWord, [], seeds.background, result.topics, result.prepared);
      finishSteps(corpus.prepare());
      return corpus;
    });
    assert.ok(corpora[1].restored);
    for (const query of ['orchid lattice', 'orchd', 'petal latt', 'diffusion transformer']) {
      const [built, read] = corpora.map((corpus) => corpus.searchIndex.search(query, 10).map((r) => [r.paper.id, r.score]));
      assert.ok(built.length > 0, query);
      assert.deepEqual(read, built, query);
    }
  });

  it('answers a first load from the stored loads by the files\' stamps, reading nothing, then wants every file', async () => {
    const cacheDir = path.join(dir, 'stamp-cache');
    const old = { size: A().length, mtime: Date.now() - 3_600_000 };
    const cold = await client(cacheDir).load(['a.bib', 'b.bib'], [
      { file: 'a.bib', bytes: A(), stamp: old },
      { file: 'b.bib', bytes: B() },
    ]);
    const noB = await client(cacheDir).warm(['a.bib', 'b.bib'], [old, undefined]);
    assert.equal(noB, undefined, 'b.bib was sent without a stamp: its content is not known by one');
    const onlyA = await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: A(), stamp: old }]);
    const worker = client(cacheDir);
    const warm = await worker.warm(['a.bib'], [old]);
    assert.ok(warm, 'a.bib has the stamp it had when hashed');
    assert.deepEqual([warm.stats.parsed, warm.stats.preparedCached, warm.stats.byStamps], [0, true, true]);
    assert.deepEqual(titles(warm.papers), titles(onlyA.papers));
    assert.deepEqual(warm.papers.map((p) => p.abstract), onlyA.papers.map((p) => p.abstract));
    assert.equal(titles(cold.papers).length, titles(onlyA.papers).length + 1);
    // It read no file: a load it must parse for needs every file, and says so when one is missing.
    await assert.rejects(worker.load(['a.bib', 'b.bib'], [{ file: 'b.bib', bytes: B2() }]), /does not hold a\.bib/);
    const reload = await worker.load(['a.bib'], [{ file: 'a.bib', bytes: B2() }]);
    assert.deepEqual(titles(reload.papers.slice(bundled())), ['Fungal Soil Networks Revisited']);
    for (const other of [{ ...old, mtime: old.mtime + 1 }, { ...old, size: old.size + 1 }, { size: old.size, mtime: Date.now() }]) {
      // Not known by its stamp: answered, if at all, by the load of the content last loaded, the file's prints beside it.
      const answered = await client(cacheDir).warm(['a.bib'], [other], { earlier: true });
      assert.deepEqual([answered?.stats.byStamps, answered?.stats.earlier, answered?.earlier?.has('a.bib')], [false, true, true], JSON.stringify(other));
      assert.deepEqual(titles(answered!.papers.slice(bundled())), ['Fungal Soil Networks Revisited']);
    }
    assert.equal(await client().warm(['a.bib'], [old]), undefined, 'no cache, nothing stored');
  });

  it('opens files changed since they were last loaded from the load stored then, with each changed file\'s prints as it was, and the load after it reuses its filing', async () => {
    const cacheDir = path.join(dir, 'earlier-cache');
    const old = { size: A().length, mtime: Date.now() - 3_600_000 };
    const b = { size: B().length, mtime: old.mtime };
    const cold = await client(cacheDir).load(['a.bib', 'b.bib'], [
      { file: 'a.bib', bytes: A(), stamp: old },
      { file: 'b.bib', bytes: B(), stamp: b },
    ]);
    const printsFiles = () => fs.readdirSync(cacheDir).filter((f) => f.startsWith('prints-'));
    assert.equal(printsFiles().length, 2, 'each file\'s prints stored once the load is answered');
    // a.bib changed (an entry edited, one added) while no window was open; b.bib did not.
    const changed = { size: A2().length, mtime: old.mtime + 60_000 };
    assert.equal(await client(cacheDir).warm(['a.bib', 'b.bib'], [changed, b]), undefined, 'not asked for it (a reload shows the files as last loaded already)');
    const c = client(cacheDir);
    const earlier = await c.warm(['a.bib', 'b.bib'], [changed, b], { earlier: true });
    assert.ok(earlier?.earlier, 'answered by the load stored for a.bib as it was');
    assert.deepEqual([earlier.stats.byStamps, earlier.stats.earlier, earlier.stats.parsed], [false, true, 0]);
    assert.deepEqual([...earlier.earlier.keys()], ['a.bib'], 'b.bib is known by its stamp');
    assert.deepEqual(plain(earlier.papers), plain(cold.papers));
    const asWas = finishSteps(entryPrintsSteps(A()))!;
    const stored = earlier.earlier.get('a.bib')!;
    assert.deepEqual([[...stored.prints], stored.keys, [...stored.starts]], [[...asWas.prints], asWas.keys, [...asWas.starts]]);
    // The change, read against those prints and laid over the load stored: what the whole load then gives.
    const read = finishSteps(readChanges(A2(), 'a.bib', stored));
    assert.ok('parse' in read.change, JSON.stringify(read.change));
    assert.deepEqual([read.change.parse.entries.map((e) => e.key), read.change.removed], [['a1', 'a2'], ['a1']]);
    const seeds = bundledSeeds();
    const base = new Corpus(earlier.papers, seeds.topics, seeds.isCommonWord, [], seeds.background, earlier.topics, earlier.prepared);
    finishSteps(base.prepare());
    const patched = finishSteps(patchCorpus(base, 'a.bib', read.change, seeds.isCommonWord));
    assert.ok(!('reason' in patched), JSON.stringify(patched));
    const whole = await c.load(['a.bib', 'b.bib'], [
      { file: 'a.bib', bytes: A2(), stamp: changed },
      { file: 'b.bib', bytes: B(), stamp: b },
    ]);
    assert.ok((whole.stats.reusedFiling ?? 0) > 0, `the worker was told which load the window holds, and reused its filing: ${JSON.stringify(whole.stats)}`);
    // The same papers (an added one comes last until the whole load puts it in file order).
    const byId = (papers: readonly Paper[]) => plain([...papers].sort((x, y) => (x.id < y.id ? -1 : 1)));
    assert.deepEqual(byId(patched.papers), byId(whole.papers), 'every field as the whole load has it');
    assert.deepEqual(patched.find('@a1')?.year, 2033);
    assert.equal(patched.find('@a2')?.title, 'Quantised Lattice Petals');
    assert.equal(printsFiles().length, 2, 'a.bib\'s earlier prints replaced by its new ones');
    // Known by its new stamp now.
    assert.equal((await client(cacheDir).warm(['a.bib', 'b.bib'], [changed, b], { earlier: true }))?.stats.byStamps, true);
  });

  it('answers a first load of changed files with nothing when their prints are missing, damaged or of a load no longer stored', async () => {
    const cacheDir = path.join(dir, 'earlier-missing-cache');
    const old = { size: A().length, mtime: Date.now() - 3_600_000 };
    const changed = { size: A2().length, mtime: old.mtime + 60_000 };
    await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: A(), stamp: old }]);
    assert.ok((await client(cacheDir).warm(['a.bib'], [changed], { earlier: true }))?.earlier, 'answered while all is stored');
    const [prints] = fs.readdirSync(cacheDir).filter((f) => f.startsWith('prints-'));
    const bytes = fs.readFileSync(path.join(cacheDir, prints));
    // Damaged: a count that does not fit the pieces.
    const damaged = Buffer.from(bytes.toString('latin1').replace('"format":"prints-1"', '"format":"prints-0"'), 'latin1');
    fs.writeFileSync(path.join(cacheDir, prints), damaged);
    assert.equal(await client(cacheDir).warm(['a.bib'], [changed], { earlier: true }), undefined, 'prints of another format');
    fs.rmSync(path.join(cacheDir, prints));
    assert.equal(await client(cacheDir).warm(['a.bib'], [changed], { earlier: true }), undefined, 'no prints');
    fs.writeFileSync(path.join(cacheDir, prints), bytes);
    for (const name of fs.readdirSync(cacheDir).filter((f) => f.startsWith('prepared-'))) fs.rmSync(path.join(cacheDir, name));
    assert.equal(await client(cacheDir).warm(['a.bib'], [changed], { earlier: true }), undefined, 'the load they belong to is no longer stored');
    assert.equal(await client().warm(['a.bib'], [changed], { earlier: true }), undefined, 'no cache');
  });

  it('answers a first load by stamps with nothing when the stored load does not unpack, and the load after it parses', async () => {
    const cacheDir = path.join(dir, 'stamp-damaged-cache');
    const old = { size: A().length, mtime: Date.now() - 3_600_000 };
    const cold = await client(cacheDir).load(['a.bib'], [{ file: 'a.bib', bytes: A(), stamp: old }]);
    const [stored] = fs.readdirSync(cacheDir).filter((f) => /^prepared-[0-9a-f]+\.bin$/.test(f));
    const index = path.join(cacheDir, stored);
    const abstracts = index.replace(/\.bin$/, '.abstracts.bin');
    const [indexBytes, abstractBytes] = [fs.readFileSync(index), fs.readFileSync(abstracts)];
    assert.ok(await client(cacheDir).warm(['a.bib'], [old]), 'stored, and known by its stamp');
    // A text section of the index that is no longer UTF-8: its head still reads.
    const damaged = Buffer.from(indexBytes);
    const text = /"\$text":(\d+)/.exec(JSON.stringify(dataHead(damaged)));
    assert.ok(text, 'the stored load has a long text');
    damaged[Math.ceil((DATA_HEADER + damaged.readUInt32LE(4)) / 8) * 8 + Number(text[1])] = 0xff;
    fs.writeFileSync(index, damaged);
    const c = client(cacheDir);
    assert.equal(await c.warm(['a.bib'], [old]), undefined, 'an index that does not unpack');
    const parsed = await c.load(['a.bib'], [{ file: 'a.bib', bytes: A(), stamp: old }]);
    assert.equal(parsed.stats.preparedCached, false, 'parsed, the stored load not used');
    assert.deepEqual(plain(parsed.papers), plain(cold.papers));
    // Abstracts of another length than the papers': none answered either.
    fs.writeFileSync(index, indexBytes);
    fs.writeFileSync(abstracts, Buffer.concat([abstractBytes, Buffer.from('x')]));
    assert.equal(await client(cacheDir).warm(['a.bib'], [old]), undefined, 'abstracts that are not the papers\'');
  });

  it('parses LaTeX commands only Better BibTeX\'s parser knows, the parser loaded when the first such command is met', async () => {
    const bib = encode('@misc{t1, title = {Heat at 20\\textcelsius{} and \\textonehalf{} Done}, year = {2030}}\n');
    const result = await client().load(['t.bib'], [{ file: 't.bib', bytes: bib }]);
    assert.deepEqual(titles(result.papers.slice(bundled())), ['Heat at 20℃ and ½ Done']);
  });

  for (const parseHeldBelow of [undefined, 1]) {
    const held = parseHeldBelow ? 'files too large to hold parsed, parsed again to be written' : 'files small enough to hold parsed until written';
    it(`with a cache, keeps no parse between loads: a reload parses the changed file and reads the others back (${held})`, async () => {
      const c = client(path.join(dir, `reload-cache-${parseHeldBelow}`), { parseHeldBelow });
      const cold = await c.load(['a.bib', 'b.bib'], [
        { file: 'a.bib', bytes: A() },
        { file: 'b.bib', bytes: B() },
      ]);
      assert.deepEqual([cold.stats.parsed, cold.stats.cached], [2, 0]);
      const reload = await c.load(['a.bib', 'b.bib'], [{ file: 'b.bib', bytes: B2() }]);
      assert.deepEqual([reload.stats.parsed, reload.stats.cached], [1, 1], 'a.bib read back from the parse cache');
      assert.deepEqual(titles(reload.papers.slice(bundled())), ['Orchid Petal Lattices', 'Fungal Soil Networks Revisited']);
      assert.deepEqual(reload.problems, [], 'b.bib\'s broken entry gone with it');
      const dropped = await c.load(['b.bib'], []);
      assert.deepEqual(titles(dropped.papers.slice(bundled())), ['Fungal Soil Networks Revisited']);
      assert.deepEqual([dropped.stats.parsed, dropped.stats.cached], [0, 1], 'b.bib read back from the parse cache');
    });
  }

  it('does not write the parse of a file too large to hold parsed when it is the only file of its load: the stored load answers that content', async () => {
    const cacheDir = path.join(dir, 'alone-cache');
    const cold = await client(cacheDir, { parseHeldBelow: 1 }).load(['a.bib'], [{ file: 'a.bib', bytes: A() }]);
    assert.deepEqual([cold.stats.parsed, cold.stats.cached], [1, 0]);
    // Without the bundled papers: a load the stored loads cannot answer, which parses the file again.
    const other = await client(cacheDir, { parseHeldBelow: 1 }).load(['a.bib'], [{ file: 'a.bib', bytes: A() }], false);
    assert.deepEqual([other.stats.parsed, other.stats.cached, other.stats.preparedCached], [1, 0, false]);
    assert.deepEqual(titles(other.papers), ['Orchid Petal Lattices']);
    // The same content loaded again is answered by its stored load.
    const warm = await client(cacheDir, { parseHeldBelow: 1 }).load(['a.bib'], [{ file: 'a.bib', bytes: A() }]);
    assert.deepEqual([warm.stats.parsed, warm.stats.preparedCached], [0, true]);
    assert.deepEqual(plain(warm.papers), plain(cold.papers));
    // A file small enough to hold is written, as before.
    const smallDir = path.join(dir, 'alone-small-cache');
    await client(smallDir).load(['a.bib'], [{ file: 'a.bib', bytes: A() }]);
    const read = await client(smallDir).load(['a.bib'], [{ file: 'a.bib', bytes: A() }], false);
    assert.deepEqual([read.stats.parsed, read.stats.cached], [0, 1]);
  });

  it('files, names and indexes the papers as read back from their packed table: the index a corpus of the parsed papers builds, byte for byte', async () => {
    const bib = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'library', 'better-bibtex-arxiv.bib'));
    for (const helperFrom of [undefined, 1]) {
      const result = await client(path.join(dir, `table-read-${helperFrom}`), { parseHeldBelow: 1, helperFrom }).load(['arxiv.bib'], [{ file: 'arxiv.bib', bytes: new Uint8Array(bib) }]);
      assert.equal(result.stats.prepareThreads, helperFrom ? 2 : 1);
      assert.ok(result.papers.length > bundled() + 3, 'the fixture\'s papers');
      const seeds = bundledSeeds();
      const parsed = JSON.parse(JSON.stringify(result.papers)) as Paper[];
      const here = new Corpus(parsed, seeds.topics, seeds.isCommonWord, [], seeds.background).toPrepared();
      assert.ok(Buffer.from(packData({ prepared: result.prepared })).equals(Buffer.from(packData({ prepared: here }))), `helperFrom ${helperFrom}`);
    }
  });

  it('after a warm start that parsed nothing, a reload of one file still merges every file, problems and all', async () => {
    const cacheDir = path.join(dir, 'warm-reload-cache');
    const cold = await client(cacheDir).load(['a.bib', 'b.bib'], [
      { file: 'a.bib', bytes: A() },
      { file: 'b.bib', bytes: B() },
    ]);
    const c = client(cacheDir);
    const warm = await c.load(['a.bib', 'b.bib'], [
      { file: 'a.bib', bytes: A() },
      { file: 'b.bib', bytes: B() },
    ]);
    assert.equal(warm.stats.preparedCached, true);
    assert.deepEqual(plain(warm.papers), plain(cold.papers));
    assert.deepEqual(warm.problems, cold.problems, 'the broken entry is still a problem, from the cache');
    const reload = await c.load(['a.bib', 'b.bib'], [{ file: 'b.bib', bytes: B2() }]);
    assert.equal(reload.stats.preparedCached, false);
    assert.deepEqual(titles(reload.papers.slice(bundled())), ['Orchid Petal Lattices', 'Fungal Soil Networks Revisited']);
    assert.deepEqual(reload.problems, []);
  });

  it('on a reload, files and names again only the papers that changed, into the index a first load builds', async () => {
    // a.bib's paper again, with an abstract: the same id (from the title), so only the abstract tells it changed.
    const A2 = bytesOf(['@article{a1,', '  title = {Orchid Petal Lattices},', '  author = {Okafor, Ngozi},', '  year = {2031},', '  abstract = {We propose OrchidNet, a lattice model of petals. OrchidNet segments petals.}', '}', ''].join('\n'));
    const fresh = async (a: () => Uint8Array, b: () => Uint8Array) => (await client().load(['a.bib', 'b.bib'], [{ file: 'a.bib', bytes: a() }, { file: 'b.bib', bytes: b() }])).prepared!;
    const same = (x: object, y: object) => Buffer.from(packData({ prepared: x })).equals(Buffer.from(packData({ prepared: y })));
    for (const helperFrom of [undefined, 1]) {
      const cacheDir = path.join(dir, `reuse-cache-${helperFrom ?? 'alone'}`);
      const c = new LibraryWorkerClient(WORKER, { root: ROOT, cacheDir, version: 'test', helperFrom });
      clients.push(c);
      const load = async (...args: Parameters<LibraryWorkerClient['load']>) => {
        const result = await c.load(...args);
        await c.idle();
        return result;
      };
      const first = await load(['a.bib', 'b.bib'], [{ file: 'a.bib', bytes: A() }, { file: 'b.bib', bytes: B() }]);
      assert.equal(first.stats.reusedFiling, 0, 'nothing before it');
      // b.bib's paper is another (a new title); the bundled papers and a.bib's are as they were.
      const newB = await load(['a.bib', 'b.bib'], [{ file: 'b.bib', bytes: B2() }]);
      assert.equal(newB.stats.reusedFiling, bundled() + 1);
      assert.ok(same(newB.prepared!, await fresh(A, B2)), `helperFrom ${helperFrom}: the index of a first load`);
      assert.equal(newB.stats.prepareThreads, helperFrom ? 2 : 1);
      // a.bib's paper keeps its id and title, and has an abstract now: named again, from it.
      const newA = await load(['a.bib', 'b.bib'], [{ file: 'a.bib', bytes: A2() }]);
      assert.equal(newA.stats.reusedFiling, bundled() + 1, 'every paper but the one whose abstract changed');
      assert.ok(same(newA.prepared!, await fresh(A2, B2)), `helperFrom ${helperFrom}: the index of a first load, the abstract's names in`);
      const orchid = newA.papers.findIndex((p) => p.title === 'Orchid Petal Lattices');
      assert.ok(finishSteps(NameTable.from(newA.prepared!.names, newA.papers.map((p) => p.id))).namesOf(orchid).some((n) => n.text === 'OrchidNet'));
      // The papers in their places: the cite keys and identifiers kept; the matcher not, a name being new.
      assert.deepEqual(newA.stats.reusedParts, ['citeKeys', 'identifiers']);
      assert.deepEqual(newB.stats.reusedParts, [], 'a paper replaced by another: nothing kept');
      // The abstract edited again, its names the same: the matcher kept too.
      const A3 = bytesOf(new TextDecoder().decode(A2()).replace('OrchidNet segments petals.', 'OrchidNet segments petals. It is fast.'));
      const newA3 = await load(['a.bib', 'b.bib'], [{ file: 'a.bib', bytes: A3() }]);
      assert.deepEqual(newA3.stats.reusedParts, ['citeKeys', 'identifiers', 'matcher']);
      assert.ok(same(newA3.prepared!, await fresh(A3, B2)), `helperFrom ${helperFrom}: the index of a first load, the matcher kept`);
      // Its key changed too: the cite keys built, the rest kept.
      const A4 = bytesOf(new TextDecoder().decode(A3()).replace('@article{a1,', '@article{okafor2031,').replace('It is fast.', 'It is quick.'));
      const newA4 = await load(['a.bib', 'b.bib'], [{ file: 'a.bib', bytes: A4() }]);
      assert.deepEqual(newA4.stats.reusedParts, ['identifiers', 'matcher']);
      assert.ok(same(newA4.prepared!, await fresh(A4, B2)), `helperFrom ${helperFrom}: the index of a first load, the key new`);
    }
  });

  it('on a reload that changed no field the index reads, sends the last load\'s index, the same as a first load builds', async () => {
    // a.bib exported again, a tag and a journal added (Zotero's auto-export after an edit), a blank line moving the entry down.
    const tagged = bytesOf(['', '@article{a1,', '  title = {Orchid Petal Lattices},', '  author = {Okafor, Ngozi},', '  journal = {Journal of Petals},', '  keywords = {to read},', '  year = {2031}', '}', ''].join('\n'));
    const retitled = bytesOf(['@article{a1,', '  title = {Orchid Petal Lattices Revisited},', '  author = {Okafor, Ngozi},', '  year = {2031}', '}', ''].join('\n'));
    const fresh = async (a: () => Uint8Array) => (await client().load(['a.bib', 'b.bib'], [{ file: 'a.bib', bytes: a() }, { file: 'b.bib', bytes: B() }])).prepared!;
    const same = (x: object, y: object) => Buffer.from(packData({ prepared: x })).equals(Buffer.from(packData({ prepared: y })));
    for (const helperFrom of [undefined, 1]) {
      const c = new LibraryWorkerClient(WORKER, { root: ROOT, cacheDir: path.join(dir, `whole-cache-${helperFrom ?? 'alone'}`), version: 'test', helperFrom });
      clients.push(c);
      const load = async (a: () => Uint8Array) => {
        const result = await c.load(['a.bib', 'b.bib'], [{ file: 'a.bib', bytes: a() }]);
        await c.idle();
        return result;
      };
      await c.load(['a.bib', 'b.bib'], [{ file: 'a.bib', bytes: A() }, { file: 'b.bib', bytes: B() }]);
      await c.idle();
      const reload = await load(tagged);
      assert.equal(reload.stats.reusedIndex, true, `helperFrom ${helperFrom}`);
      assert.ok(same(reload.prepared!, await fresh(tagged)), `helperFrom ${helperFrom}: the index of a first load`);
      const orchid = reload.papers.find((p) => p.title === 'Orchid Petal Lattices')!;
      assert.deepEqual([orchid.keywords, orchid.venue, orchid.source?.line], [['to read'], 'Journal of Petals', 2], 'the papers are the new ones');
      assert.deepEqual(reload.problems.map((p) => [p.file, p.line]), [['b.bib', 2]], "the problems are this load's");
      // A title changed: the index is built (the other papers' filing and names reused).
      const other = await load(retitled);
      assert.equal(other.stats.reusedIndex, false);
      assert.ok(same(other.prepared!, await fresh(retitled)), `helperFrom ${helperFrom}: built, as a first load`);
    }
  });

  it('after a warm start, a reload reuses what the stored load filed and named', async () => {
    const cacheDir = path.join(dir, 'warm-reuse-cache');
    const old = { size: A().length, mtime: Date.now() - 3_600_000 };
    await client(cacheDir).load(['a.bib', 'b.bib'], [{ file: 'a.bib', bytes: A(), stamp: old }, { file: 'b.bib', bytes: B(), stamp: { size: B().length, mtime: old.mtime } }]);
    const c = client(cacheDir);
    const warm = await c.warm(['a.bib', 'b.bib'], [old, { size: B().length, mtime: old.mtime }]);
    assert.equal(warm?.stats.byStamps, true);
    const reload = await c.load(['a.bib', 'b.bib'], [{ file: 'a.bib', bytes: A() }, { file: 'b.bib', bytes: B2() }]);
    assert.equal(reload.stats.reusedFiling, bundled() + 1);
    // Without a stored load to read (none in a fresh cache), everything is filed and named.
    const other = client(path.join(dir, 'warm-reuse-other'));
    assert.equal((await other.load(['a.bib', 'b.bib'], [{ file: 'a.bib', bytes: A() }, { file: 'b.bib', bytes: B2() }])).stats.reusedFiling, 0);
  });

  it('misses what it stored when a seed file changed (the version stays the same between builds)', async () => {
    const root = path.join(dir, 'root');
    fs.cpSync(path.join(ROOT, 'seeds'), path.join(root, 'seeds'), { recursive: true });
    const cacheDir = path.join(dir, 'seeds-cache');
    const load = () => new LibraryWorkerClient(WORKER, { root, cacheDir, version: 'test' });
    const first = load();
    clients.push(first);
    await first.load(['a.bib'], [{ file: 'a.bib', bytes: A() }]);
    const again = load();
    clients.push(again);
    assert.equal((await again.load(['a.bib'], [{ file: 'a.bib', bytes: A() }])).stats.preparedCached, true);
    fs.appendFileSync(path.join(root, 'seeds', 'common-words.txt'), '\n');
    const changed = load();
    clients.push(changed);
    const result = await changed.load(['a.bib'], [{ file: 'a.bib', bytes: A() }]);
    assert.equal(result.stats.preparedCached, false);
  });

  it('delivers thousands of papers whole and in order, and answers loads sent together in order', async () => {
    const count = 2_007;
    const bib = Array.from({ length: count }, (_, i) => `@misc{k${i}, title = {Generated Paper Number ${i} On Orchids}}`).join('\n');
    const c = client();
    const [first, second] = await Promise.all([c.load(['many.bib'], [{ file: 'many.bib', bytes: encode(bib) }]), c.load([], [], false)]);
    assert.equal(first.papers.length, bundled() + count);
    assert.deepEqual(
      titles(first.papers.slice(bundled())),
      Array.from({ length: count }, (_, i) => `Generated Paper Number ${i} On Orchids`),
    );
    assert.deepEqual(second.papers, [], 'no libraries and no bundled papers');
  });

  it('delivers long texts exact, cold and warm: non-ASCII abstracts, names and the index sent as bytes (see wire.ts)', async () => {
    // 800 abstracts of 120 characters with accents and emoji: their text, the names and the
    // search vocabulary are each over the length that travels as bytes.
    const count = 800;
    const abstract = (i: number) => `Gödel-style lattices ${i} of Müller orchids 😀 near Ærø, measured twice and reported with every caveat we could think of.`;
    const bib = Array.from({ length: count }, (_, i) => `@misc{m${i}, title = {Orchid Lattice Study ${i}: Zwölf ${i}}, abstract = {${abstract(i)}}}`).join('\n');
    const cacheDir = path.join(dir, 'wire-cache');
    const seeds = bundledSeeds();
    for (const kind of ['cold', 'warm']) {
      const result = await client(cacheDir).load(['long.bib'], [{ file: 'long.bib', bytes: encode(bib) }]);
      assert.equal(result.stats.preparedCached, kind === 'warm', kind);
      const papers = result.papers.slice(bundled());
      assert.deepEqual(papers.map((p) => p.abstract), Array.from({ length: count }, (_, i) => abstract(i)), kind);
      assert.deepEqual(papers.map((p) => p.title), Array.from({ length: count }, (_, i) => `Orchid Lattice Study ${i}: Zwölf ${i}`), kind);
      const corpus = new Corpus(result.papers, seeds.topics, seeds.isCommonWord, [], seeds.background, result.topics, result.prepared);
      finishSteps(corpus.prepare());
      assert.ok(corpus.restored, `${kind}: the index received fits the papers`);
      assert.equal(corpus.searchIndex.search('orchid lattice study 417 zwölf', 3)[0]?.paper.title, 'Orchid Lattice Study 417: Zwölf 417', kind);
    }
  });

  it('transfers the bytes, and rejects bytes detached by an earlier load instead of hanging', async () => {
    const c = client();
    const bytes = A();
    await c.load(['a.bib'], [{ file: 'a.bib', bytes }]);
    assert.equal(bytes.byteLength, 0, 'transferred, not copied');
    await assert.rejects(c.load(['a.bib'], [{ file: 'a.bib', bytes }]), /detached/);
  });

  it('fails pending and later loads once the worker is stopped', async () => {
    const c = client();
    await c.dispose();
    await assert.rejects(c.load(['a.bib'], [{ file: 'a.bib', bytes: A() }]), /stopped/);
  });
});

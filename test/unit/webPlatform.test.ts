/**
 * What the web extension runs instead of Node's file reads and worker thread: the seeds built
 * from their texts (`core/seeds.ts`), the library load cut into steps and run in slices
 * (`core/library/session.ts`, `runInSlices`), and the web bundle itself, which must reach no
 * Node module.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readTextFile } from '../../src/core/bundled';
import { FileError } from '../../src/core/errors';
import { parseBibtex, parseBibtexSteps } from '../../src/core/library/bibtex';
import { finishSteps, ITEMS_PER_STEP, runInSlices, type Steps } from '../../src/core/steps';
import { LibrarySession, type LibraryInput } from '../../src/core/library/session';
import type { LibraryParse } from '../../src/core/library/entry';
import { originalEntry } from '../../src/core/library';
import { bundledCorpusFrom, SEEDS, seedsFrom, type SeedFile } from '../../src/core/seeds';
import { bundledCorpus, ROOT } from './helpers';

const seed = (file: SeedFile) => readTextFile(path.join(ROOT, file), file);
const encode = (text: string) => new TextEncoder().encode(text);
const BIB = [
  '@article{a1, title = {Orchid Petal Lattices}, author = {Okafor, Ngozi}, year = {2031}}',
  '@misc{broken, title = {Never Closed,',
  '@misc{b1, title = {Fungal Soil Networks}, year = {2030}}',
  '',
].join('\n');

function session(): LibrarySession {
  return new LibrarySession({ listing: () => ({ text: seed(SEEDS.listing), file: SEEDS.listing }), taxonomy: () => ({ text: seed(SEEDS.topics), file: SEEDS.topics }) });
}

describe('seeds from their texts (the web extension)', () => {
  it('builds the same bundled corpus as the files on disk give', () => {
    const fromTexts = bundledCorpusFrom(seed);
    assert.deepEqual(
      fromTexts.papers.map((p) => [p.id, p.title]),
      bundledCorpus().papers.map((p) => [p.id, p.title]),
    );
    assert.deepEqual(fromTexts.topics.map((t) => t.id), bundledCorpus().topics.map((t) => t.id));
  });

  it('works without damaged background statistics, and says why', () => {
    const seeds = seedsFrom((file) => (file === SEEDS.background ? 'not statistics' : seed(file)));
    assert.ok(seeds.backgroundProblem?.includes(SEEDS.background), seeds.backgroundProblem);
    assert.equal(seedsFrom(seed).backgroundProblem, undefined);
  });

  it('throws the reader\'s error naming a seed it cannot read', () => {
    assert.throws(
      () =>
        bundledCorpusFrom((file) => {
          if (file === SEEDS.listing) throw new FileError(file, undefined, 'cannot read: no such file');
          return seed(file);
        }),
      /daily-papers-listing\.txt.*no such file/,
    );
  });
});

describe('a library load in steps (the web extension, which has no worker)', () => {
  it('pauses after each BibTeX entry line and returns what parseBibtex returns', () => {
    const steps = parseBibtexSteps(encode(BIB), 'refs.bib');
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    assert.equal(pauses, 2, 'one pause before each entry line after the first');
    assert.deepEqual(step.value, parseBibtex(encode(BIB), 'refs.bib'));
  });

  it('pauses before every entry line of a large file, and has no long step left once the last is read', () => {
    const entries = 2 * ITEMS_PER_STEP + 1;
    const bib = Array.from({ length: entries }, (_, i) => `@article{k${i},\n  title = {Paper number ${i}},\n  year = {2024}\n}\n`).join('');
    const steps = parseBibtexSteps(encode(bib), 'many.bib');
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    // One before each entry line after the first; each entry is copied out of the file as it is read, so none at the end.
    assert.equal(pauses, entries - 1);
    assert.equal(step.value.entries.length, entries);
    assert.deepEqual(step.value, parseBibtex(encode(bib), 'many.bib'));
  });

  it('loads in slices exactly what a load at once gives', async () => {
    const inputs = (): LibraryInput[] => [
      { file: 'refs.bib', bytes: encode(BIB) },
      { file: 'gone.bib', unreadable: 'no such file' },
    ];
    const atOnce = finishSteps(session().load(['refs.bib', 'gone.bib'], inputs()));
    const stats = { slices: 0, longestMs: 0 };
    const sliced = await runInSlices(session().load(['refs.bib', 'gone.bib'], inputs()), 0, stats);
    assert.deepEqual(sliced.papers, atOnce.papers);
    assert.deepEqual(sliced.topics, atOnce.topics);
    assert.deepEqual(sliced.problems, atOnce.problems);
    assert.equal(sliced.papers.length, bundledCorpus().papers.length + 2);
    assert.deepEqual(
      sliced.problems.map((p) => [p.file, p.line]),
      [
        ['refs.bib', 2],
        ['gone.bib', 1],
      ],
    );
    // A zero-length slice pauses after every step: the entries, merging, and filing in batches.
    assert.ok(stats.slices >= 5, `${stats.slices} slices`);
  });

  it('builds its topic classifier in steps, a topic a step at least, before filing the first paper', () => {
    const topics = JSON.parse(seed(SEEDS.topics)) as { topics: unknown[] };
    const filing = session().classify(bundledCorpus().papers.slice(0, 1));
    let steps = 0;
    let step = filing.next();
    for (; !step.done; step = filing.next()) steps++;
    // Reading the taxonomy, then its topics, then its look-up table, then filing.
    assert.ok(steps > topics.topics.length, `${steps} steps for ${topics.topics.length} topics`);
    assert.deepEqual(step.value.topics, [bundledCorpus().topicsOf(bundledCorpus().papers[0].id).map((t) => t.id)]);
  });

  it('keeps the parse of a file not passed again, and drops files no longer named', () => {
    const s = session();
    finishSteps(s.load(['refs.bib'], [{ file: 'refs.bib', bytes: encode(BIB) }]));
    const again = finishSteps(s.load(['refs.bib'], []));
    assert.equal(again.stats.parsed, 0);
    assert.ok(again.papers.some((p) => p.title === 'Fungal Soil Networks'));
    const none = finishSteps(s.load([], []));
    assert.equal(none.papers.length, bundledCorpus().papers.length);
  });

  it('keeps each parse without its entries\' text as written, which a citation reads from the file again', () => {
    const s = session();
    const first = finishSteps(s.load(['refs.bib'], [{ file: 'refs.bib', bytes: encode(BIB) }]));
    // What the session holds for the next load (private): at 50,000 entries the text as written was 36 MB of it.
    const kept = (s as unknown as { parses: Map<string, LibraryParse> }).parses.get('refs.bib')!;
    assert.deepEqual(kept.entries.map((e) => [e.key, e.original]), [['a1', undefined], ['b1', undefined]]);
    // The papers still know where their entries stand, to read them from the file.
    const a1 = first.papers.find((p) => p.keys?.includes('a1'))!;
    assert.equal(originalEntry(BIB, a1.sources!.find((x) => x.format === 'bibtex')!), BIB.split('\n')[0]);
  });

  it('runInSlices waits for the pause only once a slice has run its time', async () => {
    let pauses = 0;
    function* steps(n: number): Steps<number> {
      for (let i = 0; i < n; i++) yield;
      return n;
    }
    const pause = async () => {
      pauses++;
    };
    assert.equal(await runInSlices(steps(50), 0, undefined, pause), 50);
    assert.equal(pauses, 50);
    pauses = 0;
    const stats = { slices: 0, longestMs: 0 };
    assert.equal(await runInSlices(steps(50), 60_000, stats, pause), 50);
    assert.deepEqual([pauses, stats.slices], [0, 1]);
  });
});

describe('the web bundle', () => {
  it('reaches no Node module (dist/web/extension.js, built by npm run test:unit)', () => {
    const bundle = fs.readFileSync(path.join(ROOT, 'dist', 'web', 'extension.js'), 'utf8');
    const required = new Set([...bundle.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]));
    // `util` is asked for behind a guard by a bundled library (`freeModule.require("util")`), never reached in a worker.
    required.delete('util');
    assert.deepEqual([...required], ['vscode']);
    assert.ok(!/["']node:/.test(bundle), 'a node: import');
  });
});

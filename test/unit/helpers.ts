/** Shared fixtures for the unit tests: the real bundled corpus, loaded once. */
import { forEachWord, type Occurrence, type PaperProfile } from '../../src/core/evidence';
import * as fs from 'node:fs';
import { loadBundledCorpus, loadSeeds } from '../../src/core/bundled';
import { Corpus } from '../../src/core/corpus';
import { LISTING_FILE, REPO_ROOT } from '../shared/bundledData';

export { BUNDLED_MULTI_TOPIC_PAPERS, BUNDLED_PAPER_COUNT, BUNDLED_TOPIC_SIZES } from '../shared/bundledData';

/** The repository root (tests run from `out/test/unit/`). */
export const ROOT = REPO_ROOT;
export const LISTING = LISTING_FILE;

/**
 * Test fixtures (the bundled corpus, indexes, parsed seeds) are built on first use inside a
 * test, never while the test files load, and cached. Under StrykerJS (whose test processes carry
 * `STRYKER_MUTATOR_WORKER`) the cache follows Stryker's two phases:
 *
 * - In its first run, which records which tests reach which code, each test builds the fixtures
 *   afresh, so the building is attributed to every test that uses the fixture. Built once for
 *   the suite, it would be attributed to one test only, and a mutant in, say, name derivation
 *   would then be checked by that one test.
 * - While a mutant is switched on (`__stryker__.activeMutant`), the fixtures are built once per
 *   mutant, with the mutant active, and shared by the tests run for it: rebuilt for each test,
 *   a run over the core was estimated at 16 hours.
 *
 * Fixtures built while the files load would run the core's code outside any test: Stryker then
 * counts each mutant there as "static" and re-runs the whole suite in a fresh process for it.
 * Outside Stryker the cache lives as long as the process, as the unit suite needs it to be fast.
 */
const UNDER_STRYKER = process.env.STRYKER_MUTATOR_WORKER !== undefined;

/** The mutant Stryker has switched on (undefined outside Stryker and in its first run). */
function activeMutant(): string | undefined {
  return (globalThis as { __stryker__?: { activeMutant?: string } }).__stryker__?.activeMutant;
}

const fixtures: Array<{ reset(): void }> = [];

/**
 * A lazily built test fixture: `lazily(build)()` returns the value, built on first use (within
 * a test, never while the file loads) and then cached; under Stryker as described above.
 */
export function lazily<T>(build: () => T): () => T {
  let built: { value: T; mutant: string | undefined } | undefined;
  fixtures.push({ reset: () => (built = undefined) });
  return () => {
    const mutant = activeMutant();
    if (!built || built.mutant !== mutant) built = { value: build(), mutant };
    return built.value;
  };
}

if (UNDER_STRYKER) {
  // A root hook (outside every describe): in Stryker's first run, forget after each test what
  // the test built. Only assignments run here; no code under test.
  afterEach(() => {
    if (activeMutant() === undefined) for (const f of fixtures) f.reset();
  });
}

/** The bundled corpus, with its names, topics and indexes computed lazily on use. */
export const bundledCorpus: () => Corpus = lazily(() => loadBundledCorpus(ROOT));

export function readListing(): string {
  return fs.readFileSync(LISTING, 'utf8');
}

/** The paper whose title starts with `prefix` (fails loudly when there is none). */
export function paperTitled(prefix: string) {
  const p = bundledCorpus().papers.find((x) => x.title.startsWith(prefix));
  if (!p) throw new Error(`no bundled paper titled "${prefix}..."`);
  return p;
}

/** The bundled taxonomy and everyday-word list, as every corpus gets them (`loadSeeds`). */
export const bundledSeeds = lazily(() => loadSeeds(ROOT));

/** A corpus of the given papers with the bundled taxonomy and vocabulary. */
export function corpusOf(papers: ReadonlyArray<{ title: string; abstract: string }>): Corpus {
  const text = papers.map((p) => `${p.title}\n\n${p.abstract}\n`).join('\n');
  const { topics, isCommonWord } = bundledSeeds();
  return Corpus.fromListing(text, 'test.txt', topics, isCommonWord);
}

/**
 * The plain reading of a context window, as `TextEvidence.score` reads it: the distinct words from
 * `from` to `to` except those of `skip`, and the weight of the paper's words among them (none for
 * the name's own words, `own`). The evidence tests compare the sliding tallies with it.
 */
export function readPlainly(profile: PaperProfile, own: Set<number>, text: string, from: number, to: number, skip: Occurrence): { score: number; distinct: number } {
  const seen = new Set<number>();
  let score = 0;
  forEachWord(text, from, to, (h, s) => {
    if (s >= skip.start && s < skip.end) return;
    if (seen.has(h)) return;
    seen.add(h);
    if (!own.has(h)) score += profile.terms.get(h) ?? 0;
  });
  return { score, distinct: seen.size };
}

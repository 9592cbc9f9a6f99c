/** Shared fixtures for the unit tests: the real bundled corpus, loaded once. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadBundledCorpus } from '../../src/core/bundled';
import { Corpus } from '../../src/core/corpus';
import { commonWordsFrom } from '../../src/core/names';
import { parseTaxonomy } from '../../src/core/topics';
import { LISTING_FILE, REPO_ROOT } from '../shared/bundledData';

export { BUNDLED_MULTI_TOPIC_PAPERS, BUNDLED_PAPER_COUNT, BUNDLED_TOPIC_SIZES } from '../shared/bundledData';

/** The repository root (tests run from `out/test/unit/`). */
export const ROOT = REPO_ROOT;
export const LISTING = LISTING_FILE;

let corpus: Corpus | undefined;

export function bundledCorpus(): Corpus {
  return (corpus ??= loadBundledCorpus(ROOT));
}

export function readListing(): string {
  return fs.readFileSync(LISTING, 'utf8');
}

/** The paper whose title starts with `prefix` (fails loudly when there is none). */
export function paperTitled(prefix: string) {
  const p = bundledCorpus().papers.find((x) => x.title.startsWith(prefix));
  if (!p) throw new Error(`no bundled paper titled "${prefix}..."`);
  return p;
}

/** A corpus of the given papers with the bundled taxonomy and vocabulary. */
export function corpusOf(papers: ReadonlyArray<{ title: string; abstract: string }>): Corpus {
  const text = papers.map((p) => `${p.title}\n\n${p.abstract}\n`).join('\n');
  const file = path.join(ROOT, 'seeds', 'topics.json');
  const topics = parseTaxonomy(fs.readFileSync(file, 'utf8'), 'seeds/topics.json');
  const common = commonWordsFrom(fs.readFileSync(path.join(ROOT, 'seeds', 'common-words.txt'), 'utf8'));
  return Corpus.fromListing(text, 'test.txt', topics, common);
}

/**
 * Search benchmark: Paper Lens' `SearchIndex` against plain fuse.js on the same papers and
 * the same queries. `bench.ts` calls `benchSearch` per corpus size and prints the table.
 *
 * The queries are derived from the papers deterministically (see `benchQueries`), so every
 * run and every machine asks the same questions of the same corpus, and each query has one
 * right answer: the paper it was made from.
 */
import Fuse from 'fuse.js';
import { methodNamesOf, shortNameOf } from '../src/core/names';
import { SearchIndex, type SearchDoc } from '../src/core/search';
import { splitWords, TermTable } from '../src/core/tokens';
import type { Paper, PaperName, Topic } from '../src/core/types';

/** What one `benchSearch` run measured. Times in milliseconds, memory in MB (10^6 bytes). */
export interface SearchBenchRow {
  readonly label: string;
  readonly papers: number;
  /** Queries asked of Paper Lens' index (all of `benchQueries`). */
  readonly queries: number;
  /** `new SearchIndex(docs)`, once. */
  readonly buildMs: number;
  /** Median and 95th percentile over every timed query run (each query: 1 warm-up, then 5 timed). */
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** Queries whose first result is the paper the query was made from. */
  readonly rightFirst: number;
  /** Heap plus array buffers the index retains; NaN unless node runs with `--expose-gc`. */
  readonly heapMB: number;
  /** The same for plain fuse.js (keys title weight 3 + abstract weight 1, default options). */
  readonly fuseQueries: number;
  readonly fuseBuildMs: number;
  readonly fuseP50Ms: number;
  readonly fuseP95Ms: number;
  readonly fuseRightFirst: number;
  readonly fuseHeapMB: number;
  /** Queries Paper Lens did not rank first, as `kind "query" → first title (or "no result")`. */
  readonly misses: readonly string[];
}

/** One benchmark query and the paper it was made from. */
export interface BenchQuery {
  readonly query: string;
  readonly kind: 'name' | 'title words' | 'typo' | 'any order' | 'abstract end';
  readonly paperId: string;
}

/** Where names and topics come from when a corpus is at hand (a `Corpus` fits). */
export interface NameSource {
  namesOf(id: string): readonly PaperName[];
  topicsOf(id: string): readonly Topic[];
}

export interface SearchBenchOptions {
  /** Queries to run through plain fuse.js; default all 16 up to 10,000 papers, else 4 (~2 s each at 50k). */
  readonly fuseQueries?: number;
}

const QUERY_COUNT = 16;

/**
 * The documents the extension would index: names and topics from `corpus` when given (as
 * `Corpus.searchIndex` does), else names derived from the title and abstract and no topics.
 */
export function searchDocsOf(papers: readonly Paper[], corpus?: NameSource): SearchDoc[] {
  return papers.map((paper) =>
    corpus
      ? {
          paper,
          names: corpus.namesOf(paper.id).filter((n) => n.kind !== 'title').map((n) => n.text),
          topics: corpus.topicsOf(paper.id).map((t) => t.label),
        }
      : { paper, names: [...new Set([shortNameOf(paper.title) ?? [], methodNamesOf(paper.abstract)].flat())], topics: [] },
  );
}

/**
 * `count` (sixteen) realistic queries made from as many papers spread evenly over the list, four kinds
 * in turn: the short name when the title has one (else its two rarest words), the two rarest
 * title words with a typo (two middle letters swapped), the three rarest title words in
 * reverse order, and the three rarest words of the abstract's last 200 characters, links
 * left out (plain fuse.js never reads that far). "Rarest" is by document frequency over the whole list.
 */
export function benchQueries(papers: readonly Paper[], count = QUERY_COUNT): BenchQuery[] {
  if (papers.length === 0) return [];
  const df = documentFrequencies(papers);
  const rarest = (text: string, count: number, minLength: number) => {
    const words = splitWords(text)
      .flatMap((c) => c.parts)
      .filter((w) => w.term.length >= minLength && !/^\d+$/.test(w.term))
      .map((w, position) => ({ text: text.slice(w.start, w.end), term: w.term, position }));
    const unique = words.filter((w, i) => words.findIndex((x) => x.term === w.term) === i);
    return unique
      .sort((a, b) => (df.get(a.term) ?? 0) - (df.get(b.term) ?? 0) || a.position - b.position)
      .slice(0, count)
      .sort((a, b) => a.position - b.position)
      .map((w) => w.text);
  };
  const out: BenchQuery[] = [];
  for (let k = 0; k < count; k++) {
    const paper = papers[Math.floor(((k + 0.5) * papers.length) / count)];
    const add = (kind: BenchQuery['kind'], words: string[]) => {
      if (words.length) out.push({ query: words.join(' '), kind, paperId: paper.id });
    };
    switch (k % 4) {
      case 0: {
        const name = shortNameOf(paper.title);
        if (name) add('name', [name]);
        else add('title words', rarest(paper.title, 2, 4));
        break;
      }
      case 1: {
        const words = rarest(paper.title, 2, 4);
        const longest = words.reduce((best, w, i) => (w.length > words[best].length ? i : best), 0);
        if (words.length) words[longest] = withTypo(words[longest]);
        add('typo', words);
        break;
      }
      case 2:
        add('any order', rarest(paper.title, 3, 4).reverse());
        break;
      default:
        add('abstract end', rarest(abstractEnd(paper.abstract), 3, 5));
    }
  }
  return out;
}

/** Measures Paper Lens' index and plain fuse.js on `papers`. See `SearchBenchRow` for the fields. */
export async function benchSearch(papers: readonly Paper[], label: string, corpus?: NameSource, options: SearchBenchOptions = {}): Promise<SearchBenchRow> {
  const queries = benchQueries(papers);
  const docs = searchDocsOf(papers, corpus);

  // Paper Lens
  let before = await retainedMB();
  let t = performance.now();
  const index = new SearchIndex(docs);
  const buildMs = performance.now() - t;
  const heapMB = (await retainedMB()) - before;
  const times: number[] = [];
  let rightFirst = 0;
  const misses: string[] = [];
  for (const q of queries) {
    const first = index.search(q.query)[0];
    if (first?.paper.id === q.paperId) rightFirst++;
    else misses.push(`${q.kind} "${q.query}" → ${first ? first.paper.title : 'no result'}`);
    for (let r = 0; r < 5; r++) {
      t = performance.now();
      index.search(q.query);
      times.push(performance.now() - t);
    }
    await tick();
  }

  // Plain fuse.js, as the issue describes it: title (3) + abstract (1), default options.
  const fuseCount = Math.min(queries.length, options.fuseQueries ?? (papers.length <= 10_000 ? queries.length : 4));
  before = await retainedMB();
  t = performance.now();
  const fuse = new Fuse(papers, { keys: [{ name: 'title', weight: 3 }, { name: 'abstract', weight: 1 }] });
  const fuseBuildMs = performance.now() - t;
  const fuseHeapMB = (await retainedMB()) - before;
  const fuseTimes: number[] = [];
  let fuseRightFirst = 0;
  for (const q of queries.slice(0, fuseCount)) {
    t = performance.now();
    const first = fuse.search(q.query, { limit: 20 })[0];
    fuseTimes.push(performance.now() - t);
    if (first?.item.id === q.paperId) fuseRightFirst++;
    await tick();
  }
  if (index.size < 0 || fuse.getIndex().size() < 0) throw new Error('unreachable: keeps both indexes alive until measured');

  return {
    label,
    papers: papers.length,
    queries: queries.length,
    buildMs,
    p50Ms: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    rightFirst,
    heapMB,
    fuseQueries: fuseCount,
    fuseBuildMs,
    fuseP50Ms: percentile(fuseTimes, 0.5),
    fuseP95Ms: percentile(fuseTimes, 0.95),
    fuseRightFirst,
    fuseHeapMB,
    misses,
  };
}

/** The abstract's last 200 characters or so, from a word start, links left out. */
function abstractEnd(abstract: string): string {
  const tail = abstract.slice(-200);
  const from = abstract.length > 200 ? tail.search(/\s/) + 1 : 0;
  return tail.slice(from).replace(/\S*(?:https?:\/\/|www\.)\S*/g, ' ');
}

/** `word` with its two middle letters swapped (or, when they are equal, one of them dropped). */
function withTypo(word: string): string {
  if (word.length < 4) return word;
  const i = Math.floor(word.length / 2) - 1;
  if (word[i] === word[i + 1]) return word.slice(0, i) + word.slice(i + 1);
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

/** Number of papers whose title or abstract contains each term. */
function documentFrequencies(papers: readonly Paper[]): Map<string, number> {
  const table = new TermTable();
  let counts = new Int32Array(1024);
  let lastPaper = new Int32Array(1024).fill(-1);
  papers.forEach((paper, p) => {
    for (const text of [paper.title, paper.abstract]) {
      const n = table.collect(text);
      if (table.size > counts.length) {
        const size = Math.max(table.size, counts.length * 2);
        const c = new Int32Array(size);
        c.set(counts);
        counts = c;
        const l = new Int32Array(size).fill(-1);
        l.set(lastPaper);
        lastPaper = l;
      }
      for (let k = 0; k < n; k++) {
        const id = table.ids[k];
        if (lastPaper[id] !== p) {
          lastPaper[id] = p;
          counts[id]++;
        }
      }
    }
  });
  return new Map(Array.from({ length: table.terms.length }, (_, id) => [table.terms.at(id)!, counts[id]]));
}

function percentile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * Heap plus array buffers in use after a full collection; NaN without `--expose-gc`. V8
 * releases the memory of collected array buffers a little later: wait for it, or a build's
 * temporary buffers would count as retained.
 */
async function retainedMB(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return NaN;
  gc();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1e6;
}

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

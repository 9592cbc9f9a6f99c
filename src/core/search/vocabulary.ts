/**
 * The search vocabulary: typo tolerance and prefix completion. Both work on the indexed
 * terms, never on the documents, so a query word costs a few lookups whatever the corpus size.
 */
import type { Texts } from '../prepared';
import { ITEMS_PER_STEP, Pace, sortInSteps, touchInSteps, type Steps } from '../steps';
import { fnv1a } from '../text';
import { FarArray, RangeCache, rangeOf, type Ranged } from '../farArrays';

/** Vocabulary terms longer than this take no part in typo matching. */
const MAX_FUZZY_TERM = 24;
/** Typo tolerance: query words of this length get one edit, of `FUZZY_TWO_EDITS` two. */
export const FUZZY_ONE_EDIT = 4;
const FUZZY_TWO_EDITS = 8;
/** At most this many typo variants and prefix completions per query word (most frequent first). */
const MAX_VARIANTS = 24;
const MAX_COMPLETIONS = 32;
/** The shortest last word that gets prefix completions. */
const MIN_PREFIX = 2;

/** A `Vocabulary`'s tables as plain data; the typo table may stay on the disk (see `core/farArrays.ts`). */
export interface VocabularyData {
  readonly sortedTermIds: Int32Array;
  readonly delStart: Ranged<Int32Array>;
  readonly delTerm: Ranged<Int32Array>;
  readonly delMask: number;
}

/** The typo table's buckets read from the disk kept for the next queries (see `RangeCache`): a query word reads a few dozen of a few terms each. */
const BUCKETS_KEPT_BYTES = 1 << 20;

/** Typo variants and completions of query words among the indexed terms. */
export class Vocabulary {
  /** Term ids in their texts' code-unit order, for prefix completion. */
  private readonly sortedTermIds: Int32Array;
  /** Symmetric-deletion table: hash of a term with ≤ 1 character deleted → terms, CSR by bucket. */
  private readonly delStart: Ranged<Int32Array>;
  private readonly delTerm: Ranged<Int32Array>;
  private readonly delMask: number;
  /** The buckets read from the disk lately, where the table stays there. */
  private readonly kept: RangeCache<readonly [Int32Array]> | undefined;

  /**
   * `terms[id]` is term `id`'s text; `idOf` its inverse; `df` how many documents hold a term.
   * `atOnce`: for a caller that runs the steps without pausing (`finishSteps`), the terms are
   * sorted in one native sort, 0.15 s at 280,000 terms where the steps' merge sort took 0.5 s.
   */
  static *build(texts: Texts, idOf: (term: string) => number, df: (term: number) => number, atOnce = false): Steps<Vocabulary> {
    // A build's terms are the term table's array already, used as they are; other texts are
    // cut out in steps (copying a million terms at 200,000 papers held the thread for 90 ms).
    let terms: readonly string[];
    if (Array.isArray(texts)) terms = texts as readonly string[];
    else {
      const cut = new Array<string>(texts.length);
      const pace = new Pace(ITEMS_PER_STEP * 16);
      for (let k = 0; k < cut.length; k++) {
        cut[k] = texts.at(k)!;
        if (pace.tickCheap(k)) yield* pace.pause();
      }
      terms = cut;
    }
    const vocabulary = terms.length;
    // The default order is code-unit order, as `sortInSteps`' (the terms are distinct).
    const sortedTerms = atOnce ? terms.slice().sort() : yield* sortInSteps(terms.slice());
    const sortedTermIds = new Int32Array(vocabulary);
    for (let i = 0; i < vocabulary; i++) {
      sortedTermIds[i] = idOf(sortedTerms[i]);
      if (i % (ITEMS_PER_STEP * 16) === 0) yield;
    }
    const deletions = yield* buildDeletionTable(terms);
    return new Vocabulary(terms, df, sortedTermIds, deletions);
  }

  private constructor(
    private readonly terms: Texts,
    private readonly df: (term: number) => number,
    sortedTermIds: Int32Array,
    deletions: { start: Ranged<Int32Array>; terms: Ranged<Int32Array>; mask: number },
  ) {
    this.sortedTermIds = sortedTermIds;
    this.delStart = deletions.start;
    this.delTerm = deletions.terms;
    this.delMask = deletions.mask;
    this.kept = deletions.start instanceof FarArray || deletions.terms instanceof FarArray ? new RangeCache(BUCKETS_KEPT_BYTES) : undefined;
  }

  /** The terms under `bucket` in the typo table: a view of it in memory, else read (and kept a while). */
  private bucket(bucket: number): Int32Array {
    const read = () => {
      const [from, to] = rangeOf(this.delStart, bucket, bucket + 2);
      return [rangeOf(this.delTerm, from, to)] as const;
    };
    return (this.kept ? this.kept.get(bucket, read) : read())[0];
  }

  /** The tables as plain data (see `core/prepared.ts`); the terms and their counts are the index's. */
  toData(): VocabularyData {
    return { sortedTermIds: this.sortedTermIds, delStart: this.delStart, delTerm: this.delTerm, delMask: this.delMask };
  }

  /** The vocabulary `toData` gave, over `terms` (whose ids `data` holds), in steps. */
  static *restore(terms: Texts, df: (term: number) => number, data: VocabularyData): Steps<Vocabulary> {
    const ids = data.sortedTermIds;
    if (ids.length !== terms.length) throw new Error(`prepared search index: ${ids.length} sorted terms, not ${terms.length}`);
    const buckets = data.delMask + 1;
    if (!(buckets > 0 && (buckets & data.delMask) === 0 && data.delStart.length === buckets + 1)) throw new Error(`prepared search index: a typo table of ${data.delStart.length - 1} buckets under the mask ${data.delMask}`);
    for (let i = 0; i < ids.length; i++) {
      if (!(ids[i] >= 0 && ids[i] < terms.length)) throw new Error(`prepared search index: no term ${ids[i]}`);
      if (i % (ITEMS_PER_STEP * 64) === 0) yield;
    }
    return new Vocabulary(terms, df, ids, { start: data.delStart, terms: data.delTerm, mask: data.delMask });
  }

  /** Vocabulary terms within a small edit distance of `word` (not `word` itself), most frequent first. */
  typoVariants(word: string): Array<[number, number]> {
    if (word.length < FUZZY_ONE_EDIT || word.length > MAX_FUZZY_TERM || isNumber(word)) return [];
    const maxDistance = word.length >= FUZZY_TWO_EDITS ? 2 : 1;
    const variants = new Set<string>([word]);
    for (const v of deletionsOf(word)) {
      variants.add(v);
      if (maxDistance === 2) for (const vv of deletionsOf(v)) variants.add(vv);
    }
    const seen = new Set<number>();
    const found: Array<[number, number]> = [];
    for (const v of variants) {
      const bucket = this.bucket(fnv1a(v) & this.delMask);
      for (let k = 0; k < bucket.length; k++) {
        const term = bucket[k];
        if (seen.has(term)) continue;
        seen.add(term);
        const text = this.terms.at(term)!;
        if (text === word) continue;
        const distance = editDistance(word, text, maxDistance);
        if (distance <= maxDistance) found.push([term, distance]);
      }
    }
    found.sort((a, b) => a[1] - b[1] || this.df(b[0]) - this.df(a[0]) || a[0] - b[0]);
    return found.slice(0, MAX_VARIANTS);
  }

  /** Vocabulary terms that start with `prefix` and are longer, most frequent first. */
  completions(prefix: string): number[] {
    if (prefix.length < MIN_PREFIX) return [];
    const ids = this.sortedTermIds;
    const textAt = (i: number) => this.terms.at(ids[i])!;
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (textAt(mid) < prefix) lo = mid + 1;
      else hi = mid;
    }
    // The most frequent completions, kept sorted (df descending, then id) while scanning.
    const out: number[] = [];
    const before = (a: number, b: number): boolean => this.df(a) > this.df(b) || (this.df(a) === this.df(b) && a < b);
    for (let i = lo; i < ids.length; i++) {
      const text = textAt(i);
      if (!text.startsWith(prefix)) break;
      if (text.length === prefix.length) continue;
      const term = ids[i];
      if (out.length === MAX_COMPLETIONS) {
        if (!before(term, out[MAX_COMPLETIONS - 1])) continue;
        out.pop();
      }
      let at = out.length;
      while (at > 0 && before(term, out[at - 1])) at--;
      out.splice(at, 0, term);
    }
    return out;
  }
}

export function isNumber(term: string): boolean {
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Deletion-table entries placed between two yields. */
const ENTRIES_PER_STEP = 1 << 18;

/**
 * Every eligible term under the hash of itself and of each one-character deletion, bucketed.
 * A query word's own deletions (one or two) looked up here find terms within one or two
 * edits, transpositions included, without touching the rest of the vocabulary.
 */
function* buildDeletionTable(terms: readonly string[]): Steps<{ start: Int32Array; terms: Int32Array; mask: number }> {
  const eligible = (t: string): boolean => t.length >= 3 && t.length <= MAX_FUZZY_TERM && !isNumber(t);
  let entries = 0;
  for (let id = 0; id < terms.length; id++) if (eligible(terms[id])) entries += terms[id].length + 1;
  // About four entries per bucket: a 4x smaller bucket array stays in cache while it is
  // filled, and a lookup only verifies a few more candidates.
  let buckets = 1;
  while (buckets * 4 < entries) buckets *= 2;
  const mask = buckets - 1;
  const hashes = new Int32Array(entries);
  const owners = new Int32Array(entries);
  const start = new Int32Array(buckets + 1);
  let e = 0;
  // A term takes well under a microsecond: the clock is read once per 256 (see `Pace`).
  const pace = new Pace(ITEMS_PER_STEP * 16);
  for (let id = 0; id < terms.length; id++) {
    if (pace.tickCheap(id)) yield* pace.pause();
    const t = terms[id];
    if (!eligible(t)) continue;
    for (let skip = -1; skip < t.length; skip++) {
      // Deleting either of two equal neighbours gives the same string: store it once.
      if (skip > 0 && t.charCodeAt(skip) === t.charCodeAt(skip - 1)) continue;
      const bucket = fnv1a(t, skip) & mask;
      hashes[e] = bucket;
      owners[e] = id;
      start[bucket + 1]++;
      e++;
    }
  }
  yield;
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
  const cursor = start.slice(0, buckets);
  const out = new Int32Array(e);
  yield* touchInSteps(out);
  const scatter = new Pace(ENTRIES_PER_STEP);
  for (let i = 0; i < e; i++) {
    out[cursor[hashes[i]]++] = owners[i];
    // Random writes over megabytes: at 50,000 papers, one step of 30-45 ms without a break,
    // and 17-21 ms for the first of 2^18 entries.
    if (scatter.tickCheap(i)) yield* scatter.pause();
  }
  return { start, terms: out, mask };
}

/** Optimal-string-alignment distance (adjacent transposition = 1), or `max + 1` once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = a.length;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prevPrev[j - 2] + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, cur] = [prev, cur, prevPrev];
  }
  return prev[n];
}

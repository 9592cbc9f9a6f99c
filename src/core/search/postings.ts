/**
 * Postings and scoring: a lean inverted index (term → posting list of documents with a
 * quantised BM25 impact, in CSR layout) and the per-query walk that sums each query word's
 * best score per document and picks the candidates for ranking.
 */
import { namedAuthors, type Paper } from '../types';
import type { Texts } from '../prepared';
import type { TermTable } from '../tokens';
import { Pace, touchInSteps, type Steps } from '../steps';
import { FarArray, RangeCache, rangeOf, type Ranged } from '../farArrays';

/** Documents tokenised between two yields of `Postings.build` (about 2 ms at 50,000 papers). */
const DOCS_PER_STEP = 64;
/**
 * The (term, document) pairs are kept in chunks of this many (1 MB a list), also the pairs
 * counted between two yields (a few milliseconds). At 50,000 papers there are 7 million pairs:
 * one array sized for them up front (71 MB, for the two lists) made a step of 0.1 s, a full
 * collection and the page faults of its first touches; growing one by doubling copied them.
 */
const PAIR_CHUNK_BITS = 18;
const PAIR_CHUNK = 1 << PAIR_CHUNK_BITS;

/** One searchable paper: the paper plus the names and topic labels it is known by. */
export interface SearchDoc {
  readonly paper: Paper;
  /** Short names and method names (`DataComp`, `LoRAT`). */
  readonly names: readonly string[];
  /** Topic labels (not ids), e.g. `Parameter-efficient fine-tuning`. */
  readonly topics: readonly string[];
}

/** How much one occurrence counts toward a term's frequency, per field (BM25F-style). */
const WEIGHT_TITLE = 3;
const WEIGHT_NAMES = 4;
const WEIGHT_TOPICS = 2;
const WEIGHT_ABSTRACT = 1;
/**
 * A library paper's authors, citation keys and year. They count toward term frequency but not
 * toward the document's length: a paper with many authors is not a longer text to match in.
 */
const WEIGHT_AUTHORS = 3;
const WEIGHT_KEYS = 4;
const WEIGHT_YEAR = 1;

const BM25_K1 = 1.2;
const BM25_B = 0.75;
/** Impacts (the tf part of BM25, in (0, k1 + 1)) are stored in a byte: 255 steps rank as well as floats. */
const IMPACT_SCALE = 255 / (BM25_K1 + 1);

/** One way a query word can match: a term, or two terms that must both occur (a split compound). */
export interface Alternative {
  readonly term: number;
  readonly second: number;
  readonly weight: number;
}

/** The alternatives of one query word; a document scores its best alternative. */
export type Slot = Alternative[];

export const NO_TERM = -1;

/**
 * The documents' numbers in the posting lists: two bytes each where every number fits (65,536
 * documents or fewer), else four. At 50,000 papers the lists hold 7.5 million postings: 15 MB
 * less to store, read back on a warm start and hold.
 */
export type DocNumbers = Uint16Array | Int32Array;

/**
 * `Postings` as plain data. The lists themselves may stay on the disk (a stored index read by
 * the editor: see `core/farArrays.ts`), each read as a query asks for its term.
 */
export interface PostingsData {
  readonly n: number;
  readonly postStart: Int32Array;
  readonly postDoc: Ranged<DocNumbers>;
  readonly postImpact: Ranged<Uint8Array>;
  readonly idf: Float32Array;
}

/**
 * The posting lists read from the disk kept for the next queries (see `RangeCache`): 4 MB, a
 * few hundred lists at 50,000 papers, where a query reads a few dozen.
 */
const LISTS_KEPT_BYTES = 4 << 20;

/** Posting lists over a fixed list of documents, with per-query scratch sized to them once. */
export class Postings {
  /** Number of documents. */
  readonly size: number;
  // Set by the constructor's parameters: `terms`, term texts by id as `vocab` interned them;
  // the posting lists in CSR layout (documents of term t are postDoc[postStart[t] ..
  // postStart[t + 1]) with their impacts); each term's idf.

  // Per-query scratch. After `accumulate`, `total` and `hits` hold each touched document's
  // BM25 sum and matched-slot count until `reset`.
  private readonly slotBest: Float32Array;
  readonly total: Float32Array;
  readonly hits: Uint8Array;
  private readonly touched: Int32Array;
  private readonly slotTouched: Int32Array;
  private readonly pairMark: Int32Array;
  private readonly pairScore: Float32Array;
  private pairStamp = 0;
  /** The lists read from the disk lately, where they stay there. */
  private readonly kept: RangeCache<readonly [DocNumbers, Uint8Array]> | undefined;

  /** Tokenises every document's fields into `vocab` (which interns the terms) and builds the lists. */
  static *build(docs: readonly SearchDoc[], vocab: TermTable, expectedTerms = 1 << 15): Steps<Postings> {
    const n = docs.length;

    // 1. Tokenise every document into (term, weighted tf) pairs, interning terms. The tables by
    // term are sized for the terms expected (growing copies them in one step).
    let capacity = 1 << 15;
    while (capacity < expectedTerms) capacity *= 2;
    let lastDoc = new Int32Array(capacity).fill(-1);
    let slotOf = new Int32Array(capacity);
    const pairs = new PairChunks();
    const pairEnd = new Int32Array(n);
    const docLength = new Float32Array(n);
    const addField = (doc: number, text: string, weight: number): number => {
      const count = vocab.collect(text);
      const ids = vocab.ids;
      if (vocab.size > capacity) {
        while (capacity < vocab.size) capacity *= 2;
        lastDoc = grow(lastDoc, capacity, -1);
        slotOf = grow(slotOf, capacity, 0);
      }
      for (let k = 0; k < count; k++) {
        const id = ids[k];
        if (lastDoc[id] !== doc) {
          lastDoc[id] = doc;
          slotOf[id] = pairs.add(id, weight);
        } else {
          pairs.addTf(slotOf[id], weight);
        }
      }
      return count * weight;
    };
    const pace = new Pace(DOCS_PER_STEP);
    for (let doc = 0; doc < n; doc++) {
      const d = docs[doc];
      let length = addField(doc, d.paper.title, WEIGHT_TITLE);
      for (const name of d.names) length += addField(doc, name, WEIGHT_NAMES);
      for (const topic of d.topics) length += addField(doc, topic, WEIGHT_TOPICS);
      length += addField(doc, d.paper.abstract, WEIGHT_ABSTRACT);
      const { authors, keys, year } = d.paper;
      for (const author of namedAuthors(authors).names) addField(doc, author, WEIGHT_AUTHORS);
      for (const key of keys ?? []) addField(doc, key, WEIGHT_KEYS);
      if (year !== undefined) addField(doc, String(year), WEIGHT_YEAR);
      docLength[doc] = length;
      pairEnd[doc] = pairs.size;
      if (pace.tick()) yield* pace.pause();
    }
    yield;
    const terms = vocab.terms;

    // 2. Posting lists in CSR form, documents ascending, with quantised BM25 impacts.
    const vocabulary = terms.length;
    const postStart = new Int32Array(vocabulary + 1);
    for (let c = 0; c < pairs.terms.length; c++) {
      const chunk = pairs.terms[c];
      const end = Math.min(PAIR_CHUNK, pairs.size - c * PAIR_CHUNK);
      for (let k = 0; k < end; k++) postStart[chunk[k] + 1]++;
      yield;
    }
    for (let t = 0; t < vocabulary; t++) postStart[t + 1] += postStart[t];
    yield;
    const postDoc: DocNumbers = n <= 0x10000 ? new Uint16Array(pairs.size) : new Int32Array(pairs.size);
    const postImpact = new Uint8Array(pairs.size);
    // Touched in order first: the scattered writes below would touch every page at once.
    yield* touchInSteps(postDoc);
    yield* touchInSteps(postImpact);
    const cursor = postStart.slice(0, vocabulary);
    let lengthSum = 0;
    for (let i = 0; i < n; i++) lengthSum += docLength[i];
    const averageLength = n > 0 ? lengthSum / n || 1 : 1;
    let k = 0;
    const scatter = new Pace(DOCS_PER_STEP * 4);
    for (let i = 0; i < n; i++) {
      const norm = BM25_K1 * (1 - BM25_B + (BM25_B * docLength[i]) / averageLength);
      for (const end = pairEnd[i]; k < end; k++) {
        const tf = pairs.tfAt(k);
        const at = cursor[pairs.termAt(k)]++;
        postDoc[at] = i;
        postImpact[at] = Math.max(1, Math.round(((tf * (BM25_K1 + 1)) / (tf + norm)) * IMPACT_SCALE));
      }
      // 256 papers a step: their pairs' writes land all over the lists (5-10 ms at 50,000
      // papers, and 25-35 ms in the first steps, before the loop is compiled).
      if (scatter.tick()) yield* scatter.pause();
    }
    yield;
    const idf = new Float32Array(vocabulary);
    for (let t = 0; t < vocabulary; t++) {
      const df = postStart[t + 1] - postStart[t];
      idf[t] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }
    return new Postings(n, terms, postStart, postDoc, postImpact, idf);
  }

  private constructor(
    n: number,
    readonly terms: Texts,
    private readonly postStart: Int32Array,
    private readonly postDoc: Ranged<DocNumbers>,
    private readonly postImpact: Ranged<Uint8Array>,
    private readonly idf: Float32Array,
  ) {
    this.size = n;
    this.kept = postDoc instanceof FarArray || postImpact instanceof FarArray ? new RangeCache(LISTS_KEPT_BYTES) : undefined;
    this.slotBest = new Float32Array(n);
    this.total = new Float32Array(n);
    this.hits = new Uint8Array(n);
    this.touched = new Int32Array(n);
    this.slotTouched = new Int32Array(n);
    this.pairMark = new Int32Array(n);
    this.pairScore = new Float32Array(n);
  }

  /** The lists as plain data (see `core/prepared.ts`); the terms are the vocabulary's. */
  toData(): PostingsData {
    return { n: this.size, postStart: this.postStart, postDoc: this.postDoc, postImpact: this.postImpact, idf: this.idf };
  }

  /** The lists `toData` gave, over `terms`; throws when their sizes do not agree (a damaged stored index). */
  static fromData(terms: Texts, data: PostingsData): Postings {
    const { postStart, postDoc, postImpact, idf } = data;
    const pairs = postStart[postStart.length - 1];
    if (postStart.length !== terms.length + 1 || idf.length !== terms.length || postStart[0] !== 0 || pairs !== postDoc.length || pairs !== postImpact.length) {
      throw new Error(`prepared search index: posting lists of ${postStart.length - 1} terms and ${postDoc.length} documents for ${terms.length} terms`);
    }
    return new Postings(data.n, terms, postStart, postDoc, postImpact, idf);
  }

  /** Term `term`'s documents and their impacts: views of the lists in memory, else read (and kept a while). */
  private list(term: number): readonly [DocNumbers, Uint8Array] {
    const from = this.postStart[term];
    const to = this.postStart[term + 1];
    const read = () => [rangeOf(this.postDoc, from, to), rangeOf(this.postImpact, from, to)] as const;
    return this.kept ? this.kept.get(term, read) : read();
  }

  df(term: number): number {
    return this.postStart[term + 1] - this.postStart[term];
  }

  /**
   * Adds each slot's best alternative score (BM25) to `total` and counts matched slots in
   * `hits`, for every document any slot matches; those documents are `touched[0 .. count)`.
   * Returns the count.
   */
  accumulate(slots: readonly Slot[]): number {
    const { idf, slotBest, total, hits, touched, slotTouched } = this;
    let count = 0;
    for (const slot of slots) {
      let slotCount = 0;
      for (const alt of slot) {
        const w = (alt.weight * idf[alt.term]) / IMPACT_SCALE;
        const [docs, impacts] = this.list(alt.term);
        if (alt.second === NO_TERM) {
          for (let k = 0; k < docs.length; k++) {
            const d = docs[k];
            const s = impacts[k] * w;
            const best = slotBest[d];
            if (best === 0) slotTouched[slotCount++] = d;
            if (s > best) slotBest[d] = s;
          }
        } else {
          // Both halves must occur: mark the first half's documents, then walk the second's.
          const stamp = ++this.pairStamp;
          const { pairMark, pairScore } = this;
          for (let k = 0; k < docs.length; k++) {
            pairMark[docs[k]] = stamp;
            pairScore[docs[k]] = impacts[k] * w;
          }
          const w2 = (alt.weight * idf[alt.second]) / IMPACT_SCALE;
          const [docs2, impacts2] = this.list(alt.second);
          for (let k = 0; k < docs2.length; k++) {
            const d = docs2[k];
            if (pairMark[d] !== stamp) continue;
            const s = (pairScore[d] + impacts2[k] * w2) / 2;
            const best = slotBest[d];
            if (best === 0) slotTouched[slotCount++] = d;
            if (s > best) slotBest[d] = s;
          }
        }
      }
      for (let k = 0; k < slotCount; k++) {
        const d = slotTouched[k];
        if (hits[d] === 0) touched[count++] = d;
        hits[d]++;
        total[d] += slotBest[d];
        slotBest[d] = 0;
      }
    }
    return count;
  }

  /** The `count` best touched documents: most slots matched, then BM25, then listing order. */
  selectCandidates(touchedCount: number, count: number): number[] {
    const { hits, total } = this;
    const touched = this.touched.subarray(0, touchedCount);
    const better = (a: number, b: number): boolean =>
      hits[a] !== hits[b] ? hits[a] > hits[b] : total[a] !== total[b] ? total[a] > total[b] : a < b;
    if (touched.length <= count) return Array.from(touched).sort((a, b) => (better(a, b) ? -1 : 1));
    // Bounded min-heap: heap[0] is the worst of the best `count` so far.
    const heap: number[] = [];
    const siftDown = (i: number): void => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let worst = i;
        if (l < heap.length && better(heap[worst], heap[l])) worst = l;
        if (r < heap.length && better(heap[worst], heap[r])) worst = r;
        if (worst === i) return;
        [heap[i], heap[worst]] = [heap[worst], heap[i]];
        i = worst;
      }
    };
    for (const d of touched) {
      if (heap.length < count) {
        heap.push(d);
        for (let i = heap.length - 1; i > 0; ) {
          const parent = (i - 1) >> 1;
          if (!better(heap[parent], heap[i])) break;
          [heap[i], heap[parent]] = [heap[parent], heap[i]];
          i = parent;
        }
      } else if (better(d, heap[0])) {
        heap[0] = d;
        siftDown(0);
      }
    }
    return heap.sort((a, b) => (better(a, b) ? -1 : 1));
  }

  /** Clears the scratch `accumulate` left for its `touchedCount` documents. */
  reset(touchedCount: number): void {
    for (let k = 0; k < touchedCount; k++) {
      this.total[this.touched[k]] = 0;
      this.hits[this.touched[k]] = 0;
    }
  }
}

/** The (term, weighted tf) pairs of `Postings.build`, appended in chunks of `PAIR_CHUNK`. */
class PairChunks {
  readonly terms: Int32Array[] = [];
  readonly tfs: Float32Array[] = [];
  size = 0;

  /** Appends a pair; returns its number. */
  add(term: number, tf: number): number {
    const at = this.size++;
    const c = at >>> PAIR_CHUNK_BITS;
    if (c === this.terms.length) {
      this.terms.push(new Int32Array(PAIR_CHUNK));
      this.tfs.push(new Float32Array(PAIR_CHUNK));
    }
    this.terms[c][at & (PAIR_CHUNK - 1)] = term;
    this.tfs[c][at & (PAIR_CHUNK - 1)] = tf;
    return at;
  }

  addTf(at: number, tf: number): void {
    this.tfs[at >>> PAIR_CHUNK_BITS][at & (PAIR_CHUNK - 1)] += tf;
  }

  termAt(at: number): number {
    return this.terms[at >>> PAIR_CHUNK_BITS][at & (PAIR_CHUNK - 1)];
  }

  tfAt(at: number): number {
    return this.tfs[at >>> PAIR_CHUNK_BITS][at & (PAIR_CHUNK - 1)];
  }
}

/** `array` copied into a new one of `size` elements, those past its end `fill`. */
export function grow<T extends Int32Array | Uint32Array | Float32Array>(array: T, size: number, fill: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}

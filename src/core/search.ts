/**
 * Search over titles, names, abstracts and topic labels.
 *
 * Two stages, because fuse.js alone reads every document per query (seconds at 50k papers)
 * and only the first ~100 characters of each field:
 * 1. A lean inverted index (term → posting list of documents with a quantised BM25 impact)
 *    narrows the corpus to a short candidate list. Typo tolerance and prefix matching work
 *    on the *vocabulary* (a symmetric-deletion table and a sorted term list), never on the
 *    documents, so a query costs a few posting-list walks.
 * 2. fuse.js ranks the candidates' titles, names and topics (typo-tolerant, words in any
 *    order), and the two scores are blended; an exact (case-insensitive) title or name hit
 *    always comes first.
 */
import Fuse from 'fuse.js';
import type { Paper, SearchMatch, SearchResult } from './types';
import { fnv1a } from './text';
import { compactHash, compactKey, splitWords, TermTable } from './tokens';

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

const BM25_K1 = 1.2;
const BM25_B = 0.75;
/** Impacts (the tf part of BM25, in (0, k1 + 1)) are stored in a byte: 255 steps rank as well as floats. */
const IMPACT_SCALE = 255 / (BM25_K1 + 1);

/** Vocabulary terms longer than this take no part in typo matching. */
const MAX_FUZZY_TERM = 24;
/** Typo tolerance: query words of this length get one edit, of `FUZZY_TWO_EDITS` two. */
const FUZZY_ONE_EDIT = 4;
const FUZZY_TWO_EDITS = 8;
/** A query word found in this many papers is taken as typed, without typo variants. */
const TYPED_WORD_DF = 3;
/** A rare query word's typo variant must be this many times more frequent than the word. */
const TYPO_TARGET_RATIO = 10;
/** At most this many typo variants and prefix completions per query word (most frequent first). */
const MAX_VARIANTS = 24;
const MAX_COMPLETIONS = 32;
/** The shortest last word that gets prefix completions. */
const MIN_PREFIX = 2;
/** Query words after this many are ignored (a pasted paragraph should not stall the host). */
const MAX_SLOTS = 16;
/** A word in more than this share of the papers carries no signal next to rarer words. */
const STOPWORD_SHARE = 0.4;
/**
 * Candidates handed to fuse.js: `limit` plus a margin, at least `MIN_CANDIDATES`. Enough for
 * fuse to promote a paper BM25 placed a little lower (a larger list measured no better on the
 * bench queries), few enough to stay fast: fuse costs ~20 µs per candidate.
 */
const MIN_CANDIDATES = 32;
const CANDIDATE_MARGIN = 12;

/**
 * How much a document scores for a query word it matches other than as typed (1): written
 * together with a neighbour or split in two (`fine tuning` / `finetuning`); as a completion
 * of the word being typed (more the closer in length); with a typo (less the more edits per
 * letter, never below the floor).
 */
const WEIGHT_JOINED = 0.9;
const WEIGHT_COMPLETION_BASE = 0.5;
const WEIGHT_COMPLETION_LENGTH = 0.4;
const WEIGHT_TYPO_PER_EDIT_PER_LETTER = 1.5;
const WEIGHT_TYPO_FLOOR = 0.3;

/** Blend of the two rankers for non-exact hits (coverage² × (BM25 share + fuse share)). */
const BLEND_BM25 = 0.7;
const BLEND_FUSE = 0.3;
/** Added to exact title / name hits so they outrank everything else. */
const EXACT_BONUS = 10;

const FUSE_OPTIONS: Fuse.IFuseOptions<FuseRecord> = {
  keys: [
    { name: 'title', weight: 3 },
    { name: 'names', weight: 3 },
    { name: 'topics', weight: 1 },
  ],
  includeScore: true,
  includeMatches: true,
  // Titles, names and labels are short: looking at the whole field is cheap and finds words anywhere.
  ignoreLocation: true,
  // Each query word is matched on its own, so word order does not matter.
  useTokenSearch: true,
  threshold: 0.4,
  minMatchCharLength: 2,
  shouldSort: false,
};

interface FuseRecord {
  readonly title: string;
  readonly names: readonly string[];
  readonly topics: readonly string[];
}

/** One way a query word can match: a term, or two terms that must both occur (a split compound). */
interface Alternative {
  readonly term: number;
  readonly second: number;
  readonly weight: number;
}

/** The alternatives of one query word; a document scores its best alternative. */
type Slot = Alternative[];

const NO_TERM = -1;

/** Index over a fixed list of papers. Build once (synchronous); queries reuse scratch buffers. */
export class SearchIndex {
  /** Number of papers indexed. */
  readonly size: number;

  private readonly docs: readonly SearchDoc[];
  private readonly vocab = new TermTable();
  private readonly terms: readonly string[];
  /** Posting lists, CSR layout: documents of term t are postDoc[postStart[t] .. postStart[t + 1]). */
  private readonly postStart: Int32Array;
  private readonly postDoc: Int32Array;
  private readonly postImpact: Uint8Array;
  private readonly idf: Float32Array;
  /** compactHash(title or name) → document(s), for exact hits (verified against the text). */
  private readonly exact = new Map<number, number | number[]>();
  /** Vocabulary in code-unit order, for prefix completion. */
  private readonly sortedTerms: string[];
  private readonly sortedTermIds: Int32Array;
  /** Symmetric-deletion table: hash of a term with ≤ 1 character deleted → terms, CSR by bucket. */
  private readonly delStart: Int32Array;
  private readonly delTerm: Int32Array;
  private readonly delMask: number;

  // Per-query scratch, sized to the corpus once.
  private readonly slotBest: Float32Array;
  private readonly total: Float32Array;
  private readonly hits: Uint8Array;
  private readonly touched: Int32Array;
  private readonly slotTouched: Int32Array;
  private readonly pairMark: Int32Array;
  private readonly pairScore: Float32Array;
  private pairStamp = 0;

  constructor(docs: readonly SearchDoc[]) {
    this.docs = docs;
    const n = docs.length;
    this.size = n;

    // 1. Tokenise every document into (term, weighted tf) pairs, interning terms.
    const vocab = this.vocab;
    let capacity = 1 << 15;
    let lastDoc = new Int32Array(capacity).fill(-1);
    let slotOf = new Int32Array(capacity);
    // A document has roughly one distinct term per 10-15 characters: size for that, grow if wrong.
    let chars = 0;
    for (const d of docs) chars += d.paper.title.length + d.paper.abstract.length;
    let pairTerm = new Int32Array(Math.max(1024, Math.ceil(chars / 8)));
    let pairTf = new Float32Array(pairTerm.length);
    let pairs = 0;
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
      if (pairs + count > pairTerm.length) {
        const size = Math.max(pairTerm.length * 2, pairs + count);
        pairTerm = grow(pairTerm, size, 0);
        pairTf = grow(pairTf, size, 0);
      }
      for (let k = 0; k < count; k++) {
        const id = ids[k];
        if (lastDoc[id] !== doc) {
          lastDoc[id] = doc;
          slotOf[id] = pairs;
          pairTerm[pairs] = id;
          pairTf[pairs] = weight;
          pairs++;
        } else {
          pairTf[slotOf[id]] += weight;
        }
      }
      return count * weight;
    };
    for (let doc = 0; doc < n; doc++) {
      const d = docs[doc];
      let length = addField(doc, d.paper.title, WEIGHT_TITLE);
      for (const name of d.names) length += addField(doc, name, WEIGHT_NAMES);
      for (const topic of d.topics) length += addField(doc, topic, WEIGHT_TOPICS);
      length += addField(doc, d.paper.abstract, WEIGHT_ABSTRACT);
      docLength[doc] = length;
      pairEnd[doc] = pairs;
      this.addExactKey(d.paper.title, doc);
      for (const name of d.names) this.addExactKey(name, doc);
    }
    const terms = vocab.terms;

    // 2. Posting lists in CSR form, documents ascending, with quantised BM25 impacts.
    const vocabulary = terms.length;
    const postStart = new Int32Array(vocabulary + 1);
    for (let k = 0; k < pairs; k++) postStart[pairTerm[k] + 1]++;
    for (let t = 0; t < vocabulary; t++) postStart[t + 1] += postStart[t];
    const postDoc = new Int32Array(pairs);
    const postImpact = new Uint8Array(pairs);
    const cursor = postStart.slice(0, vocabulary);
    let lengthSum = 0;
    for (let i = 0; i < n; i++) lengthSum += docLength[i];
    const averageLength = n > 0 ? lengthSum / n || 1 : 1;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const norm = BM25_K1 * (1 - BM25_B + (BM25_B * docLength[i]) / averageLength);
      for (const end = pairEnd[i]; k < end; k++) {
        const tf = pairTf[k];
        const at = cursor[pairTerm[k]]++;
        postDoc[at] = i;
        postImpact[at] = Math.max(1, Math.round(((tf * (BM25_K1 + 1)) / (tf + norm)) * IMPACT_SCALE));
      }
    }
    const idf = new Float32Array(vocabulary);
    for (let t = 0; t < vocabulary; t++) {
      const df = postStart[t + 1] - postStart[t];
      idf[t] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }
    this.terms = terms;
    this.postStart = postStart;
    this.postDoc = postDoc;
    this.postImpact = postImpact;
    this.idf = idf;

    // 3. Vocabulary structures for prefix completion and typo tolerance.
    this.sortedTerms = terms.slice().sort();
    this.sortedTermIds = new Int32Array(vocabulary);
    for (let i = 0; i < vocabulary; i++) this.sortedTermIds[i] = vocab.idOf(this.sortedTerms[i]);
    const deletions = buildDeletionTable(terms);
    this.delStart = deletions.start;
    this.delTerm = deletions.terms;
    this.delMask = deletions.mask;

    this.slotBest = new Float32Array(n);
    this.total = new Float32Array(n);
    this.hits = new Uint8Array(n);
    this.touched = new Int32Array(n);
    this.slotTouched = new Int32Array(n);
    this.pairMark = new Int32Array(n);
    this.pairScore = new Float32Array(n);
  }

  private addExactKey(text: string, doc: number): void {
    const key = compactHash(text);
    const known = this.exact.get(key);
    if (known === undefined) this.exact.set(key, doc);
    else if (typeof known === 'number') {
      if (known !== doc) this.exact.set(key, [known, doc]);
    } else if (known[known.length - 1] !== doc) known.push(doc);
  }

  /** Documents whose title or one of whose names equals `query` once both are compacted. */
  private exactHits(query: string): number[] {
    const key = compactKey(query);
    if (!key) return [];
    const known = this.exact.get(compactHash(query));
    if (known === undefined) return [];
    const docs = typeof known === 'number' ? [known] : known;
    return docs.filter((d) => {
      const doc = this.docs[d];
      return compactKey(doc.paper.title) === key || doc.names.some((name) => compactKey(name) === key);
    });
  }

  /** The id of an indexed term, or undefined. */
  private termId(term: string): number | undefined {
    const id = this.vocab.idOf(term);
    return id < 0 ? undefined : id;
  }

  /**
   * Papers matching `query`, best first, at most `limit`. Exact title or name hits come
   * first; then papers matching more of the query's words; then by blended relevance; ties
   * keep listing order. An empty or blank query gives `[]`.
   */
  search(query: string, limit = 20): SearchResult[] {
    if (limit <= 0 || this.size === 0) return [];
    const words = splitWords(query);
    if (words.length === 0) return [];
    const typing = !/\s$/u.test(query);
    const slots = this.slotsFor(words, typing);
    const exactDocs = this.exactHits(query);

    const touchedCount = this.accumulate(slots);
    const candidates = this.selectCandidates(touchedCount, Math.max(MIN_CANDIDATES, limit + CANDIDATE_MARGIN));
    for (const d of exactDocs) if (!candidates.includes(d)) candidates.push(d);
    // fuse.js sees the words the index used, not a whole pasted paragraph.
    const fuseQuery = words
      .slice(0, MAX_SLOTS)
      .map((c) => query.slice(c.start, c.end))
      .join(' ');
    const ranked = this.rank(fuseQuery, candidates, slots.length, exactDocs);
    for (let k = 0; k < touchedCount; k++) {
      this.total[this.touched[k]] = 0;
      this.hits[this.touched[k]] = 0;
    }

    const highlight = new Set<number>();
    for (const slot of slots) {
      for (const a of slot) {
        highlight.add(a.term);
        if (a.second !== NO_TERM) highlight.add(a.second);
      }
    }
    const queryWords = words.flatMap((c) => [...c.parts.map((p) => p.term), ...(c.joined ? [c.joined] : [])]);
    return ranked.slice(0, limit).map((r) => ({
      paper: this.docs[r.doc].paper,
      score: r.score,
      matches: this.matchesOf(this.docs[r.doc], highlight, r.fuse, queryWords),
    }));
  }

  /** Turns query words into slots of alternatives (exact, joined/split compounds, typos, completions). */
  private slotsFor(words: ReturnType<typeof splitWords>, typing: boolean): Slot[] {
    const slots: Map<string, Alternative>[] = [];
    const slotWords: string[] = [];
    const put = (slot: Map<string, Alternative>, term: number, second: number, weight: number): void => {
      const key = second === NO_TERM ? `${term}` : `${term},${second}`;
      const old = slot.get(key);
      if (!old || old.weight < weight) slot.set(key, { term, second, weight });
    };
    let previous: { term: string; slot: Map<string, Alternative> } | undefined;
    for (let w = 0; w < words.length && slots.length < MAX_SLOTS; w++) {
      const compound = words[w];
      const joinedId = compound.joined === undefined ? undefined : this.termId(compound.joined);
      const isLastWord = w === words.length - 1;
      for (let p = 0; p < compound.parts.length && slots.length < MAX_SLOTS; p++) {
        const text = compound.parts[p].term;
        const slot = new Map<string, Alternative>();
        const id = this.termId(text);
        if (id !== undefined) put(slot, id, NO_TERM, 1);
        // `fine-tuning` also meets `finetuning`.
        if (joinedId !== undefined) put(slot, joinedId, NO_TERM, 1);
        // `fine tuning` also meets `finetuning` and `fine-tuning`.
        if (previous && p === 0 && compound.parts.length === 1) {
          const together = this.termId(previous.term + text);
          if (together !== undefined) {
            put(slot, together, NO_TERM, WEIGHT_JOINED);
            put(previous.slot, together, NO_TERM, WEIGHT_JOINED);
          }
        }
        const lastPart = isLastWord && p === compound.parts.length - 1;
        // `finetuning` also meets `fine tuning` (not while the word is still being typed).
        if (compound.parts.length === 1 && !(typing && lastPart)) {
          for (const [a, b] of this.splitsOf(text)) put(slot, a, b, WEIGHT_JOINED);
        }
        // A word the corpus uses in several papers is meant as typed (`form` is not a typo of
        // `from`); a word it never uses, or uses once or twice (itself a typo, `Finetuing`), is
        // also read as the far more common words a letter or two away.
        const typedDf = id === undefined ? 0 : this.df(id);
        if (typedDf < TYPED_WORD_DF) {
          for (const [term, distance] of this.typoVariants(text)) {
            if (this.df(term) < TYPO_TARGET_RATIO * typedDf) continue;
            put(slot, term, NO_TERM, Math.max(WEIGHT_TYPO_FLOOR, 1 - (WEIGHT_TYPO_PER_EDIT_PER_LETTER * distance) / text.length));
          }
        }
        if (typing && lastPart) {
          for (const term of this.completions(text)) {
            put(slot, term, NO_TERM, WEIGHT_COMPLETION_BASE + (WEIGHT_COMPLETION_LENGTH * text.length) / this.terms[term].length);
          }
        }
        slots.push(slot);
        slotWords.push(text);
        previous = compound.parts.length === 1 ? { term: text, slot } : undefined;
      }
    }
    // Very common words say nothing once rarer words are present: drop them.
    const common = slots.map((_, i) => {
      const id = this.termId(slotWords[i]);
      return id !== undefined && this.isCommon(id);
    });
    const kept = common.every((c) => c) ? slots : slots.filter((_, i) => !common[i]);
    return kept.map((slot) => [...slot.values()]);
  }

  private df(term: number): number {
    return this.postStart[term + 1] - this.postStart[term];
  }

  /** Ways to read `word` as two indexed words written together (`finetuning` → fine + tuning), no common words. */
  private splitsOf(word: string): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    const usable = (id: number | undefined): id is number => id !== undefined && !this.isCommon(id);
    for (let cut = 3; cut <= word.length - 3 && out.length < 2; cut++) {
      const a = this.termId(word.slice(0, cut));
      if (!usable(a)) continue;
      const b = this.termId(word.slice(cut));
      if (usable(b)) out.push([a, b]);
    }
    return out;
  }

  private isCommon(term: number): boolean {
    return this.df(term) > STOPWORD_SHARE * this.size;
  }

  /** Vocabulary terms within a small edit distance of `word` (not `word` itself), most frequent first. */
  private typoVariants(word: string): Array<[number, number]> {
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
      const bucket = fnv1a(v) & this.delMask;
      for (let k = this.delStart[bucket]; k < this.delStart[bucket + 1]; k++) {
        const term = this.delTerm[k];
        if (seen.has(term)) continue;
        seen.add(term);
        const text = this.terms[term];
        if (text === word) continue;
        const distance = editDistance(word, text, maxDistance);
        if (distance <= maxDistance) found.push([term, distance]);
      }
    }
    found.sort((a, b) => a[1] - b[1] || this.df(b[0]) - this.df(a[0]) || a[0] - b[0]);
    return found.slice(0, MAX_VARIANTS);
  }

  /** Vocabulary terms that start with `prefix` and are longer, most frequent first. */
  private completions(prefix: string): number[] {
    if (prefix.length < MIN_PREFIX) return [];
    const sorted = this.sortedTerms;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    // The most frequent completions, kept sorted (df descending, then id) while scanning.
    const out: number[] = [];
    const before = (a: number, b: number): boolean => this.df(a) > this.df(b) || (this.df(a) === this.df(b) && a < b);
    for (let i = lo; i < sorted.length && sorted[i].startsWith(prefix); i++) {
      if (sorted[i].length === prefix.length) continue;
      const term = this.sortedTermIds[i];
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

  /**
   * Adds each slot's best alternative score (BM25) to `total` and counts matched slots in
   * `hits`, for every document any slot matches; those documents are `touched[0 .. count)`.
   * Returns the count.
   */
  private accumulate(slots: readonly Slot[]): number {
    const { postStart, postDoc, postImpact, idf, slotBest, total, hits, touched, slotTouched } = this;
    let count = 0;
    for (const slot of slots) {
      let slotCount = 0;
      for (const alt of slot) {
        const w = (alt.weight * idf[alt.term]) / IMPACT_SCALE;
        const end = postStart[alt.term + 1];
        if (alt.second === NO_TERM) {
          for (let k = postStart[alt.term]; k < end; k++) {
            const d = postDoc[k];
            const s = postImpact[k] * w;
            const best = slotBest[d];
            if (best === 0) slotTouched[slotCount++] = d;
            if (s > best) slotBest[d] = s;
          }
        } else {
          // Both halves must occur: mark the first half's documents, then walk the second's.
          const stamp = ++this.pairStamp;
          const { pairMark, pairScore } = this;
          for (let k = postStart[alt.term]; k < end; k++) {
            pairMark[postDoc[k]] = stamp;
            pairScore[postDoc[k]] = postImpact[k] * w;
          }
          const w2 = (alt.weight * idf[alt.second]) / IMPACT_SCALE;
          const end2 = postStart[alt.second + 1];
          for (let k = postStart[alt.second]; k < end2; k++) {
            const d = postDoc[k];
            if (pairMark[d] !== stamp) continue;
            const s = (pairScore[d] + postImpact[k] * w2) / 2;
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
  private selectCandidates(touchedCount: number, count: number): number[] {
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

  /** Blends BM25, coverage and fuse.js's score over the candidates; best first. */
  private rank(query: string, candidates: readonly number[], slotCount: number, exactDocs: readonly number[]): Ranked[] {
    if (candidates.length === 0) return [];
    const records: FuseRecord[] = candidates.map((d) => {
      const doc = this.docs[d];
      return { title: doc.paper.title, names: doc.names, topics: doc.topics };
    });
    const fuseHits = new Map<number, Fuse.FuseResult<FuseRecord>>();
    for (const hit of new Fuse(records, FUSE_OPTIONS).search(query)) fuseHits.set(hit.refIndex, hit);
    let maxTotal = 0;
    for (const d of candidates) maxTotal = Math.max(maxTotal, this.total[d]);
    const exact = new Set(exactDocs);
    const ranked: Ranked[] = candidates.map((d, i) => {
      const fuse = fuseHits.get(i);
      const coverage = slotCount > 0 ? this.hits[d] / slotCount : 0;
      const bm25 = maxTotal > 0 ? this.total[d] / maxTotal : 0;
      const fuseSimilarity = fuse ? 1 - (fuse.score ?? 1) : 0;
      const blended = coverage * coverage * (BLEND_BM25 * bm25 + BLEND_FUSE * fuseSimilarity);
      return { doc: d, score: (exact.has(d) ? EXACT_BONUS : 0) + blended, fuse };
    });
    ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return ranked;
  }

  /**
   * Highlight ranges per field: whole words whose term the query matched (exact, typo,
   * completion, compound). Where those are none, fuse.js's ranges (inclusive; converted to
   * [start, end)), but only those that read like a query word: fuse also marks stray letters
   * of a loose match (`ion` of "Curation" for `LAION`).
   */
  private matchesOf(
    doc: SearchDoc,
    highlight: ReadonlySet<number>,
    fuse: Fuse.FuseResult<FuseRecord> | undefined,
    queryWords: readonly string[],
  ): SearchMatch[] {
    const readsLikeQuery = (text: string): boolean => {
      const folded = compactKey(text);
      return queryWords.some(
        (w) => w.length >= 3 && (folded.includes(w) || (w.length >= FUZZY_ONE_EDIT && editDistance(folded, w, 1) <= 1)),
      );
    };
    const fuseRanges = (key: string, value: string): Array<[number, number]> => {
      const m = fuse?.matches?.find((x) => x.key === key && x.value === value);
      if (!m) return [];
      return m.indices.map(([s, e]) => [s, e + 1] as [number, number]).filter(([s, e]) => readsLikeQuery(value.slice(s, e)));
    };
    const rangesIn = (key: string, text: string): Array<[number, number]> => {
      const own = this.wordRanges(text, highlight);
      return own.length > 0 ? own : fuseRanges(key, text);
    };
    const out: SearchMatch[] = [];
    const title = rangesIn('title', doc.paper.title);
    if (title.length) out.push({ field: 'title', ranges: title });
    for (const name of doc.names) {
      const r = rangesIn('names', name);
      if (r.length) out.push({ field: 'names', ranges: r, value: name });
    }
    for (const topic of doc.topics) {
      const r = rangesIn('topics', topic);
      if (r.length) out.push({ field: 'topics', ranges: r, value: topic });
    }
    const abstract = this.wordRanges(doc.paper.abstract, highlight);
    if (abstract.length) out.push({ field: 'abstract', ranges: abstract });
    return out;
  }

  /** [start, end) ranges of the words (or whole compounds) of `text` whose term is in `terms`, merged. */
  private wordRanges(text: string, terms: ReadonlySet<number>): Array<[number, number]> {
    const found: Array<[number, number]> = [];
    if (terms.size === 0) return found;
    const count = this.vocab.collect(text, false);
    const { ids, starts, ends } = this.vocab;
    for (let k = 0; k < count; k++) if (terms.has(ids[k])) found.push([starts[k], ends[k]]);
    // A compound's joined form comes after its parts but spans them: sort, then merge.
    found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const merged: Array<[number, number]> = [];
    for (const r of found) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push(r);
    }
    return merged;
  }
}

interface Ranked {
  readonly doc: number;
  readonly score: number;
  readonly fuse: Fuse.FuseResult<FuseRecord> | undefined;
}

function grow<T extends Int32Array | Float32Array>(array: T, size: number, fill: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}

function isNumber(term: string): boolean {
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

/**
 * Every eligible term under the hash of itself and of each one-character deletion, bucketed.
 * A query word's own deletions (one or two) looked up here find terms within one or two
 * edits, transpositions included, without touching the rest of the vocabulary.
 */
function buildDeletionTable(terms: readonly string[]): { start: Int32Array; terms: Int32Array; mask: number } {
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
  for (let id = 0; id < terms.length; id++) {
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
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
  const cursor = start.slice(0, buckets);
  const out = new Int32Array(e);
  for (let i = 0; i < e; i++) out[cursor[hashes[i]]++] = owners[i];
  return { start, terms: out, mask };
}

/** Optimal-string-alignment distance (adjacent transposition = 1), or `max + 1` once it exceeds `max`. */
function editDistance(a: string, b: string, max: number): number {
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

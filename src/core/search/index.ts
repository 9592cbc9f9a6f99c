/**
 * Search over titles, names, abstracts and topic labels, and a library paper's authors, year
 * and citation keys (`vaswani 2017`, `@ho2020ddpm`). This file turns a query into words with
 * their alternatives and runs the stages; each stage reads on its own: `postings.ts` (the
 * inverted index and BM25), `vocabulary.ts` (typos and prefixes), `ranking.ts` (fuse.js
 * blend), `highlight.ts` (match ranges).
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
import type { Paper, SearchResult } from '../types';
import { compactHash, compactKey, splitWords, TermTable, type TermTableData } from '../tokens';
import { matchesOf } from './highlight';
import { NO_TERM, Postings, type Alternative, type PostingsData, type SearchDoc, type Slot } from './postings';
import { rankCandidates } from './ranking';
import { finishSteps, ITEMS_PER_STEP, Pace, type Steps } from '../steps';
import { Vocabulary, type VocabularyData } from './vocabulary';
import { ExactTable } from './exact';
import { textList, TextView, type TextList } from '../prepared';

export type { SearchDoc } from './postings';

/**
 * A paper as a first stage's search index reads it (see `FirstStageIndex` in `prepared.ts`): its
 * title, authors, year and keys, not its abstract, names nor topics (most of a whole index's terms).
 * The fields named one by one, not spread: a spread of a paper read lazily from a table holds
 * only its id and title (see `TablePaper`).
 */
export function firstStagePaper(paper: Paper): Paper {
  const { id, title, authors, year, keys } = paper;
  return { id, title, abstract: '', links: [], authors, year, keys };
}

/** The data of a first stage's search index over `papers` (see `firstStagePaper`): no names nor topics. */
export function firstStageSearchData(papers: readonly Paper[]): SearchIndexData {
  return finishSteps(SearchIndex.build(papers.map((paper) => ({ paper: firstStagePaper(paper), names: [], topics: [] })), true)).toData();
}

/** Documents made on demand (a restored index's, see `SearchIndex.restore`): how many, and document `doc`. */
export interface DocSource {
  readonly size: number;
  at(doc: number): SearchDoc;
}

/** A query word found in this many papers is taken as typed, without typo variants. */
const TYPED_WORD_DF = 3;
/** A rare query word's typo variant must be this many times more frequent than the word. */
const TYPO_TARGET_RATIO = 10;
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

/** A `SearchIndex` as plain data (`SearchIndex.toData`). */
export interface SearchIndexData {
  /** The term table, its terms as one text (see `TextList`). */
  readonly vocab: Omit<TermTableData, 'terms'> & { readonly terms: TextList };
  readonly postings: PostingsData;
  readonly vocabulary: VocabularyData;
  /** `exact` flattened: a key, how many documents, the documents; again, keys ascending (see `ExactTable`). */
  readonly exact: Float64Array;
}

/**
 * The tables of a search index that a stored index keeps last, for the editor to leave on the
 * disk until a query reads a part of them (see `core/farArrays.ts`): the posting lists and the
 * typo table, 37.5 MB of a stored index's 87 MB at 50,000 papers.
 */
export function farTables(data: SearchIndexData): object[] {
  return [data.postings.postDoc, data.postings.postImpact, data.vocabulary.delStart, data.vocabulary.delTerm];
}

/** What `SearchIndex.patched` keeps: the index patched, the changed papers' index, which of the first's papers still count, and how many do not. */
interface Overlay {
  readonly under: SearchIndex;
  readonly changed: SearchIndex;
  readonly visible: (paper: Paper) => boolean;
  readonly hidden: number;
}

interface SearchIndexParts {
  readonly vocab: TermTable;
  readonly postings: Postings;
  readonly vocabulary: Vocabulary;
  readonly exact: ExactTable;
}

/**
 * About how many distinct terms `docs` hold: a vocabulary grows with the square root of the
 * text (Heaps' law), and a library's keys and author names are mostly terms of their own. 20
 * per square root of the characters of titles and abstracts gives 168,000 for the 50,000 arXiv
 * papers (171,000 terms) and twice too many for the bundled ones (6,500 for 3,000), which costs
 * a few kilobytes.
 */
function* expectedTerms(docs: readonly SearchDoc[]): Steps<number> {
  let chars = 0;
  let own = 0;
  // In steps: a restored paper reads its abstract here first (at 200,000 papers, 44 ms at once).
  const pace = new Pace(ITEMS_PER_STEP * 4);
  for (const d of docs) {
    chars += d.paper.title.length + d.paper.abstract.length;
    own += (d.paper.keys?.length ?? 0) + (d.paper.authors?.length ?? 0);
    if (pace.tick()) yield* pace.pause();
  }
  return Math.ceil(20 * Math.sqrt(chars)) + own;
}

/** `atOnce`: the caller runs the steps without pausing (see `Vocabulary.build`). */
function* buildParts(docs: readonly SearchDoc[], atOnce: boolean): Steps<SearchIndexParts> {
  const { vocab, postings } = yield* postingsOf(docs);
  const exact = yield* exactOf(docs);
  const vocabulary = yield* Vocabulary.build(postings.terms, (term) => vocab.idOf(term), (term) => postings.df(term), atOnce);
  return { vocab, postings, vocabulary, exact: yield* ExactTable.build(exact) };
}

/** Every document read: the term table and the postings. */
function* postingsOf(docs: readonly SearchDoc[]): Steps<{ vocab: TermTable; postings: Postings }> {
  const expected = yield* expectedTerms(docs);
  const vocab = new TermTable(expected);
  yield* vocab.touch();
  return { vocab, postings: yield* Postings.build(docs, vocab, expected) };
}

/**
 * A search index's data but its vocabulary (typo variants and completions), which is a function
 * of the term table alone: `terms` is given the table as soon as every document is read, so
 * another thread builds the vocabulary (`vocabularyDataOf`) while this one builds the rest. The
 * library worker's helper thread builds the search index this way (see `helperClient.ts`): the
 * vocabulary was about a quarter of its 4 s at 50,000 papers, while the worker sat idle. The
 * two put together (`searchDataOf`) are `SearchIndex.build(docs, true).toData()`, byte for byte.
 */
export function* searchDataApart(docs: readonly SearchDoc[], terms: (vocab: SearchIndexData['vocab']) => void): Steps<Omit<SearchIndexData, 'vocabulary'>> {
  const { vocab, postings } = yield* postingsOf(docs);
  const data = vocab.toData();
  const table = { ...data, terms: textList(data.terms) };
  terms(table);
  const exact = yield* ExactTable.build(yield* exactOf(docs));
  return { vocab: table, postings: postings.toData(), exact: exact.toData() };
}

/**
 * A search index's data from its parts: `searchDataApart`'s and the vocabulary built elsewhere,
 * or `SearchIndex.toData`'s. One place for the order of its fields, which `packData` writes as
 * they come: so an index built apart is stored byte for byte as one built whole.
 */
export function searchDataOf(apart: Omit<SearchIndexData, 'vocabulary'>, vocabulary: VocabularyData): SearchIndexData {
  return { vocab: apart.vocab, postings: apart.postings, vocabulary, exact: apart.exact };
}

/** The vocabulary's data for a term table that `searchDataApart` gave (see there), built at once. */
export function* vocabularyDataOf(vocab: SearchIndexData['vocab']): Steps<VocabularyData> {
  const table = TermTable.fromData({ ...vocab, terms: new TextView(vocab.terms) });
  // The document counts are the postings', which a vocabulary only keeps for its queries: none here.
  const vocabulary = yield* Vocabulary.build(table.terms, (term) => table.idOf(term), () => 0, true);
  return vocabulary.toData();
}

/** Each title's, name's and key's compacted hash, with the documents that hold it (see `ExactTable`). */
function* exactOf(docs: readonly SearchDoc[]): Steps<Map<number, number[]>> {
  const exact = new Map<number, number[]>();
  const add = (text: string, doc: number): void => {
    const key = compactHash(text);
    const known = exact.get(key);
    if (known === undefined) exact.set(key, [doc]);
    else if (known[known.length - 1] !== doc) known.push(doc);
  };
  for (let doc = 0; doc < docs.length; doc++) {
    const d = docs[doc];
    add(d.paper.title, doc);
    for (const name of d.names) add(name, doc);
    for (const key of d.paper.keys ?? []) add(key, doc);
    if (doc % ITEMS_PER_STEP === 0) yield;
  }
  return exact;
}

/** Index over a fixed list of papers. Build once (synchronous); queries reuse scratch buffers. */
export class SearchIndex {
  /** Number of papers indexed. */
  readonly size: number;

  /** Document `k` (made on first use where the index was restored: see `restore`). */
  private readonly docAt: (doc: number) => SearchDoc;
  private readonly vocab: TermTable;
  private readonly postings: Postings;
  private readonly vocabulary: Vocabulary;
  /** compactHash(title, name or key) → documents, for exact hits (verified against the text). */
  private readonly exact: ExactTable;

  /** Builds the index at once; `SearchIndex.build` does the same in steps. */
  constructor(docs: readonly SearchDoc[] | DocSource, parts?: SearchIndexParts) {
    if ('size' in docs) {
      if (!parts) throw new Error('search index: documents made on demand need the parts restored');
      this.docAt = (doc) => docs.at(doc);
      this.size = docs.size;
    } else {
      parts ??= finishSteps(buildParts(docs, true));
      this.docAt = (doc) => docs[doc];
      this.size = docs.length;
    }
    ({ vocab: this.vocab, postings: this.postings, vocabulary: this.vocabulary, exact: this.exact } = parts);
  }

  /**
   * The index built in steps (see `core/steps.ts`), for a thread that must stay responsive;
   * `atOnce` where the steps run without a pause (`finishSteps`), which skips pacing that costs.
   */
  static *build(docs: readonly SearchDoc[], atOnce = false): Steps<SearchIndex> {
    return new SearchIndex(docs, yield* buildParts(docs, atOnce));
  }

  /**
   * The built index as plain data (see `core/prepared.ts`): typed arrays and the terms, for an
   * index built in the library worker and restored on the editor's thread, or cached on disk.
   */
  toData(): SearchIndexData {
    const vocab = this.vocab.toData();
    return searchDataOf({ vocab: { ...vocab, terms: textList(vocab.terms) }, postings: this.postings.toData(), exact: this.exact.toData() }, this.vocabulary.toData());
  }

  /**
   * The index `toData` gave, over the same documents in the same order, without tokenising a
   * document; in steps (see `core/steps.ts`). The documents are asked for one at a time, as a
   * query reaches them (a few dozen a query): making all 50,000 of a library's up front took
   * 100 ms of the editor's thread on every warm start, for documents few queries ever read.
   */
  static *restore(docs: DocSource, data: SearchIndexData): Steps<SearchIndex> {
    if (data.postings.n !== docs.size) throw new Error(`prepared search index: ${data.postings.n} papers, not ${docs.size}`);
    const vocab = TermTable.fromData({ ...data.vocab, terms: new TextView(data.vocab.terms) });
    const postings = Postings.fromData(vocab.terms, data.postings);
    const vocabulary = yield* Vocabulary.restore(vocab.terms, (term) => postings.df(term), data.vocabulary);
    const exact = yield* ExactTable.restore(data.exact);
    return new SearchIndex(docs, { vocab, postings, vocabulary, exact });
  }

  /** Documents whose title, one of whose names or citation keys equals `query` once both are compacted (`@key` too). */
  private exactHits(query: string): number[] {
    const docs = this.exact.get(compactHash(query));
    if (!docs.length) return [];
    const key = compactKey(query);
    if (!key) return [];
    return docs.filter((d) => {
      const doc = this.docAt(d);
      return (
        compactKey(doc.paper.title) === key ||
        doc.names.some((name) => compactKey(name) === key) ||
        (doc.paper.keys?.some((k) => compactKey(k) === key) ?? false)
      );
    });
  }

  /**
   * The papers whose title, one of whose names or keys is `text` once both are compacted: a
   * look-up in the exact table, no search (a title searched took 30-40 ms at 50,000 papers, its
   * words' posting lists read from the stored index).
   */
  exactMatches(text: string): Paper[] {
    if (this.overlay) {
      const { under, changed, visible } = this.overlay;
      return [...under.exactMatches(text).filter(visible), ...changed.exactMatches(text)];
    }
    return this.exactHits(text).map((d) => this.docAt(d).paper);
  }

  /** The id of an indexed term, or undefined. */
  private termId(term: string): number | undefined {
    const id = this.vocab.idOf(term);
    return id < 0 ? undefined : id;
  }

  /**
   * Papers matching `query`, best first, at most `limit`. Exact title or name hits come
   * first; then the rest by blended relevance (`rankCandidates`), in which a paper matching a
   * share c of the query's words counts c² of its BM25 and fuse.js score, so a paper matching
   * half the words needs four times the relevance of one matching them all. Ties keep listing
   * order. Only the papers matching the most words are ranked at all (`selectCandidates` keeps
   * `MIN_CANDIDATES` or more, by words matched, then BM25), so in a large corpus a partial match
   * rarely reaches the list. An empty or blank query gives `[]`.
   */
  search(query: string, limit = 20): SearchResult[] {
    if (this.overlay) return this.searchPatched(this.overlay, query, limit);
    if (limit <= 0 || this.size === 0) return [];
    // The words past the slots are never looked up; one more tells that the last one read is
    // not the last typed. A pasted megabyte is read no further than that.
    const words = splitWords(query, MAX_SLOTS + 1);
    if (words.length === 0) return [];
    const typing = !/\s$/u.test(query);
    const slots = this.slotsFor(words, typing);
    const exactDocs = this.exactHits(query);

    const touchedCount = this.postings.accumulate(slots);
    const candidates = this.postings.selectCandidates(touchedCount, Math.max(MIN_CANDIDATES, limit + CANDIDATE_MARGIN));
    for (const d of exactDocs) if (!candidates.includes(d)) candidates.push(d);
    // fuse.js sees the words the index used, not a whole pasted paragraph.
    const fuseQuery = words
      .slice(0, MAX_SLOTS)
      .map((c) => query.slice(c.start, c.end))
      .join(' ');
    const ranked = rankCandidates(this.docAt, this.postings, fuseQuery, candidates, slots.length, exactDocs);
    this.postings.reset(touchedCount);

    const highlight = new Set<number>();
    for (const slot of slots) {
      for (const a of slot) {
        highlight.add(a.term);
        if (a.second !== NO_TERM) highlight.add(a.second);
      }
    }
    const queryWords = words.flatMap((c) => [...c.parts.map((p) => p.term), ...(c.joined ? [c.joined] : [])]);
    // The hits' texts are read against the query's terms alone (see `TermTable.subset`).
    const highlighting = this.vocab.subset(highlight);
    return ranked.slice(0, limit).map((r) => ({
      paper: this.docAt(r.doc).paper,
      score: r.score,
      matches: matchesOf(highlighting, this.docAt(r.doc), highlight, r.fuse, queryWords),
    }));
  }

  /** Set on an index `patched` made (see there). */
  private overlay?: Overlay;

  /**
   * This index with some papers changed, added or removed, until the whole index is built
   * again (a reload's quick stage: see `core/corpusPatch.ts`): `changed` indexes the changed
   * and added papers; this one answers for the papers `visible` keeps, of which `hidden` are
   * not (the removed ones and the changed ones' old versions). The two lists are merged by
   * score: `changed`'s scores are relative to its few papers (BM25's share is against its best),
   * so a changed paper that matches at all ranks a little higher than it will once the whole
   * index is built, never lower; an exact title, name or key hit comes first either way.
   */
  patched(changed: SearchIndex, visible: (paper: Paper) => boolean, hidden: number): SearchIndex {
    const index = new SearchIndex({ size: this.size, at: this.docAt }, { vocab: this.vocab, postings: this.postings, vocabulary: this.vocabulary, exact: this.exact });
    index.overlay = { under: this, changed, visible, hidden };
    return index;
  }

  private searchPatched({ under, changed, visible, hidden }: Overlay, query: string, limit: number): SearchResult[] {
    if (limit <= 0) return [];
    // As many more as papers are hidden: those may take places of the list.
    const kept = under.search(query, limit + hidden).filter((r) => visible(r.paper));
    // Stable: at equal scores, the papers as they were come first.
    return [...kept, ...changed.search(query, limit)].sort((a, b) => b.score - a.score).slice(0, limit);
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
          for (const [term, distance] of this.vocabulary.typoVariants(text)) {
            if (this.df(term) < TYPO_TARGET_RATIO * typedDf) continue;
            put(slot, term, NO_TERM, Math.max(WEIGHT_TYPO_FLOOR, 1 - (WEIGHT_TYPO_PER_EDIT_PER_LETTER * distance) / text.length));
          }
        }
        if (typing && lastPart) {
          for (const term of this.vocabulary.completions(text)) {
            put(slot, term, NO_TERM, WEIGHT_COMPLETION_BASE + (WEIGHT_COMPLETION_LENGTH * text.length) / this.postings.terms.at(term)!.length);
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
    return this.postings.df(term);
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
}

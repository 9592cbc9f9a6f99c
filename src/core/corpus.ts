/**
 * A corpus: papers, their names, their topics, and the matcher and search index built from
 * them. The expensive structures are built on first use, so loading stays cheap.
 */
import { parseListing, type ListingProblem } from './listing';
import { Background } from './background';
import { deriveNames, type IsCommonWord } from './names';
import { MentionMatcher, normaliseTitle, type MatcherData } from './mentions';
import { firstStageSearchData, SearchIndex, searchDataApart, type SearchDoc, type SearchIndexData } from './search';
import { TopicClassifier } from './topics';
import { finishSteps, ITEMS_PER_STEP, Pace, type Steps } from './steps';
import { isTitleName, type Paper, type PaperName, type Topic } from './types';
import { NameTable, packNames, packTopics, PREPARED_FORMAT, preparedFits, topicLists, type FirstStageIndex, type KeptParts, type PaperIds, type PreparedIndex } from './prepared';
import { fingerprintOf, idHashSteps, IdTable } from './idTable';
import { CiteKeyResolver } from './citations';
import { IdentifierIndex } from './identifiers';
import type { KeyTableData } from './keyTable';

/** Papers whose names are derived (or topics classified) between two yields of `Corpus.prepare`. */
const NAMES_PER_STEP = 16;

/**
 * The papers filed under topics: each paper's topics by its position (made when first asked for
 * from `stored`, where a prepared index holds them), and each topic's papers.
 */
interface Grouping {
  readonly byPaper: (readonly Topic[] | undefined)[];
  readonly byTopic: Map<string, Paper[]>;
  /** The papers under none of the topics, in listing order. */
  readonly inNoTopic: Paper[];
  readonly stored?: (k: number) => readonly Topic[];
}

/** The topics a prepared index holds (see `Corpus.preparedTopics`). */
interface StoredTopics {
  /** Paper `k`'s topics. */
  readonly at: (k: number) => readonly Topic[];
  /** Where each paper's topic references start in `refs`, and one past the last. */
  readonly starts: Int32Array;
  readonly refs: ArrayLike<number>;
  /** The topic of each reference, or undefined for one the taxonomy no longer has. */
  readonly topicOf: readonly (Topic | undefined)[];
}

export class Corpus {
  /** Each paper's position in `papers`, by id. */
  private lookups?: { indexOf: IdTable };
  /** The names of a restored index, made a paper at a time as asked for (see `NameTable`). */
  private nameTable?: NameTable;
  private readonly names = new Map<string, PaperName[]>();
  private grouping?: Grouping;
  private matcherCache?: MentionMatcher;
  private searchCache?: SearchIndex;
  private citeKeyCache?: CiteKeyResolver;
  private identifierCache?: IdentifierIndex;
  /** A restored index's tables of cite keys and identifiers, until their look-ups are restored from them. */
  private storedCiteKeys?: PreparedIndex['citeKeys'];
  private storedIdentifiers?: PreparedIndex['identifiers'];

  /**
   * Cheap: the lookups, names, topics, the matcher and the search index are each computed on
   * first use, so opening the editor or running one CLI command pays only for what it asks.
   * `prepare` computes them all in steps, for a corpus swapped in on a thread that must stay
   * responsive.
   */
  constructor(
    readonly papers: readonly Paper[],
    readonly topics: readonly Topic[],
    private readonly isCommonWord: IsCommonWord,
    readonly problems: readonly ListingProblem[] = [],
    /** How ML writing at large uses words and names (see `Background`); empty: none known. */
    readonly background: Background = Background.empty(),
    /**
     * Topic ids already chosen by the classifier for some papers, by paper id (the library
     * worker classifies off the editor's thread); the others are classified on first use.
     */
    private classified?: ReadonlyMap<string, readonly string[]>,
    /**
     * The names, matcher and search index already built for these papers (see
     * `core/prepared.ts`): restored instead of built, when they fit the papers.
     */
    prepared?: PreparedIndex,
  ) {
    this.prepared = prepared;
    this.preparedFiling = prepared;
  }

  /**
   * A large library's first stage (see `FirstStageIndex`): its papers, searchable by title,
   * author, year and key, with their cite keys and identifiers, before they are filed under
   * topics and named. Until the whole corpus replaces it, only the first `index.filedHere`
   * papers (the bundled ones) have topics and names, so only their names are recognised in
   * text; the others are not filed nor named here: at 50,000 papers that would hold the
   * editor's thread for seconds. `index` must fit the papers; else the search
   * index, cite keys and identifiers are built on first use, the papers still unfiled.
   */
  static firstStage(papers: readonly Paper[], topics: readonly Topic[], isCommonWord: IsCommonWord, background: Background, index: FirstStageIndex): Corpus {
    const corpus = new Corpus(papers, topics, isCommonWord, [], background);
    corpus.firstStageIndex = index;
    corpus.isFiling = true;
    corpus.filedHere = Math.max(0, Math.min(index.filedHere, papers.length));
    return corpus;
  }

  /** The first stage's index, until `prepare` restores it (see `firstStage`). */
  private firstStageIndex?: FirstStageIndex;
  private isFiling = false;
  /** In a first stage, the papers before this one are filed and named here (see `firstStage`). */
  private filedHere = 0;

  /** Whether paper `k` waits for the whole corpus to be filed and named (a first stage's library papers). */
  private unfiled(k: number): boolean {
    return this.isFiling && k >= this.filedHere;
  }

  /** How many papers, from the first, are named here: a first stage names only those it files (see `firstStage`). */
  private get named(): number {
    return this.isFiling ? this.filedHere : this.papers.length;
  }

  /**
   * Whether this is a reload's quick stage: the corpus in use with a file's changed entries laid
   * over it, until the whole reload replaces it (see `core/corpusPatch.ts`).
   */
  get patched(): boolean {
    return false;
  }

  /** Whether this is a library's first stage: its library papers not filed under topics nor named yet (see `firstStage`). */
  get filing(): boolean {
    return this.isFiling;
  }

  /**
   * What a first stage of this corpus holds (see `firstStage`), built here but for the search
   * index's data when given (see `firstStageSearchData`: the library worker's helper builds it):
   * the worker sends it to the editor, then builds the rest. The cite keys and identifiers built
   * for it are this corpus's, so `toPrepared` does not build them again.
   */
  toFirstStage(filedHere: number, search = firstStageSearchData(this.papers)): FirstStageIndex {
    return { format: PREPARED_FORMAT, papers: this.papers.length, fingerprint: fingerprintOf(finishSteps(this.idHashSteps())), search, citeKeys: this.citeKeys.toData(), identifiers: this.identifiers.toData(), filedHere };
  }

  /** Set until `prepare` restores its parts (or finds that it does not fit the papers). */
  private prepared?: PreparedIndex;
  /** The same, until the papers are filed under topics (which may come before or after the restore). */
  private preparedFiling?: PreparedIndex;
  /** Whether the prepared index given fits these papers: checked once, for the topics and the rest. */
  private preparedFit?: boolean;
  private wasRestored = false;

  private *fits(prepared: Pick<PreparedIndex, 'format' | 'papers' | 'fingerprint'>): Steps<boolean> {
    if (this.preparedFit === undefined) this.preparedFit = preparedFits(prepared, yield* this.idHashSteps());
    return this.preparedFit;
  }

  private idHashes?: Uint32Array;
  /** The papers' ids hashed (see `core/idTable.ts`), once: the fit check and the look-up by id read them. */
  private *idHashSteps(): Steps<Uint32Array> {
    return (this.idHashes ??= yield* idHashSteps(this.papers));
  }

  /** The papers' ids in paper order, each read when asked: a restored index's names read them (see `NameTable`). */
  private get ids(): PaperIds {
    const { papers } = this;
    return { length: papers.length, at: (k) => papers[k]?.id };
  }

  /**
   * Everything `prepare` builds, as plain data (see `core/prepared.ts`): for the library worker,
   * which builds it off the editor's thread, and for the disk cache. Builds what is not built,
   * but the search index when its data is given (built by the worker's helper thread from the
   * same papers, names and topics), and but the parts `kept` from the stored index of a load
   * that had the same (see `ReusedFiling.parts`).
   */
  toPrepared(search?: SearchIndexData, kept: KeptParts = {}): PreparedIndex {
    const names = this.papers.map((p) => this.namesOf(p.id));
    const matcher = kept.matcher ?? this.matcherData(names);
    return {
      format: PREPARED_FORMAT,
      papers: this.papers.length,
      fingerprint: fingerprintOf(finishSteps(this.idHashSteps())),
      topics: packTopics(this.papers.map((p) => this.topicsOf(p.id).map((t) => t.id))),
      names: packNames(names),
      matcher,
      search: search ?? this.searchIndex.toData(),
      citeKeys: kept.citeKeys ?? this.citeKeys.toData(),
      identifiers: kept.identifiers ?? this.identifiers.toData(),
    };
  }

  /** The matcher's data, its names numbered as `names` lists them (every paper's, in order). */
  private matcherData(names: ReadonlyArray<readonly PaperName[]>): MatcherData {
    const number = new Map<PaperName, number>();
    for (const list of names) for (const name of list) number.set(name, number.size);
    return this.matcher.toData((name) => {
      const at = number.get(name);
      if (at === undefined) throw new Error(`the matcher holds a name not of this corpus: ${name.text}`);
      return at;
    });
  }

  /**
   * Computes, in steps (see `core/steps.ts`), everything the lazy accessors would build on
   * first use: at 50,000 papers about 8 s of work that, done at once on the editor's thread,
   * would freeze it on the first hover or search.
   */
  *prepare(): Steps<void> {
    yield* this.lookupSteps();
    yield* this.groupingSteps();
    yield* this.background.prepare();
    yield* this.restorePrepared();
    const pace = new Pace(NAMES_PER_STEP);
    // The common words that deriving names reads, built in steps before the first paper asks.
    if (!this.nameTable && this.isCommonWord.prepare) yield* this.isCommonWord.prepare();
    // A restored index's names are made as asked for; others are derived now (a first stage's: those it names, see `firstStage`).
    for (let k = 0; k < this.named && !this.nameTable; k++) {
      const paper = this.papers[k];
      if (this.names.has(paper.id)) continue;
      this.namesOf(paper.id);
      if (pace.tick()) yield* pace.pause();
    }
    yield* this.matcherSteps();
    yield* this.searchSteps();
    yield* this.citeKeySteps();
    yield* this.identifierSteps();
  }

  /** Restores what the prepared index given holds, once (see `restoreSteps`). */
  private *restorePrepared(): Steps<void> {
    const prepared = this.prepared;
    this.prepared = undefined;
    if (prepared) yield* this.restoreSteps(prepared);
    const first = this.firstStageIndex;
    this.firstStageIndex = undefined;
    if (first) yield* this.restoreFirstStage(first);
  }

  /** Restores a first stage's search index, and keeps its tables of cite keys and identifiers to restore (see `firstStage`). */
  private *restoreFirstStage(first: FirstStageIndex): Steps<void> {
    if (this.searchCache || !(yield* this.fits(first))) return;
    try {
      yield* this.lookupSteps();
      const docs: SearchDoc[] = [];
      // As the index read them: no names nor topics (see `firstStagePaper`).
      this.searchCache = yield* SearchIndex.restore({ size: this.papers.length, at: (k) => (docs[k] ??= { paper: this.papers[k], names: [], topics: [] }) }, first.search);
      this.storedCiteKeys = first.citeKeys;
      this.storedIdentifiers = first.identifiers;
      this.wasRestored = true;
    } catch {
      // Damaged: built on first use instead, from titles and abstracts.
    }
  }

  /**
   * Restores the names, matcher and search index from `prepared` when it fits these papers and
   * nothing was built yet. A prepared index that does not fit, or that is damaged, is dropped:
   * `prepare` then builds everything, as without one.
   */
  private *restoreSteps(prepared: PreparedIndex): Steps<void> {
    if (this.names.size || this.nameTable || this.matcherCache || this.searchCache || !(yield* this.fits(prepared))) return;
    const ids = this.ids;
    try {
      // Names, search documents and the matcher's names are made as they are asked for.
      const names = yield* NameTable.from(prepared.names, ids);
      yield;
      yield* this.lookupSteps();
      const namesOf = (id: string) => this.namesOf(id);
      const matcher = MentionMatcher.fromData(prepared.matcher, names, (id) => this.get(id), this.isCommonWord, this.background, namesOf);
      yield;
      const docs: SearchDoc[] = [];
      const search = yield* SearchIndex.restore({ size: this.papers.length, at: (k) => (docs[k] ??= this.searchDoc(this.papers[k], names.namesOf(k))) }, prepared.search);
      this.nameTable = names;
      this.storedCiteKeys = prepared.citeKeys;
      this.storedIdentifiers = prepared.identifiers;
      this.matcherCache = matcher;
      this.searchCache = search;
      this.wasRestored = true;
    } catch {
      // Damaged (a cache written by a crash, or by another version that kept the same format number): built instead.
    }
  }

  private get indexOf(): IdTable {
    return (this.lookups ??= finishSteps(this.lookupSteps())).indexOf;
  }

  private *lookupSteps(): Steps<{ indexOf: IdTable }> {
    if (this.lookups) return this.lookups;
    const indexOf = yield* IdTable.build(this.papers, yield* this.idHashSteps());
    return (this.lookups = { indexOf });
  }

  /** Files every paper under its topics with the classifier, once. */
  private get topicGrouping() {
    return (this.grouping ??= finishSteps(this.groupingSteps()));
  }

  /**
   * The topics a prepared index holds for these papers, when one fits (else none): paper `k`'s
   * are `at(k)`. Read from the index's arrays as they are, and papers filed under the same
   * topics share one list (a few thousand lists at 50,000 papers): lists of ids cut out first,
   * then turned into topics, made 50,000 lists twice over on every warm start.
   */
  private *preparedTopics(prepared: PreparedIndex | undefined): Steps<StoredTopics | undefined> {
    if (!prepared || !(yield* this.fits(prepared))) return undefined;
    try {
      const lists = yield* topicLists(prepared.topics, this.papers.length);
      if (!lists) return undefined;
      const { ids, starts, refs } = lists;
      const topicById = new Map(this.topics.map((t) => [t.id, t]));
      const topicOf = ids.map((id) => topicById.get(id));
      const shared = new Map<number, readonly Topic[]>();
      // A list's key: its topics' positions in base `ids.length + 1` (0 ends the list), when that stays an exact number.
      const base = ids.length + 1;
      const at = (k: number) => {
        const from = starts[k];
        const to = starts[k + 1];
        let key = 0;
        for (let i = from; i < to; i++) key = key * base + refs[i] + 1;
        let list = Number.isSafeInteger(key) ? shared.get(key) : undefined;
        if (!list) {
          const topics: Topic[] = [];
          for (let i = from; i < to; i++) {
            const topic = topicOf[refs[i]];
            // A topic the taxonomy no longer has is left out, as for a paper classified here.
            if (topic) topics.push(topic);
          }
          list = topics;
          if (Number.isSafeInteger(key)) shared.set(key, list);
        }
        return list;
      };
      return { at, starts, refs, topicOf };
    } catch {
      return undefined;
    }
  }

  private *groupingSteps(): Steps<Grouping> {
    if (this.grouping) return this.grouping;
    // Papers filed already: by the library worker, or in a prepared index (a warm start).
    const filing = this.preparedFiling;
    this.preparedFiling = undefined;
    const stored = this.classified ? undefined : yield* this.preparedTopics(filing);
    if (stored) return (this.grouping = yield* this.storedGrouping(stored));
    // Built only for a paper not filed already (its tables take a while to build).
    let classifier: TopicClassifier | undefined;
    const topicById = new Map(this.topics.map((t) => [t.id, t]));
    // By position (see `indexOf`), not by id: a map of 50,000 ids took 20-30 ms to fill on a warm start.
    const byPaper = new Array<readonly Topic[]>(this.papers.length);
    const byTopic = new Map<string, Paper[]>(this.topics.map((t) => [t.id, []]));
    const inNoTopic: Paper[] = [];
    const pace = new Pace(ITEMS_PER_STEP * 16);
    for (let k = 0; k < this.papers.length; k++) {
      const paper = this.papers[k];
      // A first stage's library paper: filed with the whole corpus (see `firstStage`).
      if (this.unfiled(k)) {
        byPaper[k] = [];
        inNoTopic.push(paper);
        if (pace.tickCheap(k)) yield* pace.pause();
        continue;
      }
      const chosen = this.classified?.get(paper.id);
      // Built in steps: at once, its tables took 22-36 ms, which with the step's other work held a first stage's swap for 73 ms.
      if (!chosen && !classifier) classifier = yield* classifierOf(this.topics);
      // Loops, not `flatMap` (50,000 small ones took 40 ms), and an array of exactly its size (see `listOf` in `core/paperTable.ts`).
      const ids = chosen ?? classifier!.classify(paper);
      let known = 0;
      for (const id of ids) if (topicById.has(id)) known++;
      const assigned = new Array<Topic>(known);
      known = 0;
      for (const id of ids) {
        const topic = topicById.get(id);
        if (topic) assigned[known++] = topic;
      }
      byPaper[k] = assigned;
      for (const t of assigned) byTopic.get(t.id)!.push(paper);
      if (!known) inNoTopic.push(paper);
      // Classifying a paper costs far more than filing one already classified.
      if (pace.tick(chosen ? 1 : (ITEMS_PER_STEP * 16) / NAMES_PER_STEP)) yield* pace.pause();
    }
    return (this.grouping = { byPaper, byTopic, inNoTopic });
  }

  /**
   * The papers filed as a prepared index holds them: each topic's papers in one list of exactly
   * its size, from the index's arrays, and each paper's topics made when first asked for (see
   * `topicsOf`). At 50,000 papers, filing paper by paper took 25-50 ms of a warm start.
   */
  private *storedGrouping(stored: StoredTopics): Steps<Grouping> {
    const { starts, refs, topicOf } = stored;
    const sizes = new Int32Array(topicOf.length);
    for (let i = 0; i < refs.length; i++) sizes[refs[i]]++;
    const lists = topicOf.map((topic, ref) => (topic ? new Array<Paper>(sizes[ref]) : []));
    const filled = new Int32Array(topicOf.length);
    const inNoTopic: Paper[] = [];
    const pace = new Pace(ITEMS_PER_STEP * 16);
    for (let k = 0; k < this.papers.length; k++) {
      let known = false;
      for (let i = starts[k]; i < starts[k + 1]; i++) {
        lists[refs[i]][filled[refs[i]]++] = this.papers[k];
        known ||= topicOf[refs[i]] !== undefined;
      }
      if (!known) inNoTopic.push(this.papers[k]);
      if (pace.tickCheap(k)) yield* pace.pause();
    }
    const byTopic = new Map<string, Paper[]>(this.topics.map((t) => [t.id, []]));
    topicOf.forEach((topic, ref) => {
      if (topic) byTopic.set(topic.id, lists[ref]);
    });
    return { byPaper: new Array<readonly Topic[] | undefined>(this.papers.length), byTopic, inNoTopic, stored: stored.at };
  }

  /** Parses a listing; see `parseListing` for what is a problem and what is an error. */
  static fromListing(text: string, file: string, topics: readonly Topic[], isCommonWord: IsCommonWord, background?: Background): Corpus {
    const { papers, problems } = parseListing(text, file);
    return new Corpus(papers, topics, isCommonWord, problems, background);
  }

  get(id: string): Paper | undefined {
    const k = this.indexOf.get(id);
    return k === undefined ? undefined : this.papers[k];
  }

  /**
   * A paper by id, citation key (ignoring case, `@` allowed before it), exact title, or
   * (ignoring case and spacing) title or short/method name.
   */
  find(idOrTitle: string): Paper | undefined {
    const query = idOrTitle.trim();
    const direct = this.get(query) ?? this.citeKeys.libraryKey(query) ?? this.papers.find((p) => p.title === query);
    if (direct) return direct;
    const fold = normaliseTitle;
    const q = fold(query);
    return (
      this.papers.find((p) => fold(p.title) === q || p.id === q) ??
      this.papers.find((p) => this.namesOf(p.id).some((n) => fold(n.text) === q))
    );
  }

  /** Whether the names, matcher and search index were restored from a prepared index (for the log and tests). */
  get restored(): boolean {
    return this.wasRestored;
  }

  /** Whether the matcher or the search index is built (or restored): what a prepared index would save the next run. */
  get indexed(): boolean {
    return this.matcherCache !== undefined || this.searchCache !== undefined;
  }

  /** The paper's names: title first, then short name, then method names. */
  namesOf(id: string): readonly PaperName[] {
    let names = this.names.get(id);
    if (!names) {
      const k = this.indexOf.get(id);
      // A first stage's library paper is named with the whole corpus (see `firstStage`).
      if (k === undefined || this.unfiled(k)) return [];
      if (this.nameTable) return this.nameTable.namesOf(k);
      const paper = this.papers[k];
      names = deriveNames(paper, this.isCommonWord, this.background);
      this.names.set(id, names);
    }
    return names;
  }

  /**
   * Takes the names of papers `start`, `start + 1`, … as `deriveNames` made them elsewhere (the
   * library worker's helper thread derives some while the worker derives the others), instead
   * of deriving them here.
   */
  adoptNames(start: number, names: ReadonlyArray<readonly PaperName[]>): void {
    if (start < 0 || start + names.length > this.papers.length) throw new RangeError(`names for papers ${start}-${start + names.length} of ${this.papers.length}`);
    names.forEach((list, i) => this.names.set(this.papers[start + i].id, [...list]));
  }

  /** The name to show beside the title: the short name, else the first method name (a phrase name is the title's own start). */
  shortName(id: string): string | undefined {
    return this.namesOf(id).find((n) => n.kind === 'short' || n.kind === 'method')?.text;
  }

  /** One to three topics, best first. */
  topicsOf(id: string): readonly Topic[] {
    const k = this.indexOf.get(id);
    if (k === undefined) return [];
    const { byPaper, stored } = this.topicGrouping;
    return (byPaper[k] ??= stored?.(k)) ?? [];
  }

  /** The papers filed under a topic, in listing order. */
  papersIn(topicId: string): readonly Paper[] {
    return this.topicGrouping.byTopic.get(topicId) ?? [];
  }

  /**
   * The papers filed under none of the topics (the sidebar's "Unfiled"; in a first stage, the
   * library's papers, not filed yet), in listing order.
   */
  papersInNoTopic(): readonly Paper[] {
    return this.topicGrouping.inNoTopic;
  }

  /** The name matcher, built on first use. */
  get matcher(): MentionMatcher {
    return (this.matcherCache ??= finishSteps(this.matcherSteps()));
  }

  private *matcherSteps(): Steps<MentionMatcher> {
    if (this.matcherCache) return this.matcherCache;
    // A corpus used without `prepare` (the CLI) restores a prepared index on first use too.
    yield* this.restorePrepared();
    if (this.matcherCache) return this.matcherCache;
    // In steps: at 200,000 papers, gathering their 1.4 million names at once held the thread for 90 ms.
    const all: PaperName[] = [];
    const pace = new Pace(ITEMS_PER_STEP * 4);
    for (let k = 0; k < this.named; k++) {
      for (const n of this.namesOf(this.papers[k].id)) all.push(n);
      if (pace.tick()) yield* pace.pause();
    }
    return (this.matcherCache = yield* MentionMatcher.build(all, (id) => this.get(id), this.isCommonWord, this.background, (id) => this.namesOf(id)));
  }

  /** The cite-key resolver (library keys, then computed keys), built on first use. */
  get citeKeys(): CiteKeyResolver {
    return (this.citeKeyCache ??= finishSteps(this.citeKeySteps()));
  }

  private *citeKeySteps(): Steps<CiteKeyResolver> {
    if (this.citeKeyCache) return this.citeKeyCache;
    yield* this.restorePrepared();
    const stored = this.storedCiteKeys;
    this.storedCiteKeys = undefined;
    return (this.citeKeyCache = yield* restoredOrBuilt(stored, (data) => CiteKeyResolver.restore(this.papers, data), () => CiteKeyResolver.build(this.papers)));
  }

  /** The arXiv-id and DOI look-up, built (or restored) on first use. */
  get identifiers(): IdentifierIndex {
    return (this.identifierCache ??= finishSteps(this.identifierSteps()));
  }

  private *identifierSteps(): Steps<IdentifierIndex> {
    if (this.identifierCache) return this.identifierCache;
    yield* this.restorePrepared();
    const stored = this.storedIdentifiers;
    this.storedIdentifiers = undefined;
    return (this.identifierCache = yield* restoredOrBuilt(stored, (data) => IdentifierIndex.restore(this.papers, data), () => IdentifierIndex.build(this.papers)));
  }

  /** The search index, built on first use. */
  get searchIndex(): SearchIndex {
    return (this.searchCache ??= finishSteps(this.searchSteps(true)));
  }

  /** `atOnce` where the steps run without a pause (see `SearchIndex.build`). */
  private *searchSteps(atOnce = false): Steps<SearchIndex> {
    if (this.searchCache) return this.searchCache;
    yield* this.restorePrepared();
    if (this.searchCache) return this.searchCache;
    const docs: SearchDoc[] = [];
    const pace = new Pace(ITEMS_PER_STEP);
    for (const paper of this.papers) {
      docs.push(this.searchDoc(paper, this.namesOf(paper.id)));
      if (pace.tick()) yield* pace.pause();
    }
    return (this.searchCache = yield* SearchIndex.build(docs, atOnce));
  }

  /**
   * The search index's data but its vocabulary, whose term table `terms` is given to build it
   * elsewhere (see `searchDataApart`): for the library worker's helper thread.
   */
  searchDataApart(terms: (vocab: SearchIndexData['vocab']) => void): Omit<SearchIndexData, 'vocabulary'> {
    return finishSteps(searchDataApart(this.papers.map((paper) => this.searchDoc(paper, this.namesOf(paper.id))), terms));
  }

  /**
   * Runs what a search runs, over a small index of this corpus's first papers (built here,
   * not this corpus's own, whose first searches at 50,000 papers take longer than a slice), one
   * query a step: the queries a user types for a paper (the first words of its title, a word
   * being typed, its first author and year). The first run of the search code is the engine's
   * slow one: after a warm start at 50,000 papers, the first two searches took 38-46 and 21-32 ms,
   * and 12-20 and 7-16 ms once this had run over the bundled corpus (three loads each, the bench's
   * warm row). Returns how many queries found their paper first.
   */
  *warmUpSearch(papers = SEARCH_WARM_UP_PAPERS, rounds = SEARCH_WARM_UP_ROUNDS): Steps<number> {
    const some = this.papers.slice(0, papers);
    const index = yield* SearchIndex.build(some.map((paper) => this.searchDoc(paper, this.namesOf(paper.id))));
    let found = 0;
    for (let round = 0; round < rounds; round++) {
      for (const paper of some.slice(0, SEARCH_WARM_UP_QUERIES)) {
        const words = paper.title.split(/\s+/);
        const author = paper.authors?.[0]?.split(' ').pop();
        const queries = [words.slice(0, 3).join(' '), `${words[0]} ${(words[1] ?? '').slice(0, 3)}`, ...(author && paper.year ? [`${author} ${paper.year}`] : [])];
        for (const query of queries) {
          if (index.search(query, 10)[0]?.paper === paper) found++;
          yield;
        }
      }
    }
    return found;
  }

  /** What the search index reads of a paper. */
  private searchDoc(paper: Paper, names: readonly PaperName[]): SearchDoc {
    return { paper, names: names.filter((n) => !isTitleName(n)).map((n) => n.text), topics: this.topicsOf(paper.id).map((t) => t.label) };
  }
}

/**
 * How long after start-up the editor warms up what the first hover and search would otherwise
 * run for the first time (`services/warmUp.ts`, `Corpus.warmUpSearch`): the same wait as the
 * workspace index's first run, which loads the corpus too.
 */
export const WARM_UP_DELAY_MS = 3000;

/** The papers `Corpus.warmUpSearch` indexes, the papers whose queries it runs, and how many times. */
const SEARCH_WARM_UP_PAPERS = 64;
const SEARCH_WARM_UP_QUERIES = 8;
const SEARCH_WARM_UP_ROUNDS = 3;

/** What `restore` makes of a restored index's stored table; else (none stored, or damaged) what `build` makes. */
function* restoredOrBuilt<T>(stored: KeyTableData | undefined, restore: (data: KeyTableData) => Steps<T>, build: () => Steps<T>): Steps<T> {
  if (stored) {
    try {
      return yield* restore(stored);
    } catch {
      // Damaged: built instead.
    }
  }
  return yield* build();
}

/**
 * The topic classifier of a taxonomy, built once per thread for each taxonomy (by its content:
 * the bundled corpus and a library's are given the same topics read apart). Classifying is
 * synchronous, so corpora on one thread can share one; the few taxonomies of a session are kept.
 */
export function* classifierOf(topics: readonly Topic[]): Steps<TopicClassifier> {
  const key = JSON.stringify(topics);
  let classifier = CLASSIFIERS.get(key);
  if (!classifier) {
    classifier = yield* TopicClassifier.build(topics);
    CLASSIFIERS.set(key, classifier);
    for (const old of CLASSIFIERS.keys()) if (CLASSIFIERS.size > CLASSIFIERS_KEPT) CLASSIFIERS.delete(old);
  }
  return classifier;
}

const CLASSIFIERS = new Map<string, TopicClassifier>();
const CLASSIFIERS_KEPT = 4;

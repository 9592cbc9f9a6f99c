/**
 * A corpus's prepared index as plain data: every paper's topics and names, the mention matcher
 * and the search index, built once (in the library worker) and then handed over or stored instead of
 * being built again. At 50,000 papers, building them takes about 7 s; restoring them from this
 * data takes a few hundred milliseconds, because the data is mostly typed arrays used as they
 * are, and no name is compiled nor any abstract tokenised again.
 *
 * `packData` / `unpackData` turn it (and the papers' table stored with it, `core/paperTable.ts`)
 * into bytes and back for the disk cache: a JSON head for the short strings and numbers, followed
 * by each typed array's bytes, aligned, and each long string's, so that reading
 * it back makes views of one buffer instead of copies. Why not `v8.serialize` or JSON alone:
 * the core runs in the browser too (no `v8`), and JSON of 30 MB of numbers is slower to read
 * than the file is to copy. A stored index that does not fit the papers (another count, other
 * ids) is refused, and the caller builds the index as if there were none.
 */
import { ASCII_WHOLE_BYTES, asciiItems, isAscii, textInSteps } from './asciiText';
import { fingerprintOf, idHashSteps } from './idTable';
import { FarArray, wholeOf, type Typed, type TypedConstructor } from './farArrays';
import type { KeyTableData } from './keyTable';
import type { MatcherData } from './mentions';
import type { SearchIndexData } from './search/index';
import { finishSteps, ITEMS_PER_STEP, Pace, type Steps } from './steps';
import { positionOf } from './lines';
import { LONE_SURROGATE, PAST_ASCII } from './text';
import type { NameKind, Paper, PaperName } from './types';

/**
 * Bumped whenever what the builders produce for the same papers changes, or what the readers
 * produce for the same files (a stored load holds the papers): an older stored index then misses.
 */
export const PREPARED_FORMAT = 22;

const KINDS: readonly NameKind[] = ['title', 'short', 'method', 'phrase', 'field'];

/**
 * A list of strings as one string and the lengths of its items. Why: a worker's message (or a
 * JSON head) with an array of 270,000 strings is read back in one go, 70-130 ms on the editor's
 * thread at 50,000 papers; one string and a typed array cost nothing to receive, and the items
 * are then cut out in steps (`textsOf`) or as asked (`TextView`).
 *
 * Why the items past ASCII apart (`wide`): V8 keeps a string at one byte a character only when
 * every character fits, and reads bytes back as text at over 1.5 GB/s when they are ASCII
 * (`core/asciiText.ts`). The 4.8 million characters of a 50,000-paper library's names hold 581
 * past ASCII: joined with them, the names took 40 ms to decode from a stored index on every warm
 * start and 9.5 MB of the editor's heap (two bytes a character); the terms, 20 ms and 5.7 MB.
 *
 * Why the ASCII items may stay bytes: a long list received from the library worker or read back
 * from a stored index (`keptAsBytes`) is not decoded into one string. An 8 MB string is 8 MB of
 * fresh memory for the editor's thread to fault in and fill: at 50,000 papers, the names' and
 * the terms' were steps of 25-50 ms of a cold load's swap, and part of every warm start. Its
 * items are read from the bytes as they are asked for (`TextView`).
 */
export interface TextList {
  /** Each item's length; `~length` (negative, never -1) for an item in `wide`. */
  readonly lengths: Int32Array;
  /** The ASCII items, joined: as a string, or as their bytes (see above). */
  readonly joined: string | Uint8Array;
  /** The other items, joined. */
  readonly wide: string;
}

/** Items joined into one string at a time (see `TextListBuilder`). */
const JOIN_RUN = 4096;

/**
 * A `TextList` made an item at a time. The items are joined a run at a time, then the runs: a
 * join of 150,000 keys at once (with their lengths) held the thread for 70 ms in one step.
 */
export class TextListBuilder {
  private readonly lengths: Int32Array;
  private count = 0;
  private readonly narrow = new Runs();
  private readonly wide = new Runs();

  constructor(size: number) {
    this.lengths = new Int32Array(size);
  }

  add(text: string): void {
    if (PAST_ASCII.test(text)) {
      this.lengths[this.count++] = ~text.length;
      this.wide.add(text);
    } else {
      this.lengths[this.count++] = text.length;
      this.narrow.add(text);
    }
  }

  finish(): TextList {
    if (this.count !== this.lengths.length) throw new Error(`a list of ${this.lengths.length} texts given ${this.count}`);
    return { lengths: this.lengths, joined: this.narrow.joined(), wide: this.wide.joined() };
  }
}

/** Strings joined a run of `JOIN_RUN` at a time. */
class Runs {
  private readonly runs: string[] = [];
  private run: string[] = [];

  add(text: string): void {
    this.run.push(text);
    if (this.run.length === JOIN_RUN) {
      this.runs.push(this.run.join(''));
      this.run = [];
    }
  }

  joined(): string {
    return this.runs.length ? [...this.runs, this.run.join('')].join('') : this.run.join('');
  }
}

export function textList(items: Texts): TextList {
  const list = new TextListBuilder(items.length);
  for (let k = 0; k < items.length; k++) list.add(items.at(k)!);
  return list.finish();
}

/** Strings by position: an array of them, or a `TextList` cut where asked (`TextView`). */
export interface Texts {
  readonly length: number;
  at(index: number): string | undefined;
}

/**
 * The items of a `TextList`, each cut out when asked for rather than all up front: the 280,000
 * terms of a search index at 50,000 papers took 30 ms of the editor's thread to cut, and
 * their strings a garbage collection's worth of its heap, on every warm start, when a query
 * reads a few dozen. Throws when the lengths do not fill the texts.
 */
export class TextView implements Texts {
  /** Where each item starts in its text (`joined`, or `wide` for a negative length). */
  private readonly starts: Int32Array;
  /** The ASCII items' text, cut from a string or read from bytes. */
  private readonly narrow: (start: number, end: number) => string;

  constructor(private readonly list: TextList) {
    this.starts = offsetsOf(list);
    const { joined } = list;
    this.narrow = typeof joined === 'string' ? (start, end) => joined.slice(start, end) : asciiItems(joined);
  }

  get length(): number {
    return this.list.lengths.length;
  }

  at(index: number): string | undefined {
    if (!(index >= 0 && index < this.length)) return undefined;
    const n = this.list.lengths[index];
    const start = this.starts[index];
    return n >= 0 ? this.narrow(start, start + n) : this.list.wide.slice(start, start + ~n);
  }

  /** Whether item `index` is `text`, without cutting it out. */
  is(index: number, text: string): boolean {
    const n = this.list.lengths[index];
    const start = this.starts[index];
    if (n < 0) return ~n === text.length && this.list.wide.startsWith(text, start);
    if (n !== text.length) return false;
    const { joined } = this.list;
    if (typeof joined === 'string') return joined.startsWith(text, start);
    for (let i = 0; i < n; i++) if (joined[start + i] !== text.charCodeAt(i)) return false;
    return true;
  }
}

/** The items of `list`, in steps (see `core/steps.ts`); throws as `TextView` does. */
export function* textsOf(list: TextList): Steps<string[]> {
  const view = new TextView(list);
  const out = new Array<string>(view.length);
  const pace = new Pace(ITEMS_PER_STEP * 16);
  for (let k = 0; k < out.length; k++) {
    out[k] = view.at(k)!;
    if (pace.tickCheap(k)) yield* pace.pause();
  }
  return out;
}

/** Every paper's names, papers in corpus order. */
export interface NamesData {
  /** How many names each paper has. */
  readonly counts: Int32Array;
  readonly texts: TextList;
  /** Each name's kind, as its position in `KINDS`. */
  readonly kinds: Uint8Array;
  readonly ambiguous: Uint8Array;
  /** Why a name is collision-prone, where it says (`PaperName.why`); empty where it does not. */
  readonly why: TextList;
}

/** Each paper's topic ids, papers in corpus order. */
export interface TopicsData {
  /** The topic ids used, each once. */
  readonly ids: TextList;
  /** How many topics each paper has. */
  readonly counts: Uint8Array;
  /** Each paper's topics in turn, as positions in `ids`. */
  readonly refs: Uint16Array;
}

export function packTopics(topics: ReadonlyArray<readonly string[]>): TopicsData {
  const ids = new Map<string, number>();
  const refs: number[] = [];
  const counts = new Uint8Array(topics.length);
  topics.forEach((list, k) => {
    counts[k] = list.length;
    for (const id of list) {
      if (!ids.has(id)) ids.set(id, ids.size);
      refs.push(ids.get(id)!);
    }
  });
  return { ids: textList([...ids.keys()]), counts, refs: Uint16Array.from(refs) };
}

export interface PreparedIndex {
  readonly format: number;
  /** How many papers, and a hash of their ids in order: an index is used only for the papers it was built for. */
  readonly papers: number;
  readonly fingerprint: number;
  /** Each paper's topics as the classifier chose them. */
  readonly topics: TopicsData;
  readonly names: NamesData;
  readonly matcher: MatcherData;
  readonly search: SearchIndexData;
  /** The cite-key resolver's table (see `CiteKeyResolver` in `citations.ts`). */
  readonly citeKeys: KeyTableData;
  /** The arXiv-id and DOI look-up's table (see `IdentifierIndex` in `identifiers.ts`). */
  readonly identifiers: KeyTableData;
}

/**
 * A large library's first stage (see `Corpus.firstStage`): what is cheap to build once its
 * papers are merged, sent to the editor before their topics and names. Its search index reads
 * titles, authors, years and cite keys, not abstracts, names nor topics: at 50,000 papers it
 * took 1.1 s to build against about 4 s for the whole one.
 */
export interface FirstStageIndex extends Pick<PreparedIndex, 'format' | 'papers' | 'fingerprint' | 'search' | 'citeKeys' | 'identifiers'> {
  /**
   * How many papers, from the first, the editor files and names itself: the bundled ones, few,
   * whose topics and hovers stay while the library's papers are being filed.
   */
  readonly filedHere: number;
}

/** Whether `prepared` was built for papers whose ids hash to these (see `idHashSteps`), in this order, by this version of the builders. */
export function preparedFits(prepared: Pick<PreparedIndex, 'format' | 'papers' | 'fingerprint'>, idHashes: Uint32Array): boolean {
  return prepared.format === PREPARED_FORMAT && prepared.papers === idHashes.length && prepared.fingerprint === fingerprintOf(idHashes);
}

/** A prepared index's topics as read (see `topicLists`). */
export interface TopicLists {
  /** The topic ids the references name. */
  readonly ids: readonly string[];
  /** Where each paper's references start in `refs`, and one past the last. */
  readonly starts: Int32Array;
  readonly refs: Uint16Array;
}

/**
 * The topics of a prepared index of `papers` papers, read and checked: `undefined` when they are
 * for another count of papers, do not end where the references do, or a reference names no
 * topic id. Throws on topic ids that do not read (a damaged index).
 */
export function* topicLists(topics: TopicsData, papers: number): Steps<TopicLists | undefined> {
  const ids = yield* textsOf(topics.ids);
  const { counts, refs } = topics;
  const starts = startsOf(counts, 'the topics of paper');
  if (counts.length !== papers || starts[papers] !== refs.length) return undefined;
  yield;
  // Every reference names an id. An indexed loop, in steps: a `for...of` over the references
  // (about 100,000 at 50,000 papers), run once on the host before the engine had compiled it,
  // was a step of 30-40 ms of the swap of a cold load.
  const pace = new Pace(ITEMS_PER_STEP * 16);
  for (let k = 0; k < refs.length; k++) {
    if (refs[k] >= ids.length) return undefined;
    if (pace.tickCheap(k)) yield* pace.pause();
  }
  return { ids, starts, refs };
}

/** What a stored load filed and named, for the papers of a new load that it holds as they are (see `reusableFiling`). */
export interface ReusedFiling {
  /** By position in the new load's papers: the topic ids, or `undefined` for a paper to file again. */
  readonly topics: ReadonlyArray<readonly string[] | undefined>;
  /** The same for the names. */
  readonly names: ReadonlyArray<readonly PaperName[] | undefined>;
  /** How many papers have both. */
  readonly count: number;
  /**
   * The stored index itself, when the new load's papers are the stored ones, in the same order,
   * and differ from them in no field that feeds the index (see `FEEDS_INDEX`): the index a first
   * load of the new papers would build, byte for byte.
   */
  readonly index?: PreparedIndex;
  /**
   * Parts of the stored index that the new load's would be, byte for byte, when not all of it
   * is: with the papers in the same places, the cite-key table where no paper changed a field it
   * reads (`CITE_KEY_FIELDS`), the identifiers' where none changed its arXiv id or DOI; the
   * matcher where every paper's names are the stored ones too, which only naming the papers
   * left tells (`keptParts`). At 50,000 papers, building these took 3.5 s of a reload's worker
   * thread after one abstract was edited.
   */
  readonly parts?: StoredParts;
}

/** What `ReusedFiling.parts` holds. */
export interface StoredParts {
  readonly citeKeys?: KeyTableData;
  readonly identifiers?: KeyTableData;
  /** The stored matcher, and the names it was built from, by paper position. */
  readonly matcher?: { readonly data: MatcherData; readonly namesAt: (k: number) => readonly PaperName[] };
}

/** The parts of a prepared index kept from a stored one, not built again (see `Corpus.toPrepared`). */
export type KeptParts = Partial<Pick<PreparedIndex, 'matcher' | 'citeKeys' | 'identifiers'>>;

/** The fields the cite-key table reads (see `CiteKeyResolver`): a paper's own keys, and those computed from its title, authors and year. */
const CITE_KEY_FIELDS: readonly (keyof Paper)[] = ['keys', 'title', 'authors', 'year'];
/** The fields the identifiers' table reads (see `IdentifierIndex`). */
const IDENTIFIER_FIELDS: readonly (keyof Paper)[] = ['arxivId', 'doi'];

/**
 * The parts of `parts` the new load keeps (see `ReusedFiling.parts`), once its papers are all
 * named (`namesOf(k)`, paper `k`'s): the matcher only where every paper's names are the stored
 * ones. `reused[k]` is set for the papers whose names were reused (`ReusedFiling.names`): those
 * are the stored ones, and only the others are compared.
 */
export function keptParts(parts: StoredParts | undefined, reused: ReadonlyArray<unknown>, namesOf: (k: number) => readonly PaperName[]): KeptParts {
  if (!parts) return {};
  const { matcher, citeKeys, identifiers } = parts;
  let sameNames = !!matcher;
  for (let k = 0; sameNames && k < reused.length; k++) if (!reused[k]) sameNames = sameNameLists(namesOf(k), matcher!.namesAt(k));
  return { ...(citeKeys ? { citeKeys } : {}), ...(identifiers ? { identifiers } : {}), ...(sameNames ? { matcher: matcher!.data } : {}) };
}

function sameNameLists(a: readonly PaperName[], b: readonly PaperName[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.paperId !== y.paperId || x.text !== y.text || x.kind !== y.kind || !x.ambiguous !== !y.ambiguous || x.why !== y.why) return false;
  }
  return true;
}

/** Whether `a` and `b` are the same in each of `fields` (arrays compared item by item). */
function sameIn(a: Paper, b: Paper, fields: readonly (keyof Paper)[]): boolean {
  for (const field of fields) {
    const x = a[field];
    const y = b[field];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
  }
  return true;
}

/**
 * Whether each field of a paper feeds its prepared index: its topics, names, matcher, search
 * index, cite keys or identifiers. Papers that differ only in fields marked false have the
 * same index, so a reload after such an edit (a Zotero tag, venue or link changed; every
 * entry after an edit moved in the file) reuses the last load's whole (see `reusableFiling`):
 * at 50,000 papers such a reload took 5.2 s, against 9.6 s for one that builds the index. A
 * unit test changes each field of real entries and checks that the index changes, byte for
 * byte, exactly for the fields marked true; a field added to `Paper` must be marked here
 * before it compiles.
 */
export const FEEDS_INDEX: { readonly [F in keyof Required<Paper>]: boolean } = {
  id: true,
  title: true,
  abstract: true,
  authors: true,
  year: true,
  doi: true,
  arxivId: true,
  keys: true,
  links: false,
  source: false,
  sources: false,
  venue: false,
  url: false,
  keywords: false,
  entryType: false,
};

const INDEXED_FIELDS = (Object.keys(FEEDS_INDEX) as (keyof Paper)[]).filter((f) => FEEDS_INDEX[f]);

/** Whether `a` and `b` are the same in every field that feeds the index (see `FEEDS_INDEX`). */
export function sameForIndex(a: Paper, b: Paper): boolean {
  return sameIn(a, b, INDEXED_FIELDS);
}

/**
 * The topics and names that a stored load (its papers and index) gave each of `papers` it holds
 * as it is: the same id, title and abstract, the only fields that filing under topics
 * (`TopicClassifier`) and deriving names (`deriveNames`, whose names carry the id) read. The
 * library worker files and names only the other papers on a reload: at 50,000 papers, filing
 * and naming them all is about 5 s of its work, for an export that changed one entry.
 * `undefined` when the index does not fit its own papers, or is damaged.
 */
export function* reusableFiling(previous: { readonly papers: readonly Paper[]; readonly prepared: PreparedIndex }, papers: readonly Paper[]): Steps<ReusedFiling | undefined> {
  const old = previous.papers;
  const ids = old.map((p) => p.id);
  const { prepared } = previous;
  if (!preparedFits(prepared, yield* idHashSteps(old))) return undefined;
  let names: NameTable;
  let lists: TopicLists | undefined;
  try {
    names = yield* NameTable.from(prepared.names, ids);
    lists = yield* topicLists(prepared.topics, old.length);
  } catch {
    return undefined;
  }
  if (!lists) return undefined;
  const { ids: topicIds, starts, refs } = lists;
  const at = new Map<string, number>();
  const pace = new Pace(ITEMS_PER_STEP);
  for (let k = 0; k < ids.length; k++) {
    at.set(ids[k], k);
    if (pace.tickCheap(k)) yield* pace.pause();
  }
  const topics = new Array<readonly string[] | undefined>(papers.length);
  const reused = new Array<readonly PaperName[] | undefined>(papers.length);
  let count = 0;
  // While every paper so far is the stored one at the same place: the whole index, as far as
  // it can tell; its parts, as far as each can (see `ReusedFiling.parts`).
  let inPlace = papers.length === old.length;
  let whole = inPlace;
  let citeKeys = inPlace;
  let identifiers = inPlace;
  for (let i = 0; i < papers.length; i++) {
    const paper = papers[i];
    const k = at.get(paper.id);
    const same = k !== undefined && old[k].title === paper.title && old[k].abstract === paper.abstract;
    if (same) {
      const list: string[] = [];
      for (let r = starts[k]; r < starts[k + 1]; r++) list.push(topicIds[refs[r]]);
      topics[i] = list;
      reused[i] = names.namesOf(k);
      count++;
    }
    inPlace &&= k === i;
    if (inPlace) {
      // The stored paper at this place (`k === i`); the fields that feed the index hold its title and abstract.
      const was = old[i];
      whole &&= sameForIndex(was, paper);
      citeKeys &&= sameIn(was, paper, CITE_KEY_FIELDS);
      identifiers &&= sameIn(was, paper, IDENTIFIER_FIELDS);
    }
    if (pace.tick()) yield* pace.pause();
  }
  if (!inPlace) return { topics, names: reused, count };
  if (whole) return { topics, names: reused, count, index: prepared };
  const parts: StoredParts = {
    ...(citeKeys ? { citeKeys: prepared.citeKeys } : {}),
    ...(identifiers ? { identifiers: prepared.identifiers } : {}),
    matcher: { data: prepared.matcher, namesAt: (k) => names.namesOf(k) },
  };
  return { topics, names: reused, count, parts };
}

/** `names[k]` is paper `k`'s names. */
export function packNames(names: ReadonlyArray<readonly PaperName[]>): NamesData {
  const counts = new Int32Array(names.length);
  const texts: string[] = [];
  const kinds: number[] = [];
  const ambiguous: number[] = [];
  const why: string[] = [];
  names.forEach((list, k) => {
    counts[k] = list.length;
    for (const name of list) {
      texts.push(name.text);
      kinds.push(KINDS.indexOf(name.kind));
      ambiguous.push(name.ambiguous ? 1 : 0);
      why.push(name.why ?? '');
    }
  });
  return { counts, texts: textList(texts), kinds: Uint8Array.from(kinds), ambiguous: Uint8Array.from(ambiguous), why: textList(why) };
}

/**
 * The ids of the papers a `NameTable` names, in paper order: an array of them, or the papers'
 * own read one at a time (a restored corpus's papers decode their ids when first asked: see
 * `TablePaper` in `core/paperTable.ts`).
 */
export interface PaperIds {
  readonly length: number;
  at(k: number): string | undefined;
}

/**
 * The names `packNames` packed, for papers with these ids (in the same order), cut out a paper
 * at a time as they are asked for: on a warm start at 50,000 papers, 270,000 names (and their
 * texts) made up front took 70 ms of the editor's thread and as much again in garbage
 * collection, for names a session reads a few hundred of. `from` checks the data whole, so
 * asking never fails.
 */
export class NameTable {
  /** Where each paper's names start in the list of every name (`papers + 1` entries). */
  private readonly starts: Int32Array;
  /** Each name's text, and its reason. */
  private readonly texts: TextView;
  private readonly why: TextView;
  /** Each paper's names, once made. */
  private readonly made: (PaperName[] | undefined)[];

  private constructor(
    private readonly data: NamesData,
    private readonly ids: PaperIds,
    starts: Int32Array,
    texts: TextView,
    why: TextView,
  ) {
    this.starts = starts;
    this.texts = texts;
    this.why = why;
    this.made = new Array<PaperName[] | undefined>(ids.length);
  }

  /** The table of `data` for papers with these ids, in steps; throws when the data is damaged (counts past the end, texts that do not fill their list, an unknown kind). */
  static *from(data: NamesData, ids: PaperIds): Steps<NameTable> {
    const { counts, kinds, ambiguous, texts, why } = data;
    if (counts.length !== ids.length) throw new Error(`prepared index: names for ${counts.length} papers, not ${ids.length}`);
    const starts = startsOf(counts, 'the names of paper');
    const total = starts[ids.length];
    if (total !== kinds.length || ambiguous.length !== total || texts.lengths.length !== total || why.lengths.length !== total) throw new Error('prepared index: names past the end');
    for (let n = 0; n < total; n++) if (KINDS[kinds[n]] === undefined) throw new Error(`prepared index: name ${n} has no known kind`);
    yield;
    const textView = new TextView(texts);
    yield;
    const whyView = new TextView(why);
    return new NameTable(data, ids, starts, textView, whyView);
  }

  /** How many names, all papers together. */
  get count(): number {
    return this.starts[this.starts.length - 1];
  }

  /** Paper `k`'s names: title first, then short name, then method names. */
  namesOf(k: number): PaperName[] {
    let list = this.made[k];
    if (!list) {
      const { kinds, ambiguous } = this.data;
      const from = this.starts[k];
      // Of exactly its size (see `listOf` in `core/paperTable.ts`).
      list = new Array<PaperName>(this.starts[k + 1] - from);
      const id = this.ids.at(k)!;
      for (let m = 0; m < list.length; m++) {
        const n = from + m;
        const text = this.texts.at(n)!;
        const kind = KINDS[kinds[n]];
        const reason = this.why.at(n)!;
        list[m] = reason === '' ? { paperId: id, text, kind, ambiguous: ambiguous[n] === 1 } : { paperId: id, text, kind, ambiguous: ambiguous[n] === 1, why: reason };
      }
      this.made[k] = list;
    }
    return list;
  }

  /** Name `n` of the list of every name, papers in order (as `packNames` numbered them). */
  at(n: number): PaperName {
    // The paper whose names hold `n` is the last to start at or before it, as a line holds an
    // offset (`n` is below the count, so the closing entry is never it).
    const { line: k, character: m } = positionOf(this.starts, n);
    return this.namesOf(k)[m];
  }
}

/**
 * Where each of the runs of these sizes starts when laid end to end, and the end last
 * (`counts.length + 1` entries): the start of each paper's names, each text of a list, each
 * paper's topics. Throws on a negative size (`what` names the list in the message).
 */
export function startsOf(counts: ArrayLike<number>, what: string): Int32Array {
  const starts = new Int32Array(counts.length + 1);
  for (let k = 0; k < counts.length; k++) {
    if (!(counts[k] >= 0)) throw new Error(`prepared index: ${what} ${k} of size ${counts[k]}`);
    starts[k + 1] = starts[k] + counts[k];
  }
  return starts;
}

/**
 * Where each item of `list` starts in its text (`joined`, or `wide` for an item of negative
 * length); throws when the lengths do not fill the texts, or one is -1 (`~0`: an empty item is
 * ASCII).
 */
export function offsetsOf(list: TextList): Int32Array {
  const { lengths } = list;
  if ((typeof list.joined !== 'string' && !(list.joined instanceof Uint8Array)) || typeof list.wide !== 'string') throw new Error('prepared index: a list of texts without its texts');
  const at = new Int32Array(lengths.length);
  let narrow = 0;
  let wide = 0;
  for (let k = 0; k < lengths.length; k++) {
    const n = lengths[k];
    if (n >= 0) {
      at[k] = narrow;
      narrow += n;
    } else if (n !== -1) {
      at[k] = wide;
      wide += ~n;
    } else throw new Error(`prepared index: text ${k} of size -1`);
  }
  if (narrow !== list.joined.length || wide !== list.wide.length) throw new Error(`prepared index: a list of ${lengths.length} strings does not fill its text`);
  return at;
}

const TYPED: Record<string, TypedConstructor<Typed>> = { Int32Array, Uint8Array, Uint16Array, Float32Array, Float64Array };
const MAGIC = 0x504c4933; // "PLI3"
/** The fixed header: magic, the head's length, and where the far sections start (see `packData`). */
export const DATA_HEADER = 16;
/**
 * Strings at least this long are stored as UTF-8 bytes after the head rather than in it: a
 * paper table's 70 MB of abstracts decodes from bytes in a fraction of the time JSON takes to
 * read it back as a string literal.
 */
const TEXT_SECTION = 4096;
/** How many bytes of a long text `unpackDataSteps` decodes a step; an ASCII text up to `ASCII_WHOLE_BYTES` in one (see `textInSteps`). */
const TEXT_PIECE = 1 << 20;

/**
 * `value` (plain data whose leaves may be typed arrays) as bytes: the fixed header (magic, the
 * JSON head's length, where the far sections start), the head (typed arrays and long strings
 * replaced by their type, offset and length), then the arrays' and long strings' bytes, each at
 * a multiple of 8. The arrays in `far` come last, after every other section: a reader may read
 * the file up to them (`farStart`) and leave them on the disk (see `unpackDataSteps`). A far
 * array in `value` (`FarArray`) is read whole and stored.
 */
export function packData(value: object, far: ReadonlySet<object> = new Set()): Uint8Array {
  const near: Uint8Array[] = [];
  const farther: Uint8Array[] = [];
  let nearSize = 0;
  let farSize = 0;
  const padded = (bytes: Uint8Array) => Math.ceil(bytes.byteLength / 8) * 8;
  const encoder = new TextEncoder();
  const text = (bytes: Uint8Array) => {
    near.push(bytes);
    const at = nearSize;
    nearSize += padded(bytes);
    return { $text: at, length: bytes.byteLength };
  };
  const head = JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    const isFar = typeof v === 'object' && v !== null && far.has(v);
    if (v instanceof FarArray) v = wholeOf(v as FarArray<Typed>);
    // A list's ASCII items kept as bytes (see `TextList`) are stored as the text they stand for,
    // so a stored list has one form, which its reader checks.
    if (v instanceof Uint8Array && key === 'joined' && this.lengths instanceof Int32Array) return text(v);
    if (ArrayBuffer.isView(v)) {
      const array = v as Typed;
      const name = array.constructor.name;
      if (!(name in TYPED)) throw new Error(`prepared index: cannot store a ${name}`);
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      if (isFar) {
        farther.push(bytes);
        const at = farSize;
        farSize += padded(bytes);
        return { $typed: name, at, length: array.length, far: true };
      }
      near.push(bytes);
      const at = nearSize;
      nearSize += padded(bytes);
      return { $typed: name, at, length: array.length };
    }
    // A lone surrogate has no UTF-8: such a string stays in the head, where JSON keeps it exactly.
    if (typeof v === 'string' && v.length >= TEXT_SECTION && !LONE_SURROGATE.test(v)) return text(encoder.encode(v));
    return v;
  });
  const headBytes = encoder.encode(head);
  const start = Math.ceil((DATA_HEADER + headBytes.length) / 8) * 8;
  const farStart = start + nearSize;
  const out = new Uint8Array(farStart + farSize);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, headBytes.length, true);
  view.setFloat64(8, farStart, true);
  out.set(headBytes, DATA_HEADER);
  let at = start;
  for (const bytes of [...near, ...farther]) {
    out.set(bytes, at);
    at += padded(bytes);
  }
  return out;
}

/**
 * What `packData` wrote, or `undefined` when `bytes` are not such a file (truncated, another
 * format). The typed arrays are views of `bytes`' buffer where it is aligned (as a whole file
 * read is), else of one aligned copy, so a caller may transfer them together.
 */
export function unpackData(bytes: Uint8Array): unknown {
  return finishSteps(unpackDataSteps(bytes));
}

/**
 * Where the far sections of what `packData` wrote start (see `packData`), from its first
 * `DATA_HEADER` bytes or more: a reader that leaves them on the disk reads the file up to there.
 * `undefined` when the bytes are not such a file's start.
 */
export function farStartOf(header: Uint8Array): number | undefined {
  return layout(header, true)?.farStart;
}

/** Where a stored value's head and sections are in `bytes`, or `undefined` when it is not such a file (`headerOnly`: `bytes` may end after the fixed header). */
function layout(bytes: Uint8Array, headerOnly = false): Layout | undefined {
  if (bytes.length < DATA_HEADER) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) return undefined;
  const headLength = view.getUint32(4, true);
  const farStart = view.getFloat64(8, true);
  const start = Math.ceil((DATA_HEADER + headLength) / 8) * 8;
  if (!(Number.isSafeInteger(farStart) && farStart >= start && farStart % 8 === 0)) return undefined;
  if (!headerOnly && start > bytes.length) return undefined;
  return { head: bytes.subarray(DATA_HEADER, DATA_HEADER + headLength), start, farStart };
}

interface Layout {
  readonly head: Uint8Array;
  /** Where the sections start, and where the far ones do (see `packData`). */
  readonly start: number;
  readonly farStart: number;
}

/** The far sections of a stored value that were not read with it (see `unpackDataSteps`): the whole file's size, and a read of its bytes. */
export interface FarSections {
  readonly size: number;
  /** `length` bytes of the file from `at`, in an array of their own. */
  read(at: number, length: number): Uint8Array;
}

interface TypedSection {
  readonly $typed: string;
  readonly at: number;
  readonly length: number;
  readonly far?: true;
}
interface TextSection {
  readonly $text: number;
  readonly length: number;
}

/** Where in the file a section the head names lies, and how many bytes, or `undefined` when it names none; throws on one it cannot be. */
function sectionSize(v: unknown, where: Layout): { at: number; bytes: number; far: boolean } | undefined {
  if (!v || typeof v !== 'object') return undefined;
  if ('$typed' in v) {
    const { $typed, at, length, far } = v as TypedSection;
    const Type = TYPED[$typed] as TypedConstructor<Typed> | undefined;
    if (!Type) throw new Error(`unknown array type ${$typed}`);
    return { at: (far === true ? where.farStart : where.start) + at, bytes: length * Type.BYTES_PER_ELEMENT, far: far === true };
  }
  if ('$text' in v) return { at: where.start + (v as TextSection).$text, bytes: (v as TextSection).length, far: false };
  return undefined;
}

/**
 * The head of what `packData` wrote, each section checked to lie within `bytes` (or a far one
 * within the file `far` reads) and left as its `$typed` or `$text` marker; `undefined` when
 * `bytes` are not such a file or are cut short. Reads no section: the library worker checks a
 * stored load with it (a millisecond at 50,000 papers) before sending the bytes on to the host,
 * which unpacks them there.
 */
export function dataHead(bytes: Uint8Array, far?: Pick<FarSections, 'size'>): unknown {
  const where = layout(bytes);
  return where && parseHead(bytes, where, far, (v) => v);
}

/**
 * The head of what `packData` wrote, each section checked to lie within `bytes` (a far one may
 * lie within `far`'s file instead) and handed to `section` (with where it lies, whether within
 * `bytes`, the object holding it and its key) for what it becomes; `undefined` when the head
 * does not parse or a section lies past the end.
 */
function parseHead(
  bytes: Uint8Array,
  where: Layout,
  far: Pick<FarSections, 'size'> | undefined,
  section: (v: TypedSection | TextSection, at: number, read: boolean, holder: Record<string, unknown>, key: string) => unknown,
): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(where.head), function (this: Record<string, unknown>, key: string, v: unknown) {
      const size = sectionSize(v, where);
      if (!size) return v;
      if (!(size.at >= where.start && size.bytes >= 0)) throw new Error('a section before the sections');
      const read = size.at + size.bytes <= bytes.length;
      if (!read && !(far && size.far && size.at + size.bytes <= far.size)) throw new Error('a section past the end');
      return section(v as TypedSection | TextSection, size.at, read, this, key);
    }) as unknown;
  } catch {
    // A truncated file: a section past the end, or a head cut short.
    return undefined;
  }
}

/**
 * `unpackData` in steps (see `core/steps.ts`): the head is parsed in one step (a millisecond
 * at 50,000 papers), then each long string is decoded in a step of its own. The editor's
 * host unpacks a stored load this way, as the worker sends it, so that the worker neither
 * decodes those strings nor sends them as strings (see `worker/wire.ts`). With `far`, `bytes`
 * may end where the far sections start (`farStartOf`): those become `FarArray`s that `far`
 * reads a range of at a time.
 */
export function* unpackDataSteps(bytes: Uint8Array, far?: FarSections): Steps<unknown> {
  const where = layout(bytes);
  if (!where) return undefined;
  // Views of `bytes` itself when it is aligned (a whole file read starts its own buffer); else
  // of one aligned copy (a Node buffer from its pool may sit at any offset).
  const aligned = bytes.byteOffset % 8 === 0;
  const body = (aligned ? bytes.buffer : Uint8Array.prototype.slice.call(bytes).buffer) as ArrayBuffer;
  const base = aligned ? bytes.byteOffset : 0;
  const texts: { holder: Record<string, unknown>; key: string; at: number; length: number }[] = [];
  const value = parseHead(bytes, where, far, (v, at, read, holder, key) => {
    if ('$typed' in v) {
      const Type = TYPED[v.$typed];
      if (read) return new Type(body, base + at, v.length);
      return new FarArray(Type, v.length, (offset, length) => far!.read(at + offset, length));
    }
    // Decoded below, a string a step; its holder is filled in then.
    texts.push({ holder, key, at, length: v.length });
    return '';
  });
  if (value === undefined) return undefined;
  for (const { holder, key, at, length } of texts) {
    // A text a megabyte at a time, a step each: one character past ASCII makes the decoder
    // write two bytes a character, and 4.8 MB of names so took 16 ms in one go.
    if (length > 0) yield;
    try {
      const bytes = new Uint8Array(body, base + at, length);
      // A long list's ASCII items stay bytes (see `TextList`), once checked: the file may be damaged.
      holder[key] = keptAsBytes(holder, key, length) && isAscii(bytes) ? bytes : yield* textInSteps(bytes, 'utf-8', TEXT_PIECE, ASCII_WHOLE_BYTES);
    } catch {
      return undefined;
    }
  }
  return value;
}

/**
 * Whether the string of `holder[key]`, `length` long, is a `TextList`'s ASCII items that a
 * reader (`unpackDataSteps`, the library worker's messages) keeps as bytes (see `TextList`):
 * those of a list longer than `BYTES_FROM`; shorter strings cost little to make.
 */
export function keptAsBytes(holder: Record<string, unknown>, key: string, length: number): boolean {
  return key === 'joined' && holder.lengths instanceof Int32Array && length >= BYTES_FROM;
}

/** A `TextList`'s ASCII items of at least this many bytes stay bytes when read (`keptAsBytes`). */
const BYTES_FROM = 1 << 16;

/** The prepared index `packData` wrote, or `undefined` (not such a file, truncated, another format). */
export function unpackPrepared(bytes: Uint8Array): PreparedIndex | undefined {
  const value = unpackData(bytes) as PreparedIndex | undefined;
  return value?.format === PREPARED_FORMAT ? value : undefined;
}

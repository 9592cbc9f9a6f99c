/**
 * The messages between the extension host and the library worker (`libraryWorker.ts`), and
 * what the worker is started with. Plain data only: everything crosses a `postMessage`.
 */
import type { LibraryInput, SessionStats } from '../core/library/session';
import type { SourceProblem } from '../core/sources';
import type { FirstStageIndex, NamesData, PreparedIndex } from '../core/prepared';
import type { SearchIndexData } from '../core/search';
import type { PaperTable } from '../core/paperTable';

/** The worker's `workerData`. */
export interface WorkerSetup {
  /** The folder holding `seeds/` (the extension's, or the repository's in the bench). */
  readonly root: string;
  /** Where parses are cached by content (see `core/libraryCache.ts`); absent: no cache. */
  readonly cacheDir?: string;
  /** The readers' version: a cache written by another version is not used. */
  readonly version: string;
  /**
   * A cold load of at least this many papers builds its index on two threads, the worker and
   * its helper (see `HelperPapers`); default `HELPER_MIN_PAPERS`. Tests lower it.
   */
  readonly helperFrom?: number;
  /**
   * A cold load of at least this many papers sends a first stage (`LoadFirstStage`) before its
   * index is built; default `FIRST_STAGE_MIN_PAPERS` (see `libraryWorker.ts`). Tests lower it.
   */
  readonly firstStageFrom?: number;
  /**
   * A library file of at least this many bytes is not held parsed for its cache write; default
   * `PARSE_HELD_MAX_BYTES` (see `libraryWorker.ts`). Tests lower it.
   */
  readonly parseHeldBelow?: number;
}

/**
 * Load the libraries named in `order` (in that order) with the bundled papers when `bundled`.
 * `changed` holds the files to (re)parse; every other file of `order` keeps the parse the
 * worker already holds, and files it holds that are not in `order` are dropped.
 */
export interface LoadRequest {
  readonly type: 'load';
  readonly seq: number;
  readonly order: readonly string[];
  readonly changed: readonly LibraryInput[];
  readonly bundled: boolean;
  /**
   * Not answered from the stored loads: set when the host could not unpack a stored answer
   * (a damaged cache file), so the files are parsed as if none were stored.
   */
  readonly fresh?: boolean;
}

/**
 * A window's first load, answered by the host from the stored loads (see
 * `LibraryWorkerClient.warm`): every file of `order` had the stamp (size and modification time)
 * it had when its content was last hashed, so nothing was read nor hashed (at 50,000 entries,
 * 120 ms of reading and 60 ms of hashing saved). The worker takes that load as its last (the
 * files' hashes, and the stored load a reload reuses) without reading anything; the next load
 * must hold every file.
 */
export interface WarmAnswered {
  readonly type: 'warm';
  readonly seq: number;
  readonly order: readonly string[];
  /** Each file's content hash, as `order`, known by its stamp. */
  readonly hashes: readonly string[];
  readonly bundled: boolean;
}

export type ToWorker = LoadRequest | WarmAnswered;

export type { FileStamp, LibraryInput } from '../core/library/session';

export interface LoadStats extends SessionStats {
  /** The worker's heap as the load is answered, no collection forced (what it holds between loads comes after: `LoadIdle`). */
  readonly heapMB: number;
  /** Building the names, matcher and search index in the worker, or reading them from the cache (absent where no worker prepares them: the web). */
  readonly prepareMs?: number;
  /** How many threads built the index: 2 with the helper (see `HelperPapers`), 1 for a small library or where the helper failed. */
  readonly prepareThreads?: 1 | 2;
  /** Papers filed under topics and named as the load before did, not again (a reload: see `reusableFiling`). */
  readonly reusedFiling?: number;
  /** Whether the whole index is the load before's: the papers changed in no field that feeds it (a reload: see `ReusedFiling.index`). */
  readonly reusedIndex?: boolean;
  /** The parts of the last load's index kept as they were where the rest was built (see `ReusedFiling.parts`): `matcher`, `citeKeys`, `identifiers`. */
  readonly reusedParts?: readonly string[];
  /** Why the helper failed, where it did (the load goes on, on one thread). */
  readonly helperFailure?: string;
  /** Whether the index came from the cache, with the papers and problems (nothing parsed nor merged: a warm start). */
  readonly preparedCached?: boolean;
  /** Whether the load was answered by the files' stamps (see `WarmAnswered`): no file read nor hashed. */
  readonly byStamps?: boolean;
  /** Whether the load is the one stored for the files as they were when last loaded, some changed since (see `LoadResult.earlier`). */
  readonly earlier?: boolean;
}

/**
 * A load's answer, in one message. The papers come as a table (`core/paperTable.ts`): as
 * objects, 50,000 papers took a second to receive in chunks that kept the host responsive,
 * where the table's strings and arrays arrive in a few milliseconds (its arrays transferred,
 * not copied), and the host cuts the papers out of it in slices.
 */
export interface LoadDone {
  readonly type: 'done';
  readonly seq: number;
  /** Absent where a first stage sent them (`LoadFirstStage`): the host keeps the papers it cut out of that. */
  readonly papers?: PaperTable;
  /** The papers' topics, names, matcher and search index, built in the worker or read from its cache. */
  readonly prepared: PreparedIndex;
  /** The bundled listing's, each library's and merging's problems, in that order. */
  readonly problems: readonly SourceProblem[];
  readonly stats: LoadStats;
}

/**
 * A large cold load's first stage, sent once its papers are merged, before they are filed
 * under topics and named (see `FirstStageIndex`): the papers and problems, a search index over
 * titles, authors, years and keys, the cite keys and identifiers. Its `done` follows without
 * the papers. At 50,000 papers the editor shows the library's papers, searches them and
 * completes their keys seconds before the rest is built.
 */
export interface LoadFirstStage {
  readonly type: 'first-stage';
  readonly seq: number;
  readonly papers: PaperTable;
  readonly index: FirstStageIndex;
  readonly problems: readonly SourceProblem[];
  /** What the load did so far: parsing and merging; `prepareMs` the first stage's index. */
  readonly stats: LoadStats;
}

/**
 * A load the stored loads answer (its files' content is a stored load's: a library exported
 * again unchanged, or changed back), in two messages: the stored load's papers and problems,
 * then its index (`core/libraryCache.ts`), each as the bytes read from the disk, their buffer
 * transferred. The host unpacks the papers while the worker reads the index. Decoding them in
 * the worker and sending the result would cost the worker 150 ms at 50,000 papers, and the host
 * as much again to decode the strings sent. The papers' abstracts are not sent: the host reads
 * each from the stored file when it is first asked for (`openStoredAbstracts`), by `parts`.
 */
export interface LoadStoredPapers {
  readonly type: 'stored-papers';
  readonly seq: number;
  readonly bytes: Uint8Array;
  /** The stored load's parts (see `loadParts`), which name its files. */
  readonly parts: readonly string[];
}

export interface LoadStored {
  readonly type: 'stored';
  readonly seq: number;
  /** The index; absent when it could not be read after the papers went (the host asks again). */
  readonly bytes?: Uint8Array;
  readonly stats: LoadStats;
}

export interface LoadFailed {
  readonly type: 'failed';
  readonly seq: number;
  readonly message: string;
}

/**
 * After each request's answer, once the worker has written what it stores (see `writes` in the
 * worker): what its heap holds between loads, after a collection where `gc` is exposed, as in
 * the bench.
 */
export interface LoadIdle {
  readonly type: 'idle';
  readonly seq: number;
  readonly heapMB: number;
}

export type FromWorker = LoadDone | LoadFirstStage | LoadStoredPapers | LoadStored | LoadFailed | LoadIdle;

/**
 * The library worker's helper thread (`dist/prepareHelper.js`, see `worker/prepareHelper.ts`),
 * which builds part of a large cold load's index beside the worker. For a load that sends a first
 * stage, first the fields that stage's search index reads (`HelperFirstStage`). Then the merged
 * papers: it files the papers from `from` on under topics, derives their names, and answers both.
 */
export interface HelperPapers {
  readonly type: 'papers';
  readonly table: PaperTable;
  readonly from: number;
}

/**
 * A first stage's papers, each with only the fields its search index reads (see
 * `firstStagePaper`), sent before the whole papers are packed: the helper builds that index
 * whole, and answers its data (`first-stage`), while the worker packs them.
 */
export interface HelperFirstStage {
  readonly type: 'first-stage';
  readonly table: PaperTable;
}

/** Then the topics and names of the papers before `from`, from the worker: it builds the search index from all of them, and answers its data. */
export interface HelperNames {
  readonly type: 'names';
  readonly names: NamesData;
  readonly topics: readonly (readonly string[])[];
}

export type ToHelper = HelperFirstStage | HelperPapers | HelperNames;

/**
 * The helper's answers: for a first stage, that stage's whole search index (`first-stage`); the
 * names and topics of its papers (`HelperNames`); then, as soon as it has read every document,
 * the search index's term table, from which the worker builds the vocabulary meanwhile
 * (`vocabularyDataOf`); then the rest of the search index's data.
 */
export type FromHelper =
  | HelperNames
  | { readonly type: 'terms'; readonly vocab: SearchIndexData['vocab'] }
  | { readonly type: 'search'; readonly search: Omit<SearchIndexData, 'vocabulary'> }
  | { readonly type: 'first-stage'; readonly search: SearchIndexData }
  | { readonly type: 'failed'; readonly message: string };

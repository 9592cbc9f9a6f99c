/**
 * The messages between the extension host and the library worker (`libraryWorker.ts`), and
 * what the worker is started with. Plain data only: everything crosses a `postMessage`.
 */
import type { LibraryInput, SessionStats } from '../core/library/session';
import type { SourceProblem } from '../core/sources';
import type { Paper } from '../core/types';
import type { PreparedIndex } from '../core/prepared';

/** The worker's `workerData`. */
export interface WorkerSetup {
  /** The folder holding `seeds/` (the extension's, or the repository's in the bench). */
  readonly root: string;
  /** Where parses are cached by content (see `core/libraryCache.ts`); absent: no cache. */
  readonly cacheDir?: string;
  /** The readers' version: a cache written by another version is not used. */
  readonly version: string;
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
}

/**
 * The host's go-ahead for the next chunk of a load. The worker sends one chunk at a time and
 * waits for this: a worker that posted every chunk at once would have them all received in one
 * go (Node drains a port's queue in one task), holding the host's thread for the whole transfer.
 */
export interface NextChunk {
  readonly type: 'next';
  readonly seq: number;
}

export type ToWorker = LoadRequest | NextChunk;

export type { LibraryInput } from '../core/library/session';

export interface LoadStats extends SessionStats {
  /** The worker's heap once the load is merged (after a collection where `gc` is exposed, as in the bench). */
  readonly heapMB: number;
  /** Building the names, matcher and search index in the worker, or reading them from the cache (absent where no worker prepares them: the web). */
  readonly prepareMs?: number;
  readonly preparedCached?: boolean;
}

/**
 * The merged papers' names, matcher and search index (`core/prepared.ts`), after the last
 * chunk of papers and before `done`: its typed arrays are transferred, not copied.
 */
export interface PreparedMessage {
  readonly type: 'prepared';
  readonly seq: number;
  readonly prepared: PreparedIndex;
}

/** The merged papers arrive in chunks, so no one message keeps the host's thread long. */
export interface PapersChunk {
  readonly type: 'papers';
  readonly seq: number;
  readonly papers: readonly Paper[];
  /** Each paper's topic ids, as the classifier chose them in the worker (same order as `papers`). */
  readonly topics: readonly (readonly string[])[];
}

export interface LoadDone {
  readonly type: 'done';
  readonly seq: number;
  /** The bundled listing's, each library's and merging's problems, in that order. */
  readonly problems: readonly SourceProblem[];
  readonly stats: LoadStats;
}

export interface LoadFailed {
  readonly type: 'failed';
  readonly seq: number;
  readonly message: string;
}

export type FromWorker = PapersChunk | PreparedMessage | LoadDone | LoadFailed;

/**
 * Papers per `PapersChunk`: about 350 KB of arXiv titles and abstracts, which the host
 * receives in a few milliseconds (its longest stall while a library loads).
 */
export const CHUNK_PAPERS = 250;

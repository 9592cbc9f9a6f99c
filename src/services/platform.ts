/**
 * What differs between the two extension hosts Paper Lens runs in, chosen once by the entry
 * point and handed to `activateWith` (src/extension.ts):
 * - Node (desktop VS Code, a VS Code server): the seeds are read from the extension's `seeds/`
 *   folder, and libraries are parsed in a worker thread with a parse cache on disk
 *   (`src/node/extension.ts`);
 * - the browser's web worker host (vscode.dev, github.dev, code-server's web extension host):
 *   no Node API at all, so the seeds come bundled into the script and libraries are parsed on
 *   the extension host's thread in slices, with no cache (`src/web/extension.ts`).
 * Everything else, files included, goes through the VS Code API (`vscode.workspace.fs`), the
 * same in both.
 */
import type { Corpus } from '../core/corpus';
import type { LibraryInput } from '../core/library/session';
import type { Seeds } from '../core/seeds';
import type { SourceProblem } from '../core/sources';
import type { Paper } from '../core/types';
import type { FirstStageIndex, PreparedIndex } from '../core/prepared';
import type { FileStamp, LoadStats } from '../worker/protocol';
import type { EntryPrints } from '../core/library/entryPrints';

/** The result of a library load: the merged papers, their topics, the problems. */
export interface LibraryLoadResult {
  readonly papers: readonly Paper[];
  /** Each paper's topic ids as the classifier chose them, by paper id, where `prepared` does not hold them (see `Corpus`). */
  readonly topics?: ReadonlyMap<string, readonly string[]>;
  readonly problems: readonly SourceProblem[];
  readonly stats: LoadStats;
  /** The papers' names, matcher and search index, when the loader built them (the worker; see `core/prepared.ts`). */
  readonly prepared?: PreparedIndex;
  /**
   * Set on a large library's first stage (the worker; see `LoadFirstStage` in
   * `worker/protocol.ts`), which has no `prepared`: its index, for `Corpus.firstStage`. `rest`
   * settles with the whole load, the same papers with their topics, names and index.
   */
  readonly firstStage?: FirstStageIndex;
  readonly rest?: Promise<LibraryLoadResult>;
  /**
   * Set on a first load answered by the load stored for the files as they were when last
   * loaded, some changed since (the worker's disk cache; see `readEarlierLoad`): each changed
   * file's entry prints as it was then. The caller reads every file and loads them.
   */
  readonly earlier?: ReadonlyMap<string, EntryPrints>;
}

/**
 * Parses and merges the user's libraries, keeping each file's parse between loads (see
 * `core/library/session.ts`). One load at a time, in the order asked.
 */
export interface LibraryLoader {
  /** Where the parsing runs, for the log. */
  readonly where: 'worker' | 'host';
  /**
   * Loads the libraries named in `order`: `changed` holds the files to (re)read, the loader
   * keeps its parse of the others. The bytes may be taken over (transferred): pass bytes read
   * for this load.
   */
  load(order: readonly string[], changed: readonly LibraryInput[]): Promise<LibraryLoadResult>;
  /**
   * A first load answered without reading the files, when the loader stored one for these
   * files and each still has the size and modification time it had then (the worker's disk
   * cache), or, asked for `earlier` (a window that shows none of these files yet), the one stored
   * for them as they were before some changed; `undefined` otherwise. After an answer, the next `load` must hold every file.
   */
  warm?(order: readonly string[], stamps: readonly (FileStamp | undefined)[], options?: { readonly earlier?: boolean }): Promise<LibraryLoadResult | undefined>;
  dispose(): Promise<void>;
}

export interface Platform {
  readonly kind: 'node' | 'web';
  /**
   * The bundled corpus; throws a `FileError` naming the damaged seed. Synchronous, since the
   * first hover needs it at once.
   */
  bundledCorpus(): Corpus;
  /** The taxonomy, everyday words and background statistics every corpus uses. */
  seeds(): Seeds;
  /** Starts what parses the user's libraries (called again after a loader failed). */
  libraryLoader(): LibraryLoader;
  /** The user's home folder, for `~` in library paths; undefined where there is none (the web). */
  readonly home: string | undefined;
}

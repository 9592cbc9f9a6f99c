/**
 * The host's side of the library worker: starts `dist/libraryWorker.js`, sends it load
 * requests and assembles the chunks it answers with. Plain Node (no `vscode`), so the bench
 * drives the same client the extension does.
 *
 * Requests are answered in order; a request sent while another is running waits in the
 * worker's queue, and its answer settles its own promise. The papers arrive as one table
 * (`core/paperTable.ts`), cut into papers here in slices, so the host's thread is never held
 * long. When the worker dies, every pending
 * request fails and later ones fail at once: the caller keeps what it had.
 */
import { Worker } from 'node:worker_threads';
import { unpackPapers, type PaperTable } from '../core/paperTable';
import { PREPARED_FORMAT, unpackDataSteps } from '../core/prepared';
import { nextTask, runInSlices, SLICE_MS } from '../core/steps';
import { fromWire } from './wire';
import type { SourceProblem } from '../core/sources';
import type { Paper } from '../core/types';
import type { PreparedIndex } from '../core/prepared';
import type { FileStamp, FromWorker, LibraryInput, LoadDone, LoadRequest, LoadStats, LoadStored, WarmRequest, WorkerSetup } from './protocol';

export interface LoadResult {
  readonly papers: readonly Paper[];
  /** Each paper's topic ids, by paper id, where they do not come in `prepared` (see `Corpus`). */
  readonly topics?: ReadonlyMap<string, readonly string[]>;
  readonly problems: readonly SourceProblem[];
  readonly stats: LoadStats;
  /** The papers' names, matcher and search index, built (or read from the cache) in the worker. */
  readonly prepared?: PreparedIndex;
}

interface Pending {
  /** `undefined` only for a `warm` request the stored loads cannot answer. */
  resolve(result: LoadResult | undefined): void;
  reject(error: Error): void;
  /** What was asked, to ask again without the stored loads when a stored answer cannot be unpacked. */
  readonly request: LoadRequest | WarmRequest;
  /** A stored answer's papers and problems, being cut out while the worker reads its index. */
  papers?: Promise<{ papers: Paper[]; problems: readonly SourceProblem[] } | undefined>;
}

export class LibraryWorkerClient {
  /** The parsing runs off the caller's thread (see `LibraryLoader` in the editor's services). */
  readonly where = 'worker' as const;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private dead: Error | undefined;

  constructor(workerFile: string, setup: WorkerSetup) {
    this.worker = new Worker(workerFile, { workerData: setup });
    this.worker.on('message', (message: FromWorker) => this.receive(message));
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('messageerror', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`the library worker stopped (exit code ${code})`)));
  }

  /**
   * A window's first load, before reading any file: the stored load for these files when each
   * has the stamp it had when its content was last hashed (see `WarmRequest`), else `undefined`,
   * and the caller reads the files and `load`s them all. After an answer, the worker holds no
   * file's bytes: the next `load` must hold every file.
   */
  warm(order: readonly string[], stamps: readonly (FileStamp | undefined)[], bundled = true): Promise<LoadResult | undefined> {
    if (this.dead) return Promise.reject(this.dead);
    const seq = ++this.seq;
    const request: WarmRequest = { type: 'warm', seq, order, stamps, bundled };
    return new Promise<LoadResult | undefined>((resolve, reject) => {
      this.pending.set(seq, { resolve, reject, request });
      this.worker.postMessage(request);
    });
  }

  /**
   * Loads the libraries named in `order`: `changed` holds the files to (re)read, the worker
   * keeps its parse of the others. Bytes that own their whole buffer are transferred rather
   * than copied, so such buffers are detached (empty) afterwards: pass bytes read for this load.
   */
  load(order: readonly string[], changed: readonly LibraryInput[], bundled = true): Promise<LoadResult> {
    if (this.dead) return Promise.reject(this.dead);
    const seq = ++this.seq;
    const request: LoadRequest = { type: 'load', seq, order, changed, bundled };
    return new Promise<LoadResult>((resolve, reject) => {
      this.pending.set(seq, { resolve: (result) => (result ? resolve(result) : reject(new Error('the library worker answered a load with nothing'))), reject, request });
      try {
        try {
          this.worker.postMessage(request, transferable(changed));
        } catch {
          // A buffer that cannot be transferred (one of Node's pooled ones) is copied instead.
          this.worker.postMessage(request);
        }
      } catch (e) {
        // Bytes that cannot be sent at all (a buffer detached by an earlier load).
        this.pending.delete(seq);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  /** Stops the worker; pending loads fail. */
  async dispose(): Promise<void> {
    this.fail(new Error('the library worker was stopped'));
    await this.worker.terminate();
  }

  private receive(message: FromWorker): void {
    const pending = this.pending.get(message.seq);
    if (!pending) return;
    if (message.type === 'stored-papers') {
      pending.papers = this.unpackStoredPapers(message.bytes);
      return;
    }
    this.pending.delete(message.seq);
    if (message.type === 'failed') pending.reject(new Error(message.message));
    else if (message.type === 'miss') pending.resolve(undefined);
    else if (message.type === 'stored') this.unpackStored(message, pending);
    else this.unpack(message).then(pending.resolve, pending.reject);
  }

  /** The papers of `done`'s table, cut out in slices, with the rest of the answer. */
  private async unpack(done: LoadDone): Promise<LoadResult> {
    // Receiving the message held the thread already: the other tasks go first, or the first
    // slice would lengthen that stall.
    await nextTask();
    const papers = await runInSlices(
      (function* () {
        // Its long strings came as bytes (see `wire.ts`): decoded first, one a step.
        yield* fromWire(done);
        return yield* unpackPapers(done.papers, { lazy: true });
      })(),
      SLICE_MS,
    );
    return { papers, problems: done.problems, stats: done.stats, prepared: done.prepared };
  }

  /** A stored load's papers and problems, cut out in slices (the first of its two messages); `undefined` when they do not unpack. */
  private async unpackStoredPapers(bytes: Uint8Array): Promise<{ papers: Paper[]; problems: readonly SourceProblem[] } | undefined> {
    try {
      await nextTask();
      return await runInSlices(
        (function* () {
          const stored = (yield* unpackDataSteps(bytes)) as { papers?: PaperTable; problems?: readonly SourceProblem[] } | undefined;
          if (!stored?.papers || !Array.isArray(stored.problems)) return undefined;
          return { papers: yield* unpackPapers(stored.papers, { lazy: true }), problems: stored.problems };
        })(),
        SLICE_MS,
      );
    } catch {
      return undefined;
    }
  }

  /**
   * A warm start's stored load: its papers (cut out since their message came) and its index,
   * unpacked here in slices. Bytes that do not unpack (a cache file damaged where the worker's
   * check of its head cannot see) are asked for again without the stored loads, so the files
   * are parsed; a warm request, which sent no file, answers `undefined` instead.
   */
  private unpackStored(message: LoadStored, pending: Pending): void {
    const unpacked = (async (): Promise<LoadResult | undefined> => {
      const papers = await pending.papers;
      if (!papers || !message.bytes) return undefined;
      const index = message.bytes;
      await nextTask();
      const stored = (await runInSlices(unpackDataSteps(index), SLICE_MS)) as { prepared?: PreparedIndex } | undefined;
      if (stored?.prepared?.format !== PREPARED_FORMAT) return undefined;
      return { papers: papers.papers, problems: papers.problems, stats: message.stats, prepared: stored.prepared };
    })().catch(() => undefined);
    void unpacked.then((result) => {
      if (result) pending.resolve(result);
      else if (this.dead) pending.reject(this.dead);
      // A warm start sent no bytes to parse: the caller reads the files and loads them.
      else if (pending.request.type === 'warm') pending.resolve(undefined);
      else {
        // The changed files' bytes went with the first request: the worker holds them now.
        const seq = ++this.seq;
        this.pending.set(seq, { ...pending, papers: undefined });
        this.worker.postMessage({ ...pending.request, seq, changed: [], fresh: true } satisfies LoadRequest);
      }
    });
  }

  private fail(error: Error): void {
    this.dead ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/**
 * The buffers of `inputs` that the bytes own whole (never a slice of a shared buffer). An empty
 * buffer is left out: it may be a detached one, and Node silently drops a message whose
 * transfer list holds a detached buffer, where cloning it throws.
 */
function transferable(inputs: readonly LibraryInput[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const { bytes } of inputs) {
    if (bytes && bytes.byteLength > 0 && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer && !buffers.includes(bytes.buffer)) {
      buffers.push(bytes.buffer);
    }
  }
  return buffers;
}

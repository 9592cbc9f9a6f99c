/**
 * The host's side of the library worker: starts `dist/libraryWorker.js`, sends it load
 * requests and assembles the chunks it answers with. A window's first load is answered here,
 * from the stored loads, without the worker (`warm`). Plain Node (no `vscode`), so the bench
 * drives the same client the extension does.
 *
 * Requests are answered in order; a request sent while another is running waits in the
 * worker's queue, and its answer settles its own promise. The papers arrive as one table
 * (`core/paperTable.ts`), cut into papers here in slices, so the host's thread is never held
 * long. When the worker dies, every pending
 * request fails and later ones fail at once: the caller keeps what it had.
 */
import { Worker } from 'node:worker_threads';
import { checkPapers, openStoredAbstracts, readEarlierLoad, readStoredByStamps, seedsHash, storedPrintsSteps } from '../core/libraryCache';
import type { EntryPrints } from '../core/library/entryPrints';
import { SEEDS } from '../core/bundled';
import { unpackPapers, type AbstractsLater } from '../core/paperTable';
import { PREPARED_FORMAT, unpackDataSteps, type FarSections } from '../core/prepared';
import { nextTask, runInSlices, SLICE_MS, type Steps } from '../core/steps';
import { fromWire } from './wire';
import type { SourceProblem } from '../core/sources';
import type { Paper } from '../core/types';
import type { FirstStageIndex, PreparedIndex } from '../core/prepared';
import type { FileStamp, FromWorker, LibraryInput, LoadDone, LoadFirstStage, LoadRequest, LoadStats, LoadStored, WarmAnswered, WorkerSetup } from './protocol';

export interface LoadResult {
  readonly papers: readonly Paper[];
  /** Each paper's topic ids, by paper id, where they do not come in `prepared` (see `Corpus`). */
  readonly topics?: ReadonlyMap<string, readonly string[]>;
  readonly problems: readonly SourceProblem[];
  readonly stats: LoadStats;
  /** The papers' names, matcher and search index, built (or read from the cache) in the worker. */
  readonly prepared?: PreparedIndex;
  /**
   * Set on a large cold load's first stage (see `LoadFirstStage`), which has no `prepared`: its
   * index. `rest` then settles with the whole load, the same paper objects with their index.
   */
  readonly firstStage?: FirstStageIndex;
  readonly rest?: Promise<LoadResult>;
  /**
   * Set on a window's first load answered by the load stored for the files as they were when
   * last loaded, some of them changed since (see `readEarlierLoad`): the entry prints of each
   * changed file as it was then, by file. The caller reads the files, shows what changed over
   * this load, and `load`s them all.
   */
  readonly earlier?: ReadonlyMap<string, EntryPrints>;
}

/** What `warm` may answer with (see `warm`). */
export interface WarmOptions {
  /** Also the load stored for the files as they were before some changed (`LoadResult.earlier`); false unless set. */
  readonly earlier?: boolean;
  /** Whether the bundled papers are in; true unless false. */
  readonly bundled?: boolean;
}

interface Pending {
  resolve(result: LoadResult): void;
  reject(error: Error): void;
  /** What was asked, to ask again without the stored loads when a stored answer cannot be unpacked. */
  readonly request: LoadRequest;
  /** A stored answer's papers and problems, being cut out while the worker reads its index. */
  papers?: Promise<StoredPapers | undefined>;
  /** A first stage's papers (see `LoadFirstStage`): the load's `done` comes without them. */
  firstPapers?: Promise<readonly Paper[]>;
}

/** A stored load's papers, their abstracts read one by one from the stored file (see `AbstractsLater`). */
interface StoredPapers {
  readonly papers: Paper[];
  readonly problems: readonly SourceProblem[];
}

export class LibraryWorkerClient {
  /** The parsing runs off the caller's thread (see `LibraryLoader` in the editor's services). */
  readonly where = 'worker' as const;
  private readonly start: () => Worker;
  private started: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private dead: Error | undefined;
  /** The last `idle` message, and who waits for a later one (see `idle`). */
  private lastIdle: { readonly seq: number; readonly heapMB: number } = { seq: 0, heapMB: Number.NaN };
  private readonly idleWaiters: { readonly seq: number; readonly resolve: (heapMB: number) => void }[] = [];

  /** The seed files' content, hashed once (see `seedsHash`). */
  private seedsKey: string | undefined;
  /** A first load answered here (see `warmHere`), which the worker is told of before the next load. */
  private answered: Omit<WarmAnswered, 'type' | 'seq'> | undefined;

  constructor(
    workerFile: string,
    private readonly setup: WorkerSetup,
  ) {
    this.start = () => {
      const worker = new Worker(workerFile, { workerData: setup });
      worker.on('message', (message: FromWorker) => this.receive(message));
      worker.on('error', (e) => this.fail(e));
      worker.on('messageerror', (e) => this.fail(e));
      worker.on('exit', (code) => this.fail(new Error(`the library worker stopped (exit code ${code})`)));
      return worker;
    };
  }

  /**
   * The worker, started when first needed: a warm start is read here (see `warmHere`), and the
   * worker starting beside the reads (120-240 ms of a core) slowed them.
   */
  private worker(): Worker {
    return (this.started ??= this.start());
  }

  /**
   * A window's first load, before reading any file: the stored load for these files when each
   * has the stamp it had when its content was last hashed (see `WarmAnswered`), else `undefined`,
   * and the caller reads the files and `load`s them all. With `earlier` (a window that shows no
   * load of these files yet), else the load stored for them as they were before some changed
   * (`LoadResult.earlier`); not for a reload, which shows the files as last loaded already. After
   * an answer, the worker holds no file's bytes: the next `load` must hold every file.
   */
  warm(order: readonly string[], stamps: readonly (FileStamp | undefined)[], { earlier = false, bundled = true }: WarmOptions = {}): Promise<LoadResult | undefined> {
    if (this.dead) return Promise.reject(this.dead);
    const dir = this.setup.cacheDir;
    if (dir) return this.warmHere(order, stamps, { earlier, bundled }, dir);
    // No stored loads: the caller reads the files and loads them, and the worker starts meanwhile.
    this.worker();
    return Promise.resolve(undefined);
  }

  /**
   * `warm`: the stored load is read here (on the libuv pool, not this thread), not by the worker,
   * which took 120-240 ms to start before it read anything, and starting beside the reads slowed
   * them (see `worker`). The worker is told which load the window holds (`WarmAnswered`) with
   * the next load, and does not start before. A stored load that cannot be read or unpacked
   * answers `undefined`, as none stored does.
   */
  private async warmHere(order: readonly string[], stamps: readonly (FileStamp | undefined)[], { earlier: orEarlier, bundled }: Required<WarmOptions>, dir: string): Promise<LoadResult | undefined> {
    const started = performance.now();
    const seq = this.seq;
    const { version, root } = this.setup;
    const seedsKey = (this.seedsKey ??= seedsHash(root, Object.values(SEEDS)));
    // Else, some files changed since: the load stored for them as they were (see `LoadResult.earlier`).
    const load = { dir, version, seedsKey, order, stamps, bundled };
    const byStamps = readStoredByStamps(load);
    const earlierRead = byStamps || !orEarlier ? undefined : await readEarlierLoad(load);
    const reading = byStamps ?? earlierRead;
    let result: LoadResult | undefined;
    if (reading) {
      const papersRead = await reading.papers;
      const length = papersRead?.papers?.abstracts;
      // The abstracts are read one by one as asked for, never whole (see `openStoredAbstracts`).
      const read = papersRead && length !== undefined ? openStoredAbstracts(dir, version, reading.parts, length) : undefined;
      if (papersRead && read) {
        // Cut out while the index is read.
        const papers = this.unpackStoredPapers(papersRead.bytes, () => read);
        const index = await reading.index;
        if (index) {
          const earlier = earlierRead && (await this.earlierPrints(earlierRead.prints, order, earlierRead.hashes));
          const stats: LoadStats = { parsed: 0, cached: order.length, parseMs: 0, mergeMs: 0, classifyMs: 0, heapMB: Number.NaN, prepareMs: performance.now() - started, preparedCached: true, byStamps: !earlierRead, earlier: earlier !== undefined };
          const stored = (!earlierRead || earlier) && (await this.storedResult(papers, index.bytes, stats, index.far).catch(() => undefined));
          result = stored ? { ...stored, earlier } : undefined;
        }
      } else await reading.index;
    }
    if (this.dead) throw this.dead;
    // Told with the next load, so that the worker does not start beside the caller's first use
    // of the stored load (unless a request went to it meanwhile: then it is not the last load).
    if (result && reading && seq === this.seq) this.answered = { order, hashes: reading.hashes, bundled };
    // Else the caller reads the files and loads them: the worker starts while they are read.
    else this.worker();
    return result;
  }

  /** The stored prints of the files that changed (see `readEarlierLoad`), unpacked in slices; `undefined` when one cannot be. */
  private async earlierPrints(stored: ReadonlyMap<string, Uint8Array>, order: readonly string[], hashes: readonly string[]): Promise<ReadonlyMap<string, EntryPrints> | undefined> {
    const prints = new Map<string, EntryPrints>();
    for (const [file, bytes] of stored) {
      const unpacked = await runInSlices(storedPrintsSteps(bytes, file, hashes[order.indexOf(file)]), SLICE_MS).catch(() => undefined);
      if (!unpacked) return undefined;
      prints.set(file, unpacked);
    }
    return prints;
  }

  /**
   * Loads the libraries named in `order`: `changed` holds the files to (re)read, the worker
   * keeps its parse of the others. Bytes that own their whole buffer are transferred rather
   * than copied, so such buffers are detached (empty) afterwards: pass bytes read for this load.
   */
  load(order: readonly string[], changed: readonly LibraryInput[], bundled = true): Promise<LoadResult> {
    if (this.dead) return Promise.reject(this.dead);
    if (this.answered) this.worker().postMessage({ type: 'warm', seq: ++this.seq, ...this.answered } satisfies WarmAnswered);
    this.answered = undefined;
    const seq = ++this.seq;
    const request: LoadRequest = { type: 'load', seq, order, changed, bundled };
    return new Promise<LoadResult>((resolve, reject) => {
      this.pending.set(seq, { resolve, reject, request });
      try {
        try {
          this.worker().postMessage(request, transferable(changed));
        } catch {
          // A buffer that cannot be transferred (one of Node's pooled ones) is copied instead.
          this.worker().postMessage(request);
        }
      } catch (e) {
        // Bytes that cannot be sent at all (a buffer detached by an earlier load).
        this.pending.delete(seq);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  /**
   * Settles once the worker has answered every request sent so far and written what it stores
   * (the cache files: see `LoadIdle`), with its heap then in MB; NaN if it stopped first.
   */
  idle(): Promise<number> {
    const seq = this.seq;
    if (this.lastIdle.seq >= seq) return Promise.resolve(this.lastIdle.heapMB);
    if (this.dead) return Promise.resolve(Number.NaN);
    return new Promise<number>((resolve) => this.idleWaiters.push({ seq, resolve }));
  }

  /** Stops the worker; pending loads fail. */
  async dispose(): Promise<void> {
    this.fail(new Error('the library worker was stopped'));
    await this.started?.terminate();
  }

  private receive(message: FromWorker): void {
    if (message.type === 'idle') {
      this.lastIdle = message;
      for (const waiter of this.idleWaiters.filter((w) => w.seq <= message.seq)) {
        this.idleWaiters.splice(this.idleWaiters.indexOf(waiter), 1);
        waiter.resolve(message.heapMB);
      }
      return;
    }
    const pending = this.pending.get(message.seq);
    if (!pending) return;
    if (message.type === 'stored-papers') {
      const { cacheDir, version } = this.setup;
      pending.papers = this.unpackStoredPapers(message.bytes, (length) => (cacheDir ? openStoredAbstracts(cacheDir, version, message.parts, length) : undefined));
      return;
    }
    if (message.type === 'first-stage') {
      this.firstStage(message, pending);
      return;
    }
    this.pending.delete(message.seq);
    if (message.type === 'failed') pending.reject(new Error(message.message));
    else if (message.type === 'stored') this.unpackStored(message, pending);
    else this.unpack(message, pending.firstPapers).then(pending.resolve, pending.reject);
  }

  /**
   * A first stage answers the load (`LoadResult.firstStage`); the request's later answer (its
   * `done`, or its failure) settles the first stage's `rest`.
   */
  private firstStage(message: LoadFirstStage, pending: Pending): void {
    let settle!: { resolve(result: LoadResult): void; reject(error: Error): void };
    const rest = new Promise<LoadResult>((resolve, reject) => (settle = { resolve, reject }));
    // A caller that stops at the first stage (a window closed) leaves `rest` unread.
    rest.catch(() => undefined);
    const first = this.unpack(message);
    this.pending.set(message.seq, {
      ...pending,
      resolve: settle.resolve,
      reject: settle.reject,
      firstPapers: first.then((result) => result.papers),
    });
    first.then((result) => pending.resolve({ ...result, firstStage: message.index, rest }), pending.reject);
  }

  /** The papers of `done`'s table (or of its first stage, `earlier`), cut out in slices, with the rest of the answer. */
  private async unpack(done: LoadDone | LoadFirstStage, earlier?: Promise<readonly Paper[]>): Promise<LoadResult> {
    // Receiving the message held the thread already: the other tasks go first, or the first
    // slice would lengthen that stall.
    await nextTask();
    const table = done.papers;
    const unpacked = await runInSlices(
      (function* () {
        // Its long strings came as bytes (see `wire.ts`): decoded first, one a step.
        yield* fromWire(done);
        return table && (yield* unpackPapers(table, { lazy: true }));
      })(),
      SLICE_MS,
    );
    if (!unpacked && !earlier) throw new Error('the library worker sent a load without its papers, and no first stage');
    const papers = unpacked ?? (await earlier!);
    return { papers, problems: done.problems, stats: done.stats, prepared: done.type === 'done' ? done.prepared : undefined };
  }

  /**
   * A stored load's papers and problems, cut out in slices (the first of its two messages);
   * `undefined` when they do not unpack, or `open` cannot open their abstracts (`length` bytes),
   * which are read from it one by one as asked for (see `openStoredAbstracts`).
   */
  private async unpackStoredPapers(bytes: Uint8Array, open: (length: number) => AbstractsLater['read'] | undefined): Promise<StoredPapers | undefined> {
    try {
      await nextTask();
      return await runInSlices(
        (function* (): Steps<StoredPapers | undefined> {
          const stored = checkPapers(yield* unpackDataSteps(bytes));
          const read = stored && open(stored.abstracts);
          if (!stored || !read) return undefined;
          const abstracts: AbstractsLater = { length: stored.abstracts, read };
          return { papers: yield* unpackPapers(stored.papers, { lazy: true, abstracts }), problems: stored.problems };
        })(),
        SLICE_MS,
      );
    } catch {
      return undefined;
    }
  }

  /**
   * A stored load the worker sent: its papers (cut out since their message came) and its index,
   * unpacked here in slices. Bytes that do not unpack (a cache file damaged where the worker's
   * check of its head cannot see), or abstracts that cannot be opened, are asked for again
   * without the stored loads, so the files are parsed.
   */
  private unpackStored(message: LoadStored, pending: Pending): void {
    const unpacked = (pending.papers && message.bytes ? this.storedResult(pending.papers, message.bytes, message.stats) : Promise.resolve(undefined)).catch(() => undefined);
    void unpacked.then((result) => {
      if (result) pending.resolve(result);
      else if (this.dead) pending.reject(this.dead);
      else {
        // The changed files' bytes went with the first request: the worker holds them now.
        const seq = ++this.seq;
        this.pending.set(seq, { ...pending, papers: undefined });
        this.worker().postMessage({ ...pending.request, seq, changed: [], fresh: true } satisfies LoadRequest);
      }
    });
  }

  /**
   * A stored load's result: its papers (being cut out) and its index, unpacked here in slices
   * (its far sections left to `far`, when it was read without them: see `readStoredIndexNear`);
   * `undefined` when they do not unpack.
   */
  private async storedResult(papers: Promise<StoredPapers | undefined>, index: Uint8Array, stats: LoadStats, far?: FarSections): Promise<LoadResult | undefined> {
    const cut = await papers;
    if (!cut) return undefined;
    await nextTask();
    const stored = (await runInSlices(unpackDataSteps(index, far), SLICE_MS)) as { prepared?: PreparedIndex } | undefined;
    if (stored?.prepared?.format !== PREPARED_FORMAT) return undefined;
    return { papers: cut.papers, problems: cut.problems, stats, prepared: stored.prepared };
  }

  private fail(error: Error): void {
    this.dead ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    for (const waiter of this.idleWaiters.splice(0)) waiter.resolve(Number.NaN);
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

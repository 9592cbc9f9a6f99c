/**
 * The user's libraries, live: finds the files (`libraryFiles.ts`), reads them with
 * `vscode.workspace.fs`, has the platform's library loader parse and merge them with the
 * bundled papers (under Node the library worker, `src/worker/`, off the extension host's
 * thread; on the web the same work on the host's thread in slices), and swaps the merged corpus
 * into the `LazyCorpus` every feature reads.
 *
 * - **Live.** One `FileSystemWatcher` per library file (and one per glob of the settings). A
 *   change queues that file alone; writes arriving within `DEBOUNCE_MS` of each other (Zotero's
 *   auto-export writes a file in bursts) become one reload, in which only the queued files are
 *   read and parsed again; the worker keeps the parses of the others. A queued file whose size
 *   and modification time are those it was read with (the watcher reporting a write twice) is
 *   not read again.
 * - **Quick stage.** Before the reload, a `.bib` or CSL-JSON file's changed entries are found by
 *   their prints, read alone and laid over the corpus in use (`quickStage`, `core/corpusPatch.ts`),
 *   so an edit shows in a fraction of a second where the whole reload of a large library takes
 *   seconds; the reload then replaces it.
 * - **Tolerant.** An unreadable file is one problem; a worker that fails or dies leaves the
 *   corpus as it was (the bundled one at first) and says so in the log. Problems go out through
 *   `onDidLoad` (the library problems feature shows them).
 * - **Workspace Trust.** Until the workspace is trusted only the user's own setting is read and
 *   nothing is discovered; granting trust loads the rest.
 * - **Warm starts.** Under Node the worker caches each file's parse by content in the
 *   extension's global storage (`core/libraryCache.ts`, the CLI's cache format); the web has
 *   no such cache.
 */
import * as vscode from 'vscode';
import { Corpus } from '../core/corpus';
import { patchCorpus, type PatchedCorpus } from '../core/corpusPatch';
import type { LibraryParse } from '../core/library/entry';
import { entryPrintsSteps, quickFormatOf, readChanges, type EntryPrints } from '../core/library/entryPrints';
import type { FileStamp, LibraryInput } from '../core/library/session';
import { runInSlices, SLICE_MS, type SliceStats } from '../core/steps';
import type { Seeds } from '../core/seeds';
import type { SourceProblem } from '../core/sources';
import type { FirstStageIndex } from '../core/prepared';
import type { LoadStats } from '../worker/protocol';
import { SettingKey } from './contributionIds';
import type { LazyCorpus } from './lazyCorpus';
import { resolveLibraries, type LibraryLocation } from './libraryFiles';
import { Messages } from './messages';
import type { Log } from './output';
import type { LibraryLoader, LibraryLoadResult, Platform } from './platform';
import { readLibraryPaths, type SettingsSource } from './settings';

/** Writes closer together than this are one reload. */
export const DEBOUNCE_MS = 300;

/**
 * A load still running after this long is shown as under way (see `onDidChangeLoading`): a warm
 * start or a reload after an edit is in before, and shows nothing; the first load of a 50,000-
 * entry library takes about 12 s on a 2-core machine, during which the bundled papers are shown.
 */
export const LOADING_NOTICE_MS = 500;

/** A load under way for `LOADING_NOTICE_MS` or more. */
export interface LibraryLoading {
  /** The library files it reads (their paths): every library file on a window's first load. */
  readonly files: readonly string[];
  /**
   * Set once a large library's first stage is in (see `Corpus.firstStage`): how many papers it
   * shows, searchable and with their cite keys, while they are filed under topics and named.
   */
  readonly filing?: number;
}

/** What a feature needs to show a load under way. */
export interface LibraryLoadingSource {
  readonly loading: LibraryLoading | undefined;
  readonly onDidChangeLoading: vscode.Event<LibraryLoading | undefined>;
}

/** What one load produced, for the problems feature and the tests. */
export interface LibraryLoad {
  /** The library files read, in order. */
  readonly files: readonly LibraryLocation[];
  readonly problems: readonly SourceProblem[];
  /** The files this load took in anew: all of them on a full load (read, or answered by their unchanged stamps), the changed ones on a reload, every file on the reload after a warm start; none on the rest of a load in two stages (its first stage took them in). */
  readonly reread: readonly string[];
  readonly stats: LoadStats;
  readonly papers: number;
  readonly ms: number;
  /**
   * A large library's first load fires twice: its first stage (`first`: papers searchable, not
   * filed yet; see `Corpus.firstStage`), then the whole load (`rest`), with the same problems.
   * Unset for a load that came in one go.
   */
  readonly stage?: 'first' | 'rest';
}

/** What the library service needs of the platform: the seeds, a loader, the home folder. */
export type LibraryServiceOptions = Pick<Platform, 'seeds' | 'libraryLoader' | 'home'>;

/** A reload's quick stage, swapped in (see `LibraryService.quickStage`). */
export interface LibraryQuickStage {
  readonly file: string;
  readonly replaced: number;
  readonly added: number;
  readonly removed: number;
  /** From the write's debounce running out to the swap (from the load's start, `opened`). */
  readonly ms: number;
  /** Laid over the load stored when the window last loaded the file, which changed since (see `LibraryService.showEarlier`). */
  readonly opened?: boolean;
}

/** A library file's changed entries as a quick stage read them, kept until the whole reload of that read replaces them. */
interface Patch {
  /** The read's number (see `LibraryService.reads`). */
  readonly seq: number;
  readonly file: string;
  readonly parse: LibraryParse;
  readonly removed: readonly string[];
}

/** A file read for a reload (by the quick stage), with its read's number. */
interface Read {
  readonly input: LibraryInput;
  readonly seq: number;
}

export class LibraryService implements LibraryLoadingSource, vscode.Disposable {
  private readonly quickStaged = new vscode.EventEmitter<LibraryQuickStage>();
  /**
   * Fires when an edit of a `.bib` or CSL-JSON file is shown before its reload ends: the entries it changed,
   * added or removed, laid over the corpus in use (see `core/corpusPatch.ts`).
   */
  readonly onDidQuickStage = this.quickStaged.event;
  /** Each `.bib` and CSL-JSON file's entry prints as last read, with its stamp then: what the next change is compared with. */
  private readonly prints = new Map<string, { readonly stamp: string | undefined; readonly prints: EntryPrints }>();
  /** The quick stages whose whole reload has not come, oldest first: laid again over a reload of an older read. */
  private patches: Patch[] = [];
  /** Reads of library files so far (each read's number), and each file's newest. */
  private reads = 0;
  private readonly newest = new Map<string, number>();
  /** The quick stage or the prints under way (see `idle`). */
  private aside: Promise<void> = Promise.resolve();
  private readonly loaded = new vscode.EventEmitter<LibraryLoad>();
  /** Fires after each load or reload that swapped a corpus in (or went back to the bundled one); twice for a load in two stages (see `LibraryLoad.stage`). */
  readonly onDidLoad = this.loaded.event;
  private readonly loadingChanged = new vscode.EventEmitter<LibraryLoading | undefined>();
  /** Fires once a load has run for `LOADING_NOTICE_MS`, and again (`undefined`) when it ends. */
  readonly onDidChangeLoading = this.loadingChanged.event;
  private notice: LibraryLoading | undefined;
  private worker: LibraryLoader | undefined;
  private files: readonly LibraryLocation[] = [];
  private watchers: vscode.Disposable[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Files changed on disk and waiting for the debounce to run out. */
  private readonly queued = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Runs one refresh or reload at a time, in the order asked. */
  private chain: Promise<void> = Promise.resolve();
  private disposed = false;
  private seeds: Seeds | undefined;
  /** Size and modification time of each library file when it was last read. */
  private readonly stamps = new Map<string, string | undefined>();
  /** Set after a warm start that read no file: the loader holds none, so the next load reads them all. */
  private readAll = false;
  /** Loads finished since activation (for the tests: a burst of writes is one reload). */
  loads = 0;

  constructor(
    private readonly options: LibraryServiceOptions,
    private readonly corpus: LazyCorpus,
    private readonly settings: SettingsSource,
    private readonly log: Log,
  ) {
    this.subscriptions.push(
      this.loaded,
      this.loadingChanged,
      this.quickStaged,
      settings.onDidChange((keys) => {
        if (keys.includes(SettingKey.libraries) || keys.includes(SettingKey.discoverLibraries)) this.refresh();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
      // A LaTeX or markdown file may name another library when it is saved.
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.settings.current.discoverLibraries && /\.(tex|md|markdown|qmd|rmd)$/i.test(doc.uri.path)) this.refresh();
      }),
    );
  }

  /** The load under way, once it has run for `LOADING_NOTICE_MS`; else `undefined`. */
  get loading(): LibraryLoading | undefined {
    return this.notice;
  }

  /** The library files of the last load, in order. */
  get locations(): readonly LibraryLocation[] {
    return this.files;
  }

  /** Finds the library files again and loads what changed (a new file, a file gone); a full load the first time. */
  refresh(): Promise<void> {
    return this.enqueue(() => this.doRefresh());
  }

  /** Settles when every refresh and reload asked for so far has finished (for the tests). */
  async idle(): Promise<void> {
    for (;;) {
      const chain = this.chain;
      const aside = this.aside;
      await chain;
      await aside;
      if (this.timer !== undefined) await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS));
      else if (chain === this.chain && aside === this.aside) return;
    }
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(async () => {
      if (this.disposed) return;
      try {
        await task();
      } catch (e) {
        // Nothing a library holds may stop the extension: the corpus stays as it was.
        this.log.error(Messages.librariesFailed(e instanceof Error ? e.message : String(e)));
      }
    });
    return this.chain;
  }

  private async doRefresh(): Promise<void> {
    const trusted = vscode.workspace.isTrusted;
    // A library named in the settings: the worker starts now, while the files are found (the
    // workspace searched for LaTeX and markdown files that name more), not after.
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!this.worker && [undefined, ...folders.map((f) => f.uri)].some((folder) => readLibraryPaths(folder, trusted).length > 0)) this.ensureWorker();
    const resolved = await resolveLibraries({ trusted, discover: this.settings.current.discoverLibraries, home: this.options.home });
    for (const written of resolved.skipped) this.log.warn(Messages.libraryNeedsFolder(written));
    if (!trusted) this.log.info(Messages.librariesRestricted);
    const previous = this.files.map((f) => f.name);
    const before = new Set(previous);
    this.files = resolved.files;
    this.watch(resolved.globs);
    if (this.files.length === 0) {
      if (this.corpus.replaced || before.size > 0) {
        this.corpus.replace(undefined);
        this.loads++;
        this.loaded.fire({ files: [], problems: [], reread: [], stats: { parsed: 0, cached: 0, parseMs: 0, mergeMs: 0, classifyMs: 0, heapMB: 0 }, papers: this.corpus.get()?.papers.length ?? 0, ms: 0 });
      }
      await this.stopWorker();
      return;
    }
    // New files are read; files already loaded keep their parse unless they changed on disk. A
    // file the watcher reported is read again only if it is not as it was when last read: the
    // watcher reports the write of a file this refresh's previous load had already read.
    const fresh: LibraryLocation[] = [];
    for (const f of this.files) {
      const queued = this.queued.delete(f.name);
      if (!before.has(f.name) || (queued && !(await this.unchanged(f)))) fresh.push(f);
    }
    // The same files as before, none changed (a markdown file saved, a setting that names the
    // same files): nothing to load, and the corpus, with its matcher and index, stays.
    const same = previous.length === this.files.length && this.files.every((f, i) => f.name === previous[i]);
    if (same && fresh.length === 0 && this.corpus.replaced) return;
    await this.load(fresh);
  }

  /** Queues a file that changed on disk; the reload runs once writes stop for `DEBOUNCE_MS`. */
  private changed(name: string): void {
    this.queued.add(name);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const names = new Set(this.queued);
      this.queued.clear();
      const queued = this.files.filter((f) => names.has(f.name));
      // Read now, outside the queue of loads, and shown at once where the quick stage can
      // (a reload under way does not hold it back); the reload then loads these very bytes.
      const reading = this.readChanged(queued);
      this.setAside(reading);
      void this.enqueue(async () => {
        const read = await reading;
        const changed = queued.filter((f) => read.has(f.name));
        // Each file read again since, by a later change whose reload follows: this one would only be replaced.
        if (changed.every((f) => this.newest.get(f.name) !== read.get(f.name)!.seq)) return;
        if (changed.length) await this.load(changed, read);
      });
    }, DEBOUNCE_MS);
  }

  private setAside(work: Promise<unknown>): void {
    const before = this.aside;
    this.aside = Promise.all([before, work]).then(
      () => undefined,
      () => undefined,
    );
  }

  /**
   * Reads the files a change queued, but those as they were when last read (the watcher can
   * report one write twice, the second time after the debounce), and shows each `.bib` file's
   * changed entries at once (see `quickStage`).
   */
  private async readChanged(queued: readonly LibraryLocation[]): Promise<Map<string, Read>> {
    const read = new Map<string, Read>();
    for (const f of queued) {
      const stamp = await statOf(f.uri);
      if (this.readAs(f, stamp)) continue;
      this.stamps.set(f.name, keyOf(stamp));
      const input = { ...(await readLibrary(f)), stamp };
      const seq = ++this.reads;
      this.newest.set(f.name, seq);
      read.set(f.name, { input, seq });
      if (this.disposed) break;
      try {
        await this.quickStage(input, seq);
      } catch (e) {
        // Only a quick look: the reload that follows brings the change all the same.
        this.log.warn(Messages.libraryQuickStageSkipped(f.name, e instanceof Error ? e.message : String(e)));
      }
    }
    return read;
  }

  /**
   * A reload's quick stage (see `core/corpusPatch.ts`): the entries of a `.bib` or CSL-JSON file that changed
   * since it was last read, found by their prints and read alone, laid over the corpus in use and
   * swapped in, in slices; the reload then replaces it. At 50,000 entries the worker's reload
   * takes seconds; this, a fraction of one.
   */
  private async quickStage(input: LibraryInput, seq: number): Promise<void> {
    const started = performance.now();
    const old = this.prints.get(input.file);
    this.prints.delete(input.file);
    const format = quickFormatOf(input.file);
    if (!input.bytes || !format) return;
    const slices: SliceStats = { slices: 0, longestMs: 0 };
    const read = await runInSlices(readChanges(input.bytes, input.file, old?.prints, {}, format), SLICE_MS, slices);
    if (read.prints) this.prints.set(input.file, { stamp: keyOf(input.stamp), prints: read.prints });
    if (!old) return;
    if (!('parse' in read.change)) {
      this.log.info(Messages.libraryQuickStageSkipped(input.file, read.change.reason));
      return;
    }
    const patch: Patch = { seq, file: input.file, ...read.change };
    this.patches.push(patch);
    // Laid over the corpus in use; again over the one a reload swapped in meanwhile, if one did.
    let patched: PatchedCorpus | undefined;
    for (let tries = 0; tries < 2 && !patched; tries++) {
      const base = this.corpus.replaced ? this.corpus.get() : undefined;
      // A first stage's papers are not filed yet: the whole load is near.
      if (!base || base.filing) return;
      const made = await this.patched(base, patch, slices);
      if (!made || this.disposed) return;
      if (this.corpus.get() === base) patched = made;
    }
    if (!patched) return;
    this.corpus.replace(patched);
    const { plan } = patched;
    const stage = { file: input.file, replaced: plan.replaced.size, added: plan.added.length, removed: plan.removed.size, ms: performance.now() - started };
    this.log.info(Messages.libraryQuickStage(input.file, stage.replaced, stage.added, stage.removed, stage.ms, slices.longestMs));
    this.quickStaged.fire(stage);
  }

  /** `patch` laid over `base`, prepared in slices; `undefined` (and said in the log) where it cannot be. */
  private async patched(base: Corpus, patch: Patch, slices?: SliceStats): Promise<PatchedCorpus | undefined> {
    const seeds = (this.seeds ??= this.options.seeds());
    const patched = await runInSlices(patchCorpus(base, patch.file, patch, seeds.isCommonWord), SLICE_MS, slices);
    if (!('reason' in patched)) return patched;
    this.log.info(Messages.libraryQuickStageSkipped(patch.file, patched.reason));
    return undefined;
  }

  /**
   * The entry prints of every `.bib` file the last load read whole without taking them (a first
   * load, a warm start: the worker had the bytes, or none were read), so that the next change
   * has a quick stage: each file read again, in the background, and printed in slices, where it
   * is still as that load had it.
   */
  private printLoaded(): void {
    const files = this.files.filter((f) => quickFormatOf(f.name) && this.prints.get(f.name)?.stamp !== this.stamps.get(f.name));
    if (!files.length) return;
    this.setAside(
      (async () => {
        for (const f of files) {
          const seq = this.newest.get(f.name);
          const stamp = await statOf(f.uri);
          if (this.disposed || keyOf(stamp) === undefined || keyOf(stamp) !== this.stamps.get(f.name)) continue;
          const input = await readLibrary(f);
          if (!input.bytes) continue;
          const prints = await runInSlices(entryPrintsSteps(input.bytes, quickFormatOf(f.name)), SLICE_MS);
          // Not if a change read it meanwhile (its prints are newer), nor if it changed while read.
          if (!prints || this.newest.get(f.name) !== seq || keyOf(await statOf(f.uri)) !== keyOf(stamp)) continue;
          this.prints.set(f.name, { stamp: keyOf(stamp), prints });
        }
      })(),
    );
  }

  /** `loadNow`, said to be under way (`onDidChangeLoading`) once it has run for `LOADING_NOTICE_MS`. */
  private async load(reread: readonly LibraryLocation[], read?: ReadonlyMap<string, Read>): Promise<void> {
    // The files read; a load that reads none (a file dropped from the list) merges them all again.
    const files = (this.readAll || reread.length === 0 ? this.files : reread).map((f) => f.name);
    const timer = setTimeout(() => {
      // Not said again after a first stage said more (see `firstStage`).
      if (this.disposed || this.notice) return;
      this.notice = { files };
      this.loadingChanged.fire(this.notice);
    }, LOADING_NOTICE_MS);
    try {
      await this.loadNow(reread, read);
    } finally {
      clearTimeout(timer);
      if (this.notice) {
        this.notice = undefined;
        if (!this.disposed) this.loadingChanged.fire(undefined);
      }
    }
  }

  private async loadNow(reread: readonly LibraryLocation[], read?: ReadonlyMap<string, Read>): Promise<void> {
    const started = performance.now();
    // The reads this load holds: up to the latest of those given, else every read so far and the files it reads now.
    const covers = read ? Math.max(...[...read.values()].map((r) => r.seq)) : ++this.reads;
    const worker = this.ensureWorker();
    const seeds = (this.seeds ??= this.options.seeds());
    // The background statistics every corpus reads, prepared in slices while the worker loads
    // (at most once per window; 30-40 ms that would otherwise come after the papers arrive).
    // A failure here shows again, and is reported, when the corpus prepares them itself.
    const background = runInSlices(seeds.background.prepare(), SLICE_MS).catch(() => undefined);
    const names = this.files.map((f) => f.name);
    // Stamped before reading: a write after the stamp is seen as a change next time. A full
    // load stamps every file first, to ask the loader for a load stored under those stamps.
    const stamps = reread.length === this.files.length ? await Promise.all(this.files.map((f) => statOf(f.uri))) : undefined;
    let result = stamps ? await this.warm(worker, stamps) : undefined;
    // Some files changed since the window last loaded them: that load, with the changes laid over it, while the worker loads them (see `showEarlier`).
    const earlier = result?.earlier && result;
    if (earlier) result = undefined;
    // What this load took in anew: every file of a warm start (its problems logged in this window), else the files read.
    let anew = reread;
    if (!result) {
      const toRead = this.readAll ? this.files : reread;
      anew = toRead;
      const inputs = await Promise.all(
        toRead.map(async (f) => {
          const given = read?.get(f.name);
          if (given) return given.input;
          if (!read) this.newest.set(f.name, covers);
          const stamp = stamps ? stamps[this.files.indexOf(f)] : await statOf(f.uri);
          this.stamps.set(f.name, keyOf(stamp));
          return { ...(await readLibrary(f)), stamp };
        }),
      );
      // Read before the bytes go to the worker.
      const changes = earlier && (await this.earlierChanges(earlier, inputs, covers));
      try {
        const loading = worker.load(names, inputs);
        if (changes) {
          // Failing, it fails when awaited below, not meanwhile.
          loading.catch(() => undefined);
          await this.showEarlier(earlier, changes, started);
        }
        result = await loading;
        this.readAll = false;
      } catch (e) {
        // A worker that failed is not trusted again: the next load starts a fresh one and reads every file.
        if (this.worker === worker) await this.stopWorker();
        for (const f of this.files) this.queued.add(f.name);
        throw e;
      }
    }
    if (this.disposed) return;
    await background;
    // What this load fires with: a load in two stages fires its first, then the rest, whose files the first took in.
    let stage: LibraryLoad['stage'];
    let taken = anew.map((f) => f.name);
    if (result.firstStage) {
      result = await this.firstStage(worker, result, result.firstStage, { files: this.files, reread: taken, started });
      if (!result) return;
      stage = 'rest';
      taken = [];
    }
    // Topics come filed by the worker, and the names, matcher and search index built there (or
    // read from its cache). They are restored here (or, on the web, where no worker builds
    // them, built here), in slices, before the swap: built on first use, as for the bundled
    // corpus, they would hold the thread for seconds at 50,000 papers on the first hover or
    // search. Until the swap, features keep answering from the corpus they have.
    let corpus = new Corpus(result.papers, seeds.topics, seeds.isCommonWord, [], seeds.background, result.topics, result.prepared);
    const prepared = performance.now();
    const slices: SliceStats = { slices: 0, longestMs: 0 };
    await runInSlices(corpus.prepare(), SLICE_MS, slices);
    if (this.disposed) return;
    // Changes read after this load's were shown by their quick stages: laid over it again.
    this.patches = this.patches.filter((p) => p.seq > covers);
    for (const patch of this.patches) corpus = (await this.patched(corpus, patch)) ?? corpus;
    if (this.disposed) return;
    this.corpus.replace(corpus);
    const ms = performance.now() - started;
    this.log.info(Messages.librariesLoaded(this.files.length, corpus.papers.length, ms, result.stats, worker.where));
    this.log.info(Messages.corpusPrepared(corpus.papers.length, performance.now() - prepared, slices.slices, slices.longestMs, corpus.restored));
    this.loads++;
    this.loaded.fire({ files: this.files, problems: result.problems, reread: taken, stats: result.stats, papers: corpus.papers.length, ms, stage });
    this.printLoaded();
  }

  /**
   * The changes of each file that changed since `earlier` was loaded, read from `inputs` against
   * the file's prints as it was then (see `readChanges`); `undefined` (and said in the log) when
   * one cannot be read entry by entry. Each file's prints are then its own, for the next change.
   */
  private async earlierChanges(earlier: LibraryLoadResult, inputs: readonly LibraryInput[], seq: number): Promise<Patch[] | undefined> {
    const patches: Patch[] = [];
    for (const [file, old] of earlier.earlier ?? []) {
      const input = inputs.find((i) => i.file === file);
      const format = quickFormatOf(file);
      if (!input?.bytes || !format) return undefined;
      const read = await runInSlices(readChanges(input.bytes, file, old, {}, format), SLICE_MS);
      if (read.prints) this.prints.set(file, { stamp: keyOf(input.stamp), prints: read.prints });
      if (!('parse' in read.change)) {
        this.log.info(Messages.libraryQuickStageSkipped(file, read.change.reason));
        return undefined;
      }
      patches.push({ seq, file, ...read.change });
    }
    return patches;
  }

  /**
   * A window's first load of libraries that changed since they were last loaded: the load stored
   * then (`earlier`), restored in slices, with each file's changed entries laid over it (see
   * `core/corpusPatch.ts`), swapped in while the worker loads the files, which takes it seconds
   * at 50,000 entries. The whole load then replaces it. Not swapped in when a change cannot be
   * laid over it (said in the log).
   */
  private async showEarlier(earlier: LibraryLoadResult, patches: readonly Patch[], started: number): Promise<void> {
    const before = this.corpus.get();
    const seeds = (this.seeds ??= this.options.seeds());
    const slices: SliceStats = { slices: 0, longestMs: 0 };
    let corpus = new Corpus(earlier.papers, seeds.topics, seeds.isCommonWord, [], seeds.background, earlier.topics, earlier.prepared);
    await runInSlices(corpus.prepare(), SLICE_MS, slices);
    const stages: LibraryQuickStage[] = [];
    for (const patch of patches) {
      if (this.disposed) return;
      const patched = await this.patched(corpus, patch, slices);
      if (!patched) return;
      corpus = patched;
      const { plan } = patched;
      stages.push({ file: patch.file, replaced: plan.replaced.size, added: plan.added.length, removed: plan.removed.size, ms: 0, opened: true });
    }
    // Not over a corpus swapped in meanwhile (a change's quick stage).
    if (this.disposed || this.corpus.get() !== before) return;
    this.corpus.replace(corpus);
    const ms = performance.now() - started;
    this.log.info(Messages.librariesEarlier(this.files.length, corpus.papers.length, stages.reduce((n, s) => n + s.replaced + s.added + s.removed, 0), ms, slices.longestMs));
    for (const stage of stages) this.quickStaged.fire({ ...stage, ms });
  }

  /**
   * Swaps a large library's first stage in (its papers, searchable by title, author, year and
   * key, with their cite keys: see `Corpus.firstStage`), says the load is filing them (see
   * `LibraryLoading.filing`), and waits for the whole load; `undefined` once disposed.
   */
  private async firstStage(
    worker: LibraryLoader,
    result: LibraryLoadResult,
    index: FirstStageIndex,
    load: Pick<LibraryLoad, 'files' | 'reread'> & { readonly started: number },
  ): Promise<LibraryLoadResult | undefined> {
    const { papers, problems, stats, rest } = result;
    if (!rest) throw new Error('a first stage without the rest of its load');
    const { started } = load;
    const seeds = (this.seeds ??= this.options.seeds());
    const first = Corpus.firstStage(papers, seeds.topics, seeds.isCommonWord, seeds.background, index);
    const slices: SliceStats = { slices: 0, longestMs: 0 };
    const restoring = performance.now();
    await runInSlices(first.prepare(), SLICE_MS, slices);
    if (this.disposed) return undefined;
    this.corpus.replace(first);
    this.log.info(Messages.librariesFirstStage(this.files.length, papers.length, performance.now() - started, performance.now() - restoring, slices.longestMs));
    // Its problems are known: in the Problems panel now, not once the papers are filed.
    this.loaded.fire({ files: load.files, reread: load.reread, problems, stats, papers: papers.length, ms: performance.now() - started, stage: 'first' });
    this.notice = { files: this.notice?.files ?? this.files.map((f) => f.name), filing: papers.length };
    this.loadingChanged.fire(this.notice);
    try {
      return await rest;
    } catch (e) {
      // As a failed load (see `loadNow`), but the first stage stays: its papers are searchable.
      if (this.worker === worker) await this.stopWorker();
      for (const f of this.files) this.queued.add(f.name);
      throw e;
    }
  }

  private async unchanged(file: LibraryLocation): Promise<boolean> {
    return this.readAs(file, await statOf(file.uri));
  }

  /** Whether `file` has `stamp`, the size and modification time it had when last read. */
  private readAs(file: LibraryLocation, stamp: FileStamp | undefined): boolean {
    const key = keyOf(stamp);
    return key !== undefined && key === this.stamps.get(file.name);
  }

  /**
   * Every file's stored load, when the loader keeps one for them as they are on disk (a
   * window reopened on unchanged libraries): nothing is read. `undefined` when it keeps none,
   * or cannot answer; the files are then read and loaded.
   */
  private async warm(worker: LibraryLoader, stamps: readonly (FileStamp | undefined)[]): Promise<LibraryLoadResult | undefined> {
    if (!worker.warm) return undefined;
    let result: LibraryLoadResult | undefined;
    try {
      // The files as they were before a change, only for a window that shows none of them yet: a reload shows them as last loaded already.
      result = await worker.warm(
        this.files.map((f) => f.name),
        stamps,
        { earlier: !this.corpus.replaced },
      );
    } catch {
      return undefined;
    }
    if (result) {
      this.files.forEach((f, k) => this.stamps.set(f.name, keyOf(stamps[k])));
      this.readAll = true;
    }
    return result;
  }

  private ensureWorker(): LibraryLoader {
    this.worker ??= this.options.libraryLoader();
    return this.worker;
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.dispose();
  }

  /** One watcher per library file, one per glob; replaces the previous ones. */
  private watch(globs: readonly vscode.RelativePattern[]): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    for (const file of this.files) {
      const name = file.uri.path.slice(file.uri.path.lastIndexOf('/') + 1);
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(file.uri, '..'), name));
      const queue = () => this.changed(file.name);
      this.watchers.push(watcher, watcher.onDidChange(queue), watcher.onDidCreate(queue), watcher.onDidDelete(queue));
    }
    for (const glob of globs) {
      // A file appearing or disappearing changes the list; a change to a listed file is seen by its own watcher.
      const watcher = vscode.workspace.createFileSystemWatcher(glob, false, true, false);
      this.watchers.push(watcher, watcher.onDidCreate(() => this.refresh()), watcher.onDidDelete(() => this.refresh()));
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const w of this.watchers) w.dispose();
    for (const s of this.subscriptions) s.dispose();
    void this.stopWorker();
  }
}

/** A file's size and modification time, or undefined when it cannot be read. */
async function statOf(uri: vscode.Uri): Promise<FileStamp | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    return { size: stat.size, mtime: stat.mtime };
  } catch {
    return undefined;
  }
}

/** A stamp as the service compares them. */
function keyOf(stamp: FileStamp | undefined): string | undefined {
  return stamp && `${stamp.size}:${stamp.mtime}`;
}

/** A library file's bytes, or why they could not be read. */
async function readLibrary(file: LibraryLocation): Promise<LibraryInput> {
  try {
    return { file: file.name, bytes: await vscode.workspace.fs.readFile(file.uri) };
  } catch (e) {
    const reason =
      e instanceof vscode.FileSystemError && e.code === 'FileNotFound'
        ? 'no such file'
        : e instanceof vscode.FileSystemError && e.code === 'FileIsADirectory'
          ? 'is a folder, not a file'
          : e instanceof vscode.FileSystemError && e.code === 'NoPermissions'
            ? 'permission denied'
            : e instanceof Error
              ? e.message
              : String(e);
    return { file: file.name, unreadable: reason };
  }
}

/**
 * The workspace index in the editor: which papers the workspace's files mention, and where.
 * "Mentioned Here" shows it, and the hover card counts the files that mention its paper.
 *
 * - **What is read.** Every file `workspace.findFiles` lists, less `files.exclude` and
 *   `search.exclude` (both passed as the one exclude glob, since an explicit exclude replaces
 *   the default one), files whose extension says they are binary, files over
 *   `paperLens.workspaceIndex.maxFileSizeKB` (by their size on disk, before reading) and files
 *   with a NUL byte near the start. An open document is read as the editor holds it.
 * - **When.** Once after activation (`START_DELAY_MS` later, once the libraries have loaded, so
 *   the first run sees the whole corpus; it loads the corpus if nothing has yet), and again from scratch when the corpus, the policy for collision-prone names,
 *   the names not to link (hidden ones, `mentions.libraryNames`), the exclusions or the index settings change. A saved, created or changed
 *   file is read again, a deleted one forgotten (a file-system watcher and `onDidSaveTextDocument`).
 * - **How.** `runIndex` (src/core/workspaceIndex.ts) reads ahead, scans file by file and yields
 *   to the extension host's event loop at least every `SLICE_MS`, so hovers and typing stay
 *   responsive; progress shows in the status bar. The previous index serves until a new run
 *   has finished (the first run's partial results show as they come).
 * - **Workspace Trust.** The index reads only the workspace's own text files, which is what an
 *   untrusted workspace allows; which library files make up the corpus stays the library
 *   service's decision (workspace settings' libraries are not read in Restricted Mode).
 */
import * as vscode from 'vscode';
import { SLICE_MS } from '../core/steps';
import {
  excludeGlob,
  isBinaryPath,
  globMatching,
  mentionsOfFile,
  runIndex,
  WorkspaceIndex,
  type FileRead,
  type IndexTask,
  type MentionedPaper,
  type MentionReader,
  type WorkspaceMention,
} from '../core/workspaceIndex';
import { NOTEBOOK_CELL_SCHEME, SettingKey } from './contributionIds';
import { documentLength } from './documentMentions';
import type { SuppressedNamesSource } from './suppressedNames';
import type { CorpusSource } from './lazyCorpus';
import { Messages } from './messages';
import type { Log } from './output';
import type { SettingsSource } from './settings';

/** The most files one run lists. */
export const MAX_FILES = 100_000;
/** How long changes are gathered before a run or an update starts. */
export const DEBOUNCE_MS = 300;
/** How long after activation the first run starts: the window's start-up comes first. */
export const START_DELAY_MS = 3000;
/** The most files a request for references reads itself, when the index cannot answer it (see `references`). */
export const REFERENCE_MAX_FILES = 2000;
/** A document whose name tells nothing is read as a file with its language's extension (see `readingName`). */
const EXTENSION_OF_LANGUAGE: Readonly<Record<string, string>> = { markdown: '.md', quarto: '.qmd', rmd: '.rmd', plaintext: '.txt', latex: '.tex', tex: '.tex' };

/** How often the view may redraw while the first run is filling the index. */
const PARTIAL_REFRESH_MS = 1000;

/** Where a paper is mentioned: a file and the mentions of the paper in it, in order. */
export interface MentionLocation {
  readonly uri: vscode.Uri;
  readonly mentions: readonly WorkspaceMention[];
}

/** The range a mention covers in its file. */
export function mentionRange(m: WorkspaceMention): vscode.Range {
  return new vscode.Range(m.line, m.character, m.endLine, m.endCharacter);
}

/** Where an index holds mentions of a paper, each file as a URI. */
function locationsIn(index: WorkspaceIndex, paperId: string): MentionLocation[] {
  return index.locations(paperId).map(({ file, mentions }) => ({ uri: vscode.Uri.parse(file), mentions }));
}

/**
 * The file name a document is read under (it tells the citation syntax and whether the text
 * is a notebook's JSON: see `mentionsOfFile`): its own, or, for an untitled document or a
 * notebook's cell, a name with its language's extension.
 */
function readingName(doc: vscode.TextDocument): string {
  if (doc.isUntitled || doc.uri.scheme === NOTEBOOK_CELL_SCHEME) return `document${EXTENSION_OF_LANGUAGE[doc.languageId] ?? ''}`;
  return doc.uri.toString();
}

export type IndexState = 'off' | 'indexing' | 'ready';

/** What features read: the mentioned papers, their places, and a signal when either changes. */
export interface WorkspaceIndexSource {
  readonly state: IndexState;
  /** While a run is under way: the files done and the total. */
  readonly progress: { readonly done: number; readonly total: number } | undefined;
  papers(): MentionedPaper[];
  filesMentioning(paperId: string): number;
  locations(paperId: string): MentionLocation[];
  readonly onDidChange: vscode.Event<void>;
}

export class WorkspaceIndexService implements WorkspaceIndexSource, vscode.Disposable {
  /** The index that answers (the last finished run's, or the first run's while it fills). */
  private current: WorkspaceIndex | undefined;
  /** Bumped by every restart: a run whose generation is stale stops. */
  private generation = 0;
  private running: Promise<void> = Promise.resolve();
  private runTimer: ReturnType<typeof setTimeout> | undefined;
  private updateTimer: ReturnType<typeof setTimeout> | undefined;
  /** Files saved, created or changed since the last update, by URI string. */
  private readonly dirty = new Map<string, vscode.Uri>();
  /** Files and folders deleted while a full run is pending or under way, by URI string. */
  private readonly deletedDuringRun = new Set<string>();
  private indexing = false;
  private done = { done: 0, total: 0 };
  private lastPartialRefresh = 0;
  private disposed = false;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly corpus: CorpusSource,
    private readonly settings: SettingsSource,
    private readonly suppressedNames: SuppressedNamesSource,
    private readonly log: Log,
    /** Settles when the user's libraries have loaded (the first run waits for it). */
    private readonly ready: () => Promise<void>,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate((uri) => this.changed(uri)),
      watcher.onDidChange((uri) => this.changed(uri)),
      watcher.onDidDelete((uri) => this.deleted(uri)),
      vscode.workspace.onDidSaveTextDocument((doc) => this.changed(doc.uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.restart()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('files.exclude') || e.affectsConfiguration('search.exclude')) this.restart();
      }),
      settings.onDidChange((keys) => {
        if (keys.some((k) => k === SettingKey.ambiguousNames || k === SettingKey.workspaceIndexEnabled || k === SettingKey.workspaceIndexMaxFileSize)) this.restart();
      }),
      suppressedNames.onDidChange(() => this.restart()),
      // Mentions found with another corpus name papers that may be gone, and miss new ones. A
      // large library's first stage names none of the library's papers (see `Corpus.firstStage`):
      // the index waits for the whole corpus, seconds later, rather than read every file for it
      // beside the library worker.
      corpus.onDidChange((loaded) => {
        // Neither a first stage nor a quick stage (see `Corpus.patched`): the whole load follows, and restarts it.
        if (!loaded?.filing && !loaded?.patched) this.restart();
      }),
    );
    this.restart(START_DELAY_MS);
  }

  get state(): IndexState {
    if (!this.settings.current.workspaceIndexEnabled) return 'off';
    return this.indexing || this.runTimer !== undefined ? 'indexing' : 'ready';
  }

  get progress(): { done: number; total: number } | undefined {
    return this.indexing ? { ...this.done } : undefined;
  }

  papers(): MentionedPaper[] {
    return this.current?.papers() ?? [];
  }

  filesMentioning(paperId: string): number {
    return this.current?.filesMentioning(paperId) ?? 0;
  }

  locations(paperId: string): MentionLocation[] {
    return this.current ? locationsIn(this.current, paperId) : [];
  }

  /** Settles when no run or update is pending or under way (for the tests). */
  async idle(): Promise<void> {
    for (;;) {
      const running = this.running;
      await running;
      if (this.runTimer !== undefined || this.updateTimer !== undefined) await new Promise((r) => setTimeout(r, 50));
      else if (running === this.running && !this.indexing) return;
    }
  }

  /** Indexes every file again from scratch, after `delayMs` (changes in a burst make one run). */
  restart(delayMs = DEBOUNCE_MS): void {
    if (this.disposed) return;
    this.generation++;
    if (this.runTimer !== undefined) clearTimeout(this.runTimer);
    this.runTimer = setTimeout(() => {
      this.runTimer = undefined;
      const generation = this.generation;
      this.running = this.running.then(() => this.fullRun(generation)).catch((e) => this.log.error(Messages.workspaceIndexFailed(e instanceof Error ? e.message : String(e))));
    }, delayMs);
    this.emitter.fire();
  }

  private changed(uri: vscode.Uri): void {
    this.dirty.set(uri.toString(), uri);
    this.scheduleUpdate();
  }

  private deleted(uri: vscode.Uri): void {
    const key = uri.toString();
    this.dirty.delete(key);
    if (this.indexing || this.runTimer !== undefined) this.deletedDuringRun.add(key);
    const index = this.current;
    if (index?.removeUnder(key)) this.emitter.fire();
  }

  private scheduleUpdate(): void {
    if (this.updateTimer !== undefined) clearTimeout(this.updateTimer);
    this.updateTimer = setTimeout(() => this.updateNow(), DEBOUNCE_MS);
  }

  /** Runs the update a change scheduled now, after what is running. */
  private updateNow(): void {
    if (this.updateTimer !== undefined) clearTimeout(this.updateTimer);
    this.updateTimer = undefined;
    this.running = this.running.then(() => this.update()).catch((e) => this.log.error(Messages.workspaceIndexFailed(e instanceof Error ? e.message : String(e))));
  }

  /** Reads the files saved, created or changed since the last update into the current index. */
  private async update(): Promise<void> {
    const index = this.current;
    if (!index || !this.settings.current.workspaceIndexEnabled || !this.dirty.size) return;
    const uris = [...this.dirty.values()];
    this.dirty.clear();
    const exclude = this.exclude();
    const tasks = new Map<string, IndexTask>();
    for (const uri of uris) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder) continue;
      if (index.has(uri.toString())) {
        tasks.set(uri.toString(), this.task(uri));
        continue;
      }
      // A file the index does not hold yet counts only if a search of the workspace lists it
      // (VS Code's own reading of the exclusions). A created folder (moved or copied in whole,
      // or made just before the files in it) may be all the watcher reports: its files are
      // listed the same way.
      const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
      if (!stat) continue;
      const path = globMatching(vscode.workspace.asRelativePath(uri, false));
      const key = uri.toString();
      const folderCreated = (stat.type & vscode.FileType.Directory) !== 0;
      const listed = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, folderCreated ? `${path}/**` : path), exclude, folderCreated ? MAX_FILES : 100);
      for (const file of listed) {
        const name = file.toString();
        if ((folderCreated ? name.startsWith(`${key}/`) : name === key) && !isBinaryPath(file.path)) tasks.set(name, this.task(file));
      }
    }
    if (!tasks.size) return;
    const before = index.version;
    await runIndex(index, [...tasks.values()], { sliceMs: SLICE_MS, maxBytes: this.maxBytes(), cancelled: () => index !== this.current });
    if (index.version !== before) this.emitter.fire();
  }

  private async fullRun(generation: number): Promise<void> {
    if (this.disposed || generation !== this.generation) return;
    if (!this.settings.current.workspaceIndexEnabled) {
      this.current = undefined;
      this.emitter.fire();
      return;
    }
    await this.ready();
    if (this.disposed || generation !== this.generation) return;
    const reader = this.reader();
    if (!reader) {
      this.current = undefined;
      this.emitter.fire();
      return;
    }
    const started = performance.now();
    // Changes reported from here on may be missing from the listing (a file created while the
    // search runs): they stay dirty and the update after the run reads them. Clearing after the
    // listing lost such a file until the next full run.
    this.dirty.clear();
    this.deletedDuringRun.clear();
    const uris = await this.listFiles(MAX_FILES);
    if (this.disposed || generation !== this.generation) return;
    const index = new WorkspaceIndex(reader);
    const first = this.current === undefined;
    if (first) this.current = index;
    this.indexing = true;
    this.done = { done: 0, total: uris.length };
    this.emitter.fire();
    try {
      const stats = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: Messages.workspaceIndexProgressTitle },
        (progress) =>
          runIndex(
            index,
            uris.map((uri) => this.task(uri)),
            {
              sliceMs: SLICE_MS,
              maxBytes: this.maxBytes(),
              cancelled: () => this.disposed || generation !== this.generation,
              progress: (done, total) => {
                this.done = { done, total };
                progress.report({ message: Messages.workspaceIndexProgress(done, total) });
                if (first && performance.now() - this.lastPartialRefresh > PARTIAL_REFRESH_MS) {
                  this.lastPartialRefresh = performance.now();
                  this.emitter.fire();
                }
              },
            },
          ),
      );
      if (stats.cancelled) return;
      // A file deleted while the run read the workspace may have been read before it went.
      for (const key of this.deletedDuringRun) index.removeUnder(key);
      this.deletedDuringRun.clear();
      this.current = index;
      const papers = index.papers();
      this.log.info(Messages.workspaceIndexed(stats.indexed, stats.binary, stats.large, papers.length, performance.now() - started));
      if (uris.length >= MAX_FILES) this.log.warn(Messages.workspaceIndexTruncated(MAX_FILES));
    } finally {
      this.indexing = false;
      this.emitter.fire();
    }
    if (this.dirty.size) this.scheduleUpdate();
  }

  /**
   * How a file is read for mentions now: the corpus's matcher, cite keys and identifiers, with
   * the policy for collision-prone names and the names not to link (`SuppressedNames`). `undefined` before a corpus is in.
   */
  private reader(): MentionReader | undefined {
    const corpus = this.corpus.get();
    if (!corpus) return undefined;
    return {
      matcher: corpus.matcher,
      options: { policy: this.settings.current.ambiguousNames, suppressed: this.suppressedNames.suppressor() },
      keys: corpus.citeKeys,
      identifiers: corpus.identifiers,
    };
  }

  /**
   * Where the workspace mentions a paper now, read as the index reads files (the same files,
   * policy for collision-prone names and names not to link), for Find All References. A finished,
   * current index answers, with the open documents read again as the editor holds them (the
   * index reads a file again when it is saved). With the index off, or while a run is pending or
   * under way, the files are read now, at most `REFERENCE_MAX_FILES` of them. `asking` is the
   * document the request came from, read even when it is untitled or outside the workspace.
   */
  async references(paperId: string, asking: vscode.TextDocument, cancelled: () => boolean): Promise<MentionLocation[]> {
    const reader = this.reader();
    if (!reader) return [];
    const ready = this.state === 'ready' && this.current !== undefined;
    // Files saved or created a moment ago are read into the index first.
    if (ready) {
      if (this.updateTimer !== undefined) this.updateNow();
      await this.running;
    }
    const index = ready && this.current ? this.current : new WorkspaceIndex(reader);
    if (index !== this.current) {
      const uris = await this.listFiles(REFERENCE_MAX_FILES);
      if (cancelled()) return [];
      await runIndex(index, uris.map((uri) => this.task(uri)), { sliceMs: SLICE_MS, maxBytes: this.maxBytes(), cancelled });
      if (cancelled()) return [];
    }
    const byFile = new Map(locationsIn(index, paperId).map((l) => [l.uri.toString(), l]));
    for (const doc of vscode.workspace.textDocuments) {
      const file = doc.uri.toString();
      // The index holds what was saved; an edited document, and the asking one if the index
      // does not hold it, are read as they are now (a fresh run read them so already).
      const edited = index === this.current && doc.isDirty && index.has(file);
      if (!(edited || (doc === asking && !index.has(file))) || documentLength(doc) > this.maxBytes()) continue;
      const mentions = mentionsOfFile(readingName(doc), doc.getText(), reader).filter((m) => m.paperId === paperId);
      if (mentions.length) byFile.set(file, { uri: doc.uri, mentions });
      else byFile.delete(file);
    }
    return [...byFile.values()];
  }

  /** The workspace's files a run reads, at most `max`: as `findFiles` lists them less the exclusions, binary ones left out by name. */
  private async listFiles(max: number): Promise<vscode.Uri[]> {
    return (await vscode.workspace.findFiles('**/*', this.exclude(), max)).filter((uri) => !isBinaryPath(uri.path));
  }

  /** How the index reads a file: an open document's text, else its size on disk, then its bytes. */
  private task(uri: vscode.Uri): IndexTask {
    const maxBytes = this.maxBytes();
    return {
      file: uri.toString(),
      read: async (): Promise<FileRead> => {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (open) return { text: open.getText() };
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.type & vscode.FileType.Directory) return { skipped: 'unreadable' };
        if (stat.size > maxBytes) return { skipped: 'large' };
        return { bytes: await vscode.workspace.fs.readFile(uri) };
      },
    };
  }

  private maxBytes(): number {
    return this.settings.current.workspaceIndexMaxFileSizeKB * 1024;
  }

  /** `files.exclude` and `search.exclude` as one glob (an explicit exclude replaces the default `files.exclude`). */
  private exclude(): string | undefined {
    const files = vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude');
    const search = vscode.workspace.getConfiguration('search').get<Record<string, unknown>>('exclude');
    return excludeGlob(files, search);
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    if (this.runTimer !== undefined) clearTimeout(this.runTimer);
    if (this.updateTimer !== undefined) clearTimeout(this.updateTimer);
    for (const s of this.subscriptions) s.dispose();
    this.emitter.dispose();
  }
}

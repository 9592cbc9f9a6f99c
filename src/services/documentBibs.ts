/**
 * The `.bib` files that open LaTeX documents name (`\bibliography{refs}`, `\addbibresource{x.bib}`),
 * resolved against each document's folder as LaTeX resolves them, and the keys those files hold.
 * Shared by the cite-key diagnostics, the cite-key completion and the command that appends an
 * entry, so a file is read once per change however many of them ask.
 *
 * A `.bib` open in the editor is read from its buffer (unsaved edits count); any other from
 * disk, again only when its modification time or size changes. An edit to an open `.bib` fires
 * `onDidChange`, once per burst. No file watcher of its own: a `.bib` that a LaTeX file names is
 * a discovered library, which the library service watches, and its reload checks every open
 * document again; a write to any other is seen at the document's next check.
 */
import * as vscode from 'vscode';
import { bibFilesOfTex, bibKeys } from '../core/documentBib';
import { expandHome, isAbsolutePath } from '../core/library/discovery';
import { WHOLE_SCAN_LIMIT } from '../core/scanWindow';
import { dialectOf } from './citeTargets';
import { documentLength } from './documentMentions';

/** One `.bib` a document names: as written (with `.bib` added where BibTeX adds it), and where it is. */
export interface BibFile {
  readonly name: string;
  readonly uri: vscode.Uri;
}

/** A document's bibliography: the files it names, in order (entries are appended to the first), and every key they hold. */
export interface DocumentBibliography {
  readonly files: readonly BibFile[];
  /** The keys of all the files, lower-cased, to the key as written (see `bibKeys`). */
  readonly keys: ReadonlyMap<string, string>;
}

/** A `.bib` file's text, or that it does not exist yet. */
export interface BibText {
  readonly text: string;
  readonly exists: boolean;
}

/** How long `.bib` changes are gathered before `onDidChange` fires. */
const CHANGE_DEBOUNCE_MS = 200;

export class DocumentBibs implements vscode.Disposable {
  private readonly names = new Map<string, { version: number; files: readonly BibFile[] }>();
  private readonly keys = new Map<string, { stamp: string; keys: ReadonlyMap<string, string> }>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when an open `.bib` changes (an edit, an undo, an edit applied by Paper Lens). */
  readonly onDidChange = this.changed.event;
  private timer?: ReturnType<typeof setTimeout>;
  private readonly subscriptions: vscode.Disposable[];

  /** `home`: the user's home folder for `~` in a `\bibliography` path (undefined on the web: read as written). */
  constructor(private readonly home: string | undefined) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isBib(e.document.uri)) this.fire();
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.names.delete(doc.uri.toString());
        // A closed buffer may have held unsaved text: read the file from disk next time.
        this.keys.delete(doc.uri.toString());
      }),
    ];
  }

  /**
   * The `.bib` files a LaTeX document names, resolved against its folder; none for any other
   * language, for a document with no folder (untitled) and for one over `WHOLE_SCAN_LIMIT`.
   */
  filesOf(doc: vscode.TextDocument): readonly BibFile[] {
    if (dialectOf(doc.languageId) !== 'latex' || doc.uri.scheme !== 'file' || documentLength(doc) > WHOLE_SCAN_LIMIT) return [];
    const cached = this.names.get(doc.uri.toString());
    if (cached?.version === doc.version) return cached.files;
    const dir = vscode.Uri.joinPath(doc.uri, '..');
    const files = bibFilesOfTex(doc.getText()).map((name) => {
      const path = this.home === undefined ? name : expandHome(name, this.home);
      return { name, uri: isAbsolutePath(path) ? vscode.Uri.file(path) : vscode.Uri.joinPath(dir, path) };
    });
    this.names.set(doc.uri.toString(), { version: doc.version, files });
    return files;
  }

  /**
   * The document's bibliography, or undefined when it names no `.bib` or one of them cannot be
   * read (then no key can be said to be missing). A file that does not exist holds no keys.
   */
  async bibliographyOf(doc: vscode.TextDocument): Promise<DocumentBibliography | undefined> {
    const files = this.filesOf(doc);
    if (!files.length) return undefined;
    const all = await Promise.all(files.map((f) => this.keysOf(f.uri)));
    if (all.some((k) => k === undefined)) return undefined;
    const keys = new Map<string, string>();
    for (const map of all) for (const [lower, key] of map!) if (!keys.has(lower)) keys.set(lower, key);
    return { files, keys };
  }

  /** The text of a `.bib`: its open buffer, else the file; undefined when it exists and cannot be read. */
  async textOf(uri: vscode.Uri): Promise<BibText | undefined> {
    const open = openDocument(uri);
    if (open) return { text: open.getText(), exists: true };
    try {
      return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), exists: true };
    } catch (e) {
      return isNotFound(e) ? { text: '', exists: false } : undefined;
    }
  }

  /** The keys of one `.bib` (see `bibKeys`), read again only when it changed; undefined when it cannot be read. */
  private async keysOf(uri: vscode.Uri): Promise<ReadonlyMap<string, string> | undefined> {
    const id = uri.toString();
    const open = openDocument(uri);
    let stamp: string;
    if (open) stamp = `open:${open.version}`;
    else {
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        stamp = `disk:${stat.mtime}:${stat.size}`;
      } catch (e) {
        return isNotFound(e) ? new Map() : undefined;
      }
    }
    const cached = this.keys.get(id);
    if (cached?.stamp === stamp) return cached.keys;
    const text = await this.textOf(uri);
    if (!text) return undefined;
    const keys = bibKeys(text.text);
    this.keys.set(id, { stamp, keys });
    return keys;
  }

  private fire(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed.fire();
    }, CHANGE_DEBOUNCE_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.names.clear();
    this.keys.clear();
  }
}

function isBib(uri: vscode.Uri): boolean {
  return /\.bib$/i.test(uri.path);
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const id = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === id);
}

function isNotFound(e: unknown): boolean {
  return e instanceof vscode.FileSystemError && e.code === 'FileNotFound';
}

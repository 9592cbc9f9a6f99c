/**
 * Unknown cite keys: inside explicit citation syntax (`[@key]`, a LaTeX cite command) of a
 * Markdown or LaTeX document, a key that no known paper has gets a warning, with a quick fix
 * that opens Search Papers on it. A bare `@name` in prose (a user handle in a README) is never
 * warned about, and neither is anything in code files.
 *
 * Keys missing from the document's `.bib`: a LaTeX document that names its bibliography
 * (`\bibliography{refs}`, `\addbibresource{refs.bib}`) and cites a known paper (a bundled one,
 * or one from another library) under a key those files lack gets a warning too, with a quick
 * fix that appends the paper's BibTeX entry to the first of them (creating it if need be).
 * A warning, like an unknown key's, because the outcome is the same: LaTeX prints the citation
 * as `[?]` and warns "Citation undefined"; that the fix is one click away does not make it less
 * wrong. A key the document's `.bib` holds is never warned about, even when no library Paper
 * Lens reads has it (discovery turned off, say). When a `.bib` cannot be read, no key is said
 * to be missing from it.
 *
 * Documents are checked when they open and, debounced, as they change; those open at start a
 * moment after activation; a changed corpus (a library loaded) checks every open document again.
 */
import * as vscode from 'vscode';
import { searchWordsOfKey } from '../core/identifiers';
import { hasBibKey } from '../core/documentBib';
import { collapseWhitespace } from '../core/text';
import { CommandId, PAPER_DOCUMENTS } from '../services/contributionIds';
import { dialectOf, type CiteTargets } from '../services/citeTargets';
import type { DocumentBibs } from '../services/documentBibs';
import type { CorpusSource } from '../services/lazyCorpus';
import { Messages } from '../services/messages';
import { startSpan, type WorkMetrics } from '../services/metrics';

/** How long a document must rest after a change before it is checked again. */
const DEBOUNCE_MS = 300;
/** The diagnostics' source and code, which the quick fix recognises. */
export const DIAGNOSTIC_SOURCE = 'Paper Lens';
export const UNKNOWN_KEY_CODE = 'unknown-cite-key';
export const NOT_IN_BIB_CODE = 'cite-key-not-in-bib';

export class CiteKeyDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('paperLens.citeKeys');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Each document's latest check: an older one still reading a `.bib` does not set its result. */
  private readonly checks = new Map<string, number>();
  private checkCount = 0;

  constructor(
    private readonly corpus: CorpusSource,
    private readonly targets: CiteTargets,
    private readonly bibs: DocumentBibs,
    /** Where the checks' time goes (for the tests; shown nowhere). */
    private readonly metrics?: WorkMetrics,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((doc) => void this.check(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => this.later(e.document)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      // A `.bib` gained or lost an entry: the LaTeX documents that may name it are checked again.
      bibs.onDidChange(() => {
        for (const doc of vscode.workspace.textDocuments) if (bibs.filesOf(doc).length) void this.check(doc);
      }),
    );
  }

  /** Checks every open document (at start, and when the corpus changes). */
  checkAll(): void {
    for (const doc of vscode.workspace.textDocuments) void this.check(doc);
  }

  private later(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const waiting = this.timers.get(key);
    if (waiting) clearTimeout(waiting);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!doc.isClosed) void this.check(doc);
      }, DEBOUNCE_MS),
    );
  }

  /** The warnings for one document: set at once, or once its `.bib` files are read when it names some. */
  async check(doc: vscode.TextDocument): Promise<void> {
    const id = doc.uri.toString();
    const run = ++this.checkCount;
    this.checks.set(id, run);
    const dialect = dialectOf(doc.languageId);
    const span = startSpan();
    const explicit = dialect === 'markdown' || dialect === 'latex' ? this.targets.keysOf(doc).filter((k) => k.inBrackets) : [];
    this.metrics?.heldSince('cite-key check', span);
    // The corpus loads here only for a document that cites something: that is its first use.
    if (!explicit.length || !this.corpus.get()) {
      this.collection.delete(doc.uri);
      return;
    }
    const version = doc.version;
    const bib = this.bibs.filesOf(doc).length ? await this.bibs.bibliographyOf(doc) : undefined;
    // A newer check of this document, or an edit since (whose own check is on its way), wins.
    if (this.checks.get(id) !== run || doc.isClosed || doc.version !== version) return;
    const diagnostics: vscode.Diagnostic[] = [];
    for (const key of explicit) {
      if (bib && hasBibKey(bib.keys, key.key)) continue;
      const paper = this.targets.resolveKey(key.key);
      const range = new vscode.Range(doc.positionAt(key.start), doc.positionAt(key.end));
      let d: vscode.Diagnostic;
      if (!paper) {
        d = new vscode.Diagnostic(range, Messages.unknownCiteKey(key.key), vscode.DiagnosticSeverity.Warning);
        d.code = UNKNOWN_KEY_CODE;
      } else if (bib) {
        d = new vscode.Diagnostic(range, Messages.citeKeyNotInBib(key.key, bib.files[0].name, collapseWhitespace(paper.title)), vscode.DiagnosticSeverity.Warning);
        d.code = NOT_IN_BIB_CODE;
      } else continue;
      d.source = DIAGNOSTIC_SOURCE;
      diagnostics.push(d);
    }
    this.collection.set(doc.uri, diagnostics);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const waiting = this.timers.get(key);
    if (waiting) clearTimeout(waiting);
    this.timers.delete(key);
    this.checks.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.collection.dispose();
  }
}

/**
 * "Search Papers for ..." on an unknown key's warning; "Append BibTeX entry for KEY to refs.bib"
 * on a key missing from the document's `.bib` (the command appends it through a WorkspaceEdit,
 * so it can be undone).
 */
export class CiteKeyQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly targets: CiteTargets,
    private readonly bibs: DocumentBibs,
  ) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const key = document.getText(d.range);
      if (d.code === UNKNOWN_KEY_CODE) {
        const action = new vscode.CodeAction(Messages.searchForKey(key), vscode.CodeActionKind.QuickFix);
        action.command = { command: CommandId.searchPapers, title: Messages.searchForKey(key), arguments: [searchWordsOfKey(key)] };
        action.diagnostics = [d];
        action.isPreferred = true;
        actions.push(action);
      } else if (d.code === NOT_IN_BIB_CODE) {
        const bib = this.bibs.filesOf(document)[0];
        const paper = this.targets.resolveKey(key);
        if (!bib || !paper) continue;
        const title = Messages.appendBibEntry(key, bib.name);
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.command = { command: CommandId.appendBibEntry, title, arguments: [bib.uri.toString(), key, paper.id] };
        action.diagnostics = [d];
        action.isPreferred = true;
        actions.push(action);
      }
    }
    return actions;
  }
}

/**
 * How long after activation the documents already open are checked: checking one that cites
 * something loads the corpus, which must not happen inside `activate`.
 */
const STARTUP_CHECK_MS = 1500;

export function registerCiteKeyDiagnostics(
  diagnostics: CiteKeyDiagnostics,
  corpus: { onDidChange: vscode.Event<unknown> },
  fixes: { targets: CiteTargets; bibs: DocumentBibs },
): vscode.Disposable {
  const startup = setTimeout(() => diagnostics.checkAll(), STARTUP_CHECK_MS);
  return vscode.Disposable.from(
    { dispose: () => clearTimeout(startup) },
    corpus.onDidChange(() => diagnostics.checkAll()),
    vscode.languages.registerCodeActionsProvider(PAPER_DOCUMENTS, new CiteKeyQuickFixes(fixes.targets, fixes.bibs), { providedCodeActionKinds: CiteKeyQuickFixes.kinds }),
  );
}

/**
 * Unknown cite keys: inside explicit citation syntax (`[@key]`, a LaTeX cite command) of a
 * Markdown or LaTeX document, a key that no known paper has gets a warning, with a quick fix
 * that opens Search Papers on it. A bare `@name` in prose (a user handle in a README) is never
 * warned about, and neither is anything in code files.
 *
 * Documents are checked when they open and, debounced, as they change; those open at start a
 * moment after activation; a changed corpus (a library loaded) checks every open document again.
 */
import * as vscode from 'vscode';
import { searchWordsOfKey } from '../core/identifiers';
import { CommandId, PAPER_DOCUMENTS } from '../services/contributionIds';
import { dialectOf, type CiteTargets } from '../services/citeTargets';
import type { CorpusSource } from '../services/lazyCorpus';
import { Messages } from '../services/messages';

/** How long a document must rest after a change before it is checked again. */
const DEBOUNCE_MS = 300;
/** The diagnostics' source and code, which the quick fix recognises. */
export const DIAGNOSTIC_SOURCE = 'Paper Lens';
export const UNKNOWN_KEY_CODE = 'unknown-cite-key';

export class CiteKeyDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('paperLens.citeKeys');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly corpus: CorpusSource,
    private readonly targets: CiteTargets,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.check(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => this.later(e.document)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
    );
  }

  /** Checks every open document (at start, and when the corpus changes). */
  checkAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.check(doc);
  }

  private later(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const waiting = this.timers.get(key);
    if (waiting) clearTimeout(waiting);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!doc.isClosed) this.check(doc);
      }, DEBOUNCE_MS),
    );
  }

  /** The warnings for one document, set now. */
  check(doc: vscode.TextDocument): void {
    const dialect = dialectOf(doc.languageId);
    const explicit = dialect === 'markdown' || dialect === 'latex' ? this.targets.keysOf(doc).filter((k) => k.inBrackets) : [];
    // The corpus loads here only for a document that cites something: that is its first use.
    if (!explicit.length || !this.corpus.get()) {
      this.collection.delete(doc.uri);
      return;
    }
    const diagnostics: vscode.Diagnostic[] = [];
    for (const key of explicit) {
      if (this.targets.resolveKey(key.key)) continue;
      const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(key.start), doc.positionAt(key.end)), Messages.unknownCiteKey(key.key), vscode.DiagnosticSeverity.Warning);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = UNKNOWN_KEY_CODE;
      diagnostics.push(d);
    }
    this.collection.set(doc.uri, diagnostics);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const waiting = this.timers.get(key);
    if (waiting) clearTimeout(waiting);
    this.timers.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.collection.dispose();
  }
}

/** "Search Papers for ..." on an unknown key's warning. */
export class CiteKeyQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics
      .filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code === UNKNOWN_KEY_CODE)
      .map((d) => {
        const key = document.getText(d.range);
        const action = new vscode.CodeAction(Messages.searchForKey(key), vscode.CodeActionKind.QuickFix);
        action.command = { command: CommandId.searchPapers, title: Messages.searchForKey(key), arguments: [searchWordsOfKey(key)] };
        action.diagnostics = [d];
        action.isPreferred = true;
        return action;
      });
  }
}

/**
 * How long after activation the documents already open are checked: checking one that cites
 * something loads the corpus, which must not happen inside `activate`.
 */
const STARTUP_CHECK_MS = 1500;

export function registerCiteKeyDiagnostics(diagnostics: CiteKeyDiagnostics, corpus: { onDidChange: vscode.Event<unknown> }): vscode.Disposable {
  const startup = setTimeout(() => diagnostics.checkAll(), STARTUP_CHECK_MS);
  return vscode.Disposable.from(
    { dispose: () => clearTimeout(startup) },
    corpus.onDidChange(() => diagnostics.checkAll()),
    vscode.languages.registerCodeActionsProvider(PAPER_DOCUMENTS, new CiteKeyQuickFixes(), { providedCodeActionKinds: CiteKeyQuickFixes.kinds }),
  );
}

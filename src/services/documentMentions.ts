/**
 * Which paper mention is at a position of an open document. Shared by the hover and the search
 * command ("search for the name under the cursor"), so a document is scanned once per version
 * however many features ask.
 */
import * as vscode from 'vscode';
import { MentionCache, MentionIndex } from '../core/mentions';
import type { AmbiguousNamePolicy, Mention } from '../core/types';
import type { CorpusSource } from './lazyCorpus';
import type { SettingsSource } from './settings';
import { SettingKey } from './contributionIds';

/**
 * Documents longer than this are not scanned whole on every edit: a hover scans only the lines
 * around it (a few microseconds), cached per version and window. At the matcher's 20-40 MB/s a
 * whole-document scan of this size costs 25-50 ms, the most a hover should spend.
 */
export const WHOLE_SCAN_LIMIT = 1_000_000;
/** Lines above and below the hovered line scanned in a large document (titles wrap over lines). */
const WINDOW_LINES = 4;

export class DocumentMentions implements vscode.Disposable {
  private readonly cache: MentionCache;
  /** Large documents: the last window scanned per document, by the line it was centred on. */
  private readonly windows = new Map<string, { version: number; policy: AmbiguousNamePolicy; line: number; index: MentionIndex }>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly corpus: CorpusSource,
    private readonly settings: SettingsSource,
  ) {
    this.cache = new MentionCache(() => {
      const matcher = this.corpus.get()?.matcher;
      if (!matcher) throw new Error('unreachable: mentions are only asked for once the corpus has loaded');
      return matcher;
    });
    this.subscriptions.push(
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      settings.onDidChange((keys) => {
        if (keys.includes(SettingKey.ambiguousNames)) this.clear();
      }),
    );
  }

  /** The mention covering `offset` (start ≤ offset < end) in `doc`, if any. */
  at(doc: vscode.TextDocument, offset: number): Mention | undefined {
    if (!this.corpus.get()) return undefined;
    const policy = this.settings.current.ambiguousNames;
    const key = doc.uri.toString();
    const length = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    if (length <= WHOLE_SCAN_LIMIT) return this.cache.get(key, doc, policy).at(offset);
    return this.window(doc, key, offset, policy).at(offset);
  }

  /** Scans the lines around `offset` of a large document; offsets are mapped back to the document's. */
  private window(doc: vscode.TextDocument, key: string, offset: number, policy: AmbiguousNamePolicy): MentionIndex {
    const line = doc.positionAt(offset).line;
    const cached = this.windows.get(key);
    if (cached && cached.version === doc.version && cached.policy === policy && cached.line === line) return cached.index;
    const first = Math.max(0, line - WINDOW_LINES);
    const last = Math.min(doc.lineCount - 1, line + WINDOW_LINES);
    const range = new vscode.Range(first, 0, last, doc.lineAt(last).text.length);
    const start = doc.offsetAt(range.start);
    const found = this.corpus.get()!.matcher.find(doc.getText(range), policy);
    const index = new MentionIndex(found.map((m) => ({ ...m, start: m.start + start, end: m.end + start })));
    this.windows.set(key, { version: doc.version, policy, line, index });
    return index;
  }

  /** Forgets a document's scans (it closed). */
  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.cache.delete(key);
    this.windows.delete(key);
  }

  clear(): void {
    this.cache.clear();
    this.windows.clear();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.clear();
  }
}

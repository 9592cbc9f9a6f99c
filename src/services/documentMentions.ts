/**
 * Which paper mention is at a position of an open document. Shared by the hover and the search
 * command ("search for the name under the cursor"), so a document is scanned once per version
 * however many features ask.
 */
import * as vscode from 'vscode';
import { MentionCache, MentionIndex } from '../core/mentions';
import { mentionsInWindow, WHOLE_SCAN_LIMIT, windowAround } from '../core/scanWindow';
import type { AmbiguousNamePolicy, Mention } from '../core/types';
import type { CorpusSource } from './lazyCorpus';
import type { SettingsSource } from './settings';
import { SettingKey } from './contributionIds';

export class DocumentMentions implements vscode.Disposable {
  private readonly cache: MentionCache;
  /** Documents over `WHOLE_SCAN_LIMIT`: the last window scanned per document (see core/scanWindow.ts). */
  private readonly windows = new Map<string, { version: number; policy: AmbiguousNamePolicy; start: number; end: number; index: MentionIndex }>();
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

  /** Scans the window around `offset` of a large document; offsets are mapped back to the document's. */
  private window(doc: vscode.TextDocument, key: string, offset: number, policy: AmbiguousNamePolicy): MentionIndex {
    const window = windowAround(doc, offset);
    const cached = this.windows.get(key);
    if (cached && cached.version === doc.version && cached.policy === policy && cached.start === window.start && cached.end === window.end) return cached.index;
    const index = new MentionIndex(mentionsInWindow(this.corpus.get()!.matcher, window, policy));
    this.windows.set(key, { version: doc.version, policy, start: window.start, end: window.end, index });
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

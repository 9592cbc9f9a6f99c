/**
 * Which paper mention is at a position of an open document. Shared by the hover and the search
 * command ("search for the name under the cursor"), so a document is scanned once per version
 * however many features ask.
 *
 * - Names the user turned off ("Not this paper", `HiddenNames`) are left out of every scan.
 * - A `.bib` file is read without the braces inside words (`core/views.ts`), so a brace-protected
 *   title (`{BERT}: Pre-training ...`) is found; a notebook's cells are documents of their own.
 * - A document over `WHOLE_SCAN_LIMIT` is scanned by window around the hover. One sense per
 *   discourse still holds there: once the document has stopped changing for `SUMMARY_DELAY_MS`,
 *   its summary (`MentionMatcher.summarize`: the decision for each name it holds) is made once
 *   for that version, off the hover's path, and later windows of that version are decided by it.
 *   Until then, and above `SUMMARY_LIMIT`, a window decides on its own text.
 */
import * as vscode from 'vscode';
import { type Discourse, MentionCache, MentionIndex } from '../core/mentions';
import { mentionsInWindow, WHOLE_SCAN_LIMIT, windowAround } from '../core/scanWindow';
import type { AmbiguousNamePolicy, Mention, TextSource } from '../core/types';
import type { HiddenNamesSource } from './hiddenNames';
import type { CorpusSource } from './lazyCorpus';
import type { SettingsSource } from './settings';
import { NOTEBOOK_CELL_SCHEME, SettingKey } from './contributionIds';

/** How long a large document must stay unchanged before its summary is made. */
export const SUMMARY_DELAY_MS = 750;
/** The largest document that gets a summary: making one reads the whole text once. */
export const SUMMARY_LIMIT = 16_000_000;


interface Summary {
  readonly version: number;
  readonly policy: AmbiguousNamePolicy;
  readonly discourse: Discourse;
}

export class DocumentMentions implements vscode.Disposable {
  private readonly cache: MentionCache;
  /** Documents over `WHOLE_SCAN_LIMIT`: the last window scanned per document (see core/scanWindow.ts). */
  private readonly windows = new Map<string, { version: number; policy: AmbiguousNamePolicy; summarized: boolean; start: number; end: number; index: MentionIndex }>();
  /** Documents over `WHOLE_SCAN_LIMIT`: the summary of their latest summarized version. */
  private readonly summaries = new Map<string, Summary>();
  /** Summaries waiting for their document to stop changing. */
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly suppressed = (paperId: string, name: string) => this.hidden.isHidden(paperId, name);

  constructor(
    private readonly corpus: CorpusSource,
    private readonly settings: SettingsSource,
    private readonly hidden: HiddenNamesSource,
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
      hidden.onDidChange(() => this.clear()),
      // Mentions found with another corpus's matcher name papers that may be gone or changed.
      corpus.onDidChange(() => this.clear()),
    );
  }

  /** The mention covering `offset` (start ≤ offset < end) in `doc`, if any. */
  at(doc: vscode.TextDocument, offset: number): Mention | undefined {
    if (!this.corpus.get()) return undefined;
    const policy = this.settings.current.ambiguousNames;
    const key = doc.uri.toString();
    const length = documentLength(doc);
    const suppressed = this.hidden.size ? this.suppressed : undefined;
    if (length <= WHOLE_SCAN_LIMIT) return this.cache.get(key, sourceOf(doc), policy, suppressed).at(offset);
    return this.window(doc, key, offset, policy, length).at(offset);
  }

  /**
   * Every mention in the document (for commands that read it whole, such as Insert References):
   * the cached scan of a document up to `WHOLE_SCAN_LIMIT`, a full scan of a larger one.
   */
  all(doc: vscode.TextDocument): readonly Mention[] {
    const matcher = this.corpus.get()?.matcher;
    if (!matcher) return [];
    const policy = this.settings.current.ambiguousNames;
    const suppressed = this.hidden.size ? this.suppressed : undefined;
    const length = documentLength(doc);
    if (length <= WHOLE_SCAN_LIMIT) return this.cache.get(doc.uri.toString(), sourceOf(doc), policy, suppressed).mentions;
    return matcher.find(doc.getText(), { policy, suppressed });
  }

  /** Whether a summary for the document's current version is in place (for the tests). */
  summarized(doc: vscode.TextDocument): boolean {
    const summary = this.summaries.get(doc.uri.toString());
    return summary?.version === doc.version && summary.policy === this.settings.current.ambiguousNames;
  }

  /** Scans the window around `offset` of a large document; offsets are mapped back to the document's. */
  private window(doc: vscode.TextDocument, key: string, offset: number, policy: AmbiguousNamePolicy, length: number): MentionIndex {
    const window = windowAround(doc, offset);
    const summary = this.summaries.get(key);
    const discourse = summary?.version === doc.version && summary.policy === policy ? summary.discourse : undefined;
    if (!discourse && length <= SUMMARY_LIMIT) this.summarizeLater(doc, key);
    const cached = this.windows.get(key);
    if (
      cached &&
      cached.version === doc.version &&
      cached.policy === policy &&
      cached.summarized === !!discourse &&
      cached.start === window.start &&
      cached.end === window.end
    ) {
      return cached.index;
    }
    const suppressed = this.hidden.size ? this.suppressed : undefined;
    const index = new MentionIndex(mentionsInWindow(this.corpus.get()!.matcher, window, policy, discourse, suppressed));
    this.windows.set(key, { version: doc.version, policy, summarized: !!discourse, start: window.start, end: window.end, index });
    return index;
  }

  /** Makes the document's summary once it has stayed at one version for `SUMMARY_DELAY_MS`. */
  private summarizeLater(doc: vscode.TextDocument, key: string): void {
    const waiting = this.pending.get(key);
    if (waiting) clearTimeout(waiting);
    const version = doc.version;
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        const matcher = this.corpus.get()?.matcher;
        if (!matcher || doc.isClosed || doc.version !== version) return;
        const policy = this.settings.current.ambiguousNames;
        this.summaries.set(key, { version, policy, discourse: matcher.summarize(doc.getText(), policy) });
      }, SUMMARY_DELAY_MS),
    );
  }

  /** Forgets a document's scans (it closed). */
  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.cache.delete(key);
    this.windows.delete(key);
    this.summaries.delete(key);
    const waiting = this.pending.get(key);
    if (waiting) clearTimeout(waiting);
    this.pending.delete(key);
  }

  clear(): void {
    this.cache.clear();
    this.windows.clear();
    this.summaries.clear();
    for (const waiting of this.pending.values()) clearTimeout(waiting);
    this.pending.clear();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.clear();
  }
}

/** A document's length in UTF-16 code units, without copying its text. */
export function documentLength(doc: vscode.TextDocument): number {
  return doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
}

/** A document as the core reads it: with its file name, except for a notebook cell (whose name is the notebook's). */
function sourceOf(doc: vscode.TextDocument): TextSource {
  const getText = () => doc.getText();
  return doc.uri.scheme === NOTEBOOK_CELL_SCHEME ? { version: doc.version, getText } : { version: doc.version, fileName: doc.fileName, getText };
}

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
 *   its summary (the decision for each name its statements settle) is brought up to date part by
 *   part (`core/discourseParts.ts`), one part of about 64K characters per turn of the event
 *   loop, off the hover's path; later windows of that version are decided by it. After an edit
 *   only the parts the edit touched are read again. Until the summary is made, a window decides
 *   on its own text.
 * - A document over `paperLens.maxDocumentSizeMB` is skipped: no mentions at all.
 */
import * as vscode from 'vscode';
import { DiscourseParts, type PartReader } from '../core/discourseParts';
import { type Discourse, MentionCache, MentionIndex } from '../core/mentions';
import { mentionsInWindow, WHOLE_SCAN_LIMIT, windowAround } from '../core/scanWindow';
import type { AmbiguousNamePolicy, Mention, TextSource } from '../core/types';
import type { SuppressedNamesSource } from './suppressedNames';
import type { CorpusSource } from './lazyCorpus';
import { startSpan, type WorkMetrics } from './metrics';
import { MB_CHARS, type SettingsSource } from './settings';
import { NOTEBOOK_CELL_SCHEME, SettingKey } from './contributionIds';

/** How long a large document must stay unchanged before its summary is brought up to date. */
export const SUMMARY_DELAY_MS = 750;

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
  /** Documents over `WHOLE_SCAN_LIMIT` whose summary is kept: its parts, following every edit, and the next step. */
  private readonly parted = new Map<string, Parted>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly corpus: CorpusSource,
    private readonly settings: SettingsSource,
    private readonly suppressedNames: SuppressedNamesSource,
    private readonly metrics: WorkMetrics,
  ) {
    this.cache = new MentionCache(() => {
      const matcher = this.corpus.get()?.matcher;
      if (!matcher) throw new Error('unreachable: mentions are only asked for once the corpus has loaded');
      return matcher;
    });
    this.subscriptions.push(
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      vscode.workspace.onDidChangeTextDocument((e) => this.edited(e)),
      settings.onDidChange((keys) => {
        if (keys.includes(SettingKey.ambiguousNames)) this.clear();
      }),
      suppressedNames.onDidChange(() => this.clear()),
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
    if (overSizeLimit(length, this.settings, this.metrics)) return undefined;
    const suppressed = this.suppressedNames.suppressor();
    if (length <= WHOLE_SCAN_LIMIT) return this.cache.get(key, sourceOf(doc), policy, suppressed).at(offset);
    return this.window(doc, key, offset, policy).at(offset);
  }

  /**
   * Every mention in the document (for commands that read it whole, such as Insert References):
   * the cached scan of a document up to `WHOLE_SCAN_LIMIT`, a full scan of a larger one.
   */
  all(doc: vscode.TextDocument): readonly Mention[] {
    const matcher = this.corpus.get()?.matcher;
    if (!matcher) return [];
    const policy = this.settings.current.ambiguousNames;
    const suppressed = this.suppressedNames.suppressor();
    const length = documentLength(doc);
    if (overSizeLimit(length, this.settings, this.metrics)) return [];
    if (length <= WHOLE_SCAN_LIMIT) return this.cache.get(doc.uri.toString(), sourceOf(doc), policy, suppressed).mentions;
    return matcher.find(doc.getText(), { policy, suppressed });
  }

  /** Whether a summary for the document's current version is in place (for the tests). */
  summarized(doc: vscode.TextDocument): boolean {
    const summary = this.summaries.get(doc.uri.toString());
    return summary?.version === doc.version && summary.policy === this.settings.current.ambiguousNames;
  }

  /** Scans the window around `offset` of a large document; offsets are mapped back to the document's. */
  private window(doc: vscode.TextDocument, key: string, offset: number, policy: AmbiguousNamePolicy): MentionIndex {
    this.metrics.windowLookups++;
    const window = windowAround(doc, offset);
    const summary = this.summaries.get(key);
    const discourse = summary?.version === doc.version && summary.policy === policy ? summary.discourse : undefined;
    if (!discourse) this.summarize(doc, key, policy);
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
    const suppressed = this.suppressedNames.suppressor();
    const index = new MentionIndex(mentionsInWindow(this.corpus.get()!.matcher, window, policy, discourse, suppressed));
    this.metrics.windowScanned(window.text.length);
    this.windows.set(key, { version: doc.version, policy, summarized: !!discourse, start: window.start, end: window.end, index });
    return index;
  }

  /**
   * Keeps the document's summary from now on: its parts are made (or kept, following edits) and
   * brought up to date once the document has stayed at one version for `SUMMARY_DELAY_MS`.
   */
  private summarize(doc: vscode.TextDocument, key: string, policy: AmbiguousNamePolicy): void {
    const matcher = this.corpus.get()?.matcher;
    if (!matcher) return;
    let p = this.parted.get(key);
    if (p && p.parts.policy !== policy) {
      this.stop(p);
      p = undefined;
    }
    if (!p) {
      p = { doc, parts: new DiscourseParts(matcher, policy), run: newRun() };
      this.parted.set(key, p);
    }
    if (!p.timer) this.later(key, p);
  }

  /** An edit of a document whose summary is kept: its parts follow, and the summary waits again. */
  private edited(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const p = this.parted.get(key);
    if (!p || !e.contentChanges.length) return;
    const span = startSpan();
    for (const c of e.contentChanges) p.parts.edit(c.rangeOffset, c.rangeLength, c.text.length);
    p.run = newRun();
    this.later(key, p);
    this.metrics.heldSince('edit', span);
  }

  private later(key: string, p: Parted): void {
    if (p.timer) clearTimeout(p.timer);
    p.timer = setTimeout(() => this.step(key, p), SUMMARY_DELAY_MS);
  }

  /**
   * One part of the summary, then the next on a later turn of the event loop (a hover waits for
   * one part's scan at most), until the summary is made for the document's current version.
   */
  private step(key: string, p: Parted): void {
    p.timer = undefined;
    const { doc } = p;
    if (doc.isClosed || this.parted.get(key) !== p) return;
    const span = startSpan();
    if (p.run.first === undefined) p.run.first = span.start;
    const length = documentLength(doc);
    // Over the limit now (an edit made it so): the summary is dropped, and made again if it shrinks.
    if (overSizeLimit(length, this.settings)) {
      this.parted.delete(key);
      return;
    }
    const chars = p.parts.step(documentReader(doc, length));
    const ms = this.metrics.heldSince('summary step', span);
    p.run.chars += chars;
    p.run.steps++;
    p.run.longest = Math.max(p.run.longest, ms);
    this.metrics.summaryChars += chars;
    this.metrics.summarySteps++;
    const discourse = p.parts.done(length) ? p.parts.discourse() : undefined;
    if (discourse) {
      this.summaries.set(key, { version: doc.version, policy: p.parts.policy, discourse });
      this.metrics.lastSummary = { uri: key, version: doc.version, chars: p.run.chars, steps: p.run.steps, longestStepMs: p.run.longest, ms: performance.now() - p.run.first };
      return;
    }
    p.timer = setTimeout(() => this.step(key, p), 0);
  }

  private stop(p: Parted): void {
    if (p.timer) clearTimeout(p.timer);
    p.timer = undefined;
  }

  /** Forgets a document's scans (it closed). */
  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.cache.delete(key);
    this.windows.delete(key);
    this.summaries.delete(key);
    const p = this.parted.get(key);
    if (p) this.stop(p);
    this.parted.delete(key);
  }

  clear(): void {
    this.cache.clear();
    this.windows.clear();
    this.summaries.clear();
    for (const p of this.parted.values()) this.stop(p);
    this.parted.clear();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.clear();
  }
}

/** A large document's summary in the making: its parts, the next step, and the work since the last edit. */
interface Parted {
  readonly doc: vscode.TextDocument;
  readonly parts: DiscourseParts;
  timer?: ReturnType<typeof setTimeout>;
  run: { first?: number; chars: number; steps: number; longest: number };
}

function newRun(): Parted['run'] {
  return { chars: 0, steps: 0, longest: 0 };
}

/** The document as the summary's parts read it: by offsets, a part at a time. */
function documentReader(doc: vscode.TextDocument, length: number): PartReader {
  return { length, read: (start, end) => doc.getText(new vscode.Range(doc.positionAt(start), doc.positionAt(end))) };
}

/**
 * Whether a document of `length` characters is over `paperLens.maxDocumentSizeMB`, so that Paper
 * Lens leaves it alone (counted in `metrics` when given).
 */
export function overSizeLimit(length: number, settings: SettingsSource, metrics?: WorkMetrics): boolean {
  const over = length > settings.current.maxDocumentSizeMB * MB_CHARS;
  if (over && metrics) metrics.skipped++;
  return over;
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

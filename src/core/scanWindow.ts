/**
 * The part of a large document that a hover scans. A document up to `WHOLE_SCAN_LIMIT` is
 * scanned whole, once per version; a larger one only around the hovered offset, so the cost of a
 * hover is bounded whatever the document's size or the length of its lines (a minified bundle
 * can be one 5 MB line).
 *
 * The window rule, for a hover at `offset`:
 * - lines: the hovered line and `WINDOW_LINES` lines above and below it (titles wrap over lines);
 * - characters: the `WINDOW_BLOCK`-sized block holding `offset` (blocks start at multiples of
 *   `WINDOW_BLOCK`) and `WINDOW_MARGIN` characters each side of it, so every hover within one
 *   block gets the same window and the same cached scan;
 * - the window is the overlap of the two. Where it cuts into a line, the cut moves inwards to a
 *   word boundary (and never splits a surrogate pair), so a name at the edge is whole or absent.
 *
 * The hovered offset lies at least `WINDOW_MARGIN` characters from any cut into a line (less
 * the part of a word a cut drops), and the rules that say whether a name stands where it is
 * found (a whole word, not code, not in a code span) read at most `CODE_SPAN_REACH` (1,000)
 * characters before it and a few hundred after it. So a distinctive name covering the offset,
 * if it is shorter than about 3,000 characters (the longest title is a few hundred), is found in
 * the window as a scan of the whole document finds it. (Only a chain of overlapping names
 * reaching all the way from a cut to the offset could make the two differ: where names overlap,
 * the one that starts first wins.) A collision-prone name is decided on evidence that reaches
 * further (its paragraph and section, and with one sense per discourse the whole text; see
 * evidence.ts): in a window it is decided on the window's text, unless the document's summary
 * (`MentionMatcher.summarize`, once per version) is passed as `discourse`.
 */
import { type Discourse, type FindOptions, isWordCode, type MentionMatcher } from './mentions';
import type { AmbiguousNamePolicy, Mention } from './types';

/** Documents up to this length are scanned whole; at the matcher's 20-40 MB/s that is 25-50 ms. */
export const WHOLE_SCAN_LIMIT = 1_000_000;
/** Lines above and below the hovered line in a window. */
export const WINDOW_LINES = 4;
/** Windows are aligned on blocks of this many characters, so nearby hovers share one. */
export const WINDOW_BLOCK = 4096;
/** Characters a window reaches beyond the hovered block on each side. */
export const WINDOW_MARGIN = 4096;

/**
 * What the window reads of a document: a subset of `vscode.TextDocument`, which satisfies it as
 * it is. Only positions the document made are handed back to it (VS Code accepts no others).
 */
export interface LinedDocument<P extends { readonly line: number }> {
  readonly lineCount: number;
  positionAt(offset: number): P;
  offsetAt(position: P): number;
  lineAt(line: number): {
    /** The line's text without its line break. */
    readonly text: string;
    readonly range: { readonly start: P; readonly end: P };
    readonly rangeIncludingLineBreak: { readonly end: P };
  };
}

/** A part of a document: offsets [start, end) and the text between them. */
export interface ScanWindow {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

interface LineSpan {
  readonly text: string;
  readonly start: number;
  /** End of the line's text. */
  readonly end: number;
  /** Start of the next line (after the line break). */
  readonly next: number;
}

/** The window a hover at `offset` scans (see the rule above). */
export function windowAround<P extends { readonly line: number }>(doc: LinedDocument<P>, offset: number): ScanWindow {
  const position = doc.positionAt(offset);
  const at = doc.offsetAt(position); // clamped into the document
  const first = Math.max(0, position.line - WINDOW_LINES);
  const last = Math.min(doc.lineCount - 1, position.line + WINDOW_LINES);
  const spans: LineSpan[] = [];
  for (let line = first; line <= last; line++) {
    const l = doc.lineAt(line);
    spans.push({ text: l.text, start: doc.offsetAt(l.range.start), end: doc.offsetAt(l.range.end), next: doc.offsetAt(l.rangeIncludingLineBreak.end) });
  }
  const linesStart = spans[0].start;
  const linesEnd = spans[spans.length - 1].end;
  const block = at - (at % WINDOW_BLOCK);
  let start = Math.max(linesStart, block - WINDOW_MARGIN);
  let end = Math.min(linesEnd, block + WINDOW_BLOCK + WINDOW_MARGIN);
  // Where the window cuts into a line, read one character more to see what the cut splits.
  const from = start > linesStart ? start - 1 : start;
  const to = end < linesEnd ? end + 1 : end;
  const text = textOf(spans, from, to);
  const code = (o: number) => text.charCodeAt(o - from);
  if (start > linesStart) {
    if (isHighSurrogate(code(start - 1)) && isLowSurrogate(code(start))) start++;
    else if (isWordCode(code(start - 1))) while (start < end && isWordCode(code(start))) start++;
  }
  if (end < linesEnd && end > start) {
    if (isHighSurrogate(code(end - 1)) && isLowSurrogate(code(end))) end--;
    else if (isWordCode(code(end))) while (end > start && isWordCode(code(end - 1))) end--;
  }
  return { start, end, text: text.slice(start - from, end - from) };
}

/**
 * The mentions in a window, at their offsets in the whole document. `discourse`, the document's
 * summary (`MentionMatcher.summarize`), decides collision-prone names as in the whole document.
 */
export function mentionsInWindow(matcher: MentionMatcher, window: ScanWindow, policy: AmbiguousNamePolicy, discourse?: Discourse, suppressed?: FindOptions['suppressed']): Mention[] {
  return matcher.find(window.text, { policy, discourse, suppressed }).map((m) => ({ ...m, start: m.start + window.start, end: m.end + window.start }));
}

/**
 * The text between two offsets, from line texts and line-break lengths: a break of two
 * characters is `\r\n`, of one `\n` (VS Code keeps one or the other in a document).
 */
function textOf(spans: readonly LineSpan[], from: number, to: number): string {
  let out = '';
  for (const s of spans) {
    if (s.end > from && s.start < to) out += s.text.slice(Math.max(from, s.start) - s.start, Math.min(to, s.end) - s.start);
    if (s.next > s.end && s.next > from && s.end < to) {
      const eol = s.next - s.end === 2 ? '\r\n' : '\n';
      out += eol.slice(Math.max(from, s.end) - s.end, Math.min(to, s.next) - s.end);
    }
  }
  return out;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** A position in an `InMemoryDocument`: 0-based line and UTF-16 character. */
export interface LinePosition {
  readonly line: number;
  readonly character: number;
}

/**
 * A `LinedDocument` over a string, read as VS Code reads one: lines end at `\r\n`, `\n` or `\r`,
 * and, as VS Code's text model does when it loads text, every line break is then rewritten to
 * the document's one line ending (`\r\n` if more than half of the breaks hold a `\r`, else
 * `\n`), which `text` holds; a position's character is clamped to its line's length; asking for
 * a line that does not exist throws. For the tests and the benchmark.
 */
export class InMemoryDocument implements LinedDocument<LinePosition> {
  /** The document's text, its line breaks made one kind as VS Code makes them. */
  readonly text: string;
  /** Where each line starts. */
  private readonly starts: number[] = [0];
  /** Where each line's text ends (before its line break). */
  private readonly ends: number[] = [];

  constructor(text: string) {
    this.text = text = withOneLineEnding(text);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 || c === 10) {
        this.ends.push(i);
        if (c === 13) i++; // every \r now starts a \r\n
        this.starts.push(i + 1);
      }
    }
    this.ends.push(text.length);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): LinePosition {
    const o = Math.max(0, Math.min(this.text.length, Math.floor(offset)));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: Math.min(o, this.ends[lo]) - this.starts[lo] };
  }

  offsetAt(position: LinePosition): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    return start + Math.max(0, Math.min(position.character, this.ends[position.line] - start));
  }

  lineAt(line: number): ReturnType<LinedDocument<LinePosition>['lineAt']> {
    if (!(Number.isInteger(line) && line >= 0 && line < this.starts.length)) throw new RangeError(`no line ${line} in a document of ${this.starts.length} lines`);
    const length = this.ends[line] - this.starts[line];
    const last = line === this.starts.length - 1;
    return {
      text: this.text.slice(this.starts[line], this.ends[line]),
      range: { start: { line, character: 0 }, end: { line, character: length } },
      rangeIncludingLineBreak: { end: last ? { line, character: length } : { line: line + 1, character: 0 } },
    };
  }
}

/**
 * `text` with every line break made the same, as VS Code's text model loads text: `\r\n` if
 * more than half of the breaks (`\r\n`, `\r` or `\n`) hold a `\r`, else `\n`. A document
 * in VS Code never mixes line endings, and `windowAround` relies on that.
 */
function withOneLineEnding(text: string): string {
  const breaks = text.match(/\r\n|\r|\n/g);
  if (!breaks) return text;
  const eol = breaks.filter((b) => b !== '\n').length > breaks.length / 2 ? '\r\n' : '\n';
  return text.replace(/\r\n|\r|\n/g, eol);
}

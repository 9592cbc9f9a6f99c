/**
 * Views of a file's text for the scanner, each with a map back into the file, so that mentions
 * are reported at their place in the file:
 * - Jupyter notebooks (`.ipynb`): the text of their cells, markdown and code alike. The JSON
 *   structure is read with `jsonc-parser` (VS Code's own), which reports where each string
 *   literal stands; decoding a literal's escapes (`\n`, `\"`, `\u00e9`) while keeping each
 *   character's place is ours, since no parser returns positions inside a string.
 * - BibTeX (`.bib`): the text without the braces that protect letters inside a word
 *   (`{LAION}-5{B}` reads `{LAION}-5B}`); braces around words stay, and the scanner reads
 *   them as nothing between words (`{BERT}: Pre-training`).
 */
import { visit } from 'jsonc-parser';
import type { FindOptions, MentionMatcher } from './mentions';
import { CH_UNDERSCORE, CH_WORD, charClass } from './text';
import type { Mention } from './types';

/** A text made from a file, and where each of its UTF-16 code units stands in the file. */
export interface TextView {
  readonly text: string;
  /** `starts[k]`: offset in the file of the character (or escape) that gives code unit k of `text`. */
  readonly starts: Int32Array;
  /** `ends[k]`: offset in the file just after it. */
  readonly ends: Int32Array;
}

/** The cells' sources of a notebook; cells are separated by a blank line, so no name spans two. */
export type NotebookText = TextView;

/** A file offset range for [start, end) of a view's text (end exclusive). */
export function fileRange(view: TextView, start: number, end: number): { start: number; end: number } {
  return { start: view.starts[start], end: view.ends[Math.max(start, end - 1)] };
}

/** The view of a file that its name calls for: a notebook's cells, BibTeX without inner braces, or undefined (the text as it is). */
export function viewOf(fileName: string, text: string): TextView | undefined {
  if (/\.ipynb$/i.test(fileName)) return notebookText(text);
  if (/\.bib$/i.test(fileName)) return bibtexView(text);
  return undefined;
}

/**
 * The mentions in a file's text, read through the view its name calls for (`viewOf`), at their
 * offsets in the file and with the file's text at those offsets. Without a name, or for a file
 * that needs no view, the text is scanned as it is.
 */
export function mentionsInFile(matcher: MentionMatcher, fileName: string | undefined, text: string, options: FindOptions): Mention[] {
  const view = fileName === undefined ? undefined : viewOf(fileName, text);
  if (!view) return matcher.find(text, options);
  return matcher.find(view.text, options).map((m) => {
    const { start, end } = fileRange(view, m.start, m.end);
    return { ...m, start, end, text: text.slice(start, end) };
  });
}

function isWordChar(c: number): boolean {
  return (charClass(c) & (CH_WORD | CH_UNDERSCORE)) !== 0;
}

/** BibTeX without the braces that stand inside a word (`5{B}`, `{B}ERT`): between a word character and another, or a brace that is. */
export function bibtexView(text: string): TextView {
  const starts: number[] = [];
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 125) {
      // Inside a word: a word character before it, and one after it (past other braces).
      let after = i + 1;
      while (text.charCodeAt(after) === 123 || text.charCodeAt(after) === 125) after++;
      let before = i - 1;
      while (before >= 0 && (text.charCodeAt(before) === 123 || text.charCodeAt(before) === 125)) before--;
      if (before >= 0 && after < text.length && isWordChar(text.charCodeAt(before)) && isWordChar(text.charCodeAt(after))) continue;
    }
    out += text.charAt(i);
    starts.push(i);
  }
  const s = Int32Array.from(starts);
  return { text: out, starts: s, ends: s.map((x) => x + 1) };
}

/**
 * The sources of a notebook's cells (`cells[i].source`, a string or a list of strings), or
 * undefined when the text is not a notebook. Outputs and metadata are not read.
 */
export function notebookText(json: string): NotebookText | undefined {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let lastCell = -1;
  let cells = 0;
  visit(json, {
    onLiteralValue(value: unknown, offset: number, length: number, _line: number, _column: number, path: () => Array<string | number>) {
      if (typeof value !== 'string') return;
      const p = path();
      if (p[0] !== 'cells' || typeof p[1] !== 'number' || p[2] !== 'source') return;
      if (p[1] !== lastCell) {
        if (lastCell >= 0) {
          // A blank line between cells, standing at the start of the next cell's source.
          text += '\n\n';
          starts.push(offset, offset);
          ends.push(offset, offset);
        }
        lastCell = p[1];
        cells++;
      }
      const raw = json.slice(offset, offset + length);
      decodeInto(raw, offset, (unit, from, to) => {
        text += String.fromCharCode(unit);
        starts.push(from);
        ends.push(to);
      });
    },
  });
  if (!cells && !/"cells"\s*:/.test(json)) return undefined;
  return { text, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

const SIMPLE_ESCAPES: Record<string, number> = { '"': 34, '\\': 92, '/': 47, b: 8, f: 12, n: 10, r: 13, t: 9 };

/** Decodes a JSON string literal (with its quotes) at `offset`, giving each code unit and its place. */
function decodeInto(raw: string, offset: number, emit: (unit: number, from: number, to: number) => void): void {
  const end = raw.endsWith('"') && raw.length > 1 ? raw.length - 1 : raw.length;
  for (let i = 1; i < end; ) {
    const c = raw.charCodeAt(i);
    if (c !== 92) {
      emit(c, offset + i, offset + i + 1);
      i++;
      continue;
    }
    const e = raw.charAt(i + 1);
    if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
      emit(parseInt(raw.slice(i + 2, i + 6), 16), offset + i, offset + i + 6);
      i += 6;
    } else if (e in SIMPLE_ESCAPES) {
      emit(SIMPLE_ESCAPES[e], offset + i, offset + i + 2);
      i += 2;
    } else {
      // A malformed escape: keep the backslash as written.
      emit(c, offset + i, offset + i + 1);
      i++;
    }
  }
}

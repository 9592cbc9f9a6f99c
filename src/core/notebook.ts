/**
 * Jupyter notebooks (`.ipynb`): the text of their cells, with a map back into the file, so that
 * names are found in markdown and code cells alike and reported at their place in the JSON.
 *
 * The JSON structure is read with `jsonc-parser` (VS Code's own), which reports where each
 * string literal stands in the file; decoding a literal's escapes (`\n`, `\"`, `\u00e9`) while
 * keeping each character's place is ours, since no parser returns positions inside a string.
 */
import { visit } from 'jsonc-parser';

/** The cells' sources as one text, and where each of its UTF-16 code units stands in the file. */
export interface NotebookText {
  /** Every cell's source, in order; cells are separated by a blank line, so no name spans two. */
  readonly text: string;
  /** `starts[k]`: offset in the file of the escape or character that gives code unit k of `text`. */
  readonly starts: Int32Array;
  /** `ends[k]`: offset in the file just after it. */
  readonly ends: Int32Array;
}

/** A file offset range for [start, end) of a `NotebookText`'s text (end exclusive). */
export function fileRange(nb: NotebookText, start: number, end: number): { start: number; end: number } {
  return { start: nb.starts[start], end: nb.ends[Math.max(start, end - 1)] };
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

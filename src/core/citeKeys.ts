/**
 * Citation keys written in a document: Pandoc's `@key` and `[see @key, p. 3; -@other]`, and
 * LaTeX's `\cite{a,b}` family (natbib and biblatex). Written here rather than taken from a
 * library: the Markdown and LaTeX parsers that know citations build whole syntax trees, while
 * the editor needs only key spans, in one linear pass over any text (a minified line included),
 * with the distinction that decides warnings: a key in explicit citation syntax (`inBrackets`)
 * versus a bare `@name` in prose, which may be a user handle and is never warned about.
 *
 * Rules (after Pandoc's manual and the natbib/biblatex documentation):
 * - A Pandoc key starts with a letter, digit or `_` and goes on with those and the internal
 *   punctuation `: . # $ % & - + ? < > ~ /`, each followed by a letter, digit or `_`, so trailing
 *   punctuation (`@doe99.`, `@doe99:`) is not part of it. `@{any key}` takes the braces' text.
 * - `@` after a letter, digit or `_` is not a citation (an e-mail address, `user@host`).
 * - `[...]` is a citation when every `;`-separated item holds one key, optionally after a
 *   prefix and `-` (suppress author) and before a locator; `[@key](url)` and `[@key][ref]` are
 *   links, and `[@key]: url` opening a line defines one: none of them is a citation.
 * - Outside brackets, `@key(` is a call or decorator (`@app.route("/")`) and an `@name` alone on
 *   its line is a decorator (`@property`): neither is a key.
 * - Markdown code spans and fenced code blocks are skipped; in LaTeX, `%` comments are.
 */

/** What kind of text is scanned; decides which syntaxes count. */
export type CiteDialect =
  /** Pandoc citations, bare `@key` in prose, and LaTeX cite commands (raw TeX in Markdown); code spans and fences skipped. */
  | 'markdown'
  /** LaTeX cite commands only; `%` comments skipped. */
  | 'latex'
  /** Source code: explicit syntax only (`[@key]`, `\cite{key}`), never a bare `@name` (decorators, `@param`). */
  | 'code';

/** One key of a citation. Offsets are UTF-16, end exclusive, into the scanned text. */
export interface CiteKey {
  readonly key: string;
  /** The key itself: `text.slice(start, end) === key` (inside `@{...}`, the braces' text). */
  readonly start: number;
  readonly end: number;
  /**
   * True inside explicit citation syntax (`[@key]`, a LaTeX cite command): an unknown key
   * there deserves a warning. False for a bare `@key` in prose, which may be a user handle.
   */
  readonly inBrackets: boolean;
  readonly syntax: 'pandoc' | 'latex';
  /** The whole citation the key belongs to (`[...]`, `\cite[...]{...}`, or the bare `@key`). */
  readonly citationStart: number;
  readonly citationEnd: number;
  /** Pandoc `-@key`: the author is left out. */
  readonly suppressAuthor: boolean;
  /**
   * Text before the key (Pandoc: the item's prefix; LaTeX: the prenote, given to the command's
   * first key), trimmed; absent when there is none.
   */
  readonly prefix?: string;
  /** Text after the key (Pandoc: the item's locator or suffix; LaTeX: the postnote, given to the last key). */
  readonly locator?: string;
  /** The LaTeX command without its backslash, star included (`citep*`). */
  readonly command?: string;
}

/**
 * LaTeX commands whose braces hold keys: natbib, biblatex and plain LaTeX. The `...s` forms
 * (`\autocites{a}{b}`) are multicite commands that take several key groups.
 */
const LATEX_CITE_COMMANDS = new Set(
  [
    'cite', 'Cite', 'nocite', 'citep', 'Citep', 'citet', 'Citet', 'citealp', 'Citealp', 'citealt', 'Citealt',
    'citeauthor', 'Citeauthor', 'citeyear', 'citeyearpar', 'citenum', 'citetitle', 'citedate', 'citeurl',
    'parencite', 'Parencite', 'textcite', 'Textcite', 'autocite', 'Autocite', 'footcite', 'footcitetext',
    'smartcite', 'Smartcite', 'supercite', 'fullcite', 'footfullcite',
    'cites', 'Cites', 'parencites', 'Parencites', 'textcites', 'Textcites', 'autocites', 'Autocites',
    'footcites', 'footcitetexts', 'smartcites', 'Smartcites', 'supercites',
  ],
);

/**
 * The longest argument (`[note]`, `{keys}`, `@{key}`) looked at. An unclosed bracket is thus
 * given up after a bounded look, which keeps the scan linear on hostile text.
 */
const MAX_ARGUMENT = 2000;

const NON_ASCII_KEY_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** A letter, digit, mark or `_`: what a key starts with and what must follow its punctuation. */
function isKeyWordChar(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return c < 0xd800 || c > 0xdfff ? NON_ASCII_KEY_CHAR.test(String.fromCharCode(c)) : false;
}

/** Pandoc's internal key punctuation: `: . # $ % & - + ? < > ~ /`. */
function isKeyPunct(c: number): boolean {
  return c === 58 || c === 46 || c === 35 || c === 36 || c === 37 || c === 38 || c === 45 || c === 43 || c === 63 || c === 60 || c === 62 || c === 126 || c === 47;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

/** The end of a Pandoc key starting at `i` (a key character), punctuation inside only. */
function keyEnd(text: string, i: number): number {
  const n = text.length;
  let j = i;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (isKeyWordChar(c)) j++;
    else if (isKeyPunct(c) && j + 1 < n && isKeyWordChar(text.charCodeAt(j + 1))) j += 2;
    else break;
  }
  return j;
}

/** A Pandoc `@key` or `@{key}` at `at` (the `@`): the key's span, or undefined. */
function pandocKeyAt(text: string, at: number, limit: number): { start: number; end: number; after: number } | undefined {
  if (at > 0 && isKeyWordChar(text.charCodeAt(at - 1))) return undefined;
  const first = text.charCodeAt(at + 1);
  if (first === 123 /* { */) {
    const stop = Math.min(limit, at + MAX_ARGUMENT);
    let close = at + 2;
    while (close < stop && text.charCodeAt(close) !== 125 && text.charCodeAt(close) !== 123 && text.charCodeAt(close) !== 10) close++;
    if (close >= stop || text.charCodeAt(close) !== 125 || close === at + 2) return undefined;
    return { start: at + 2, end: close, after: close + 1 };
  }
  if (at + 1 >= limit || !isKeyWordChar(first)) return undefined;
  const end = Math.min(keyEnd(text, at + 1), limit);
  return { start: at + 1, end, after: end };
}

/** Options beyond the dialect, for callers that know more. */
export interface CiteKeyOptions {
  /** Report bare `@key` in prose (default: true for Markdown, never for the others). */
  readonly bare?: boolean;
}

/** Every citation key in `text`, in order of position. Linear in the text's length. */
export function findCiteKeys(text: string, dialect: CiteDialect = 'markdown', options: CiteKeyOptions = {}): CiteKey[] {
  const out: CiteKey[] = [];
  const n = text.length;
  const markdown = dialect !== 'latex';
  const bare = dialect === 'markdown' && options.bare !== false;
  // Where each backtick run's code span closes, found for every run at once (on the first backtick).
  let spans: CodeSpans | undefined;
  const closers = new NextCloser(text);
  let lineStart = true;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      i++;
      continue;
    }
    if (lineStart) {
      lineStart = false;
      if (markdown) {
        const fenceEnd = skipFence(text, i);
        if (fenceEnd > i) {
          i = fenceEnd;
          continue;
        }
      }
    }
    if (c === 96 /* ` */ && markdown) {
      i = (spans ??= new CodeSpans(text)).skip(i);
      continue;
    }
    if (c === 37 /* % */ && dialect === 'latex' && !escaped(text, i)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      continue;
    }
    if (c === 92 /* \ */) {
      const next = latexCitation(text, i, out, closers);
      i = next > i ? next : i + 1;
      continue;
    }
    if (c === 91 /* [ */ && markdown) {
      const next = pandocBrackets(text, i, out);
      i = next > i ? next : i + 1;
      continue;
    }
    if (c === 64 /* @ */ && bare) {
      const k = pandocKeyAt(text, i, n);
      if (k && !decoratorLike(text, i, k.after)) {
        out.push({ key: text.slice(k.start, k.end), start: k.start, end: k.end, inBrackets: false, syntax: 'pandoc', citationStart: i, citationEnd: k.after, suppressAuthor: false });
        i = k.after;
        continue;
      }
    }
    i++;
  }
  return out;
}

/** Whether the character at `i` follows an odd run of backslashes (`\%` is a percent sign). */
function escaped(text: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && text.charCodeAt(k) === 92) k--;
  return (i - 1 - k) % 2 === 1;
}

/** A bare `@name` that reads as code: `@name(` or alone on its line (after indentation). */
function decoratorLike(text: string, at: number, after: number): boolean {
  if (text.charCodeAt(after) === 40 /* ( */) return true;
  let k = at - 1;
  while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  if (k >= 0 && text.charCodeAt(k) !== 10) return false;
  return blankToLineEnd(text, after) >= 0;
}

/**
 * Where the line holding `from` ends (its line feed, or the end of the text) when nothing but
 * spaces, tabs and a CR stands from `from` to there; -1 when something else does.
 */
function blankToLineEnd(text: string, from: number): number {
  let j = from;
  while (j < text.length && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 13)) j++;
  return j >= text.length || text.charCodeAt(j) === 10 ? j : -1;
}

/** If a fenced code block opens at line start `i` (``` or ~~~, up to 3 spaces in), the offset after it; else `i`. */
function skipFence(text: string, i: number): number {
  let j = i;
  while (j < i + 3 && text.charCodeAt(j) === 32) j++;
  const ch = text.charCodeAt(j);
  if (ch !== 96 && ch !== 126) return i;
  let len = 0;
  while (text.charCodeAt(j + len) === ch) len++;
  if (len < 3) return i;
  const fence = String.fromCharCode(ch).repeat(len);
  // The block ends at a line that holds (after up to 3 spaces) at least as long a fence and
  // then only white space; `~~~ text` inside the block is code like any other line.
  let nl = text.indexOf('\n', j);
  while (nl >= 0) {
    let k = nl + 1;
    while (k < nl + 4 && text.charCodeAt(k) === 32) k++;
    if (text.startsWith(fence, k)) {
      let after = k + len;
      while (text.charCodeAt(after) === ch) after++;
      const end = blankToLineEnd(text, after);
      if (end >= 0) return end;
    }
    nl = text.indexOf('\n', nl + 1);
  }
  return text.length;
}

/**
 * The code spans of a Markdown text (CommonMark: a backtick run opens one, closed by the next run
 * of the same length; none closes it, and the run is text). Every run is found in one pass, and
 * each run's closer in one pass back over the runs, so skipping every span is linear in the text.
 * Searching forward from each run for its closer read the rest of the text once per run length
 * never closed: 1.2 s for 724 KB of runs of 1 to 1,200 backticks.
 */
class CodeSpans {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** For each run, the index of the run closing it, or -1. */
  private readonly closer: Int32Array;
  /** The first run not yet passed (the scan asks in order, past spans, fences and comments). */
  private next = 0;

  constructor(text: string) {
    for (let k = text.indexOf('`'); k >= 0; k = text.indexOf('`', k)) {
      const start = k;
      while (text.charCodeAt(k) === 96) k++;
      this.starts.push(start);
      this.ends.push(k);
    }
    this.closer = new Int32Array(this.starts.length);
    const nextOfLength = new Map<number, number>();
    for (let r = this.starts.length - 1; r >= 0; r--) {
      const length = this.ends[r] - this.starts[r];
      this.closer[r] = nextOfLength.get(length) ?? -1;
      nextOfLength.set(length, r);
    }
  }

  /** The offset after the code span opening at `i`, or after the run at `i` when nothing closes it. */
  skip(i: number): number {
    const { starts, ends } = this;
    while (this.next < starts.length && ends[this.next] <= i) this.next++;
    const r = this.next;
    // The scan stops at a run's first backtick (were it ever elsewhere, the backtick is text).
    if (r >= starts.length || starts[r] !== i) return i + 1;
    const close = this.closer[r];
    return close < 0 ? ends[r] : ends[close];
  }
}

/**
 * A Pandoc bracketed citation opening at `open`: pushes its keys and returns the offset after
 * `]`, or returns `open` when the brackets are not a citation. The look-ahead stops at the next
 * `[`, so each character is looked at by at most one bracket and the scan stays linear.
 */
function pandocBrackets(text: string, open: number, out: CiteKey[]): number {
  const n = text.length;
  let close = -1;
  for (let k = open + 1; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c === 93) {
      close = k;
      break;
    }
    if (c === 91) return open;
    if (c === 10 && /^\n[ \t]*\r?\n/.test(text.slice(k, k + 20))) return open; // a blank line ends the paragraph
  }
  if (close < 0) return open;
  const follow = text.charCodeAt(close + 1);
  if (follow === 40 /* ( */ || follow === 91 /* [ */) return open; // a link, not a citation
  // `[label]: url` opening a line defines a link; elsewhere (`as in [@doe99]: ...`) `:` is prose.
  if (follow === 58 /* : */ && opensLine(text, open)) return open;
  const found: CiteKey[] = [];
  let itemStart = open + 1;
  for (let k = open + 1; k <= close; k++) {
    if (k < close && text.charCodeAt(k) !== 59 /* ; */) continue;
    const item = citationItem(text, itemStart, k, open, close + 1);
    if (!item) return open;
    found.push(item);
    itemStart = k + 1;
  }
  out.push(...found);
  return close + 1;
}

/** Whether only up to 3 spaces stand between the start of the line and `at`. */
function opensLine(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= at - 3 && text.charCodeAt(k) === 32) k--;
  return k < 0 || text.charCodeAt(k) === 10;
}

/** One `;`-separated item of a bracketed citation: `prefix -@key locator`, exactly one key. */
function citationItem(text: string, from: number, to: number, citationStart: number, citationEnd: number): CiteKey | undefined {
  let at = -1;
  for (let k = from; k < to; k++) {
    if (text.charCodeAt(k) !== 64) continue;
    const key = pandocKeyAt(text, k, to);
    if (!key) continue;
    if (at >= 0) return undefined; // two keys in one item: not Pandoc syntax
    at = k;
    k = key.after - 1;
  }
  if (at < 0) return undefined;
  const key = pandocKeyAt(text, at, to)!;
  const suppressAuthor = at > from && text.charCodeAt(at - 1) === 45 /* - */;
  const prefix = text.slice(from, suppressAuthor ? at - 1 : at).trim();
  const locator = text.slice(key.after, to).replace(/^\s*,?\s*/, '').trimEnd();
  return {
    key: text.slice(key.start, key.end),
    start: key.start,
    end: key.end,
    inBrackets: true,
    syntax: 'pandoc',
    citationStart,
    citationEnd,
    suppressAuthor,
    ...(prefix ? { prefix } : {}),
    ...(locator ? { locator } : {}),
  };
}

/**
 * A LaTeX cite command at `slash`: pushes its keys and returns the offset after it, or returns
 * `slash` when it is not one. Handles a star, up to two optional `[...]` notes per key group,
 * multicite `(...)` notes and several `{...}` groups for the `...s` commands.
 */
function latexCitation(text: string, slash: number, out: CiteKey[], closers: NextCloser): number {
  const n = text.length;
  let j = slash + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) j++;
    else break;
  }
  const name = text.slice(slash + 1, j);
  if (!LATEX_CITE_COMMANDS.has(name)) return slash;
  if (escaped(text, slash)) return slash;
  let command = name;
  if (text.charCodeAt(j) === 42 /* * */) {
    command += '*';
    j++;
  }
  // Only the multicite forms (`\autocites`) end in `s`: they take several key groups.
  const multi = name.endsWith('s');
  const found: CiteKey[] = [];
  let notes: string[] = [];
  let groups = 0;
  for (;;) {
    let k = j;
    while (k < n && isSpace(text.charCodeAt(k))) k++;
    const c = text.charCodeAt(k);
    if (c === 91 /* [ */ || (multi && c === 40 /* ( */)) {
      const end = balanced(text, k, c === 91 ? 93 : 41, closers);
      if (end < 0) break;
      if (c === 91) notes.push(text.slice(k + 1, end - 1));
      j = end;
      continue;
    }
    if (c !== 123 /* { */) break;
    const end = balanced(text, k, 125, closers);
    if (end < 0) break;
    const keys = keysInGroup(text, k + 1, end - 1);
    // One note is the postnote; two are prenote then postnote (natbib and biblatex agree).
    const prefix = notes.length >= 2 ? cleanNote(notes[0]) : undefined;
    const locator = notes.length >= 1 ? cleanNote(notes[notes.length - 1]) : undefined;
    keys.forEach((span, idx) => {
      found.push({
        key: text.slice(span[0], span[1]),
        start: span[0],
        end: span[1],
        inBrackets: true,
        syntax: 'latex',
        citationStart: slash,
        citationEnd: -1,
        suppressAuthor: false,
        ...(idx === 0 && prefix ? { prefix } : {}),
        ...(idx === keys.length - 1 && locator ? { locator } : {}),
        command,
      });
    });
    notes = [];
    groups++;
    j = end;
    if (!multi) break;
  }
  if (groups === 0) return slash;
  for (const f of found) out.push({ ...f, citationEnd: j });
  return j;
}

/** `~` is LaTeX's non-breaking space; a note reads as text. */
function cleanNote(note: string): string | undefined {
  const t = note.replace(/~/g, ' ').trim();
  return t || undefined;
}

/**
 * Where the next `}`, `]` or `)` is, remembered per character for one scan: each unclosed
 * argument is given up at once when no closer at all comes within `MAX_ARGUMENT`, instead of
 * after reading that far. Without it a line of `\cite{\cite{...` read up to 2,000 characters
 * per command: 0.6 s of CPU per MB (found by fuzzing).
 */
class NextCloser {
  private readonly found = new Map<number, { from: number; at: number }>();

  constructor(private readonly text: string) {}

  /** The offset of the first `code` at or after `from`, or -1. */
  at(code: number, from: number): number {
    const known = this.found.get(code);
    // The answer found from an earlier offset holds for any offset up to it.
    if (known && known.from <= from && (known.at < 0 || known.at >= from)) return known.at;
    const at = this.text.indexOf(String.fromCharCode(code), from);
    this.found.set(code, { from, at });
    return at;
  }
}

/** The offset after the bracket closing the one at `open`, counting nested braces; -1 if unclosed. */
function balanced(text: string, open: number, close: number, closers: NextCloser): number {
  const openCode = text.charCodeAt(open);
  let depth = 0;
  const limit = Math.min(text.length, open + MAX_ARGUMENT);
  // No closer at all within reach: unclosed, without reading the argument.
  const first = closers.at(close, open + 1);
  if (first < 0 || first >= limit) return -1;
  for (let k = open; k < limit; k++) {
    const c = text.charCodeAt(k);
    if (c === 92) {
      k++;
      continue;
    }
    if (c === openCode) depth++;
    else if (c === close) {
      depth--;
      if (depth === 0) return k + 1;
    } else if (c === 123 && openCode !== 123) {
      const inner = balanced(text, k, 125, closers);
      if (inner < 0) return -1;
      k = inner - 1;
    } else if (c === 10 && k + 1 < text.length && /^\n[ \t]*\r?\n/.test(text.slice(k, k + 20))) {
      return -1; // a blank line ends the paragraph, and an argument cannot span it
    }
  }
  return -1;
}

/** The comma-separated keys of a `{...}` group, trimmed, skipping empty ones and `*` (`\nocite{*}`). */
function keysInGroup(text: string, from: number, to: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let s = from;
  for (let k = from; k <= to; k++) {
    if (k < to && text.charCodeAt(k) !== 44 /* , */) continue;
    let a = s;
    let b = k;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    const key = text.slice(a, b);
    if (key && key !== '*' && !/[\s{}\\]/.test(key)) spans.push([a, b]);
    s = k + 1;
  }
  return spans;
}

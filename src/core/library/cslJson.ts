/**
 * Reading CSL-JSON (Pandoc's and Zotero's bibliography format): an array of items, or an
 * object whose `items` is that array.
 *
 * Each item is parsed on its own with `JSON.parse`, after a light scan that finds where each
 * item starts and ends. So a broken item is one problem at its own line and the items around
 * it still load, where parsing the whole file at once would lose everything to one bad comma.
 */
import {
  arxivIdIn,
  cleanArxivId,
  cleanDoi,
  LineCounter,
  lineOf,
  preview,
  splitKeywords,
  yearIn,
  type LibraryEntry,
  type LibraryParse,
  type LibraryProblem,
} from './entry';
import { tidySpaces } from './latex';

/** A CSL name: `family`/`given` with particles, or one `literal`. */
interface CslName {
  family?: unknown;
  given?: unknown;
  literal?: unknown;
  'non-dropping-particle'?: unknown;
  'dropping-particle'?: unknown;
  suffix?: unknown;
}

type CslItem = Record<string, unknown>;

/** The span of one array element in the text. */
interface Span {
  readonly start: number;
  readonly end: number;
}

class JsonScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const STRUCTURE = /["{}[\]]/g;

/** Reads a CSL-JSON file's text. `file` is used only in entries and messages. */
export function parseCslJson(text: string, file: string): LibraryParse {
  const entries: LibraryEntry[] = [];
  const problems: LibraryProblem[] = [];
  const lines = new LineCounter(text);
  const problem = (offset: number, message: string, severity: LibraryProblem['severity'] = 'error') =>
    problems.push({ file, line: lines.lineAt(offset), message, severity });
  const done = (): LibraryParse => ({ file, format: 'csl-json', entries, problems });

  let spans: Span[];
  try {
    const array = arrayStart(text);
    if (array === -1) {
      problem(firstNonBlank(text, 0), 'not CSL-JSON: expected an array of items, or an object with "items"');
      return done();
    }
    spans = elements(text, array, (offset, message) => problem(offset, message));
  } catch (e) {
    if (!(e instanceof JsonScanError)) throw e;
    problems.push({ file, line: lineOf(text, e.offset), message: `invalid JSON: ${e.message}`, severity: 'error' });
    return done();
  }

  const keyLines = new Map<string, number>();
  for (const { start, end } of spans) {
    const line = lines.lineAt(start);
    if (text.charCodeAt(start) !== 123) {
      problem(start, `item is not an object (${preview(text.slice(start, end), 30)}); skipped`);
      continue;
    }
    let item: CslItem;
    try {
      item = JSON.parse(text.slice(start, end)) as CslItem;
    } catch (e) {
      const at = jsonErrorOffset(e);
      const where = at === undefined ? '' : ` at line ${lineOf(text, start + at)}`;
      problem(start, `item is not valid JSON${where}: ${jsonErrorText(e)}; skipped`);
      continue;
    }
    const key = item.id === undefined || item.id === null ? undefined : String(item.id);
    const label = key === undefined ? 'item' : `item "${key}"`;
    const title = plain(item.title);
    if (!title) {
      problem(start, `${label} has no title; skipped`);
      continue;
    }
    if (key !== undefined) {
      const earlier = keyLines.get(key);
      if (earlier !== undefined) {
        problem(start, `${label}: the id "${key}" is already used by the item at line ${earlier}; skipped`);
        continue;
      }
      keyLines.set(key, line);
    } else {
      problem(start, `item "${preview(title, 40)}" has no "id"; read without a citation key`, 'warning');
    }
    const url = plain(item.URL) || undefined;
    const doi = cleanDoi(plain(item.DOI));
    entries.push({
      key,
      type: plain(item.type) || 'document',
      title,
      authors: names(item.author ?? item.editor),
      year: yearOf(item.issued),
      venue: plain(item['container-title']) || plain(item['event-title']) || undefined,
      doi,
      url,
      arxivId: arxivIdOf(item, url, doi),
      abstract: plain(item.abstract),
      keywords: splitKeywords(Array.isArray(item.keyword) ? item.keyword.map(plain).join(',') : plain(item.keyword)),
      format: 'csl-json',
      file,
      line,
      start,
      end,
      original: text.slice(start, end),
    });
  }
  return done();
}

/** Rich-text markup CSL allows in strings (`<i>`, `<sup>`, `<span class="nocase">`). */
const MARKUP = /<\/?(?:i|b|sup|sub|sc|span)(?:\s[^>]*)?>/g;

/** A string field as plain text: markup removed, whitespace collapsed; '' when absent. */
function plain(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return '';
  return tidySpaces(value.includes('<') ? value.replace(MARKUP, '') : value);
}

function names(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const n of value as CslName[]) {
    if (!n || typeof n !== 'object') continue;
    const literal = plain(n.literal);
    const name =
      literal ||
      [n.given, n['dropping-particle'], n['non-dropping-particle'], n.family, n.suffix]
        .map(plain)
        .filter(Boolean)
        .join(' ');
    if (name) out.push(name);
  }
  return out;
}

/** The year of a CSL date: `date-parts`, `raw`, `literal`, or a plain string. */
function yearOf(issued: unknown): number | undefined {
  if (typeof issued === 'string' || typeof issued === 'number') return yearIn(String(issued));
  if (!issued || typeof issued !== 'object') return undefined;
  const date = issued as { 'date-parts'?: unknown; raw?: unknown; literal?: unknown };
  const parts = date['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0]) && parts[0].length) {
    const year = Number(parts[0][0]);
    if (Number.isInteger(year) && year > 999 && year < 3000) return year;
  }
  return yearIn(plain(date.raw)) ?? yearIn(plain(date.literal));
}

/** arXiv id from the DOI, URL, `number` ("arXiv:2101.00001", as Zotero exports) or `note`. */
function arxivIdOf(item: CslItem, url: string | undefined, doi: string | undefined): string | undefined {
  const number = plain(item.number);
  const publisher = `${plain(item.publisher)} ${plain(item['container-title'])}`.toLowerCase();
  return (
    arxivIdIn(doi) ??
    arxivIdIn(url) ??
    arxivIdIn(number) ??
    (publisher.includes('arxiv') ? cleanArxivId(number) : undefined) ??
    arxivIdIn(plain(item.note))
  );
}

function firstNonBlank(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text.charAt(i))) i++;
  return Math.min(i, text.length);
}

/** The index of the `[` of the item array: the top level, or the value of a top-level "items". */
function arrayStart(text: string): number {
  let i = firstNonBlank(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (text.charCodeAt(i) === 91) return i;
  if (text.charCodeAt(i) !== 123) {
    if (i >= text.length) throw new JsonScanError('the file is empty', i);
    return -1;
  }
  // An object: find "items" among its keys.
  i = firstNonBlank(text, i + 1);
  while (i < text.length && text.charCodeAt(i) === 34) {
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = firstNonBlank(text, keyEnd);
    if (text.charCodeAt(i) !== 58) throw new JsonScanError(`expected ":" after "${key}"`, i);
    i = firstNonBlank(text, i + 1);
    if (key === 'items') return text.charCodeAt(i) === 91 ? i : -1;
    i = firstNonBlank(text, valueEnd(text, i));
    if (text.charCodeAt(i) === 44) i = firstNonBlank(text, i + 1);
  }
  return -1;
}

/**
 * The spans of the elements of the array at `open`. A missing comma between items is reported
 * and read past; where the nesting breaks (an unclosed string or brace), the scan stops with
 * one problem there, and the items before it are kept.
 */
function elements(text: string, open: number, report: (offset: number, message: string) => void): Span[] {
  const spans: Span[] = [];
  let i = firstNonBlank(text, open + 1);
  if (text.charCodeAt(i) === 93) return spans;
  try {
    for (;;) {
      if (i >= text.length) throw new JsonScanError('the array of items is not closed with "]"', i);
      const end = valueEnd(text, i);
      spans.push({ start: i, end });
      i = firstNonBlank(text, end);
      const c = text.charCodeAt(i);
      if (c === 93) return spans;
      if (c === 44) {
        i = firstNonBlank(text, i + 1);
      } else if (c === 123) {
        report(i, 'missing "," between items; read on');
      } else {
        throw new JsonScanError(i >= text.length ? 'the array of items is not closed with "]"' : `expected "," or "]" after an item, found "${preview(text.slice(i, i + 20), 20)}"`, i);
      }
    }
  } catch (e) {
    if (!(e instanceof JsonScanError)) throw e;
    report(e.offset, `invalid JSON: ${e.message}; the items after it are not read`);
    return spans;
  }
}

/** The index after the JSON value starting at `i` (an object or array by its brackets). */
function valueEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return stringEnd(text, i);
  if (c !== 123 && c !== 91) {
    let j = i;
    while (j < text.length && !/[\s,\]}]/.test(text.charAt(j))) j++;
    if (j === i) throw new JsonScanError(`expected a value, found "${preview(text.slice(i, i + 20), 20)}"`, i);
    return j;
  }
  let depth = 0;
  STRUCTURE.lastIndex = i;
  for (let m = STRUCTURE.exec(text); m; m = STRUCTURE.exec(text)) {
    const ch = text.charCodeAt(m.index);
    if (ch === 34) {
      STRUCTURE.lastIndex = stringEnd(text, m.index);
    } else if (ch === 123 || ch === 91) {
      depth++;
    } else if (--depth === 0) {
      return m.index + 1;
    }
  }
  throw new JsonScanError(`the ${c === 123 ? 'object' : 'array'} is not closed`, i);
}

/** The index after the string whose opening quote is at `i`. */
function stringEnd(text: string, i: number): number {
  for (let q = text.indexOf('"', i + 1); q !== -1; q = text.indexOf('"', q + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(q - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
  }
  throw new JsonScanError('a string is not closed', i);
}

/** The offset in a `JSON.parse` error message ("... at position 42"), when it gives one. */
function jsonErrorOffset(e: unknown): number | undefined {
  const m = /position (\d+)/.exec(e instanceof Error ? e.message : '');
  return m ? Number(m[1]) : undefined;
}

/** A `JSON.parse` message without the position and quoted source Node adds. */
function jsonErrorText(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/\s*in JSON at position \d+.*$/, '').replace(/,\s*".*" is not valid JSON$/, '');
}

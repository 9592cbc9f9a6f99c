/**
 * Reading CSL-JSON (Pandoc's and Zotero's bibliography format): an array of items, or an
 * object whose `items` is that array.
 *
 * Each item is parsed on its own with `JSON.parse`, after a light scan of the bytes that finds
 * where each item starts and ends. So a broken item is one problem at its own line and the
 * items around it still load, where parsing the whole file at once would lose everything to one
 * bad comma; and each item is decoded to its own small string (see `chunks.ts`).
 */
import { ByteCursor, toBytes, type Piece } from './chunks';
import {
  arxivIdIn,
  cleanArxivId,
  cleanDoi,
  detachEntry,
  type Interner,
  LineCounter,
  lineOf,
  preview,
  splitKeywords,
  yearIn,
  type LibraryEntry,
  type LibraryParse,
  type LibraryProblem,
  type MutableEntry,
} from './entry';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { collapseWhitespace } from '../text';
import { finishSteps, type Steps } from '../steps';

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
export interface Span {
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

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** The text of a byte range, for messages. */
function textOf(bytes: Uint8Array, from: number, to: number): string {
  return utf8.decode(bytes.subarray(from, to));
}

/**
 * Reads a CSL-JSON file: its text, or better its bytes as read from disk (UTF-8). `file` is
 * used only in entries and messages; entry offsets are UTF-16 offsets into the decoded text.
 */
export function parseCslJson(input: string | Uint8Array, file: string): LibraryParse {
  const bytes = toBytes(input);
  const entries: LibraryEntry[] = [];
  const problems: LibraryProblem[] = [];
  const byteLines = new LineCounter(bytes);
  const problem = (line: number, message: string, severity: LibraryProblem['severity'] = 'error') => problems.push({ file, line, message, severity });
  const done = (): LibraryParse => ({ file, format: 'csl-json', entries, problems: problems.sort((a, b) => a.line - b.line) });

  let spans: Span[];
  try {
    const array = arrayStart(bytes);
    if (array === -1) {
      problem(byteLines.lineAt(firstNonBlank(bytes, 0)), 'not CSL-JSON: expected an array of items, or an object with "items"');
      return done();
    }
    spans = elements(bytes, array, (offset, message, severity) => problem(byteLines.lineAt(offset), message, severity));
  } catch (e) {
    if (!(e instanceof JsonScanError)) throw e;
    problem(lineOf(bytes, e.offset), `invalid JSON: ${e.message}`);
    return done();
  }

  const cursor = new ByteCursor(bytes);
  const reader = new ItemReader(file, entries, problems);
  for (const span of spans) {
    cursor.take(span.start);
    reader.read(cursor.take(span.end));
  }
  return done();
}

/**
 * Where each item of a CSL-JSON file's bytes starts and ends, as `parseCslJson` reads them
 * (a broken item up to the next item's line); `undefined` when the file is no array of items.
 */
export function* cslItemSpans(bytes: Uint8Array): Steps<readonly Span[] | undefined> {
  try {
    const array = arrayStart(bytes);
    return array === -1 ? undefined : yield* elementsSteps(bytes, array, () => undefined);
  } catch (e) {
    if (!(e instanceof JsonScanError)) throw e;
    return undefined;
  }
}

/**
 * Reads some items of a CSL-JSON file, each at its own place (UTF-16 offset and line), in the
 * order given: the items a reload changed (see `entryPrints.ts`). Lines and offsets are the
 * file's; an id used again by an item not read here is not seen.
 */
export function parseCslPieces(pieces: readonly Piece[], file: string): LibraryParse {
  const entries: LibraryEntry[] = [];
  const problems: LibraryProblem[] = [];
  const reader = new ItemReader(file, entries, problems);
  for (const piece of pieces) reader.read(piece);
  return { file, format: 'csl-json', entries, problems: problems.sort((a, b) => a.line - b.line) };
}

/** Reads items one at a time into `entries`, with what is wrong in them into `problems`. */
class ItemReader {
  private readonly shared: Interner = new Map();
  /** The line of the item that used each id first. */
  private readonly keyLines = new Map<string, number>();

  constructor(
    private readonly file: string,
    private readonly entries: LibraryEntry[],
    private readonly problems: LibraryProblem[],
  ) {}

  private problem(line: number, message: string, severity: LibraryProblem['severity'] = 'error'): void {
    this.problems.push({ file: this.file, line, message, severity });
  }

  /** One item: its text, where it starts in the file (UTF-16 offset) and its first line. */
  read({ text, offset, line }: Piece): void {
    const { file, keyLines } = this;
    if (text.charCodeAt(0) !== 123) {
      this.problem(line, `item is not an object (${preview(text, 30)}); skipped`);
      return;
    }
    let item: CslItem;
    let lenient = false;
    try {
      item = JSON.parse(text) as CslItem;
    } catch (e) {
      const read = lenientItem(text);
      if (!read) {
        const at = jsonErrorOffset(e);
        const where = at === undefined ? '' : ` at line ${line + lineOf(text, at) - 1}`;
        this.problem(line, `item is not valid JSON${where}: ${jsonErrorText(e)}; skipped`);
        return;
      }
      item = read;
      lenient = true;
    }
    const key = item.id === undefined || item.id === null ? undefined : String(item.id);
    const label = key === undefined ? 'item' : `item "${key}"`;
    if (lenient) this.problem(line, `${label} is not valid JSON (a comment, or a comma before "}" or "]"); read as if it were`, 'warning');
    const title = plain(item.title);
    if (!title) {
      this.problem(line, `${label} has no title; skipped`);
      return;
    }
    if (key !== undefined) {
      const earlier = keyLines.get(key);
      if (earlier !== undefined) {
        this.problem(line, `${label}: the id "${key}" is already used by the item at line ${earlier}; skipped`);
        return;
      }
      keyLines.set(key, line);
    } else {
      this.problem(line, `item "${preview(title, 40)}" has no "id"; read without a citation key`, 'warning');
    }
    const url = plain(item.URL) || undefined;
    const doi = cleanDoi(plain(item.DOI));
    const entry: MutableEntry = {
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
      start: offset,
      end: offset + text.length,
      original: text,
    };
    detachEntry(entry, this.shared);
    this.entries.push(entry);
  }
}

/**
 * An item that `JSON.parse` rejects read as JSON with comments (line or block) and commas
 * before a closing bracket, as hand-kept files have them (Manubot's `manual-references.json`
 * in two real projects), through VS Code's own reader of such JSON; `undefined` when it still
 * is not an object.
 */
function lenientItem(text: string): CslItem | undefined {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  return errors.length === 0 && value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as CslItem) : undefined;
}

/** Rich-text markup CSL allows in strings (`<i>`, `<sup>`, `<span class="nocase">`). */
const MARKUP = /<\/?(?:i|b|sup|sub|sc|span)(?:\s[^>]*)?>/g;

/** A string field as plain text: markup removed, whitespace collapsed; '' when absent. */
function plain(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return '';
  return collapseWhitespace(value.includes('<') ? value.replace(MARKUP, '') : value);
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

function isBlank(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function firstNonBlank(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length && isBlank(bytes[i])) i++;
  return i;
}

/** The index of the `[` of the item array: the top level, or the value of a top-level "items". */
function arrayStart(bytes: Uint8Array): number {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let i = firstNonBlank(bytes, bom ? 3 : 0);
  if (bytes[i] === 91) return i;
  if (bytes[i] !== 123) {
    if (i >= bytes.length) throw new JsonScanError('the file is empty', i);
    return -1;
  }
  // An object: find "items" among its keys.
  i = firstNonBlank(bytes, i + 1);
  while (i < bytes.length && bytes[i] === 34) {
    const keyEnd = stringEnd(bytes, i);
    const key = keyOf(bytes, i, keyEnd);
    i = firstNonBlank(bytes, keyEnd);
    if (bytes[i] !== 58) throw new JsonScanError(`expected ":" after "${key}"`, i);
    i = firstNonBlank(bytes, i + 1);
    if (key === 'items') return bytes[i] === 91 ? i : -1;
    i = firstNonBlank(bytes, valueEnd(bytes, i));
    if (bytes[i] === 44) i = firstNonBlank(bytes, i + 1);
  }
  return -1;
}

/** The key whose string runs from `start` to `end`; a key JSON does not allow (a raw tab or line break, a bad escape) is a scan error. */
function keyOf(bytes: Uint8Array, start: number, end: number): string {
  try {
    return JSON.parse(textOf(bytes, start, end)) as string;
  } catch (e) {
    throw new JsonScanError(`a key is not a valid string (${jsonErrorText(e)})`, start);
  }
}

/**
 * The spans of the elements of the array at `open`. A missing comma between items is reported
 * and read past. Where the nesting breaks (an unclosed string or brace), the broken item runs to
 * the next line that opens an item as the first one does (`  {` with the same indentation, as
 * Pandoc, Zotero and Better BibTeX write each item) and is reported there; the scan reads on
 * from that line. An item that seems to run past such a line and is not valid JSON is cut there
 * the same way: an unclosed string pairs each later quote with the wrong one, and can make one
 * item of several. Without such a line (one-line JSON), the scan stops at the break with one
 * problem, and the items before it are kept.
 */
function elements(bytes: Uint8Array, open: number, report: (offset: number, message: string, severity?: LibraryProblem['severity']) => void): Span[] {
  return finishSteps(elementsSteps(bytes, open, report));
}

/** Items scanned between two pauses of `elementsSteps` (about a megabyte of the bench's items). */
const ITEMS_PER_STEP = 256;

/** `elements` in steps: at 50,000 items (100 MB) the scan takes 75-300 ms, which a quick stage runs on the editor's thread. */
function* elementsSteps(bytes: Uint8Array, open: number, report: (offset: number, message: string, severity?: LibraryProblem['severity']) => void): Steps<Span[]> {
  const spans: Span[] = [];
  let i = firstNonBlank(bytes, open + 1);
  if (bytes[i] === 93) return spans;
  const indent = itemIndent(bytes, i);
  // The next line that opens an item, after the item being read (bytes.length: none).
  let nextLine = -1;
  for (let read = 1; ; read++) {
    if (read % ITEMS_PER_STEP === 0) yield;
    let element = -1;
    try {
      if (i >= bytes.length) throw new JsonScanError('the array of items is not closed with "]"', i);
      element = i;
      const end = valueEnd(bytes, i);
      element = -1;
      if (indent !== undefined && bytes[i] === 123) {
        if (nextLine <= i) nextLine = nextItemLine(bytes, i, indent);
        if (nextLine < end && !isJson(bytes, i, end)) {
          spans.push({ start: i, end: endBefore(bytes, nextLine, i) });
          i = nextLine;
          continue;
        }
      }
      spans.push({ start: i, end });
      i = firstNonBlank(bytes, end);
      const c = bytes[i];
      if (c === 93) return spans;
      if (c === 44) {
        const comma = i;
        i = firstNonBlank(bytes, i + 1);
        // `[..., {...},]`, as a hand-edited file or a script writes it: nothing is lost.
        if (bytes[i] === 93) {
          report(comma, 'a "," after the last item (not JSON); read as if it were not there', 'warning');
          return spans;
        }
      } else if (c === 123) {
        report(i, 'missing "," between items; read on');
      } else {
        throw new JsonScanError(i >= bytes.length ? 'the array of items is not closed with "]"' : `expected "," or "]" after an item, found "${preview(textOf(bytes, i, i + 20), 20)}"`, i);
      }
    } catch (e) {
      if (!(e instanceof JsonScanError)) throw e;
      const resume = indent === undefined ? bytes.length : nextItemLine(bytes, element !== -1 ? element : e.offset, indent);
      if (resume >= bytes.length) {
        report(e.offset, `invalid JSON: ${e.message}; the items after it are not read`);
        return spans;
      }
      // A broken item is read as far as the next item (and reported as it is read); a break
      // between items is reported here.
      if (element !== -1) spans.push({ start: element, end: endBefore(bytes, resume, element) });
      else report(e.offset, `invalid JSON: ${e.message}; read on at the next item`);
      i = resume;
    }
  }
}

/** The indentation before the first item, when the item opens its line (`  {`); else undefined. */
function itemIndent(bytes: Uint8Array, first: number): Uint8Array | undefined {
  let k = first - 1;
  while (k >= 0 && (bytes[k] === 32 || bytes[k] === 9)) k--;
  return k < 0 || bytes[k] === 10 ? bytes.slice(k + 1, first) : undefined;
}

/** The `{` of the first line after the one holding `from` that is `indent` then `{`; `bytes.length` when none is. */
function nextItemLine(bytes: Uint8Array, from: number, indent: Uint8Array): number {
  for (let nl = bytes.indexOf(10, from); nl !== -1; nl = bytes.indexOf(10, nl + 1)) {
    let k = 0;
    while (k < indent.length && bytes[nl + 1 + k] === indent[k]) k++;
    if (k === indent.length && bytes[nl + 1 + k] === 123) return nl + 1 + k;
  }
  return bytes.length;
}

/** The end of an item cut short before `next`: white space and a comma left out. */
function endBefore(bytes: Uint8Array, next: number, start: number): number {
  let j = next - 1;
  while (j > start && isBlank(bytes[j])) j--;
  if (j > start && bytes[j] === 44) j--;
  while (j > start && isBlank(bytes[j])) j--;
  return j + 1;
}

function isJson(bytes: Uint8Array, start: number, end: number): boolean {
  try {
    JSON.parse(textOf(bytes, start, end));
    return true;
  } catch {
    return false;
  }
}

/** The index after the JSON value starting at `i` (an object or array by its brackets). */
function valueEnd(bytes: Uint8Array, i: number): number {
  const c = bytes[i];
  if (c === 34) return stringEnd(bytes, i);
  if (c !== 123 && c !== 91) {
    let j = i;
    while (j < bytes.length && !isBlank(bytes[j]) && bytes[j] !== 44 && bytes[j] !== 93 && bytes[j] !== 125) j++;
    if (j === i) throw new JsonScanError(`expected a value, found "${preview(textOf(bytes, i, i + 20), 20)}"`, i);
    return j;
  }
  let depth = 0;
  for (let j = i; j < bytes.length; j++) {
    const b = bytes[j];
    if (b === 34) {
      j = stringEnd(bytes, j) - 1;
    } else if (b === 123 || b === 91) {
      depth++;
    } else if ((b === 125 || b === 93) && --depth === 0) {
      return j + 1;
    }
  }
  throw new JsonScanError(`the ${c === 123 ? 'object' : 'array'} is not closed`, i);
}

/** The index after the string whose opening quote is at `i`. */
function stringEnd(bytes: Uint8Array, i: number): number {
  for (let q = bytes.indexOf(34, i + 1); q !== -1; q = bytes.indexOf(34, q + 1)) {
    let backslashes = 0;
    while (bytes[q - 1 - backslashes] === 92) backslashes++;
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

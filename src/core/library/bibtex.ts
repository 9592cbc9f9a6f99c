/**
 * Reading BibTeX and BibLaTeX `.bib` files into library entries, tolerantly: a malformed
 * entry becomes one problem naming its line, and every other entry still loads, including
 * the ones after it.
 *
 * Why our own scanner rather than `@retorquere/bibtex-parser`'s: measured here, its verbatim
 * pass alone takes 25 s over a 50,000-entry (80 MB) file, and its full parse about 45 ms per
 * entry (see `latex.ts`); the budget for the whole load is 3 s. Its recovery also lets one
 * unclosed brace run to the end of the file before resuming. This scanner jumps between the
 * characters that matter with regular expressions, and cuts the file at every line that
 * starts an entry (`@type{`): no entry runs past the next such line, so a runaway brace costs
 * one entry, never the rest of the file, and each piece is decoded on its own (see
 * `chunks.ts`). The price: a field value holding a line that itself starts with `@type{` is
 * read as broken there (BibTeX would accept it); real libraries do not write that.
 *
 * The syntax follows BibTeX and Better BibTeX's reader: `@type{key, field = value, ...}` or
 * with parentheses; values in braces or quotes (a backslash escapes the next character),
 * numbers, or `@string` names, joined with `#`; `@comment`, `@preamble`; `%` starts a comment
 * between entries and between fields.
 */
import { bibtexNames } from './bibtexNames';
import { finishSteps, type Steps } from '../steps';
import { ByteCursor, detach, toBytes, type Piece } from './chunks';
import {
  arxivIdIn,
  cleanArxivId,
  cleanDoi,
  detachEntry,
  type Interner,
  LineCounter,
  preview,
  splitKeywords,
  yearIn,
  type LibraryParse,
  type LibraryProblem,
  type MutableEntry,
} from './entry';
import { decodeLatex, decodeVerbatim, type LatexOptions } from './latex';

export interface BibtexOptions extends LatexOptions {
  /**
   * `@string` values from the other files of a load, by lower-case name, for the names this
   * file uses and does not define (see `borrowedStrings` in `entry.ts`).
   */
  readonly strings?: ReadonlyMap<string, string>;
  /**
   * Whether each entry keeps its text as written (`LibraryEntry.original`; true unless false).
   * A reader that drops it (a library session, the CLI: a citation reads the file again at the
   * entry's offsets) says false, so that no entry keeps its piece of the file alive while the
   * rest is read (see `addEntry`).
   */
  readonly originals?: boolean;
}

/** Entry types of BibTeX and BibLaTeX (biblatex manual §2.1), plus common aliases. */
const KNOWN_TYPES = new Set([
  'article', 'book', 'booklet', 'conference', 'inbook', 'incollection', 'inproceedings', 'manual', 'mastersthesis',
  'misc', 'phdthesis', 'proceedings', 'techreport', 'unpublished', 'mvbook', 'bookinbook', 'suppbook', 'collection',
  'mvcollection', 'suppcollection', 'dataset', 'online', 'electronic', 'www', 'patent', 'periodical',
  'suppperiodical', 'mvproceedings', 'reference', 'mvreference', 'inreference', 'report', 'software', 'thesis',
  'artwork', 'audio', 'bibnote', 'commentary', 'image', 'jurisdiction', 'legislation', 'legal', 'letter', 'movie',
  'music', 'performance', 'review', 'standard', 'video', 'customa', 'customb', 'customc', 'customd', 'custome',
  'customf', 'preprint', 'presentation', 'talk',
]);

/** Types that are containers for other entries, not works: read without a problem, not listed. */
const NOT_WORKS = new Set(['set', 'xdata']);

/** The fields a library entry is made of; the scanner keeps no others. */
const KEPT_FIELDS = new Set([
  'title', 'author', 'editor', 'year', 'date', 'journal', 'journaltitle', 'booktitle', 'doi', 'url', 'eprint',
  'archiveprefix', 'eprinttype', 'arxivid', 'abstract', 'keywords', 'crossref', 'note', 'howpublished', 'eventtitle',
]);

/** `@string` names every BibTeX style defines: the months. */
const MONTHS: ReadonlyArray<[string, string]> = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
].map((m) => [m.slice(0, 3), m[0].toUpperCase() + m.slice(1)]);

/**
 * The journal names BibTeX's standard styles define (`plain.bst`'s `MACRO {jacm} {"Journal of the
 * ACM"}` and the rest), which a `.bib` may use without defining, as Better BibTeX's parser knows
 * them: `journal = jacm` read "jacm" in 24 entries of one real file. Below a file's own
 * `@string`s and those of the other files of its load.
 */
const STYLE_MACROS: ReadonlyMap<string, string> = new Map([
  ['acmcs', 'ACM Computing Surveys'],
  ['acta', 'Acta Informatica'],
  ['cacm', 'Communications of the ACM'],
  ['ibmjrd', 'IBM Journal of Research and Development'],
  ['ibmsj', 'IBM Systems Journal'],
  ['ieeese', 'IEEE Transactions on Software Engineering'],
  ['ieeetc', 'IEEE Transactions on Computers'],
  ['ieeetcad', 'IEEE Transactions on Computer-Aided Design of Integrated Circuits'],
  ['ipl', 'Information Processing Letters'],
  ['jacm', 'Journal of the ACM'],
  ['jcss', 'Journal of Computer and System Sciences'],
  ['scp', 'Science of Computer Programming'],
  ['sicomp', 'SIAM Journal on Computing'],
  ['tocs', 'ACM Transactions on Computer Systems'],
  ['tods', 'ACM Transactions on Database Systems'],
  ['tog', 'ACM Transactions on Graphics'],
  ['toms', 'ACM Transactions on Mathematical Software'],
  ['toois', 'ACM Transactions on Office Information Systems'],
  ['toplas', 'ACM Transactions on Programming Languages and Systems'],
  ['tcs', 'Theoretical Computer Science'],
]);

const BRACES = /[\\{}]/g;
const QUOTED = /[\\{}"]/g;
const NAME = /[A-Za-z][\w:.+-]*/y;
const FIELD_NAME = /[^\s=,{}()"#%']+/y;
const NUMBER = /\d+/y;
/** White space as `String.prototype.trim` sees it. */
const BLANK = /\s/;

/** A malformed entry: the message and the offset it refers to. */
class EntryError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

type Fields = Map<string, string>;


/**
 * Reads a `.bib` file: its text, or better its bytes as read from disk (UTF-8), which keeps
 * memory low (see `chunks.ts`). `file` is used only in entries and messages; entry offsets
 * are UTF-16 offsets into the decoded text either way.
 */
export function parseBibtex(input: string | Uint8Array, file: string, options: BibtexOptions = {}): LibraryParse {
  return finishSteps(parseBibtexSteps(input, file, options));
}

/**
 * `parseBibtex` one piece at a time: it pauses (yields) after each piece it reads, so a caller
 * with no thread to spare (the web extension, which has no worker) can let other work run
 * between pieces. Driven to its end it returns what `parseBibtex` returns.
 */
export function* parseBibtexSteps(input: string | Uint8Array, file: string, options: BibtexOptions = {}): Steps<LibraryParse> {
  const bytes = toBytes(input);
  const scanner = new BibtexScanner(file, options);
  const cursor = new ByteCursor(bytes);
  for (let from = 0; from < bytes.length; from += ENTRY_SEARCH_BYTES) {
    const starts = entryLines(bytes, from, from + ENTRY_SEARCH_BYTES);
    for (const at of starts) {
      scanner.read(cursor.take(at));
      yield;
    }
    // A part with no entry line (a long comment) is a step too.
    if (!starts.length) yield;
  }
  scanner.read(cursor.take(bytes.length));
  return scanner.finish();
}

/**
 * Reads some pieces of a `.bib` file, each at its own place (UTF-16 offset and line), in the
 * order given: the entries a reload changed (see `entryPrints.ts`), after the file's `@string`
 * definitions, so that a changed entry reads the names the file defines. Lines and offsets are
 * the file's, as a parse of the whole file gives them.
 */
export function parseBibtexPieces(pieces: readonly Piece[], file: string, options: BibtexOptions = {}): LibraryParse {
  const scanner = new BibtexScanner(file, options);
  for (const piece of pieces) scanner.read(piece);
  return scanner.finish();
}

/** The bytes searched for entry lines at a time (see `entryLines`): a step of a few milliseconds. */
export const ENTRY_SEARCH_BYTES = 1 << 20;

/**
 * Where each line that starts an entry after the file's first byte starts (its `@`), in
 * `bytes[from, to)`, found before those entries are read: searched for between the reads (in
 * the generator above), the `@`s took 0.55 s of a 2.8 s parse of the bench's 50,000 entries
 * (89 MB), and 40-180 ms in passes of their own.
 */
export function entryLines(bytes: Uint8Array, from: number, to: number): number[] {
  const starts: number[] = [];
  // Searched in the part only (the search would run on to the next `@`, the file's end if none); read around it.
  const part = bytes.subarray(from, to);
  for (let at = part.indexOf(64, from === 0 ? 1 : 0); at !== -1; at = part.indexOf(64, at + 1)) if (startsEntryLine(bytes, from + at)) starts.push(from + at);
  return starts;
}

/**
 * Whether the `@` at `at` starts a line that starts an entry: only blanks (or a byte-order
 * mark) before it on its line, `type{` or `type(` after it.
 */
export function startsEntryLine(bytes: Uint8Array, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = bytes[i];
    if (c === 10 || c === 13) break;
    const bom = i < 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    if (c !== 32 && c !== 9 && !bom) return false;
  }
  let i = at + 1;
  while (bytes[i] === 32 || bytes[i] === 9) i++;
  if (!isAsciiLetter(bytes[i])) return false;
  while (isAsciiLetter(bytes[i]) || (bytes[i] >= 48 && bytes[i] <= 58) || bytes[i] === 95 || bytes[i] === 45) i++;
  while (bytes[i] === 32 || bytes[i] === 9) i++;
  return bytes[i] === 123 || bytes[i] === 40;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Reads the pieces of a file in order. Each piece runs from one entry line to the next, so an
 * entry never continues into the next piece; `@string` definitions and keys carry across.
 */
class BibtexScanner {
  /** The piece being read, where it starts in the file, and its lines. */
  private text = '';
  private base = 0;
  private baseLine = 1;
  private lines = new LineCounter('');
  private readonly strings = new Map<string, string>(MONTHS);
  /** The file's own `@string` definitions (the last of each name), for the other files of a load. */
  private readonly defined = new Map<string, string>();
  private readonly entries: MutableEntry[] = [];
  private readonly problems: LibraryProblem[] = [];
  private readonly keyLines = new Map<string, number>();
  private readonly crossrefs: Array<[MutableEntry, string]> = [];
  /**
   * Entries left out for having no title, by folded key: what a child naming one in its
   * `crossref` inherits (DBLP writes a conference's `@proceedings` with a `booktitle` and a
   * year, and no title).
   */
  private readonly untitled = new Map<string, { venue?: string; year?: number }>();
  /** Strings many entries share (authors, venues, types), kept once (see `detachEntry`). */
  private readonly shared: Interner = new Map();
  /** `@string` names the entry being read uses and no `@string` defined, reported only if the entry is read. */
  private pending: Array<{ name: string; valueOf: string }> = [];
  /**
   * Each undefined `@string` name reported, by folded name: its problem and how many more
   * entries used it. One warning a name, at its first use: a file whose names are defined in
   * another file (`\bibliography{abbreviations,refs}`) used them in every entry, 1,322 warnings
   * for the 260 names one real file used.
   */
  private readonly undefinedNames = new Map<string, { problem: number; more: number }>();
  /** Names a kept value used where the file had not defined them: what another file of the load may give (`LibraryParse.undefinedStrings`). */
  private readonly outside = new Set<string>();
  private valueEnd = 0;
  /** The fields of the entry being read (one map, cleared for each entry). */
  private readonly fields: Fields = new Map();
  /**
   * The line `lineAround` last reached in the piece: where it starts, where its text starts
   * (after white space), the line break that ends it (or the piece's end), and the first `%`
   * at or after its start.
   */
  private lineFrom = 0;
  private lineText = 0;
  private lineEnd = -1;
  private percent = -1;

  constructor(
    private readonly file: string,
    private readonly options: BibtexOptions,
  ) {}

  /** Reads the items of one piece; none runs past its end. */
  read(piece: Piece): void {
    const text = (this.text = piece.text);
    this.base = piece.offset;
    this.baseLine = piece.line;
    this.lines = new LineCounter(text);
    this.lineFrom = 0;
    this.lineEnd = -1;
    this.percent = -1;
    const limit = text.length;
    let pos = 0;
    while (pos < limit) {
      const at = this.nextAt(pos);
      if (at === -1) break;
      try {
        pos = this.item(at, limit);
      } catch (e) {
        if (!(e instanceof EntryError)) throw e;
        this.problem(at, e.message, 'error', e.offset);
        pos = limit;
      }
      if (this.pending.length) this.pending = [];
    }
  }

  /** Warns of each undefined `@string` name the item at `at` used, the first time it is used (see `undefinedNames`). */
  private reportPending(at: number, prefix: string): void {
    for (const { name, valueOf } of this.pending) {
      const folded = name.toLowerCase();
      const seen = this.undefinedNames.get(folded);
      if (seen) {
        seen.more++;
        continue;
      }
      this.undefinedNames.set(folded, { problem: this.problems.length, more: 0 });
      this.problem(at, `${prefix}@string "${name}" is not defined; its name is used as the value of ${valueOf}`, 'warning');
    }
  }

  /** The parse, once every piece is read. */
  finish(): LibraryParse {
    this.resolveCrossrefs();
    for (const { problem, more } of this.undefinedNames.values()) {
      if (more === 0) continue;
      const p = this.problems[problem];
      this.problems[problem] = { ...p, message: `${p.message} (and ${more} more time${more === 1 ? '' : 's'} in this file)` };
    }
    const parse: { -readonly [K in keyof LibraryParse]: LibraryParse[K] } = { file: this.file, format: 'bibtex', entries: this.entries, problems: this.problems };
    if (this.defined.size) parse.strings = [...this.defined];
    const outside = [...this.outside].filter((name) => !this.options.strings?.has(name));
    if (outside.length) parse.undefinedStrings = outside;
    if (this.options.strings?.size) parse.borrowed = [...this.options.strings];
    return parse;
  }

  /** The next `@` outside entries, skipping `%` comment lines. */
  private nextAt(from: number): number {
    const text = this.text;
    for (let at = text.indexOf('@', from); at !== -1; at = text.indexOf('@', at + 1)) {
      this.lineAround(at);
      if (this.percent >= at) return at;
      if (this.lineEnd >= text.length) return -1;
      at = this.lineEnd;
    }
    return -1;
  }

  /**
   * Moves `lineFrom`, `lineText`, `lineEnd` and `percent` to the line holding `at`. Asked with
   * `at` never decreasing in a piece, so each line break and each `%` is searched for once:
   * looking back from every `@` to its line's start took quadratic time on one long line of
   * entries (a minified or one-line `.bib` file).
   */
  private lineAround(at: number): void {
    const text = this.text;
    while (this.lineEnd < at) {
      const from = (this.lineFrom = this.lineEnd + 1);
      const eol = text.indexOf('\n', from);
      const end = (this.lineEnd = eol === -1 ? text.length : eol);
      let i = from;
      while (i < end && BLANK.test(text.charAt(i))) i++;
      this.lineText = i;
    }
    if (this.percent < this.lineFrom) {
      const percent = text.indexOf('%', this.lineFrom);
      this.percent = percent === -1 ? text.length : percent;
    }
  }

  /** The file's 1-based line of an offset in the piece. */
  private line(offset: number): number {
    return this.baseLine + this.lines.lineAt(offset) - 1;
  }

  /**
   * One problem at the entry's line. `detailOffset` is where the entry goes wrong; when that is
   * on a later line, the message says which.
   */
  private problem(at: number, message: string, severity: LibraryProblem['severity'], detailOffset?: number): void {
    const line = this.line(at);
    const detailLine = detailOffset === undefined ? line : this.line(Math.max(at, detailOffset));
    const where = detailLine !== line ? ` at line ${detailLine}` : '';
    this.problems.push({ file: this.file, line, message: message.replace('%where%', where), severity });
  }

  /** A quote of the text at `i`, up to the end of its line. */
  private found(i: number): string {
    const eol = this.text.indexOf('\n', i);
    return preview(this.text.slice(i, eol === -1 || eol - i > 20 ? i + 20 : eol), 20);
  }

  /** Reads the item (entry, `@string`, `@comment`, `@preamble`) at `at`; returns where it ends. */
  private item(at: number, limit: number): number {
    const text = this.text;
    NAME.lastIndex = this.skipBlank(at + 1, limit);
    const name = NAME.exec(text);
    if (!name) return at + 1;
    const type = name[0].toLowerCase();
    const open = this.skipBlank(NAME.lastIndex, limit);
    const opener = text.charCodeAt(open);
    if (opener !== 123 && opener !== 40) {
      // Free text between entries may hold an `@` (an e-mail address); only a line that
      // starts with `@type` is meant as an entry.
      this.lineAround(at);
      if (this.lineText < at) return at + 1;
      throw new EntryError(`"@${name[0]}" is not followed by "{" or "("; skipped`, open);
    }
    const close = opener === 123 ? 125 : 41;
    if (type === 'comment') {
      const end = opener === 123 ? this.closingBrace(open, limit) : -1;
      return end === -1 ? open + 1 : end + 1;
    }
    if (type === 'preamble') {
      this.value(open + 1, limit, '@preamble', '@preamble');
      let i = this.valueEnd;
      i = this.skipBlank(i, limit);
      if (text.charCodeAt(i) !== close) throw new EntryError(`@preamble is not closed with "${String.fromCharCode(close)}"%where%; skipped`, i);
      return i + 1;
    }
    if (type === 'string') return this.stringDefinition(open + 1, limit, close);
    return this.entry(at, type, open + 1, limit, close);
  }

  /** `@string{name = value}`. */
  private stringDefinition(from: number, limit: number, close: number): number {
    const text = this.text;
    let i = this.skipBlank(from, limit);
    FIELD_NAME.lastIndex = i;
    const m = FIELD_NAME.exec(text);
    if (!m) throw new EntryError(`@string has no name; skipped`, i);
    i = this.skipBlank(FIELD_NAME.lastIndex, limit);
    if (text.charCodeAt(i) !== 61) throw new EntryError(`@string "${m[0]}" has no "="%where%; skipped`, i);
    const raw = this.value(i + 1, limit, `@string "${m[0]}"`, `@string "${m[0]}"`);
    i = this.skipBlank(this.valueEnd, limit);
    if (text.charCodeAt(i) === 44) i = this.skipBlank(i + 1, limit);
    if (text.charCodeAt(i) !== close) throw new EntryError(`@string "${m[0]}" is not closed with "${String.fromCharCode(close)}"%where%; skipped`, i);
    this.strings.set(m[0].toLowerCase(), raw);
    this.defined.set(detach(m[0].toLowerCase()), detach(raw));
    // A name it uses that no `@string` defined: warned here, as in an entry.
    this.reportPending(from, '');
    return i + 1;
  }

  /** An entry from after its opening delimiter; returns the index after its closing one. */
  private entry(at: number, type: string, from: number, limit: number, close: number): number {
    const text = this.text;
    let i = this.skipBlank(from, limit);
    let keyEnd = i;
    while (keyEnd < limit) {
      const c = text.charCodeAt(keyEnd);
      if (c === 44 || c === close || c === 125 || c === 61 || c === 37 || c === 32 || c === 9 || c === 10 || c === 13) break;
      keyEnd++;
    }
    const key = text.slice(i, keyEnd);
    i = this.skipBlank(keyEnd, limit);
    const label = `@${type}{${key}}`;
    // `@article{,`: no key, as Mendeley exports an entry it has none for. Read as a paper that
    // cannot be cited (below); a field where the key should be is a broken entry.
    if (text.charCodeAt(i) === 61 || (!key && text.charCodeAt(i) !== 44)) throw new EntryError(`@${type} has no citation key; skipped`, i);

    const fields = this.fields;
    fields.clear();
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === close) break;
      if (c !== 44) {
        if (i >= limit) throw new EntryError(`${label} is not closed with "${String.fromCharCode(close)}"; skipped`, i);
        throw new EntryError(`${label}: expected "," or "${String.fromCharCode(close)}"%where%, found "${this.found(i)}"; skipped`, i);
      }
      i = this.skipBlank(i + 1, limit);
      if (text.charCodeAt(i) === close) break;
      FIELD_NAME.lastIndex = i;
      const m = FIELD_NAME.exec(text);
      if (!m || FIELD_NAME.lastIndex > limit) throw new EntryError(`${label}: expected a field name%where%, found "${this.found(i)}"; skipped`, i);
      const field = m[0].toLowerCase();
      i = this.skipBlank(FIELD_NAME.lastIndex, limit);
      if (text.charCodeAt(i) !== 61) throw new EntryError(`${label}: field "${m[0]}"%where% has no "="; skipped`, i);
      const keep = KEPT_FIELDS.has(field) && !fields.has(field);
      const raw = this.value(i + 1, limit, `${label}: field "${m[0]}"`, `"${m[0]}"`, keep);
      if (keep) fields.set(field, raw);
      i = this.skipBlank(this.valueEnd, limit);
    }
    const end = i + 1;
    this.addEntry(at, end, type, key || undefined, fields);
    return end;
  }

  /**
   * A value: pieces joined with `#`. `where` names it in messages, `valueOf` in warnings (`"journal"`,
   * `@string "acl"`). Sets
   * `valueEnd` to the index after it (no result object per value: there are a million). With
   * `keep` false the value is only skipped over, not built.
   */
  private value(from: number, limit: number, where: string, valueOf: string, keep = true): string {
    const text = this.text;
    let raw = '';
    let i = from;
    for (;;) {
      i = this.skipBlank(i, limit);
      const c = text.charCodeAt(i);
      if (c === 123) {
        const end = this.closingBrace(i, limit);
        if (end === -1) throw new EntryError(`${where}: "{"%where% is never closed; skipped`, i);
        if (keep) raw += text.slice(i + 1, end);
        i = end + 1;
      } else if (c === 34) {
        const end = this.closingQuote(i, limit);
        if (end === -1) throw new EntryError(`${where}: '"'%where% is never closed; skipped`, i);
        if (keep) raw += text.slice(i + 1, end);
        i = end + 1;
      } else if (c >= 48 && c <= 57) {
        NUMBER.lastIndex = i;
        NUMBER.exec(text);
        if (keep) raw += text.slice(i, NUMBER.lastIndex);
        i = NUMBER.lastIndex;
      } else {
        NAME.lastIndex = i;
        const m = i < limit ? NAME.exec(text) : null;
        if (!m) throw new EntryError(`${where}%where% has no value; skipped`, i);
        const name = m[0].toLowerCase();
        let defined = this.strings.get(name);
        // A name the file does not define (yet): the other files of the load may (see `outside`).
        if (defined === undefined && keep) this.outside.add(name);
        defined ??= this.options.strings?.get(name) ?? STYLE_MACROS.get(name);
        // Only for a value kept: a name in a field no paper shows (`publisher`, `address`) warns of nothing the user sees.
        if (defined === undefined && keep) this.pending.push({ name: m[0], valueOf });
        raw += defined ?? m[0];
        i = NAME.lastIndex;
      }
      const after = this.skipBlank(i, limit);
      if (text.charCodeAt(after) !== 35) {
        this.valueEnd = i;
        return raw;
      }
      i = after + 1;
    }
  }

  /** Skips whitespace and `%` comments up to `limit`. */
  private skipBlank(i: number, limit: number): number {
    const text = this.text;
    while (i < limit) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        i++;
      } else if (c === 37) {
        const eol = text.indexOf('\n', i);
        i = eol === -1 || eol > limit ? limit : eol + 1;
      } else {
        break;
      }
    }
    return i;
  }

  /** The `}` closing the `{` at `open`, before `limit`, or -1. */
  private closingBrace(open: number, limit: number): number {
    const text = this.text;
    let depth = 0;
    BRACES.lastIndex = open;
    for (let m = BRACES.exec(text); m && m.index < limit; m = BRACES.exec(text)) {
      const c = text.charCodeAt(m.index);
      if (c === 92) BRACES.lastIndex = m.index + 2;
      else if (c === 123) depth++;
      else if (--depth === 0) return m.index;
    }
    return -1;
  }

  /** The `"` closing the one at `open`, outside braces, before `limit`, or -1. */
  private closingQuote(open: number, limit: number): number {
    const text = this.text;
    let depth = 0;
    QUOTED.lastIndex = open + 1;
    for (let m = QUOTED.exec(text); m && m.index < limit; m = QUOTED.exec(text)) {
      const c = text.charCodeAt(m.index);
      if (c === 92) QUOTED.lastIndex = m.index + 2;
      else if (c === 123) depth++;
      else if (c === 125) depth = Math.max(0, depth - 1);
      else if (depth === 0) return m.index;
    }
    return -1;
  }

  private addEntry(at: number, end: number, type: string, key: string | undefined, fields: Fields): void {
    if (NOT_WORKS.has(type)) return;
    const label = `@${type}{${key ?? ''}}`;
    const folded = key?.toLowerCase();
    const earlier = folded === undefined ? undefined : this.keyLines.get(folded);
    if (earlier !== undefined) {
      this.problem(at, `${label}: the key "${key}" is already used by the entry at line ${earlier}; skipped`, 'error');
      return;
    }
    const decode = (raw: string | undefined) => (raw === undefined ? '' : decodeLatex(raw, this.options));
    const title = decode(fields.get('title'));
    if (!title) {
      this.problem(at, `${label} has no title; skipped`, 'error');
      if (folded !== undefined) {
        const venue = fields.get('booktitle') ?? fields.get('journal') ?? fields.get('journaltitle') ?? fields.get('eventtitle');
        this.untitled.set(detach(folded), { venue: decode(venue) || undefined, year: yearIn(fields.get('year')) ?? yearIn(fields.get('date')) });
      }
      return;
    }
    // A copy: a key folded to the same case is the key itself, a slice that would keep the piece alive.
    if (folded !== undefined) this.keyLines.set(detach(folded), this.line(at));
    else this.problem(at, `${label} has no citation key; read as a paper, which cannot be cited`, 'warning');
    this.reportPending(at, `${label}: `);
    if (!KNOWN_TYPES.has(type)) this.problem(at, `${label}: unknown entry type "@${type}"; read as a paper anyway`, 'warning');

    const names = fields.get('author') ?? fields.get('editor');
    const verbatim = (name: string) => {
      const raw = fields.get(name);
      return raw === undefined ? undefined : decodeVerbatim(raw) || undefined;
    };
    const url = verbatim('url');
    // A DOI, else the one a DOI link in `url` names (an ACM export's `url = {https://doi.org/10...}`).
    const doi = cleanDoi(verbatim('doi')) ?? (url && /^https?:\/\/(?:dx\.)?doi\.org\//i.test(url) ? cleanDoi(url) : undefined);
    // The proceedings' title, else (biblatex, as Better BibLaTeX exports conference papers) the event's.
    const venueRaw = fields.get('journal') ?? fields.get('journaltitle') ?? fields.get('booktitle') ?? fields.get('eventtitle');
    const entry: MutableEntry = {
      key,
      type,
      title,
      authors: names === undefined ? [] : bibtexNames(names, this.options),
      year: yearIn(fields.get('year')) ?? yearIn(fields.get('date')),
      venue: decode(venueRaw) || undefined,
      doi,
      url,
      arxivId: arxivIdOf(fields, url, doi),
      abstract: decode(fields.get('abstract')),
      keywords: splitKeywords(decode(fields.get('keywords'))),
      format: 'bibtex',
      file: this.file,
      line: this.line(at),
      start: this.base + at,
      end: this.base + end,
      original: this.options.originals === false ? undefined : this.text.slice(at, end),
    };
    // Copied out of the piece now, not once the file is read: then every entry kept its piece
    // (the whole text of it, through slices) alive to the end of the parse, and the young
    // generation's collections copied all of it, twice, to the old one: at 50,000 entries
    // (89 MB), collections were a third of the parse.
    detachEntry(entry, this.shared);
    this.entries.push(entry);
    const crossref = fields.get('crossref');
    // A copy, as the keys seen are (see above).
    if (crossref) this.crossrefs.push([entry, detach(crossref.trim().toLowerCase())]);
  }

  /** Fills a child's venue and year from the entry its `crossref` names (BibTeX inheritance). */
  private resolveCrossrefs(): void {
    if (!this.crossrefs.length) return;
    const byKey = new Map<string, { venue?: string; title?: string; year?: number }>(this.untitled);
    for (const e of this.entries) if (e.key !== undefined) byKey.set(e.key.toLowerCase(), e);
    for (const [child, key] of this.crossrefs) {
      const parent = byKey.get(key);
      if (!parent) continue;
      child.venue ??= parent.venue ?? parent.title;
      child.year ??= parent.year;
    }
  }
}

/**
 * The arXiv id of an entry: `eprint` when `archivePrefix`/`eprinttype` is arXiv (or absent and
 * the eprint looks like an arXiv id), a Mendeley `arxivId`, else one named by the URL, the DOI
 * (`10.48550/arXiv.*`) or a note (`arXiv preprint arXiv:2101.00001`).
 */
function arxivIdOf(fields: Fields, url: string | undefined, doi: string | undefined): string | undefined {
  const archive = (fields.get('archiveprefix') ?? fields.get('eprinttype'))?.trim().toLowerCase();
  const eprint = fields.get('eprint');
  if (eprint && (archive === undefined || archive === 'arxiv')) {
    const id = cleanArxivId(decodeVerbatim(eprint));
    if (id) return id;
  }
  return (
    cleanArxivId(fields.get('arxivid')) ??
    arxivIdIn(url) ??
    arxivIdIn(doi) ??
    arxivIdIn(fields.get('journal')) ??
    arxivIdIn(fields.get('note')) ??
    arxivIdIn(fields.get('howpublished'))
  );
}

/**
 * Papers as a table of a few strings and integer arrays, for handing 50,000 of them from the
 * library worker to the editor's thread and for storing them with the prepared index
 * (`core/prepared.ts`).
 *
 * Why not the papers as objects: a `postMessage` of 50,000 papers (each with its arrays of
 * authors, keys and sources) is a million small objects to clone and collect; received in
 * chunks that keep the thread free it took a second at 50,000 papers, and held 160 MB of
 * heap. The table is the text of every field of every paper (the ASCII text, 99% of arXiv's, as
 * bytes; the rest as one string) and two integer arrays: its arrays are transferred, not
 * copied. `unpackPapers` cuts the papers back out of it in steps, decoding the bytes a
 * megabyte at a time, each string a slice of its piece (V8 keeps a slice as a pointer into its
 * parent, not a copy).
 *
 * Why ASCII apart, as bytes: V8 stores a string at one byte a character only when it was made
 * so, and text decoded from UTF-8 is made two bytes a character as soon as it holds one
 * character past ASCII, even `é`: one such character among 70 MB of joined abstracts would
 * double them. And 80 MB of text as a string in a message is received in one go, a 100 ms
 * stall on the receiving thread; as bytes it is decoded in slices.
 */
import { asciiItems, asciiText as asciiOf, isAscii, type AsciiItems } from './asciiText';
import { positionOf } from './lines';
import { textList, textsOf, type TextList } from './prepared';
import { ITEMS_PER_STEP, Pace, type Steps } from './steps';
import type { LibraryFormat, Paper, PaperSource } from './types';
import { fnv1a, FNV_OFFSET, fnvStep, LONE_SURROGATE, PAST_ASCII } from './text';
import { ID_HASH } from './idTable';

export interface PaperTable {
  readonly papers: number;
  /** Every paper's fields in turn, as counts, numbers and flags (see `packPapers`). */
  readonly ints: Int32Array;
  /** Each string's length, in the order written; `~length` (negative) for a string in `wide`. */
  readonly lengths: Int32Array;
  /** The ASCII strings but ids, titles and abstracts, joined, as bytes. */
  readonly narrow: Uint8Array;
  /**
   * The ASCII ids and titles, joined, as bytes: apart from `narrow`, so that cutting every paper
   * out (`unpackPapers`) checks and hashes only them. Decoding all of `narrow` for them took 86
   * ms of a warm start at 50,000 papers, and 11.7 MB of strings (a lazy paper now decodes its
   * own when first asked: see `TablePaper`).
   */
  readonly heads: Uint8Array;
  /**
   * The abstracts, joined, as UTF-8 bytes (their lengths in bytes): apart from `narrow`, so that
   * the editor's host can leave them undecoded until a paper's abstract is read (see
   * `unpackPapers`' `lazy`), and a stored load leaves them on the disk (`AbstractsLater`). An
   * abstract past ASCII is here too: such abstracts were 99% of `wide` at 50,000 papers (4.6M
   * characters in 3,352 abstracts), decoded on every warm start (47 ms) into two-byte strings
   * (9 MB) that nothing read. One holding a lone surrogate, which UTF-8 cannot hold, is in `wide`.
   */
  readonly abstracts: Uint8Array;
  /**
   * The others, joined into pieces of about `WIDE_PIECE` characters (a string longer than that
   * is a piece of its own): no string runs across two pieces. One string of them all, 4.6
   * million characters at 50,000 papers, was decoded on the editor's host as pieces joined by
   * reference, which V8 copies into one (9 MB of fresh memory) at the first slice: a 35 ms step.
   */
  readonly wide: readonly string[];
  /**
   * Strings that many papers share (authors, keywords, file names, entry types, venues), each
   * once: a paper holds their positions in `ints`, and the papers cut out share one string.
   */
  readonly shared: TextList;
}

/**
 * Every field a paper may have, and whether the table holds it: adding a field to `Paper`
 * without teaching the table fails to compile here, rather than losing the field silently.
 */
const PAPER_FIELDS: Readonly<Record<keyof Paper, true>> = {
  id: true,
  title: true,
  abstract: true,
  links: true,
  authors: true,
  year: true,
  source: true,
  venue: true,
  doi: true,
  url: true,
  arxivId: true,
  keywords: true,
  entryType: true,
  keys: true,
  sources: true,
};
const SOURCE_FIELDS: Readonly<Record<keyof PaperSource, true>> = { file: true, line: true, format: true, key: true, start: true, end: true };

/** Which optional fields a paper has: one bit each. */
const enum Has {
  Authors = 1,
  Year = 2,
  Source = 4,
  Venue = 8,
  Doi = 16,
  Url = 32,
  ArxivId = 64,
  Keywords = 128,
  EntryType = 256,
  Keys = 512,
  Sources = 1024,
}
/** Which optional fields a source has. */
const enum SourceHas {
  Key = 1,
  Start = 2,
  End = 4,
}
const FORMATS: readonly LibraryFormat[] = ['bibtex', 'csl-json', 'listing'];

/** The ASCII bytes decoded at a time while unpacking (about a millisecond's work). */
const PIECE = 1 << 20;

/** About how many characters a piece of a table's `wide` text holds (see `PaperTable.wide`). */
const WIDE_PIECE = 1 << 18;

/**
 * `papers` as a table; throws on a field the table does not know (see `PAPER_FIELDS`) or a number
 * that is not a 32-bit integer. `shared`: its arrays in `SharedArrayBuffer`s, so that posting the
 * table to other threads shares them instead of copying (the library worker sends it to its
 * helper and, with a first stage, to the editor, and keeps it to store): at 50,000 papers a copy
 * of the 75 MB of arrays took 0.65 s of the worker's thread, and as long again to receive.
 */
export function packPapers(papers: readonly Paper[], shared = false): PaperTable {
  const ints: number[] = [];
  const lengths: number[] = [];
  const narrow: string[] = [];
  const heads: string[] = [];
  // ASCII abstracts as they are, others as their UTF-8 bytes.
  const abstracts: (string | Uint8Array)[] = [];
  const wide: string[] = [];
  // The piece being filled: its strings, and their length.
  let piece: string[] = [];
  let pieceLength = 0;
  const int = (n: number) => {
    if (!Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31) throw new Error(`paper table: ${n} is not a 32-bit integer`);
    ints.push(n);
  };
  const text = (s: string, ascii = narrow) => {
    if (PAST_ASCII.test(s)) {
      if (pieceLength > 0 && pieceLength + s.length > WIDE_PIECE) {
        wide.push(piece.join(''));
        piece = [];
        pieceLength = 0;
      }
      piece.push(s);
      pieceLength += s.length;
      lengths.push(~s.length);
    } else {
      ascii.push(s);
      lengths.push(s.length);
    }
  };
  const abstractText = (s: string) => {
    if (!PAST_ASCII.test(s)) {
      abstracts.push(s);
      lengths.push(s.length);
    } else if (LONE_SURROGATE.test(s)) text(s);
    else {
      const bytes = UTF8_ENCODER.encode(s);
      abstracts.push(bytes);
      lengths.push(bytes.length);
    }
  };
  const list = (items: readonly string[]) => {
    int(items.length);
    for (const item of items) text(item);
  };
  const sharedAt = new Map<string, number>();
  const sharedText = (s: string) => {
    let at = sharedAt.get(s);
    if (at === undefined) sharedAt.set(s, (at = sharedAt.size));
    int(at);
  };
  const sharedList = (items: readonly string[]) => {
    int(items.length);
    for (const item of items) sharedText(item);
  };
  for (const paper of papers) {
    for (const key of Object.keys(paper)) if (!(key in PAPER_FIELDS)) throw new Error(`paper table: papers have no field ${key}`);
    const has =
      (paper.authors ? Has.Authors : 0) |
      (paper.year !== undefined ? Has.Year : 0) |
      (paper.source ? Has.Source : 0) |
      (paper.venue !== undefined ? Has.Venue : 0) |
      (paper.doi !== undefined ? Has.Doi : 0) |
      (paper.url !== undefined ? Has.Url : 0) |
      (paper.arxivId !== undefined ? Has.ArxivId : 0) |
      (paper.keywords ? Has.Keywords : 0) |
      (paper.entryType !== undefined ? Has.EntryType : 0) |
      (paper.keys ? Has.Keys : 0) |
      (paper.sources ? Has.Sources : 0);
    int(has);
    text(paper.id, heads);
    text(paper.title, heads);
    abstractText(paper.abstract);
    list(paper.links);
    if (paper.authors) sharedList(paper.authors);
    if (paper.year !== undefined) int(paper.year);
    if (paper.source) {
      sharedText(paper.source.file);
      int(paper.source.line);
    }
    if (paper.venue !== undefined) sharedText(paper.venue);
    if (paper.doi !== undefined) text(paper.doi);
    if (paper.url !== undefined) text(paper.url);
    if (paper.arxivId !== undefined) text(paper.arxivId);
    if (paper.keywords) sharedList(paper.keywords);
    if (paper.entryType !== undefined) sharedText(paper.entryType);
    if (paper.keys) list(paper.keys);
    if (paper.sources) {
      int(paper.sources.length);
      for (const source of paper.sources) {
        for (const key of Object.keys(source)) if (!(key in SOURCE_FIELDS)) throw new Error(`paper table: sources have no field ${key}`);
        int((source.key !== undefined ? SourceHas.Key : 0) | (source.start !== undefined ? SourceHas.Start : 0) | (source.end !== undefined ? SourceHas.End : 0));
        sharedText(source.file);
        int(source.line);
        int(FORMATS.indexOf(source.format));
        if (source.key !== undefined) text(source.key);
        if (source.start !== undefined) int(source.start);
        if (source.end !== undefined) int(source.end);
      }
    }
  }
  const int32s = (values: readonly number[]) => {
    const array = shared ? new Int32Array(new SharedArrayBuffer(values.length * 4)) : new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) array[i] = values[i];
    return array;
  };
  const sharedTexts = textList([...sharedAt.keys()]);
  return {
    papers: papers.length,
    ints: int32s(ints),
    lengths: int32s(lengths),
    narrow: joinedBytes(narrow, shared),
    heads: joinedBytes(heads, shared),
    abstracts: joinedBytes(abstracts, shared),
    wide: pieceLength > 0 ? [...wide, piece.join('')] : wide,
    shared: shared ? { ...sharedTexts, lengths: int32s([...sharedTexts.lengths]) } : sharedTexts,
  };
}

/** Whether every array of the table is shared between threads, none copied nor transferred when posted (see `packPapers`). */
export function isSharedTable(table: PaperTable): boolean {
  return [table.ints, table.lengths, table.narrow, table.heads, table.abstracts, table.shared.lengths].every((array) => array.buffer instanceof SharedArrayBuffer);
}

/**
 * `texts` (ASCII strings, or bytes as they are), joined, as bytes: written directly, not joined
 * into one string (70 MB of abstracts) and encoded.
 */
function joinedBytes(texts: readonly (string | Uint8Array)[], shared: boolean): Uint8Array {
  let length = 0;
  for (const text of texts) length += text.length;
  const bytes = shared ? new Uint8Array(new SharedArrayBuffer(length)) : new Uint8Array(length);
  let at = 0;
  for (const text of texts) {
    if (typeof text === 'string') {
      // Natively: 74 MB at 50,000 papers took 570 ms written a character at a time. (ASCII: a byte a character.)
      const { written } = UTF8_ENCODER.encodeInto(text, bytes.subarray(at, at + text.length));
      if (written !== text.length) throw new Error('paper table: text that is not ASCII among the ASCII');
      at += written;
    } else {
      bytes.set(text, at);
      at += text.length;
    }
  }
  return bytes;
}

/** The ASCII bytes from `start` that come before `end` and before the first byte past ASCII: where they stop. */
function asciiUpTo(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && bytes[i] < 0x80) i++;
  return i;
}

const UTF8_ENCODER = new TextEncoder();

/** `bytes[start, end)` as text; throws unless they are ASCII. */
function asciiText(bytes: Uint8Array, start: number, end: number): string {
  const text = asciiOf(bytes.subarray(start, end));
  if (text === undefined) throw new Error('paper table: text that is not ASCII');
  return text;
}

/**
 * Reads the ASCII strings of one of the table's byte sections in order, from `at`, decoding it
 * a megabyte at a time: each string a slice of its piece (see the file comment). With `utf8`
 * (the abstracts), a string past ASCII is decoded on its own, and a piece stops before it.
 */
class AsciiReader {
  // The piece decoded last, and where it starts.
  private text = '';
  private textAt = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private at = 0,
    private readonly utf8 = false,
  ) {}

  /** The next `length` bytes' text. */
  read(length: number): string {
    const start = this.skip(length);
    const end = this.at;
    if (end > this.textAt + this.text.length) {
      const stop = Math.max(end, Math.min(this.bytes.length, start + PIECE));
      const ascii = this.utf8 ? asciiUpTo(this.bytes, start, stop) : stop;
      if (ascii < end) return UTF8_DECODER.decode(this.bytes.subarray(start, end));
      this.text = asciiText(this.bytes, start, ascii);
      this.textAt = start;
    }
    return this.text.slice(start - this.textAt, end - this.textAt);
  }

  /** `fnv1a` of the next `length` bytes' text (ASCII: a byte a code unit), read where they lie, before `read` decodes them. */
  hashNext(length: number): number {
    const { bytes } = this;
    const end = Math.min(bytes.length, this.at + length);
    let h = FNV_OFFSET;
    for (let i = this.at; i < end; i++) h = fnvStep(h, bytes[i]);
    return h >>> 0;
  }

  /** Passes over the next `length` characters, undecoded; where they start. */
  skip(length: number): number {
    const start = this.at;
    this.at += length;
    if (this.at > this.bytes.length) throw new Error('paper table: the text ends early');
    return start;
  }

  /** Where the next string starts. */
  get position(): number {
    return this.at;
  }

  /** Whether every byte was read. */
  get done(): boolean {
    return this.at === this.bytes.length;
  }
}

/**
 * A table's `wide` pieces, read by position as if they were joined (see `PaperTable.wide`).
 * Each string lies within one piece; one that would run across two is a damaged table.
 */
class WideText {
  /** Where each piece starts, and the end of the last. */
  private readonly starts: number[] = [0];
  /** The piece read last: the walk over every paper reads them in order. */
  private last = 0;

  constructor(private readonly pieces: readonly string[]) {
    if (!Array.isArray(pieces)) throw new Error('paper table: its wide text is not in pieces');
    for (const piece of pieces) {
      if (typeof piece !== 'string') throw new Error('paper table: a piece of its wide text is not text');
      this.starts.push(this.starts[this.starts.length - 1] + piece.length);
    }
  }

  get length(): number {
    return this.starts[this.pieces.length];
  }

  /** The `length` characters from `from`. */
  slice(from: number, length: number): string {
    const { piece, at } = this.find(from, length);
    return piece.slice(at, at + length);
  }

  /** The piece that holds the `length` characters from `from`, and where they start in it; throws when none does. */
  find(from: number, length: number): { piece: string; at: number } {
    let p = this.last;
    // Else the last piece that starts at or before `from` (past the last piece: none).
    if (!(this.starts[p] <= from && from < this.starts[p + 1])) p = positionOf(this.starts, from).line;
    const piece = this.pieces[p];
    const at = from - this.starts[p];
    if (piece === undefined || at < 0 || at + length > piece.length) throw new Error('paper table: the text ends early');
    this.last = p;
    return { piece, at };
  }
}

/** Where a paper's fields after its abstract start in each of its table's sections. */
interface FieldsAt {
  /** In `ints`. */
  readonly intsAt: number;
  /** In `lengths`. */
  readonly lengthsAt: number;
  readonly narrowAt: number;
  readonly wideAt: number;
}

/**
 * Reads a table's fields in the order `packPapers` wrote them, from a position: the walk over
 * every paper (`unpackPapers`), and a lazy paper reading its own fields (`TablePaper`). Every
 * count and position is checked against the table, so a damaged one throws rather than give
 * a paper another's fields.
 */
class TableReader {
  private i: number;
  private s: number;
  private w: number;
  private readonly narrow: AsciiReader;

  /** `narrowText`: where a lazy paper reads its ASCII strings (else they are decoded a megabyte at a time, for the walk over every paper). */
  constructor(
    private readonly table: PaperTable,
    private readonly shared: readonly string[],
    private readonly wide: WideText,
    at: FieldsAt = { intsAt: 0, lengthsAt: 0, narrowAt: 0, wideAt: 0 },
    private readonly narrowText?: AsciiItems,
  ) {
    this.i = at.intsAt;
    this.s = at.lengthsAt;
    this.w = at.wideAt;
    this.narrow = new AsciiReader(table.narrow, at.narrowAt);
  }

  // Where the next field starts: a reader is the `FieldsAt` of the paper it reads.
  get intsAt(): number {
    return this.i;
  }
  get lengthsAt(): number {
    return this.s;
  }
  get narrowAt(): number {
    return this.narrow.position;
  }
  get wideAt(): number {
    return this.w;
  }

  /** Whether every number and string but the abstracts was read. */
  get done(): boolean {
    return this.i === this.table.ints.length && this.s === this.table.lengths.length && this.narrow.done && this.w === this.wide.length;
  }

  int(): number {
    if (this.i >= this.table.ints.length) throw new Error('paper table: the numbers end early');
    return this.table.ints[this.i++];
  }

  /** A string's length: `~length` for one in `wide` (see `PaperTable.lengths`). */
  length(): number {
    if (this.s >= this.table.lengths.length) throw new Error('paper table: the strings end early');
    return this.table.lengths[this.s++];
  }

  /** The string in `wide` of length `~n`. */
  wideText(n: number): string {
    const text = this.wide.slice(this.w, ~n);
    this.w += ~n;
    return text;
  }

  text(): string {
    const n = this.length();
    if (n < 0) return this.wideText(n);
    if (!this.narrowText) return this.narrow.read(n);
    const start = this.narrow.skip(n);
    return this.narrowText(start, start + n);
  }

  skipText(): void {
    const n = this.length();
    if (n >= 0) this.narrow.skip(n);
    else {
      // Passed over without a slice of the wide text: the walk over every paper skips each field.
      this.wide.find(this.w, ~n);
      this.w += ~n;
    }
  }

  sharedText(): string {
    const t = this.shared[this.int()];
    if (t === undefined) throw new Error('paper table: a shared string it does not hold');
    return t;
  }

  /** A count of things that each take at least one number (`strings`: one string) of what is left. */
  count(strings = false): number {
    const n = this.int();
    const left = strings ? this.table.lengths.length - this.s : this.table.ints.length - this.i;
    if (n < 0 || n > left) throw new Error('paper table: a count past the end of the table');
    return n;
  }

  /**
   * A count, then that many strings read by `item`, in an array of exactly that size: an array
   * grown by `push` from empty has room for 17 items, 150 bytes however few it holds, and
   * 50,000 papers have 300,000 small lists (45 MB of the extension host's heap when pushed).
   */
  private listOf(item: () => string, strings: boolean): string[] {
    const n = this.count(strings);
    const out = new Array<string>(n);
    for (let k = 0; k < n; k++) out[k] = item();
    return out;
  }

  /** The fields after the abstract of a paper whose flags are `has`, in the order a plain paper has them. */
  fields(has: number): Omit<Paper, 'id' | 'title' | 'abstract'> {
    const paper: { -readonly [K in keyof Paper]?: Paper[K] } = { links: this.listOf(() => this.text(), true) };
    if (has & Has.Authors) paper.authors = this.listOf(() => this.sharedText(), false);
    if (has & Has.Year) paper.year = this.int();
    if (has & Has.Source) paper.source = { file: this.sharedText(), line: this.int() };
    if (has & Has.Venue) paper.venue = this.sharedText();
    if (has & Has.Doi) paper.doi = this.text();
    if (has & Has.Url) paper.url = this.text();
    if (has & Has.ArxivId) paper.arxivId = this.text();
    if (has & Has.Keywords) paper.keywords = this.listOf(() => this.sharedText(), false);
    if (has & Has.EntryType) paper.entryType = this.sharedText();
    if (has & Has.Keys) paper.keys = this.listOf(() => this.text(), true);
    if (has & Has.Sources) {
      const n = this.count();
      const sources = new Array<PaperSource>(n);
      for (let m = 0; m < n; m++) {
        const sourceHas = this.int();
        const source: { -readonly [K in keyof PaperSource]: PaperSource[K] } = { file: this.sharedText(), line: this.int(), format: FORMATS[this.int()] };
        if (source.format === undefined) throw new Error('paper table: a source of no known format');
        if (sourceHas & SourceHas.Key) source.key = this.text();
        if (sourceHas & SourceHas.Start) source.start = this.int();
        if (sourceHas & SourceHas.End) source.end = this.int();
        sources[m] = source;
      }
      paper.sources = sources;
    }
    return paper as Omit<Paper, 'id' | 'title' | 'abstract'>;
  }

  /**
   * Passes over what `fields` reads, making nothing: the walk that leaves papers' fields to be
   * read when asked for. The same order as `fields`: a paper that read from another's place
   * would show in `paperTable.test.ts`, which reads every field of real papers lazily and
   * compares each with the plain paper's.
   */
  skipFields(has: number): void {
    const texts = (n: number) => {
      for (let k = 0; k < n; k++) this.skipText();
    };
    const shareds = (n: number) => {
      for (let k = 0; k < n; k++) this.sharedText();
    };
    texts(this.count(true));
    if (has & Has.Authors) shareds(this.count());
    if (has & Has.Year) this.int();
    if (has & Has.Source) {
      this.sharedText();
      this.int();
    }
    if (has & Has.Venue) this.sharedText();
    if (has & Has.Doi) this.skipText();
    if (has & Has.Url) this.skipText();
    if (has & Has.ArxivId) this.skipText();
    if (has & Has.Keywords) shareds(this.count());
    if (has & Has.EntryType) this.sharedText();
    if (has & Has.Keys) texts(this.count(true));
    if (has & Has.Sources) {
      const n = this.count();
      for (let m = 0; m < n; m++) {
        const sourceHas = this.int();
        this.sharedText();
        this.int();
        if (FORMATS[this.int()] === undefined) throw new Error('paper table: a source of no known format');
        if (sourceHas & SourceHas.Key) this.skipText();
        if (sourceHas & SourceHas.Start) this.int();
        if (sourceHas & SourceHas.End) this.int();
      }
    }
  }
}

/** Decodes an abstract left as bytes (see `TablePaper`), and one past ASCII read in turn (see `AsciiReader`); throws on bytes that are not UTF-8. */
const UTF8_DECODER = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** What the papers of one table share: the table, its shared strings, and its abstracts where they come apart (`AbstractsLater`). */
interface TableOf {
  readonly table: PaperTable;
  readonly shared: readonly string[];
  /**
   * A string of `PaperTable.narrow` or of `heads`: the bytes `[start, end)` as text, decoded on
   * its own when a paper first reads it (both checked ASCII as the papers were cut). A search
   * reads the fields of a few dozen papers spread over the table: decoding the 64 KB around each
   * string read (each piece once, the strings slices of it) made each of the first searches after
   * a warm start 15 ms slower at 50,000 papers, and a string on its own decodes in a fraction of a
   * microsecond (Node's `Buffer`).
   */
  readonly narrow: AsciiItems;
  readonly head: AsciiItems;
  readonly wide: WideText;
  readonly later?: AbstractsLater;
  /** Whether a paper keeps its abstract once decoded (see `unpackPapers`' `keepAbstracts`). */
  readonly keepAbstracts: boolean;
  /** Whether a paper keeps its fields after the abstract once decoded (see `unpackPapers`' `keepFields`); if not, the last paper's read are kept here. */
  readonly keepFields: boolean;
  last: { row: number; fields: Omit<Paper, 'id' | 'title' | 'abstract'> } | undefined;
  /** Each paper's places in the table, `ROW` numbers a paper (see `Row`): kept here, not as fields of 50,000 objects. */
  readonly rows: Int32Array;
}

/** A lazy paper's numbers in `TableOf.rows`: its flags, where its fields after the abstract start (`FieldsAt`), its abstract's bytes, and its id's hash. */
const enum Row {
  Has,
  Ints,
  Lengths,
  Narrow,
  Wide,
  AbstractAt,
  AbstractLength,
  IdHash,
  /** Where its id's and title's bytes lie in the table's `heads` (an id or title past ASCII is the paper's own, see `TablePaper`). */
  IdAt,
  IdLength,
  TitleAt,
  TitleLength,
}
const ROW = 12;

/**
 * A table's abstracts kept apart from its papers (a stored load's last part, see
 * `core/libraryCache.ts`): `length` bytes, each abstract read where it lies when first asked
 * for (from the stored file: see `openStoredAbstracts`). The table's own `abstracts` are then
 * not read.
 */
export interface AbstractsLater {
  readonly length: number;
  /** The `length` bytes from `at`. */
  readonly read: (at: number, length: number) => Uint8Array;
}

/**
 * A paper cut out of a table that reads its fields when first asked for: at 50,000 papers,
 * the editor's host makes 50,000 small objects on a warm start instead of half a million
 * (authors' lists, sources, links: 170 ms of its thread and most of a garbage collection),
 * when it reads a few papers' fields for a hover card or the paper view, and search reads
 * those of its hits. Every field is a getter: its id and title each decoded on its own, the
 * rest read together from the table, the first time one is asked for. An ASCII abstract stays
 * bytes until read (60 MB at 50,000 papers). Nothing on the editor's thread reads every id or
 * title after a load (a corpus's names take its ids one at a time, see `PaperIds`): decoded as
 * the papers were cut, they were 100,000 strings for the first collections to copy, 4.5 MB of
 * the host's heap, and 20-30 ms of a warm start. `toJSON` gives the plain paper: a spread
 * (`{ ...paper }`) gives nothing.
 */
class TablePaper implements Paper {
  // Its numbers are in the table's rows (see `TableOf.rows`): a paper of six fields instead of
  // thirteen, and the host's heap 3.2 MB smaller at 50,000 papers (26.1 MB against 29.3 MB
  // after a warm start), fewer bytes for its first collections to copy.
  #of: TableOf;
  #row: number;
  #id: string | undefined;
  #title: string | undefined;
  #fields: Omit<Paper, 'id' | 'title' | 'abstract'> | undefined;
  #text: string | undefined;

  /**
   * `id`, `title` and `abstract`: the text itself where it is past ASCII, else `undefined`: its
   * bytes lie in the table (`heads`, `abstracts`), where its row says, read when first asked for.
   */
  constructor(of: TableOf, row: number, id: string | undefined, title: string | undefined, abstract: string | undefined) {
    this.#of = of;
    this.#row = row;
    this.#id = id;
    this.#title = title;
    this.#text = abstract;
  }

  get id(): string {
    return (this.#id ??= this.#head(Row.IdAt, Row.IdLength));
  }

  get title(): string {
    return (this.#title ??= this.#head(Row.TitleAt, Row.TitleLength));
  }

  /** Its id or title, decoded from the table's `heads` on its own (see `TableOf.narrow`). */
  #head(at: Row, length: Row): string {
    const { rows } = this.#of;
    const start = rows[this.#row + at];
    return this.#of.head(start, start + rows[this.#row + length]);
  }

  /** Its id's hash, computed from the table's bytes (see `ID_HASH`). */
  get [ID_HASH](): number {
    return this.#of.rows[this.#row + Row.IdHash] >>> 0;
  }

  get abstract(): string {
    if (this.#text === undefined) {
      const later = this.#of.later;
      const { rows } = this.#of;
      const at = rows[this.#row + Row.AbstractAt];
      const length = rows[this.#row + Row.AbstractLength];
      const text = UTF8_DECODER.decode(later ? later.read(at, length) : this.#of.table.abstracts.subarray(at, at + length));
      if (!this.#of.keepAbstracts) return text;
      this.#text = text;
    }
    return this.#text;
  }

  /** The fields after the abstract, read from the table the first time (checked there by the walk that made this paper). */
  #read(): Omit<Paper, 'id' | 'title' | 'abstract'> {
    if (this.#fields) return this.#fields;
    const of = this.#of;
    const { rows } = of;
    const row = this.#row;
    if (of.last?.row === row) return of.last.fields;
    const at: FieldsAt = { intsAt: rows[row + Row.Ints], lengthsAt: rows[row + Row.Lengths], narrowAt: rows[row + Row.Narrow], wideAt: rows[row + Row.Wide] };
    const fields = new TableReader(of.table, of.shared, of.wide, at, of.narrow).fields(rows[row + Row.Has]);
    if (of.keepFields) return (this.#fields = fields);
    // Read field after field, a paper at a time (its authors, then its year, ...): read once.
    of.last = { row, fields };
    return fields;
  }

  get links(): readonly string[] {
    return this.#read().links;
  }
  get authors(): readonly string[] | undefined {
    return this.#read().authors;
  }
  get year(): number | undefined {
    return this.#read().year;
  }
  get source(): Paper['source'] {
    return this.#read().source;
  }
  get venue(): string | undefined {
    return this.#read().venue;
  }
  get doi(): string | undefined {
    return this.#read().doi;
  }
  get url(): string | undefined {
    return this.#read().url;
  }
  get arxivId(): string | undefined {
    return this.#read().arxivId;
  }
  get keywords(): readonly string[] | undefined {
    return this.#read().keywords;
  }
  get entryType(): string | undefined {
    return this.#read().entryType;
  }
  get keys(): readonly string[] | undefined {
    return this.#read().keys;
  }
  get sources(): readonly PaperSource[] | undefined {
    return this.#read().sources;
  }

  /** The plain paper, fields in the order a plain one has them. */
  toJSON(): Paper {
    return { id: this.id, title: this.title, abstract: this.abstract, ...this.#read() };
  }
}

/**
 * The papers `packPapers` packed, in steps (see `core/steps.ts`); throws on a damaged table.
 * With `lazy`, each paper reads its fields when first asked for, and an ASCII abstract stays
 * bytes until read (see `TablePaper`): the editor's host unpacks a library so.
 * With `abstracts` too, the abstracts come apart, after the papers (`AbstractsLater`). The table
 * is walked whole either way, so a damaged one throws here. Lazy papers with `keepAbstracts`
 * false decode an ASCII abstract each time it is read, and keep nothing: the library worker's
 * helper thread reads every abstract two or three times (filing, naming, the search index), and
 * keeping them held about 65 MB more of its heap at 50,000 papers (the largest heap after a full
 * collection 182 MB, and 115 MB without), with the load no slower. With `keepFields` false, a
 * lazy paper keeps none of its fields after the abstract (authors, keys, links, sources...)
 * either: the table keeps the last paper's read, as readers read a paper's fields one after the
 * other. Kept, they held about 20 MB of each of the worker's two threads at 50,000 papers.
 */
export function* unpackPapers(table: PaperTable, options: { lazy?: boolean; abstracts?: AbstractsLater; keepAbstracts?: boolean; keepFields?: boolean } = {}): Steps<Paper[]> {
  if (options.abstracts && !options.lazy) throw new Error('paper table: abstracts that come later are read by lazy papers only');
  const shared = yield* textsOf(table.shared);
  const wide = new WideText(table.wide);
  const rows = new Int32Array(options.lazy ? table.papers * ROW : 0);
  if (options.lazy) {
    // Lazy papers decode their strings when asked (`TablePaper`), unchecked: the bytes are checked here, once, a step each.
    for (const bytes of [table.heads, table.narrow]) {
      yield;
      if (!isAscii(bytes)) throw new Error('paper table: text that is not ASCII');
    }
    yield;
  }
  const of: TableOf = { table, shared, narrow: asciiItems(table.narrow), head: asciiItems(table.heads), wide, later: options.abstracts, keepAbstracts: options.keepAbstracts ?? true, keepFields: options.keepFields ?? true, last: undefined, rows };
  const reader = new TableReader(table, shared, wide);
  const heads = new AsciiReader(table.heads);
  // A lazy paper's id is hashed from its bytes as it is cut (`hashed`, see `ID_HASH`): the
  // corpus's look-up by id and its fit check read these instead of hashing 50,000 strings a
  // character at a time.
  let idHash = 0;
  const head = () => {
    const n = reader.length();
    return n < 0 ? reader.wideText(n) : heads.read(n);
  };
  const abstracts = new AsciiReader(table.abstracts, 0, true);
  // Where the next abstract's bytes start, for lazy papers (which decode nothing here).
  let abstractAt = 0;
  const abstractsLength = options.abstracts?.length ?? table.abstracts.length;
  const papers: Paper[] = [];
  const pace = new Pace(options.lazy ? ITEMS_PER_STEP * 4 : ITEMS_PER_STEP);
  // A lazy paper's id or title: the text where it is past ASCII, else its place in `heads` (`at`, `length`), passed over undecoded.
  const lazyHead = (row: number, at: Row, length: Row, hashed = false) => {
    const n = reader.length();
    if (n < 0) {
      const wide = reader.wideText(n);
      if (hashed) idHash = fnv1a(wide);
      return wide;
    }
    if (hashed) idHash = heads.hashNext(n);
    rows[row + at] = heads.skip(n);
    rows[row + length] = n;
    return undefined;
  };
  for (let k = 0; k < table.papers; k++) {
    const has = reader.int();
    if (options.lazy) {
      const row = k * ROW;
      const id = lazyHead(row, Row.IdAt, Row.IdLength, true);
      const title = lazyHead(row, Row.TitleAt, Row.TitleLength);
      const n = reader.length();
      // The abstract past ASCII first: its fields start after it.
      const wideAbstract = n < 0 ? reader.wideText(n) : undefined;
      rows[row + Row.Has] = has;
      rows[row + Row.Ints] = reader.intsAt;
      rows[row + Row.Lengths] = reader.lengthsAt;
      rows[row + Row.Narrow] = reader.narrowAt;
      rows[row + Row.Wide] = reader.wideAt;
      rows[row + Row.AbstractAt] = abstractAt;
      rows[row + Row.AbstractLength] = n < 0 ? 0 : n;
      rows[row + Row.IdHash] = idHash;
      papers.push(new TablePaper(of, row, id, title, wideAbstract));
      if (n >= 0 && (abstractAt += n) > abstractsLength) throw new Error('paper table: the text ends early');
      reader.skipFields(has);
    } else {
      const id = head();
      const title = head();
      const n = reader.length();
      const abstract = n < 0 ? reader.wideText(n) : abstracts.read(n);
      papers.push({ id, title, abstract, ...reader.fields(has) });
    }
    if (pace.tick()) yield* pace.pause();
  }
  if (!reader.done || !heads.done || (options.lazy ? abstractAt !== abstractsLength : !abstracts.done)) throw new Error('paper table: the table holds more than its papers');
  return papers;
}

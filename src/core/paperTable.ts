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
import { textList, textsOf, type TextList } from './prepared';
import { ITEMS_PER_STEP, Pace, type Steps } from './steps';
import type { LibraryFormat, Paper, PaperSource } from './types';

export interface PaperTable {
  readonly papers: number;
  /** Every paper's fields in turn, as counts, numbers and flags (see `packPapers`). */
  readonly ints: Int32Array;
  /** Each string's length, in the order written; `~length` (negative) for a string in `wide`. */
  readonly lengths: Int32Array;
  /** The ASCII strings but abstracts, joined, as bytes. */
  readonly narrow: Uint8Array;
  /**
   * The ASCII abstracts, joined, as bytes: apart from `narrow`, so that the editor's host can
   * leave them undecoded until a paper's abstract is read (see `unpackPapers`' `lazyAbstracts`).
   */
  readonly abstracts: Uint8Array;
  /** The others, joined. */
  readonly wide: string;
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

const WIDE = /[^\u0000-\u007f]/;
/** The ASCII bytes decoded at a time while unpacking (about a millisecond's work). */
const PIECE = 1 << 20;

/** `papers` as a table; throws on a field the table does not know (see `PAPER_FIELDS`) or a number that is not a 32-bit integer. */
export function packPapers(papers: readonly Paper[]): PaperTable {
  const ints: number[] = [];
  const lengths: number[] = [];
  const narrow: string[] = [];
  const abstracts: string[] = [];
  const wide: string[] = [];
  const int = (n: number) => {
    if (!Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31) throw new Error(`paper table: ${n} is not a 32-bit integer`);
    ints.push(n);
  };
  const text = (s: string, ascii = narrow) => {
    if (WIDE.test(s)) {
      wide.push(s);
      lengths.push(~s.length);
    } else {
      ascii.push(s);
      lengths.push(s.length);
    }
  };
  const list = (items: readonly string[]) => {
    int(items.length);
    for (const item of items) text(item);
  };
  const sharedAt = new Map<string, number>();
  const shared = (s: string) => {
    let at = sharedAt.get(s);
    if (at === undefined) sharedAt.set(s, (at = sharedAt.size));
    int(at);
  };
  const sharedList = (items: readonly string[]) => {
    int(items.length);
    for (const item of items) shared(item);
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
    text(paper.id);
    text(paper.title);
    text(paper.abstract, abstracts);
    list(paper.links);
    if (paper.authors) sharedList(paper.authors);
    if (paper.year !== undefined) int(paper.year);
    if (paper.source) {
      shared(paper.source.file);
      int(paper.source.line);
    }
    if (paper.venue !== undefined) shared(paper.venue);
    if (paper.doi !== undefined) text(paper.doi);
    if (paper.url !== undefined) text(paper.url);
    if (paper.arxivId !== undefined) text(paper.arxivId);
    if (paper.keywords) sharedList(paper.keywords);
    if (paper.entryType !== undefined) shared(paper.entryType);
    if (paper.keys) list(paper.keys);
    if (paper.sources) {
      int(paper.sources.length);
      for (const source of paper.sources) {
        for (const key of Object.keys(source)) if (!(key in SOURCE_FIELDS)) throw new Error(`paper table: sources have no field ${key}`);
        int((source.key !== undefined ? SourceHas.Key : 0) | (source.start !== undefined ? SourceHas.Start : 0) | (source.end !== undefined ? SourceHas.End : 0));
        shared(source.file);
        int(source.line);
        int(FORMATS.indexOf(source.format));
        if (source.key !== undefined) text(source.key);
        if (source.start !== undefined) int(source.start);
        if (source.end !== undefined) int(source.end);
      }
    }
  }
  return { papers: papers.length, ints: Int32Array.from(ints), lengths: Int32Array.from(lengths), narrow: asciiBytes(narrow), abstracts: asciiBytes(abstracts), wide: wide.join(''), shared: textList([...sharedAt.keys()]) };
}

/** ASCII `texts`, joined, as bytes: written directly, not joined into one string (70 MB of abstracts) and encoded. */
function asciiBytes(texts: readonly string[]): Uint8Array {
  let length = 0;
  for (const text of texts) length += text.length;
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const text of texts) for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
  return bytes;
}

/**
 * Reads the ASCII strings of one of the table's byte sections in order, decoding it a
 * megabyte at a time: each string a slice of its piece (see the file comment).
 */
class AsciiReader {
  private at = 0;
  // The piece decoded last, and where it starts.
  private piece = '';
  private pieceAt = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly bytes: Uint8Array) {}

  /** The next `length` characters. */
  read(length: number): string {
    const start = this.skip(length);
    const end = this.at;
    if (end > this.pieceAt + this.piece.length) {
      const to = Math.max(end, Math.min(this.bytes.length, start + PIECE));
      try {
        this.piece = this.decoder.decode(this.bytes.subarray(start, to));
      } catch {
        this.piece = '';
      }
      this.pieceAt = start;
      // Bytes past ASCII decode to fewer characters than bytes, or not at all.
      if (this.piece.length !== to - start) throw new Error('paper table: text that is not ASCII');
    }
    return this.piece.slice(start - this.pieceAt, end - this.pieceAt);
  }

  /** Passes over the next `length` characters, undecoded; where they start. */
  skip(length: number): number {
    const start = this.at;
    this.at += length;
    if (this.at > this.bytes.length) throw new Error('paper table: the text ends early');
    return start;
  }

  /** Whether every byte was read. */
  get done(): boolean {
    return this.at === this.bytes.length;
  }
}

/** Decodes an abstract left as bytes (see `TablePaper`). */
const ABSTRACT_DECODER = new TextDecoder();

/**
 * A paper cut out of a table whose abstract, when ASCII, stays bytes until first read: at
 * 50,000 papers, 60 MB of text the editor's host neither decodes (60-90 ms) nor holds while a
 * library loads, when a hover card or the paper view reads a few abstracts. Its other fields
 * are its own, as a plain paper's; the abstract is a getter, and `toJSON` gives the plain paper.
 */
class TablePaper {
  declare readonly id: string;
  declare readonly title: string;
  declare readonly links: readonly string[];
  declare readonly authors?: readonly string[];
  declare readonly year?: number;
  declare readonly source?: Paper['source'];
  declare readonly venue?: string;
  declare readonly doi?: string;
  declare readonly url?: string;
  declare readonly arxivId?: string;
  declare readonly keywords?: readonly string[];
  declare readonly entryType?: string;
  declare readonly keys?: readonly string[];
  declare readonly sources?: readonly PaperSource[];
  #text: string | undefined;
  #bytes: Uint8Array | undefined;
  #at: number;
  #length: number;

  constructor(id: string, title: string, bytes: Uint8Array, at: number, length: number) {
    (this as { id: string }).id = id;
    (this as { title: string }).title = title;
    this.#bytes = bytes;
    this.#at = at;
    this.#length = length;
  }

  get abstract(): string {
    if (this.#text === undefined) {
      this.#text = ABSTRACT_DECODER.decode(this.#bytes!.subarray(this.#at, this.#at + this.#length));
      this.#bytes = undefined;
    }
    return this.#text;
  }

  /** The plain paper, fields in the order a plain one has them. */
  toJSON(): Paper {
    const { id, title, ...rest } = this;
    return { id, title, abstract: this.abstract, ...rest } as Paper;
  }
}

/**
 * The papers `packPapers` packed, in steps (see `core/steps.ts`); throws on a damaged table.
 * With `lazyAbstracts`, an ASCII abstract is decoded when first read (see `TablePaper`): the
 * editor's host unpacks a library so.
 */
export function* unpackPapers(table: PaperTable, options: { lazyAbstracts?: boolean } = {}): Steps<Paper[]> {
  const { ints, lengths, wide } = table;
  let i = 0;
  let s = 0;
  let wideAt = 0;
  const narrow = new AsciiReader(table.narrow);
  const abstracts = new AsciiReader(table.abstracts);
  const int = () => {
    if (i >= ints.length) throw new Error('paper table: the numbers end early');
    return ints[i++];
  };
  const length = () => {
    if (s >= lengths.length) throw new Error('paper table: the strings end early');
    return lengths[s++];
  };
  const wideText = (length: number) => {
    if (wideAt - length - 1 > wide.length) throw new Error('paper table: the text ends early');
    return wide.slice(wideAt, (wideAt -= length + 1));
  };
  const text = () => {
    const n = length();
    return n < 0 ? wideText(n) : narrow.read(n);
  };
  const sharedTexts = yield* textsOf(table.shared);
  const shared = () => {
    const t = sharedTexts[int()];
    if (t === undefined) throw new Error('paper table: a shared string it does not hold');
    return t;
  };
  /** A count of at most `left` things. */
  const count = (left: number) => {
    const n = int();
    if (n < 0 || n > left) throw new Error('paper table: a count past the end of the table');
    return n;
  };
  /**
   * A count, then that many strings read by `item`, in an array of exactly that size: an array
   * grown by `push` from empty has room for 17 items, 150 bytes however few it holds, and
   * 50,000 papers have 300,000 small lists (45 MB of the extension host's heap when pushed).
   */
  const listOf = (item: () => string) => {
    const n = count(ints.length - i);
    const out = new Array<string>(n);
    for (let k = 0; k < n; k++) out[k] = item();
    return out;
  };
  const list = () => listOf(text);
  const sharedList = () => listOf(shared);
  const papers: Paper[] = [];
  const pace = new Pace(ITEMS_PER_STEP);
  for (let k = 0; k < table.papers; k++) {
    const has = int();
    const id = text();
    const title = text();
    const n = length();
    let paper: { -readonly [K in keyof Paper]: Paper[K] };
    if (n >= 0 && options.lazyAbstracts) {
      paper = new TablePaper(id, title, table.abstracts, abstracts.skip(n), n) as { -readonly [K in keyof Paper]: Paper[K] };
      paper.links = list();
    } else paper = { id, title, abstract: n < 0 ? wideText(n) : abstracts.read(n), links: list() };
    if (has & Has.Authors) paper.authors = sharedList();
    if (has & Has.Year) paper.year = int();
    if (has & Has.Source) paper.source = { file: shared(), line: int() };
    if (has & Has.Venue) paper.venue = shared();
    if (has & Has.Doi) paper.doi = text();
    if (has & Has.Url) paper.url = text();
    if (has & Has.ArxivId) paper.arxivId = text();
    if (has & Has.Keywords) paper.keywords = sharedList();
    if (has & Has.EntryType) paper.entryType = shared();
    if (has & Has.Keys) paper.keys = list();
    if (has & Has.Sources) {
      const n = count(ints.length - i);
      const sources = new Array<PaperSource>(n);
      for (let m = 0; m < n; m++) {
        const sourceHas = int();
        const source: { -readonly [K in keyof PaperSource]: PaperSource[K] } = { file: shared(), line: int(), format: FORMATS[int()] };
        if (source.format === undefined) throw new Error('paper table: a source of no known format');
        if (sourceHas & SourceHas.Key) source.key = text();
        if (sourceHas & SourceHas.Start) source.start = int();
        if (sourceHas & SourceHas.End) source.end = int();
        sources[m] = source;
      }
      paper.sources = sources;
    }
    papers.push(paper);
    if (pace.tick()) yield* pace.pause();
  }
  if (i !== ints.length || s !== lengths.length || !narrow.done || !abstracts.done || wideAt !== wide.length) throw new Error('paper table: the table holds more than its papers');
  return papers;
}

/**
 * What every library reader produces: entries with the fields a reader expects, and problems
 * with file and line. The readers (`bibtex.ts`, `cslJson.ts`, listings) differ only in syntax.
 */
import type { LibraryFormat } from '../types';
import { detach } from './chunks';
import { finishSteps, ITEMS_PER_STEP, type Steps } from '../steps';

/** One entry of a library file, its fields decoded to plain text. */
export interface LibraryEntry {
  /** Citation key (BibTeX key, CSL-JSON `id`); absent for listing papers. */
  readonly key?: string;
  /** Entry type as written, lower case for BibTeX (`article`, `inproceedings`, a CSL type). */
  readonly type: string;
  readonly title: string;
  /** "Given Family" each, in order. */
  readonly authors: readonly string[];
  readonly year?: number;
  /** Journal or proceedings title. */
  readonly venue?: string;
  readonly doi?: string;
  readonly url?: string;
  readonly arxivId?: string;
  /** Empty when the entry has none. */
  readonly abstract: string;
  readonly keywords: readonly string[];
  readonly format: LibraryFormat;
  /** The file as the caller named it, and the 1-based line where the entry starts. */
  readonly file: string;
  readonly line: number;
  /** UTF-16 offsets of the entry in the file's text; `original` is `text.slice(start, end)`. */
  readonly start?: number;
  readonly end?: number;
  /** The entry exactly as written in the file (absent for listings). */
  readonly original?: string;
}

/** Something wrong in a library file, at a 1-based line. */
export interface LibraryProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
  /**
   * `error`: the entry (or file) could not be read and is left out. `warning`: the entry was
   * read, but something in it looks wrong (an unknown entry type, an undefined `@string`).
   */
  readonly severity: 'error' | 'warning';
}

/** A library file read: the entries that could be read, in file order, and the problems met. */
export interface LibraryParse {
  readonly file: string;
  readonly format: LibraryFormat;
  readonly entries: readonly LibraryEntry[];
  readonly problems: readonly LibraryProblem[];
  /**
   * A `.bib` file's own `@string` definitions, by lower-case name, their values as written
   * (other names in them resolved); absent when it has none. The other files of a load read
   * names they use and do not define from here (see `borrowedStrings`).
   */
  readonly strings?: ReadonlyArray<readonly [string, string]>;
  /** The lower-case `@string` names a `.bib` file uses in a field it keeps and does not define; absent when none. */
  readonly undefinedStrings?: readonly string[];
  /** The names it was read with from other files (`BibtexOptions.strings`), when any. */
  readonly borrowed?: ReadonlyArray<readonly [string, string]>;
}

/**
 * The `@string` values `parse`'s undefined names take from the other files of its load
 * (`others`, in load order; the first that defines a name gives it), or `undefined` when none
 * does. BibTeX reads the files of `\bibliography{strings,refs}` as one database, so a file of
 * abbreviations (IEEE's `IEEEabrv.bib`) defines the names the next one uses; discovery and
 * settings may list them in any order, so any other file of the load counts, never the file's
 * own definitions, which come first.
 */
export function borrowedStrings(parse: LibraryParse, others: readonly LibraryParse[]): Map<string, string> | undefined {
  // The names it took from other files when it was read count too: it needs them still.
  const names = [...(parse.undefinedStrings ?? []), ...(parse.borrowed ?? []).map(([name]) => name)];
  let borrowed: Map<string, string> | undefined;
  for (const name of names) {
    for (const other of others) {
      if (other === parse || !other.strings) continue;
      const found = other.strings.find(([n]) => n === name);
      if (found) {
        (borrowed ??= new Map()).set(name, found[1]);
        break;
      }
    }
  }
  return borrowed;
}

/** Whether `parse` was read with exactly the `borrowed` names and values. */
export function readWith(parse: LibraryParse, borrowed: ReadonlyMap<string, string> | undefined): boolean {
  const had = parse.borrowed ?? [];
  if (had.length !== (borrowed?.size ?? 0)) return false;
  return had.every(([name, value]) => borrowed?.get(name) === value);
}

/**
 * What `parse` must be read again with for the `@string` values the files of its load
 * (`parses`) give it now (`strings` undefined: none), or `undefined` when it was read with
 * exactly those: the one decision of every reader of a load (the session, the CLI).
 */
export function rereadWith(parse: LibraryParse, parses: readonly LibraryParse[]): { strings: Map<string, string> | undefined } | undefined {
  if (!parse.undefinedStrings && !parse.borrowed) return undefined;
  const strings = borrowedStrings(parse, parses);
  return readWith(parse, strings) ? undefined : { strings };
}

/**
 * Strings many entries of one file share (authors, keywords, entry types, venues), each kept
 * once: 50,000 arXiv entries name about 150,000 distinct authors 250,000 times.
 */
export type Interner = Map<string, string>;

/**
 * Replaces the entry's fields by copies (see `detach`), so that they do not keep the text of
 * the entry they were cut from; strings that entries share are kept once through `shared`.
 * The abstract is copied too: cut from the entry's text, it kept that whole text alive (its
 * title, authors, keys and every field read or not), 25 MB more of heap at 50,000 entries
 * than the copies (the web extension holds its parses and papers on its host, beside the
 * editor's). Copying 60 MB of abstracts takes about 60 ms, in the steps that call this.
 * `original` is that text itself.
 */
export function detachEntry(entry: MutableEntry, shared: Interner = new Map()): void {
  const once = (s: string): string => {
    let kept = shared.get(s);
    if (kept === undefined) shared.set(s, (kept = detach(s)));
    return kept;
  };
  entry.title = detach(entry.title);
  entry.abstract = detach(entry.abstract);
  if (entry.key !== undefined) entry.key = detach(entry.key);
  entry.type = once(entry.type);
  entry.authors = entry.authors.map(once);
  if (entry.venue !== undefined) entry.venue = once(entry.venue);
  if (entry.doi !== undefined) entry.doi = detach(entry.doi);
  if (entry.url !== undefined) entry.url = detach(entry.url);
  if (entry.arxivId !== undefined) entry.arxivId = detach(entry.arxivId);
  if (entry.keywords.length) entry.keywords = entry.keywords.map(once);
}

/**
 * The parse without its entries' `original` text: nothing after merging reads it (a citation
 * re-reads the file at the entry's offsets, see `originalEntry`), and kept for every entry of a
 * 50,000-entry library it held 36 MB of a session's heap, and would double a cache file.
 */
export function withoutOriginals(parse: LibraryParse): LibraryParse {
  return finishSteps(withoutOriginalsSteps(parse));
}

/** `withoutOriginals` in steps (see `core/steps.ts`): at 50,000 entries, copying them is 20-30 ms at once. */
export function* withoutOriginalsSteps(parse: LibraryParse): Steps<LibraryParse> {
  if (!parse.entries.some((e) => e.original !== undefined)) return parse;
  const entries: LibraryEntry[] = [];
  for (const e of parse.entries) {
    entries.push(e.original === undefined ? e : { ...e, original: undefined });
    if (entries.length % (ITEMS_PER_STEP * 8) === 0) yield;
  }
  return { ...parse, entries };
}

/** A `LibraryEntry` while a reader fills it in. */
export type MutableEntry = { -readonly [K in keyof LibraryEntry]: LibraryEntry[K] };

/** Formats a problem the way compilers do, so editors and terminals link it. */
export function formatLibraryProblem(p: LibraryProblem): string {
  return `${p.file}:${p.line}: ${p.severity}: ${p.message}`;
}

/** A short quote of a value for messages. */
export function preview(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

/**
 * 1-based line numbers of offsets into a text or its UTF-8 bytes, counted from the last offset
 * asked: asking in file order (with small steps back) counts each newline about once.
 */
export class LineCounter {
  private pos = 0;
  private line = 1;
  private readonly newlineFrom: (from: number) => number;

  constructor(source: string | Uint8Array) {
    this.newlineFrom = typeof source === 'string' ? (from) => source.indexOf('\n', from) : (from) => source.indexOf(10, from);
  }

  lineAt(offset: number): number {
    const next = this.newlineFrom;
    if (offset >= this.pos) {
      for (let nl = next(this.pos); nl !== -1 && nl < offset; nl = next(nl + 1)) this.line++;
    } else {
      for (let nl = next(offset); nl !== -1 && nl < this.pos; nl = next(nl + 1)) this.line--;
    }
    this.pos = offset;
    return this.line;
  }
}

/** The line of an offset, counted from the start (for one-off positions such as a JSON error). */
export function lineOf(text: string | Uint8Array, offset: number): number {
  return new LineCounter(text).lineAt(offset);
}

/**
 * What may stand before a DOI in a `doi` field: `doi:`, or a URL whose path starts with it, on
 * any host (`doi.org`, `dx.doi.org`, and the older `doi.acm.org/10.1145/...`,
 * `doi.ieeecomputersociety.org/10.1109/...`, or a publisher's `/doi/abs/10...`).
 */
const DOI_PREFIX = /^(?:doi:?\s*|https?:\/\/[^/\s]+\/(?:doi\/(?:(?:abs|full|pdf|epdf)\/)?)?(?:doi:)?)/i;

/** A DOI without its resolver prefix, or undefined when the text is not a DOI. */
export function cleanDoi(text: string | undefined): string | undefined {
  const doi = text?.trim().replace(DOI_PREFIX, '');
  return doi && /^10\.\d{4,9}\/\S+$/.test(doi) ? doi : undefined;
}

const NEW_ARXIV = /^(\d{4}\.\d{4,5})(?:v\d+)?$/;
const OLD_ARXIV = /^([a-z-]+)(?:\.[A-Z]{2})?\/(\d{7})(?:v\d+)?$/i;
const ARXIV_IN_TEXT = /arxiv(?:\.org\/(?:abs|pdf|html)\/|:\s*|\s+preprint\s+(?:arxiv:)?\s*|\.)([a-z-]+(?:\.[a-z]{2})?\/\d{7}|\d{4}\.\d{4,5})/i;

/** An arXiv identifier in canonical form (no version, no subject class), or undefined. */
export function cleanArxivId(text: string | undefined): string | undefined {
  const id = text?.trim().replace(/^arxiv:\s*/i, '').replace(/\.pdf$/i, '');
  if (!id) return undefined;
  const modern = NEW_ARXIV.exec(id);
  if (modern) return modern[1];
  const old = OLD_ARXIV.exec(id);
  return old ? `${old[1].toLowerCase()}/${old[2]}` : undefined;
}

/**
 * The arXiv id a text names: an arXiv URL (`arxiv.org/abs/2101.00001v2`), an arXiv DOI
 * (`10.48550/arXiv.2101.00001`) or a note (`arXiv preprint arXiv:2101.00001`).
 */
export function arxivIdIn(text: string | undefined): string | undefined {
  const m = text ? ARXIV_IN_TEXT.exec(text) : null;
  return m ? cleanArxivId(m[1]) : undefined;
}

/** The first plausible year (1000-2999) in a year or date field. */
export function yearIn(text: string | undefined): number | undefined {
  const m = text ? /(?:^|[^\d])([12]\d{3})(?!\d)/.exec(text) : null;
  return m ? Number(m[1]) : undefined;
}

/** Keywords separated by commas or semicolons, trimmed, unique, in order. */
export function splitKeywords(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set(text.split(/[,;]/).map((k) => k.trim()).filter(Boolean))];
}

/**
 * What changed in a `.bib` or CSL-JSON file between two reads, entry by entry, without parsing
 * it: the quick stage of a reload (see `core/corpusPatch.ts`). A library manager's auto-export
 * writes the whole file again when one entry changes (Zotero with Better BibTeX), and reading,
 * filing and indexing 50,000 entries again takes the worker seconds; the entries that changed
 * are a few, found here in a fraction of that and read on their own.
 *
 * The file is cut into pieces (a `.bib` file at its entry lines, the lines that start with
 * `@type{`, as the BibTeX reader cuts it; a CSL-JSON file at its items, as its reader finds
 * them), and each piece gets a print: a hash of its bytes with its length. Two reads' prints
 * are compared as multisets, so entries moved, added, removed and edited are all seen.
 * Why our own: no library diffs BibTeX or CSL-JSON by entry, and a text diff of 70 MB (Myers'
 * algorithm, `diff`) costs more than reading it; a hash per piece costs one pass. */
import { finishSteps, type Steps } from '../steps';
import { entryLines, ENTRY_SEARCH_BYTES, parseBibtexPieces, startsEntryLine, type BibtexOptions } from './bibtex';
import type { Piece } from './chunks';
import { cslItemSpans, parseCslPieces } from './cslJson';
import type { LibraryParse } from './entry';

/** What a piece of the file is: the text before the first entry, an entry, or one of BibTeX's commands. */
export const PieceKind = { Head: 0, Entry: 1, String: 2, Preamble: 3, Comment: 4 } as const;
type PieceKind = (typeof PieceKind)[keyof typeof PieceKind];

/** A file's pieces and their prints (see the file's comment). */
export interface EntryPrints {
  /** Where each piece starts (a byte offset), and the file's length last: piece `i` is `[starts[i], starts[i + 1])`. Piece 0 is the text before the first entry, maybe empty. */
  readonly starts: Float64Array;
  /** Where each piece's own text ends, the rest up to the next being blank space (or, in CSL-JSON, the comma between items): what is hashed and read. */
  readonly ends: Float64Array;
  /** Each piece's print: a 32-bit FNV-1a hash of its bytes (but the blank space they end with) times 2^21, plus their length modulo 2^21 (an exact number). */
  readonly prints: Float64Array;
  readonly kinds: Uint8Array;
  /** Each entry's citation key as written (`''` for a piece that is no entry, or an entry without one). */
  readonly keys: readonly string[];
}

/** How many entries a quick stage reads at most (added and removed together); more, and the reload alone brings them. */
export const QUICK_MAX_ENTRIES = 500;

/** What changed between two reads (see `diffEntries`). */
export interface EntryDiff {
  /** The pieces of the new read that the old one did not hold, by index, in file order. */
  readonly added: readonly number[];
  /** The citation keys of the old read's entries that the new one no longer holds as they were. */
  readonly removed: readonly string[];
}

/** Decodes keys (one decoder for the 50,000 of a large library, not one each). */
const UTF8 = new TextDecoder();

/** Bytes hashed between two pauses (a few milliseconds, 10-15 before the loop is compiled). */
const BYTES_PER_STEP = 1 << 18;

/** The formats whose changes a quick stage reads entry by entry. */
export type QuickFormat = 'bibtex' | 'csl-json';

/** A library file's format as a quick stage reads it, by its name: `undefined` for a listing (read whole). */
export function quickFormatOf(file: string): QuickFormat | undefined {
  return /\.(bib|bibtex|biblatex)$/i.test(file) ? 'bibtex' : /\.json$/i.test(file) ? 'csl-json' : undefined;
}

/**
 * The pieces of a library file's bytes and their prints, in steps (about a pass over the
 * bytes): a `.bib` file's entries, cut at their entry lines, or a CSL-JSON file's items, as
 * its reader finds them. `undefined` for a CSL-JSON file that is no array of items.
 */
export function* entryPrintsSteps(bytes: Uint8Array, format: QuickFormat = 'bibtex'): Steps<EntryPrints | undefined> {
  let starts: number[];
  let ends: number[];
  if (format === 'csl-json') {
    const spans = yield* cslItemSpans(bytes);
    if (!spans) return undefined;
    // The head (the array's opening), then each item up to the next one: the item alone is hashed and read.
    starts = [0, ...spans.map((s) => s.start)];
    ends = [spans.length ? spans[0].start : bytes.length, ...spans.map((s) => s.end)];
    starts.push(bytes.length);
  } else {
    // An entry on the first line is a piece of its own after an empty head (`entryLines` starts after the first byte).
    starts = bytes.length > 0 && startsEntryLine(bytes, 0) ? [0, 0] : [0];
    for (let from = 0; from < bytes.length; from += ENTRY_SEARCH_BYTES) {
      for (const at of entryLines(bytes, from, Math.min(bytes.length, from + ENTRY_SEARCH_BYTES))) starts.push(at);
      yield;
    }
    starts.push(bytes.length);
    ends = [];
    for (let i = 1; i < starts.length; i++) {
      // Blank space at a piece's end is not its own: an entry appended after the last one adds a blank line to it.
      let to = starts[i];
      while (to > starts[i - 1] && (bytes[to - 1] === 10 || bytes[to - 1] === 13 || bytes[to - 1] === 32 || bytes[to - 1] === 9)) to--;
      ends.push(to);
    }
  }
  const count = starts.length - 1;
  const prints = new Float64Array(count);
  const kinds = new Uint8Array(count);
  const keys: string[] = new Array<string>(count);
  let hashed = 0;
  for (let i = 0; i < count; i++) {
    const from = starts[i];
    const to = ends[i];
    let hash = 0x811c9dc5;
    for (let k = from; k < to; k++) hash = Math.imul(hash ^ bytes[k], 0x01000193);
    prints[i] = (hash >>> 0) * 0x200000 + ((to - from) & 0x1fffff);
    const head = i === 0 ? undefined : format === 'csl-json' ? { kind: PieceKind.Entry, key: cslIdOf(bytes, from, to) } : headOf(bytes, from, to);
    kinds[i] = head?.kind ?? PieceKind.Head;
    keys[i] = head?.key ?? '';
    hashed += starts[i + 1] - from;
    if (hashed >= BYTES_PER_STEP) {
      hashed = 0;
      yield;
    }
  }
  return { starts: Float64Array.from(starts), ends: Float64Array.from(ends), prints, kinds, keys };
}

/**
 * A CSL-JSON item's `"id"`, found in its bytes without reading it (the first `"id":` that is not
 * inside a string: Zotero and Better BibTeX write it first); `''` when none. A string id is read
 * as JSON reads it, a number as written.
 */
function cslIdOf(bytes: Uint8Array, from: number, to: number): string {
  const item = bytes.subarray(from, to);
  for (let at = item.indexOf(34); at !== -1 && at + 4 < item.length; at = item.indexOf(34, at + 1)) {
    if (item[at + 1] !== 105 || item[at + 2] !== 100 || item[at + 3] !== 34 || item[at - 1] === 92) continue;
    let i = at + 4;
    while (item[i] === 32 || item[i] === 9 || item[i] === 10 || item[i] === 13) i++;
    if (item[i] !== 58) continue;
    i++;
    while (item[i] === 32 || item[i] === 9 || item[i] === 10 || item[i] === 13) i++;
    const start = i;
    if (item[i] === 34) {
      for (i++; i < item.length && item[i] !== 34; i++) if (item[i] === 92) i++;
      try {
        return String(JSON.parse(UTF8.decode(item.subarray(start, i + 1))));
      } catch {
        return '';
      }
    }
    while (i < item.length && item[i] !== 44 && item[i] !== 125 && item[i] !== 32 && item[i] !== 10 && item[i] !== 13) i++;
    return UTF8.decode(item.subarray(start, i));
  }
  return '';
}

/** An entry line's kind and key: `@type{key,` (or `(`), the key up to the comma, blank or closing bracket. */
function headOf(bytes: Uint8Array, from: number, to: number): { kind: PieceKind; key: string } {
  let i = from + 1;
  while (bytes[i] === 32 || bytes[i] === 9) i++;
  const typeStart = i;
  while (i < to && bytes[i] !== 123 && bytes[i] !== 40 && bytes[i] !== 32 && bytes[i] !== 9) i++;
  const type = String.fromCharCode(...bytes.subarray(typeStart, i)).toLowerCase();
  const kind = type === 'string' ? PieceKind.String : type === 'preamble' ? PieceKind.Preamble : type === 'comment' ? PieceKind.Comment : PieceKind.Entry;
  if (kind !== PieceKind.Entry) return { kind, key: '' };
  while (i < to && bytes[i] !== 123 && bytes[i] !== 40) i++;
  i++;
  while (i < to && (bytes[i] === 32 || bytes[i] === 9 || bytes[i] === 10 || bytes[i] === 13)) i++;
  const keyStart = i;
  while (i < to && bytes[i] !== 44 && bytes[i] !== 125 && bytes[i] !== 41 && bytes[i] !== 32 && bytes[i] !== 9 && bytes[i] !== 10 && bytes[i] !== 13) i++;
  return { kind, key: UTF8.decode(bytes.subarray(keyStart, i)) };
}

/**
 * The pieces `now` holds that `old` did not (`added`) and the keys of the entries `old` held
 * that `now` does not (`removed`): an edited entry is both. A reason instead when the change
 * cannot be read entry by entry: an `@string` or `@preamble` changed (every entry may read
 * it), an entry without a key went, or more than `max` entries changed.
 */
export function diffEntries(old: EntryPrints, now: EntryPrints, max = QUICK_MAX_ENTRIES): EntryDiff | { readonly reason: string } {
  return finishSteps(diffEntriesSteps(old, now, max));
}

/** `diffEntries` in steps (a few milliseconds each at 50,000 entries). */
export function* diffEntriesSteps(old: EntryPrints, now: EntryPrints, max = QUICK_MAX_ENTRIES): Steps<EntryDiff | { readonly reason: string }> {
  // The prints each side has more of than the other, found in the two sorted lists (a native
  // sort, 6 ms each at 50,000: a map of the prints, numbers beyond 31 bits, took 26 ms).
  const a = old.prints.slice().sort();
  yield;
  const b = now.prints.slice().sort();
  yield;
  const onlyOld = new Map<number, number>();
  const onlyNew = new Map<number, number>();
  const count = (map: Map<number, number>, print: number) => map.set(print, (map.get(print) ?? 0) + 1);
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j === b.length || (i < a.length && a[i] < b[j])) count(onlyOld, a[i++]);
    else if (i === a.length || b[j] < a[i]) count(onlyNew, b[j++]);
    else {
      i++;
      j++;
    }
  }
  let changed = 0;
  for (const n of onlyOld.values()) changed += n;
  for (const n of onlyNew.values()) changed += n;
  // Comments and the head are counted here, not below: a little past `max` is checked below.
  if (changed > 2 * max) return { reason: `${changed} entries changed, more than ${max}` };
  yield;
  const added = piecesIn(now, onlyNew);
  yield;
  const removed: string[] = [];
  for (const k of piecesIn(old, onlyOld)) {
    if (old.kinds[k] !== PieceKind.Entry) return { reason: `an @${old.kinds[k] === PieceKind.String ? 'string' : 'preamble'} changed` };
    if (!old.keys[k]) return { reason: 'an entry without a key changed' };
    removed.push(old.keys[k]);
  }
  for (const i of added) if (now.kinds[i] !== PieceKind.Entry) return { reason: `an @${now.kinds[i] === PieceKind.String ? 'string' : 'preamble'} changed` };
  if (added.length + removed.length > max) return { reason: `${added.length + removed.length} entries changed, more than ${max}` };
  return { added, removed };
}

/** The pieces of `prints` whose prints `wanted` counts (as many of each as it counts, the first ones), but the head and comments. */
function piecesIn(prints: EntryPrints, wanted: Map<number, number>): number[] {
  const found: number[] = [];
  for (let k = 0; k < prints.prints.length && wanted.size; k++) {
    const n = wanted.get(prints.prints[k]);
    if (n === undefined) continue;
    if (n > 1) wanted.set(prints.prints[k], n - 1);
    else wanted.delete(prints.prints[k]);
    if (prints.kinds[k] !== PieceKind.Head && prints.kinds[k] !== PieceKind.Comment) found.push(k);
  }
  return found;
}

/**
 * The pieces to read for `added` (indexes into `prints`), each where the whole file has it
 * (UTF-16 offset and line), after every `@string` of the file, in file order: what
 * `parseBibtexPieces` reads. In steps: finding the offsets is a pass over the bytes before the
 * last piece.
 */
export function* piecesOf(bytes: Uint8Array, prints: EntryPrints, added: readonly number[]): Steps<Piece[]> {
  const wanted: number[] = [];
  for (let i = 0; i < prints.kinds.length; i++) if (prints.kinds[i] === PieceKind.String) wanted.push(i);
  wanted.push(...added);
  wanted.sort((a, b) => a - b);
  const pieces: Piece[] = [];
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let pos = 0;
  let offset = 0;
  let line = 1;
  for (const i of wanted) {
    const from = prints.starts[i];
    while (pos < from) {
      // UTF-16 units: one for each byte that starts a character, two for a 4-byte one.
      for (const end = Math.min(from, pos + BYTES_PER_STEP); pos < end; pos++) {
        const b = bytes[pos];
        if ((b & 0xc0) !== 0x80) offset += b >= 0xf0 ? 2 : 1;
        if (b === 10) line++;
      }
      if (pos < from) yield;
    }
    pieces.push({ text: decoder.decode(bytes.subarray(from, prints.ends[i])), offset, line });
  }
  return pieces;
}

/** A `.bib` file read again for a reload's quick stage (see `readChanges`). */
export interface QuickRead {
  /** The new read's prints: what the next change is compared with (none for a CSL-JSON file that is no array of items). */
  readonly prints: EntryPrints | undefined;
  /** The entries the change added or changed, read, and the keys of those it removed or changed; else why not. */
  readonly change: { readonly parse: LibraryParse; readonly removed: readonly string[] } | { readonly reason: string };
}

/**
 * Reads what changed in a `.bib` file since the read `old` printed (see `diffEntries`): the
 * entries added or changed, parsed where the whole file has them, in steps. Without `old`,
 * only the prints.
 */
export function* readChanges(bytes: Uint8Array, file: string, old: EntryPrints | undefined, options: BibtexOptions = {}, format: QuickFormat = 'bibtex'): Steps<QuickRead> {
  const prints = yield* entryPrintsSteps(bytes, format);
  if (!prints) return { prints, change: { reason: 'the file is not an array of CSL-JSON items' } };
  if (!old) return { prints, change: { reason: 'the file was not read entry by entry before' } };
  const diff = yield* diffEntriesSteps(old, prints);
  if ('reason' in diff) return { prints, change: diff };
  const pieces = yield* piecesOf(bytes, prints, diff.added);
  return { prints, change: { parse: format === 'csl-json' ? parseCslPieces(pieces, file) : parseBibtexPieces(pieces, file, options), removed: diff.removed } };
}

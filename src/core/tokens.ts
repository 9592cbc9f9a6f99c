/**
 * Words as search sees them. Two readers apply the same rules, so a query word always meets
 * the term the index stored: `TermTable.collect` (the index's fast path: term ids and offsets
 * into typed arrays, no per-word objects) and `splitWords` (queries: compounds with their
 * parts). A unit test holds the two together.
 *
 * Rules:
 * - A word is a run of Unicode letters, digits and combining marks; digits stay part of the
 *   word (`Qwen2VL` → `qwen2vl`, `5B` → `5b`).
 * - Words joined by a hyphen or underscore with no space (`fine-tuning`, `LAION-5B`) form a
 *   compound: each part is a term, and so is the parts written together (`finetuning`,
 *   `laion5b`), so `fine tuning`, `fine-tuning` and `finetuning` can meet.
 * - Terms are folded: lower case (Unicode-aware) and, for non-ASCII words, diacritics removed
 *   (`Schrödinger` → `schrodinger`).
 */
import { CH_HYPHEN, CH_UNDERSCORE, CH_WORD, charClass, FNV_OFFSET, fnvStep, foldWord, lowerCode, MIX_SEED, mixStep } from './text';
import type { Texts } from './prepared';
import { touchInSteps, type Steps } from './steps';

/** One word of a text: its folded term and where it stands in the original text. */
export interface Word {
  readonly term: string;
  /** [start, end) UTF-16 offsets into the original text. */
  readonly start: number;
  readonly end: number;
}

/** Words joined by hyphens or underscores (a single word is a compound of one part). */
export interface Compound {
  readonly parts: readonly Word[];
  /** The parts' terms written together, when there are two or more parts. */
  readonly joined: string | undefined;
  readonly start: number;
  readonly end: number;
}

const WORD = 1;
const JOINER = 2;

/**
 * The search rule on top of the kernel's character classes: letters, digits and marks make
 * words; a hyphen (`-`, U+2010, U+2011) or `_` joins two words into a compound.
 */
function searchClass(kernelClass: number): number {
  return kernelClass & CH_WORD ? WORD : kernelClass & (CH_HYPHEN | CH_UNDERSCORE) ? JOINER : 0;
}

/** The search class of each ASCII character, for the hot loops. */
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_CLASS[c] = searchClass(charClass(c));
const ASCII_LOWER = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_LOWER[c] = lowerCode(c);
/** The lower-case code of an ASCII word character, 0 for any other ASCII character. */
const ASCII_WORD_LOWER = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD_LOWER[c] = ASCII_CLASS[c] === WORD ? ASCII_LOWER[c] : 0;

const WORD_RE = /^[\p{L}\p{N}\p{M}]$/u;
const NON_WORD_RE = /[^\p{L}\p{N}]+/gu;
const ASCII_RE = /^[\x00-\x7f]*$/;
const ASCII_NON_WORD_RE = /[^a-z0-9]+/g;

/** Set in a `classAt` result when the code point takes two UTF-16 units. */
const WIDE = 4;

/** Class of the code point at `i` (WORD, JOINER or 0), plus WIDE for a surrogate pair. */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_CLASS[c];
  if (c < 0xd800 || c > 0xdfff) return searchClass(charClass(c));
  const cp = text.codePointAt(i) ?? c;
  return (WORD_RE.test(String.fromCodePoint(cp)) ? WORD : 0) | (cp > 0xffff ? WIDE : 0);
}

/** UTF-16 length of the code point a `classAt` result describes. */
function widthOf(cls: number): number {
  return cls & WIDE ? 2 : 1;
}

// Two unrelated multiplicative string hashes from the kernel: FNV-1a and a MurmurHash-style mix.
const HASH1_SEED = FNV_OFFSET;
const HASH2_SEED = MIX_SEED;

/** FNV-1a hash of a string's UTF-16 units (the first of `TermTable`'s two hashes). */
function hashString(s: string): number {
  let h = HASH1_SEED;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h;
}

/** The second of `TermTable`'s two hashes of a string's UTF-16 units: `mixStep` over them, its length mixed in. */
function mixString(s: string): number {
  let h = HASH2_SEED;
  for (let i = 0; i < s.length; i++) h = mixStep(h, s.charCodeAt(i));
  return h ^ s.length;
}

/**
 * `text` as a string of its own. V8 keeps a slice of 13+ characters as a view of its parent
 * (here: a whole abstract) and a concatenation as a rope; an index that holds terms for its
 * lifetime must hold neither. Flattening `' ' + text` and slicing off the space leaves a view
 * of a private copy of `text` only.
 */
function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** A `TermTable` as plain data. */
export interface TermTableData {
  readonly terms: Texts;
  readonly table: Int32Array;
  readonly mask: number;
}

/**
 * Interns terms to dense ids (0, 1, 2, ...) with an open-addressing table. `collect` hashes
 * ASCII words while it reads them, so the ~10 M words of a 50k-paper corpus cost no string
 * allocation except at the first sight of each term, and one table probe each.
 *
 * A term is identified by two independent 32-bit hashes rather than by comparing its text:
 * comparing would dereference the stored string, a second cache miss per word that doubled
 * the build time. Two different terms merge only if both hashes collide, about one chance in
 * 10^9 for a 200k-term vocabulary; the cost would be one term finding the other's papers.
 */
export class TermTable {
  /** Term text by id, as interned. */
  private readonly interned: string[] = [];
  /** A restored table's terms (see `fromData`), which takes no new one. */
  private restored?: Texts;
  /** Slot s holds hash 1 at 3s, hash 2 at 3s + 1 and id + 1 at 3s + 2 (0: empty). */
  private table: Int32Array;
  private mask: number;
  /** Output buffers of `collect`. */
  ids = new Int32Array(4096);
  starts = new Int32Array(4096);
  ends = new Int32Array(4096);

  /**
   * A table sized for `expectedTerms` (at least 1,024) without growing. A builder that knows
   * roughly how many terms are coming says so: growing copies the table in one go, and at
   * 50,000 papers its last growth (6 MB of fresh memory, a page fault every 4 KB) held a step
   * of a sliced build for 40-90 ms. Sized up front, the same pages are touched a few at a time.
   */
  constructor(expectedTerms = 1024) {
    let slots = 2048;
    while (slots < expectedTerms * 2) slots *= 2;
    this.table = new Int32Array(3 * slots);
    this.mask = slots - 1;
  }

  /**
   * The table as plain data (see `core/prepared.ts`), in the fewest slots that keep it at most
   * `STORED_LOAD` full: a build sizes its table for the terms it expects and keeps it at most half
   * full, and at 50,000 papers stored 271,157 terms in 2^20 slots (12.6 MB of a 93 MB index that
   * every warm start reads into fresh memory, at about 4 ms a megabyte here); in 2^19 slots, 6.3 MB.
   */
  toData(): TermTableData {
    let slots = 2048;
    while (this.size > slots * STORED_LOAD) slots *= 2;
    if (slots >= this.mask + 1) return { terms: this.terms, table: this.table, mask: this.mask };
    return { terms: this.terms, table: rehashed(this.table, slots), mask: slots - 1 };
  }

  /** The table `toData` gave. */
  static fromData(data: TermTableData): TermTable {
    const table = new TermTable(0);
    table.restored = data.terms;
    table.table = data.table;
    table.mask = data.mask;
    return table;
  }

  /**
   * A table of the terms `ids` alone, under the same ids and texts, for `collect` over many texts
   * that looks for those terms only (a search's highlighting: every word of every hit's title
   * and abstract). Its probes stay in a few cache lines, where the whole table's (6.3 MB at
   * 50,000 papers) missed the cache on nearly every word: 32-49 ms of the first search after a
   * cold load. It takes no new term.
   */
  subset(ids: Iterable<number>): TermTable {
    const terms = this.terms;
    const wanted = [...ids].filter((id) => id >= 0 && id < terms.length);
    const table = new TermTable(wanted.length);
    table.restored = terms;
    for (const id of wanted) {
      const term = terms.at(id)!;
      const h1 = hashString(term);
      const h2 = mixString(term);
      const slot = table.probe(h1, h2);
      if (slot >= 0) continue;
      const at = 3 * (-slot - 1);
      table.table[at] = h1;
      table.table[at + 1] = h2;
      table.table[at + 2] = id + 1;
    }
    return table;
  }

  /** Touches the table's fresh memory in steps (see `touchInSteps`): its first probes, at random, would touch every page of it in one step. */
  *touch(): Steps<void> {
    yield* touchInSteps(this.table);
  }

  /** Term text by id. */
  get terms(): Texts {
    return this.restored ?? this.interned;
  }

  get size(): number {
    return this.terms.length;
  }

  /** The id of `term` (already folded), or -1. */
  idOf(term: string): number {
    return this.find(term, false);
  }

  /** The id of `term` (already folded), adding it if new. */
  intern(term: string): number {
    return this.find(term, true);
  }

  /**
   * The ids of every term of `text` (exactly the terms `splitWords` gives: each part, then
   * a compound's joined form) into `this.ids[0 .. count)`, and where each stands into
   * `this.starts` / `this.ends` (a joined form spans its whole compound); returns the count.
   * With `add` false, terms not in the table get id -1 instead of being added. The buffers
   * are reused: read them before the next call.
   */
  collect(text: string, add = true): number {
    const n = text.length;
    if (this.ids.length < n + 1) {
      const size = Math.max(n + 1, this.ids.length * 2);
      this.ids = new Int32Array(size);
      this.starts = new Int32Array(size);
      this.ends = new Int32Array(size);
    }
    const { ids, starts, ends } = this;
    let count = 0;
    let i = 0;
    let parts = 0;
    let compoundStart = 0;
    let compoundAscii = true;
    while (i < n) {
      const c = text.charCodeAt(i);
      const cls = c < 128 ? ASCII_CLASS[c] : classAt(text, i);
      if ((cls & 3) !== WORD) {
        i += widthOf(cls);
        continue;
      }
      const start = i;
      let h1 = HASH1_SEED;
      let h2 = HASH2_SEED;
      let ascii = true;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d < 128) {
          const l = ASCII_WORD_LOWER[d];
          if (l === 0) break;
          h1 = fnvStep(h1, l);
          h2 = mixStep(h2, l);
          i++;
        } else {
          const k = classAt(text, i);
          if ((k & 3) !== WORD) break;
          ascii = false;
          i += widthOf(k);
        }
      }
      let id: number;
      if (ascii) {
        h2 ^= i - start;
        id = this.probe(h1, h2);
        if (id < 0) id = add ? this.insert(-id - 1, h1, h2, detached(text.slice(start, i).toLowerCase())) : -1;
      } else {
        id = this.find(foldWord(text.slice(start, i)), add);
      }
      starts[count] = start;
      ends[count] = i;
      ids[count++] = id;
      let continues = false;
      if (i + 1 < n) {
        const j = text.charCodeAt(i);
        const isJoiner = j < 128 ? ASCII_CLASS[j] === JOINER : (classAt(text, i) & 3) === JOINER;
        if (isJoiner) {
          const d = text.charCodeAt(i + 1);
          continues = d < 128 ? ASCII_CLASS[d] === WORD : (classAt(text, i + 1) & 3) === WORD;
        }
      }
      if (continues) {
        if (parts === 0) {
          compoundStart = start;
          compoundAscii = true;
        }
        compoundAscii &&= ascii;
        parts++;
        i++;
      } else if (parts > 0) {
        // The joined form: hash the compound's letters in place; build the string only if new.
        // A compound of k parts yields k + 1 ids from at least 2k - 1 characters: ids has room.
        // It can be known while a part is not (`finetuning` indexed, `fine` never seen alone).
        let joinedId: number;
        if (compoundAscii && ascii) {
          let j1 = HASH1_SEED;
          let j2 = HASH2_SEED;
          let length = 0;
          for (let k = compoundStart; k < i; k++) {
            const d = text.charCodeAt(k);
            if (ASCII_CLASS[d] !== WORD) continue;
            const l = ASCII_LOWER[d];
            j1 = fnvStep(j1, l);
            j2 = mixStep(j2, l);
            length++;
          }
          joinedId = this.probe(j1, j2 ^ length);
          if (joinedId < 0) {
            joinedId = add ? this.insert(-joinedId - 1, j1, j2 ^ length, this.joinedTerm(text, count, parts + 1)) : -1;
          }
        } else {
          joinedId = this.find(this.joinedTerm(text, count, parts + 1), add);
        }
        starts[count] = compoundStart;
        ends[count] = i;
        ids[count++] = joinedId;
        parts = 0;
      }
    }
    return count;
  }

  /**
   * The terms of the last `parts` words `collect` wrote before index `end`, written together, as
   * a flat string; a word not in the table (`add` false) is folded from `text`.
   */
  private joinedTerm(text: string, end: number, parts: number): string {
    const { ids, starts, ends } = this;
    let joined = '';
    for (let k = end - parts; k < end; k++) joined += ids[k] >= 0 ? this.terms.at(ids[k])! : foldWord(text.slice(starts[k], ends[k]));
    return detached(joined);
  }

  private find(term: string, add: boolean): number {
    const h1 = hashString(term);
    const h2 = mixString(term);
    const id = this.probe(h1, h2);
    if (id >= 0) return id;
    return add ? this.insert(-id - 1, h1, h2, term) : -1;
  }

  /** The id with these hashes, or -(free slot) - 1. */
  private probe(h1: number, h2: number): number {
    const table = this.table;
    const mask = this.mask;
    for (let slot = h1 & mask; ; slot = (slot + 1) & mask) {
      const e = table[3 * slot + 2];
      if (e === 0) return -slot - 1;
      if (table[3 * slot] === h1 && table[3 * slot + 1] === h2) return e - 1;
    }
  }

  private insert(slot: number, h1: number, h2: number, term: string): number {
    if (this.restored) throw new Error('a restored term table takes no new terms');
    const id = this.interned.length;
    this.interned.push(term);
    this.table[3 * slot] = h1;
    this.table[3 * slot + 1] = h2;
    this.table[3 * slot + 2] = id + 1;
    if (this.interned.length * 2 > this.mask + 1) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = (this.mask + 1) * 2;
    this.table = rehashed(this.table, slots);
    this.mask = slots - 1;
  }
}

/** How full a stored term table may be (see `TermTable.toData`): a look-up then probes about 1.5 slots for a term it holds, 2.7 for one it does not. */
const STORED_LOAD = 0.6;

/** A term table's entries (see `TermTable.table`) placed in a table of `slots` slots, a power of two. */
function rehashed(old: Int32Array, slots: number): Int32Array {
  const table = new Int32Array(3 * slots);
  const mask = slots - 1;
  for (let s = 0; s < old.length; s += 3) {
    if (old[s + 2] === 0) continue;
    let slot = old[s] & mask;
    while (table[3 * slot + 2] !== 0) slot = (slot + 1) & mask;
    table[3 * slot] = old[s];
    table[3 * slot + 1] = old[s + 1];
    table[3 * slot + 2] = old[s + 2];
  }
  return table;
}

/**
 * Splits `text` into compounds with offsets into the original text (for queries and
 * highlighting): all of them, or the first `limit`, reading no further than they reach.
 */
export function splitWords(text: string, limit = Infinity): Compound[] {
  const out: Compound[] = [];
  const n = text.length;
  let i = 0;
  let parts: Word[] = [];
  while (i < n && out.length < limit) {
    const cls = classAt(text, i);
    if ((cls & 3) !== WORD) {
      i += widthOf(cls);
      continue;
    }
    const start = i;
    i += widthOf(cls);
    while (i < n) {
      const k = classAt(text, i);
      if ((k & 3) !== WORD) break;
      i += widthOf(k);
    }
    parts.push({ term: foldWord(text.slice(start, i)), start, end: i });
    if (i + 1 < n && (classAt(text, i) & 3) === JOINER && (classAt(text, i + 1) & 3) === WORD) {
      i++;
      continue;
    }
    out.push({
      parts,
      joined: parts.length > 1 ? parts.map((p) => p.term).join('') : undefined,
      start: parts[0].start,
      end: i,
    });
    parts = [];
  }
  return out;
}

/** A 32-bit hash of `compactKey(text)`, computed without building the key for ASCII text. */
export function compactHash(text: string): number {
  let h = HASH1_SEED;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return hashString(compactKey(text));
    if (ASCII_CLASS[c] === WORD) h = fnvStep(h, ASCII_LOWER[c]);
  }
  return h;
}

/** `text` folded and reduced to its letters and digits: the key for exact name and title hits. */
export function compactKey(text: string): string {
  const folded = foldWord(text);
  return ASCII_RE.test(folded) ? folded.replace(ASCII_NON_WORD_RE, '') : folded.replace(NON_WORD_RE, '');
}

/**
 * Finding paper names in any text. No library does this: string-search libraries (Aho-Corasick,
 * one big RegExp) match characters, while a paper name has to match whole words, titles in any
 * letter case but short names only in their own, across any spacing, line wrap or comment
 * leader, and a collision-prone name (`CUDA`) only where the evidence says a paper is meant.
 *
 * A mention can only begin where a word
 * begins, so the matcher works per word, not per character. One pass over the text cuts and
 * hashes words (case-insensitively) through the kernel's character table. At the end of each
 * word, two bit sets that fit in the processor's cache say whether that word can be a one-word
 * name, or whether it and the word before can begin a longer one; only then are the typed-array
 * hash tables probed (one word, two words, or the first three words of longer names), and each
 * candidate is verified against the text. No string is made for a word that starts no
 * candidate. The cost is one pass over the text, nearly flat in the number of papers, and every
 * check made for a candidate reads a bounded window around it, never its whole line, so a
 * minified bundle on one line scans in linear time. docs/design.md has the measurements behind
 * this design.
 *
 * Candidates are then resolved to papers on evidence (`evidence.ts`), computed only for them.
 */
import { Background } from './background';
import { addCodeLinkIfLinked, decideOnStatements, DOCUMENT_MAX, restsOnDistinctiveness, keyOf, linkedRepos, PaperProfile, paperCitedAfter, citedAs, type CitedAs, type Statements, TextEvidence, titleStated, type Evidence, type Occurrence } from './evidence';
import { spellsWords, wordsOfLanguage, type IsCommonWord } from './names';
import { mentionsInFile } from './views';
import { CH_DIGIT, CH_LETTER, CH_LOWER, CH_UNDERSCORE, CH_UPPER, CH_WORD, CHAR_INFO, classifyCode, DASHES, hashPair, isWordAt, lastLineBreak, lineEndWithin, lineStartWithin, normaliseTitle, wordFinish, WORD_SEED } from './text';
import { finishSteps, ITEMS_PER_STEP, Pace, touchInSteps, type Steps } from './steps';
import { grow } from './search/postings';
import { isTitleName, type AmbiguousNamePolicy, type Mention, type NameKind, type Paper, type PaperName, type TextSource } from './types';

export { normaliseTitle };

/** The mention rule on top of the kernel: identifiers are one word (`DataComp_v2` is one word). */
const WORD = CH_WORD | CH_UNDERSCORE;
export const MENTION_WORD = WORD;

/** Whether a UTF-16 code unit belongs to a word for mentions (a letter, digit, mark or `_`; surrogates do not). */
export function isWordCode(c: number): boolean {
  return (charInfo(c) & WORD) !== 0;
}
// The kernel's constants and pair hash as this module's own: the hot loops read them without
// a property look-up on another module.
const SEED = WORD_SEED;
const finish = wordFinish;
const UPPER = CH_UPPER;
const LOWER = CH_LOWER;
const pairHash = hashPair;
/** A word's shape (see `shapeOf`) is its classes' capital and lower-case bits, shifted down: 1 for a capital, 2 for a lower-case letter. */
const SHAPE_SHIFT = 3;
if (UPPER !== 1 << SHAPE_SHIFT || LOWER !== 2 << SHAPE_SHIFT) throw new Error('the shape of a word is read from its character classes');

interface Pattern {
  readonly name: PaperName;
  /**
   * Separator class between word k and word k+1 (see `separatorClass`), kept only for a name
   * with a separator that its spelling (`Compiled.spell`) cannot mark in one unit (`verify`
   * reads it only where the spelling has `SPELL_OTHER`); else the shared empty list. A list per
   * title held 12 MB at 50,000 papers.
   */
  readonly seps: readonly string[];
  /** `name.kind`. */
  readonly kind: PaperName['kind'];
  /** Titles match in any case; short, method and phrase names in their own (or see `variants`). */
  readonly caseSensitive: boolean;
  /** The name ends with `?` (a question title cited up to its question mark). */
  readonly question: boolean;
  /** Other casings count in prose (`Datacomp`, `Lorat`): a distinctive one-word camel-case name of five letters or more. */
  readonly variants: boolean;
  /** Which of its words the scanner looks the name up by (see `MentionMatcher`). */
  anchor: number;
}

/**
 * A pattern with what only building the matcher reads: a number for each of its words (see
 * `WORD_SHAPE`) and their hashes (which `PatternIndex` copies into its records), kept in the
 * build's `CompiledWords` (`wordOf`, `hashOf`). Kept on the pattern, the words themselves held
 * about 100 MB at 50,000 papers after the build; kept until its end, they were most of the
 * build's garbage, collected in pauses of the thread it runs on.
 */
interface Compiled {
  readonly pattern: Pattern;
  /**
   * The words as written, one after the other, each pair of them parted by a mark of the
   * separator there: `SPELL_SPACE` for a space, `SPELL_MARK + c` for a separator that is the one
   * ASCII character `c` (`-`, `:`, `BREAK`), `SPELL_OTHER` for another (see `Pattern.seps`). No
   * word holds a mark. `PatternIndex` copies it into `spells`, where `verify` reads it.
   */
  readonly spell: string;
  /** Where its words' numbers and hashes are kept. */
  readonly pool: CompiledWords;
  /** Its first word's place in `pool`. */
  readonly at: number;
  /** How many words it has. */
  readonly count: number;
}

/**
 * The numbers and hashes of the words of every name one build compiles, one name after the
 * other, in two typed arrays that grow. Two arrays of numbers a name (most hashes are not small
 * integers: each array held them as doubles) held about 60 MB of the library worker's heap while
 * it built the matcher of 50,000 papers, on top of the 90 MB it holds then.
 */
class CompiledWords {
  /** Each word's shape (`shapeOf`, the bits of `WORD_SHAPE`), `WORD_CASED`, and its length in code units from bit `WORD_LENGTH` on. */
  words: Int32Array;
  /** The hash of each word, as the scanner hashes words. */
  hashes: Uint32Array;
  length = 0;

  constructor(expected: number) {
    this.words = new Int32Array(Math.max(16, expected));
    this.hashes = new Uint32Array(this.words.length);
  }

  push(word: number, hash: number): void {
    if (this.length === this.words.length) {
      this.words = grow(this.words, this.length * 2, 0);
      this.hashes = grow(this.hashes, this.length * 2, 0);
    }
    this.words[this.length] = word;
    this.hashes[this.length++] = hash;
  }
}

/** Word `k`'s number (see `CompiledWords.words`). */
function wordOf(c: Compiled, k: number): number {
  return c.pool.words[c.at + k];
}

/** Word `k`'s hash. */
function hashOf(c: Compiled, k: number): number {
  return c.pool.hashes[c.at + k];
}

/** `PatternIndex.build`'s entries by key: group `g` has key `keys[g]` and the entries `order[start[g]]` to `order[start[g + 1] - 1]`. */
interface Grouped {
  readonly keys: readonly number[];
  readonly start: Int32Array;
  readonly order: Int32Array;
  readonly entries: ReadonlyArray<{ readonly compiled: Compiled }>;
}

/** In `CompiledWords.words`: the word's shape (`shapeOf`). */
const WORD_SHAPE = 3;
/** In `CompiledWords.words`: the word as written differs from its lower case. */
const WORD_CASED = 4;
/** In `CompiledWords.words`: the word's length starts at this bit. */
const WORD_LENGTH = 3;

/** `Pattern.seps` of a name whose separators `Compiled.spell` marks in full (most names). */
const ALL_SPACES: readonly string[] = [];

// ---------------------------------------------------------------------------------------------
// Words and separators

/** The words of a text: start and end offsets, and a case-insensitive 32-bit hash of each. */
export interface Words {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly hashes: Uint32Array;
  readonly count: number;
}

/** Cuts a text into words (runs of letters, digits, marks and `_`), hashing each as the scanner does. */
export function wordsOf(text: string): Words {
  let capacity = Math.max(16, text.length >> 3);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let hashes = new Uint32Array(capacity);
  let count = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    let k = CHAR_INFO[text.charCodeAt(i)];
    if (k === 0) k = classifyCode(text.charCodeAt(i));
    if ((k & WORD) === 0) {
      i++;
      continue;
    }
    const start = i;
    let hash = SEED;
    for (;;) {
      hash = ((hash << 7) + hash + (k >>> 16)) | 0;
      if (++i >= n) break;
      k = CHAR_INFO[text.charCodeAt(i)];
      if (k === 0) k = classifyCode(text.charCodeAt(i));
      if ((k & WORD) === 0) break;
    }
    if (count === capacity) {
      capacity *= 2;
      const s2 = new Int32Array(capacity);
      const e2 = new Int32Array(capacity);
      const h2 = new Uint32Array(capacity);
      s2.set(starts);
      e2.set(ends);
      h2.set(hashes);
      starts = s2;
      ends = e2;
      hashes = h2;
    }
    starts[count] = start;
    ends[count] = i;
    hashes[count] = finish(hash);
    count++;
  }
  return { starts, ends, hashes, count };
}

/** Whether word `k` of a pattern has a capital letter it must keep: then it never matches a word without one. */
function needsCapital(c: Compiled, k: number): boolean {
  return c.pattern.caseSensitive && !c.pattern.variants && (wordOf(c, k) & WORD_CASED) !== 0;
}

/**
 * The shape of a word: 1 if it has a capital letter, plus 2 if it has a small one. Words of the
 * text are checked against the shapes their name allows before they are compared letter by letter.
 */
function shapeOf(word: string): number {
  let classes = 0;
  for (let i = 0; i < word.length; i++) classes |= charInfo(word.charCodeAt(i));
  return (classes >>> SHAPE_SHIFT) & 3;
}

/**
 * The shapes word `k` of a pattern may take in a text, as a 4-bit set: any for a title; for a
 * name matched in its own case, its own shape; with other casings, any but all capitals.
 */
function allowedShapes(c: Compiled, k: number): number {
  if (!c.pattern.caseSensitive) return 0xf;
  const own = 1 << (wordOf(c, k) & WORD_SHAPE);
  return c.pattern.variants ? own | (1 << 2) | (1 << 3) : own;
}

/**
 * The case shape of each of words 0 to `upTo` of a pattern (at most 16), 2 bits a word (as
 * `shapeOf`), the word `upTo` in the lowest bits and each word before two bits higher: the
 * order in which the scanner keeps the shapes of the words it has just read.
 */
function shapeCode(c: Compiled, upTo: number): number {
  let code = 0;
  for (let k = Math.max(0, upTo - 15); k <= upTo; k++) code = (code << 2) | (wordOf(c, k) & WORD_SHAPE);
  return code;
}

/** The low `2 * words` bits (`words` ≤ 16): the part of a shape code that covers that many words. */
function shapeMask(words: number): number {
  return words >= 16 ? -1 : (1 << (2 * words)) - 1;
}

/**
 * Patterns by a 32-bit key, laid out flat for the scanner: an open-addressing table from a key
 * to a run of records in one typed array, each record a pattern's anchor and word count, its
 * number, then its word hashes. Checking a list against the words just read touches a few
 * contiguous cache lines and no object; a `Pattern` is read only when its hashes match. At
 * 50,000 papers, lists of objects spent most of a scan waiting for memory.
 */
class PatternIndex {
  /**
   * The open-addressing table, four numbers a slot (four slots a cache line): the key, where
   * its run of records starts and ends, and a filter over the run (see `build`), read before
   * any record. At 50,000 papers the table outgrows the processor's cache, and a probe is a
   * memory read; so is a record. A key of 0 is stored as 1: a collision only costs a check.
   */
  readonly table: Int32Array;
  private readonly mask: number;
  /**
   * The name of each record, by the number in its record. A candidate names its paper name
   * directly: the patterns themselves are not kept past the build (at 50,000 papers, 127,000
   * objects), nor read for a candidate.
   */
  readonly names: PaperName[] = [];
  /**
   * For an index restored from data (`fromData`): each record's name as its number in the
   * corpus's list, turned into the name when a candidate first needs it (see `nameOf`).
   */
  private restoredNames?: { readonly numbers: Int32Array; readonly nameAt: (n: number) => PaperName };
  /** `Pattern.seps` of the records (by offset) whose spelling has `SPELL_OTHER`: the only part of a pattern `verify` reads. */
  readonly seps = new Map<number, readonly string[]>();
  /**
   * Records: `shapes << 24 | anchor << 16 | words`, name number (in `names`), case code, where the
   * name's spelling starts in `spells`, its length with the `VERIFY_` flags from bit 24, then
   * `words` hashes. `shapes`: those the anchor word may take (`allowedShapes`). Case code: for
   * a name matched only in its own case, the shapes of its words up to the anchor
   * (`shapeCode`), which the words read must have; -1 for a name matched in any case.
   */
  readonly records: Int32Array;
  /**
   * The spelling of every name (`Compiled.spell`), one after the other. `verify` reads a
   * candidate's record (already read to match its hashes) and its spelling here, not its
   * `Pattern`: at 50,000 papers, the pattern, then its string, were two more reads from memory
   * for every candidate.
   */
  readonly spells: Uint16Array;

  /**
   * The index of `entries`, built in steps (see `core/steps.ts`). `filterOf`: a 32-bit filter
   * for one name, OR-ed over the names of a key into its slot, which the scanner tests before
   * it reads their records.
   */
  static *build(entries: ReadonlyArray<{ readonly key: number; readonly compiled: Compiled }>, filterOf: (c: Compiled) => number): Steps<PatternIndex> {
    // The entries grouped by key, the groups in the order their keys first come, each in the
    // entries' order: numbered, then laid out by a counting sort. An array for each group held
    // about 25 MB of the heap while the matcher of 50,000 papers was built.
    const groupOf = new Map<number, number>();
    const keys: number[] = [];
    const groupOfEntry = new Int32Array(entries.length);
    let total = 0;
    let units = 0;
    const pace = new Pace(ITEMS_PER_STEP * 16);
    for (let e = 0; e < entries.length; e++) {
      const { key, compiled } = entries[e];
      const k = key | 0 || 1;
      let g = groupOf.get(k);
      if (g === undefined) {
        g = keys.length;
        groupOf.set(k, g);
        keys.push(k);
      }
      groupOfEntry[e] = g;
      total += RECORD_HEAD + compiled.count;
      units += compiled.spell.length;
      if (pace.tickCheap(e)) yield* pace.pause();
    }
    groupOf.clear();
    const start = new Int32Array(keys.length + 1);
    for (let e = 0; e < entries.length; e++) {
      start[groupOfEntry[e] + 1]++;
      if (pace.tickCheap(e)) yield* pace.pause();
    }
    for (let g = 0; g < keys.length; g++) start[g + 1] += start[g];
    const order = new Int32Array(entries.length);
    const cursor = start.slice(0, keys.length);
    for (let e = 0; e < entries.length; e++) {
      order[cursor[groupOfEntry[e]]++] = e;
      if (pace.tickCheap(e)) yield* pace.pause();
    }
    // At most two thirds full.
    let size = 16;
    while (size * 2 < keys.length * 3) size *= 2;
    const index = new PatternIndex(new Int32Array(size * SLOT), size - 1, new Int32Array(total), new Uint16Array(units));
    // Filled at random: its fresh memory is touched in order first (see `touchInSteps`).
    yield* touchInSteps(index.table);
    yield* index.fill({ keys, start, order, entries }, filterOf);
    return index;
  }

  private constructor(table: Int32Array, mask: number, records: Int32Array, spells: Uint16Array) {
    this.table = table;
    this.mask = mask;
    this.records = records;
    this.spells = spells;
  }

  /** The index as plain data (see `core/prepared.ts`); `indexOf`: a name's number in the corpus's list of names. */
  toData(indexOf: (name: PaperName) => number): PatternIndexData {
    const names = new Int32Array(this.names.length);
    for (let k = 0; k < names.length; k++) names[k] = indexOf(this.names[k]);
    return { table: this.table, mask: this.mask, records: this.records, spells: this.spells, names, seps: [...this.seps] };
  }

  /**
   * The index `toData` gave, over the corpus's list of names (which `data.names` numbers):
   * `nameAt(n)` is name `n`, of `count`. Names are asked for as candidates need them, not all
   * up front (at 50,000 papers, 130,000 records and 270,000 name objects on every warm start).
   */
  static fromData(data: PatternIndexData, count: number, nameAt: (n: number) => PaperName): PatternIndex {
    const index = new PatternIndex(data.table, data.mask, data.records, data.spells);
    for (const n of data.names) if (!(n >= 0 && n < count)) throw new Error(`prepared index: name ${n} is not among the corpus's ${count}`);
    index.restoredNames = { numbers: data.names, nameAt };
    for (const [offset, seps] of data.seps) index.seps.set(offset, seps);
    return index;
  }

  /** The name of record number `k` (the number in its record). */
  nameOf(k: number): PaperName {
    return this.restoredNames ? this.restoredNames.nameAt(this.restoredNames.numbers[k]) : this.names[k];
  }

  private *fill(groups: Grouped, filterOf: (c: Compiled) => number): Steps<void> {
    let r = 0;
    let u = 0;
    const pace = new Pace(ITEMS_PER_STEP);
    const { keys, start, order, entries } = groups;
    for (let g = 0; g < keys.length; g++) {
      if (pace.tick()) yield* pace.pause();
      const key = keys[g];
      const at = this.slotOf(key);
      this.table[at] = key;
      this.table[at + 1] = r;
      let filter = 0;
      for (let e = start[g]; e < start[g + 1]; e++) {
        const c = entries[order[e]].compiled;
        const p = c.pattern;
        this.records[r] = (allowedShapes(c, p.anchor) << 24) | (p.anchor << 16) | c.count;
        this.records[r + 1] = this.names.length;
        this.records[r + 2] = p.caseSensitive && !p.variants ? shapeCode(c, p.anchor) : -1;
        this.records[r + 3] = u;
        this.records[r + 4] = c.spell.length | (verifyFlags(p) << 24);
        for (let x = 0; x < c.spell.length; x++) this.spells[u++] = c.spell.charCodeAt(x);
        this.names.push(p.name);
        if (p.seps !== ALL_SPACES) this.seps.set(r, p.seps);
        for (let x = 0; x < c.count; x++) this.records[r + RECORD_HEAD + x] = hashOf(c, x);
        r += RECORD_HEAD + c.count;
        filter |= filterOf(c);
      }
      this.table[at + 2] = r;
      this.table[at + 3] = filter;
    }
  }

  /** The offset in `table` of the slot holding `key`, or of the empty slot where it would go. */
  private slotOf(key: number): number {
    const table = this.table;
    let at = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    while (table[at * SLOT] !== 0 && table[at * SLOT] !== key) at = (at + 1) & this.mask;
    return at * SLOT;
  }

  /** The offset in `table` of the slot holding `key` (its records run from `table[s + 1]` to `table[s + 2]`; its filter is `table[s + 3]`), or -1. */
  lookup(key: number): number {
    const k = key | 0 || 1;
    const at = this.slotOf(k);
    return this.table[at] === 0 ? -1 : at;
  }
}

/** A `PatternIndex` as plain data: typed arrays and strings, which a worker transfers and a cache stores. */
export interface PatternIndexData {
  readonly table: Int32Array;
  readonly mask: number;
  readonly records: Int32Array;
  readonly spells: Uint16Array;
  /** Each record's name, by its number in the corpus's list of names. */
  readonly names: Int32Array;
  readonly seps: ReadonlyArray<readonly [number, readonly string[]]>;
}

export interface BitSetData {
  readonly bits: Int32Array;
  readonly mask: number;
}

/** A `MentionMatcher`'s built parts as plain data (`MentionMatcher.toData`). */
export interface MatcherData {
  readonly single: PatternIndexData;
  readonly anchored: PatternIndexData;
  readonly anyCaseBits: BitSetData;
  readonly capitalBits: BitSetData;
  readonly anchoredBits: BitSetData;
  readonly capitalPairBits: BitSetData;
  readonly sharedNames: readonly string[];
  readonly size: number;
}

/** Counts of 32-bit keys in typed arrays (a `Map` of half a million numbers is mostly garbage to collect). */
class CountTable {
  private readonly keys: Int32Array;
  private readonly counts: Int32Array;
  private readonly mask: number;

  constructor(expected: number) {
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.keys = new Int32Array(size);
    this.counts = new Int32Array(size);
    this.mask = size - 1;
  }

  private slotOf(key: number): number {
    let at = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    while (this.counts[at] !== 0 && this.keys[at] !== (key | 0)) at = (at + 1) & this.mask;
    return at;
  }

  /** Touches the table's fresh memory in steps (see `touchInSteps`): 16 MB at 50,000 papers, 70 ms of page faults at the first adds. */
  *touch(): Steps<void> {
    yield* touchInSteps(this.keys);
    yield* touchInSteps(this.counts);
  }

  add(key: number): void {
    const at = this.slotOf(key);
    this.keys[at] = key | 0;
    this.counts[at]++;
  }

  get(key: number): number {
    return this.counts[this.slotOf(key)];
  }
}

/**
 * A set of 32-bit hashes with false positives, small enough to stay in the processor's cache:
 * each member sets three bits of one 32-bit word, chosen by independent bits of its hash (the
 * word by bits 5 and up, the three bits by bits 0-4, 22-26 and 27-31; in a set of more than
 * 2^17 words the word's bits reach 22, which only costs false positives), and a hash is in
 * when all three of its bits are set. One word read a test. On the bench's note at 50,000
 * papers, three bits gave half the false positives of two in the same memory.
 */
class BitSet {
  readonly bits: Int32Array;
  readonly mask: number;

  /** Room for `distinct` members at `bitsPerMember` bits or more each; empty. */
  private constructor(distinct: number, bitsPerMember: number) {
    let words = 64;
    while (words * 32 < distinct * bitsPerMember) words *= 2;
    this.bits = new Int32Array(words);
    this.mask = words - 1;
  }

  /**
   * The set of `members`, at least `bitsPerMember` bits per distinct member, built in steps:
   * at 50,000 papers the four sets of a matcher, built at once, held the thread for 40-60 ms.
   */
  static *build(members: readonly number[], bitsPerMember: number): Steps<BitSet> {
    const distinct = new Set<number>();
    const pace = new Pace(ITEMS_PER_STEP * 16);
    for (let k = 0; k < members.length; k++) {
      distinct.add(members[k]);
      if (pace.tickCheap(k)) yield* pace.pause();
    }
    const set = new BitSet(distinct.size, bitsPerMember);
    for (let k = 0; k < members.length; k++) {
      const h = members[k];
      set.bits[(h >>> 5) & set.mask] |= memberBits(h);
      if (pace.tickCheap(k)) yield* pace.pause();
    }
    return set;
  }

  toData(): BitSetData {
    return { bits: this.bits, mask: this.mask };
  }

  static fromData(data: BitSetData): BitSet {
    const set = new BitSet(0, 0);
    (set as { bits: Int32Array }).bits = data.bits;
    (set as { mask: number }).mask = data.mask;
    return set;
  }

  has(h: number): boolean {
    const m = memberBits(h);
    return (this.bits[(h >>> 5) & this.mask] & m) === m;
  }
}

/** The three bits that hash `h` sets in its word of a `BitSet` (the word is `(h >>> 5) & mask`). */
function memberBits(h: number): number {
  return (1 << (h & 31)) | (1 << (h >>> 27)) | (1 << ((h >>> 22) & 31));
}

/** Numbers before the hashes in a record of `PatternIndex`. */
const RECORD_HEAD = 5;
/** Numbers in a slot of `PatternIndex.table`. */
const SLOT = 4;
/** In a record of `PatternIndex`, from bit 24 of its spelling's length: what `verify` reads of a pattern besides its spelling. */
const VERIFY_CASE = 1;
const VERIFY_VARIANTS = 2;
const VERIFY_QUESTION = 4;
const VERIFY_TITLE = 8;
const VERIFY_PHRASE = 16;

function verifyFlags(p: Pattern): number {
  return (
    (p.caseSensitive ? VERIFY_CASE : 0) |
    (p.variants ? VERIFY_VARIANTS : 0) |
    (p.question ? VERIFY_QUESTION : 0) |
    (isTitleName(p.name) ? VERIFY_TITLE : 0) |
    (p.kind === 'phrase' ? VERIFY_PHRASE : 0)
  );
}

/**
 * The filter of a one-word name's slot: the shapes its word may take (`allowedShapes`), as
 * bits 0-3. A lower-case word of the text reads no record of a name that must keep a capital.
 */
function singleFilter(c: Compiled): number {
  return allowedShapes(c, 0);
}

/**
 * The filter of a longer name's slot: for a name anchored at its third word or later, bit
 * `h & 31` of the hash `h` of the word before its anchor pair, which the text's word there
 * must have; all bits for a name anchored at its second word. A pair of common words
 * ("language models") then reads no record of the names it ends unless the word before it is
 * theirs too.
 */
function anchoredFilter(c: Compiled): number {
  const anchor = c.pattern.anchor;
  return anchor < 2 ? -1 : 1 << (hashOf(c, anchor - 2) & 31);
}
/** A name's anchor is one of its first this many words. */
const ANCHOR_REACH = 16;
/** The scanner remembers this many words back (a power of two). */
const RING = 64;

/** A paragraph break between two words: no name spans one. */
const BREAK = '\u0000';
// After a line break, the leader of a comment or quote line continues the same sentence:
// `# ... Data Filtering` / `# Networks`, `// ...`, ` * ...`, `> ...`, `% ...`, `-- ...`, `; ...`.
const LINE_LEADER = /(?:\r\n|\n|\r(?!\n))[ \t]*(?:\/\/+|#+|\*+(?!\/)|>+|%+|--|;+)?/g;
// Written so that no two runs of `[ \t]*` meet: `[ \t]*(?:#+)?[ \t]*` would try every split of a
// long run of blanks and take quadratic time on it.
const BLANK_LINE = /(?:\r\n|\n|\r(?!\n))[ \t]*(?:(?:\/\/+|#+|\*+|>+|%+|--|;+)[ \t]*)?(?:\r\n|\n|\r(?!\n))/;
/** A name never spans a longer gap between two of its words. */
const MAX_GAP = 80;

/**
 * What stands between two words, reduced to what matters for matching: `' '` for any white
 * space (spaces, tabs, a line break, a line break plus a comment leader, LaTeX's `~`), `'-'`
 * for any hyphen or dash, otherwise the punctuation itself without white space (`':'`, `'^'`,
 * `'&'`), and `BREAK` for a blank line. BibTeX's protecting braces (`{BERT}: Pre-training`)
 * and LaTeX's escapes (`Split \& Merge`) stand for nothing and for the character escaped.
 */
export function separatorClass(gap: string): string {
  if (gap === ' ') return ' ';
  let g = gap.replace(DASHES, '-');
  if (/[\r\n]/.test(g)) {
    if (BLANK_LINE.test(g)) return BREAK;
    g = g.replace(LINE_LEADER, ' ');
  }
  if (/[{}~\\]/.test(g)) g = g.replace(/[{}]/g, '').replace(/~/g, ' ').replace(/\\([&%$#_])/g, '$1');
  const compact = g.replace(/\s+/g, '');
  return compact === '' ? ' ' : compact;
}

/**
 * `separatorClass(text.slice(from, to))`, without a string in the common cases: blanks with at
 * most one line break and no comment leader (a title wrapped over two lines) are `' '`, and
 * blanks around one mark of punctuation (`, `, `: `) are that mark.
 */
function gapClass(text: string, from: number, to: number): string {
  let breaks = 0;
  let mark = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    if (c === 10 || c === 13) {
      breaks++;
      if (c === 13 && i + 1 < to && text.charCodeAt(i + 1) === 10) i++;
    } else if (mark < 0 && c > 32 && c < 127 && c !== 123 && c !== 125 && c !== 126 && c !== 92) mark = c;
    else return separatorClass(text.slice(from, to));
  }
  if (breaks > 1 || (breaks === 1 && mark >= 0)) return separatorClass(text.slice(from, to));
  return mark < 0 ? ' ' : String.fromCharCode(mark);
}

// ---------------------------------------------------------------------------------------------
// Local rules: what a candidate must look like where it stands

/**
 * Words that make a compound with a distinctive name without making another name:
 * `LoRAT-style`, `DataComp-based`, `SaRA-like`, `MatFormer-ensemble`.
 */
const COMPOUND_SUFFIXES = new Set(['based', 'style', 'like', 'ensemble', 'ensembles', 'inspired', 'driven', 'powered', 'type', 'family', 'variant', 'variants', 'guided', 'specific']);

/**
 * Whether [start, end) is a whole name and not part of something longer: not glued by a
 * hyphen to a longer word (`DataComp-1B`, `pre-DataComp`), not a member or path (`torch.cuda`,
 * `models/SaRA`, `$CUDA`, `@Hydra`), not a call or index (`LoRAT(`, `LoRAT[`) unless a title.
 * A distinctive name may be the first part of a compound (`LoRAT-style`).
 */
function standsAlone(text: string, start: number, end: number, isTitle: boolean, compounds: boolean): boolean {
  const before = text.charAt(start - 1);
  const after = text.charAt(end);
  // An apostrophe between letters joins them too: `S'MoRE` is another name than `MoRE`.
  if ((before === '-' || before === '.' || before === "'" || before === '\u2019') && isWordAt(text, start - 2)) return false;
  if (before === '\\' || before === '$' || before === '@') return false;
  // A slash makes a path (`models/SaRA`, `LoRAT/configs`), unless both sides are names (`CLIP/DFN`).
  if (before === '/' && !(isCapitalAt(text, start) && isCapitalAt(text, start - 2))) return false;
  if ((after === '.' || after === '^' || after === '+') && isWordAt(text, end + 1)) return false;
  if (after === '-' && isWordAt(text, end + 1)) {
    if (!compounds) return false;
    let e = end + 1;
    while (e < text.length && e < end + 16 && isWordAt(text, e)) e++;
    if (!COMPOUND_SUFFIXES.has(text.slice(end + 1, e).toLowerCase()) || text.charAt(e) === '-') return false;
  }
  if (after === '\\') return false;
  if (after === '/' && !(isCapitalAt(text, end + 1) && isCapitalAt(text, end - 1))) return false;
  if (!isTitle && (after === '(' || after === '[')) return false;
  return true;
}

/** Whether the character at `i` is a capital letter or a digit. */
function isCapitalAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && (charInfo(text.charCodeAt(i)) & (CH_UPPER | CH_DIGIT)) !== 0;
}

/**
 * A title followed, on the same line, by more title-cased words or by a colon and a subtitle is
 * the beginning of a different work: "Data Filtering Networks Improve Speech Models" names
 * another paper than "Data Filtering Networks".
 */
function titleGoesOn(text: string, end: number): boolean {
  // Most titles end at punctuation or a line break: no look further.
  const next = text.charCodeAt(end);
  if (next !== 32 && next !== 9 && next !== 58) return false;
  const rest = text.slice(end, end + 80);
  return /^[ \t]+(?:(?:of|for|with|in|and|via|on|from|to|the|a|an)[ \t]+)?\p{Lu}\p{Ll}/u.test(rest) || /^[ \t]*:[ \t]+\p{Lu}/u.test(rest);
}

/**
 * Capitalised words that stand before a title in prose without being part of it: sentence
 * openings, prepositions, determiners, pronouns, conjunctions and the verbs that introduce a
 * work ("Unlike Neural ODEs", "See Attention Is All You Need", "Following Denoising Diffusion
 * Probabilistic Models"). See `titleComesAfter`.
 */
const PROSE_BEFORE_TITLE = new Set(
  (
    'a about above across add after against all also although among an and any apply applying are as at based because before being besides between beyond ' +
    'both build but by cf check cite compare compared comparing consider despite did do does download during each either especially evaluate even every ' +
    'except explore extend extending extends finetune follow following follows for from get given go hence here how however i if implement implementing ' +
    'implements in including install instead into is it its learn like load many most my neither nor not note notably of on once only open or other our over ' +
    'per pretrain read recall refer reproduce revisit run see since so some start study such test than that the their then there these they this those ' +
    'though through thus to toward towards train training try under unlike unless until use using versus via visit vs was we were what when where whereas ' +
    'whether which while who why with within without yet you your'
  ).split(' '),
);

/**
 * A title that a title-cased word runs into (right before it, or before "of" and the title
 * inside a line) is the end of a longer title, another work:
 * "Improved Denoising Diffusion Probabilistic Models" (Nichol and Dhariwal) is not "Denoising
 * Diffusion Probabilistic Models" (Ho et al.), nor "The Nature of Statistical Learning Theory"
 * "Statistical Learning Theory". Written so in awesome-lists' items, reference lists ("Dhariwal.
 * Improved denoising diffusion probabilistic models. In ICML") and docstrings. A word of prose
 * (`PROSE_BEFORE_TITLE`: "Unlike", "See", "Using") leaves the title whole where it opens a
 * sentence or a line, not where it is capitalised inside one, as a title writes it ("Low-Dose
 * CT Using Denoising Diffusion Probabilistic Model for 20x Speedup").
 */
function titleComesAfter(text: string, start: number): boolean {
  // Read back by hand: a regular expression over the 80 characters before every title found
  // took a fifth of a 50,000-paper library's scan.
  let i = start - 1;
  // A BibTeX title's protected capital: "The {N}ature of {S}tatistical Learning Theory".
  if (text.charCodeAt(i) === 123) i--;
  if (!isBlank(text.charCodeAt(i))) return false;
  while (i >= 0 && isBlank(text.charCodeAt(i))) i--;
  let from = wordStartBefore(text, i);
  if (from < 0) return false;
  const viaOf = i - from === 1 && text.charCodeAt(from) === 111 && text.charCodeAt(i) === 102; // "of"
  if (viaOf) {
    i = from - 1;
    if (!isBlank(text.charCodeAt(i))) return false;
    while (i >= 0 && isBlank(text.charCodeAt(i))) i--;
    from = wordStartBefore(text, i);
    if (from < 0) return false;
  }
  // A title-cased word: a capital, then a small letter (braces aside).
  let second = from + 1;
  while (second <= i && isBrace(text.charCodeAt(second))) second++;
  if ((charInfo(text.charCodeAt(from)) & CH_UPPER) === 0 || (charInfo(text.charCodeAt(second)) & CH_LOWER) === 0) return false;
  // Capitalised after a word on the same line, with no sentence's end between: title case.
  let wordStart = from;
  while (wordStart > 0 && isBrace(text.charCodeAt(wordStart - 1))) wordStart--;
  let b = wordStart - 1;
  while (b >= 0 && isBlank(text.charCodeAt(b))) b--;
  const titleCase = b < wordStart - 1 && b >= 0 && ((charInfo(text.charCodeAt(b)) & (CH_LETTER | CH_DIGIT)) !== 0 || text.charCodeAt(b) === 41);
  // "The Nature of", "A Survey of"; not a line's "Implementation of Denoising ...".
  if (viaOf) return titleCase;
  return titleCase || !PROSE_BEFORE_TITLE.has(text.slice(from, i + 1).toLowerCase());
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isBrace(c: number): boolean {
  return c === 123 || c === 125;
}

/**
 * Where the word that ends at `last` starts (letters, digits, apostrophes and hyphens, at most 40
 * of them), or -1 when there is no word there or it follows a letter's neighbour that makes it
 * part of a longer token (`.`, `-`, `'`).
 */
function wordStartBefore(text: string, last: number): number {
  const stop = Math.max(0, last - 40);
  let k = last;
  while (k >= stop && ((charInfo(text.charCodeAt(k)) & (CH_LETTER | CH_DIGIT)) !== 0 || isWordJoiner(text.charCodeAt(k)))) k--;
  if (k === last || (k >= 0 && k < stop)) return -1;
  // Before the word: the text's start, or a character that is not a letter, digit or joiner, nor a full stop.
  if (k >= 0 && text.charCodeAt(k) === 46) return -1;
  let first = k + 1;
  while (first <= last && isWordJoiner(text.charCodeAt(first))) first++;
  return first <= last ? first : -1;
}

/** An apostrophe or a hyphen inside a word (`O'Neil`, `Wai-Kin`), or a BibTeX brace (`{N}ature`). */
function isWordJoiner(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 45 || isBrace(c);
}

/**
 * A title that is only part of the text a line sets off as one (bold, a link's text, typographic
 * quotation marks), with a word right before it there or right after it, is part of another work's title:
 * "**Remote Sensing Change Detection (Segmentation) using Denoising Diffusion Probabilistic
 * Models**", "**Denoising diffusion probabilistic models for probabilistic energy
 * forecasting**" in an awesome-list. Punctuation between it and the rest ("[DDPM, Denoising
 * Diffusion Probabilistic Models, 2020]", a year or authors in parentheses after it) leaves it whole.
 */
function titleInsideLonger(text: string, start: number, end: number): boolean {
  // Most titles stand on a line with no mark before them: one pass back to the line's start.
  const lo = Math.max(0, start - 400);
  let lineStart = lo;
  let marked = false;
  for (let k = start - 1; k >= lo; k--) {
    const c = text.charCodeAt(k);
    if (c === 10) {
      lineStart = k + 1;
      break;
    }
    // `**`, or `[` or `“` near enough to hold a title (`SET_OFF_REACH`): minified code is full of `*` and `[`.
    if ((c === 42 && text.charCodeAt(k - 1) === 42) || ((c === 91 || c === 0x201c) && start - k <= SET_OFF_REACH)) marked = true;
  }
  if (!marked) return false;
  const head = text.slice(lineStart, start);
  const tail = text.slice(end, lineEndWithin(text, end, 400));
  for (const [open, close] of SET_OFF) {
    const at = head.lastIndexOf(open);
    if (at < 0) continue;
    // Opened before the title and not closed in between (`**`, which opens and closes alike: an odd number of times).
    const inside = open === close ? count(head, open) % 2 === 1 : head.indexOf(close, at + open.length) < 0;
    if (!inside) continue;
    const shut = tail.indexOf(close);
    if (shut < 0) continue;
    // What sets off a title is short and holds no sentence's end: not a sentence in bold or in quotation marks.
    const before = head.slice(at + open.length);
    const after = tail.slice(0, shut);
    if (before.length + after.length > SET_OFF_REACH || /[.!?;][ \t]/.test(before) || /[.!?;][ \t]/.test(after)) continue;
    // A word right before it there ("... using Denoising"), not a separate item ("DDPM, Denoising").
    if (/[\p{L}\p{N})][ \t]+$/u.test(before) || /^[ \t]*[\p{L}\p{N}]/u.test(after)) return true;
  }
  return false;
}

/** The most characters around a title that the marks setting it off may hold (see `titleInsideLonger`). */
const SET_OFF_REACH = 200;

/** The marks that set a title off on a line: bold, a link's text, typographic quotation marks. */
const SET_OFF: ReadonlyArray<readonly [string, string]> = [
  ['**', '**'],
  ['[', ']'],
  // Typographic quotation marks only: straight ones are strings in code as often as titles in prose.
  ['\u201c', '\u201d'],
];

function count(text: string, mark: string): number {
  let n = 0;
  for (let at = text.indexOf(mark); at >= 0; at = text.indexOf(mark, at + mark.length)) n++;
  return n;
}

// Words after which a name is code, not prose: `import datacomp`, `pip install datacomp`.
const CODE_BEFORE = /(?:^|[\s;])(?:import|from|install|require|include|using|use|def|class|as|new|return|let|const|var)\s+$/;

/**
 * Whether a name written in another casing (`datacomp`, `Lorat`) stands in prose or a comment
 * rather than in code: not after `import`, `from` or `install`, not inside quotes or a code
 * span, not next to `.`, `=`, `(` and the like.
 */
function inProse(text: string, start: number, end: number): boolean {
  const before = text.charAt(start - 1);
  const after = text.charAt(end);
  if (before && '.=(<[{:\'"`#*/\\$@'.includes(before)) return false;
  if (after && '(=[{<:\'"`/\\_'.includes(after)) return false;
  if (after === '.' && isWordAt(text, end + 1)) return false;
  return !CODE_BEFORE.test(text.slice(lineStartWithin(text, start, 80), start));
}

// A version number after the name means the software, not the paper: "CUDA 12", "Hydra v1.3".
const VERSION_AFTER = /^[ \t]*v?\d/;
/** How far back the code-span rule counts backticks on a long line (see `CodeSpans.inSpan`). */
export const CODE_SPAN_REACH = 1000;

/**
 * Tracks whether offsets, asked for in increasing order, are inside a `code span` of their
 * line or a fenced code block (a line opening with ``` or ~~~ until the next one), and which
 * section (after which heading line) they stand in. Each question reads the text once in all,
 * however many offsets are asked about: fences are found by the native `indexOf`, code spans
 * by reading each line up to the offsets asked about on it, and headings (asked for in large
 * texts only) by walking the line breaks.
 * Exported for its unit tests.
 */
export class CodeSpans {
  /** Fence lines starting before `fenceFrom` are counted in `block`; `fenceLine`: the start of the next one (-1: none, -2: not looked for yet). */
  private fenceFrom = 0;
  private fenceLine = -2;
  private block = false;
  /** The next ``` and ~~~ at or after `fenceFrom` (-1: none), each looked for again only once passed. */
  private ticks = -2;
  private tildes = -2;
  /** Start of the line holding the last offset asked about by `inSpan`. */
  private lineStart = 0;
  /** Backticks counted on that line up to `spanAt`, and whether their number is odd. */
  private spanAt = 0;
  private span = false;
  /** Backticks counted on that line up to `trailAt` (the start of the reach), and whether their number is odd. */
  private trailAt = 0;
  private trail = false;
  /** `sectionOf`, which reads every line: start of the next line to read (-1: none), of the current section, and whether in a fenced block. */
  private nextLine = 0;
  private section = 0;
  private sectionBlock = false;

  constructor(private readonly text: string) {}

  /** Whether `offset` is in a fenced block: an odd number of fence lines start at or before it (the opening fence line counts). */
  private blockAt(offset: number): boolean {
    for (;;) {
      if (this.fenceLine === -2) this.fenceLine = this.nextFenceLine();
      if (this.fenceLine < 0 || this.fenceLine > offset) return this.block;
      this.block = !this.block;
      this.fenceFrom = this.fenceLine + 1;
      this.fenceLine = -2;
    }
  }

  /** The start of the first line at or after `fenceFrom` that opens, after blanks, with ``` or ~~~, or -1. */
  private nextFenceLine(): number {
    const { text } = this;
    for (;;) {
      if (this.ticks !== -1 && this.ticks < this.fenceFrom) this.ticks = text.indexOf('```', this.fenceFrom);
      if (this.tildes !== -1 && this.tildes < this.fenceFrom) this.tildes = text.indexOf('~~~', this.fenceFrom);
      const at = this.ticks < 0 ? this.tildes : this.tildes < 0 ? this.ticks : Math.min(this.ticks, this.tildes);
      if (at < 0) return -1;
      // Only blanks between the start of its line and the mark. (The blanks read here end at
      // a mark or a line break, so no character is read twice.)
      let b = at - 1;
      while (b >= 0 && (text.charCodeAt(b) === 32 || text.charCodeAt(b) === 9)) b--;
      if ((b < 0 || text.charCodeAt(b) === 10) && b + 1 >= this.fenceFrom) return b + 1;
      this.fenceFrom = at + 1;
    }
  }

  /**
   * Inside a code span at `offset`: after an odd number of backticks between the start of its
   * line, or `CODE_SPAN_REACH` characters before it if the line starts further back, and the
   * offset. The reach keeps the rule local: the verdict on a name depends only on the text near
   * it, so a scan of part of a long line (a hover window, see scanWindow.ts) agrees with a scan
   * of the whole. The price is paid only by code spans longer than `CODE_SPAN_REACH`: a name
   * that far inside one is no longer seen as inside it, and a name up to that far after one's
   * closing backtick is. Two cursors walk each line once, one at the offset and one at the
   * start of the reach, each carrying the parity of the backticks before it.
   * `offset` must not decrease between calls.
   */
  inSpan(offset: number): boolean {
    if (this.blockAt(offset)) return false;
    const { text } = this;
    // A line break since the last offset starts a new line (read back from the offset only to it).
    const lineBreak = lastLineBreak(text, offset, this.spanAt);
    if (lineBreak >= 0) {
      this.lineStart = this.spanAt = this.trailAt = lineBreak + 1;
      this.span = this.trail = false;
    }
    for (let i = this.spanAt; i < offset; i++) if (text.charCodeAt(i) === 96) this.span = !this.span;
    this.spanAt = Math.max(this.spanAt, offset);
    const from = Math.max(this.lineStart, offset - CODE_SPAN_REACH);
    for (let i = this.trailAt; i < from; i++) if (text.charCodeAt(i) === 96) this.trail = !this.trail;
    this.trailAt = Math.max(this.trailAt, from);
    return this.span !== this.trail;
  }

  /** Where the section holding `offset` begins (after the last heading line outside a block); `offset` must not decrease between calls. */
  sectionOf(offset: number): number {
    const { text } = this;
    while (this.nextLine >= 0 && this.nextLine <= offset) {
      const start = this.nextLine;
      const nl = text.indexOf('\n', start);
      this.nextLine = nl < 0 ? -1 : nl + 1;
      let i = start;
      while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
      const c = text.charCodeAt(i);
      if ((c === 96 || c === 126) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c) this.sectionBlock = !this.sectionBlock;
      else if (!this.sectionBlock && ((c === 35 && /^#{1,6}[ \t]/.test(text.slice(i, i + 8))) || (c === 92 && /^\\(?:sub)*section|^\\chapter/.test(text.slice(i, i + 16))))) {
        this.section = start;
      }
    }
    return this.section;
  }

  /** Inside a fenced code block at `offset`; `offset` must not decrease between calls. */
  inBlock(offset: number): boolean {
    return this.blockAt(offset);
  }
}

/** Software, not the paper: a version after it, inside a `code span`, or a string literal. */
/** Why a candidate does not count where it stands (code, software, another casing in a code block), or undefined when it does. */
function notCounted(text: string, c: Candidate, policy: AmbiguousNamePolicy, spans: CodeSpans): string | undefined {
  const name = c.name;
  if (name.kind !== 'title' && inCode(text, c.start, c.end)) return 'written as code here: a string literal or a BibTeX key';
  if (name.kind !== 'title' && PLAIN_WORD.test(name.text) && inByline(text, c.start, c.end)) return "a person's name here: in a list of people's names";
  if (c.variant && spans.inBlock(c.start)) return `written "${text.slice(c.start, c.end)}" in a code block: another casing counts in prose only`;
  if (name.kind !== 'title' && name.ambiguous && policy !== 'always' && looksLikeSoftware(text, c.start, c.end, spans)) {
    return 'written as software here: a version number after it, a code span or a string literal';
  }
  return undefined;
}

/**
 * The fewest people's names that make a byline: two capitalised pairs joined by "and" are as
 * often two names of things ("Stable Diffusion and Imagen Video").
 */
const BYLINE_PEOPLE = 3;
/** How far along its line a byline is read either side of a name. */
const BYLINE_REACH = 400;
/**
 * A name written as a plain capitalised word (`Adam`, `Sophia`): a person's name may be spelt so,
 * a coined one (`DataComp`, `CUDA`) is not, and only such names are looked for in a byline.
 */
const PLAIN_WORD = /^\p{Lu}\p{Ll}+$/u;
/**
 * A word of a person's name: capitalised (`Adam`, `Wai-Kin`, `O'Neil`) or an initial (`S.`,
 * `J.-P.`, or `D` without its full stop, as Manubot's and PubMed's reference lists write them:
 * "Dean F Sittig, Adam Wright").
 */
const PERSON_WORD = /^(?:\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{Lu}?[\p{Ll}\p{M}'’]+)*|\p{Lu}\.(?:-?\p{Lu}\.)*|\p{Lu})$/u;
/** What separates the people of a byline. */
const BYLINE_SEPARATOR = /[,;]|\s(?:and|&)\s/g;
/** Marks after authors' names: affiliations, equal contribution, corresponding author. */
const AUTHOR_MARKS = /[*_†‡§¶#^\d\u00b9\u00b2\u00b3\u2070-\u2079]+/g;

/** Whether a part of a byline is one person's name: two to four capitalised words or initials, one a whole word. */
function isPerson(part: string): boolean {
  const words = part.replace(AUTHOR_MARKS, ' ').trim().split(/\s+/);
  return words.length >= 2 && words.length <= 4 && words.every((w) => PERSON_WORD.test(w)) && words.some((w) => w.length > 1 && !w.endsWith('.'));
}

/**
 * Whether a name stands in a byline: one person's name among a line's list of them (`Giannis
 * Daras, ..., Adam Klivans`, `Sophia S. Goller`, `Vincent Adam, Arno Solin`). Awesome-lists
 * write every paper's authors under its title; with a library holding "Adam: A method for
 * stochastic optimization", "Sophia: A Scalable Stochastic Second-order Optimizer" or "Graf:
 * Generative radiance fields", Awesome-Diffusion-Models' README linked 23 authors' names to them.
 * At least three of the line's parts (`BYLINE_PEOPLE`), and two thirds of them, must be people's names.
 */
function inByline(text: string, start: number, end: number): boolean {
  let from = lineStartWithin(text, start, BYLINE_REACH);
  let to = lineEndWithin(text, end, BYLINE_REACH);
  // A LaTeX group holding the name is the list: a reference list's `\CSLBlock{Dean F Sittig,
  // Adam Wright} \emph{Journal ...}` or a title page's `\author{...}`.
  // (Looked for within the line only: a search of the whole text read 255 KB a name in a note without braces.)
  const around = text.slice(from, to);
  const open = around.lastIndexOf('{', start - from);
  const close = around.indexOf('}', end - from);
  if (open >= 0 && close >= 0 && around.indexOf('}', open) >= end - from) {
    to = from + close;
    from += open + 1;
  }
  const line = text.slice(from, to);
  // The separators must be there, or the line is no list (a cheap test first: most lines have no comma).
  if (line.indexOf(',') < 0 && line.indexOf(';') < 0 && line.indexOf(' and ') < 0 && line.indexOf(' & ') < 0) return false;
  let people = 0;
  let parts = 0;
  let mine = false;
  let at = 0;
  const offset = start - from;
  for (const sep of [...line.matchAll(BYLINE_SEPARATOR), { index: line.length, 0: '' }]) {
    const part = line.slice(at, sep.index).replace(/^[\s*_{]+|[\s*_\\}]+$/g, '');
    if (part) {
      parts++;
      const person = isPerson(part);
      if (person) people++;
      if (offset >= at && offset < sep.index!) mine = person;
    }
    at = sep.index! + sep[0].length;
  }
  return mine && people >= BYLINE_PEOPLE && people * 3 >= parts * 2;
}

function looksLikeSoftware(text: string, start: number, end: number, spans: CodeSpans): boolean {
  if (VERSION_AFTER.test(text.slice(end, end + 8))) return true;
  if (spans.inSpan(start)) return true;
  const quote = text.charAt(start - 1);
  return (quote === '"' || quote === "'") && text.charAt(end) === quote;
}

/**
 * Code, for any name: a string literal in code (`load("Open-Qwen2VL")`, `name = 'DataComp'`,
 * a quoted item of a list) or a BibTeX key (`@article{Open-Qwen2VL,`). Quotes in prose
 * (`a benchmark called "DataComp"`) are not code.
 */
function inCode(text: string, start: number, end: number): boolean {
  const quote = text.charAt(start - 1);
  if ((quote === '"' || quote === "'") && text.charAt(end) === quote) {
    const lineStart = lineStartWithin(text, start - 1, 79);
    const before = text.slice(lineStart, start - 1);
    if (/(?:^\s*|[([{=,:]\s*)$/.test(before)) return true;
  }
  // A BibTeX key follows `{` (and perhaps spaces) right after the entry type.
  let b = start - 1;
  while (b >= 0 && (text.charCodeAt(b) === 32 || text.charCodeAt(b) === 9)) b--;
  return text.charCodeAt(b) === 123 && /@\w+\s*\{\s*$/.test(text.slice(Math.max(0, start - 30), start));
}

// ---------------------------------------------------------------------------------------------
// The matcher

/** A mention with the evidence that decided it (`scan --explain`). */
export interface ExplainedMention extends Mention {
  readonly evidence: Evidence;
}

/** How to resolve the names found in a text. */
export interface FindOptions {
  /** The policy for collision-prone names (see `AmbiguousNamePolicy`); `context` by default. */
  readonly policy?: AmbiguousNamePolicy;
  /**
   * Names not to link, by paper, name and the name's kind: the pairs the user turned off ("Not
   * this paper"), or every name but the title of a library paper (`paperLens.mentions.libraryNames`).
   */
  readonly suppressed?: (paperId: string, name: string, kind: NameKind) => boolean;
  /**
   * The decisions made over a whole document (`summarize`), for a window of it: one sense per
   * discourse holds across windows. Names the summary has not seen are decided in the window.
   */
  readonly discourse?: Discourse;
}

/**
 * What one part of a document states (`MentionMatcher.summarizePart`): the papers whose full
 * title it gives (with the reason to show), the repositories it links, and for each name found
 * in it, by discourse key, its definitions for and against the paper.
 */
export interface DiscoursePart {
  readonly titles: ReadonlyMap<string, string>;
  readonly repos: ReadonlySet<string>;
  readonly names: ReadonlyMap<string, { readonly name: PaperName; readonly statements: Statements }>;
}

/**
 * Several parts' statements as one part's, in text order: the first reason for a stated title,
 * every repository, and each name's reasons for and against, each once. Combining is
 * associative, so groups of parts can be combined once and kept.
 */
export function combineParts(parts: readonly DiscoursePart[]): DiscoursePart {
  if (parts.length === 1) return parts[0];
  const titles = new Map<string, string>();
  const repos = new Set<string>();
  const names = new Map<string, { name: PaperName; statements: Statements }>();
  for (const part of parts) {
    for (const [id, reason] of part.titles) if (!titles.has(id)) titles.set(id, reason);
    for (const repo of part.repos) repos.add(repo);
    for (const [key, { name, statements }] of part.names) {
      const merged = names.get(key);
      if (!merged) {
        names.set(key, { name, statements: { for: [...statements.for], against: [...statements.against], strongFor: statements.strongFor } });
        continue;
      }
      for (const r of statements.for) if (!merged.statements.for.includes(r)) merged.statements.for.push(r);
      for (const r of statements.against) if (!merged.statements.against.includes(r)) merged.statements.against.push(r);
      merged.statements.strongFor ||= statements.strongFor;
    }
  }
  return { titles, repos, names };
}

/** The per-version summary of a document scanned by window: the decision for each name it holds. */
export interface Discourse {
  readonly decisions: ReadonlyMap<string, Evidence>;
}

interface Candidate {
  start: number;
  end: number;
  name: PaperName;
  variant: boolean;
}

/** What a `MentionMatcher` holds, built in steps by `matcherParts`. */
interface MatcherParts {
  readonly single: PatternIndex;
  readonly anchored: PatternIndex;
  readonly anyCaseBits: BitSet;
  readonly capitalBits: BitSet;
  readonly anchoredBits: BitSet;
  readonly capitalPairBits: BitSet;
  readonly namesOf: NamesOf;
  readonly sharedNames: readonly string[];
  readonly size: number;
}

/** A paper's names, by paper id. */
export type NamesOf = (paperId: string) => readonly PaperName[];

/** Names compiled between two yields of `matcherParts` (titles are the slow ones: folding, regular expressions). */
const NAMES_PER_STEP = 32;

function* matcherParts(names: readonly PaperName[], isCommonWord: IsCommonWord, background: Background, namesOf?: NamesOf): Steps<MatcherParts> {
  // Grouped here only when the caller keeps no grouping of its own (a corpus does: a second one
  // held 11 MB at 50,000 papers).
  const namesByPaper = new Map<string, PaperName[]>();
  // A name's key: titles compare folded, other names as written. Several owners: left out.
  const keys: string[] = [];
  const owners = new Map<string, string | null>();
  const pace = new Pace(NAMES_PER_STEP);
  for (let k = 0; k < names.length; k++) {
    const name = names[k];
    keys.push(isTitleName(name) ? normaliseTitle(name.text) : name.text);
    const owner = owners.get(keys[k]);
    if (owner === undefined) owners.set(keys[k], name.paperId);
    else if (owner !== null && owner !== name.paperId) owners.set(keys[k], null);
    if (!namesOf) {
      let list = namesByPaper.get(name.paperId);
      if (!list) namesByPaper.set(name.paperId, (list = []));
      list.push(name);
    }
    if (pace.tick()) yield* pace.pause();
  }
  const shared = new Set<string>();
  const compiled: Compiled[] = [];
  // About ten words a title, two a shorter name.
  const pool = new CompiledWords(names.length * 6);
  const isWord: IsCommonWord = (w) => isCommonWord(w) || background.isLowerCaseWord(w);
  // Other casings may not spell any English word, however rare in ML writing (see `otherCasingsFree`).
  const isSpelling = wordsOfLanguage(isCommonWord, background);
  for (let k = 0; k < names.length; k++) {
    const name = names[k];
    if (owners.get(keys[k]) === null) shared.add(name.text);
    else {
      const casings = otherCasingsFree(name.text, isSpelling, background);
      for (const form of formsOf(name)) {
        const c = compile(name, isWord, pool, form, casings);
        if (c) compiled.push(c);
      }
    }
    if (pace.tick()) yield* pace.pause();
  }
  // A longer name is looked up by its anchor, one of its first `ANCHOR_REACH` words but the
  // first, together with the word before it: the pair that costs least, being rare in the
  // background (few words of a text start a look-up; long words, without statistics) and
  // shared by few names (lists stay short). A name matched in its own case takes, when it
  // can, a pair with a capital letter: it is then looked up only where the text has one.
  const pairCounts = new CountTable(compiled.length * 8);
  yield* pairCounts.touch();
  // The loops over compiled names below take well under a microsecond an item (`pace` counts names, which take far longer).
  const cheap = new Pace(ITEMS_PER_STEP * 16);
  // The pool grows no more.
  const { words, hashes } = pool;
  for (let c = 0; c < compiled.length; c++) {
    const { at, count } = compiled[c];
    for (let k = 1; k < Math.min(count, ANCHOR_REACH); k++) pairCounts.add(hashPair(hashes[at + k - 1], hashes[at + k]));
    if (cheap.tickCheap(c)) yield* cheap.pause();
  }
  const anyCase: number[] = [];
  const capital: number[] = [];
  const pairs: number[] = [];
  const capitalPairs: number[] = [];
  const singles: Array<{ key: number; compiled: Compiled }> = [];
  const anchoredEntries: Array<{ key: number; compiled: Compiled }> = [];
  for (let at = 0; at < compiled.length; at++) {
    if (cheap.tickCheap(at)) yield* cheap.pause();
    const c = compiled[at];
    const { pattern, at: first, count } = c;
    let anchor = 0;
    let capitalPair = false;
    if (count > 1) {
      // Expected work of a pair: how often a text holds it (about e^-(idf1 + idf2) per word,
      // taking its words as independent) times how many names share it.
      let best = Infinity;
      for (let k = 1; k < Math.min(count, ANCHOR_REACH); k++) {
        const [before, here] = [first + k - 1, first + k];
        const shared = Math.max(1, pairCounts.get(hashPair(hashes[before], hashes[here])));
        const rarity = background.present ? Math.max(background.idfOfHash(hashes[before]), background.idfOfHash(hashes[here])) : Math.max(words[before] >>> WORD_LENGTH, words[here] >>> WORD_LENGTH);
        const capitals = needsCapital(c, k - 1) || needsCapital(c, k);
        const cost = Math.log(shared) - rarity;
        if ((capitals && !capitalPair) || ((capitals || !capitalPair) && cost < best)) {
          best = cost;
          anchor = k;
          capitalPair = capitals;
        }
      }
    }
    pattern.anchor = anchor;
    const h = hashes[first + anchor];
    if (anchor === 0) {
      singles.push({ key: h, compiled: c });
      (needsCapital(c, 0) ? capital : anyCase).push(h);
    } else {
      const pair = hashPair(hashes[first + anchor - 1], h);
      anchoredEntries.push({ key: pair, compiled: c });
      (capitalPair ? capitalPairs : pairs).push(pair);
    }
  }
  const single = yield* PatternIndex.build(singles, singleFilter);
  const anchored = yield* PatternIndex.build(anchoredEntries, anchoredFilter);
  // Every word of a text probes the first and third, a word with a capital letter (or after
  // one) the others too. A false positive costs a probe of a key table, which at 50,000
  // papers is a read from memory: one-word names are few, and at 32 bits each their sets
  // gave one false positive in about 930 words of the bench's note; pairs are many, and at
  // 16 bits each one in about 150.
  const anyCaseBits = yield* BitSet.build(anyCase, 32);
  const capitalBits = yield* BitSet.build(capital, 32);
  const anchoredBits = yield* BitSet.build(pairs, 16);
  const capitalPairBits = yield* BitSet.build(capitalPairs, 16);
  const size = compiled.length;
  return { single, anchored, anyCaseBits, capitalBits, anchoredBits, capitalPairBits, namesOf: namesOf ?? ((id) => namesByPaper.get(id) ?? []), sharedNames: [...shared], size };
}

/** A compiled dictionary of paper names; build once per corpus, use for any number of texts. */
export class MentionMatcher {
  /** One-word names, by the hash of the word. */
  private readonly single: PatternIndex;
  /** Longer names, by the hash of their anchor word and the word before it. */
  private readonly anchored: PatternIndex;
  /** Hashes of one-word names that may match a word written without capitals (`datacomp`, `word2vec`). */
  private readonly anyCaseBits: BitSet;
  /** Hashes of one-word names with a capital letter that must keep it (`SiT`, `CUDA`). */
  private readonly capitalBits: BitSet;
  /** Hashes of anchor words with the word before: the keys of `anchored` for names in any case, or with no capital in that pair. */
  private readonly anchoredBits: BitSet;
  /** The other keys of `anchored`: pairs with a capital letter that the name must keep. */
  private readonly capitalPairBits: BitSet;
  private readonly profiles = new Map<string, PaperProfile | null>();
  private readonly namesOf: NamesOf;
  /** Names left out because several papers claim them (see `matcherParts`). */
  readonly sharedNames: readonly string[];
  readonly size: number;

  /**
   * @param names every name of every paper (from `deriveNames`).
   * @param paperOf a paper by id, for the evidence: its title, abstract and links.
   * @param isCommonWord everyday vocabulary (see `seeds/common-words.txt`).
   * @param background background statistics (see `Background`), for weighing context words.
   *
   * A short or method name claimed by more than one paper says nothing about which is meant,
   * so it is left out (the papers' full titles still match), as is a title claimed twice.
   */
  constructor(
    names: readonly PaperName[],
    private readonly paperOf: (paperId: string) => Paper | undefined,
    isCommonWord: IsCommonWord,
    private readonly background: Background = Background.empty(),
    parts: MatcherParts = finishSteps(matcherParts(names, isCommonWord, background)),
  ) {
    ({
      single: this.single,
      anchored: this.anchored,
      anyCaseBits: this.anyCaseBits,
      capitalBits: this.capitalBits,
      anchoredBits: this.anchoredBits,
      capitalPairBits: this.capitalPairBits,
      namesOf: this.namesOf,
      sharedNames: this.sharedNames,
      size: this.size,
    } = parts);
  }

  /** The matcher built in steps (see `core/steps.ts`), for a thread that must stay responsive; `namesOf`: the names grouped by paper, when the caller keeps them so (else the matcher groups `names`). */
  static *build(names: readonly PaperName[], paperOf: (paperId: string) => Paper | undefined, isCommonWord: IsCommonWord, background: Background = Background.empty(), namesOf?: NamesOf): Steps<MentionMatcher> {
    return new MentionMatcher(names, paperOf, isCommonWord, background, yield* matcherParts(names, isCommonWord, background, namesOf));
  }

  /**
   * The built parts as plain data (see `core/prepared.ts`), for a matcher built in the library
   * worker and restored on the editor's thread, or read back from the cache. `indexOf`: a
   * name's number in the list of every name of the corpus, papers in order.
   */
  toData(indexOf: (name: PaperName) => number): MatcherData {
    return {
      single: this.single.toData(indexOf),
      anchored: this.anchored.toData(indexOf),
      anyCaseBits: this.anyCaseBits.toData(),
      capitalBits: this.capitalBits.toData(),
      anchoredBits: this.anchoredBits.toData(),
      capitalPairBits: this.capitalPairBits.toData(),
      sharedNames: this.sharedNames,
      size: this.size,
    };
  }

  /**
   * The matcher `toData` gave, without compiling a name. `names`: the list `indexOf` numbered,
   * as its size and name `n` (made when a candidate first needs it).
   */
  static fromData(data: MatcherData, names: { readonly count: number; at(n: number): PaperName }, paperOf: (paperId: string) => Paper | undefined, isCommonWord: IsCommonWord, background: Background, namesOf: NamesOf): MentionMatcher {
    const nameAt = (n: number) => names.at(n);
    const parts: MatcherParts = {
      single: PatternIndex.fromData(data.single, names.count, nameAt),
      anchored: PatternIndex.fromData(data.anchored, names.count, nameAt),
      anyCaseBits: BitSet.fromData(data.anyCaseBits),
      capitalBits: BitSet.fromData(data.capitalBits),
      anchoredBits: BitSet.fromData(data.anchoredBits),
      capitalPairBits: BitSet.fromData(data.capitalPairBits),
      namesOf,
      sharedNames: data.sharedNames,
      size: data.size,
    };
    return new MentionMatcher([], paperOf, isCommonWord, background, parts);
  }

  /**
   * Every mention in `text`, sorted by offset, never overlapping: where names overlap, the one
   * that starts first wins, and of those the longest. Offsets are UTF-16 offsets into `text`.
   */
  find(text: string, options: AmbiguousNamePolicy | FindOptions = 'context'): Mention[] {
    return this.resolve(text, typeof options === 'string' ? { policy: options } : options, false).linked;
  }

  /** Like `find`, with the evidence of each mention, and the candidates the evidence turned down. */
  explain(text: string, options: AmbiguousNamePolicy | FindOptions = 'context'): { linked: ExplainedMention[]; rejected: ExplainedMention[] } {
    const r = this.resolve(text, typeof options === 'string' ? { policy: options } : options, true);
    return { linked: r.linked as ExplainedMention[], rejected: r.rejected };
  }

  /**
   * The decisions over a whole document, for scanning it by window (`FindOptions.discourse`):
   * gathered once per document version, they keep one sense per discourse across windows.
   */
  summarize(text: string, policy: AmbiguousNamePolicy = 'context'): Discourse {
    return { decisions: this.resolve(text, { policy }, false).decisions };
  }

  /**
   * What one part of a document states about the names in it (`DiscoursePart`), for a summary
   * made part by part and merged (`mergeParts`): a large document's summary then costs one
   * part's read after an edit, not the whole text's, and no single step holds the thread long.
   * A part should end at a paragraph break, so that no name or definition spans two parts.
   */
  summarizePart(text: string, policy: AmbiguousNamePolicy = 'context'): DiscoursePart {
    const candidates = nonOverlapping(this.scan(text));
    const titles = new Map<string, string>();
    const names = new Map<string, { name: PaperName; statements: Statements }>();
    if (!candidates.length) return { titles, repos: linkedRepos(text), names };
    for (const c of candidates) if (c.name.kind === 'title' && !titles.has(c.name.paperId)) titles.set(c.name.paperId, titleStated(text, c.start));
    // Titles stated in other parts are merged in later: none are handed to the evidence here.
    const evidence = new TextEvidence(text, this.background, (id) => this.profile(id), { titles: new Map() });
    const spans = new CodeSpans(text);
    const seen = new Map<string, PaperName>();
    for (const c of candidates) {
      const name = c.name;
      if (name.kind === 'title' || name.kind === 'field' || notCounted(text, c, policy, spans)) continue;
      evidence.observe(occurrence(c));
      seen.set(discourseKey(name), name);
    }
    for (const [key, name] of seen) names.set(key, { name, statements: evidence.statements(name)! });
    return { titles, repos: linkedRepos(text), names };
  }

  /**
   * A document's summary from its parts' (`summarizePart`, in text order): each name is decided
   * on what any part states (definitions, the paper's full title, a link to its code), as
   * `summarize` decides it on the whole text. Decisions that rest on the words around a name are
   * left to each window, as `summarize` leaves them for a text over `DOCUMENT_MAX`.
   */
  mergeParts(parts: readonly DiscoursePart[], policy: AmbiguousNamePolicy = 'context'): Discourse {
    const { titles, repos, names } = combineParts(parts);
    const decisions = new Map<string, Evidence>();
    for (const [key, { name, statements }] of names) {
      const title = titles.get(name.paperId);
      // As `TextEvidence.observe` does: a stated title comes first among the reasons.
      // A copy: the parts' statements are kept for the next merge.
      const s: Statements = { for: title ? [title, ...statements.for] : [...statements.for], against: statements.against, strongFor: statements.strongFor || !!title };
      addCodeLinkIfLinked(name, s, () => this.profile(name.paperId)?.repo, (repo) => repos.has(repo));
      const decision = decideOnStatements(name, policy, s);
      if (decision) decisions.set(key, decision);
    }
    return { decisions };
  }

  private resolve(text: string, options: FindOptions, explain: boolean): { linked: Mention[]; rejected: ExplainedMention[]; decisions: Map<string, Evidence> } {
    const policy = options.policy ?? 'context';
    const candidates = nonOverlapping(this.scan(text));
    const decisions = new Map<string, Evidence>();
    const linked: Mention[] = [];
    const rejected: ExplainedMention[] = [];
    if (!candidates.length) return { linked, rejected, decisions };
    const titles = new Map<string, number>();
    for (const c of candidates) if (c.name.kind === 'title' && !titles.has(c.name.paperId)) titles.set(c.name.paperId, c.start);
    const evidence = new TextEvidence(text, this.background, (id) => this.profile(id), { titles });
    const spans = new CodeSpans(text);
    const kept: Candidate[] = [];
    const scopes: number[] = [];
    const local = new Map<Candidate, string>();
    // In a large text the words around a name count per section (see `DOCUMENT_MAX`).
    const sectioned = text.length > DOCUMENT_MAX;
    for (const c of candidates) {
      const name = c.name;
      if (options.suppressed?.(name.paperId, name.text, name.kind)) continue;
      const notHere = notCounted(text, c, policy, spans);
      if (notHere) {
        if (explain) local.set(c, notHere);
        continue;
      }
      const scope = sectioned ? spans.sectionOf(c.start) : 0;
      kept.push(c);
      scopes.push(scope);
      const decided = options.discourse?.decisions.get(discourseKey(name));
      // A field's name is decided occurrence by occurrence, on a citation of its paper alone (below).
      if (name.kind !== 'title' && name.kind !== 'field' && !decided) evidence.observe(occurrence(c), scope);
    }
    const scopedDecisions = new Map<string, Evidence>();
    // Names the text also writes in their own casing: there another casing is the same name
    // (gathered only when a name is written in another casing).
    const ownCasing = kept.some((c) => c.variant) ? new Set(kept.filter((c) => !c.variant).map((c) => discourseKey(c.name))) : undefined;
    kept.forEach((c, k) => {
      const name = c.name;
      const key = discourseKey(name);
      const scopedKey = sectioned ? `${key}\u0000${scopes[k]}` : key;
      let decision = decisions.get(key) ?? scopedDecisions.get(scopedKey);
      if (!decision) {
        decision = options.discourse?.decisions.get(key) ?? evidence.decide(name, policy, scopes[k]);
        const scoped = evidence.isScoped(decision);
        // In a large text a decision on the words of one section holds there only; others hold
        // for the whole text (and go into its summary).
        if (scoped && sectioned) scopedDecisions.set(scopedKey, decision);
        else decisions.set(key, decision);
      }
      // Another casing than the name's own: a name that needs no context needs the text's words
      // to agree (`variantAgainst`), or the name written in its own casing elsewhere in the text;
      // this occurrence only, not the name's other occurrences.
      if (c.variant && decision.linked) {
        const written = text.slice(c.start, c.end);
        const against = restsOnDistinctiveness(decision) && !ownCasing?.has(key) ? evidence.variantAgainst(name, written) : undefined;
        decision = against ? { ...decision, linked: false, reasons: [against] } : { ...decision, reasons: [...decision.reasons, `written "${written}", another casing of "${name.text}", in prose`] };
      }
      // A field's name counts where the text cites its paper there: this occurrence, not the others.
      if (!decision.linked && name.kind === 'field' && policy !== 'never') {
        const cited = paperCitedAfter(text, c.end, this.citedAsOf(name.paperId));
        if (cited) decision = { ...decision, linked: true, reasons: [cited] };
      }
      const m: Mention = { start: c.start, end: c.end, text: text.slice(c.start, c.end), paperId: name.paperId, kind: name.kind };
      if (decision.linked) linked.push(explain ? ({ ...m, evidence: decision } as ExplainedMention) : m);
      else if (explain) rejected.push({ ...m, evidence: decision });
    });
    if (explain) {
      for (const [c, why] of local) {
        const name = c.name;
        rejected.push({
          start: c.start,
          end: c.end,
          text: text.slice(c.start, c.end),
          paperId: name.paperId,
          kind: name.kind,
          evidence: { linked: false, prior: name.ambiguous ? 'collision-prone' : 'distinctive', ...(name.why ? { why: name.why } : {}), reasons: [why] },
        });
      }
      rejected.sort((a, b) => a.start - b.start);
    }
    return { linked, rejected, decisions };
  }

  /** How each paper may be cited, worked out once (`paperCitedAfter`): a field's name is checked at every occurrence. */
  private readonly citedAsCache = new Map<string, CitedAs>();

  private citedAsOf(paperId: string): CitedAs {
    let c = this.citedAsCache.get(paperId);
    if (!c) {
      const paper = this.paperOf(paperId);
      c = paper ? citedAs(paper) : { keys: new Set() };
      this.citedAsCache.set(paperId, c);
    }
    return c;
  }

  private profile(paperId: string): PaperProfile | undefined {
    let p = this.profiles.get(paperId);
    if (p === undefined) {
      const paper = this.paperOf(paperId);
      p = paper ? new PaperProfile(paper, this.namesOf(paperId), this.background) : null;
      this.profiles.set(paperId, p);
    }
    return p ?? undefined;
  }

  /**
   * The candidates in `text`: one pass that cuts and hashes words through the kernel's
   * character table, with bit-set filters before any table look-up (see the file comment).
   */
  private scan(text: string): Candidate[] {
    const out: Candidate[] = [];
    const n = text.length;
    const info = CHAR_INFO;
    const anyBits = this.anyCaseBits.bits;
    const anyMask = this.anyCaseBits.mask;
    const capBits = this.capitalBits.bits;
    const capMask = this.capitalBits.mask;
    const twoBits = this.anchoredBits.bits;
    const twoMask = this.anchoredBits.mask;
    const capPairBits = this.capitalPairBits.bits;
    const capPairMask = this.capitalPairBits.mask;
    // The start and hash of the last RING words, so that a name found by its anchor can be
    // checked word by word by hash, once its last word has been read, before the text is read.
    const ring = this.ringHashes;
    const ringStarts = this.ringStarts;
    this.waitingCount = 0;
    let w = 0;
    let before = 0;
    // The case shapes of the last 16 words (see `shapeCode`), the last word in the low bits.
    let shapes = 0;
    let i = 0;
    while (i < n) {
      let k = info[text.charCodeAt(i)];
      if (k === 0) k = classifyCode(text.charCodeAt(i));
      if ((k & WORD) === 0) {
        i++;
        continue;
      }
      const start = i;
      let h = SEED;
      let classes = 0;
      for (;;) {
        h = ((h << 7) + h + (k >>> 16)) | 0;
        classes |= k;
        if (++i >= n) break;
        k = info[text.charCodeAt(i)];
        if (k === 0) k = classifyCode(text.charCodeAt(i));
        if ((k & WORD) === 0) break;
      }
      h = finish(h);
      ring[w & (RING - 1)] = h | 0;
      ringStarts[w & (RING - 1)] = start;
      const shape = (classes >>> SHAPE_SHIFT) & 3;
      shapes = (shapes << 2) | shape;
      // Three bits of one word per set (see `BitSet`); capitals only for a word that has one.
      let m = memberBits(h);
      let bits = anyBits[(h >>> 5) & anyMask];
      if ((bits & m) !== m && classes & UPPER) bits = capBits[(h >>> 5) & capMask];
      if ((bits & m) === m) this.singleAt(h, w, shape, text, out);
      const pair = pairHash(before, h);
      m = memberBits(pair);
      bits = twoBits[(pair >>> 5) & twoMask];
      // A capital in this word or the one before (bit 0 of its shape): pairs with capitals too.
      if ((bits & m) !== m && shapes & 0b101) bits = capPairBits[(pair >>> 5) & capPairMask];
      if ((bits & m) === m && w > 0) this.anchoredAt(pair, w, shapes, text, out);
      if (this.waitingCount) this.continueWaiting(w, text, out);
      before = h;
      w++;
    }
    return out;
  }

  /** Names waiting for their last word: the offset of their record and the index of their first word, `waitingCount` of them (scratch lists, kept from scan to scan). */
  private waiting = new Int32Array(16);
  private waitingFirst = new Int32Array(16);
  private waitingCount = 0;

  /** The one-word names with hash `h`, at word `w` of shape `shape` (see `shapeOf`). (The rare paths of `scan` are methods of their own, to keep its loop small.) */
  private singleAt(h: number, w: number, shape: number, text: string, out: Candidate[]): void {
    const single = this.single;
    const slot = single.lookup(h);
    if (slot < 0 || ((single.table[slot + 3] >>> shape) & 1) === 0) return;
    const records = single.records;
    for (let r = single.table[slot + 1], end = single.table[slot + 2]; r < end; r += RECORD_HEAD + 1) {
      if ((records[r] >>> (24 + shape)) & 1) this.verifyAt(single, r, w, w, text, out);
    }
  }

  /**
   * The longer names whose anchor and the word before it hash to `pair`, anchored at word `w`;
   * `shapes`: the case shapes of the words read (see `shapeCode`), which a name matched in its
   * own case must share up to its anchor ("State of AI" is not looked at further in "state of").
   */
  private anchoredAt(pair: number, w: number, shapes: number, text: string, out: Candidate[]): void {
    const anchored = this.anchored;
    const slot = anchored.lookup(pair);
    if (slot < 0) return;
    const ring = this.ringHashes;
    // The word before the pair, against the filter of the names it ends (see `anchoredFilter`).
    // (Before the text's second word, the ring holds another word: a name anchored that late
    // starts before the text's first word, and is skipped below whatever the filter says.)
    if (((anchored.table[slot + 3] >>> (ring[(w - 2) & (RING - 1)] & 31)) & 1) === 0) return;
    const records = anchored.records;
    for (let r = anchored.table[slot + 1], end = anchored.table[slot + 2]; r < end; ) {
      const words = records[r] & 0xffff;
      const anchor = (records[r] >>> 16) & 0xff;
      const first = w - anchor;
      const at = r;
      r += RECORD_HEAD + words;
      if (first < 0) continue;
      const code = records[at + 2];
      if (code !== -1 && ((shapes ^ code) & shapeMask(anchor + 1)) !== 0) continue;
      // The words read so far must be the name's, by hash; a name that goes on waits.
      const known = Math.min(words, anchor + 1, RING);
      let same = true;
      for (let x = 0; x < known; x++) {
        if (ring[(first + x) & (RING - 1)] !== records[at + RECORD_HEAD + x]) {
          same = false;
          break;
        }
      }
      if (!same) continue;
      if (known === words) this.verifyAt(anchored, at, first, w, text, out);
      else {
        if (this.waitingCount === this.waiting.length) {
          const grown = new Int32Array(this.waiting.length * 2);
          grown.set(this.waiting);
          this.waiting = grown;
          const grownFirst = new Int32Array(grown.length);
          grownFirst.set(this.waitingFirst);
          this.waitingFirst = grownFirst;
        }
        this.waiting[this.waitingCount] = at;
        this.waitingFirst[this.waitingCount++] = first;
      }
    }
  }

  /** Advances the waiting names by word `w`: drops those it does not continue, verifies those it ends (in place, in order). */
  private continueWaiting(w: number, text: string, out: Candidate[]): void {
    const records = this.anchored.records;
    const ring = this.ringHashes;
    const waiting = this.waiting;
    const waitingFirst = this.waitingFirst;
    let kept = 0;
    const count = this.waitingCount;
    for (let x = 0; x < count; x++) {
      const at = waiting[x];
      const first = waitingFirst[x];
      const last = first + (records[at] & 0xffff) - 1;
      if (w - first < RING && ring[w & (RING - 1)] !== records[at + RECORD_HEAD + (w - first)]) continue;
      if (last === w) {
        this.verifyAt(this.anchored, at, first, w, text, out);
        continue;
      }
      waiting[kept] = at;
      waitingFirst[kept] = first;
      kept++;
    }
    this.waitingCount = kept;
  }

  /** Verifies against the text the name of record `r` of `index`, whose words, `first` to `last`, match by hash. */
  private verifyAt(index: PatternIndex, r: number, first: number, last: number, text: string, out: Candidate[]): void {
    const start = last - first < RING ? this.ringStarts[first & (RING - 1)] : this.startOfWord(text, first, last);
    const c = verify(index, r, text, start);
    if (c) out.push(c);
  }

  /** The start of word `first`, counting back from word `last` (whose start is in the ring), for names longer than the ring. */
  private startOfWord(text: string, first: number, last: number): number {
    let at = this.ringStarts[last & (RING - 1)];
    for (let k = last; k > first; k--) {
      at--;
      while (at > 0 && (charInfo(text.charCodeAt(at)) & WORD) === 0) at--;
      while (at > 0 && (charInfo(text.charCodeAt(at - 1)) & WORD) !== 0) at--;
    }
    return at;
  }

  /** Scratch rings of `scan`: the hash and start of each of the last `RING` words. */
  private readonly ringHashes = new Int32Array(RING);
  private readonly ringStarts = new Int32Array(RING);
}

/**
 * The ways a name is written: as derived, and for a distinctive one-word name its plural
 * (`MatFormers`) and, when hyphenated, its parts written together (`LAION5B`, `OpenQwen2VL`).
 * A name written as a plain capitalised word has no plural: "Adams" is a surname, not two of
 * "Adam: A method for stochastic optimization" ("Stochastic Adams Solver", in an awesome-list).
 */
function formsOf(name: PaperName): string[] {
  const forms = [name.text];
  if (name.kind === 'title' || name.kind === 'field' || name.kind === 'phrase' || name.ambiguous || /\s/.test(name.text)) return forms;
  if (/[\p{L}\p{N}]$/u.test(name.text) && !/s$/.test(name.text) && letterCount(name.text) >= 3 && !PLAIN_WORD.test(name.text)) forms.push(`${name.text}s`);
  if (/^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+$/u.test(name.text)) {
    const joined = name.text.replace(/-/g, '');
    if (joined.length >= 5) forms.push(joined);
  }
  return forms;
}

/**
 * Whether a name's other casings (see `Pattern.variants`), of it and of its spelling without
 * hyphens, are free to mean it: none is an English word (`UniCoRN`, `SpaRE`), in the singular
 * too (`HoPeS` is "hopes", `LaSeR` "lasers"), or piece by piece (`Self-sUpervised`), and none is
 * written by more of the background's abstracts than the name itself is, and by two at least
 * (`BLenDeR`: 17 write "Blender", the renderer's dataset; `LLaMa-3`: "Llama3"). Such casings
 * were 5 of the 50 mentions judged in the arXiv halves, all wrong. `isWord` tells English words.
 * Cheap tests first: the background is read only for a name that could take other casings.
 */
function otherCasingsFree(text: string, isWord: (lowerCaseWord: string) => boolean, background: Background): boolean {
  if (!/\p{Ll}\p{Lu}|\p{N}/u.test(text)) return true;
  const lower = text.toLowerCase();
  const joined = lower.replace(/-/g, '');
  if (spellsWords(lower, isWord) || spellsWords(lower.replace(/s$/, ''), isWord)) return false;
  const own = background.name(text)?.df ?? 0;
  const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  for (const other of new Set([lower, joined, capital(lower), capital(joined), text.replace(/-/g, '')])) {
    if (other === text) continue;
    const df = background.name(other)?.df ?? 0;
    if (df >= 2 && df > own) return false;
  }
  return true;
}

/**
 * The words, separators and hashes of a name; undefined for a name with no word. `isWord`
 * tells a lower-case word of the language, whose spelling a name's other casings must not
 * take; `casings`, whether they are free otherwise (see `otherCasingsFree`).
 */
function compile(name: PaperName, isWord: IsCommonWord, pool: CompiledWords, form = name.text, casings = true): Compiled | undefined {
  const question = name.kind === 'title' && form.endsWith('?');
  const text = question ? form.slice(0, -1) : form;
  const exact: string[] = [];
  const seps: string[] = [];
  const at = pool.length;
  let firstLower = '';
  let i = 0;
  let lastEnd = -1;
  while (i < text.length) {
    if ((charInfo(text.charCodeAt(i)) & WORD) === 0) {
      i++;
      continue;
    }
    const start = i;
    let h = SEED;
    let ascii = true;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      const k = charInfo(c);
      if ((k & WORD) === 0) break;
      h = ((h << 7) + h + (k >>> 16)) | 0;
      if (c >= 128) ascii = false;
      i++;
    }
    if (lastEnd >= 0) seps.push(separatorClass(text.slice(lastEnd, start)));
    const word = text.slice(start, i);
    const lower = ascii ? word.toLowerCase() : foldUnits(word);
    if (!exact.length) firstLower = lower;
    exact.push(word);
    pool.push(shapeOf(word) | (word !== lower ? WORD_CASED : 0) | (lower.length << WORD_LENGTH), finish(h));
    lastEnd = i;
  }
  if (!exact.length) return undefined;
  // A field's name is found in any case, as a title is, but for its acronym (`MPC`).
  const caseSensitive = !isTitleName(name);
  // Other casings only for coined names, camel-case (`DataComp`, `LoRAT`) or with digits
  // (`LAION5B`), of five letters or more: the lower case of a capitalised or all-capital word
  // is often an ordinary word (`Chord`, `SENTINEL`), and a short one a given name (`SaRA`).
  const letters = letterCount(text);
  const coined = /\p{Ll}\p{Lu}/u.test(text) || (letters >= 3 && /\p{N}/u.test(text) && /\p{Lu}/u.test(text));
  const variants = casings && caseSensitive && name.kind !== 'phrase' && !name.ambiguous && exact.length === 1 && (letters >= 5 || /\p{N}/u.test(text)) && coined && !isWord(firstLower);
  // Made code unit by code unit: one flat string (a concatenation or a slice would point into others).
  const units: number[] = [];
  exact.forEach((word, k) => {
    if (k > 0) units.push(spellMark(seps[k - 1]));
    for (let x = 0; x < word.length; x++) units.push(word.charCodeAt(x));
  });
  const spell = String.fromCharCode(...units);
  const pattern: Pattern = { name, seps: units.includes(SPELL_OTHER) ? seps : ALL_SPACES, kind: name.kind, caseSensitive, question, variants, anchor: 0 };
  return { pattern, spell, pool, at, count: exact.length };
}

/** Lower case unit by unit, as the scanner folds (`toLowerCase` may change a word's length). */
function foldUnits(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) out += String.fromCharCode(charInfo(word.charCodeAt(i)) >>> 16);
  return out;
}

function letterCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (charInfo(text.charCodeAt(i)) & CH_LETTER) n++;
  return n;
}

function isAllCaps(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (charInfo(text.charCodeAt(i)) & CH_LOWER) return false;
  return true;
}

function charInfo(c: number): number {
  const k = CHAR_INFO[c];
  return k !== 0 ? k : classifyCode(c);
}

/** In `Compiled.spell`, between two words: the name's separator there is a space. */
const SPELL_SPACE = 32;
/** In `Compiled.spell`, between two words: the name's separator there is the ASCII character at `unit - SPELL_MARK` (private-use units, never part of a word). */
const SPELL_MARK = 0xe000;
/** In `Compiled.spell`, between two words: the name's separator there is another (`Pattern.seps`). */
const SPELL_OTHER = 1;

/** The unit of `Compiled.spell` that marks a separator class. */
function spellMark(sep: string): number {
  if (sep === ' ') return SPELL_SPACE;
  return sep.length === 1 && sep.charCodeAt(0) < 128 ? SPELL_MARK + sep.charCodeAt(0) : SPELL_OTHER;
}

/** Whether a unit of `Compiled.spell` marks a separator rather than being a letter of a word. */
function isSpellMark(s: number): boolean {
  return s === SPELL_SPACE || s === SPELL_OTHER || (s >= SPELL_MARK && s < SPELL_MARK + 128);
}

/**
 * The candidate that the name of record `r` of `index` makes at word start `start`, when the
 * text there is that name and stands as one.
 */
function verify(index: PatternIndex, r: number, text: string, start: number): Candidate | undefined {
  // The name's words are read from its spelling (see `Compiled.spell`) and folded through the
  // character table as compared. Its record says where the spelling is and how to match it;
  // `seps` is read only for an unusual separator, and `names` for a candidate.
  const spells = index.spells;
  const from = index.records[r + 3];
  const length = index.records[r + 4] & 0xffffff;
  const flags = index.records[r + 4] >>> 24;
  const n = text.length;
  let exactCase = true;
  let at = start;
  let k = 0;
  for (let i = 0; ; i++) {
    // Word k, letter by letter, up to the next separator mark or the end.
    let s = spells[from + i];
    while (i < length && !isSpellMark(s)) {
      if (at >= n) return undefined;
      const c = text.charCodeAt(at);
      if (c !== s) {
        if (charInfo(c) >>> 16 !== charInfo(s) >>> 16) return undefined;
        exactCase = false;
      }
      at++;
      s = spells[from + ++i];
    }
    // The text's word must end where the name's does.
    if (at < n && (charInfo(text.charCodeAt(at)) & WORD) !== 0) return undefined;
    if (i >= length) break;
    // The gap to the next word, bounded, must reduce to the name's own separator; a single
    // space, the common case, needs no string.
    if (text.charCodeAt(at) === 32 && at + 1 < n && (charInfo(text.charCodeAt(at + 1)) & WORD) !== 0) {
      if (s !== SPELL_SPACE) return undefined;
      at++;
    } else {
      let next = at;
      while (next < n && next - at <= MAX_GAP && (charInfo(text.charCodeAt(next)) & WORD) === 0) next++;
      if (next - at > MAX_GAP || next >= n) return undefined;
      const sep = gapClass(text, at, next);
      if (s === SPELL_OTHER ? sep !== index.seps.get(r)?.[k] : s === SPELL_SPACE ? sep !== ' ' : sep.length !== 1 || sep.charCodeAt(0) !== s - SPELL_MARK) return undefined;
      at = next;
    }
    k++;
  }
  let end = at;
  let variant = false;
  if (flags & VERIFY_CASE && !exactCase) {
    // Lower case or capitalised only: in capitals (`CORDA`) it reads as another acronym.
    if ((flags & VERIFY_VARIANTS) === 0 || isAllCaps(text, start, end) || !inProse(text, start, end)) return undefined;
    variant = true;
  }
  const title = (flags & VERIFY_TITLE) !== 0;
  if (flags & VERIFY_QUESTION) {
    if (text.charAt(end) !== '?') return undefined;
    end++;
  } else {
    if (!standsAlone(text, start, end, title, !title)) return undefined;
    if ((title || flags & VERIFY_PHRASE) && (titleGoesOn(text, end) || titleComesAfter(text, start) || titleInsideLonger(text, start, end))) return undefined;
  }
  return { start, end, name: index.nameOf(index.records[r + 1]), variant };
}

/** Sorted by start, the longest first at each start, without overlaps. */
function nonOverlapping(candidates: Candidate[]): Candidate[] {
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Candidate[] = [];
  let until = -1;
  for (const c of candidates) {
    if (c.start < until) continue;
    out.push(c);
    until = c.end;
  }
  return out;
}

function occurrence(c: Candidate): Occurrence {
  return { start: c.start, end: c.end, name: c.name, variant: c.variant };
}

/** The key of a name–paper pair in a `Discourse` (made once per name, see `keyOf`). */
export const discourseKey = keyOf;

// ---------------------------------------------------------------------------------------------
// Lookups in a scanned document

/** The mentions of one scanned text, for answering "which mention is under this offset?". */
export class MentionIndex {
  private readonly starts: Int32Array;

  constructor(readonly mentions: readonly Mention[]) {
    this.starts = Int32Array.from(mentions, (m) => m.start);
  }

  /** The mention covering `offset` (start ≤ offset < end), by binary search. */
  at(offset: number): Mention | undefined {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= offset) lo = mid + 1;
      else hi = mid - 1;
    }
    const m = this.mentions[hi];
    return m && offset < m.end ? m : undefined;
  }

  /** Mentions overlapping [start, end). */
  between(start: number, end: number): Mention[] {
    return this.mentions.filter((m) => m.end > start && m.start < end);
  }
}

/**
 * Scans each document once per version and policy: hovers, the search command's "name under
 * the cursor" and anything else ask the cache, not the matcher.
 */
export class MentionCache {
  private readonly entries = new Map<string, { version: number; policy: AmbiguousNamePolicy; index: MentionIndex }>();

  constructor(private readonly matcher: () => MentionMatcher) {}

  /**
   * The mentions of a text source, scanned once per version and policy, through the view its
   * file name calls for (`mentionsInFile`). `suppressed` is part of the scan but not of the key:
   * when it changes, `clear` the cache.
   */
  get(key: string, source: TextSource, policy: AmbiguousNamePolicy, suppressed?: FindOptions['suppressed']): MentionIndex {
    const entry = this.entries.get(key);
    if (entry && entry.version === source.version && entry.policy === policy) return entry.index;
    const index = new MentionIndex(mentionsInFile(this.matcher(), source.fileName, source.getText(), { policy, suppressed }));
    this.entries.set(key, { version: source.version, policy, index });
    return index;
  }

  /** Forgets a document (call when it closes). */
  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

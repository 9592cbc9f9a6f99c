/**
 * The text kernel: the mechanics every reader of words in the core shares (mentions, search,
 * topics, paper ids), so that one fix lands in one place:
 * - character classes of UTF-16 code units, in one table;
 * - case folding (one code unit to one, and whole words with diacritics removed);
 * - hyphen and dash equivalents;
 * - hashing (FNV-1a and a second, independent multiplicative hash).
 *
 * Each consumer keeps its own named rule on top of these (for example "identifiers are one
 * word" for mentions, "hyphens join compounds" for search, "ASCII words only" for topics).
 */

/** Whitespace that `collapseWhitespace` would change: anything but a single plain space. */
const UNTIDY = /[^\S ]| {2}/;

/** Turns every run of whitespace (including line breaks) into one space and trims the ends. */
export function collapseWhitespace(text: string): string {
  // Most text is single-spaced already; testing first skips a replace that would rewrite every
  // space, which costs real time over the 50,000 titles and abstracts of a large library.
  return (UNTIDY.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
}

// ---------------------------------------------------------------------------------------------
// Character classes

/** A letter (`\p{L}`). */
export const CH_LETTER = 1;
/** A digit or other number character (`\p{N}`). */
export const CH_DIGIT = 2;
/** A combining mark (`\p{M}`). */
export const CH_MARK = 4;
/** An upper-case or title-case letter. */
export const CH_UPPER = 8;
/** A lower-case letter. */
export const CH_LOWER = 16;
/** `_`. */
export const CH_UNDERSCORE = 32;
/** A hyphen: `-`, U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN. */
export const CH_HYPHEN = 64;
/** A dash or minus that people type for a hyphen: U+2012 to U+2015, U+2212, U+FE58, U+FE63, U+FF0D. */
export const CH_DASH = 128;
/** White space, line breaks included. */
export const CH_SPACE = 256;
/** Set on every classified code unit, so that 0 means "not looked at yet". */
const CH_KNOWN = 512;

/** Letters, digits and marks: what every consumer calls a word character. */
export const CH_WORD = CH_LETTER | CH_DIGIT | CH_MARK;

/**
 * The one character table: for each UTF-16 code unit, its class bits (`CH_*`, low 16 bits)
 * and its lower case (high 16 bits), filled on first sight (0 = not yet classified):
 * classifying all 65,536 units up front costs about 50 ms of Unicode look-ups, and a text
 * meets a few hundred distinct units at most. Hot loops read it as
 * `let k = CHAR_INFO[c]; if (k === 0) k = classifyCode(c);`, others call `charClass(c)` and
 * `lowerCode(c)`. A lone surrogate (half of an astral character) is neither word nor space.
 */
export const CHAR_INFO = new Uint32Array(65536);

const LETTER_RE = /\p{L}/u;
const UPPER_RE = /[\p{Lu}\p{Lt}]/u;
const LOWER_RE = /\p{Ll}/u;
const DIGIT_RE = /\p{N}/u;
const MARK_RE = /\p{M}/u;
const SPACE_RE = /\s/u;

/**
 * Classifies code unit `c`, records it in `CHAR_INFO` and returns the entry. The lower case is
 * one unit to one: a letter whose lower case is longer (U+0130) keeps the first unit of it.
 */
export function classifyCode(c: number): number {
  const ch = String.fromCharCode(c);
  let k = CH_KNOWN;
  let lower = c;
  if (c < 0xd800 || c > 0xdfff) {
    lower = ch.toLowerCase().charCodeAt(0);
    if (LETTER_RE.test(ch)) k |= CH_LETTER | (UPPER_RE.test(ch) ? CH_UPPER : 0) | (LOWER_RE.test(ch) ? CH_LOWER : 0);
    else if (DIGIT_RE.test(ch)) k |= CH_DIGIT;
    else if (MARK_RE.test(ch)) k |= CH_MARK;
    else if (c === 0x5f) k |= CH_UNDERSCORE;
    else if (c === 0x2d || c === 0x2010 || c === 0x2011) k |= CH_HYPHEN;
    else if ((c >= 0x2012 && c <= 0x2015) || c === 0x2212 || c === 0xfe58 || c === 0xfe63 || c === 0xff0d) k |= CH_DASH;
    else if (SPACE_RE.test(ch)) k |= CH_SPACE;
  }
  return (CHAR_INFO[c] = ((lower << 16) | k) >>> 0);
}

for (let c = 0; c < 128; c++) classifyCode(c);

/** The class bits of code unit `c`. */
export function charClass(c: number): number {
  const k = CHAR_INFO[c];
  return (k !== 0 ? k : classifyCode(c)) & 0xffff;
}

/** Whether code unit `c` is a letter, digit or mark. */
export function isWordCode(c: number): boolean {
  const k = CHAR_INFO[c];
  return ((k !== 0 ? k : classifyCode(c)) & CH_WORD) !== 0;
}

/** Whether the character at `i` is a letter, digit or mark (false outside the text). */
export function isWordAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && isWordCode(text.charCodeAt(i));
}

/**
 * The offset of the last line break in `text[lo, from)`, or -1: a search that never reads more
 * than `from - lo` characters, however long the line (`lastIndexOf` reads to the line's start).
 */
export function lastLineBreak(text: string, from: number, lo: number): number {
  for (let i = from - 1; i >= lo && i >= 0; i--) if (text.charCodeAt(i) === 10) return i;
  return -1;
}

/** The offset of the first line break in `text[from, hi)`, or -1 (bounded, like `lastLineBreak`). */
export function nextLineBreak(text: string, from: number, hi: number): number {
  const end = Math.min(hi, text.length);
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === 10) return i;
  return -1;
}

/** Where the line holding `at` starts, or `at - reach` where it starts further back (bounded, as `lastLineBreak`). */
export function lineStartWithin(text: string, at: number, reach: number): number {
  return Math.max(lastLineBreak(text, at, at - reach) + 1, at - reach, 0);
}

/** Where the line holding `at` ends (its line break, or the text's end), or `at + reach` where it ends further on. */
export function lineEndWithin(text: string, at: number, reach: number): number {
  const next = nextLineBreak(text, at, at + reach);
  return next < 0 ? Math.min(text.length, at + reach) : next;
}

// ---------------------------------------------------------------------------------------------
// Case folding

/**
 * The lower case of a UTF-16 code unit, one unit to one (see `classifyCode`). Names and
 * scanned text are hashed through this same mapping, so words that differ only in case hash
 * alike.
 */
export function lowerCode(c: number): number {
  const k = CHAR_INFO[c];
  return (k !== 0 ? k : classifyCode(c)) >>> 16;
}

const MARKS_RE = /\p{M}/gu;

/** Folds a word (or any text) for matching: lower case, diacritics removed (`Schrödinger` → `schrodinger`). */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    if (lower.charCodeAt(i) >= 128) return lower.normalize('NFD').replace(MARKS_RE, '');
  }
  return lower;
}

// ---------------------------------------------------------------------------------------------
// Hyphens and dashes

/** A character past ASCII: text without one is one byte a character in V8, in UTF-8 and as ASCII bytes (see `core/asciiText.ts`). */
export const PAST_ASCII = /[^\u0000-\u007f]/;

/** Half of a surrogate pair standing alone (a CSL-JSON `"\ud800"` decodes to one): no UTF-8 or UTF-16 decoder gives it back. */
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every lone surrogate (see `LONE_SURROGATE`). */
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** `text` with each lone surrogate written as U+FFFD: what `encodeURI` and `encodeURIComponent` accept (they throw on one). */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATES, '\uFFFD');
}

/** Every hyphen and dash that people type for a hyphen (see `CH_HYPHEN`, `CH_DASH`), except `-` itself. */
export const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/** Whether code unit `c` is a hyphen or a dash (`-`, U+2010, U+2011, U+2013, U+2014, ...). */
export function isHyphenOrDash(c: number): boolean {
  return (charClass(c) & (CH_HYPHEN | CH_DASH)) !== 0;
}

/** `text` with every hyphen and dash written as `-`. */
export function normaliseDashes(text: string): string {
  return text.replace(DASHES, '-');
}

/** A title as titles are compared: lower case, dashes as hyphens, white space single. */
export function normaliseTitle(title: string): string {
  return collapseWhitespace(title.toLowerCase().replace(DASHES, '-'));
}

// ---------------------------------------------------------------------------------------------
// Hashing

/** FNV-1a, 32 bits: offset basis and prime. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** One FNV-1a step: `h` after code unit `c`. */
export function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, FNV_PRIME);
}

/**
 * FNV-1a over the UTF-16 code units of `text` (unsigned), with the unit at `skip` left out
 * (-1: none). Paper ids append this hash to long titles, so it must never change.
 */
export function fnv1a(text: string, skip = -1): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    if (i !== skip) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  }
  return h >>> 0;
}

/**
 * The word hash of mentions and background statistics: `h * 129 + c` over the lower-cased
 * code units (`WORD_SEED`, `wordStep`), finished by a multiply-shift mix (`wordFinish`) that
 * spreads the bits over the whole word. A scan hashes every character of a text, and FNV-1a's
 * multiply per character is a chain of dependent 3-cycle steps; a shift and two adds take
 * about half as long, which cuts the cost of reading a text by a third. With 129 (not djb2's
 * 33, under which `is` and `k1` collide) no two of the 55,000 distinct words of 20,000 arXiv
 * abstracts collide. Collisions would only cost a look-up: every candidate is verified
 * against the text.
 */
export const WORD_SEED = 5381;

export function wordStep(h: number, c: number): number {
  return ((h << 7) + h + c) | 0;
}

export function wordFinish(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

/** The word hash of a whole string (see `wordStep`); the string is lower-cased unit by unit. */
export function wordHash(word: string): number {
  let h = WORD_SEED;
  for (let i = 0; i < word.length; i++) h = wordStep(h, lowerCode(word.charCodeAt(i)));
  return wordFinish(h);
}

/** A second string hash, independent of FNV-1a (a MurmurHash-style mix): seed and one step. */
export const MIX_SEED = 0x2545f491 | 0;
const MIX_PRIME = 0x5bd1e995 | 0;

export function mixStep(h: number, c: number): number {
  return Math.imul(h + c, MIX_PRIME) ^ (h >>> 15);
}

/** Combines two 32-bit hashes into one (order matters): for hashes of word sequences. */
export function hashPair(first: number, second: number): number {
  return (Math.imul(first ^ (second >>> 15), 0x85ebca6b) ^ Math.imul(second, 0xc2b2ae35)) >>> 0;
}

/**
 * Acronyms and the long forms a text gives them: "Long Form (ACR)" and "ACR (Long Form)".
 * A text that spells out what a name stands for says which work it means: when the long form
 * is not a paper's, the name means something else in that text. The matching of a short form
 * to its long form is the algorithm of Schwartz and Hearst (2003, "A simple algorithm for
 * identifying abbreviation definitions in biomedical text"): every letter and digit of the
 * short form, from the last to the first, is found in the long form from right to left, and
 * the first one starts a word. Written here rather than taken from a library: no maintained
 * JavaScript package implements it, and it is twenty lines.
 */
import { CH_DIGIT, CH_LETTER, CH_MARK, charClass, fnv1a, lowerCode } from './text';

/** An acronym definition found in a text. */
export interface AcronymDefinition {
  /** The short form as written (`MatLM`). */
  readonly short: string;
  /** The long form as written (`MatFormer language model`). */
  readonly long: string;
  /** Offset of the short form in the text. */
  readonly index: number;
}

function isAlnum(c: number): boolean {
  return (charClass(c) & (CH_LETTER | CH_DIGIT | CH_MARK)) !== 0;
}

/**
 * The long form that `shortForm` abbreviates, found at the end of `candidate` (the words
 * before the opening parenthesis, or the words inside it), or undefined. Every letter and
 * digit of the short form must be found, right to left, and the first must start a word.
 */
export function longFormFor(shortForm: string, candidate: string): string | undefined {
  let s = shortForm.length - 1;
  let l = candidate.length - 1;
  let letters = 0;
  while (s >= 0) {
    const c = lowerCode(shortForm.charCodeAt(s));
    if (!isAlnum(c)) {
      s--;
      continue;
    }
    letters++;
    while (l >= 0 && (lowerCode(candidate.charCodeAt(l)) !== c || (s === 0 && l > 0 && isAlnum(candidate.charCodeAt(l - 1))))) l--;
    if (l < 0) return undefined;
    l--;
    s--;
  }
  if (letters < 2) return undefined;
  const start = Math.min(Math.max(candidate.lastIndexOf(' ', l), candidate.lastIndexOf('\n', l)) + 1, initialsStart(shortForm, candidate));
  const long = candidate.slice(start).trim();
  // A long form is longer than its short form, and not the short form itself in other words.
  if (long.length <= shortForm.length || !/\s|-/.test(long)) return undefined;
  return long;
}

/**
 * Where the long form of an acronym of capitals starts when the words before it begin with its
 * letters, one a word ("Residual Reward Model" for RRM), else `Infinity`. Schwartz and Hearst
 * take the shortest match, which may find a letter inside a word: "Reward Model" for RRM in
 * "Residual Reward Model (RRM)" and in "Rubric Reward Model (RRM)" alike, so that two works'
 * different acronyms looked like the same one. Words are cut at spaces and hyphens
 * ("Bidirectional Cross-Attention Fusion" for BCAF); a plural `s` ends the acronym ("LLMs").
 */
function initialsStart(shortForm: string, candidate: string): number {
  const acronym = /^(\p{Lu}{2,})s?$/u.exec(shortForm.replace(/-/g, ''));
  if (!acronym) return Infinity;
  const letters = acronym[1].toLowerCase();
  let end = candidate.length;
  for (let k = letters.length - 1; k >= 0; k--) {
    // The word before `end`: back over separators, then over the word's own characters.
    while (end > 0 && /[\s-]/.test(candidate.charAt(end - 1))) end--;
    let start = end;
    while (start > 0 && !/[\s-]/.test(candidate.charAt(start - 1))) start--;
    if (start === end || candidate.charAt(start).toLowerCase() !== letters[k]) return Infinity;
    if (k === 0) return start;
    end = start;
  }
  return Infinity;
}

/** A short form: one token of letters, digits, `-`, `^`, `+`, with a capital letter, at most 16 characters. */
const SHORT_FORM = /^[\p{L}\p{N}](?:[\p{L}\p{N}^+-]*[\p{L}\p{N}])?$/u;

export function isShortForm(text: string): boolean {
  return text.length <= 16 && SHORT_FORM.test(text) && /\p{Lu}/u.test(text);
}

/** How many words before a parenthesis may belong to a long form of `short` (Schwartz and Hearst). */
function maxLongWords(short: string): number {
  const n = short.replace(/[^\p{L}\p{N}]/gu, '').length;
  return Math.min(n + 5, n * 2);
}

/** The last `max` words of `text` (words separated by white space), as a string. */
function lastWords(text: string, max: number): string {
  let i = text.length;
  let words = 0;
  while (i > 0 && words < max) {
    while (i > 0 && /\s/.test(text.charAt(i - 1))) i--;
    while (i > 0 && !/\s/.test(text.charAt(i - 1))) i--;
    words++;
  }
  return text.slice(i);
}

/** Sentence ends and brackets: a long form never reaches back over one. */
const LONG_FORM_BARRIER = /[.;:!?()[\]{}]\s|[()[\]{}]|\n\s*\n/g;

/**
 * The long form written before `(` at `open` for the short form inside the parentheses
 * ("Mixture of Sparse Attention (MoSA)"), looking back at most a few words and never past a
 * sentence end. Bounded: reads at most 200 characters.
 */
export function longFormBefore(text: string, open: number, short: string): string | undefined {
  let from = Math.max(0, open - 200);
  let before = text.slice(from, open);
  for (const m of before.matchAll(LONG_FORM_BARRIER)) from = Math.max(from, m.index + m[0].length);
  before = text.slice(Math.max(from, open - 200), open);
  const candidate = lastWords(before, maxLongWords(short)).replace(/\s+$/, '');
  return candidate ? longFormFor(short, candidate) : undefined;
}

/** The long form inside parentheses after a short form: "CUDA (Convolution-based Unlearnable Datasets)". */
export function longFormInside(inner: string, short: string): string | undefined {
  const text = inner.trim();
  if (!text || text.split(/\s+/).length > maxLongWords(short)) return undefined;
  const long = longFormFor(short, text);
  // Inside the parentheses the whole text must be the long form, starting with the first letter.
  return long && long === text ? long : undefined;
}

/** Every "Long Form (ACR)" and "ACR (Long Form)" in a text (an abstract, a sentence). */
export function acronymDefinitions(text: string): AcronymDefinition[] {
  const out: AcronymDefinition[] = [];
  for (const m of text.matchAll(/\(([^()\n]{1,120})\)/g)) {
    const inner = m[1].trim();
    const open = m.index;
    if (isShortForm(inner)) {
      const long = longFormBefore(text, open, inner);
      if (long) out.push({ short: inner, long, index: open + 1 + m[1].indexOf(inner) });
      continue;
    }
    const windowStart = Math.max(0, open - 20);
    const before = /([\p{L}\p{N}][\p{L}\p{N}^+-]*)\s*$/u.exec(text.slice(windowStart, open));
    if (before && isShortForm(before[1])) {
      const long = longFormInside(inner, before[1]);
      if (long) out.push({ short: before[1], long, index: windowStart + before.index });
    }
  }
  return out;
}

/**
 * A long form reduced for comparison: lower case, letters and digits only, a final `s` of each
 * word dropped, no spaces ("Convolution-based Unlearnable DAtasets" and "convolution based
 * unlearnable dataset" agree, as do "Pre-training" and "Pretraining").
 */
export function longFormKey(long: string): string {
  return long
    .replace(/[*_`]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w))
    .join('');
}

/** A 20-bit hash, written in base 36, for titles and long forms that the background statistics store. */
export function shortHash(key: string): string {
  return (fnv1a(key) >>> 12).toString(36);
}

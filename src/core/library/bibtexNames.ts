/**
 * BibTeX name lists (`author = {M{\"u}ller, Hans and van der Berg, Jan and {OpenAI}}`) as
 * "Given Family" strings. Names are split before LaTeX is decoded, so a brace group such as
 * `{Barnes and Noble}` stays one name, and `and` inside braces never splits.
 */
import { MORE_AUTHORS } from '../types';
import { decodeLatex, type LatexOptions } from './latex';

/** Splits `text` where `atSeparator` gives a separator's length, outside braces. */
function splitTopLevel(text: string, atSeparator: (text: string, i: number) => number): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      i++;
    } else if (c === 123) {
      depth++;
    } else if (c === 125) {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0) {
      const length = atSeparator(text, i);
      if (length > 0) {
        parts.push(text.slice(start, i));
        start = i + length;
        i = start - 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const AND = /\s+and\s+/iy;

/** The length of ` and ` (any whitespace, any case) at `i`, or 0. */
function andAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return 0;
  AND.lastIndex = i;
  return AND.test(text) ? AND.lastIndex - i : 0;
}

function commaAt(text: string, i: number): number {
  return text.charCodeAt(i) === 44 ? 1 : 0;
}

/**
 * biblatex's extended name format: `family=Müller, given=Hans, prefix=von`, with per-name
 * options such as `useprefix=true` that name no part (and are left out).
 */
const EXTENDED = /^\s*([a-z][\w-]*)\s*=\s*/i;

/**
 * One BibTeX name as "Given Family": `Last, First` and `von Last, Jr, First` are reordered,
 * `First von Last` is already in that order, a braced name (`{OpenAI}`) is kept whole.
 */
export function bibtexName(raw: string, options: LatexOptions = {}): string {
  const decode = (t: string) => decodeLatex(t, options);
  const parts = splitTopLevel(raw, commaAt);
  if (parts.every((p) => EXTENDED.test(p))) {
    const field = (name: string) => {
      const part = parts.find((p) => EXTENDED.exec(p)![1].toLowerCase() === name);
      return part === undefined ? '' : decode(part.replace(EXTENDED, ''));
    };
    return [field('given'), field('prefix'), field('family'), field('suffix')].filter(Boolean).join(' ');
  }
  if (parts.length === 1) return decode(raw);
  const last = decode(parts[0]);
  const first = decode(parts[parts.length - 1]);
  const jr = parts.length > 2 ? decode(parts[1]) : '';
  return [first, last, jr].filter(Boolean).join(' ');
}

/** `others` (BibTeX's "et al."), or "et al." as people write it in its place: not a name. */
const OTHERS = /^\{?\s*(?:others|et\.?\s*al\.?)\s*\}?$/i;

/**
 * The names of an `author` or `editor` field, "Given Family" each. A final `others` (BibTeX's
 * "et al.", or `et al.` written in its place: 45 times in 5 of 25 real `.bib` files) is not a
 * name: it ends the list as `MORE_AUTHORS`, after at least one name; anywhere else it is left out.
 */
export function bibtexNames(raw: string, options: LatexOptions = {}): string[] {
  const names: string[] = [];
  const parts = splitTopLevel(raw, andAt);
  // Not trimmed first: an "and" left dangling at either end (`{Doe, Jane and\n}`) still
  // separates, and leaves an empty name that is skipped.
  let more = false;
  for (const part of parts) {
    if (!part.trim()) continue;
    if (OTHERS.test(part.trim())) {
      more = true;
      continue;
    }
    more = false;
    const name = bibtexName(part, options);
    if (name) names.push(name);
  }
  if (more && names.length) names.push(MORE_AUTHORS);
  // A copy of exactly its size: the pushed array has room for 17 names, kept with the paper (see `listOf` in `core/paperTable.ts`).
  return names.slice();
}

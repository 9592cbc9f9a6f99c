/**
 * Stable paper ids. An id depends on the paper's own title and nothing else, so adding,
 * removing or reordering other papers never changes it (bookmarks, settings and citation
 * keys that store it stay valid).
 */

import { collapseWhitespace, fnv1a } from './text';

const MAX_SLUG = 60;

/** Lower-case ASCII slug of a text: accents folded, every other run of characters a single `-`. */
export function slugify(text: string): string {
  // Folding accents costs a Unicode table look-up; most titles are ASCII and skip it.
  const folded = /[^\x00-\x7f]/.test(text) ? text.normalize('NFKD').replace(/\p{M}+/gu, '') : text;
  const dashed = folded.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  // One `-` at most at either end, each run of others being one: cut without a pattern anchored
  // at the end (a lone `-` is cut to nothing: `slice(1, 0)`).
  const from = dashed.charCodeAt(0) === 45 ? 1 : 0;
  const to = dashed.charCodeAt(dashed.length - 1) === 45 ? dashed.length - 1 : dashed.length;
  return dashed.slice(from, to);
}

/**
 * The id of a paper with this title: its slug, cut at a word boundary when long, with a short
 * hash of the whole (whitespace-normalised) title appended when cut, so that two long titles
 * sharing their first words still differ.
 */
export function paperId(title: string): string {
  const normalised = collapseWhitespace(title);
  const slug = slugify(normalised) || 'untitled';
  if (slug.length <= MAX_SLUG) return slug;
  // Cut before the last `-` within the limit, else at the limit: either way the head does not end
  // in `-`, since a slug has no two in a row (and a `-` at the limit would be the last one within it).
  const cut = slug.lastIndexOf('-', MAX_SLUG);
  const head = slug.slice(0, cut > 20 ? cut : MAX_SLUG);
  return `${head}-${fnv1a(normalised.toLowerCase()).toString(36)}`;
}

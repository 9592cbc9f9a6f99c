/**
 * Presentation helpers shared by the hover card, the paper page, the sidebar and the quick pick.
 * Pure string functions: corpus text is untrusted input (a listing can hold any title), so every
 * renderer escapes it for its target format here rather than trusting the caller.
 */
import { collapseWhitespace, wellFormed } from './text';
import { namedAuthors, type Paper } from './types';

/**
 * Every ASCII punctuation character CommonMark lets a backslash escape. Escaping all of them
 * (not only the ones that start syntax today) keeps `BT^2`, `Split & Merge` or `[x](command:y)`
 * literal in any renderer: no emphasis, entity, link, autolink (`https\://`, `www\.`), HTML,
 * heading, list or table can form out of corpus text.
 */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|<>^&~:@$=%"',;?/]/g;

/** Escapes text so that markdown renders it exactly as written; whitespace runs become one space. */
export function escapeMarkdown(text: string): string {
  return collapseWhitespace(text).replace(MARKDOWN_PUNCTUATION, (c) => '\\' + c);
}

/**
 * Escapes only the characters that can start markup in a title (emphasis, code, links, HTML,
 * headings, lists, tables, `^`, `&`), for text a person pastes and reads as source: a copied
 * Markdown citation. Cards and pages, which nobody reads as source, use `escapeMarkdown`.
 */
export function escapeMarkdownReadable(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~^&]/g, (c) => `\\${c}`);
}

/** An http(s) URL in prose, up to a blank or an angle bracket. */
const PROSE_URL = /https?:\/\/[^\s<>]+/g;

/**
 * Escapes prose for a Markdown document that people also read as source, such as an inserted
 * reference list: the characters that start markup anywhere (emphasis, code, links, HTML,
 * entities, tables, strikethrough, math: `` \ ` * _ [ ] < > | ~ & $ ``), and a `#`, `+`, `-`,
 * `=` or a number with `.` or `)` at the start of a line (headings, lists). Parentheses, braces,
 * colons and the like are left alone: with `[` escaped they form nothing, and the text stays
 * readable. An http(s) URL is left whole, so it stays a link a reader can follow and copy.
 */
export function escapeMarkdownProse(text: string): string {
  let out = '';
  let last = 0;
  const prose = (t: string) => t.replace(/[\\`*_[\]<>|~&$]/g, (c) => `\\${c}`);
  for (const m of text.matchAll(PROSE_URL)) {
    out += prose(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  out += prose(text.slice(last));
  return out.replace(/^([ \t]*)([#+\-=]|\d+(?=[.)]))/gm, (_m, blank: string, mark: string) => (/\d/.test(mark) ? `${blank}${mark}\\` : `${blank}\\${mark}`));
}

const LATEX_SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
};

/**
 * Escapes text for the body of a LaTeX document, so that it prints as written: the ten special
 * characters, and `<` and `>` (which the default font encoding prints as other glyphs).
 */
export function escapeLatexText(text: string): string {
  return text.replace(/[\\{}$&%#_^~<>]/g, (c) => LATEX_SPECIALS[c]);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/**
 * Shortens `text` to at most `max` characters plus an ellipsis, cutting at the last word
 * boundary before the limit (or mid-word when the first word alone is longer). `max <= 0`
 * means no limit. Trailing punctuation before the cut is dropped so the result never ends
 * in `,…`.
 */
export function truncateAtWord(text: string, max: number): string {
  const clean = collapseWhitespace(text);
  if (max <= 0 || clean.length <= max) return clean;
  let cut = clean.slice(0, max + 1).lastIndexOf(' ');
  if (cut <= 0) cut = max;
  return clean.slice(0, cut).replace(/[\s,;:.\-–—]+$/, '') + '…';
}

/** True for absolute `http:` and `https:` URLs, the only links a card or page shows. */
export function isHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * A URL made safe to place inside markdown `(...)` link destinations and HTML attributes:
 * percent-encodes spaces, parentheses, quotes and angle brackets. Returns undefined for
 * anything that is not http(s).
 */
export function safeHttpUrl(url: string): string | undefined {
  if (!isHttpUrl(url)) return undefined;
  const href = new URL(url).href;
  return href.replace(/[()<>"' ]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/** How a link is shown to a person: without the scheme and without a trailing slash. */
export function linkLabel(url: string): string {
  return url.replace(/^https?:\/\//i, '').replace(/\/$/, '');
}

/** How many authors a card or page names before "et al.". */
export const AUTHORS_SHOWN = 3;

/**
 * The byline of a paper from a library, as plain text parts (escape them for the output):
 * the first `AUTHORS_SHOWN` authors (then "et al."; all of them when one more would be the
 * last), the year and the venue. Empty for a paper with none of them, such as a bundled one.
 */
export function bylineParts(paper: Pick<Paper, 'authors' | 'year' | 'venue'>): string[] {
  const parts: string[] = [];
  const { names, more } = namedAuthors(paper.authors);
  const authors = names.map(collapseWhitespace).filter(Boolean);
  // A list its source says goes on (`MORE_AUTHORS`) ends with "et al." however short it is.
  if (authors.length > AUTHORS_SHOWN + 1 || (more && authors.length > AUTHORS_SHOWN)) parts.push(`${authors.slice(0, AUTHORS_SHOWN).join(', ')} et al.`);
  else if (authors.length) parts.push(more ? `${authors.join(', ')} et al.` : authors.join(', '));
  if (paper.year) parts.push(String(paper.year));
  const venue = paper.venue ? collapseWhitespace(paper.venue) : '';
  if (venue) parts.push(venue);
  return parts;
}

/**
 * The paper's links to show: its own links, then its DOI (`https://doi.org/...`) and arXiv page
 * (`https://arxiv.org/abs/...`) when it has them and no link already goes there, then its URL.
 * Only http(s) links are kept; each appears once.
 */
export function paperLinks(paper: Pick<Paper, 'links' | 'doi' | 'arxivId' | 'url'>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (link: string | undefined) => {
    if (!link || !isHttpUrl(link)) return;
    const key = linkLabel(link).toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push(link);
  };
  for (const link of paper.links) add(link);
  if (paper.doi) add(`https://doi.org/${paper.doi.split('/').map(encodeUriPart).join('/')}`);
  if (paper.arxivId && !out.some((l) => /arxiv\.org\/(?:abs|pdf)\//i.test(l) && l.includes(paper.arxivId!))) add(`https://arxiv.org/abs/${paper.arxivId}`);
  add(paper.url);
  return out;
}

/** `encodeURIComponent`, which throws on a lone surrogate, with each written as U+FFFD instead. */
function encodeUriPart(part: string): string {
  return encodeURIComponent(wellFormed(part));
}

/**
 * A command URI for trusted markdown and webviews: `command:<id>?<encoded JSON args>`.
 * The arguments are JSON-encoded then percent-encoded, including the `( ) ' ! *` that
 * `encodeURIComponent` leaves alone, so no argument can end a markdown link or an attribute early.
 */
export function commandUri(commandId: string, args: readonly unknown[]): string {
  const query = encodeURIComponent(JSON.stringify(args)).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `command:${commandId}?${query}`;
}

/**
 * A window of about `width` characters of `text` around the first of `ranges`, with ellipses
 * where text was cut; the start of the text when there are no ranges. Cuts fall on spaces.
 * Used to show *why* a search hit matched when the quick pick cannot highlight detail text.
 */
export function snippetAround(text: string, ranges: ReadonlyArray<readonly [number, number]>, width: number): string {
  const first = ranges.length > 0 ? [...ranges].sort((a, b) => a[0] - b[0])[0] : undefined;
  if (!first || text.length <= width) return truncateAtWord(text, width);
  const [start, end] = first;
  const lead = Math.max(0, Math.floor((width - (end - start)) / 3));
  let from = Math.max(0, start - lead);
  if (from > 0) {
    // No space before the cut: the text's first word starts at 0, as after a space at -1.
    const space = text.lastIndexOf(' ', from);
    from = start - space < lead + 20 ? space + 1 : from;
  }
  const body = truncateAtWord(text.slice(from), width);
  return from > 0 ? '…' + body : body;
}

/**
 * Quick-pick labels, descriptions and details render `$(name)` as an icon; a preceding
 * backslash keeps it literal.
 */
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/**
 * Citations in the forms researchers paste: a Markdown link, plain text, BibTeX, a Pandoc or
 * LaTeX citation by key, and the CSL styles (through `csl.ts`). The bundled corpus has no
 * authors or years, so every format leaves out what it does not know rather than printing
 * "undefined" or an empty field.
 */
import type { CslFormatter } from './csl';
import { CSL_STYLE_IDS, isCslStyle, type CslStyleId } from './cslStyles';
import { codeLink } from './links';
import { shortNameOf } from './names';
import { escapeMarkdownReadable } from './render';
import type { CitationFormat, Paper } from './types';

/** The formats the editor offers today (`CitationFormat` in `types.ts`). */
export const CITATION_FORMATS: readonly CitationFormat[] = ['markdown', 'text', 'bibtex'];

/**
 * Every format `formatCitation` renders: those, a citation by key for Pandoc (`[@key]`) and
 * LaTeX (`\cite{key}`), and the CSL styles.
 */
export type AnyCitationFormat = CitationFormat | 'pandoc' | 'latex' | CslStyleId;

/** The formats that need nothing but the paper (no CSL engine). */
export const PLAIN_CITATION_FORMATS: readonly AnyCitationFormat[] = [...CITATION_FORMATS, 'pandoc', 'latex'];

/** Every format: the plain ones, then the CSL styles. */
export const ALL_CITATION_FORMATS: readonly AnyCitationFormat[] = [...PLAIN_CITATION_FORMATS, ...CSL_STYLE_IDS];

/** What some formats need beyond the paper. */
export interface CitationContext {
  /** Formats the CSL styles (`apa`, `ieee`, ...); required for them. */
  readonly csl?: CslFormatter;
  /**
   * The paper's library entry exactly as written (see `originalEntry` in `library/`): the
   * `bibtex` format gives it unchanged when it is a BibTeX entry.
   */
  readonly original?: string;
}

const KEY_STOPWORDS = new Set(['a', 'an', 'the', 'on', 'of', 'in', 'for', 'and', 'to', 'via', 'with', 'is', 'what', 'how']);

/**
 * A BibTeX key that depends only on the paper: `lastname2023word` when authors and year are
 * known, else its short name or its first two significant title words, plus the year if known
 * (`datacomp`, `bt2`, `datafiltering`, `lora2021`).
 */
export function citationKey(paper: Paper): string {
  const ascii = (s: string) => s.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  const words = paper.title.split(/[^\p{L}\p{N}]+/u).map(ascii).filter((w) => w && !KEY_STOPWORDS.has(w));
  const firstWord = words[0] ?? 'paper';
  const lastName = paper.authors?.[0]?.split(/[\s,]+/).filter(Boolean);
  const author = lastName?.length ? ascii(paper.authors![0].includes(',') ? lastName[0] : lastName[lastName.length - 1]) : '';
  const year = paper.year ? String(paper.year) : '';
  if (author) return `${author}${year}${firstWord}`;
  const short = shortNameOf(paper.title);
  return `${short ? ascii(short) || firstWord : words.slice(0, 2).join('') || firstWord}${year}`;
}

/**
 * The key a paper is cited by: its first library key, else `citationKey`. Stable: a bundled
 * paper's key depends on its title only.
 */
export function paperKey(paper: Paper): string {
  return paper.keys?.[0] ?? citationKey(paper);
}

/**
 * Resolves cite keys to papers: every library key (`paper.keys`), then every paper's
 * `citationKey`, then the key its title alone gives (what a bundled paper goes by, so a merged
 * paper that gained authors from a library still answers to it). An earlier rule wins a clash,
 * and within a rule the earlier paper. Keys compare ignoring case, as BibTeX does.
 */
export class CiteKeyResolver {
  private readonly byKey = new Map<string, Paper>();

  constructor(papers: readonly Paper[]) {
    const add = (key: string, paper: Paper) => {
      const k = key.toLowerCase();
      if (!this.byKey.has(k)) this.byKey.set(k, paper);
    };
    for (const p of papers) for (const key of p.keys ?? []) add(key, p);
    for (const p of papers) add(citationKey(p), p);
    for (const p of papers) if (p.authors?.length || p.year) add(citationKey({ ...p, authors: undefined, year: undefined }), p);
  }

  /** The paper a key names, or undefined; a leading `@` is allowed. */
  resolve(key: string): Paper | undefined {
    return this.byKey.get(key.replace(/^@/, '').toLowerCase());
  }
}

/** Escapes a value for a BibTeX field in braces: braces balanced, LaTeX specials quoted. */
function bibtexValue(text: string): string {
  return text.replace(/[\\{}]/g, (c) => (c === '\\' ? '\\textbackslash{}' : `\\${c}`)).replace(/([&%$#_])/g, '\\$1').replace(/\^/g, '\\^{}').replace(/~/g, '\\~{}');
}


function authorList(paper: Paper): string {
  const a = paper.authors ?? [];
  if (a.length === 0) return '';
  if (a.length <= 2) return a.join(' and ');
  return `${a[0]} et al.`;
}

/** The paper's best link: its code when it has some, else the first link. */
export function bestLink(paper: Paper): string | undefined {
  return codeLink(paper.links) ?? paper.links[0];
}

/**
 * Renders a citation. Missing authors, year or link are left out, never printed as
 * placeholders. The CSL styles need `context.csl` and throw without it.
 */
export function formatCitation(paper: Paper, format: AnyCitationFormat, context: CitationContext = {}): string {
  if (isCslStyle(format)) {
    if (!context.csl) throw new Error(`formatCitation: the ${format} style needs a CslFormatter`);
    return context.csl.reference(paper, format, paperKey(paper));
  }
  const authors = authorList(paper);
  const year = paper.year ? String(paper.year) : '';
  const link = bestLink(paper);
  switch (format) {
    case 'markdown': {
      const text = escapeMarkdownReadable(paper.title);
      const tail = [authors, year].filter(Boolean).join(', ');
      const main = link ? `[${text}](${encodeURI(decodeURISafe(link)).replace(/\(/g, "%28").replace(/\)/g, "%29")})` : `*${text}*`;
      return tail ? `${main} (${tail})` : main;
    }
    case 'text': {
      const head = [authors, year ? `(${year})` : ''].filter(Boolean).join(' ');
      const title = /[.?!]$/.test(paper.title) ? paper.title : `${paper.title}.`;
      const headEnd = head && !head.endsWith('.') ? `${head}.` : head;
      return [headEnd, title, link ?? ''].filter(Boolean).join(' ');
    }
    case 'pandoc':
      return `[@${pandocKey(paperKey(paper))}]`;
    case 'latex':
      return `\\cite{${paperKey(paper)}}`;
    case 'bibtex': {
      if (context.original?.trimStart().startsWith('@')) return context.original;
      const fields: [string, string][] = [['title', `{${bibtexValue(paper.title)}}`]];
      if (paper.authors?.length) fields.push(['author', bibtexValue(paper.authors.join(' and '))]);
      if (year) fields.push(['year', year]);
      if (link) fields.push(['url', link]);
      const body = fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n');
      return `@misc{${paperKey(paper)},\n${body}\n}`;
    }
  }
}

/** A key as Pandoc reads it: in braces when it holds what a bare `@key` cannot (see `citeKeys.ts`). */
function pandocKey(key: string): string {
  return /^[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*$/u.test(key) ? key : `{${key}}`;
}

function decodeURISafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

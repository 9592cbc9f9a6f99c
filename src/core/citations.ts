/**
 * Citations in the forms researchers paste: a Markdown link, plain text and BibTeX. The bundled
 * corpus has no authors or years, so every format leaves out what it does not know rather than
 * printing "undefined" or an empty field.
 */
import { codeLink } from './links';
import { shortNameOf } from './names';
import { escapeMarkdownReadable } from './render';
import type { CitationFormat, Paper } from './types';

export const CITATION_FORMATS: readonly CitationFormat[] = ['markdown', 'text', 'bibtex'];

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

/** Renders a citation. Missing authors, year or link are left out, never printed as placeholders. */
export function formatCitation(paper: Paper, format: CitationFormat): string {
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
      return [head ? `${head}.` : '', title, link ?? ''].filter(Boolean).join(' ');
    }
    case 'bibtex': {
      const fields: [string, string][] = [['title', `{${bibtexValue(paper.title)}}`]];
      if (paper.authors?.length) fields.push(['author', bibtexValue(paper.authors.join(' and '))]);
      if (year) fields.push(['year', year]);
      if (link) fields.push(['url', link]);
      const body = fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n');
      return `@misc{${citationKey(paper)},\n${body}\n}`;
    }
  }
}

function decodeURISafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

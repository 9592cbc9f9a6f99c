/**
 * Citations in the forms researchers paste: a Markdown link, plain text, BibTeX, a Pandoc or
 * LaTeX citation by key, and the CSL styles (through `csl.ts`). The bundled corpus has no
 * authors or years, so every format leaves out what it does not know rather than printing
 * "undefined" or an empty field.
 */
import type { CslFormatter } from './csl';
import { CSL_STYLE_IDS, isCslStyle, type CslStyleId } from './cslStyles';
import { kept } from './identifiers';
import { codeLink } from './links';
import { shortNameOf } from './names';
import { escapeMarkdownReadable } from './render';
import { KeyTable, type KeyTableData } from './keyTable';
import { finishSteps, ITEMS_PER_STEP, Pace, type Steps } from './steps';
import { wellFormed } from './text';
import { MORE_AUTHORS, namedAuthors, type CitationFormat, type Paper } from './types';

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
export function citationKey(paper: Paper | { readonly title: string; readonly authors?: readonly string[]; readonly year?: number }): string {
  const lastName = paper.authors?.[0]?.split(/[\s,]+/).filter(Boolean);
  const author = lastName?.length ? keyAscii(paper.authors![0].includes(',') ? lastName[0] : lastName[lastName.length - 1]) : '';
  const year = paper.year ? String(paper.year) : '';
  if (author) return `${author}${year}${keyWords(paper.title, 1)[0] ?? 'paper'}`;
  const short = shortNameOf(paper.title);
  const words = keyWords(paper.title, 2);
  const firstWord = words[0] ?? 'paper';
  return `${short ? keyAscii(short) || firstWord : words.join('') || firstWord}${year}`;
}

/** A word of a key: its letters and digits, accents dropped, in lower case. */
function keyAscii(s: string): string {
  return s.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

/**
 * The first `count` significant words of `title` for a key (its runs of letters and digits, as
 * `keyAscii` gives them, stop words and empty ones left out). Read from the start and no
 * further: keys for 50,000 papers took 0.65 s when every word of every title was normalised.
 */
function keyWords(title: string, count: number): string[] {
  const words: string[] = [];
  const run = /[\p{L}\p{N}]+/gu;
  for (let m = run.exec(title); m && words.length < count; m = run.exec(title)) {
    const word = keyAscii(m[0]);
    if (word && !KEY_STOPWORDS.has(word)) words.push(word);
  }
  return words;
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
 * and within a rule the earlier paper. Keys compare ignoring case, as BibTeX does. Held as a
 * `KeyTable`, stored with a library's prepared index: each key to its paper's position, twice,
 * plus one for a key no library gives.
 */
export class CiteKeyResolver {
  private readonly table: KeyTable;

  /** The resolver of `papers`, built at once (or from a table `build` or `restore` made in steps). */
  constructor(
    private readonly papers: readonly Paper[],
    table?: KeyTable,
  ) {
    this.table = table ?? finishSteps(KeyTable.build(...finishSteps(keyEntries(papers))));
  }

  /** The resolver of `papers`, in steps (see `core/steps.ts`). */
  static *build(papers: readonly Paper[]): Steps<CiteKeyResolver> {
    return new CiteKeyResolver(papers, yield* KeyTable.build(...(yield* keyEntries(papers))));
  }

  /** The resolver whose table `toData` gave, for these `papers`, in steps; throws on a damaged table. */
  static *restore(papers: readonly Paper[], data: KeyTableData): Steps<CiteKeyResolver> {
    return new CiteKeyResolver(papers, yield* KeyTable.restore(data, papers.length * 2));
  }

  toData(): KeyTableData {
    return this.table.toData();
  }

  /** Set on a resolver `patched` made: the resolver patched, the changed papers' resolver, and which of the first one's papers still count. */
  private overlay?: { readonly under: CiteKeyResolver; readonly changed: CiteKeyResolver; readonly visible: (paper: Paper) => boolean };

  /**
   * This resolver with some papers changed, added or removed (a reload's quick stage: see
   * `core/corpusPatch.ts`): `changed` resolves the changed and added papers, and is asked
   * first; this one answers for the papers `visible` keeps (not the removed ones, nor the
   * changed ones' old versions).
   */
  patched(changed: CiteKeyResolver, visible: (paper: Paper) => boolean): CiteKeyResolver {
    const resolver = new CiteKeyResolver(this.papers, this.table);
    resolver.overlay = { under: this, changed, visible };
    return resolver;
  }

  /** The paper a key names, or undefined; a leading `@` is allowed. */
  resolve(key: string): Paper | undefined {
    if (this.overlay) {
      const { under, changed, visible } = this.overlay;
      return this.libraryKey(key) ?? changed.resolve(key) ?? kept(under.resolve(key), visible);
    }
    const value = this.table.get(fold(key));
    return value === undefined ? undefined : this.papers[value >> 1];
  }

  /** The paper a library gives this key (`paper.keys`), or undefined: a computed key is not one. */
  libraryKey(key: string): Paper | undefined {
    if (this.overlay) {
      const { under, changed, visible } = this.overlay;
      return changed.libraryKey(key) ?? kept(under.libraryKey(key), visible);
    }
    const value = this.table.get(fold(key));
    return value === undefined || value & 1 ? undefined : this.papers[value >> 1];
  }
}

/** A key as the resolver holds it: without a leading `@`, in lower case. */
function fold(key: string): string {
  return key.replace(/^@/, '').toLowerCase();
}

/** Every key of `papers`, in the rules' order (see `CiteKeyResolver`), with its value there at the same place; in steps. */
function* keyEntries(papers: readonly Paper[]): Steps<[keys: string[], values: number[]]> {
  const computed = yield* paperCiteKeys(papers);
  const keys: string[] = [];
  const values: number[] = [];
  const pace = new Pace(ITEMS_PER_STEP * 16);
  for (let k = 0; k < papers.length; k++) {
    // Computed keys are lower case already (`citationKey`); a library's keys are folded here.
    for (const key of papers[k].keys ?? []) {
      keys.push(key.toLowerCase());
      values.push(k * 2);
    }
    if (pace.tickCheap(k)) yield* pace.pause();
  }
  for (let k = 0; k < papers.length; k++) {
    keys.push(computed.computed[k]);
    values.push(k * 2 + 1);
  }
  for (let k = 0; k < papers.length; k++) {
    if (!computed.titleOnly[k]) continue;
    keys.push(computed.titleOnly[k]);
    values.push(k * 2 + 1);
  }
  return [keys, values];
}

/**
 * Each paper's computed cite keys, papers in order: its `citationKey`, and the key its title
 * alone gives where it has authors or a year (else empty: the same key).
 */
export interface PaperCiteKeys {
  readonly computed: readonly string[];
  readonly titleOnly: readonly string[];
}

/** `PaperCiteKeys` of `papers`, in steps. */
export function* paperCiteKeys(papers: readonly Paper[]): Steps<PaperCiteKeys> {
  const computed: string[] = [];
  const titleOnly: string[] = [];
  const pace = new Pace(ITEMS_PER_STEP);
  for (const p of papers) {
    computed.push(citationKey(p));
    titleOnly.push(p.authors?.length || p.year ? citationKey({ title: p.title }) : '');
    if (pace.tick()) yield* pace.pause();
  }
  return { computed, titleOnly };
}

/** Escapes a value for a BibTeX field in braces: braces balanced, LaTeX specials quoted. */
function bibtexValue(text: string): string {
  return text.replace(/[\\{}]/g, (c) => (c === '\\' ? '\\textbackslash{}' : `\\${c}`)).replace(/([&%$#_])/g, '\\$1').replace(/\^/g, '\\^{}').replace(/~/g, '\\~{}');
}


function authorList(paper: Paper): string {
  const { names: a, more } = namedAuthors(paper.authors);
  if (a.length === 0) return '';
  if (a.length <= 2 && !more) return a.join(' and ');
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
      const main = link ? `[${text}](${markdownLinkTarget(link)})` : `*${text}*`;
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
      if (paper.authors?.length) fields.push(['author', bibtexValue(paper.authors.map((a) => (a === MORE_AUTHORS ? 'others' : a)).join(' and '))]);
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

/**
 * A link as a markdown link's target: percent-encoded once, and no `(` or `)` to end it early.
 * A link with a malformed escape (`%E0%A4%A`) keeps its escapes as they are instead of having
 * their `%` encoded again, and a lone surrogate (which `encodeURI` refuses) becomes U+FFFD.
 */
function markdownLinkTarget(link: string): string {
  const whole = wellFormed(link);
  let encoded: string;
  try {
    encoded = encodeURI(decodeURI(whole));
  } catch {
    encoded = encodeURI(whole).replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
  }
  return encoded.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

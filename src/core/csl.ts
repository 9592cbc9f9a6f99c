/**
 * Formatted references through citeproc-js and the official CSL styles in `seeds/csl/`
 * (APA, IEEE, Chicago author-date, Vancouver, Harvard). No style formatting is written here:
 * this module only turns a `Paper` into a CSL-JSON item and runs the engine.
 *
 * Nothing here reads files: the caller hands in a reader for the style and locale files (the
 * extension and the CLI read `seeds/csl/`, a web worker can be given the texts), so the module
 * runs wherever citeproc-js does. Building an engine parses a whole style and expands its
 * macros, which is costly for the large ones: on the 2-core CI machine, about 5 s and 95 MB of
 * heap for APA and 8 s and 245 MB for Chicago, against 0.2 s and 1-2 MB for IEEE, Vancouver and
 * Harvard. So each style's engine is built on first use and kept until `release`.
 */
import * as CSL from 'citeproc';
import type { CslItem } from 'citeproc';
import { codeLink } from './links';
import { CSL_LOCALE_FILE, CSL_STYLE_FILES, type CslFileReader, type CslStyleId } from './cslStyles';
import { namedAuthors, type Paper } from './types';

export { CSL_LOCALE_FILE, CSL_STYLE_FILES, CSL_STYLE_IDS, isCslStyle, type CslFileReader, type CslStyleId } from './cslStyles';

/** BibTeX and CSL entry types to CSL item types; anything else is a `document`. */
const CSL_TYPES: Readonly<Record<string, string>> = {
  article: 'article-journal',
  'article-journal': 'article-journal',
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  'paper-conference': 'paper-conference',
  proceedings: 'book',
  book: 'book',
  inbook: 'chapter',
  incollection: 'chapter',
  chapter: 'chapter',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  thesis: 'thesis',
  techreport: 'report',
  report: 'report',
  online: 'webpage',
  webpage: 'webpage',
  software: 'software',
  dataset: 'dataset',
};

/** Lower-case name particles that belong to the family name (`Ludwig van Beethoven`). */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'dos', 'das', 'ter', 'ten', 'bin', 'al']);

/** Generational suffixes, which BibTeX's "Family, Jr., Given" puts after the name ("Given Family Jr."). */
const SUFFIXES = /^(?:Jr\.?|Sr\.?|II|III|IV)$/;

/**
 * A "Given Family" name as CSL splits it: the last word, with any lower-case particles before
 * it, is the family name, and a generational suffix after it (`Cuba Gooding Jr.`) is the
 * suffix. A single word (`OpenAI`) is a literal name, never "given" alone.
 */
export function cslName(name: string): { given: string; family: string; suffix?: string } | { literal: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const suffix = words.length > 2 && SUFFIXES.test(words[words.length - 1]) ? words.pop() : undefined;
  if (words.length < 2) return { literal: words.join(' ') };
  let f = words.length - 1;
  while (f > 1 && PARTICLES.has(words[f - 1])) f--;
  const parts = { given: words.slice(0, f).join(' '), family: words.slice(f).join(' ') };
  return suffix ? { ...parts, suffix } : parts;
}

/**
 * A paper as a CSL-JSON item. Only known fields are set, so no style can print a placeholder.
 * An arXiv paper with no venue is a preprint (`article`, publisher arXiv, number `arXiv:ID`,
 * as Zotero stores it); a paper with nothing but a title and a link (the bundled corpus) is a
 * `document` with that link as its URL.
 */
export function cslItem(paper: Paper, id: string = paper.id, style?: CslStyleId): CslItem {
  const item: CslItem = { id, type: 'document', title: paper.title };
  // Without `MORE_AUTHORS`: CSL has no "and others", and the style decides where "et al." goes.
  const authors = namedAuthors(paper.authors).names.map(cslName).filter((n) => ('literal' in n ? n.literal : n.family));
  if (authors.length) item.author = authors;
  if (paper.year) item.issued = { 'date-parts': [[paper.year]] };
  if (paper.doi) item.DOI = paper.doi;
  const url = paper.url ?? (paper.arxivId ? `https://arxiv.org/abs/${paper.arxivId}` : (codeLink(paper.links) ?? paper.links[0]));
  if (url) item.URL = url;
  const type = paper.entryType ? CSL_TYPES[paper.entryType.toLowerCase()] : undefined;
  if (paper.venue) {
    item['container-title'] = paper.venue;
    item.type = type ?? (paper.entryType ? 'document' : 'article-journal');
  } else if (paper.arxivId) {
    item.type = 'article';
    item.publisher = 'arXiv';
    // IEEE prints the publisher before the number ("arXiv: 2106.09685"); the others want the prefix.
    item.number = style === 'ieee' ? paper.arxivId : `arXiv:${paper.arxivId}`;
  } else if (type && type !== 'article-journal' && type !== 'paper-conference' && type !== 'chapter') {
    // Without a venue, a journal article or chapter would print an empty container.
    item.type = type;
  }
  return item;
}

/** A paper to format and the id it goes by (its cite key, say). */
export interface CslEntry {
  readonly paper: Paper;
  readonly id: string;
}

/** Formats references in the bundled CSL styles, as plain text. */
export class CslFormatter {
  private readonly engines = new Map<CslStyleId, CSL.Engine>();
  private locale?: string;
  /** The items of the call in progress, which the engine asks for by id. */
  private items = new Map<string, CslItem>();

  constructor(private readonly read: CslFileReader) {}

  private engine(style: CslStyleId): CSL.Engine {
    let engine = this.engines.get(style);
    if (!engine) {
      const xml = this.read(CSL_STYLE_FILES[style].file);
      const locale = (this.locale ??= this.read(CSL_LOCALE_FILE));
      engine = new CSL.Engine(
        {
          retrieveLocale: () => locale,
          retrieveItem: (id) => this.items.get(id)!,
        },
        xml,
        'en-US',
        true,
      );
      engine.setOutputFormat('text');
      this.engines.set(style, engine);
    }
    return engine;
  }

  /**
   * The reference list for these papers in a style, one entry per paper with the id it was
   * given. Numeric styles (IEEE, Vancouver) keep the order given, numbered from 1; author-date
   * styles sort as the style says. A paper given twice (same id) is listed once.
   */
  bibliography(entries: readonly CslEntry[], style: CslStyleId): Array<{ id: string; text: string }> {
    const engine = this.engine(style);
    this.items = new Map();
    for (const e of entries) if (!this.items.has(e.id)) this.items.set(e.id, cslItem(e.paper, e.id, style));
    if (this.items.size === 0) return [];
    try {
      engine.updateItems([...this.items.keys()]);
      const result = engine.makeBibliography();
      if (!result) return [];
      const [params, texts] = result;
      return texts.map((text, i) => ({ id: params.entry_ids[i][0], text: cleanEntry(text) }));
    } finally {
      this.items = new Map();
    }
  }

  /** Drops the engines built so far (all, or one style's), freeing their memory; the next use rebuilds. */
  release(style?: CslStyleId): void {
    if (style) this.engines.delete(style);
    else this.engines.clear();
  }

  /** One paper's reference in a style, without the list number numeric styles put before it. */
  reference(paper: Paper, style: CslStyleId, id: string = paper.id): string {
    const [entry] = this.bibliography([{ paper, id }], style);
    return (entry?.text ?? '').replace(/^(?:\[\d+\]|\d+\.)\s+/, '');
  }
}

/** citeproc's text output ends each entry with a line break and may double spaces. */
function cleanEntry(entry: string): string {
  return entry.replace(/\s+/g, ' ').trim();
}

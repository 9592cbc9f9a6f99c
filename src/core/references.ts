/**
 * A document's reference list: the papers it mentions, by name, title or cite key, in order of
 * first mention, formatted in one citation format. Several documents read as one, in the order
 * given (the CLI's `references FILE...`).
 */
import { ALL_CITATION_FORMATS, formatCitation, paperKey, type AnyCitationFormat, type CitationContext, type CiteKeyResolver } from './citations';
import type { CiteKey } from './citeKeys';
import { isCslStyle } from './cslStyles';
import { escapeLatexText, escapeMarkdownProse } from './render';
import type { Paper } from './types';

/** What one document mentions: name mentions (`MentionMatcher.find`) and cite keys (`findCiteKeys`). */
export interface DocumentMentions {
  readonly names: ReadonlyArray<{ readonly start: number; readonly paperId: string }>;
  readonly keys: readonly CiteKey[];
}

/**
 * The papers the documents mention, each once, in order of first mention: by offset within a
 * document, documents in the order given. A cite key counts when the resolver knows it.
 */
export function papersInMentionOrder(documents: readonly DocumentMentions[], resolver: CiteKeyResolver, paperById: (id: string) => Paper | undefined): Paper[] {
  const seen = new Set<string>();
  const out: Paper[] = [];
  for (const doc of documents) {
    const hits: Array<{ start: number; paper: Paper }> = [];
    for (const m of doc.names) {
      const paper = paperById(m.paperId);
      if (paper) hits.push({ start: m.start, paper });
    }
    for (const k of doc.keys) {
      const paper = resolver.resolve(k.key);
      if (paper) hits.push({ start: k.start, paper });
    }
    hits.sort((a, b) => a.start - b.start);
    for (const { paper } of hits) {
      if (seen.has(paper.id)) continue;
      seen.add(paper.id);
      out.push(paper);
    }
  }
  return out;
}

/** One reference of a list: the paper, its cite key and its formatted text. */
export interface Reference {
  readonly paper: Paper;
  readonly key: string;
  readonly text: string;
}

/**
 * The reference list of these papers (in mention order) in a format. A CSL style lays out the
 * list itself: numeric styles (IEEE, Vancouver) number the papers in the order given, author-date
 * styles sort them as the style says. Every other format keeps the order given. `original`
 * gives a library paper's entry as written, for `bibtex`.
 */
export function formatReferences(
  papers: readonly Paper[],
  format: AnyCitationFormat,
  context: Omit<CitationContext, 'original'> & { readonly original?: (paper: Paper) => string | undefined } = {},
): Reference[] {
  if (!ALL_CITATION_FORMATS.includes(format)) throw new Error(`formatReferences: unknown format ${format}`);
  if (isCslStyle(format)) {
    if (!context.csl) throw new Error(`formatReferences: the ${format} style needs a CslFormatter`);
    const unique = [...new Map(papers.map((p) => [p.id, p])).values()];
    const byId = new Map(unique.map((p) => [p.id, p]));
    // The engine returns entries in the style's order; each names the paper it is for.
    return context.csl.bibliography(unique.map((paper) => ({ paper, id: paper.id })), format).map(({ id, text }) => {
      const paper = byId.get(id)!;
      return { paper, key: paperKey(paper), text };
    });
  }
  return papers.map((paper) => ({ paper, key: paperKey(paper), text: formatCitation(paper, format, { csl: context.csl, original: context.original?.(paper) }) }));
}

/** The kind of document a reference list is written into, which decides how its prose is escaped. */
export type ReferenceTarget = 'markdown' | 'latex' | 'plain';

/**
 * Formats whose text is markup or source of its own, written as it is wherever it goes: a
 * Markdown link (its title already escaped), a BibTeX entry, a citation by key.
 */
const SOURCE_FORMATS: ReadonlySet<AnyCitationFormat> = new Set<AnyCitationFormat>(['markdown', 'bibtex', 'pandoc', 'latex']);

/**
 * The text of a reference list as a document of that kind reads it literally: entries a blank
 * line apart, each its own paragraph, with a final line break. The prose formats (plain text,
 * the CSL styles) are escaped for a Markdown document (`escapeMarkdownProse`) or a LaTeX one
 * (`escapeLatexText`), since a title, an author or a venue is untrusted text and may look like
 * markup (`[here](command:...)`, `<img ...>`, `50% of $x$`); plain documents get them as they are.
 */
export function referenceListText(references: readonly Reference[], format: AnyCitationFormat, target: ReferenceTarget): string {
  const escape = SOURCE_FORMATS.has(format) || target === 'plain' ? (text: string) => text : target === 'markdown' ? escapeMarkdownProse : escapeLatexText;
  return references.map((r) => escape(r.text)).join('\n\n') + '\n';
}

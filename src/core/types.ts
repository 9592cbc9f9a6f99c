/**
 * The small vocabulary the core speaks. Nothing here knows about the editor: offsets are
 * 0-based UTF-16 code-unit offsets into the original text (what `String.prototype.slice`
 * and VS Code's `TextDocument.positionAt` use), end exclusive.
 */

/** Where a paper came from, for error messages and "show" output. */
export interface SourceRef {
  /** The file as the user or the extension named it. */
  readonly file: string;
  /** 1-based line of the paper's title in that file. */
  readonly line: number;
}

/** The file formats a library can be read from. */
export type LibraryFormat = 'bibtex' | 'csl-json' | 'listing';

/** One entry of a library file behind a paper (a paper merged from several files has several). */
export interface PaperSource extends SourceRef {
  readonly format: LibraryFormat;
  /** The entry's citation key (BibTeX key, CSL-JSON `id`); listings have none. */
  readonly key?: string;
  /**
   * UTF-16 offsets of the entry's original text in the file as read, end exclusive:
   * `text.slice(start, end)` is the entry exactly as written. Listings have none.
   */
  readonly start?: number;
  readonly end?: number;
}

/**
 * The last of a paper's `authors` when its source says the list goes on (BibTeX's `and others`,
 * or `and et al.` as people write it): not a name. Bylines end with "et al."; citations, search
 * and CSL leave it out.
 */
export const MORE_AUTHORS = 'et al.';

/** `authors` without `MORE_AUTHORS`, and whether it was there. */
export function namedAuthors(authors: readonly string[] | undefined): { names: readonly string[]; more: boolean } {
  const list = authors ?? [];
  const more = list.length > 0 && list[list.length - 1] === MORE_AUTHORS;
  return { names: more ? list.slice(0, -1) : list, more };
}

/** One paper as parsed from a listing or a user's library, or merged from several of them. */
export interface Paper {
  /** Stable id derived from the title only (see `paperId`): never changes when other papers are added. */
  readonly id: string;
  readonly title: string;
  /** Empty when no source has one (many `.bib` entries have no abstract). */
  readonly abstract: string;
  /** Code repositories and project pages the abstract links to, cleaned, in order of appearance, unique. */
  readonly links: readonly string[];
  /** Optional bibliographic fields; the bundled corpus has none of them. Authors read "Given Family". */
  readonly authors?: readonly string[];
  readonly year?: number;
  /** Where the paper was first read from (for a library paper, its first source). */
  readonly source?: SourceRef;
  /** Journal or proceedings title. */
  readonly venue?: string;
  /** DOI as written, without a `https://doi.org/` or `doi:` prefix. */
  readonly doi?: string;
  readonly url?: string;
  /** arXiv identifier without version (`2101.00001`, `hep-th/9901001`). */
  readonly arxivId?: string;
  readonly keywords?: readonly string[];
  /** Entry type of the first library source (`article`, `inproceedings`, a CSL type...). */
  readonly entryType?: string;
  /** Citation keys of every library entry behind the paper, in load order, unique. */
  readonly keys?: readonly string[];
  /**
   * Every entry behind the paper, in load order, the bundled listing's first when the paper is
   * also bundled; absent for a paper that only the bundled corpus has.
   */
  readonly sources?: readonly PaperSource[];
}

/** How a name was derived; decides how it is matched. */
export type NameKind =
  /** The full title: matched in any letter case, across line wraps and spacing. */
  | 'title'
  /** The part of the title before the colon, when it is a name (`DataComp`, `BT^2`). */
  | 'short'
  /** The name the abstract gives the method (`we propose LoRAT`) or a variant (`MatLM`). */
  | 'method'
  /** The title-case phrase before the title's colon (`Tracking Meets LoRA`): matched in the title's own capitals. */
  | 'phrase'
  /**
   * The full title when it is a field's or a technique's name ("Dynamic programming",
   * "Predictive coding"), and the field's acronym that the abstract defines (`MPC`): matched in
   * any letter case, as a title is (the acronym in its own), but it counts only where the text
   * cites the paper there (see `genericTitle` in `names.ts`).
   */
  | 'field';

/**
 * Whether a name (or a mention of it) is the paper's whole title, or its singular: matched as
 * a title is, in any letter case. A `field` name of one word is the field's acronym (`MPC`),
 * matched and listed as the paper's other names are.
 */
export function isTitleName(name: { readonly kind: NameKind; readonly text: string }): boolean {
  return name.kind === 'title' || (name.kind === 'field' && /\s/.test(name.text.trim()));
}

/** A name a person writes for a paper. */
export interface PaperName {
  readonly paperId: string;
  readonly text: string;
  readonly kind: NameKind;
  /**
   * True when the name is collision-prone: also everyday vocabulary (`CUDA`, `FILTER`,
   * `Hydra`), a short acronym, used by other papers for other work, or a phrase of common
   * words. Such a name only counts as a mention where the evidence in the text says it means
   * this paper (policy `context`), everywhere (`always`) or never (`never`).
   */
  readonly ambiguous: boolean;
  /** Why the name is collision-prone (for `scan --explain`). */
  readonly why?: string;
}

/** A paper name found in a text. */
export interface Mention {
  readonly start: number;
  readonly end: number;
  /** `text.slice(start, end)`. */
  readonly text: string;
  readonly paperId: string;
  readonly kind: NameKind;
}

/**
 * What to do with names that are also ordinary words (see README, "Precision"):
 * - `context`: count them only where the surrounding text speaks of a paper (default);
 * - `always`: count them wherever they stand as whole words in the paper's own letter case;
 * - `never`: never count them; full titles and unambiguous names still match.
 */
export type AmbiguousNamePolicy = 'context' | 'always' | 'never';

/** A topic of the taxonomy in `seeds/topics.json`. */
export interface Topic {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** Words and phrases that signal the topic, lower case. */
  readonly vocabulary: readonly string[];
}

/** The citation formats the core renders. */
export type CitationFormat = 'markdown' | 'text' | 'bibtex';

/** A search hit. Ranges are into the field named, for highlighting. */
export interface SearchResult {
  readonly paper: Paper;
  /** Higher is better; comparable only within one result list. */
  readonly score: number;
  readonly matches: readonly SearchMatch[];
}

export interface SearchMatch {
  readonly field: 'title' | 'names' | 'abstract' | 'topics' | 'authors' | 'keys';
  /** Inclusive-exclusive [start, end) UTF-16 ranges into that field's text. */
  readonly ranges: ReadonlyArray<readonly [number, number]>;
  /** For `names`, `topics`, `authors` and `keys`: the value matched. */
  readonly value?: string;
}

/** The least of a text document the core needs; a VS Code `TextDocument` satisfies it. */
export interface TextSource {
  getText(): string;
  readonly version: number;
  /** The file's name, when its kind changes how it is read (`.bib`, `.ipynb`: see `views.ts`). */
  readonly fileName?: string;
}

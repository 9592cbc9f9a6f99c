/**
 * Merging library entries with the papers already known (the bundled corpus, earlier
 * libraries): an entry whose DOI, arXiv id or normalised title matches a known paper is that
 * paper. It appears once, with the fields of all its sources: the first source that has a
 * field gives it (the bundled corpus first, then libraries in the order given), keywords and
 * citation keys are collected from all of them.
 */
import { extractLinks } from '../links';
import { normaliseTitle } from '../mentions';
import { paperId, slugify } from '../paperIds';
import type { Paper, PaperSource } from '../types';
import type { LibraryEntry, LibraryParse, LibraryProblem } from './entry';
import { finishSteps, ITEMS_PER_STEP, Pace, type Steps } from '../steps';

/** Quotation marks and apostrophes, which sources write differently: ``a'', “a”, "a", ’ and '. */
const QUOTES = /[`'"“”‘’„«»]/g;

/**
 * A title as merging compares it: `normaliseTitle`'s, without quotation marks, so that a
 * Zotero title (“Cloze procedure”), a `.bib` one (``Cloze procedure'') and a plain one are one paper.
 */
function titleKey(title: string): string {
  return normaliseTitle(title.replace(QUOTES, ''));
}

export interface MergedLibrary {
  /** The known papers first, in their order and with their ids, then new papers in library order. */
  readonly papers: readonly Paper[];
  /** Citation keys that name two different papers (a warning at the later entry). */
  readonly problems: readonly LibraryProblem[];
}

/** A paper being assembled from its sources. */
interface Draft {
  readonly id: string;
  /** The known paper it started from, returned unchanged when no entry joins it. */
  readonly known?: Paper;
  title: string;
  abstract: string;
  authors?: readonly string[];
  year?: number;
  venue?: string;
  doi?: string;
  url?: string;
  arxivId?: string;
  entryType?: string;
  /** Shared with the first entry until another entry adds keywords. */
  keywords: readonly string[];
  keys: string[];
  sources: PaperSource[];
}

/**
 * Merges `libraries` (each one file's entries) into the `known` papers. Known papers keep their
 * ids; a new paper's id is `paperId(title)`, made unique with its key when another paper has it.
 */
export function mergeLibraries(known: readonly Paper[], libraries: readonly LibraryParse[]): MergedLibrary {
  return finishSteps(mergeLibrariesSteps(known, libraries));
}

/**
 * `mergeLibraries` in steps (see `core/steps.ts`): the web extension merges on the host's
 * thread, where the merge of 50,000 entries in one step held it for about 0.8 s.
 */
export function* mergeLibrariesSteps(known: readonly Paper[], libraries: readonly LibraryParse[]): Steps<MergedLibrary> {
  const drafts: Draft[] = [];
  const byTitle = new Map<string, Draft>();
  const byDoi = new Map<string, Draft>();
  const byArxiv = new Map<string, Draft>();
  const ids = new Set<string>();
  const keyOwners = new Map<string, Draft>();
  const problems: LibraryProblem[] = [];

  const index = (draft: Draft, normalisedTitle: string, doi?: string, arxivId?: string) => {
    if (!byTitle.has(normalisedTitle)) byTitle.set(normalisedTitle, draft);
    if (doi && !byDoi.has(doi.toLowerCase())) byDoi.set(doi.toLowerCase(), draft);
    if (arxivId && !byArxiv.has(arxivId)) byArxiv.set(arxivId, draft);
  };

  // One pace for the three loops below: each item is a few microseconds.
  const pace = new Pace(ITEMS_PER_STEP);
  for (const paper of known) {
    const draft: Draft = {
      id: paper.id,
      known: paper,
      title: paper.title,
      abstract: paper.abstract,
      authors: paper.authors,
      year: paper.year,
      venue: paper.venue,
      doi: paper.doi,
      url: paper.url,
      arxivId: paper.arxivId,
      entryType: paper.entryType,
      keywords: paper.keywords ?? [],
      keys: [...(paper.keys ?? [])],
      sources: [...(paper.sources ?? [])],
    };
    drafts.push(draft);
    ids.add(paper.id);
    index(draft, titleKey(paper.title), paper.doi, paper.arxivId);
    if (pace.tick()) yield* pace.pause();
  }

  for (const library of libraries) {
    for (const entry of library.entries) {
      if (pace.tick()) yield* pace.pause();
      const title = titleKey(entry.title);
      const draft = matchOf(entry, title, byDoi, byArxiv, byTitle);
      const target = draft ?? newDraft(entry, ids);
      if (draft) {
        join(draft, entry);
      } else {
        drafts.push(target);
        ids.add(target.id);
      }
      index(target, title, entry.doi, entry.arxivId);
      if (entry.key !== undefined) {
        const folded = entry.key.toLowerCase();
        const owner = keyOwners.get(folded);
        if (!owner) {
          keyOwners.set(folded, target);
        } else if (owner !== target) {
          const where = owner.sources.find((s) => s.key?.toLowerCase() === folded)!;
          problems.push({
            file: entry.file,
            line: entry.line,
            message: `the key "${entry.key}" also names "${owner.title}" (${where.file}:${where.line}); both papers are kept`,
            severity: 'warning',
          });
        }
      }
    }
  }
  const papers: Paper[] = [];
  for (const draft of drafts) {
    papers.push(toPaper(draft));
    if (pace.tick()) yield* pace.pause();
  }
  return { papers, problems };
}

/** The known paper an entry is: same DOI, else same arXiv id, else same normalised title. */
function matchOf(entry: LibraryEntry, normalisedTitle: string, byDoi: Map<string, Draft>, byArxiv: Map<string, Draft>, byTitle: Map<string, Draft>): Draft | undefined {
  const doi = entry.doi ? byDoi.get(entry.doi.toLowerCase()) : undefined;
  if (doi) return doi;
  const arxiv = entry.arxivId ? byArxiv.get(entry.arxivId) : undefined;
  if (arxiv && !conflicts(arxiv.doi, entry.doi)) return arxiv;
  const title = byTitle.get(normalisedTitle);
  // The same title with different identifiers is two papers (a paper and its erratum, two
  // editions), not one.
  if (title && !conflicts(title.doi, entry.doi) && !conflicts(title.arxivId, entry.arxivId)) return title;
  return undefined;
}

function conflicts(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() !== b.toLowerCase();
}

function sourceOf(entry: LibraryEntry): PaperSource {
  const source: { -readonly [K in keyof PaperSource]: PaperSource[K] } = { file: entry.file, line: entry.line, format: entry.format };
  if (entry.key !== undefined) source.key = entry.key;
  if (entry.start !== undefined) source.start = entry.start;
  if (entry.end !== undefined) source.end = entry.end;
  return source;
}

/**
 * The paper one library entry makes alone, as merging makes one that matches no known paper:
 * its id `id` when given (the paper it replaces), else the one merging would choose where
 * `taken` holds the ids in use (see `core/corpusPatch.ts`, which reads a reload's changed entries this way).
 */
export function paperOfEntry(entry: LibraryEntry, taken: { has(id: string): boolean }, id?: string): Paper {
  const draft = newDraft(entry, taken);
  return toPaper(id === undefined ? draft : { ...draft, id });
}

/** Whether two titles are one paper's to merging (see `titleKey`). */
export function sameTitle(a: string, b: string): boolean {
  return titleKey(a) === titleKey(b);
}

function newDraft(entry: LibraryEntry, ids: { has(id: string): boolean }): Draft {
  const base = paperId(entry.title);
  let id = base;
  if (ids.has(id) && entry.key) id = `${base}-${slugify(entry.key)}`;
  for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
  return {
    id,
    title: entry.title,
    abstract: entry.abstract,
    authors: entry.authors.length ? entry.authors : undefined,
    year: entry.year,
    venue: entry.venue,
    doi: entry.doi,
    url: entry.url,
    arxivId: entry.arxivId,
    entryType: entry.type,
    keywords: entry.keywords,
    keys: entry.key === undefined ? [] : [entry.key],
    sources: [sourceOf(entry)],
  };
}

/** Adds an entry to the paper it matched: fills what the paper lacks, collects keys and keywords. */
function join(draft: Draft, entry: LibraryEntry): void {
  if (!draft.abstract) draft.abstract = entry.abstract;
  if (!draft.authors?.length && entry.authors.length) draft.authors = entry.authors;
  draft.year ??= entry.year;
  draft.venue ??= entry.venue;
  draft.doi ??= entry.doi;
  draft.url ??= entry.url;
  draft.arxivId ??= entry.arxivId;
  draft.entryType ??= entry.type;
  const added = entry.keywords.filter((k) => !draft.keywords.includes(k));
  if (added.length) draft.keywords = [...draft.keywords, ...added];
  if (entry.key !== undefined && !draft.keys.includes(entry.key)) draft.keys.push(entry.key);
  if (!draft.sources.length && draft.known?.source) {
    draft.sources.push({ ...draft.known.source, format: 'listing' });
  }
  draft.sources.push(sourceOf(entry));
}

function toPaper(draft: Draft): Paper {
  const known = draft.known;
  if (known && draft.sources.length === (known.sources?.length ?? 0)) return known;
  const first = draft.sources[0];
  const paper: { -readonly [K in keyof Paper]: Paper[K] } = {
    id: draft.id,
    title: draft.title,
    abstract: draft.abstract,
    links: known && known.abstract === draft.abstract ? known.links : extractLinks(draft.abstract),
  };
  if (draft.authors?.length) paper.authors = draft.authors;
  if (draft.year !== undefined) paper.year = draft.year;
  paper.source = known?.source ?? { file: first.file, line: first.line };
  if (draft.venue !== undefined) paper.venue = draft.venue;
  if (draft.doi !== undefined) paper.doi = draft.doi;
  if (draft.url !== undefined) paper.url = draft.url;
  if (draft.arxivId !== undefined) paper.arxivId = draft.arxivId;
  if (draft.keywords.length) paper.keywords = draft.keywords;
  if (draft.entryType !== undefined) paper.entryType = draft.entryType;
  if (draft.keys.length) paper.keys = draft.keys;
  paper.sources = draft.sources;
  return paper;
}

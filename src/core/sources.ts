/**
 * One corpus from all its sources: the bundled listing (or none) and any number of library
 * files, each read in its format and merged, so a paper named by several of them appears once.
 * Nothing here reads files: callers pass text or bytes, and may pass parses they kept from an
 * earlier run (the CLI's cache) instead of reading a file again.
 */
import type { PreparedIndex } from './prepared';
import type { Background } from './background';
import { Corpus } from './corpus';
import { parseLibrary, type BibtexOptions } from './library';
import { rereadWith, type LibraryParse } from './library/entry';
import { mergeLibraries } from './library/merge';
import { parseListing } from './listing';
import type { IsCommonWord } from './names';
import { finishSteps, ITEMS_PER_STEP, Pace, sortInSteps, type Steps } from './steps';
import type { LibraryFormat, NameKind, Paper, Topic } from './types';

/** A library file's content as read, and the name to show for it in problems and sources. */
export interface LibraryFile {
  readonly file: string;
  /** The file's text, or its UTF-8 bytes where `parseLibrary` takes them (see there). */
  readonly input: Parameters<typeof parseLibrary>[0];
  /** Overrides the format the file name (or else the first character) implies. */
  readonly format?: LibraryFormat;
  /** `@string` values from the other files of the load (`BibtexOptions.strings`). */
  readonly strings?: ReadonlyMap<string, string>;
}

/** Something wrong in one of the sources, at a 1-based line of the named file. */
export interface SourceProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
  /** `error`: left out; `warning`: read, but looks wrong. Listing problems are errors. */
  readonly severity: 'error' | 'warning';
}

export interface SourcesInput {
  /** The bundled listing (or a listing standing in for it); absent to leave it out. */
  readonly bundled?: { readonly file: string; readonly text: string };
  /** Library files read already, in the order given (earlier files give fields first). */
  readonly libraries: readonly LibraryParse[];
  readonly topics: readonly Topic[];
  readonly isCommonWord: IsCommonWord;
  /** How ML writing at large uses words and names (see `Background`); absent: none known. */
  readonly background?: Background;
  /** A prepared index stored for these sources (see `core/prepared.ts`); used only if it fits the merged papers. */
  readonly prepared?: PreparedIndex;
}

export interface LoadedSources {
  readonly corpus: Corpus;
  /** The bundled listing's problems, then each library's, then merging's (keys naming two papers). */
  readonly problems: readonly SourceProblem[];
}

/** Reads each library file in its format (by extension: `.bib` BibTeX, `.json` CSL-JSON, `.txt` listing). */
export function parseLibraryFiles(files: readonly LibraryFile[], options: BibtexOptions = {}): LibraryParse[] {
  const read = (f: LibraryFile) => parseLibrary(f.input, f.file, { ...options, strings: f.strings }, f.format);
  return withBorrowedStrings(files, files.map(read), read);
}

/**
 * `parses` (those of `files`, in load order) with each file that uses `@string` names another
 * file of the load defines read again with them through `read` (see `borrowedStrings`):
 * BibTeX reads `\bibliography{strings,refs}` as one database.
 */
export function withBorrowedStrings(files: readonly LibraryFile[], parses: readonly LibraryParse[], read: (file: LibraryFile) => LibraryParse): LibraryParse[] {
  return parses.map((parse, k) => {
    const again = rereadWith(parse, parses);
    return again ? read({ ...files[k], strings: again.strings }) : parse;
  });
}

/**
 * The corpus of the bundled papers (their ids unchanged) and the library papers merged with
 * them. Never throws for what a library contains; a bundled listing nothing can be read from
 * throws its `ListingError`, as `Corpus.fromListing` does.
 */
export function corpusFromSources(input: SourcesInput): LoadedSources {
  const problems: SourceProblem[] = [];
  let known: readonly Paper[] = [];
  if (input.bundled) {
    const listing = parseListing(input.bundled.text, input.bundled.file);
    known = listing.papers;
    for (const p of listing.problems) problems.push({ ...p, severity: 'error' });
  }
  for (const library of input.libraries) problems.push(...library.problems);
  const merged = mergeLibraries(known, input.libraries);
  problems.push(...merged.problems);
  return { corpus: new Corpus(merged.papers, input.topics, input.isCommonWord, problems, input.background, undefined, input.prepared), problems };
}

/** `parseLibraryFiles` then `corpusFromSources`: the whole load in one call. */
export function loadSources(
  input: Omit<SourcesInput, 'libraries'> & { readonly files: readonly LibraryFile[]; readonly bibtex?: BibtexOptions },
): LoadedSources {
  return corpusFromSources({ ...input, libraries: parseLibraryFiles(input.files, input.bibtex) });
}

/** Whether a paper is one of the bundled corpus's: it has no library source, or one is the bundled listing `bundledFile`. */
export function isBundledPaper(paper: Paper, bundledFile: string): boolean {
  const sources = paper.sources ?? [];
  return sources.length === 0 || sources.some((s) => s.file === bundledFile);
}

/**
 * The names a scan leaves out when library papers are recognised by their full titles only
 * (`paperLens.mentions.libraryNames: titles`, the CLI's `--library-names titles`): every name
 * but the title of a paper the bundled corpus does not have. For `FindOptions.suppressed`.
 */
export function libraryTitlesOnly(paperOf: (id: string) => Paper | undefined, bundledFile: string): (paperId: string, name: string, kind: NameKind) => boolean {
  return (paperId, _name, kind) => {
    if (kind === 'title') return false;
    const paper = paperOf(paperId);
    return !!paper && !isBundledPaper(paper, bundledFile);
  };
}

/** The papers read from one file: a library file, or (`file` undefined) the bundled listing. */
export interface SourceGroup {
  readonly file: string | undefined;
  readonly papers: readonly Paper[];
}

/**
 * The papers grouped by the file each came from, for the sidebar's "by library file" view: one
 * group per library file, in the order the files first appear among the papers, then the
 * bundled papers (those with no library source, or a source in `bundledFile`). A paper read
 * from two files is in both groups; within a group papers keep their corpus order.
 */
export function groupBySource(papers: readonly Paper[], bundledFile: string): SourceGroup[] {
  return finishSteps(groupBySourceSteps(papers, bundledFile));
}

/**
 * `groupBySource` in steps (see `core/steps.ts`), for the editor's thread: a restored library
 * paper reads its sources from the papers' table the first time (see `TablePaper`), and at
 * 50,000 papers grouping them at once held the thread for 125 ms.
 */
export function* groupBySourceSteps(papers: readonly Paper[], bundledFile: string): Steps<SourceGroup[]> {
  const groups = new Map<string, Paper[]>();
  const bundled: Paper[] = [];
  const pace = new Pace(ITEMS_PER_STEP);
  for (const paper of papers) {
    const files = new Set((paper.sources ?? []).map((s) => s.file));
    if (isBundledPaper(paper, bundledFile)) bundled.push(paper);
    for (const file of files) {
      if (file === bundledFile) continue;
      let group = groups.get(file);
      if (!group) groups.set(file, (group = []));
      group.push(paper);
    }
    if (pace.tick()) yield* pace.pause();
  }
  const out: SourceGroup[] = [...groups].map(([file, list]) => ({ file, papers: list }));
  if (bundled.length > 0) out.push({ file: undefined, papers: bundled });
  return out;
}

/**
 * The papers A to Z by title, for the sidebar's A to Z view: leading punctuation ignored,
 * letters compared without case or accents, numbers by value (`Intl.Collator`), and papers of
 * equal titles in corpus order. In steps: at 50,000 papers, sorting at once held the editor's
 * thread for 260 ms.
 */
export function* alphabeticalSteps(papers: readonly Paper[]): Steps<Paper[]> {
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const keys: { key: string; paper: Paper }[] = [];
  const pace = new Pace(ITEMS_PER_STEP);
  for (const paper of papers) {
    keys.push({ key: paper.title.replace(/^[^\p{L}\p{N}]+/u, ''), paper });
    if (pace.tick()) yield* pace.pause();
  }
  const sorted = yield* sortInSteps(keys, (a, b) => collator.compare(a.key, b.key));
  return sorted.map((k) => k.paper);
}

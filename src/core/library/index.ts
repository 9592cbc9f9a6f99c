/**
 * A user's library files: BibTeX/BibLaTeX `.bib`, CSL-JSON `.json` and Daily Papers listings
 * `.txt`, read from text into entries and problems, then merged with the papers already known.
 * Nothing here reads files: callers (the worker, the CLI) pass the text, so this also runs
 * where there is no file system.
 */
import { parseListing, ListingError } from '../listing';
import type { LibraryFormat, PaperSource } from '../types';
import { parseBibtex, parseBibtexSteps, type BibtexOptions } from './bibtex';
import type { Steps } from '../steps';
import { parseCslJson } from './cslJson';
import type { LibraryEntry, LibraryParse } from './entry';

export { parseBibtex, type BibtexOptions } from './bibtex';
export { parseCslJson } from './cslJson';
export { decodeLatex, type MacroDecoder } from './latex';
export { bibtexName, bibtexNames } from './bibtexNames';
export { mergeLibraries, type MergedLibrary } from './merge';
export { formatLibraryProblem, type LibraryEntry, type LibraryParse, type LibraryProblem } from './entry';

/**
 * The format of a library file by its extension (`.bib`, `.bibtex`, `.biblatex`; `.json`;
 * `.txt`), else by its first character (`@` BibTeX, `[` or `{` CSL-JSON), else a listing.
 */
export function libraryFormatOf(file: string, text = ''): LibraryFormat {
  const ext = /\.([^./\\]+)$/.exec(file)?.[1].toLowerCase();
  if (ext === 'bib' || ext === 'bibtex' || ext === 'biblatex') return 'bibtex';
  if (ext === 'json') return 'csl-json';
  if (ext === 'txt') return 'listing';
  const first = text.replace(/^\uFEFF/, '').trimStart().charAt(0);
  return first === '@' ? 'bibtex' : first === '[' || first === '{' ? 'csl-json' : 'listing';
}

/**
 * Reads one library file in its format; never throws for what the file contains. Pass the
 * file's bytes (UTF-8) rather than its text where you can: entries then hold small strings of
 * their own instead of slices of the whole file (see `chunks.ts`).
 */
export function parseLibrary(input: string | Uint8Array, file: string, options: BibtexOptions = {}, format?: LibraryFormat): LibraryParse {
  const head = () => (typeof input === 'string' ? input.slice(0, 64) : new TextDecoder().decode(input.subarray(0, 64)));
  switch (format ?? libraryFormatOf(file, head())) {
    case 'bibtex':
      return parseBibtex(input, file, options);
    case 'csl-json':
      return parseCslJson(input, file);
    case 'listing':
      return listingLibrary(typeof input === 'string' ? input : new TextDecoder().decode(input), file);
  }
}

/**
 * `parseLibrary` in steps (see `chunks.ts`): a BibTeX file pauses after each entry line; the
 * other formats are read in one step.
 */
export function* parseLibrarySteps(input: string | Uint8Array, file: string, options: BibtexOptions = {}, format?: LibraryFormat): Steps<LibraryParse> {
  const head = () => (typeof input === 'string' ? input.slice(0, 64) : new TextDecoder().decode(input.subarray(0, 64)));
  if ((format ?? libraryFormatOf(file, head())) === 'bibtex') return yield* parseBibtexSteps(input, file, options);
  return parseLibrary(input, file, options, format);
}

/** A Daily Papers listing as library entries (titles and abstracts only). */
function listingLibrary(text: string, file: string): LibraryParse {
  try {
    const { papers, problems } = parseListing(text, file);
    const entries: LibraryEntry[] = papers.map((p) => ({
      type: 'listing',
      title: p.title,
      authors: [],
      abstract: p.abstract,
      keywords: [],
      format: 'listing',
      file,
      line: p.source?.line ?? 1,
    }));
    return { file, format: 'listing', entries, problems: problems.map((p) => ({ ...p, severity: 'error' as const })) };
  } catch (e) {
    if (!(e instanceof ListingError)) throw e;
    return { file, format: 'listing', entries: [], problems: [{ file, line: e.line ?? 1, message: e.message.replace(/^.*?:\d+: /, ''), severity: 'error' }] };
  }
}

/**
 * The original text of a paper's library entry, from the file's current text: for "copy
 * BibTeX", which must give the entry exactly as the user wrote it. `undefined` when the source
 * has no offsets (a listing) or the text at them is no longer that entry (the file changed).
 */
export function originalEntry(text: string, source: PaperSource): string | undefined {
  if (source.start === undefined || source.end === undefined || source.end > text.length) return undefined;
  const original = text.slice(source.start, source.end);
  const opens = source.format === 'bibtex' ? original.startsWith('@') : original.startsWith('{');
  if (!opens || (source.key !== undefined && !original.includes(source.key))) return undefined;
  return original;
}

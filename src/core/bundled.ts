/**
 * Loading corpora from disk: the one core module that touches the file system. The bundled
 * corpus lives in `seeds/` inside the extension (and next to the CLI), so it works with no setup.
 * The web extension, which has no file system, builds the same from bundled texts (`seeds.ts`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Background } from './background';
import { Corpus } from './corpus';
import { FileError } from './errors';
import { commonWordsFrom, type IsCommonWord } from './names';
import { SEEDS } from './seeds';
import { parseTaxonomy } from './topics';
import type { Topic } from './types';

export { SEEDS } from './seeds';

/** A file that could not be read, with the path as the user gave it and the reason. */
export class CorpusFileError extends FileError {
  constructor(file: string, reason: string) {
    super(file, undefined, reason);
  }
}

export function readTextFile(file: string, shownAs = file): string {
  return textOfBytes(readBytesFile(file, shownAs));
}

/** A text file's bytes as `readTextFile` gives its text. */
export function textOfBytes(bytes: Uint8Array): string {
  // Node's decoder, as before: a byte-order mark stays in the text, so offsets match the file's.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** A file's bytes; throws a `CorpusFileError` naming `shownAs` when it cannot be read. */
export function readBytesFile(file: string, shownAs = file): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw unreadable(e, shownAs);
  }
}

/**
 * A file's size and modification time (see `FileStamp`), checked readable without reading it;
 * throws the `CorpusFileError` that reading it would (`readBytesFile`).
 */
export function statReadableFile(file: string, shownAs = file): { readonly size: number; readonly mtime: number } {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    return { size: stat.size, mtime: stat.mtimeMs };
  } catch (e) {
    throw unreadable(e, shownAs);
  }
}

function unreadable(e: unknown, shownAs: string): CorpusFileError {
  const err = e as NodeJS.ErrnoException;
  const reason = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a folder, not a file' : err.code === 'EACCES' ? 'permission denied' : err.message;
  return new CorpusFileError(shownAs, `cannot read: ${reason}`);
}

/**
 * The bundled taxonomy, everyday-word list and background statistics, which every corpus uses
 * whatever its papers. Damaged background statistics do not throw (see `loadBackground`).
 */
export function loadSeeds(extensionRoot: string): { topics: Topic[]; isCommonWord: IsCommonWord; background: Background } {
  const topics = parseTaxonomy(readTextFile(path.join(extensionRoot, SEEDS.topics), SEEDS.topics), SEEDS.topics);
  const isCommonWord = commonWordsFrom(readTextFile(path.join(extensionRoot, SEEDS.commonWords), SEEDS.commonWords));
  return { topics, isCommonWord, background: loadBackground(extensionRoot) };
}

/**
 * Loads a listing with the bundled taxonomy and vocabulary. `extensionRoot` is the folder that
 * holds `seeds/`. Throws a `FileError` (`CorpusFileError`, `ListingError`, `TaxonomyError`) naming the file.
 */
export function loadCorpusFile(file: string, extensionRoot: string, shownAs = file): Corpus {
  const { topics, isCommonWord, background } = loadSeeds(extensionRoot);
  return Corpus.fromListing(readTextFile(file, shownAs), shownAs, topics, isCommonWord, background);
}

/**
 * The background statistics in `seeds/`, read once per process (only the header and section
 * bounds are parsed up front, see `Background.parse`). Missing or damaged statistics leave
 * recognition working without them: the error is reported by `backgroundProblem`.
 */
export function loadBackground(extensionRoot: string): Background {
  const file = path.join(extensionRoot, SEEDS.background);
  let cached = backgrounds.get(file);
  if (!cached) {
    try {
      cached = Background.parse(readTextFile(file, SEEDS.background), SEEDS.background);
    } catch (e) {
      if (!(e instanceof FileError)) throw e;
      cached = Background.empty();
      backgroundProblems.set(file, e.message);
    }
    backgrounds.set(file, cached);
  }
  return cached;
}

const backgrounds = new Map<string, Background>();
const backgroundProblems = new Map<string, string>();

/** Why the background statistics under `extensionRoot` could not be used, if they could not. */
export function backgroundProblem(extensionRoot: string): string | undefined {
  return backgroundProblems.get(path.join(extensionRoot, SEEDS.background));
}

/** The corpus that ships with Paper Lens. */
export function loadBundledCorpus(extensionRoot: string): Corpus {
  return loadCorpusFile(path.join(extensionRoot, SEEDS.listing), extensionRoot, SEEDS.listing);
}

/**
 * The bundled seed files (the listing, the topic taxonomy, the everyday-word list and the
 * background statistics) turned into what every corpus uses, from their texts. Nothing here
 * reads files: the caller hands in a reader, so the same code serves the Node extension and CLI
 * (which read `seeds/` from disk, see `bundled.ts`) and the web extension (which has the texts
 * bundled into its script).
 */
import { Background } from './background';
import { Corpus } from './corpus';
import { FileError } from './errors';
import { commonWordsFrom, type IsCommonWord } from './names';
import { parseTaxonomy } from './topics';
import type { Topic } from './types';

/** The seed files, relative to the folder that holds `seeds/`. */
export const SEEDS = {
  listing: 'seeds/daily-papers-listing.txt',
  topics: 'seeds/topics.json',
  commonWords: 'seeds/common-words.txt',
  background: 'seeds/background.txt',
} as const;

export type SeedFile = (typeof SEEDS)[keyof typeof SEEDS];

/** A seed file's text; throws a `FileError` naming the file when it cannot be read. */
export type SeedReader = (file: SeedFile) => string;

export interface Seeds {
  readonly topics: Topic[];
  readonly isCommonWord: IsCommonWord;
  readonly background: Background;
  /** Why the background statistics could not be used (recognition then works without them). */
  readonly backgroundProblem?: string;
}

/** The taxonomy, everyday words and background statistics. Damaged statistics do not throw. */
export function seedsFrom(read: SeedReader): Seeds {
  const topics = parseTaxonomy(read(SEEDS.topics), SEEDS.topics);
  const isCommonWord = commonWordsFrom(read(SEEDS.commonWords));
  try {
    return { topics, isCommonWord, background: Background.parse(read(SEEDS.background), SEEDS.background) };
  } catch (e) {
    if (!(e instanceof FileError)) throw e;
    return { topics, isCommonWord, background: Background.empty(), backgroundProblem: e.message };
  }
}

/** The bundled corpus from the seed texts. Throws a `FileError` naming the file that is damaged. */
export function bundledCorpusFrom(read: SeedReader, seeds: Seeds = seedsFrom(read)): Corpus {
  return Corpus.fromListing(read(SEEDS.listing), SEEDS.listing, seeds.topics, seeds.isCommonWord, seeds.background);
}

/**
 * The facts of `bundledData.ts` that need no file system, so that the web suite (bundled for
 * the browser's web worker, test/web/) checks against the same ones as the other tiers.
 */

/**
 * The number of papers in a listing laid out like the bundled one: page chrome down to a date
 * line ("Jul 29"), then one title line and one abstract line per paper, blank lines between.
 * Counted from that layout rather than with `parseListing`, so that a parser that drops,
 * merges or invents a paper disagrees with it.
 */
export function papersByLayout(text: string, file = 'seeds/daily-papers-listing.txt'): number {
  const lines = text.split(/\r?\n/);
  const date = lines.findIndex((line) => /^[A-Z][a-z]{2} \d{1,2}$/.test(line.trim()));
  if (date < 0) throw new Error(`${file}: no date line ("Jul 29") ends the page chrome`);
  const entries = lines.slice(date + 1).filter((line) => line.trim() !== '');
  if (entries.length % 2 !== 0) {
    throw new Error(`${file}: ${entries.length} non-blank lines after the date line; expected a title line and an abstract line per paper`);
  }
  return entries.length / 2;
}

/**
 * How many bundled papers each topic of `seeds/topics.json` holds, a paper filed under two
 * topics counting in both, in taxonomy order; a topic no bundled paper falls under holds 0 (the
 * sidebar hides it). Read off the classification once and checked by hand against the papers'
 * titles and abstracts; a change to the taxonomy or the classifier that moves papers shows up
 * here and has to be looked at again.
 */
export const BUNDLED_TOPIC_SIZES: ReadonlyArray<readonly [topic: string, papers: number]> = [
  ['data-curation', 7],
  ['self-supervised', 5],
  ['transfer-adaptation', 13],
  ['architectures', 9],
  ['pruning-efficiency', 4],
  ['optimization-theory', 0],
  ['probabilistic', 0],
  ['robustness-security', 3],
  ['interpretability', 0],
  ['diffusion-models', 7],
  ['image-restoration', 3],
  ['detection-tracking', 3],
  ['3d-vision', 0],
  ['video-human', 0],
  ['remote-sensing', 0],
  ['vision-language', 4],
  ['language-models', 2],
  ['llm-reasoning', 0],
  ['alignment-safety', 0],
  ['agents', 0],
  ['retrieval-recommendation', 8],
  ['graph-learning', 0],
  ['time-series', 1],
  ['reinforcement-learning', 1],
  ['robotics', 0],
  ['speech-audio', 1],
  ['medical', 2],
  ['ai-for-science', 0],
];

/**
 * A library that takes a while to load, for the checks that a load under way is shown (the
 * sidebar's message in the integration suite, the status bar in the UI suite): `ENTRIES`
 * entries with abstracts, about 6 MB, whose first load takes about 2 s in the library worker on
 * the 2-core machine CI uses (a load is shown once it has run for half a second).
 */
export const SLOW_LIBRARY_ENTRIES = 8000;

/**
 * The library's text. `run` goes into a title, so that each run's file is new to the worker's
 * cache and read cold. `count` (the entries) and the words of each abstract may be changed (a library large
 * enough to load in two stages: see `Corpus.firstStage`).
 */
export function slowLibrary(run: string, count = SLOW_LIBRARY_ENTRIES, abstractWords = 90): string {
  const words = 'sparse latent diffusion graph policy reward token vision speech protein molecule retrieval agent planning memory kernel attention convolution contrastive federated quantum causal temporal spectral robust adaptive efficient scalable neural bayesian'.split(' ');
  let seed = 7;
  const word = () => words[(seed = (seed * 1103515245 + 12345) % 2147483648) % words.length];
  const phrase = (n: number) => Array.from({ length: n }, word).join(' ');
  const entries: string[] = [];
  for (let i = 0; i < count; i++) {
    const title = i === 0 ? `Run ${run} of a slow library` : `${phrase(5)} ${i}`;
    entries.push(`@article{big${i},\n  title = {${title}},\n  author = {Author, A${i} and Writer, B.},\n  year = {${2000 + (i % 25)}},\n  abstract = {${phrase(abstractWords)}.}\n}\n`);
  }
  return entries.join('\n');
}

/**
 * Related-papers benchmark: how often a paper's related list shares its topic, on the bundled
 * corpus. Run it with `node out/bench/relatedBench.js` after `npm run compile-tests`.
 *
 * For every paper with a topic (`Corpus.topicsOf`), it takes the related list (up to 5) and counts
 * the listed papers that share at least one topic with it. It prints:
 * - precision: shared / listed, over all lists;
 * - top-1: the share of papers whose first relative shares a topic;
 * - the baseline measured in the same run: the share of all other papers that share a topic
 *   with a paper, averaged over papers (what a random list would score), and the ratio to it;
 * - the ceiling: the precision of lists of the same lengths filled with topic-sharing papers
 *   wherever there are enough (many topics hold only a few bundled papers);
 * - the related lists of ten papers, for judging by hand.
 */
import * as path from 'node:path';
import { loadBundledCorpus } from '../src/core/bundled';
import type { Corpus } from '../src/core/corpus';
import { RelatedIndex } from '../src/core/related';

const ROOT = path.resolve(__dirname, '..', '..');

export interface RelatedRun {
  readonly papers: number;
  readonly lists: number;
  readonly listed: number;
  readonly precision: number;
  readonly top1: number;
  readonly baseline: number;
  readonly ceiling: number;
  readonly emptyLists: number;
  readonly buildMs: number;
}

export function benchRelated(corpus: Corpus, show = 10): RelatedRun {
  const t = performance.now();
  const index = new RelatedIndex(corpus.papers);
  const buildMs = performance.now() - t;
  const topicIds = (id: string) => new Set(corpus.topicsOf(id).map((x) => x.id));
  let lists = 0;
  let listed = 0;
  let shared = 0;
  let top1 = 0;
  let baseline = 0;
  let emptyLists = 0;
  let ceiling = 0;
  const shown: string[] = [];
  for (const paper of corpus.papers) {
    const mine = topicIds(paper.id);
    if (mine.size === 0) continue;
    const related = index.related(paper.id, 5);
    const shares = (id: string) => [...topicIds(id)].some((x) => mine.has(x));
    const others = corpus.papers.filter((p) => p.id !== paper.id);
    const sharing = others.filter((p) => shares(p.id)).length;
    baseline += sharing / others.length;
    if (related.length === 0) emptyLists++;
    else {
      lists++;
      if (shares(related[0].paper.id)) top1++;
    }
    listed += related.length;
    ceiling += Math.min(related.length, sharing);
    shared += related.filter((r) => shares(r.paper.id)).length;
    if (shown.length < show) {
      shown.push(
        `- ${paper.title} [${[...mine].join(', ')}]\n` +
          related.map((r) => `    ${r.score.toFixed(3)} ${shares(r.paper.id) ? '=' : ' '} ${r.paper.title} [${[...topicIds(r.paper.id)].join(', ')}]`).join('\n'),
      );
    }
  }
  const withTopics = lists + emptyLists;
  const run = { papers: corpus.papers.length, lists, listed, precision: shared / listed, top1: top1 / lists, baseline: baseline / withTopics, ceiling: ceiling / listed, emptyLists, buildMs };
  console.log(`Related papers on the bundled corpus (${run.papers} papers, index built in ${buildMs.toFixed(1)} ms):`);
  console.log(`  related papers sharing a topic with their source: ${shared}/${listed} = ${(100 * run.precision).toFixed(1)}%`);
  console.log(`  first relative sharing a topic: ${top1}/${lists} = ${(100 * run.top1).toFixed(1)}%`);
  console.log(`  baseline (a random other paper shares a topic): ${(100 * run.baseline).toFixed(1)}%; precision / baseline = ${(run.precision / run.baseline).toFixed(2)}x`);
  console.log(`  ceiling (lists of the same lengths, topic-sharing papers wherever there are enough): ${(100 * run.ceiling).toFixed(1)}%`);
  console.log(`  papers with no related paper: ${emptyLists}; mean list length ${(listed / withTopics).toFixed(2)}`);
  console.log('\n' + shown.join('\n'));
  return run;
}

if (require.main === module) benchRelated(loadBundledCorpus(ROOT), Number(process.argv[2] ?? 10));

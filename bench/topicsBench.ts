/**
 * Topic benchmark: how the taxonomy in `seeds/topics.json` spreads a real library, and what
 * classifying it costs. Run it alone with `node out/bench/topicsBench.js` after
 * `npm run compile-tests`, or call `benchTopics` from `bench.ts`.
 *
 * It prints, for the bundled listing and for the 50,000 arXiv papers in
 * ../shared/data/arxiv-50k.jsonl.gz (skipped when that file is absent):
 * - each topic's share of the papers (a paper counts under each of its topics) and its share
 *   as the best topic, classified from title and abstract, and from the title alone (as for a
 *   `.bib` entry without an abstract);
 * - the share left unfiled, and the largest topic, against the limits the sidebar is held to
 *   (no topic over 15%, at most 10% unfiled; for the bundled listing 6 to 16 topics, none
 *   over 40%, every paper filed);
 * - how often the title alone finds a topic the abstract also gives;
 * - the time to classify every paper, against a floor measured in the same run: one
 *   `charCodeAt` pass over the same text that only tells word characters from the rest.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { parseListing } from '../src/core/listing';
import { parseTaxonomy, TopicClassifier, type Classifiable } from '../src/core/topics';
import { ARXIV } from './data';

const ROOT = path.resolve(__dirname, '..', '..');

/** The limits the issue sets for a real library and for the bundled listing. */
const LIBRARY_MAX_TOPIC_SHARE = 0.15;
const LIBRARY_MAX_UNFILED = 0.1;
const BUNDLED_TOPICS = [6, 16] as const;
const BUNDLED_MAX_TOPIC_SHARE = 0.4;

export interface TopicShare {
  readonly id: string;
  /** Papers filed under the topic (as any of their topics), as a fraction of all papers. */
  readonly share: number;
  /** Papers with the topic as their best one. */
  readonly bestShare: number;
}

export interface TopicRun {
  readonly label: string;
  readonly papers: number;
  /** Every topic, largest share first. */
  readonly topics: readonly TopicShare[];
  /** Topics holding at least one paper. */
  readonly usedTopics: number;
  readonly unfiled: number;
  /** Mean number of topics of a filed paper. */
  readonly topicsPerPaper: number;
  /** Fastest of the timed passes over every paper: wall time, and the process's CPU time. */
  readonly classifyMs: number;
  readonly classifyCpuMs: number;
  /** Fastest `charCodeAt` pass over the same text. */
  readonly floorMs: number;
  readonly floorCpuMs: number;
  /** Topic ids per paper, in input order. */
  readonly assigned: readonly (readonly string[])[];
}

const now = () => performance.now();

/** A pass that looks at every character as the classifier's word cutter must; the cost floor. */
function charFloor(papers: readonly Classifiable[]): number {
  let words = 0;
  for (const p of papers) {
    for (const text of [p.title, p.abstract]) {
      let inWord = false;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i) | 32;
        const w = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
        if (w && !inWord) words++;
        inWord = w;
      }
    }
  }
  return words;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * The fastest of `runs` passes, in wall time and in CPU time (steadier when other processes
 * share the machine).
 */
function fastest(runs: number, pass: () => void): { wall: number; cpu: number } {
  let wall = Infinity;
  let cpu = Infinity;
  for (let r = 0; r < runs; r++) {
    const c = cpuMs();
    const t = now();
    pass();
    wall = Math.min(wall, now() - t);
    cpu = Math.min(cpu, cpuMs() - c);
  }
  return { wall, cpu };
}

/** Classifies `papers` (warm-up pass, then the fastest of `runs` timed passes) and counts per topic. */
export function classifyAll(label: string, papers: readonly Classifiable[], classifier: TopicClassifier, ids: readonly string[], runs = 3): TopicRun {
  let assigned: string[][] = papers.map((p) => classifier.classify(p));
  const classify = fastest(runs, () => {
    assigned = papers.map((p) => classifier.classify(p));
  });
  let words = 0;
  const floor = fastest(runs, () => {
    words = charFloor(papers);
  });
  if (words < 0) throw new Error('unreachable: keeps the floor pass from being optimised away');
  const all = new Map(ids.map((id) => [id, 0]));
  const best = new Map(ids.map((id) => [id, 0]));
  let unfiled = 0;
  let filedTopics = 0;
  for (const topics of assigned) {
    if (topics.length === 0) unfiled++;
    else best.set(topics[0], (best.get(topics[0]) ?? 0) + 1);
    filedTopics += topics.length;
    for (const id of topics) all.set(id, (all.get(id) ?? 0) + 1);
  }
  const n = papers.length;
  const topics = ids
    .map((id) => ({ id, share: (all.get(id) ?? 0) / n, bestShare: (best.get(id) ?? 0) / n }))
    .sort((a, b) => b.share - a.share || a.id.localeCompare(b.id));
  return {
    label,
    papers: n,
    topics,
    usedTopics: topics.filter((t) => t.share > 0).length,
    unfiled: unfiled / n,
    topicsPerPaper: filedTopics / Math.max(1, n - unfiled),
    classifyMs: classify.wall,
    classifyCpuMs: classify.cpu,
    floorMs: floor.wall,
    floorCpuMs: floor.cpu,
    assigned,
  };
}

/** The papers of the arXiv set, or undefined when the file is not on this machine. */
export function arxivPapers(file = ARXIV): Classifiable[] | undefined {
  if (!fs.existsSync(file)) return undefined;
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
  return lines.filter((l) => l.trim()).map((l) => {
    const { title, abstract } = JSON.parse(l) as { title: string; abstract: string };
    return { title, abstract };
  });
}

/** Of the papers the title alone files, the fraction whose best title-only topic is among the topics from title and abstract. */
export function titleAgreement(full: TopicRun, titles: TopicRun): number {
  let filed = 0;
  let agree = 0;
  titles.assigned.forEach((topics, i) => {
    if (topics.length === 0) return;
    filed++;
    if (full.assigned[i].includes(topics[0])) agree++;
  });
  return agree / Math.max(1, filed);
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const ok = (pass: boolean) => (pass ? 'ok' : 'OVER LIMIT');

function printRun(run: TopicRun): void {
  const top = run.topics[0];
  console.log(
    `\n${run.label}: ${run.papers.toLocaleString('en')} papers, ${run.usedTopics} topics used, unfiled ${pct(run.unfiled)}, ` +
      `largest ${top.id} ${pct(top.share)}, ${run.topicsPerPaper.toFixed(2)} topics per filed paper; ` +
      `classified in ${run.classifyMs.toFixed(0)} ms, CPU ${run.classifyCpuMs.toFixed(0)} ms` +
      // The floor of a few dozen papers is below the clock's resolution; a ratio would be noise.
      (run.floorCpuMs >= 10
        ? ` (charCodeAt floor ${run.floorMs.toFixed(0)} ms, CPU ${run.floorCpuMs.toFixed(0)} ms: ${(run.classifyCpuMs / run.floorCpuMs).toFixed(1)}x the floor's CPU time)`
        : ''),
  );
}

/** Runs every measurement and prints the tables; returns what it measured. */
export function benchTopics(root = ROOT, arxivFile = ARXIV): { bundled: TopicRun; full?: TopicRun; titles?: TopicRun; agreement?: number } {
  const taxonomyFile = 'seeds/topics.json';
  const topics = parseTaxonomy(fs.readFileSync(path.join(root, taxonomyFile), 'utf8'), taxonomyFile);
  const ids = topics.map((t) => t.id);
  const classifier = new TopicClassifier(topics);
  const listingFile = 'seeds/daily-papers-listing.txt';
  const { papers: bundledPapers } = parseListing(fs.readFileSync(path.join(root, listingFile), 'utf8'), listingFile);

  console.log(`\nTopics: ${topics.length} in ${taxonomyFile}.`);
  const bundled = classifyAll('bundled listing', bundledPapers, classifier, ids, 20);
  printRun(bundled);
  const bundledTop = bundled.topics[0].share;
  const counts = bundled.topics.filter((t) => t.share > 0).map((t) => `${t.id} ${Math.round(t.share * bundled.papers)}`);
  console.log(`  ${counts.join(', ')}`);
  console.log(
    `  limits: ${BUNDLED_TOPICS[0]} to ${BUNDLED_TOPICS[1]} topics: ${ok(bundled.usedTopics >= BUNDLED_TOPICS[0] && bundled.usedTopics <= BUNDLED_TOPICS[1])}; ` +
      `none over ${pct(BUNDLED_MAX_TOPIC_SHARE)}: ${ok(bundledTop <= BUNDLED_MAX_TOPIC_SHARE)}; every paper filed: ${ok(bundled.unfiled === 0)}`,
  );

  const library = arxivPapers(arxivFile);
  if (!library) {
    console.log(`\nThe 50k arXiv figures are skipped: ${arxivFile} is not on this machine (set PAPER_LENS_ARXIV to point at it).`);
    return { bundled };
  }
  const full = classifyAll('arXiv, title and abstract', library, classifier, ids);
  const titles = classifyAll(
    'arXiv, title only',
    library.map((p) => ({ title: p.title, abstract: '' })),
    classifier,
    ids,
  );
  const agreement = titleAgreement(full, titles);
  for (const run of [full, titles]) {
    printRun(run);
    console.log(
      `  limits: no topic over ${pct(LIBRARY_MAX_TOPIC_SHARE)}: ${ok(run.topics[0].share <= LIBRARY_MAX_TOPIC_SHARE)}; ` +
        `at most ${pct(LIBRARY_MAX_UNFILED)} unfiled: ${ok(run.unfiled <= LIBRARY_MAX_UNFILED)}`,
    );
  }
  console.log(`  the title alone finds one of the paper's title-and-abstract topics for ${pct(agreement)} of the papers it files`);

  const titleShare = new Map(titles.topics.map((t) => [t.id, t]));
  console.log('\n| topic | share (title + abstract) | as best topic | share (title only) | as best topic |');
  console.log('|---|---|---|---|---|');
  for (const t of full.topics) {
    const u = titleShare.get(t.id)!;
    console.log(`| ${t.id} | ${pct(t.share)} | ${pct(t.bestShare)} | ${pct(u.share)} | ${pct(u.bestShare)} |`);
  }
  console.log(`| (unfiled) | ${pct(full.unfiled)} | | ${pct(titles.unfiled)} | |`);
  console.log('\nshare = papers filed under the topic as any of their 1-3 topics; a paper with several topics counts in each.');
  return { bundled, full, titles, agreement };
}

if (require.main === module) benchTopics();

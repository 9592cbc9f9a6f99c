/**
 * `npm run bench`: prints what Paper Lens costs at the bundled size, 10,000 and 50,000 papers.
 * Figures belong here, not in timed unit tests. Run with `node --expose-gc` for heap figures.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadBackground, loadBundledCorpus, SEEDS } from '../src/core/bundled';
import { Corpus } from '../src/core/corpus';
import { MENTION_WORD, MentionIndex } from '../src/core/mentions';
import { CHAR_INFO, classifyCode } from '../src/core/text';
import { commonWordsFrom } from '../src/core/names';
import { parseTaxonomy } from '../src/core/topics';
import type { Paper } from '../src/core/types';
import { libraryOf } from './data';
import { benchSearch } from './searchBench';

const ROOT = path.resolve(__dirname, '..', '..');

function now(): number {
  return performance.now();
}

function heapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A markdown note of about 255 KB (5,000 lines) with 200 mentions, some titles wrapped over two lines. */
export function noteFor(corpus: Corpus): string {
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const papers = corpus.papers;
  const prose = papers.map((p) => p.abstract).join(' ').split(/\s+/);
  const lines: string[] = [];
  let w = 0;
  for (let i = 0; i < 5000; i++) {
    const words: string[] = [];
    while (words.join(' ').length < 48) words.push(prose[w++ % prose.length].toLowerCase().replace(/[^a-z0-9-]/g, ''));
    lines.push(words.join(' '));
  }
  for (let k = 0; k < 200; k++) {
    const p = papers[Math.floor(rand() * papers.length)];
    const named = corpus.namesOf(p.id).find((n) => n.kind !== 'title' && !n.ambiguous);
    const at = Math.floor(rand() * (lines.length - 1));
    if (named && k % 2 === 0) lines[at] += ` see ${named.text} here`;
    else {
      const words = p.title.split(' ');
      const half = Math.ceil(words.length / 2);
      lines[at] += ` in ${words.slice(0, half).join(' ')}`;
      lines[at + 1] = `${words.slice(half).join(' ')}, ${lines[at + 1]}`;
    }
  }
  return lines.join('\n');
}

/**
 * The floor a scan is measured against: one `charCodeAt` pass that classifies every code unit
 * as word or not word through the kernel's character table, as the scanner does, and does
 * nothing else (it counts words, so that the pass cannot be optimised away).
 */
export function floorPass(text: string): number {
  const info = CHAR_INFO;
  const mask = MENTION_WORD;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let k = info[text.charCodeAt(i)];
    if (k === 0) k = classifyCode(text.charCodeAt(i));
    const w = (k & mask) !== 0;
    if (w && !inWord) words++;
    inWord = w;
  }
  return words;
}

interface Row {
  label: string;
  papers: number;
  loadMs: number;
  topicsMs: number;
  matcherMs: number;
  names: number;
  scanMBs: number;
  floorMBs: number;
  mentions: number;
  lookupUs: number;
  heapMB: number;
  search: Awaited<ReturnType<typeof benchSearch>>;
}

async function measure(label: string, build: () => Corpus): Promise<Row> {
  const heap0 = heapMB();
  let t = now();
  const corpus = build();
  const loadMs = now() - t;
  t = now();
  corpus.papersIn(corpus.topics[0].id);
  const topicsMs = now() - t;
  t = now();
  const matcher = corpus.matcher;
  const matcherMs = now() - t;
  const note = noteFor(corpus);
  // Scan and floor alternate on the same note, so that both see the same machine; the first
  // runs only warm the JIT up (and build the papers' profiles once), as a long session would.
  const runs: number[] = [];
  const floorRuns: number[] = [];
  let found = 0;
  let words = 0;
  for (let r = 0; r < 30; r++) {
    matcher.find(note, 'context');
    floorPass(note);
  }
  for (let r = 0; r < 21; r++) {
    t = now();
    found = matcher.find(note, 'context').length;
    runs.push(now() - t);
    t = now();
    words = floorPass(note);
    floorRuns.push(now() - t);
  }
  if (words === 0) throw new Error(`${label}: the floor pass found no words`);
  const scanMBs = note.length / 1e6 / (median(runs) / 1000);
  const floorMBs = note.length / 1e6 / (median(floorRuns) / 1000);
  const index = new MentionIndex(matcher.find(note, 'context'));
  const offsets = Array.from({ length: 200_000 }, (_, i) => (i * 7919) % note.length);
  t = now();
  let hits = 0;
  for (const o of offsets) if (index.at(o)) hits++;
  const lookupUs = ((now() - t) * 1000) / offsets.length;
  const search = await benchSearch(corpus.papers as Paper[], label, corpus);
  const heap = heapMB() - heap0;
  // Also keeps the lookups from being optimised away.
  if (hits === 0) throw new Error(`${label}: no lookup landed on a mention`);
  return { label, papers: corpus.papers.length, loadMs, topicsMs, matcherMs, names: matcher.size, scanMBs, floorMBs, mentions: found, lookupUs, heapMB: heap, search };
}

async function main(): Promise<void> {
  const topics = parseTaxonomy(fs.readFileSync(path.join(ROOT, SEEDS.topics), 'utf8'), SEEDS.topics);
  const common = commonWordsFrom(fs.readFileSync(path.join(ROOT, SEEDS.commonWords), 'utf8'));
  const sizes = (process.env.BENCH_SIZES ?? '10000,50000').split(',').filter(Boolean).map(Number);
  const rows: Row[] = [await measure('bundled', () => loadBundledCorpus(ROOT))];
  for (const n of sizes) {
    const { papers, source } = libraryOf(n);
    rows.push(await measure(`${n.toLocaleString('en')} (${source})`, () => new Corpus(papers, topics, common, [], loadBackground(ROOT))));
  }
  const f = (x: number, d = 1) => x.toFixed(d);
  console.log('\n| corpus | papers | load (ms) | topics (ms) | names + matcher (ms) | names | scan 255 KB note (MB/s) | floor (MB/s) | scan/floor | mentions | lookup (µs) | search build (ms) | search p50 (ms) | p95 (ms) | right first | fuse.js p50 (ms) | fuse right first | heap (MB) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const s = r.search;
    console.log(
      `| ${r.label} | ${r.papers} | ${f(r.loadMs)} | ${f(r.topicsMs)} | ${f(r.matcherMs)} | ${r.names} | ${f(r.scanMBs)} | ${f(r.floorMBs)} | ${f((100 * r.scanMBs) / r.floorMBs, 0)}% | ${r.mentions} | ${f(r.lookupUs, 3)} | ${f(s.buildMs)} | ${f(s.p50Ms, 2)} | ${f(s.p95Ms, 2)} | ${s.rightFirst}/${s.queries} | ${f(s.fuseP50Ms, 1)} | ${s.fuseRightFirst}/${s.fuseQueries} | ${f(r.heapMB)} |`,
    );
  }
  console.log(
    '\nload = read and parse the listing (bundled) or build the corpus from parsed papers (arXiv); topics = classify every paper;' +
      '\nnames + matcher = derive every name and build the mention matcher; scan = find every mention in a 255 KB note with 200 inserted mentions;' +
      '\nfloor = one charCodeAt pass over the same note classifying each code unit through the scanner\'s character table, in the same run;' +
      '\nlookup = the mention under an offset (binary search); search = 16 queries made from the data, median and p95;' +
      '\nfuse.js = plain fuse.js (title x3 + abstract, defaults) on the same papers (4 queries at 50,000); heap = retained after building everything.',
  );
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

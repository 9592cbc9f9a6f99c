/**
 * `npm run bench`: prints what Paper Lens costs at the bundled size, 10,000 and 50,000 papers,
 * how the scan grows on one long line (1 MB against 5 MB, in the same run), and what a hover on
 * that line costs; writes the figures to artifacts/bench.json. Figures belong here, not in timed
 * unit tests. Run with `node --expose-gc` for heap figures. It ends with the 50,000-entry `.bib`
 * loaded as the editor loads it, through the library worker, with the longest stall of this
 * thread (see `benchLibraryWorker` in libraryBench.ts), and 10,000 workspace files (200 MB)
 * indexed as the editor indexes them (see workspaceIndexBench.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadBackground, loadBundledCorpus, SEEDS } from '../src/core/bundled';
import { findCiteKeys } from '../src/core/citeKeys';
import { Corpus } from '../src/core/corpus';
import { runInSlices, SLICE_MS, type SliceStats } from '../src/core/steps';
import { MENTION_WORD, MentionIndex, type MentionMatcher, wordsOf } from '../src/core/mentions';
import { InMemoryDocument, mentionsInWindow, windowAround } from '../src/core/scanWindow';
import { CHAR_INFO, classifyCode } from '../src/core/text';
import { commonWordsFrom } from '../src/core/names';
import { parseTaxonomy } from '../src/core/topics';
import type { Paper } from '../src/core/types';
import { libraryOf, minifiedLine } from './data';
import { benchHugeDocuments, printHugeDocuments } from './hugeDocBench';
import { benchLibraryWorker, probed } from './libraryBench';
import { benchSearch } from './searchBench';
import { benchWorkspaceIndex } from './workspaceIndexBench';

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

/**
 * The median time in ms of one call of `f`. Calls are timed in samples of at least
 * `minSampleMs` (repeating a short call), so a fast pass and a slow one are measured over
 * similar stretches: on a busy machine a 1 ms call often runs between two preemptions while a
 * 30 ms one does not, which would flatter the fast one.
 */
function perCallMs(f: () => unknown, samples = 7, minSampleMs = 20): number {
  const reps = repsPerSample(f, minSampleMs);
  const times: number[] = [];
  for (let s = 0; s < samples; s++) times.push(msPerCall(f, reps));
  return median(times);
}

/** How many calls of `f` take at least `minSampleMs` (doubling from one, after a first call). */
function repsPerSample(f: () => unknown, minSampleMs = 20): number {
  f();
  for (let reps = 1; ; reps *= 2) {
    const t = now();
    for (let i = 0; i < reps; i++) f();
    if (now() - t >= minSampleMs) return reps;
  }
}

/** The mean time in ms of one call of `f` over `reps` calls. */
function msPerCall(f: () => unknown, reps: number): number {
  const t = now();
  for (let i = 0; i < reps; i++) f();
  return (now() - t) / reps;
}


/** The floor's speed on `text` in MB/s (10^6 UTF-16 code units a second). */
function floorMBs(text: string): number {
  checkFloor(text);
  return text.length / 1e6 / (perCallMs(() => floorPass(text)) / 1000);
}

/** Fails unless the floor cuts `text` into the words the scanner cuts. */
function checkFloor(text: string): void {
  if (floorPass(text) !== wordsOf(text).count) throw new Error('the floor must classify code units as the scanner does');
}

/** How long `scanAgainstFloor` runs both passes before timing them. */
const WARM_UP_MS = 1000;

/** Rounds of `scanAgainstFloor`. */
const SCAN_ROUNDS = 21;

/**
 * The scan's and the floor's speed on `note` (MB/s), and the scan's share of the floor. This
 * machine's speed drifts by half within a minute (other processes, the processor's clock), so
 * one timing of each, or the best of each taken minutes apart, compares two machines. Here
 * they alternate in `SCAN_ROUNDS` rounds of about 20 ms each, the order swapped every round,
 * and the share is the median of each round's own ratio; the speeds are the medians. The first
 * scans, in a warm-up before the rounds, also build the papers' profiles once, as a long
 * session would.
 */
export function scanAgainstFloor(note: string, scan: () => unknown): { scanMBs: number; floor: number; scanToFloor: number } {
  checkFloor(note);
  // The garbage of building the corpus first: collected during the rounds, it would slow the
  // pass that allocates (the scan), by a different share in every run.
  (globalThis as { gc?: () => void }).gc?.();
  const floor = () => floorPass(note);
  // Both passes run for a second before any is timed: the engine compiles a function in tiers,
  // and the scan's many functions reach the optimising tier later than the floor's one loop.
  // Timed from a fresh start, the first rounds compared a half-compiled scan with a compiled floor.
  for (const started = now(); now() - started < WARM_UP_MS; ) {
    scan();
    floor();
  }
  const floorReps = repsPerSample(floor);
  const scanReps = repsPerSample(scan);
  const scans: number[] = [];
  const floors: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < SCAN_ROUNDS; r++) {
    let scanMs: number;
    let floorMs: number;
    if (r % 2) {
      scanMs = msPerCall(scan, scanReps);
      floorMs = msPerCall(floor, floorReps);
    } else {
      floorMs = msPerCall(floor, floorReps);
      scanMs = msPerCall(scan, scanReps);
    }
    scans.push(note.length / 1e6 / (scanMs / 1000));
    floors.push(note.length / 1e6 / (floorMs / 1000));
    ratios.push(floorMs / scanMs);
  }
  return { scanMBs: median(scans), floor: median(floors), scanToFloor: median(ratios) };
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
  /** The median of the rounds' own ratios (see `scanAgainstFloor`), not scanMBs / floorMBs. */
  scanToFloor: number;
  mentions: number;
  lookupUs: number;
  heapMB: number;
  search: Awaited<ReturnType<typeof benchSearch>>;
  /** A fresh corpus of the same papers prepared in slices (`Corpus.prepare`), as the editor swaps a library in. */
  preparedMs: number;
  maxStallMs: number;
  longestSliceMs: number;
}

async function measure(label: string, build: () => Corpus): Promise<Row> {
  // The same papers as the editor swaps them in: a fresh corpus prepared in slices of the
  // library service's length, with a 1 ms probe on this thread for the longest stall (the
  // slices, and the garbage collector's pauses, which no slicing avoids). First, so that this
  // corpus is garbage before the one measured below is built (two at 200,000 papers are 2 GB).
  const sliced = await preparedInSlices(build);
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
  const mentions = matcher.find(note, 'context');
  const found = mentions.length;
  const { scanMBs, floor, scanToFloor } = scanAgainstFloor(note, () => matcher.find(note, 'context'));
  const index = new MentionIndex(mentions);
  const offsets = Array.from({ length: 200_000 }, (_, i) => (i * 7919) % note.length);
  t = now();
  let hits = 0;
  for (const o of offsets) if (index.at(o)) hits++;
  const lookupUs = ((now() - t) * 1000) / offsets.length;
  const search = await benchSearch(corpus.papers as Paper[], label, corpus);
  const heap = heapMB() - heap0;
  // Also keeps the lookups from being optimised away.
  if (hits === 0) throw new Error(`${label}: no lookup landed on a mention`);
  return { label, papers: corpus.papers.length, loadMs, topicsMs, matcherMs, names: matcher.size, scanMBs, floorMBs: floor, scanToFloor, mentions: found, lookupUs, heapMB: heap, search, ...sliced };
}

/** A corpus from `build`, prepared by `Corpus.prepare` in slices: how long, and the longest stall of this thread meanwhile. */
async function preparedInSlices(build: () => Corpus): Promise<{ preparedMs: number; maxStallMs: number; longestSliceMs: number }> {
  const corpus = build();
  const stats: SliceStats = { slices: 0, longestMs: 0 };
  const { ms, maxStallMs } = await probed(() => runInSlices(corpus.prepare(), SLICE_MS, stats));
  return { preparedMs: ms, maxStallMs, longestSliceMs: stats.longestMs };
}

interface LongLine {
  chars: number;
  scanMs: number;
  /** Process CPU time of the same scans: steadier than wall time when other processes share the machine. */
  scanCpuMs: number;
  scanMBs: number;
  floorMBs: number;
  mentions: number;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Scans a minified-looking single line of each length with `matcher`, the lengths taking turns
 * round after round so that a slow patch of the machine hits them alike; a linear scan makes
 * the time proportional to the length. Then times hovers on the longest line.
 */
function measureLongLines(matcher: MentionMatcher, corpus: Corpus, lengths: readonly number[]): { lines: LongLine[]; hoverUs: number } {
  const titles = corpus.papers.map((p) => p.title).filter((t) => /^[\x20-\x7e]+$/.test(t) && !t.includes('"'));
  const shortNames = corpus.papers.flatMap((p) => corpus.namesOf(p.id).filter((n) => n.kind !== 'title' && !n.ambiguous).map((n) => n.text));
  const texts = lengths.map((n) => minifiedLine(n, titles, shortNames));
  const wall = texts.map(() => [] as number[]);
  const cpu = texts.map(() => [] as number[]);
  const mentions = texts.map((text) => matcher.find(text, 'context').length);
  for (let round = 0; round < 5; round++) {
    texts.forEach((text, i) => {
      const c = cpuMs();
      const t = now();
      matcher.find(text, 'context');
      wall[i].push(now() - t);
      cpu[i].push(cpuMs() - c);
    });
  }
  const lines = texts.map((text, i) => {
    const scanMs = median(wall[i]);
    return { chars: text.length, scanMs, scanCpuMs: median(cpu[i]), scanMBs: text.length / 1e6 / (scanMs / 1000), floorMBs: floorMBs(text), mentions: mentions[i] };
  });
  // A hover anywhere on the longest line: its window, scanned uncached.
  const longest = texts[texts.length - 1];
  const doc = new InMemoryDocument(longest);
  const offsets = Array.from({ length: 200 }, (_, i) => Math.floor(((i + 0.5) / 200) * longest.length));
  const hovers: number[] = [];
  let hits = 0;
  for (const offset of offsets) {
    const t = now();
    if (new MentionIndex(mentionsInWindow(matcher, windowAround(doc, offset), 'context')).at(offset)) hits++;
    hovers.push(now() - t);
  }
  if (hits < 0) throw new Error('unreachable: keeps the lookups from being optimised away');
  return { lines, hoverUs: median(hovers) * 1000 };
}

/**
 * Cite-key scans of texts that make a scanner looking ahead from every opening mark quadratic
 * (unclosed brackets, backtick runs, open `\\cite[` commands, `@{` runs, never-closed `[@a`),
 * at two lengths taking turns: markdown and LaTeX syntax, median of 3 rounds.
 */
function measureHostileCiteKeys(lengths: readonly number[]): Array<{ chars: number; ms: number }> {
  const patterns = ['[', '` ', '\\cite[', '@{', '[@a '];
  // Also backtick runs of 1, 2, 3, ... backticks, none closed (a scan searching each run's closer: n^1.5).
  const growingRuns = (n: number) => {
    let text = '';
    for (let run = 1; text.length < n; run++) text += '`'.repeat(run) + ' x ';
    return text;
  };
  const texts = lengths.map((n) => [...patterns.map((p) => p.repeat(Math.ceil(n / p.length))), growingRuns(n)]);
  const times = lengths.map(() => [] as number[]);
  for (let round = 0; round < 3; round++) {
    texts.forEach((group, i) => {
      const t = now();
      for (const text of group) {
        findCiteKeys(text);
        findCiteKeys(text, 'latex');
      }
      times[i].push(now() - t);
    });
  }
  return lengths.map((chars, i) => ({ chars, ms: median(times[i]) }));
}

async function main(): Promise<void> {
  const topics = parseTaxonomy(fs.readFileSync(path.join(ROOT, SEEDS.topics), 'utf8'), SEEDS.topics);
  const common = commonWordsFrom(fs.readFileSync(path.join(ROOT, SEEDS.commonWords), 'utf8'));
  const sizes = (process.env.BENCH_SIZES ?? '10000,50000,200000').split(',').filter(Boolean).map(Number);
  const rows: Row[] = [await measure('bundled', () => loadBundledCorpus(ROOT))];
  for (const n of sizes) {
    const { papers, source } = libraryOf(n);
    rows.push(await measure(`${n.toLocaleString('en')} (${source})`, () => new Corpus(papers, topics, common, [], loadBackground(ROOT))));
  }
  const f = (x: number, d = 1) => x.toFixed(d);
  console.log('\n| corpus | papers | load (ms) | topics (ms) | names + matcher (ms) | names | scan 255 KB note (MB/s) | charCodeAt floor (MB/s) | scan / floor | mentions | lookup (µs) | search build (ms) | search p50 (ms) | p95 (ms) | right first | fuse.js p50 (ms) | fuse right first | heap (MB) | prepared in slices (ms) | longest stall (ms) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const s = r.search;
    console.log(
      `| ${r.label} | ${r.papers} | ${f(r.loadMs)} | ${f(r.topicsMs)} | ${f(r.matcherMs)} | ${r.names} | ${f(r.scanMBs)} | ${f(r.floorMBs)} | ${f(100 * r.scanToFloor, 0)}% | ${r.mentions} | ${f(r.lookupUs, 3)} | ${f(s.buildMs)} | ${f(s.p50Ms, 2)} | ${f(s.p95Ms, 2)} | ${s.rightFirst}/${s.queries} | ${f(s.fuseP50Ms, 1)} | ${s.fuseRightFirst}/${s.fuseQueries} | ${f(r.heapMB)} | ${f(r.preparedMs, 0)} | ${f(r.maxStallMs, 0)} |`,
    );
  }
  console.log(
    '\nload = read and parse the listing (bundled) or build the corpus from parsed papers (arXiv), whose indexes are built on first use (the next columns);' +
      ' in bench.json a row\'s loadMs is the time until usable, "prepared in slices" below; topics = classify every paper;' +
      '\nnames + matcher = derive every name and build the mention matcher; scan = find every mention in a 255 KB note with 200 inserted mentions;' +
      '\ncharCodeAt floor = one pass over the same note classifying each code unit as word or not through the scanner\'s table;' +
      `\nscan / floor = the median of ${SCAN_ROUNDS} rounds\' own ratios, scan and floor alternating (the MB/s columns are the medians);` +
      '\nlookup = the mention under an offset (binary search); search = 16 queries made from the data, median and p95;' +
      '\nfuse.js = plain fuse.js (title x3 + abstract, defaults) on the same papers (4 queries at 50,000); heap = retained after building everything;' +
      `\nprepared in slices = a fresh corpus of the same papers built by Corpus.prepare in ${SLICE_MS} ms slices, as the editor does before swapping a library in; longest stall = a 1 ms probe on this thread meanwhile (slices and garbage-collector pauses).`,
  );

  const bundled = loadBundledCorpus(ROOT);
  const long = measureLongLines(bundled.matcher, bundled, [1_000_000, 5_000_000]);
  const [small, large] = long.lines;
  const ratio = large.scanMs / small.scanMs;
  const cpuRatio = large.scanCpuMs / small.scanCpuMs;
  const lengthRatio = large.chars / small.chars;
  console.log('\n| one minified line (bundled corpus) | scan (ms) | CPU (ms) | scan (MB/s) | charCodeAt floor (MB/s) | mentions |');
  console.log('|---|---|---|---|---|---|');
  for (const l of long.lines) console.log(`| ${f(l.chars / 1e6)} MB | ${f(l.scanMs)} | ${f(l.scanCpuMs)} | ${f(l.scanMBs)} | ${f(l.floorMBs)} | ${l.mentions} |`);
  console.log(
    `\n${f(large.chars / 1e6)} MB takes ${f(ratio, 2)}x the time of ${f(small.chars / 1e6)} MB (CPU time ${f(cpuRatio, 2)}x) at ${f(lengthRatio, 0)}x the length: linear is ${f(lengthRatio, 0)}x, quadratic ${f(lengthRatio ** 2, 0)}x.` +
      `\nA hover on the ${f(large.chars / 1e6)} MB line (its window and the window's scan, uncached): ${f(long.hoverUs, 0)} µs, median of 200 places.`,
  );

  const hostile = measureHostileCiteKeys([200_000, 1_000_000]);
  const hostileRatio = hostile[1].ms / hostile[0].ms;
  console.log(
    `\nCite keys in hostile text (6 patterns, markdown and LaTeX): ${hostile.map((h) => `${f(h.chars / 1e3, 0)}k chars ${f(h.ms)} ms`).join(', ')};` +
      ` ${f(hostileRatio, 2)}x the time at ${f(hostile[1].chars / hostile[0].chars, 0)}x the length (quadratic would be ${f((hostile[1].chars / hostile[0].chars) ** 2, 0)}x).`,
  );

  // Huge and hostile documents: a 40 MB markdown file, a minified line, random bytes, a CSV.
  const huge = benchHugeDocuments(bundled);
  printHugeDocuments(huge);

  // The 50k .bib as the editor loads it: through the library worker, with the longest stall of
  // this thread measured by a 1 ms probe, against the same load on this thread.
  // Its rows run in processes of their own, on the machine's two cores: this process's garbage
  // (the 200,000-paper corpus, the 40 MB document) is collected first, not by the collector's
  // threads while they run.
  (globalThis as { gc?: () => void }).gc?.();
  const workerRows = (await benchLibraryWorker()) ?? [];

  // 10,000 text files (about 200 MB) indexed by the loop the editor's workspace index runs,
  // with the longest stall of this thread, against reading the same files alone.
  const workspace = await benchWorkspaceIndex();

  const json = {
    citeKeysHostile: { lengths: hostile, timeRatio: hostileRatio },
    hugeDocuments: huge,
    workspaceIndex: workspace,
    rows: [
      ...rows.map((r) => ({
      corpus: r.label,
      papers: r.papers,
      // Until usable, as the editor loads a corpus: built and prepared in slices, the same load
      // whose longest stall `maxStallMs` is. (The corpus object alone builds its indexes lazily,
      // in `buildMs`, and each index's first use is timed on its own: topicsMs, matcherMs, ...)
      loadMs: r.preparedMs,
      buildMs: r.loadMs,
      topicsMs: r.topicsMs,
      matcherMs: r.matcherMs,
      names: r.names,
      scanMBps: r.scanMBs,
      floorMBps: r.floorMBs,
      scanToFloor: r.scanToFloor,
      mentions: r.mentions,
      lookupUs: r.lookupUs,
      searchBuildMs: r.search.buildMs,
      searchP50Ms: r.search.p50Ms,
      searchP95Ms: r.search.p95Ms,
      searchRightFirst: r.search.rightFirst,
      searchQueries: r.search.queries,
      fuseP50Ms: r.search.fuseP50Ms,
      fuseRightFirst: r.search.fuseRightFirst,
      fuseQueries: r.search.fuseQueries,
      heapMB: r.heapMB,
      scanFloorMBps: r.floorMBs,
      preparedMs: r.preparedMs,
      maxStallMs: r.maxStallMs,
      longestSliceMs: r.longestSliceMs,
      })),
      ...workerRows.map((r) => ({
        corpus: r.corpus,
        papers: r.papers,
        loadMs: r.loadMs,
        maxStallMs: r.maxStallMs,
        heapMB: r.heapMB,
        libraryFilesParsed: r.parsed,
        libraryFilesFromCache: r.cached,
        workerParseMs: Number.isNaN(r.workerParseMs) ? undefined : r.workerParseMs,
        workerMergeMs: Number.isNaN(r.workerMergeMs) ? undefined : r.workerMergeMs,
        workerIndexMs: Number.isNaN(r.workerIndexMs) ? undefined : r.workerIndexMs,
        workerHeapMB: Number.isNaN(r.workerHeapMB) ? undefined : r.workerHeapMB,
        firstSidebarMs: r.sidebarMs,
        rssMB: r.rssMB,
        liveHeapPeaksMB: r.liveHeapPeaksMB,
        liveHeapPeakSumMB: r.liveHeapPeakSumMB,
        runsMs: r.runsMs,
        reusedFiling: r.reusedFiling,
        reusedIndex: r.reusedIndex,
        reusedParts: r.reusedParts,
        firstStageMs: r.firstStageMs,
        firstStageFound: r.firstStageFound,
        quickMs: r.quickMs,
        quickStallMs: r.quickStallMs,
        quickChanged: r.quickChanged,
        quickFound: r.quickFound,
        firstSearchMs: r.firstSearchMs,
        nextSearchMs: r.nextSearchMs,
      })),
    ],
    longLine: {
      corpus: rows[0].label,
      lines: long.lines.map((l) => ({ chars: l.chars, scanMs: l.scanMs, scanCpuMs: l.scanCpuMs, scanMBps: l.scanMBs, floorMBps: l.floorMBs, mentions: l.mentions })),
      timeRatio: ratio,
      cpuTimeRatio: cpuRatio,
      lengthRatio,
      hoverWindowUs: long.hoverUs,
    },
  };
  const out = path.join(ROOT, 'artifacts', 'bench.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nFigures written to ${path.relative(ROOT, out)}.`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

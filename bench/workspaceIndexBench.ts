/**
 * Workspace index at scale: 10,000 text files of about 200 MB in all, written to a temporary
 * folder, indexed through `runIndex` and `WorkspaceIndex` (src/core/workspaceIndex.ts), the loop
 * and the indexer the editor's background index runs, against the bundled corpus.
 *
 * The files are markdown, LaTeX, Python and plain text notes (plus a few notebooks), made of
 * real arXiv abstracts when ../shared/data/arxiv-50k.jsonl.gz is there (the bundled abstracts
 * otherwise), wrapped into lines, with code-like noise in the Python files. Each file names
 * one or two bundled papers: a distinctive name, a full title, a cite key in the file's syntax
 * (`[@key]`, `\cite{key}`) or an arXiv id. Fifty binary files (a NUL byte in their first bytes)
 * and twenty over the size limit are added, and must be skipped.
 *
 * Each file is read as the editor reads it: its size first (a file over the limit is not
 * read), then its bytes. A `setInterval(1 ms)` probe measures the longest stall of this thread
 * while the index runs. The baseline in the same run is the same loop reading and decoding every
 * file without scanning it, so the ratio says what the scan adds to the reading.
 *
 * `benchWorkspaceIndex()` returns the figures for `bench.ts`; run alone with
 * `npm run build && npm run compile-tests && node --expose-gc out/bench/workspaceIndexBench.js`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { loadBundledCorpus } from '../src/core/bundled';
import { CiteKeyResolver, paperKey } from '../src/core/citations';
import { IdentifierIndex } from '../src/core/identifiers';
import { collapseWhitespace } from '../src/core/text';
import { runIndex, WorkspaceIndex, type FileRead, type IndexRunStats, type IndexTask, type MentionReader } from '../src/core/workspaceIndex';
import { ARXIV } from './data';

const ROOT = path.resolve(__dirname, '..', '..');

export const FILES = 10_000;
export const TOTAL_BYTES = 200_000_000;
/** The size limit of the run: the editor's default (`paperLens.workspaceIndex.maxFileSizeKB`). */
export const MAX_BYTES = 1024 * 1024;

export interface WorkspaceIndexRun {
  readonly files: number;
  readonly megabytes: number;
  readonly writeMs: number;
  /** Index: wall time, longest stall of this thread, longest slice the loop measured itself. */
  readonly indexMs: number;
  /** CPU time of this process (all its threads) while indexing, and while only reading. */
  readonly indexCpuMs: number;
  readonly readCpuMs: number;
  readonly maxStallMs: number;
  readonly longestSliceMs: number;
  readonly stats: IndexRunStats;
  /** Baseline: the same loop reading and decoding every file, no scan. */
  readonly readMs: number;
  readonly readMaxStallMs: number;
  readonly papersMentioned: number;
  readonly occurrences: number;
  /** Files given a cite key, and in how many of them the index found it. */
  readonly keyedFiles: number;
  readonly keysFound: number;
  /** The 99.9th percentile of the probe's gaps while indexing, and while only reading. */
  readonly p999StallMs: number;
  readonly readP999StallMs: number;
  readonly heapMB: number;
}

/** Runs `body` with a 1 ms probe on this thread; returns its value, wall time and the longest gap. */
async function probed<T>(body: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number; maxStallMs: number; p999StallMs: number }> {
  let last = performance.now();
  let maxStallMs = 0;
  const gaps: number[] = [];
  const probe = setInterval(() => {
    const t = performance.now();
    maxStallMs = Math.max(maxStallMs, t - last);
    gaps.push(t - last);
    last = t;
  }, 1);
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const value = await body();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    await new Promise((r) => setTimeout(r, 2));
    maxStallMs = Math.max(maxStallMs, performance.now() - last);
    gaps.sort((a, b) => a - b);
    return { value, ms, cpuMs, maxStallMs, p999StallMs: gaps[Math.floor(gaps.length * 0.999)] ?? 0 };
  } finally {
    clearInterval(probe);
  }
}

/** Prose to fill files with: arXiv abstracts when the file is there, else the bundled ones. */
function proseSource(bundledAbstracts: readonly string[]): { texts: string[]; source: string } {
  if (fs.existsSync(ARXIV)) {
    const texts = zlib
      .gunzipSync(fs.readFileSync(ARXIV))
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim())
      .slice(0, 20_000)
      .map((l) => collapseWhitespace((JSON.parse(l) as { abstract: string }).abstract));
    return { texts, source: 'arXiv abstracts' };
  }
  return { texts: [...bundledAbstracts], source: 'bundled abstracts' };
}

/** Wraps prose at about 80 columns. */
function wrap(text: string, prefix = ''): string {
  const out: string[] = [];
  let line = prefix;
  for (const word of text.split(' ')) {
    if (line.length + word.length > 80 && line.length > prefix.length) {
      out.push(line.trimEnd());
      line = prefix;
    }
    line += `${word} `;
  }
  if (line.trim()) out.push(line.trimEnd());
  return out.join('\n');
}

/** Writes the workspace; returns which paper's cite key each file was given (by file), the bytes written and the prose's source. */
export function writeWorkspace(dir: string): { keyed: Map<string, string>; bytes: number; source: string } {
  const corpus = loadBundledCorpus(ROOT);
  const papers = corpus.papers;
  const { texts, source } = proseSource(papers.map((p) => p.abstract));
  const distinctive = papers.map((p) => corpus.namesOf(p.id).find((n) => n.kind !== 'title' && !n.ambiguous)?.text);
  let seed = 11;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const keyed = new Map<string, string>();
  const kinds = ['md', 'md', 'md', 'tex', 'py', 'txt'];
  let bytes = 0;
  let t = 0;
  const average = TOTAL_BYTES / FILES;
  for (let i = 0; i < FILES; i++) {
    const folder = path.join(dir, `d${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) fs.mkdirSync(folder, { recursive: true });
    const kind = i % 200 === 199 ? 'ipynb' : kinds[i % kinds.length];
    // Sizes from a fifth to nearly twice the average, so the total is about TOTAL_BYTES.
    const target = Math.round(average * (0.2 + 1.6 * ((i * 7919) % FILES) / FILES));
    const paper = papers[i % papers.length];
    const key = paperKey(paper);
    const mention =
      i % 4 === 0 && distinctive[i % papers.length]
        ? `${distinctive[i % papers.length]} is the one to compare with.`
        : i % 4 === 1
          ? `As ${paper.title} shows, this matters.`
          : i % 4 === 3 && paper.arxivId
            ? `See arXiv:${paper.arxivId} for details.`
            : kind === 'tex'
              ? `as shown before \\cite{${key}}.`
              : `as shown before [@${key}].`;
    const parts: string[] = [];
    let size = 0;
    let inserted = false;
    while (size < target) {
      const prose = texts[t++ % texts.length];
      let block: string;
      if (kind === 'py') block = `def step_${t}(batch):\n${wrap(prose, '    # ')}\n    return batch * ${t % 97}\n`;
      else block = wrap(prose);
      if (!inserted && size > target / 3) {
        block += `\n${kind === 'py' ? '# ' : ''}${mention}`;
        inserted = true;
      }
      parts.push(block);
      size += block.length + 2;
    }
    if (!inserted) parts.push(`${kind === 'py' ? '# ' : ''}${mention}`);
    let text = parts.join('\n\n');
    if (kind === 'ipynb') text = JSON.stringify({ cells: parts.map((p, k) => ({ cell_type: k % 2 ? 'code' : 'markdown', source: p.split('\n').map((l) => `${l}\n`) })), nbformat: 4 });
    else if (kind === 'tex') text = `\\documentclass{article}\n\\begin{document}\n${text}\n\\end{document}\n`;
    fs.writeFileSync(path.join(folder, `f${i}.${kind}`), text);
    if (mention.includes(`{${key}}`) || mention.includes(`@${key}]`)) keyed.set(path.join(folder, `f${i}.${kind}`), paper.id);
    bytes += Buffer.byteLength(text);
  }
  const extra = path.join(dir, 'extra');
  fs.mkdirSync(extra);
  for (let i = 0; i < 50; i++) {
    const data = Buffer.alloc(20_000, 0x41);
    data[100 + i] = 0;
    data.write(`DataComp ${pick(papers).title}`, 2000);
    fs.writeFileSync(path.join(extra, `blob${i}.dat`), data);
  }
  for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(extra, `huge${i}.md`), `DataComp\n${'x '.repeat(MAX_BYTES / 2 + 10)}`);
  return { keyed, bytes, source };
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out.sort();
}

/** A task per file that reads it as the editor does: size first, then the bytes. */
function tasksOf(files: readonly string[]): IndexTask[] {
  return files.map((file) => ({
    file,
    async read(): Promise<FileRead> {
      const { size } = await fs.promises.stat(file);
      if (size > MAX_BYTES) return { skipped: 'large' };
      return { bytes: await fs.promises.readFile(file) };
    },
  }));
}

export async function benchWorkspaceIndex(log: (line: string) => void = console.log): Promise<WorkspaceIndexRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-workspace-'));
  try {
    let started = performance.now();
    const { keyed, bytes, source } = writeWorkspace(dir);
    const writeMs = performance.now() - started;
    log(`\nWorkspace index: ${FILES.toLocaleString('en')} text files, ${(bytes / 1e6).toFixed(0)} MB of ${source} with mentions, written in ${(writeMs / 1000).toFixed(1)} s (plus 50 binary and 20 oversized files).`);
    const files = listFiles(dir);

    const corpus = loadBundledCorpus(ROOT);
    const reader: MentionReader = { matcher: corpus.matcher, options: { policy: 'context' }, keys: new CiteKeyResolver(corpus.papers), identifiers: new IdentifierIndex(corpus.papers) };

    // Baseline: the same loop, reading and decoding, with an index that scans nothing.
    const decoded = { chars: 0 };
    const nothing = new WorkspaceIndex(reader);
    nothing.update = (_file: string, text: string) => {
      decoded.chars += text.length;
      return [];
    };
    (globalThis as { gc?: () => void }).gc?.();
    const baseline = await probed(() => runIndex(nothing, tasksOf(files), { maxBytes: MAX_BYTES }));

    (globalThis as { gc?: () => void }).gc?.();
    const index = new WorkspaceIndex(reader);
    started = performance.now();
    const run = await probed(() => runIndex(index, tasksOf(files), { maxBytes: MAX_BYTES }));
    (globalThis as { gc?: () => void }).gc?.();
    const heapMB = process.memoryUsage().heapUsed / 1e6;

    const papers = index.papers();
    const occurrences = papers.reduce((n, p) => n + p.occurrences, 0);
    let keysFound = 0;
    for (const [file, paperId] of keyed) if (index.mentionsIn(file).some((m) => m.kind === 'key' && m.paperId === paperId)) keysFound++;
    const stats = run.value;
    if (stats.binary !== 50 || stats.large !== 20) throw new Error(`expected 50 binary and 20 oversized files skipped, got ${stats.binary} and ${stats.large}`);

    const f = (x: number, d = 1) => x.toFixed(d);
    log('\n| workspace index | files | MB | wall (s) | CPU (s) | MB/s | longest stall (ms) | 99.9th pct stall (ms) | longest slice (ms) | papers | mentions |');
    log('|---|---|---|---|---|---|---|---|---|---|---|');
    log(`| read + decode only (baseline) | ${baseline.value.indexed} | ${f(bytes / 1e6, 0)} | ${f(baseline.ms / 1000)} | ${f(baseline.cpuMs / 1000)} | ${f(bytes / 1e6 / (baseline.ms / 1000))} | ${f(baseline.maxStallMs)} | ${f(baseline.p999StallMs)} | ${f(baseline.value.longestSliceMs)} | — | — |`);
    log(`| index (names, titles, keys, ids) | ${stats.indexed} | ${f(bytes / 1e6, 0)} | ${f(run.ms / 1000)} | ${f(run.cpuMs / 1000)} | ${f(bytes / 1e6 / (run.ms / 1000))} | ${f(run.maxStallMs)} | ${f(run.p999StallMs)} | ${f(stats.longestSliceMs)} | ${papers.length} | ${occurrences} |`);
    log(
      `\nIndexing takes ${f(run.ms / baseline.ms, 2)}x the time of reading alone (${f(run.cpuMs / baseline.cpuMs, 2)}x the CPU time); budget 30 s on 2 cores: ${run.ms <= 30_000 ? 'within' : 'OVER'}.` +
        ` Skipped: ${stats.binary} binary, ${stats.large} over ${MAX_BYTES / 1024} KB. ${stats.yields} yields.` +
        ` The cite key written into ${keyed.size} files is found in ${keysFound}. Load average at the end: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores. Heap after: ${f(heapMB)} MB.`,
    );
    return {
      files: stats.indexed,
      megabytes: bytes / 1e6,
      writeMs,
      indexMs: run.ms,
      indexCpuMs: run.cpuMs,
      readCpuMs: baseline.cpuMs,
      maxStallMs: run.maxStallMs,
      longestSliceMs: stats.longestSliceMs,
      stats,
      readMs: baseline.ms,
      readMaxStallMs: baseline.maxStallMs,
      papersMentioned: papers.length,
      occurrences,
      keyedFiles: keyed.size,
      keysFound,
      p999StallMs: run.p999StallMs,
      readP999StallMs: baseline.p999StallMs,
      heapMB,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchWorkspaceIndex().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

/**
 * Library loading at scale: a 50,000-entry `.bib` (and the same papers as CSL-JSON and as a
 * Daily Papers listing) made from ../shared/data/arxiv-50k.jsonl.gz, read from disk, parsed
 * and merged with the bundled corpus. Titles and abstracts are the real arXiv ones; authors,
 * years, keys and arXiv ids are synthesised.
 *
 * The `.bib` is written the way Better BibTeX exports Zotero: specials escaped (`\%`, `\_`,
 * `\$`, `{\textbackslash}`), capitalised words case-protected in double braces, some names
 * with LaTeX accents. Reading it back must give the arXiv text exactly (with `--` read as the
 * en dash LaTeX makes of it), which this checks. Files are read as bytes, as the worker will.
 *
 * Baselines in the same run: a `charCodeAt` pass over the same text (the floor of any
 * parser), `JSON.parse` of the whole CSL-JSON, and `@retorquere/bibtex-parser` on the first
 * entries (it is far too slow for the whole file).
 *
 * `benchLibrary()` returns the figures for `bench.ts`; run alone with
 * `npm run build && npm run compile-tests && node --expose-gc out/bench/libraryBench.js`.
 *
 * `benchLibraryWorker()` loads the 50k `.bib` the way the extension does: bytes read
 * asynchronously, parsed and merged in `dist/libraryWorker.js` through `LibraryWorkerClient`,
 * the papers received as one table and cut out in slices, and a `Corpus` built from them on this thread, its names,
 * matcher and search index prepared in slices (`Corpus.prepare`), as before the swap. A
 * `setInterval(1 ms)` probe on the loading thread measures the longest stall while it runs, cold
 * (no cache) and warm (the papers, problems and index read back from the content-keyed cache), against the same load
 * on that thread in slices of `SLICE_MS` (as the web extension loads) and at once; each load in a fresh
 * process of its own. Run it alone with
 * `node --expose-gc out/bench/libraryBench.js worker` (after the build above).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { loadBundledCorpus, loadSeeds, readTextFile, SEEDS } from '../src/core/bundled';
import { Corpus, WARM_UP_DELAY_MS } from '../src/core/corpus';
import { patchCorpus } from '../src/core/corpusPatch';
import { readChanges } from '../src/core/library/entryPrints';
import { parseBibtex } from '../src/core/library/bibtex';
import { finishSteps, runInSlices, SLICE_MS } from '../src/core/steps';
import { parseCslJson } from '../src/core/library/cslJson';
import type { LibraryParse } from '../src/core/library/entry';
import { macroDecoderFrom, type BibtexParserModule } from '../src/core/library/macroFallback';
import { mergeLibraries } from '../src/core/library/merge';
import { LibrarySession } from '../src/core/library/session';
import { parseListing } from '../src/core/listing';
import { collapseWhitespace } from '../src/core/text';
import { LibraryWorkerClient, type LoadResult } from '../src/worker/client';
import { ARXIV } from './data';

const ROOT = path.resolve(__dirname, '..', '..');
/** The library worker as the extension ships it (`npm run build`). */
const WORKER_FILE = path.join(ROOT, 'dist', 'libraryWorker.js');

export interface ArxivRow {
  readonly title: string;
  readonly abstract: string;
}

/** The arXiv set, whitespace collapsed; `undefined` when the file is not there. */
export function arxivRows(): ArxivRow[] | undefined {
  if (!fs.existsSync(ARXIV)) return undefined;
  return zlib
    .gunzipSync(fs.readFileSync(ARXIV))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const { title, abstract } = JSON.parse(l) as ArxivRow;
      return { title: collapseWhitespace(title), abstract: collapseWhitespace(abstract) };
    });
}

const GIVEN = ['Ada', 'Hans', 'Jürgen', 'Mei', 'Olusegun', 'Priya', 'Søren', 'Chloé', 'Wei', 'Ana', 'José', 'Noor'];
const FAMILY = ['Müller', 'Smith', 'Zhang', 'van der Berg', 'García', 'Nakamura', "O'Brien", 'Kowalski', 'Dubois', 'Okafor', 'Nguyen', 'Ødegaard'];
/** How Better BibTeX writes some of those names when asked for ASCII output. */
const LATEX_NAMES: Readonly<Record<string, string>> = { Müller: 'M{\\"u}ller', García: "Garc{\\'i}a", Ødegaard: '{\\O}degaard', Jürgen: 'J{\\"u}rgen', Chloé: "Chlo{\\'e}" };
const KEYWORDS = ['Computer Science - Machine Learning', 'Computer Science - Computer Vision and Pattern Recognition', 'Computer Science - Computation and Language', 'Statistics - Machine Learning'];

/** Text as Better BibTeX escapes a Zotero field. */
function escapeBibtex(text: string): string {
  return text.replace(/[\\{}$%&#_^~]/g, (c) => {
    switch (c) {
      case '\\':
        return '{\\textbackslash}';
      case '^':
        return '\\^{}';
      case '~':
        return '\\textasciitilde{}';
      default:
        return `\\${c}`;
    }
  });
}

/** A title with Better BibTeX's case protection: words with capitals after the first letter in `{{...}}`. */
function protectTitle(title: string): string {
  return escapeBibtex(title)
    .split(' ')
    .map((w) => (/^[A-Za-z][\w-]*[A-Z][\w-]*:?$/.test(w) ? `{{${w.replace(/:$/, '')}}}${w.endsWith(':') ? ':' : ''}` : w))
    .join(' ');
}

function synthetic(i: number) {
  let seed = i * 2654435761;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const n = 1 + Math.floor(rand() * 6);
  const latex = rand() < 0.2;
  const authors = Array.from({ length: n }, () => {
    const family = FAMILY[Math.floor(rand() * FAMILY.length)];
    const given = GIVEN[Math.floor(rand() * GIVEN.length)];
    return latex ? `${LATEX_NAMES[family] ?? family}, ${LATEX_NAMES[given] ?? given}` : `${family}, ${given}`;
  });
  const year = 2012 + Math.floor(rand() * 14);
  const month = 1 + Math.floor(rand() * 12);
  const arxiv = `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}.${String(i % 100000).padStart(5, '0')}`;
  return { authors, year, month, arxiv, keyword: KEYWORDS[Math.floor(rand() * KEYWORDS.length)] };
}

/**
 * A Better BibLaTeX-style `.bib` of the rows. `copies` > 1 repeats the set with perturbed
 * titles (" (part 2)"), for sizes beyond 50,000.
 */
export function bibtexLibrary(rows: readonly ArxivRow[], copies = 1): string {
  const out: string[] = [];
  for (let c = 0; c < copies; c++) {
    rows.forEach((row, i) => {
      const s = synthetic(i + c * rows.length);
      const title = c ? `${row.title} (part ${c + 1})` : row.title;
      const key = `${s.authors[0].replace(/[^A-Za-z]/g, '').toLowerCase()}${s.year}_${i}${c ? `_${c}` : ''}`;
      out.push(
        `@article{${key},\n` +
          `  title = {${protectTitle(title)}},\n` +
          `  author = {${s.authors.join(' and ')}},\n` +
          `  date = {${s.year}-${String(s.month).padStart(2, '0')}},\n` +
          `  journaltitle = {arXiv preprint},\n` +
          `  eprint = {${s.arxiv}},\n` +
          `  eprinttype = {arxiv},\n` +
          `  url = {http://arxiv.org/abs/${s.arxiv}},\n` +
          `  abstract = {${escapeBibtex(row.abstract)}},\n` +
          `  keywords = {${s.keyword}}\n` +
          `}\n`,
      );
    });
  }
  return out.join('\n');
}

/** The same papers as CSL-JSON, indented like Better BibTeX's and Zotero's exports. */
export function cslLibrary(rows: readonly ArxivRow[]): string {
  return JSON.stringify(
    rows.map((row, i) => {
      const s = synthetic(i);
      return {
        id: `item${i}`,
        type: 'article',
        title: row.title,
        author: s.authors.map((a) => {
          const [family, given] = a.split(', ');
          return { family, given };
        }),
        issued: { 'date-parts': [[s.year, s.month]] },
        'container-title': 'arXiv preprint',
        number: `arXiv:${s.arxiv}`,
        URL: `http://arxiv.org/abs/${s.arxiv}`,
        abstract: row.abstract,
      };
    }),
    null,
    2,
  );
}

/** The same papers as a Daily Papers listing. */
export function listingOf(rows: readonly ArxivRow[]): string {
  return `Daily Papers\n\nJul 29\n\n${rows.map((r) => `${r.title}\n\n${r.abstract}\n`).join('\n')}`;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Heap in use after a full collection; NaN without `--expose-gc`. */
function heapMB(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return NaN;
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

/** Wall and CPU time of `f`, in ms. CPU time is steadier when other processes share the machine. */
function timed<T>(f: () => T): { value: T; ms: number; cpuMs: number } {
  const c = cpuMs();
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t, cpuMs: cpuMs() - c };
}

/** A `charCodeAt` pass over the text: what reading every character once costs here. */
function floorMs(text: string): number {
  const t = performance.now();
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += text.charCodeAt(i);
  const ms = performance.now() - t;
  if (sum < 0) throw new Error('unreachable: keeps the loop from being optimised away');
  return ms;
}

/**
 * `@retorquere/bibtex-parser` in plain Node: its CommonJS build is published under
 * `"type": "module"`, so load the ES build, which `require()` accepts since Node 20.19.
 */
function bibtexParser(): BibtexParserModule {
  const cjs = require.resolve('@retorquere/bibtex-parser');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(path.dirname(cjs), '..', 'esm', 'index.js')) as BibtexParserModule;
}

export interface LibraryLoadRow {
  readonly corpus: string;
  readonly entries: number;
  readonly fileMB: number;
  /** Read from disk, parse, merge with the bundled corpus: wall and CPU ms. */
  readonly readMs: number;
  readonly parseMs: number;
  readonly parseCpuMs: number;
  readonly mergeMs: number;
  readonly loadMs: number;
  /** `charCodeAt` over the file's text, and parse time over it. */
  readonly floorMs: number;
  readonly parseToFloor: number;
  readonly papers: number;
  readonly merged: number;
  readonly problems: number;
  /** Heap after the load while the file text and entries are still held, and what the merged papers retain alone. */
  readonly peakHeapMB: number;
  readonly papersHeapMB: number;
  /** Entries whose decoded title and abstract equal the arXiv text. */
  readonly exact: number;
}

export interface LibraryBenchReport {
  readonly rows: LibraryLoadRow[];
  /**
   * `@retorquere/bibtex-parser` on the first entries of the `.bib` (it is too slow for all of
   * them), per entry, against this project's reader per entry over the whole file.
   */
  readonly retorquere: { entries: number; ms: number; perEntryMs: number; oursPerEntryMs: number; ratio: number };
  /** The `.bib` written with arXiv's LaTeX left raw (not escaped): commands the fast decoder does not know go to the parser. */
  readonly rawLatex: { parseMs: number; distinctCommands: number; parseWithFallbackMs: number };
  readonly listing: { papers: number; problems: number; ms: number };
  readonly cslJsonParseMs: number;
}

/** LaTeX's dash ligatures, which a reader of the `.bib` rightly applies to the arXiv text. */
function dashes(text: string): string {
  return text.replace(/---/g, '—').replace(/--/g, '–');
}

function loadRow(
  corpus: string,
  text: string,
  file: string,
  parse: (bytes: Uint8Array) => LibraryParse,
  expected: readonly ArxivRow[],
  latexDashes: boolean,
): LibraryLoadRow {
  fs.writeFileSync(file, text);
  const bundled = loadBundledCorpus(ROOT).papers;
  const heap0 = heapMB();
  const read = timed(() => fs.readFileSync(file));
  const parsed = timed(() => parse(read.value));
  const merge = timed(() => mergeLibraries(bundled, [parsed.value]));
  const peakHeapMB = heapMB() - heap0;
  const floor = floorMs(text);
  const want = (s: string) => (latexDashes ? dashes(s) : s);
  let exact = 0;
  parsed.value.entries.forEach((e, i) => {
    if (e.title === want(expected[i]?.title ?? '') && e.abstract === want(expected[i]?.abstract ?? '')) exact++;
  });
  const row = {
    corpus,
    entries: parsed.value.entries.length,
    fileMB: read.value.length / 1e6,
    readMs: read.ms,
    parseMs: parsed.ms,
    parseCpuMs: parsed.cpuMs,
    mergeMs: merge.ms,
    loadMs: read.ms + parsed.ms + merge.ms,
    floorMs: floor,
    parseToFloor: parsed.ms / floor,
    papers: merge.value.papers.length,
    merged: bundled.length + parsed.value.entries.length - merge.value.papers.length,
    problems: parsed.value.problems.length + merge.value.problems.length,
    peakHeapMB,
    papersHeapMB: 0,
    exact,
  };
  // What the merged papers hold once the file's text and the entries are dropped.
  const papers = merge.value.papers;
  (read as { value: unknown }).value = undefined;
  (parsed as { value: unknown }).value = undefined;
  const papersHeapMB = heapMB() - heap0;
  if (papers.length < 0) throw new Error('unreachable: keeps the papers alive until measured');
  fs.rmSync(file, { force: true });
  return { ...row, papersHeapMB };
}

/** The figures; `log` prints them as they come. */
export function benchLibrary(log: (line: string) => void = console.log): LibraryBenchReport | undefined {
  const rows = arxivRows();
  if (!rows) {
    log(`library bench: ${ARXIV} not found; skipped`);
    return undefined;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-library-'));
  const parser = bibtexParser();
  const decodeMacro = macroDecoderFrom(parser);
  const bib = bibtexLibrary(rows);
  const out: LibraryLoadRow[] = [];
  out.push(loadRow('bibtex 50k', bib, path.join(dir, 'library.bib'), (b) => parseBibtex(b, 'library.bib', { decodeMacro }), rows, true));
  const csl = cslLibrary(rows);
  out.push(loadRow('csl-json 50k', csl, path.join(dir, 'library.json'), (b) => parseCslJson(b, 'library.json'), rows, false));
  const cslJsonParseMs = timed(() => JSON.parse(csl) as unknown).ms;

  // The library's own parser on the first entries, against ours on the same text.
  const sampleEntries = 40;
  const sample = bib.slice(0, bib.split('\n@', sampleEntries + 1).slice(0, sampleEntries).join('\n@').length);
  parser.parse('@misc{warm, title = {Warm {up}}}', { sentenceCase: false });
  const theirs = timed(() => parser.parse(sample, { sentenceCase: false, english: false, unsupported: (_n, tex) => tex }));
  const oursPerEntryMs = out[0].parseMs / out[0].entries;
  const retorquere = {
    entries: sampleEntries,
    ms: theirs.ms,
    perEntryMs: theirs.ms / sampleEntries,
    oursPerEntryMs,
    ratio: theirs.ms / sampleEntries / oursPerEntryMs,
  };

  // Raw LaTeX, as in hand-written .bib files: unknown commands reach the fallback.
  const raw = rows
    .map((r, i) => {
      const balanced = (s: string) => (s.split('{').length === s.split('}').length ? s : s.replace(/[{}]/g, ''));
      return `@article{raw${i}, title = {${balanced(r.title)}}, year = {2020}, abstract = {${balanced(r.abstract)}}}`;
    })
    .join('\n');
  const commands = new Set<string>();
  const plain = timed(() => parseBibtex(raw, 'raw.bib', { decodeMacro: (tex) => (commands.add(tex), undefined) }));
  const fallback = timed(() => parseBibtex(raw, 'raw.bib', { decodeMacro: macroDecoderFrom(bibtexParser()) }));
  if (plain.value.entries.length !== fallback.value.entries.length) throw new Error('raw LaTeX: the fallback changed what was read');
  const rawLatex = { parseMs: plain.ms, distinctCommands: commands.size, parseWithFallbackMs: fallback.ms };

  const listingText = listingOf(rows);
  const listed = timed(() => parseListing(listingText, 'arxiv-50k.txt'));
  const listing = { papers: listed.value.papers.length, problems: listed.value.problems.length, ms: listed.ms };
  fs.rmSync(dir, { recursive: true, force: true });

  const f = (x: number, d = 0) => x.toFixed(d);
  // Wall times depend on what else runs; the load average says how busy the machine was.
  log(`library load (read + parse + merge with the 62 bundled papers); ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}:`);
  log('| corpus | entries | file MB | read ms | parse ms (cpu) | merge ms | load ms | parse / charCodeAt floor | papers | merged | problems | heap MB at peak | heap MB papers | exact |');
  log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of out) {
    log(
      `| ${r.corpus} | ${r.entries} | ${f(r.fileMB, 1)} | ${f(r.readMs)} | ${f(r.parseMs)} (${f(r.parseCpuMs)}) | ${f(r.mergeMs)} | ${f(r.loadMs)} | ${f(r.parseToFloor, 1)}× (${f(r.floorMs)} ms) | ${r.papers} | ${r.merged} | ${r.problems} | ${f(r.peakHeapMB)} | ${f(r.papersHeapMB)} | ${r.exact} |`,
    );
  }
  log(`CSL-JSON: JSON.parse of the whole file alone ${f(cslJsonParseMs)} ms`);
  log(`@retorquere/bibtex-parser on the first ${sampleEntries} entries: ${f(retorquere.ms)} ms, ${f(retorquere.perEntryMs, 1)} ms per entry; this reader over all 50k: ${f(retorquere.oursPerEntryMs, 3)} ms per entry; ${f(retorquere.ratio)}× faster`);
  log(`raw-LaTeX .bib (50k, unescaped arXiv text): parse ${f(rawLatex.parseMs)} ms; ${rawLatex.distinctCommands} distinct unknown commands; with the parser as fallback (first 200 asked) ${f(rawLatex.parseWithFallbackMs)} ms`);
  log(`50k set as a Daily Papers listing: ${listing.papers} papers, ${listing.problems} problems, ${f(listing.ms)} ms`);
  return { rows: out, retorquere, rawLatex, listing, cslJsonParseMs };
}

export interface WorkerLoadRow {
  readonly corpus: string;
  readonly papers: number;
  /** From the first byte read to the corpus swapped in (`new Corpus` on this thread). */
  readonly loadMs: number;
  /** Longest gap between two ticks of a 1 ms interval on this thread during the load. */
  readonly maxStallMs: number;
  /** This thread's heap after the load, the corpus held (the worker's heap is apart). */
  readonly heapMB: number;
  /**
   * The whole process's resident memory then: both threads' heaps, the array buffers outside
   * them (the index's typed arrays and, where abstracts are left as bytes until read, those
   * bytes; see `TablePaper`), and the code. Buffers received from the worker are not counted
   * in `process.memoryUsage().arrayBuffers`, so this is the honest total.
   */
  readonly rssMB: number;
  /** For the warm row, the median of three: each load's time. */
  readonly runsMs?: readonly number[];
  /** Each thread's largest heap after a full collection during the row, largest first, and their sum (see `liveHeapPeaks`). */
  readonly liveHeapPeaksMB?: readonly number[];
  readonly liveHeapPeakSumMB?: number;
  readonly parsed: number;
  readonly cached: number;
  readonly workerParseMs: number;
  readonly workerMergeMs: number;
  /** The worker building the names, matcher and search index (cold), or reading them from the cache (warm). */
  readonly workerIndexMs: number;
  /** What the worker's heap holds between loads, once it has written the cache (see `LoadIdle`). */
  readonly workerHeapMB: number;
  /** The sidebar's first render on this thread after the load: filing every paper under its topics (the worker files them already). */
  readonly sidebarMs: number;
  /**
   * A paper's abstract read for the first time after the load (a hover card's), the mean over
   * `ABSTRACTS_READ` papers spread over the library, in µs: decoded from bytes held in memory
   * (cold), or read from the stored file first (warm: see `openStoredAbstracts`).
   */
  readonly abstractReadUs?: number;
  /**
   * The first search after the load, and one of other words after it, in ms: three words of a
   * paper's title as typed in the quick pick (the last one still being typed). The first pays
   * for what the load left to the first query (the code compiled on first use, and warm, the
   * posting lists read from the stored file); a stall of the thread if it is long. After a cold
   * load, the editor's warm-up (`Corpus.warmUpSearch`) has run the search code; a warm start
   * comes before it.
   */
  readonly firstSearchMs?: number;
  readonly nextSearchMs?: number;
  /** For the reload row: the papers filed and named as the load before did (see `reusableFiling`). */
  readonly reusedFiling?: number;
  /** For the reload rows: whether the whole index was the load before's (see `ReusedFiling.index`). */
  readonly reusedIndex?: boolean;
  /** The parts of the last load's index a reload kept (see `LoadStats.reusedParts`). */
  readonly reusedParts?: readonly string[];
  /**
   * For the cold row: from the first byte read to the library's first stage swapped in (papers
   * searchable by title, author, year and key, cite keys known: see `Corpus.firstStage`), and
   * the search of a paper's title then, whose paper must come first.
   */
  readonly firstStageMs?: number;
  readonly firstStageFound?: boolean;
  /**
   * For the reload rows: the quick stage before the reload (see `core/corpusPatch.ts`), on this
   * thread in slices, from the new bytes to the patched corpus prepared; its longest stall; what it
   * changed; and whether the edited paper's new words then found it first.
   */
  readonly quickMs?: number;
  readonly quickStallMs?: number;
  readonly quickChanged?: string;
  readonly quickFound?: boolean;
  /**
   * For the reopened row: from the file's stat to the load stored for it as it last was, with its
   * changes laid over it, prepared to swap in (see `readEarlierLoad`); the longest stall until
   * then; what changed; and whether the edited paper's new words then found it first.
   */
  readonly earlierMs?: number;
  readonly earlierStallMs?: number;
  readonly earlierChanged?: string;
  readonly earlierFound?: boolean;
}

/**
 * Runs `body` with a 1 ms probe on this thread; returns its value, wall time and the longest gap.
 * With `PAPER_LENS_STALL_LOG=1` it prints each gap over 30 ms and when it began (ms from the
 * start, from the process's start, and on the monotonic clock), to lay beside a CPU profile of
 * the thread (`--cpu-prof`) or its collections (`--trace-gc`).
 */
export async function probed<T>(body: () => Promise<T>): Promise<{ value: T; ms: number; maxStallMs: number }> {
  let last = performance.now();
  let maxStallMs = 0;
  const started = performance.now();
  const probe = setInterval(() => {
    const t = performance.now();
    maxStallMs = Math.max(maxStallMs, t - last);
    if (process.env.PAPER_LENS_STALL_LOG && t - last > 30) {
      // The monotonic clock in microseconds is the one a `--cpu-prof` profile's sample times count.
      const monotonicUs = Number(process.hrtime.bigint() / 1000n) - Math.round((t - last) * 1000);
      console.error(`stall ${(t - last).toFixed(1)} ms from ${(last - started).toFixed(0)} ms (${last.toFixed(0)} ms into the process, as --trace-gc counts; ${monotonicUs} µs monotonic, as --cpu-prof counts)`);
    }
    last = t;
  }, 1);
  try {
    const value = await body();
    const ms = performance.now() - started;
    // One more tick, so a stall at the very end is seen too.
    await new Promise((r) => setTimeout(r, 2));
    maxStallMs = Math.max(maxStallMs, performance.now() - last);
    return { value, ms, maxStallMs };
  } finally {
    clearInterval(probe);
  }
}

function writeBibtexLibrary(file: string): boolean {
  const rows = arxivRows();
  if (!rows) return false;
  fs.writeFileSync(file, bibtexLibrary(rows));
  return true;
}

/** The rows of `benchLibraryWorker`, each loaded in a fresh process (see there). */
type LoadKind = 'cold' | 'warm' | 'reload' | 'retag' | 'sliced' | 'inline' | 'reopened';
const LOAD_KINDS: readonly LoadKind[] = ['cold', 'warm', 'reload', 'retag', 'sliced', 'inline', 'reopened'];

/**
 * The reload rows' edits (see `workerLoadRow`): one abstract changed, which files and names that
 * paper again and builds the index; or one entry given a tag (`keywords`), which changes no field
 * the index reads (`FEEDS_INDEX`), so the last load's index is sent.
 */
const RELOAD_EDITS = {
  reload: { label: 'one abstract changed', insert: 'Exported again. ', after: true },
  retag: { label: 'one entry tagged', insert: 'keywords = {to read},\n  ', after: false },
} as const;

/**
 * The 50k `.bib` through the library worker, cold and warm, against a load on this thread at
 * once and in slices. Each load runs in a fresh process of its own (`workerLoadRow`), one after the
 * other: in one process, each load's stalls counted the collections of the loads before it
 * (two corpora of 300 MB of garbage, and a heap grown for them), which the editor loading one
 * library does not have. The cold load writes the cache the warm one reads.
 */
export async function benchLibraryWorker(log: (line: string) => void = console.log): Promise<WorkerLoadRow[] | undefined> {
  if (!fs.existsSync(WORKER_FILE)) throw new Error(`${WORKER_FILE} is missing: run \`npm run build\` first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-worker-'));
  const file = path.join(dir, 'library.bib');
  if (!writeBibtexLibrary(file)) {
    fs.rmSync(dir, { recursive: true, force: true });
    log(`library worker bench: ${ARXIV} not found; skipped`);
    return undefined;
  }
  // Dated an hour back, as a library exported before the window opens: a stamp taken within
  // `STAMP_SETTLED_MS` of a write is not trusted, and the warm start would read and hash it.
  const hourAgo = new Date(Date.now() - 3_600_000);
  fs.utimesSync(file, hourAgo, hourAgo);
  const cacheDir = path.join(dir, 'cache');
  const out: WorkerLoadRow[] = [];
  const loadRow = (kind: LoadKind): WorkerLoadRow => {
    // With V8's trace of its collections, read for each thread's live heap (see `liveHeapPeaks`).
    const printed = execFileSync(process.execPath, ['--expose-gc', '--trace-gc', __filename, 'load-row', kind, file, cacheDir], { encoding: 'utf8', maxBuffer: 16 << 20 });
    const json = printed.split('\n').filter((line) => line.startsWith('{')).pop()!;
    const row = JSON.parse(json, (_, v: unknown) => (v === 'NaN' ? NaN : v)) as WorkerLoadRow;
    const peaks = liveHeapPeaks(printed);
    return { ...row, liveHeapPeaksMB: peaks, liveHeapPeakSumMB: peaks.reduce((sum, mb) => sum + mb, 0) };
  };
  let warmRuns: WorkerLoadRow[] = [];
  try {
    for (const kind of LOAD_KINDS) {
      if (kind !== 'warm') {
        out.push(loadRow(kind));
        continue;
      }
      // A window is reopened long after the cache was written: its 280 MB are on disk by then.
      // Right after the cold load wrote them, the disk writing them back slowed the first warm
      // load by 50-100 ms in runs on this machine; they are written out first, then three warm
      // loads, each in a fresh process, and the median is the row.
      for (const name of fs.readdirSync(cacheDir)) {
        const fd = fs.openSync(path.join(cacheDir, name), 'r+');
        fs.fsyncSync(fd);
        fs.closeSync(fd);
      }
      warmRuns = [loadRow(kind), loadRow(kind), loadRow(kind)];
      out.push({ ...[...warmRuns].sort((a, b) => a.loadMs - b.loadMs)[1], runsMs: warmRuns.map((r) => r.loadMs) });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const f = (x: number, d = 0) => x.toFixed(d);
  const row = (kind: LoadKind) => out[LOAD_KINDS.indexOf(kind)];
  log(`\nlibrary load as the editor does it (bytes read, parsed and merged in the worker, or read back from its cache when warm; papers received as one table and cut out here in slices, Corpus built and prepared here in slices: usable when done), each load in a fresh process; ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}:`);
  log('| load | papers | load ms | longest main-thread stall ms | heap MB (this thread) | resident MB (whole process, both threads) | worker heap MB (held between loads) | worker parse ms | worker merge ms | worker index ms (built cold; papers and index read warm) | first sidebar (topics) ms, this thread |');
  log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of out) log(`| ${r.corpus} | ${r.papers} | ${f(r.loadMs)} | ${f(r.maxStallMs, 1)} | ${f(r.heapMB)} | ${f(r.rssMB)} | ${Number.isNaN(r.workerHeapMB) ? '—' : f(r.workerHeapMB)} | ${Number.isNaN(r.workerParseMs) ? '—' : f(r.workerParseMs)} | ${Number.isNaN(r.workerMergeMs) ? '—' : f(r.workerMergeMs)} | ${Number.isNaN(r.workerIndexMs) ? '—' : f(r.workerIndexMs)} | ${f(r.sidebarMs)} |`);
  const cold = row('cold');
  log(
    cold.firstStageMs === undefined
      ? 'cold: no first stage was sent'
      : `cold: first stage (papers searchable by title, author, year and key; cite keys) swapped in after ${f(cold.firstStageMs)} ms (${f(cold.firstStageMs / cold.loadMs, 2)} of the whole load), a title searched then ${cold.firstStageFound ? 'found its paper first' : 'did NOT find its paper first'}`,
  );
  log(`warm loads (the median is the row): ${warmRuns.map((r) => `${f(r.loadMs)} ms (longest stall ${f(r.maxStallMs, 1)} ms)`).join(', ')}`);
  log(`the first search after the load (three words of a title, the last being typed), then another: warm ${warmRuns.map((r) => `${f(r.firstSearchMs ?? NaN, 1)} then ${f(r.nextSearchMs ?? NaN, 1)} ms`).join(', ')}; cold ${f(cold.firstSearchMs ?? NaN, 1)} then ${f(cold.nextSearchMs ?? NaN, 1)} ms`);
  log(`a paper's abstract first read after the load (a hover card's), mean of ${ABSTRACTS_READ}: ${f(row('warm').abstractReadUs ?? NaN, 1)} µs warm (read from the stored file), ${f(cold.abstractReadUs ?? NaN, 1)} µs cold (bytes in memory)`);
  log(`reload after one abstract changed (a window opened warm, then the file exported again): ${f(row('reload').loadMs)} ms, ${row('reload').reusedFiling ?? 0} of ${row('reload').papers} papers filed and named as before, ${row('reload').reusedParts?.length ? `the last load's ${row('reload').reusedParts!.join(', ')} kept` : 'no part of the index kept'}, against ${f(row('cold').loadMs)} ms cold (${f(row('reload').loadMs / row('cold').loadMs, 2)}×)`);
  log(`reload after one entry tagged (no field the index reads changed): ${f(row('retag').loadMs)} ms, ${row('retag').reusedIndex ? "the last load's index sent" : 'the index built'}, against ${f(row('cold').loadMs)} ms cold (${f(row('retag').loadMs / row('cold').loadMs, 2)}×)`);
  for (const kind of ['reload', 'retag'] as const) {
    const r = row(kind);
    log(`quick stage before the ${kind === 'reload' ? 'abstract edit' : 'tag'}'s reload (entries diffed by their prints, the changed one read and laid over the corpus in use, on this thread in ${SLICE_MS} ms slices): ${f(r.quickMs ?? NaN)} ms, longest stall ${f(r.quickStallMs ?? NaN, 1)} ms, ${r.quickChanged ?? '—'}; the edited paper found first by its new words: ${r.quickFound ? 'yes' : 'NO'}; ${f((r.quickMs ?? NaN) / r.loadMs, 3)} of the reload's time`);
  }
  const baseline = row('inline');
  const reopened = row('reopened');
  log(
    `a window opened after the file changed since its last load (one abstract edited after the retag row's load; the load stored then restored, the changed entries read and laid over it, on this thread in ${SLICE_MS} ms slices, while the worker loads the file): usable after ${f(reopened.earlierMs ?? NaN)} ms (longest stall ${f(reopened.earlierStallMs ?? NaN, 1)} ms; ${reopened.earlierChanged ?? '—'}; the edited paper found first by its new words: ${reopened.earlierFound ? 'yes' : 'NO'}), the whole load in after ${f(reopened.loadMs)} ms (${reopened.reusedFiling ?? 0} of ${reopened.papers} papers filed and named as before), longest stall ${f(reopened.maxStallMs, 1)} ms; cold, the first stage after ${f(cold.firstStageMs ?? NaN)} ms and the whole load after ${f(cold.loadMs)} ms`,
  );
  log(`largest heap after a full collection, by thread, largest first (V8's trace; the sum as if they came at once): ${out.map((r) => `${r.corpus.replace(/^bibtex 50k /, '')} ${(r.liveHeapPeaksMB ?? []).map((mb) => f(mb)).join(' + ')} = ${f(r.liveHeapPeakSumMB ?? NaN)} MB`).join('; ')}`);
  log(`longest stall through the worker: cold ${f(row('cold').maxStallMs, 1)} ms, warm ${f(row('warm').maxStallMs, 1)} ms, against ${f(baseline.maxStallMs)} ms on the main thread (${f(baseline.maxStallMs / Math.max(row('cold').maxStallMs, 1e-3), 0)}× shorter cold)`);
  log(`in slices on the main thread (the web): longest stall ${f(row('sliced').maxStallMs, 1)} ms (${f(baseline.maxStallMs / Math.max(row('sliced').maxStallMs, 1e-3), 0)}× shorter than at once), load ${f(row('sliced').loadMs)} ms against ${f(baseline.loadMs)} ms at once`);
  return out;
}

/**
 * Each thread's largest heap after a full collection while the process ran, largest first, in
 * MB: the mark-compacts of V8's `--trace-gc` lines, by isolate. What a thread held live at that
 * moment (the heap before the collection held garbage too); its live heap between two
 * collections is not seen. The sum is what the threads could hold at once at most, had their
 * largest heaps come together.
 */
export function liveHeapPeaks(trace: string): number[] {
  const peaks = new Map<string, number>();
  for (const m of trace.matchAll(/^\[\d+:(0x[0-9a-f]+)\]\s+\d+ ms: Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+) /gm)) {
    peaks.set(m[1], Math.max(peaks.get(m[1]) ?? 0, Number(m[2])));
  }
  return [...peaks.values()].sort((a, b) => b - a);
}

/** The row of a load through the worker: `run` as `probed` timed it, and what it loaded (this thread's heap and the first sidebar measured now). */
function workerRow(label: string, run: { ms: number; maxStallMs: number }, result: LoadResult, corpus: Corpus, workerHeapMB: number): WorkerLoadRow {
  const sidebarMs = timed(() => corpus.papersIn(corpus.topics[0].id)).ms;
  // After the heap is measured (below, `heapMB` collects first): the abstracts read stay read.
  const abstractRead = () => {
    const step = Math.max(1, Math.floor(corpus.papers.length / ABSTRACTS_READ));
    let chars = 0;
    const { ms } = timed(() => {
      for (let k = 0; k < ABSTRACTS_READ; k++) chars += corpus.papers[(k * step) % corpus.papers.length].abstract.length;
    });
    if (chars === 0) throw new Error('the papers read have no abstracts');
    return (ms * 1000) / ABSTRACTS_READ;
  };
  const heap = heapMB();
  const words = (k: number) => corpus.papers[k].title.split(/\s+/).slice(0, 3).join(' ');
  const firstSearchMs = timed(() => corpus.searchIndex.search(words(Math.floor(corpus.papers.length / 3)))).ms;
  const nextSearchMs = timed(() => corpus.searchIndex.search(words(Math.floor((corpus.papers.length * 2) / 3)))).ms;
  return {
    corpus: label,
    papers: corpus.papers.length,
    loadMs: run.ms,
    maxStallMs: run.maxStallMs,
    heapMB: heap,
    rssMB: process.memoryUsage().rss / 1e6,
    abstractReadUs: abstractRead(),
    firstSearchMs,
    nextSearchMs,
    parsed: result.stats.parsed,
    cached: result.stats.cached,
    workerParseMs: result.stats.parseMs,
    workerMergeMs: result.stats.mergeMs,
    workerIndexMs: result.stats.prepareMs ?? NaN,
    workerHeapMB,
    sidebarMs,
  };
}

/** Papers whose abstracts a row reads after its load (see `WorkerLoadRow.abstractReadUs`). */
const ABSTRACTS_READ = 200;

/** `before` with `edit` made in its first entry that has an abstract: at the abstract's start, or before its field. */
function withEdit(before: Uint8Array, edit: (typeof RELOAD_EDITS)[keyof typeof RELOAD_EDITS]): Uint8Array {
  const field = Buffer.from('abstract = {');
  const found = Buffer.from(before.buffer, before.byteOffset, before.byteLength).indexOf(field);
  if (found < 0) throw new Error('the bench library has no abstract to edit');
  const at = edit.after ? found + field.length : found;
  const insert = Buffer.from(edit.insert);
  const bytes = new Uint8Array(before.length + insert.length);
  bytes.set(before.subarray(0, at));
  bytes.set(insert, at);
  bytes.set(before.subarray(at), at + insert.length);
  return bytes;
}

/** One load of `benchLibraryWorker`, in this process; its row. */
async function workerLoadRow(kind: LoadKind, file: string, cacheDir: string): Promise<WorkerLoadRow> {
  const seeds = loadSeeds(ROOT);
  const decodeMacro = macroDecoderFrom(bibtexParser());
  if (kind === 'cold' || kind === 'warm') {
    const client = new LibraryWorkerClient(WORKER_FILE, { root: ROOT, cacheDir, version: 'bench' });
    let stampHit = false;
    try {
      heapMB();
      let firstStage: { ms: number; found: boolean } | undefined;
      const run = await probed(async () => {
        const begun = performance.now();
        // As the library service does: the file stat'ed first; a window's first load is asked
        // of the stored loads by the file's stamp before anything is read (`warm`).
        // The background statistics, prepared in slices while the worker loads (as the service does).
        const background = runInSlices(seeds.background.prepare(), SLICE_MS);
        // As the editor's warm-up does once start-up is `WARM_UP_DELAY_MS` behind (see
        // `services/warmUp.ts`): the bundled corpus prepared and the search code run over it, in
        // slices, here. A cold load's first stage comes after it; a warm start before.
        let warming: Promise<unknown> = Promise.resolve();
        const warmUp = setTimeout(() => {
          const bundled = loadBundledCorpus(ROOT);
          warming = runInSlices(
            (function* () {
              yield* bundled.prepare();
              yield* bundled.warmUpSearch();
            })(),
            SLICE_MS,
          );
        }, WARM_UP_DELAY_MS);
        const stat = await fs.promises.stat(file);
        const stamp = { size: stat.size, mtime: stat.mtimeMs };
        // Cold too: with nothing stored the answer is none, and the worker starts while the file is read.
        let result = await client.warm([file], [stamp]);
        stampHit = result !== undefined;
        if (!result) {
          // The buffer itself (as the editor's file system hands it over), transferred, not copied.
          const buffer = await fs.promises.readFile(file);
          const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
          result = await client.load([file], [{ file, bytes, stamp }]);
        }
        await background;
        if (result.firstStage && result.rest) {
          // A cold load's first stage, swapped in as the service does, then the whole load.
          const first = Corpus.firstStage(result.papers, seeds.topics, seeds.isCommonWord, seeds.background, result.firstStage);
          await runInSlices(first.prepare(), SLICE_MS);
          const ms = performance.now() - begun;
          const paper = first.papers[first.papers.length >> 1];
          firstStage = { ms, found: first.searchIndex.search(paper.title, 1)[0]?.paper.id === paper.id };
          result = await result.rest;
        }
        const corpus = new Corpus(result.papers, seeds.topics, seeds.isCommonWord, [], seeds.background, result.topics, result.prepared);
        // As the library service does before the swap: names, matcher and search index restored (as the worker built them) in slices.
        await runInSlices(corpus.prepare(), SLICE_MS);
        clearTimeout(warmUp);
        await warming;
        return { result, corpus };
      });
      // The worker's heap between loads, once it has written the cache (after the load: untimed).
      const workerHeapMB = await client.idle();
      const { result, corpus } = run.value;
      (run as { value: unknown }).value = undefined;
      const row = workerRow(`bibtex 50k via worker, ${kind === 'cold' ? 'cold' : stampHit ? 'warm (cache, file unread: same stamp)' : 'warm (cache)'}`, run, result, corpus, workerHeapMB);
      return firstStage ? { ...row, firstStageMs: firstStage.ms, firstStageFound: firstStage.found } : row;
    } finally {
      await client.dispose();
    }
  }
  if (kind === 'reload' || kind === 'retag') {
    // A window opened on the library (warm, from the stored load), then the file exported again
    // with one edit (`RELOAD_EDITS`): the reload the editor runs, timed from the bytes read.
    const edit = RELOAD_EDITS[kind];
    const client = new LibraryWorkerClient(WORKER_FILE, { root: ROOT, cacheDir, version: 'bench' });
    try {
      const stat = await fs.promises.stat(file);
      const stamp = { size: stat.size, mtime: stat.mtimeMs };
      // The row before may have left the file's stamp naming its own edit's content: then the file is read, and found stored by its content.
      let opened: LoadResult | undefined = (await client.warm([file], [stamp])) ?? (await client.load([file], [{ file, bytes: new Uint8Array(await fs.promises.readFile(file)), stamp }]));
      if (!opened.stats.preparedCached) throw new Error('the reload row needs the stored load the cold row wrote');
      // The corpus in use, as the service has it once the window is open.
      let shown: Corpus | undefined = new Corpus(opened.papers, seeds.topics, seeds.isCommonWord, [], seeds.background, opened.topics, opened.prepared);
      await runInSlices(shown.prepare(), SLICE_MS);
      // And warmed up, as the editor does a few seconds after it starts (see `services/warmUp.ts`): an edit comes later.
      await runInSlices(shown.warmUpSearch(), SLICE_MS);
      // The service swaps the new corpus in for this one: this thread's heap after the reload holds the new one only.
      opened = undefined;
      await client.idle();
      // The new export's bytes, as the editor's file system hands them over (no string of the file here).
      const before = await fs.promises.readFile(file);
      // The file's prints as the service takes them after a window opens (in the background, untimed).
      const prints = (await runInSlices(readChanges(before, file, undefined), SLICE_MS)).prints;
      const bytes = withEdit(before, edit);
      // The quick stage, as the service runs it before it asks the worker for the reload.
      const quick = await probed(async () => {
        const read = await runInSlices(readChanges(bytes, file, prints, { decodeMacro }), SLICE_MS);
        if (!('parse' in read.change)) throw new Error(`no quick stage: ${read.change.reason}`);
        const patched = await runInSlices(patchCorpus(shown!, file, read.change, seeds.isCommonWord), SLICE_MS);
        if ('reason' in patched) throw new Error(`no quick stage: ${patched.reason}`);
        return patched;
      });
      const { plan } = quick.value;
      const edited = [...plan.replaced.values()][0];
      const quickFound = edited !== undefined && quick.value.searchIndex.search(`${edit.insert.replace(/[{},=\n]/g, ' ')} ${edited.title}`, 1)[0]?.paper === edited;
      const quickRow = { quickMs: quick.ms, quickStallMs: quick.maxStallMs, quickChanged: `${plan.replaced.size} changed, ${plan.added.length} added, ${plan.removed.size} removed`, quickFound };
      (quick as { value: unknown }).value = undefined;
      shown = undefined;
      heapMB();
      const run = await probed(async () => {
        const result = await client.load([file], [{ file, bytes, stamp: { size: bytes.length, mtime: Date.now() } }]);
        const corpus = new Corpus(result.papers, seeds.topics, seeds.isCommonWord, [], seeds.background, result.topics, result.prepared);
        await runInSlices(corpus.prepare(), SLICE_MS);
        return { result, corpus };
      });
      const workerHeapMB = await client.idle();
      const { stats } = run.value.result;
      return { ...workerRow(`bibtex 50k via worker, reload after ${edit.label} (opened warm first)`, run, run.value.result, run.value.corpus, workerHeapMB), reusedFiling: stats.reusedFiling ?? 0, reusedIndex: stats.reusedIndex ?? false, reusedParts: stats.reusedParts ?? [], ...quickRow };
    } finally {
      await client.dispose();
    }
  }
  if (kind === 'reopened') {
    // The file exported again (one abstract edited) after the last load the rows before stored
    // (the retag row's), then a window opened on it, as the library service opens it: the load
    // stored for the file as it was, with the changed entries laid over it while the worker loads
    // the file (reusing that load's filing: see `filingToReuse`).
    const client = new LibraryWorkerClient(WORKER_FILE, { root: ROOT, cacheDir, version: 'bench' });
    try {
      fs.writeFileSync(file, withEdit(await fs.promises.readFile(file), RELOAD_EDITS.reload));
      heapMB();
      const begun = performance.now();
      // Up to the swap, then the whole load: probed apart, for the stall of each.
      const stage = await probed(async () => {
        const background = runInSlices(seeds.background.prepare(), SLICE_MS);
        const stat = await fs.promises.stat(file);
        const stamp = { size: stat.size, mtime: stat.mtimeMs };
        const stored = await client.warm([file], [stamp], { earlier: true });
        const prints = stored?.earlier?.get(file);
        if (!stored || !prints) throw new Error('the reopened row needs the load and the prints the rows before it stored');
        const buffer = await fs.promises.readFile(file);
        const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
        // Read before the bytes go to the worker, as the service does.
        const read = await runInSlices(readChanges(bytes, file, prints, { decodeMacro }), SLICE_MS);
        if (!('parse' in read.change)) throw new Error(`no earlier stage: ${read.change.reason}`);
        const loading = client.load([file], [{ file, bytes, stamp }]);
        loading.catch(() => undefined);
        await background;
        const base = new Corpus(stored.papers, seeds.topics, seeds.isCommonWord, [], seeds.background, stored.topics, stored.prepared);
        await runInSlices(base.prepare(), SLICE_MS);
        const patched = await runInSlices(patchCorpus(base, file, read.change, seeds.isCommonWord), SLICE_MS);
        if ('reason' in patched) throw new Error(`no earlier stage: ${patched.reason}`);
        return { patched, loading, ms: performance.now() - begun };
      });
      const { patched, loading } = stage.value;
      const { plan } = patched;
      const edit = [...plan.replaced.values()].find((p) => p.abstract.startsWith(RELOAD_EDITS.reload.insert));
      const earlier: Pick<WorkerLoadRow, 'earlierMs' | 'earlierStallMs' | 'earlierChanged' | 'earlierFound'> = {
        earlierMs: stage.value.ms,
        earlierStallMs: stage.maxStallMs,
        earlierChanged: `${plan.replaced.size} changed, ${plan.added.length} added, ${plan.removed.size} removed`,
        // Searched after the probe, as the reload rows search their quick stage: a first search pays for code run the first time.
        earlierFound: edit !== undefined && patched.searchIndex.search(`${RELOAD_EDITS.reload.insert} ${edit.title}`, 1)[0]?.paper === edit,
      };
      (stage as { value: unknown }).value = undefined;
      const whole = await probed(async () => {
        const result = await loading;
        const corpus = new Corpus(result.papers, seeds.topics, seeds.isCommonWord, [], seeds.background, result.topics, result.prepared);
        await runInSlices(corpus.prepare(), SLICE_MS);
        return { result, corpus };
      });
      const run = { value: whole.value, ms: performance.now() - begun, maxStallMs: Math.max(stage.maxStallMs, whole.maxStallMs) };
      const workerHeapMB = await client.idle();
      const { stats } = run.value.result;
      const row = workerRow('bibtex 50k via worker, a window opened after the file changed since its last load', run, run.value.result, run.value.corpus, workerHeapMB);
      return { ...row, ...earlier, reusedFiling: stats.reusedFiling ?? 0, reusedIndex: stats.reusedIndex ?? false, reusedParts: stats.reusedParts ?? [] };
    } finally {
      await client.dispose();
    }
  }
  if (kind === 'sliced') {
    // The web extension's load: no worker (a web extension served by a VS Code server cannot
    // start one), so the same session runs on this thread in slices of SLICE_MS.
    const session = new LibrarySession({
      listing: () => ({ text: readTextFile(path.join(ROOT, SEEDS.listing), SEEDS.listing), file: SEEDS.listing }),
      taxonomy: () => ({ text: readTextFile(path.join(ROOT, SEEDS.topics), SEEDS.topics), file: SEEDS.topics }),
      bibtex: { decodeMacro },
    });
    const sliced = await probed(async () => {
      // A view of the buffer read, as the web extension gets its bytes from `workspace.fs.readFile`:
      // a copy of 70 MB here would be a stall of its own, 0.5-0.7 s on this machine.
      const buffer = await fs.promises.readFile(file);
      const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      const result = await runInSlices(session.load([file], [{ file, bytes }]), SLICE_MS);
      const topics = new Map(result.papers.map((p, i) => [p.id, result.topics[i]]));
      const corpus = new Corpus(result.papers, seeds.topics, seeds.isCommonWord, [], seeds.background, topics);
      await runInSlices(corpus.prepare(), SLICE_MS);
      return { result, corpus };
    });
    const sidebarMs = timed(() => sliced.value.corpus.papersIn(seeds.topics[0].id)).ms;
    return {
      corpus: `bibtex 50k on the main thread in ${SLICE_MS} ms slices (the web extension)`,
      papers: sliced.value.corpus.papers.length,
      loadMs: sliced.ms,
      maxStallMs: sliced.maxStallMs,
      heapMB: heapMB(),
    rssMB: process.memoryUsage().rss / 1e6,
      parsed: sliced.value.result.stats.parsed,
      cached: sliced.value.result.stats.cached,
      workerParseMs: NaN,
      workerMergeMs: NaN,
      workerIndexMs: NaN,
      workerHeapMB: NaN,
      sidebarMs,
    };
  }
  // The baseline: the same load on this thread at once, as it would be without the worker.
  const bundled = loadBundledCorpus(ROOT).papers;
  const inline = await probed(async () => {
    const bytes = new Uint8Array(await fs.promises.readFile(file));
    const merged = mergeLibraries(bundled, [parseBibtex(bytes, file, { decodeMacro })]);
    const corpus = new Corpus(merged.papers, seeds.topics, seeds.isCommonWord, [], seeds.background);
    finishSteps(corpus.prepare());
    return corpus;
  });
  const inlineSidebarMs = timed(() => inline.value.papersIn(seeds.topics[0].id)).ms;
  return {
    corpus: 'bibtex 50k on the main thread (baseline)',
    papers: inline.value.papers.length,
    loadMs: inline.ms,
    maxStallMs: inline.maxStallMs,
    heapMB: heapMB(),
    rssMB: process.memoryUsage().rss / 1e6,
    parsed: 1,
    cached: 0,
    workerParseMs: NaN,
    workerMergeMs: NaN,
    workerIndexMs: NaN,
    workerHeapMB: NaN,
    sidebarMs: inlineSidebarMs,
  };
}

if (require.main === module) {
  if (process.argv[2] === 'load-row') {
    workerLoadRow(process.argv[3] as LoadKind, process.argv[4], process.argv[5]).then(
      (row) => console.log(JSON.stringify(row, (_, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v))),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  } else if (process.argv.includes('worker')) {
    benchLibraryWorker().catch((e) => {
      console.error(e);
      process.exit(1);
    });
  } else benchLibrary();
}

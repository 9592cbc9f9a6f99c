/**
 * The library worker: a thin shell that runs the core's readers and merge in a Node worker
 * thread, so that parsing and merging a large library never holds the extension host's thread.
 * Bundled on its own as `dist/libraryWorker.js`.
 *
 * It parses through `core/library/session.ts` (which the web extension runs on its host's
 * thread instead), so a change to one file parses only that file: the others' parses are read
 * back from the disk cache, where they live between loads (without a cache, the worker keeps
 * them). The merged papers go back as one table (`core/paperTable.ts`) with their prepared
 * index and the problems, in one `done` message; when the same files were loaded before, all
 * three come from the disk cache and nothing is parsed. A large library's index is built on two
 * threads, with a helper thread (`helperClient.ts`); a cold load of a very large one sends a first
 * stage before it (`LoadFirstStage`): the papers, searchable by title, author and key, with
 * their cite keys, while they are filed under topics and named. Loads are handled one at a time, in order;
 * after each, the worker writes the cache and says so (`idle`).
 */
import type * as BibtexParser from '@retorquere/bibtex-parser';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadSeeds, readTextFile, SEEDS } from '../core/bundled';
import { Corpus } from '../core/corpus';
import { finishSteps } from '../core/steps';
import { parseLibrary } from '../core/library';
import { macroDecoderFrom } from '../core/library/macroFallback';
import { LibrarySession, type SessionMerge } from '../core/library/session';
import { contentHash, ContentStamps, loadParts, readPrepared, hasStoredAbstracts, hasStoredPrints, parseThroughCache, readStoredLoad, seedsHash, preparedWriter, writeStoredPrints } from '../core/libraryCache';
import { entryPrintsSteps, quickFormatOf } from '../core/library/entryPrints';
import { packPapers, unpackPapers, type PaperTable } from '../core/paperTable';
import { keptParts, reusableFiling, type FirstStageIndex, type ReusedFiling } from '../core/prepared';
import type { SearchIndexData } from '../core/search';
import type { LibraryFile, SourceProblem } from '../core/sources';
import type { Paper } from '../core/types';
import type { FromWorker, LibraryInput, LoadDone, LoadFirstStage, LoadRequest, LoadStats, ToWorker, WarmAnswered, WorkerSetup } from './protocol';
import { lowerThreadPriority } from './priority';
import { HELPER_MIN_BYTES, HELPER_MIN_PAPERS, HelperThread, preparedOnTwoThreads, type TwoThreads } from './helperClient';
import { toSharedWire } from './wire';

const setup = workerData as WorkerSetup;
const port = parentPort;
if (!port) throw new Error('libraryWorker.js runs as a worker thread only');
lowerThreadPriority();

/**
 * Better BibTeX's parser, loaded when a LaTeX command that `latex.ts` does not know is first met
 * (see `macroFallback.ts`), not before: its module took 95-220 ms of the worker's thread to
 * load, in front of every cold load, and most libraries (the bench's 50,000 arXiv entries) meet
 * no such command. Loaded synchronously, since decoding a field is: the worker's own thread
 * waits, never the editor's.
 */
let bibtexParser: Pick<typeof BibtexParser, 'parse'> | undefined;

/** One decoder for the worker's life, so a reload asks Better BibTeX's parser nothing new. */
const decodeMacro = macroDecoderFrom({
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundled module, evaluated on first use (see `bibtexParser`)
  parse: (...args) => (bibtexParser ??= require('./bibtexParserModule') as typeof import('./bibtexParserModule')).parse(...args),
});
const seed = (file: string) => ({ text: readTextFile(path.join(setup.root, file), file), file });

/** The parses of every library file and the load logic, shared with the web extension (which runs it in slices). */
const session = new LibrarySession({
  listing: () => seed(SEEDS.listing),
  taxonomy: () => seed(SEEDS.topics),
  bibtex: { decodeMacro },
  read: function* (file: LibraryFile) {
    const read = (f: LibraryFile) => parseLibrary(f.input, f.file, { decodeMacro, originals: false, strings: f.strings }, f.format);
    if (!setup.cacheDir) return { parse: read(file), cached: false };
    const stats = { hits: 0, misses: 0 };
    // A large file's parse is not held for its cache write (see `PARSE_HELD_MAX_BYTES`).
    const large = (typeof file.input === 'string' ? file.input.length : file.input.byteLength) >= (setup.parseHeldBelow ?? PARSE_HELD_MAX_BYTES);
    const later = (write: () => void) => {
      if (!large || filesInLoad > 1) writes.push(write);
    };
    const [result] = parseThroughCache([file], setup.cacheDir, setup.version, read, stats, later, () => large);
    return { parse: result, cached: stats.hits > 0 };
  },
});

/**
 * A library file of at least this many bytes leaves the worker's heap once its papers are
 * packed (see `prepare`): its parse is not held until the cache write after the answer. Where
 * other files are in the load, that write parses the file again (a reload of one of them reads
 * this one back from the parse cache); alone in its load, it is not written: a later load of the
 * same content is answered by the stored load (see `sendStored`), or parses it as this one did.
 * At 50,000 entries with abstracts (89 MB) the parse held 110 MB of strings through the whole
 * load, the largest of the worker's heap, and took 0.8-1 s to write, as 90 MB more on the disk.
 */
const PARSE_HELD_MAX_BYTES = HELPER_MIN_BYTES;

/** The number of library files in the load under way (see `PARSE_HELD_MAX_BYTES`). */
let filesInLoad = 0;

/**
 * The cache writes of the load under way, made once its answer is sent: at 50,000 entries
 * the parse and the stored load took 1.6 s to write, which the host no longer waits for.
 * The next load waits (loads run one at a time), so it finds them on the disk.
 */
const writes: (() => void)[] = [];

function writeLater(): void {
  for (const write of writes.splice(0)) write();
}

/** Each library file's content hash as last read, by name: the key of the prepared index's cache. */
const hashes = new Map<string, string>();
let seeds: ReturnType<typeof loadSeeds> | undefined;

/**
 * Files whose parse the session does not hold: read for a load answered from the stored loads,
 * or (with a cache) for any load, the session then forgetting its parses. Parsed (from the parse
 * cache) on the next load that the stored loads cannot answer, since merging again needs
 * every file's parse. By name, the latest bytes read.
 */
const unparsed = new Map<string, LibraryInput>();

/** The seed files' content, hashed once (see `seedsHash`). */
let seedsKey: string | undefined;

/** Which content each library file held under its size and modification time, kept in the cache (see `ContentStamps`). */
const stamps = setup.cacheDir ? new ContentStamps(setup.cacheDir, setup.version) : undefined;

/** This load's key in the cache of prepared indexes: the seeds, the bundled papers or not, and each file by name and content. */
function preparedParts(request: LoadRequest): string[] {
  for (const input of request.changed) {
    const hash = input.bytes ? contentHash(input.bytes) : `unreadable: ${input.unreadable ?? ''}`;
    hashes.set(input.file, hash);
    if (input.bytes) stamps?.record(input.file, input.stamp, hash);
  }
  stamps?.save();
  return partsOf(request.bundled, request.order);
}

function partsOf(bundled: boolean, order: readonly string[]): string[] {
  return loadParts(bundled, (seedsKey ??= seedsHash(setup.root, Object.values(SEEDS))), order.map((file) => [file, hashes.get(file) ?? '']));
}

/**
 * A window's first load, which the host answered from the stored loads (see `WarmAnswered`):
 * taken as the last load, for a reload to reuse. The files' bytes are not here, so the next
 * load must hold every file (`parseAndPrepare` checks).
 */
function warm(request: WarmAnswered): void {
  request.order.forEach((file, k) => hashes.set(file, request.hashes[k]));
  lastParts = partsOf(request.bundled, request.order);
}

/**
 * Sends the load stored for `parts`, as read from the disk: its papers first, then its index,
 * so that the host unpacks the papers while the index is read here (about 90 ms at 50,000
 * papers). The abstracts stay on the disk: the host reads each when it is first asked for (see
 * `LoadStoredPapers`). False when none is stored, or its papers cannot be read or their
 * abstracts are not there: nothing was sent. An index that cannot be read after the papers were
 * sent goes as none, and the host asks again, as it does when it cannot open the abstracts.
 */
async function sendStored(seq: number, parts: readonly string[], files: number): Promise<boolean> {
  const dir = setup.cacheDir;
  const started = performance.now();
  // The papers, then the index (see `readStoredLoad`), the papers sent as soon as they are in.
  const reading = dir && readStoredLoad(dir, setup.version, parts);
  if (!dir || !reading) return false;
  const papers = await reading.papers;
  const length = papers?.papers?.abstracts;
  if (!papers || length === undefined || !hasStoredAbstracts(dir, setup.version, parts, length)) {
    await reading.index;
    return false;
  }
  post({ type: 'stored-papers', seq, bytes: papers.bytes, parts }, papers.bytes);
  const index = (await reading.index)?.bytes;
  const stats: LoadStats = { parsed: 0, cached: files, parseMs: 0, mergeMs: 0, classifyMs: 0, heapMB: heapNowMB(), prepareMs: performance.now() - started, preparedCached: true };
  post({ type: 'stored', seq, bytes: index, stats }, index);
  return true;
}

/** Posts `message`, the buffer of `bytes` transferred where the bytes own it whole (a whole file read does). */
function post(message: FromWorker, bytes: Uint8Array | undefined): void {
  const owned = bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  port!.postMessage(message, owned ? [bytes.buffer as ArrayBuffer] : []);
}

/**
 * Files the merged papers under topics, and builds their names, matcher and search index (see
 * `core/prepared.ts`), here, off the host's thread; stored with the papers and problems (once
 * sent). The host then restores them in a few hundred milliseconds instead of building them for
 * seconds. A large library is filed and built on two threads (see `helperClient.ts`).
 */
async function prepare(parts: readonly string[], merged: HandedMerge, started?: HelperThread, first?: { readonly filedHere: number; readonly send: FirstStageSender }): Promise<Prepared> {
  const begun = performance.now();
  const { problems } = merged;
  let papers = merged.take();
  const reuse = filingToReuse(papers, parts);
  const helper = papers.length >= (setup.helperFrom ?? HELPER_MIN_PAPERS) && !reuse?.index ? (started ?? startHelper()) : undefined;
  // A large cold load sends its first stage before filing and naming (a reload reusing the last load's filing is quick enough).
  const staged = first && !reuse && papers.length >= (setup.firstStageFrom ?? FIRST_STAGE_MIN_PAPERS) ? first : undefined;
  let table: PaperTable;
  try {
    // The helper builds that stage's search index while this thread packs the papers.
    if (staged) helper?.sendFirstStage(papers);
    // Shared, not copied, with the helper and (a first stage) the editor (see `packPapers`).
    table = packPapers(papers, true);
    // From here on each paper is read from the table, as the helper reads it, and the parsed
    // papers are let go (see `PARSE_HELD_MAX_BYTES`): filing and naming read each abstract when
    // they need it, and keep none.
    papers = finishSteps(unpackPapers(table, { lazy: true, keepAbstracts: false, keepFields: false }));
  } catch (e) {
    // Papers the table cannot hold: the helper started here is not left running.
    void helper?.stop();
    throw e;
  }
  seeds ??= loadSeeds(setup.root);
  if (reuse?.index) {
    // No paper changed in a field the index reads (a tag, a venue; entries moved in the file): the last load's index is this one.
    void started?.stop();
    return stored(parts, { prepared: reuse.index, threads: 1, classifyMs: 0 }, table, problems, reuse.count, begun, reuse.from);
  }
  const classify = (start: number, end: number) => (reuse ? classifyReusing(papers, reuse, start, end) : finishSteps(session.classify(papers, start, end)));
  const classified = new Map<string, readonly string[]>();
  const corpus = new Corpus(papers, seeds.topics, seeds.isCommonWord, [], seeds.background, classified);
  reuse?.names.forEach((names, k) => {
    if (names) corpus.adoptNames(k, [names]);
  });
  const firstStage = staged && ((search?: SearchIndexData) => staged.send(corpus.toFirstStage(staged.filedHere, search), table, performance.now() - begun));
  // The last load's matcher, cite keys and identifiers, where this load's would be the same.
  const kept = reuse && (() => keptParts(reuse.parts, reuse.names, (k) => corpus.namesOf(papers[k].id)));
  let built: TwoThreads;
  if (helper) {
    // Reusing, this thread files and names the few papers left, and the helper builds the search index.
    built = await preparedOnTwoThreads({ helper, corpus, classified, table, classify, share: reuse ? 1 : undefined, firstStage, kept });
  } else {
    void started?.stop();
    firstStage?.();
    const { topics, ms } = classify(0, papers.length);
    papers.forEach((p, i) => classified.set(p.id, topics[i]));
    const parts = kept?.() ?? {};
    built = { prepared: corpus.toPrepared(undefined, parts), threads: 1, classifyMs: ms, kept: parts };
  }
  return stored(parts, built, table, problems, reuse?.count ?? 0, begun);
}

/**
 * A cold load of at least this many papers sends a first stage (see `LoadFirstStage`). At
 * 50,000 papers (the bench's library, a noisy 2-core machine) it reached the editor after 7.5-8.6
 * s of a 15-17 s load, which it made about 0.5-1 s longer; below 20,000 papers the whole load
 * takes a few seconds, and a second swap would add more work than it saves waiting.
 */
const FIRST_STAGE_MIN_PAPERS = 20_000;

/** A load's merge without its papers, which `prepare` takes once, so that the caller holds them no longer. */
interface HandedMerge extends Omit<SessionMerge, 'papers'> {
  take(): readonly Paper[];
}

/** `merged` without its papers, and the papers to hand over (see `HandedMerge`). */
function handOver(merged: SessionMerge): HandedMerge {
  let papers: readonly Paper[] | undefined = merged.papers;
  const { bundled, problems, stats } = merged;
  return {
    bundled,
    problems,
    stats,
    take: () => {
      if (!papers) throw new Error('the merged papers were handed over already');
      const taken = papers;
      papers = undefined;
      return taken;
    },
  };
}

/** Sends a load's first stage: its index, its papers' table (shared with this thread, which goes on with it: see `packPapers`), and the time `prepare` took so far. */
type FirstStageSender = (index: FirstStageIndex, table: PaperTable, ms: number) => void;

/** `prepare`'s answer, once its stored load is to be written (after the answer is sent: see `writes`). */
function stored(parts: readonly string[], built: TwoThreads, table: PaperTable, problems: readonly SourceProblem[], reused: number, begun: number, indexOf?: readonly string[]): Prepared {
  // A reused index is the stored one of `indexOf`: its file is linked, not packed again.
  if (setup.cacheDir) writes.push(preparedWriter(setup.cacheDir, setup.version, parts, { prepared: built.prepared, papers: table, problems }, indexOf));
  return { ...built, table, ms: performance.now() - begun, reused, reusedIndex: indexOf !== undefined };
}

/**
 * A reload reuses what the load before it filed and named, when that load is stored and holds
 * at least this share of the new papers as they are (see `reusableFiling`): below, the papers
 * left are many, and are better filed and named on two threads as on a first load.
 */
const REUSE_SHARE = 0.9;

/** The parts of the last load answered (built or read from the stored loads): where a reload finds what it may reuse. */
let lastParts: readonly string[] | undefined;

/**
 * What the last load filed and named, for `papers` (see `reusableFiling`), read from its stored
 * load; `undefined` when there is none or too little to reuse. Never this load's own (`parts`):
 * had it been whole, this load would have been answered from it, so it is one the host could not
 * unpack (see `LoadRequest.fresh`).
 */
function filingToReuse(papers: readonly Paper[], parts: readonly string[]): (ReusedFiling & { readonly from: readonly string[] }) | undefined {
  if (!setup.cacheDir || !lastParts || (lastParts.length === parts.length && lastParts.every((part, k) => part === parts[k]))) return undefined;
  try {
    // A stored load of far more or fewer papers cannot hold enough of them: not read further.
    const near = (count: number) => Math.abs(count - papers.length) <= papers.length * (1 - REUSE_SHARE);
    const stored = readPrepared(setup.cacheDir, setup.version, lastParts, near);
    if (!stored?.papers) return undefined;
    // Lazy papers: only the ids, titles and abstracts compared are read, once each, and not kept.
    const reuse = finishSteps(reusableFiling({ papers: finishSteps(unpackPapers(stored.papers, { lazy: true, keepAbstracts: false, keepFields: false })), prepared: stored.prepared }, papers));
    return reuse && reuse.count >= papers.length * REUSE_SHARE ? { ...reuse, from: lastParts } : undefined;
  } catch {
    // A stored load that cannot be read: everything is filed and named, as on a first load.
    return undefined;
  }
}

/** `session.classify` of papers `start` to `end`, but for those whose topics `reuse` holds. */
function classifyReusing(papers: readonly Paper[], reuse: ReusedFiling, start: number, end: number): { topics: (readonly string[])[]; ms: number } {
  const topics: (readonly string[])[] = [];
  let ms = 0;
  for (let k = start; k < end; ) {
    const kept = reuse.topics[k];
    if (kept) {
      topics.push(kept);
      k++;
      continue;
    }
    let next = k + 1;
    while (next < end && !reuse.topics[next]) next++;
    const filed = finishSteps(session.classify(papers, k, next));
    for (const t of filed.topics) topics.push(t);
    ms += filed.ms;
    k = next;
  }
  return { topics, ms };
}

function startHelper(): HelperThread {
  return new HelperThread(path.join(__dirname, 'prepareHelper.js'), setup.root);
}

interface Prepared extends TwoThreads {
  readonly table: PaperTable;
  /** Papers whose topics and names came from the load before (see `filingToReuse`). */
  readonly reused: number;
  /** Whether the whole index came from the load before (see `ReusedFiling.index`). */
  readonly reusedIndex: boolean;
  /** The whole of `prepare`, filing the papers included. */
  readonly ms: number;
}

/** The worker's heap (after a collection where `gc` is exposed, as in the bench). */
function heapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return heapNowMB();
}

function heapNowMB(): number {
  return process.memoryUsage().heapUsed / 1e6;
}

async function load(request: LoadRequest): Promise<void> {
  const parts = preparedParts(request);
  if (setup.cacheDir) for (const input of request.changed) printsLater(setup.cacheDir, input);
  // The files' bytes are kept until a parse needs them: `parseAndPrepare` below, or a later load
  // the stored loads cannot answer.
  for (const input of request.changed) unparsed.set(input.file, input);
  // A warm start: these very files were loaded before, so their papers, problems and index are
  // all stored. Nothing is parsed nor merged, nor even unpacked: the host unpacks the bytes.
  if (!request.fresh && (await sendStored(request.seq, parts, request.changed.length))) {
    lastParts = parts;
    return;
  }
  const done = await parseAndPrepare(request, parts);
  send({ ...done, stats: { ...done.stats, heapMB: heapNowMB() } });
  lastParts = parts;
}

/**
 * Stores the entry prints of a `.bib` or CSL-JSON file this load read, once the load is answered
 * (0.1-0.2 s at 50,000 entries), unless they are stored: a window opened after the file changes
 * shows this load with the changed entries laid over it (see `readEarlierLoad`).
 */
function printsLater(dir: string, input: LibraryInput): void {
  const { file, bytes } = input;
  const format = quickFormatOf(file);
  const hash = hashes.get(file);
  if (!format || !bytes || hash === undefined) return;
  writes.push(() => {
    if (hasStoredPrints(dir, setup.version, file, hash)) return;
    const prints = finishSteps(entryPrintsSteps(bytes, format));
    if (prints) writeStoredPrints(dir, setup.version, file, hash, prints);
  });
}

/** A load the stored loads cannot answer: parsed (or read from the parse cache), merged, filed and prepared. */
async function parseAndPrepare(request: LoadRequest, parts: readonly string[]): Promise<LoadDone> {
  const wanted = new Set(request.order);
  const fresh = new Set(request.changed.map((input) => input.file));
  const changed = [...[...unparsed.values()].filter((input) => wanted.has(input.file) && !fresh.has(input.file)), ...request.changed];
  if (setup.cacheDir) {
    // The session keeps no parse with a cache: every file must be at hand (after a warm start
    // that read nothing, the host sends them all).
    const missing = request.order.filter((file) => !changed.some((input) => input.file === file));
    if (missing.length) throw new Error(`the library worker does not hold ${missing.join(', ')}: send every file after a warm start`);
  }
  unparsed.clear();
  filesInLoad = request.order.length;
  const bytes = changed.reduce((sum, input) => sum + (input.bytes?.length ?? 0), 0);
  const helper = bytes >= HELPER_MIN_BYTES ? startHelper() : undefined;
  let merged: HandedMerge;
  let built: Prepared;
  let firstSent = false;
  try {
    merged = handOver(finishSteps(session.merge(request.order, changed, request.bundled)));
    if (setup.cacheDir) {
      // Between loads the parses live in the disk cache, not in this heap: a load that the
      // stored loads cannot answer reads them back (0.6-0.9 s at 50,000 entries, beside 10 s of
      // building its index). Without a cache they are kept.
      for (const input of changed) if (wanted.has(input.file)) unparsed.set(input.file, input);
      session.forget();
    }
    const { stats: mergeStats, problems: mergeProblems } = merged;
    // The bundled papers, first and few, are filed and named on the editor's thread at the first stage.
    const sendFirst: FirstStageSender = (index, table, ms) => {
      const stats: LoadStats = { ...mergeStats, classifyMs: 0, heapMB: heapNowMB(), prepareMs: ms, preparedCached: false };
      // Sent in shared memory (see `send`): the tables of cite keys and identifiers, which go on
      // into the whole index, stay usable here.
      send({ type: 'first-stage', seq: request.seq, papers: table, index, problems: mergeProblems, stats });
      firstSent = true;
    };
    built = await prepare(parts, merged, helper, { filedHere: merged.bundled, send: sendFirst });
  } finally {
    // Stopped already where it helped; else started for nothing, or the load failed.
    void helper?.stop();
  }
  const { problems, stats } = merged;
  const { prepared, table, ms, threads, failure, classifyMs, reused, reusedIndex, kept } = built;
  return {
    type: 'done',
    seq: request.seq,
    papers: firstSent ? undefined : table,
    prepared,
    problems,
    stats: { ...stats, classifyMs, heapMB: 0, prepareMs: ms - classifyMs, preparedCached: false, prepareThreads: threads, reusedFiling: reused, reusedIndex, reusedParts: Object.keys(kept ?? {}), helperFailure: failure },
  };
}

/**
 * Posts `done` (or a first stage), its long strings as bytes and its typed arrays in shared
 * memory, copied there where they are not (see `wire.ts`): received, they set off no garbage
 * collection on the host's thread.
 */
function send(done: LoadDone | LoadFirstStage): void {
  port!.postMessage(toSharedWire(done satisfies FromWorker));
}

async function run(request: ToWorker): Promise<void> {
  try {
    if (request.type === 'warm') warm(request);
    else await load(request);
  } catch (e) {
    port!.postMessage({ type: 'failed', seq: request.seq, message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies FromWorker);
  } finally {
    writeLater();
    port!.postMessage({ type: 'idle', seq: request.seq, heapMB: heapMB() } satisfies FromWorker);
  }
}

/** Requests are handled one at a time, in order. */
let queue: Promise<void> = Promise.resolve();
port.on('message', (message: ToWorker) => {
  queue = queue.then(() => run(message));
});

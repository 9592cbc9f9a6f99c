/**
 * The library worker: a thin shell that runs the core's readers and merge in a Node worker
 * thread, so that parsing and merging a large library never holds the extension host's thread.
 * Bundled on its own as `dist/libraryWorker.js`.
 *
 * It parses through `core/library/session.ts` (which the web extension runs on its host's
 * thread instead), so a change to one file parses only that file: the others' parses are read
 * back from the disk cache, where they live between loads (without a cache, the worker keeps
 * them). The merged papers go
 * back as one table (`core/paperTable.ts`) with their prepared index and the problems, in one
 * `done` message; when the same files were loaded before, all three come from the disk cache
 * and nothing is parsed. Loads are handled one at a time, in order.
 */
import * as bibtexParser from '@retorquere/bibtex-parser';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadSeeds, readTextFile, SEEDS } from '../core/bundled';
import { Corpus } from '../core/corpus';
import type { PreparedIndex } from '../core/prepared';
import { finishSteps } from '../core/steps';
import { parseLibrary } from '../core/library';
import { macroDecoderFrom } from '../core/library/macroFallback';
import { LibrarySession } from '../core/library/session';
import { contentHash, parseThroughCache, readStoredBytes, seedsHash, writePrepared } from '../core/libraryCache';
import { packPapers, type PaperTable } from '../core/paperTable';
import type { LibraryFile, SourceProblem } from '../core/sources';
import type { Paper } from '../core/types';
import type { FromWorker, LibraryInput, LoadDone, LoadRequest, LoadStats, ToWorker, WorkerSetup } from './protocol';
import { toWire } from './wire';

const setup = workerData as WorkerSetup;
const port = parentPort;
if (!port) throw new Error('libraryWorker.js runs as a worker thread only');

/** One decoder for the worker's life, so a reload asks Better BibTeX's parser nothing new. */
const decodeMacro = macroDecoderFrom(bibtexParser);
const seed = (file: string) => ({ text: readTextFile(path.join(setup.root, file), file), file });

/** The parses of every library file and the load logic, shared with the web extension (which runs it in slices). */
const session = new LibrarySession({
  listing: () => seed(SEEDS.listing),
  taxonomy: () => seed(SEEDS.topics),
  bibtex: { decodeMacro },
  read: function* (file: LibraryFile) {
    const read = (f: LibraryFile) => parseLibrary(f.input, f.file, { decodeMacro }, f.format);
    if (!setup.cacheDir) return { parse: read(file), cached: false };
    const stats = { hits: 0, misses: 0 };
    const [result] = parseThroughCache([file], setup.cacheDir, setup.version, read, stats);
    return { parse: result, cached: stats.hits > 0 };
  },
});

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

/** This load's key in the cache of prepared indexes: the seeds, the bundled papers or not, and each file by name and content. */
function preparedParts(request: LoadRequest): string[] {
  for (const input of request.changed) hashes.set(input.file, input.bytes ? contentHash(input.bytes) : `unreadable: ${input.unreadable ?? ''}`);
  return [String(request.bundled), `seeds\0${(seedsKey ??= seedsHash(setup.root, Object.values(SEEDS)))}`, ...request.order.map((file) => `${file}\0${hashes.get(file) ?? ''}`)];
}

/**
 * The topics, names, matcher and search index of the merged papers (see `core/prepared.ts`),
 * built here, off the host's thread, and stored with the papers and problems. The host then
 * restores them in a few hundred milliseconds instead of building them for seconds.
 */
function prepare(parts: readonly string[], papers: readonly Paper[], topics: readonly (readonly string[])[], problems: readonly SourceProblem[]): { prepared: PreparedIndex; table: PaperTable; ms: number } {
  const started = performance.now();
  const table = packPapers(papers);
  seeds ??= loadSeeds(setup.root);
  const classified = new Map(papers.map((p, i) => [p.id, topics[i]]));
  const corpus = new Corpus(papers, seeds.topics, seeds.isCommonWord, [], seeds.background, classified);
  const prepared = corpus.toPrepared();
  if (setup.cacheDir) writePrepared(setup.cacheDir, setup.version, parts, { prepared, papers: table, problems });
  return { prepared, table, ms: performance.now() - started };
}

/** The worker's heap (after a collection where `gc` is exposed, as in the bench). */
function heapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

function load(request: LoadRequest): void {
  const parts = preparedParts(request);
  const started = performance.now();
  const stored = setup.cacheDir && !request.fresh ? readStoredBytes(setup.cacheDir, setup.version, parts) : undefined;
  const readMs = performance.now() - started;
  if (stored) {
    // A warm start: these very files were loaded before, so their papers, problems and index
    // are all stored. Nothing is parsed nor merged, nor even unpacked: the host unpacks the
    // bytes. The session learns these files' bytes when a load the cache cannot answer needs
    // their parse.
    for (const input of request.changed) unparsed.set(input.file, input);
    const stats: LoadStats = { parsed: 0, cached: request.changed.length, parseMs: 0, mergeMs: 0, classifyMs: 0, heapMB: heapMB(), prepareMs: readMs, preparedCached: true };
    const message: FromWorker = { type: 'stored', seq: request.seq, bytes: stored, stats };
    // A whole file read owns its buffer: transferred, not copied.
    const owned = stored.byteOffset === 0 && stored.byteLength === stored.buffer.byteLength && stored.buffer instanceof ArrayBuffer;
    port!.postMessage(message, owned ? [stored.buffer as ArrayBuffer] : []);
    return;
  }
  const done = parseAndPrepare(request, parts);
  // What the worker holds between loads, once this load's papers are garbage (with the table and index about to be sent).
  send({ ...done, stats: { ...done.stats, heapMB: heapMB() } });
}

/** A load the stored loads cannot answer: parsed (or read from the parse cache), merged, filed and prepared. */
function parseAndPrepare(request: LoadRequest, parts: readonly string[]): LoadDone {
  const wanted = new Set(request.order);
  const fresh = new Set(request.changed.map((input) => input.file));
  const changed = [...[...unparsed.values()].filter((input) => wanted.has(input.file) && !fresh.has(input.file)), ...request.changed];
  unparsed.clear();
  const { papers, topics, problems, stats } = finishSteps(session.load(request.order, changed, request.bundled));
  const { prepared, table, ms } = prepare(parts, papers, topics, problems);
  if (setup.cacheDir) {
    // Between loads the parses live in the disk cache, not in this heap: a load that the
    // stored loads cannot answer reads them back (0.6-0.9 s at 50,000 entries, beside 10 s of
    // building its index). Without a cache they are kept.
    for (const input of changed) if (wanted.has(input.file)) unparsed.set(input.file, input);
    session.forget();
  }
  return { type: 'done', seq: request.seq, papers: table, prepared, problems, stats: { ...stats, heapMB: 0, prepareMs: ms, preparedCached: false } };
}

/** Posts `done`, its typed arrays transferred, not copied, and its long strings as bytes (see `wire.ts`). */
function send(done: LoadDone): void {
  const transfer = new Set<ArrayBuffer>();
  const message = toWire(done satisfies FromWorker, transfer);
  port!.postMessage(message, [...transfer]);
}

function run(request: LoadRequest): void {
  try {
    load(request);
  } catch (e) {
    port!.postMessage({ type: 'failed', seq: request.seq, message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies FromWorker);
  }
}

port.on('message', (message: ToWorker) => run(message));

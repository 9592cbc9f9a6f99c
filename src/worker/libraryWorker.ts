/**
 * The library worker: a thin shell that runs the core's readers and merge in a Node worker
 * thread, so that parsing and merging a large library never holds the extension host's thread.
 * Bundled on its own as `dist/libraryWorker.js`.
 *
 * It keeps the latest parse of every library file (`core/library/session.ts`, which the web
 * extension runs on its host's thread instead), so a change to one file parses only that
 * file (or reads its parse back from the disk cache) and merges again. The merged papers go
 * back in chunks of `CHUNK_PAPERS`, each sent when the host asks for it (see `NextChunk`),
 * then one `done` message with the problems. Loads are handled one at a time, in order.
 */
import * as bibtexParser from '@retorquere/bibtex-parser';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadSeeds, readTextFile, SEEDS } from '../core/bundled';
import { Corpus } from '../core/corpus';
import { preparedFits, unpackTopics, type PreparedIndex } from '../core/prepared';
import { finishSteps } from '../core/steps';
import { parseLibrary } from '../core/library';
import { macroDecoderFrom } from '../core/library/macroFallback';
import { LibrarySession } from '../core/library/session';
import { contentHash, parseThroughCache, readPrepared, writePrepared } from '../core/libraryCache';
import type { LibraryFile } from '../core/sources';
import type { Paper } from '../core/types';
import { CHUNK_PAPERS, type FromWorker, type LoadRequest, type ToWorker, type WorkerSetup } from './protocol';

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
  // Papers filed by a prepared index read for this load (see `prepare`), when it fits them.
  classified: (papers) => {
    const stored = storedFor(papers);
    if (!stored) return undefined;
    try {
      return finishSteps(unpackTopics(stored.topics));
    } catch {
      return undefined;
    }
  },
  read: function* (file: LibraryFile) {
    const read = (f: LibraryFile) => parseLibrary(f.input, f.file, { decodeMacro }, f.format);
    if (!setup.cacheDir) return { parse: read(file), cached: false };
    const stats = { hits: 0, misses: 0 };
    const [result] = parseThroughCache([file], setup.cacheDir, setup.version, read, stats);
    return { parse: result, cached: stats.hits > 0 };
  },
});

interface Chunk {
  readonly papers: readonly Paper[];
  readonly topics: readonly (readonly string[])[];
}

/** The chunks of the load being delivered, sent one per `next` from the host. */
let delivery: { seq: number; chunks: Chunk[]; prepared?: PreparedIndex; done: FromWorker } | undefined;
/** Loads asked for while another was being delivered. */
const waiting: LoadRequest[] = [];

/** Each library file's content hash as last read, by name: the key of the prepared index's cache. */
const hashes = new Map<string, string>();
let seeds: ReturnType<typeof loadSeeds> | undefined;

/** The prepared index stored for the load being read, if any, how long reading it took, and whether it fits the merged papers. */
let reading: { stored?: PreparedIndex; ms: number; fits?: boolean } | undefined;

/** The stored index of the load being read, when it fits `papers` (checked once a load). */
function storedFor(papers: readonly Paper[]): PreparedIndex | undefined {
  if (!reading?.stored) return undefined;
  reading.fits ??= preparedFits(reading.stored, papers.map((p) => p.id));
  return reading.fits ? reading.stored : undefined;
}

/** This load's key in the cache of prepared indexes: the bundled papers or not, and each file by name and content. */
function preparedParts(request: LoadRequest): string[] {
  for (const input of request.changed) hashes.set(input.file, input.bytes ? contentHash(input.bytes) : `unreadable: ${input.unreadable ?? ''}`);
  return [String(request.bundled), ...request.order.map((file) => `${file}\0${hashes.get(file) ?? ''}`)];
}

/**
 * The topics, names, matcher and search index of the merged papers (see `core/prepared.ts`):
 * read back from the cache when this load's files are those of a load stored before (the
 * topics were then taken from it too), else built here, off the host's thread, and stored.
 * The host then restores them in a few hundred milliseconds instead of building them for seconds.
 */
function prepare(parts: readonly string[], papers: readonly Paper[], topics: readonly (readonly string[])[]): { prepared: PreparedIndex; cached: boolean; ms: number } {
  const started = performance.now();
  const stored = storedFor(papers);
  const readMs = reading?.ms ?? 0;
  reading = undefined;
  if (stored) return { prepared: stored, cached: true, ms: readMs };
  seeds ??= loadSeeds(setup.root);
  const classified = new Map(papers.map((p, i) => [p.id, topics[i]]));
  const corpus = new Corpus(papers, seeds.topics, seeds.isCommonWord, [], seeds.background, classified);
  const prepared = corpus.toPrepared();
  if (setup.cacheDir) writePrepared(setup.cacheDir, setup.version, parts, prepared);
  return { prepared, cached: false, ms: performance.now() - started };
}

function load(request: LoadRequest): void {
  const parts = preparedParts(request);
  const started = performance.now();
  reading = { stored: setup.cacheDir ? readPrepared(setup.cacheDir, setup.version, parts) : undefined, ms: 0 };
  reading.ms = performance.now() - started;
  const { papers, topics, problems, stats } = finishSteps(session.load(request.order, request.changed, request.bundled));
  const { prepared, cached, ms } = prepare(parts, papers, topics);

  // What the worker holds between loads: the parses (for reloading one file) and this load's papers.
  (globalThis as { gc?: () => void }).gc?.();
  const heapMB = process.memoryUsage().heapUsed / 1e6;

  const chunks: Chunk[] = [];
  for (let i = 0; i < papers.length; i += CHUNK_PAPERS) chunks.push({ papers: papers.slice(i, i + CHUNK_PAPERS), topics: topics.slice(i, i + CHUNK_PAPERS) });
  delivery = { seq: request.seq, chunks: chunks.reverse(), prepared, done: { type: 'done', seq: request.seq, problems, stats: { ...stats, heapMB, prepareMs: ms, preparedCached: cached } } };
  sendNext();
}

/** The buffers under `value`'s typed arrays, each once: transferred with it, not copied. */
function buffersOf(value: unknown, out = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) if (v && typeof v === 'object') buffersOf(v, out);
  }
  return [...out];
}

/** The next chunk of the delivery, or its `done` and then the next waiting load. */
function sendNext(): void {
  if (!delivery) return;
  const chunk = delivery.chunks.pop();
  if (chunk) {
    port!.postMessage({ type: 'papers', seq: delivery.seq, papers: chunk.papers, topics: chunk.topics } satisfies FromWorker);
    return;
  }
  if (delivery.prepared) {
    const prepared = delivery.prepared;
    delivery.prepared = undefined;
    port!.postMessage({ type: 'prepared', seq: delivery.seq, prepared } satisfies FromWorker, buffersOf(prepared));
    return;
  }
  port!.postMessage(delivery.done);
  delivery = undefined;
  const request = waiting.shift();
  if (request) run(request);
}

function run(request: LoadRequest): void {
  try {
    load(request);
  } catch (e) {
    delivery = undefined;
    port!.postMessage({ type: 'failed', seq: request.seq, message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies FromWorker);
    const next = waiting.shift();
    if (next) run(next);
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'next') {
    if (delivery?.seq === message.seq) sendNext();
  } else if (delivery) waiting.push(message);
  else run(message);
});

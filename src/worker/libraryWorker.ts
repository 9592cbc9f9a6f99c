/**
 * The library worker: a thin shell that runs the core's readers and merge in a Node worker
 * thread, so that parsing and merging a large library never holds the extension host's thread.
 * Bundled on its own as `dist/libraryWorker.js`.
 *
 * It keeps the latest parse of every library file, so a change to one file parses only that
 * file (or reads its parse back from the disk cache) and merges again. The merged papers go
 * back in chunks of `CHUNK_PAPERS`, each sent when the host asks for it (see `NextChunk`),
 * then one `done` message with the problems. Loads are handled one at a time, in order.
 */
import * as bibtexParser from '@retorquere/bibtex-parser';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { readTextFile, SEEDS } from '../core/bundled';
import { libraryFormatOf, parseLibrary } from '../core/library';
import type { LibraryParse } from '../core/library/entry';
import { macroDecoderFrom } from '../core/library/macroFallback';
import { mergeLibraries } from '../core/library/merge';
import { parseThroughCache } from '../core/libraryCache';
import { parseListing } from '../core/listing';
import { parseTaxonomy, TopicClassifier } from '../core/topics';
import type { LibraryFile, SourceProblem } from '../core/sources';
import type { Paper } from '../core/types';
import { CHUNK_PAPERS, type FromWorker, type LibraryInput, type LoadRequest, type ToWorker, type WorkerSetup } from './protocol';

const setup = workerData as WorkerSetup;
const port = parentPort;
if (!port) throw new Error('libraryWorker.js runs as a worker thread only');

/** One decoder for the worker's life, so a reload asks Better BibTeX's parser nothing new. */
const decodeMacro = macroDecoderFrom(bibtexParser);
const parses = new Map<string, LibraryParse>();
let bundled: { papers: readonly Paper[]; problems: readonly SourceProblem[] } | undefined;
let classifier: TopicClassifier | undefined;

function bundledPapers() {
  if (!bundled) {
    const listing = parseListing(readTextFile(path.join(setup.root, SEEDS.listing), SEEDS.listing), SEEDS.listing);
    bundled = { papers: listing.papers, problems: listing.problems.map((p) => ({ ...p, severity: 'error' as const })) };
  }
  return bundled;
}

function parse(input: LibraryInput): { parse: LibraryParse; cached: boolean } {
  if (input.unreadable !== undefined || !input.bytes) {
    const message = `cannot read: ${input.unreadable ?? 'no content'}`;
    return { parse: { file: input.file, format: libraryFormatOf(input.file), entries: [], problems: [{ file: input.file, line: 1, message, severity: 'error' }] }, cached: false };
  }
  const file: LibraryFile = { file: input.file, input: input.bytes };
  const read = (f: LibraryFile) => parseLibrary(f.input, f.file, { decodeMacro }, f.format);
  if (!setup.cacheDir) return { parse: read(file), cached: false };
  const stats = { hits: 0, misses: 0 };
  const [result] = parseThroughCache([file], setup.cacheDir, setup.version, read, stats);
  return { parse: result, cached: stats.hits > 0 };
}

interface Chunk {
  readonly papers: readonly Paper[];
  readonly topics: readonly (readonly string[])[];
}

/** The chunks of the load being delivered, sent one per `next` from the host. */
let delivery: { seq: number; chunks: Chunk[]; done: FromWorker } | undefined;
/** Loads asked for while another was being delivered. */
const waiting: LoadRequest[] = [];

function load(request: LoadRequest): void {
  const started = performance.now();
  let parsed = 0;
  let cached = 0;
  for (const input of request.changed) {
    const result = parse(input);
    parses.set(input.file, result.parse);
    if (result.cached) cached++;
    else parsed++;
  }
  const wanted = new Set(request.order);
  for (const file of [...parses.keys()]) if (!wanted.has(file)) parses.delete(file);
  const parseMs = performance.now() - started;

  const merging = performance.now();
  const known = request.bundled ? bundledPapers() : { papers: [], problems: [] };
  const libraries = request.order.flatMap((file) => parses.get(file) ?? []);
  const merged = mergeLibraries(known.papers, libraries);
  const problems: SourceProblem[] = [...known.problems, ...libraries.flatMap((l) => l.problems), ...merged.problems];
  const mergeMs = performance.now() - merging;

  // Topics are filed here too: classifying 50,000 papers takes about a second, which the
  // host's thread would otherwise pay at the sidebar's first render.
  const classifying = performance.now();
  classifier ??= new TopicClassifier(parseTaxonomy(readTextFile(path.join(setup.root, SEEDS.topics), SEEDS.topics), SEEDS.topics));
  const topics = merged.papers.map((paper) => classifier!.classify(paper));
  const classifyMs = performance.now() - classifying;

  // What the worker holds between loads: the parses (for reloading one file) and this load's papers.
  (globalThis as { gc?: () => void }).gc?.();
  const heapMB = process.memoryUsage().heapUsed / 1e6;

  const chunks: Chunk[] = [];
  for (let i = 0; i < merged.papers.length; i += CHUNK_PAPERS) chunks.push({ papers: merged.papers.slice(i, i + CHUNK_PAPERS), topics: topics.slice(i, i + CHUNK_PAPERS) });
  delivery = { seq: request.seq, chunks: chunks.reverse(), done: { type: 'done', seq: request.seq, problems, stats: { parsed, cached, parseMs, mergeMs, classifyMs, heapMB } } };
  sendNext();
}

/** The next chunk of the delivery, or its `done` and then the next waiting load. */
function sendNext(): void {
  if (!delivery) return;
  const chunk = delivery.chunks.pop();
  if (chunk) {
    port!.postMessage({ type: 'papers', seq: delivery.seq, papers: chunk.papers, topics: chunk.topics } satisfies FromWorker);
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

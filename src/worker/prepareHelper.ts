/**
 * The library worker's helper thread, bundled on its own as `dist/prepareHelper.js`. A cold
 * load of a large library builds its index on two threads (the machine CI uses has two
 * cores, and the host's thread is idle while the worker builds): given the merged papers, the
 * helper files the later papers under topics and derives their names while the worker does the
 * earlier ones, then builds the search index from all of them while the worker builds the
 * matcher and cite keys, and then the search vocabulary from the terms the helper sends (see
 * `preparedOnTwoThreads` in `helperClient.ts`, and `HelperPapers` for the messages). A load that
 * sends a first stage sends that stage's fields before (`HelperFirstStage`): the helper builds its
 * search index while the worker packs the merged papers.
 *
 * Both threads build through the same core (`Corpus`), from the same papers, names and topics,
 * so the index is the one a single thread builds: a unit test compares them byte for byte.
 */
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadSeeds } from '../core/bundled';
import { Corpus } from '../core/corpus';
import { unpackPapers } from '../core/paperTable';
import { NameTable, packNames } from '../core/prepared';
import { firstStageSearchData, type SearchIndexData } from '../core/search';
import { finishSteps } from '../core/steps';
import { TopicClassifier } from '../core/topics';
import type { FromHelper, ToHelper } from './protocol';
import { lowerThreadPriority } from './priority';
import { fromWire, toWire } from './wire';

const port = parentPort;
if (!port) throw new Error('prepareHelper.js runs as a worker thread only');
lowerThreadPriority();
const root = (workerData as { root: string }).root;

// Read, and the topic classifier's tables built (60-70 ms at 50,000 papers' load), while the worker parses.
const seeds = loadSeeds(path.resolve(root));
const classifier = new TopicClassifier(seeds.topics);
let corpus: Corpus | undefined;
/** Each paper's topics, by id: filled before the corpus reads any (it would classify a paper missing). */
const classified = new Map<string, readonly string[]>();

function post(message: FromHelper): void {
  const transfer = new Set<ArrayBuffer>();
  const wired = toWire(message, transfer);
  port!.postMessage(wired, [...transfer]);
}

/** A search index's term table, sent as soon as every document is read, copied (this thread's search data keeps it). */
function postTerms(vocab: SearchIndexData['vocab']): void {
  port!.postMessage({ type: 'terms', vocab } satisfies FromHelper);
}

function answer(message: ToHelper): FromHelper {
  if (message.type === 'first-stage') {
    // The first stage's whole search index, its vocabulary included, while the worker packs the
    // whole papers and builds the cite keys and identifiers (about as long, at 50,000 papers).
    return { type: 'first-stage', search: firstStageSearchData(finishSteps(unpackPapers(message.table))) };
  }
  if (message.type === 'papers') {
    // Each paper but its id and title is read when first asked for (see `TablePaper`): the
    // worker's topics and names come in the meantime, and the abstracts (62 MB at 50,000
    // papers, their fresh pages faulted in) and other fields are read as they are filed, named
    // and indexed, and not kept (see `keepAbstracts`, `keepFields`). A reload's helper, which
    // only indexes, held 133 MB at 50,000 papers unpacking them whole.
    const papers = finishSteps(unpackPapers(message.table, { lazy: true, keepAbstracts: false, keepFields: false }));
    const rest = papers.slice(message.from);
    const topics = rest.map((p) => classifier.classify(p));
    rest.forEach((p, k) => classified.set(p.id, topics[k]));
    const built = new Corpus(papers, seeds.topics, seeds.isCommonWord, [], seeds.background, classified);
    corpus = built;
    return { type: 'names', names: packNames(rest.map((p) => built.namesOf(p.id))), topics };
  }
  if (!corpus) throw new Error('the helper was sent names before papers');
  const ids = corpus.papers.slice(0, message.names.counts.length).map((p) => p.id);
  const table = finishSteps(NameTable.from(message.names, ids));
  ids.forEach((id, k) => classified.set(id, message.topics[k]));
  corpus.adoptNames(
    0,
    ids.map((_, k) => table.namesOf(k)),
  );
  const search = corpus.searchDataApart(postTerms);
  return { type: 'search', search };
}

port.on('message', (message: ToHelper) => {
  try {
    post(answer(finishSteps(fromWire(message))));
  } catch (e) {
    post({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});

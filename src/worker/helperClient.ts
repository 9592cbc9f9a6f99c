/**
 * The library worker's side of its helper thread (`prepareHelper.ts`): on a cold load of at
 * least `HELPER_MIN_PAPERS` papers, the index is built on two threads. A profile of the cold
 * load at 50,000 papers (one thread) spent 1.8 s filing papers under topics, 3.4 s deriving
 * names, 3.7 s building the search index and 2.1 s on the matcher and cite keys; the search
 * index needs every paper's names and topics, the matcher every name. So each thread files
 * and names part of the papers (see `WORKER_SHARE`), then the helper builds the search index
 * while the worker builds the rest. The search index took the helper about 1.7 s longer than
 * the rest took the worker, which then waited; its vocabulary (typo variants and completions,
 * about a quarter of it) needs only the term table, so the helper sends that as soon as it has
 * read every paper, and the worker builds the vocabulary while the helper builds the rest.
 *
 * A load that sends a first stage (see `LoadFirstStage`) builds it first, on both threads: before
 * packing the papers, the worker sends the helper the fields of that stage's search index
 * (titles, authors, years and keys: `sendFirstStage`), and the helper builds that index whole
 * while the worker packs the papers and builds the cite keys and identifiers (the whole index's,
 * built once); then the worker sends the stage, and the two threads go on as above. At 50,000
 * papers the two threads' parts ended within 0.1-0.2 s of each other; when the helper read the
 * packed papers and the worker built the vocabulary from its terms, the stage came 1-2 s later.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Corpus } from '../core/corpus';
import { packPapers, type PaperTable } from '../core/paperTable';
import { NameTable, packNames, type KeptParts, type PreparedIndex } from '../core/prepared';
import { firstStagePaper, searchDataOf, vocabularyDataOf, type SearchIndexData } from '../core/search';
import { finishSteps } from '../core/steps';
import type { Paper } from '../core/types';
import type { FromHelper, ToHelper } from './protocol';
import { fromWire, toWire } from './wire';

/**
 * Below this many papers one thread builds the index: starting the helper and sending it the
 * papers would cost more than it saves (it starts in about 100 ms, and copies the table).
 */
export const HELPER_MIN_PAPERS = 5_000;

/**
 * Library files of at least this many bytes in all start the helper before they are parsed (see
 * `HelperThread`): 2,000 entries with abstracts, about 5,000 without (`HELPER_MIN_PAPERS`
 * decides once they are merged, and a helper started for nothing is stopped).
 */
export const HELPER_MIN_BYTES = 4_000_000;

/**
 * The share of the papers this thread files and names; the helper does the rest, then builds
 * the search index. Measured at 50,000 papers with half each: filing and naming took both
 * threads about 3 s, then the search index took the helper 4.2 s and the rest took this thread
 * 3.1 s. With 60 % here the two finish closer together.
 */
const WORKER_SHARE = 0.6;

export interface TwoThreads {
  readonly prepared: PreparedIndex;
  /** 1 where the helper failed, and this thread built the rest (or for a small library: see the worker). */
  readonly threads: 1 | 2;
  /** Why the helper failed. */
  readonly failure?: string;
  /** Filing papers under topics on this thread. */
  readonly classifyMs: number;
  /** The parts of the index kept from the last load, not built (see `TwoThreadsInput.kept`). */
  readonly kept?: KeptParts;
}

export interface TwoThreadsInput {
  /** The helper, started already (see `HelperThread`). */
  readonly helper: HelperThread;
  /** The merged papers' corpus, made with `classified` (empty: filled here, before anything reads a paper's topics). */
  readonly corpus: Corpus;
  readonly classified: Map<string, readonly string[]>;
  /** The corpus's papers as a table (see `core/paperTable.ts`): a copy goes to the helper. */
  readonly table: PaperTable;
  /** The topic ids of papers `start` to `end` (see `LibrarySession.classify`), and the time taken. */
  readonly classify: (start: number, end: number) => { topics: (readonly string[])[]; ms: number };
  /** The share of the papers this thread files and names (`WORKER_SHARE` unless given): all (1) on a reload that files and names only the papers that changed. */
  readonly share?: number;
  /**
   * Sends the load's first stage (see `LoadFirstStage`), given its search index's data, which
   * the helper builds first while this thread builds the rest of it (cite keys, identifiers);
   * then each thread files and names its share.
   */
  readonly firstStage?: (search: SearchIndexData) => void;
  /** The parts of the last load's index this one keeps, asked once every paper is named (see `keptParts`): not built here. */
  readonly kept?: () => KeptParts;
}

/**
 * Files the papers of `corpus` under topics and builds its index on two threads, this one and
 * `input.helper` (stopped when done): the same `PreparedIndex` as one thread's
 * `corpus.toPrepared()`, sooner. Each thread files and names part of the papers, then the
 * helper builds the search index.
 */
export async function preparedOnTwoThreads(input: TwoThreadsInput): Promise<TwoThreads> {
  const { corpus, classified } = input;
  const papers = corpus.papers;
  const helper = input.helper;
  const from = Math.ceil(papers.length * (input.share ?? WORKER_SHARE));
  let classifyMs = 0;
  const file = (start: number, topics: readonly (readonly string[])[]) => topics.forEach((t, k) => classified.set(papers[start + k].id, t));
  try {
    // Sent already where the worker packs the papers after (see `sendFirstStage`).
    if (input.firstStage) helper.sendFirstStage(papers);
    // The helper starts (about 100 ms) and copies the table as this thread does its part.
    helper.send({ type: 'papers', table: input.table, from }, false);
    if (input.firstStage) {
      // The first stage: the helper builds its search index while this thread (has packed the
      // papers and) builds the cite keys and identifiers.
      void [corpus.citeKeys, corpus.identifiers];
      input.firstStage((await helper.next('first-stage')).search);
    }
    const theirs = helper.next('names');
    const ours = input.classify(0, from);
    classifyMs = ours.ms;
    file(0, ours.topics);
    const names = papers.slice(0, from).map((p) => corpus.namesOf(p.id));
    const answer = await theirs;
    file(from, answer.topics);
    const restored = finishSteps(NameTable.from(answer.names, papers.slice(from).map((p) => p.id)));
    corpus.adoptNames(
      from,
      papers.slice(from).map((_, k) => restored.namesOf(k)),
    );
    helper.send({ type: 'names', names: packNames(names), topics: ours.topics }, true);
    // Everything but the search index, built here meanwhile, but for the parts kept from the last load.
    const kept = input.kept?.() ?? {};
    void [kept.matcher ?? corpus.matcher, kept.citeKeys ?? corpus.citeKeys, kept.identifiers ?? corpus.identifiers];
    return { prepared: corpus.toPrepared(await searchFrom(helper), kept), threads: 2, classifyMs, kept };
  } catch (e) {
    // A helper that failed (or could not start) leaves the rest to this thread: what it gave
    // is what this thread would make, and the corpus files itself the papers `classified` lacks.
    return { prepared: corpus.toPrepared(), threads: 1, failure: e instanceof Error ? e.message : String(e), classifyMs };
  } finally {
    void helper.stop();
  }
}

/**
 * The search index's data the helper builds with this thread: the search vocabulary built here
 * from the terms the helper sends once it has read every paper, while it builds the rest.
 */
async function searchFrom(helper: HelperThread): Promise<SearchIndexData> {
  const vocabulary = finishSteps(vocabularyDataOf((await helper.next('terms')).vocab));
  return searchDataOf((await helper.next('search')).search, vocabulary);
}

/**
 * The helper thread, answering one message at a time. Started before the worker parses (where
 * the files are large enough to need it): starting it and reading the seeds took about 300 ms
 * when it was started once the papers were merged.
 */
export class HelperThread {
  private readonly worker: Worker;
  private readonly answers: FromHelper[] = [];
  private waiting: ((answer: FromHelper) => void) | undefined;
  private failure: Error | undefined;
  private firstStageSent = false;

  /** `file`: `dist/prepareHelper.js`; `root`: the folder holding `seeds/`. */
  constructor(file: string, root: string) {
    this.worker = new Worker(path.resolve(file), { workerData: { root } });
    this.worker.on('message', (message: FromHelper) => this.receive(finishSteps(fromWire(message))));
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`the library worker's helper stopped (exit code ${code})`)));
  }

  /** Sends `message`, its buffers transferred (`owned`: this thread keeps no use of them) or copied. */
  send(message: ToHelper, owned: boolean): void {
    if (!owned) return this.worker.postMessage(message);
    const transfer = new Set<ArrayBuffer>();
    this.worker.postMessage(toWire(message, transfer), [...transfer]);
  }

  /**
   * Sends a first stage's papers (`HelperFirstStage`), once: each with only the fields that
   * stage's search index reads, packed in a few tenths of a second where the whole table takes
   * about a second at 50,000 papers, so the helper builds that index as the worker packs them.
   */
  sendFirstStage(papers: readonly Paper[]): void {
    if (this.firstStageSent) return;
    this.firstStageSent = true;
    this.send({ type: 'first-stage', table: packPapers(papers.map(firstStagePaper), true) }, false);
  }

  /** The helper's next answer, which must be of this type. */
  async next<T extends 'names' | 'terms' | 'search' | 'first-stage'>(type: T): Promise<Extract<FromHelper, { type: T }>> {
    const answer = this.answers.shift() ?? (await new Promise<FromHelper>((resolve) => (this.waiting = resolve)));
    if (answer.type === 'failed') throw new Error(`the library worker's helper failed: ${answer.message}`);
    if (answer.type !== type) throw new Error(`the library worker's helper answered ${answer.type}, not ${type}`);
    return answer as Extract<FromHelper, { type: T }>;
  }

  stop(): Promise<number> {
    this.failure ??= new Error('stopped');
    return this.worker.terminate();
  }

  private receive(answer: FromHelper): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(answer);
    else this.answers.push(answer);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.receive({ type: 'failed', message: error.message });
  }
}

/**
 * The library worker's side of its helper thread (`prepareHelper.ts`): on a cold load of at
 * least `HELPER_MIN_PAPERS` papers, the index is built on two threads. A profile of the cold
 * load at 50,000 papers (one thread) spent 3.4 s deriving names, 3.7 s building the search
 * index and 2.1 s on the matcher and cite keys; the search index needs every paper's names, the
 * matcher too. So each thread derives half the names, then the helper builds the search index
 * while the worker builds the rest.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Corpus } from '../core/corpus';
import type { PaperTable } from '../core/paperTable';
import { NameTable, packNames, type PreparedIndex } from '../core/prepared';
import { finishSteps } from '../core/steps';
import type { FromHelper, ToHelper } from './protocol';
import { fromWire, toWire } from './wire';

/**
 * Below this many papers one thread builds the index: starting the helper and sending it the
 * papers would cost more than it saves (it starts in about 100 ms, and copies the table).
 */
export const HELPER_MIN_PAPERS = 5_000;

export interface TwoThreads {
  readonly prepared: PreparedIndex;
  /** 1 where the helper failed, and this thread built the rest. */
  readonly threads: 1 | 2;
  /** Why the helper failed. */
  readonly failure?: string;
}

/**
 * The index of `corpus` (whose papers `table` holds, filed under `topics`), built on two
 * threads with a helper started from `helperFile`: the same `PreparedIndex` as
 * `corpus.toPrepared()`, sooner.
 */
export async function preparedOnTwoThreads(helperFile: string, root: string, corpus: Corpus, table: PaperTable, topics: readonly (readonly string[])[]): Promise<TwoThreads> {
  const helper = new HelperThread(helperFile, root);
  try {
    const papers = corpus.papers;
    // The helper starts (about 100 ms) and copies the table as this thread derives its half.
    const from = Math.ceil(papers.length / 2);
    helper.send({ type: 'papers', table, topics, from }, false);
    const theirs = helper.next('names');
    const ours = papers.slice(0, from).map((p) => corpus.namesOf(p.id));
    const names = (await theirs).names;
    const table2 = finishSteps(NameTable.from(names, papers.slice(from).map((p) => p.id)));
    corpus.adoptNames(
      from,
      papers.slice(from).map((_, k) => table2.namesOf(k)),
    );
    helper.send({ type: 'names', names: packNames(ours) }, true);
    const search = helper.next('search');
    // Everything but the search index, built here meanwhile.
    void [corpus.matcher, corpus.citeKeys, corpus.identifiers];
    return { prepared: corpus.toPrepared((await search).search), threads: 2 };
  } catch (e) {
    // A helper that failed (or could not start) leaves the rest to this thread: the names it
    // gave are the ones this thread would derive.
    return { prepared: corpus.toPrepared(), threads: 1, failure: e instanceof Error ? e.message : String(e) };
  } finally {
    void helper.stop();
  }
}

/** The helper thread, answering one message at a time. */
class HelperThread {
  private readonly worker: Worker;
  private readonly answers: FromHelper[] = [];
  private waiting: ((answer: FromHelper) => void) | undefined;
  private failure: Error | undefined;

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

  /** The helper's next answer, which must be of this type. */
  async next<T extends 'names' | 'search'>(type: T): Promise<Extract<FromHelper, { type: T }>> {
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

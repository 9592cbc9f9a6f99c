/**
 * The bundled corpus, loaded on first use (first hover, sidebar render or search) so that
 * activation stays cheap. A load failure or skipped listing entries are logged with file and
 * line, told to the user once, and never thrown into the extension host.
 */
import * as vscode from 'vscode';
import { loadBundledCorpus } from '../core/bundled';
import type { Corpus } from '../core/corpus';
import { formatProblem } from '../core/listing';
import { Messages } from './messages';
import type { Log } from './output';

/** What features depend on: the corpus when it could be loaded, `undefined` when it could not. */
export interface CorpusSource {
  get(): Corpus | undefined;
}

export class LazyCorpus implements CorpusSource, vscode.Disposable {
  private state: { corpus: Corpus | undefined } | undefined;
  private readonly emitter = new vscode.EventEmitter<Corpus | undefined>();
  /** Fires once, after the first load attempt (successful or not). */
  readonly onDidLoad = this.emitter.event;

  constructor(
    private readonly load: () => Corpus,
    private readonly log: Log,
  ) {}

  /** The bundled corpus of the extension installed at `extensionPath`. */
  static bundled(extensionPath: string, log: Log): LazyCorpus {
    return new LazyCorpus(() => loadBundledCorpus(extensionPath), log);
  }

  /** Whether the first load has been attempted. */
  get loaded(): boolean {
    return this.state !== undefined;
  }

  get(): Corpus | undefined {
    if (!this.state) {
      this.state = { corpus: this.tryLoad() };
      this.emitter.fire(this.state.corpus);
    }
    return this.state.corpus;
  }

  private tryLoad(): Corpus | undefined {
    const started = performance.now();
    try {
      const corpus = this.load();
      this.log.info(Messages.corpusLoaded(corpus.papers.length, corpus.topics.length, performance.now() - started));
      if (corpus.problems.length > 0) {
        for (const problem of corpus.problems) this.log.warn(formatProblem(problem));
        this.log.warnOnce(Messages.corpusProblemsWarning(corpus.problems.length));
      }
      return corpus;
    } catch (e) {
      this.log.error(Messages.corpusFailed(e instanceof Error ? e.message : String(e)));
      this.log.warnOnce(Messages.corpusFailedWarning);
      return undefined;
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/**
 * The corpus every feature reads: the bundled corpus, loaded on first use (first hover, sidebar
 * render or search) so that activation stays cheap, until the library service (`libraries.ts`)
 * swaps in the bundled papers merged with the user's libraries. A load failure or skipped
 * listing entries are logged with file and line, told to the user once, and never thrown into
 * the extension host.
 *
 * The corpus can change: `onDidChange` fires after the first load and after every swap, and
 * whatever caches something derived from a corpus (the sidebar's rows, scanned mentions, open
 * paper views) listens to it.
 */
import * as vscode from 'vscode';
import type { Corpus } from '../core/corpus';
import { formatProblem } from '../core/listing';
import { Messages } from './messages';
import type { Log } from './output';

/** What features depend on: the corpus when it could be loaded, `undefined` when it could not. */
export interface CorpusSource {
  get(): Corpus | undefined;
  /** Fires with the new corpus after the first load attempt and after every swap. */
  readonly onDidChange: vscode.Event<Corpus | undefined>;
}

export class LazyCorpus implements CorpusSource, vscode.Disposable {
  private state: { corpus: Corpus | undefined } | undefined;
  /** The bundled papers merged with the user's libraries, once loaded; replaces the bundled corpus. */
  private replacement: Corpus | undefined;
  private readonly emitter = new vscode.EventEmitter<Corpus | undefined>();
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly load: () => Corpus,
    private readonly log: Log,
  ) {}

  /** Whether the first load has been attempted, or a corpus swapped in. */
  get loaded(): boolean {
    return this.state !== undefined || this.replacement !== undefined;
  }

  /** Whether the corpus is the one swapped in by `replace` (the libraries'), not the bundled one. */
  get replaced(): boolean {
    return this.replacement !== undefined;
  }

  /**
   * Swaps in a corpus (the bundled papers merged with the user's libraries), or, given
   * `undefined`, goes back to the bundled corpus; fires `onDidChange` either way.
   */
  replace(corpus: Corpus | undefined): void {
    if (corpus === this.replacement) return;
    this.replacement = corpus;
    if (corpus) this.log.info(Messages.corpusReplaced(corpus.papers.length));
    this.emitter.fire(this.get());
  }

  get(): Corpus | undefined {
    if (this.replacement) return this.replacement;
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

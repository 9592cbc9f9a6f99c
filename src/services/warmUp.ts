/**
 * Builds, a few seconds after start-up and in slices of the host's thread, what the first hover
 * card would otherwise build while the user waits: the bundled corpus's topics, names, matcher
 * and search index (`Corpus.prepare`), and the related-papers index when a hover may build it.
 * Measured in the extension host on a 40 MB document, the first card took Paper Lens 26 ms and
 * the second 125 ms, almost all of it these one-time builds. Activation stays cheap: nothing
 * here runs before `WARM_UP_DELAY_MS`, and a corpus swapped in later (a library) comes prepared.
 */
import * as vscode from 'vscode';
import { SLICE_MS } from '../core/library/session';
import { runInSlices } from '../core/steps';
import type { CorpusSource } from './lazyCorpus';
import { Messages } from './messages';
import type { Log } from './output';
import { HOVER_BUILD_MAX_PAPERS, RELATED_SHOWN, type RelatedPapers } from './relatedPapers';

/** After start-up: the same wait as the workspace index's first run, which loads the corpus too. */
export const WARM_UP_DELAY_MS = 3000;

export function warmUp(corpus: CorpusSource, related: RelatedPapers, log: Log): vscode.Disposable {
  let disposed = false;
  const timer = setTimeout(() => {
    void (async () => {
      const loaded = corpus.get();
      if (!loaded || disposed) return;
      await runInSlices(loaded.prepare(), SLICE_MS);
      // The index a hover card would build for this corpus (none over the hover's limit).
      if (!disposed && loaded.papers.length && corpus.get() === loaded) related.of(loaded.papers[0], RELATED_SHOWN, HOVER_BUILD_MAX_PAPERS);
    })().catch((e) => log.warn(Messages.warmUpFailed(e instanceof Error ? e.message : String(e))));
  }, WARM_UP_DELAY_MS);
  return {
    dispose: () => {
      disposed = true;
      clearTimeout(timer);
    },
  };
}

/**
 * Builds, a few seconds after start-up and in slices of the host's thread, what the first hover
 * card would otherwise build while the user waits: the bundled corpus's topics, names, matcher
 * and search index (`Corpus.prepare`), and the related-papers index when a hover may build it.
 * Measured in the extension host on a 40 MB document, the first card took Paper Lens 26 ms and
 * the second 125 ms, almost all of it these one-time builds. Activation stays cheap: nothing
 * here runs before `WARM_UP_DELAY_MS`, and a corpus swapped in later (a library) comes prepared.
 *
 * Then it runs what a large document's first hover and first summary step run (a window's scan,
 * the cite-key and identifier look-ups, one part's summary) over a few kilobytes of the papers'
 * abstracts, a slice at a time. The first run of that code is the engine's slow one (measured in
 * the extension host on the 40 MB file: the summary's first step took 110 to 160 ms where later
 * ones take 3 ms, and a hover that came meanwhile waited for it); here it costs slices of
 * `SLICE_MS` before any document needs it. Last, a few searches (`Corpus.warmUpSearch`), for
 * the same reason: the first searches of a 50,000-paper library took 2-3 times as long without.
 */
import * as vscode from 'vscode';
import { findCiteKeys } from '../core/citeKeys';
import { WARM_UP_DELAY_MS, type Corpus } from '../core/corpus';
import { findIdentifiers } from '../core/identifiers';
import { InMemoryDocument, mentionsInWindow, windowAround } from '../core/scanWindow';
import { runInSlices, SLICE_MS, type Steps } from '../core/steps';
import type { AmbiguousNamePolicy } from '../core/types';
import type { CorpusSource } from './lazyCorpus';
import { Messages } from './messages';
import type { Log } from './output';
import { HOVER_BUILD_MAX_PAPERS, RELATED_SHOWN, type RelatedPapers } from './relatedPapers';
import type { SettingsSource } from './settings';

/** How much text each warm-up round reads, and how many rounds: enough for the engine to optimize the scanners' loops. */
const WARM_UP_CHARS = 4096;
const WARM_UP_ROUNDS = 8;

export function warmUp(corpus: CorpusSource, related: RelatedPapers, log: Log, settings: SettingsSource): vscode.Disposable {
  let disposed = false;
  const timer = setTimeout(() => {
    void (async () => {
      const loaded = corpus.get();
      if (!loaded || disposed) return;
      await runInSlices(loaded.prepare(), SLICE_MS);
      // The index a hover card would build for this corpus (none over the hover's limit).
      if (!disposed && loaded.papers.length && corpus.get() === loaded) related.of(loaded.papers[0], RELATED_SHOWN, HOVER_BUILD_MAX_PAPERS);
      if (!disposed && corpus.get() === loaded) await runInSlices(largeDocumentPaths(loaded, settings.current.ambiguousNames, () => disposed), SLICE_MS);
      // And what the first searches run (the quick pick's first keystrokes).
      if (!disposed && corpus.get() === loaded) await runInSlices(loaded.warmUpSearch(), SLICE_MS);
    })().catch((e) => log.warn(Messages.warmUpFailed(e instanceof Error ? e.message : String(e))));
  }, WARM_UP_DELAY_MS);
  return {
    dispose: () => {
      disposed = true;
      clearTimeout(timer);
    },
  };
}

/**
 * What a large document's hovers and summary run, over `WARM_UP_ROUNDS` pieces of the corpus's
 * abstracts (their results are dropped), one step per look-up so each slice stays short.
 */
function* largeDocumentPaths(corpus: Corpus, policy: AmbiguousNamePolicy, stopped: () => boolean): Steps<void> {
  // The first abstracts enough for the rounds, not every paper's: a library's are read when first asked for (see `TablePaper`).
  const abstracts: string[] = [];
  for (let k = 0, chars = 0; k < corpus.papers.length && chars < WARM_UP_ROUNDS * WARM_UP_CHARS; k++) {
    const abstract = corpus.papers[k].abstract;
    if (!abstract) continue;
    abstracts.push(abstract);
    chars += abstract.length;
  }
  if (!abstracts.length) return;
  const matcher = corpus.matcher;
  for (let round = 0, next = 0; round < WARM_UP_ROUNDS && !stopped(); round++) {
    let text = '';
    while (text.length < WARM_UP_CHARS) text += `${abstracts[next++ % abstracts.length]}\n\n`;
    matcher.summarizePart(text, policy);
    yield;
    const doc = new InMemoryDocument(text);
    mentionsInWindow(matcher, windowAround(doc, text.length >> 1), policy);
    findCiteKeys(text, 'markdown');
    findIdentifiers(text);
    yield;
  }
}

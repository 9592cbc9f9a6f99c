/**
 * The web entry point (`browser`: vscode.dev, github.dev, and the web worker extension host of
 * any VS Code in a browser). No Node API runs here or in anything it reaches:
 * - the seeds are bundled into this script (`seedTexts.ts`);
 * - a web extension cannot start web workers of its own when a VS Code server serves it
 *   (microsoft/vscode#168942), so libraries are parsed on the extension host's thread, in
 *   slices of `SLICE_MS` that yield to the host's other work between them, and with no cache
 *   on disk (each window parses them once);
 * - `~` in a library path means nothing (there is no home folder).
 * Files, the workspace's and the extension's own (CSL styles), are read through
 * `vscode.workspace.fs`, as under Node.
 */
import * as bibtexParser from '@retorquere/bibtex-parser';
import type * as vscode from 'vscode';
import { runInSlices, SLICE_MS, type SliceStats } from '../core/steps';
import { macroDecoderFrom } from '../core/library/macroFallback';
import { LibrarySession, type LibraryInput } from '../core/library/session';
import { bundledCorpusFrom, SEEDS, seedsFrom, type Seeds } from '../core/seeds';
import { activateWith, type PaperLensTestApi } from '../extension';
import type { LibraryLoader, LibraryLoadResult, Platform } from '../services/platform';
import { readBundledSeed } from './seedTexts';

/** Parses and merges libraries on the host's thread, in slices; one load at a time. */
class HostLibraryLoader implements LibraryLoader {
  readonly where = 'host' as const;
  private readonly session = new LibrarySession({
    listing: () => ({ text: readBundledSeed(SEEDS.listing), file: SEEDS.listing }),
    taxonomy: () => ({ text: readBundledSeed(SEEDS.topics), file: SEEDS.topics }),
    bibtex: { decodeMacro: macroDecoderFrom(bibtexParser) },
  });
  private chain: Promise<unknown> = Promise.resolve();
  /** Slices run and the longest, over every load (for the log and the tests). */
  readonly slices: SliceStats = { slices: 0, longestMs: 0 };

  load(order: readonly string[], changed: readonly LibraryInput[]): Promise<LibraryLoadResult> {
    const run = async (): Promise<LibraryLoadResult> => {
      const result = await runInSlices(this.session.load(order, changed), SLICE_MS, this.slices);
      const topics = new Map<string, readonly string[]>();
      result.papers.forEach((paper, i) => topics.set(paper.id, result.topics[i]));
      // The heap of a web worker cannot be measured.
      return { papers: result.papers, topics, problems: result.problems, stats: { ...result.stats, heapMB: Number.NaN } };
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  async dispose(): Promise<void> {
    // Nothing runs outside the host's thread; a load in progress finishes and is dropped by the service.
  }
}

export function webPlatform(): Platform {
  let seeds: Seeds | undefined;
  const seedsOnce = () => (seeds ??= seedsFrom(readBundledSeed));
  return {
    kind: 'web',
    bundledCorpus: () => bundledCorpusFrom(readBundledSeed, seedsOnce()),
    seeds: seedsOnce,
    libraryLoader: () => new HostLibraryLoader(),
    home: undefined,
  };
}

export function activate(context: vscode.ExtensionContext): PaperLensTestApi {
  return activateWith(context, webPlatform());
}

export { deactivate } from '../extension';

/**
 * "Not this paper" (from a hover card) and "Restore Hidden Names...": the user's correction of
 * a name linked to the wrong paper, and its undo.
 *
 * - `notThisPaper(paperId, name)` turns the name off for that paper in this workspace, and says
 *   so with an Undo button.
 * - `restoreHiddenNames` lists the hidden names (each with its paper) to link again, all picked
 *   by default; with none hidden it says so.
 */
import * as vscode from 'vscode';
import { collapseWhitespace } from '../core/text';
import { CommandId } from '../services/contributionIds';
import type { HiddenName, HiddenNames } from '../services/hiddenNames';
import type { CorpusSource } from '../services/lazyCorpus';
import { Messages } from '../services/messages';

/** How long the "restored" note stays in the status bar. */
const STATUS_MS = 4000;

function titleOf(corpus: CorpusSource, paperId: string): string {
  const paper = corpus.get()?.get(paperId);
  return paper ? collapseWhitespace(paper.title) : paperId;
}

export function registerHiddenNamesCommands(deps: { corpus: CorpusSource; hidden: HiddenNames }): vscode.Disposable {
  const { corpus, hidden } = deps;
  // One note at a time in the status bar.
  let note: vscode.Disposable | undefined;
  return vscode.Disposable.from(
    { dispose: () => note?.dispose() },
    vscode.commands.registerCommand(CommandId.notThisPaper, async (paperId?: unknown, name?: unknown) => {
      // Only a hover card's link calls this, with both arguments; anything else is ignored.
      if (typeof paperId !== 'string' || typeof name !== 'string' || !name) return;
      const pair: HiddenName = { paperId, name };
      await hidden.hide(pair);
      // The command is done once the name is hidden; the note with its Undo button may stay open.
      void vscode.window.showInformationMessage(Messages.nameHidden(name, titleOf(corpus, paperId)), Messages.undo).then(async (choice) => {
        if (choice === Messages.undo) await hidden.restore([pair]);
      });
    }),
    vscode.commands.registerCommand(CommandId.restoreHiddenNames, async () => {
      const pairs = hidden.list();
      if (!pairs.length) {
        void vscode.window.showInformationMessage(Messages.noHiddenNames);
        return;
      }
      const items = pairs.map((pair) => ({ pair, label: pair.name, description: Messages.hiddenNameDetail(titleOf(corpus, pair.paperId)), picked: true }));
      const chosen = await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: Messages.restorePlaceholder });
      if (!chosen?.length) return;
      await hidden.restore(chosen.map((c) => c.pair));
      note?.dispose();
      note = vscode.window.setStatusBarMessage(Messages.namesRestored(chosen.length), STATUS_MS);
    }),
  );
}

/**
 * The commands that act on one paper: open its view, reveal it in the sidebar, insert a mention
 * of it at the cursor, open its code repository. Each takes a paper id, a sidebar row, or
 * nothing (then asks which paper; see `services/paperArguments.ts`).
 */
import * as vscode from 'vscode';
import { codeLink } from '../core/links';
import { collapseWhitespace } from '../core/text';
import { CommandId } from '../services/contributionIds';
import type { CorpusSource } from '../services/lazyCorpus';
import { Messages } from '../services/messages';
import type { PaperArguments } from '../services/paperArguments';
import type { PaperRevealer, PaperViewer } from '../services/paperNavigation';

export interface PaperCommandDeps {
  readonly corpus: CorpusSource;
  readonly papers: PaperArguments;
  /** The paper view (`features/paperView.ts`). */
  readonly viewer: PaperViewer;
  /** The sidebar (`features/topicTree.ts`). */
  readonly sidebar: PaperRevealer;
}

export function registerPaperCommands(deps: PaperCommandDeps): vscode.Disposable {
  const { corpus, papers, viewer, sidebar } = deps;
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandId.openPaper, async (arg?: unknown) => {
      const paper = await papers.resolve(arg);
      if (paper) viewer.open(paper);
    }),

    vscode.commands.registerCommand(CommandId.revealPaper, async (arg?: unknown) => {
      const paper = await papers.resolve(arg);
      if (paper && !(await sidebar.reveal(paper))) void vscode.window.showWarningMessage(Messages.sidebarNotReady);
    }),

    vscode.commands.registerCommand(CommandId.insertMention, async (arg?: unknown) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage(Messages.noEditorForMention);
        return;
      }
      const paper = await papers.resolve(arg);
      if (!paper) return;
      const text = corpus.get()?.shortName(paper.id) ?? collapseWhitespace(paper.title);
      const inserted = await editor.edit((edit) => {
        for (const selection of editor.selections) edit.replace(selection, text);
      });
      if (inserted) vscode.window.setStatusBarMessage(Messages.mentionInserted(text), 3000);
    }),

    vscode.commands.registerCommand(CommandId.openCodeLink, async (arg?: unknown) => {
      const paper = await papers.resolve(arg, {
        placeholder: Messages.pickCodePaperPlaceholder,
        filter: (p) => codeLink(p.links) !== undefined,
      });
      if (!paper) return;
      const link = codeLink(paper.links);
      if (!link) {
        void vscode.window.showInformationMessage(Messages.noCodeLink(collapseWhitespace(paper.title)));
        return;
      }
      await vscode.env.openExternal(vscode.Uri.parse(link, true));
    }),
  );
}

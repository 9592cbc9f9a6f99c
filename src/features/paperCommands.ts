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
import type { PaperViews } from './paperView';
import type { TopicTreeProvider, TreeNode } from './topicTree';

export interface PaperCommandDeps {
  readonly corpus: CorpusSource;
  readonly papers: PaperArguments;
  readonly views: PaperViews;
  readonly tree: TopicTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
}

export function registerPaperCommands(context: vscode.ExtensionContext, deps: PaperCommandDeps): void {
  const { corpus, papers, views, tree, treeView } = deps;
  context.subscriptions.push(
    vscode.commands.registerCommand(CommandId.openPaper, async (arg?: unknown) => {
      const paper = await papers.resolve(arg);
      if (paper) views.open(paper);
    }),

    vscode.commands.registerCommand(CommandId.revealPaper, async (arg?: unknown) => {
      const paper = await papers.resolve(arg);
      if (!paper) return;
      const node = tree.nodeFor(paper.id);
      if (!node) {
        void vscode.window.showWarningMessage(Messages.sidebarNotReady);
        return;
      }
      await treeView.reveal(node, { select: true, focus: true, expand: true });
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

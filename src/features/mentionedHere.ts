/**
 * "Mentioned Here": the papers the workspace's files mention (from the workspace index), each
 * with how many files and mentions; under a paper, the files that mention it; under a file,
 * each mention's line. A click on a line opens the file with the mention selected.
 *
 * Also the command that lists a paper's mentions in the references view (the hover card's
 * "Mentioned in N files" link, and the paper rows' context menu), through the editor's own
 * `editor.action.showReferences`.
 */
import * as vscode from 'vscode';
import type { WorkspaceMention } from '../core/workspaceIndex';
import type { Paper } from '../core/types';
import { CommandId, TreeItemContext, ViewId } from '../services/contributionIds';
import type { CorpusSource } from '../services/lazyCorpus';
import { Messages } from '../services/messages';
import type { PaperArguments, PaperRow } from '../services/paperArguments';
import { mentionRange, type WorkspaceIndexService, type WorkspaceIndexSource } from '../services/workspaceIndex';

/** A paper row; the paper commands of its context menu receive it (see `PaperRow`). */
export interface MentionedPaperNode extends PaperRow {
  readonly kind: 'paper';
  readonly paper: Paper;
  readonly files: number;
  readonly occurrences: number;
}

export interface MentionedFileNode {
  readonly kind: 'file';
  readonly paper: Paper;
  readonly uri: vscode.Uri;
  readonly mentions: readonly WorkspaceMention[];
}

export interface MentionNode {
  readonly kind: 'mention';
  readonly uri: vscode.Uri;
  readonly mention: WorkspaceMention;
}

export type MentionedHereNode = MentionedPaperNode | MentionedFileNode | MentionNode;

export class MentionedHereProvider implements vscode.TreeDataProvider<MentionedHereNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<MentionedHereNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listener: vscode.Disposable;

  constructor(
    private readonly corpus: CorpusSource,
    private readonly index: WorkspaceIndexSource,
  ) {
    this.listener = index.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: MentionedHereNode): MentionedHereNode[] {
    if (!node) {
      const corpus = this.corpus.get();
      if (!corpus) return [];
      const out: MentionedPaperNode[] = [];
      for (const p of this.index.papers()) {
        const paper = corpus.get(p.paperId);
        if (paper) out.push({ kind: 'paper', paper, files: p.files, occurrences: p.occurrences });
      }
      return out;
    }
    if (node.kind === 'paper') return this.index.locations(node.paper.id).map(({ uri, mentions }) => ({ kind: 'file', paper: node.paper, uri, mentions }));
    if (node.kind === 'file') return node.mentions.map((mention) => ({ kind: 'mention', uri: node.uri, mention }));
    return [];
  }

  getTreeItem(node: MentionedHereNode): vscode.TreeItem {
    if (node.kind === 'paper') {
      // The short name when there is one (`DataComp`), so the counts beside it stay in view in a narrow side bar; the title is in the tooltip.
      const short = this.corpus.get()?.shortName(node.paper.id);
      const item = new vscode.TreeItem(short || node.paper.title, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `paper:${node.paper.id}`;
      item.description = Messages.mentionedCount(node.files, node.occurrences);
      // Plain text: a title is untrusted and a tooltip string is not rendered as markdown.
      item.tooltip = `${node.paper.title}\n${Messages.mentionedCount(node.files, node.occurrences)}`;
      item.contextValue = TreeItemContext.mentionedPaper;
      item.iconPath = new vscode.ThemeIcon('book');
      return item;
    }
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `file:${node.paper.id}:${node.uri.toString()}`;
      item.label = vscode.workspace.asRelativePath(node.uri);
      item.description = Messages.mentionedCount(1, node.mentions.length).replace(/^1 file · /, '');
      item.resourceUri = node.uri;
      item.iconPath = vscode.ThemeIcon.File;
      return item;
    }
    const m = node.mention;
    const item = new vscode.TreeItem(Messages.mentionedLine(m.line + 1), vscode.TreeItemCollapsibleState.None);
    item.id = `mention:${node.uri.toString()}:${m.start}:${m.paperId}`;
    item.description = m.preview;
    item.tooltip = m.preview;
    item.command = { command: 'vscode.open', title: Messages.mentionedLine(m.line + 1), arguments: [node.uri, { selection: mentionRange(m), preview: true } satisfies vscode.TextDocumentShowOptions] };
    return item;
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}

/** The tree view's message: progress while the index runs, why it is empty when it is off. */
function messageOf(index: WorkspaceIndexSource): string | undefined {
  if (index.state === 'off') return Messages.mentionedHereOff;
  if (index.state === 'indexing') {
    const p = index.progress;
    return p && p.total ? Messages.mentionedHereIndexing(p.done, p.total) : Messages.mentionedHereWaiting;
  }
  return undefined;
}

export interface MentionedHereDeps {
  readonly corpus: CorpusSource;
  readonly index: WorkspaceIndexService;
  readonly papers: PaperArguments;
}

/** Registers the view, its message, and the commands that list a paper's mentions and index again. */
export function registerMentionedHere(provider: MentionedHereProvider, deps: MentionedHereDeps): vscode.Disposable & { readonly view: vscode.TreeView<MentionedHereNode> } {
  const { index, papers } = deps;
  const view = vscode.window.createTreeView(ViewId.mentionedHere, { treeDataProvider: provider, showCollapseAll: true });
  const showMessage = () => {
    view.message = messageOf(index);
  };
  showMessage();
  const disposable = vscode.Disposable.from(
    view,
    index.onDidChange(showMessage),
    vscode.commands.registerCommand(CommandId.showMentions, async (arg?: unknown, uri?: unknown, line?: unknown, character?: unknown) => {
      const paper = await papers.resolve(arg);
      if (!paper) return;
      const locations = index.locations(paper.id).flatMap((l) => l.mentions.map((m) => new vscode.Location(l.uri, mentionRange(m))));
      if (!locations.length) {
        void vscode.window.showInformationMessage(Messages.noMentions(paper.title));
        return;
      }
      // The references view opens at a place in an editor: where the link was clicked (the
      // hover), else the active editor's cursor, else the first mention.
      const editor = vscode.window.activeTextEditor;
      const at =
        typeof uri === 'string' && typeof line === 'number' && typeof character === 'number'
          ? { uri: vscode.Uri.parse(uri), position: new vscode.Position(line, character) }
          : editor
            ? { uri: editor.document.uri, position: editor.selection.active }
            : { uri: locations[0].uri, position: locations[0].range.start };
      await vscode.commands.executeCommand('editor.action.showReferences', at.uri, at.position, locations);
    }),
    vscode.commands.registerCommand(CommandId.reindexWorkspace, () => index.restart()),
  );
  return Object.assign(disposable, { view });
}

/**
 * The sidebar: papers grouped under their topics (a paper filed under two topics appears under
 * both), under the library file they come from, or all papers A to Z. Nodes are built once per grouping and kept, so `getParent` and
 * `TreeView.reveal` work on the same objects the view holds.
 */
import * as vscode from 'vscode';
import { SEEDS } from '../core/seeds';
import type { Corpus } from '../core/corpus';
import { alphabeticalSteps, groupBySourceSteps } from '../core/sources';
import { runInSlices, type Steps } from '../core/steps';
import { codeLink } from '../core/links';
import { escapeMarkdown, truncateAtWord } from '../core/render';
import { collapseWhitespace } from '../core/text';
import type { Paper, Topic } from '../core/types';
import { CommandId, ContextKey, SettingKey, TreeItemContext, ViewId } from '../services/contributionIds';
import type { CorpusSource } from '../services/lazyCorpus';
import type { LibraryLoadingSource } from '../services/libraries';
import { Messages } from '../services/messages';
import type { PaperRevealer } from '../services/paperNavigation';
import type { PaperRow } from '../services/paperArguments';
import type { Settings, SettingsSource, SidebarGrouping } from '../services/settings';

export interface TopicNode {
  readonly kind: 'topic';
  readonly topic: Topic;
  readonly children: readonly PaperNode[];
}

/** A paper row; the commands of its context menu receive it (see `PaperRow`). */
export interface PaperNode extends PaperRow {
  readonly kind: 'paper';
  readonly paper: Paper;
  /** The topic row it sits under; none in the A to Z list. */
  readonly parent?: TopicNode;
}

export type TreeNode = TopicNode | PaperNode;

/** Characters of the abstract shown in a paper row's tooltip. */
const TOOLTIP_ABSTRACT = 400;

/** Papers with no topic (only if the taxonomy has no fallback topic) go under this row. */
const UNSORTED: Topic = { id: 'unfiled', label: Messages.unsortedTopic, description: Messages.unsortedTopicDescription, vocabulary: [] };

/** A library's first stage, grouped by topic: its papers are being filed (see `Corpus.firstStage`). */
const FILING_GROUP: Topic = { id: 'filing', label: Messages.filingGroup, description: Messages.filingGroupDescription, vocabulary: [] };

/** In the "by library file" grouping, the papers that ship with Paper Lens. */
const BUNDLED_GROUP: Topic = { id: 'file:bundled', label: Messages.bundledGroup, description: Messages.bundledGroupDescription, vocabulary: [] };

export class TopicTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private model: { grouping: SidebarGrouping; corpus: Corpus | undefined; roots: Promise<readonly TreeNode[]> } | undefined;
  private readonly listeners: vscode.Disposable[];

  constructor(
    private readonly corpus: CorpusSource,
    private readonly settings: SettingsSource,
  ) {
    this.listeners = [
      settings.onDidChange((keys) => {
        if (keys.includes(SettingKey.sidebarGrouping)) this.refresh();
      }),
      // A library loaded or edited: redraw from the new corpus. (The first load happens while
      // the rows are being built, which then use it: nothing to redraw.)
      corpus.onDidChange((changed) => {
        if (this.model && this.model.corpus !== changed) this.refresh();
      }),
    ];
  }

  get grouping(): SidebarGrouping {
    return this.settings.current.sidebarGrouping;
  }

  /** Drops the built nodes and redraws the whole tree. */
  refresh(): void {
    this.model = undefined;
    this.changed.fire(undefined);
  }

  /** The rows under `node`, or the top rows (built in slices of the extension host's thread: see `buildRoots`). */
  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return [...(await this.roots())];
    return node.kind === 'topic' ? [...node.children] : [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'paper' ? node.parent : undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const corpus = this.corpus.get();
    if (node.kind === 'topic') {
      const item = new vscode.TreeItem(node.topic.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `topic/${node.topic.id}`;
      item.description = String(node.children.length);
      item.tooltip = node.topic.description;
      item.contextValue = TreeItemContext.topic;
      return item;
    }
    const { paper } = node;
    const item = new vscode.TreeItem(collapseWhitespace(paper.title), vscode.TreeItemCollapsibleState.None);
    // Unique across the tree: the same paper can sit under several topics.
    item.id = `paper/${node.parent ? node.parent.topic.id : 'az'}/${paper.id}`;
    item.description = corpus?.shortName(paper.id) ?? false;
    item.iconPath = new vscode.ThemeIcon('book');
    item.contextValue = codeLink(paper.links) ? TreeItemContext.paperWithCode : TreeItemContext.paper;
    item.command = { command: CommandId.openPaper, title: 'Open Paper', arguments: [paper.id] };
    item.accessibilityInformation = { label: `${collapseWhitespace(paper.title)}${item.description ? `, ${item.description}` : ''}` };
    return item;
  }

  /** Tooltips are built only when a row is hovered. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind === 'paper') {
      item.tooltip = new vscode.MarkdownString(
        `**${escapeMarkdown(node.paper.title)}**\n\n${escapeMarkdown(truncateAtWord(node.paper.abstract, TOOLTIP_ABSTRACT))}`,
      );
    }
    return item;
  }

  /** The row to reveal for a paper: under its best topic, or its place in the A to Z list. */
  async nodeFor(paperId: string): Promise<PaperNode | undefined> {
    const corpus = this.corpus.get();
    if (!corpus) return undefined;
    const best = corpus.topicsOf(paperId)[0]?.id ?? leftOver(corpus).id;
    let fallback: PaperNode | undefined;
    for (const root of await this.roots()) {
      if (root.kind === 'paper') {
        if (root.paper.id === paperId) return root;
        continue;
      }
      const found = root.children.find((c) => c.paper.id === paperId);
      if (found && root.topic.id === best) return found;
      fallback ??= found;
    }
    return fallback;
  }

  private roots(): Promise<readonly TreeNode[]> {
    const grouping = this.grouping;
    const corpus = this.corpus.get();
    if (this.model?.grouping !== grouping || this.model.corpus !== corpus) {
      this.model = { grouping, corpus, roots: corpus ? runInSlices(buildRoots(corpus, grouping)) : Promise.resolve([]) };
    }
    return this.model.roots;
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.changed.dispose();
  }
}

/**
 * The top rows of a grouping, in steps: at 50,000 papers, grouping by library file (reading
 * each restored paper's sources) held the extension host's thread for 125 ms, and sorting A to
 * Z for 260 ms. The view shows its progress bar meanwhile.
 */
function* buildRoots(corpus: Corpus, grouping: SidebarGrouping): Steps<TreeNode[]> {
  if (grouping === 'file') {
    // One row per library file, then the bundled papers; each row is a group like a topic's.
    const groups = yield* groupBySourceSteps(corpus.papers, SEEDS.listing);
    return groups.map((group) => {
      const topic: Topic = group.file
        ? { id: `file:${group.file}`, label: group.file.replace(/^.*[\\/]/, ''), description: group.file, vocabulary: [] }
        : BUNDLED_GROUP;
      const node: { kind: 'topic'; topic: Topic; children: PaperNode[] } = { kind: 'topic', topic, children: [] };
      node.children = group.papers.map((paper) => ({ kind: 'paper', paper, parent: node }));
      return node;
    });
  }
  if (grouping === 'alphabetical') {
    const sorted = yield* alphabeticalSteps(corpus.papers);
    return sorted.map((paper): PaperNode => ({ kind: 'paper', paper }));
  }
  const roots: TopicNode[] = [];
  const topicNode = (topic: Topic, papers: readonly Paper[]): TopicNode => {
    const node: { kind: 'topic'; topic: Topic; children: PaperNode[] } = { kind: 'topic', topic, children: [] };
    node.children = papers.map((paper) => ({ kind: 'paper', paper, parent: node }));
    return node;
  };
  for (const topic of corpus.topics) {
    const papers = corpus.papersIn(topic.id);
    if (papers.length > 0) roots.push(topicNode(topic, papers));
  }
  const unsorted = corpus.papersInNoTopic();
  if (unsorted.length > 0) roots.push(topicNode(leftOver(corpus), unsorted));
  return roots;
}

/** The row of the papers under no topic: "Unfiled", or in a first stage, whose library papers are not filed yet, being filed. */
function leftOver(corpus: Corpus): Topic {
  return corpus.filing ? FILING_GROUP : UNSORTED;
}

/**
 * The registered sidebar: the view, its grouping buttons (the two groupings not in use, switched
 * by a context key) and its message kept in step with the corpus. Other features reveal papers in it
 * through the `PaperRevealer` the composition root hands them.
 */
export class TopicSidebar implements PaperRevealer, vscode.Disposable {
  readonly view: vscode.TreeView<TreeNode>;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly provider: TopicTreeProvider,
    settings: Settings,
    corpus: { onDidChange: vscode.Event<Corpus | undefined> },
    libraries: LibraryLoadingSource,
  ) {
    const view = vscode.window.createTreeView(ViewId.topics, { treeDataProvider: provider, showCollapseAll: true });
    this.view = view;
    const syncGrouping = () => vscode.commands.executeCommand('setContext', ContextKey.sidebarGrouping, settings.current.sidebarGrouping);
    void syncGrouping();
    // Above the rows: a library load under way (the rows are the papers loaded before), else
    // why there are no rows, if the corpus failed.
    let failed = false;
    const syncMessage = () => {
      const loading = libraries.loading;
      view.message = loading?.filing !== undefined ? Messages.librariesFilingTree(loading.files, loading.filing) : loading ? Messages.librariesLoadingTree(loading.files) : failed ? Messages.treeEmpty : undefined;
    };
    this.subscriptions = [
      view,
      corpus.onDidChange((loaded) => {
        failed = !loaded;
        syncMessage();
        view.description = loaded ? Messages.treeDescription(loaded.papers.length) : undefined;
      }),
      libraries.onDidChangeLoading(syncMessage),
      settings.onDidChange((keys) => {
        if (keys.includes(SettingKey.sidebarGrouping)) void syncGrouping();
      }),
      vscode.commands.registerCommand(CommandId.groupByTopic, () => settings.setSidebarGrouping('topic')),
      vscode.commands.registerCommand(CommandId.groupByFile, () => settings.setSidebarGrouping('file')),
      vscode.commands.registerCommand(CommandId.groupAlphabetically, () => settings.setSidebarGrouping('alphabetical')),
    ];
  }

  async reveal(paper: Paper): Promise<boolean> {
    const node = await this.provider.nodeFor(paper.id);
    if (!node) return false;
    await this.view.reveal(node, { select: true, focus: true, expand: true });
    return true;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Registers the sidebar over `provider` (which the caller owns and disposes). */
export function registerTopicTree(
  provider: TopicTreeProvider,
  settings: Settings,
  corpus: { onDidChange: vscode.Event<Corpus | undefined> },
  libraries: LibraryLoadingSource,
): TopicSidebar {
  return new TopicSidebar(provider, settings, corpus, libraries);
}

/**
 * Composition root: builds the shared services once and hands them to one `register...` per
 * feature. Nothing expensive happens here: the corpus, the name matcher and the search index are
 * built on first use (first hover, sidebar render or search).
 */
import * as vscode from 'vscode';
import type { Corpus } from './core/corpus';
import type { Mention } from './core/types';
import { registerCitationCommands } from './features/citationCommands';
import { DocumentMentions } from './services/documentMentions';
import { PaperHoverProvider, registerHover } from './features/hover';
import { CommandId } from './services/contributionIds';
import { LazyCorpus } from './services/lazyCorpus';
import { Messages } from './services/messages';
import { OutputLog } from './services/output';
import { PaperArguments } from './services/paperArguments';
import { registerPaperCommands } from './features/paperCommands';
import { PaperViews } from './features/paperView';
import { PaperPicker, registerSearchCommand, searchItems, type PaperPickItem } from './features/searchCommand';
import { Settings } from './services/settings';
import { registerTopicTree, TopicTreeProvider, type TreeNode } from './features/topicTree';

/**
 * Returned by `activate` for the integration tests only (`extensions.getExtension(...).exports`);
 * not a public API, and free to change with any release.
 */
export interface PaperLensTestApi {
  /** The corpus, loading it if needed; undefined when it could not be loaded. */
  corpus(): Corpus | undefined;
  /** Whether the corpus has been loaded (or its load attempted) yet. */
  corpusLoaded(): boolean;
  readonly topicTree: TopicTreeProvider;
  readonly topicView: vscode.TreeView<TreeNode>;
  mentionsAt(document: vscode.TextDocument, offset: number): Mention | undefined;
  /** The items the search quick pick shows for a query, in order. */
  searchItems(query: string): PaperPickItem[];
  readonly paperViews: PaperViews;
  /** Milliseconds `activate` took. */
  readonly activationMs: number;
}

export function activate(context: vscode.ExtensionContext): PaperLensTestApi {
  const started = performance.now();

  const log = new OutputLog();
  const settings = new Settings();
  const corpus = LazyCorpus.bundled(context.extensionPath, log);
  const mentions = new DocumentMentions(corpus, settings);
  const picker = new PaperPicker(corpus, settings);
  const papers = new PaperArguments(corpus, picker);
  const views = new PaperViews(context.extensionUri, corpus, settings);
  const tree = new TopicTreeProvider(corpus, settings);
  context.subscriptions.push(log, settings, corpus, mentions, views);

  const treeView = registerTopicTree(context, tree, settings, corpus);
  registerHover(context, new PaperHoverProvider(corpus, mentions, settings));
  registerSearchCommand(context, picker, mentions);
  registerPaperCommands(context, { corpus, papers, views, tree, treeView });
  registerCitationCommands(context, { corpus, papers, settings });
  context.subscriptions.push(vscode.commands.registerCommand(CommandId.showLog, () => log.show()));

  const activationMs = performance.now() - started;
  log.info(Messages.activated(activationMs));

  return {
    corpus: () => corpus.get(),
    corpusLoaded: () => corpus.loaded,
    topicTree: tree,
    topicView: treeView,
    mentionsAt: (document, offset) => mentions.at(document, offset),
    searchItems: (query) => {
      const loaded = corpus.get();
      return loaded ? searchItems(loaded, query) : [];
    },
    paperViews: views,
    activationMs,
  };
}

export function deactivate(): void {
  // Everything is disposed through `context.subscriptions`.
}

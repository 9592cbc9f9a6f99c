/**
 * Composition root: builds the shared services once, hands them to one `register...` per
 * feature, and owns every disposable through `context.subscriptions` (no feature touches the
 * extension context). Features never import one another: what two of them share is a service
 * built here (the paper picker, paper arguments), and what one feature offers another (opening a
 * paper's view, revealing it in the sidebar) is handed over as an interface from
 * `services/paperNavigation.ts`. Nothing expensive happens here: the corpus, the name matcher and
 * the search index are built on first use (first hover, sidebar render or search), the
 * user's libraries load after activation (parsed in a worker thread under Node, in slices on the
 * web), and the workspace index starts a few seconds after activation, yielding to the event
 * loop as it goes. What differs between the Node and the web extension host comes in as a
 * `Platform`, chosen by the entry point (`src/node/extension.ts`, `src/web/extension.ts`).
 */
import * as vscode from 'vscode';
import type { Corpus } from './core/corpus';
import type { Mention } from './core/types';
import { registerCitationCommands } from './features/citationCommands';
import { registerAppendBibEntry } from './features/appendBibEntry';
import { CiteKeyCompletionProvider, registerCiteKeyCompletion } from './features/citeKeyCompletion';
import { CiteKeyDiagnostics, registerCiteKeyDiagnostics } from './features/citeKeyDiagnostics';
import { CiteNavigation, registerCiteNavigation } from './features/citeKeyNavigation';
import { registerHiddenNamesCommands } from './features/hiddenNamesCommands';
import { registerInsertReferences } from './features/insertReferences';
import { NameCompletionProvider, registerNameCompletion } from './features/nameCompletion';
import { PaperHoverProvider, registerHover } from './features/hover';
import { registerLibraryProblems } from './features/libraryProblems';
import { registerLibraryProgress } from './features/libraryProgress';
import { registerPaperCommands } from './features/paperCommands';
import { PaperViews, registerPaperViewSerializer } from './features/paperView';
import { MentionedHereProvider, registerMentionedHere, type MentionedHereNode } from './features/mentionedHere';
import { registerSearchCommand } from './features/searchCommand';
import { registerTopicTree, TopicTreeProvider, type TreeNode } from './features/topicTree';
import { CommandId } from './services/contributionIds';
import { Citations } from './services/citations';
import { CiteTargets } from './services/citeTargets';
import { DocumentBibs } from './services/documentBibs';
import { DocumentMentions } from './services/documentMentions';
import { HiddenNames } from './services/hiddenNames';
import { SuppressedNames } from './services/suppressedNames';
import { LazyCorpus } from './services/lazyCorpus';
import { LibraryService } from './services/libraries';
import { Messages } from './services/messages';
import { WorkMetrics } from './services/metrics';
import { warmUp } from './services/warmUp';
import { OutputLog } from './services/output';
import { PaperArguments } from './services/paperArguments';
import { PaperPicker, searchItems, type PaperPickItem } from './services/paperPicker';
import type { Platform } from './services/platform';
import { RelatedPapers } from './services/relatedPapers';
import { Settings } from './services/settings';
import { WorkspaceIndexService } from './services/workspaceIndex';

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
  /** The items the search quick pick shows for a query, in order (`browseLimit`: at most this many papers listed for an empty query). */
  searchItems(query: string, browseLimit?: number): PaperPickItem[];
  readonly paperViews: PaperViews;
  /** The names turned off with "Not this paper" in this workspace. */
  readonly hiddenNames: HiddenNames;
  /** Whether a large document's one-sense summary is in place for its current version. */
  summarized(document: vscode.TextDocument): boolean;
  /** The user's libraries: their files, loads, and `idle()` to wait for a reload. */
  readonly libraries: LibraryService;
  /** The workspace index behind "Mentioned Here": `idle()` waits for a run or an update. */
  readonly workspaceIndex: WorkspaceIndexService;
  readonly mentionedHere: MentionedHereProvider;
  readonly mentionedHereView: vscode.TreeView<MentionedHereNode>;
  /** Milliseconds `activate` took. */
  readonly activationMs: number;
  /** The extension host the extension runs in: `node`, or `web` (the browser's web worker). */
  readonly platform: Platform['kind'];
  /** The work done on large documents: characters read per hover window and per summary, documents skipped for their size. */
  readonly metrics: WorkMetrics;
}

/** Activates Paper Lens with the platform the entry point chose. */
export function activateWith(context: vscode.ExtensionContext, platform: Platform): PaperLensTestApi {
  const started = performance.now();

  const log = new OutputLog();
  const settings = new Settings();
  const corpus = new LazyCorpus(() => platform.bundledCorpus(), log);
  const hidden = new HiddenNames(context.workspaceState);
  const suppressed = new SuppressedNames(hidden, settings, corpus);
  const metrics = new WorkMetrics();
  const mentions = new DocumentMentions(corpus, settings, suppressed, metrics);
  const targets = new CiteTargets(corpus, settings, metrics);
  const bibs = new DocumentBibs(platform.home);
  const diagnostics = new CiteKeyDiagnostics(corpus, targets, bibs, metrics);
  const picker = new PaperPicker(corpus, settings);
  const papers = new PaperArguments(corpus, picker);
  const citations = new Citations(context.extensionUri);
  const libraries = new LibraryService(platform, corpus, settings, log);
  const related = new RelatedPapers(corpus);
  const views = new PaperViews(context.extensionUri, corpus, settings, log, citations, related, () => libraries.idle());
  const tree = new TopicTreeProvider(corpus, settings);
  const sidebar = registerTopicTree(tree, settings, corpus, libraries);
  const workspaceIndex = new WorkspaceIndexService(corpus, settings, suppressed, log, () => libraries.idle());
  const mentionedHere = new MentionedHereProvider(corpus, workspaceIndex);
  const mentionedHereView = registerMentionedHere(mentionedHere, { corpus, index: workspaceIndex, papers });

  context.subscriptions.push(
    log,
    settings,
    corpus,
    hidden,
    suppressed,
    mentions,
    targets,
    bibs,
    diagnostics,
    views,
    tree,
    sidebar,
    registerPaperViewSerializer(views),
    registerHover(new PaperHoverProvider(corpus, mentions, settings, targets, related, workspaceIndex, metrics)),
    registerCiteKeyCompletion(new CiteKeyCompletionProvider(corpus, settings, bibs)),
    registerNameCompletion(new NameCompletionProvider(corpus, settings)),
    registerCiteKeyDiagnostics(diagnostics, corpus, { targets, bibs }),
    registerAppendBibEntry({ corpus, citations, bibs }),
    registerCiteNavigation(new CiteNavigation(corpus, targets, mentions, workspaceIndex, context.extensionUri)),
    registerSearchCommand(picker, mentions),
    registerPaperCommands({ corpus, papers, viewer: views, sidebar }),
    registerCitationCommands({ corpus, papers, settings, citations }),
    registerHiddenNamesCommands({ corpus, hidden }),
    registerInsertReferences({ corpus, mentions, targets, citations, settings }),
    libraries,
    registerLibraryProblems(libraries, log),
    registerLibraryProgress(libraries),
    workspaceIndex,
    mentionedHere,
    mentionedHereView,
    warmUp(corpus, related, log, settings),
    vscode.commands.registerCommand(CommandId.showLog, () => log.show()),
  );
  // Not awaited: the libraries load in the background (their parsing in a worker thread, or in
  // slices on the web), and the bundled corpus serves until they are in.
  void libraries.refresh();

  const activationMs = performance.now() - started;
  log.info(Messages.activated(activationMs));

  return {
    corpus: () => corpus.get(),
    corpusLoaded: () => corpus.loaded,
    topicTree: tree,
    topicView: sidebar.view,
    mentionsAt: (document, offset) => mentions.at(document, offset),
    searchItems: (query, browseLimit) => {
      const loaded = corpus.get();
      return loaded ? searchItems(loaded, query, undefined, browseLimit) : [];
    },
    paperViews: views,
    hiddenNames: hidden,
    summarized: (document) => mentions.summarized(document),
    libraries,
    workspaceIndex,
    mentionedHere,
    mentionedHereView: mentionedHereView.view,
    activationMs,
    platform: platform.kind,
    metrics,
  };
}

export function deactivate(): void {
  // Everything is disposed through `context.subscriptions`.
}

/**
 * Every id the extension shares with `package.json` (commands, views, settings, context keys,
 * tree item context values), defined once. `test/unit/manifest.test.ts` checks that the
 * manifest declares exactly these.
 */

export const CommandId = {
  searchPapers: 'paperLens.searchPapers',
  openPaper: 'paperLens.openPaper',
  revealPaper: 'paperLens.revealPaper',
  copyCitation: 'paperLens.copyCitation',
  insertMention: 'paperLens.insertMention',
  openCodeLink: 'paperLens.openCodeLink',
  groupByTopic: 'paperLens.groupByTopic',
  groupByFile: 'paperLens.groupByFile',
  groupAlphabetically: 'paperLens.groupAlphabetically',
  showLog: 'paperLens.showLog',
  /** From a hover card: stop a name linking to a paper in this workspace (arguments: paper id, name). */
  notThisPaper: 'paperLens.notThisPaper',
  restoreHiddenNames: 'paperLens.restoreHiddenNames',
  insertReferences: 'paperLens.insertReferences',
  /** Internal (quick fix, completion): append a paper's BibTeX entry to a `.bib` (arguments: the file's URI, the key, the paper id). */
  appendBibEntry: 'paperLens.appendBibEntry',
  /** Lists where the workspace mentions a paper in the references view (arguments: paper id, optionally the document URI and position to show them at). */
  showMentions: 'paperLens.showMentions',
  /** Indexes the workspace's files again from scratch ("Mentioned Here" title bar). */
  reindexWorkspace: 'paperLens.reindexWorkspace',
} as const;
export type CommandId = (typeof CommandId)[keyof typeof CommandId];

export const ViewId = {
  container: 'paperLens',
  topics: 'paperLens.topics',
  /** The papers the workspace's files mention, with the files and lines. */
  mentionedHere: 'paperLens.mentionedHere',
  /** The webview panel type of the paper view. */
  paperPanel: 'paperLens.paper',
} as const;

/** The settings section; keys below are relative to it. */
export const SETTINGS_SECTION = 'paperLens';

export const SettingKey = {
  hoverEnabled: 'hover.enabled',
  hoverLanguages: 'hover.languages',
  hoverAbstractLength: 'hover.abstractLength',
  ambiguousNames: 'mentions.ambiguousNames',
  /** Which names of library papers are recognised in text: all of them, or their full titles only. */
  libraryNames: 'mentions.libraryNames',
  citationDefaultFormat: 'citation.defaultFormat',
  sidebarGrouping: 'sidebar.grouping',
  completePaperNames: 'completion.paperNames',
  /** Library files or globs, absolute or relative to each workspace folder. */
  libraries: 'libraries',
  /**
   * Whether `.bib` files named by the workspace's `.tex` and markdown files are read. Not
   * `libraries.discover`: VS Code keeps settings as a tree split at dots, and a key below
   * `libraries`, whose value is an array, would be stored on that array or lost.
   */
  discoverLibraries: 'discoverLibraries',
  /** Documents larger than this many MB get no hovers, warnings or completions. */
  maxDocumentSize: 'maxDocumentSizeMB',
  /** Whether the workspace's files are indexed in the background for "Mentioned Here" and the hover's file count. */
  workspaceIndexEnabled: 'workspaceIndex.enabled',
  /** Files larger than this (KB) are left out of the workspace index. */
  workspaceIndexMaxFileSize: 'workspaceIndex.maxFileSizeKB',
} as const;
export type SettingKey = (typeof SettingKey)[keyof typeof SettingKey];

/** Context keys set with `setContext`, used in `when` clauses of the manifest. */
export const ContextKey = {
  /** `topic`, `file` or `alphabetical`: the sidebar shows the buttons of the other two groupings. */
  sidebarGrouping: 'paperLens.sidebarGrouping',
} as const;

/** `TreeItem.contextValue`s, matched by `viewItem == ...` in the manifest's menus. */
export const TreeItemContext = {
  topic: 'topic',
  paper: 'paper',
  /** A paper whose links include a code repository: shows "Open Code Repository". */
  paperWithCode: 'paperWithCode',
  /** A paper row of "Mentioned Here". */
  mentionedPaper: 'mentionedPaper',
} as const;

/** The URI scheme of a notebook cell's document (its `fileName` is the notebook's). */
export const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';

/**
 * The schemes of workspace files that are not on a local disk: `vscode-remote` (a server's file
 * seen from the browser's web worker host, as code-server shows them) and `vscode-vfs` (virtual
 * workspaces: GitHub Repositories, github.dev, vscode.dev's remote repositories).
 */
export const WORKSPACE_FILE_SCHEMES = ['vscode-remote', 'vscode-vfs'] as const;

/**
 * The documents Paper Lens reads for hovers, completion, navigation and quick fixes: saved
 * files (local, remote or virtual), untitled buffers and notebook cells, any language (settings
 * filter per document). Not every scheme: output channels, diffs' old sides and settings
 * editors are not writing.
 */
export const PAPER_DOCUMENTS = [
  { scheme: 'file' },
  { scheme: 'untitled' },
  { scheme: NOTEBOOK_CELL_SCHEME },
  ...WORKSPACE_FILE_SCHEMES.map((scheme) => ({ scheme })),
] as const;

/** Keys of the extension's `workspaceState`. */
export const StateKey = {
  /** Name–paper pairs turned off with "Not this paper": `{ paperId, name }[]`. */
  hiddenNames: 'paperLens.hiddenNames',
} as const;

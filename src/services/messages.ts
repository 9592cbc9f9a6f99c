/** Every user-visible string of the editor layer, so wording stays consistent and reviewable. */
import type { LoadStats } from '../worker/protocol';

/** How the log names the parts of an index kept from the last load (`LoadStats.reusedParts`). */
const PART_NAMES: Readonly<Record<string, string>> = { matcher: 'mention matcher', citeKeys: 'cite keys', identifiers: 'arXiv ids and DOIs' };

export const Messages = {
  outputChannel: 'Paper Lens',
  showLog: 'Show Log',

  activated: (ms: number) => `Activated in ${ms.toFixed(1)} ms (the corpus loads on first use).`,
  corpusLoaded: (papers: number, topics: number, ms: number) =>
    `Loaded ${papers} papers in ${topics} topics in ${ms.toFixed(1)} ms.`,
  corpusReplaced: (papers: number) => `Now showing ${papers} papers: the bundled corpus and your libraries.`,
  librariesLoaded: (
    files: number,
    papers: number,
    ms: number,
    stats: LoadStats,
    where: 'worker' | 'host' = 'worker',
  ) =>
    `${stats.byStamps ? 'Opened' : 'Read'} ${files === 1 ? '1 library file' : `${files} library files`} in ${ms.toFixed(0)} ms` +
    (stats.byStamps ? ` (unchanged since last read, by size and modification time: none read again)` : '') +
    `: ${papers} papers with the bundled ones ` +
    `(${stats.parsed} parsed in ${stats.parseMs.toFixed(0)} ms, ${stats.cached} from the cache, merged in ${stats.mergeMs.toFixed(0)} ms, ` +
    `filed under topics in ${stats.classifyMs.toFixed(0)} ms` +
    (stats.reusedFiling ? ` (${stats.reusedFiling} of them, unchanged, filed and named as the last load did)` : '') +
    (stats.prepareMs === undefined ? '' : `, names, matcher and search index ${stats.preparedCached ? 'read from the cache' : stats.reusedIndex ? "the last load's (no paper changed in a field they read)" : 'built'} in ${stats.prepareMs.toFixed(0)} ms`) +
    (stats.prepareThreads === 2 ? ' on two threads' : '') +
    (stats.reusedParts?.length ? ` (the last load's ${stats.reusedParts.map((part) => PART_NAMES[part] ?? part).join(', ')} kept as they were)` : '') +
    (stats.helperFailure ? ` (on one thread: its helper thread failed: ${stats.helperFailure})` : '') +
    `, ${where === 'worker' ? 'in the library worker' : "on the extension host's thread, in slices"}).`,
  corpusPrepared: (papers: number, ms: number, slices: number, longestMs: number, restored: boolean) =>
    `${restored ? 'Restored' : 'Built'} the names, mention matcher and search index of ${papers} papers in ${ms.toFixed(0)} ms, in ${slices} slices of the extension host's thread (the longest ${longestMs.toFixed(0)} ms).`,
  warmUpFailed: (detail: string) => `Could not prepare the papers ahead of the first hover (it builds what it needs instead): ${detail}`,
  librariesFailed: (detail: string) => `Could not load your libraries; the papers shown stay as they were: ${detail}`,
  librariesFirstStage: (files: number, papers: number, ms: number, restoreMs: number, longestMs: number) =>
    `First stage of ${files === 1 ? '1 library file' : `${files} library files`} in ${ms.toFixed(0)} ms: ${papers} papers searchable by title, author, year and key, their cite keys known (restored in ${restoreMs.toFixed(0)} ms, the longest slice ${longestMs.toFixed(0)} ms); filing them under topics and naming them goes on.`,
  librariesEarlier: (files: number, papers: number, changed: number, ms: number, longestMs: number) =>
    `${files === 1 ? 'The library file' : `${files} library files`} as last loaded, with the ${changed === 1 ? 'entry' : `${changed} entries`} changed since, in ${ms.toFixed(0)} ms (the longest slice ${longestMs.toFixed(0)} ms): ${papers} papers; the changed ${files === 1 ? 'file is' : 'files are'} being loaded whole.`,
  libraryQuickStage: (file: string, replaced: number, added: number, removed: number, ms: number, longestMs: number) =>
    `Quick update of ${file} in ${ms.toFixed(0)} ms (the longest slice ${longestMs.toFixed(0)} ms): ${replaced} changed, ${added} added, ${removed} removed; the whole file is being reloaded.`,
  libraryQuickStageSkipped: (file: string, reason: string) => `No quick update of ${file} (${reason}): it shows once the whole file is reloaded.`,
  libraryNeedsFolder: (written: string) => `The library path "${written}" is relative, and no folder is open to read it in.`,
  librariesRestricted: 'This workspace is not trusted: library paths in its settings are not read, and its LaTeX and markdown files are not searched for libraries, until you trust it.',
  libraryProblems: (count: number, files: number) =>
    `${count === 1 ? '1 problem' : `${count} problems`} in ${files === 1 ? '1 library file' : `${files} library files`}; every other entry loaded. See the Problems panel.`,
  libraryProblemSource: 'Paper Lens',
  corpusFailed: (detail: string) => `Could not load the paper corpus: ${detail}`,
  corpusProblemsWarning: (count: number) =>
    count === 1
      ? 'Paper Lens skipped 1 entry of its paper listing. See the log for the file and line.'
      : `Paper Lens skipped ${count} entries of its paper listing. See the log for the files and lines.`,
  corpusFailedWarning: 'Paper Lens could not load its paper corpus, so hovers, the sidebar and search are empty. See the log for details.',
  treeEmpty: 'The paper corpus could not be loaded. Run "Paper Lens: Show Log" for details.',
  librariesLoadingStatus: (files: readonly string[]) => `Paper Lens: reading ${libraryFilesNamed(files)}`,
  librariesFilingStatus: (files: readonly string[]) => `Paper Lens: filing the papers of ${libraryFilesNamed(files)} under topics`,
  librariesLoadingTree: (files: readonly string[]) => `Reading ${libraryFilesNamed(files)}… Until it is in, the papers shown are those loaded before.`,
  librariesFilingTree: (files: readonly string[], papers: number) =>
    `Filing the ${papers.toLocaleString('en-US')} papers of ${libraryFilesNamed(files)} under topics… Search, cite keys and the groupings by library file and A to Z work already; topics and hovers on paper names follow.`,
  treeDescription: (papers: number) => (papers === 1 ? '1 paper' : `${papers} papers`),
  unsortedTopic: 'Unfiled',
  browseMore: (count: number) => `${count.toLocaleString('en-US')} more ${count === 1 ? 'paper' : 'papers'}: type to search them`,
  bundledGroup: 'Bundled papers',
  bundledGroupDescription: 'The papers that ship with Paper Lens.',
  filingGroup: 'Being filed under topics',
  filingGroupDescription: 'A large library is in: its papers are being filed under topics and named. Meanwhile they are all here, and search finds them by title, author, year and key.',
  unsortedTopicDescription: 'Papers that no topic of the taxonomy claims: often library entries with a title and no abstract.',

  searchTitle: 'Search Papers',
  searchPlaceholder: 'Search papers by name, title, topic or abstract',
  pickPaperPlaceholder: 'Which paper?',
  pickCodePaperPlaceholder: 'Which paper? (papers with a code link)',
  pickFormatPlaceholder: (title: string) => `Copy a citation of "${title}" as`,
  copyCitationButton: 'Copy Citation',
  openCodeButton: 'Open Code Repository',

  formatLabel: {
    markdown: 'Markdown',
    text: 'Plain Text',
    bibtex: 'BibTeX',
    pandoc: 'Pandoc [@key]',
    latex: 'LaTeX \\cite{key}',
    apa: 'APA',
    ieee: 'IEEE',
    chicago: 'Chicago (author-date)',
    vancouver: 'Vancouver',
    harvard: 'Harvard',
  } as const,
  citationCopied: (name: string) => `$(check) Copied citation of ${name}`,
  mentionInserted: (name: string) => `$(check) Inserted ${name}`,
  noEditorForMention: 'Open a text editor and place the cursor where the mention should go.',
  noCodeLink: (title: string) => `"${title}" links to no code repository.`,
  unknownPaper: (id: string) => `Paper Lens knows no paper "${id}".`,
  sidebarNotReady: 'The Paper Lens sidebar is not available.',
  paperViewRestored: (id: string) => `Restored the paper view of "${id}" after a window reload.`,
  paperViewNotRestored: (state: string) => `Closed a paper view kept across a window reload: its state ${state} names no paper of the corpus.`,

  noEditorForReferences: 'Open the document whose references you want, and place the cursor where the list should go.',
  noPapersMentioned: 'This document mentions no paper that Paper Lens knows, by name, title or cite key.',
  pickReferencesFormat: (count: number) => `A reference list of the ${count === 1 ? 'paper' : `${count} papers`} this document mentions, as`,
  completionTitleDetail: 'Paper title (Paper Lens)',
  unknownCiteKey: (key: string) => `Paper Lens knows no paper with the key "${key}" (not in the bundled papers or your libraries).`,
  searchForKey: (key: string) => `Search Papers for "${key}"`,
  citeKeyNotInBib: (key: string, bib: string, title: string) => `"${key}" is not in ${bib}, so LaTeX will print it as undefined. Paper Lens knows it: "${title}".`,
  appendBibEntry: (key: string, bib: string) => `Append BibTeX entry for ${key} to ${bib}`,
  addsToBib: (bib: string) => `adds to ${bib}`,
  bibEntryAppended: (key: string, bib: string) => `$(check) Added ${key} to ${bib}`,
  bibUnreadable: (file: string) => `Could not read ${file}, so no entry was added to it. Check that the file exists and can be read.`,
  bibEntryNotApplied: (key: string, file: string) => `Could not add ${key} to ${file}: the editor did not apply the change.`,
  nameHidden: (name: string, title: string) => `"${name}" no longer links to "${title}" in this workspace.`,
  undo: 'Undo',
  noHiddenNames: 'No names are hidden in this workspace.',
  restorePlaceholder: 'Names to link to their papers again',
  hiddenNameDetail: (title: string) => `not linked to "${title}"`,
  namesRestored: (count: number) => (count === 1 ? '$(check) 1 name links to its paper again' : `$(check) ${count} names link to their papers again`),

  workspaceIndexProgressTitle: 'Paper Lens',
  workspaceIndexProgress: (done: number, total: number) => `indexing the workspace: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} files`,
  workspaceIndexed: (files: number, binary: number, large: number, papers: number, ms: number) =>
    `Indexed ${files} workspace files in ${(ms / 1000).toFixed(1)} s (skipped ${binary} binary and ${large} over the size limit): ${papers === 1 ? '1 paper' : `${papers} papers`} mentioned.`,
  workspaceIndexTruncated: (max: number) => `The workspace has more than ${max.toLocaleString('en')} files: only the first ${max.toLocaleString('en')} are indexed.`,
  workspaceIndexFailed: (detail: string) => `Could not index the workspace's files: ${detail}`,
  mentionedHereIndexing: (done: number, total: number) => `Indexing the workspace: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} files…`,
  mentionedHereWaiting: 'Indexing the workspace…',
  mentionedHereOff: 'The workspace index is off (paperLens.workspaceIndex.enabled).',
  mentionedCount: (files: number, occurrences: number) => `${files === 1 ? '1 file' : `${files} files`} · ${occurrences === 1 ? '1 mention' : `${occurrences} mentions`}`,
  mentionedLine: (line: number) => `line ${line}`,
  mentionedInFiles: (files: number) => (files === 1 ? 'Mentioned in 1 file' : `Mentioned in ${files} files`),
  noMentions: (title: string) => `No file of this workspace mentions "${title}".`,
} as const;

/** A library file by its name (without its folder), or how many there are. */
function libraryFilesNamed(files: readonly string[]): string {
  return files.length === 1 ? (files[0].split(/[\\/]/).pop() ?? files[0]) : `${files.length} library files`;
}

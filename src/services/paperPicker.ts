/**
 * The paper quick pick, ranked by the core search index on every keystroke. "Search Papers" opens
 * it, and it answers "which paper?" for commands run from the palette without an argument.
 *
 * Matched words: the 1.90 API cannot set highlight ranges on an item (`QuickPickItem` has no
 * `highlights`), so each item's detail line is the part of the abstract around the first match,
 * and VS Code's own matching highlights the typed words in that snippet and in the description.
 */
import * as vscode from 'vscode';
import type { Corpus } from '../core/corpus';
import { codeLink } from '../core/links';
import { escapeIcons, snippetAround, truncateAtWord } from '../core/render';
import { collapseWhitespace } from '../core/text';
import type { Paper, SearchResult } from '../core/types';
import { CommandId } from './contributionIds';
import type { CorpusSource } from './lazyCorpus';
import { Messages } from './messages';
import type { SettingsSource } from './settings';

export interface PaperPickItem extends vscode.QuickPickItem {
  readonly paper?: Paper;
}

/** Results shown for a query; the list is short enough to scan, long enough for vague queries. */
const RESULT_LIMIT = 50;
/** Characters of abstract shown under each item. */
const DETAIL_WIDTH = 160;

const COPY_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('copy'), tooltip: Messages.copyCitationButton };
const CODE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('link-external'), tooltip: Messages.openCodeButton };

/**
 * The items for `query`, in the core's ranking. An empty query lists every paper under its best
 * topic, topics in taxonomy order, with separators. Exported for the integration tests: what they
 * check is exactly what the quick pick shows.
 */
export function searchItems(corpus: Corpus, query: string, filter: (paper: Paper) => boolean = () => true, browseLimit = BROWSE_LIMIT): PaperPickItem[] {
  if (!query.trim()) return browseItems(corpus, filter, browseLimit);
  return corpus.searchIndex
    .search(query, RESULT_LIMIT)
    .filter((result) => filter(result.paper))
    .map((result) => resultItem(corpus, result));
}

/**
 * Papers the empty-query list shows at most, spread over its sections: a library of 50,000
 * papers listed whole made 50,000 items and read every paper's abstract and links (270 ms for
 * the fields alone, read from a restored library's table) for a list nobody scrolls; typing
 * searches them all.
 */
const BROWSE_LIMIT = 2000;

function browseItems(corpus: Corpus, filter: (paper: Paper) => boolean, limit: number): PaperPickItem[] {
  const items: PaperPickItem[] = [];
  // Up to this many papers a section when the corpus is over the limit (the topics, then "Unfiled").
  const perSection = corpus.papers.length > limit ? Math.max(1, Math.floor(limit / (corpus.topics.length + 1))) : Infinity;
  let notShown = 0;
  const section = (topicId: string | undefined, label: string, papers: readonly Paper[]) => {
    const shown = papers.filter(filter);
    if (shown.length === 0) return;
    items.push({ label, kind: vscode.QuickPickItemKind.Separator });
    shown.forEach((paper, k) => {
      // The separator names the best topic; the description names the others. Papers over the
      // section's share are counted, not listed.
      if (k < perSection) items.push(paperItem(corpus, paper, collapseWhitespace(paper.title), truncateAtWord(paper.abstract, DETAIL_WIDTH), topicId));
      else notShown++;
    });
  };
  // Each paper once: under its best topic, else under none.
  for (const topic of corpus.topics) {
    section(topic.id, topic.label, corpus.papersIn(topic.id).filter((p) => corpus.topicsOf(p.id)[0]?.id === topic.id));
  }
  section(undefined, Messages.unsortedTopic, corpus.papersInNoTopic());
  if (notShown > 0) items.push({ label: Messages.browseMore(notShown), kind: vscode.QuickPickItemKind.Separator });
  return items;
}

function resultItem(corpus: Corpus, result: SearchResult): PaperPickItem {
  const { paper } = result;
  const abstractRanges = result.matches.find((m) => m.field === 'abstract')?.ranges ?? [];
  return paperItem(corpus, paper, unsortable(collapseWhitespace(paper.title)), snippetAround(collapseWhitespace(paper.abstract), abstractRanges, DETAIL_WIDTH));
}

function paperItem(corpus: Corpus, paper: Paper, label: string, detail: string, sectionTopic?: string): PaperPickItem {
  const shortName = corpus.shortName(paper.id);
  const topics = corpus
    .topicsOf(paper.id)
    .filter((t) => t.id !== sectionTopic)
    .map((t) => t.label)
    .join(', ');
  return {
    paper,
    label: escapeIcons(label),
    description: escapeIcons([shortName, topics].filter(Boolean).join(' · ')),
    detail: escapeIcons(detail),
    alwaysShow: true,
    buttons: codeLink(paper.links) ? [COPY_BUTTON, CODE_BUTTON] : [COPY_BUTTON],
  };
}

/**
 * VS Code re-sorts the items whose *label* contains the typed text (prefix matches first, then
 * alphabetically) even with `alwaysShow`, which would undo the core's ranking; turning that off
 * (`sortByLabel`) is proposed API, not in 1.90. A word joiner (U+2060: no width, no glyph, no
 * line break) after each character keeps the label from containing the query, so the list stays
 * in the core's order. Applied only to query results: the browse list is never re-sorted.
 */
function unsortable(label: string): string {
  return Array.from(label).join('\u2060');
}

export interface PickOptions {
  readonly title?: string;
  readonly placeholder?: string;
  readonly initialQuery?: string;
  /** Only papers passing this are offered. */
  readonly filter?: (paper: Paper) => boolean;
}

/** The quick pick over the corpus; `pick` resolves with the chosen paper or undefined. */
export class PaperPicker {
  constructor(
    private readonly corpus: CorpusSource,
    private readonly settings: SettingsSource,
  ) {}

  pick(options: PickOptions = {}): Promise<Paper | undefined> {
    const corpus = this.corpus.get();
    if (!corpus) return Promise.resolve(undefined);
    const filter = options.filter ?? (() => true);
    const quickPick = vscode.window.createQuickPick<PaperPickItem>();
    quickPick.title = options.title;
    quickPick.placeholder = options.placeholder ?? Messages.searchPlaceholder;
    // VS Code highlights the typed words where they occur in the description (short name,
    // topics) and in the abstract snippet. Its sort looks at label matches only, which
    // `unsortable` rules out, so the highlights never reorder the core's ranking (test/ui
    // checks the order on screen for queries VS Code alone would sort differently).
    quickPick.matchOnDescription = true;
    quickPick.matchOnDetail = true;
    // The corpus is read at each keystroke: a library loaded while the pick is open shows at once.
    const update = (query: string) => {
      quickPick.items = searchItems(this.corpus.get() ?? corpus, query, filter);
    };
    const initial = options.initialQuery ?? '';
    quickPick.value = initial;
    update(initial);

    return new Promise<Paper | undefined>((resolve) => {
      let chosen: Paper | undefined;
      const subscriptions = [
        quickPick.onDidChangeValue(update),
        quickPick.onDidAccept(() => {
          chosen = quickPick.activeItems[0]?.paper;
          if (chosen) quickPick.hide();
        }),
        quickPick.onDidTriggerItemButton(({ item, button }) => {
          if (!item.paper) return;
          if (button === COPY_BUTTON) {
            void vscode.commands.executeCommand(CommandId.copyCitation, item.paper.id, this.settings.current.citationDefaultFormat);
          } else if (button === CODE_BUTTON) {
            void vscode.commands.executeCommand(CommandId.openCodeLink, item.paper.id);
          }
        }),
        quickPick.onDidHide(() => {
          for (const s of subscriptions) s.dispose();
          quickPick.dispose();
          resolve(chosen);
        }),
      ];
      quickPick.show();
    });
  }
}

/**
 * Hover cards on paper names in any file or untitled document. The card itself is rendered by
 * the pure `core/hoverCard`; this provider only finds the mention, converts offsets to a range
 * and wraps the markdown so that exactly the card's commands may run from it.
 */
import * as vscode from 'vscode';
import { renderHoverCard, type HoverCardCommands } from '../core/hoverCard';
import { isTitleName } from '../core/types';
import type { CiteTargets } from '../services/citeTargets';
import { startSpan, type WorkMetrics } from '../services/metrics';
import type { DocumentMentions } from '../services/documentMentions';
import { CommandId, PAPER_DOCUMENTS } from '../services/contributionIds';
import type { CorpusSource } from '../services/lazyCorpus';
import { HOVER_BUILD_MAX_PAPERS, RELATED_SHOWN, type RelatedPapers } from '../services/relatedPapers';
import type { SettingsSource } from '../services/settings';
import type { WorkspaceIndexSource } from '../services/workspaceIndex';

const CARD_COMMANDS: HoverCardCommands = {
  openPaper: CommandId.openPaper,
  revealPaper: CommandId.revealPaper,
  copyCitation: CommandId.copyCitation,
  notThisPaper: CommandId.notThisPaper,
  showMentions: CommandId.showMentions,
};


export class PaperHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly corpus: CorpusSource,
    private readonly mentions: DocumentMentions,
    private readonly settings: SettingsSource,
    private readonly targets: CiteTargets,
    private readonly related: RelatedPapers,
    /** The workspace index, for the card's "Mentioned in N files"; none: the card leaves it out. */
    private readonly workspace?: WorkspaceIndexSource,
    /** Where each hover's own time goes (for the tests; shown nowhere). */
    private readonly metrics?: WorkMetrics,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const span = startSpan();
    try {
      return this.hover(document, position);
    } finally {
      this.metrics?.hoverAnswered(span);
    }
  }

  private hover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const settings = this.settings.hoverFor(document);
    if (!settings.enabled) return undefined;

    const offset = document.offsetAt(position);
    // A cite key (`[@key]`, `\cite{key}`), an arXiv id or a DOI of a known paper gets the same
    // card as a name; a key comes first, since a key that spells a name is still a key.
    const target = this.targets.at(document, offset);
    const mention = target?.paper ? undefined : this.mentions.at(document, offset);
    const found = target?.paper ? { start: target.start, end: target.end, paperId: target.paper.id } : mention;
    if (!found) return undefined;
    const corpus = this.corpus.get();
    const paper = corpus?.get(found.paperId);
    if (!corpus || !paper) return undefined;

    const markdown = new vscode.MarkdownString(
      renderHoverCard(
        {
          paper,
          shortName: corpus.shortName(paper.id),
          topics: corpus.topicsOf(paper.id).map((t) => t.label),
          // A name can be the wrong paper; a full title cannot.
          mentionedAs: mention && !isTitleName(mention) ? mention.text : undefined,
          related: this.related.of(paper, RELATED_SHOWN, HOVER_BUILD_MAX_PAPERS).map((r) => ({ id: r.paper.id, title: r.paper.title })),
          mentionedIn: this.workspace ? { files: this.workspace.filesMentioning(paper.id), uri: document.uri.toString(), line: position.line, character: position.character } : undefined,
        },
        { abstractLength: settings.abstractLength, commands: CARD_COMMANDS },
      ),
    );
    markdown.isTrusted = { enabledCommands: Object.values(CARD_COMMANDS).filter((c): c is string => c !== undefined) };
    markdown.supportHtml = false;
    markdown.supportThemeIcons = false;
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(found.start), document.positionAt(found.end)));
  }
}

export function registerHover(provider: PaperHoverProvider): vscode.Disposable {
  return vscode.languages.registerHoverProvider(PAPER_DOCUMENTS, provider);
}

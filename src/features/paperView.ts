/**
 * The paper view: one webview panel per paper, reused when the paper is opened again.
 *
 * Why a webview rather than a read-only virtual document: the view has actions (copy citation,
 * reveal in sidebar, open code) that must be one click away, and it should look like a page
 * (title, topic badges, theme colours) rather than source text. A webview gives both; the cost,
 * running content in a browser frame, is kept small: the page has no script at all (its actions
 * are `command:` links allowed for exactly three commands), no remote content, and a CSP of
 * `default-src 'none'` plus one nonce'd inline style sheet (see `core/paperPage.ts`).
 */
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import { formatCitation } from '../core/citations';
import { renderPaperPage, type PaperPageCommands } from '../core/paperPage';
import { collapseWhitespace } from '../core/text';
import type { Paper } from '../core/types';
import { CommandId, ViewId } from '../services/contributionIds';
import type { CorpusSource } from '../services/lazyCorpus';
import type { SettingsSource } from '../services/settings';

const PAGE_COMMANDS: PaperPageCommands = {
  copyCitation: CommandId.copyCitation,
  revealPaper: CommandId.revealPaper,
  openCodeLink: CommandId.openCodeLink,
};

/** Tab titles longer than this are cut (the full title is the page's heading). */
const TAB_TITLE_LENGTH = 40;

export class PaperViews implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly corpus: CorpusSource,
    private readonly settings: SettingsSource,
  ) {}

  /** Opens the paper's view, or brings its existing view to the front. */
  open(paper: Paper): vscode.WebviewPanel {
    const existing = this.panels.get(paper.id);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const corpus = this.corpus.get();
    const shortName = corpus?.shortName(paper.id);
    const panel = vscode.window.createWebviewPanel(
      ViewId.paperPanel,
      tabTitle(shortName ?? collapseWhitespace(paper.title)),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      {
        enableScripts: false,
        enableCommandUris: Object.values(PAGE_COMMANDS),
        enableFindWidget: true,
        localResourceRoots: [],
      },
    );
    panel.iconPath = {
      light: vscode.Uri.joinPath(this.extensionUri, 'media', 'paper-light.svg'),
      dark: vscode.Uri.joinPath(this.extensionUri, 'media', 'paper-dark.svg'),
    };
    panel.webview.html = renderPaperPage(
      {
        paper,
        shortName,
        topics: corpus?.topicsOf(paper.id).map((t) => t.label) ?? [],
        citation: formatCitation(paper, this.settings.current.citationDefaultFormat),
      },
      { cspSource: panel.webview.cspSource, nonce: crypto.randomBytes(16).toString('base64'), commands: PAGE_COMMANDS },
    );
    this.panels.set(paper.id, panel);
    panel.onDidDispose(() => this.panels.delete(paper.id));
    return panel;
  }

  /** The open view of a paper (for tests). */
  panelOf(paperId: string): vscode.WebviewPanel | undefined {
    return this.panels.get(paperId);
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }
}

function tabTitle(name: string): string {
  return name.length <= TAB_TITLE_LENGTH ? name : name.slice(0, TAB_TITLE_LENGTH - 1).trimEnd() + '…';
}

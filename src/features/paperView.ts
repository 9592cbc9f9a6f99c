/**
 * The paper view: one webview panel per paper, reused when the paper is opened again, redrawn
 * when a setting it shows changes, and restored after a window reload.
 *
 * Why a webview rather than a read-only virtual document: the view has actions (copy citation,
 * reveal in sidebar, open code) that must be one click away, and it should look like a page
 * (title, topic badges, theme colours) rather than source text. A webview gives both; the cost,
 * running content in a browser frame, is kept small: the actions are `command:` links allowed for
 * exactly three commands, there is no remote content, and the CSP is `default-src 'none'` plus
 * one nonce'd inline style sheet and one nonce'd one-line script (see `core/paperPage.ts`).
 *
 * The script exists for the reload: VS Code restores a webview panel across a window reload only
 * through a `WebviewPanelSerializer`, and the only state it hands the serializer is what the page
 * stored with `acquireVsCodeApi().setState(...)`. The page stores its paper id, nothing else, and
 * receives no messages.
 */
import * as vscode from 'vscode';
import { formatCitation } from '../core/citations';
import { isCslStyle } from '../core/cslStyles';
import { paperPageState, renderPaperPage, type PaperPageCommands } from '../core/paperPage';
import { collapseWhitespace } from '../core/text';
import type { Paper } from '../core/types';
import { CommandId, SettingKey, ViewId } from '../services/contributionIds';
import type { Citations } from '../services/citations';
import type { CorpusSource } from '../services/lazyCorpus';
import { Messages } from '../services/messages';
import type { Log } from '../services/output';
import type { PaperViewer } from '../services/paperNavigation';
import type { RelatedPapers } from '../services/relatedPapers';
import type { SettingsSource } from '../services/settings';

const PAGE_COMMANDS: PaperPageCommands = {
  openPaper: CommandId.openPaper,
  copyCitation: CommandId.copyCitation,
  revealPaper: CommandId.revealPaper,
  openCodeLink: CommandId.openCodeLink,
};

/** The settings whose values the page shows: a change to one redraws every open view. */
const SHOWN_SETTINGS: readonly SettingKey[] = [SettingKey.citationDefaultFormat];

/** Tab titles longer than this are cut (the full title is the page's heading). */
const TAB_TITLE_LENGTH = 40;

const WEBVIEW_OPTIONS: vscode.WebviewOptions & vscode.WebviewPanelOptions = {
  // The page's one script stores its paper id for the serializer; it sends no messages.
  enableScripts: true,
  enableCommandUris: Object.values(PAGE_COMMANDS),
  enableFindWidget: true,
  localResourceRoots: [],
};

export class PaperViews implements PaperViewer, vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels = new Map<string, { readonly panel: vscode.WebviewPanel; paper: Paper }>();
  private readonly listeners: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly corpus: CorpusSource,
    private readonly settings: SettingsSource,
    private readonly log: Log,
    private readonly citations: Citations,
    /** The related papers a page lists (shared with the hover card). */
    private readonly related: RelatedPapers,
    /** Settles once the user's libraries have loaded (at once when there are none). */
    private readonly librariesLoaded: () => Promise<void> = () => Promise.resolve(),
  ) {
    this.listeners = [
      settings.onDidChange((keys) => {
        if (keys.some((key) => SHOWN_SETTINGS.includes(key))) {
          for (const { panel, paper } of this.panels.values()) this.render(panel, paper);
        }
      }),
      // A library changed: each open view shows its paper as the new corpus has it (merged
      // fields, an edited title). A paper no longer in the corpus keeps the page it has.
      corpus.onDidChange((changed) => {
        for (const [id, open] of this.panels) {
          const paper = changed?.get(id);
          if (!paper || paper === open.paper) continue;
          open.paper = paper;
          this.render(open.panel, paper);
        }
      }),
    ];
  }

  /** Opens the paper's view, or brings its existing view to the front. */
  open(paper: Paper): vscode.WebviewPanel {
    const existing = this.panels.get(paper.id);
    if (existing) {
      existing.panel.reveal();
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(
      ViewId.paperPanel,
      this.tabTitle(paper),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      WEBVIEW_OPTIONS,
    );
    this.adopt(panel, paper);
    return panel;
  }

  /**
   * Restores a view VS Code kept across a window reload, from the state its page stored. A state
   * this page did not store, or a paper in neither the bundled corpus nor the libraries once
   * they have loaded, closes the panel.
   */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const id = paperPageState(state)?.paperId;
    let paper = id === undefined ? undefined : this.corpus.get()?.get(id);
    if (id !== undefined && !paper) {
      // After a reload the libraries are still loading: a library paper's view waits for them.
      await this.librariesLoaded();
      paper = this.corpus.get()?.get(id);
    }
    if (!paper || this.panels.has(paper.id)) {
      if (!paper) this.log.warn(Messages.paperViewNotRestored(JSON.stringify(state) ?? 'undefined'));
      panel.dispose();
      return;
    }
    panel.webview.options = WEBVIEW_OPTIONS;
    panel.title = this.tabTitle(paper);
    this.adopt(panel, paper);
    this.log.info(Messages.paperViewRestored(paper.id));
  }

  /** The open view of a paper (for tests). */
  panelOf(paperId: string): vscode.WebviewPanel | undefined {
    return this.panels.get(paperId)?.panel;
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    for (const { panel } of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }

  private adopt(panel: vscode.WebviewPanel, paper: Paper): void {
    panel.iconPath = {
      light: vscode.Uri.joinPath(this.extensionUri, 'media', 'paper-light.svg'),
      dark: vscode.Uri.joinPath(this.extensionUri, 'media', 'paper-dark.svg'),
    };
    this.render(panel, paper);
    this.panels.set(paper.id, { panel, paper });
    panel.onDidDispose(() => this.panels.delete(paper.id));
  }

  /**
   * Sets the page. A CSL style (citeproc-js loads on first use) or a library paper's BibTeX entry
   * as written (read from its file) arrives a moment later: the page is drawn at once without it
   * (or with the generated entry), then again with it, unless the format changed meanwhile.
   */
  private render(panel: vscode.WebviewPanel, paper: Paper): void {
    const format = this.settings.current.citationDefaultFormat;
    this.draw(panel, paper, isCslStyle(format) ? undefined : formatCitation(paper, format));
    if (!isCslStyle(format) && !(format === 'bibtex' && paper.sources?.length)) return;
    void this.citations.format(paper, format).then((citation) => {
      if (this.panels.get(paper.id)?.panel === panel && this.settings.current.citationDefaultFormat === format) this.draw(panel, paper, citation);
    });
  }

  /** Sets the page's HTML, with a fresh nonce each time. */
  private draw(panel: vscode.WebviewPanel, paper: Paper, citation: string | undefined): void {
    const corpus = this.corpus.get();
    panel.webview.html = renderPaperPage(
      {
        paper,
        shortName: corpus?.shortName(paper.id),
        topics: corpus?.topicsOf(paper.id).map((t) => t.label) ?? [],
        citation,
        related: this.related.of(paper).map((r) => ({ id: r.paper.id, title: r.paper.title })),
      },
      { cspSource: panel.webview.cspSource, nonce: nonce(), commands: PAGE_COMMANDS },
    );
  }

  private tabTitle(paper: Paper): string {
    const name = this.corpus.get()?.shortName(paper.id) ?? collapseWhitespace(paper.title);
    return name.length <= TAB_TITLE_LENGTH ? name : name.slice(0, TAB_TITLE_LENGTH - 1).trimEnd() + '…';
  }
}

/** Lets VS Code hand the paper views it kept across a window reload back to `views`. */
export function registerPaperViewSerializer(views: PaperViews): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(ViewId.paperPanel, views);
}

/** A fresh nonce for the page's script (Web Crypto: there in Node 20 and in the browser's web worker). */
function nonce(): string {
  return btoa(String.fromCharCode(...globalThis.crypto.getRandomValues(new Uint8Array(16))));
}

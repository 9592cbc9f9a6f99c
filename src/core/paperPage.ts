/**
 * The paper view: one paper as a complete HTML page for a webview. Pure: the editor layer
 * supplies the webview's CSP source, a fresh nonce and the command ids.
 *
 * Its actions are `command:` links, which the webview only follows for the command ids the
 * panel allows (`enableCommandUris: [...]`). Its one style sheet and its one script are inline
 * with a nonce, so the CSP can stay `default-src 'none'`: no remote content, and corpus text
 * (escaped here) cannot add a style or a script. The script is a single constant line that
 * stores the paper's id as the webview's state, which VS Code keeps across a window reload and
 * hands to the extension's serializer to restore the view (see `features/paperView.ts`).
 */
import type { Paper } from './types';
import { codeLink } from './links';
import { bylineParts, commandUri, escapeHtml, linkLabel, paperLinks, safeHttpUrl } from './render';
import { collapseWhitespace } from './text';

/** The command ids the page's action links run. */
export interface PaperPageCommands {
  readonly openPaper: string;
  readonly copyCitation: string;
  readonly revealPaper: string;
  readonly openCodeLink: string;
}

export interface PaperPageInput {
  readonly paper: Paper;
  readonly shortName?: string;
  /** Topic labels, best first. */
  readonly topics: readonly string[];
  /** A citation to show under the abstract (for example BibTeX), verbatim. */
  readonly citation?: string;
  /** Papers like this one, most alike first, each linked to its own view. */
  readonly related?: readonly { readonly id: string; readonly title: string }[];
}

export interface PaperPageContext {
  /** `webview.cspSource`: the origin of the webview's own resources. */
  readonly cspSource: string;
  /** A fresh random nonce for the inline style sheet and script. */
  readonly nonce: string;
  readonly commands: PaperPageCommands;
}

/** The webview state the page stores: enough to render it again after a window reload. */
export interface PaperPageState {
  readonly paperId: string;
}

/**
 * The page's only script. It reads the id from the page rather than having it spliced into the
 * script text, so no corpus text ever becomes code.
 */
export const PAPER_PAGE_SCRIPT = 'acquireVsCodeApi().setState({ paperId: document.body.dataset.paperId });';

/** The Content-Security-Policy of the page, exported so tests can pin it. */
export function paperPageCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; img-src ${cspSource}; script-src 'nonce-${nonce}';`;
}

/** The state a restored page hands back, if it is one this page stored. */
export function paperPageState(state: unknown): PaperPageState | undefined {
  const paperId = (state as Partial<PaperPageState> | null | undefined)?.paperId;
  return typeof paperId === 'string' && paperId !== '' ? { paperId } : undefined;
}

export function renderPaperPage(input: PaperPageInput, context: PaperPageContext): string {
  const { paper, shortName, topics, citation } = input;
  const { commands, nonce } = context;
  const args = [paper.id];

  const meta: string[] = [];
  if (shortName) meta.push(`<span class="short">${escapeHtml(shortName)}</span>`);
  for (const topic of topics) meta.push(`<span class="topic">${escapeHtml(topic)}</span>`);

  const actions = [
    action(commandUri(commands.copyCitation, args), 'Copy Citation', 'Copy a citation to the clipboard'),
    action(commandUri(commands.revealPaper, args), 'Reveal in Sidebar', 'Show the paper in the Paper Lens sidebar'),
  ];
  if (codeLink(paper.links)) {
    actions.push(action(commandUri(commands.openCodeLink, args), 'Open Code', 'Open the code repository in the browser'));
  }

  const links = paperLinks(paper)
    .map((link) => ({ link, href: safeHttpUrl(link) }))
    .filter((l): l is { link: string; href: string } => l.href !== undefined)
    .map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(linkLabel(l.link))}</a></li>`);

  const byline = bylineParts(paper).map(escapeHtml);
  const related = (input.related ?? []).map(
    (r) => `<li><a href="${escapeHtml(commandUri(commands.openPaper, [r.id]))}" title="Open this paper's view">${escapeHtml(collapseWhitespace(r.title))}</a></li>`,
  );

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(paperPageCsp(context.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(collapseWhitespace(paper.title))}</title>
<style nonce="${escapeHtml(nonce)}">${STYLE}</style>
</head>
<body data-paper-id="${escapeHtml(paper.id)}">
<main>
<h1>${escapeHtml(collapseWhitespace(paper.title))}</h1>
${meta.length > 0 ? `<p class="meta">${meta.join(' ')}</p>` : ''}
${byline.length > 0 ? `<p class="byline">${byline.join(' · ')}</p>` : ''}
<nav class="actions">${actions.join('')}</nav>
<h2>Abstract</h2>
${paragraphs(paper.abstract)}
${links.length > 0 ? `<h2>Links</h2>\n<ul class="links">${links.join('')}</ul>` : ''}
${related.length > 0 ? `<h2>Related papers</h2>\n<ul class="related">${related.join('')}</ul>` : ''}
${citation ? `<h2>Citation</h2>\n<pre class="citation">${escapeHtml(citation)}</pre>` : ''}
</main>
<script nonce="${escapeHtml(nonce)}">${PAPER_PAGE_SCRIPT}</script>
</body>
</html>
`;
}

function action(href: string, label: string, title: string): string {
  return `<a class="action" href="${escapeHtml(href)}" title="${escapeHtml(title)}">${escapeHtml(label)}</a>`;
}

/** Blank lines in an abstract separate paragraphs; other line breaks are wrapping. */
function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map(collapseWhitespace)
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}

/** Theme colours only, so the page follows light, dark and high-contrast themes. */
const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); line-height: 1.5; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem 1.5rem 2rem; }
h1 { font-size: 1.5em; line-height: 1.3; margin: 0.5rem 0; }
h2 { font-size: 1.05em; margin: 1.5rem 0 0.5rem; color: var(--vscode-descriptionForeground); text-transform: uppercase; letter-spacing: 0.04em; }
.meta { display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0.5rem 0; }
.short { font-weight: 600; }
.topic { padding: 0 0.5rem; border-radius: 0.8rem; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.byline { color: var(--vscode-descriptionForeground); }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 1rem 0; }
a { color: var(--vscode-textLink-foreground); }
a:hover { color: var(--vscode-textLink-activeForeground); }
a:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
a.action { padding: 0.25rem 0.75rem; border-radius: 2px; text-decoration: none; background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
a.action:hover { background: var(--vscode-button-secondaryHoverBackground); color: var(--vscode-button-secondaryForeground); }
a.action:first-child { background: var(--vscode-button-background); color: var(--vscode-button-foreground); }
a.action:first-child:hover { background: var(--vscode-button-hoverBackground); }
.links { padding-left: 1.2rem; word-break: break-all; }
pre.citation { white-space: pre-wrap; padding: 0.5rem 0.75rem; background: var(--vscode-textCodeBlock-background); font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
`;

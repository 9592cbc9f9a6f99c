/**
 * The hover card for a paper mention, rendered to a markdown string. The editor layer wraps
 * it in a `MarkdownString` trusted for exactly the commands named in `HoverCardCommands` and
 * with HTML off; everything taken from the corpus is escaped here, so the only links in the card
 * are the paper's own http(s) links and the command links built below.
 */
import type { Paper } from './types';
import { codeLink } from './links';
import { bylineParts, commandUri, escapeMarkdown, linkLabel, paperLinks, safeHttpUrl, truncateAtWord } from './render';

/** The command ids the card links to (passed in: the core does not know the editor's ids). */
export interface HoverCardCommands {
  readonly openPaper: string;
  readonly revealPaper: string;
  readonly copyCitation: string;
  /** "Not this paper": stops the mentioned name linking to the paper (arguments: paper id, name). */
  readonly notThisPaper: string;
  /** Lists the paper's mentions in the workspace (arguments: paper id, document URI, line, character). */
  readonly showMentions?: string;
}

export interface HoverCardInput {
  readonly paper: Paper;
  /** The name shown beside the title (`DataComp`), when the paper has one. */
  readonly shortName?: string;
  /** Topic labels, best first. */
  readonly topics: readonly string[];
  /**
   * The name as the text writes it, when the card is for a mention that is not the full title:
   * the card then offers "Not this paper" for it. A full title is never the wrong paper.
   */
  readonly mentionedAs?: string;
  /** Papers like this one, most alike first, each linked to its own view. */
  readonly related?: readonly { readonly id: string; readonly title: string }[];
  /**
   * How many of the workspace's files mention the paper, and where the hover is (the document
   * URI and 0-based position the references view opens at); shown as a link when `files` > 0
   * and the commands name `showMentions`.
   */
  readonly mentionedIn?: { readonly files: number; readonly uri: string; readonly line: number; readonly character: number };
}

export interface HoverCardOptions {
  /** Maximum abstract length in characters, cut at a word boundary with an ellipsis; 0 = full. */
  readonly abstractLength: number;
  readonly commands: HoverCardCommands;
}

/**
 * Layout: bold title; short name and topics on one line; authors (the first few, then "et al."),
 * year and venue on the next, for a library paper; the actions (open, reveal in sidebar, copy
 * citation, the code repository when there is one, "Not this paper" for a name, and the count
 * of workspace files that mention the paper, a link that lists them) before the abstract, so
 * they stay in view when a full abstract makes the card scroll; the abstract; then all of the
 * paper's links, with its DOI and arXiv pages; then the related papers, a list of links to
 * their views. Sections are paragraphs so the card reads well at any hover width.
 */
export function renderHoverCard(input: HoverCardInput, options: HoverCardOptions): string {
  const { paper, shortName, topics } = input;
  const parts: string[] = [`**${escapeMarkdown(paper.title)}**`];

  const meta: string[] = [];
  if (shortName) meta.push(`*${escapeMarkdown(shortName)}*`);
  if (topics.length > 0) meta.push(topics.map(escapeMarkdown).join(' · '));
  if (meta.length > 0) parts.push(meta.join(' — '));

  // A library paper's authors, year and venue.
  const byline = bylineParts(paper);
  if (byline.length > 0) parts.push(byline.map(escapeMarkdown).join(' · '));

  let actions = renderActions(paper, options.commands, input.mentionedAs);
  const mentioned = input.mentionedIn;
  if (mentioned && mentioned.files > 0 && options.commands.showMentions) {
    const label = mentioned.files === 1 ? 'Mentioned in 1 file' : `Mentioned in ${mentioned.files} files`;
    actions += ` · [${label}](${commandUri(options.commands.showMentions, [paper.id, mentioned.uri, mentioned.line, mentioned.character])} "List them in the references view")`;
  }
  parts.push(actions);

  const abstract = truncateAtWord(paper.abstract, options.abstractLength);
  if (abstract) parts.push(escapeMarkdown(abstract));

  const links = renderLinks(paperLinks(paper));
  if (links) parts.push(links);

  const related = (input.related ?? []).map((r) => `- [${escapeMarkdown(r.title)}](${commandUri(options.commands.openPaper, [r.id])} "Open this paper's view")`);
  if (related.length > 0) parts.push(`Related papers:\n\n${related.join('\n')}`);
  return parts.join('\n\n');
}

/** `[github.com/owner/repo](https://github.com/owner/repo) · ...` for http(s) links only. */
function renderLinks(links: readonly string[]): string {
  const rendered: string[] = [];
  for (const link of links) {
    const href = safeHttpUrl(link);
    if (href) rendered.push(`[${escapeMarkdown(linkLabel(link))}](${href})`);
  }
  return rendered.join(' · ');
}

function renderActions(paper: Paper, commands: HoverCardCommands, mentionedAs: string | undefined): string {
  const args = [paper.id];
  const actions = [
    `[Open](${commandUri(commands.openPaper, args)} "Open the paper view")`,
    `[Reveal in Sidebar](${commandUri(commands.revealPaper, args)} "Show the paper in the Paper Lens sidebar")`,
    `[Copy Citation](${commandUri(commands.copyCitation, args)} "Copy a citation to the clipboard")`,
  ];
  const code = codeLink(paper.links);
  const codeHref = code ? safeHttpUrl(code) : undefined;
  if (codeHref) actions.push(`[Code](${codeHref} "Open the code repository")`);
  if (mentionedAs) {
    // The name goes into the link's title: quotes and backslashes would end it early.
    const said = mentionedAs.replace(/["\\\n\r]/g, '');
    actions.push(`[Not this paper](${commandUri(commands.notThisPaper, [paper.id, mentionedAs])} "Stop linking ${said} to this paper in this workspace")`);
  }
  return actions.join(' · ');
}

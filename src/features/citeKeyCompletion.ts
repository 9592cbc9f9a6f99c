/**
 * Cite-key completion: after `@`, `[@` or `; @` in Markdown, and inside a LaTeX cite command's
 * braces (`\cite{`, `\citep{a, `), in Markdown, LaTeX and any other text (code gets it inside
 * `\cite{` and `[@` only, where `@` cannot be a decorator).
 *
 * Each item's label is the paper's key; its detail shows authors, year and title, and its
 * documentation the abstract. Every field filters, because the items come from the search index
 * (title, names, authors, year, keys, abstract): `[@vaswani att` finds the paper, and the typed
 * words are then replaced by its key. The list is marked incomplete so each keystroke asks again.
 *
 * Inside a LaTeX cite command of a document that names its `.bib` (`\bibliography{refs}`), a
 * paper that file holds inserts the key the file has for it; a paper it lacks inserts the
 * paper's key and, once accepted, appends its BibTeX entry to the file (the item's command, as
 * `additionalTextEdits` can only touch the document being edited). Such an item says so in its
 * detail ("adds to refs.bib").
 */
import * as vscode from 'vscode';
import { paperKey } from '../core/citations';
import { bibKeyOf } from '../core/documentBib';
import { citeCompletionAt, COMPLETION_REACH } from '../core/identifiers';
import { bylineParts, escapeMarkdown } from '../core/render';
import { collapseWhitespace } from '../core/text';
import type { Paper } from '../core/types';
import { dialectOf } from '../services/citeTargets';
import { CommandId, PAPER_DOCUMENTS } from '../services/contributionIds';
import type { DocumentBibliography, DocumentBibs } from '../services/documentBibs';
import { documentLength, overSizeLimit } from '../services/documentMentions';
import type { CorpusSource } from '../services/lazyCorpus';
import { Messages } from '../services/messages';
import type { SettingsSource } from '../services/settings';

/** How many papers the list offers at once (the search ranks them; typing narrows them). */
const MAX_ITEMS = 50;
/** Characters that open a cite key. */
const TRIGGERS = ['@', '{', ','];

export class CiteKeyCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    private readonly corpus: CorpusSource,
    private readonly settings: SettingsSource,
    private readonly bibs: DocumentBibs,
  ) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionList | undefined> {
    const dialect = dialectOf(document.languageId);
    if (!dialect || overSizeLimit(documentLength(document), this.settings)) return undefined;
    // As far back as the core looks (a citation's longest argument): a 5 MB minified line costs no more.
    const from = Math.max(0, position.character - COMPLETION_REACH);
    const line = document.lineAt(position.line).text.slice(from, position.character);
    const found = citeCompletionAt(line, position.character - from, dialect === 'latex' ? 'latex' : 'markdown');
    // In code a bare `@` is a decorator or a mention of a user: only `[@` counts there.
    if (!found || (dialect === 'code' && found.syntax === 'pandoc' && line.charAt(found.start - 2) !== '[')) return undefined;
    const at = { ...found, start: found.start + from };
    const corpus = this.corpus.get();
    if (!corpus) return undefined;
    const papers = at.typed.trim() ? corpus.searchIndex.search(at.typed, MAX_ITEMS).map((r) => r.paper) : corpus.papers.slice(0, MAX_ITEMS);
    const range = new vscode.Range(position.line, at.start, position.line, position.character);
    // Only a LaTeX document's own cite commands are checked against its `.bib`.
    const bib = at.syntax === 'latex' && this.bibs.filesOf(document).length ? await this.bibs.bibliographyOf(document) : undefined;
    const items = papers.map((paper, rank) => this.item(paper, rank, range, at.typed, bib));
    return new vscode.CompletionList(items, true);
  }

  private item(paper: Paper, rank: number, range: vscode.Range, typed: string, bib: DocumentBibliography | undefined): vscode.CompletionItem {
    const inBib = bib && bibKeyOf(paper, bib.keys);
    const key = inBib ?? paperKey(paper);
    const item = new vscode.CompletionItem({ label: key, description: collapseWhitespace(paper.title) }, vscode.CompletionItemKind.Reference);
    const detail = [...bylineParts(paper), collapseWhitespace(paper.title)];
    if (bib && !inBib) {
      const target = bib.files[0];
      detail.push(Messages.addsToBib(target.name));
      item.command = { command: CommandId.appendBibEntry, title: Messages.appendBibEntry(key, target.name), arguments: [target.uri.toString(), key, paper.id] };
    }
    item.detail = detail.join(' · ');
    if (paper.abstract) item.documentation = new vscode.MarkdownString(escapeMarkdown(paper.abstract));
    item.range = range;
    item.insertText = key;
    // The search has already filtered and ranked: keep its order and every item it gave.
    item.filterText = typed;
    item.sortText = String(rank).padStart(4, '0');
    return item;
  }
}

export function registerCiteKeyCompletion(provider: CiteKeyCompletionProvider): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(PAPER_DOCUMENTS, provider, ...TRIGGERS);
}

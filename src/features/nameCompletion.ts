/**
 * Paper-name completion in prose: after three or more characters that begin a paper's
 * distinctive name or its title (`MatF`, `data filt`), in Markdown, LaTeX and plain text, and in
 * code files only inside line comments. The item inserts the name as the paper writes it. The
 * setting `paperLens.completion.paperNames` turns it off.
 */
import * as vscode from 'vscode';
import type { Corpus } from '../core/corpus';
import { inLineComment, NamePrefixIndex, typedPrefixes } from '../core/nameCompletion';
import { runInSlices, SLICE_MS } from '../core/steps';
import { collapseWhitespace } from '../core/text';
import { isTitleName } from '../core/types';
import { dialectOf } from '../services/citeTargets';
import { PAPER_DOCUMENTS } from '../services/contributionIds';
import { documentLength, overSizeLimit } from '../services/documentMentions';
import type { CorpusSource } from '../services/lazyCorpus';
import { Messages } from '../services/messages';
import type { SettingsSource } from '../services/settings';

/** How much of the line before the cursor is read (a 5 MB minified line costs no more). */
const LINE_REACH = 1000;
/** The most names offered at once. */
const MAX_ITEMS = 20;

export class NameCompletionProvider implements vscode.CompletionItemProvider {
  private index?: { corpus: Corpus; names: Promise<NamePrefixIndex> };

  constructor(
    private readonly corpus: CorpusSource,
    private readonly settings: SettingsSource,
  ) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): Promise<vscode.CompletionItem[] | undefined> {
    if (!this.settings.current.completePaperNames || overSizeLimit(documentLength(document), this.settings)) return undefined;
    const dialect = dialectOf(document.languageId);
    const from = Math.max(0, position.character - LINE_REACH);
    const before = document.lineAt(position.line).text.slice(from, position.character);
    if (!dialect || (dialect === 'code' && !inLineComment(before, before.length, document.languageId))) return undefined;
    const prefixes = typedPrefixes(before);
    if (!prefixes.length) return undefined;
    const corpus = this.corpus.get();
    const names = corpus && (await this.names(corpus));
    if (!corpus || !names || token?.isCancellationRequested) return undefined;
    const items: vscode.CompletionItem[] = [];
    const seen = new Set<string>();
    for (const typed of prefixes) {
      const range = new vscode.Range(position.line, position.character - typed.length, position.line, position.character);
      for (const suggestion of names.complete(typed, MAX_ITEMS)) {
        if (seen.has(suggestion.text) || items.length >= MAX_ITEMS) continue;
        seen.add(suggestion.text);
        const paper = corpus.get(suggestion.paperId);
        const item = new vscode.CompletionItem(suggestion.text, vscode.CompletionItemKind.Text);
        item.detail = isTitleName(suggestion) ? Messages.completionTitleDetail : paper ? collapseWhitespace(paper.title) : undefined;
        item.range = range;
        // Names that complete more of what is typed (a title's several words) come first.
        item.sortText = String(9999 - typed.length).padStart(4, '0');
        items.push(item);
      }
    }
    return items;
  }

  /**
   * The name index of `corpus`, built on first use (and again for another corpus) in slices of
   * the extension host's thread: a 50,000-paper library's took a quarter of a second at once.
   */
  private names(corpus: Corpus): Promise<NamePrefixIndex> {
    if (this.index?.corpus !== corpus) this.index = { corpus, names: runInSlices(NamePrefixIndex.build(corpus.papers, (id) => corpus.namesOf(id)), SLICE_MS) };
    return this.index.names;
  }
}

export function registerNameCompletion(provider: NameCompletionProvider): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(PAPER_DOCUMENTS, provider);
}

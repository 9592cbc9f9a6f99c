/**
 * Paper-name completion in prose: after three or more characters that begin a paper's
 * distinctive name or its title (`MatF`, `data filt`), in Markdown, LaTeX and plain text, and in
 * code files only inside line comments. The item inserts the name as the paper writes it. The
 * setting `paperLens.completion.paperNames` turns it off.
 */
import * as vscode from 'vscode';
import type { Corpus } from '../core/corpus';
import { inLineComment, NamePrefixIndex, typedPrefixes } from '../core/nameCompletion';
import { collapseWhitespace } from '../core/text';
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
  private index?: { corpus: Corpus; names: NamePrefixIndex };

  constructor(
    private readonly corpus: CorpusSource,
    private readonly settings: SettingsSource,
  ) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    if (!this.settings.current.completePaperNames || overSizeLimit(documentLength(document), this.settings)) return undefined;
    const dialect = dialectOf(document.languageId);
    const from = Math.max(0, position.character - LINE_REACH);
    const before = document.lineAt(position.line).text.slice(from, position.character);
    if (!dialect || (dialect === 'code' && !inLineComment(before, before.length, document.languageId))) return undefined;
    const prefixes = typedPrefixes(before);
    if (!prefixes.length) return undefined;
    const names = this.names();
    if (!names) return undefined;
    const corpus = this.corpus.get()!;
    const items: vscode.CompletionItem[] = [];
    const seen = new Set<string>();
    for (const typed of prefixes) {
      const range = new vscode.Range(position.line, position.character - typed.length, position.line, position.character);
      for (const suggestion of names.complete(typed, MAX_ITEMS)) {
        if (seen.has(suggestion.text) || items.length >= MAX_ITEMS) continue;
        seen.add(suggestion.text);
        const paper = corpus.get(suggestion.paperId);
        const item = new vscode.CompletionItem(suggestion.text, vscode.CompletionItemKind.Text);
        item.detail = suggestion.kind === 'title' ? Messages.completionTitleDetail : paper ? collapseWhitespace(paper.title) : undefined;
        item.range = range;
        // Names that complete more of what is typed (a title's several words) come first.
        item.sortText = String(9999 - typed.length).padStart(4, '0');
        items.push(item);
      }
    }
    return items;
  }

  /** The name index of the current corpus, built on first use and again when the corpus changes. */
  private names(): NamePrefixIndex | undefined {
    const corpus = this.corpus.get();
    if (!corpus) return undefined;
    if (this.index?.corpus !== corpus) this.index = { corpus, names: new NamePrefixIndex(corpus.papers.flatMap((p) => corpus.namesOf(p.id))) };
    return this.index.names;
  }
}

export function registerNameCompletion(provider: NameCompletionProvider): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(PAPER_DOCUMENTS, provider);
}

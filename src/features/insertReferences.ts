/**
 * "Insert References": writes, at the cursor, a reference list of every paper the current
 * document mentions (by name, full title or cite key), in order of first mention, in a citation
 * format the user picks (the default format first). CSL styles lay the list out themselves:
 * IEEE and Vancouver number it in mention order, APA, Chicago and Harvard sort it by author.
 *
 * Entries are separated by a blank line, so each is its own paragraph in Markdown and LaTeX.
 * In a Markdown or LaTeX document the prose formats (plain text, the CSL styles) are escaped
 * for it, so a title that looks like markup is printed as written (`referenceListText`).
 */
import * as vscode from 'vscode';
import { ALL_CITATION_FORMATS, type AnyCitationFormat } from '../core/citations';
import { papersInMentionOrder, referenceListText, type ReferenceTarget } from '../core/references';
import type { Citations } from '../services/citations';
import { dialectOf, type CiteTargets } from '../services/citeTargets';
import type { DocumentMentions } from '../services/documentMentions';
import { CommandId } from '../services/contributionIds';
import type { CorpusSource } from '../services/lazyCorpus';
import { Messages } from '../services/messages';
import type { SettingsSource } from '../services/settings';

export function registerInsertReferences(deps: { corpus: CorpusSource; mentions: DocumentMentions; targets: CiteTargets; citations: Citations; settings: SettingsSource }): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.insertReferences, async (formatArg?: unknown) => {
    const editor = vscode.window.activeTextEditor;
    const corpus = deps.corpus.get();
    const resolver = deps.targets.resolver();
    if (!editor || !corpus || !resolver) {
      void vscode.window.showInformationMessage(Messages.noEditorForReferences);
      return;
    }
    const doc = editor.document;
    const names = deps.mentions.all(doc);
    const papers = papersInMentionOrder([{ names, keys: deps.targets.keysOf(doc) }], resolver, (id) => corpus.get(id));
    if (!papers.length) {
      void vscode.window.showInformationMessage(Messages.noPapersMentioned);
      return;
    }
    let format: AnyCitationFormat | undefined = ALL_CITATION_FORMATS.includes(formatArg as AnyCitationFormat) ? (formatArg as AnyCitationFormat) : undefined;
    if (!format) {
      const preferred = deps.settings.current.citationDefaultFormat;
      const ordered = [preferred, ...ALL_CITATION_FORMATS.filter((f) => f !== preferred)];
      const picked = await vscode.window.showQuickPick(
        ordered.map((f) => ({ format: f, label: Messages.formatLabel[f] })),
        { placeHolder: Messages.pickReferencesFormat(papers.length) },
      );
      format = picked?.format;
    }
    if (!format) return;
    const references = await deps.citations.references(papers, format);
    const text = referenceListText(references, format, targetOf(doc));
    await editor.edit((edit) => edit.replace(editor.selection, text));
  });
}

/** How the document reads inserted text: Markdown (not a plain-text file), LaTeX, or as it is. */
function targetOf(doc: vscode.TextDocument): ReferenceTarget {
  if (doc.languageId === 'plaintext') return 'plain';
  const dialect = dialectOf(doc.languageId);
  return dialect === 'markdown' ? 'markdown' : dialect === 'latex' ? 'latex' : 'plain';
}

/**
 * "Search Papers": opens the paper quick pick (`services/paperPicker.ts`), seeded with the
 * selection or the paper name under the cursor, and opens the chosen paper's view.
 */
import * as vscode from 'vscode';
import { collapseWhitespace } from '../core/text';
import { CommandId } from '../services/contributionIds';
import type { DocumentMentions } from '../services/documentMentions';
import { Messages } from '../services/messages';
import type { PaperPicker } from '../services/paperPicker';

/** The text to search for when the command starts: the selection, or the paper name under the cursor. */
export function initialQuery(editor: vscode.TextEditor | undefined, mentions: DocumentMentions): string {
  if (!editor) return '';
  const { document, selection } = editor;
  if (!selection.isEmpty) {
    const selected = collapseWhitespace(document.getText(selection));
    return selected.length <= 200 ? selected : '';
  }
  // The cursor often rests just after the name it was typed or clicked at.
  const offset = document.offsetAt(selection.active);
  const mention = mentions.at(document, offset) ?? (offset > 0 ? mentions.at(document, offset - 1) : undefined);
  return mention ? collapseWhitespace(mention.text) : '';
}

export function registerSearchCommand(picker: PaperPicker, mentions: DocumentMentions): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.searchPapers, async (query?: unknown) => {
    const paper = await picker.pick({
      title: Messages.searchTitle,
      initialQuery: typeof query === 'string' ? query : initialQuery(vscode.window.activeTextEditor, mentions),
    });
    if (paper) await vscode.commands.executeCommand(CommandId.openPaper, paper.id);
  });
}

/**
 * The internal command behind the missing-entry quick fix and the cite-key completion of a
 * paper that the document's `.bib` lacks: appends the paper's BibTeX entry (a library paper's
 * entry as its file writes it, a bundled paper's formatted), under the key the document cites,
 * to the end of the `.bib`, creating the file if it does not exist.
 *
 * The change is one WorkspaceEdit, so Undo takes it back; it is applied as a refactoring, so
 * `files.refactoring.autoSave` (on by default) saves the file for the next LaTeX build. A key
 * the file already holds is not added twice.
 */
import * as vscode from 'vscode';
import { appendedEntryText, bibKeys, entryWithKey, hasBibKey } from '../core/documentBib';
import type { Citations } from '../services/citations';
import { CommandId } from '../services/contributionIds';
import type { DocumentBibs } from '../services/documentBibs';
import type { CorpusSource } from '../services/lazyCorpus';
import { Messages } from '../services/messages';

/** How long the status bar says that an entry was added. */
const STATUS_MS = 4000;

export function registerAppendBibEntry(deps: { corpus: CorpusSource; citations: Citations; bibs: DocumentBibs }): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.appendBibEntry, async (bibArg: unknown, keyArg: unknown, paperArg: unknown): Promise<boolean> => {
    if (typeof bibArg !== 'string' || typeof keyArg !== 'string' || typeof paperArg !== 'string' || !keyArg) return false;
    const paper = deps.corpus.get()?.get(paperArg);
    if (!paper) {
      void vscode.window.showErrorMessage(Messages.unknownPaper(paperArg));
      return false;
    }
    const uri = vscode.Uri.parse(bibArg);
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const current = await deps.bibs.textOf(uri);
    if (!current) {
      void vscode.window.showErrorMessage(Messages.bibUnreadable(uri.scheme === 'file' ? uri.fsPath : uri.toString()));
      return false;
    }
    if (hasBibKey(bibKeys(current.text), keyArg)) return true;
    const entry = entryWithKey(await deps.citations.format(paper, 'bibtex'), keyArg);
    const edit = new vscode.WorkspaceEdit();
    if (current.exists) {
      // The buffer, not the disk: the insertion goes after what the editor holds now.
      const doc = await vscode.workspace.openTextDocument(uri);
      const text = doc.getText();
      edit.insert(uri, doc.positionAt(text.length), appendedEntryText(text, entry));
    } else {
      edit.createFile(uri, { ignoreIfExists: true });
      edit.insert(uri, new vscode.Position(0, 0), appendedEntryText('', entry));
    }
    const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
    if (!applied) {
      void vscode.window.showErrorMessage(Messages.bibEntryNotApplied(keyArg, name));
      return false;
    }
    vscode.window.setStatusBarMessage(Messages.bibEntryAppended(keyArg, name), STATUS_MS);
    return true;
  });
}

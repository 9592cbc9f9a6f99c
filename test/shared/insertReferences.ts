/**
 * Insert References as a user runs it, shared by the integration and web suites: the cursor at
 * the end of `doc`, the command with `style`, and what was inserted after the document's first
 * blank line (where the notes end and the list begins).
 */
import * as vscode from 'vscode';

export async function insertReferencesAtEnd(doc: vscode.TextDocument, style: string): Promise<string> {
  const editor = await vscode.window.showTextDocument(doc);
  const end = doc.positionAt(doc.getText().length);
  editor.selection = new vscode.Selection(end, end);
  await vscode.commands.executeCommand('paperLens.insertReferences', style);
  return doc.getText().slice(doc.getText().indexOf('\n\n') + 2);
}

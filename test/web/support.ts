/**
 * Helpers of the web suite. Like the integration suite's (test/integration/support.ts), but with
 * no Node module: this runs in the browser's web worker.
 */
import * as vscode from 'vscode';
import type { PaperLensTestApi } from '../../src/extension';
import type { Paper } from '../../src/core/types';
import * as assert from './assert';

export const EXTENSION_ID = 'paper-lens.paper-lens';

export function extension(): vscode.Extension<PaperLensTestApi> {
  const found = vscode.extensions.getExtension<PaperLensTestApi>(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not loaded`);
  return found;
}

export async function paperLens(): Promise<PaperLensTestApi> {
  return extension().activate();
}

export async function paperTitled(prefix: string): Promise<Paper> {
  const corpus = (await paperLens()).corpus();
  assert.ok(corpus, 'the bundled corpus loads');
  const paper = corpus.papers.find((p) => p.title.startsWith(prefix));
  assert.ok(paper, `no paper titled "${prefix}..."`);
  return paper;
}

export function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the runner opens the samples folder');
  return f;
}

/** A text file of the extension itself, read as the extension reads its own (workspace.fs). */
export async function extensionFile(file: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension().extensionUri, file)));
}

export function offsetOf(document: vscode.TextDocument, text: string): number {
  const at = document.getText().indexOf(text);
  assert.ok(at >= 0, `"${text}" not in ${document.uri.toString()}`);
  return at;
}

export function markdownOf(hover: vscode.Hover): string {
  return hover.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

/** The Paper Lens hovers at an offset (other extensions' hovers left out). */
export async function paperHovers(document: vscode.TextDocument, offset: number): Promise<vscode.Hover[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset))) ?? [];
  return hovers.filter((h) => markdownOf(h).includes('command:paperLens.openPaper'));
}

export async function waitFor(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) assert.ok(false, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Sets a `paperLens.*` user setting for the duration of `body`, then restores it. */
export async function withSetting<T>(key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const config = () => vscode.workspace.getConfiguration('paperLens');
  const previous = config().inspect(key)?.globalValue;
  await config().update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await body();
  } finally {
    await config().update(key, previous, vscode.ConfigurationTarget.Global);
  }
}

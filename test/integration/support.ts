/**
 * Shared helpers of the integration tests (not a test file: `index.ts` runs only `*.test.js`).
 * Everything goes through the real extension host: the extension's test API, `executeCommand`,
 * real documents and real settings.
 */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PaperLensTestApi } from '../../src/extension';
import type { Paper } from '../../src/core/types';

export { BUNDLED_MULTI_TOPIC_PAPERS, BUNDLED_PAPER_COUNT, BUNDLED_TOPIC_SIZES } from '../shared/bundledData';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require(path.resolve(__dirname, '..', '..', '..', 'package.json')) as { publisher: string; name: string };

export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

/** The extension's test API, activating it if needed. */
export async function paperLens(): Promise<PaperLensTestApi> {
  const extension = vscode.extensions.getExtension<PaperLensTestApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

/** What the window looked like when the suite started, before any test file ran. */
export interface StartupState {
  /** Whether activation or the window's start-up had loaded the corpus. */
  readonly corpusLoaded: boolean;
}

let startup: StartupState | undefined;

/**
 * Called by `index.ts` before mocha loads any test file, so that what the activation test
 * checks does not depend on which test file runs first.
 */
export async function recordStartup(): Promise<void> {
  const api = await paperLens();
  startup = { corpusLoaded: api.corpusLoaded() };
}

export function startupState(): StartupState {
  assert.ok(startup, 'index.ts records the start-up state before the tests run');
  return startup;
}

/** The bundled paper whose title starts with `prefix`. */
export async function paperTitled(prefix: string): Promise<Paper> {
  const corpus = (await paperLens()).corpus();
  assert.ok(corpus, 'the bundled corpus loads');
  const paper = corpus.papers.find((p) => p.title.startsWith(prefix));
  assert.ok(paper, `no bundled paper titled "${prefix}..."`);
  return paper;
}

/** A document of the sample workspace (`samples/`). */
export async function sample(name: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens the samples folder');
  return vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, name));
}

/** The offset of the `nth` (0-based) occurrence of `text` in the document. */
export function offsetOf(document: vscode.TextDocument, text: string, nth = 0): number {
  const all = document.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = all.indexOf(text, at + 1);
    assert.ok(at >= 0, `"${text}" (#${nth}) not in ${document.uri.toString()}`);
  }
  return at;
}

/** The hovers Paper Lens gives at an offset (other extensions' hovers are left out). */
export async function paperHovers(document: vscode.TextDocument, offset: number): Promise<vscode.Hover[]> {
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset))) ?? [];
  return hovers.filter((h) => markdownOf(h).includes('command:paperLens.openPaper'));
}

/** The one Paper Lens hover at an offset (fails when there is none or several). */
export async function paperHover(document: vscode.TextDocument, offset: number): Promise<vscode.Hover> {
  const hovers = await paperHovers(document, offset);
  assert.strictEqual(hovers.length, 1, `expected one Paper Lens hover at ${offset} in ${document.uri.toString()}`);
  return hovers[0];
}

export function markdownOf(hover: vscode.Hover): string {
  return hover.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

/** What the markdown shows once rendered: backslash escapes removed. */
export function rendered(markdown: string): string {
  return markdown.replace(/\\(.)/g, '$1');
}

/** The text a range covers. */
export function textOf(document: vscode.TextDocument, range: vscode.Range | undefined): string {
  assert.ok(range, 'the hover has a range');
  return document.getText(range);
}

/** Sets a `paperLens.*` user setting for the duration of `body`, then restores the previous value. */
export async function withSetting<T>(key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('paperLens');
  const previous = config.inspect(key)?.globalValue;
  await setSetting(key, value);
  try {
    return await body();
  } finally {
    await setSetting(key, previous);
  }
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('paperLens').update(key, value, vscode.ConfigurationTarget.Global);
  const expected = value ?? vscode.workspace.getConfiguration('paperLens').inspect(key)?.defaultValue;
  await waitFor(() => JSON.stringify(vscode.workspace.getConfiguration('paperLens').get(key)) === JSON.stringify(expected), `paperLens.${key} to become ${JSON.stringify(expected)}`);
}

/** Polls `condition` every 20 ms until it holds, failing after `ms`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

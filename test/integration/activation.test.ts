import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, paperLens, startupState, waitFor } from './support';

interface Manifest {
  readonly contributes?: {
    readonly commands?: readonly { readonly command: string }[];
    readonly views?: Readonly<Record<string, readonly { readonly id: string }[]>>;
  };
}

/** The manifest VS Code read the extension's contributions from. */
function loadedManifest(): Manifest {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded: the runner must load the repository as the development extension`);
  return extension.packageJSON as Manifest;
}

describe('activation', () => {
  it('opens the sample workspace', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.strictEqual(folders.length, 1, 'the runner opens exactly one folder');
    assert.strictEqual(path.basename(folders[0].uri.fsPath), 'samples');
  });

  it('activates without loading the corpus, which waits for the first hover, tree or search', async () => {
    const api = await paperLens();
    assert.strictEqual(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    // A figure for the closing note and the log, not a timed assertion.
    console.log(`[activation] activate() took ${api.activationMs.toFixed(1)} ms`);
    // Recorded by index.ts before any test file ran, so this holds in any file order.
    assert.strictEqual(startupState().corpusLoaded, false, 'activate() or startup loaded the corpus');
    assert.ok(api.corpus(), 'the bundled corpus loads on demand');
    assert.strictEqual(api.corpusLoaded(), true);
  });

  it('registers every command declared in package.json', async () => {
    const declared = (loadedManifest().contributes?.commands ?? []).map((c) => c.command);
    assert.ok(declared.length > 0, 'package.json declares no commands in contributes.commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, [], `declared in package.json but not registered: ${missing.join(', ')}`);
  });

  it('backs the views declared in package.json with their trees, which show when focused', async () => {
    const api = await paperLens();
    const views = Object.values(loadedManifest().contributes?.views ?? {}).flat();
    assert.deepStrictEqual(
      views.map((v) => v.id),
      ['paperLens.topics', 'paperLens.mentionedHere'],
    );
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await waitFor(() => !api.mentionedHereView.visible, 'the Mentioned Here view to hide');
    await vscode.commands.executeCommand('paperLens.mentionedHere.focus');
    await waitFor(() => api.mentionedHereView.visible, 'the Mentioned Here view to show');
    // From hidden, whatever earlier tests left shown.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await waitFor(() => !api.topicView.visible, 'the Papers view to hide');
    await vscode.commands.executeCommand('paperLens.topics.focus');
    await waitFor(() => api.topicView.visible, 'the Papers view to show');
  });
});

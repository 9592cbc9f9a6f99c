import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

interface Manifest {
  readonly publisher: string;
  readonly name: string;
  readonly contributes?: { readonly commands?: readonly { readonly command: string }[] };
}

// The test runs from out/test/integration/; the manifest is the repository's package.json.
const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;
const extensionId = `${manifest.publisher}.${manifest.name}`;

function paperLens(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `extension ${extensionId} is not loaded: the runner must load the repository as the development extension`);
  return extension;
}

describe('Paper Lens in a VS Code extension host', () => {
  it('opens the sample workspace', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.strictEqual(folders.length, 1, 'the runner opens exactly one folder');
    assert.strictEqual(path.basename(folders[0].uri.fsPath), 'samples');
  });

  it('activates', async () => {
    const extension = paperLens();
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });

  it('registers every command declared in package.json', async () => {
    // The loaded extension's own manifest: the one VS Code read the contributions from.
    const loaded = paperLens().packageJSON as Manifest;
    const declared = (loaded.contributes?.commands ?? []).map((c) => c.command);
    assert.ok(declared.length > 0, 'package.json declares no commands in contributes.commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, [], `declared in package.json but not registered: ${missing.join(', ')}`);
  });
});

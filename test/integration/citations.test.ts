import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { formatCitation, type AnyCitationFormat } from '../../src/core/citations';
import { CslFormatter } from '../../src/core/csl';
import { paperLens, paperTitled, withSetting } from './support';

describe('Copy Citation', function () {
  before(async function () {
    await paperLens();
    // The web workbench's clipboard is the browser's: without clipboard permission in the test
    // browser, reading it back gives ''. That is a broken test host, and it fails loudly here
    // rather than letting the citation tests pass without having checked anything.
    const probe = `paper-lens-probe-${Date.now()}`;
    await vscode.env.clipboard.writeText(probe);
    assert.strictEqual(
      await vscode.env.clipboard.readText(),
      probe,
      'the test host clipboard does not round-trip: grant the browser clipboard permission (see test/host/browser.ts)',
    );
  });

  // The CSL styles as the core formats them, from the repository's own style files.
  const root = path.resolve(__dirname, '..', '..', '..');
  const csl = new CslFormatter((file) => fs.readFileSync(path.join(root, file), 'utf8'));
  for (const format of ['markdown', 'text', 'bibtex', 'pandoc', 'latex', 'apa', 'ieee'] as const satisfies readonly AnyCitationFormat[]) {
    it(`copies the ${format} citation given as an argument`, async () => {
      const paper = await paperTitled('CNN Filter DB');
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('paperLens.copyCitation', paper.id, format);
      const copied = await vscode.env.clipboard.readText();
      assert.strictEqual(copied, formatCitation(paper, format, { csl }));
      if (format === 'apa') assert.ok(copied.includes('CNN Filter DB'), copied);
    });
  }

  it('uses paperLens.citation.defaultFormat without asking once the user has chosen one', async () => {
    const paper = await paperTitled('BT^2');
    await withSetting('citation.defaultFormat', 'bibtex', async () => {
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('paperLens.copyCitation', paper.id);
      assert.strictEqual(await vscode.env.clipboard.readText(), formatCitation(paper, 'bibtex'));
    });
  });

  it('accepts a title or short name instead of an id', async () => {
    const paper = await paperTitled('DataComp:');
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('paperLens.copyCitation', 'DataComp', 'text');
    assert.strictEqual(await vscode.env.clipboard.readText(), formatCitation(paper, 'text'));
  });
});

describe('Insert Mention', () => {
  it('inserts the short name at the cursor of the active editor', async () => {
    await paperLens();
    const paper = await paperTitled('DataComp:');
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'We build on .\n' });
    const editor = await vscode.window.showTextDocument(doc);
    const at = doc.positionAt('We build on '.length);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('paperLens.insertMention', paper.id);
    assert.strictEqual(doc.getText(), 'We build on DataComp.\n');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PaperLensTestApi } from '../../src/extension';
import { paperLens, paperTitled, waitFor } from './support';

/** Closing a panel while the workbench is still opening it only produces noise in the log. */
async function shown(panel: vscode.WebviewPanel): Promise<vscode.WebviewPanel> {
  await waitFor(() => panel.visible, 'the panel to show');
  return panel;
}

describe('paper view', () => {
  let api: PaperLensTestApi;

  before(async () => {
    api = await paperLens();
  });

  it('opens one webview per paper and reuses it when the paper is opened again', async () => {
    const paper = await paperTitled('CNN Filter DB');
    api.paperViews.panelOf(paper.id)?.dispose();
    await vscode.commands.executeCommand('paperLens.openPaper', paper.id);
    const panel = api.paperViews.panelOf(paper.id);
    assert.ok(panel, 'a panel');
    await shown(panel);
    assert.strictEqual(panel.viewType, 'paperLens.paper');
    await vscode.commands.executeCommand('paperLens.openPaper', paper.id);
    assert.strictEqual(api.paperViews.panelOf(paper.id), panel, 'the same panel');
    panel.dispose();
    assert.strictEqual(api.paperViews.panelOf(paper.id), undefined, 'forgotten once closed');
  });

  it('shows the paper with a strict CSP, no script and its actions as allowed command links', async () => {
    const paper = await paperTitled('CNN Filter DB');
    await vscode.commands.executeCommand('paperLens.openPaper', paper.id);
    const panel = await shown(api.paperViews.panelOf(paper.id)!);
    const html = panel.webview.html;
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
    assert.doesNotMatch(html, /<script/i);
    assert.strictEqual(panel.webview.options.enableScripts, false);
    assert.deepStrictEqual(
      [...(panel.webview.options.enableCommandUris as readonly string[])].sort(),
      ['paperLens.copyCitation', 'paperLens.openCodeLink', 'paperLens.revealPaper'],
    );
    assert.ok(html.includes('<h1>CNN Filter DB: An Empirical Investigation of Trained Convolutional Filters</h1>'));
    assert.ok(html.includes('href="command:paperLens.openCodeLink?'));
    assert.ok(html.includes('https://github.com/paulgavrikov/cnn-filter-db'));
    panel.dispose();
  });
});

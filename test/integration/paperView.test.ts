import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PaperLensTestApi } from '../../src/extension';
import { PAPER_PAGE_SCRIPT } from '../../src/core/paperPage';
import { paperLens, paperTitled, waitFor, withSetting } from './support';

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

  it('shows the paper with a strict CSP, one nonce\'d script and its actions as allowed command links', async () => {
    const paper = await paperTitled('CNN Filter DB');
    await vscode.commands.executeCommand('paperLens.openPaper', paper.id);
    const panel = await shown(api.paperViews.panelOf(paper.id)!);
    const html = panel.webview.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1].replace(/&#39;/g, "'");
    assert.ok(csp, 'a CSP');
    assert.match(csp, /^default-src 'none';/);
    const nonce = /script-src 'nonce-([^']+)';/.exec(csp)?.[1];
    assert.ok(nonce, `scripts only by nonce: ${csp}`);
    assert.doesNotMatch(csp, /unsafe/);
    assert.deepStrictEqual(
      [...html.matchAll(/<script\b[^>]*>([^<]*)<\/script>/g)].map((m) => m[0]),
      [`<script nonce="${nonce}">${PAPER_PAGE_SCRIPT}</script>`],
    );
    assert.strictEqual(panel.webview.options.enableScripts, true);
    assert.deepStrictEqual(
      [...(panel.webview.options.enableCommandUris as readonly string[])].sort(),
      ['paperLens.copyCitation', 'paperLens.openCodeLink', 'paperLens.openPaper', 'paperLens.revealPaper'],
    );
    assert.ok(html.includes('<h1>CNN Filter DB: An Empirical Investigation of Trained Convolutional Filters</h1>'));
    assert.ok(html.includes(`<body data-paper-id="${paper.id}">`));
    assert.ok(html.includes('href="command:paperLens.openCodeLink?'));
    assert.ok(html.includes('https://github.com/paulgavrikov/cnn-filter-db'));
    // Related papers, each a link to its own view, from the corpus's TF-IDF index.
    const related = [...html.matchAll(/<ul class="related">(.*?)<\/ul>/g)][0]?.[1] ?? '';
    const ids = [...related.matchAll(/href="command:paperLens\.openPaper\?([^"]+)"/g)].map((m) => JSON.parse(decodeURIComponent(m[1]))[0] as string);
    assert.ok(ids.length > 0 && ids.length <= 5, related);
    assert.ok(!ids.includes(paper.id), 'not the paper itself');
    for (const id of ids) assert.ok((await paperLens()).corpus()?.get(id), id);
    panel.dispose();
  });

  it('redraws an open view when the citation format it shows changes', async () => {
    const paper = await paperTitled('CNN Filter DB');
    await vscode.commands.executeCommand('paperLens.openPaper', paper.id);
    const panel = await shown(api.paperViews.panelOf(paper.id)!);
    const citation = () => /<pre class="citation">([^<]*)<\/pre>/.exec(panel.webview.html)?.[1] ?? '';
    await withSetting('citation.defaultFormat', 'markdown', async () => {
      await waitFor(() => citation().startsWith('['), 'a Markdown citation');
      await withSetting('citation.defaultFormat', 'bibtex', async () => {
        await waitFor(() => citation().startsWith('@misc{'), 'the view to show a BibTeX citation');
        assert.strictEqual(api.paperViews.panelOf(paper.id), panel, 'the same panel, redrawn');
      });
      await waitFor(() => citation().startsWith('['), 'the view to show a Markdown citation again');
    });
    panel.dispose();
  });

  describe('after a window reload', () => {
    /** A panel like the one VS Code recreates on reload, before the serializer fills it. */
    function revived(): vscode.WebviewPanel {
      return vscode.window.createWebviewPanel('paperLens.paper', 'restoring', vscode.ViewColumn.Active, {});
    }

    it('restores a view from the state its page stored', async () => {
      const paper = await paperTitled('CNN Filter DB');
      api.paperViews.panelOf(paper.id)?.dispose();
      const panel = revived();
      await api.paperViews.deserializeWebviewPanel(panel, { paperId: paper.id });
      assert.strictEqual(api.paperViews.panelOf(paper.id), panel, 'tracked like an opened view');
      assert.ok(panel.webview.html.includes('<h1>CNN Filter DB: An Empirical Investigation of Trained Convolutional Filters</h1>'));
      assert.strictEqual(panel.title, 'CNN Filter DB');
      assert.strictEqual(panel.webview.options.enableScripts, true);
      assert.deepStrictEqual(
        [...(panel.webview.options.enableCommandUris as readonly string[])].sort(),
        ['paperLens.copyCitation', 'paperLens.openCodeLink', 'paperLens.openPaper', 'paperLens.revealPaper'],
      );
      await vscode.commands.executeCommand('paperLens.openPaper', paper.id);
      assert.strictEqual(api.paperViews.panelOf(paper.id), panel, 'opening the paper again reuses it');
      panel.dispose();
      assert.strictEqual(api.paperViews.panelOf(paper.id), undefined, 'forgotten once closed');
    });

    it('closes a view whose state names no paper it knows', async () => {
      for (const state of [{ paperId: 'no-such-paper' }, undefined, { something: 'else' }]) {
        const panel = revived();
        let closed = false;
        panel.onDidDispose(() => (closed = true));
        await api.paperViews.deserializeWebviewPanel(panel, state);
        assert.ok(closed, JSON.stringify(state));
      }
    });
  });
});

/**
 * The editor features on the web: the bundled corpus (bundled into the script), hover cards,
 * the sidebar, search, the paper view and citations through citeproc-js with the CSL styles
 * read from the extension through workspace.fs. Each checks the same facts as the integration
 * suite does under Node.
 */
import * as vscode from 'vscode';
import { formatCitation } from '../../src/core/citations';
import { CSL_LOCALE_FILE, CSL_STYLE_FILES, CslFormatter } from '../../src/core/csl';
import type { PaperLensTestApi } from '../../src/extension';
import type { TopicNode } from '../../src/features/topicTree';
import { BUNDLED_TOPIC_SIZES, papersByLayout } from '../shared/bundledFacts';
import * as assert from './assert';
import { extensionFile, folder, markdownOf, offsetOf, paperHovers, paperLens, paperTitled, waitFor } from './support';

describe('Paper Lens on the web', () => {
  let api: PaperLensTestApi;

  before(async () => {
    api = await paperLens();
  });

  it('loads every paper of the bundled listing from the seeds in its script', async () => {
    const corpus = api.corpus();
    assert.ok(corpus, 'a corpus');
    assert.strictEqual(corpus.papers.length, papersByLayout(await extensionFile('seeds/daily-papers-listing.txt')), 'papers');
    assert.strictEqual(corpus.problems.length, 0, 'problems');
  });

  it('shows the hover card on a short name, with a range of exactly the name', async () => {
    const notes = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder().uri, 'notes.md'));
    const dataComp = await paperTitled('DataComp:');
    const at = offsetOf(notes, 'DataComp fixes');
    const hovers = await paperHovers(notes, at + 3);
    assert.strictEqual(hovers.length, 1, 'Paper Lens hovers');
    assert.strictEqual(notes.getText(hovers[0].range), 'DataComp', 'range');
    assert.ok(markdownOf(hovers[0]).replace(/\\(.)/g, '$1').includes(dataComp.title), 'the title on the card');
    assert.strictEqual((await paperHovers(notes, offsetOf(notes, 'training code') + 2)).length, 0, 'no card on ordinary words');
  });

  it('lists every topic that holds papers in the sidebar, with its checked paper count', async () => {
    const roots = (await api.topicTree.getChildren()) as TopicNode[];
    const shown: [string, string][] = [];
    for (const root of roots) shown.push([root.topic.id, String((await api.topicTree.getTreeItem(root)).description)]);
    assert.deepStrictEqual(
      shown,
      BUNDLED_TOPIC_SIZES.filter(([, count]) => count > 0).map(([id, count]) => [id, String(count)]),
    );
  });

  it('ranks an exact name first in search', async () => {
    const [first] = api.searchItems('datacomp');
    assert.ok(first?.paper?.title.startsWith('DataComp:'), first?.label ?? 'no result');
  });

  it('opens the paper view with the paper and a nonce for its one script', async () => {
    const paper = await paperTitled('CNN Filter DB');
    await vscode.commands.executeCommand('paperLens.openPaper', paper.id);
    const panel = api.paperViews.panelOf(paper.id);
    assert.ok(panel, 'a panel');
    await waitFor(() => panel.visible, 'the panel to show');
    const html = panel.webview.html;
    assert.ok(html.includes('CNN Filter DB'), 'the title in the page');
    const nonce = /script-src 'nonce-([^']+)'/.exec(html.replace(/&#39;/g, "'"))?.[1];
    assert.ok(nonce && nonce.length >= 16, `a nonce: ${nonce}`);
    panel.dispose();
  });

  it('copies an APA citation formatted by citeproc-js from the bundled style', async () => {
    const paper = await paperTitled('CNN Filter DB');
    const texts = new Map([
      [CSL_STYLE_FILES.apa.file, await extensionFile(CSL_STYLE_FILES.apa.file)],
      [CSL_LOCALE_FILE, await extensionFile(CSL_LOCALE_FILE)],
    ]);
    const expected = formatCitation(paper, 'apa', { csl: new CslFormatter((file) => texts.get(file) ?? '') });
    assert.ok(expected.includes('CNN Filter DB'), expected);
    const probe = `paper-lens-web-probe-${Date.now()}`;
    await vscode.env.clipboard.writeText(probe);
    assert.strictEqual(await vscode.env.clipboard.readText(), probe, 'the test browser clipboard round-trips');
    await vscode.commands.executeCommand('paperLens.copyCitation', paper.id, 'apa');
    assert.strictEqual(await vscode.env.clipboard.readText(), expected);
  });
});

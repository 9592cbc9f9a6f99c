/**
 * What the search quick pick shows. The ranking itself is the core's and is checked in
 * test/unit/search.test.ts; here, that the editor keeps it and dresses each item.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PaperLensTestApi } from '../../src/extension';
import { BUNDLED_PAPER_COUNT, paperLens, paperTitled, waitFor } from './support';

/** The topic labels of seeds/topics.json, in its order (read as data, not through the extension). */
const TAXONOMY_LABELS = (
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'seeds', 'topics.json'), 'utf8')) as { topics: { label: string }[] }
).topics.map((t) => t.label);

/** A quick pick label as a person reads it (the word joiners that keep VS Code from re-sorting removed). */
function shown(label: string): string {
  return label.replace(/\u2060/g, '');
}

describe('Search Papers', () => {
  let api: PaperLensTestApi;

  before(async () => {
    api = await paperLens();
  });

  it('shows the core ranking unchanged, every item always shown', async () => {
    const corpus = api.corpus()!;
    const query = 'data filtering';
    const items = api.searchItems(query);
    assert.deepStrictEqual(
      items.slice(0, 3).map((i) => shown(i.label)),
      ['Data Filtering Networks', (await paperTitled('CoLoR-Filter:')).title, (await paperTitled('DataComp:')).title],
    );
    assert.deepStrictEqual(
      items.map((i) => i.paper?.id),
      corpus.searchIndex.search(query, 50).map((r) => r.paper.id),
    );
    for (const item of items) {
      assert.strictEqual(item.alwaysShow, true);
      assert.strictEqual(shown(item.label), item.paper!.title.replace(/\s+/g, ' ').trim());
    }
  });

  it('describes each result by short name and topics and shows the abstract around the match', async () => {
    const [first] = api.searchItems('reverberation clutter');
    assert.ok(first.paper!.title.startsWith('Deep Spatiotemporal Clutter Filtering'));
    // No short name; filed under two topics.
    assert.strictEqual(first.description, 'Image Restoration & Enhancement, Medical & Biomedical Imaging');
    assert.match(first.detail ?? '', /reverberation clutter/i);
    // The words stand 75 characters into the abstract: the snippet starts there, cut with an ellipsis.
    assert.ok(first.detail?.startsWith('…'), first.detail);
    const [dataComp] = api.searchItems('DataComp');
    assert.strictEqual(dataComp.description, 'DataComp · Data Curation & Filtering');
  });

  it('offers copy citation on every result and open code only with a code link', async () => {
    const withCode = api.searchItems('CNN Filter DB')[0];
    assert.deepStrictEqual(
      withCode.buttons?.map((b) => b.tooltip),
      ['Copy Citation', 'Open Code Repository'],
    );
    const noCode = api.searchItems('Data Filtering Networks')[0];
    assert.ok(noCode.paper!.title.startsWith('Data Filtering Networks'));
    assert.deepStrictEqual(
      noCode.buttons?.map((b) => b.tooltip),
      ['Copy Citation'],
    );
  });

  it('lists every paper once, under its best topic, for an empty query', async () => {
    const items = api.searchItems('');
    const papers = items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
    const separators = items.filter((i) => i.kind === vscode.QuickPickItemKind.Separator);
    assert.strictEqual(items[0].kind, vscode.QuickPickItemKind.Separator);
    assert.strictEqual(papers.length, BUNDLED_PAPER_COUNT);
    assert.strictEqual(new Set(papers.map((i) => i.paper!.id)).size, BUNDLED_PAPER_COUNT);
    // Every topic is the best topic of some bundled paper.
    assert.deepStrictEqual(
      separators.map((s) => s.label),
      TAXONOMY_LABELS,
    );
    // The first section: the six papers whose best topic is data curation, in listing order.
    // Open-Qwen2VL is filed there second and is listed under Vision-Language instead.
    const second = items.indexOf(separators[1]);
    const first = items.slice(1, second).map((i) => shown(i.label));
    assert.deepStrictEqual(first, [
      'Data Filtering Networks',
      (await paperTitled('CoLoR-Filter:')).title,
      (await paperTitled('Effective pruning of web-scale datasets')).title,
      (await paperTitled('Quality Not Quantity:')).title,
      (await paperTitled('DataComp:')).title,
      (await paperTitled('LAION-5B:')).title,
    ]);
    const qwen = papers.find((i) => i.paper!.title.startsWith('Open-Qwen2VL:'));
    assert.ok(qwen?.description?.includes('Data Curation & Filtering'), 'its other topic named in the description');
  });

  it('opens the chosen paper on Enter', async () => {
    const paper = await paperTitled('DataComp:');
    api.paperViews.panelOf(paper.id)?.dispose();
    let finished = false;
    const done = Promise.resolve(vscode.commands.executeCommand('paperLens.searchPapers', 'DataComp')).finally(() => (finished = true));
    // The quick pick shows asynchronously: press Enter until it has taken the first item.
    for (let tries = 0; !finished && tries < 25; tries++) {
      await new Promise((r) => setTimeout(r, 200));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    await done;
    await waitFor(() => api.paperViews.panelOf(paper.id)?.visible === true, 'the paper view');
    api.paperViews.panelOf(paper.id)?.dispose();
  });
});

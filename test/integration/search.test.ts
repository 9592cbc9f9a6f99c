import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PaperLensTestApi } from '../../src/extension';
import { paperLens, paperTitled, waitFor } from './support';

/** A quick pick label as a person reads it (the word joiners that keep VS Code from re-sorting removed). */
function shown(label: string): string {
  return label.replace(/\u2060/g, '');
}

describe('Search Papers', () => {
  let api: PaperLensTestApi;

  before(async () => {
    api = await paperLens();
  });

  for (const [query, expected] of [
    ['DataComp', 'DataComp:'],
    ['datacmop', 'DataComp:'],
    ['lora tracking', 'Tracking Meets LoRA'],
    ['BT^2', 'BT^2:'],
    ['unlearnable datasets convolution', 'CUDA: Convolution-based Unlearnable Datasets'],
  ] as const) {
    it(`ranks "${expected}" first for "${query}"`, async () => {
      const items = api.searchItems(query);
      assert.ok(items.length > 0, 'some results');
      assert.ok(shown(items[0].label).startsWith(expected), `first: ${shown(items[0].label)}`);
      assert.strictEqual(items[0].paper?.title.startsWith(expected), true);
    });
  }

  it('shows the core ranking unchanged, every item always shown', async () => {
    const corpus = api.corpus()!;
    const query = 'data filtering';
    const items = api.searchItems(query);
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
    const corpus = api.corpus()!;
    const [first] = api.searchItems('reverberation clutter');
    assert.ok(first.paper!.title.startsWith('Deep Spatiotemporal Clutter Filtering'));
    const topics = corpus.topicsOf(first.paper!.id).map((t) => t.label).join(', ');
    assert.ok(first.description?.includes(topics), first.description);
    assert.match(first.detail ?? '', /reverberation clutter/i);
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

  it('lists every paper once, under topic separators, for an empty query', async () => {
    const corpus = api.corpus()!;
    const items = api.searchItems('');
    const papers = items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
    const separators = items.filter((i) => i.kind === vscode.QuickPickItemKind.Separator);
    assert.strictEqual(items[0].kind, vscode.QuickPickItemKind.Separator);
    assert.deepStrictEqual(papers.map((i) => i.paper!.id).sort(), corpus.papers.map((p) => p.id).sort());
    assert.ok(separators.length > 1);
    assert.ok(separators.every((s) => corpus.topics.some((t) => t.label === s.label)));
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

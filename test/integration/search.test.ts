/**
 * What the search quick pick shows. The ranking itself is the core's and is checked in
 * test/unit/search.test.ts; here, that the editor keeps it and dresses each item.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PaperLensTestApi } from '../../src/extension';
import { BUNDLED_MULTI_TOPIC_PAPERS, BUNDLED_PAPER_COUNT, paperLens, paperTitled, waitFor } from './support';

/** The topic labels of seeds/topics.json by id, in its order (read as data, not through the extension). */
const LABELS = new Map(
  (JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'seeds', 'topics.json'), 'utf8')) as { topics: { id: string; label: string }[] }).topics.map((t) => [
    t.id,
    t.label,
  ]),
);

/** The checked topics of a multi-topic paper (test/shared/bundledData.ts), best first, as labels. */
function checkedTopicLabels(titlePrefix: string): string[] {
  const entry = BUNDLED_MULTI_TOPIC_PAPERS.find(([title]) => title === titlePrefix);
  assert.ok(entry, `${titlePrefix} is not among the checked multi-topic papers`);
  return entry[1].map((id) => LABELS.get(id) ?? assert.fail(`no topic ${id} in seeds/topics.json`));
}

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
    // No short name; filed under several topics.
    assert.strictEqual(first.description, checkedTopicLabels('Deep Spatiotemporal Clutter Filtering').join(', '));
    assert.match(first.detail ?? '', /reverberation clutter/i);
    // The words stand 75 characters into the abstract: the snippet starts there, cut with an ellipsis.
    assert.ok(first.detail?.startsWith('…'), first.detail);
    const [qwen] = api.searchItems('Open-Qwen2VL');
    assert.ok(qwen.paper!.title.startsWith('Open-Qwen2VL:'));
    assert.strictEqual(qwen.description, `Open-Qwen2VL · ${checkedTopicLabels('Open-Qwen2VL:').join(', ')}`);
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

  it('lists a share of a large corpus under each topic for an empty query, and says how many more typing finds', async () => {
    const all = api.searchItems('').filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
    // As if the corpus were over the limit: 10 papers, spread over the sections (at least one each).
    const items = api.searchItems('', 10);
    const papers = items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
    const separators = items.filter((i) => i.kind === vscode.QuickPickItemKind.Separator);
    assert.ok(papers.length < all.length, `${papers.length} of ${all.length} listed`);
    // One paper a section: between two separators, at most one item.
    let run = 0;
    for (const item of items) {
      run = item.kind === vscode.QuickPickItemKind.Separator ? 0 : run + 1;
      assert.ok(run <= 1, 'one paper a section');
    }
    const more = separators[separators.length - 1];
    assert.strictEqual(more.label, `${all.length - papers.length} more papers: type to search them`);
    assert.strictEqual(items[items.length - 1], more, 'the count comes last');
    // Every paper listed is one the full list has, under the same section.
    assert.ok(papers.every((i) => all.some((a) => a.paper?.id === i.paper?.id)));
  });

  it('lists every paper once, under its best topic, for an empty query', async () => {
    const items = api.searchItems('');
    const papers = items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
    const separators = items.filter((i) => i.kind === vscode.QuickPickItemKind.Separator);
    assert.strictEqual(items[0].kind, vscode.QuickPickItemKind.Separator);
    assert.strictEqual(papers.length, BUNDLED_PAPER_COUNT);
    assert.strictEqual(new Set(papers.map((i) => i.paper!.id)).size, BUNDLED_PAPER_COUNT);
    // Sections in taxonomy order, each topic once; "Unfiled" last, for papers no topic claims.
    const order = [...LABELS.values(), 'Unfiled'];
    const positions = separators.map((s) => order.indexOf(s.label));
    assert.ok(!positions.includes(-1), `unknown sections: ${separators.map((s) => s.label).join(', ')}`);
    assert.deepStrictEqual(positions, [...new Set(positions)].sort((a, b) => a - b));
    // A paper filed under several topics is listed once, under its best one; the description
    // names the others.
    const sectionOf = (item: (typeof items)[number]) => {
      let k = items.indexOf(item);
      while (items[k].kind !== vscode.QuickPickItemKind.Separator) k--;
      return items[k].label;
    };
    for (const [title] of BUNDLED_MULTI_TOPIC_PAPERS) {
      const [best, ...others] = checkedTopicLabels(title);
      const item = papers.find((i) => i.paper!.title.startsWith(title));
      assert.ok(item, title);
      assert.strictEqual(sectionOf(item), best, title);
      const description = item.description ?? '';
      assert.ok(description === others.join(', ') || description.endsWith(` · ${others.join(', ')}`), `${title}: ${description}`);
    }
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

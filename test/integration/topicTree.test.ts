import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PaperLensTestApi } from '../../src/extension';
import type { PaperNode, TopicNode, TreeNode } from '../../src/features/topicTree';
import { BUNDLED_MULTI_TOPIC_PAPERS, BUNDLED_PAPER_COUNT, BUNDLED_TOPIC_SIZES, paperLens, paperTitled, waitFor, withSetting } from './support';

async function item(api: PaperLensTestApi, node: TreeNode): Promise<vscode.TreeItem> {
  return api.topicTree.getTreeItem(node);
}

/**
 * Whole topics as the sidebar lists them, checked by hand: [title prefix, short name shown as
 * the row's description (or none)], in listing order. Two include a paper filed there as its
 * second topic (Open-Qwen2VL; Open-vocabulary Object Detection and Tracking Meets LoRA).
 */
const TOPIC_ROWS: ReadonlyArray<readonly [topic: string, label: string, rows: ReadonlyArray<readonly [title: string, shortName: string | false]>]> = [
  [
    'data-curation',
    'Data Curation & Filtering',
    [
      // Issue 8: the abstract defines "a data filtering network (DFN)", so DFN is its name now.
      ['Data Filtering Networks', 'DFN'],
      ['CoLoR-Filter:', 'CoLoR-Filter'],
      ['Effective pruning of web-scale datasets', false],
      ['Quality Not Quantity:', false],
      ['DataComp:', 'DataComp'],
      ['LAION-5B:', 'LAION-5B'],
      ['Open-Qwen2VL:', 'Open-Qwen2VL'],
    ],
  ],
  [
    'robustness-security',
    'Robustness, Security & Privacy',
    [
      ['CUDA:', 'CUDA'],
      ['An accurate detection is not all you need', false],
      ['FoPro:', 'FoPro'],
    ],
  ],
  [
    'detection-tracking',
    'Detection, Segmentation & Tracking',
    [
      ['Open-vocabulary Object Detection', 'ViLD'],
      ['Next Generation Multitarget Trackers', false],
      ['Tracking Meets LoRA:', 'LoRAT'],
    ],
  ],
];

async function topicNode(api: PaperLensTestApi, id: string): Promise<TopicNode> {
  const node = ((await api.topicTree.getChildren()) as TreeNode[]).find((n): n is TopicNode => n.kind === 'topic' && n.topic.id === id);
  assert.ok(node, `no topic ${id} in the tree`);
  return node;
}

describe('topic sidebar', () => {
  let api: PaperLensTestApi;

  before(async () => {
    api = await paperLens();
  });

  it('lists every topic that holds papers, in taxonomy order, with its checked paper count', async () => {
    const roots = (await api.topicTree.getChildren()) as TopicNode[];
    const shown: [string, string | boolean | undefined][] = [];
    for (const root of roots) {
      const row = await item(api, root);
      shown.push([root.topic.id, row.description]);
      assert.strictEqual(row.label, root.topic.label);
      assert.strictEqual(row.tooltip, root.topic.description);
      assert.strictEqual(row.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      assert.strictEqual(((await api.topicTree.getChildren(root)) as TreeNode[]).length, Number(row.description), `${root.topic.id}: rows under it`);
    }
    assert.deepStrictEqual(
      shown,
      BUNDLED_TOPIC_SIZES.filter(([, count]) => count > 0).map(([id, count]) => [id, String(count)]),
    );
  });

  for (const [topic, label, expected] of TOPIC_ROWS) {
    it(`lists ${topic} as checked: its papers in listing order, short names, an open command`, async () => {
      const root = await topicNode(api, topic);
      assert.strictEqual((await item(api, root)).label, label);
      const children = (await api.topicTree.getChildren(root)) as PaperNode[];
      const rows: [string, string | boolean | undefined][] = [];
      for (const child of children) {
        const row = await item(api, child);
        rows.push([child.paper.title, row.description]);
        assert.strictEqual(row.label, child.paper.title);
        assert.strictEqual(row.command?.command, 'paperLens.openPaper');
        assert.deepStrictEqual(row.command?.arguments, [child.paper.id]);
        assert.strictEqual(api.topicTree.getParent(child), root);
      }
      const want: [string, string | false][] = [];
      for (const [title, shortName] of expected) want.push([(await paperTitled(title)).title, shortName]);
      assert.deepStrictEqual(rows, want);
    });
  }

  it('shows a paper filed under several topics under each, with ids unique across the tree', async () => {
    const ids = new Set<string>();
    const topicsOfPaper = new Map<string, string[]>();
    for (const root of (await api.topicTree.getChildren()) as TopicNode[]) {
      ids.add((await item(api, root)).id!);
      for (const child of (await api.topicTree.getChildren(root)) as PaperNode[]) {
        const id = (await item(api, child)).id!;
        assert.ok(!ids.has(id), `duplicate tree id ${id}`);
        ids.add(id);
        topicsOfPaper.set(child.paper.title, [...(topicsOfPaper.get(child.paper.title) ?? []), root.topic.id]);
      }
    }
    assert.strictEqual(topicsOfPaper.size, BUNDLED_PAPER_COUNT, 'every paper somewhere');
    const multi = [...topicsOfPaper.entries()].filter(([, topics]) => topics.length > 1).map(([title, topics]) => [title, [...topics].sort()]);
    const expected: [string, string[]][] = [];
    for (const [title, topics] of BUNDLED_MULTI_TOPIC_PAPERS) expected.push([(await paperTitled(title)).title, [...topics].sort()]);
    assert.deepStrictEqual(
      multi.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      expected.sort((a, b) => a[0].localeCompare(b[0])),
    );
  });

  it('marks papers with a code repository so the context menu can offer it', async () => {
    const withCode = await paperTitled('CNN Filter DB');
    const without = await paperTitled('Data Filtering Networks');
    assert.strictEqual((await item(api, (await api.topicTree.nodeFor(withCode.id))!)).contextValue, 'paperWithCode');
    assert.strictEqual((await item(api, (await api.topicTree.nodeFor(without.id))!)).contextValue, 'paper');
  });

  it('"Reveal in Sidebar" selects the paper under its best topic', async () => {
    // Filed under transfer-adaptation (best) and detection-tracking.
    const paper = await paperTitled('Tracking Meets LoRA:');
    await vscode.commands.executeCommand('paperLens.revealPaper', paper.id);
    await waitFor(() => (api.topicView.selection[0] as PaperNode | undefined)?.paper.id === paper.id, 'the revealed row');
    assert.strictEqual(api.topicView.selection.length, 1);
    const selected = api.topicView.selection[0] as PaperNode;
    assert.strictEqual(selected.parent?.topic.id, 'transfer-adaptation');
    assert.ok(api.topicView.visible, 'the view is shown');
  });

  it('switches to A to Z and back with the title-bar commands, stored in the setting', async () => {
    await withSetting('sidebar.grouping', undefined, async () => {
      await vscode.commands.executeCommand('paperLens.groupAlphabetically');
      await waitFor(() => vscode.workspace.getConfiguration('paperLens').get('sidebar.grouping') === 'alphabetical', 'the setting');
      await waitFor(() => api.topicTree.grouping === 'alphabetical', 'the tree to regroup');
      const rows = (await api.topicTree.getChildren()) as PaperNode[];
      assert.strictEqual(rows.length, BUNDLED_PAPER_COUNT, 'every paper once');
      assert.strictEqual(new Set(rows.map((r) => r.paper.id)).size, BUNDLED_PAPER_COUNT);
      assert.ok(rows.every((r) => r.kind === 'paper' && r.parent === undefined));
      const titles = rows.map((r) => r.paper.title.replace(/^[^\p{L}\p{N}]+/u, '').toLowerCase());
      for (let i = 1; i < titles.length; i++) assert.ok(titles[i - 1].localeCompare(titles[i], undefined, { numeric: true }) <= 0, `${titles[i - 1]} before ${titles[i]}`);
      assert.ok(rows[0].paper.title.startsWith('A Simple Baseline that Questions'), rows[0].paper.title);
      assert.ok(rows[rows.length - 1].paper.title.startsWith('What learning algorithm'), rows[rows.length - 1].paper.title);
      const paper = await paperTitled('DataComp:');
      await vscode.commands.executeCommand('paperLens.revealPaper', paper.id);
      await waitFor(() => (api.topicView.selection[0] as PaperNode | undefined)?.paper.id === paper.id, 'the revealed row');

      await vscode.commands.executeCommand('paperLens.groupByTopic');
      await waitFor(() => api.topicTree.grouping === 'topic', 'the tree to regroup');
      assert.ok(((await api.topicTree.getChildren()) as TreeNode[]).every((r) => r.kind === 'topic'));
    });
  });
});

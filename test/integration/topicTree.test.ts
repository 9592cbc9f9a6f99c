import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PaperLensTestApi } from '../../src/extension';
import type { PaperNode, TopicNode, TreeNode } from '../../src/features/topicTree';
import { paperLens, paperTitled, waitFor, withSetting } from './support';

async function item(api: PaperLensTestApi, node: TreeNode): Promise<vscode.TreeItem> {
  return api.topicTree.getTreeItem(node);
}

describe('topic sidebar', () => {
  let api: PaperLensTestApi;

  before(async () => {
    api = await paperLens();
  });

  it('lists the topics that have papers, in taxonomy order, with their paper counts', async () => {
    const corpus = api.corpus()!;
    const roots = api.topicTree.getChildren() as TopicNode[];
    const expected = corpus.topics.filter((t) => corpus.papersIn(t.id).length > 0);
    assert.deepStrictEqual(
      roots.map((r) => r.topic.id),
      expected.map((t) => t.id),
    );
    for (const root of roots) {
      const row = await item(api, root);
      assert.strictEqual(row.label, root.topic.label);
      assert.strictEqual(row.description, String(corpus.papersIn(root.topic.id).length));
      assert.strictEqual(row.tooltip, root.topic.description);
      assert.strictEqual(row.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    }
  });

  it("lists each topic's papers in listing order, with short names and an open command", async () => {
    const corpus = api.corpus()!;
    for (const root of api.topicTree.getChildren() as TopicNode[]) {
      const children = api.topicTree.getChildren(root) as PaperNode[];
      assert.deepStrictEqual(
        children.map((c) => c.paper.id),
        corpus.papersIn(root.topic.id).map((p) => p.id),
      );
      for (const child of children) {
        const row = await item(api, child);
        assert.strictEqual(row.description, corpus.shortName(child.paper.id) ?? false);
        assert.deepStrictEqual(row.command?.arguments, [child.paper.id]);
        assert.strictEqual(row.command?.command, 'paperLens.openPaper');
        assert.strictEqual(api.topicTree.getParent(child), root);
      }
    }
  });

  it('shows a paper filed under two topics under both, with ids unique across the tree', async () => {
    const ids = new Set<string>();
    const topicsOfPaper = new Map<string, string[]>();
    for (const root of api.topicTree.getChildren() as TopicNode[]) {
      ids.add((await item(api, root)).id!);
      for (const child of api.topicTree.getChildren(root) as PaperNode[]) {
        const id = (await item(api, child)).id!;
        assert.ok(!ids.has(id), `duplicate tree id ${id}`);
        ids.add(id);
        topicsOfPaper.set(child.paper.id, [...(topicsOfPaper.get(child.paper.id) ?? []), root.topic.id]);
      }
    }
    const multi = [...topicsOfPaper.entries()].filter(([, topics]) => topics.length > 1);
    assert.ok(multi.length > 0, 'the bundled corpus files some papers under two topics');
    const corpus = api.corpus()!;
    for (const [paperId, topics] of multi) {
      assert.deepStrictEqual(
        [...topics].sort(),
        corpus
          .topicsOf(paperId)
          .map((t) => t.id)
          .sort(),
      );
    }
  });

  it('marks papers with a code repository so the context menu can offer it', async () => {
    const withCode = await paperTitled('CNN Filter DB');
    const without = await paperTitled('Data Filtering Networks');
    assert.strictEqual((await item(api, api.topicTree.nodeFor(withCode.id)!)).contextValue, 'paperWithCode');
    assert.strictEqual((await item(api, api.topicTree.nodeFor(without.id)!)).contextValue, 'paper');
  });

  it('"Reveal in Sidebar" selects the paper under its best topic', async () => {
    const paper = await paperTitled('DataComp:');
    await vscode.commands.executeCommand('paperLens.revealPaper', paper.id);
    await waitFor(() => api.topicView.selection.length === 1, 'a selection');
    const selected = api.topicView.selection[0] as PaperNode;
    assert.strictEqual(selected.paper.id, paper.id);
    assert.strictEqual(selected.parent?.topic.id, api.corpus()!.topicsOf(paper.id)[0].id);
    assert.ok(api.topicView.visible, 'the view is shown');
  });

  it('switches to A to Z and back with the title-bar commands, stored in the setting', async () => {
    await withSetting('sidebar.grouping', undefined, async () => {
      await vscode.commands.executeCommand('paperLens.groupAlphabetically');
      await waitFor(() => vscode.workspace.getConfiguration('paperLens').get('sidebar.grouping') === 'alphabetical', 'the setting');
      await waitFor(() => api.topicTree.grouping === 'alphabetical', 'the tree to regroup');
      const rows = api.topicTree.getChildren() as PaperNode[];
      assert.strictEqual(rows.length, api.corpus()!.papers.length, 'every paper once');
      assert.ok(rows.every((r) => r.kind === 'paper' && r.parent === undefined));
      const titles = rows.map((r) => r.paper.title.replace(/^[^\p{L}\p{N}]+/u, '').toLowerCase());
      for (let i = 1; i < titles.length; i++) assert.ok(titles[i - 1].localeCompare(titles[i], undefined, { numeric: true }) <= 0, `${titles[i - 1]} before ${titles[i]}`);
      const paper = await paperTitled('DataComp:');
      await vscode.commands.executeCommand('paperLens.revealPaper', paper.id);
      await waitFor(() => (api.topicView.selection[0] as PaperNode | undefined)?.paper.id === paper.id, 'the revealed row');

      await vscode.commands.executeCommand('paperLens.groupByTopic');
      await waitFor(() => api.topicTree.grouping === 'topic', 'the tree to regroup');
      assert.ok((api.topicTree.getChildren() as TreeNode[]).every((r) => r.kind === 'topic'));
    });
  });
});

/**
 * "Mentioned Here" and the workspace index in the real extension host: the sample workspace's
 * papers with their counts, files and lines; a click opening the place; a new file, a save and a
 * deletion updating the counts; the hover card's "Mentioned in N files".
 *
 * The expected figures are read off `samples/` by hand (see the comments): a change to the
 * samples that changes them must change this test too.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { MentionedHereNode, MentionedPaperNode } from '../../src/features/mentionedHere';
import { markdownOf, offsetOf, paperHover, paperLens, paperTitled, sample, waitFor } from './support';

const DIR = 'mentioned-here-test';

/** What the view shows at its top level: paper title prefix → description. */
async function rows(): Promise<Map<string, string>> {
  const api = await paperLens();
  const out = new Map<string, string>();
  for (const node of api.mentionedHere.getChildren()) {
    const item = api.mentionedHere.getTreeItem(node);
    if (node.kind === 'paper') out.set(node.paper.title.split(':')[0], String(item.description));
  }
  return out;
}

async function paperRow(prefix: string): Promise<MentionedPaperNode> {
  const api = await paperLens();
  const node = api.mentionedHere.getChildren().find((n): n is MentionedPaperNode => n.kind === 'paper' && n.paper.title.startsWith(prefix));
  assert.ok(node, `"Mentioned Here" has no row for ${prefix}`);
  return node;
}

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** Waits until the view's row for `prefix` reads `description` (the index updates in the background). */
async function waitForRow(prefix: string, description: string | undefined, ms = 60_000): Promise<void> {
  const api = await paperLens();
  await api.workspaceIndex.idle();
  let last: string | undefined;
  await waitFor(
    () => {
      const row = api.mentionedHere.getChildren().find((n) => n.kind === 'paper' && n.paper.title.startsWith(prefix));
      last = row ? String(api.mentionedHere.getTreeItem(row).description) : undefined;
      return last === description;
    },
    `the ${prefix} row to read ${description}`,
    ms,
  ).catch((e) => assert.fail(`${(e as Error).message}; it reads ${last}`));
}

describe('Mentioned Here', function () {
  this.timeout(240_000);
  const folder = () => {
    const f = vscode.workspace.workspaceFolders?.[0];
    assert.ok(f, 'the runner opens the samples folder');
    return f;
  };

  before(async () => {
    const api = await paperLens();
    await api.workspaceIndex.idle();
  });

  /** Deletes the test's folder if a test left it (a failed test must not change the next one's counts). */
  async function cleanUp(): Promise<void> {
    const dir = vscode.Uri.joinPath(folder().uri, DIR);
    const there = await vscode.workspace.fs.stat(dir).then(() => true, () => false);
    if (!there) return;
    await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false });
    await waitForRow('LAION-5B', '1 file · 1 mention');
  }

  afterEach(cleanUp);

  it('lists the sample workspace\'s papers with their file and mention counts', async () => {
    const api = await paperLens();
    assert.strictEqual(api.workspaceIndex.state, 'ready');
    // Read off samples/: DataComp in notes.md (twice: "DataComp" and "DataComp-1B"),
    // hover-notes.md, paper.tex and train.py's comment; Data Filtering Networks in the three
    // notes; SaRA in both training scripts' comments and notes.md; BT^2 and LoRAT in two files
    // each; the CUDA paper once, where notes.md names it ("the paper CUDA proposes"), and never
    // where CUDA is the toolkit.
    const expected: Array<[string, string]> = [
      ['DataComp', '4 files · 5 mentions'],
      ['Data Filtering Networks', '3 files · 3 mentions'],
      ['SaRA', '3 files · 3 mentions'],
      ['BT^2', '2 files · 2 mentions'],
      ['Tracking Meets LoRA', '2 files · 2 mentions'],
    ];
    let shown = await rows();
    for (let wait = 0; wait < 100 && !expected.every(([t, d]) => shown.get(t) === d); wait++) {
      await new Promise((r) => setTimeout(r, 100));
      shown = await rows();
    }
    for (const [title, description] of expected) assert.strictEqual(shown.get(title), description, `${title}: ${[...shown].map(([t, d]) => `${t} (${d})`).join(', ')}`);
    assert.strictEqual(shown.get('CUDA'), '1 file · 1 mention');
    // Most files first.
    assert.strictEqual([...shown.keys()][0], 'DataComp');
  });

  it('shows under a paper its files, and under a file each mention\'s line', async () => {
    const api = await paperLens();
    const files = api.mentionedHere.getChildren(await paperRow('DataComp:'));
    assert.deepStrictEqual(files.map((f) => labelOf(api.mentionedHere.getTreeItem(f))), ['hover-notes.md', 'notes.md', 'paper.tex', 'train.py']);
    const notes = files[1];
    const lines = api.mentionedHere.getChildren(notes);
    assert.deepStrictEqual(lines.map((l) => labelOf(api.mentionedHere.getTreeItem(l))), ['line 5', 'line 6']);
    assert.match(String(api.mentionedHere.getTreeItem(lines[0]).description), /^DataComp fixes the training code/);
  });

  it('opens the place with the mention selected when a line is clicked', async () => {
    const api = await paperLens();
    const [, notes] = api.mentionedHere.getChildren(await paperRow('DataComp:'));
    const [, second]: MentionedHereNode[] = api.mentionedHere.getChildren(notes);
    const command = api.mentionedHere.getTreeItem(second).command;
    assert.ok(command, 'a line row has a command');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.path.endsWith('/notes.md') === true, 'notes.md to open');
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.selection.start.line, 5);
    assert.strictEqual(editor.document.getText(editor.selection), 'DataComp-1B');
  });

  it('counts a new file\'s cite keys, a saved edit, and forgets a deleted file', async () => {
    const uri = vscode.Uri.joinPath(folder().uri, DIR, 'cites.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('We build on [@laion5b; @datacomp, p. 3].\n'));
    await waitForRow('LAION-5B', '2 files · 2 mentions');
    await waitForRow('DataComp', '5 files · 6 mentions');

    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), 'And \\cite{laion5b} once more.\n'));
    await doc.save();
    await waitForRow('LAION-5B', '2 files · 3 mentions');

    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder().uri, DIR), { recursive: true, useTrash: false });
    await waitForRow('LAION-5B', '1 file · 1 mention');
    await waitForRow('DataComp', '4 files · 5 mentions');
  });

  it('counts the files of a folder moved into the workspace, and a file named with glob characters', async () => {
    // A folder moved in whole is one watcher event naming the folder: nothing reports its files.
    const outside = path.join(folder().uri.fsPath, '..', `.paper-lens-move-${process.pid}`);
    fs.mkdirSync(path.join(outside, 'deeper'), { recursive: true });
    try {
      fs.writeFileSync(path.join(outside, 'a.md'), '[@laion5b]\n');
      fs.writeFileSync(path.join(outside, 'deeper', 'b.md'), 'See \\cite{laion5b}.\n');
      fs.mkdirSync(path.join(folder().uri.fsPath, DIR), { recursive: true });
      fs.renameSync(outside, path.join(folder().uri.fsPath, DIR, 'moved'));
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
    await waitForRow('LAION-5B', '3 files · 3 mentions');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder().uri, DIR, 'notes[1] {draft}.md'), new TextEncoder().encode('[@laion5b]\n'));
    await waitForRow('LAION-5B', '4 files · 4 mentions');
    const api = await paperLens();
    const files = api.workspaceIndex.locations((await paperTitled('LAION-5B')).id).map((l) => vscode.workspace.asRelativePath(l.uri));
    assert.deepStrictEqual(files.sort(), [`${DIR}/moved/a.md`, `${DIR}/moved/deeper/b.md`, `${DIR}/notes[1] {draft}.md`, 'paper.tex']);
  });

  it('leaves out files that search.exclude excludes', async () => {
    const uri = vscode.Uri.joinPath(folder().uri, DIR, 'excluded', 'cites.md');
    const search = vscode.workspace.getConfiguration('search');
    const previous = search.inspect('exclude')?.globalValue;
    await search.update('exclude', { [`${DIR}/excluded/**`]: true }, vscode.ConfigurationTarget.Global);
    try {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('[@laion5b]\n'));
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder().uri, DIR, 'counted.md'), new TextEncoder().encode('[@laion5b]\n'));
      await waitForRow('LAION-5B', '2 files · 2 mentions');
      const api = await paperLens();
      const laion = await paperTitled('LAION-5B');
      const files = api.workspaceIndex.locations(laion.id).map((l) => vscode.workspace.asRelativePath(l.uri));
      assert.deepStrictEqual(files.sort(), [`${DIR}/counted.md`, 'paper.tex']);
    } finally {
      await search.update('exclude', previous, vscode.ConfigurationTarget.Global);
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder().uri, DIR), { recursive: true, useTrash: false });
    }
    await waitForRow('LAION-5B', '1 file · 1 mention');
  });

  it('says in the hover card how many files mention the paper, with a link that lists them', async () => {
    const api = await paperLens();
    await api.workspaceIndex.idle();
    const doc = await sample('notes.md');
    const md = markdownOf(await paperHover(doc, offsetOf(doc, 'LoRAT')));
    const link = md.match(/\[Mentioned in 2 files\]\((command:paperLens\.showMentions\?[^ )]+)/);
    assert.ok(link, `no "Mentioned in 2 files" link in:\n${md}`);
    const args = JSON.parse(decodeURIComponent(link[1].split('?')[1])) as unknown[];
    const lorat = await paperTitled('Tracking Meets LoRA');
    assert.deepStrictEqual(args.slice(0, 2), [lorat.id, doc.uri.toString()]);
    // The link's command runs (it opens the references view at the hover's place).
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('paperLens.showMentions', ...args);
    await vscode.commands.executeCommand('closeReferenceSearch');
  });
});

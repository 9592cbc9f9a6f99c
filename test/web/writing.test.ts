/**
 * The writing features on the web: cite-key hovers, key completion in Markdown and LaTeX, the
 * unknown-key warning, Insert References and the workspace index behind "Mentioned Here"
 * (files listed through `workspace.findFiles` and read through `workspace.fs`, no Node). Each
 * checks the same facts as the integration suite does under Node (test/integration/
 * citeKeys.test.ts, mentionedHere.test.ts).
 */
import * as vscode from 'vscode';
import { insertReferencesAtEnd } from '../shared/insertReferences';
import * as assert from './assert';
import { folder, markdownOf, paperHovers, paperLens, paperTitled, waitFor } from './support';

const DIR = 'web-writing-test';

async function scratch(name: string, content: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(folder().uri, DIR, name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  return vscode.workspace.openTextDocument(uri);
}

async function completions(doc: vscode.TextDocument, line: number, character: number): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, character));
  return list.items;
}

describe('writing with papers, on the web', () => {
  after(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder().uri, DIR), { recursive: true });
  });

  it('shows the paper card on a key in [@...] and in \\cite{...}, with a range of exactly the key', async () => {
    const dataComp = await paperTitled('DataComp:');
    const doc = await scratch('keys.md', 'As shown [@matformer; @datacomp, p. 3] and \\citep{sit,datacomp}.\n');
    for (const nth of [0, 1]) {
      let at = -1;
      for (let k = 0; k <= nth; k++) at = doc.getText().indexOf('datacomp', at + 1);
      const hovers = await paperHovers(doc, at + 2);
      assert.strictEqual(hovers.length, 1, `a card on key ${nth}`);
      assert.strictEqual(doc.getText(hovers[0].range), 'datacomp', 'range');
      assert.ok(markdownOf(hovers[0]).includes(`command:paperLens.openPaper?${encodeURIComponent(JSON.stringify([dataComp.id]))}`), 'the card opens DataComp');
    }
  });

  it('completes keys after [@ in Markdown and inside \\cite{ in LaTeX', async () => {
    const md = await scratch('complete.md', 'See [@matf\n');
    const items = (await completions(md, 0, 'See [@matf'.length)).filter((i) => i.kind === vscode.CompletionItemKind.Reference);
    assert.ok(items.length > 0, 'cite-key items');
    assert.strictEqual(items[0].insertText, 'matformer', 'the first item');
    assert.ok(String(items[0].detail).includes('MatFormer: Nested Transformer'), String(items[0].detail));
    const tex = await scratch('paper.tex', '\\citep{a, dataco\n');
    assert.ok((await completions(tex, 0, '\\citep{a, dataco'.length)).some((i) => i.insertText === 'datacomp'), 'datacomp inside \\citep{');
  });

  it('warns about an unknown key, and not about a known one', async () => {
    const doc = await scratch('unknown.md', 'Known [@datacomp], unknown [@nosuchpaper2099] and \\cite{alsomissing}.\n');
    await waitFor(() => vscode.languages.getDiagnostics(doc.uri).length === 2, 'two warnings', 10_000);
    assert.deepStrictEqual(
      vscode.languages.getDiagnostics(doc.uri).map((d) => [doc.getText(d.range), d.severity]),
      [
        ['nosuchpaper2099', vscode.DiagnosticSeverity.Warning],
        ['alsomissing', vscode.DiagnosticSeverity.Warning],
      ],
    );
  });

  it('inserts a reference list of the papers the document mentions, in order of first mention', async () => {
    const doc = await scratch('references.md', 'MatFormer first, then [@datacomp], then \\cite{sit}.\n\n');
    const inserted = await insertReferencesAtEnd(doc, 'text');
    const [matFormer, dataComp, sit] = await Promise.all([paperTitled('MatFormer:'), paperTitled('DataComp:'), paperTitled('SiT:')]);
    const at = [matFormer, dataComp, sit].map((p) => inserted.indexOf(p.title));
    assert.ok(at.every((x) => x >= 0), inserted);
    assert.deepStrictEqual([...at].sort((a, b) => a - b), at, 'in order of first mention');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('indexes the workspace for "Mentioned Here", and counts a file written afterwards', async () => {
    const api = await paperLens();
    await api.workspaceIndex.idle();
    assert.strictEqual(api.workspaceIndex.state, 'ready', 'the index is on and ready');
    const rowOf = (prefix: string) => {
      const node = api.mentionedHere.getChildren().find((n) => n.kind === 'paper' && n.paper.title.startsWith(prefix));
      return node ? String(api.mentionedHere.getTreeItem(node).description) : undefined;
    };
    // The samples name LoRAT in two files, once each (see test/integration/mentionedHere.test.ts);
    // this suite's own notes do not name it.
    await waitFor(() => rowOf('Tracking Meets LoRA') === '2 files · 2 mentions', 'the LoRAT row to read 2 files · 2 mentions', 20_000);
    await scratch('lorat.md', 'We compare with LoRAT.\n');
    await waitFor(() => rowOf('Tracking Meets LoRA') === '3 files · 3 mentions', 'the LoRAT row to count the new file', 30_000);
    const lorat = await paperTitled('Tracking Meets LoRA');
    const files = api.workspaceIndex.locations(lorat.id).map((l) => vscode.workspace.asRelativePath(l.uri));
    assert.ok(files.includes(`${DIR}/lorat.md`), files.join(', '));
  });
});

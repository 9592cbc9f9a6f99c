/**
 * Cite keys and identifiers in the editor: hover cards, completion, unknown-key warnings with
 * their quick fix, go to definition and find references, through the real providers.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { insertReferencesAtEnd } from '../shared/insertReferences';
import { markdownOf, offsetOf, paperHover, paperHovers, paperLens, paperTitled, textOf, waitFor, withSetting } from './support';

/**
 * A document of the sample workspace (in `cite-keys-test/`, deleted after the suite). Real files rather than untitled
 * documents: an untitled document's name is reused once an earlier one closes, and the
 * extension host may still hold the closed one's text under that name.
 */
async function scratch(name: string, content: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens the samples folder');
  const uri = vscode.Uri.joinPath(folder.uri, 'cite-keys-test', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  return vscode.workspace.openTextDocument(uri);
}

let counter = 0;
async function markdown(content: string): Promise<vscode.TextDocument> {
  return scratch(`note-${++counter}.md`, content);
}

describe('cite keys in the editor', function () {
  this.timeout(60_000);
  before(async () => {
    await paperLens();
  });
  after(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder) await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder.uri, 'cite-keys-test'), { recursive: true, useTrash: false });
  });

  it('shows the paper card on a known key in [@...], in \\cite{...} and as a bare @key', async () => {
    const dataComp = await paperTitled('DataComp:');
    const doc = await markdown('As shown [@matformer; @datacomp, p. 3] and \\citep{sit,datacomp}. Also @datacomp.\n');
    for (const nth of [0, 1, 2]) {
      const at = offsetOf(doc, 'datacomp', nth);
      const hover = await paperHover(doc, at + 2);
      assert.strictEqual(textOf(doc, hover.range), 'datacomp');
      assert.ok(markdownOf(hover).includes(`command:paperLens.openPaper?${encodeURIComponent(JSON.stringify([dataComp.id]))}`));
      assert.ok(!markdownOf(hover).includes('notThisPaper'), 'a key is not a name that can mean another paper');
    }
    assert.deepStrictEqual(await paperHovers(doc, offsetOf(doc, 'As shown')), []);
  });

  it('completes keys after [@ with authors, year and title, filtered by any field', async () => {
    const doc = await markdown('See [@matf\n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 'See [@matf'.length), '@');
    const ours = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference);
    assert.ok(ours.length > 0, 'no cite-key items');
    const first = ours[0];
    assert.strictEqual(typeof first.label === 'string' ? first.label : first.label.label, 'matformer');
    assert.strictEqual(first.insertText, 'matformer');
    assert.ok(String(first.detail).includes('MatFormer: Nested Transformer'), String(first.detail));
    // Words of the title find the paper too; the typed words are replaced by its key.
    const byWords = await markdown('See [@nested transformer elastic\n');
    const found = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', byWords.uri, new vscode.Position(0, 'See [@nested transformer elastic'.length));
    const item = found.items.find((i) => i.insertText === 'matformer');
    assert.ok(item, 'the title words find MatFormer');
    assert.deepStrictEqual((item.range as vscode.Range).start, new vscode.Position(0, 'See [@'.length));
  });

  it('completes inside a LaTeX cite command, and offers nothing after an e-mail @', async () => {
    const tex = await scratch('paper.tex', '\\citep{a, dataco\n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', tex.uri, new vscode.Position(0, '\\citep{a, dataco'.length));
    assert.ok(list.items.some((i) => i.insertText === 'datacomp'));
    const mail = await markdown('write to me@dataco\n');
    const none = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', mail.uri, new vscode.Position(0, 'write to me@dataco'.length));
    assert.ok(!none.items.some((i) => i.kind === vscode.CompletionItemKind.Reference && i.insertText === 'datacomp'));
  });

  it('warns about an unknown key in [@...] and \\cite{...}, never about a bare @handle, with a quick fix that searches', async () => {
    const doc = await markdown('Known [@datacomp], unknown [@nosuchpaper2099] and \\cite{alsomissing}. Thanks @someuser.\n');
    await waitFor(() => vscode.languages.getDiagnostics(doc.uri).length === 2, 'two warnings', 10_000);
    const diagnostics = vscode.languages.getDiagnostics(doc.uri);
    assert.deepStrictEqual(
      diagnostics.map((d) => [doc.getText(d.range), d.severity, d.source]),
      [
        ['nosuchpaper2099', vscode.DiagnosticSeverity.Warning, 'Paper Lens'],
        ['alsomissing', vscode.DiagnosticSeverity.Warning, 'Paper Lens'],
      ],
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostics[0].range);
    const fix = actions.find((a) => a.title === 'Search Papers for "nosuchpaper2099"');
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    assert.deepStrictEqual(fix.command?.arguments, ['nosuchpaper 2099']);
    // Fixing the key clears its warning.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, diagnostics[0].range, 'matformer');
    await vscode.workspace.applyEdit(edit);
    await waitFor(() => vscode.languages.getDiagnostics(doc.uri).length === 1, 'one warning left', 10_000);
  });

  it('goes to the bundled paper\'s entry in the listing, and finds the references to it in the document', async () => {
    const matFormer = await paperTitled('MatFormer:');
    const doc = await markdown('We cite [@matformer].\n\nMatFormer nests FFN blocks; see \\cite{matformer}.\n');
    const at = doc.positionAt(offsetOf(doc, 'matformer') + 1);
    const definitions = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', doc.uri, at);
    const ours = definitions.map((d) => ('uri' in d ? d : { uri: d.targetUri, range: d.targetRange })).filter((d) => d.uri.path.endsWith('seeds/daily-papers-listing.txt'));
    assert.strictEqual(ours.length, 1);
    assert.strictEqual(ours[0].range.start.line, matFormer.source!.line - 1);
    const listing = await vscode.workspace.openTextDocument(ours[0].uri);
    assert.strictEqual(listing.lineAt(ours[0].range.start.line).text.trim(), matFormer.title);

    const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, at);
    // VS Code's Markdown extension adds its own reference for the link label `[@matformer]`;
    // ours are the two keys and the name, each at exactly its range.
    const here = references.filter((r) => r.uri.toString() === doc.uri.toString()).map((r) => `${doc.offsetAt(r.range.start)}:${doc.getText(r.range)}`);
    for (const expected of [`${offsetOf(doc, 'matformer]')}:matformer`, `${offsetOf(doc, 'MatFormer nests')}:MatFormer`, `${offsetOf(doc, 'matformer}')}:matformer`]) {
      assert.ok(here.includes(expected), `${expected} not in ${JSON.stringify(here)}`);
    }
    // Other files that cite it are found too (an earlier test's note cites [@matformer; ...]).
    assert.ok(references.some((r) => r.uri.path.endsWith('cite-keys-test/note-1.md')));
  });

  it('finds references as the workspace index reads files: hidden names left out, unsaved edits read, while indexing and once indexed', async () => {
    const api = await paperLens();
    const dataComp = await paperTitled('DataComp:');
    const folder = vscode.workspace.workspaceFolders![0];
    // A file never opened: the index (or the request's own reading) finds it on the disk.
    const closed = vscode.Uri.joinPath(folder.uri, 'cite-keys-test', 'closed-note.md');
    await vscode.workspace.fs.writeFile(closed, new TextEncoder().encode('Pools as in DataComp, cited as [@datacomp].\n'));
    const title = 'DataComp: In search of the next generation of multimodal datasets';
    const doc = await markdown(`DataComp filters pools. See ${title}.\n`);
    const places = async (): Promise<string[]> => {
      // Asked on the title, which no hidden name touches.
      const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, doc.positionAt(offsetOf(doc, 'In search')));
      const ours = found.filter((r) => r.uri.path.endsWith('closed-note.md') || r.uri.toString() === doc.uri.toString());
      return Promise.all(ours.map(async (r) => `${r.uri.path.split('/').pop()}:${(await vscode.workspace.openTextDocument(r.uri)).getText(r.range)}`));
    };
    try {
      for (const state of ['indexing', 'ready'] as const) {
        if (state === 'indexing') api.workspaceIndex.restart(60_000);
        else {
          api.workspaceIndex.restart(0);
          await api.workspaceIndex.idle();
        }
        assert.strictEqual(api.workspaceIndex.state, state);
        const note = doc.uri.path.split('/').pop();
        // The name, the full title and the key, each at exactly its range.
        assert.deepStrictEqual((await places()).sort(), ['closed-note.md:DataComp', 'closed-note.md:datacomp', `${note}:${title}`, `${note}:DataComp`].sort(), state);

        // "Not this paper" on the name: its places go, the key and the title stay.
        await vscode.commands.executeCommand('paperLens.notThisPaper', dataComp.id, 'DataComp');
        if (state === 'ready') await api.workspaceIndex.idle();
        assert.deepStrictEqual((await places()).sort(), ['closed-note.md:datacomp', `${note}:${title}`].sort(), `${state}, hidden`);
        await api.hiddenNames.restore(api.hiddenNames.list());
      }
      // An edit not saved is read as the editor holds it (the index reads a file when saved).
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, doc.positionAt(doc.getText().length), 'Cited: \\cite{datacomp}.\n');
      await vscode.workspace.applyEdit(edit);
      assert.ok(doc.isDirty);
      assert.ok((await places()).includes(`${doc.uri.path.split('/').pop()}:datacomp`));
    } finally {
      await api.hiddenNames.restore(api.hiddenNames.list());
      if (doc.isDirty) await doc.save();
    }
  });

  it('inserts a reference list of the papers the document mentions, in order of first mention', async () => {
    const doc = await markdown('MatFormer first, then [@datacomp], then MatFormer again and \\cite{sit}.\n\n');
    const inserted = await insertReferencesAtEnd(doc, 'text');
    const [matFormer, dataComp, sit] = await Promise.all([paperTitled('MatFormer:'), paperTitled('DataComp:'), paperTitled('SiT:')]);
    const titles = [matFormer, dataComp, sit].map((p) => inserted.indexOf(p.title));
    assert.ok(titles.every((at) => at >= 0), inserted);
    assert.deepStrictEqual([...titles].sort((a, b) => a - b), titles, 'in order of first mention');
    assert.strictEqual(inserted.split('\n\n').length, 3, inserted);
    // IEEE numbers them in that order (the brackets escaped in a Markdown document).
    await vscode.commands.executeCommand('paperLens.insertReferences', 'ieee');
    assert.match(doc.getText(), /\\\[1\\\][^\n]*MatFormer/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('completes paper names in prose and in code comments only, unless turned off', async () => {
    const names = async (doc: vscode.TextDocument, line: number, character: number) => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, character));
      return list.items.filter((i) => i.kind === vscode.CompletionItemKind.Text && i.detail !== undefined).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    };
    const note = await markdown('We follow matf\nand Data Filt\n');
    assert.ok((await names(note, 0, 'We follow matf'.length)).includes('MatFormer'));
    assert.ok((await names(note, 1, 'and Data Filt'.length)).includes('Data Filtering Networks'));
    const code = await scratch('train.py', 'x = matf  # see matf\n');
    assert.ok(!(await names(code, 0, 'x = matf'.length)).includes('MatFormer'), 'not in code');
    assert.ok((await names(code, 0, 'x = matf  # see matf'.length)).includes('MatFormer'), 'in a comment');
    await withSetting('completion.paperNames', false, async () => {
      assert.deepStrictEqual(await names(note, 0, 'We follow matf'.length), []);
    });
  });
});

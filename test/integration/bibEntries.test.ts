/**
 * Keys missing from a LaTeX document's own `.bib`, through the real providers: the warning on a
 * bundled paper's key that `refs.bib` lacks, its quick fix appending the entry (and Undo taking
 * it back), a `.bib` created when it does not exist, and the cite-key completion that offers
 * such a paper and appends its entry when accepted. The files live in `bib-entries-test/` of the
 * sample workspace and are deleted after the suite.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { bibKeys } from '../../src/core/documentBib';
import { paperLens, paperTitled, waitFor } from './support';

const DIR = 'bib-entries-test';
/** The file the documents name; it holds one entry that no library of Paper Lens has. */
const REFS = ['@misc{ownkey2031,', '  title = {A Paper Only This File Knows}', '}'].join('\n');

function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the runner opens the samples folder');
  return f;
}

const uri = (name: string) => vscode.Uri.joinPath(folder().uri, DIR, name);

async function write(name: string, text: string): Promise<vscode.TextDocument> {
  await vscode.workspace.fs.writeFile(uri(name), new TextEncoder().encode(text));
  return vscode.workspace.openTextDocument(uri(name));
}

/** The text of a file as the editor holds it (the buffer, which an applied edit changes). */
async function textOf(name: string): Promise<string> {
  return (await vscode.workspace.openTextDocument(uri(name))).getText();
}

function ours(doc: vscode.TextDocument): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Paper Lens');
}

function tex(body: string, bibliography: string): string {
  return ['\\documentclass{article}', '\\begin{document}', body, bibliography, '\\end{document}', ''].join('\n');
}

describe("keys missing from the document's .bib", function () {
  this.timeout(60_000);
  before(async () => {
    await paperLens();
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder().uri, DIR));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder().uri, DIR), { recursive: true, useTrash: false });
  });

  it('warns about a bundled paper cited but missing from refs.bib; the quick fix appends its entry, the warning clears, and Undo takes it back', async () => {
    const dataComp = await paperTitled('DataComp:');
    await write('refs.bib', REFS);
    const doc = await write('paper.tex', tex('As \\cite{datacomp} and \\citep{ownkey2031} show.', '\\bibliography{refs}'));
    assert.strictEqual(doc.languageId, 'latex');
    await waitFor(() => ours(doc).length === 1, 'the missing-entry warning', 10_000);
    const [warning] = ours(doc);
    // The key the file holds is not warned about, though no library Paper Lens reads has it.
    assert.strictEqual(doc.getText(warning.range), 'datacomp');
    assert.strictEqual(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(warning.message.includes('"datacomp" is not in refs.bib'), warning.message);
    assert.ok(warning.message.includes(dataComp.title), 'the message names the paper it knows');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, warning.range);
    const fix = actions.find((a) => a.title === 'Append BibTeX entry for datacomp to refs.bib');
    assert.ok(fix?.command, actions.map((a) => a.title).join(', '));
    assert.ok(!actions.some((a) => a.title.startsWith('Search Papers')), 'a known key is not searched for');
    assert.strictEqual(await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? [])), true);

    const appended = await textOf('refs.bib');
    assert.ok(appended.startsWith(`${REFS}\n\n@misc{datacomp,\n`), appended);
    assert.ok(appended.includes(dataComp.title), appended);
    assert.ok(appended.endsWith('}\n'), appended);
    assert.deepStrictEqual([...bibKeys(appended).values()], ['ownkey2031', 'datacomp']);
    await waitFor(() => ours(doc).length === 0, 'the warning to clear', 10_000);
    // Saved as a refactoring is (files.refactoring.autoSave), so the next LaTeX build reads it.
    await waitFor(() => !vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri('refs.bib').toString())?.isDirty, 'refs.bib to be saved');
    assert.ok(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri('refs.bib'))).includes('@misc{datacomp,'));

    // One edit, so one Undo in the .bib takes it back, and the warning returns.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri('refs.bib')));
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(await textOf('refs.bib'), REFS);
    await waitFor(() => ours(doc).length === 1, 'the warning to return', 10_000);
    // Running the fix twice adds the entry once.
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.strictEqual((await textOf('refs.bib')).split('@misc{datacomp,').length, 2);
  });

  it('creates the .bib an \\addbibresource names when it does not exist yet', async () => {
    const matFormer = await paperTitled('MatFormer:');
    const doc = await write('new.tex', tex('We nest FFNs \\parencite{matformer}.', '\\addbibresource{lib/new.bib}'));
    await waitFor(() => ours(doc).length === 1, 'the missing-entry warning', 10_000);
    const [warning] = ours(doc);
    assert.ok(warning.message.includes('not in lib/new.bib'), warning.message);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, warning.range);
    const fix = actions.find((a) => a.title === 'Append BibTeX entry for matformer to lib/new.bib');
    assert.ok(fix?.command, actions.map((a) => a.title).join(', '));
    assert.strictEqual(await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? [])), true);
    const created = await textOf('lib/new.bib');
    assert.ok(created.startsWith('@misc{matformer,\n'), created);
    assert.ok(created.includes(matFormer.title), created);
    await waitFor(() => ours(doc).length === 0, 'the warning to clear', 10_000);
    await waitFor(() => !vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri('lib/new.bib').toString())?.isDirty, 'lib/new.bib to be saved');
  });

  it('warns about nothing in a LaTeX document that names no .bib, or in markdown', async () => {
    const doc = await write('chapter.tex', 'A chapter cites \\cite{datacomp}.\n');
    const note = await write('note.md', 'See [@datacomp].\n\\bibliography{refs}\n');
    // Both are checked when they open; give the checks time, then look.
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepStrictEqual(ours(doc), []);
    assert.deepStrictEqual(ours(note), []);
  });

  it('completes, inside \\cite{, a paper the .bib lacks as "adds to refs2.bib", and accepting it appends the entry', async () => {
    const sit = await paperTitled('SiT:');
    // A file of its own, never opened before, so its text on disk is what the editor reads.
    await vscode.workspace.fs.writeFile(uri('refs2.bib'), new TextEncoder().encode(REFS + '\n\n@misc{DataComp,\n  title = {DataComp}\n}\n'));
    const line = 'As shown by \\citep{ownkey2031, sit';
    const doc = await write('draft.tex', tex(line, '\\bibliography{refs2}'));
    const position = new vscode.Position(2, line.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
    const item = list.items.find((i) => i.insertText === 'sit');
    assert.ok(item, list.items.map((i) => i.insertText).join(', '));
    assert.ok(String(item.detail).endsWith(' · adds to refs2.bib'), String(item.detail));
    assert.ok(String(item.detail).includes(sit.title), String(item.detail));
    assert.strictEqual(item.command?.command, 'paperLens.appendBibEntry');

    // A paper the file holds (under its key in another case) is offered with that key, and adds nothing.
    const typed = 'As shown by \\citep{datac';
    const other = await write('draft2.tex', tex(typed, '\\bibliography{refs2}'));
    const held = (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', other.uri, new vscode.Position(2, typed.length))).items.find(
      (i) => typeof i.insertText === 'string' && i.insertText.toLowerCase() === 'datacomp',
    );
    assert.ok(held);
    assert.strictEqual(held.insertText, 'DataComp');
    assert.ok(!String(held.detail).includes('adds to'), String(held.detail));
    assert.strictEqual(held.command, undefined);

    // Accepting the item: its text goes in, then its command runs.
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.replace(item.range instanceof vscode.Range ? item.range : item.range!.replacing, 'sit'));
    assert.strictEqual(await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? [])), true);
    const refs = await textOf('refs2.bib');
    assert.ok(refs.includes('@misc{DataComp,\n  title = {DataComp}\n}\n\n@misc{sit,\n'), refs);
    assert.ok(refs.includes(sit.title) && refs.endsWith('}\n'), refs);
    await waitFor(() => ours(doc).length === 0, 'no warning on the completed key', 10_000);
    await waitFor(() => !vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri('refs2.bib').toString())?.isDirty, 'refs2.bib to be saved');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});

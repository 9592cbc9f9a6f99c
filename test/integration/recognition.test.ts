/**
 * Recognition in the editor beyond plain files: correcting a wrong link ("Not this paper"),
 * notebook cells, brace-protected titles in .bib files, and one sense per discourse in a document
 * scanned by window.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { WHOLE_SCAN_LIMIT } from '../../src/core/scanWindow';
import { markdownOf, offsetOf, paperHover, paperHovers, paperLens, paperTitled, textOf, waitFor } from './support';

describe('Not this paper', () => {
  afterEach(async () => {
    const api = await paperLens();
    await api.hiddenNames.restore(api.hiddenNames.list());
  });

  it('offers the action on a name with the paper and the name as written, and not on a full title', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Datacomp helps. See DataComp: In search of the next generation of multimodal datasets.\n' });
    const dataComp = await paperTitled('DataComp:');
    const card = markdownOf(await paperHover(doc, 1));
    const link = [...card.matchAll(/\]\(command:paperLens\.notThisPaper\?([^\s)]+)/g)].map((m) => JSON.parse(decodeURIComponent(m[1])));
    assert.deepStrictEqual(link, [[dataComp.id, 'Datacomp']]);
    const hover = await paperHover(doc, offsetOf(doc, 'In search'));
    assert.ok(!markdownOf(hover).includes('notThisPaper'), 'a full title is never the wrong paper');
    assert.deepStrictEqual((hover.contents[0] as vscode.MarkdownString).isTrusted, {
      enabledCommands: ['paperLens.openPaper', 'paperLens.revealPaper', 'paperLens.copyCitation', 'paperLens.notThisPaper', 'paperLens.showMentions'],
    });
  });

  it('stops the name linking to the paper in every document, in any letter case, until restored', async () => {
    const api = await paperLens();
    const dataComp = await paperTitled('DataComp:');
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'We use DataComp here and MatFormer there.\n' });
    const other = await vscode.workspace.openTextDocument({ language: 'python', content: '# Datacomp pools\n' });
    const at = offsetOf(doc, 'DataComp');
    assert.strictEqual(textOf(doc, (await paperHover(doc, at)).range), 'DataComp');

    await vscode.commands.executeCommand('paperLens.notThisPaper', dataComp.id, 'Datacomp');
    assert.deepStrictEqual(api.hiddenNames.list(), [{ paperId: dataComp.id, name: 'Datacomp' }]);
    assert.deepStrictEqual(await paperHovers(doc, at), []);
    assert.deepStrictEqual(await paperHovers(other, 3), []);
    // Other names still link.
    assert.strictEqual(textOf(doc, (await paperHover(doc, offsetOf(doc, 'MatFormer'))).range), 'MatFormer');
    // Hiding it again changes nothing.
    await vscode.commands.executeCommand('paperLens.notThisPaper', dataComp.id, 'DATACOMP');
    assert.strictEqual(api.hiddenNames.size, 1);

    await api.hiddenNames.restore([{ paperId: dataComp.id, name: 'DataComp' }]);
    assert.strictEqual(api.hiddenNames.size, 0);
    assert.strictEqual(textOf(doc, (await paperHover(doc, at)).range), 'DataComp');
  });

  it('ignores a call without a paper id and a name', async () => {
    const api = await paperLens();
    await vscode.commands.executeCommand('paperLens.notThisPaper');
    await vscode.commands.executeCommand('paperLens.notThisPaper', 'x', '');
    assert.strictEqual(api.hiddenNames.size, 0);
  });
});

describe('recognition in notebooks and .bib files', () => {
  it('hovers names in notebook cells, markdown and code alike', async () => {
    await paperLens();
    const notebook = await vscode.workspace.openNotebookDocument(
      'jupyter-notebook',
      new vscode.NotebookData([
        new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, 'We follow the MatFormer paper.', 'markdown'),
        new vscode.NotebookCellData(vscode.NotebookCellKind.Code, '# fine-tune with LoRAT\nmodel = train()', 'python'),
      ]),
    );
    const [markup, code] = notebook.getCells().map((c) => c.document);
    assert.strictEqual(markup.uri.scheme, 'vscode-notebook-cell');
    assert.strictEqual(textOf(markup, (await paperHover(markup, offsetOf(markup, 'MatFormer') + 1)).range), 'MatFormer');
    assert.strictEqual(textOf(code, (await paperHover(code, offsetOf(code, 'LoRAT') + 1)).range), 'LoRAT');
    assert.deepStrictEqual(await paperHovers(code, offsetOf(code, 'train')), []);
  });

  it('finds a brace-protected title in a .bib file', async () => {
    await paperLens();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, 'braced-titles.bib');
    const bib = '@inproceedings{gadre2023,\n  title = {{D}ata{C}omp: In search of the next generation of multimodal datasets},\n}\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(bib));
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const hover = await paperHover(doc, offsetOf(doc, 'In search'));
      assert.strictEqual(textOf(doc, hover.range), '{D}ata{C}omp: In search of the next generation of multimodal datasets'.slice(1));
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });
});

describe('one sense per discourse in a document over 1 MB', function () {
  this.timeout(120_000);

  it('decides a window by what the whole document defines, once its summary is made', async () => {
    const api = await paperLens();
    // The top defines SiT as another work; far below, a paragraph that on its own reads like the
    // bundled SiT (a self-supervised vision transformer).
    const top = 'We present Scalable Interpolant Transformers (SiT), a family of generative models built on Diffusion Transformers.\n\n';
    const filler = 'Ordinary prose about training runs and nothing else, repeated to make the file large.\n'.repeat(Math.ceil((0.6 * WHOLE_SCAN_LIMIT) / 86));
    const para =
      'Self-supervised vision transformers: SiT [12] pretrains vision transformers with self-supervised group masked model learning, so that small datasets need no large-scale supervised pretraining or teacher network co-supervision. DataComp too.';
    const content = `${top}${filler}\n${para}\n\n${filler}`;
    assert.ok(content.length > WHOLE_SCAN_LIMIT);
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    const sit = offsetOf(doc, 'SiT [12]');
    // The first hover asks for the summary; it is made once the document has stayed unchanged.
    await paperHovers(doc, sit);
    await waitFor(() => api.summarized(doc), 'the document summary', 30_000);
    assert.deepStrictEqual(await paperHovers(doc, sit), [], 'SiT means Scalable Interpolant Transformers in this document');
    // A distinctive name in the same window still links.
    assert.strictEqual(textOf(doc, (await paperHover(doc, offsetOf(doc, 'DataComp too'))).range), 'DataComp');
  });
});

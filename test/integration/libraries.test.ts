/**
 * A user's own library in the real extension host: a `.bib` file named (relative to the
 * workspace folder) in `paperLens.libraries`, read through the library worker, shown by the
 * sidebar, hovers, search and the paper view; its broken entry in the Problems panel at its
 * line; an edit on disk in the tree within a couple of seconds; a hostile title (and abstract)
 * rendered as text everywhere: hover cards, the sidebar, quick picks, the paper view, cite-key
 * and name completion, related-paper lists and inserted references. The files are written into the sample workspace and removed afterwards, and
 * the setting is restored, so the other test files see the bundled corpus again.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { escapeHtml, escapeMarkdown } from '../../src/core/render';
import type { Paper } from '../../src/core/types';
import type { PaperLensTestApi } from '../../src/extension';
import type { TreeNode } from '../../src/features/topicTree';
import { readLibraryPaths } from '../../src/services/settings';
import { BROKEN_LINE, ORCHID_AND_BROKEN_BIB, ORCHID_TITLE } from '../shared/libraryFixture';
import { SLOW_LIBRARY_ENTRIES, slowLibrary } from '../shared/slowLibrary';
import { BUNDLED_PAPER_COUNT, markdownOf, offsetOf, paperHover, paperHovers, paperLens, rendered, waitFor, withSetting } from './support';

/** The hostile abstract, as the fixture writes it. */
const HOSTILE_ABSTRACT = `${'Click [here](command:workbench.action.quit) <img src=x onerror=alert(1)> `x` *Bold*'} We segment orchid petals with quantised lattice transformers.`;

const DIR = 'library-test';
const HOSTILE = 'Click [here](command:workbench.action.quit) <img src=x onerror=alert(1)> `x` *Bold*';
const ORCHID = ORCHID_TITLE;
const EDITED = 'Sparse Mycelium Networks for Forest Soil Forecasting';

const BIB = [
  ...ORCHID_AND_BROKEN_BIB,
  '@inproceedings{hostile2031,',
  `  title = {${HOSTILE}},`,
  '  author = {Mallory, Eve},',
  '  year = {2031},',
  // The same words as the orchid paper's abstract, so each is the other's related paper.
  `  abstract = {${HOSTILE} We segment orchid petals with quantised lattice transformers.}`,
  '}',
  '',
].join('\n');

const NOTE = [`We compare against ${ORCHID} here.`, '', `As shown in ${HOSTILE} by Mallory.`, ''].join('\n');

function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the runner opens the samples folder');
  return f;
}

const uri = (name: string) => vscode.Uri.joinPath(folder().uri, DIR, name);

async function write(name: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri(name), new TextEncoder().encode(text));
}

/** Every paper row of the sidebar, across its groups. */
async function treePapers(api: PaperLensTestApi): Promise<Paper[]> {
  const rows: Paper[] = [];
  const walk = async (nodes: readonly TreeNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'paper') rows.push(node.paper);
      else await walk(await api.topicTree.getChildren(node));
    }
  };
  await walk(await api.topicTree.getChildren());
  return rows;
}

async function treeNodeOf(api: PaperLensTestApi, title: string): Promise<TreeNode> {
  for (const root of await api.topicTree.getChildren()) {
    if (root.kind === 'paper' && root.paper.title === title) return root;
    for (const child of await api.topicTree.getChildren(root)) if (child.kind === 'paper' && child.paper.title === title) return child;
  }
  assert.fail(`no sidebar row titled ${title}`);
}

/** Markdown links not written as text (no backslash before the bracket). */
function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/(?<!\\)\]\(([^)\s]+)/g)].map((m) => m[1]);
}

describe('your own library', function () {
  // The first load starts the worker and reads the seeds; a reload waits out the debounce.
  this.timeout(60_000);
  let api: PaperLensTestApi;
  let previous: unknown;

  before(async () => {
    api = await paperLens();
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder().uri, DIR));
    await write('refs.bib', BIB);
    await write('note.md', NOTE);
    // Exported an hour ago, as a library usually is when a window opens: its stamp can be
    // trusted (see `ContentStamps`), so a window reopened on it reads nothing.
    const hourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(uri('refs.bib').fsPath, hourAgo, hourAgo);
    const config = vscode.workspace.getConfiguration('paperLens');
    previous = config.inspect('libraries')?.globalValue;
    // Relative to the workspace folder, as a user would write it.
    await config.update('libraries', [`${DIR}/refs.bib`], vscode.ConfigurationTarget.Global);
    await waitFor(() => !!api.corpus()?.find('@okafor2031orchid'), 'the library paper to load', 20_000);
    await api.libraries.idle();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('paperLens').update('libraries', previous, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.corpus()?.papers.length === BUNDLED_PAPER_COUNT, 'the bundled corpus to come back', 20_000);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder().uri, DIR), { recursive: true, useTrash: false });
  });

  it('merges the library with the bundled papers: every good entry, including the one after the broken entry', () => {
    const corpus = api.corpus();
    assert.ok(corpus);
    assert.strictEqual(corpus.papers.length, BUNDLED_PAPER_COUNT + 2);
    const orchid = corpus.find('@okafor2031orchid');
    assert.deepStrictEqual([orchid?.title, orchid?.authors, orchid?.year], [ORCHID, ['Ngozi Okafor', 'Jana Müller'], 2031]);
    assert.strictEqual(corpus.find('@hostile2031')?.title, HOSTILE);
    assert.strictEqual(corpus.find('@broken2031'), undefined);
  });

  it('shows the library papers in the sidebar', async () => {
    const titles = (await treePapers(api)).map((p) => p.title);
    assert.ok(titles.includes(ORCHID), 'the orchid paper has a row');
    assert.ok(titles.includes(HOSTILE), 'the hostile paper has a row');
    assert.strictEqual(api.topicView.description, `${BUNDLED_PAPER_COUNT + 2} papers`);
  });

  it('groups the sidebar by library file: the file, then the bundled papers, with the file grouping button', async () => {
    await withSetting('sidebar.grouping', undefined, async () => {
      await vscode.commands.executeCommand('paperLens.groupByFile');
      await waitFor(() => vscode.workspace.getConfiguration('paperLens').get('sidebar.grouping') === 'file', 'the setting');
      await waitFor(() => api.topicTree.grouping === 'file', 'the file grouping');
      const roots = await api.topicTree.getChildren();
      const rows = await Promise.all(roots.map(async (r) => [(await api.topicTree.getTreeItem(r)).label, r.kind === 'topic' ? r.children.map((c) => c.paper.title) : []] as const));
      assert.deepStrictEqual(rows.map(([label]) => label), ['refs.bib', 'Bundled papers']);
      assert.deepStrictEqual(rows[0][1], [ORCHID, HOSTILE]);
      assert.strictEqual(rows[1][1].length, BUNDLED_PAPER_COUNT);
      const fileRow = await api.topicTree.getTreeItem(roots[0]);
      assert.strictEqual(fileRow.tooltip, uri('refs.bib').fsPath);
      assert.strictEqual(fileRow.description, '2');
    });
  });

  it('gives a hover card with authors and year on a library paper mentioned in a note', async () => {
    const document = await vscode.workspace.openTextDocument(uri('note.md'));
    const hover = await paperHover(document, offsetOf(document, 'Lattice Transformers'));
    const shown = rendered(markdownOf(hover));
    assert.ok(shown.includes(`**${ORCHID}**`), shown);
    assert.ok(shown.includes('Ngozi Okafor, Jana Müller · 2031'), shown);
  });

  it('recognises a library paper by its full title only with mentions.libraryNames set to titles, the bundled papers by all their names', async () => {
    // A second file, whose paper has a short name (its title's head).
    const title = 'LensNet: Reading Lenses in Orchid Photographs';
    await write('names.bib', ['@article{lensnet2031,', `  title = {${title}},`, '  author = {Okafor, Ngozi},', '  year = {2031},', '}', ''].join('\n'));
    await write('names.md', `LensNet reads lenses. We compare against ${title}. DataComp is bundled.\n`);
    const document = await vscode.workspace.openTextDocument(uri('names.md'));
    const hoversAt = async (text: string) => (await paperHovers(document, offsetOf(document, text))).length;
    await withSetting('libraries', [`${DIR}/refs.bib`, `${DIR}/names.bib`], async () => {
      await waitFor(() => !!api.corpus()?.find('@lensnet2031'), 'the second library file to load', 20_000);
      await api.libraries.idle();
      assert.strictEqual(await hoversAt('LensNet reads'), 1, 'the short name links by default');
      const bundled = await hoversAt('DataComp');
      await withSetting('mentions.libraryNames', 'titles', async () => {
        await waitFor(async () => (await hoversAt('LensNet reads')) === 0, 'the short name to stop linking');
        assert.strictEqual(await hoversAt('Reading Lenses'), 1, 'the full title still links');
        assert.strictEqual(await hoversAt('DataComp'), bundled, 'a bundled paper keeps its short name');
      });
      await waitFor(async () => (await hoversAt('LensNet reads')) === 1, 'the short name to link again');
    });
    await waitFor(() => !api.corpus()?.find('@lensnet2031'), 'the second library file to go', 20_000);
    await api.libraries.idle();
  });

  it('finds library papers by author and year, and by citation key', () => {
    const first = (query: string) => api.searchItems(query).find((i) => i.paper)?.paper?.title;
    assert.strictEqual(first('okafor 2031'), ORCHID);
    assert.strictEqual(first('@hostile2031'), HOSTILE);
  });

  it('puts the broken entry in the Problems panel at its line, and the other entries load', async () => {
    await waitFor(() => vscode.languages.getDiagnostics(uri('refs.bib')).length > 0, 'the diagnostics of refs.bib');
    const diagnostics = vscode.languages.getDiagnostics(uri('refs.bib'));
    assert.strictEqual(diagnostics.length, 1, JSON.stringify(diagnostics));
    const [problem] = diagnostics;
    assert.strictEqual(problem.range.start.line, BROKEN_LINE - 1);
    assert.strictEqual(problem.severity, vscode.DiagnosticSeverity.Error);
    assert.match(problem.message, /broken2031.*never closed/);
    assert.strictEqual(problem.source, 'Paper Lens');
  });

  it('discovers a .bib file named by \\addbibresource in a LaTeX file of the workspace, and forgets it when the LaTeX file goes', async () => {
    await write('disc.bib', '@misc{found2031, title = {Discovered Fern Frond Embeddings}, year = {2031}}\n');
    await write('thesis.tex', ['\\documentclass{article}', '% \\addbibresource{commented-out.bib}', '\\addbibresource{disc.bib}', '\\begin{document}\\end{document}', ''].join('\n'));
    await api.libraries.refresh();
    assert.ok(api.corpus()?.find('@found2031'), 'the discovered library is read');
    const found = api.libraries.locations.find((f) => f.uri.toString() === uri('disc.bib').toString());
    assert.strictEqual(found?.origin, 'discovered');
    const loads = api.libraries.loads;
    await api.libraries.refresh();
    assert.strictEqual(api.libraries.loads, loads, 'finding the same files again, unchanged, loads nothing');
    await vscode.workspace.fs.delete(uri('thesis.tex'));
    await api.libraries.refresh();
    assert.strictEqual(api.corpus()?.find('@found2031'), undefined, 'no LaTeX file names it any more');
    assert.deepStrictEqual(
      api.libraries.locations.map((f) => f.uri.toString()),
      [uri('refs.bib').toString()],
    );
  });

  it('discovers a .bib file that a LaTeX file in a subfolder names relative to the folder above it, as LaTeX run there reads it', async () => {
    // As real theses keep their preamble: `sections/packages.tex` with `\bibliography{refs}` for the root's refs.bib.
    await write('uptree.bib', '@misc{uptree2031, title = {Canopy Gap Dynamics Under Wind Load}, year = {2031}}\n');
    await write('sections/packages.tex', ['\\usepackage{natbib}', '\\bibliography{uptree}', ''].join('\n'));
    await api.libraries.refresh();
    assert.ok(api.corpus()?.find('@uptree2031'), 'the library named from the subfolder is read');
    assert.deepStrictEqual(
      api.libraries.locations.filter((f) => f.origin === 'discovered').map((f) => f.uri.toString()),
      [uri('uptree.bib').toString()],
    );
    await vscode.workspace.fs.delete(uri('sections'), { recursive: true });
    await vscode.workspace.fs.delete(uri('uptree.bib'));
    await api.libraries.refresh();
    assert.strictEqual(api.corpus()?.find('@uptree2031'), undefined);
  });

  it("discovers the .bib file a Quarto project's _quarto.yml names, for every document of the project", async () => {
    await write('quarto-refs.bib', '@misc{quarto2031, title = {Lichen Symbiosis Across Altitude Gradients}, year = {2031}}\n');
    await write('_quarto.yml', ['project:', '  type: book', 'bibliography: quarto-refs.bib', 'format:', '  html:', '    theme: cosmo', ''].join('\n'));
    await api.libraries.refresh();
    assert.ok(api.corpus()?.find('@quarto2031'), 'the library _quarto.yml names is read');
    assert.deepStrictEqual(
      api.libraries.locations.filter((f) => f.origin === 'discovered').map((f) => f.uri.toString()),
      [uri('quarto-refs.bib').toString()],
    );
    await vscode.workspace.fs.delete(uri('_quarto.yml'));
    await vscode.workspace.fs.delete(uri('quarto-refs.bib'));
    await api.libraries.refresh();
    assert.strictEqual(api.corpus()?.find('@quarto2031'), undefined);
  });

  describe('a hostile title renders as text', () => {
    it('in the hover card: no link, HTML or command from the title', async () => {
      const document = await vscode.workspace.openTextDocument(uri('note.md'));
      const hover = await paperHover(document, offsetOf(document, 'onerror'));
      const markdown = markdownOf(hover);
      assert.ok(markdown.includes(`**${escapeMarkdown(HOSTILE)}**`), markdown);
      assert.ok(rendered(markdown).includes(HOSTILE));
      assert.ok(!/(?<!\\)<img/.test(markdown), 'no raw <img');
      assert.ok(!/(?<!\\)`x(?<!\\)`/.test(markdown), 'no code span');
      const targets = linkTargets(markdown);
      assert.ok(targets.length > 0, 'the card has its own action links');
      assert.deepStrictEqual(
        targets.filter((t) => !/^command:paperLens\.\w+\?/.test(t)),
        [],
        'every link is one of the card actions',
      );
      const content = hover.contents[0];
      if (content instanceof vscode.MarkdownString) {
        assert.notStrictEqual(content.supportHtml, true);
        const trusted = content.isTrusted;
        if (typeof trusted === 'object') assert.ok(!trusted.enabledCommands.includes('workbench.action.quit'));
        else assert.notStrictEqual(trusted, true);
      }
    });

    it('in the sidebar: the label is the plain title and the tooltip escapes it', async () => {
      const node = await treeNodeOf(api, HOSTILE);
      const item = await api.topicTree.getTreeItem(node);
      assert.strictEqual(item.label, HOSTILE);
      const resolved = api.topicTree.resolveTreeItem(item, node);
      const tooltip = resolved.tooltip;
      assert.ok(tooltip instanceof vscode.MarkdownString);
      assert.ok(tooltip.value.includes(escapeMarkdown(HOSTILE)), tooltip.value);
      assert.notStrictEqual(tooltip.isTrusted, true);
      assert.notStrictEqual(tooltip.supportHtml, true);
      assert.deepStrictEqual(linkTargets(tooltip.value), []);
    });

    it('in quick-pick items: the label reads as the title, with no icon syntax', () => {
      const item = api.searchItems('@hostile2031').find((i) => i.paper?.title === HOSTILE);
      assert.ok(item);
      assert.strictEqual(item.label.replace(/\u2060/g, ''), HOSTILE);
      assert.ok(!/(?<!\\)\$\(/.test(item.label + (item.description ?? '') + (item.detail ?? '')));
    });

    it('in the paper view: escaped HTML, and only the page actions as commands', async () => {
      const paper = api.corpus()?.find('@hostile2031');
      assert.ok(paper);
      api.paperViews.open(paper);
      const panel = api.paperViews.panelOf(paper.id);
      assert.ok(panel);
      const html = panel.webview.html;
      assert.ok(html.includes(`<h1>${escapeHtml(HOSTILE)}</h1>`), html);
      assert.ok(!html.includes('<img'), 'no <img element');
      assert.ok(!/href="command:workbench/.test(html), 'no command link made of the title text');
      const commands = panel.webview.options.enableCommandUris;
      assert.ok(Array.isArray(commands) && !commands.includes('workbench.action.quit'));
      panel.dispose();
    });

    /** The trust a MarkdownString allows: never every command, never the one the title names, never HTML. */
    function assertUntrusted(content: vscode.MarkdownString): void {
      assert.notStrictEqual(content.supportHtml, true);
      const trusted = content.isTrusted;
      if (typeof trusted === 'object') assert.ok(!trusted.enabledCommands.includes('workbench.action.quit'));
      else assert.notStrictEqual(trusted, true);
    }

    it('in cite-key completion: the title as plain text in the item, the abstract escaped in its documentation', async () => {
      await write('cite.md', 'As shown in [@hostile\n');
      const document = await vscode.workspace.openTextDocument(uri('cite.md'));
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 'As shown in [@hostile'.length));
      const item = list.items.find((i) => i.insertText === 'hostile2031');
      assert.ok(item, list.items.map((i) => i.insertText).join(', '));
      assert.ok(typeof item.label === 'object', 'a label with a description');
      assert.strictEqual(item.label.label, 'hostile2031');
      assert.strictEqual(item.label.description, HOSTILE);
      assert.strictEqual(item.detail, `Eve Mallory · 2031 · ${HOSTILE}`);
      const doc = item.documentation;
      assert.ok(doc instanceof vscode.MarkdownString, 'the abstract as markdown');
      assert.strictEqual(doc.value, escapeMarkdown(HOSTILE_ABSTRACT));
      assert.strictEqual(rendered(doc.value), HOSTILE_ABSTRACT);
      assert.deepStrictEqual(linkTargets(doc.value), []);
      assert.ok(!/(?<!\\)[<`*[]/.test(doc.value), doc.value);
      assertUntrusted(doc);
    });

    it('in name completion: the title is the item, as written, with no markup of its own', async () => {
      await write('name.md', 'As shown in Click [he\n');
      const document = await vscode.workspace.openTextDocument(uri('name.md'));
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 'As shown in Click [he'.length));
      const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === HOSTILE);
      assert.ok(item, list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).join(' | '));
      assert.strictEqual(item.kind, vscode.CompletionItemKind.Text);
      assert.ok(item.documentation === undefined || typeof item.documentation === 'string', 'no markdown documentation');
    });

    it('in related-paper lists: the hover card and the paper view of the orchid paper list it as an escaped link', async () => {
      const orchid = api.corpus()?.find('@okafor2031orchid');
      const hostile = api.corpus()?.find('@hostile2031');
      assert.ok(orchid && hostile);
      const open = `command:paperLens.openPaper?${encodeURIComponent(JSON.stringify([hostile.id]))}`;

      // By its key: an earlier test edits the orchid paper's title on disk.
      await write('related.md', 'Orchids [@okafor2031orchid].\n');
      const document = await vscode.workspace.openTextDocument(uri('related.md'));
      const hover = await paperHover(document, offsetOf(document, 'okafor2031orchid') + 2);
      const markdown = markdownOf(hover);
      assert.ok(markdown.includes(`- [${escapeMarkdown(HOSTILE)}](${open} `), markdown);
      assert.deepStrictEqual(linkTargets(markdown).filter((t) => !/^command:paperLens\.\w+\?/.test(t)), [], 'every link is a card action or a related paper');
      assert.ok(!/(?<!\\)<img/.test(markdown), 'no raw <img');
      assertUntrusted(hover.contents[0] as vscode.MarkdownString);

      const panel = api.paperViews.open(orchid);
      const related = /<ul class="related">(.*?)<\/ul>/s.exec(panel.webview.html)?.[1] ?? '';
      assert.ok(related.includes(`<a href="${open}" title="Open this paper's view">${escapeHtml(HOSTILE)}</a>`), related);
      assert.ok(!panel.webview.html.includes('<img'), 'no <img element');
      assert.ok(!/href="command:workbench/.test(panel.webview.html));
      panel.dispose();
    });

    it('in inserted references: a Markdown document shows the title as written in every prose format', async function () {
      // The first CSL style loads citeproc-js and builds its engine, slow on a loaded machine.
      this.timeout(180_000);
      await write('refs-note.md', `As shown in ${HOSTILE} by Mallory.\n\n`);
      const document = await vscode.workspace.openTextDocument(uri('refs-note.md'));
      const editor = await vscode.window.showTextDocument(document);
      const original = document.getText();
      for (const format of ['text', 'markdown', 'apa']) {
        const end = document.positionAt(document.getText().length);
        editor.selection = new vscode.Selection(end, end);
        await vscode.commands.executeCommand('paperLens.insertReferences', format);
        const inserted = document.getText().slice(original.length);
        assert.ok(inserted.length > 0, `${format}: nothing inserted`);
        assert.ok(rendered(inserted).includes(HOSTILE), `${format}: ${inserted}`);
        assert.ok(!/(?<!\\)[<`[]/.test(inserted), `${format}: unescaped markup in ${inserted}`);
        await editor.edit((e) => e.delete(new vscode.Range(document.positionAt(original.length), document.positionAt(document.getText().length))));
      }
      // A LaTeX document gets the title with its specials escaped for LaTeX.
      await write('refs-paper.tex', `As shown in ${HOSTILE} by Mallory.\n\n`);
      const tex = await vscode.workspace.openTextDocument(uri('refs-paper.tex'));
      const texEditor = await vscode.window.showTextDocument(tex);
      const texEnd = tex.positionAt(tex.getText().length);
      texEditor.selection = new vscode.Selection(texEnd, texEnd);
      await vscode.commands.executeCommand('paperLens.insertReferences', 'text');
      assert.ok(tex.getText().includes('\\textless{}img src=x onerror=alert(1)\\textgreater{}'), tex.getText());
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  });

  it('restores a library paper\'s view that VS Code kept across a window reload', async () => {
    const paper = api.corpus()?.find('@okafor2031orchid');
    assert.ok(paper);
    const panel = vscode.window.createWebviewPanel('paperLens.paper', 'restoring', vscode.ViewColumn.Active, {});
    await api.paperViews.deserializeWebviewPanel(panel, { paperId: paper.id });
    assert.strictEqual(api.paperViews.panelOf(paper.id), panel);
    assert.ok(panel.webview.html.includes('Ngozi Okafor, Jana Müller · 2031'), 'the byline of the library entry');
    panel.dispose();
  });

  it('opens an unchanged library from the cache without reading it, as a reopened window does, and reads it all on the next edit', async () => {
    const config = vscode.workspace.getConfiguration('paperLens');
    const abstract = api.corpus()?.find('@okafor2031orchid')?.abstract;
    assert.ok(abstract, 'the library paper has an abstract');
    // No library: the worker stops. The library again: a fresh worker, as in a new window.
    await config.update('libraries', [], vscode.ConfigurationTarget.Global);
    await waitFor(() => api.corpus()?.papers.length === BUNDLED_PAPER_COUNT, 'the bundled corpus alone', 20_000);
    const loads: { parsed: number; cached: number; preparedCached?: boolean; byStamps?: boolean }[] = [];
    const sub = api.libraries.onDidLoad((l) => loads.push(l.stats));
    try {
      await config.update('libraries', [`${DIR}/refs.bib`], vscode.ConfigurationTarget.Global);
      // Its abstract, read the moment the paper is in (the stored abstracts come last, and the corpus is swapped in once they are).
      let restored: string | undefined;
      await waitFor(() => (restored = api.corpus()?.find('@okafor2031orchid')?.abstract) !== undefined, 'the library paper to load', 20_000);
      assert.strictEqual(restored, abstract);
      await api.libraries.idle();
    } finally {
      sub.dispose();
    }
    const last = loads[loads.length - 1];
    assert.ok(last, 'a load');
    assert.deepStrictEqual([last.parsed, last.cached, last.preparedCached, last.byStamps], [0, 1, true, true], 'answered by the file\'s stamp: nothing read nor parsed');
    // Searched by words of its abstract, and with typos: the posting lists and typo table stay
    // in the stored file (read by the host up to them), each read as a query asks for it.
    const corpus = api.corpus();
    assert.ok(corpus);
    assert.strictEqual(typeof (corpus.searchIndex.toData().postings.postDoc as { range?: unknown }).range, 'function', 'the posting lists left in the stored file');
    for (const query of ['quantised lattice petals', 'quantsied latice']) {
      const found = corpus.searchIndex.search(query, 5).map((r) => r.paper.keys?.[0]);
      assert.ok(found.includes('okafor2031orchid') && found.includes('hostile2031'), `${query}: ${found.join(', ')}`);
    }
    assert.ok(api.corpus()?.find('@hostile2031'), 'every paper is back');
    await waitFor(() => vscode.languages.getDiagnostics(uri('refs.bib')).some((d) => d.range.start.line === BROKEN_LINE - 1), 'the stored problems in the Problems panel');
  });

  it('updates the tree within a couple of seconds of an edit on disk, in one reload for a burst of writes', async () => {
    const hostile = api.corpus()?.find('@hostile2031');
    assert.ok(hostile);
    const view = api.paperViews.open(hostile);
    const before = view.webview.html;
    const loads = api.libraries.loads;
    const started = Date.now();
    const seen: string[] = [];
    const reused: (number | undefined)[] = [];
    const sub = api.libraries.onDidLoad((l) => {
      seen.push(`${Date.now() - started} ms (${l.reread.length} file read)`);
      reused.push(l.stats.reusedFiling);
    });
    const edited = BIB.replace(ORCHID, EDITED);
    // A burst, as Zotero's auto-export writes: five writes 60 ms apart (further apart than the
    // file watcher's own coalescing, closer than the debounce), the last one the real one.
    for (let i = 0; i < 4; i++) {
      fs.writeFileSync(uri('refs.bib').fsPath, edited.replace(EDITED, `${EDITED} draft ${i}`));
      await new Promise((r) => setTimeout(r, 60));
    }
    fs.writeFileSync(uri('refs.bib').fsPath, edited);
    await waitFor(async () => (await treePapers(api)).some((p) => p.title === EDITED), 'the edited title in the sidebar', 3000);
    const ms = Date.now() - started;
    console.log(`[libraries] an edit on disk reached the sidebar in ${ms} ms`);
    assert.ok(!(await treePapers(api)).some((p) => p.title === ORCHID), 'the old title is gone');
    await api.libraries.idle();
    sub.dispose();
    console.log(`[libraries] reloads after the first write: ${seen.join('; ')}`);
    assert.strictEqual(api.libraries.loads - loads, 1, 'one reload for the burst');
    // The papers that did not change (the bundled ones, and the library's but the edited one) kept the topics and names the last load gave them.
    assert.deepStrictEqual(reused, [api.corpus()!.papers.length - 1], 'every paper but the edited one filed and named as before');
    assert.ok(
      api.libraries.locations.some((f) => f.uri.toString() === uri('refs.bib').toString()),
      'the file is still a library',
    );
    // An open view is redrawn from the new corpus (a fresh page, with a fresh nonce).
    assert.notStrictEqual(view.webview.html, before);
    assert.ok(view.webview.html.includes(`<h1>${escapeHtml(HOSTILE)}</h1>`));
    view.dispose();
  });

  it("reloads a tag added on disk with the last load's index: the paper has its tag, and hovers and search answer as before", async () => {
    // The file as the test before left it, a tag added to its first entry (Zotero's auto-export after tagging a paper).
    const tagged = BIB.replace(ORCHID, EDITED).replace('  year = {2031},', '  year = {2031},\n  keywords = {to read},');
    const reusedIndex: (boolean | undefined)[] = [];
    const sub = api.libraries.onDidLoad((l) => reusedIndex.push(l.stats.reusedIndex));
    try {
      fs.writeFileSync(uri('refs.bib').fsPath, tagged);
      await waitFor(() => api.corpus()?.find('@okafor2031orchid')?.keywords?.includes('to read') === true, 'the tag on the paper', 5000);
      await api.libraries.idle();
    } finally {
      sub.dispose();
    }
    assert.deepStrictEqual(reusedIndex, [true], "one reload, answered with the last load's index");
    const corpus = api.corpus()!;
    assert.strictEqual(corpus.searchIndex.search('sparse mycelium forecasting', 1)[0]?.paper.title, EDITED);
    // The entries after the tag moved a line down: their lines are the new ones, in the paper and in the Problems panel.
    assert.strictEqual(corpus.find('@hostile2031')?.source?.line, tagged.split('\n').indexOf('@inproceedings{hostile2031,') + 1);
    await waitFor(() => vscode.languages.getDiagnostics(uri('refs.bib')).some((d) => d.range.start.line === BROKEN_LINE), 'the broken entry a line down in the Problems panel');
    const document = await vscode.workspace.openTextDocument(uri('note.md'));
    const hover = await paperHover(document, offsetOf(document, 'onerror'));
    assert.ok(markdownOf(hover).includes('Mallory'), "the hover card of the paper after the tagged one");
  });

  it('shows an entry added on disk at once, in a quick stage laid over the corpus, then in the whole reload', async () => {
    const before = fs.readFileSync(uri('refs.bib').fsPath, 'utf8');
    const title = 'Quick Stages for Bibliographies That Change';
    const entry = `\n@article{quick2031,\n  title = {${title}},\n  author = {Quist, Ada},\n  year = {2031},\n  abstract = {Lichen growth forecasts from a single changed entry.}\n}\n`;
    const seen: { patched: boolean; found?: string; searched?: string; completed?: string }[] = [];
    const stages: { added: number; replaced: number; removed: number }[] = [];
    const loads = api.libraries.loads;
    const sub = api.libraries.onDidQuickStage((stage) => {
      stages.push({ added: stage.added, replaced: stage.replaced, removed: stage.removed });
      const corpus = api.corpus();
      seen.push({
        patched: corpus?.patched ?? false,
        found: corpus?.find('@quick2031')?.title,
        searched: corpus?.searchIndex.search('lichen growth forecasts', 1)[0]?.paper.title,
        completed: corpus?.citeKeys.resolve('quick2031')?.title,

      });
    });
    try {
      fs.writeFileSync(uri('refs.bib').fsPath, before + entry);
      await waitFor(() => stages.length > 0, 'the quick stage', 5000);
      // While the whole reload runs (or once it is in), the sidebar has the paper.
      await waitFor(async () => (await treePapers(api)).some((p) => p.title === title), 'the added paper in the sidebar', 5000);
      await api.libraries.idle();
    } finally {
      sub.dispose();
    }
    assert.deepStrictEqual(stages, [{ added: 1, replaced: 0, removed: 0 }]);
    assert.deepStrictEqual(seen, [{ patched: true, found: title, searched: title, completed: title }], 'the quick stage had the paper everywhere');
    assert.strictEqual(api.libraries.loads - loads, 1, 'and one whole reload after it');
    const corpus = api.corpus()!;
    assert.strictEqual(corpus.patched, false, 'the whole reload replaced the quick stage');
    assert.strictEqual(corpus.find('@quick2031')?.title, title);
    assert.strictEqual(corpus.find('@quick2031')?.source?.line, (before + entry).split('\n').indexOf('@article{quick2031,') + 1);

    // Removed again: the quick stage takes it out.
    const removed: number[] = [];
    const again = api.libraries.onDidQuickStage((stage) => removed.push(stage.removed));
    try {
      fs.writeFileSync(uri('refs.bib').fsPath, before);
      await waitFor(() => removed.length > 0, 'the quick stage of the removal', 5000);
      assert.strictEqual(api.corpus()?.find('@quick2031'), undefined);
      assert.ok(!(await treePapers(api)).some((p) => p.title === title), 'gone from the sidebar');
      await api.libraries.idle();
    } finally {
      again.dispose();
    }
    assert.deepStrictEqual(removed, [1]);
    assert.strictEqual(api.corpus()?.find('@quick2031'), undefined);
  });

  it('opens a library changed while no window had it from the load stored before, the change laid over it at once, then loads it whole', async () => {
    const config = vscode.workspace.getConfiguration('paperLens');
    const file = uri('refs.bib').fsPath;
    const before = fs.readFileSync(file, 'utf8');
    const title = 'Bibliographies Exported While the Editor Was Closed';
    const entry = `\n@article{closed2031,\n  title = {${title}},\n  author = {Quist, Ada},\n  year = {2031}\n}\n`;
    await api.libraries.idle();
    // No library: the worker stops, as when the window closes. Then the auto-export writes the file.
    await config.update('libraries', [], vscode.ConfigurationTarget.Global);
    await waitFor(() => api.corpus()?.papers.length === BUNDLED_PAPER_COUNT, 'the bundled corpus alone', 20_000);
    fs.writeFileSync(file, before + entry);
    const events: string[] = [];
    /** What the corpus holds when the event fires: the added entry, the entries that did not change, a quick stage or a whole load. */
    const state = () => `${api.corpus()?.find('@closed2031')?.title === title ? 'added' : '-'}/${api.corpus()?.find('@hostile2031') ? 'others' : '-'}/${api.corpus()?.patched ? 'patched' : 'whole'}`;
    const subs = [
      api.libraries.onDidQuickStage((stage) => events.push(`${stage.opened ? 'opened' : 'quick'} +${stage.added} ${state()}`)),
      api.libraries.onDidLoad((load) => events.push(`load ${(load.stats.reusedFiling ?? 0) > 0 ? 'reusing' : 'fresh'} ${state()}`)),
    ];
    try {
      await config.update('libraries', [`${DIR}/refs.bib`], vscode.ConfigurationTarget.Global);
      await waitFor(() => events.some((e) => e.startsWith('load')), 'the whole load', 20_000);
      await api.libraries.idle();
    } finally {
      subs.forEach((sub) => sub.dispose());
      fs.writeFileSync(file, before);
    }
    assert.deepStrictEqual(events, ['opened +1 added/others/patched', 'load reusing added/others/whole'], 'the stored load with the change laid over it, then the whole load, which reused its filing');
    await waitFor(() => api.corpus()?.find('@closed2031') === undefined, 'the file as it was', 20_000);
    await api.libraries.idle();
  });
});

describe('library paths and Workspace Trust', () => {
  const settingsFile = () => vscode.Uri.joinPath(folder().uri, '.vscode', 'settings.json');
  let hadSettings = true;

  before(async () => {
    hadSettings = await vscode.workspace.fs.stat(settingsFile()).then(
      () => true,
      () => false,
    );
  });

  after(async () => {
    const config = vscode.workspace.getConfiguration('paperLens');
    await config.update('libraries', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('libraries', undefined, vscode.ConfigurationTarget.Global);
    const api = await paperLens();
    await api.libraries.idle();
    await waitFor(() => api.corpus()?.papers.length === BUNDLED_PAPER_COUNT, 'the bundled corpus to come back', 20_000);
    if (!hadSettings) await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder().uri, '.vscode'), { recursive: true, useTrash: false });
  });

  it('reads only the user setting when the workspace is not trusted, and the workspace value when it is', async () => {
    const config = vscode.workspace.getConfiguration('paperLens');
    await config.update('libraries', ['~/Zotero/user.bib'], vscode.ConfigurationTarget.Global);
    await config.update('libraries', ['project/refs.bib', 42, '  '], vscode.ConfigurationTarget.Workspace);
    await waitFor(() => JSON.stringify(vscode.workspace.getConfiguration('paperLens').get('libraries')) === '["project/refs.bib",42,"  "]', 'the workspace value');
    assert.deepStrictEqual(readLibraryPaths(folder().uri, false), ['~/Zotero/user.bib']);
    assert.deepStrictEqual(readLibraryPaths(folder().uri, true), ['project/refs.bib']);
  });

  it('makes a configured file that does not exist one problem, and keeps the bundled papers', async () => {
    const api = await paperLens();
    await vscode.workspace.getConfiguration('paperLens').update('libraries', [`${DIR}/missing.bib`], vscode.ConfigurationTarget.Workspace);
    const missing = uri('missing.bib');
    await waitFor(() => vscode.languages.getDiagnostics(missing).length === 1, 'the problem of the missing file', 20_000);
    const [problem] = vscode.languages.getDiagnostics(missing);
    assert.strictEqual(problem.range.start.line, 0);
    assert.match(problem.message, /cannot read: no such file/);
    assert.strictEqual(api.corpus()?.papers.length, BUNDLED_PAPER_COUNT);
  });
});

/**
 * For a suite that loads a large library file of its own: written before it (`text`, made then),
 * and afterwards the global setting restored, the bundled corpus back and the folder removed.
 */
function largeLibraryHooks(name: string, text: () => string): void {
  let previous: unknown;
  before(async () => {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder().uri, DIR));
    await write(name, text());
    previous = vscode.workspace.getConfiguration('paperLens').inspect('libraries')?.globalValue;
  });
  after(async () => {
    const api = await paperLens();
    await vscode.workspace.getConfiguration('paperLens').update('libraries', previous, vscode.ConfigurationTarget.Global);
    await api.libraries.idle();
    await waitFor(() => api.corpus()?.papers.length === BUNDLED_PAPER_COUNT, 'the bundled corpus to come back', 20_000);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder().uri, DIR), { recursive: true, useTrash: false });
  });
}

describe('a library that takes a while to load', function () {
  this.timeout(120_000);
  const BIG = 'big.bib';
  const ENTRIES = SLOW_LIBRARY_ENTRIES;
  largeLibraryHooks(BIG, () => slowLibrary(String(Date.now())));

  it('says in the sidebar that it is reading the file while the papers loaded before are shown, and stops saying so once the papers are in', async () => {
    const api = await paperLens();
    await api.libraries.idle();
    // The view gives back an empty string for no message.
    const message = () => api.topicView.message || undefined;
    assert.strictEqual(message(), undefined);
    // What the sidebar says each time the load's state changes (its listener runs first: it subscribed at activation).
    const seen: { loading: boolean; message: string | undefined; description: string | undefined; papers: number | undefined }[] = [];
    const sub = api.libraries.onDidChangeLoading((loading) => seen.push({ loading: !!loading, message: message(), description: api.topicView.description, papers: api.corpus()?.papers.length }));
    const started = Date.now();
    await vscode.workspace.getConfiguration('paperLens').update('libraries', [`${DIR}/${BIG}`], vscode.ConfigurationTarget.Global);
    await waitFor(() => (api.corpus()?.papers.length ?? 0) > ENTRIES, 'the large library to load', 90_000);
    await api.libraries.idle();
    sub.dispose();
    console.log(`[libraries] ${ENTRIES} entries loaded in ${Date.now() - started} ms; the sidebar said: ${JSON.stringify(seen)}`);
    assert.deepStrictEqual(
      seen.map((s) => s.loading),
      [true, false],
    );
    assert.strictEqual(seen[0].message, `Reading ${BIG}… Until it is in, the papers shown are those loaded before.`);
    assert.strictEqual(seen[0].papers, BUNDLED_PAPER_COUNT, 'the bundled papers are shown meanwhile');
    assert.strictEqual(seen[0].description, `${BUNDLED_PAPER_COUNT} papers`);
    assert.strictEqual(seen[1].message, undefined);
    assert.strictEqual(message(), undefined);
    assert.strictEqual(api.topicView.description, `${BUNDLED_PAPER_COUNT + ENTRIES} papers`);
    assert.strictEqual(api.libraries.loading, undefined);
  });

  it("shows a second edit made during the first one's reload at once, and keeps it shown when that reload comes in", async () => {
    const api = await paperLens();
    await api.libraries.idle();
    const file = uri(BIG).fsPath;
    const before = fs.readFileSync(file, 'utf8');
    const retitled = 'A Retitled Entry Shown by Its Quick Stage';
    const firstEdit = before.replace(/(@article\{big1,\n  title = \{)[^}]*(\})/, `$1${retitled}$2`);
    assert.notStrictEqual(firstEdit, before);
    const added = 'An Entry Added While the Library Reloads';
    const secondEdit = firstEdit + `\n@article{second2031,\n  title = {${added}},\n  author = {Quist, Ada},\n  year = {2031}\n}\n`;
    const events: string[] = [];
    /** What the corpus holds of each edit when the event fires. */
    const state = () => `${api.corpus()?.find('@big1')?.title === retitled ? 'first' : '-'}/${api.corpus()?.find('@second2031')?.title === added ? 'second' : '-'}/${api.corpus()?.patched ? 'patched' : 'whole'}`;
    const subs = [api.libraries.onDidQuickStage(() => events.push(`quick ${state()}`)), api.libraries.onDidLoad(() => events.push(`load ${state()}`))];
    try {
      fs.writeFileSync(file, firstEdit);
      await waitFor(() => events.length > 0, 'the first quick stage', 10_000);
      // Its reload (8,000 entries, 1-2 s) has started: the second edit comes in while it runs.
      fs.writeFileSync(file, secondEdit);
      await waitFor(() => events.length > 1, 'the second quick stage', 10_000);
      await api.libraries.idle();
    } finally {
      for (const sub of subs) sub.dispose();
    }
    console.log(`[libraries] two edits in a row: ${events.join('; ')}`);
    assert.deepStrictEqual(
      events,
      ['quick first/-/patched', 'quick first/second/patched', 'load first/second/patched', 'load first/second/whole'],
      "each edit at its quick stage; the first edit's reload with the second laid over it; then the second's reload",
    );
    fs.writeFileSync(file, before);
    await waitFor(() => api.corpus()?.find('@second2031') === undefined, 'the file as it was', 10_000);
    await api.libraries.idle();
  });
});

describe('a library large enough to load in two stages', function () {
  this.timeout(180_000);
  const HUGE = 'huge.bib';
  // At least `FIRST_STAGE_MIN_PAPERS` papers with the bundled ones; short abstracts keep the file at about 4 MB.
  const ENTRIES = 20_000;
  /** The line of a broken entry at the end of the file. */
  let brokenLine = 0;
  largeLibraryHooks(HUGE, () => {
    const text = `${slowLibrary(String(Date.now()), ENTRIES, 12)}\n@misc{broken, title = {Never Closed,\n`;
    brokenLine = text.slice(0, text.indexOf('@misc{broken')).split('\n').length;
    return text;
  });

  it('shows its papers first, searchable, with their cite keys and a sidebar that says they are being filed, then the whole library', async () => {
    const api = await paperLens();
    await api.libraries.idle();
    const message = () => api.topicView.message || undefined;
    /** What the editor offered at each change of the load's state (the sidebar's listener runs first). */
    const seen: { filing: number | undefined; loading: boolean; message: string | undefined; corpusFiling: boolean | undefined; papers: number | undefined; byKey?: string; byTitle?: string; byAuthor?: boolean; topics?: number; names?: number; problems?: number[]; index?: string; bundled?: [number, number] }[] = [];
    const stages: (string | undefined)[] = [];
    const loaded = api.libraries.onDidLoad((load) => stages.push(load.stage));
    let firstRows: Promise<TreeNode[]> | undefined;
    const sub = api.libraries.onDidChangeLoading((loading) => {
      const corpus = api.corpus();
      const state: (typeof seen)[number] = { filing: loading?.filing, loading: !!loading, message: message(), corpusFiling: corpus?.filing, papers: corpus?.papers.length };
      const paper = corpus?.citeKeys.libraryKey('big12345');
      if (loading?.filing !== undefined && corpus && paper) {
        // Asked at once, from the corpus swapped in with the first stage.
        firstRows = api.topicTree.getChildren();
        state.byKey = paper.title;
        state.byTitle = corpus.searchIndex.search(paper.title, 1)[0]?.paper.id === paper.id ? 'first' : 'not first';
        state.byAuthor = corpus.searchIndex.search('A12345 2020', 10).some((r) => r.paper.id === paper.id);
        state.topics = corpus.topicsOf(paper.id).length;
        state.names = corpus.namesOf(paper.id).length;
        state.problems = vscode.languages.getDiagnostics(uri(HUGE)).map((d) => d.range.start.line + 1);
        state.index = api.workspaceIndex.state;
        const datacomp = corpus.papers.find((p) => p.title.startsWith('DataComp'))!;
        state.bundled = [corpus.topicsOf(datacomp.id).length, corpus.matcher.find('We filter with DataComp here.').filter((m) => m.paperId === datacomp.id).length];
      }
      seen.push(state);
    });
    await api.workspaceIndex.idle();
    const indexBefore = api.workspaceIndex.state;
    const started = Date.now();
    await vscode.workspace.getConfiguration('paperLens').update('libraries', [`${DIR}/${HUGE}`], vscode.ConfigurationTarget.Global);
    await waitFor(() => (api.corpus()?.papers.length ?? 0) > ENTRIES && api.corpus()?.filing === false, 'the whole library to load', 150_000);
    await api.libraries.idle();
    sub.dispose();
    loaded.dispose();
    console.log(`[libraries] ${ENTRIES} entries in two stages in ${Date.now() - started} ms: ${JSON.stringify(seen)}`);
    const papers = BUNDLED_PAPER_COUNT + ENTRIES;
    // Reading (once the load has run for half a second), then filing the first stage, then done.
    assert.deepEqual(
      seen.map((s) => [s.loading, s.filing]),
      [
        [true, undefined],
        [true, papers],
        [false, undefined],
      ],
    );
    const first = seen[1];
    assert.deepEqual(
      [first.corpusFiling, first.papers, first.byTitle, first.byAuthor, first.topics, first.names],
      [true, papers, 'first', true, 0, 0],
      'the first stage: every paper, found by title and by author and year, no topics or names yet',
    );
    assert.ok(first.bundled && first.bundled[0] > 0 && first.bundled[1] === 1, `a bundled paper keeps its topics and its name is recognised: ${JSON.stringify(first.bundled)}`);
    assert.match(first.byKey ?? '', / 12345$/);
    assert.deepEqual(first.problems, [brokenLine], 'the broken entry in the Problems panel with the first stage');
    assert.deepEqual(stages, ['first', 'rest']);
    assert.deepEqual([indexBefore, first.index], ['ready', 'ready'], 'the workspace index waits for the whole corpus: the first stage names no library paper');
    assert.deepEqual(
      vscode.languages.getDiagnostics(uri(HUGE)).map((d) => d.range.start.line + 1),
      [brokenLine],
    );
    assert.strictEqual(first.message, `Filing the ${papers.toLocaleString('en-US')} papers of ${HUGE} under topics… Search, cite keys and the groupings by library file and A to Z work already; topics and hovers on paper names follow.`);
    const rows = await firstRows!;
    // The bundled papers under their topics, then the library's being filed.
    const last = rows[rows.length - 1];
    assert.deepEqual(last.kind === 'topic' ? [last.topic.label, last.children.length] : ['paper'], ['Being filed under topics', ENTRIES]);
    assert.ok(rows.length > 1 && rows.slice(0, -1).every((r) => r.kind === 'topic' && r.children.length > 0 && r.topic.label !== 'Unfiled'));
    // The whole library: filed, named, no message.
    const whole = api.corpus()!;
    const paper = whole.citeKeys.libraryKey('big12345')!;
    assert.ok(whole.topicsOf(paper.id).length > 0 || (await api.topicTree.getChildren()).some((r) => r.kind === 'topic' && r.topic.label === 'Unfiled'));
    assert.ok((await api.topicTree.getChildren()).every((r) => r.kind !== 'topic' || r.topic.label !== 'Being filed under topics'));
    assert.strictEqual(message(), undefined);
    assert.strictEqual(api.topicView.description, `${papers} papers`);
  });
});

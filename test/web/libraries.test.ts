/**
 * A library file of the workspace on the web: read through workspace.fs, parsed on the
 * extension host's thread in slices (no worker), merged into the sidebar, hovers and search;
 * its broken entry reported at its line.
 */
import * as vscode from 'vscode';
import { BROKEN_LINE, ORCHID_AND_BROKEN_BIB, ORCHID_TITLE } from '../shared/libraryFixture';
import * as assert from './assert';
import { folder, markdownOf, offsetOf, paperHovers, paperLens, withSetting } from './support';

const DIR = 'web-library-test';
const TITLE = ORCHID_TITLE;
const BIB = ORCHID_AND_BROKEN_BIB.join('\n');

describe('a library in the workspace, on the web', () => {
  const uri = (name: string) => vscode.Uri.joinPath(folder().uri, DIR, name);

  before(async () => {
    await vscode.workspace.fs.writeFile(uri('refs.bib'), new TextEncoder().encode(BIB));
    await vscode.workspace.fs.writeFile(uri('note.md'), new TextEncoder().encode(`We compare against ${TITLE} here.\n`));
  });

  after(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder().uri, DIR), { recursive: true });
  });

  it('reads it, parses it on the host thread, and shows its papers with the bundled ones', async () => {
    const api = await paperLens();
    const bundled = api.corpus()?.papers.length ?? 0;
    await withSetting('libraries', [`${DIR}/refs.bib`], async () => {
      const loaded = new Promise<Parameters<Parameters<typeof api.libraries.onDidLoad>[0]>[0]>((resolve) => {
        const listener = api.libraries.onDidLoad((load) => {
          if (load.files.length) {
            listener.dispose();
            resolve(load);
          }
        });
      });
      const load = await loaded;
      await api.libraries.idle();
      assert.strictEqual(api.corpus()?.papers.length, bundled + 1, 'papers after the load');
      assert.deepStrictEqual(
        load.problems.map((p) => [p.line, p.severity]),
        [[BROKEN_LINE, 'error']],
        'the broken entry, at its line',
      );
      const paper = api.corpus()?.papers.find((p) => p.title === TITLE);
      assert.ok(paper, 'the library paper');
      assert.deepStrictEqual(paper.authors, ['Ngozi Okafor', 'Jana Müller'], 'authors, LaTeX decoded');
      const note = await vscode.workspace.openTextDocument(uri('note.md'));
      const hovers = await paperHovers(note, offsetOf(note, 'Orchid Petal') + 2);
      assert.strictEqual(hovers.length, 1, 'a card on the library paper title');
      assert.ok(markdownOf(hovers[0]).includes('2031'), 'with its year');
      assert.ok(api.searchItems('orchid petal')[0]?.paper?.title === TITLE, 'found by search');
    });
    await api.libraries.idle();
    assert.strictEqual(api.corpus()?.papers.length, bundled, 'back to the bundled papers once the setting is gone');
  });
});

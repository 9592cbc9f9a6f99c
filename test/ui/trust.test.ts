/**
 * Workspace Trust as a user meets it: a window with trust on, opened on a folder it does not yet
 * trust (a temporary copy of samples/library.bib and samples/video-notes.md, with a
 * `.vscode/settings.json` and a markdown file's front matter that name the library). In
 * Restricted Mode the library the workspace names is not read and the bundled papers still work; once the user trusts the folder (the
 * banner's Manage link, then Trust), the library's authors and year show without a reload.
 * Its own window, so the checks in workbench.test.ts keep a trusted one.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { samplesDir } from '../host/paths';
import { libraryPaper } from './libraryPaper';
import { Workbench } from './workbench';

describe('Paper Lens in a window that does not trust its folder yet', function () {
  let workbench: Workbench;
  let folder: string;

  /** What the extension wrote to its output channel, to explain a failure. */
  function paperLensLog(): string {
    const logs = workbench.server.extensionHostLogs().filter((file) => path.basename(file).includes('Paper Lens'));
    return logs.map((file) => fs.readFileSync(file, 'utf8')).join('\n') || '(none found)';
  }

  before(async function () {
    // The first run may install the host (1-6 minutes).
    this.timeout(10 * 60_000);
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-untrusted-'));
    for (const file of [libraryPaper.file, libraryPaper.note]) fs.copyFileSync(path.join(samplesDir, file), path.join(folder, file));
    fs.mkdirSync(path.join(folder, '.vscode'));
    fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'paperLens.libraries': [libraryPaper.file] }, null, 2));
    // The other way a workspace names a library: a markdown file's front matter. VS Code itself
    // keeps the restricted setting from an untrusted workspace; only Paper Lens keeps this one out.
    fs.writeFileSync(path.join(folder, 'draft.md'), `---\nbibliography: ${libraryPaper.file}\n---\n\n# Draft\n`);
    // No start-up dialog asking about trust: the window opens in Restricted Mode with its banner,
    // as after a user answered "No" once.
    workbench = await Workbench.open({ workspace: folder, workspaceTrust: true, settings: { 'security.workspace.trust.startupPrompt': 'never' } });
  });

  after(async () => {
    await workbench?.close();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed' && workbench) {
      const file = await workbench.screenshot(`failed-${test.title.replace(/\W+/g, '-')}`);
      if (file) console.error(`    screenshot of the window: ${path.relative(process.cwd(), file)}`);
    }
  });

  it('does not read the library the workspace names, and the bundled papers still work', async function () {
    this.timeout(120_000);
    const { page } = workbench;
    await page.locator('.part.banner').filter({ hasText: 'Restricted Mode' }).waitFor({ state: 'visible', timeout: 30_000 });
    await workbench.openFile(libraryPaper.note);
    // The bundled papers work: the paper's card, with its abstract.
    const bundled = await workbench.hoverWord(libraryPaper.word, libraryPaper.abstractStart, 90_000);
    assert.ok(bundled, `no card for "${libraryPaper.name}" in Restricted Mode; the hover shows "${(await workbench.hoverText()).slice(0, 300)}". Paper Lens log:\n${paperLensLog()}`);
    // Paper Lens logs this once it has found the library files it may read (none here); a
    // library it read anyway would load within a second or two (0.5 to 1.5 s measured here).
    for (let wait = 0; wait < 60 && !/This workspace is not trusted/.test(paperLensLog()); wait++) await page.waitForTimeout(500);
    assert.match(paperLensLog(), /This workspace is not trusted/);
    await page.waitForTimeout(3_000);
    // A fresh card, asked for after that: still the bundled paper alone, with no byline from the library.
    const card = await workbench.hoverWord(libraryPaper.word, libraryPaper.abstractStart, 30_000);
    const text = await workbench.hoverText();
    assert.ok(card, `no card for "${libraryPaper.name}" in Restricted Mode; the hover shows "${text.slice(0, 300)}"`);
    assert.ok(text.includes(libraryPaper.title), text);
    assert.ok(!text.includes(libraryPaper.authors), `the card shows the library's authors before the folder is trusted: "${text.slice(0, 400)}". Paper Lens log:\n${paperLensLog()}`);
    assert.ok(!text.includes(libraryPaper.venue), `the card shows the library's venue before the folder is trusted: "${text.slice(0, 400)}"`);
    await page.waitForTimeout(500);
    await workbench.screenshot('trust-restricted');
  });

  it('reads the library once the user trusts the folder, without a reload', async function () {
    this.timeout(120_000);
    const { page } = workbench;
    let loads = 0;
    const onLoad = () => loads++;
    page.on('load', onLoad);
    try {
      await page.keyboard.press('Escape');
      // The banner's Manage link opens the Workspace Trust editor; its Trust button trusts the folder.
      await page.locator('.part.banner').getByText('Manage', { exact: true }).click();
      const editor = page.locator('.workspace-trust-editor');
      await editor.waitFor({ state: 'visible', timeout: 30_000 });
      await editor.locator('.monaco-button').filter({ hasText: /^Trust$/ }).first().click();
      await editor.getByText('You trust this folder').waitFor({ state: 'visible', timeout: 30_000 });
      await page.locator('[aria-label^="Close Modal Editor"]').first().click();
      await editor.waitFor({ state: 'hidden', timeout: 30_000 });
      await page.locator('.part.banner').filter({ hasText: 'Restricted Mode' }).waitFor({ state: 'hidden', timeout: 30_000 });

      const card = await workbench.hoverWord(libraryPaper.word, libraryPaper.authors, 90_000);
      const text = await workbench.hoverText();
      assert.ok(card, `no card with the library's authors after trusting the folder; the hover shows "${text.slice(0, 300)}". Paper Lens log:\n${paperLensLog()}`);
      assert.ok(text.includes(`${libraryPaper.authors} · ${libraryPaper.year} · ${libraryPaper.venue}`), `the card lacks the byline "authors · year · venue": "${text.slice(0, 400)}"`);
      assert.ok(text.includes(libraryPaper.abstractStart), `the card lacks the bundled abstract: "${text.slice(0, 400)}"`);
      assert.strictEqual(loads, 0, 'the window reloaded');
      // Nor did the extension host start again: Paper Lens activated once.
      assert.strictEqual(paperLensLog().match(/\bActivated in\b/g)?.length, 1, `Paper Lens log:\n${paperLensLog()}`);
      await page.waitForTimeout(500);
      await workbench.screenshot('trust-granted');
    } finally {
      page.off('load', onLoad);
    }
  });
});

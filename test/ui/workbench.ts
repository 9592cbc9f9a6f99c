/**
 * A real VS Code window for the UI checks: code-server with this repository installed as an
 * extension (a normal window, not the test payload), opened on samples/ in headless chromium, and the few
 * gestures the checks need, done the way a person does them (F1, typing, Enter).
 * Selectors lean on ARIA roles and labels and on visible text rather than layout classes.
 */
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from '../host/browser';
import { startCodeServer, type Server } from '../host/codeServer';
import { ensureHost } from '../host/install';
import { extensionPath, requireBuilt, samplesDir, screenshotsDir } from '../host/paths';
import { cleanupAll, installSignalHandlers } from '../host/processes';

/** What a window opens on and how; by default samples/, trusted. */
export interface WorkbenchOptions {
  /** The folder the window opens (default samples/). */
  readonly workspace?: string;
  /** Workspace Trust on, the folder not yet trusted: the window opens in restricted mode. */
  readonly workspaceTrust?: boolean;
  /** Extra user settings. */
  readonly settings?: Record<string, unknown>;
}

export class Workbench {
  private constructor(
    readonly page: Page,
    readonly server: Server,
  ) {}

  /** Starts code-server and opens the window; resolves once the workbench is on screen. */
  static async open(options: WorkbenchOptions = {}): Promise<Workbench> {
    installSignalHandlers((signal) => console.error(`\n[ui] ${signal}: stopping code-server and chromium`));
    requireBuilt(path.join(extensionPath, 'dist', 'extension.js'), 'npm run build');
    try {
      const host = await ensureHost();
      const server = await startCodeServer(host, {
        workspace: options.workspace ?? samplesDir,
        extensionPath,
        mode: 'installed',
        workspaceTrust: options.workspaceTrust,
        settings: options.settings,
      });
      const page = await newPage(await launchBrowser());
      // The waits below bound the start; the page's 'load' event (goto's default, 30 s) can come
      // late on a busy machine without anything being wrong.
      await page.goto(server.url, { waitUntil: 'commit' });
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
      await page.locator('.part.editor').waitFor({ state: 'visible', timeout: 60_000 });
      return new Workbench(page, server);
    } catch (e) {
      // No Workbench to close: stop what was started here, or it keeps mocha from exiting.
      await cleanupAll();
      throw e;
    }
  }

  /** Stops chromium and code-server (and everything else the harness started). */
  async close(): Promise<void> {
    await cleanupAll();
  }

  /** The quick input (command palette, quick open, quick picks). */
  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** The quick input's rows, in display order. */
  get quickInputRows(): Locator {
    return this.quickInput.locator('[role="option"]');
  }

  /** Opens the command palette with F1 and replaces its text with `text` (`>` + a command, or a file name). */
  async palette(text: string): Promise<void> {
    const input = this.quickInput.locator('input[type="text"], input:not([type])').first();
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('F1');
      try {
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        await input.fill(text, { timeout: 10_000 });
        return;
      } catch (e) {
        // The palette can close before it is typed in: in one CI run the workbench went inert (a
        // modal of VS Code's own, for a moment) and the palette was gone when it came back. It is
        // opened again, three times at most; what the test then checks is unchanged.
        await this.reportDialog();
        if (attempt === 3) throw e;
      }
    }
  }

  /**
   * Runs a command that opens a quick pick and returns the pick's input, found by its placeholder.
   * In one CI run the Enter that ran the command went nowhere: the workbench went inert (a modal
   * of VS Code's own, for a moment), the palette closed and no pick came in 30 s. The command is
   * run again then, three times at most; what the test then checks is unchanged.
   */
  async openPick(label: string, placeholder: string): Promise<Locator> {
    const input = this.quickInput.locator(`input[placeholder="${placeholder}"]`).first();
    for (let attempt = 1; ; attempt++) {
      await this.runCommand(label);
      try {
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        return input;
      } catch (e) {
        await this.reportDialog();
        if (attempt === 3) throw e;
      }
    }
  }

  /** Logs the text of a dialog that is up (so a retry above says what got in the way) and dismisses it. */
  private async reportDialog(): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box').first();
    if (!(await dialog.isVisible().catch(() => false))) return;
    const text = (await dialog.innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
    console.error(`    [ui] a dialog was up: "${text}"`);
    await this.page.keyboard.press('Escape');
  }

  /** Runs a command by its palette label (`Category: Title`), the way a person does. */
  async runCommand(label: string): Promise<void> {
    await this.palette(`>${label}`);
    // Wait until the palette has filtered down to the command, so Enter runs that one.
    await this.quickInputRows.first().filter({ hasText: label }).waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
  }

  /** Opens a workspace file through quick open. */
  async openFile(name: string): Promise<void> {
    await this.palette(name);
    await this.quickInputRows.first().filter({ hasText: name }).waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tabs-container [role="tab"][aria-label*="${name}"]`).first().waitFor({ state: 'visible' });
  }

  /** Moves the cursor in the active editor (1-based line and column) through quick open's `:line:column`. */
  async goTo(line: number, column: number): Promise<void> {
    await this.palette(`:${line}:${column}`);
    // Enter before quick open has parsed the text would do nothing.
    await this.quickInputRows.first().filter({ hasText: `line ${line}` }).waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden' });
  }

  /** The activity-bar entry whose accessible name starts with `title`. */
  activityBarItem(title: string): Locator {
    return this.page.locator(`.part.activitybar [aria-label^="${title}"]`).first();
  }

  /** Shows the Paper Lens side bar: a click on its activity-bar entry would close it if it were open. */
  async showPaperLens(): Promise<void> {
    const entry = this.activityBarItem('Paper Lens');
    await entry.waitFor({ state: 'visible', timeout: 60_000 });
    if ((await entry.getAttribute('aria-pressed')) !== 'true' && !((await entry.getAttribute('class')) ?? '').includes('checked')) await entry.click();
  }

  /** The rows of the tree views in the side bar. */
  get sideBarTreeRows(): Locator {
    return this.page.locator('.part.sidebar [role="treeitem"]');
  }

  /** The visible hover widget. */
  get hover(): Locator {
    return this.page.locator('.monaco-hover:visible').first();
  }

  /**
   * Points the mouse at the first `word` in the active editor, as a person does to read a hover
   * card, and waits for a card that shows `shows`; points again every few seconds, since a card
   * shows what the extension knew when it was asked (before the corpus or a library loaded, say).
   * Returns the hover, or undefined when no such card came within `timeoutMs`.
   */
  async hoverWord(word: string, shows: string, timeoutMs = 30_000): Promise<Locator | undefined> {
    const card = this.page.locator('.monaco-hover:visible').filter({ hasText: shows }).first();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const point = await this.wordCentre(word);
      if (point) {
        // Away from the text until no card shows: pointing back at the word while the last card
        // is still up keeps that card rather than asking again.
        await this.page.keyboard.press('Escape');
        await this.page.mouse.move(point.x, (this.page.viewportSize()?.height ?? 800) - 60);
        await this.hover.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
        await this.page.mouse.move(point.x, point.y, { steps: 8 });
        if (await card.waitFor({ state: 'visible', timeout: 4_000 }).then(() => true, () => false)) return card;
      } else {
        await this.page.waitForTimeout(500);
      }
    }
    return undefined;
  }

  /** The centre of the first `word` the active editor shows, or undefined when it shows none. */
  private async wordCentre(word: string): Promise<{ x: number; y: number } | undefined> {
    // The editor draws each line as spans of tokens in a monospace font: the word's place in its
    // token's text gives its place in the token's box.
    const token = this.page.locator('.editor-instance .view-line span[class^="mtk"]').filter({ hasText: word }).first();
    const [text, box] = await Promise.all([token.textContent({ timeout: 1_000 }).catch(() => null), token.boundingBox({ timeout: 1_000 }).catch(() => null)]);
    if (!text || !box) return undefined;
    const at = text.replace(/\u00a0/g, ' ').indexOf(word);
    if (at < 0) return undefined;
    const charWidth = box.width / text.length;
    return { x: box.x + (at + word.length / 2) * charWidth, y: box.y + box.height / 2 };
  }

  /** The text of the visible hover card, whitespace collapsed ('' when none shows). */
  async hoverText(): Promise<string> {
    return (await this.hover.innerText({ timeout: 1_000 }).catch(() => '')).replace(/\s+/g, ' ');
  }

  /** Saves `artifacts/screenshots/<name>.png`. */
  async screenshot(name: string): Promise<string | undefined> {
    return screenshot(this.page, path.join(screenshotsDir, `${name}.png`));
  }
}

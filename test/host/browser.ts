/**
 * Headless Debian chromium driven by playwright-core (`npx playwright install` cannot download a
 * browser on these machines). Playwright's own signal handling is off: the harness's cleanup
 * closes the browser together with everything else it started.
 */
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { onCleanup } from './processes';

export const chromiumPath = process.env.PAPER_LENS_CHROMIUM ?? '/usr/bin/chromium';

const flags = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The window size screenshots are taken at. */
export const viewport = { width: 1280, height: 800 };

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: flags,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  onCleanup('close chromium', () => browser.close());
  return browser;
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport });
  return context.newPage();
}

/** Saves a full-window screenshot; never throws (a failed screenshot must not hide the real failure). */
export async function screenshot(page: Page, file: string): Promise<string | undefined> {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, timeout: 10_000 });
    return file;
  } catch (e) {
    console.error(`[host] could not save screenshot ${file}: ${(e as Error).message}`);
    return undefined;
  }
}

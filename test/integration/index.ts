/**
 * The integration suite's entry: VS Code loads this module inside the extension host and calls
 * `run()`; both runners use it (test/host/runIntegration.ts in code-server, runElectron.ts in
 * desktop VS Code). It runs every compiled `*.test.js` beside it and in its subfolders.
 *
 * PAPER_LENS_GREP, when set in the runner's environment, runs only the tests whose full title
 * matches it.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import SummaryReporter from '../host/summaryReporter';

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    // The first test in a fresh window pays for activation and the corpus load.
    timeout: 30_000,
    reporter: SummaryReporter,
    reporterOptions: { tier: 'integration' },
    grep: process.env.PAPER_LENS_GREP || undefined,
  });
  const files = testFiles(__dirname);
  if (files.length === 0) return Promise.reject(new Error(`No *.test.js under ${__dirname}: run \`npm run compile-tests\` first.`));
  for (const file of files) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed.`)) : resolve()));
    } catch (e) {
      reject(e);
    }
  });
}

/**
 * The integration suite's entry: VS Code loads this module inside the extension host and calls
 * `run()`; both runners use it (test/host/runIntegration.ts in code-server, runElectron.ts in
 * desktop VS Code). It runs every compiled `*.test.js` beside it and in its subfolders.
 *
 * Every test file stands on its own: none relies on another having run before it. The state of
 * the window at start-up (was the corpus loaded by activation?) is recorded here, before any
 * test file is loaded, for the activation test to check wherever it falls in the order.
 *
 * Environment, when set in the runner's:
 * - PAPER_LENS_GREP runs only the tests whose full title matches it;
 * - PAPER_LENS_TEST_ORDER runs the files in `name` order (the default), in `reverse` name order,
 *   or `shuffle`d with the seed PAPER_LENS_TEST_SEED (a random one when unset; the seed and the
 *   order are printed, so a failure can be replayed).
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import SummaryReporter from '../host/summaryReporter';
import { seededRandom } from '../seededRandom';
import { recordStartup } from './support';

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}


/** `files` (sorted by name) in the order PAPER_LENS_TEST_ORDER asks for. */
function ordered(files: string[]): string[] {
  const order = process.env.PAPER_LENS_TEST_ORDER || 'name';
  switch (order) {
    case 'name':
      return files;
    case 'reverse':
      return [...files].reverse();
    case 'shuffle': {
      const seed = Number(process.env.PAPER_LENS_TEST_SEED) || Math.floor(Math.random() * 2 ** 31);
      console.log(`[order] shuffle with PAPER_LENS_TEST_SEED=${seed}`);
      const next = seededRandom(seed);
      const shuffled = [...files];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      return shuffled;
    }
    default:
      throw new Error(`PAPER_LENS_TEST_ORDER=${order}: expected name, reverse or shuffle`);
  }
}

export async function run(): Promise<void> {
  await recordStartup();
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    // The first test in a fresh window pays for activation and the corpus load.
    timeout: 30_000,
    reporter: SummaryReporter,
    reporterOptions: { tier: 'integration' },
    grep: process.env.PAPER_LENS_GREP || undefined,
  });
  const files = ordered(testFiles(__dirname));
  if (files.length === 0) throw new Error(`No *.test.js under ${__dirname}: run \`npm run compile-tests\` first.`);
  if (process.env.PAPER_LENS_TEST_ORDER) console.log(`[order] ${files.map((f) => path.relative(__dirname, f)).join(', ')}`);
  for (const file of files) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed.`)) : resolve()));
    } catch (e) {
      reject(e);
    }
  });
}

/**
 * The web suite's mocha reporter: one line per test on the console (which the web worker host
 * forwards to the runner through `codeAutomationLog`), then the counts as one `RESULTS_LINE`,
 * which the runner writes as the tier's result: a web worker cannot write files.
 */
import type Mocha from 'mocha';

/** Kept equal to `RESULTS_LINE` in test/host/runIntegration.ts (that module is Node-only). */
export const RESULTS_LINE = '[paper-lens-results] ';

export class WebReporter {
  constructor(runner: Mocha.Runner) {
    const counts = { passed: 0, failed: 0, pending: 0 };
    runner.on('suite', (suite: Mocha.Suite) => {
      if (suite.title) console.log(`\n  ${suite.title}`);
    });
    runner.on('pass', (test: Mocha.Test) => {
      counts.passed++;
      console.log(`    ✔ ${test.title} (${test.duration ?? 0} ms)`);
    });
    runner.on('fail', (test: Mocha.Test, error: Error) => {
      counts.failed++;
      console.error(`    ✘ ${test.fullTitle()}\n      ${error.stack ?? error.message}`);
    });
    runner.on('pending', (test: Mocha.Test) => {
      counts.pending++;
      console.log(`    - ${test.title} (skipped)`);
    });
    runner.once('end', () => {
      console.log(`\n  ${counts.passed} passing, ${counts.failed} failing${counts.pending ? `, ${counts.pending} skipped` : ''}`);
      console.log(`${RESULTS_LINE}${JSON.stringify(counts)}`);
    });
  }
}

/**
 * Mocha's spec reporter, plus the run's counts written to `artifacts/results/<tier>.json`
 * (see results.ts). The tier comes from the reporter option `tier`
 * (`--reporter-option tier=unit`, or `reporterOptions: { tier }` in code).
 */
import Mocha from 'mocha';
import { writeResult } from './results';

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions = {}) {
    super(runner, options);
    const tier = String((options.reporterOptions as { tier?: string } | undefined)?.tier ?? 'tests');
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = this.stats;
      writeResult({ tier, passed: stats.passes, failed: stats.failures, pending: stats.pending });
    });
  }
}

export = SummaryReporter;

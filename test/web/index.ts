/**
 * The web suite's entry: bundled for the browser (test/host/runWeb.ts) with mocha's browser
 * build, and run by VS Code in the browser's web worker extension host, where the web-only
 * copy of Paper Lens (a `browser` entry and no `main`) runs. VS Code calls `run()`.
 */
import 'mocha/mocha.js';
import { WebReporter } from './reporter';

export function run(): Promise<void> {
  mocha.setup({ ui: 'bdd', reporter: WebReporter as unknown as Mocha.ReporterConstructor, timeout: 30_000, color: false });
  // Required after `setup`, which defines `describe` and `it`; imports would run first.
  /* eslint-disable @typescript-eslint/no-require-imports */
  require('./webHost.test');
  require('./features.test');
  require('./libraries.test');
  require('./writing.test');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} web test${failures === 1 ? '' : 's'} failed`)) : resolve()));
  });
}

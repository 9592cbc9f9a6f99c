// Mutation testing of the pure core with StrykerJS: `npm run test:mutation`.
// Too slow for CI and not part of `npm test`; results and how to read them: docs/mutation.md.
//
// Stryker copies the repository into a sandbox (.stryker-tmp/), writes every mutant of
// src/core into the TypeScript sources there at once (each switched on at run time), compiles
// the sandbox with tsc, and runs the compiled mocha unit tests, for each mutant only the tests
// that reach it.
//
// One module against the tests written for it (minutes rather than hours):
//   MUTATION_TESTS=names npm run test:mutation -- --mutate src/core/names.ts
// MUTATION_TESTS is a comma-separated list of unit test files by name (`names` for
// test/unit/names.test.ts).

// MUTATION_REPORT names the reports (reports/mutation/<name>.html and .json; default
// `mutation`), so that runs of different modules side by side keep their own.
const report = process.env.MUTATION_REPORT ?? 'mutation';
const only = process.env.MUTATION_TESTS?.split(',').map((name) => `out/test/unit/${name.trim()}.test.js`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['src/core/**/*.ts'],
  testRunner: 'mocha',
  // tsconfig.mutation.json compiles only the core and its unit tests (to out/, like
  // tsconfig.test.json), so the editor layer and the benchmark are not needed here.
  buildCommand: 'tsc -p tsconfig.mutation.json',
  mochaOptions: {
    config: '.mocharc.json',
    spec: only ?? ['out/test/unit/**/*.test.js'],
    // Tests that do not run src/core can never kill a mutant: the CLI tests spawn the esbuild
    // bundle in dist/ (built from the unmutated sources) and the manifest test reads package.json.
    ignore: ['out/test/unit/cli*.test.js', 'out/test/unit/manifest.test.js'],
  },
  // No type-checking of each mutant: on two cores the TypeScript checker was the bottleneck
  // (the test process sat idle waiting for it). A mutant that does not type-check still runs
  // and is almost always killed. `--checkers typescript` turns it back on.
  checkers: [],
  tsconfigFile: 'tsconfig.mutation.json',
  // Each mutant runs only the tests that reach it. The unit tests build their fixtures (the
  // bundled corpus, its names, topics, indexes and matcher) inside each test under Stryker (see
  // `lazily` in test/unit/helpers.ts), so that work is attributed to the tests that use it.
  // MUTATION_COVERAGE=all runs every selected test against each mutant instead (slower; for
  // checking a survivor that per-test coverage may have attributed to the wrong test).
  coverageAnalysis: process.env.MUTATION_COVERAGE === 'all' ? 'all' : 'perTest',
  // A "static" mutant is code that runs while a module loads: the core's constant tables (LaTeX
  // symbols, character classes, regular expressions, CSL type maps). Each needs a fresh test
  // process and the whole suite (about 2,100 of them, estimated at 18 hours on two cores), so
  // they are left out of the score and counted separately (docs/mutation.md).
  // MUTATION_STATIC=1 runs them (and is implied by MUTATION_COVERAGE=all, which Stryker
  // allows only without this option).
  ignoreStatic: !(process.env.MUTATION_STATIC === '1' || process.env.MUTATION_COVERAGE === 'all'),
  // Two test processes, one per core. Fixtures are rebuilt in each test under Stryker, so a
  // process carries no cache built while some earlier mutant was switched on.
  concurrency: 2,
  // Build output and test artefacts are recreated in the sandbox or not needed there.
  ignorePatterns: ['dist', 'out', 'artifacts', '.vscode-test', '*.vsix', 'reports'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  clearTextReporter: { logTests: false },
  htmlReporter: { fileName: `reports/mutation/${report}.html` },
  jsonReporter: { fileName: `reports/mutation/${report}.json` },
  cleanTempDir: 'always',
};

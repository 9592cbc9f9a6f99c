// Mutation testing of the pure core with StrykerJS: `npm run test:mutation`.
// Too slow for CI and not part of `npm test`; results and how to read them: docs/mutation.md.
//
// Stryker copies the repository into a sandbox (.stryker-tmp/), writes every mutant of
// src/core into the TypeScript sources there at once (each switched on at run time), compiles
// the sandbox with the same tsc step as the unit tier, and runs the compiled mocha unit tests,
// for each mutant only those tests that cover it.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['src/core/**/*.ts'],
  testRunner: 'mocha',
  // tsconfig.mutation.json compiles only the core and its unit tests (to out/, like
  // tsconfig.test.json), so the editor layer and the benchmark are not needed here.
  buildCommand: 'tsc -p tsconfig.mutation.json',
  mochaOptions: {
    config: '.mocharc.json',
    spec: ['out/test/unit/**/*.test.js'],
    // Tests that do not run src/core can never kill a mutant: the CLI tests spawn the esbuild
    // bundle in dist/ (built from the unmutated sources) and the manifest test reads package.json.
    ignore: ['out/test/unit/cli.test.js', 'out/test/unit/manifest.test.js'],
  },
  // Mutants that do not type-check are dropped (reported as compile errors), not counted.
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  // A mutant reached only by tests runs just those tests, in a test process that is already
  // loaded. A "static" mutant, reached while the test files load (they build the bundled
  // corpus, its names, topics, search index and matcher as fixtures), needs a new process in
  // which it is active from the start, and then the whole suite: most of the run's time.
  // They are tested, not ignored, because most of the core's algorithms run exactly there.
  coverageAnalysis: 'perTest',
  // Two processes on two cores: one type-checks mutants, one runs tests.
  concurrency: 2,
  // Build output and test artefacts are recreated in the sandbox or not needed there.
  ignorePatterns: ['dist', 'out', 'artifacts', '.vscode-test', '*.vsix', 'reports'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  cleanTempDir: 'always',
};

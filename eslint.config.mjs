// Flat config. Besides the usual checks it enforces the dependency direction of src/:
//
//   src/core/      pure algorithms: imports nothing outside src/core (no `vscode`), so every
//                  algorithm runs and is tested in plain Node;
//   src/services/  editor services shared by features: core and other services, never a feature;
//   src/features/  one file per feature, registering its contributions: core and services only,
//                  never another feature (what two features share becomes a service);
//   src/cli/       the Node command line: core only (no `vscode`);
//   src/worker/    the library worker thread and its client: core only (no `vscode`), so the
//                  bench drives the same client as the extension;
//   src/extension.ts  the composition root: may import everything but the CLI;
//   src/node/extension.ts, src/web/extension.ts  the entry points: each picks its platform
//                  (Node, or the browser's web worker) and calls the composition root.
//
// The rules match import paths by folder name, which works at any depth. A later config object
// replaces an earlier one's options for the same rule, so each file gets exactly one layer's list.
import tseslint from 'typescript-eslint';

const rule = '@typescript-eslint/no-restricted-imports';

const vscode = (why) => ({ name: 'vscode', message: why });
const folder = (name, why) => ({ regex: `^\\.\\.?/(?:.*/)?${name}(?:/|$)`, caseSensitive: true, message: why });

const notFeature = folder('features', 'Only the composition root (src/extension.ts) imports features: move what is shared into src/services/ and hand it in.');
const notRoot = { regex: '^\\.\\.?/(?:.*/)?extension$', caseSensitive: true, message: 'Nothing imports the composition root: it imports everything else.' };
const notCli = folder('cli', 'src/cli/ is the Node command line; the extension does not use it.');
const notServices = folder('services', 'This layer must not depend on the editor services.');

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'artifacts/**', '*.vsix'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'always'],
      'no-throw-literal': 'error',
    },
  },
  {
    // Services, and any file not in a folder below: no features, no composition root, no CLI.
    files: ['src/**/*.ts'],
    rules: { [rule]: ['error', { patterns: [notFeature, notRoot, notCli] }] },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      [rule]: [
        'error',
        {
          paths: [vscode('src/core must stay free of the editor: convert types in the editor layer instead.')],
          patterns: [
            { ...notFeature, message: 'src/core imports nothing outside src/core.' },
            { ...notServices, message: 'src/core imports nothing outside src/core.' },
            { ...notRoot, message: 'src/core imports nothing outside src/core.' },
            { ...notCli, message: 'src/core imports nothing outside src/core.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/features/**/*.ts'],
    rules: {
      [rule]: [
        'error',
        {
          patterns: [
            notFeature,
            notRoot,
            notCli,
            { regex: '^\\./', message: 'A feature imports no other feature: move what is shared into src/services/ and hand it in from src/extension.ts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      [rule]: [
        'error',
        {
          paths: [vscode('The CLI runs in plain Node: it uses src/core only.')],
          patterns: [notFeature, notServices, notRoot],
        },
      ],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: {
      [rule]: [
        'error',
        {
          paths: [vscode('The library worker runs in a plain Node worker thread: it uses src/core only.')],
          patterns: [notFeature, notServices, notRoot, notCli],
        },
      ],
    },
  },
  {
    files: ['src/extension.ts', 'src/node/extension.ts', 'src/web/extension.ts'],
    rules: { [rule]: ['error', { patterns: [notCli] }] },
  },
  {
    // Unit tests and the benchmark run in plain Node, where `vscode` does not exist.
    files: ['test/unit/**/*.ts', 'bench/**/*.ts'],
    rules: { [rule]: ['error', { paths: [vscode('Unit tests and the benchmark run in plain Node: test the core, or write an integration test.')] }] },
  },
);

// Bundles the extension (for the Node extension host and for the browser's web worker host), its
// library worker and the CLI. Types are checked separately by `npm run check-types`: esbuild
// strips types, it does not check them.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the form the `$esbuild-watch` problem matcher understands. */
const problemMatcherPlugin = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * `import text from 'seed:NAME'` bundles `seeds/NAME` as a string: the web extension's seeds
 * (src/web/seedTexts.ts), which it cannot read from a disk.
 */
const seedTextPlugin = {
  name: 'seed-text',
  setup(build) {
    build.onResolve({ filter: /^seed:/ }, (args) => ({ path: path.join(__dirname, 'seeds', args.path.slice('seed:'.length)), namespace: 'seed-text' }));
    build.onLoad({ filter: /.*/, namespace: 'seed-text' }, (args) => ({ contents: fs.readFileSync(args.path, 'utf8'), loader: 'text', watchFiles: [args.path] }));
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  // Prefer a package's ES module build: jsonc-parser's UMD build loads its parts with dynamic
  // requires that a bundle cannot resolve.
  mainFields: ['module', 'main'],
  target: 'es2022',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: watch ? 'silent' : 'warning',
  plugins: watch ? [problemMatcherPlugin] : [],
};

async function main() {
  const contexts = await Promise.all([
    esbuild.context({ ...common, entryPoints: ['src/node/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
    // The web extension: a CommonJS bundle that VS Code loads in the browser's web worker
    // extension host. platform 'browser' makes any Node module it reaches a build error.
    esbuild.context({
      ...common,
      platform: 'browser',
      mainFields: ['browser', 'module', 'main'],
      target: 'es2022',
      entryPoints: ['src/web/extension.ts'],
      outfile: 'dist/web/extension.js',
      external: ['vscode'],
      plugins: [...common.plugins, seedTextPlugin],
    }),
    esbuild.context({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
    // The library worker runs in a worker thread of the extension host (src/worker/).
    esbuild.context({ ...common, entryPoints: ['src/worker/libraryWorker.ts'], outfile: 'dist/libraryWorker.js' }),
    // Its helper thread, which builds half of a large cold load's index (src/worker/prepareHelper.ts).
    esbuild.context({ ...common, entryPoints: ['src/worker/prepareHelper.ts'], outfile: 'dist/prepareHelper.js' }),
  ]);
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
  } else {
    await Promise.all(contexts.map((c) => c.rebuild()));
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

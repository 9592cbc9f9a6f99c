/**
 * Runs the web suite (test/web/) in the browser's web worker extension host: code-server in
 * Chromium, as for the integration suite, but with a web-only copy of Paper Lens loaded as the
 * development extension, whose manifest has the `browser` entry and no `main`. A manifest with
 * a `main` runs in code-server's Node extension host; without one the workbench can only run it
 * in the web worker host, and the suite checks that it did.
 *
 * The suite is bundled here for the browser (esbuild, like the web extension: CommonJS, `vscode`
 * external) with mocha's browser build: a web worker loads one script, with no Node modules.
 * It cannot write files, so it logs its counts (`RESULTS_LINE`) and the runner writes them.
 *
 * Builds the suite, not the extension: `npm run test:web` builds it first.
 */
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot, requireBuilt } from './paths';
import { runAsCommand, runSuite } from './runIntegration';

const tier = 'web';
/** The web-only copy of the extension (git-ignored `out/`). */
export const webExtensionDir = path.join(repoRoot, 'out', 'web-extension');
/**
 * Inside the extension's folder: VS Code runs a suite in the extension host of the extension
 * whose folder holds it, and one outside every extension in the Node host.
 */
const suiteFile = path.join(webExtensionDir, 'web-suite', 'index.js');

/**
 * The extension folder with the manifest's `main` removed; everything else links to the
 * repository's own files, so the copy always has the current build.
 */
export function writeWebOnlyExtension(target = webExtensionDir): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
  if (typeof manifest.browser !== 'string') throw new Error('package.json has no "browser" entry');
  delete manifest.main;
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const entry of ['dist', 'seeds', 'media', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
    if (fs.existsSync(path.join(repoRoot, entry))) fs.symlinkSync(path.join(repoRoot, entry), path.join(target, entry));
  }
  return target;
}

/** Bundles a test module for the browser's web worker host. */
export async function bundleForWebWorker(entry: string, outfile: string): Promise<void> {
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'es2022',
    mainFields: ['browser', 'module', 'main'],
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

if (require.main === module) {
  runAsCommand(tier, async () => {
    requireBuilt(path.join(repoRoot, 'dist', 'web', 'extension.js'), 'npm run build');
    const extensionPath = writeWebOnlyExtension();
    await bundleForWebWorker(path.join(repoRoot, 'test', 'web', 'index.ts'), suiteFile);
    return runSuite({ tier, extensionPath, testsEntry: suiteFile });
  });
}

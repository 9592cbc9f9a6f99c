/**
 * `npm run test:package`: the `.vsix` that `npm run package` builds, installed into code-server
 * as a user installs it (`code-server --install-extension`), activates and works in the Node
 * extension host and in the browser's web worker host. This catches what `.vscodeignore` or
 * `vsce --no-dependencies` drop from the package (the worker script, the web bundle, the seeds,
 * the CSL styles, a runtime dependency esbuild did not bundle), which a development extension
 * run from the repository never notices.
 *
 * Installed extensions cannot run a suite, so a small probe extension runs it
 * (test/package/probe.ts) as the development extension, beside the installed Paper Lens:
 * - Node host: the probe has a `main`; Paper Lens, which has a `main` too, runs in the same host;
 * - web host: the probe has only a `browser` entry, and the user setting `remote.extensionKind`
 *   asks for Paper Lens to run as a web extension, in the web worker host.
 * Each run opens a workspace with notes and a `.bib` library its settings name.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot, requireBuilt, samplesDir } from './paths';
import { onCleanup } from './processes';
import { runAsCommand, runSuite } from './runIntegration';
import { bundleForWebWorker } from './runWeb';

const LIBRARY = [
  '@article{okafor2031orchid,',
  '  title = {Quantised Lattice Transformers for Orchid Petal Segmentation},',
  '  author = {Okafor, Ngozi},',
  '  year = {2031}',
  '}',
  '',
].join('\n');

type HostKind = 'node' | 'web';

function temporaryFolder(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `paper-lens-${label}-`));
  onCleanup(`remove ${dir}`, async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The probe extension for a host: a manifest with `main` (Node) or `browser` (web), and the bundled check. */
async function writeProbe(kind: HostKind): Promise<{ extensionPath: string; testsEntry: string }> {
  const dir = temporaryFolder(`probe-${kind}`);
  const manifest = {
    name: 'paper-lens-package-probe',
    publisher: 'paper-lens-test',
    version: '0.0.0',
    engines: { vscode: '^1.90.0' },
    [kind === 'node' ? 'main' : 'browser']: './probe.js',
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(dir, 'probe.js'), 'exports.activate = function () {};\n');
  // Inside the probe's folder: VS Code runs a suite in the host of the extension that holds it.
  const testsEntry = path.join(dir, 'check.js');
  await bundleForWebWorker(path.join(repoRoot, 'test', 'package', 'probe.ts'), testsEntry);
  return { extensionPath: dir, testsEntry };
}

function writeWorkspace(): string {
  const dir = temporaryFolder('package-workspace');
  fs.copyFileSync(path.join(samplesDir, 'notes.md'), path.join(dir, 'notes.md'));
  fs.writeFileSync(path.join(dir, 'refs.bib'), LIBRARY);
  fs.mkdirSync(path.join(dir, '.vscode'));
  fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify({ 'paperLens.libraries': ['refs.bib'] }, null, 2));
  return dir;
}

runAsCommand('package', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const vsix = path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
  requireBuilt(vsix, 'npm run package');
  const workspace = writeWorkspace();
  let failed = 0;
  for (const kind of ['node', 'web'] as const) {
    const probe = await writeProbe(kind);
    const code = await runSuite({
      tier: `package-${kind}`,
      ...probe,
      workspace,
      vsix,
      settings: kind === 'web' ? { 'remote.extensionKind': { [`${manifest.publisher}.${manifest.name}`]: ['web'] } } : {},
    });
    if (code !== 0) failed++;
  }
  return failed ? 1 : 0;
});

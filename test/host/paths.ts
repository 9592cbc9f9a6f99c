/**
 * Where the harness finds things. Compiled to `out/test/host/`, so the repository root is three
 * folders up; everything else is named from there, once.
 */
import * as fs from 'fs';
import * as path from 'path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The bundled workspace both runners and `npm start` open. */
export const samplesDir = path.join(repoRoot, 'samples');

/** Git-ignored output: screenshots, logs, per-tier test counts. */
export const artifactsDir = path.join(repoRoot, 'artifacts');
export const screenshotsDir = path.join(artifactsDir, 'screenshots');
export const resultsDir = path.join(artifactsDir, 'results');

/** Git-ignored; also where `@vscode/test-electron` caches desktop VS Code. */
export const vscodeTestDir = path.join(repoRoot, '.vscode-test');

/** The committed manifests of the host (code-server) and of the Node 24 it runs on. */
export const hostManifestDir = path.join(repoRoot, 'test', 'host', 'code-server');

/**
 * The extension the windows load as a development extension: the repository, unless
 * PAPER_LENS_EXTENSION_PATH names another folder (for working on the harness itself).
 */
export const extensionPath = process.env.PAPER_LENS_EXTENSION_PATH ? path.resolve(process.env.PAPER_LENS_EXTENSION_PATH) : repoRoot;

/** The compiled suite entry that exports `run()`. */
export const integrationTestsEntry = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');

/** Throws, naming the command that makes it, when a build output is missing. */
export function requireBuilt(file: string, command: string): void {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing: run \`${command}\` first.`);
}

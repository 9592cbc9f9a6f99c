/**
 * Runs the same integration suite in desktop VS Code through `@vscode/test-electron`, for
 * contributors with internet access: it downloads VS Code into `.vscode-test/` on first use
 * (the machines this project's CI uses cannot, so CI runs runIntegration.ts instead).
 * Builds nothing: `npm run test:electron` builds and compiles first.
 */
import { runTests } from '@vscode/test-electron';
import { integrationTestsEntry, repoRoot, samplesDir, vscodeTestDir } from './paths';
import { clearResult } from './results';

async function main(): Promise<void> {
  clearResult('integration');
  await runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: integrationTestsEntry,
    cachePath: vscodeTestDir,
    extensionTestsEnv: { PAPER_LENS_GREP: process.env.PAPER_LENS_GREP, PAPER_LENS_TEST_ORDER: process.env.PAPER_LENS_TEST_ORDER, PAPER_LENS_TEST_SEED: process.env.PAPER_LENS_TEST_SEED },
    // The first argument is the folder to open; the rest keep the window free of the
    // contributor's own extensions and of the workspace-trust prompt.
    launchArgs: [samplesDir, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
}

main().catch((e: unknown) => {
  console.error(`Integration suite failed in desktop VS Code: ${(e as Error).message ?? e}`);
  process.exitCode = 1;
});

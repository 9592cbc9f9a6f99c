/**
 * The packaged extension's check, run by test/host/runPackage.ts inside the extension host of a
 * small probe extension, once in code-server's Node host and once in the browser's web worker
 * host, with Paper Lens installed from its `.vsix` as a user installs it. It asks what a user
 * would notice first: Paper Lens activates in this same host from the installed files, answers
 * a hover, formats a CSL citation (the style files shipped) and loads a library of the
 * workspace (under Node through the worker script shipped, on the web on the host's thread).
 * No Node module and no mocha: the same bundle runs in both hosts.
 */
import * as vscode from 'vscode';
import type { PaperLensTestApi } from '../../src/extension';

/** Kept equal to `RESULTS_LINE` in test/host/runIntegration.ts. */
const RESULTS_LINE = '[paper-lens-results] ';
/** The bundled paper the checks use, and the title of the workspace library's one entry. */
const PAPER = 'DataComp';
export const LIBRARY_TITLE = 'Quantised Lattice Transformers for Orchid Petal Segmentation';

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function waitFor(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    check(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function run(): Promise<void> {
  const host = typeof (globalThis as { process?: unknown }).process === 'undefined' ? 'web' : 'node';
  const ext = vscode.extensions.getExtension<PaperLensTestApi>('paper-lens.paper-lens');
  let api: PaperLensTestApi | undefined;
  const checks: [string, () => Promise<void>][] = [
    [
      'activates from the installed .vsix in this host',
      async () => {
        check(ext, 'Paper Lens is not installed');
        check(/\/paper-lens\.paper-lens-[^/]+\/?$/.test(ext.extensionUri.path), `not the installed copy: ${ext.extensionUri.toString()}`);
        api = await ext.activate();
        check(api?.platform === host, `Paper Lens runs in the ${api?.platform ?? 'other'} host, this check in the ${host} host`);
      },
    ],
    [
      'answers a hover',
      async () => {
        const folder = vscode.workspace.workspaceFolders?.[0];
        check(folder, 'no workspace folder');
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'notes.md'));
        const at = doc.getText().indexOf(PAPER);
        check(at >= 0, `no ${PAPER} in notes.md`);
        const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + 2))) ?? [];
        const cards = hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n')).filter((m) => m.includes('command:paperLens.openPaper'));
        check(cards.length === 1 && cards[0].includes(PAPER), `expected one Paper Lens card on ${PAPER}, got ${cards.length}`);
      },
    ],
    [
      'formats an IEEE citation from the shipped style',
      async () => {
        const paper = api?.corpus()?.papers.find((p) => p.title.startsWith(`${PAPER}:`));
        check(paper, `no bundled paper ${PAPER}`);
        await vscode.env.clipboard.writeText('');
        await vscode.commands.executeCommand('paperLens.copyCitation', paper.id, 'ieee');
        const copied = await vscode.env.clipboard.readText();
        // What citeproc-js makes of a paper with only a title and a link, in IEEE.
        const expected = `\u201c${paper.title}.\u201d`;
        check(copied === expected, `expected ${JSON.stringify(expected)}, got ${JSON.stringify(copied)}`);
      },
    ],
    [
      'loads the library the workspace names',
      async () => {
        check(api, 'not activated');
        const loaded = api;
        await waitFor(() => loaded.libraries.loads > 0, 'the first library load');
        await loaded.libraries.idle();
        check(loaded.corpus()?.papers.some((p) => p.title === LIBRARY_TITLE), `the library paper "${LIBRARY_TITLE}" is not in the corpus`);
      },
    ],
  ];
  if (host === 'node') {
    checks.push([
      'ships the library worker and its helper thread',
      async () => {
        check(ext, 'Paper Lens is not installed');
        // The helper builds a large library's index beside the worker (src/worker/helperClient.ts);
        // without it the worker builds alone, slower, and says so in the log.
        for (const script of ['libraryWorker.js', 'prepareHelper.js']) {
          const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext.extensionUri, 'dist', script));
          check(stat.size > 0, `dist/${script} is empty`);
        }
      },
    ]);
  }

  const counts = { passed: 0, failed: 0, pending: 0 };
  const failures: string[] = [];
  for (const [title, body] of checks) {
    try {
      await body();
      counts.passed++;
      console.log(`    ✔ ${host} host: ${title}`);
    } catch (e) {
      counts.failed++;
      failures.push(`${title}: ${e instanceof Error ? e.message : String(e)}`);
      console.error(`    ✘ ${host} host: ${title}\n      ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  console.log(`${RESULTS_LINE}${JSON.stringify(counts)}`);
  if (failures.length) throw new Error(`the packaged extension failed in the ${host} host:\n${failures.join('\n')}`);
}

/**
 * Runs the integration suite (test/integration/index.ts) inside a real VS Code extension host:
 * code-server on a free loopback port, a headless chromium window on it whose URL carries the
 * extension-development payload, and the exit code the workbench reports through
 * `window.codeAutomationExit` once `run()` settles. The extension host's console is streamed to
 * stdout through `window.codeAutomationLog`.
 *
 * Builds nothing: `npm run test:integration` builds the extension and compiles the tests first.
 *
 * Environment: PAPER_LENS_TEST_TIMEOUT (seconds, default 300) bounds the whole run;
 * PAPER_LENS_GREP selects tests by title; PAPER_LENS_VERBOSE=1 also prints code-server's output;
 * PAPER_LENS_EXTENSION_PATH loads another extension folder (see paths.ts); PAPER_LENS_LONG_TASKS=1
 * prints the workbench's long tasks (200 ms or more) with the time each ended.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import type { Page } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from './browser';
import { startCodeServer, type Server } from './codeServer';
import { checkSystemPackages, ensureHost, reportError } from './install';
import { artifactsDir, extensionPath, integrationTestsEntry, repoRoot, requireBuilt, samplesDir } from './paths';
import { cleanupAll, installSignalHandlers, signalExitCode, stoppingSignal } from './processes';
import { clearResult, readResult, writeResult, type TierResult } from './results';

const timeoutSeconds = Number(process.env.PAPER_LENS_TEST_TIMEOUT) || 300;

/**
 * A line a suite that cannot write files (the web suite, in a browser's web worker) logs with
 * its counts as JSON; the runner writes them as the tier's result.
 */
export const RESULTS_LINE = '[paper-lens-results] ';

/** What `runSuite` runs: a suite module exporting `run()`, in a window with the extension loaded. */
export interface SuiteOptions {
  /** The tier the counts are written under (artifacts/results/<tier>.json), and the name in messages. */
  readonly tier: string;
  /** The development extension's folder. */
  readonly extensionPath: string;
  /** The module whose `run()` the window runs. */
  readonly testsEntry: string;
  /** The folder the window opens (default samples/). */
  readonly workspace?: string;
  /** Extra user settings of the window. */
  readonly settings?: Record<string, unknown>;
  /** A .vsix installed into the window's extensions folder first, as a user installs one. */
  readonly vsix?: string;
  /** Name for failure artifacts (default the tier). */
  readonly artifacts?: string;
}

/**
 * The workbench's own start-up chatter and the look-ups that cannot succeed without internet
 * (extension gallery, auth, telemetry). Shown only with PAPER_LENS_VERBOSE=1.
 */
const noise = [
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket \(/,
  /^\[(reconnection-grace-time|Service Worker|AgentHost[^\]]*|AccountPolicyGate)\]/,
  /^Updating additional builtin extensions cache/,
  /open-vsx\.org|marketplace\.visualstudio\.com|update\.code\.visualstudio\.com|github\.com\/login|dc\.services\.visualstudio\.com/,
];

/** A stack frame inside the workbench's own bundle: says nothing about the extension or the tests. */
const workbenchFrame = /^\s+at .*\/static\/out\/vs\//;

/**
 * What VS Code passes to `codeAutomationLog`: a level and a console call's arguments
 * (printf-style). Workbench stack frames are dropped unless `verbose`.
 */
function formatLog(args: unknown, verbose: boolean): string {
  const text = Array.isArray(args) ? util.format(...(args as unknown[])) : util.format(args);
  if (verbose) return text;
  const lines = text.split('\n');
  const kept = lines.filter((l) => !workbenchFrame.test(l));
  return kept.length < lines.length ? `${kept.join('\n')} (workbench stack omitted)` : text;
}

/** Copies what explains a failure into artifacts/: a screenshot and VS Code's logs. Never throws. */
async function saveFailureArtifacts(name: string, page: Page | undefined, server: Server | undefined): Promise<void> {
  if (page) {
    const file = await screenshot(page, path.join(artifactsDir, `${name}-failure.png`));
    if (file) console.error(`[host] screenshot of the window: ${path.relative(repoRoot, file)}`);
  }
  if (server) {
    const logs = path.join(artifactsDir, `${name}-logs`);
    try {
      fs.rmSync(logs, { recursive: true, force: true });
      fs.mkdirSync(logs, { recursive: true });
      fs.copyFileSync(server.logFile, path.join(logs, 'code-server.log'));
      for (const log of server.extensionHostLogs()) fs.copyFileSync(log, path.join(logs, `${path.basename(path.dirname(log))}-${path.basename(log)}`));
      console.error(`[host] code-server and extension host logs: ${path.relative(repoRoot, logs)}/`);
    } catch (e) {
      console.error(`[host] could not copy the logs to ${logs}: ${(e as Error).message}`);
    }
  }
}

/** Runs a suite in code-server and returns the exit code; writes the tier's counts. */
export async function runSuite(options: SuiteOptions): Promise<number> {
  const { tier } = options;
  const name = options.artifacts ?? tier;
  checkSystemPackages();
  requireBuilt(options.testsEntry, 'npm run compile-tests');
  clearResult(tier);
  const host = await ensureHost();
  const started = Date.now();
  const verbose = process.env.PAPER_LENS_VERBOSE === '1';
  let server: Server | undefined;
  let page: Page | undefined;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`The ${tier} suite did not finish within ${timeoutSeconds} s (PAPER_LENS_TEST_TIMEOUT). The window may not have loaded the extension or the suite, or a test hangs.`),
      timeoutSeconds * 1000,
    );
  });
  let reportExit: (code: number) => void = () => undefined;
  const suiteExit = new Promise<number>((resolve) => (reportExit = resolve));

  const launch = async (): Promise<Server> => {
    server = await startCodeServer(host, {
      workspace: options.workspace ?? samplesDir,
      extensionPath: options.extensionPath,
      mode: 'development',
      extensionTestsPath: options.testsEntry,
      settings: options.settings,
      vsix: options.vsix,
      onOutput: verbose ? (line) => console.log(`[code-server] ${line}`) : undefined,
    });
    console.log(`[host] code-server ${host.version} on 127.0.0.1:${server.port}; running the ${tier} suite`);
    page = await newPage(await launchBrowser());
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const text = formatLog(args, verbose);
      if (text.startsWith(RESULTS_LINE)) {
        const counts = JSON.parse(text.slice(RESULTS_LINE.length)) as Omit<TierResult, 'tier'>;
        writeResult({ tier, passed: counts.passed, failed: counts.failed, pending: counts.pending });
        return;
      }
      if (!verbose && noise.some((n) => n.test(text))) return;
      if (type === 'error') console.error(text);
      else console.log(text);
    });
    page.on('pageerror', (e) => verbose && console.error(`[page] ${e.message}`));
    if (process.env.PAPER_LENS_LONG_TASKS === '1') {
      // The workbench's own long tasks (its main thread in the page), with the wall clock they
      // ended at: set beside the times a test prints, they say when the workbench was busy.
      await page.addInitScript(() => {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (e.duration >= 200) console.log(`[renderer] long task ${Math.round(e.duration)} ms ending ${new Date(performance.timeOrigin + e.startTime + e.duration).toISOString().slice(11, 23)}`);
          }
        }).observe({ entryTypes: ['longtask' as never] });
      });
      page.on('console', (m) => m.text().startsWith('[renderer] ') && console.log(m.text()));
    }
    // Waits only for the server's answer, not for the page's 'load' (30 s by default, which a
    // busy machine can miss): the suite's own time-out bounds the rest.
    await page.goto(server.url, { waitUntil: 'commit' });
    return server;
  };

  try {
    const outcome = await Promise.race([
      suiteExit,
      timedOut,
      launch().then((s) => Promise.race([suiteExit, s.exited.then((why) => `${why} before the suite finished.`)])),
    ]);
    const signal = stoppingSignal();
    if (signal) return signalExitCode(signal);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (typeof outcome === 'number') {
      console.log(`[host] ${tier} suite ${outcome === 0 ? 'passed' : `failed (exit code ${outcome})`} in ${seconds} s`);
      if (outcome === 0) return 0;
      await saveFailureArtifacts(name, page, server);
      if (!readResult(tier)) writeResult({ tier, passed: 0, failed: 1, pending: 0, error: 'the suite did not run: see the extension host log above' });
      return 1;
    }
    console.error(`\n[host] FAILED after ${seconds} s: ${outcome}`);
    await saveFailureArtifacts(name, page, server);
    const partial = readResult(tier);
    writeResult({ tier, passed: partial?.passed ?? 0, failed: (partial?.failed ?? 0) + 1, pending: partial?.pending ?? 0, error: outcome });
    return 1;
  } catch (e) {
    const signal = stoppingSignal();
    if (signal) return signalExitCode(signal);
    await saveFailureArtifacts(name, page, server);
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `main` as a command: signal handlers first, and whatever it started stopped at the end,
 * also when it throws (the tier is then one failure with the error's first line).
 */
export function runAsCommand(tier: string, main: () => Promise<number>): void {
  installSignalHandlers((signal) => console.error(`\n[host] ${signal}: stopping code-server and chromium`));
  main()
    .catch((e: unknown) => {
      reportError(e);
      if (!readResult(tier)) writeResult({ tier, passed: 0, failed: 1, pending: 0, error: (e as Error).message.split('\n')[0] });
      return 1;
    })
    .then(async (code) => {
      await cleanupAll();
      process.exit(code);
    });
}

if (require.main === module) {
  runAsCommand('integration', async () => {
    requireBuilt(path.join(extensionPath, 'dist', 'extension.js'), 'npm run build');
    return runSuite({ tier: 'integration', extensionPath, testsEntry: integrationTestsEntry });
  });
}

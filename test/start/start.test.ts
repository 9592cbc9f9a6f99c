/**
 * `npm start` leaves nothing running, however it is stopped. Each test runs the real command (npm,
 * the build, the harness, code-server) with a marker variable in its environment,
 * waits until the workbench answers at the URL it printed, stops it one way, then looks through
 * /proc for processes that still carry the marker. Everything the command starts inherits its
 * environment, code-server's own children (extension host, file watcher) and any chromium
 * included, and nothing else on the machine carries the marker, so runs in parallel (other tiers,
 * someone's own `npm start`) neither disturb the check nor are disturbed by it.
 *
 * Plain Node mocha, outside any editor: `npm run test:start`.
 */
import * as assert from 'assert';
import { spawn, type ChildProcess } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import { ensureHost } from '../host/install';
import { repoRoot } from '../host/paths';
import { cleanEnv, installSignalHandlers, onCleanup, sleep } from '../host/processes';

const markerName = 'PAPER_LENS_START_CHECK';

/** Build, compile and code-server's start: 20-30 s on 2 cores shared with other test runs. */
const readyWithinMs = 150_000;

interface MarkedProcess {
  readonly pid: number;
  readonly command: string;
}

/** Every live process whose environment holds `markerName=marker`. */
function markedProcesses(marker: string): MarkedProcess[] {
  const wanted = `${markerName}=${marker}`;
  const found: MarkedProcess[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (!fs.readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(wanted)) continue;
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      // A zombie has an empty command line: it has exited and only waits to be reaped.
      if (command) found.push({ pid: Number(entry), command });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

function list(processes: readonly MarkedProcess[]): string {
  return processes.map((p) => `  ${p.pid} ${p.command.slice(0, 160)}`).join('\n');
}

/** Kills whatever a run left behind, so that a failing test does not leave a server running. */
function killMarked(marker: string): void {
  for (const p of markedProcesses(marker)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Polls until `done()` holds or `ms` pass; returns whether it held. */
async function waitFor(done: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(5_000, () => req.destroy());
  });
}

/** The markers of every run so far: whatever failed, `afterEach` kills what they left. */
const markers: string[] = [];

interface Run {
  readonly marker: string;
  /** The process the test launched: npm, or `script` holding the terminal npm runs in. */
  readonly child: ChildProcess;
  /** Settles when `child` exits. */
  readonly exited: Promise<void>;
  /** The workbench URL `npm start` printed. */
  readonly url: string;
  output(): string;
}

/**
 * Runs `npm start -- --port 0` and resolves once it printed its URL and the workbench answers
 * there. The child leads a process group of its own, as a job in a shell does. With `terminal`,
 * npm runs in a pseudo-terminal of its own (util-linux `script`), so that closing it hangs up
 * on npm the way closing a terminal window does.
 */
async function startNpm(terminal: boolean): Promise<Run> {
  const marker = crypto.randomUUID();
  markers.push(marker);
  const env = cleanEnv({ [markerName]: marker });
  const command = 'npm start -- --port 0';
  const child = terminal
    ? spawn('script', ['--quiet', '--flush', '--return', '--command', `exec ${command}`, '/dev/null'], { cwd: repoRoot, env, detached: true, stdio: 'pipe' })
    : spawn('npm', ['start', '--', '--port', '0'], { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  let hasExited = false;
  const exited = new Promise<void>((resolve) => {
    child.once('error', (e) => {
      output += `\n${e.message}`;
      resolve();
    });
    child.once('exit', () => resolve());
  }).then(() => {
    hasExited = true;
  });
  const url = () => /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(output)?.[0];
  const deadline = Date.now() + readyWithinMs;
  while (!url() || (await httpStatus(url() as string)) !== 200) {
    if (hasExited || Date.now() > deadline) {
      killMarked(marker);
      assert.fail(`npm start ${hasExited ? 'exited' : `did not serve the workbench within ${readyWithinMs / 1000} s`}. Its output:\n${output.slice(-3000)}`);
    }
    await sleep(250);
  }
  return { marker, child, exited, url: url() as string, output: () => output };
}

const isHarness = (p: MarkedProcess) => p.command.includes('out/test/host/start.js');

/**
 * The checks common to every way of stopping: before, the run had code-server and the harness
 * running; once it is stopped, within `graceMs`, nothing it started runs and its URL answers no
 * more. With `harnessGoneFirst`, the launched process (npm) must not exit before the harness
 * has: whoever waits for `npm start` to return (`timeout`, a script) must find it all stopped.
 */
async function stopAndCheck(run: Run, stop: () => void, { graceMs, harnessGoneFirst }: { graceMs: number; harnessGoneFirst: boolean }): Promise<void> {
  const before = markedProcesses(run.marker);
  assert.ok(
    before.some((p) => p.command.includes('code-server')) && before.some(isHarness),
    `expected code-server and the harness among the run's processes:\n${list(before)}`,
  );
  stop();
  const launcherGone = await waitFor(() => run.child.exitCode !== null || run.child.signalCode !== null, 30_000);
  assert.ok(launcherGone, `the launched process did not exit within 30 s. Output:\n${run.output().slice(-3000)}`);
  await run.exited;
  if (harnessGoneFirst) {
    const atExit = markedProcesses(run.marker);
    assert.ok(!atExit.some(isHarness), `npm exited before the harness did, which was still running:\n${list(atExit)}`);
  }
  const clean = await waitFor(() => markedProcesses(run.marker).length === 0, graceMs);
  const left = markedProcesses(run.marker);
  killMarked(run.marker);
  assert.ok(clean, `still running ${graceMs / 1000} s after the stop:\n${list(left)}\nOutput:\n${run.output().slice(-2000)}`);
  assert.strictEqual(await httpStatus(run.url), 0, `${run.url} still answers`);
}

describe('npm start stops everything it started', function () {
  this.timeout(readyWithinMs + 60_000);

  before(async function () {
    // The first use installs code-server (minutes); `npm start` would do it, but then the time
    // would count against the first test.
    this.timeout(15 * 60_000);
    installSignalHandlers((signal) => console.error(`\n[start] ${signal}: stopping the npm start runs`));
    await ensureHost();
    onCleanup('kill what the npm start runs left', async () => markers.forEach(killMarked));
  });

  afterEach(() => markers.forEach(killMarked));

  // npm waits for its script before it exits, so nothing may be left once it has: the grace only
  // covers the kernel tearing down processes that were just SIGKILLed.
  const npmWaits = { graceMs: 1_000, harnessGoneFirst: true };
  // Here npm dies at once and cannot wait for the harness, which stops code-server on its own (on
  // the terminal's SIGHUP, or when it sees its parent change, polled every 0.5 s): SIGTERM to
  // code-server's process group, SIGKILL 3 s later if anything in it is still alive.
  const npmGone = { graceMs: 10_000, harnessGoneFirst: false };

  it('SIGTERM to npm alone (what `kill` sends, and `timeout 120 npm start` first)', async () => {
    const run = await startNpm(false);
    await stopAndCheck(run, () => process.kill(run.child.pid as number, 'SIGTERM'), npmWaits);
  });

  it('Ctrl+C (SIGINT to the whole foreground job)', async () => {
    const run = await startNpm(false);
    await stopAndCheck(run, () => process.kill(-(run.child.pid as number), 'SIGINT'), npmWaits);
  });

  it('the terminal closes (SIGHUP from the hung-up terminal)', async () => {
    const run = await startNpm(true);
    // Killing `script` closes the terminal's master side: the kernel hangs up on the job in it.
    await stopAndCheck(run, () => process.kill(run.child.pid as number, 'SIGKILL'), npmGone);
  });

  it('npm dies without passing anything on (SIGKILL)', async () => {
    const run = await startNpm(false);
    await stopAndCheck(run, () => process.kill(run.child.pid as number, 'SIGKILL'), npmGone);
  });
});

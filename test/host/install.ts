/**
 * Installs the VS Code host the integration suite, the UI checks and `npm start` run in:
 * code-server (VS Code server + web workbench, from npm) on Node 24 (the `node` npm package),
 * into the git-ignored `.vscode-test/code-server/`, from the manifests and lockfiles committed in
 * `test/host/code-server/`. The project itself stays on Node 20; only this folder uses Node 24.
 *
 * A half-finished install leaves a broken tree, so the install runs in a staging folder that is
 * renamed into place only after both `npm ci` runs exit 0, and a marker file records which
 * manifests it was installed from: changing a committed lockfile triggers a fresh install.
 *
 * Run directly (`node out/test/host/install.js`) to install ahead of time.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { cleanEnv, installSignalHandlers, onCleanup, spawnGroup } from './processes';
import { hostManifestDir, vscodeTestDir } from './paths';

/** An installed host, ready to start. */
export interface Host {
  /** The Node 24 binary code-server must run on. */
  readonly node: string;
  /** code-server's entry script (`node <entry> [options] [folder]`). */
  readonly entry: string;
  readonly version: string;
}

export const hostDir = path.join(vscodeTestDir, 'code-server');
const markerFile = '.paper-lens-installed';
const manifestFiles = ['package.json', 'package-lock.json', 'node/package.json', 'node/package-lock.json'];

/** What Debian must provide: the browser, and the Kerberos headers code-server's native `kerberos` module compiles against. */
const systemRequirements: readonly { path: string; what: string }[] = [
  { path: '/usr/bin/chromium', what: 'the browser the tests drive (Debian package chromium)' },
  { path: '/usr/include/gssapi/gssapi.h', what: "the Kerberos headers code-server's postinstall compiles against (Debian package libkrb5-dev)" },
];

export class HostSetupError extends Error {}

/** The command that installs what `checkSystemPackages` looks for. */
export function aptCommand(): string {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return `${root ? '' : 'sudo '}apt-get install -y chromium libkrb5-dev`;
}

/** Throws a `HostSetupError` naming the missing files and the command that installs them. */
export function checkSystemPackages(): void {
  const missing = systemRequirements.filter((r) => !fs.existsSync(r.path));
  if (missing.length === 0) return;
  const lines = missing.map((r) => `  missing ${r.path}: ${r.what}`);
  throw new HostSetupError(
    ['The VS Code test host needs system packages that are not installed:', ...lines, '', 'Install them with:', '', `  ${aptCommand()}`, ''].join('\n'),
  );
}

function manifestHash(): string {
  const hash = crypto.createHash('sha256');
  for (const file of manifestFiles) {
    hash.update(file).update('\0').update(fs.readFileSync(path.join(hostManifestDir, file))).update('\0');
  }
  return hash.digest('hex');
}

function hostIn(dir: string): Host {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'code-server', 'package.json'), 'utf8')) as { version: string };
  return {
    node: path.join(dir, 'node', 'node_modules', '.bin', 'node'),
    entry: path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    version: pkg.version,
  };
}

/** The installed host if it is complete and installed from the current manifests. */
export function installedHost(): Host | undefined {
  try {
    if (fs.readFileSync(path.join(hostDir, markerFile), 'utf8').trim() !== manifestHash()) return undefined;
    const host = hostIn(hostDir);
    return fs.existsSync(host.node) && fs.existsSync(host.entry) ? host : undefined;
  } catch {
    return undefined;
  }
}

function formatElapsed(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * Runs `npm ci` in `cwd`, its output going to `logFile`. Prints a progress line every 15 s with the
 * latest line of output, and on failure the last lines of the log.
 */
async function npmCi(cwd: string, label: string, logFile: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
  const log = fs.openSync(logFile, 'a');
  const env = cleanEnv(extraEnv);
  // --foreground-scripts puts the native builds' output in the log, so a failure says why.
  const args = ['ci', '--no-audit', '--no-fund', '--foreground-scripts', '--loglevel=warn'];
  fs.writeSync(log, `\n$ (cd ${cwd} && npm ${args.join(' ')})\n`);
  const started = Date.now();
  const group = spawnGroup(`npm ci (${label})`, 'npm', args, { cwd, env, stdio: ['ignore', log, log] });
  const child = group.child;
  const timer = setInterval(() => {
    console.log(`[host] ${label}: ${formatElapsed(Date.now() - started)} ... ${lastLine(logFile)}`);
  }, 15_000);
  try {
    const code = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (c, signal) => resolve(c ?? (signal ? 128 : 1)));
    });
    if (code !== 0) {
      const tail = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-40).join('\n');
      throw new HostSetupError(`${label} failed (npm ci exited ${code}). Last lines of ${logFile}:\n${tail}`);
    }
    console.log(`[host] ${label}: done in ${formatElapsed(Date.now() - started)}`);
  } finally {
    clearInterval(timer);
    fs.closeSync(log);
    await group.stop(0);
  }
}

/**
 * The environment that makes `npm` and the native builds in code-server's postinstall run on, and
 * compile against, the Node 24 installed in `nodeDir`: its bin first on PATH, and node-gyp pointed
 * at the headers the `node` package ships (Debian's npm config sets `nodedir=/usr`, the system
 * Node 20's headers).
 */
function node24Env(nodeDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: `${path.join(nodeDir, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}` };
  const packages = path.join(nodeDir, 'node_modules', 'node', 'node_modules');
  const dist = fs.existsSync(packages) ? fs.readdirSync(packages).find((d) => fs.existsSync(path.join(packages, d, 'include', 'node', 'common.gypi'))) : undefined;
  if (dist) env.npm_config_nodedir = path.join(packages, dist);
  return env;
}

/** The latest line of `file` that says where the install is (a package's script, a compile step). */
function lastLine(file: string): string {
  try {
    const fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.alloc(Math.min(size, 16_384));
    fs.readSync(fd, buf, 0, buf.length, size - buf.length);
    fs.closeSync(fd);
    const lines = buf.toString('utf8').split('\n').map((l) => l.trim());
    const progress = lines.reverse().find((l) => /^(> \S|(CXX|CC|AR|SOLINK_MODULE|LINK|COPY)\(|added \d)/.test(l));
    return (progress ?? '').slice(0, 120);
  } catch {
    return '';
  }
}

/**
 * Returns the installed host, installing it first if needed (about 1.5 min with a warm npm cache,
 * 5-6 min on a cold one on 2 cores). Throws a `HostSetupError` with instructions when the machine
 * lacks system packages or the install fails.
 */
export async function ensureHost(): Promise<Host> {
  checkSystemPackages();
  const ready = installedHost();
  if (ready) return ready;

  fs.mkdirSync(vscodeTestDir, { recursive: true });
  const staging = `${hostDir}.staging-${process.pid}`;
  const logFile = path.join(vscodeTestDir, 'code-server-install.log');
  fs.rmSync(staging, { recursive: true, force: true });
  fs.writeFileSync(logFile, '');
  const unregister = onCleanup('remove the unfinished host install', async () => fs.rmSync(staging, { recursive: true, force: true }));

  const started = Date.now();
  console.log(`[host] Installing the VS Code test host (code-server + Node 24) into ${path.relative(process.cwd(), hostDir) || hostDir}`);
  console.log('[host] This happens once; it takes 1-6 minutes. Full log: ' + logFile);
  for (const file of manifestFiles) {
    fs.mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
    fs.copyFileSync(path.join(hostManifestDir, file), path.join(staging, file));
  }
  try {
    await npmCi(path.join(staging, 'node'), 'Node 24', logFile);
    // With Node 24 first on PATH, `npm` itself and the native builds in code-server's
    // postinstall run on Node 24, so the compiled modules match the Node that runs them.
    await npmCi(staging, 'code-server', logFile, node24Env(path.join(staging, 'node')));
    fs.writeFileSync(path.join(staging, markerFile), manifestHash() + '\n');
    if (installedHost()) {
      // Someone else finished first; theirs is as good as ours.
      fs.rmSync(staging, { recursive: true, force: true });
    } else {
      fs.rmSync(hostDir, { recursive: true, force: true });
      fs.renameSync(staging, hostDir);
    }
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  } finally {
    unregister();
  }
  const host = installedHost();
  if (!host) throw new HostSetupError(`The host install finished but ${hostDir} is incomplete; delete it and run again.`);
  console.log(`[host] code-server ${host.version} ready after ${formatElapsed(Date.now() - started)}`);
  return host;
}

/** Prints a `HostSetupError` without a stack (it already says what to do), anything else with one. */
export function reportError(e: unknown): void {
  if (e instanceof HostSetupError) console.error(`\n${e.message}`);
  else console.error(e);
}

if (require.main === module) {
  installSignalHandlers();
  ensureHost().then(
    (host) => console.log(`[host] code-server ${host.version} is installed in ${hostDir}`),
    (e) => {
      reportError(e);
      process.exitCode = 1;
    },
  );
}

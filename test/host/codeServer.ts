/**
 * Starts code-server the way the harness needs it: loopback only, no auth, throwaway state in a
 * temporary folder, and this repository's extension loaded one of two ways (see `ExtensionMode`).
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { Host } from './install';
import { cleanEnv, onCleanup, sleep, spawnGroup } from './processes';

/**
 * - `development`: as a development extension, through the URL's payload (like F5 in desktop VS
 *   Code: read from disk again on every window reload, title "[Extension Development Host]").
 *   Needs the smoke-test driver, without which a built workbench ignores the payload; the only
 *   mode that can run a test suite (`extensionTestsPath`).
 * - `installed`: symlinked into the throwaway extensions folder, as if installed: a normal
 *   window at a plain URL, the way users see it.
 */
export type ExtensionMode = 'development' | 'installed';

export interface ServerOptions {
  /** The folder the window opens. */
  readonly workspace: string;
  /** The extension's folder (with `package.json` and the built `dist/`). */
  readonly extensionPath: string;
  readonly mode: ExtensionMode;
  /** `development` only: a compiled module exporting `run()`, which the window runs, reporting through `codeAutomationExit`. */
  readonly extensionTestsPath?: string;
  /**
   * The port to try first; when it is taken, any free one. Default: any free one. code-server
   * binds port 0 and the harness reads back the port it got, so that runs started at the same
   * time (parallel test tiers, two `npm start`s) never race for a port found free a moment before.
   */
  readonly port?: number;
  /** Called with each line code-server prints; by default the lines only go to the log file. */
  readonly onOutput?: (line: string) => void;
  /** Extra environment for code-server and so for the extension host. */
  readonly env?: NodeJS.ProcessEnv;
  /** Extra user settings, over the quiet defaults below. */
  readonly settings?: Record<string, unknown>;
  /**
   * A `.vsix` installed into the throwaway extensions folder before start, as a user installs
   * one (`code-server --install-extension`).
   */
  readonly vsix?: string;
  /**
   * Workspace Trust as a user has it: on, with the folder not yet trusted (it is in no trusted
   * list of the throwaway user data), so the window opens in restricted mode. Default: off
   * (`--disable-workspace-trust`), every folder trusted.
   */
  readonly workspaceTrust?: boolean;
}

export interface Server {
  readonly port: number;
  /** Open this in a browser: the workspace, the development extension, and the tests if any. */
  readonly url: string;
  readonly userDataDir: string;
  /** Everything code-server printed. */
  readonly logFile: string;
  /** Settles when code-server exits, with a message saying how. */
  readonly exited: Promise<string>;
  /** The extension host logs VS Code wrote so far. */
  extensionHostLogs(): string[];
  /** Stops code-server and everything it started, and removes the temporary folder. */
  stop(): Promise<void>;
}

/** Settings for a quiet, predictable window: no welcome page, tips, update checks or AI panels. */
const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

/** What code-server prints once it listens; the port is the one it bound, even when it was asked for port 0. */
const listeningLine = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)\//;

/** How many times a taken preferred port (code-server's EADDRINUSE) is given up for another. */
const portAttempts = 3;

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2_000, () => req.destroy());
  });
}

/** The last `lines` lines of a log file ('' if it cannot be read). */
export function lastLines(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** The workbench URL; in `development` mode extension paths are `vscode-remote` URIs on the server's own authority. */
export function workbenchUrl(port: number, options: Pick<ServerOptions, 'workspace' | 'extensionPath' | 'mode' | 'extensionTestsPath'>): string {
  const authority = `127.0.0.1:${port}`;
  const query = new URLSearchParams({ folder: path.resolve(options.workspace) });
  if (options.mode === 'development') {
    const remote = (p: string) => `vscode-remote://${authority}${path.resolve(p).split(path.sep).map(encodeURIComponent).join('/')}`;
    const payload: [string, string][] = [['extensionDevelopmentPath', remote(options.extensionPath)]];
    if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
    payload.push(['skipWelcome', 'true']);
    query.set('payload', JSON.stringify(payload));
  }
  return `http://${authority}/?${query.toString()}`;
}

/** Makes `extensionPath` an installed extension of `extensionsDir`, under the folder name VS Code gives installed ones. */
function installBySymlink(extensionPath: string, extensionsDir: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.symlinkSync(path.resolve(extensionPath), path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
}

export async function startCodeServer(host: Host, options: ServerOptions): Promise<Server> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-host-'));
  onCleanup(`remove ${tmp}`, async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const userDataDir = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const trust = options.workspaceTrust ? { 'security.workspace.trust.enabled': true } : {};
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...userSettings, ...trust, ...options.settings }, null, 2));
  const logFile = path.join(tmp, 'code-server.log');
  const extensionsDir = path.join(tmp, 'extensions');
  if (options.extensionTestsPath && options.mode !== 'development') throw new Error('extensionTestsPath needs mode "development"');
  if (options.mode === 'installed') installBySymlink(options.extensionPath, extensionsDir);

  // code-server keeps its own state (last opened folder, heartbeat) under XDG_DATA_HOME.
  // PAPER_LENS_SKIP_BUILTIN_EXTENSIONS (comma-separated ids, e.g. vscode.markdown-language-features):
  // built-in extensions the server leaves out, to measure what they cost (VS Code's own
  // VSCODE_SKIP_BUILTIN_EXTENSIONS, which the environment's VSCODE_ variables are not passed on as).
  const skip = process.env.PAPER_LENS_SKIP_BUILTIN_EXTENSIONS ? { VSCODE_SKIP_BUILTIN_EXTENSIONS: process.env.PAPER_LENS_SKIP_BUILTIN_EXTENSIONS } : {};
  const env = cleanEnv({ XDG_DATA_HOME: path.join(tmp, 'data'), XDG_CONFIG_HOME: path.join(tmp, 'config'), ...skip, ...options.env });
  const log = fs.createWriteStream(logFile);
  if (options.vsix) await installVsix(host, options.vsix, { userDataDir, extensionsDir, env, logFile });
  const argsFor = (port: number) => [
    host.entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--config', path.join(tmp, 'config.yaml'),
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...(options.mode === 'development' ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    path.resolve(options.workspace),
  ];

  /** Starts code-server on `requested` (0: any free port) and waits until it answers on /healthz. */
  const launch = async (requested: number) => {
    const group = spawnGroup('code-server', host.node, argsFor(requested), { cwd: tmp, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const child = group.child;
    let bound: number | undefined;
    let addressInUse = false;
    let partial = '';
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        bound ??= Number(listeningLine.exec(line)?.[1]) || undefined;
        addressInUse ||= line.includes('EADDRINUSE');
        options.onOutput?.(line);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);

    const exited = new Promise<string>((resolve) => {
      child.once('error', (e) => resolve(`code-server could not be started: ${e.message}`));
      child.once('exit', (code, signal) => resolve(`code-server exited (${signal ?? `code ${code}`})`));
    });
    let hasExited = false;
    void exited.then(() => (hasExited = true));

    const deadline = Date.now() + 60_000;
    while (bound === undefined || (await get(`http://127.0.0.1:${bound}/healthz`)) !== 200) {
      if (hasExited || Date.now() > deadline) {
        const why = hasExited ? await exited : `code-server did not ${bound === undefined ? 'say which port it listens on' : `answer on 127.0.0.1:${bound}/healthz`} within 60 s`;
        await group.stop();
        return { failure: `${why}. Its last output:\n${lastLines(logFile, 30)}`, addressInUse };
      }
      await sleep(200);
    }
    return { group, port: bound, exited };
  };

  let started = await launch(options.port ?? 0);
  for (let attempt = 1; 'failure' in started && started.addressInUse && attempt < portAttempts; attempt++) started = await launch(0);
  if ('failure' in started) {
    log.end();
    throw new Error(started.failure);
  }
  const { group, port, exited } = started;

  return {
    port,
    url: workbenchUrl(port, options),
    userDataDir,
    logFile,
    exited,
    extensionHostLogs: () => findFiles(path.join(userDataDir, 'logs'), (f) => /exthost/i.test(f) && f.endsWith('.log')),
    stop: async () => {
      await group.stop();
      log.end();
    },
  };
}

/** Runs `code-server --install-extension FILE.vsix` into `extensionsDir`; throws with its output when it fails. */
async function installVsix(host: Host, vsix: string, where: { userDataDir: string; extensionsDir: string; env: NodeJS.ProcessEnv; logFile: string }): Promise<void> {
  const args = [host.entry, '--user-data-dir', where.userDataDir, '--extensions-dir', where.extensionsDir, '--install-extension', path.resolve(vsix)];
  const group = spawnGroup('code-server --install-extension', host.node, args, { cwd: path.dirname(where.userDataDir), env: where.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  group.child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  group.child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => {
    group.child.once('error', () => resolve(null));
    group.child.once('exit', (c) => resolve(c));
  });
  await group.stop();
  fs.appendFileSync(where.logFile, `$ code-server --install-extension ${vsix}\n${output}\n`);
  if (code !== 0) throw new Error(`code-server --install-extension ${vsix} failed (exit code ${code}):\n${output.trim()}`);
}

function findFiles(dir: string, keep: (file: string) => boolean): string[] {
  try {
    return fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .map((f) => path.join(dir, f))
      .filter((f) => keep(f) && fs.statSync(f).isFile());
  } catch {
    return [];
  }
}

/**
 * Every process the harness starts runs in its own process group and is registered here, so that
 * one call stops all of them: after a run, on failure, on timeout, and on SIGINT/SIGTERM/SIGHUP.
 * Killing the group (`kill(-pid)`) also reaches what code-server forks (extension host, pty host,
 * file watcher), which a plain `child.kill()` would leave running.
 */
import { ChildProcess, spawn, SpawnOptions } from 'child_process';

type Cleanup = () => Promise<void>;

const cleanups = new Map<number, { name: string; run: Cleanup }>();
const groups = new Set<number>();
let nextId = 0;

/** Registers an async cleanup; returns a function that unregisters it. */
export function onCleanup(name: string, run: Cleanup): () => void {
  const id = nextId++;
  cleanups.set(id, { name, run });
  return () => cleanups.delete(id);
}

let cleaning: Promise<void> | undefined;

/**
 * Runs every registered cleanup, newest first, each bounded to `perStepMs`. A call while a
 * cleanup is under way (a signal arrived while the run was finishing) waits for that one.
 */
export function cleanupAll(perStepMs = 10_000): Promise<void> {
  cleaning ??= runCleanups(perStepMs).finally(() => (cleaning = undefined));
  return cleaning;
}

async function runCleanups(perStepMs: number): Promise<void> {
  const pending = [...cleanups.values()].reverse();
  cleanups.clear();
  for (const { name, run } of pending) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        console.error(`[host] cleanup "${name}" took over ${perStepMs} ms; moving on`);
        resolve();
      }, perStepMs);
    });
    try {
      await Promise.race([run(), timeout]);
    } catch (e) {
      console.error(`[host] cleanup "${name}" failed: ${(e as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }
  killGroupsNow();
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Last resort, synchronous: SIGKILL every group still registered (used from `process.on('exit')`). */
function killGroupsNow(): void {
  for (const pid of groups) killGroup(pid, 'SIGKILL');
  groups.clear();
}

/** Stops a process group: SIGTERM, then SIGKILL after `graceMs` if anything in it is still alive. */
export async function stopGroup(pid: number, graceMs = 3_000): Promise<void> {
  killGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
  killGroup(pid, 'SIGKILL');
  groups.delete(pid);
}

/** A started process group: its leader, and how to stop the whole group. */
export interface Group {
  readonly child: ChildProcess;
  /** Stops the group (SIGTERM, SIGKILL after `graceMs`) and forgets it. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Spawns `command` as the leader of a new process group, registered for cleanup. The caller
 * decides what to do with its output (`stdio` in `options`).
 */
export function spawnGroup(name: string, command: string, args: readonly string[], options: SpawnOptions): Group {
  const child = spawn(command, args, { ...options, detached: true });
  const pid = child.pid;
  if (pid === undefined) {
    // spawn failed (e.g. ENOENT); the child's 'error' event carries the reason.
    return { child, stop: async () => undefined };
  }
  groups.add(pid);
  const unregister = onCleanup(name, () => stopGroup(pid));
  return {
    child,
    stop: async (graceMs?: number) => {
      unregister();
      await stopGroup(pid, graceMs);
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

let handlersInstalled = false;
let receivedSignal: NodeJS.Signals | undefined;
const signalNumbers: Record<'SIGHUP' | 'SIGINT' | 'SIGTERM', number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** How often the parent watch looks at `process.ppid`. */
const parentPollMs = 500;

/** The signal that is stopping this process, if any: a run that fails because of it should say nothing more. */
export function stoppingSignal(): NodeJS.Signals | undefined {
  return receivedSignal;
}

/** The exit code for a process stopped by `signal` (the shell's 128 + signal number). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (signalNumbers[signal as keyof typeof signalNumbers] ?? 0);
}

/**
 * On SIGINT/SIGTERM/SIGHUP, and when the parent process exits: run every cleanup, then exit with
 * `exitCode` (default: 128 + the signal's number, the shell's convention for a process stopped by
 * a signal). On any exit: SIGKILL the process groups that are left.
 *
 * The parent watch is there because a signal does not always reach this process. `npm run x`
 * runs the script through `sh -c`; npm forwards SIGINT and SIGTERM to that shell only, and a
 * shell waiting in an `a && b && node ...` chain dies of SIGTERM without passing it on. A parent
 * that is killed outright (SIGKILL, or SIGHUP sent to npm alone) tells nobody either. In both
 * cases this process is handed to another parent, which changes `process.ppid`: the watch counts
 * that as SIGHUP (the parent hung up). Node has no `prctl(PR_SET_PDEATHSIG)`, hence the poll.
 */
export function installSignalHandlers(onSignal?: (signal: NodeJS.Signals) => void, exitCode?: number): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const stop = (signal: NodeJS.Signals) => {
    if (receivedSignal) return;
    receivedSignal = signal;
    onSignal?.(signal);
    void cleanupAll().finally(() => process.exit(exitCode ?? signalExitCode(signal)));
  };
  for (const signal of Object.keys(signalNumbers) as NodeJS.Signals[]) process.on(signal, () => stop(signal));
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop('SIGHUP');
  }, parentPollMs).unref();
  // After a terminal closes, writing to it fails (EIO; EPIPE for a closed pipe). That must not
  // end the process with an uncaught error before the cleanup has run.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  process.on('exit', killGroupsNow);
}

/**
 * What `npm run` adds to a script's environment to describe the running script and the project
 * it belongs to. A nested `npm ci` in another folder must not inherit these (prefix, node-gyp
 * and Node paths of the outer run), while the user's own `npm_config_*` (cache, registry, proxy)
 * still apply.
 */
const npmRunVariables = /^(npm_(lifecycle|package)_|npm_(command|execpath|node_execpath)$|npm_config_(local_prefix|global_prefix|prefix|call|user_agent|npm_version|node_gyp|nodedir)$|INIT_CWD$|NODE$)/i;

/**
 * The environment for a child that must not take part in the parent's npm run or VS Code session:
 * npm's run variables (see above), and `VSCODE_*`/`ELECTRON_*` (with `VSCODE_IPC_HOOK_CLI` set,
 * code-server would hand its arguments to the VS Code the command was typed in instead of starting).
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (npmRunVariables.test(key) || /^(VSCODE_|ELECTRON_)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

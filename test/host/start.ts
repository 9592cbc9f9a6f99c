/**
 * `npm start`: Paper Lens in a real VS Code in the browser, on the bundled samples/ workspace.
 * Installs the host on first use, starts code-server on 127.0.0.1 (loopback only, no password)
 * with the repository as a development extension, and prints the URL; it opens no browser
 * itself. The npm script builds the extension first.
 *
 * It stops code-server and everything code-server started however it is stopped: Ctrl+C,
 * SIGTERM to npm (`timeout 120 npm start`, `kill`), SIGHUP (the terminal closed), or npm itself
 * dying. The npm script `exec`s this file, so npm's shell is replaced by it and the SIGINT and
 * SIGTERM that npm forwards to its script arrive here; for the rest, see
 * `installSignalHandlers`. test/start/ checks each of these ways.
 *
 * Options: `--port N` (default 8080, or any free port when it is taken; 0: any free port; also PORT).
 */
import * as path from 'path';
import { lastLines, startCodeServer } from './codeServer';
import { checkSystemPackages, ensureHost, reportError } from './install';
import { extensionPath, repoRoot, requireBuilt, samplesDir } from './paths';
import { cleanupAll, installSignalHandlers, stoppingSignal } from './processes';

function requestedPort(): number {
  const i = process.argv.indexOf('--port');
  const value = i >= 0 ? process.argv[i + 1] : process.env.PORT;
  const port = Number(value ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${value}: expected a port number (1-65535, or 0 for any free port)`);
  return port;
}

async function main(): Promise<number> {
  // Being stopped (Ctrl+C, a signal, the terminal closing) is how this command ends, so it exits 0.
  installSignalHandlers(() => console.log('\nStopping code-server...'), 0);
  checkSystemPackages();
  requireBuilt(path.join(extensionPath, 'dist', 'extension.js'), 'npm run build');
  const port = requestedPort();
  const host = await ensureHost();
  console.log(`Starting VS Code (code-server ${host.version}) ...`);
  const server = await startCodeServer(host, { workspace: samplesDir, extensionPath, mode: 'development', port });
  const moved = port !== 0 && server.port !== port ? ` (port ${port} was taken)` : '';
  console.log(
    [
      '',
      `Paper Lens is running in VS Code on the ${path.relative(repoRoot, samplesDir)}/ workspace${moved}. Open:`,
      '',
      `  ${server.url}`,
      '',
      'It listens on 127.0.0.1 only, with no password; from another machine, forward the port (ssh -L).',
      'After a rebuild (`npm run build`, or `npm run watch` in another terminal), run "Developer: Reload Window".',
      `code-server's log: ${server.logFile}`,
      '',
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
  const why = await server.exited;
  if (stoppingSignal()) return 0;
  console.error(`${why}. Its last output:\n${lastLines(server.logFile, 30)}`);
  return 1;
}

main()
  .catch((e: unknown) => {
    reportError(e);
    return 1;
  })
  .then(async (code) => {
    await cleanupAll();
    process.exit(code);
  });

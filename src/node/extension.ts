/**
 * The Node entry point (`main`: desktop VS Code and VS Code servers): the seeds are read from
 * the extension's `seeds/` folder, libraries are parsed in a worker thread
 * (`dist/libraryWorker.js`) with each file's parse cached by content in the extension's global
 * storage, and `~` in library paths is the user's home folder.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { backgroundProblem, loadBundledCorpus, loadSeeds } from '../core/bundled';
import { activateWith, type PaperLensTestApi } from '../extension';
import type { Platform } from '../services/platform';
import { LibraryWorkerClient } from '../worker/client';

export function nodePlatform(context: vscode.ExtensionContext): Platform {
  const root = context.extensionPath;
  const storage = context.globalStorageUri;
  return {
    kind: 'node',
    bundledCorpus: () => loadBundledCorpus(root),
    seeds: () => ({ ...loadSeeds(root), backgroundProblem: backgroundProblem(root) }),
    libraryLoader: () =>
      new LibraryWorkerClient(
        path.join(root, 'dist', 'libraryWorker.js'),
        {
          root,
          cacheDir: storage.scheme === 'file' ? path.join(storage.fsPath, 'library-cache') : undefined,
          version: String(context.extension.packageJSON.version ?? ''),
        },
      ),
    home: os.homedir(),
  };
}

export function activate(context: vscode.ExtensionContext): PaperLensTestApi {
  return activateWith(context, nodePlatform(context));
}

export { deactivate } from '../extension';

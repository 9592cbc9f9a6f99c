/**
 * Which library files the window reads: the paths of `paperLens.libraries` (files or globs,
 * absolute or relative to each workspace folder) and, unless `paperLens.discoverLibraries` is
 * off, the `.bib` files the workspace's LaTeX and markdown files name. The parsing of paths and
 * of `\bibliography{...}` is the core's (`core/library/discovery.ts`); this turns it into URIs.
 *
 * Workspace Trust: in an untrusted workspace only the user's own setting is read (see
 * `readLibraryPaths`) and nothing is discovered, since a file a workspace names could be any
 * file on the machine.
 */
import * as vscode from 'vscode';
import { bibliographiesOfMarkdown, bibliographiesOfTex, bibliographiesOfYaml, expandHome, folderCandidates, isAbsolutePath, isGlob, splitGlob } from '../core/library/discovery';
import { readLibraryPaths } from './settings';

export interface LibraryLocation {
  readonly uri: vscode.Uri;
  /** How the file is named in problems, sources and the log: its path. */
  readonly name: string;
  /** Where it came from: a setting's item, or a LaTeX or markdown file of the workspace. */
  readonly origin: 'setting' | 'discovered';
}

export interface ResolvedLibraries {
  /** Unique, in order: settings first (each folder's in folder order), then discovered files. */
  readonly files: readonly LibraryLocation[];
  /** The globs of the settings, to watch for files appearing and disappearing. */
  readonly globs: readonly vscode.RelativePattern[];
  /** Paths that could not be used (a relative path with no folder open), for the log. */
  readonly skipped: readonly string[];
}

/** Most LaTeX and markdown files read to discover libraries: a huge workspace is not read whole. */
const DISCOVERY_FILE_LIMIT = 2000;
/** Bigger LaTeX or markdown files are not read for discovery (front matter and preambles are small). */
const DISCOVERY_BYTE_LIMIT = 2_000_000;
const TEX_GLOB = '**/*.tex';
const MARKDOWN_GLOB = '**/*.{md,markdown,qmd,rmd,Rmd}';
/** Quarto's project and folder metadata, whose `bibliography:` applies to the documents under it. */
const QUARTO_GLOB = '**/{_quarto,_metadata}.{yml,yaml}';
/**
 * Installed packages' READMEs and build output are not the user's writing. (Given an exclude,
 * `findFiles` no longer applies `files.exclude`; these are the folders that matter here.)
 */
const DISCOVERY_EXCLUDE = '**/{node_modules,.git,.venv,venv,site-packages,dist,build,out}/**';

export function libraryName(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

/**
 * The file a paper's source names, the inverse of `libraryName`: a URI as it is, an absolute
 * path as a file, and anything else (the bundled listing, `seeds/...`) relative to `base`.
 */
export function sourceUri(file: string, base: vscode.Uri): vscode.Uri {
  if (/^[a-z][\w+.-]*:\/\//i.test(file)) return vscode.Uri.parse(file);
  return /^(?:\/|[A-Za-z]:[\\/])/.test(file) ? vscode.Uri.file(file) : vscode.Uri.joinPath(base, file);
}

/** `home` is the user's home folder for `~` (undefined on the web: a `~` path is then read as written). */
export async function resolveLibraries(options: { trusted: boolean; discover: boolean; home?: string }): Promise<ResolvedLibraries> {
  const files = new Map<string, LibraryLocation>();
  const globs: vscode.RelativePattern[] = [];
  const skipped: string[] = [];
  const add = (uri: vscode.Uri, origin: LibraryLocation['origin']) => {
    const key = uri.toString();
    if (!files.has(key)) files.set(key, { uri, name: libraryName(uri), origin });
  };

  const folders = vscode.workspace.workspaceFolders ?? [];
  // A relative path is read in each folder; with no folder open, only absolute paths mean anything.
  const scopes: (vscode.WorkspaceFolder | undefined)[] = folders.length ? [...folders] : [undefined];
  for (const folder of scopes) {
    for (const written of readLibraryPaths(folder?.uri, options.trusted)) {
      const path = options.home === undefined ? written : expandHome(written, options.home);
      let target: vscode.Uri;
      if (isAbsolutePath(path)) target = vscode.Uri.file(path);
      else if (folder) target = vscode.Uri.joinPath(folder.uri, path);
      else {
        skipped.push(written);
        continue;
      }
      if (!isGlob(path)) {
        add(target, 'setting');
        continue;
      }
      const { base, pattern } = splitGlob(isAbsolutePath(path) ? target.fsPath : path);
      const baseUri = isAbsolutePath(path) ? vscode.Uri.file(base) : folder ? vscode.Uri.joinPath(folder.uri, base) : undefined;
      if (!baseUri) continue;
      const glob = new vscode.RelativePattern(baseUri, pattern);
      if (!globs.some((g) => g.baseUri.toString() === baseUri.toString() && g.pattern === pattern)) globs.push(glob);
      const found = await vscode.workspace.findFiles(glob);
      for (const uri of found.sort((a, b) => a.toString().localeCompare(b.toString()))) add(uri, 'setting');
    }
  }

  if (options.trusted && options.discover && folders.length) {
    for (const uri of await discover(options.home)) add(uri, 'discovered');
  }
  return { files: [...files.values()], globs, skipped };
}

/**
 * The library files the workspace's LaTeX and markdown files name, resolved against the folder
 * of the file that names them, else the nearest folder above it, up to its workspace folder,
 * that holds the file (`folderCandidates`: a preamble in `sections/` names the root's `refs.bib`).
 * Only files that exist are returned: a `\bibliography{refs}` with no `refs.bib` is LaTeX's
 * problem to report, not a library problem.
 */
async function discover(home: string | undefined): Promise<vscode.Uri[]> {
  const [tex, markdown, quarto] = await Promise.all([
    vscode.workspace.findFiles(TEX_GLOB, DISCOVERY_EXCLUDE, DISCOVERY_FILE_LIMIT),
    vscode.workspace.findFiles(MARKDOWN_GLOB, DISCOVERY_EXCLUDE, DISCOVERY_FILE_LIMIT),
    vscode.workspace.findFiles(QUARTO_GLOB, DISCOVERY_EXCLUDE, DISCOVERY_FILE_LIMIT),
  ]);
  // Each name with where it may be, nearest first (see `folderCandidates`), by its first place.
  const named = new Map<string, vscode.Uri[]>();
  const read = async (uri: vscode.Uri, names: (text: string) => string[]) => {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > DISCOVERY_BYTE_LIMIT) return;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const dir = vscode.Uri.joinPath(uri, '..');
      const root = vscode.workspace.getWorkspaceFolder(uri)?.uri.path ?? dir.path;
      for (const name of names(text)) {
        const path = home === undefined ? name : expandHome(name, home);
        const places = isAbsolutePath(path) ? [vscode.Uri.file(path)] : folderCandidates(dir.path, root).map((folder) => vscode.Uri.joinPath(dir.with({ path: folder }), path));
        if (!named.has(places[0].toString())) named.set(places[0].toString(), places);
      }
    } catch {
      // A file that vanished or cannot be read names no library.
    }
  };
  await Promise.all([
    ...tex.map((uri) => read(uri, bibliographiesOfTex)),
    ...markdown.map((uri) => read(uri, bibliographiesOfMarkdown)),
    ...quarto.map((uri) => read(uri, bibliographiesOfYaml)),
  ]);
  const existing = new Map<string, vscode.Uri>();
  for (const places of named.values()) {
    for (const uri of places) {
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (!(stat.type & vscode.FileType.File)) continue;
        existing.set(uri.toString(), uri);
        break;
      } catch {
        // Not there: the next folder up.
      }
    }
  }
  return [...existing.values()].sort((a, b) => a.toString().localeCompare(b.toString()));
}

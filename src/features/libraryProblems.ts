/**
 * Library problems in the Problems panel: each problem of a library load (a malformed entry, an
 * unreadable file, a key naming two papers) becomes a diagnostic at its line of its file, and a
 * line in the log. A reload replaces every diagnostic, so a fixed entry's problem goes away.
 */
import * as vscode from 'vscode';
import type { SourceProblem } from '../core/sources';
import type { LibraryLoad, LibraryService } from '../services/libraries';
import { Messages } from '../services/messages';
import type { Log } from '../services/output';

export function registerLibraryProblems(libraries: LibraryService, log: Log): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('paperLens');
  const listener = libraries.onDidLoad((load) => show(collection, log, load));
  return vscode.Disposable.from(listener, collection);
}

function show(collection: vscode.DiagnosticCollection, log: Log, load: LibraryLoad): void {
  const uris = new Map(load.files.map((f) => [f.name, f.uri]));
  const reread = new Set(load.reread);
  const byFile = new Map<vscode.Uri, vscode.Diagnostic[]>();
  for (const problem of load.problems) {
    // The log gets the problems of the files read anew; the others were logged when they were.
    if (reread.has(problem.file) || !uris.has(problem.file)) log.warn(`${problem.file}:${problem.line}: ${problem.message}`);
    const uri = uris.get(problem.file);
    if (!uri) continue;
    const list = byFile.get(uri) ?? [];
    list.push(diagnosticOf(problem));
    byFile.set(uri, list);
  }
  collection.clear();
  for (const [uri, diagnostics] of byFile) collection.set(uri, diagnostics);
  const fresh = load.problems.filter((p) => reread.has(p.file));
  if (fresh.length) log.info(Messages.libraryProblems(fresh.length, new Set(fresh.map((p) => p.file)).size));
}

function diagnosticOf(problem: SourceProblem): vscode.Diagnostic {
  const line = Math.max(0, problem.line - 1);
  // The whole line: the readers report a line, not a column; VS Code clips the range to the line.
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER),
    problem.message,
    problem.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error,
  );
  diagnostic.source = Messages.libraryProblemSource;
  return diagnostic;
}

/**
 * A library load under way, in the status bar: once a load has run for `LOADING_NOTICE_MS` (the
 * first load of a large library, about 12 s at 50,000 entries on a 2-core machine), the window's
 * progress indicator names the files being read until the papers are in, as LaTeX Workshop does
 * while it parses, then that it files them under topics once a large library's first stage is in
 * (see `LibraryLoading.filing`). The sidebar says so above its rows (see `TopicSidebar`).
 */
import * as vscode from 'vscode';
import type { LibraryLoadingSource } from '../services/libraries';
import { Messages } from '../services/messages';

export function registerLibraryProgress(libraries: LibraryLoadingSource): vscode.Disposable {
  /** Ends the progress shown, if any. */
  let end: (() => void) | undefined;
  const listener = libraries.onDidChangeLoading((loading) => {
    end?.();
    end = undefined;
    if (!loading) return;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: loading.filing !== undefined ? Messages.librariesFilingStatus(loading.files) : Messages.librariesLoadingStatus(loading.files) }, () => new Promise<void>((resolve) => (end = resolve)));
  });
  return {
    dispose() {
      listener.dispose();
      end?.();
    },
  };
}

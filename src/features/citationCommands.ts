/**
 * "Copy Citation": copies a citation of a paper to the clipboard.
 *
 * Arguments: `(paper?, format?)`. The format is asked for when none is given, unless the user has
 * chosen `paperLens.citation.defaultFormat`; from the sidebar's context menu it is always asked
 * (the menu item reads "Copy Citation..." and a person there is choosing deliberately).
 */
import * as vscode from 'vscode';
import { ALL_CITATION_FORMATS, type AnyCitationFormat } from '../core/citations';
import { collapseWhitespace } from '../core/text';
import type { Paper } from '../core/types';
import type { Citations } from '../services/citations';
import { CommandId } from '../services/contributionIds';
import type { CorpusSource } from '../services/lazyCorpus';
import { Messages } from '../services/messages';
import { isPaperRow, type PaperArguments } from '../services/paperArguments';
import type { SettingsSource } from '../services/settings';

/** How long the "copied" note stays in the status bar. */
const STATUS_MS = 4000;

function isFormat(value: unknown): value is AnyCitationFormat {
  return ALL_CITATION_FORMATS.includes(value as AnyCitationFormat);
}

/** Asks for a format, each shown with what it would copy; the default first. */
async function pickFormat(citations: Citations, paper: Paper, preferred: AnyCitationFormat): Promise<AnyCitationFormat | undefined> {
  const ordered = [preferred, ...ALL_CITATION_FORMATS.filter((f) => f !== preferred)];
  const items = await Promise.all(
    ordered.map(async (format) => ({
      format,
      label: Messages.formatLabel[format],
      detail: collapseWhitespace(await citations.format(paper, format)),
    })),
  );
  const chosen = await vscode.window.showQuickPick(items, {
    placeHolder: Messages.pickFormatPlaceholder(collapseWhitespace(paper.title)),
  });
  return chosen?.format;
}

export function registerCitationCommands(deps: {
  corpus: CorpusSource;
  papers: PaperArguments;
  settings: SettingsSource;
  citations: Citations;
}): vscode.Disposable {
  // One note at a time: a new copy replaces the previous note instead of stacking.
  let note: vscode.Disposable | undefined;
  return vscode.Disposable.from(
    { dispose: () => note?.dispose() },
    vscode.commands.registerCommand(CommandId.copyCitation, async (arg?: unknown, formatArg?: unknown) => {
      const paper = await deps.papers.resolve(arg);
      if (!paper) return;
      const settings = deps.settings.current;
      let format: AnyCitationFormat | undefined;
      if (isFormat(formatArg)) format = formatArg;
      else if (settings.citationFormatChosen && !isPaperRow(arg)) format = settings.citationDefaultFormat;
      else format = await pickFormat(deps.citations, paper, settings.citationDefaultFormat);
      if (!format) return;
      await vscode.env.clipboard.writeText(await deps.citations.format(paper, format));
      const name = deps.corpus.get()?.shortName(paper.id) ?? collapseWhitespace(paper.title);
      note?.dispose();
      note = vscode.window.setStatusBarMessage(Messages.citationCopied(name), STATUS_MS);
    }),
  );
}

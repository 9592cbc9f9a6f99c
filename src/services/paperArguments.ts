/**
 * The argument every paper command takes, from wherever it is run: a paper id (hover and paper
 * view links, other commands, tests), a sidebar row (context menus), or nothing (the command
 * palette: then the user is asked which paper).
 */
import * as vscode from 'vscode';
import type { Paper } from '../core/types';
import type { CorpusSource } from './lazyCorpus';
import { Messages } from './messages';
import type { PaperPicker, PickOptions } from './paperPicker';

/**
 * What a sidebar paper row hands to the commands of its context menu: the sidebar's paper nodes
 * (`features/topicTree.ts`) have this shape.
 */
export interface PaperRow {
  readonly kind: 'paper';
  readonly paper: Paper;
}

/** True when a command was run from a sidebar row's context menu (or inline action). */
export function isPaperRow(arg: unknown): arg is PaperRow {
  return typeof arg === 'object' && arg !== null && (arg as PaperRow).kind === 'paper' && typeof (arg as PaperRow).paper === 'object';
}

export class PaperArguments {
  constructor(
    private readonly corpus: CorpusSource,
    private readonly picker: PaperPicker,
  ) {}

  /**
   * The paper `arg` names; with no argument, the one the user picks. An id that names no paper
   * is reported (it can only come from a stale link or another extension) and gives undefined.
   */
  async resolve(arg: unknown, ask: PickOptions = {}): Promise<Paper | undefined> {
    if (isPaperRow(arg)) return arg.paper;
    if (typeof arg === 'string') {
      const paper = this.corpus.get()?.find(arg);
      if (!paper) void vscode.window.showWarningMessage(Messages.unknownPaper(arg));
      return paper;
    }
    return this.picker.pick({ placeholder: Messages.pickPaperPlaceholder, ...ask });
  }
}

/**
 * The argument every paper command takes, from wherever it is run: a paper id (hover and paper
 * view links, other commands, tests), a sidebar row (context menus), or nothing (the command
 * palette: then the user is asked which paper).
 */
import * as vscode from 'vscode';
import type { Paper } from '../core/types';
import type { CorpusSource } from './lazyCorpus';
import { Messages } from './messages';
import type { PaperPicker, PickOptions } from '../features/searchCommand';
import type { PaperNode } from '../features/topicTree';

/** True when a command was run from a sidebar row's context menu (or inline action). */
export function isTreeNode(arg: unknown): arg is PaperNode {
  return typeof arg === 'object' && arg !== null && (arg as PaperNode).kind === 'paper' && typeof (arg as PaperNode).paper === 'object';
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
    if (isTreeNode(arg)) return arg.paper;
    if (typeof arg === 'string') {
      const paper = this.corpus.get()?.find(arg);
      if (!paper) void vscode.window.showWarningMessage(Messages.unknownPaper(arg));
      return paper;
    }
    return this.picker.pick({ placeholder: Messages.pickPaperPlaceholder, ...ask });
  }
}

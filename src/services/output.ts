/**
 * The "Paper Lens" output channel, plus the rule that problems are told to the user once:
 * details go to the log, and at most one non-modal warning points there per session.
 */
import * as vscode from 'vscode';
import { Messages } from './messages';

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Shows one non-modal warning with a "Show Log" button; later calls only log. */
  warnOnce(message: string): void;
  show(): void;
}

export class OutputLog implements Log, vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  private warned = false;

  constructor() {
    this.channel = vscode.window.createOutputChannel(Messages.outputChannel, { log: true });
  }

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  error(message: string): void {
    this.channel.error(message);
  }

  warnOnce(message: string): void {
    this.channel.warn(message);
    if (this.warned) return;
    this.warned = true;
    // Not awaited: activation and hovers must not wait on a notification.
    void vscode.window.showWarningMessage(message, Messages.showLog).then((choice) => {
      if (choice === Messages.showLog) this.show();
    });
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

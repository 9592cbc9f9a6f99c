/**
 * The names the scanner must not link, for the document mentions and the workspace index: the
 * name–paper pairs turned off with "Not this paper" (`hiddenNames.ts`), and, when
 * `paperLens.mentions.libraryNames` is `titles`, every name of a library paper but its full title
 * (a paper the bundled corpus has keeps all its names). Both change without a reload: the
 * scanners drop what they found when `onDidChange` fires.
 */
import * as vscode from 'vscode';
import { SEEDS } from '../core/seeds';
import type { FindOptions } from '../core/mentions';
import { libraryTitlesOnly } from '../core/sources';
import { SettingKey } from './contributionIds';
import type { HiddenNamesSource } from './hiddenNames';
import type { CorpusSource } from './lazyCorpus';
import type { SettingsSource } from './settings';

/** What the scanners depend on. */
export interface SuppressedNamesSource {
  /** The names not to link now, or `undefined` when every name links. */
  suppressor(): FindOptions['suppressed'];
  readonly onDidChange: vscode.Event<void>;
}

export class SuppressedNames implements SuppressedNamesSource, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly hidden: HiddenNamesSource,
    private readonly settings: SettingsSource,
    private readonly corpus: CorpusSource,
  ) {
    this.subscriptions = [
      this.changed,
      hidden.onDidChange(() => this.changed.fire()),
      settings.onDidChange((keys) => {
        if (keys.includes(SettingKey.libraryNames)) this.changed.fire();
      }),
    ];
  }

  suppressor(): FindOptions['suppressed'] {
    const { hidden } = this;
    const corpus = this.corpus.get();
    const titlesOnly = this.settings.current.libraryNames === 'titles' && corpus ? libraryTitlesOnly((id) => corpus.get(id), SEEDS.listing) : undefined;
    if (!hidden.size && !titlesOnly) return undefined;
    return (paperId, name, kind) => (hidden.size > 0 && hidden.isHidden(paperId, name)) || !!titlesOnly?.(paperId, name, kind);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

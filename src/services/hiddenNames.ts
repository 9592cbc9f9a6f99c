/**
 * Name–paper pairs the user turned off with the hover card's "Not this paper": in this workspace
 * the name no longer links to that paper (other names of the paper, and its full title, still
 * do). Kept in the workspace's state, so the choice survives a reload and stays with the
 * workspace, since a name that means another work in one project may mean the paper in another.
 *
 * A pair matches the name in any letter case: the hover offers the name as the text wrote it
 * (`Datacomp`), the scanner asks with the name as the paper gives it (`DataComp`).
 */
import * as vscode from 'vscode';
import { foldWord } from '../core/text';
import { StateKey } from './contributionIds';

export interface HiddenName {
  readonly paperId: string;
  /** The name as it was written where the user turned it off. */
  readonly name: string;
}

/** What the scanner and the commands depend on. */
export interface HiddenNamesSource {
  /** Whether the name is turned off for the paper. */
  isHidden(paperId: string, name: string): boolean;
  readonly size: number;
  readonly onDidChange: vscode.Event<void>;
}

export class HiddenNames implements HiddenNamesSource, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private pairs: HiddenName[];
  private keys: Set<string>;

  constructor(private readonly state: vscode.Memento) {
    this.pairs = readPairs(state.get<unknown>(StateKey.hiddenNames));
    this.keys = new Set(this.pairs.map(keyOf));
  }

  get size(): number {
    return this.pairs.length;
  }

  /** Every pair, in the order they were hidden. */
  list(): readonly HiddenName[] {
    return this.pairs;
  }

  isHidden(paperId: string, name: string): boolean {
    return this.keys.has(keyOf({ paperId, name }));
  }

  /** Turns a name off for a paper; false when it already was. */
  async hide(pair: HiddenName): Promise<boolean> {
    if (this.keys.has(keyOf(pair))) return false;
    await this.store([...this.pairs, { paperId: pair.paperId, name: pair.name }]);
    return true;
  }

  /** Links the given pairs again (any letter case of the name). */
  async restore(pairs: readonly HiddenName[]): Promise<void> {
    const gone = new Set(pairs.map(keyOf));
    const kept = this.pairs.filter((p) => !gone.has(keyOf(p)));
    if (kept.length !== this.pairs.length) await this.store(kept);
  }

  private async store(pairs: HiddenName[]): Promise<void> {
    this.pairs = pairs;
    this.keys = new Set(pairs.map(keyOf));
    this.changed.fire();
    await this.state.update(StateKey.hiddenNames, pairs);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function keyOf(p: HiddenName): string {
  return `${p.paperId}\u0000${foldWord(p.name)}`;
}

/** The stored pairs; anything else in the state (hand-edited, or from a later version) is ignored. */
function readPairs(value: unknown): HiddenName[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is HiddenName => typeof v?.paperId === 'string' && typeof v?.name === 'string' && v.name.length > 0);
}

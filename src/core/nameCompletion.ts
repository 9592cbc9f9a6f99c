/**
 * Completing paper names while writing: after three or more typed characters that begin a
 * paper's distinctive name (`MatF` → `MatFormer`) or its title (`Data Filt` → `Data Filtering
 * Networks`), in any letter case. Collision-prone names (`CUDA`, `Hydra`) are not offered: in
 * prose they would complete ordinary words.
 *
 * The names sit in one array sorted by their folded form, so the names beginning with a prefix
 * are one binary search and a short walk, at any corpus size.
 */
import { finishSteps, ITEMS_PER_STEP, Pace, sortInSteps, type Steps } from './steps';
import { foldWord } from './text';
import type { NameKind, Paper, PaperName } from './types';

/** The fewest characters typed before names are offered. */
export const MIN_TYPED = 3;

export interface NameSuggestion {
  /** The name as the paper writes it (what is inserted). */
  readonly text: string;
  readonly paperId: string;
  readonly kind: NameKind;
}

export class NamePrefixIndex {
  private readonly folded: string[] = [];
  private readonly names: NameSuggestion[] = [];

  /** Built at once; `NamePrefixIndex.build` does the same in steps. */
  constructor(names: Iterable<PaperName>) {
    this.fill(finishSteps(sortedEntries(names)));
  }

  /**
   * The index of every name of `papers` (`namesOf` gives a paper's), in steps (see
   * `core/steps.ts`): at 50,000 papers, gathering, folding and sorting 270,000 names held the
   * editor's thread for a quarter of a second on the first completion.
   */
  static *build(papers: readonly Paper[], namesOf: (paperId: string) => readonly PaperName[]): Steps<NamePrefixIndex> {
    const index = new NamePrefixIndex([]);
    const pace = new Pace(ITEMS_PER_STEP);
    const names: PaperName[] = [];
    for (const p of papers) {
      for (const n of namesOf(p.id)) names.push(n);
      if (pace.tick()) yield* pace.pause();
    }
    index.fill(yield* sortedEntries(names));
    return index;
  }

  private fill(all: readonly { key: string; name: NameSuggestion }[]): void {
    for (const { key, name } of all) {
      this.folded.push(key);
      this.names.push(name);
    }
  }

  /**
   * Names that begin with `typed` (any case, at least `MIN_TYPED` characters), shortest first,
   * at most `limit`; a name typed out in full is not offered again.
   */
  complete(typed: string, limit = 20): NameSuggestion[] {
    if (typed.length < MIN_TYPED) return [];
    const prefix = foldWord(typed);
    let lo = 0;
    let hi = this.folded.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.folded[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: NameSuggestion[] = [];
    for (let i = lo; i < this.folded.length && this.folded[i].startsWith(prefix); i++) {
      if (this.folded[i] !== prefix) out.push(this.names[i]);
    }
    return out.sort((a, b) => a.text.length - b.text.length).slice(0, limit);
  }
}

/**
 * The words typed just before the cursor that could begin a name: the last few words of the
 * line up to the cursor (a title is several words), longest first. Each is a suffix of the line
 * that starts at a word's start and holds at most `maxWords` words.
 */
export function typedPrefixes(lineBefore: string, maxWords = 6): string[] {
  if (lineBefore === '' || /\s$/.test(lineBefore)) return [];
  const starts = [...lineBefore.matchAll(/(?<![\p{L}\p{N}\p{M}_])[\p{L}\p{N}]/gu)].map((m) => m.index);
  return starts
    .slice(-maxWords)
    .map((s) => lineBefore.slice(s))
    .filter((t) => t.length >= MIN_TYPED);
}

/** Line-comment leaders by language family: where code files get name completion. */
const HASH_COMMENT = new Set(['python', 'shellscript', 'r', 'ruby', 'perl', 'yaml', 'toml', 'julia', 'makefile', 'dockerfile', 'coffeescript', 'powershell']);
const PERCENT_COMMENT = new Set(['matlab', 'octave', 'erlang']);

/**
 * Whether `character` on `line` is inside a line comment of a code file (`#` for Python and the
 * like, `//` for C-like languages, `%` for MATLAB, `--` for SQL and Lua, or a line of a block
 * comment that starts with `*`). A leader inside a string is not told apart: the cost is a
 * completion offered in a string, never one withheld in a comment.
 */
export function inLineComment(line: string, character: number, languageId: string): boolean {
  const before = line.slice(0, character);
  if (/^\s*\*(?!\/)/.test(before) || /^\s*\/\*/.test(before)) return true;
  if (HASH_COMMENT.has(languageId)) return before.includes('#');
  if (PERCENT_COMMENT.has(languageId)) return before.includes('%');
  if (languageId === 'sql' || languageId === 'lua' || languageId === 'haskell') return before.includes('--');
  return before.includes('//');
}

/**
 * A name's folded form with what is offered, for every name that may be offered once per paper,
 * sorted by the folded form, in steps.
 */
function* sortedEntries(names: Iterable<PaperName>): Steps<{ key: string; name: NameSuggestion }[]> {
  const all: Array<{ key: string; name: NameSuggestion }> = [];
  const seen = new Set<string>();
  const pace = new Pace(ITEMS_PER_STEP * 4);
  for (const n of names) {
    if (pace.tick()) yield* pace.pause();
    if (n.ambiguous) continue;
    const key = foldWord(n.text);
    const dedupe = `${n.paperId}\u0000${key}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    all.push({ key, name: { text: n.text, paperId: n.paperId, kind: n.kind } });
  }
  return yield* sortInSteps(all, (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

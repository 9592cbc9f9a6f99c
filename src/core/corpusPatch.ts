/**
 * A reload's quick stage: the corpus in use with the entries a library file changed, added
 * or removed, before the library worker has filed, named and indexed the whole file again
 * (seconds at 50,000 entries). The entries that changed are found and read on their own
 * (`library/entryPrints.ts`); this file makes their papers and lays them over the corpus in
 * use, whose tables (matcher, search index, cite keys, identifiers, topics) stay as they are:
 * only the changed papers are filed, named and indexed, in a few milliseconds. The whole
 * reload replaces it when it comes, as before.
 *
 * What waits for the whole reload: a new name of a changed paper is not recognised in text
 * (the names the matcher knew still are, and lead to the paper as it now is); a changed entry
 * whose title alone now matches another paper is shown apart until merged; offsets into the
 * file of the papers that did not change are the old ones (copying an entry as written falls
 * back to a formatted one, as for any file changed since its load).
 */
import { CiteKeyResolver } from './citations';
import { classifierOf, Corpus } from './corpus';
import { IdentifierIndex } from './identifiers';
import type { LibraryParse } from './library/entry';
import { paperOfEntry, sameTitle } from './library/merge';
import type { MentionMatcher } from './mentions';
import { deriveNames, type IsCommonWord } from './names';
import type { FirstStageIndex, KeptParts, PreparedIndex } from './prepared';
import { SearchIndex, type SearchIndexData } from './search';
import { finishSteps, Pace, type Steps } from './steps';
import { isTitleName, type Paper, type PaperName, type Topic } from './types';

/** What a changed file does to the corpus: papers replaced (same id), removed, and added. */
export interface PatchPlan {
  readonly file: string;
  /** The new versions of changed papers, by id. */
  readonly replaced: ReadonlyMap<string, Paper>;
  /** Ids of papers gone. */
  readonly removed: ReadonlySet<string>;
  readonly added: readonly Paper[];
  /**
   * The papers of the corpus patched that were replaced (to their new versions) or removed (to
   * `undefined`), as its objects: its lists are walked by object, since a paper cut lazily out
   * of the worker's table reads its id from the table (at 50,000 papers, 30-50 ms a walk).
   */
  readonly old: ReadonlyMap<Paper, Paper | undefined>;
}

/**
 * What `file`'s changed entries (`parse`, read by `parseBibtexPieces`) and the keys of its
 * entries gone or changed (`removed`) do to `base`: a reason instead when they cannot be laid
 * over it, and the whole reload must bring them (a changed entry that merged with a paper of
 * another source, or would now: see `mergeLibraries`).
 */
export function* planPatch(base: Corpus, file: string, parse: LibraryParse, removed: readonly string[]): Steps<PatchPlan | { readonly reason: string }> {
  /** The papers of the keys removed, by folded key. */
  const gone = new Map<string, Paper>();
  for (const key of removed) {
    const paper = base.citeKeys.libraryKey(key);
    if (!paper) return { reason: `the key "${key}" was not loaded` };
    if (!ownEntry(paper, file)) return { reason: `"${key}" is merged with another source` };
    gone.set(key.toLowerCase(), paper);
  }
  const goneIds = new Set([...gone.values()].map((p) => p.id));
  /** A paper of `base` that stays (not one of those the change removed or replaces). */
  const stays = (paper: Paper | undefined): paper is Paper => paper !== undefined && !goneIds.has(paper.id);
  const replaced = new Map<string, Paper>();
  const added: Paper[] = [];
  const addedIds = new Set<string>();
  const taken = { has: (id: string) => addedIds.has(id) || stays(base.get(id)) };
  for (const entry of parse.entries) {
    // Merging would make it part of a paper known from elsewhere: left to the whole reload.
    for (const known of [entry.doi && base.identifiers.resolve({ kind: 'doi', id: entry.doi }), entry.arxivId && base.identifiers.resolve({ kind: 'arxiv', id: entry.arxivId })]) {
      if (known && stays(known)) return { reason: `"${entry.key ?? entry.title}" is another source's paper` };
    }
    const same = base.searchIndex.exactMatches(entry.title).find((paper) => sameTitle(paper.title, entry.title) && stays(paper));
    if (same) return { reason: `"${entry.key ?? entry.title}" has the title of another paper` };
    const old = entry.key === undefined ? undefined : gone.get(entry.key.toLowerCase());
    if (old && !replaced.has(old.id)) {
      replaced.set(old.id, paperOfEntry(entry, taken, old.id));
    } else {
      const paper = paperOfEntry(entry, taken);
      addedIds.add(paper.id);
      added.push(paper);
    }
    yield;
  }
  const removedIds = new Set<string>();
  const old = new Map<Paper, Paper | undefined>();
  for (const paper of gone.values()) {
    const now = replaced.get(paper.id);
    if (!now) removedIds.add(paper.id);
    old.set(paper, now);
  }
  return { file, replaced, removed: removedIds, added, old };
}

/**
 * `base` with a file's change laid over it (`planPatch`), prepared: what a quick stage swaps in,
 * in steps; the reason instead where the change must wait for the whole reload.
 */
export function* patchCorpus(base: Corpus, file: string, change: { readonly parse: LibraryParse; readonly removed: readonly string[] }, isCommonWord: IsCommonWord): Steps<PatchedCorpus | { readonly reason: string }> {
  const plan = yield* planPatch(base, file, change.parse, change.removed);
  if ('reason' in plan) return plan;
  const patched = new PatchedCorpus(base, plan, isCommonWord);
  yield* patched.prepare();
  return patched;
}

/** Whether `paper` is one entry of `file` alone. */
function ownEntry(paper: Paper, file: string): boolean {
  return paper.sources?.length === 1 && paper.sources[0].file === file;
}

/**
 * A corpus with a `PatchPlan` laid over another (see the file's comment). Call `prepare` (in
 * steps) before use, as for any corpus swapped in. Patches may be laid over patches.
 */
export class PatchedCorpus extends Corpus {
  /** The changed and added papers, by id, with their names and topics once prepared. */
  private readonly changed = new Map<string, { paper: Paper; names?: readonly PaperName[]; topics?: readonly Topic[] }>();
  private overlays?: { search: SearchIndex; citeKeys: CiteKeyResolver; identifiers: IdentifierIndex };
  private readonly lists = new Map<string, readonly Paper[]>();

  constructor(
    readonly base: Corpus,
    readonly plan: PatchPlan,
    private readonly commonWords: IsCommonWord,
  ) {
    super(patchedPapers(base.papers, plan), base.topics, commonWords, base.problems, base.background);
    for (const paper of plan.replaced.values()) this.changed.set(paper.id, { paper });
    for (const paper of plan.added) this.changed.set(paper.id, { paper });
  }

  /** Whether a paper of the corpus patched still counts as it is there (neither removed nor replaced): by object, as `plan.old` holds them. */
  private readonly visible = (paper: Paper): boolean => !this.plan.old.has(paper);

  override get patched(): boolean {
    return true;
  }

  override *prepare(): Steps<void> {
    yield* this.base.prepare();
    const classifier = yield* classifierOf(this.topics);
    const topicById = new Map(this.topics.map((t) => [t.id, t]));
    const pace = new Pace(16);
    for (const item of this.changed.values()) {
      item.names = deriveNames(item.paper, this.commonWords, this.background);
      item.topics = classifier.classify(item.paper).flatMap((id) => topicById.get(id) ?? []);
      if (pace.tick()) yield* pace.pause();
    }
    const papers = [...this.changed.values()];
    const search = yield* SearchIndex.build(
      papers.map(({ paper, names, topics }) => ({ paper, names: (names ?? []).filter((n) => !isTitleName(n)).map((n) => n.text), topics: (topics ?? []).map((t) => t.label) })),
    );
    const ordered = papers.map((item) => item.paper);
    const citeKeys = yield* CiteKeyResolver.build(ordered);
    const identifiers = yield* IdentifierIndex.build(ordered);
    this.overlays = {
      search: this.base.searchIndex.patched(search, this.visible, this.plan.replaced.size + this.plan.removed.size),
      citeKeys: this.base.citeKeys.patched(citeKeys, this.visible),
      identifiers: this.base.identifiers.patched(identifiers, this.visible),
    };
  }

  private get parts() {
    if (!this.overlays) finishSteps(this.prepare());
    return this.overlays!;
  }

  override get(id: string): Paper | undefined {
    const changed = this.changed.get(id);
    if (changed) return changed.paper;
    return this.plan.removed.has(id) ? undefined : this.base.get(id);
  }

  override get restored(): boolean {
    return this.base.restored;
  }

  override get indexed(): boolean {
    return this.base.indexed;
  }

  override namesOf(id: string): readonly PaperName[] {
    const changed = this.changed.get(id);
    if (changed) return (changed.names ??= deriveNames(changed.paper, this.commonWords, this.background));
    return this.plan.removed.has(id) ? [] : this.base.namesOf(id);
  }

  override topicsOf(id: string): readonly Topic[] {
    const changed = this.changed.get(id);
    if (changed) {
      // Filed by `prepare`, run now if it has not been.
      if (!changed.topics) void this.parts;
      return changed.topics ?? [];
    }
    return this.plan.removed.has(id) ? [] : this.base.topicsOf(id);
  }

  override papersIn(topicId: string): readonly Paper[] {
    return this.listOf(topicId, () => this.base.papersIn(topicId), (topics) => topics.some((t) => t.id === topicId));
  }

  override papersInNoTopic(): readonly Paper[] {
    return this.listOf('', () => this.base.papersInNoTopic(), (topics) => topics.length === 0);
  }

  /** A list of the corpus patched, with its changed papers in place (or out, if they left it), and the added ones that fit at its end. */
  private listOf(key: string, under: () => readonly Paper[], fits: (topics: readonly Topic[]) => boolean): readonly Paper[] {
    let list = this.lists.get(key);
    if (!list) {
      const placed = new Set<string>();
      const out: Paper[] = [];
      for (const paper of under()) {
        if (!this.plan.old.has(paper)) out.push(paper);
        else {
          const now = this.plan.old.get(paper);
          if (now && fits(this.topicsOf(now.id))) {
            out.push(now);
            placed.add(now.id);
          }
        }
      }
      for (const [id, { paper }] of this.changed) if (!placed.has(id) && fits(this.topicsOf(id))) out.push(paper);
      this.lists.set(key, (list = out));
    }
    return list;
  }

  override get matcher(): MentionMatcher {
    return this.base.matcher;
  }

  override get citeKeys(): CiteKeyResolver {
    return this.parts.citeKeys;
  }

  override get identifiers(): IdentifierIndex {
    return this.parts.identifiers;
  }

  override get searchIndex(): SearchIndex {
    return this.parts.search;
  }

  override *warmUpSearch(papers?: number, rounds?: number): Steps<number> {
    return yield* this.base.warmUpSearch(papers, rounds);
  }

  override toPrepared(_search?: SearchIndexData, _kept?: KeptParts): PreparedIndex {
    throw new Error('a patched corpus is not stored: the whole reload is');
  }

  override toFirstStage(_filedHere: number, _search?: SearchIndexData): FirstStageIndex {
    throw new Error('a patched corpus has no first stage');
  }
}

/** The papers of `base` with `plan` applied: changed ones in place, removed ones out, added ones last. */
function patchedPapers(base: readonly Paper[], plan: PatchPlan): Paper[] {
  const papers: Paper[] = [];
  for (const paper of base) {
    if (!plan.old.has(paper)) papers.push(paper);
    else {
      const now = plan.old.get(paper);
      if (now) papers.push(now);
    }
  }
  for (const paper of plan.added) papers.push(paper);
  return papers;
}

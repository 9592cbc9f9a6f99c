/**
 * A corpus: papers, their names, their topics, and the matcher and search index built from
 * them. The expensive structures are built on first use, so loading stays cheap.
 */
import { parseListing, type ListingProblem } from './listing';
import { Background } from './background';
import { deriveNames, type IsCommonWord } from './names';
import { MentionMatcher, normaliseTitle } from './mentions';
import { SearchIndex } from './search';
import { TopicClassifier } from './topics';
import type { Paper, PaperName, Topic } from './types';

export class Corpus {
  private readonly byId = new Map<string, Paper>();
  /** Citation keys, lower case (BibTeX compares keys ignoring case), to the first paper holding each. */
  private readonly byKey = new Map<string, Paper>();
  private readonly names = new Map<string, PaperName[]>();
  private grouping?: { byPaper: Map<string, Topic[]>; byTopic: Map<string, Paper[]> };
  private matcherCache?: MentionMatcher;
  private searchCache?: SearchIndex;

  /**
   * Cheap: names, topics, the matcher and the search index are each computed on first use,
   * so opening the editor or running one CLI command pays only for what it asks.
   */
  constructor(
    readonly papers: readonly Paper[],
    readonly topics: readonly Topic[],
    private readonly isCommonWord: IsCommonWord,
    readonly problems: readonly ListingProblem[] = [],
    /** How ML writing at large uses words and names (see `Background`); empty: none known. */
    readonly background: Background = Background.empty(),
    /**
     * Topic ids already chosen by the classifier for some papers, by paper id (the library
     * worker classifies off the editor's thread); the others are classified on first use.
     */
    private readonly classified?: ReadonlyMap<string, readonly string[]>,
  ) {
    for (const paper of papers) {
      this.byId.set(paper.id, paper);
      for (const key of paper.keys ?? []) if (!this.byKey.has(key.toLowerCase())) this.byKey.set(key.toLowerCase(), paper);
    }
  }

  /** Files every paper under its topics with the classifier, once. */
  private get topicGrouping() {
    if (!this.grouping) {
      const classifier = new TopicClassifier(this.topics);
      const topicById = new Map(this.topics.map((t) => [t.id, t]));
      const byPaper = new Map<string, Topic[]>();
      const byTopic = new Map<string, Paper[]>(this.topics.map((t) => [t.id, []]));
      for (const paper of this.papers) {
        const assigned = (this.classified?.get(paper.id) ?? classifier.classify(paper)).flatMap((id) => topicById.get(id) ?? []);
        byPaper.set(paper.id, assigned);
        for (const t of assigned) byTopic.get(t.id)!.push(paper);
      }
      this.grouping = { byPaper, byTopic };
    }
    return this.grouping;
  }

  /** Parses a listing; see `parseListing` for what is a problem and what is an error. */
  static fromListing(text: string, file: string, topics: readonly Topic[], isCommonWord: IsCommonWord, background?: Background): Corpus {
    const { papers, problems } = parseListing(text, file);
    return new Corpus(papers, topics, isCommonWord, problems, background);
  }

  get(id: string): Paper | undefined {
    return this.byId.get(id);
  }

  /**
   * A paper by id, citation key (ignoring case, `@` allowed before it), exact title, or
   * (ignoring case and spacing) title or short/method name.
   */
  find(idOrTitle: string): Paper | undefined {
    const query = idOrTitle.trim();
    const direct = this.byId.get(query) ?? this.byKey.get(query.replace(/^@/, '').toLowerCase()) ?? this.papers.find((p) => p.title === query);
    if (direct) return direct;
    const fold = normaliseTitle;
    const q = fold(query);
    return (
      this.papers.find((p) => fold(p.title) === q || p.id === q) ??
      this.papers.find((p) => this.namesOf(p.id).some((n) => fold(n.text) === q))
    );
  }

  /** The paper's names: title first, then short name, then method names. */
  namesOf(id: string): readonly PaperName[] {
    let names = this.names.get(id);
    if (!names) {
      const paper = this.byId.get(id);
      if (!paper) return [];
      names = deriveNames(paper, this.isCommonWord, this.background);
      this.names.set(id, names);
    }
    return names;
  }

  /** The name to show beside the title: the short name, else the first method name (a phrase name is the title's own start). */
  shortName(id: string): string | undefined {
    return this.namesOf(id).find((n) => n.kind === 'short' || n.kind === 'method')?.text;
  }

  /** One to three topics, best first. */
  topicsOf(id: string): readonly Topic[] {
    return this.topicGrouping.byPaper.get(id) ?? [];
  }

  /** The papers filed under a topic, in listing order. */
  papersIn(topicId: string): readonly Paper[] {
    return this.topicGrouping.byTopic.get(topicId) ?? [];
  }

  /** The name matcher, built on first use. */
  get matcher(): MentionMatcher {
    if (!this.matcherCache) {
      const all = this.papers.flatMap((p) => this.namesOf(p.id));
      this.matcherCache = new MentionMatcher(all, (id) => this.byId.get(id), this.isCommonWord, this.background);
    }
    return this.matcherCache;
  }

  /** The search index, built on first use. */
  get searchIndex(): SearchIndex {
    if (!this.searchCache) {
      this.searchCache = new SearchIndex(
        this.papers.map((paper) => ({
          paper,
          names: this.namesOf(paper.id).filter((n) => n.kind !== 'title').map((n) => n.text),
          topics: this.topicsOf(paper.id).map((t) => t.label),
        })),
      );
    }
    return this.searchCache;
  }
}

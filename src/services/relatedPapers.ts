/**
 * Related papers for the paper view and the hover card: one TF-IDF index (`core/related`) of the
 * current corpus, built on first use and again when the corpus changes, so both surfaces list
 * the same papers and the index is built once.
 */
import type { Corpus } from '../core/corpus';
import { RelatedIndex, type RelatedPaper } from '../core/related';
import type { Paper } from '../core/types';
import type { CorpusSource } from './lazyCorpus';

/** How many related papers the view and the card list. */
export const RELATED_SHOWN = 5;
/**
 * The largest corpus whose related papers are listed: the index reads every title and abstract
 * once, on first use, which on the extension host's thread takes too long for a very large
 * library.
 */
export const RELATED_MAX_PAPERS = 20_000;

/**
 * The largest corpus whose index a hover card builds: building it reads every title and abstract
 * (about 2.4 s at 20,000 papers), too long for a hover to wait. Over this a card lists related
 * papers once a paper view has built the index.
 */
export const HOVER_BUILD_MAX_PAPERS = 2_000;

export class RelatedPapers {
  private index?: { corpus: Corpus; index: RelatedIndex };

  constructor(private readonly corpus: CorpusSource) {}

  /**
   * The papers most like this one, most alike first; none before the corpus loads or for a very
   * large one. `buildUpTo`: the largest corpus whose index this call may build (a hover passes
   * `HOVER_BUILD_MAX_PAPERS`); over it, only an index already built answers.
   */
  of(paper: Paper, limit = RELATED_SHOWN, buildUpTo = RELATED_MAX_PAPERS): RelatedPaper[] {
    const corpus = this.corpus.get();
    if (!corpus || corpus.papers.length > RELATED_MAX_PAPERS) return [];
    if (this.index?.corpus !== corpus) {
      if (corpus.papers.length > buildUpTo) return [];
      this.index = { corpus, index: new RelatedIndex(corpus.papers) };
    }
    return this.index.index.related(paper.id, limit);
  }
}

/**
 * Related papers of the current corpus, for the paper view and the hover card: one index per
 * corpus (see `core/related.ts`), built the first time a paper's relatives are asked for and
 * dropped when the corpus changes.
 */
import type { Corpus } from '../core/corpus';
import { RelatedIndex, type RelatedPaper } from '../core/related';
import type { Paper } from '../core/types';
import type { CorpusSource } from './lazyCorpus';

/** How many related papers a paper view or a hover card lists. */
export const RELATED_SHOWN = 5;
/**
 * The largest corpus whose related papers are listed: the index reads every title and abstract
 * once, on the extension host's thread, which takes too long for a very large library.
 */
export const RELATED_MAX_PAPERS = 20_000;

export class RelatedPapers {
  private built?: { readonly corpus: Corpus; readonly index: RelatedIndex };

  constructor(private readonly corpus: CorpusSource) {}

  /** The papers most like `paper`, best first; none when the corpus is too large to index. */
  of(paper: Paper, limit = RELATED_SHOWN): RelatedPaper[] {
    const corpus = this.corpus.get();
    if (!corpus || corpus.papers.length > RELATED_MAX_PAPERS) return [];
    if (this.built?.corpus !== corpus) this.built = { corpus, index: new RelatedIndex(corpus.papers) };
    return this.built.index.related(paper.id, limit);
  }
}

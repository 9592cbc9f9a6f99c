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

export class RelatedPapers {
  private index?: { corpus: Corpus; index: RelatedIndex };

  constructor(private readonly corpus: CorpusSource) {}

  /** The papers most like this one, most alike first; none before the corpus loads or for a very large one. */
  of(paper: Paper, limit = RELATED_SHOWN): RelatedPaper[] {
    const corpus = this.corpus.get();
    if (!corpus || corpus.papers.length > RELATED_MAX_PAPERS) return [];
    if (this.index?.corpus !== corpus) this.index = { corpus, index: new RelatedIndex(corpus.papers) };
    return this.index.index.related(paper.id, limit);
  }
}

/**
 * Related papers, offline: TF-IDF cosine similarity between papers' titles and abstracts, over
 * the terms the search index uses (`TermTable` in `tokens.ts`: folded words, compounds with
 * their parts). Title terms weigh double, since a title names what the paper is about.
 *
 * TF-IDF cosine is the textbook measure for "documents like this one" and needs no model or
 * library; the vectors are kept as inverted lists, so finding one paper's relatives costs the
 * postings of its own terms, not a pass over every pair.
 */
import { TermTable } from './tokens';
import type { Paper } from './types';

/** How much a title term counts against an abstract term. */
const TITLE_WEIGHT = 2;
/**
 * The least similarity that counts as related. On the bundled corpus, pairs scoring between
 * 0.05 and 0.07 share a topic 17% of the time, hardly above the 11% of a random pair (see
 * bench/relatedBench.ts), so they are left out; 59 of the 62 papers keep at least one relative.
 */
export const MIN_RELATED_SCORE = 0.07;

export interface RelatedPaper {
  readonly paper: Paper;
  /** Cosine similarity in (0, 1]; comparable across papers of one index. */
  readonly score: number;
}

export class RelatedIndex {
  private readonly papers: readonly Paper[];
  private readonly byId = new Map<string, number>();
  /** Per paper: term ids and their normalised weights (unit-length vectors). */
  private readonly vectors: Array<{ terms: Int32Array; weights: Float64Array }> = [];
  /** Per term: the papers holding it and its weight in each. */
  private readonly postings: Array<{ docs: number[]; weights: number[] }> = [];

  constructor(papers: readonly Paper[]) {
    this.papers = papers;
    const table = new TermTable();
    const counts: Array<Map<number, number>> = [];
    papers.forEach((paper, doc) => {
      if (!this.byId.has(paper.id)) this.byId.set(paper.id, doc);
      const tf = new Map<number, number>();
      const add = (text: string, weight: number) => {
        const n = table.collect(text);
        for (let i = 0; i < n; i++) tf.set(table.ids[i], (tf.get(table.ids[i]) ?? 0) + weight);
      };
      add(paper.title, TITLE_WEIGHT);
      add(paper.abstract, 1);
      counts.push(tf);
    });
    const df = new Int32Array(table.size);
    for (const tf of counts) for (const t of tf.keys()) df[t]++;
    const n = papers.length;
    for (let t = 0; t < table.size; t++) this.postings.push({ docs: [], weights: [] });
    counts.forEach((tf, doc) => {
      const terms: number[] = [];
      const weights: number[] = [];
      let norm = 0;
      for (const [t, count] of tf) {
        // A term in every paper says nothing; one in a single paper cannot relate two papers
        // but still belongs to the paper's length.
        const w = (1 + Math.log(count)) * Math.log(n / df[t]);
        if (w <= 0) continue;
        terms.push(t);
        weights.push(w);
        norm += w * w;
      }
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      const vector = { terms: Int32Array.from(terms), weights: Float64Array.from(weights, (w) => w * scale) };
      this.vectors.push(vector);
      vector.terms.forEach((t, i) => {
        if (df[t] < 2) return;
        this.postings[t].docs.push(doc);
        this.postings[t].weights.push(vector.weights[i]);
      });
    });
  }

  /**
   * Up to `limit` papers most like the given one, best first, each scoring at least
   * `MIN_RELATED_SCORE`; never the paper itself. Ties go to the paper listed first.
   */
  related(paperId: string, limit = 5): RelatedPaper[] {
    const doc = this.byId.get(paperId);
    if (doc === undefined || limit <= 0) return [];
    const { terms, weights } = this.vectors[doc];
    const scores = new Map<number, number>();
    for (let i = 0; i < terms.length; i++) {
      const post = this.postings[terms[i]];
      for (let k = 0; k < post.docs.length; k++) {
        const other = post.docs[k];
        if (other === doc) continue;
        scores.set(other, (scores.get(other) ?? 0) + weights[i] * post.weights[k]);
      }
    }
    const self = this.papers[doc];
    return [...scores]
      .filter(([other, s]) => s >= MIN_RELATED_SCORE && this.papers[other].id !== self.id)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([other, score]) => ({ paper: this.papers[other], score }));
  }
}

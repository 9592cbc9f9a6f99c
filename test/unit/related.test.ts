import { strict as assert } from 'node:assert';
import type { Corpus } from '../../src/core/corpus';
import { MIN_RELATED_SCORE, RelatedIndex } from '../../src/core/related';
import type { Paper } from '../../src/core/types';
import { bundledCorpus, paperTitled } from './helpers';

describe('related papers', () => {
  let corpus: Corpus;
  let index: RelatedIndex;
  beforeEach(() => {
    corpus = bundledCorpus();
    index = new RelatedIndex(corpus.papers);
  });
  const titles = (prefix: string, limit = 5) => index.related(paperTitled(prefix).id, limit).map((r) => r.paper.title.split(':')[0]);

  it('relates the web-scale dataset papers to each other first', () => {
    assert.deepEqual(titles('DataComp:', 4), ['Data Filtering Networks', 'Effective pruning of web-scale datasets based on complexity of concept clusters', 'LAION-5B', 'Quality Not Quantity']);
    assert.equal(titles('Data Filtering Networks', 1)[0], 'DataComp');
  });

  it('finds papers on the same method: adapters with adapters, text-to-image diffusion with diffusion, cross-lingual with cross-lingual', () => {
    assert.deepEqual(titles('Split & Merge', 3), ['Parameter-Efficient Transfer Learning of Audio Spectrogram Transformers', 'Composable Sparse Fine-Tuning for Cross-Lingual Transfer', 'Layer-wise Importance Matters']);
    assert.equal(titles('Discriminative Class Tokens', 1)[0], 'JeDi');
    assert.equal(titles('FILTER:', 1)[0], 'Composable Sparse Fine-Tuning for Cross-Lingual Transfer');
    assert.equal(titles('Few-Shot Class-Incremental', 1)[0], 'FoPro');
  });

  it('never lists a paper as its own relative, lists at most the limit, best first, above the floor', () => {
    for (const p of corpus.papers) {
      const related = index.related(p.id);
      assert.ok(related.length <= 5);
      assert.ok(related.every((r) => r.paper.id !== p.id), p.title);
      assert.ok(related.every((r, i) => r.score >= MIN_RELATED_SCORE && r.score <= 1 + 1e-9 && (i === 0 || related[i - 1].score >= r.score)), p.title);
    }
    assert.equal(index.related(paperTitled('DataComp:').id, 2).length, 2);
  });

  it('is symmetric: the score of a pair is the same from either side', () => {
    const a = paperTitled('DataComp:');
    const b = paperTitled('Data Filtering Networks');
    const ab = index.related(a.id).find((r) => r.paper.id === b.id)!.score;
    const ba = index.related(b.id).find((r) => r.paper.id === a.id)!.score;
    assert.ok(Math.abs(ab - ba) < 1e-12);
  });

  it('gives nothing for an unknown id, a zero limit, or a paper that shares no word', () => {
    assert.deepEqual(index.related('no-such-paper'), []);
    assert.deepEqual(index.related(paperTitled('DataComp:').id, 0), []);
    const lonely = new RelatedIndex([...corpus.papers, { id: 'x', title: 'Zyxw', abstract: 'Qwrt vbnm.', links: [] }]);
    assert.deepEqual(lonely.related('x'), []);
  });
});

describe('related papers on a corpus small enough to work out by hand', () => {
  const paper = (id: string, title: string, abstract = ''): Paper => ({ id, title, abstract, links: [] });

  it('weighs each term (1 + ln tf) × ln(N / df), a title word counting twice, and scores the cosine', () => {
    // N = 3. "alpha" is in A and B (df 2), "beta" only in A, "gamma" only in B, "delta" only in C.
    // In A: alpha tf 2 (title) + 1 (abstract) = 3, beta tf 2 (title).
    const index = new RelatedIndex([paper('a', 'alpha beta', 'alpha'), paper('b', 'alpha gamma'), paper('c', 'delta')]);
    const w = (tf: number, df: number) => (1 + Math.log(tf)) * Math.log(3 / df);
    const a = { alpha: w(3, 2), beta: w(2, 1) };
    const b = { alpha: w(2, 2), gamma: w(2, 1) };
    const cosine = (a.alpha * b.alpha) / (Math.hypot(a.alpha, a.beta) * Math.hypot(b.alpha, b.gamma));
    const [hit, ...rest] = index.related('a');
    assert.equal(hit.paper.id, 'b');
    assert.ok(Math.abs(hit.score - cosine) < 1e-12, `${hit.score} vs ${cosine}`);
    assert.deepEqual(rest, []);
    assert.deepEqual(index.related('c'), [], 'a paper sharing no word has no relatives');
  });

  it('breaks a tie in score by listing order, also when the later paper is reached first', () => {
    const cases: Array<[papers: Paper[], expected: string[]]> = [
      // Two copies of one text.
      [[paper('first', 'sparse adapters for speech', 'low rank'), paper('query', 'sparse adapters', 'vision'), paper('second', 'sparse adapters for speech', 'low rank'), paper('other', 'unrelated words entirely', 'nothing shared')], ['first', 'second']],
      // The query's first word, "alpha", reaches "late" before its second word reaches "early".
      [[paper('early', 'beta gamma'), paper('query', 'alpha beta'), paper('late', 'alpha delta'), paper('filler', 'gamma delta')], ['early', 'late']],
    ];
    for (const [papers, expected] of cases) {
      const related = new RelatedIndex(papers).related('query');
      assert.deepEqual(related.map((r) => r.paper.id), expected);
      assert.equal(related[0].score, related[1].score, expected.join(' '));
    }
  });

  it('keeps the first of two papers with one id, and never lists that id as its own relative', () => {
    const index = new RelatedIndex([
      paper('dup', 'diffusion sampling steps', 'fewer steps'),
      paper('mid', 'diffusion sampling', 'steps'),
      paper('dup', 'diffusion sampling steps', 'fewer steps'),
      paper('far', 'protein folding', 'structures'),
    ]);
    const related = index.related('dup');
    assert.deepEqual(related.map((r) => r.paper.id), ['mid']);
    // The second "dup" has a different text in this variant: the first one's vector is the one used.
    const swapped = new RelatedIndex([paper('dup', 'protein folding', 'structures'), paper('far', 'protein folding', 'chains'), paper('dup', 'diffusion sampling', 'steps')]);
    assert.deepEqual(swapped.related('dup').map((r) => r.paper.id), ['far']);
  });
});

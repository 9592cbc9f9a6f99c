import { strict as assert } from 'node:assert';
import { MIN_RELATED_SCORE, RelatedIndex } from '../../src/core/related';
import { bundledCorpus, paperTitled } from './helpers';

describe('related papers', () => {
  const corpus = bundledCorpus();
  const index = new RelatedIndex(corpus.papers);
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

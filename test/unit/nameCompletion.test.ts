import { strict as assert } from 'node:assert';
import { inLineComment, NamePrefixIndex, typedPrefixes } from '../../src/core/nameCompletion';
import type { PaperName } from '../../src/core/types';
import { bundledCorpus } from './helpers';

const names: PaperName[] = [
  { paperId: 'm', text: 'MatFormer', kind: 'short', ambiguous: false },
  { paperId: 'm', text: 'MatFormer: Nested Transformer for Elastic Inference', kind: 'title', ambiguous: false },
  { paperId: 'm', text: 'MatLM', kind: 'method', ambiguous: false },
  { paperId: 'd', text: 'Data Filtering Networks', kind: 'title', ambiguous: false },
  { paperId: 'c', text: 'CUDA', kind: 'short', ambiguous: true },
  { paperId: 'x', text: 'matformer', kind: 'method', ambiguous: false },
];

describe('paper-name completion', () => {
  it('offers distinctive names and titles that begin with what is typed, any case, shortest first', () => {
    const index = new NamePrefixIndex(names);
    assert.deepEqual(index.complete('matf').map((n) => n.text), ['MatFormer', 'matformer', 'MatFormer: Nested Transformer for Elastic Inference']);
    assert.deepEqual(index.complete('Mat').map((n) => n.text), ['MatLM', 'MatFormer', 'matformer', 'MatFormer: Nested Transformer for Elastic Inference']);
    assert.deepEqual(index.complete('data filt').map((n) => [n.text, n.paperId, n.kind]), [['Data Filtering Networks', 'd', 'title']]);
    assert.deepEqual(index.complete('Mat', 2).map((n) => n.text), ['MatLM', 'MatFormer']);
  });

  it('finds names among many given in any order, each paper\'s name once however it is cased', () => {
    const many: PaperName[] = [];
    for (const w of ['zeta', 'alpha', 'mu', 'beta', 'omega', 'gamma', 'delta', 'kappa', 'lambda', 'epsilon']) {
      many.push({ paperId: w, text: `${w[0].toUpperCase()}${w.slice(1)}Net`, kind: 'short', ambiguous: false });
    }
    many.push({ paperId: 'kappa', text: 'KAPPANET', kind: 'method', ambiguous: false });
    const index = new NamePrefixIndex(many);
    for (const w of ['zeta', 'alpha', 'mu', 'omega', 'gamma', 'epsilon']) assert.deepEqual(index.complete(`${w}n`).map((n) => n.paperId), [w], w);
    assert.deepEqual(index.complete('kappan').map((n) => n.text), ['KappaNet']);
  });

  it('is built in steps over a corpus\'s papers to the same index as at once', () => {
    const corpus = bundledCorpus();
    const all = corpus.papers.flatMap((p) => corpus.namesOf(p.id));
    const steps = NamePrefixIndex.build(corpus.papers, (id) => corpus.namesOf(id));
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    const built = step.value;
    const direct = new NamePrefixIndex(all);
    for (const typed of ['dat', 'Mat', 'lora', 'trans', 'vid', 'sam', 'dif', 'zzz']) assert.deepEqual(built.complete(typed, 100), direct.complete(typed, 100), typed);
    assert.ok(built.complete('dat').length > 0, 'the bundled names are in it');
    assert.ok(yields > 0);
  });

  it('offers nothing under three characters, nothing collision-prone, and not a name typed out in full', () => {
    const index = new NamePrefixIndex(names);
    assert.deepEqual(index.complete('Ma'), []);
    assert.deepEqual(index.complete('cud'), []);
    assert.deepEqual(index.complete('matlm'), []);
    assert.deepEqual(index.complete('zzz'), []);
    assert.deepEqual(new NamePrefixIndex([]).complete('abc'), []);
  });

  it('reads the last words typed before the cursor, longest first', () => {
    assert.deepEqual(typedPrefixes('We use Data Filt'), ['We use Data Filt', 'use Data Filt', 'Data Filt', 'Filt']);
    assert.deepEqual(typedPrefixes('a b c d e f g h', 3), ['f g h', 'g h']);
    assert.deepEqual(typedPrefixes('see (MatF'), ['see (MatF', 'MatF']);
    assert.deepEqual(typedPrefixes('ends with space '), []);
    assert.deepEqual(typedPrefixes(''), []);
    assert.deepEqual(typedPrefixes('one two three four five six seven', 2), ['six seven', 'seven']);
  });

  it('tells line comments of code files by their language', () => {
    assert.ok(inLineComment('x = 1  # see MatF', 17, 'python'));
    assert.ok(!inLineComment('x = MatF', 8, 'python'));
    assert.ok(inLineComment('int x; // MatF', 14, 'cpp'));
    assert.ok(!inLineComment('int x = MatF', 12, 'typescript'));
    assert.ok(inLineComment('   * MatF', 9, 'javascript'));
    assert.ok(inLineComment('/* MatF', 7, 'java'));
    assert.ok(inLineComment('x = 1 % MatF', 12, 'matlab'));
    assert.ok(inLineComment('select 1 -- MatF', 16, 'sql'));
    assert.ok(!inLineComment('a # b', 5, 'typescript'));
    // Only what is before the cursor counts; each family's own leader.
    assert.ok(!inLineComment('x = MatF  # later', 8, 'python'));
    assert.ok(!inLineComment('a // b', 6, 'python'));
    assert.ok(!inLineComment('a -- b', 6, 'typescript'));
    assert.ok(inLineComment('-- MatF', 7, 'lua'));
    assert.ok(inLineComment('-- MatF', 7, 'haskell'));
    assert.ok(!inLineComment('x % y', 5, 'python'));
    assert.ok(!inLineComment('x = a * b', 9, 'javascript'));
    assert.ok(inLineComment('  /* MatF', 9, 'c'));
  });
});

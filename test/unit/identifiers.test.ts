import { strict as assert } from 'node:assert';
import { citeCompletionAt, findIdentifiers, identifierAt, IdentifierIndex, searchWordsOfKey } from '../../src/core/identifiers';
import type { Paper } from '../../src/core/types';

/** Each identifier as [kind, id, the text it covers]. */
function found(text: string): Array<[string, string, string]> {
  return findIdentifiers(text).map((i) => [i.kind, i.id, text.slice(i.start, i.end)]);
}

describe('identifiers in text', () => {
  it('reads arXiv ids bare, with a version, after arXiv: and in abs and pdf URLs', () => {
    assert.deepEqual(found('See 2310.07707, arXiv:2310.07707v2 and https://arxiv.org/abs/1706.03762v5.'), [
      ['arxiv', '2310.07707', '2310.07707'],
      ['arxiv', '2310.07707', 'arXiv:2310.07707v2'],
      ['arxiv', '1706.03762', 'arxiv.org/abs/1706.03762v5'],
    ]);
    assert.deepEqual(found('arxiv.org/pdf/2101.00001.pdf and arXiv: hep-th/9901001'), [
      ['arxiv', '2101.00001', 'arxiv.org/pdf/2101.00001.pdf'],
      ['arxiv', 'hep-th/9901001', 'arXiv: hep-th/9901001'],
    ]);
  });

  it('reads no arXiv id in numbers that only look alike', () => {
    // Month 13, a version string, a longer number, a decimal inside a word, an old-style id without arXiv.
    for (const text of ['2313.07707', 'v1.2.2310.0770', '12310.07707', 'x2310.07707', '2310.07707.1', 'hep-th/9901001', '3.14159']) {
      assert.deepEqual(found(text).filter((f) => f[0] === 'arxiv'), [], text);
    }
  });

  it('reads DOIs with or without a prefix, without the sentence punctuation after them', () => {
    assert.deepEqual(found('doi:10.1145/3292500.3330701. Also (https://doi.org/10.1002/(SICI)1097-4571(199806)49:8<693::AID>3.0.CO;2-O).'), [
      ['doi', '10.1145/3292500.3330701', 'doi:10.1145/3292500.3330701'],
      ['doi', '10.1002/(SICI)1097-4571(199806)49:8', 'https://doi.org/10.1002/(SICI)1097-4571(199806)49:8'],
    ]);
    assert.deepEqual(found('{10.48550/arXiv.2310.07707}'), [['doi', '10.48550/arXiv.2310.07707', '10.48550/arXiv.2310.07707']]);
    // A closing bracket belongs to the DOI only when the DOI opened it.
    assert.deepEqual(found('(see doi:10.1000/xyz) and doi:10.1000/a(b) and (10.1000/c(d)).'), [
      ['doi', '10.1000/xyz', 'doi:10.1000/xyz'],
      ['doi', '10.1000/a(b)', 'doi:10.1000/a(b)'],
      ['doi', '10.1000/c(d)', '10.1000/c(d)'],
    ]);
  });

  it('lists DOIs and arXiv ids together in order of position', () => {
    assert.deepEqual(found('doi:10.1000/x then 2310.07707 then 10.2000/y').map((f) => f[1]), ['10.1000/x', '2310.07707', '10.2000/y']);
  });

  it('finds the identifier under an offset, end exclusive', () => {
    const text = 'id 2310.07707 here';
    assert.equal(identifierAt(text, 3)?.id, '2310.07707');
    assert.equal(identifierAt(text, 12)?.id, '2310.07707');
    assert.equal(identifierAt(text, 13), undefined);
    assert.equal(identifierAt(text, 2), undefined);
  });

  it('resolves ids to known papers ignoring case, the first paper winning', () => {
    const a: Paper = { id: 'a', title: 'A', abstract: '', links: [], arxivId: '2310.07707', doi: '10.1/ABC' };
    const b: Paper = { id: 'b', title: 'B', abstract: '', links: [], arxivId: '2310.07707' };
    const index = new IdentifierIndex([a, b]);
    assert.equal(index.resolve({ kind: 'arxiv', id: '2310.07707' })?.id, 'a');
    assert.equal(index.resolve({ kind: 'doi', id: '10.1/abc' })?.id, 'a');
    assert.equal(index.resolve({ kind: 'doi', id: '2310.07707' }), undefined);
    assert.equal(index.resolve({ kind: 'arxiv', id: '10.1/abc' }), undefined);
    // The first paper wins however each writes the id.
    const c: Paper = { id: 'c', title: 'C', abstract: '', links: [], doi: '10.1/abc', arxivId: 'HEP-TH/9901001' };
    const d: Paper = { id: 'd', title: 'D', abstract: '', links: [], arxivId: 'hep-th/9901001' };
    const mixed = new IdentifierIndex([a, c, d]);
    assert.equal(mixed.resolve({ kind: 'doi', id: '10.1/ABC' })?.id, 'a');
    assert.equal(mixed.resolve({ kind: 'arxiv', id: 'hep-th/9901001' })?.id, 'c');
  });
});

describe('where a cite key is typed', () => {
  it('after a Pandoc @ at a word start, in brackets or after a semicolon, with what is typed so far', () => {
    assert.deepEqual(citeCompletionAt('as [@vas', 8, 'markdown'), { start: 5, typed: 'vas', syntax: 'pandoc' });
    assert.deepEqual(citeCompletionAt('see @', 5, 'markdown'), { start: 5, typed: '', syntax: 'pandoc' });
    assert.deepEqual(citeCompletionAt('[@a; @ho2020:dd', 15, 'markdown'), { start: 6, typed: 'ho2020:dd', syntax: 'pandoc' });
    assert.deepEqual(citeCompletionAt('@x', 2, 'markdown'), { start: 1, typed: 'x', syntax: 'pandoc' });
    assert.deepEqual(citeCompletionAt('[-@x', 4, 'markdown'), { start: 3, typed: 'x', syntax: 'pandoc' });
  });

  it('takes words with spaces inside [@... or a cite command\'s braces, and not after a bare @', () => {
    assert.deepEqual(citeCompletionAt('as [@vaswani att', 16, 'markdown'), { start: 5, typed: 'vaswani att', syntax: 'pandoc' });
    assert.deepEqual(citeCompletionAt('\\cite{a, vaswani 2017', 21, 'latex'), { start: 9, typed: 'vaswani 2017', syntax: 'latex' });
    assert.equal(citeCompletionAt('see @x y', 8, 'markdown'), undefined);
    assert.equal(citeCompletionAt('[@a] and @x y', 13, 'markdown'), undefined);
    assert.equal(citeCompletionAt('[@a]; see @ b', 13, 'markdown'), undefined);
  });

  it('reads only what is before the cursor', () => {
    assert.deepEqual(citeCompletionAt('[@vas] more', 5, 'markdown'), { start: 2, typed: 'vas', syntax: 'pandoc' });
    assert.deepEqual(citeCompletionAt('\\cite{va}', 8, 'latex'), { start: 6, typed: 'va', syntax: 'latex' });
  });

  it('not inside an e-mail address or a word, nor without an @', () => {
    assert.equal(citeCompletionAt('mail me@exa', 11, 'markdown'), undefined);
    assert.equal(citeCompletionAt('plain words', 11, 'markdown'), undefined);
    assert.equal(citeCompletionAt('see @x', 6, 'latex'), undefined);
  });

  it('inside a LaTeX cite command after the brace or a comma, with notes and a star', () => {
    assert.deepEqual(citeCompletionAt('\\cite{va', 8, 'latex'), { start: 6, typed: 'va', syntax: 'latex' });
    assert.deepEqual(citeCompletionAt('\\citep*[see][p. 3]{a, b,ho', 26, 'latex'), { start: 24, typed: 'ho', syntax: 'latex' });
    assert.deepEqual(citeCompletionAt('\\parencite{a,', 13, 'markdown'), { start: 13, typed: '', syntax: 'latex' });
    assert.equal(citeCompletionAt('\\ref{fig', 8, 'latex'), undefined);
    assert.equal(citeCompletionAt('\\cite{a} b', 10, 'latex'), undefined);
  });
});

describe('search words of a cite key', () => {
  it('splits punctuation and letters from digits', () => {
    assert.equal(searchWordsOfKey('vaswani2017attention'), 'vaswani 2017 attention');
    assert.equal(searchWordsOfKey('gadre:data_comp-2023'), 'gadre data comp 2023');
    assert.equal(searchWordsOfKey('_x_'), 'x');
    assert.equal(searchWordsOfKey('müller2020'), 'müller 2020');
  });
});

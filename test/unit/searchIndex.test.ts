/**
 * The search index and its postings on small hand-made papers: BM25 ordering and its weights,
 * the alternatives a query word is read as (exact, joined, split, typo, completion), exact
 * title, name and key hits, the candidate cut, and indexes larger than the first buffers.
 * Every index is built inside its test, from a few papers whose scores can be worked out by
 * hand; none reads the bundled corpus, so each test takes milliseconds.
 */
import { strict as assert } from 'node:assert';
import { SearchIndex, type SearchDoc } from '../../src/core/search';
import { compactHash } from '../../src/core/tokens';
import type { Paper, SearchResult } from '../../src/core/types';

/** A paper with a title and whatever else is given. */
function docOf(
  id: string,
  title: string,
  more: { abstract?: string; names?: string[]; topics?: string[]; keys?: string[]; authors?: string[]; year?: number } = {},
): SearchDoc {
  const paper: Paper = {
    id,
    title,
    abstract: more.abstract ?? '',
    links: [],
    ...(more.keys ? { keys: more.keys } : {}),
    ...(more.authors ? { authors: more.authors } : {}),
    ...(more.year !== undefined ? { year: more.year } : {}),
  };
  return { paper, names: more.names ?? [], topics: more.topics ?? [] };
}

/** Papers on unrelated subjects (three title words each), so that the words of a test stay rare. */
const fillers = (count: number): SearchDoc[] => Array.from({ length: count }, (_, k) => docOf(`f${k}`, `Filler number${k} study`));

const idsOf = (results: readonly SearchResult[]): string[] => results.map((r) => r.paper.id);

function scoreOf(results: readonly SearchResult[], id: string): number {
  const hit = results.find((r) => r.paper.id === id);
  assert.ok(hit, `${id} is among ${idsOf(results).join(', ')}`);
  return hit.score;
}

/** Asserts that two numbers agree to a relative `tolerance`. */
function near(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual / expected - 1) <= tolerance, `${what}: ${actual} against ${expected}`);
}

/**
 * Papers titled "Note <word>" (two title words each) with the given abstracts, then six fillers.
 * Papers whose abstracts have as many words, each word once, have equal lengths, so their
 * BM25 impacts are equal and their scores differ only by a term's weight and rarity.
 */
function notes(abstracts: Record<string, string>): SearchIndex {
  const words = ['one', 'two', 'three', 'four', 'five', 'six'];
  const docs = Object.entries(abstracts).map(([id, abstract], k) => docOf(id, `Note ${words[k]}`, { abstract }));
  return new SearchIndex([...docs, ...fillers(6)]);
}

describe('SearchIndex, scoring on hand-made papers', () => {
  it('scores by BM25: term frequency saturates and longer papers count less', () => {
    // Three papers with "alpha" in the abstract (titles hold two words, weight 3 each), six
    // fillers (three title words). Lengths: 6 + 1 = 7, 6 + 10 = 16, 6 + 2 = 8; fillers 9.
    const index = notes({ short: 'alpha', long: 'alpha pad pad pad pad pad pad pad pad pad', twice: 'alpha alpha' });
    const results = index.search('alpha ');
    assert.deepEqual(idsOf(results), ['twice', 'short', 'long']);
    // fuse.js finds nothing in the titles, so the score is 0.7 × BM25 over the best BM25, and
    // the idf is the same for all three: the ratios are those of tf·(k1+1) / (tf + norm).
    const average = (7 + 16 + 8 + 6 * 9) / 9;
    const impact = (tf: number, length: number) => tf / (tf + 1.2 * (0.25 + (0.75 * length) / average));
    near(scoreOf(results, 'twice'), 0.7, 1e-6, 'the best scores 0.7');
    // Impacts are kept in a byte (about 130 and 90 steps here): within 1 %.
    near(scoreOf(results, 'short') / scoreOf(results, 'twice'), impact(1, 7) / impact(2, 8), 0.01, 'short against twice');
    near(scoreOf(results, 'long') / scoreOf(results, 'twice'), impact(1, 16) / impact(2, 8), 0.01, 'long against twice');
    for (const r of results) assert.deepEqual(r.matches.map((m) => m.field), ['abstract'], `${r.paper.id} matched in its abstract only`);
  });

  it('weighs a rarer word more (idf), and a paper matching half the words by a quarter', () => {
    const index = notes({ a: 'alpha pad', b1: 'beta pad', b2: 'beta pad' });
    const results = index.search('alpha beta ');
    assert.deepEqual(idsOf(results), ['a', 'b1', 'b2'], 'equal scores keep listing order');
    const n = 9;
    const idf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
    // Coverage 1/2, squared: 0.25 × 0.7 for the best.
    near(scoreOf(results, 'a'), 0.25 * 0.7, 1e-6, 'half the words matched');
    near(scoreOf(results, 'b1') / scoreOf(results, 'a'), idf(2) / idf(1), 1e-4, 'idf of a word in 2 papers against 1');
    assert.equal(scoreOf(results, 'b1'), scoreOf(results, 'b2'));
  });

  it('counts names and topic labels in a paper\'s length, but not its authors, keys or year', () => {
    const authors = Array.from({ length: 10 }, (_, k) => `Author${k} Surname${k}`);
    const index = new SearchIndex([
      docOf('named', 'Alpha study', { names: ['Beta gamma'] }),
      docOf('labelled', 'Alpha study', { topics: ['Delta epsilon'] }),
      docOf('authored', 'Alpha study', { authors, keys: ['smith2020key'], year: 2020 }),
      docOf('plain', 'Alpha study'),
      ...fillers(8),
    ]);
    const results = index.search('alpha ');
    // Names weigh 4 a word, topics 2: "named" is the longest, then "labelled"; "authored" and
    // "plain" are as long as each other and tie, in listing order.
    assert.deepEqual(idsOf(results), ['authored', 'plain', 'labelled', 'named']);
    assert.equal(scoreOf(results, 'authored'), scoreOf(results, 'plain'));
  });

  it('counts a title word three times an abstract word, in the length too', () => {
    // "wordy" has four title words (length 12) and one abstract word; "brief" one title word
    // and seven abstract words (length 10): "brief" is shorter.
    const index = new SearchIndex([
      docOf('wordy', 'Kappa lambda omicron sigma', { abstract: 'alpha' }),
      docOf('brief', 'Upsilon', { abstract: 'alpha chi psi omega rho tau phi' }),
      ...fillers(6),
    ]);
    assert.deepEqual(idsOf(index.search('alpha ')), ['brief', 'wordy']);
  });

  it('weighs a word read with a typo, as a completion, or joined or split, below the word as typed', () => {
    // Abstracts of two words, each word in one paper: equal impacts and idf, so the ratio of
    // two papers' scores is the ratio of the weights of the alternatives they matched.
    const ag = notes({ a: 'alpha pad', g: 'gamma pad' });
    const ratio = (index: SearchIndex, query: string, id: string, base: string) => {
      const results = index.search(query);
      return scoreOf(results, id) / scoreOf(results, base);
    };
    // A typo: 1 - 1.5 × edits / letters.
    near(ratio(ag, 'alpah gamma ', 'a', 'g'), 1 - 1.5 / 5, 1e-4, 'alpah → alpha');
    // A completion of the word being typed: 0.5 + 0.4 × typed letters / letters of the term.
    near(ratio(ag, 'gamma alp', 'a', 'g'), 0.5 + (0.4 * 3) / 5, 1e-4, 'alp → alpha');
    // Reached both ways, a term counts by the better: completion 0.82 over typo 0.625 here...
    near(ratio(ag, 'gamma alph', 'a', 'g'), 0.5 + (0.4 * 4) / 5, 1e-4, 'alph → alpha');
    // ...and typo 0.875 over completion 0.869 here.
    const long = notes({ l: 'abcdefghijklm pad', g: 'gamma pad' });
    near(ratio(long, 'gamma abcdefghijkl', 'l', 'g'), 1 - 1.5 / 12, 1e-4, 'one letter short of a long word');
    // Two terms of one paper read for the same word: the paper scores the better, whichever comes first.
    const both = notes({ x: 'alpha alps', g: 'gamma delta' });
    near(ratio(both, 'gamma alph', 'x', 'g'), 0.5 + (0.4 * 4) / 5, 1e-4, 'alpha (0.82) and alps (0.625) in one paper');
    // Two edits in eight letters: 1 - 1.5 × 2 / 8.
    const two = notes({ t: 'netwarks pad', g: 'gamma pad' });
    near(ratio(two, 'gamma netwerkz ', 't', 'g'), 1 - (1.5 * 2) / 8, 1e-4, 'netwerkz → netwarks');
    // Joined (`fine tuning` meets `finetuning`) and split (`finetuning` meets `fine tuning`): 0.9.
    const ft = notes({ together: 'finetuning pad', apart: 'fine tuning' });
    near(ratio(ft, 'fine tuning ', 'together', 'apart'), 0.9, 1e-4, 'fine tuning → finetuning');
    near(ratio(ft, 'finetuning ', 'apart', 'together'), 0.9, 1e-4, 'finetuning → fine + tuning');
  });

  it('scores a paper holding two splits of a word by the better one, as one word matched', () => {
    // "abcdefxyz" splits into abcd + efxyz (each in one paper) and abcde + fxyz (each in two).
    // Paper x holds both splits; it scores 0.9 × the idf of a word in one paper, as g does for
    // "gamma" (idf of one paper, weight 1): x against g is 0.9, and each matched half the query.
    const index = notes({ x: 'abcd efxyz abcde fxyz', y: 'abcde fxyz pad pad', g: 'gamma pad pad pad' });
    const results = index.search('gamma abcdefxyz ');
    assert.deepEqual(idsOf(results), ['g', 'x', 'y']);
    near(scoreOf(results, 'x') / scoreOf(results, 'g'), 0.9, 1e-4, 'x against g');
    near(scoreOf(results, 'g'), 0.25 * 0.7, 1e-6, 'g matched half the words');
  });

  it('highlights what fuse.js found inside a word when it reads like a query word or a joined one', () => {
    const index = new SearchIndex([docOf('p', 'MatFormer', { abstract: 'nested models', names: ['MatFormer'] }), ...fillers(5)]);
    const expected = [
      { field: 'title', ranges: [[3, 7]] },
      { field: 'names', ranges: [[3, 7]], value: 'MatFormer' },
      { field: 'abstract', ranges: [[0, 6]] },
    ];
    assert.deepEqual(index.search('form nested ')[0].matches, expected);
    assert.deepEqual(index.search('fo-rm nested ')[0].matches, expected);
  });

  it('highlights both halves of a split compound', () => {
    const index = notes({ apart: 'fine tuning', other: 'pad' });
    const [hit] = index.search('finetuning ');
    assert.equal(hit.paper.id, 'apart');
    assert.deepEqual(hit.matches, [{ field: 'abstract', ranges: [[0, 4], [5, 11]] }]);
  });
});

describe('SearchIndex, reading query words on hand-made papers', () => {
  it('gives nothing for an empty, blank or punctuation-only query, a limit of 0, or an empty index', () => {
    const index = new SearchIndex([docOf('alpha', 'Alpha study'), ...fillers(5)]);
    for (const query of ['', '   ', '\t\n', '—?!']) assert.deepEqual(index.search(query), [], JSON.stringify(query));
    assert.deepEqual(index.search('alpha', 0), []);
    assert.deepEqual(idsOf(index.search('alpha', 1)), ['alpha']);
    assert.deepEqual(new SearchIndex([]).search('alpha'), []);
  });

  it('completes the last word while it is typed, even after other words', () => {
    const index = new SearchIndex([docOf('shape', 'ShapeFormer shapelet transformer'), docOf('mat', 'MatFormer nested models'), ...fillers(5)]);
    assert.deepEqual(idsOf(index.search('nested shapefor')).sort(), ['mat', 'shape']);
    assert.deepEqual(idsOf(index.search('nested shapefor ')), ['mat']);
    assert.deepEqual(idsOf(index.search('shapefor nested')), ['mat'], 'an earlier word is not completed');
  });

  it('reads at most 16 words of a query, counting the parts of hyphenated words', () => {
    const index = new SearchIndex([docOf('zebra', 'Zebra crossings'), ...fillers(5)]);
    const words = (n: number) => Array.from({ length: n }, (_, k) => `x${k}`);
    assert.deepEqual(idsOf(index.search(`${words(15).join(' ')} zebra`)), ['zebra']);
    assert.deepEqual(index.search(`${words(16).join(' ')} zebra`), []);
    assert.deepEqual(index.search(`${words(16).join('-')}-zebra`), []);
    assert.deepEqual(idsOf(index.search(`${words(14).join(' ')} x14-zebra`)), ['zebra']);
  });

  it('indexes a year only where a paper has one, and the last word of the last paper', () => {
    const index = new SearchIndex([docOf('dated', 'Dated paper', { year: 2017 }), docOf('undated', 'Undefined behaviour'), ...fillers(5), docOf('last', 'Omega zulu')]);
    assert.deepEqual(idsOf(index.search('2017 ')), ['dated']);
    assert.deepEqual(idsOf(index.search('undefined ')), ['undated']);
    assert.deepEqual(idsOf(index.search('zulu ')), ['last']);
  });

  it('completes only the last part of a hyphenated word being typed', () => {
    const index = new SearchIndex([docOf('former', 'Transformer networks'), ...fillers(5)]);
    assert.deepEqual(idsOf(index.search('trans')), ['former']);
    assert.deepEqual(index.search('trans-zzz'), []);
    assert.deepEqual(idsOf(index.search('zzz-trans')), ['former']);
  });

  it('joins and splits single words only, not the parts of a hyphenated word', () => {
    // (Titles of two words: a title equal to the query once compacted would be an exact hit.)
    const index = new SearchIndex([docOf('together', 'Finetuning models'), docOf('apart', 'Fine tuning models'), ...fillers(6)]);
    assert.deepEqual(idsOf(index.search('fine tuning ')).sort(), ['apart', 'together']);
    // "tuning" begins a hyphenated word: it is not joined to "fine".
    assert.deepEqual(idsOf(index.search('fine tuning-zzz ')), ['apart']);
    // "finetuning" is a part of a hyphenated word: it is not split.
    assert.deepEqual(idsOf(index.search('finetuning-zzz ')), ['together']);
    // Nor while it is being typed.
    assert.deepEqual(idsOf(index.search('finetuning')), ['together']);
    // A hyphenated word meets its parts and its joined form.
    assert.deepEqual(idsOf(index.search('fine-tuning ')).sort(), ['apart', 'together']);
    const joinedOnly = new SearchIndex([docOf('together', 'Finetuning models'), ...fillers(6)]);
    assert.deepEqual(idsOf(joinedOnly.search('fine-tuning ')), ['together']);
    // The word after a hyphenated word is not joined to its last part.
    assert.deepEqual(idsOf(joinedOnly.search('pre-fine tuning ')), []);
  });

  it('splits a word in at most two ways, both halves indexed and not common', () => {
    // "abcdefxyz" could be abc + defxyz, abcd + efxyz, abcde + fxyz or abcdef + xyz.
    const halves = (first: string, second: string) => `${first} ${second}`;
    const twoWays = new SearchIndex([
      docOf('p4', 'Paper', { abstract: halves('abcd', 'efxyz') }),
      docOf('p5', 'Paper', { abstract: halves('abcde', 'fxyz') }),
      docOf('p6', 'Paper', { abstract: halves('abcdef', 'xyz') }),
      ...fillers(7),
    ]);
    assert.deepEqual(idsOf(twoWays.search('abcdefxyz ')), ['p4', 'p5'], 'the two shortest first halves');
    // Each half has at least three letters: abcdef + xyz counts, abcde + xy does not.
    const last = new SearchIndex([docOf('p6', 'Paper', { abstract: halves('abcdef', 'xyz') }), docOf('p7', 'Paper', { abstract: halves('abcde', 'xy') }), ...fillers(7)]);
    assert.deepEqual(idsOf(last.search('abcdefxyz ')), ['p6']);
    assert.deepEqual(idsOf(last.search('abcdexy ')), []);
    // A first half with no indexed second half, or a second half with no indexed first half,
    // takes none of the two places.
    for (const strays of [
      ['abc', 'abcd'],
      ['defxyz', 'efxyz'],
    ]) {
      const index = new SearchIndex([
        ...strays.map((word, k) => docOf(`s${k}`, 'Stray', { abstract: word })),
        docOf('both', 'Paper', { abstract: halves('abcde', 'fxyz') }),
        ...fillers(7),
      ]);
      assert.deepEqual(idsOf(index.search('abcdefxyz ')), ['both'], strays.join(', '));
    }
  });

  it('meets a split compound only in papers holding both halves, whatever their neighbours in the index', () => {
    // Term order follows the listing: "abc" is followed by "quux" (paper q only), "dxyz" by
    // "solo" (paper s, which holds "abc" only). Neither q nor s holds both halves.
    const index = new SearchIndex([
      docOf('z', 'Zero', { abstract: 'abc' }),
      docOf('q', 'Quux', { abstract: 'dxyz' }),
      docOf('s', 'Solo', { abstract: 'abc' }),
      docOf('both', 'Both', { abstract: 'abc dxyz' }),
      ...fillers(8),
    ]);
    assert.deepEqual(idsOf(index.search('abcdxyz ')), ['both']);
  });

  it('reads a rare word as a word a letter away from ten times its frequency on', () => {
    // "form" in 2 papers, "from" in `fromCount`: read as "from" too from 20 papers on.
    const indexWith = (fromCount: number) =>
      new SearchIndex([
        ...Array.from({ length: 2 }, (_, k) => docOf(`form${k}`, `Form number${k}`)),
        ...Array.from({ length: fromCount }, (_, k) => docOf(`from${k}`, `From place${k}`)),
        ...fillers(60),
      ]);
    assert.equal(indexWith(20).search('form ', 100).length, 22);
    assert.deepEqual(idsOf(indexWith(19).search('form ', 100)), ['form0', 'form1']);
    // A word in three papers is taken as typed, however common the word a letter away.
    const three = new SearchIndex([
      ...Array.from({ length: 3 }, (_, k) => docOf(`form${k}`, `Form number${k}`)),
      ...Array.from({ length: 30 }, (_, k) => docOf(`from${k}`, `From place${k}`)),
      ...fillers(60),
    ]);
    assert.deepEqual(idsOf(three.search('form ', 100)), ['form0', 'form1', 'form2']);
  });

  it('drops a word in more than 40 % of the papers once rarer words are present, not one in exactly 40 %', () => {
    // "study" in 4 of 10 papers (40 %) is kept beside "graph"; in 5 of 10 it is dropped.
    const indexWith = (studies: number) =>
      new SearchIndex([
        docOf('graph', 'Graph theory'),
        ...Array.from({ length: studies }, (_, k) => docOf(`s${k}`, `Study number${k}`)),
        ...Array.from({ length: 9 - studies }, (_, k) => docOf(`o${k}`, `Other topic${k}`)),
      ]);
    assert.deepEqual(idsOf(indexWith(4).search('study graph ', 100)).sort(), ['graph', 's0', 's1', 's2', 's3']);
    assert.deepEqual(idsOf(indexWith(5).search('study graph ', 100)), ['graph']);
    assert.equal(indexWith(5).search('study ', 100).length, 5, 'alone, a common word is kept');
  });

  it('keeps the most frequent completions of a short prefix', () => {
    // 34 terms start with "zeb", each in one paper, and "zebra" in three papers listed last:
    // "zebra" is among the 32 most frequent completions.
    const index = new SearchIndex([
      ...Array.from({ length: 34 }, (_, k) => docOf(`z${k}`, `Zeb${String.fromCharCode(97 + (k % 26))}${k} item`)),
      ...Array.from({ length: 3 }, (_, k) => docOf(`zebra${k}`, `Zebra crossing${k}`)),
      ...fillers(60),
    ]);
    const found = idsOf(index.search('zeb', 100));
    for (const id of ['zebra0', 'zebra1', 'zebra2']) assert.ok(found.includes(id), `${id} in ${found.join(' ')}`);
  });
});

describe('SearchIndex, exact hits and candidates on hand-made papers', () => {
  it('puts every paper with exactly that title, name or key first, each once', () => {
    const index = new SearchIndex([
      docOf('t1', 'Shared Title Here'),
      docOf('t2', 'Shared Title Here', { names: ['Shared Title Here'] }),
      docOf('t3', 'Shared title here'),
      docOf('keyed', 'Something else', { keys: ['smith2020a', 'smith2020b'] }),
      docOf('named', 'Another thing', { names: ['NameX'] }),
      ...fillers(8),
    ]);
    const shared = index.search('shared title here');
    // The paper that also has the title as a name scores more on the words.
    assert.deepEqual(idsOf(shared), ['t2', 't1', 't3']);
    for (const r of shared) assert.ok(r.score >= 10, `${r.paper.id}: ${r.score}`);
    for (const [query, id] of [
      ['@smith2020b', 'keyed'],
      ['smith2020a', 'keyed'],
      ['NameX', 'named'],
    ]) {
      const [first] = index.search(query);
      assert.equal(first.paper.id, id, query);
      assert.ok(first.score >= 10, `${query}: ${first.score}`);
    }
  });

  it('stores each title, name and key once per paper in its exact-hit table, and nothing else', () => {
    // t2's title is also its name, and one of "keyed"'s keys is its name once compacted; the fillers have no keys.
    const docs = [
      docOf('t1', 'Shared Title Here'),
      docOf('t2', 'Shared Title Here', { names: ['Shared Title Here'] }),
      docOf('keyed', 'Something else', { keys: ['namex2020', 'smith2020b'], names: ['NameX 2020'] }),
      ...fillers(4),
    ];
    const expected = new Map<number, number[]>();
    docs.forEach((d, doc) => {
      for (const text of [d.paper.title, ...d.names, ...(d.paper.keys ?? [])]) {
        const list = expected.get(compactHash(text)) ?? [];
        if (!list.includes(doc)) list.push(doc);
        expected.set(compactHash(text), list);
      }
    });
    const flat = new SearchIndex(docs).toData().exact;
    const stored = new Map<number, number[]>();
    for (let at = 0; at < flat.length; ) {
      const key = flat[at];
      const count = flat[at + 1];
      stored.set(key, Array.from(flat.subarray(at + 2, at + 2 + count)));
      at += 2 + count;
    }
    assert.deepEqual([...stored].sort((a, b) => a[0] - b[0]), [...expected].sort((a, b) => a[0] - b[0]));
  });

  it('takes an exact hit only where the title, a name or a key matches, not where its hash does', () => {
    // "yaczf" and "glbpp" have the same 32-bit compactHash; the paper titled Yaczf has names and keys too.
    const index = new SearchIndex([docOf('hash', 'Yaczf', { names: ['Other thing'], keys: ['k2001'] }), docOf('word', 'Glbpp study'), ...fillers(5)]);
    const results = index.search('glbpp');
    assert.deepEqual(idsOf(results), ['word']);
    assert.ok(results[0].score < 10, `${results[0].score}`);
    const bare = new SearchIndex([docOf('hash', 'Yaczf'), docOf('word', 'Glbpp study'), ...fillers(5)]);
    assert.deepEqual(idsOf(bare.search('glbpp')), ['word']);
    assert.ok(bare.search('glbpp')[0].score < 10);
  });

  it('adds an exact hit to the candidates when the words alone would leave it out', () => {
    // 40 short titles repeat the word; the paper named AlphaBeta holds it once, in a long text.
    const abstract = Array.from({ length: 60 }, (_, k) => `word${k}`).join(' ');
    const index = new SearchIndex([
      ...Array.from({ length: 40 }, (_, k) => docOf(`r${k}`, 'AlphaBeta AlphaBeta')),
      docOf('named', 'A long title about something else entirely', { abstract, names: ['Alpha-Beta'] }),
      ...fillers(70),
    ]);
    const results = index.search('AlphaBeta', 3);
    assert.deepEqual(idsOf(results), ['named', 'r0', 'r1']);
  });

  it('returns as many papers as the limit asks, beyond the 32 candidates handed to fuse.js', () => {
    const index = new SearchIndex([...Array.from({ length: 40 }, (_, k) => docOf(`a${k}`, `Alpha item${k}`)), ...fillers(70)]);
    assert.equal(index.search('alpha', 40).length, 40);
    assert.equal(index.search('alpha', 100).length, 40);
    assert.equal(index.search('alpha', 3).length, 3);
  });

  it('picks the best candidates among many: shorter papers first, then listing order', () => {
    // 60 papers hold "alpha" once in the abstract: tier A with no other word, tier B with 10
    // more, tier C with 40 more. Within a tier they tie. A is spread through the listing, C
    // comes first and last, B fills the rest.
    const tier = (i: number): 'A' | 'B' | 'C' => (i % 7 === 3 ? 'A' : i < 2 || i > 56 ? 'C' : 'B');
    const padding = { A: '', B: ' pad'.repeat(10), C: ' pad'.repeat(40) };
    const docs = Array.from({ length: 60 }, (_, i) => docOf(`${tier(i)}${i}`, `Paper number${i}`, { abstract: `alpha${padding[tier(i)]}` }));
    const index = new SearchIndex(docs);
    const ids = docs.map((d) => d.paper.id);
    const inTier = (t: string) => ids.filter((id) => id.startsWith(t));
    const expected = [...inTier('A'), ...inTier('B'), ...inTier('C')];
    assert.deepEqual([inTier('A').length, inTier('C').length], [9, 4]);
    for (const limit of [3, 20, 32, 60]) assert.deepEqual(idsOf(index.search('alpha ', limit)), expected.slice(0, limit), `limit ${limit}`);
  });

  it('puts papers matching more of the query words into the candidates first', () => {
    // 40 short papers hold "alpha" three times; 2 long ones, first and last, hold "alpha" and
    // "beta" once each, scoring lower on BM25 than each of the 40.
    const two = (id: string) => docOf(id, `Paper ${id}`, { abstract: `alpha beta${' pad'.repeat(60)}` });
    const docs = [
      two('first'),
      ...Array.from({ length: 40 }, (_, k) => docOf(`one${k}`, `Paper number${k}`, { abstract: 'alpha alpha alpha' })),
      two('last'),
      ...fillers(70),
    ];
    const results = new SearchIndex(docs).search('alpha beta ', 5);
    assert.deepEqual(idsOf(results), ['first', 'last', 'one0', 'one1', 'one2']);
  });

  it('hands fuse.js only the 32 papers that match most words, then BM25', () => {
    // 32 very long papers hold "alpha" and "beta" once; a short paper listed last holds
    // "alpha" four times. Its BM25 total is more than four times theirs, so among the same
    // candidates it would rank first (a quarter of the words matched, squared, times its full
    // BM25 share, against their small share); but it matches fewer words and is not a candidate.
    const docs = [
      ...Array.from({ length: 32 }, (_, k) => docOf(`both${k}`, `Paper number${k}`, { abstract: `alpha beta${' pad'.repeat(2000)}` })),
      docOf('many', 'Paper many', { abstract: 'alpha alpha alpha alpha' }),
      ...fillers(1000),
    ];
    const results = new SearchIndex(docs).search('alpha beta ', 3);
    assert.deepEqual(idsOf(results), ['both0', 'both1', 'both2']);
  });

  it('keeps the candidates that match most words among many, whatever the listing order', () => {
    // 100 papers; paper i holds the first s(i) of ten query words, s(i) = 1 + (7i mod 10), and
    // pads the rest, so all are as long. More words matched ranks first; equals by listing order.
    const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa'];
    const matched = (i: number) => 1 + ((7 * i) % 10);
    const docs = Array.from({ length: 100 }, (_, i) =>
      docOf(`p${i}`, `Paper number${i}`, { abstract: [...words.slice(0, matched(i)), ...Array<string>(10 - matched(i)).fill('pad')].join(' ') }),
    );
    const index = new SearchIndex([...docs, ...fillers(200)]);
    const expected = docs
      .map((d, i) => ({ id: d.paper.id, i, s: matched(i) }))
      .sort((a, b) => b.s - a.s || a.i - b.i)
      .map((x) => x.id);
    for (const limit of [5, 20]) assert.deepEqual(idsOf(index.search(`${words.join(' ')} `, limit)), expected.slice(0, limit), `limit ${limit}`);
  });

  it('indexes more distinct words than its first tables hold', () => {
    // One author field of 33,000 distinct words: more terms than the term tables start with
    // (32,768) and more pairs of paper and term than the first guess, which counts titles and
    // abstracts only. Then papers whose words come after it in the table: "yak" first seen in
    // paper 1, "zebra" in paper 2.
    const many = Array.from({ length: 33_000 }, (_, k) => `w${k}`).join(' ');
    const index = new SearchIndex([
      docOf('big', 'Big', { authors: [many] }),
      docOf('once', 'Crossing one', { abstract: 'w32999 yak' }),
      docOf('twice', 'Crossing two', { abstract: 'w32999 w32999 zebra' }),
      ...fillers(6),
    ]);
    assert.deepEqual(idsOf(index.search('yak ')), ['once']);
    assert.deepEqual(idsOf(index.search('zebra ')), ['twice']);
    // Authors count three times and not toward the length: "big" (one title word) first. The
    // word twice outranks the word once.
    assert.deepEqual(idsOf(index.search('w32999 ')), ['big', 'twice', 'once']);
  });

  it('keeps every pair of paper and term past its first chunk of 262,144 pairs', () => {
    // 700 papers of over 400 distinct terms each: more than 280,000 pairs, the last papers' in a
    // second chunk. Each paper also holds "shared", and its own word "own{k}" twice. The last
    // two hold "pear", the last one twice: it ranks first only if its count is kept.
    const docs = Array.from({ length: 700 }, (_, k) =>
      docOf(`p${k}`, `Paper ${k}`, { abstract: `shared own${k} own${k} ${k === 698 ? 'pear' : k === 699 ? 'pear pear' : ''} ` + Array.from({ length: 400 }, (_, j) => `v${k}x${j}`).join(' ') }),
    );
    const index = new SearchIndex(docs);
    for (let k = 0; k < 700; k++) {
      assert.deepEqual(idsOf(index.search(`own${k} `)), [`p${k}`]);
      assert.deepEqual(idsOf(index.search(`v${k}x399 `)), [`p${k}`]);
    }
    assert.equal(index.search('shared ', 1000).length, 700);
    assert.deepEqual(idsOf(index.search('pear ')), ['p699', 'p698']);
  });

  it('numbers the documents of its posting lists in two bytes up to 65,536 papers, and in four past that', () => {
    // The last paper of each corpus holds a word no other has: numbered in two bytes past
    // 65,535, it would be found as paper 0 (the number wrapped).
    for (const count of [65_536, 65_537]) {
      const docs = Array.from({ length: count }, (_, k) => docOf(`p${k}`, k === count - 1 ? 'Last unicorn' : 'Common'));
      const index = new SearchIndex(docs);
      assert.deepEqual(idsOf(index.search('unicorn ')), [`p${count - 1}`], `${count} papers`);
      const { postDoc } = index.toData().postings;
      assert.equal(postDoc.constructor, count <= 65_536 ? Uint16Array : Int32Array, `${count} papers`);
    }
  });
});

/** Words as search sees them: cutting, folding, compounds, the term table and exact-hit keys. */
import { strict as assert } from 'node:assert';
import { foldWord } from '../../src/core/text';
import { compactHash, compactKey, splitWords, TermTable } from '../../src/core/tokens';
import { wordRanges } from '../../src/core/search/highlight';
import { bundledCorpus } from './helpers';

/** Each compound as `term@start-end`, its parts joined by `+` and its joined form after `=`. */
function cut(text: string): string[] {
  return splitWords(text).map((c) => {
    const parts = c.parts.map((p) => `${p.term}@${p.start}-${p.end}`).join('+');
    return c.joined === undefined ? parts : `${parts}=${c.joined}@${c.start}-${c.end}`;
  });
}

/** What `collect` wrote: each id with its [start, end). */
function collected(table: TermTable, text: string, add = true): Array<[number, number, number]> {
  const count = table.collect(text, add);
  return Array.from({ length: count }, (_, k) => [table.ids[k], table.starts[k], table.ends[k]]);
}

describe('splitWords', () => {
  it('cuts words at every character that is not a letter or digit, ASCII bounds included', () => {
    // '/' ':' '@' '[' '`' '{' stand just outside 0-9, A-Z and a-z.
    assert.deepEqual(cut('/09:@AZ[`az{'), ['09@1-3', 'az@5-7', 'az@9-11']);
    assert.deepEqual(cut('Qwen2VL 5B, 1.2b'), ['qwen2vl@0-7', '5b@8-10', '1@12-13', '2b@14-16']);
    assert.deepEqual(cut(''), []);
    assert.deepEqual(cut(' .,;!? '), []);
  });

  it('joins words across one hyphen or underscore into a compound with its parts written together', () => {
    assert.deepEqual(cut('state-of-the-art, x'), ['state@0-5+of@6-8+the@9-12+art@13-16=stateoftheart@0-16', 'x@18-19']);
    assert.deepEqual(cut('snake_case'), ['snake@0-5+case@6-10=snakecase@0-10']);
    assert.deepEqual(cut('LAION-5B'), ['laion@0-5+5b@6-8=laion5b@0-8']);
  });

  it('makes no compound of a hyphen at either end of a word, a double hyphen or a hyphen before a space', () => {
    assert.deepEqual(cut('trailing- -leading a--b a- b'), ['trailing@0-8', 'leading@11-18', 'a@19-20', 'b@22-23', 'a@24-25', 'b@27-28']);
    assert.deepEqual(cut('word-'), ['word@0-4']);
    assert.deepEqual(cut('word_'), ['word@0-4']);
  });

  it('takes the Unicode hyphens as joiners, but not dashes', () => {
    assert.deepEqual(cut('a\u2010b c\u2011d e\u2013f g\u2014h'), ['a@0-1+b@2-3=ab@0-3', 'c@4-5+d@6-7=cd@4-7', 'e@8-9', 'f@10-11', 'g@12-13', 'h@14-15']);
    assert.deepEqual(cut('end\u2010'), ['end@0-3']);
  });

  it('folds case and diacritics, keeps combining marks inside the word, splits at apostrophes', () => {
    assert.deepEqual(cut('Schrödinger’s ÉCLAIR'), ['schrodinger@0-11', 's@12-13', 'eclair@14-20']);
    assert.deepEqual(cut('nai\u0308ve'), ['naive@0-6']);
    assert.deepEqual(cut('Café-au-Lait'), ['cafe@0-4+au@5-7+lait@8-12=cafeaulait@0-12']);
    assert.deepEqual(cut('東京 Δ-Net'), ['東京@0-2', 'δ@3-4+net@5-8=δnet@3-8']);
  });

  it('counts astral letters as two code units and skips astral symbols and lone surrogates', () => {
    // U+1D4B3 MATHEMATICAL SCRIPT CAPITAL X is a letter; U+1F600 is an emoji.
    assert.deepEqual(cut('\u{1D4B3}-ray'), ['\u{1D4B3}@0-2+ray@3-6=\u{1D4B3}ray@0-6']);
    assert.deepEqual(cut('a\u{1F600}b \u{1F600}'), ['a@0-1', 'b@3-4']);
    assert.deepEqual(cut('a\ud800b'), ['a@0-1', 'b@2-3']);
    assert.deepEqual(cut('x\u{1D4B3}y'), ['x\u{1D4B3}y@0-4']);
    // U+10000 LINEAR B SYLLABLE B008 A, the first astral letter (high surrogate D800).
    assert.deepEqual(cut('\u{10000} a'), ['\u{10000}@0-2', 'a@3-4']);
  });
});

describe('foldWord and compactKey', () => {
  it('folds to lower case without diacritics, ASCII unchanged but for case', () => {
    assert.equal(foldWord('ASCII Only-1'), 'ascii only-1');
    assert.equal(foldWord('ÉCLAIR Café'), 'eclair cafe');
    assert.equal(foldWord('İstanbul'), 'istanbul');
    assert.equal(foldWord('Straße'), 'straße');
  });

  it('reduces a text to its folded letters and digits', () => {
    assert.equal(compactKey('Split & Merge'), 'splitmerge');
    assert.equal(compactKey('Schrödinger’s Cat'), 'schrodingerscat');
    assert.equal(compactKey('東京 Data-Set 2'), '東京dataset2');
    assert.equal(compactKey('— ?!'), '');
    assert.equal(compactKey(''), '');
  });

  it('hashes a text as its compact key, on the ASCII fast path and off it alike', () => {
    const same = [
      ['Split & Merge', 'splitmerge', 'SPLIT-MERGE'],
      ['Müller', 'muller', 'MULLER', 'M-u-l-l-e-r'],
      ['Schrödinger’s Cat', 'schrodingerscat'],
      ['東京 Data', '東京data'],
      ['', '—?!', '  '],
    ];
    for (const group of same) {
      for (const text of group) assert.equal(compactHash(text), compactHash(compactKey(text)), text);
      for (const text of group.slice(1)) assert.equal(compactHash(text), compactHash(group[0]), `${text} / ${group[0]}`);
    }
    const distinct = ['splitmerge', 'mergesplit', 'muller', 'mullar', 'mulle', '東京', ''];
    assert.equal(new Set(distinct.map(compactHash)).size, distinct.length);
  });
});

describe('TermTable', () => {
  it('a subset of its terms finds those terms under their ids, and no other', () => {
    // Real text: the bundled papers' titles and abstracts, with compounds (`fine-tuning`) and words past ASCII.
    const texts = bundledCorpus().papers.flatMap((p) => [p.title, p.abstract]);
    texts.push('Müller-Lüdenscheidt trains a Vision-Language model: ViT-L/14, fine-tuning and finetuning.');
    const table = new TermTable();
    for (const text of texts) table.collect(text);
    const chosen = new Set<number>();
    for (let id = 0; id < table.size; id += 7) chosen.add(id);
    for (const term of ['fine', 'finetuning', 'vision', 'muller', 'mullerludenscheidt']) chosen.add(table.idOf(term));
    assert.ok(![...chosen].includes(-1), 'every term chosen is known');
    const subset = table.subset([...chosen, -1, table.size + 3]);
    assert.equal(subset.terms, table.terms, 'the same texts, so the same ids');
    for (const text of texts) {
      const whole = collected(table, text, false).map(([id, start, end]) => [chosen.has(id) ? id : -1, start, end]);
      assert.deepEqual(collected(subset, text, false), whole, text.slice(0, 40));
      assert.deepEqual(wordRanges(subset, text, chosen), wordRanges(table, text, chosen));
    }
    assert.throws(() => subset.intern('brandnewterm'), /takes no new terms/);
  });

  it('gives dense ids in order of first sight, with each word where it stands', () => {
    const table = new TermTable();
    assert.deepEqual(collected(table, 'Deep nets, deep NETS and nets'), [
      [0, 0, 4],
      [1, 5, 9],
      [0, 11, 15],
      [1, 16, 20],
      [2, 21, 24],
      [1, 25, 29],
    ]);
    assert.deepEqual(table.terms, ['deep', 'nets', 'and']);
    assert.equal(table.size, 3);
    assert.equal(table.idOf('nets'), 1);
    assert.equal(table.idOf('Nets'), -1, 'idOf takes folded terms');
  });

  it('sized for the terms expected, holds them without growing, and grows past them', () => {
    const table = new TermTable(10_000);
    const slots = () => (table as unknown as { table: Int32Array }).table.length / 3;
    assert.equal(slots(), 32_768, 'at most half full');
    for (let k = 0; k < 10_000; k++) table.intern(`t${k}`);
    assert.equal(slots(), 32_768);
    for (let k = 10_000; k < 20_000; k++) table.intern(`t${k}`);
    assert.equal(slots(), 65_536);
    for (const k of [0, 9_999, 19_999]) assert.equal(table.idOf(`t${k}`), k);
    assert.equal((new TermTable() as unknown as { table: Int32Array }).table.length / 3, 2048);
  });

  it('is stored in the fewest slots that keep it at most 0.6 full, and restored answers as built', () => {
    const table = new TermTable(10_000);
    for (let k = 0; k < 9_000; k++) table.intern(`t${k}`);
    const data = table.toData();
    // 9,000 terms: 16,384 slots hold them at 0.55 (32,768 built, for the 10,000 expected).
    assert.deepEqual([data.table.length / 3, data.mask], [16_384, 16_383]);
    const back = TermTable.fromData(data);
    for (let k = 0; k < 9_000; k++) assert.equal(back.idOf(`t${k}`), k, `t${k}`);
    for (const missing of ['t9000', 't-1', '', 'x']) assert.equal(back.idOf(missing), -1, missing);
    assert.equal(back.size, 9_000);
    // At 0.6 of 16,384 slots (9,830 terms) it still fits; one more and it takes 32,768.
    const full = new TermTable(20_000);
    for (let k = 0; k < 9_830; k++) full.intern(`u${k}`);
    assert.equal(full.toData().table.length / 3, 16_384);
    full.intern('one more');
    assert.equal(full.toData().table.length / 3, 32_768);
    // A table no larger than it needs is stored as it is.
    const small = new TermTable();
    small.intern('x');
    assert.equal(small.toData().table, (small as unknown as { table: Int32Array }).table);
  });

  it('interns a term once and looks it up without adding it', () => {
    const table = new TermTable();
    assert.equal(table.idOf('x'), -1);
    assert.equal(table.intern('x'), 0);
    assert.equal(table.intern('y'), 1);
    assert.equal(table.intern('x'), 0);
    assert.equal(table.idOf('y'), 1);
    assert.equal(table.size, 2);
    assert.deepEqual(collected(table, 'y z x'), [
      [1, 0, 1],
      [2, 2, 3],
      [0, 4, 5],
    ]);
  });

  it('gives a compound its parts, then its joined form spanning it, the same term as the word written together', () => {
    const table = new TermTable();
    assert.deepEqual(collected(table, 'finetuning Fine-Tuning'), [
      [0, 0, 10],
      [1, 11, 15],
      [2, 16, 22],
      [0, 11, 22],
    ]);
    assert.deepEqual(table.terms, ['finetuning', 'fine', 'tuning']);
    assert.deepEqual(collected(table, 'a\u2010b ab'), [
      [3, 0, 1],
      [4, 2, 3],
      [5, 0, 3],
      [5, 4, 6],
    ]);
    assert.equal(table.terms[5], 'ab');
  });

  it('joins compounds with non-ASCII parts the same way, wherever the non-ASCII part stands', () => {
    const table = new TermTable();
    assert.deepEqual(collected(table, 'Café-au-Lait cafeaulait'), [
      [0, 0, 4],
      [1, 5, 7],
      [2, 8, 12],
      [3, 0, 12],
      [3, 13, 23],
    ]);
    assert.deepEqual(table.terms, ['cafe', 'au', 'lait', 'cafeaulait']);
    // "coolüber" first, then the compound with its non-ASCII part last, then first.
    assert.deepEqual(
      collected(table, 'coolüber cool-Über über-cool').map(([id]) => table.terms.at(id)),
      ['cooluber', 'cool', 'uber', 'cooluber', 'uber', 'cool', 'ubercool'],
    );
    assert.equal(table.size, 8);
    assert.equal(table.idOf('ubercool'), 7);
    assert.equal(table.idOf('cooluber'), 4);
  });

  it('makes no compound across a trailing hyphen or a dash', () => {
    const table = new TermTable();
    assert.deepEqual(collected(table, 'word-'), [[0, 0, 4]]);
    assert.deepEqual(collected(table, 'word\u2010'), [[0, 0, 4]]);
    assert.deepEqual(collected(table, 'word\u2011'), [[0, 0, 4]]);
    assert.deepEqual(collected(table, 'a\u2013b a--b'), [
      [1, 0, 1],
      [2, 2, 3],
      [1, 4, 5],
      [2, 7, 8],
    ]);
    assert.equal(table.size, 3);
    // A hyphen before a dash or an emoji joins nothing.
    assert.deepEqual(collected(table, 'a-\u2014b a-\u{1F600}'), [
      [1, 0, 1],
      [2, 3, 4],
      [1, 5, 6],
    ]);
    assert.deepEqual(collected(table, 'a\u2011b').map(([id]) => table.terms.at(id)), ['a', 'b', 'ab']);
  });

  it('tells apart two terms whose first hashes collide', () => {
    // "yaczf" and "glbpp" have the same FNV-1a hash.
    const table = new TermTable();
    assert.deepEqual(collected(table, 'yaczf glbpp').map(([id]) => id), [0, 1]);
    assert.equal(table.idOf('glbpp'), 1);
    assert.equal(table.idOf('yaczf'), 0);
  });

  it('without adding, gives -1 for unknown words and for the joined form of a compound not seen written together', () => {
    const table = new TermTable();
    table.collect('fine tuning café au');
    assert.deepEqual(
      collected(table, 'Fine-Tuning unknown Café-AU naïve', false).map(([id]) => id),
      [0, 1, -1, -1, 2, 3, -1, -1],
    );
    assert.equal(table.size, 4);
    table.collect('finetuning caféau');
    assert.deepEqual(
      collected(table, 'fine-tuning café-au', false).map(([id]) => id),
      [0, 1, 4, 2, 3, 5],
    );
    assert.deepEqual(
      collected(table, 'unknown-fine Unknown-Café', false).map(([id]) => id),
      [-1, 0, -1, -1, 2, -1],
    );
    assert.equal(table.size, 6);
  });

  it('without adding, finds the joined form of a compound whose parts were never seen alone', () => {
    const table = new TermTable();
    table.collect('finetuning cafeaulait');
    assert.deepEqual(collected(table, 'Fine-Tuning Café-au-Lait', false), [
      [-1, 0, 4],
      [-1, 5, 11],
      [0, 0, 11],
      [-1, 12, 16],
      [-1, 17, 19],
      [-1, 20, 24],
      [1, 12, 24],
    ]);
    assert.equal(table.size, 2);
  });

  it('grows its output buffers for a long text', () => {
    const table = new TermTable();
    const text = `${'a '.repeat(9000)}b-c`;
    const count = table.collect(text);
    assert.equal(count, 9003);
    assert.equal(table.ids[8999], 0);
    assert.deepEqual([table.ids[9000], table.starts[9000], table.ends[9000]], [1, 18000, 18001]);
    assert.deepEqual([table.ids[9002], table.starts[9002], table.ends[9002]], [3, 18000, 18003]);
    assert.deepEqual(table.terms, ['a', 'b', 'c', 'bc']);
  });

  it('keeps long terms whole', () => {
    const table = new TermTable();
    table.collect('Representations state-of-the-art Übersetzungsarbeit');
    assert.deepEqual(table.terms, ['representations', 'state', 'of', 'the', 'art', 'stateoftheart', 'ubersetzungsarbeit']);
    assert.equal(table.idOf('stateoftheart'), 5);
  });

  it('finds every term again after its table has grown many times', () => {
    const table = new TermTable();
    const words = Array.from({ length: 5000 }, (_, k) => `w${k}`);
    const count = table.collect(words.join(' '));
    assert.equal(count, words.length);
    assert.deepEqual(Array.from(table.ids.subarray(0, count)), words.map((_, k) => k));
    assert.equal(table.size, words.length);
    assert.deepEqual(
      words.map((w) => table.idOf(w)),
      words.map((_, k) => k),
    );
    assert.equal(table.idOf('w5000'), -1);
    assert.equal(table.intern('w4999'), 4999);
    assert.equal(table.size, words.length);
  });
});

import { strict as assert } from 'node:assert';
import {
  CH_DASH,
  CH_DIGIT,
  CH_HYPHEN,
  CH_LETTER,
  CH_LOWER,
  CH_MARK,
  CH_SPACE,
  CH_UNDERSCORE,
  CH_UPPER,
  CH_WORD,
  CHAR_INFO,
  FNV_OFFSET,
  MIX_SEED,
  WORD_SEED,
  charClass,
  classifyCode,
  collapseWhitespace,
  fnv1a,
  fnvStep,
  foldWord,
  hashPair,
  isHyphenOrDash,
  isWordAt,
  isWordCode,
  lastLineBreak,
  lowerCode,
  mixStep,
  nextLineBreak,
  normaliseDashes,
  normaliseTitle,
  wordFinish,
  wordHash,
  wordStep,
} from '../../src/core/text';

const code = (s: string) => s.charCodeAt(0);

describe('the text kernel', () => {
  it('classifies letters, digits, marks, underscores, hyphens, dashes and spaces', () => {
    assert.equal(charClass(code('A')) & (CH_LETTER | CH_UPPER), CH_LETTER | CH_UPPER);
    assert.equal(charClass(code('ß')) & (CH_LETTER | CH_LOWER), CH_LETTER | CH_LOWER);
    assert.ok(charClass(code('٣')) & CH_DIGIT);
    assert.ok(charClass(0x0301) & CH_MARK);
    assert.ok(charClass(code('_')) & CH_UNDERSCORE);
    for (const h of ['-', '\u2010', '\u2011']) assert.ok(charClass(code(h)) & CH_HYPHEN, h);
    for (const d of ['\u2013', '\u2014', '\u2212']) assert.ok(charClass(code(d)) & CH_DASH, d);
    assert.ok(charClass(code('\u00a0')) & CH_SPACE);
    assert.ok(isWordCode(code('é')) && isWordCode(code('7')) && !isWordCode(code('_')) && !isWordCode(code('.')));
    // Half of an astral letter is neither a word character nor a space.
    assert.equal(charClass('𝒳'.charCodeAt(0)) & (CH_LETTER | CH_SPACE), 0);
  });

  it('treats U+2010, U+2011, U+2013 and U+2014 as hyphens', () => {
    assert.equal(normaliseDashes('a\u2010b\u2011c\u2013d\u2014e'), 'a-b-c-d-e');
    for (const d of ['-', '\u2010', '\u2011', '\u2013', '\u2014']) assert.ok(isHyphenOrDash(code(d)), d);
    assert.ok(!isHyphenOrDash(code('~')));
  });

  it('folds case one code unit to one, and words without diacritics', () => {
    assert.equal(lowerCode(code('Q')), code('q'));
    assert.equal(lowerCode(code('Ä')), code('ä'));
    assert.equal(lowerCode(code('1')), code('1'));
    assert.equal(foldWord('Schrödinger'), 'schrodinger');
    assert.equal(foldWord('LoRA'), 'lora');
  });

  it('hashes with FNV-1a over UTF-16 code units, optionally skipping one', () => {
    // Reference values of 32-bit FNV-1a.
    assert.equal(fnv1a(''), 0x811c9dc5);
    assert.equal(fnv1a('a'), 0xe40c292c);
    assert.equal(fnv1a('foobar'), 0xbf9cf968);
    assert.equal(fnv1a('fooXbar', 3), fnv1a('foobar'));
  });
});

describe('collapseWhitespace', () => {
  it('turns every run of spaces, tabs and line breaks into one space', () => {
    assert.equal(collapseWhitespace('Go  Wider\nInstead\t\tof\r\n Deeper'), 'Go Wider Instead of Deeper');
  });

  it('trims both ends, and leaves text without extra whitespace as it is', () => {
    assert.equal(collapseWhitespace(' \n Data Filtering Networks \t'), 'Data Filtering Networks');
    assert.equal(collapseWhitespace('BT^2'), 'BT^2');
    assert.equal(collapseWhitespace(' \n\t '), '');
  });
});

describe('the text kernel: classes, line breaks and hashes (mutation)', () => {
  it('classifies each unit afresh through classifyCode, whatever the table holds', () => {
    const bits = (c: number) => classifyCode(c) & 0xffff;
    assert.ok(bits(0x0301) & CH_MARK);
    assert.equal(bits(0x0301) & (CH_LETTER | CH_DIGIT), 0);
    assert.ok(bits(0x5f) & CH_UNDERSCORE);
    for (const c of [0x2d, 0x2010, 0x2011]) assert.equal(bits(c) & (CH_HYPHEN | CH_DASH), CH_HYPHEN, c.toString(16));
    // The dash range is U+2012 to U+2015 inclusive; U+2016 (a double bar) is no dash.
    for (const c of [0x2012, 0x2013, 0x2015, 0x2212, 0xfe58, 0xfe63, 0xff0d]) assert.equal(bits(c) & (CH_HYPHEN | CH_DASH), CH_DASH, c.toString(16));
    for (const c of [0x2016, 0x7e, 0x2a]) assert.equal(bits(c) & (CH_HYPHEN | CH_DASH | CH_SPACE), 0, c.toString(16));
    for (const c of [0x20, 0x0a, 0x09, 0xa0, 0x2003]) assert.ok(bits(c) & CH_SPACE, c.toString(16));
    // Lone surrogates: no class, and their own lower case.
    for (const c of [0xd800, 0xdbff, 0xdc00, 0xdfff]) {
      assert.equal(bits(c) & (CH_WORD | CH_SPACE | CH_HYPHEN | CH_DASH | CH_UNDERSCORE), 0);
      assert.equal(classifyCode(c) >>> 16, c);
    }
    assert.equal(classifyCode(code('Ω')) >>> 16, code('ω'));
  });

  it('classifies a unit on first sight and records it in the table', () => {
    const alpha = 0x3b1; // α
    const nine = 0x669; // ٩ (Arabic-Indic nine)
    const capital = 0x3a3; // Σ
    for (const c of [alpha, nine, capital]) CHAR_INFO[c] = 0;
    assert.equal(charClass(alpha) & (CH_LETTER | CH_LOWER | CH_UPPER), CH_LETTER | CH_LOWER);
    assert.notEqual(CHAR_INFO[alpha], 0);
    CHAR_INFO[alpha] = 0;
    assert.ok(isWordCode(alpha));
    assert.ok(isWordCode(nine));
    CHAR_INFO[capital] = 0;
    assert.equal(lowerCode(capital), 0x3c3);
  });

  it('tells word characters by offset, false outside the text', () => {
    const t = 'a.b';
    assert.deepEqual([-1, 0, 1, 2, 3].map((i) => isWordAt(t, i)), [false, true, false, true, false]);
    assert.equal(isWordAt('', 0), false);
  });

  it('finds the last line break before an offset, no further back than a bound', () => {
    const t = 'a\nb\nc'; // breaks at 1 and 3
    assert.equal(lastLineBreak(t, 5, 0), 3);
    assert.equal(lastLineBreak(t, 3, 0), 1); // `from` itself is not read
    assert.equal(lastLineBreak(t, 4, 3), 3); // `lo` is read
    assert.equal(lastLineBreak(t, 5, 4), -1);
    assert.equal(lastLineBreak(t, 1, 0), -1);
    assert.equal(lastLineBreak('\nab', 3, -5), 0);
    assert.equal(lastLineBreak('ab', 2, -5), -1);
  });

  it('finds the first line break from an offset, before a bound', () => {
    const t = 'a\nb\nc';
    assert.equal(nextLineBreak(t, 0, 10), 1);
    assert.equal(nextLineBreak(t, 1, 10), 1); // `from` is read
    assert.equal(nextLineBreak(t, 2, 10), 3);
    assert.equal(nextLineBreak(t, 2, 3), -1); // `hi` is not read
    assert.equal(nextLineBreak(t, 2, 4), 3);
    assert.equal(nextLineBreak(t, 4, 10), -1);
  });

  it('folds a word starting with a non-ASCII letter too', () => {
    assert.equal(foldWord('Éclair'), 'eclair');
    assert.equal(foldWord('É'), 'e');
  });

  it('normalises titles: lower case, dashes as hyphens, single spaces', () => {
    assert.equal(normaliseTitle('  Data  Filtering\u2013Networks\tFOR\u2014All '), 'data filtering-networks for-all');
  });

  it('hashes words by h * 129 + c over lower-cased units, then the finishing mix', () => {
    assert.equal(wordStep(1, 2), 131);
    assert.equal(wordStep(WORD_SEED, 97), 5381 * 129 + 97);
    assert.equal(wordHash('a'), wordFinish(wordStep(WORD_SEED, 97)));
    assert.equal(wordHash('ab'), wordFinish(wordStep(wordStep(WORD_SEED, 97), 98)));
    assert.equal(wordHash(''), wordFinish(WORD_SEED));
    assert.equal(wordHash('LoRA'), wordHash('lora'));
    assert.notEqual(wordHash('ab'), wordHash('ba'));
    // djb2's 33 makes these two collide; 129 does not.
    assert.notEqual(wordHash('is'), wordHash('k1'));
    assert.equal(wordFinish(0), 0);
  });

  it('steps FNV-1a and the second hash unit by unit, and pairs hashes in order', () => {
    assert.equal(fnvStep(FNV_OFFSET, code('a')) >>> 0, fnv1a('a'));
    assert.equal(fnvStep(fnvStep(FNV_OFFSET, code('a')), code('b')) >>> 0, fnv1a('ab'));
    // imul(0 + 1, 0x5bd1e995) ^ (0 >>> 15)
    assert.equal(mixStep(0, 1), 0x5bd1e995);
    assert.equal(mixStep(MIX_SEED, 5), Math.imul(MIX_SEED + 5, 0x5bd1e995) ^ (MIX_SEED >>> 15));
    assert.equal(hashPair(1, 0), 0x85ebca6b);
    assert.equal(hashPair(0, 0), 0);
    assert.notEqual(hashPair(1, 2), hashPair(2, 1));
  });
});

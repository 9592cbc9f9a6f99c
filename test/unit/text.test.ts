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
  charClass,
  collapseWhitespace,
  fnv1a,
  foldWord,
  isHyphenOrDash,
  isWordCode,
  lowerCode,
  normaliseDashes,
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

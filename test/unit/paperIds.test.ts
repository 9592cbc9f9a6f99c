import { strict as assert } from 'node:assert';
import { fnv1a, paperId, slugify } from '../../src/core/paperIds';

describe('paper ids', () => {
  it('hashes with 32-bit FNV-1a (the published test vectors)', () => {
    assert.equal(fnv1a(''), 0x811c9dc5);
    assert.equal(fnv1a('a'), 0xe40c292c);
    assert.equal(fnv1a('foobar'), 0xbf9cf968);
  });

  it('slugs to lower-case ASCII words joined by single hyphens, accents folded', () => {
    assert.equal(slugify('Café Déjà Vu'), 'cafe-deja-vu');
    assert.equal(slugify('--Hello, World!--'), 'hello-world');
    assert.equal(slugify('BT^2: A_B'), 'bt-2-a-b');
    assert.equal(slugify('Éé'), 'ee');
  });

  it('keeps a slug of up to 60 characters whole and names an empty one "untitled"', () => {
    assert.equal(paperId('a'.repeat(60)), 'a'.repeat(60));
    assert.equal(paperId('!!!'), 'untitled');
    assert.equal(paperId(''), 'untitled');
  });

  it('cuts a longer slug at its last word break within 60 characters and adds a hash of the whole title', () => {
    const title = 'word '.repeat(15);
    assert.equal(paperId(title), `${'word-'.repeat(11)}word-${fnv1a('word '.repeat(14) + 'word').toString(36)}`);
    assert.equal(paperId('a'.repeat(61)), `${'a'.repeat(60)}-${fnv1a('a'.repeat(61)).toString(36)}`);
  });

  it('cuts mid-word when the last word break comes within the first 20 characters', () => {
    const title = `${'a'.repeat(20)} ${'b'.repeat(60)}`;
    assert.equal(paperId(title), `${'a'.repeat(20)}-${'b'.repeat(39)}-${fnv1a(title).toString(36)}`);
    const later = `${'a'.repeat(21)} ${'b'.repeat(60)}`;
    assert.equal(paperId(later), `${'a'.repeat(21)}-${fnv1a(later).toString(36)}`);
  });

  it('gives a long title the same id whatever its letter case and spacing', () => {
    const title = 'A Very Long Title About Parameter Efficient Fine Tuning Of Large Language Models';
    assert.equal(paperId(title.toUpperCase()), paperId(title));
    assert.equal(paperId(`  ${title.replace(/ /g, '\n ')} `), paperId(title));
  });
});

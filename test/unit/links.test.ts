import { strict as assert } from 'node:assert';
import { cleanUrl, codeLink, extractLinks } from '../../src/core/links';

describe('links in abstracts', () => {
  it('strips sentence punctuation and unopened closing brackets, repeatedly', () => {
    assert.equal(cleanUrl('https://github.com/o/r).'), 'https://github.com/o/r');
    assert.equal(cleanUrl('https://x.org/a],.'), 'https://x.org/a');
    assert.equal(cleanUrl('https://x.org/a.).'), 'https://x.org/a');
    assert.equal(cleanUrl('https://x.org/a_**'), 'https://x.org/a');
  });

  it('keeps brackets the URL opened itself', () => {
    assert.equal(cleanUrl('https://en.wikipedia.org/wiki/Mamba_(snake)'), 'https://en.wikipedia.org/wiki/Mamba_(snake)');
    assert.equal(cleanUrl('https://x.org/[a]'), 'https://x.org/[a]');
    assert.equal(cleanUrl('https://x.org/(a))'), 'https://x.org/(a)');
  });

  it('finds each link once, in order, ending at braces and never inside a word', () => {
    assert.deepEqual(extractLinks('see https://github.com/o/r, and (https://x.org/p) then https://github.com/o/r.'), ['https://github.com/o/r', 'https://x.org/p']);
    assert.deepEqual(extractLinks('code: https://x.org/b{https://x.org/b}'), ['https://x.org/b']);
    assert.deepEqual(extractLinks('xhttps://x.org/a and http://localhost/x'), []);
    assert.deepEqual(extractLinks('plain http://x.org'), ['http://x.org']);
    assert.deepEqual(extractLinks('no link here, only www.x.org and http:/x.org'), []);
  });

  it('takes the first link to a code host as the code, but not a dataset page or a look-alike host', () => {
    assert.equal(
      codeLink(['https://example.org/p', 'https://huggingface.co/datasets/a/b', 'https://www.gitlab.com/o/r', 'https://github.com/x/y']),
      'https://www.gitlab.com/o/r',
    );
    assert.equal(codeLink(['https://huggingface.co/o/model']), 'https://huggingface.co/o/model');
    assert.equal(codeLink(['http://codeberg.org/o/r']), 'http://codeberg.org/o/r');
    assert.equal(codeLink(['https://github.com.evil.org/x', 'https://notgithub.com/x', 'https://example.org/github.com/x']), undefined);
    assert.equal(codeLink([]), undefined);
    assert.equal(codeLink(['https://example.org/r?to=https://github.com/o/r']), undefined);
  });
});

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Background, BackgroundError, signatureHash, wordHash } from '../../src/core/background';
import { backgroundProblem, loadBundledCorpus } from '../../src/core/bundled';
import { bundledCorpus, ROOT } from './helpers';

/** A small statistics file (a function: the hash is core code, run inside a test, never while the file loads). */
const small = () => ['# test statistics', 'docs 1000', '[words]', '900 the', '20 ^datacomp kernels', '3 unlearnable', '[names]', 'CUDA 40 abc:3,def,+5 -', `SiT 16 - ${signatureHash(wordHash('fid')).toString(16).padStart(4, '0')}`, ''].join('\n');

describe('background statistics', () => {
  it('reads word frequencies and name statistics, lazily', () => {
    const b = Background.parse(small(), 'small.txt');
    assert.equal(b.docs, 1000);
    assert.equal(b.dfOfWord('the'), 900);
    assert.equal(b.dfOfWord('unlearnable'), 3);
    // Unlisted words count as rarer than any listed.
    assert.equal(b.dfOfWord('zzzz'), 2);
    assert.ok(b.idfOfHash(wordHash('unlearnable')) > b.idfOfHash(wordHash('the')));
    assert.equal(b.isLowerCaseWord('kernels'), true);
    assert.equal(b.isLowerCaseWord('datacomp'), false);
    assert.deepEqual(b.name('CUDA'), { df: 40, defs: [{ hash: 'abc', count: 3 }, { hash: 'def', count: 1 }], moreDefs: 5, signature: [] });
    assert.deepEqual(b.name('SiT')?.signature, [signatureHash(wordHash('fid'))]);
    assert.equal(b.name('Sit'), undefined);
    assert.equal(b.name('Zzz'), undefined);
  });

  it('names the file and line of a damaged file', () => {
    assert.throws(() => Background.parse('nothing here', 'bad.txt'), (e: Error) => e instanceof BackgroundError && e.message === 'bad.txt:1: expected "docs N", then a [words] and a [names] section');
  });

  it('ships statistics small enough for the extension, derived from many abstracts', () => {
    const file = path.join(ROOT, 'seeds', 'background.txt');
    assert.ok(fs.statSync(file).size < 1_500_000);
    const b = bundledCorpus().background;
    assert.ok(b.docs >= 25_000);
    assert.ok(b.dfOfWord('learning') > b.dfOfWord('unlearnable'));
    assert.ok((b.name('SiT')?.df ?? 0) > 0);
  });

  it('leaves recognition working without statistics when the file is damaged, and says why', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-bg-'));
    try {
      fs.cpSync(path.join(ROOT, 'seeds'), path.join(root, 'seeds'), { recursive: true });
      fs.writeFileSync(path.join(root, 'seeds', 'background.txt'), '# broken\nno header\n');
      const corpus = loadBundledCorpus(root);
      assert.equal(corpus.background.present, false);
      assert.match(backgroundProblem(root) ?? '', /^seeds\/background\.txt:1: expected "docs N"/);
      assert.deepEqual(corpus.matcher.find('We compare against DataComp.').map((m) => m.text), ['DataComp']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('without statistics, weighs every word alike and knows no name', () => {
    const b = Background.empty();
    assert.equal(b.present, false);
    assert.equal(b.idfOfHash(wordHash('the')), 1);
    assert.equal(b.name('CUDA'), undefined);
  });
});

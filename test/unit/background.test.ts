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

describe('background statistics on small files', () => {
  const names = ['# names, sorted by code unit', 'BERT 30 - -', 'Si 2', 'SiT 16 a1:2,b2,c3:x,+7 00ff1234abc', '', 'SiTe 5 - 0001', 'Solo', 'ViT 9 q:4,+y', 'Zed 0x - 00ab'];
  const file = (end = '') => ['docs 500', '[words]', '40 alpha beta', '3 ^DataComp gamma', '0 zero', '7 delta', '[names]', ...names].join('\n') + end;

  it('reads every word of every line, in lower case, with its frequency', () => {
    const b = Background.parse(file(), 'stats.txt');
    assert.deepEqual(['alpha', 'beta', 'datacomp', 'gamma', 'zero', 'delta'].map((w) => b.dfOfWord(w)), [40, 40, 3, 3, 0, 7]);
    assert.equal(b.isLowerCaseWord('gamma'), true);
    assert.equal(b.isLowerCaseWord('datacomp'), false, 'written with ^: a name');
    assert.equal(b.isLowerCaseWord('unknown'), false);
    // Unlisted words count one less than the rarest listed (3; a frequency of 0 is not counted).
    assert.equal(b.dfOfWord('unknown'), 2);
    assert.equal(b.dfOfWord('docs'), 2, 'the header is not a line of words');
    assert.ok(Math.abs(b.idfOfHash(wordHash('alpha')) - Math.log(500 / 40)) < 1e-12);
  });

  it('prepared in steps, answers as when read at the first question, yielding every 4,096 words, within a line too', () => {
    // 10,000 words of one frequency on one line, then one more line: a step ends once it has read
    // 4,096 words, in the middle of the long line (the bundled statistics' line of words seen
    // once is such a line: one step of it held a warm start for 60 ms).
    const many = Array.from({ length: 10_000 }, (_, k) => `w${k}`).join(' ');
    const text = (end: string) => ['docs 500', '[words]', `4 ${many}`, '3 ^DataComp gamma', '[names]', ...names].join('\n') + end;
    const lazy = Background.parse(text(''), 'stats.txt');
    const prepared = Background.parse(text(''), 'stats.txt');
    let yields = 0;
    for (const steps = prepared.prepare(); !steps.next().done; ) yields++;
    // Two by the count; a machine slow enough to spend a step's milliseconds on fewer words pauses more.
    assert.ok(yields >= 2, `${yields} yields`);
    for (const b of [lazy, prepared]) {
      assert.deepEqual(['w0', 'w9999', 'datacomp', 'gamma', 'unknown'].map((w) => b.dfOfWord(w)), [4, 4, 3, 3, 2]);
      assert.equal(b.isLowerCaseWord('datacomp'), false);
    }
    assert.deepEqual(prepared.name('SiTe'), lazy.name('SiTe'));
    assert.ok(prepared.name('SiTe'));
    // 10,000 names, one a line: their lines are found in steps too, and each name is found.
    const named = Array.from({ length: 10_000 }, (_, k) => `N${String(k).padStart(5, '0')} 3`);
    const longNames = Background.parse(['docs 500', '[words]', '3 gamma', '[names]', ...named].join('\n'), 'stats.txt');
    let nameYields = 0;
    for (const steps = longNames.prepare(); !steps.next().done; ) nameYields++;
    assert.ok(nameYields >= 2, `${nameYields} yields`);
    for (const k of [0, 4_096, 9_999]) assert.equal(longNames.name(`N${String(k).padStart(5, '0')}`)?.df, 3);
    assert.equal(longNames.name('N10000'), undefined);
  });

  it('counts an unlisted word once when the rarest listed word is in one abstract, or none is listed', () => {
    assert.equal(Background.parse('docs 10\n[words]\n1 rare\n[names]\n', 'a.txt').dfOfWord('other'), 1);
    const empty = Background.parse('docs 10\n[words]\n[names]\n', 'b.txt');
    assert.equal(empty.dfOfWord('other'), 1);
    assert.equal(empty.present, true);
    const none = Background.parse('docs 0\n[words]\n5 word\n[names]\nSiT 3 - -\n', 'c.txt');
    assert.equal(none.present, false);
    assert.equal(none.dfOfWord('other'), 0);
    assert.equal(none.idfOfHash(wordHash('word')), 1);
    assert.equal(none.name('SiT'), undefined, 'no statistics: no names either');
  });

  it('answers a name the same after thousands of other names were looked up (the cache keeps the latest only)', () => {
    const b = Background.parse(file(), 'stats.txt');
    const bert = b.name('BERT');
    for (let k = 0; k < 10_000; k++) assert.equal(b.name(`Other${k}`), undefined);
    assert.deepEqual(b.name('BERT'), bert);
    assert.deepEqual(b.name('BERT'), { df: 30, defs: [], moreDefs: 0, signature: [] });
  });

  for (const end of ['', '\n']) {it(`finds each name by binary search, exactly as written, skipping comments and blank lines (${JSON.stringify(end)} at the end)`, () => {
    const b = Background.parse(file(end), 'stats.txt');
    assert.deepEqual(b.name('BERT'), { df: 30, defs: [], moreDefs: 0, signature: [] });
    assert.deepEqual(b.name('Si'), { df: 2, defs: [], moreDefs: 0, signature: [] });
    assert.deepEqual(b.name('SiT'), {
      df: 16,
      defs: [
        { hash: 'a1', count: 2 },
        { hash: 'b2', count: 1 },
        { hash: 'c3', count: 1 },
      ],
      moreDefs: 7,
      signature: [0x00ff, 0x1234],
    });
    assert.deepEqual(b.name('SiTe'), { df: 5, defs: [], moreDefs: 0, signature: [1] });
    assert.deepEqual(b.name('ViT'), { df: 9, defs: [{ hash: 'q', count: 4 }], moreDefs: 0, signature: [] });
    assert.deepEqual(b.name('Solo'), { df: 0, defs: [], moreDefs: 0, signature: [] }, 'a name alone on its line');
    assert.deepEqual(b.name('Zed'), { df: 0, defs: [], moreDefs: 0, signature: [0xab] }, 'the last line');
    for (const absent of ['A', 'BER', 'BERTs', 'S', 'Sit', 'SiTa', 'SiTes', 'Sol', 'Solos', 'Vi', 'Zz', 'Ze', 'Zed0', '#', '# names', 'a']) {
      assert.equal(b.name(absent), undefined, absent);
    }
    // Asked again, the same answers.
    assert.equal(b.name('SiT')?.df, 16);
    assert.equal(b.name('Sit'), undefined);
  });}

  it('finds the only name of a file with one', () => {
    const b = Background.parse('docs 10\n[words]\n[names]\nBERT 3 - -\n', 'one.txt');
    assert.equal(b.name('BERT')?.df, 3);
    assert.equal(b.name('ALBERT'), undefined);
  });

  it('names the line where a section is missing or out of order', () => {
    const message = (text: string) => {
      try {
        Background.parse(text, 'stats.txt');
      } catch (e) {
        assert.ok(e instanceof BackgroundError);
        return (e as Error).message;
      }
      return 'no error';
    };
    const expected = (line: number) => `stats.txt:${line}: expected "docs N", then a [words] and a [names] section`;
    assert.equal(message('# stats\ndocs 5\n[words]\n1 a\n'), expected(3), 'no [names]: at [words]');
    assert.equal(message('docs 5\n\n[names]\nX 1\n'), expected(3), 'no [words]: at [names]');
    assert.equal(message('docs 5\n[names]\n\n[words]\n'), expected(4), 'names first: at [words]');
    assert.equal(message('docs 5\n'), expected(1));
    assert.equal(message('docs 5x\n[words]\n[names]\n'), expected(1), 'no number of abstracts');
    assert.equal(message('xdocs 5\n[words]\n[names]\n'), expected(1));
    assert.equal(message('# header below\ndocs 5\n[words]\n[names]\n'), 'no error');
  });
});

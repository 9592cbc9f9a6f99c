import { strict as assert } from 'node:assert';
import { findCiteKeys, type CiteDialect } from '../../src/core/citeKeys';

/** Keys found, each as `key` (bracketed) or `~key` (bare), checking every span against the text. */
function keys(text: string, dialect: CiteDialect = 'markdown'): string[] {
  return findCiteKeys(text, dialect).map((k) => {
    assert.equal(text.slice(k.start, k.end), k.key, `span of ${k.key}`);
    assert.ok(k.citationStart <= k.start && k.end <= k.citationEnd, `citation span of ${k.key}`);
    return k.inBrackets ? k.key : `~${k.key}`;
  });
}

describe('cite keys', () => {
  describe('Pandoc', () => {
    it('finds one bracketed key with its offsets and citation span', () => {
      const text = 'As shown [@vaswani2017attention].';
      const [k] = findCiteKeys(text);
      assert.deepEqual(
        { key: k.key, start: k.start, end: k.end, inBrackets: k.inBrackets, syntax: k.syntax, cs: k.citationStart, ce: k.citationEnd },
        { key: 'vaswani2017attention', start: 11, end: 31, inBrackets: true, syntax: 'pandoc', cs: 9, ce: 32 },
      );
    });

    it('splits several keys with prefixes, locators and suppress-author', () => {
      const text = '[see @doe99, pp. 33-35; also -@smith04, chap. 1; @lee2020]';
      const found = findCiteKeys(text);
      assert.deepEqual(
        found.map((k) => [k.key, k.prefix, k.locator, k.suppressAuthor]),
        [
          ['doe99', 'see', 'pp. 33-35', false],
          ['smith04', 'also', 'chap. 1', true],
          ['lee2020', undefined, undefined, false],
        ],
      );
      assert.ok(found.every((k) => k.inBrackets && k.citationStart === 0 && k.citationEnd === text.length));
    });

    it('keeps internal punctuation in keys but not trailing punctuation', () => {
      assert.deepEqual(keys('[@doe:2020.v2/a-b_c]'), ['doe:2020.v2/a-b_c']);
      assert.deepEqual(keys('We follow @doe99. Then @smith04: and @lee-.'), ['~doe99', '~smith04', '~lee']);
      assert.deepEqual(keys('[@key.]'), ['key']);
      assert.deepEqual(keys('[@Müller2020; @_under]'), ['Müller2020', '_under']);
    });

    it('takes a braced key as written', () => {
      const text = '[@{weird key!}, p. 3]';
      const [k] = findCiteKeys(text);
      assert.equal(k.key, 'weird key!');
      assert.equal(text.slice(k.start, k.end), 'weird key!');
      assert.equal(k.locator, 'p. 3');
    });

    it('reports bare @key in prose as not bracketed', () => {
      assert.deepEqual(keys('@doe99 says so, thanks to @octocat and [@lee].'), ['~doe99', '~octocat', 'lee']);
    });

    it('does not take e-mail addresses or decorators for keys', () => {
      assert.deepEqual(keys('Write to jane.doe@example.com or me@host.org.'), []);
      assert.deepEqual(keys('class A:\n    @property\n    def x(self): ...\n@app.route("/")\n@dataclass(frozen=True)\n'), []);
    });

    it('gives no bare keys in code but still finds explicit citations there', () => {
      assert.deepEqual(keys('# see [@vaswani2017] and @param x\n@Override', 'code'), ['vaswani2017']);
      assert.deepEqual(keys('// \\cite{a,b}', 'code'), ['a', 'b']);
    });

    it('does not take links or brackets without a key in every item for citations', () => {
      assert.deepEqual(keys('[@octocat](https://github.com/octocat)'), ['~octocat']);
      assert.deepEqual(keys('[@ref][1] and [x]: y'), ['~ref']);
      assert.deepEqual(keys('[see @a; no key here]'), ['~a']);
      assert.deepEqual(keys('[@a @b]'), ['~a', '~b']);
      assert.deepEqual(keys('[a] [b] [@c]'), ['c']);
    });

    it('skips code spans and fenced code blocks', () => {
      assert.deepEqual(keys('`[@inspan]` then [@out]'), ['out']);
      assert.deepEqual(keys('``a ` [@inspan] ``[@out]'), ['out']);
      assert.deepEqual(keys('```\n[@infence]\n```\n[@after]\n~~~~\n[@tilde]\n~~~~'), ['after']);
      assert.deepEqual(keys('` unclosed [@still]'), ['still']);
    });

    it('does not cross a blank line to close a bracket', () => {
      assert.deepEqual(keys('[see @a\n\nand more]'), ['~a']);
      assert.deepEqual(keys('[see @a,\np. 4]'), ['a']);
    });
  });

  describe('LaTeX', () => {
    it('finds several keys in one command with their offsets', () => {
      const text = 'As \\citep{vaswani2017, devlin2019} show';
      const found = findCiteKeys(text, 'latex');
      assert.deepEqual(found.map((k) => [k.key, k.start, k.end, k.command, k.syntax]), [
        ['vaswani2017', 10, 21, 'citep', 'latex'],
        ['devlin2019', 23, 33, 'citep', 'latex'],
      ]);
      assert.ok(found.every((k) => k.inBrackets && k.citationStart === 3 && k.citationEnd === 34));
    });

    it('knows the natbib and biblatex family, starred forms included', () => {
      const cmds = ['cite', 'citep', 'citet', 'autocite', 'parencite', 'textcite', 'citeauthor', 'citeyear', 'nocite', 'Textcite', 'footcite'];
      for (const c of cmds) {
        assert.deepEqual(keys(`\\${c}{k1}`, 'latex'), ['k1'], c);
        assert.equal(findCiteKeys(`\\${c}*{k1}`, 'latex')[0]?.command, `${c}*`, `${c}*`);
      }
      assert.deepEqual(keys('\\citestyle{k} \\recite{k} \\cited{k} \\ref{k}', 'latex'), []);
    });

    it('reads one optional argument as postnote and two as prenote and postnote', () => {
      const [a] = findCiteKeys('\\cite[p.~3]{a}', 'latex');
      assert.equal(a.locator, 'p. 3');
      assert.equal(a.prefix, undefined);
      const found = findCiteKeys('\\cite[see][p.~3]{a,b}', 'latex');
      assert.deepEqual(found.map((k) => [k.key, k.prefix, k.locator]), [
        ['a', 'see', undefined],
        ['b', undefined, 'p. 3'],
      ]);
      assert.deepEqual(keys('\\citep [{a]}] [] { x , y }', 'latex'), ['x', 'y']);
    });

    it('reads every key group of a multicite command', () => {
      assert.deepEqual(keys('\\autocites(all)(none)[see][1]{a}[2]{b,c} {d}', 'latex'), ['a', 'b', 'c', 'd']);
      assert.deepEqual(keys('\\cite{a}{b}', 'latex'), ['a']);
    });

    it('skips comments, escaped backslashes, \\nocite{*} and empty keys', () => {
      assert.deepEqual(keys('% \\cite{commented}\n50\\% \\cite{real} \\\\cite{no}', 'latex'), ['real']);
      assert.deepEqual(keys('\\nocite{*} \\cite{} \\cite{a,,b,}', 'latex'), ['a', 'b']);
      assert.deepEqual(keys('\\cite{unclosed and \\cite{ok}', 'latex'), ['ok']);
    });

    it('ignores Pandoc syntax in LaTeX (\\makeatletter macros use @)', () => {
      assert.deepEqual(keys('\\makeatletter \\@ifnextchar [@x] me@host', 'latex'), []);
    });

    it('finds LaTeX commands inside Markdown (raw TeX)', () => {
      assert.deepEqual(keys('Text \\citet{a} and [@b].'), ['a', 'b']);
    });
  });

  it('returns keys in document order across syntaxes', () => {
    const found = findCiteKeys('@first, then \\cite{second} and [@third; @fourth]');
    assert.deepEqual(found.map((k) => k.key), ['first', 'second', 'third', 'fourth']);
  });

  it('reads text that would trip a naive scanner: unclosed brackets, backtick runs, open commands', () => {
    // Each of these makes a scanner that looks ahead to a closing mark from every opening one
    // quadratic; `npm run bench` times them at 200k and 1M characters and prints the ratio.
    for (const t of ['['.repeat(2_000), '`'.repeat(3) + ' `'.repeat(1_000), '\\cite['.repeat(400), '@{'.repeat(1_000)]) {
      assert.deepEqual(findCiteKeys(t), [], t.slice(0, 8));
      assert.deepEqual(findCiteKeys(t, 'latex'), [], t.slice(0, 8));
    }
    // No bracket ever closes, so each key is a bare @a in prose.
    const open = findCiteKeys('[@a '.repeat(500));
    assert.equal(open.length, 500);
    assert.ok(open.every((k, i) => k.key === 'a' && k.start === 4 * i + 2 && !k.inBrackets));
    assert.deepEqual(findCiteKeys('[@a '.repeat(500), 'latex'), []);
  });
});

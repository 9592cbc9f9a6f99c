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

    it('takes every internal punctuation character of the manual and stops at any other', () => {
      // Pandoc's manual: alphanumerics, `_` and single internal `: . # $ % & - + ? < > ~ /`.
      assert.deepEqual(keys('[@a:b.c#d$e%f&g-h+i?j<k>l~m/n]'), ['a:b.c#d$e%f&g-h+i?j<k>l~m/n']);
      assert.deepEqual(keys('[@AZaz09_]'), ['AZaz09_']);
      assert.deepEqual(keys('By @doe| and @lee{x} and @kim`s'), ['~doe', '~lee', '~kim']);
      // The manual's own examples: a final period and a doubled dash end the key.
      assert.deepEqual(keys('@Foo_bar.baz. and @Foo_bar--baz'), ['~Foo_bar.baz', '~Foo_bar']);
    });

    it('reads letters and digits beyond Latin-1 but not symbols such as emoji', () => {
      assert.deepEqual(keys('[@ｓｍｉｔｈ２０２０]'), ['ｓｍｉｔｈ２０２０']);
      assert.deepEqual(keys('thanks @doe😀'), ['~doe']);
    });

    it('finds no key after an @ that no key character follows, nor in empty or broken braces', () => {
      assert.deepEqual(keys('Meet @ noon, @! or @'), []);
      assert.deepEqual(keys('@{} and [@{}]'), []);
      assert.deepEqual(keys('@{a\nb} and [@{c\nd}]'), []);
      // The braces run past the bracket, so the bracket holds no key: the braced key is bare.
      assert.deepEqual(keys('[@{a]b}'), ['~a]b']);
    });

    it('reports a bare key with its whole span and no notes', () => {
      assert.deepEqual(findCiteKeys('by @doe99.'), [
        { key: 'doe99', start: 4, end: 9, inBrackets: false, syntax: 'pandoc', citationStart: 3, citationEnd: 9, suppressAuthor: false },
      ]);
    });

    it('reads bare keys only in Markdown, and not when told so', () => {
      const text = '@a and [@b]';
      const names = (dialect: CiteDialect, bare?: boolean) => findCiteKeys(text, dialect, { bare }).map((k) => k.key);
      assert.deepEqual(names('markdown', true), ['a', 'b']);
      assert.deepEqual(names('markdown', false), ['b']);
      assert.deepEqual(names('code', true), ['b']);
    });

    it('takes an @name alone on its line for a decorator wherever the line is', () => {
      assert.deepEqual(keys('@property\nx'), []);
      assert.deepEqual(keys('x\n@property'), []);
      assert.deepEqual(keys(' @property\n\t@staticmethod\n'), []);
      assert.deepEqual(keys('@property  \r\n@cached\t\n'), []);
      assert.deepEqual(keys('a @x'), ['~x']);
      assert.deepEqual(keys('@x y'), ['~x']);
    });

    it('takes [@key]: for a link definition only where a line opens with it', () => {
      assert.deepEqual(keys('[@ref]: https://example.com'), ['~ref']);
      assert.deepEqual(keys('Intro.\n\n   [@ref]: https://example.com'), ['~ref']);
      assert.deepEqual(keys('  [@ref]: https://example.com'), ['~ref']);
      assert.deepEqual(keys('ab [@a]: as shown'), ['a']);
      assert.deepEqual(keys('x[@a]: as shown'), ['a']);
      assert.deepEqual(keys('As shown in [@doe99]: attention works.'), ['doe99']);
      // Four spaces in, inside a paragraph, the line goes on the paragraph.
      assert.deepEqual(keys('Intro\n    [@a]: as shown'), ['a']);
      assert.deepEqual(keys('x;[@b]'), ['b']);
    });

    it('reads the locator after the key with or without a comma and space, trimmed', () => {
      const locators = (text: string) => findCiteKeys(text).map((k) => [k.key, k.locator]);
      assert.deepEqual(locators('[@a, p. 3 ]'), [['a', 'p. 3']]);
      assert.deepEqual(locators('[@a p. 3]'), [['a', 'p. 3']]);
      assert.deepEqual(locators('[@a,p. 3]'), [['a', 'p. 3']]);
      assert.deepEqual(locators('[@doe99.]'), [['doe99', '.']]);
      assert.deepEqual(locators('[@a, mail me@b.c]'), [['a', 'mail me@b.c']]);
      assert.deepEqual(locators('[@a, `x`] and [@b] `y`'), [['a', '`x`'], ['b', undefined]]);
    });

    it('goes on after a code span from its closing backticks', () => {
      assert.deepEqual(keys('`a` [@x] `b`'), ['x']);
    });

    it('closes a code span at the next run of its length, past runs of other lengths and fences', () => {
      assert.deepEqual(keys('`` a ` [@in] ``` b ```` [@in2] `` [@out]'), ['out']);
      assert.deepEqual(keys('``x\n```\n[@in]\n```\n`` [@after] ``'), ['after']);
      // Runs inside a fence are passed over with it: a span after the fence still opens and closes.
      assert.deepEqual(keys('```\n`a` ``b``\n```\n`[@in]` [@out]'), ['out']);
      // Runs of 1 to 60 backticks, none closed: each is text, and every key between them is found.
      let text = '';
      for (let run = 1; run <= 60; run++) text += '`'.repeat(run) + ` [@k${run}] `;
      assert.deepEqual(keys(text), Array.from({ length: 60 }, (_, k) => `k${k + 1}`));
      // Runs of 1 to 5, then a second run of 5: only the first run of 5 is closed, hiding the key after it.
      let closed = '';
      for (let run = 1; run <= 5; run++) closed += '`'.repeat(run) + ` [@k${run}] `;
      assert.deepEqual(keys(closed + '`````' + ' [@out]'), ['k1', 'k2', 'k3', 'k4', 'out']);
    });

    it('opens and closes fences only at line starts, up to three spaces in, with as long a fence', () => {
      assert.deepEqual(keys('~~~\n[@in]\n~~~\n[@out]'), ['out']);
      assert.deepEqual(keys('   ~~~\n[@in]\n   ~~~\n[@out]'), ['out']);
      assert.deepEqual(keys('```\n[@in]\n````\n[@out]'), ['out']);
      assert.deepEqual(keys('x\n    ~~~\n[@a]'), ['a']);
      assert.deepEqual(keys('~~~\n[@in]\n    ~~~\n[@still]\n~~~\n[@out]'), ['out']);
      assert.deepEqual(keys('a ~~~\n[@x]'), ['x']);
      assert.deepEqual(keys('***\n[@x]\n'), ['x']);
      assert.deepEqual(keys('~~~\n[@in] ~~~\n[@more]'), []);
      // A closing fence is followed by nothing but white space: these lines are still code.
      assert.deepEqual(keys('~~~\n[@in]\n~~~ [@x]\n'), []);
      assert.deepEqual(keys('~~~\n~~~ x\n[@in]\n~~~\n[@out]'), ['out']);
      assert.deepEqual(keys('~~~\n```\n[@in]\n~~~~ \t\n[@out]'), ['out']);
      assert.deepEqual(keys('~~~\r\n[@in]\r\n~~~\r\n[@out]\r\n'), ['out']);
      assert.deepEqual(keys('~~~\n[@in]\n~~~'), []);
      assert.deepEqual(keys('~~~\n\\cite{a}\n~~~', 'latex'), ['a']);
    });

    it('reads % as text outside LaTeX and a note of a brace-less \\cite as a Pandoc citation', () => {
      assert.deepEqual(keys('50% of [@a]'), ['a']);
      assert.deepEqual(keys('\\cite[see @b]{a}'), ['a']);
      assert.deepEqual(keys('\\cite[see @a] text'), ['a']);
    });

    it('ends a bracket at a blank line only', () => {
      assert.deepEqual(keys('[see @a,\np. 4]\n\nNext'), ['a']);
      assert.deepEqual(keys('[@a,\np4]\nmore'), ['a']);
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

    it('reports a key with its command, notes and whole span', () => {
      assert.deepEqual(findCiteKeys('\\textcite[see][p.~3]{a}', 'latex'), [
        {
          key: 'a', start: 21, end: 22, inBrackets: true, syntax: 'latex', citationStart: 0, citationEnd: 23,
          suppressAuthor: false, prefix: 'see', locator: 'p. 3', command: 'textcite',
        },
      ]);
    });

    it('skips white space of every kind between arguments and around keys', () => {
      assert.deepEqual(keys('\\cite\t{a} \\cite\n{b} \\cite\r\n{c} \\cite\f{d}', 'latex'), ['a', 'b', 'c', 'd']);
      assert.deepEqual(keys('\\cite{\ta ,\r\nb\f}', 'latex'), ['a', 'b']);
    });

    it('knows the capitalised biblatex commands', () => {
      assert.deepEqual(keys('\\Autocite{a} \\Autocites{b}{c}', 'latex'), ['a', 'b', 'c']);
    });

    it('trims notes and drops one that is only a tie', () => {
      const notes = (text: string) => findCiteKeys(text, 'latex').map((k) => [k.key, k.prefix, k.locator]);
      assert.deepEqual(notes('\\cite[ p.~3 ]{a}'), [['a', undefined, 'p. 3']]);
      assert.deepEqual(notes('\\cite[~]{a}'), [['a', undefined, undefined]]);
      // A backslash escapes the next character, so `\{` opens no group.
      assert.deepEqual(notes('\\cite[\\{x]{k}'), [['k', undefined, '\\{x']]);
    });

    it('gives each key group of a multicite command its own notes, and none to the global ones', () => {
      const found = findCiteKeys('\\autocites(all)(none)[see][1]{a}{b}[2]{c}', 'latex');
      assert.deepEqual(found.map((k) => [k.key, k.prefix, k.locator]), [
        ['a', 'see', '1'],
        ['b', undefined, undefined],
        ['c', undefined, '2'],
      ]);
    });

    it('ends a multicite command before an argument that never closes', () => {
      for (const text of ['\\autocites{a}{b', '\\autocites{a}[x', '\\autocites{a}(x', '\\autocites{a}[{x]', '\\autocites{a}{b\n\nc}']) {
        const found = findCiteKeys(text, 'latex');
        assert.deepEqual(found.map((k) => [k.key, k.citationStart, k.citationEnd]), [['a', 0, 13]], text);
      }
    });

    it('finds no key when a brace inside a note never closes, nor in an argument without braces', () => {
      assert.deepEqual(keys('\\cite[{see]{a}', 'latex'), []);
      // Keys are read from braces only (TeX would take the single token `a` here).
      assert.deepEqual(keys('\\cite ab,c}', 'latex'), []);
    });

    it('does not let an argument cross a blank line', () => {
      assert.deepEqual(keys('\\cite{a,\n\nb}', 'latex'), []);
      assert.deepEqual(keys('\\cite{a,\n  \nb}', 'latex'), []);
      assert.deepEqual(keys('\\cite{a,\r\n\r\nb}', 'latex'), []);
      assert.deepEqual(keys('\\cite[p.\n\n3]{a}', 'latex'), []);
      assert.deepEqual(keys('\\cite{a,\nb}\n\nNext', 'latex'), ['a', 'b']);
    });

    it('reads comments to the end of the text and escapes at its start', () => {
      assert.deepEqual(keys('\\cite{a} % \\cite{b}', 'latex'), ['a']);
      assert.deepEqual(keys('\\\\cite{no} \\cite{yes}', 'latex'), ['yes']);
      assert.deepEqual(keys('\\%\\cite{a}', 'latex'), ['a']);
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

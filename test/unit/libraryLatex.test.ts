import { strict as assert } from 'node:assert';
import { closingBrace, decodeLatex, decodeVerbatim } from '../../src/core/library/latex';
import { macroDecoderFrom } from '../../src/core/library/macroFallback';
import { bibtexName, bibtexNames } from '../../src/core/library/bibtexNames';
import { MORE_AUTHORS } from '../../src/core/types';
import { bibtexParser } from './libraryHelpers';

describe('decodeLatex', () => {
  it('decodes accents however they are braced', () => {
    for (const tex of ['M{\\"u}ller', 'M\\"{u}ller', 'M\\"uller', 'M{\\"{u}}ller', 'M\\" uller']) assert.equal(decodeLatex(tex), 'Müller', tex);
    assert.equal(decodeLatex("Garc{\\'\\i}a"), 'García');
    assert.equal(decodeLatex("Garc\\'{\\i}a"), 'García');
    assert.equal(decodeLatex('Fran{\\c{c}}ois'), 'François');
    assert.equal(decodeLatex('Fran\\c cois'), 'François');
    assert.equal(decodeLatex('Havl{\\\'\\i}{\\v{c}}ek, Vojt{\\v{e}}ch'), 'Havlíček, Vojtěch');
    assert.equal(decodeLatex('Erd\\H{o}s'), 'Erdős');
    assert.equal(decodeLatex('{\\L}ukasz Kaiser and \\L ukasz'), 'Łukasz Kaiser and Łukasz');
    assert.equal(decodeLatex('Stra\\ss e, {\\O}resund, \\aa{}ngstr\\"om'), 'Straße, Øresund, ångström');
  });

  it('drops the braces that protect letter case', () => {
    assert.equal(decodeLatex('{LAION}-5B'), 'LAION-5B');
    assert.equal(decodeLatex('Delving {{Deep}} into {{Rectifiers}}'), 'Delving Deep into Rectifiers');
    assert.equal(decodeLatex('{{{\\emph{The Concept}}}}{\\emph{ of }}{{{\\emph{Law}}}}'), 'The Concept of Law');
  });

  it('unescapes special characters and reads dashes, ties and formatting', () => {
    assert.equal(decodeLatex('4.94\\% top-5 error \\& more, a\\_b \\#1 \\$5'), '4.94% top-5 error & more, a_b #1 $5');
    assert.equal(decodeLatex('pages 1026--1034 --- and then'), 'pages 1026–1034 — and then');
    assert.equal(decodeLatex('Fig.~3 and Mr.~X'), 'Fig. 3 and Mr. X');
    assert.equal(decodeLatex('a \\emph{not} b {\\em so} c \\textbf{bold} \\textsc{Caps}'), 'a not b so c bold Caps');
    assert.equal(decodeLatex('see \\url{https://a.org/x_y} or \\href{https://b.org}{the site}'), 'see https://a.org/x_y or the site');
    assert.equal(decodeLatex('\\enquote{quoted} \\LaTeX{} and \\ldots{} end'), '“quoted” LaTeX and … end');
    assert.equal(decodeLatex('{\\noopsort{1}}First'), 'First');
  });

  it('keeps math as written, as arXiv writes titles', () => {
    assert.equal(decodeLatex('GenM$^3$: Generative Pretrained'), 'GenM$^3$: Generative Pretrained');
    assert.equal(decodeLatex('{{X}}$^{2}$-Gaussian with $\\ell_1$--regularisation'), 'X$^{2}$-Gaussian with $\\ell_1$–regularisation');
    assert.equal(decodeLatex('costs \\$4 and $5'), 'costs $4 and $5');
  });

  it('collapses whitespace, line breaks included', () => {
    assert.equal(decodeLatex('  A title\n    over two   lines '), 'A title over two lines');
    assert.equal(decodeLatex('\tplain\n'), 'plain');
  });

  it('keeps an unknown command as written, or asks the macro decoder for it', () => {
    assert.equal(decodeLatex('the \\ours{} method and \\foo{bar} baz'), 'the \\ours{} method and \\foo{bar} baz');
    const asked: string[] = [];
    const decodeMacro = (tex: string) => {
      asked.push(tex);
      return tex === '\\ours{}' ? 'OURS' : undefined;
    };
    assert.equal(decodeLatex('the \\ours{} method and \\foo{bar} baz', { decodeMacro }), 'the OURS method and \\foo{bar} baz');
    assert.deepEqual(asked, ['\\ours{}', '\\foo{bar}']);
  });
});

describe('macroDecoderFrom, backed by @retorquere/bibtex-parser', () => {
  let parser: ReturnType<typeof bibtexParser>;
  beforeEach(() => (parser = bibtexParser()));

  it('decodes commands this project does not list', () => {
    const decodeMacro = macroDecoderFrom(parser);
    assert.equal(decodeLatex('5\\textpertenthousand{} at 20\\textcelsius, \\textonehalf{} done \\checkmark', { decodeMacro }), '5‱ at 20℃, ½ done ✓');
  });

  it('leaves a command the parser does not know as written, and asks once per command', () => {
    let calls = 0;
    const counting = { parse: (input: string, options?: Parameters<typeof parser.parse>[1]) => (calls++, parser.parse(input, options)) };
    const decodeMacro = macroDecoderFrom(counting);
    assert.equal(decodeLatex('a \\myMacro{x} b \\myMacro{x} c', { decodeMacro }), 'a \\myMacro{x} b \\myMacro{x} c');
    assert.equal(calls, 1);
  });

  it('stops asking after the given number of distinct commands', () => {
    let calls = 0;
    const counting = { parse: (input: string, options?: Parameters<typeof parser.parse>[1]) => (calls++, parser.parse(input, options)) };
    const decodeMacro = macroDecoderFrom(counting, 1);
    assert.equal(decodeLatex('\\textpertenthousand{} \\textcelsius', { decodeMacro }), '‱ \\textcelsius');
    assert.equal(calls, 1);
  });
});

describe('decodeVerbatim', () => {
  it('reads URLs and DOIs: braces, \\url and escapes removed, line breaks joined', () => {
    assert.equal(decodeVerbatim('https://example.org/a\\_b\\%20c'), 'https://example.org/a_b%20c');
    assert.equal(decodeVerbatim('\\url{https://example.org/x}'), 'https://example.org/x');
    assert.equal(decodeVerbatim('{10.1000/ABC_1}'), '10.1000/ABC_1');
    assert.equal(decodeVerbatim('https://example.org/a-very-long-\n    path'), 'https://example.org/a-very-long-path');
  });
});

describe('BibTeX names', () => {
  it('reads "Family, Given", "Given Family", suffixes and particles as "Given Family"', () => {
    assert.equal(bibtexName('M{\\"u}ller, Hans'), 'Hans Müller');
    assert.equal(bibtexName('Hans M{\\"u}ller'), 'Hans Müller');
    assert.equal(bibtexName('van der Berg, Jan'), 'Jan van der Berg');
    assert.equal(bibtexName('Bennett, Jr., Frank G.'), 'Frank G. Bennett Jr.');
    assert.equal(bibtexName('{OpenAI}'), 'OpenAI');
    assert.equal(bibtexName('family=Müller, given=Hans, prefix=von'), 'Hans von Müller');
  });

  it('splits at "and" outside braces only, and ends the list with the marker of more authors at a final "others"', () => {
    assert.deepEqual(bibtexNames('M{\\"u}ller, Hans and van der Berg, Jan and {OpenAI}'), ['Hans Müller', 'Jan van der Berg', 'OpenAI']);
    assert.deepEqual(bibtexNames('{Barnes and Noble} AND Doe, Jane\n  and others'), ['Barnes and Noble', 'Jane Doe', MORE_AUTHORS]);
    assert.deepEqual(bibtexNames('Anderson, Alan and Sandberg, Ann'), ['Alan Anderson', 'Ann Sandberg']);
  });
});

describe('decodeLatex, each path', () => {
  it('puts every accent command on the letter after it', () => {
    const cases: Array<[string, string]> = [
      ['\\`{e}', 'è'],
      ["\\'{e}", 'é'],
      ['\\^{o}', 'ô'],
      ['\\~{n}', 'ñ'],
      ['\\={a}', 'ā'],
      ['\\u{a}', 'ă'],
      ['\\.{z}', 'ż'],
      ['\\"{u}', 'ü'],
      ['\\r{a}', 'å'],
      ['\\H{o}', 'ő'],
      ['\\v{s}', 'š'],
      ['\\d{a}', 'ạ'],
      ['\\c{c}', 'ç'],
      ['\\k{a}', 'ą'],
      ['\\b{a}', 'a\u0331'],
      ['\\t{oo}', 'o\u0361o'],
      ['\\v{\\j}', 'ǰ'],
      ['\\u a', 'ă'],
      ['\\"\\i', 'ï'],
    ];
    for (const [tex, text] of cases) assert.equal(decodeLatex(tex), text, tex);
  });

  it('gives composed characters, and leaves text without accents as it is', () => {
    assert.equal(decodeLatex('\\"u'), '\u00fc');
    assert.equal(decodeLatex('\\"u').length, 1);
    // A decomposed letter in the source stays decomposed when no accent command was decoded.
    assert.equal(decodeLatex('{u\u0308}'), 'u\u0308');
  });

  it('accents only the first character of a group, and a character outside the BMP whole', () => {
    assert.equal(decodeLatex('\\"{ab}'), 'äb');
    assert.equal(decodeLatex('\\"{𝒜}x'), '𝒜\u0308x');
    assert.equal(decodeLatex('\\"𝒜x'), '𝒜\u0308x');
  });

  it('reads an accent on nothing as the literal tilde or caret, an acute or grave as an apostrophe, and drops any other', () => {
    assert.equal(decodeLatex('a\\~{}b'), 'a~b');
    assert.equal(decodeLatex('a\\^{}b'), 'a^b');
    assert.equal(decodeLatex("a\\'{}b"), 'a’b');
    // As a thesis's references.bib wrote a name: d'Aspremont, not dAspremont.
    assert.equal(decodeLatex("Alexandre d{\\'}Aspremont"), 'Alexandre d’Aspremont');
    assert.equal(decodeLatex('a\\`{}b'), 'a‘b');
    assert.equal(decodeLatex('Fran{\\c}ois'), 'Franois');
    assert.equal(decodeLatex('end\\"'), 'end');
  });

  it("reads TeX's double quotation marks as the marks they print, and a single ` or ' as written", () => {
    // Titles as real .bib files write them (a PhD thesis's and the Nature deep-learning review's references).
    assert.equal(decodeLatex("``Cloze procedure'': A new tool for measuring readability"), '“Cloze procedure”: A new tool for measuring readability');
    assert.equal(decodeLatex("A ``Neural'' Network That Learns to Play Backgammon"), 'A “Neural” Network That Learns to Play Backgammon');
    assert.equal(decodeLatex("Estimating the ``wrong'' graphical model"), 'Estimating the “wrong” graphical model');
    // Single marks stay: mostly apostrophes, and a code span must show as written (the hostile title of the escaping tests).
    assert.equal(decodeLatex("`single' quotes, Don't and O'Reilly"), "`single' quotes, Don't and O'Reilly");
    assert.equal(decodeLatex('Click <img src=x> `x` *Bold*'), 'Click <img src=x> `x` *Bold*');
    assert.equal(decodeLatex("a ```b'''"), "a “`b”'");
    // The fast path (nothing else to decode) still sees them.
    assert.equal(decodeLatex("a ''b''"), 'a ”b”');
    assert.equal(decodeLatex('a ``b'), 'a “b');
    // Accents written with the same characters stay accents; math stays as written.
    assert.equal(decodeLatex("\\`{e}t\\'e"), 'èté');
    assert.equal(decodeLatex("$f''(x)$ and ``$x$''"), "$f''(x)$ and “$x$”");
    // Inside a group the marks are read too.
    assert.equal(decodeLatex("{``Tables''}"), '“Tables”');
  });

  it('accents an unclosed group up to the end', () => {
    assert.equal(decodeLatex('\\"{u'), 'ü');
  });

  it('reads control symbols and keeps an unknown one', () => {
    assert.equal(decodeLatex('a\\,b\\;c\\:d\\ e'), 'a b c d e');
    assert.equal(decodeLatex('hy\\-phen\\/ated\\@ and\\!x'), 'hyphenated andx');
    assert.equal(decodeLatex('one\\\\two'), 'one two');
    assert.equal(decodeLatex('\\{set\\}'), '{set}');
    assert.equal(decodeLatex('a \\* b'), 'a \\* b');
    assert.equal(decodeLatex('ends with \\'), 'ends with \\');
  });

  it('reads symbol commands, dropping the spaces after them', () => {
    assert.equal(decodeLatex('\\o ster \\AE sop \\copyright 2020'), 'øster Æsop ©2020');
    assert.equal(decodeLatex('x \\textendash{} y \\textemdash\\ z'), 'x – y — z');
  });

  it('drops spaces, tabs and line breaks after a symbol command', () => {
    assert.equal(decodeLatex('\\o\tx \\o\nx \\o\r\nx'), 'øx øx øx');
  });

  it('accents one character, not what follows it', () => {
    assert.equal(decodeLatex('\\"a~b'), 'ä b');
  });

  it('drops font declarations with the spaces after them', () => {
    assert.equal(decodeLatex('{\\bf   Bold} and {\\itshape it}'), 'Bold and it');
    assert.equal(decodeLatex('a\\relax b'), 'ab');
  });

  it('drops the argument of spacing and sort-key commands', () => {
    assert.equal(decodeLatex('a\\hspace{1em}b \\label{x}c'), 'ab c');
    assert.equal(decodeLatex('\\textsuperscript{th} and \\mbox{unbroken}'), 'th and unbroken');
  });

  it('reads a command given as the argument of a formatting command, and one character without braces', () => {
    assert.equal(decodeLatex('\\emph\\LaTeX'), 'LaTeX');
    assert.equal(decodeLatex('\\emph\\&x'), '&x');
    assert.equal(decodeLatex('\\noopsort ab'), 'b');
    // The argument is the one hyphen; the next one is outside it and makes no dash with it.
    assert.equal(decodeLatex('\\emph--x'), '--x');
  });

  it('reads commands named like object properties as unknown commands', () => {
    assert.equal(decodeLatex('a \\constructor b \\toString{x}'), 'a \\constructor b \\toString{x}');
  });

  it('reads single, double and triple hyphens', () => {
    assert.equal(decodeLatex('a-b--c---d'), 'a-b–c—d');
    assert.equal(decodeLatex('1--'), '1–');
    assert.equal(decodeLatex('{a-}-b'), 'a--b');
    assert.equal(decodeLatex('{a--}-b'), 'a–-b');
  });

  it('keeps math with an escaped dollar inside, and reads a dollar closed only outside its group as a dollar', () => {
    assert.equal(decodeLatex('$a\\$b$ c'), '$a\\$b$ c');
    assert.equal(decodeLatex('$x\\$ {y}$ {z}'), '$x\\$ {y}$ z');
    assert.equal(decodeLatex('\\emph{$x}$'), '$x$');
  });

  it('collapses double spaces and trims when nothing else needs decoding', () => {
    assert.equal(decodeLatex('  plain  '), 'plain');
    assert.equal(decodeLatex('a  b'), 'a b');
    assert.equal(decodeLatex('a--b'), 'a–b');
  });

  it('passes an unknown command with every brace group after it to the macro decoder', () => {
    const asked: string[] = [];
    const decodeMacro = (tex: string) => (asked.push(tex), tex.startsWith('\\ours') ? 'OURS' : undefined);
    assert.equal(decodeLatex('\\foo{a}{b} c', { decodeMacro }), '\\foo{a}{b} c');
    assert.equal(decodeLatex('\\ours   method', { decodeMacro }), 'OURSmethod');
    assert.equal(decodeLatex('\\oursZ x', { decodeMacro }), 'OURSx');
    assert.equal(decodeLatex('\\ours{} method', { decodeMacro }), 'OURS method');
    assert.equal(decodeLatex('x \\bar{a', { decodeMacro }), 'x \\bara');
    assert.deepEqual(asked, ['\\foo{a}{b}', '\\ours', '\\oursZ', '\\ours{}', '\\bar']);
  });
});

describe('closingBrace', () => {
  it('finds the brace closing a group, past nested groups and escaped braces', () => {
    assert.equal(closingBrace('{a{b}c}d', 0), 6);
    assert.equal(closingBrace('{a\\}b}', 0), 5);
    assert.equal(closingBrace('{a{b}', 0), -1);
    assert.equal(closingBrace('{abc}', 0, 4), -1);
  });
});

describe('decodeVerbatim, more', () => {
  it('takes the URL of \\href, unescapes ~ and #, and removes spaces after \\url', () => {
    assert.equal(decodeVerbatim('\\href{https://a.org/x}{the site}'), 'https://a.org/x');
    assert.equal(decodeVerbatim('\\url {https://a.org/\\~me\\#top}'), 'https://a.org/~me#top');
  });
});

describe('macroDecoderFrom when the parser fails', () => {
  it('keeps the command as written when the parser throws, reports errors or leaves a backslash', () => {
    const throwing = macroDecoderFrom({ parse: () => { throw new Error('boom'); } });
    assert.equal(decodeLatex('a \\zzz b', { decodeMacro: throwing }), 'a \\zzz b');
    const failing = macroDecoderFrom({ parse: () => ({ errors: [{ error: 'bad' }], entries: [{ type: 'misc', key: 'x', fields: { note: 'Z' }, input: '' }] }) });
    assert.equal(decodeLatex('a \\zzz b', { decodeMacro: failing }), 'a \\zzz b');
    const leaving = macroDecoderFrom({ parse: () => ({ errors: [], entries: [{ type: 'misc', key: 'x', fields: { note: '\\zzz' }, input: '' }] }) });
    assert.equal(decodeLatex('a \\zzz b', { decodeMacro: leaving }), 'a \\zzz b');
    const answering = macroDecoderFrom({ parse: () => ({ errors: [], entries: [{ type: 'misc', key: 'x', fields: { note: '<i>Z</i><span class="nocase">z</span>' }, input: '' }] }) });
    assert.equal(decodeLatex('a \\zzz{} b', { decodeMacro: answering }), 'a Zz b');
  });
});

describe('BibTeX names, more', () => {
  it('reads "von Last, Jr, First" and leaves out an empty suffix or given name', () => {
    assert.equal(bibtexName('van Gogh, Jr, Vincent'), 'Vincent van Gogh Jr');
    assert.equal(bibtexName('Doe, , Jane'), 'Jane Doe');
    assert.equal(bibtexName('Doe,'), 'Doe');
  });

  it('reads the extended format in any order and case, with a suffix', () => {
    assert.equal(bibtexName('Given=Frank, Family=Bennett, suffix=Jr.'), 'Frank Bennett Jr.');
    assert.equal(bibtexName('family={M\\"uller}, given=Hans'), 'Hans Müller');
    assert.equal(bibtexName('family=Doe, Jane'), 'Jane family=Doe');
    assert.equal(bibtexName('family=Plato'), 'Plato');
    assert.equal(bibtexName('family=Wright, given=Georg, prefix=von, useprefix=true'), 'Georg von Wright');
  });

  it('splits at "and" between any whitespace, not inside braces or after an escaped brace', () => {
    assert.deepEqual(bibtexNames('Doe, Jane\tand\nRoe, Rick'), ['Jane Doe', 'Rick Roe']);
    assert.deepEqual(bibtexNames('Doe\r\nand Roe'), ['Doe', 'Roe']);
    assert.deepEqual(bibtexNames('Smith\\{ and Jones'), ['Smith{', 'Jones']);
    assert.deepEqual(bibtexNames('Doe} and Roe'), ['Doe', 'Roe']);
    assert.deepEqual(bibtexNames('{Doe, Jane} and Roe'), ['Doe, Jane', 'Roe']);
    assert.deepEqual(bibtexNames('{{A} and B} and C'), ['A and B', 'C']);
  });

  it('reads "et al." written in place of "others" the same, and drops either anywhere but at the end or alone', () => {
    // As real files write it (Dive into Deep Learning's d2l.bib, 40 times).
    assert.deepEqual(bibtexNames('Srivastava, Aarohi and Rastogi, Abhinav and et al.'), ['Aarohi Srivastava', 'Abhinav Rastogi', MORE_AUTHORS]);
    assert.deepEqual(bibtexNames('Touvron, Hugo and {et al.}'), ['Hugo Touvron', MORE_AUTHORS]);
    assert.deepEqual(bibtexNames('Doe, Jane and Et Al'), ['Jane Doe', MORE_AUTHORS]);
    assert.deepEqual(bibtexNames('Doe, Jane and etal'), ['Jane Doe', MORE_AUTHORS]);
    assert.deepEqual(bibtexNames('Doe, Jane and others and Roe, Rick'), ['Jane Doe', 'Rick Roe']);
    assert.deepEqual(bibtexNames('others'), []);
    assert.deepEqual(bibtexNames('Doe, Jane and others and '), ['Jane Doe', MORE_AUTHORS]);
    // A name that ends with the letters is a name.
    assert.deepEqual(bibtexNames('Doe, Jane and Smothers and Tom Brothers and Othersen, Ann'), ['Jane Doe', 'Smothers', 'Tom Brothers', 'Ann Othersen']);
    assert.deepEqual(bibtexNames('Doe, Jane and Othersen'), ['Jane Doe', 'Othersen']);
    assert.deepEqual(bibtexNames('{Others, Inc.} and Doe, Jane'), ['Others, Inc.', 'Jane Doe']);
  });

  it('leaves out empty names and an "and" left dangling at either end, and reads "others" in any case as more authors', () => {
    assert.deepEqual(bibtexNames('{} and Doe, Jane and Others'), ['Jane Doe', MORE_AUTHORS]);
    assert.deepEqual(bibtexNames('   '), []);
    assert.deepEqual(bibtexNames(' Doe, Jane and others '), ['Jane Doe', MORE_AUTHORS]);
    assert.deepEqual(bibtexNames('Doe, Jane and\n'), ['Jane Doe']);
    assert.deepEqual(bibtexNames(' and Roe, Rick'), ['Rick Roe']);
  });
});

import { strict as assert } from 'node:assert';
import { decodeLatex, decodeVerbatim } from '../../src/core/library/latex';
import { macroDecoderFrom } from '../../src/core/library/macroFallback';
import { bibtexName, bibtexNames } from '../../src/core/library/bibtexNames';
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

  it('splits at "and" outside braces only, and leaves out "others"', () => {
    assert.deepEqual(bibtexNames('M{\\"u}ller, Hans and van der Berg, Jan and {OpenAI}'), ['Hans Müller', 'Jan van der Berg', 'OpenAI']);
    assert.deepEqual(bibtexNames('{Barnes and Noble} AND Doe, Jane\n  and others'), ['Barnes and Noble', 'Jane Doe']);
    assert.deepEqual(bibtexNames('Anderson, Alan and Sandberg, Ann'), ['Alan Anderson', 'Ann Sandberg']);
  });
});

import { strict as assert } from 'node:assert';
import { CODE_SPAN_REACH, CodeSpans } from '../../src/core/mentions';

/** `sectionOf` for each offset in increasing order, on a fresh tracker. */
function sections(text: string, offsets: number[]): number[] {
  const spans = new CodeSpans(text);
  return offsets.map((o) => spans.sectionOf(o));
}

describe('code spans, fenced blocks and sections', () => {
  it('starts a section at each markdown heading line and LaTeX sectioning command', () => {
    const text = 'intro\n# One\nbody\n\\section{Two}\nmore\n  ## Three\nend\n\\subsubsection*{Four}\nQ1\n\\chapter{Five}\nQ2';
    const at = (s: string) => text.indexOf(s);
    assert.deepEqual(sections(text, [0, at('intro') + 3, at('# One'), at('body'), at('more'), at('end'), at('Q1'), at('Q2')]), [
      0,
      0,
      at('# One'),
      at('# One'),
      at('\\section'),
      at('  ## Three'),
      at('\\subsub'),
      at('\\chapter'),
    ]);
  });

  it('takes no heading inside a fenced block, nor a # without a space or a hashtag run of seven', () => {
    const text = 'a\n```\n# not a heading\n```\nQ1\n#nospace\n####### seven\n~~~\n\\section{no}\n~~~\nQ2\n###### six\nQ3';
    const at = (s: string) => text.indexOf(s);
    assert.deepEqual(sections(text, [at('Q1'), at('#nospace') + 3, at('seven'), at('Q2'), at('Q3')]), [0, 0, 0, 0, at('###### six')]);
  });

  it('opens a fenced block only at three backticks or tildes: a line starting with a code span or strikethrough is not a fence', () => {
    const text = 'a\n`x` one\n# H1\n``y`` two\n## H2\n~~z~~\n### H3\n`~~\n#### H4\n~`~\nQ';
    const at = (s: string) => text.indexOf(s);
    assert.deepEqual(sections(text, [at('one'), at('two'), at('z~'), at('`~~'), at('Q')]), [0, at('# H1'), at('## H2'), at('### H3'), at('#### H4')]);
  });

  it('reads every line of a text that starts with a line break', () => {
    const text = '\n# One\nQ\n## Two\nR';
    assert.deepEqual(sections(text, [0, text.indexOf('Q'), text.indexOf('R')]), [0, 1, text.indexOf('## Two')]);
  });

  it('tells a code span on its line, whatever came on the lines before', () => {
    const text = 'A0 `A1` A2 `A3\nA4` A5 `A6` A7';
    const spans = new CodeSpans(text);
    const inside = ['A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7'].map((s) => spans.inSpan(text.indexOf(s)));
    // The span left open on the first line does not carry over: A4 is outside, and its closing
    // backtick opens one that A5 stands in.
    assert.deepEqual(inside, [false, true, false, true, false, true, false, true]);
  });

  it('reads a fenced block as no code span, and counts backticks only within the reach', () => {
    const fenced = 'x\n```\nsome `code\n```\nafter `y` z';
    const spans = new CodeSpans(fenced);
    assert.equal(spans.inSpan(fenced.indexOf('code')), false, 'in a block, not a span');
    assert.equal(spans.inSpan(fenced.indexOf('y')), true);
    assert.equal(spans.inSpan(fenced.indexOf('z')), false);
    const far = '`' + ' '.repeat(CODE_SPAN_REACH + 10) + 'name';
    assert.equal(new CodeSpans(far).inSpan(far.indexOf('name')), false, 'an opening backtick beyond the reach is not counted');
    const near = '`' + ' '.repeat(CODE_SPAN_REACH - 10) + 'name';
    assert.equal(new CodeSpans(near).inSpan(near.indexOf('name')), true);
  });
});

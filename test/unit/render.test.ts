import { strict as assert } from 'node:assert';
import { MORE_AUTHORS } from '../../src/core/types';
import { bylineParts, commandUri, escapeHtml, escapeIcons, escapeLatexText, escapeMarkdown, escapeMarkdownProse, escapeMarkdownReadable, isHttpUrl, linkLabel, paperLinks, safeHttpUrl, snippetAround, truncateAtWord } from '../../src/core/render';

describe('render helpers', () => {
  it('escapes every markdown-significant character and collapses line breaks', () => {
    assert.equal(escapeMarkdown('a*b_c\n\n# d'), 'a\\*b\\_c \\# d');
    assert.equal(escapeMarkdown('\\`*_{}[]()#+-.!|<>^&~'), '\\\\\\`\\*\\_\\{\\}\\[\\]\\(\\)\\#\\+\\-\\.\\!\\|\\<\\>\\^\\&\\~');
  });

  it('escapes HTML text and attribute values', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('truncates at word boundaries, never mid-word unless the first word is too long', () => {
    assert.equal(truncateAtWord('alpha beta gamma', 0), 'alpha beta gamma');
    assert.equal(truncateAtWord('alpha beta gamma', 16), 'alpha beta gamma');
    assert.equal(truncateAtWord('alpha beta gamma', 12), 'alpha beta…');
    assert.equal(truncateAtWord('alpha beta, gamma', 11), 'alpha beta…');
    assert.equal(truncateAtWord('supercalifragilistic', 5), 'super…');
  });

  it('accepts only http(s) URLs and percent-encodes what could end a link', () => {
    assert.equal(safeHttpUrl('https://github.com/a/b(c)'), 'https://github.com/a/b%28c%29');
    assert.equal(safeHttpUrl('javascript:alert(1)'), undefined);
    assert.equal(safeHttpUrl('command:paperLens.openPaper'), undefined);
    assert.equal(safeHttpUrl('not a url'), undefined);
  });

  it('builds command URIs whose JSON arguments survive any characters', () => {
    const uri = commandUri('paperLens.openPaper', ['a b)"]']);
    assert.equal(uri.split('?')[0], 'command:paperLens.openPaper');
    assert.doesNotMatch(uri.split('?')[1], /[\s()"'[\]]/);
    assert.deepEqual(JSON.parse(decodeURIComponent(uri.split('?')[1])), ['a b)"]']);
  });

  it('cuts a snippet around the first match and marks the cut with ellipses', () => {
    const text = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen';
    const at = text.indexOf('twelve');
    const snippet = snippetAround(text, [[at, at + 6]], 30);
    assert.ok(snippet.startsWith('…'), snippet);
    assert.ok(snippet.includes('twelve'), snippet);
    assert.ok(snippet.length <= 32, snippet);
    assert.equal(snippetAround('short text', [[0, 5]], 30), 'short text');
    assert.equal(snippetAround(text, [], 14), 'one two three…');
  });

  it('keeps $( literal in quick pick text', () => {
    assert.equal(escapeIcons('cost $(n) and $(zap)'), 'cost \\$(n) and \\$(zap)');
  });

  it('drops every punctuation mark and space before the ellipsis, not only the last', () => {
    assert.equal(truncateAtWord('alpha beta — gamma', 12), 'alpha beta…');
    assert.equal(truncateAtWord('one two.., three', 10), 'one two…');
  });

  it('escapes only markup-starting characters in a readable citation title', () => {
    assert.equal(escapeMarkdownReadable('Split & Merge: BT^2 [x](y) <b> #1 a_b *c* ~d~ `e` {f} +g !h |i \\'), 'Split \\& Merge: BT\\^2 \\[x\\]\\(y\\) \\<b\\> \\#1 a\\_b \\*c\\* \\~d\\~ \\`e\\` \\{f\\} \\+g \\!h \\|i \\\\');
    assert.equal(escapeMarkdownReadable('Go Wider: 3.5x, faster; why? 100% - yes'), 'Go Wider: 3.5x, faster; why? 100% - yes');
  });

  it('escapes prose for a Markdown document: markup anywhere, block marks at line starts, URLs left whole', () => {
    const hostile = 'Click [here](command:workbench.action.quit) <img src=x onerror=alert(1)> `x` *Bold*';
    assert.equal(escapeMarkdownProse(hostile), 'Click \\[here\\](command:workbench.action.quit) \\<img src=x onerror=alert(1)\\> \\`x\\` \\*Bold\\*');
    assert.equal(escapeMarkdownProse('a_b ~c~ |d| &amp; $x$ \\ (2031). {e} f: g!'), 'a\\_b \\~c\\~ \\|d\\| \\&amp; \\$x\\$ \\\\ (2031). {e} f: g!');
    assert.equal(escapeMarkdownProse('See https://github.com/o/my_repo*x and http://a.b/c_d.'), 'See https://github.com/o/my_repo*x and http://a.b/c_d.');
    assert.equal(escapeMarkdownProse('# Title\n- item\n  + more\n= x\n12. twelve\n3) three\nmid # - 4. stays'), '\\# Title\n\\- item\n  \\+ more\n\\= x\n12\\. twelve\n3\\) three\nmid # - 4. stays');
  });

  it('escapes the LaTeX specials and angle brackets, and nothing else', () => {
    assert.equal(escapeLatexText('50% of $x$ & #1_a {b} ~c^ \\d <e>'), '50\\% of \\$x\\$ \\& \\#1\\_a \\{b\\} \\textasciitilde{}c\\textasciicircum{} \\textbackslash{}d \\textless{}e\\textgreater{}');
    assert.equal(escapeLatexText('Plain: text, (2031). "q" [1] @k'), 'Plain: text, (2031). "q" [1] @k');
  });

  it('accepts http and https in any letter case and nothing else', () => {
    assert.equal(isHttpUrl('http://example.org'), true);
    assert.equal(isHttpUrl('HTTPS://Example.org/A'), true);
    for (const url of ['ftp://example.org', 'file:///etc/passwd', 'mailto:a@b.c', 'example.org', '']) assert.equal(isHttpUrl(url), false, url);
  });

  it('labels a link without its scheme and trailing slash', () => {
    assert.equal(linkLabel('https://github.com/o/r/'), 'github.com/o/r');
    assert.equal(linkLabel('HTTP://Example.org'), 'Example.org');
    assert.equal(linkLabel('https://example.org/a/b'), 'example.org/a/b');
    // Only a leading scheme goes: a label of a scheme-less text keeps a URL inside it.
    assert.equal(linkLabel('example.org/?u=https://x.org/'), 'example.org/?u=https://x.org');
  });

  it('percent-encodes the characters encodeURIComponent leaves in command arguments, in upper case', () => {
    assert.equal(commandUri('c', ["it's (1)!*"]), 'command:c?%5B%22it%27s%20%281%29%21%2A%22%5D');
  });

  it('starts a snippet at the word before the match, or at the start of the text', () => {
    const text = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen';
    const at = text.indexOf('twelve');
    // A third of the room left over goes before the match; the cut moves back to a word start.
    assert.equal(snippetAround(text, [[at, at + 6]], 24), '…eleven twelve thirteen…');
    // Near the start nothing is cut in front, and no ellipsis leads.
    assert.equal(snippetAround(text, [[4, 7]], 30), 'one two three four five six…');
    // The earliest range counts, whatever order the ranges come in.
    assert.equal(snippetAround(text, [[at, at + 6], [19, 23], [72, 80]], 24), '…four five six seven…');
    // A cut inside the first word moves back to the start of the text, not to the middle of that word.
    const first = 'transformers two three four five six seven eight nine ten';
    assert.equal(snippetAround(first, [[17, 22]], 30), 'transformers two three four…');
    // A text that fits is shown whole, wherever its match is.
    assert.equal(snippetAround('alpha beta gamma delta', [[17, 22]], 22), 'alpha beta gamma delta');
  });

  it('cuts a snippet mid-word when the word before the match is far back', () => {
    const text = 'intro abcdefghijklmnopqrstuvwxyz match and then some more words after it';
    const at = text.indexOf('match');
    // The word start lies 28 characters back, the lead (8) plus 20: too far, so the cut stays.
    assert.equal(snippetAround(text, [[at, at + 5]], 30), '…tuvwxyz match and then some…');
    // One character nearer and the snippet starts at the whole word.
    const nearer = text.replace('abcdefghijklmnopqrstuvwxyz', 'abcdefghijklmnopqrstuvwxy');
    assert.equal(snippetAround(nearer, [[at - 1, at + 4]], 30), '…abcdefghijklmnopqrstuvwxy…');
  });

  it('names up to three authors, or four when the fourth is the last, then "et al.", with year and venue', () => {
    const names = ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones'];
    assert.deepEqual(bylineParts({ authors: names, year: 2017, venue: 'Advances in  Neural\nInformation Processing Systems' }), [
      'Ashish Vaswani, Noam Shazeer, Niki Parmar et al.',
      '2017',
      'Advances in Neural Information Processing Systems',
    ]);
    assert.deepEqual(bylineParts({ authors: names.slice(0, 4) }), ['Ashish Vaswani, Noam Shazeer, Niki Parmar, Jakob Uszkoreit']);
    assert.deepEqual(bylineParts({ authors: names.slice(0, 1), year: 2017 }), ['Ashish Vaswani', '2017']);
    assert.deepEqual(bylineParts({ authors: [' ', ''], venue: ' ' }), []);
    assert.deepEqual(bylineParts({}), []);
  });

  it('ends with "et al." a list its source said goes on (`and others`), however short', () => {
    assert.deepEqual(bylineParts({ authors: ['Radford M Neal', MORE_AUTHORS], year: 2011 }), ['Radford M Neal et al.', '2011']);
    assert.deepEqual(bylineParts({ authors: ['A', 'B', 'C', MORE_AUTHORS] }), ['A, B, C et al.']);
    assert.deepEqual(bylineParts({ authors: ['A', 'B', 'C', 'D', MORE_AUTHORS] }), ['A, B, C et al.']);
    // Not at the end, it is no marker: a name like any other.
    assert.deepEqual(bylineParts({ authors: [MORE_AUTHORS, 'A'] }), ['et al., A']);
  });

  it('adds the DOI and arXiv pages to the links once, after the paper\'s own, then its URL', () => {
    assert.deepEqual(paperLinks({ links: ['https://github.com/o/r'], doi: '10.48550/arXiv.1706.03762', arxivId: '1706.03762', url: 'https://example.org/p' }), [
      'https://github.com/o/r',
      'https://doi.org/10.48550/arXiv.1706.03762',
      'https://arxiv.org/abs/1706.03762',
      'https://example.org/p',
    ]);
    // Already linked: not twice.
    assert.deepEqual(paperLinks({ links: ['https://arxiv.org/abs/1706.03762v5'], arxivId: '1706.03762', url: 'https://ARXIV.org/abs/1706.03762v5/' }), ['https://arxiv.org/abs/1706.03762v5']);
    // A DOI's characters stay inside its link; a URL that is not http(s) is left out.
    assert.deepEqual(paperLinks({ links: [], doi: '10.1002/(SICI)1097 x', url: 'javascript:alert(1)' }), ['https://doi.org/10.1002/(SICI)1097%20x']);
  });
});

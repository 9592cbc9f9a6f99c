import { strict as assert } from 'node:assert';
import { commandUri, escapeHtml, escapeIcons, escapeMarkdown, safeHttpUrl, snippetAround, truncateAtWord } from '../../src/core/render';

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
});

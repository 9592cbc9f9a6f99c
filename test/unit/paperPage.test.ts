import { strict as assert } from 'node:assert';
import { PAPER_PAGE_SCRIPT, paperPageCsp, paperPageState, renderPaperPage, type PaperPageCommands } from '../../src/core/paperPage';
import { escapeHtml } from '../../src/core/render';
import type { Paper } from '../../src/core/types';
import { paperTitled } from './helpers';

const COMMANDS: PaperPageCommands = {
  copyCitation: 'paperLens.copyCitation',
  revealPaper: 'paperLens.revealPaper',
  openCodeLink: 'paperLens.openCodeLink',
};
const CONTEXT = { cspSource: 'https://webview.test', nonce: 'bm9uY2U=', commands: COMMANDS };

function page(paper: Paper, extra: { shortName?: string; topics?: string[]; citation?: string } = {}): string {
  return renderPaperPage({ paper, topics: [], ...extra }, CONTEXT);
}

describe('paper page', () => {
  it('declares a CSP with no default source and a nonce for its one style sheet and its one script', () => {
    const html = page(paperTitled('BT^2'));
    const csp = paperPageCsp(CONTEXT.cspSource, CONTEXT.nonce);
    assert.ok(html.includes(`content="${escapeHtml(csp)}"`));
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-bm9uY2U=';/);
    assert.doesNotMatch(csp, /unsafe/);
    assert.equal(html.match(/<style nonce="bm9uY2U=">/g)?.length, 1);
    assert.deepEqual([...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]), ['<script nonce="bm9uY2U=">']);
    assert.ok(html.includes(`<script nonce="bm9uY2U=">${PAPER_PAGE_SCRIPT}</script>`));
    assert.doesNotMatch(html, /\b(src|href)="(?!command:|https?:)/, 'no other resources');
  });

  it('carries the paper id for the script to store as the state a reload restores', () => {
    const paper = paperTitled('BT^2');
    assert.ok(page(paper).includes(`<body data-paper-id="${escapeHtml(paper.id)}">`));
    const hostile: Paper = { id: 'a"><script>x</script>', title: 'T', abstract: 'A', links: [] };
    const html = page(hostile);
    assert.ok(html.includes('<body data-paper-id="a&quot;&gt;&lt;script&gt;x&lt;/script&gt;">'));
    assert.equal(html.match(/<script/g)?.length, 1, 'the id adds no script');
  });

  it('reads back only a state it stored', () => {
    assert.deepEqual(paperPageState({ paperId: 'lora' }), { paperId: 'lora' });
    for (const state of [undefined, null, {}, { paperId: '' }, { paperId: 7 }, 'lora']) {
      assert.equal(paperPageState(state), undefined, JSON.stringify(state));
    }
  });

  it('shows title, short name, topics, abstract, links and the citation, escaped', () => {
    const p: Paper = {
      id: 'x',
      title: 'Split & Merge: <script>alert(1)</script>',
      abstract: 'First "quoted" <b>paragraph</b>.\n\nSecond one.',
      links: ['https://github.com/o/r', 'javascript:alert(1)'],
    };
    const html = page(p, { shortName: 'Split & Merge', topics: ['Data & Curation'], citation: '@misc{a,\n  title = {A & B}\n}' });
    assert.ok(html.includes('<h1>Split &amp; Merge: &lt;script&gt;alert(1)&lt;/script&gt;</h1>'));
    assert.ok(html.includes('<span class="short">Split &amp; Merge</span>'));
    assert.ok(html.includes('<span class="topic">Data &amp; Curation</span>'));
    assert.ok(html.includes('<p>First &quot;quoted&quot; &lt;b&gt;paragraph&lt;/b&gt;.</p>\n<p>Second one.</p>'));
    assert.ok(html.includes('<a href="https://github.com/o/r">github.com/o/r</a>'));
    assert.ok(!html.includes('javascript:'));
    assert.ok(html.includes('<pre class="citation">@misc{a,\n  title = {A &amp; B}\n}</pre>'));
  });

  it('offers copy citation and reveal always, open code only with a code link', () => {
    const actions = (html: string) => [...html.matchAll(/class="action" href="command:([\w.]+)\?([^"]+)"/g)].map((m) => [m[1], JSON.parse(decodeURIComponent(m[2]))]);
    const codePaper = paperTitled('CNN Filter DB');
    assert.deepEqual(actions(page(codePaper)), [
      [COMMANDS.copyCitation, [codePaper.id]],
      [COMMANDS.revealPaper, [codePaper.id]],
      [COMMANDS.openCodeLink, [codePaper.id]],
    ]);
    const noCode = paperTitled('Data Filtering Networks');
    assert.deepEqual(
      actions(page(noCode)).map(([c]) => c),
      [COMMANDS.copyCitation, COMMANDS.revealPaper],
    );
  });
});

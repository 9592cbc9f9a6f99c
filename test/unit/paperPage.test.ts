import { strict as assert } from 'node:assert';
import { PAPER_PAGE_SCRIPT, paperPageCsp, paperPageState, renderPaperPage, type PaperPageCommands } from '../../src/core/paperPage';
import { escapeHtml } from '../../src/core/render';
import type { Paper } from '../../src/core/types';
import { paperTitled } from './helpers';

const COMMANDS: PaperPageCommands = {
  openPaper: 'paperLens.openPaper',
  copyCitation: 'paperLens.copyCitation',
  revealPaper: 'paperLens.revealPaper',
  openCodeLink: 'paperLens.openCodeLink',
};
const CONTEXT = { cspSource: 'https://webview.test', nonce: 'bm9uY2U=', commands: COMMANDS };

function page(paper: Paper, extra: { shortName?: string; topics?: string[]; citation?: string; related?: { id: string; title: string }[] } = {}): string {
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

describe('paper page sections (mutation)', () => {
  const bare: Paper = { id: 'x', title: 'T', abstract: 'Only one.', links: [] };

  it('leaves out the meta line, byline, links and citation when there are none', () => {
    const html = page(bare);
    for (const part of ['<p class="meta">', '<p class="byline">', '<h2>Links</h2>', '<h2>Citation</h2>', 'Stryker']) assert.ok(!html.includes(part), part);
    assert.ok(html.includes('<h2>Abstract</h2>\n<p>Only one.</p>\n'));
  });

  it('lists related papers as links to their own views, with escaped titles, and no section without any', () => {
    const html = page(bare, { related: [{ id: 'a"b', title: 'One <i>x</i>\n  two' }, { id: 'c', title: 'Three' }] });
    assert.ok(
      html.includes(
        '<h2>Related papers</h2>\n<ul class="related"><li><a href="command:paperLens.openPaper?%5B%22a%5C%22b%22%5D" title="Open this paper\'s view">One &lt;i&gt;x&lt;/i&gt; two</a></li><li><a href="command:paperLens.openPaper?%5B%22c%22%5D" title="Open this paper\'s view">Three</a></li></ul>',
      ),
      html,
    );
    assert.ok(!page(bare).includes('Related papers'));
    assert.ok(!page(bare, { related: [] }).includes('Related papers'));
  });

  it('names the first three authors then et al., with the venue, and links the DOI and arXiv pages', () => {
    const html = page({ ...bare, authors: ['A', 'B', 'C', 'D', 'E'], year: 2021, venue: 'ICML & <b>', doi: '10.1/x', arxivId: '2101.00001' });
    assert.ok(html.includes('<p class="byline">A, B, C et al. · 2021 · ICML &amp; &lt;b&gt;</p>'), html);
    assert.ok(html.includes('<li><a href="https://doi.org/10.1/x">doi.org/10.1/x</a></li><li><a href="https://arxiv.org/abs/2101.00001">arxiv.org/abs/2101.00001</a></li>'), html);
  });

  it('shows the short name and topics, authors and year, and each action with its label and title', () => {
    const p: Paper = { ...bare, authors: ['Ada Lovelace', 'Alan Turing'], year: 2017, links: ['https://github.com/o/r', 'https://example.org/p'] };
    const html = page(p, { shortName: 'S', topics: ['A', 'B'], citation: 'cite me' });
    assert.ok(html.includes('<p class="meta"><span class="short">S</span> <span class="topic">A</span> <span class="topic">B</span></p>'));
    assert.ok(html.includes('<p class="byline">Ada Lovelace, Alan Turing · 2017</p>'));
    assert.ok(
      html.includes(
        '<nav class="actions">' +
          '<a class="action" href="command:paperLens.copyCitation?%5B%22x%22%5D" title="Copy a citation to the clipboard">Copy Citation</a>' +
          '<a class="action" href="command:paperLens.revealPaper?%5B%22x%22%5D" title="Show the paper in the Paper Lens sidebar">Reveal in Sidebar</a>' +
          '<a class="action" href="command:paperLens.openCodeLink?%5B%22x%22%5D" title="Open the code repository in the browser">Open Code</a>' +
          '</nav>',
      ),
    );
    assert.ok(html.includes('<h2>Links</h2>\n<ul class="links"><li><a href="https://github.com/o/r">github.com/o/r</a></li><li><a href="https://example.org/p">example.org/p</a></li></ul>'));
    assert.ok(html.includes('<h2>Citation</h2>\n<pre class="citation">cite me</pre>'));
    assert.ok(page({ ...bare, year: 2020 }).includes('<p class="byline">2020</p>'));
    assert.ok(page({ ...bare, authors: [] }).includes('<p class="byline">') === false);
  });

  it('splits the abstract at blank lines, even ones holding spaces, and drops empty paragraphs', () => {
    const html = page({ ...bare, abstract: '  \n\nFirst\nline.\n  \nSecond.\n\n\n' });
    assert.ok(html.includes('<h2>Abstract</h2>\n<p>First line.</p>\n<p>Second.</p>\n'));
    assert.ok(!html.includes('<p></p>'));
  });

  it('stores the paper id from the page in its script and styles with theme colours', () => {
    const html = page(bare);
    assert.ok(html.includes('<script nonce="bm9uY2U=">acquireVsCodeApi().setState({ paperId: document.body.dataset.paperId });</script>'));
    assert.match(html, /<style nonce="bm9uY2U=">[^<]*background: var\(--vscode-editor-background\)/);
  });
});

import { strict as assert } from 'node:assert';
import { renderHoverCard, type HoverCardCommands } from '../../src/core/hoverCard';
import type { Paper } from '../../src/core/types';
import { bundledCorpus, paperTitled } from './helpers';

const COMMANDS: HoverCardCommands = {
  openPaper: 'paperLens.openPaper',
  revealPaper: 'paperLens.revealPaper',
  copyCitation: 'paperLens.copyCitation',
  notThisPaper: 'paperLens.notThisPaper',
};

function paper(fields: Partial<Paper> & Pick<Paper, 'title'>): Paper {
  return { id: 'test-paper', abstract: 'An abstract.', links: [], ...fields };
}

function card(p: Paper, abstractLength = 0, shortName?: string, topics: string[] = []): string {
  return renderHoverCard({ paper: p, shortName, topics }, { abstractLength, commands: COMMANDS });
}

/** What a markdown renderer shows for backslash-escaped text. */
function unescape(markdown: string): string {
  return markdown.replace(/\\(.)/g, '$1');
}

/** The abstract paragraph: the one after the actions (the paragraph with the command links). */
function abstractOf(markdown: string): string {
  const parts = markdown.split('\n\n');
  return parts[parts.findIndex((p) => p.includes('](command:')) + 1];
}

/** Every `](target)` link destination in the markdown that is not preceded by a backslash. */
function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/(?<!\\)\]\(([^)\s]+)/g)].map((m) => m[1]);
}

describe('hover card', () => {
  it('renders the bold title, short name, topics and full abstract of a real paper', () => {
    const bt2 = paperTitled('BT^2');
    const md = card(bt2, 0, 'BT^2', ['Representation Learning']);
    const [title, meta, actions, abstract] = md.split('\n\n');
    assert.ok(actions.startsWith('[Open](command:paperLens.openPaper?'), actions);
    assert.equal(title, '**BT\\^2\\: Backward\\-compatible Training with Basis Transformation**');
    assert.equal(unescape(meta), '*BT^2* — Representation Learning');
    assert.equal(unescape(abstract), bt2.abstract.replace(/\s+/g, ' ').trim());
  });

  it('escapes BT^2 and Split & Merge so they render as written', () => {
    const md = card(paper({ title: 'Split & Merge: BT^2 <b>x</b> ~~y~~ `z`' }));
    const title = md.split('\n\n')[0];
    assert.equal(title, '**Split \\& Merge\\: BT\\^2 \\<b\\>x\\<\\/b\\> \\~\\~y\\~\\~ \\`z\\`**');
    assert.equal(unescape(title), '**Split & Merge: BT^2 <b>x</b> ~~y~~ `z`**');
  });

  it('renders an injected [x](command:evil) title and abstract inert', () => {
    const md = card(
      paper({
        title: '[x](command:evil) ![img](https://evil.example/i.png) <https://evil.example>',
        abstract: 'See [here](command:workbench.action.files.delete "t") and https://evil.example/a and www.evil.example.',
      }),
    );
    const targets = linkTargets(md);
    assert.deepEqual(
      targets.map((t) => t.split('?')[0]),
      [COMMANDS.openPaper, COMMANDS.revealPaper, COMMANDS.copyCitation].map((c) => `command:${c}`),
      'the only links are the card actions',
    );
    assert.ok(!md.includes('command:evil'), 'the injected command id is broken by escaping');
    assert.ok(md.includes('\\[x\\]\\(command\\:evil\\)'));
    assert.ok(md.includes('https\\:\\/\\/evil\\.example\\/a'), 'bare URLs cannot autolink');
    assert.ok(md.includes('www\\.evil\\.example'));
  });

  it('shows http(s) links only, with an escaped label and an encoded destination', () => {
    const md = card(
      paper({
        title: 'T',
        links: ['https://github.com/a_b/c(d)', 'javascript:alert(1)', 'ftp://example.org/x', 'http://example.org/x y'],
      }),
    );
    const links = md.split('\n\n').at(-1)!;
    assert.equal(links, '[github\\.com\\/a\\_b\\/c\\(d\\)](https://github.com/a_b/c%28d%29) · [example\\.org\\/x y](http://example.org/x%20y)');
    assert.ok(!md.includes('javascript'));
    assert.ok(!md.includes('ftp:'));
  });

  it('truncates the abstract at a word boundary with an ellipsis when abstractLength is set', () => {
    const p = paperTitled('Data Filtering Networks');
    const abstract = unescape(abstractOf(card(p, 100)));
    assert.ok(abstract.endsWith('…'), abstract);
    assert.ok(abstract.length <= 101, `${abstract.length} characters`);
    const words = abstract.slice(0, -1);
    assert.ok(p.abstract.startsWith(words), 'a prefix of the abstract');
    assert.match(p.abstract.charAt(words.length), /[\s,.;:]/, 'cut between words');
    assert.equal(unescape(abstractOf(card(p, 0))), p.abstract.replace(/\s+/g, ' ').trim(), '0 = full');
    assert.equal(unescape(abstractOf(card(p, 100_000))), p.abstract.replace(/\s+/g, ' ').trim(), 'longer than the abstract');
  });

  it('adds a Code action for the first code repository link only', () => {
    const withCode = card(paper({ title: 'T', links: ['https://example.org/project', 'https://github.com/o/r'] }));
    assert.ok(withCode.includes('[Code](https://github.com/o/r "Open the code repository")'));
    assert.ok(!card(paper({ title: 'T', links: ['https://example.org/project'] })).includes('[Code]'));
  });

  it('encodes the paper id as JSON arguments of each command link', () => {
    const p = paper({ id: 'weird id)"](x', title: 'T' });
    const targets = linkTargets(card(p));
    assert.equal(targets.length, 3);
    for (const target of targets) {
      const [, query] = target.split('?');
      assert.doesNotMatch(query, /[()\s"[\]]/, 'nothing in the arguments can end the link');
      assert.deepEqual(JSON.parse(decodeURIComponent(query)), [p.id]);
    }
  });

  it('shows a library paper\'s authors, year and venue under the title, and its DOI and arXiv pages with its links', () => {
    const p = paper({ id: 'p', title: 'Attention Is All You Need', authors: ['A V', 'N S', 'N P', 'J U', 'L J'], year: 2017, venue: 'NeurIPS', doi: '10.5555/x', arxivId: '1706.03762' });
    const parts = card(p).split('\n\n');
    assert.equal(parts[1], 'A V\\, N S\\, N P et al\\. · 2017 · NeurIPS');
    assert.equal(parts[parts.length - 1], '[doi\\.org\\/10\\.5555\\/x](https://doi.org/10.5555/x) · [arxiv\\.org\\/abs\\/1706\\.03762](https://arxiv.org/abs/1706.03762)');
    // Hostile library text stays text.
    const hostile = card(paper({ id: 'p', title: 'T', authors: ['[x](command:evil)'], venue: '<img src=x>' }));
    assert.deepEqual(linkTargets(hostile).filter((t) => !t.startsWith('command:paperLens.')), []);
    assert.doesNotMatch(hostile, /(?<!\\)</, 'every < is escaped');
    assert.ok(hostile.includes('\\<img src\\=x\\>'));
  });

  it('offers Not this paper for a name the text wrote, with the paper id and the name as arguments, and not for a full title', () => {
    const p = paper({ id: 'p', title: 'T' });
    const named = renderHoverCard({ paper: p, topics: [], mentionedAs: 'Ha"ck\\' }, { abstractLength: 0, commands: COMMANDS });
    const target = linkTargets(named).find((t) => t.startsWith('command:paperLens.notThisPaper?'));
    assert.ok(target, named);
    assert.deepEqual(JSON.parse(decodeURIComponent(target.split('?')[1])), ['p', 'Ha"ck\\']);
    // The name is in the link's title without the characters that would end it.
    assert.ok(named.includes(`${target} "Stop linking Hack to this paper in this workspace")`), named);
    assert.ok(!card(p).includes('Not this paper'));
  });

  it('renders every bundled paper with its three actions and no unescaped markup from the corpus', () => {
    const corpus = bundledCorpus();
    for (const p of corpus.papers) {
      const md = card(p, 0, corpus.shortName(p.id), corpus.topicsOf(p.id).map((t) => t.label));
      const targets = linkTargets(md);
      const commands = targets.filter((t) => t.startsWith('command:'));
      assert.equal(commands.length, 3, p.title);
      for (const t of targets.filter((t) => !t.startsWith('command:'))) assert.match(t, /^https?:\/\//, p.title);
    }
  });
});

describe('hover card layout (mutation)', () => {
  const actions =
    '[Open](command:paperLens.openPaper?%5B%22p%22%5D "Open the paper view") · ' +
    '[Reveal in Sidebar](command:paperLens.revealPaper?%5B%22p%22%5D "Show the paper in the Paper Lens sidebar") · ' +
    '[Copy Citation](command:paperLens.copyCitation?%5B%22p%22%5D "Copy a citation to the clipboard")';

  it('leaves out the meta line, abstract and links when the paper has none, with no empty paragraphs', () => {
    assert.equal(card(paper({ id: 'p', title: 'T', abstract: '' })), `**T**\n\n${actions}`);
  });

  it('joins the short name and several topics on one line', () => {
    const md = card(paper({ id: 'p', title: 'T', abstract: 'A b.', links: ['https://example.org/x'] }), 0, 'S', ['One', 'Two']);
    assert.equal(md, `**T**\n\n*S* — One · Two\n\n${actions}\n\nA b\\.\n\n[example\\.org\\/x](https://example.org/x)`);
    assert.equal(card(paper({ id: 'p', title: 'T', abstract: '' }), 0, undefined, ['One']), `**T**\n\nOne\n\n${actions}`);
  });
});

describe('hover card of a library paper', () => {
  const library = (fields: Partial<Paper>) => paper({ id: 'p', title: 'T', abstract: '', ...fields });

  it('shows up to four authors, year and venue on the line after the title', () => {
    const md = card(library({ authors: ['Ngozi Okafor', 'Jana Müller'], year: 2031, venue: 'Proc. Orchids' }));
    assert.equal(unescape(md.split('\n\n')[1]), 'Ngozi Okafor, Jana Müller · 2031 · Proc. Orchids');
    const four = card(library({ authors: ['A One', 'B Two', 'C Three', 'D Four'] }));
    assert.equal(unescape(four.split('\n\n')[1]), 'A One, B Two, C Three, D Four');
  });

  it('cuts five or more authors to the first three and et al.', () => {
    const md = card(library({ authors: ['A One', 'B Two', 'C Three', 'D Four', 'E Five'], year: 2020 }));
    assert.equal(unescape(md.split('\n\n')[1]), 'A One, B Two, C Three et al. · 2020');
  });

  it('escapes markup in authors and venue', () => {
    const md = card(library({ authors: ['Eve [x](command:evil) <img src=x>'], venue: '*Bold*' }));
    assert.deepEqual(linkTargets(md.split('\n\n')[1]), []);
    assert.equal(unescape(md.split('\n\n')[1]), 'Eve [x](command:evil) <img src=x> · *Bold*');
  });

  it('links the DOI and the arXiv page after the paper links, once', () => {
    const md = card(library({ doi: '10.1000/a b', arxivId: 'hep-th/9901001', links: ['https://github.com/o/r'] }));
    assert.deepEqual(linkTargets(md.split('\n\n').at(-1)!), ['https://github.com/o/r', 'https://doi.org/10.1000/a%20b', 'https://arxiv.org/abs/hep-th/9901001']);
    const listed = card(library({ arxivId: '2101.00001', links: ['https://arxiv.org/abs/2101.00001'] }));
    assert.deepEqual(linkTargets(listed.split('\n\n').at(-1)!), ['https://arxiv.org/abs/2101.00001']);
  });

  it('adds no byline for a paper with no authors, year or venue', () => {
    assert.equal(card(library({})).split('\n\n').length, 2);
  });

  describe('related papers', () => {
    const HOSTILE = 'Click [here](command:workbench.action.quit) <img src=x onerror=alert(1)> `x` *Bold*';
    const withRelated = (related: { id: string; title: string }[]) =>
      renderHoverCard({ paper: paper({ title: 'T', links: ['https://github.com/o/r'] }), topics: [], related }, { abstractLength: 0, commands: COMMANDS });

    it('lists them last, in the order given, each a link to its own view', () => {
      const md = withRelated([
        { id: 'a"b', title: 'One\n  two' },
        { id: 'c', title: 'Three' },
      ]);
      const section = md.split('\n\n').slice(-2).join('\n\n');
      assert.equal(
        section,
        'Related papers:\n\n- [One two](command:paperLens.openPaper?%5B%22a%5C%22b%22%5D "Open this paper\'s view")\n- [Three](command:paperLens.openPaper?%5B%22c%22%5D "Open this paper\'s view")',
      );
    });

    it('renders a hostile related title as text: no link, HTML or code of its own', () => {
      const md = withRelated([{ id: 'h', title: HOSTILE }]);
      const item = md.split('\n').at(-1)!;
      assert.deepEqual(linkTargets(item), ['command:paperLens.openPaper?%5B%22h%22%5D']);
      assert.doesNotMatch(item, /(?<!\\)[<`*]/, 'every <, ` and * is escaped');
      assert.equal(unescape(item.slice('- ['.length, item.indexOf('](command:'))), HOSTILE);
    });

    it('adds no section without related papers', () => {
      assert.ok(!withRelated([]).includes('Related papers'));
      assert.ok(!card(paper({ title: 'T' })).includes('Related papers'));
    });
  });
});

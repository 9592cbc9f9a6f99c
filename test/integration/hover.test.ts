import * as assert from 'assert';
import * as vscode from 'vscode';
import { WHOLE_SCAN_LIMIT } from '../../src/core/scanWindow';
import { markdownOf, offsetOf, paperHover, paperHovers, paperLens, paperTitled, rendered, sample, textOf } from './support';

/** The first `n` characters of an abstract as the card shows them (whitespace collapsed). */
function abstractStart(abstract: string, n = 80): string {
  return abstract.replace(/\s+/g, ' ').trim().slice(0, n);
}

describe('hover cards', () => {
  let notes: vscode.TextDocument;
  let script: vscode.TextDocument;

  before(async () => {
    await paperLens();
    notes = await sample('hover-notes.md');
    script = await sample('hover_train.py');
  });

  it('shows the card for a short name, with a range of exactly the name', async () => {
    const dataComp = await paperTitled('DataComp:');
    const at = offsetOf(notes, 'DataComp fixes');
    const hover = await paperHover(notes, at + 3);
    assert.strictEqual(textOf(notes, hover.range), 'DataComp');
    assert.deepStrictEqual(hover.range, new vscode.Range(notes.positionAt(at), notes.positionAt(at + 'DataComp'.length)));
    const card = rendered(markdownOf(hover));
    assert.ok(card.includes(`**${dataComp.title}**`), 'bold title');
    assert.ok(card.includes(abstractStart(dataComp.abstract)), 'abstract start');
    // Its related papers, last, each opening its paper view: Data Filtering Networks is DataComp's nearest.
    const related = markdownOf(hover).split('Related papers:').pop()!;
    assert.ok(rendered(related).includes('Data Filtering Networks'), related);
    assert.ok(related.includes('](command:paperLens.openPaper?'), related);
  });

  it('shows the card for a full title wrapped across two lines of markdown', async () => {
    const paper = await paperTitled('Data Filtering Networks');
    const at = offsetOf(notes, 'Data Filtering\nNetworks');
    const expected = 'Data Filtering\nNetworks';
    for (const inside of [0, 'Data Filtering\nNet'.length]) {
      const hover = await paperHover(notes, at + inside);
      assert.strictEqual(textOf(notes, hover.range), expected);
      assert.ok(rendered(markdownOf(hover)).includes(abstractStart(paper.abstract)));
    }
  });

  it('shows the card for a name in a Python comment', async () => {
    assert.strictEqual(script.languageId, 'python');
    const sara = await paperTitled('SaRA');
    const at = offsetOf(script, 'SaRA:');
    const hover = await paperHover(script, at + 1);
    assert.strictEqual(textOf(script, hover.range), 'SaRA');
    assert.ok(rendered(markdownOf(hover)).includes(abstractStart(sara.abstract)));
  });

  it('renders names with markdown characters as written', async () => {
    const bt2 = await paperHover(notes, offsetOf(notes, 'BT^2 adds') + 1);
    assert.strictEqual(textOf(notes, bt2.range), 'BT^2');
    assert.ok(markdownOf(bt2).startsWith('**BT\\^2\\: Backward\\-compatible'));
    const split = await paperHover(notes, offsetOf(notes, 'Split & Merge') + 8);
    assert.ok(textOf(notes, split.range).startsWith('Split & Merge: Unlocking'));
    assert.ok(rendered(markdownOf(split)).startsWith('**Split & Merge: Unlocking the Potential'));
  });

  it('gives no hover on CUDA used as the toolkit: "CUDA 12" and CUDA_VISIBLE_DEVICES', async () => {
    for (const [doc, text] of [
      [notes, 'CUDA 12'],
      [notes, 'CUDA_VISIBLE_DEVICES'],
      [script, 'CUDA_VISIBLE_DEVICES'],
      [script, 'CUDA 12'],
    ] as const) {
      assert.deepStrictEqual(await paperHovers(doc, offsetOf(doc, text) + 1), [], `${text} in ${doc.fileName}`);
    }
  });

  it('gives no hover next to a name or on ordinary words', async () => {
    assert.deepStrictEqual(await paperHovers(notes, offsetOf(notes, 'fixes the training')), []);
    assert.deepStrictEqual(await paperHovers(script, offsetOf(script, 'def train')), []);
  });

  it('trusts exactly the five card commands and renders no HTML', async () => {
    const hover = await paperHover(notes, offsetOf(notes, 'DataComp fixes'));
    const contents = hover.contents[0] as vscode.MarkdownString;
    assert.deepStrictEqual(contents.isTrusted, {
      enabledCommands: ['paperLens.openPaper', 'paperLens.revealPaper', 'paperLens.copyCitation', 'paperLens.notThisPaper', 'paperLens.showMentions'],
    });
    assert.ok(!contents.supportHtml);
    const commands = [...contents.value.matchAll(/\]\(command:([\w.]+)\?([^\s)]+)/g)].map((m) => [m[1], JSON.parse(decodeURIComponent(m[2]))]);
    const dataComp = await paperTitled('DataComp:');
    assert.deepStrictEqual(commands.slice(0, 4), [
      ['paperLens.openPaper', [dataComp.id]],
      ['paperLens.revealPaper', [dataComp.id]],
      ['paperLens.copyCitation', [dataComp.id]],
      ['paperLens.notThisPaper', [dataComp.id, 'DataComp']],
    ]);
    // Then "Mentioned in N files" (once the workspace index has counted the paper's files), and
    // the related papers, each opening its own view: other papers, at most five, each once.
    const rest = commands.slice(4);
    const mentionsLink = rest.filter(([command]) => command === 'paperLens.showMentions');
    assert.ok(mentionsLink.length <= 1 && mentionsLink.every(([, args]) => (args as string[])[0] === dataComp.id), JSON.stringify(mentionsLink));
    const related = rest.filter(([command]) => command !== 'paperLens.showMentions');
    assert.ok(related.length >= 1 && related.length <= 5, JSON.stringify(related));
    assert.ok(related.every(([command]) => command === 'paperLens.openPaper'), JSON.stringify(related));
    const ids = related.map(([, args]) => (args as string[])[0]);
    assert.ok(!ids.includes(dataComp.id) && new Set(ids).size === ids.length, JSON.stringify(ids));
  });

  it('works in untitled documents of any language', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'We follow the MatFormer paper.\n' });
    const hover = await paperHover(doc, offsetOf(doc, 'MatFormer') + 2);
    assert.strictEqual(textOf(doc, hover.range), 'MatFormer');
  });

  it('answers mentionsAt from the same scan the hover used', async () => {
    const api = await paperLens();
    const at = offsetOf(notes, 'DataComp fixes');
    const mention = api.mentionsAt(notes, at);
    assert.ok(mention);
    assert.strictEqual(mention.text, 'DataComp');
    assert.strictEqual(api.mentionsAt(notes, at + 'DataComp'.length), undefined, 'end is exclusive');
  });
});

describe('hover cards in a document over 1 MB', function () {
  // Handing a 1.2 MB document from the extension host to the workbench and back takes seconds,
  // and over 20 s on a loaded machine; the extension's own share is in the benchmark.
  this.timeout(120_000);
  // Past this length a hover scans a window around it (core/scanWindow.ts, unit-tested there;
  // its cost is in the benchmark). Here: the editor maps the window's mentions back to ranges of
  // the real document.
  /** Enough repeats of `filler` for 60% of the limit: two of them make a document over it. */
  const half = (filler: string) => filler.repeat(Math.ceil((0.6 * WHOLE_SCAN_LIMIT) / filler.length));

  it('scans only the lines around the hover, with the same ranges', async () => {
    await paperLens();
    const filler = 'Ordinary prose about training runs and nothing else, repeated to make the file large.\n';
    const content = `${half(filler)}\nWe compare against Data Filtering\nNetworks, then DataComp here.\n\n${half(filler)}`;
    assert.ok(content.length > WHOLE_SCAN_LIMIT, `${content.length} characters, over the ${WHOLE_SCAN_LIMIT} scanned whole`);
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    const title = await paperHover(doc, offsetOf(doc, 'Networks, then') + 2);
    assert.strictEqual(textOf(doc, title.range), 'Data Filtering\nNetworks');
    const name = await paperHover(doc, offsetOf(doc, 'DataComp here'));
    assert.strictEqual(textOf(doc, name.range), 'DataComp');
    assert.deepStrictEqual(await paperHovers(doc, 10), []);
  });

  it('finds a name in the middle of a single line over 1 MB (a minified bundle)', async () => {
    const api = await paperLens();
    const filler = 'var a="CUDA",b=compile(a,"kernel"),c=[b,a];';
    const content = `${half(filler)}/* see the DataComp paper */${half(filler)}\n`;
    assert.ok(content.length > WHOLE_SCAN_LIMIT);
    // Plain text: a JavaScript document would also wait for the TypeScript server's hover.
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content });
    assert.strictEqual(doc.lineCount, 2, 'one long line');
    const at = offsetOf(doc, 'DataComp paper');
    const hover = await paperHover(doc, at + 4);
    assert.deepStrictEqual(hover.range, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'DataComp'.length)));
    assert.strictEqual(api.mentionsAt(doc, at)?.text, 'DataComp');
    // "CUDA" as a string in code is the toolkit, not the paper, however far along the line.
    assert.deepStrictEqual(await paperHovers(doc, offsetOf(doc, 'CUDA', 1000) + 1), []);
  });
});

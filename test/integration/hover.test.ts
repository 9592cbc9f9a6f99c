import * as assert from 'assert';
import * as vscode from 'vscode';
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

  it('trusts exactly the three card commands and renders no HTML', async () => {
    const hover = await paperHover(notes, offsetOf(notes, 'DataComp fixes'));
    const contents = hover.contents[0] as vscode.MarkdownString;
    assert.deepStrictEqual(contents.isTrusted, {
      enabledCommands: ['paperLens.openPaper', 'paperLens.revealPaper', 'paperLens.copyCitation'],
    });
    assert.ok(!contents.supportHtml);
    const commands = [...contents.value.matchAll(/\]\(command:([\w.]+)\?([^\s)]+)/g)];
    const dataComp = await paperTitled('DataComp:');
    assert.deepStrictEqual(
      commands.map((m) => [m[1], JSON.parse(decodeURIComponent(m[2]))]),
      [
        ['paperLens.openPaper', [dataComp.id]],
        ['paperLens.revealPaper', [dataComp.id]],
        ['paperLens.copyCitation', [dataComp.id]],
      ],
    );
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

describe('hover cards in a document over 1 MB', () => {
  it('scans only the lines around the hover, with the same ranges', async () => {
    await paperLens();
    const filler = 'Ordinary prose about training runs and nothing else, repeated to make the file large.\n';
    const half = filler.repeat(Math.ceil(600_000 / filler.length));
    const content = `${half}\nWe compare against Data Filtering\nNetworks, then DataComp here.\n\n${half}`;
    assert.ok(content.length > 1_000_000);
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    const title = await paperHover(doc, offsetOf(doc, 'Networks, then') + 2);
    assert.strictEqual(textOf(doc, title.range), 'Data Filtering\nNetworks');
    const name = await paperHover(doc, offsetOf(doc, 'DataComp here'));
    assert.strictEqual(textOf(doc, name.range), 'DataComp');
    assert.deepStrictEqual(await paperHovers(doc, 10), []);
    // The extension's own share of a hover: a window scan, not a 1.2 MB scan.
    const api = await paperLens();
    const started = performance.now();
    for (let line = 100; line < 110; line++) api.mentionsAt(doc, doc.offsetAt(new vscode.Position(line, 3)));
    const perHover = (performance.now() - started) / 10;
    assert.ok(perHover < 5, `${perHover.toFixed(2)} ms per uncached hover`);
  });
});

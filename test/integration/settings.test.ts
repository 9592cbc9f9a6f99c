import * as assert from 'assert';
import * as vscode from 'vscode';
import { markdownOf, offsetOf, paperHover, paperHovers, paperLens, rendered, sample, withSetting } from './support';

describe('settings apply without a reload', () => {
  let notes: vscode.TextDocument;
  let script: vscode.TextDocument;
  let dataComp: number;

  before(async () => {
    await paperLens();
    notes = await sample('hover-notes.md');
    script = await sample('hover_train.py');
    dataComp = offsetOf(notes, 'DataComp fixes') + 1;
  });

  it('paperLens.hover.enabled = false removes the hover, true brings it back', async () => {
    await paperHover(notes, dataComp);
    await withSetting('hover.enabled', false, async () => {
      assert.deepStrictEqual(await paperHovers(notes, dataComp), []);
    });
    await paperHover(notes, dataComp);
  });

  it('paperLens.hover.abstractLength = 100 shortens the abstract to a word boundary', async () => {
    const full = markdownOf(await paperHover(notes, dataComp));
    const short = await withSetting('hover.abstractLength', 100, async () => markdownOf(await paperHover(notes, dataComp)));
    assert.ok(short.length < full.length, 'a shorter card');
    const parts = short.split('\n\n');
    const abstract = rendered(parts[parts.findIndex((p) => p.includes('](command:')) + 1]);
    assert.ok(abstract.endsWith('…'), abstract);
    assert.ok(abstract.length <= 101, `${abstract.length} characters`);
    assert.strictEqual(markdownOf(await paperHover(notes, dataComp)), full, 'restored');
  });

  it('paperLens.hover.languages limits hovers to the listed languages', async () => {
    const sara = offsetOf(script, 'SaRA:') + 1;
    await withSetting('hover.languages', ['python'], async () => {
      assert.deepStrictEqual(await paperHovers(notes, dataComp), [], 'markdown is not listed');
      await paperHover(script, sara);
    });
    await paperHover(notes, dataComp);
  });

  it('paperLens.mentions.ambiguousNames reaches the matcher', async () => {
    const toolkit = offsetOf(notes, 'CUDA 12') + 1;
    assert.deepStrictEqual(await paperHovers(notes, toolkit), [], 'context (default): CUDA 12 is the toolkit');
    await withSetting('mentions.ambiguousNames', 'always', async () => {
      await paperHover(notes, toolkit);
    });
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'The CUDA paper proposes unlearnable datasets.\n' });
    const paper = offsetOf(doc, 'CUDA') + 1;
    await paperHover(doc, paper);
    await withSetting('mentions.ambiguousNames', 'never', async () => {
      assert.deepStrictEqual(await paperHovers(doc, paper), []);
    });
  });
});

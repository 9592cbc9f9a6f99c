import * as assert from 'assert';
import * as vscode from 'vscode';
import { markdownOf, offsetOf, paperHover, paperHovers, paperLens, rendered, sample, waitFor, withSetting } from './support';

/** Sets a `paperLens.*` user setting for one language (`"[language]": {...}`) during `body`, then removes it. */
async function withLanguageSetting<T>(languageId: string, key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const config = () => vscode.workspace.getConfiguration('paperLens', { languageId });
  const set = async (v: unknown) => {
    await config().update(key, v, vscode.ConfigurationTarget.Global, true);
    const expected = v ?? config().inspect(key)?.globalValue ?? config().inspect(key)?.defaultValue;
    await waitFor(() => config().get(key) === expected, `[${languageId}] paperLens.${key} to become ${JSON.stringify(expected)}`);
  };
  assert.strictEqual(config().inspect(key)?.globalLanguageValue, undefined, `no [${languageId}] ${key} set before the test`);
  await set(value);
  try {
    return await body();
  } finally {
    await set(undefined);
  }
}

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

  it('"[markdown]": { "paperLens.hover.enabled": false } removes hovers in Markdown only', async () => {
    const sara = offsetOf(script, 'SaRA:') + 1;
    await withLanguageSetting('markdown', 'hover.enabled', false, async () => {
      assert.deepStrictEqual(await paperHovers(notes, dataComp), [], 'markdown is off');
      await paperHover(script, sara);
    });
    await paperHover(notes, dataComp);
  });

  it('"[python]": { "paperLens.hover.abstractLength": 100 } shortens cards in Python only', async () => {
    const sara = offsetOf(script, 'SaRA:') + 1;
    const fullNote = markdownOf(await paperHover(notes, dataComp));
    const fullScript = markdownOf(await paperHover(script, sara));
    await withLanguageSetting('python', 'hover.abstractLength', 100, async () => {
      assert.ok(markdownOf(await paperHover(script, sara)).length < fullScript.length, 'a shorter card in Python');
      assert.strictEqual(markdownOf(await paperHover(notes, dataComp)), fullNote, 'Markdown unchanged');
    });
    assert.strictEqual(markdownOf(await paperHover(script, sara)), fullScript, 'restored');
  });

  it('the deprecated paperLens.hover.languages still limits hovers to the listed languages', async () => {
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

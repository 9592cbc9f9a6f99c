import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CorpusFileError, backgroundProblem, loadBackground, loadSeeds } from '../../src/core/bundled';

/** A fresh extension root in a temp folder, holding `seeds/` with the given files. */
function rootWith(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-bundled-'));
  fs.mkdirSync(path.join(root, 'seeds'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, 'seeds', name), text);
  return root;
}

describe('loading the seeds (bundled.ts)', () => {
  const roots: string[] = [];
  const root = (files: Record<string, string>) => {
    const r = rootWith(files);
    roots.push(r);
    return r;
  };
  afterEach(() => {
    for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
  });

  it('reads background statistics once per folder, and reports no problem with them', () => {
    const r = root({ 'background.txt': 'docs 3\n[words]\n2 alpha\n[names]\n' });
    const first = loadBackground(r);
    assert.equal(first.present, true);
    assert.equal(first.docs, 3);
    assert.equal(backgroundProblem(r), undefined);
    // Read once: a later change to the file is not seen, and the same statistics come back.
    fs.writeFileSync(path.join(r, 'seeds', 'background.txt'), 'docs 7\n[words]\n[names]\n');
    assert.equal(loadBackground(r), first);
    assert.equal(loadBackground(r).docs, 3);
  });

  it('goes on without statistics when the file is missing, and says why, naming the file', () => {
    const r = root({});
    const b = loadBackground(r);
    assert.equal(b.present, false);
    assert.equal(b.docs, 0);
    assert.equal(backgroundProblem(r), 'seeds/background.txt: cannot read: no such file');
    assert.equal(loadBackground(r), b);
  });

  it('goes on without statistics when the file is damaged, naming its file and line', () => {
    const r = root({ 'background.txt': '# comment\ndocs 5\n[names]\n' });
    assert.equal(loadBackground(r).present, false);
    assert.equal(backgroundProblem(r), 'seeds/background.txt:3: expected "docs N", then a [words] and a [names] section');
  });

  it('knows no problem for a folder it has not read', () => {
    assert.equal(backgroundProblem(root({})), undefined);
  });

  it('throws an error naming the seed file when the taxonomy is missing', () => {
    const r = root({ 'common-words.txt': 'the\n', 'background.txt': 'docs 1\n[words]\n[names]\n' });
    assert.throws(
      () => loadSeeds(r),
      (e: unknown) => e instanceof CorpusFileError && e.message === 'seeds/topics.json: cannot read: no such file',
    );
  });
});

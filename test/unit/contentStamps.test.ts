/** `ContentStamps` (`core/libraryCache.ts`): which content a library file holds under its size and modification time. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContentStamps, STAMP_SETTLED_MS } from '../../src/core/libraryCache';

describe('content stamps', () => {
  let dir: string;
  const NOW = 1_800_000_000_000;
  const settled = { size: 120, mtime: NOW - STAMP_SETTLED_MS };
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-stamps-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const stamps = (version = 'v1') => new ContentStamps(dir, version, () => NOW);

  it('gives back the hash recorded under the same size and modification time, in a later window too', () => {
    const first = stamps();
    first.record('lib.bib', settled, 'h1');
    assert.equal(first.hashOf('lib.bib', settled), 'h1');
    first.save();
    const later = stamps();
    assert.equal(later.hashOf('lib.bib', { ...settled }), 'h1');
    assert.equal(later.hashOf('lib.bib', { ...settled, size: 121 }), undefined, 'another size');
    assert.equal(later.hashOf('lib.bib', { ...settled, mtime: settled.mtime + 1 }), undefined, 'another time');
    assert.equal(later.hashOf('other.bib', settled), undefined, 'another file');
    assert.equal(later.hashOf('lib.bib', undefined), undefined, 'not stat-able');
    assert.equal(stamps('v2').hashOf('lib.bib', settled), undefined, 'another version');
  });

  it('trusts no stamp of a file written less than STAMP_SETTLED_MS before it was hashed, and forgets what it knew of it', () => {
    const s = stamps();
    s.record('lib.bib', settled, 'h1');
    const fresh = { size: 120, mtime: NOW - STAMP_SETTLED_MS + 1 };
    s.record('lib.bib', fresh, 'h2');
    assert.equal(s.hashOf('lib.bib', fresh), undefined);
    assert.equal(s.hashOf('lib.bib', settled), undefined, 'the file changed since: its old stamp no longer holds');
    s.record('lib.bib', undefined, 'h3');
    assert.equal(s.hashOf('lib.bib', undefined), undefined);
  });

  it('reads a damaged or foreign file as knowing nothing, and writes over it', () => {
    const s = stamps();
    s.record('lib.bib', settled, 'h1');
    s.save();
    const [file] = fs.readdirSync(dir);
    const entry = (fields: object) => JSON.stringify({ format: 'stamps-1', files: { 'lib.bib': { size: settled.size, mtime: settled.mtime, hash: 'h1', ...fields } } });
    const damagedFiles = [
      entry({ size: '120' }),
      entry({ mtime: String(settled.mtime) }),
      entry({ hash: 5 }),
      JSON.stringify({ format: 'stamps-0', files: { 'lib.bib': { size: settled.size, mtime: settled.mtime, hash: 'h1' } } }),
      JSON.stringify({ format: 'stamps-1', files: null }),
      JSON.stringify({ format: 'stamps-1', files: 'lib.bib' }),
      'not json',
    ];
    for (const damaged of damagedFiles) {
      fs.writeFileSync(path.join(dir, file), damaged);
      assert.equal(stamps().hashOf('lib.bib', settled), undefined, damaged);
    }
    const again = stamps();
    again.record('lib.bib', settled, 'h4');
    again.save();
    assert.equal(stamps().hashOf('lib.bib', settled), 'h4');
  });

  it('keeps the 64 files recorded last', () => {
    const s = stamps();
    for (let k = 0; k < 70; k++) s.record(`lib${k}.bib`, settled, `h${k}`);
    s.save();
    const later = stamps();
    assert.equal(later.hashOf('lib5.bib', settled), undefined);
    assert.equal(later.hashOf('lib6.bib', settled), 'h6');
    assert.equal(later.hashOf('lib69.bib', settled), 'h69');
  });
});

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultCacheDir, hasStoredPrints, parseThroughCache, readStoredPrints, storedPrintsSteps, writeStoredPrints, type CacheStats } from '../../src/core/libraryCache';
import { entryPrintsSteps } from '../../src/core/library/entryPrints';
import { finishSteps } from '../../src/core/steps';
import type { LibraryParse } from '../../src/core/library/entry';
import type { LibraryFile } from '../../src/core/sources';

/** A parse that records each call: what the cache must skip on a hit. */
function counting(): { parse: (f: LibraryFile) => LibraryParse; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    parse: (f) => {
      calls.push(f.file);
      return { file: f.file, format: 'bibtex', entries: [{ type: 'article', title: String(f.input), authors: [], original: '@article{x}' } as never], problems: [] };
    },
  };
}

describe('library parse cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-cache-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('parses a file once, then reads it back while its content, name and version stay', () => {
    const { parse, calls } = counting();
    const stats: CacheStats = { hits: 0, misses: 0 };
    const file: LibraryFile = { file: 'refs.bib', input: 'A' };
    const first = parseThroughCache([file], dir, '1', parse, stats);
    const second = parseThroughCache([file], dir, '1', parse, stats);
    assert.deepEqual(calls, ['refs.bib']);
    assert.deepEqual(stats, { hits: 1, misses: 1 });
    assert.equal(second[0].entries[0].title, 'A');
    assert.equal(first[0].entries[0].original, '@article{x}', 'the fresh parse keeps the original text');
    assert.equal(second[0].entries[0].original, undefined, 'the cache does not store it');
    // Another content, name, version or format misses.
    parseThroughCache([{ file: 'refs.bib', input: 'B' }], dir, '1', parse, stats);
    parseThroughCache([{ file: 'other.bib', input: 'A' }], dir, '1', parse, stats);
    parseThroughCache([file], dir, '2', parse, stats);
    parseThroughCache([{ ...file, format: 'csl-json' }], dir, '1', parse, stats);
    assert.equal(stats.misses, 5);
    assert.equal(stats.hits, 1);
  });

  it('writes a put-off parse as held, or, for the files `again` names, by parsing the file again when the write is made', () => {
    const { parse, calls } = counting();
    const writes: (() => void)[] = [];
    const later = (write: () => void) => writes.push(write);
    const again = (f: LibraryFile) => f.file === 'big.bib';
    parseThroughCache([{ file: 'big.bib', input: 'A' }, { file: 'small.bib', input: 'B' }], dir, '1', parse, undefined, later, again);
    assert.deepEqual(calls, ['big.bib', 'small.bib']);
    assert.deepEqual(fs.readdirSync(dir), [], 'nothing written before the writes are made');
    for (const write of writes) write();
    assert.deepEqual(calls, ['big.bib', 'small.bib', 'big.bib'], 'big.bib parsed again by its write, small.bib written as held');
    const stats: CacheStats = { hits: 0, misses: 0 };
    const read = parseThroughCache([{ file: 'big.bib', input: 'A' }, { file: 'small.bib', input: 'B' }], dir, '1', parse, stats);
    assert.deepEqual(stats, { hits: 2, misses: 0 });
    assert.deepEqual(read.map((r) => [r.entries[0].title, r.entries[0].original]), [
      ['A', undefined],
      ['B', undefined],
    ]);
  });

  it('keeps one cache file per library file, replacing the one for older content', () => {
    const { parse } = counting();
    parseThroughCache([{ file: 'a.bib', input: 'one' }], dir, '1', parse);
    parseThroughCache([{ file: 'b.bib', input: 'one' }], dir, '1', parse);
    parseThroughCache([{ file: 'a.bib', input: 'two' }], dir, '1', parse);
    const names = fs.readdirSync(dir);
    assert.equal(names.length, 2, names.join(', '));
    assert.ok(names.every((n) => /^[0-9a-f]{16}-[0-9a-f]{32}\.json$/.test(n)), names.join(', '));
  });

  it('treats a damaged or foreign cache file as a miss, and works without a writable folder', () => {
    const { parse, calls } = counting();
    const file: LibraryFile = { file: 'refs.bib', input: 'A' };
    parseThroughCache([file], dir, '1', parse);
    const [name] = fs.readdirSync(dir);
    for (const damaged of ['{"file": "refs.b', JSON.stringify({ file: 'elsewhere.bib', entries: [], problems: [] }), JSON.stringify({ file: 'refs.bib', entries: {}, problems: [] }), JSON.stringify({ file: 'refs.bib', entries: [] })]) {
      fs.writeFileSync(path.join(dir, name), damaged);
      const stats = { hits: 0, misses: 0 };
      assert.equal(parseThroughCache([file], dir, '1', parse, stats)[0].entries[0].title, 'A');
      assert.deepEqual(stats, { hits: 0, misses: 1 }, damaged);
    }
    const blocked = path.join(dir, 'a-file');
    fs.writeFileSync(blocked, '');
    assert.equal(parseThroughCache([file], path.join(blocked, 'sub'), '1', parse)[0].entries[0].title, 'A');
    assert.equal(calls.length, 6);
  });

  it("stores each library file's entry prints by content, one file each, the sixteen written last, and reads them back only for that file and content", async () => {
    const bib = new TextEncoder().encode('@string{acl = {ACL}}\n@article{a1, title = {Orchid Petal Lattices}, journal = acl}\n\n@misc{zoë2031, title = {Über Lattices}}\n');
    const prints = finishSteps(entryPrintsSteps(bib))!;
    const hash = (n: number) => n.toString(16).padStart(32, '0');
    writeStoredPrints(dir, '1', 'refs.bib', hash(1), prints);
    assert.ok(hasStoredPrints(dir, '1', 'refs.bib', hash(1)));
    const stored = await readStoredPrints(dir, '1', 'refs.bib');
    assert.equal(stored?.hash, hash(1));
    const read = finishSteps(storedPrintsSteps(stored!.bytes, 'refs.bib', hash(1)));
    assert.deepEqual(read && [[...read.starts], [...read.ends], [...read.prints], [...read.kinds], read.keys], [[...prints.starts], [...prints.ends], [...prints.prints], [...prints.kinds], prints.keys]);
    assert.deepEqual(read?.keys, ['', '', 'a1', 'zoë2031']);
    for (const [file, h] of [['other.bib', hash(1)], ['refs.bib', hash(2)]] as const) assert.equal(finishSteps(storedPrintsSteps(stored!.bytes, file, h)), undefined, `${file} ${h}`);
    assert.equal(await readStoredPrints(dir, '2', 'refs.bib'), undefined, 'another version');
    // The file's new content replaces its prints.
    writeStoredPrints(dir, '1', 'refs.bib', hash(2), prints);
    assert.equal((await readStoredPrints(dir, '1', 'refs.bib'))?.hash, hash(2));
    assert.ok(!hasStoredPrints(dir, '1', 'refs.bib', hash(1)));
    // Twenty files more: the sixteen written last are kept.
    for (let k = 0; k < 20; k++) {
      writeStoredPrints(dir, '1', `lib${k}.bib`, hash(k), prints);
      const file = fs.readdirSync(dir).find((n) => n.startsWith('prints-') && n.endsWith(`${hash(k)}.bin`) && hasStoredPrints(dir, '1', `lib${k}.bib`, hash(k)));
      // Written a moment apart, as loads are.
      fs.utimesSync(path.join(dir, file!), new Date(Date.now() + k * 1000), new Date(Date.now() + k * 1000));
    }
    const kept = Array.from({ length: 20 }, (_, k) => hasStoredPrints(dir, '1', `lib${k}.bib`, hash(k)));
    assert.deepEqual(kept, Array.from({ length: 20 }, (_, k) => k >= 4));
    assert.equal(fs.readdirSync(dir).filter((n) => n.startsWith('prints-')).length, 16);
    // Damaged: not read.
    const damaged = Buffer.from(stored!.bytes);
    damaged.writeUInt32LE(0, 0);
    assert.equal(finishSteps(storedPrintsSteps(damaged, 'refs.bib', hash(1))), undefined);
  });

  it('chooses its folder from PAPER_LENS_CACHE, then XDG_CACHE_HOME, then ~/.cache', () => {
    assert.equal(defaultCacheDir({ PAPER_LENS_CACHE: '/c', XDG_CACHE_HOME: '/x' }), '/c');
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x' }), path.join('/x', 'paper-lens'));
    assert.equal(defaultCacheDir({}), path.join(os.homedir(), '.cache', 'paper-lens'));
  });
});

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultCacheDir, parseThroughCache, type CacheStats } from '../../src/core/libraryCache';
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

  it('chooses its folder from PAPER_LENS_CACHE, then XDG_CACHE_HOME, then ~/.cache', () => {
    assert.equal(defaultCacheDir({ PAPER_LENS_CACHE: '/c', XDG_CACHE_HOME: '/x' }), '/c');
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x' }), path.join('/x', 'paper-lens'));
    assert.equal(defaultCacheDir({}), path.join(os.homedir(), '.cache', 'paper-lens'));
  });
});

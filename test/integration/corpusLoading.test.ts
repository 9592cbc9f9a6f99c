/**
 * How the extension treats its corpus: built on first use, problems logged with file and line,
 * the user told once, nothing thrown into the host. Uses the real `LazyCorpus` with a real
 * corpus (or a real listing error) and a recording log in place of the output channel.
 */
import * as assert from 'assert';
import * as path from 'path';
import { loadBundledCorpus } from '../../src/core/bundled';
import { Corpus } from '../../src/core/corpus';
import { ListingError } from '../../src/core/listing';
import { LazyCorpus } from '../../src/services/lazyCorpus';
import type { Log } from '../../src/services/output';

const ROOT = path.resolve(__dirname, '..', '..', '..');

class RecordingLog implements Log {
  readonly lines: string[] = [];
  readonly notifications: string[] = [];
  info(m: string) {
    this.lines.push(`info ${m}`);
  }
  warn(m: string) {
    this.lines.push(`warn ${m}`);
  }
  error(m: string) {
    this.lines.push(`error ${m}`);
  }
  warnOnce(m: string) {
    this.lines.push(`warn ${m}`);
    if (this.notifications.length === 0) this.notifications.push(m);
  }
  show() {}
}

describe('corpus loading', () => {
  it('loads nothing until first asked, then once', () => {
    let loads = 0;
    const log = new RecordingLog();
    const lazy = new LazyCorpus(() => {
      loads++;
      return loadBundledCorpus(ROOT);
    }, log);
    assert.strictEqual(loads, 0);
    const first = lazy.get();
    assert.ok(first && first.papers.length > 0);
    assert.strictEqual(lazy.get(), first);
    assert.strictEqual(loads, 1);
    assert.match(log.lines[0], /^info Loaded \d+ papers in \d+ topics in [\d.]+ ms\.$/);
    assert.deepStrictEqual(log.notifications, []);
    lazy.dispose();
  });

  it('logs a load failure with file and line, warns once and returns no corpus', () => {
    const log = new RecordingLog();
    const lazy = new LazyCorpus(() => {
      throw new ListingError('seeds/daily-papers-listing.txt', 12, 'a title with no abstract');
    }, log);
    assert.strictEqual(lazy.get(), undefined);
    assert.strictEqual(lazy.get(), undefined, 'no retry storm: one attempt per session');
    assert.ok(log.lines.some((l) => l.startsWith('error') && l.includes('seeds/daily-papers-listing.txt:12: a title with no abstract')));
    assert.strictEqual(log.notifications.length, 1);
    lazy.dispose();
  });

  it('logs every skipped listing entry and warns once for all of them', () => {
    const log = new RecordingLog();
    const bundled = loadBundledCorpus(ROOT);
    const problems = [
      { file: 'listing.txt', line: 3, message: 'first problem' },
      { file: 'listing.txt', line: 9, message: 'second problem' },
    ];
    const lazy = new LazyCorpus(() => new Corpus(bundled.papers, bundled.topics, () => false, problems), log);
    assert.ok(lazy.get());
    assert.ok(log.lines.includes('warn listing.txt:3: first problem'));
    assert.ok(log.lines.includes('warn listing.txt:9: second problem'));
    assert.deepStrictEqual(log.notifications, ['Paper Lens skipped 2 entries of its paper listing. See the log for the files and lines.']);
    lazy.dispose();
  });
});

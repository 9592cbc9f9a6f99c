/**
 * Bugs the fuzz targets (`test/fuzz/`) found, one test each, with the smallest input that
 * showed it. The five that were slowness, not wrong answers, compare one large input with a
 * baseline measured in the same run, in CPU time: a ratio the old code exceeded many times over.
 */
import { strict as assert } from 'node:assert';
import { findCiteKeys } from '../../src/core/citeKeys';
import { renderHoverCard } from '../../src/core/hoverCard';
import { citeCompletionAt } from '../../src/core/identifiers';
import { parseBibtex, parseCslJson } from '../../src/core/library';
import { parseListing } from '../../src/core/listing';
import { renderPaperPage } from '../../src/core/paperPage';
import type { Paper } from '../../src/core/types';
import { bundledCorpus } from './helpers';

/** CPU time of this process in milliseconds (not wall time, which counts other jobs too). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const PAPER: Paper = { id: 'p', title: 'n', abstract: '', links: [], doi: '10.1234/\udc00' };

describe('fuzz regressions', () => {
  it('renders a hover card for a paper whose DOI holds a lone surrogate, linking it as U+FFFD', () => {
    const card = renderHoverCard(
      { paper: PAPER, topics: [] },
      { abstractLength: 0, commands: { openPaper: 'o', revealPaper: 'r', copyCitation: 'c', notThisPaper: 'n' } },
    );
    assert.ok(card.includes('(https://doi.org/10.1234/%EF%BF%BD)'), card);
  });

  it('renders a paper view for a paper whose DOI holds a lone surrogate', () => {
    const page = renderPaperPage({ paper: PAPER, topics: [] }, { cspSource: 'x', nonce: 'n', commands: { openPaper: 'o', copyCitation: 'c', revealPaper: 'r', openCodeLink: 'l' } });
    assert.ok(page.includes('href="https://doi.org/10.1234/%EF%BF%BD"'), page);
  });

  it('reads the CSL-JSON items after one whose string is never closed', () => {
    const text = [
      '[',
      '  {',
      '    "id": "valid0",',
      '    "title": "First"',
      '  },',
      '  {',
      '    "id": "bad",',
      '    "title": "[,',
      '  {',
      '    "id": "valid1",',
      '    "title": "Second"',
      '  }',
      ']',
    ].join('\n');
    const parse = parseCslJson(text, 'refs.json');
    assert.deepEqual(
      parse.entries.map((e) => [e.key, e.title]),
      [
        ['valid0', 'First'],
        ['valid1', 'Second'],
      ],
    );
    assert.deepEqual(
      parse.problems.map((p) => [p.line, p.severity, p.message]),
      [[6, 'error', 'item is not valid JSON at line 8: Unterminated string; skipped']],
    );
  });

  it('reports a CSL-JSON top-level key with a raw tab in it as a problem instead of throwing', () => {
    const parse = parseCslJson('{"a\tb": [], "items": [{"id": "k", "title": "T"}]}', 'refs.json');
    assert.deepEqual(parse.entries, []);
    assert.deepEqual(
      parse.problems.map((p) => [p.line, p.message]),
      [[1, 'invalid JSON: a key is not a valid string (Bad control character in string literal)']],
    );
  });

  it('reads a 2 MB .bib file of entries on one line in linear time', function () {
    // Quadratic before: 5 s of CPU for 1 MB, about 20 s for this. Measured against the same
    // entries one per line, parsed in the same run (a ratio, not a time budget: other jobs on the
    // machine slow both alike); the old code took about 80 times as long on the one line.
    this.timeout(120_000);
    const entry = '@misc{k, title = {T}, note = {a@b}}';
    const count = Math.ceil((2 << 20) / (entry.length + 1));
    const oneLine = Array(count).fill(entry).join(' ');
    const lines = Array(count).fill(entry).join('\n');
    const timed = (text: string) => {
      const start = cpuMs();
      const parse = parseBibtex(text, 'refs.bib');
      return { parse, ms: cpuMs() - start };
    };
    const baseline = timed(lines);
    const { parse, ms } = timed(oneLine);
    assert.equal(parse.entries.length, 1);
    assert.equal(parse.problems.length, count - 1);
    assert.ok(parse.problems.every((p) => p.message === '@misc{k}: the key "k" is already used by the entry at line 1; skipped'));
    assert.equal(baseline.parse.problems.length, count - 1);
    // (The one line still costs a few times more: every entry's problem message is built from it.)
    assert.ok(ms < 15 * baseline.ms + 500, `one line ${ms.toFixed(0)} ms of CPU, one entry a line ${baseline.ms.toFixed(0)} ms`);
  });

  it('reads a link inside thousands of nested parentheses in linear time', function () {
    // The listing's link finder counted the brackets of the whole link again for each closing
    // one it stripped: 0.1 s of CPU for 8 KB (4,148 pairs around a URL), quadratic beyond.
    // Measured against a plain text of the same length, parsed in the same run.
    this.timeout(120_000);
    const depth = 20_000;
    const nested = `Title\n\n${'('.repeat(depth)}https://github.com/a/b${')'.repeat(depth)}`;
    const plain = `Title\n\n${'a '.repeat(depth)}https://github.com/a/b${' a'.repeat(depth)}`;
    const timed = (text: string) => {
      const start = cpuMs();
      const parsed = parseListing(text, 'listing.txt');
      return { parsed, ms: cpuMs() - start };
    };
    timed(plain);
    const baseline = timed(plain);
    const { parsed, ms } = timed(nested);
    assert.deepEqual(parsed.papers[0].links, ['https://github.com/a/b']);
    assert.deepEqual(baseline.parsed.papers[0].links, ['https://github.com/a/b']);
    // The quadratic code took about 2.4 s here (0.1 s at a fifth of the depth).
    assert.ok(ms < 20 * baseline.ms + 100, `nested ${ms.toFixed(0)} ms of CPU, plain ${baseline.ms.toFixed(1)} ms`);
  });

  it('gives up an unclosed cite command at once when no closing brace comes within reach', function () {
    // Each `\\cite{` read up to 2,000 characters looking for its `}`: 0.6 s of CPU per MB on a
    // line of `\\cite{\\cite{...` in each dialect. Measured against the same length of a
    // command that is not a citation (`\\emph{`), which the scanner skips at once, same run.
    this.timeout(120_000);
    const length = 1 << 20;
    const hostile = '\\cite{'.repeat(length / 6 + 1).slice(0, length);
    const plain = '\\emph{'.repeat(length / 6 + 1).slice(0, length);
    const timed = (text: string) => {
      const start = cpuMs();
      const keys = [...findCiteKeys(text, 'latex'), ...findCiteKeys(text, 'markdown')];
      return { keys, ms: cpuMs() - start };
    };
    timed(plain);
    const baseline = timed(plain);
    const { keys, ms } = timed(hostile);
    assert.deepEqual(keys, []);
    // Closed ones still count: the last command of such a line, closed, is found.
    assert.deepEqual(findCiteKeys(`${hostile}\\cite{datacomp}`, 'latex').map((k) => k.key), ['datacomp']);
    // The old code took about 60 times the baseline here.
    assert.ok(ms < 10 * baseline.ms + 100, `\\cite{ line ${ms.toFixed(0)} ms of CPU, \\emph{ line ${baseline.ms.toFixed(0)} ms`);
  });

  it('finds where a cite key is typed at the end of a 1 MB line in time independent of the line', function () {
    // The typed part was found by expressions anchored at the end (`/[...]*$/u`), which try every
    // start: 3 s of CPU for a 1 MB line of titles (found by fuzzing). The same call on a short
    // line, in the same run, is the baseline.
    this.timeout(120_000);
    const title = 'Deep Spatiotemporal Clutter Filtering of Transthoracic Echocardiographic Images; @n:';
    const long = title.repeat(Math.ceil((1 << 20) / title.length));
    const short = title.repeat(30);
    const timed = (line: string) => {
      const start = cpuMs();
      const found = [citeCompletionAt(line, line.length, 'markdown'), citeCompletionAt(line, line.length, 'latex'), citeCompletionAt(line, line.length >> 1, 'markdown')];
      return { found, ms: cpuMs() - start };
    };
    timed(short);
    const baseline = timed(short);
    const { found, ms } = timed(long);
    // At the end of either line: a Pandoc key `n:` being typed after `@`.
    assert.deepEqual(found[0], { start: long.length - 2, typed: 'n:', syntax: 'pandoc' });
    assert.deepEqual(baseline.found[0], { start: short.length - 2, typed: 'n:', syntax: 'pandoc' });
    assert.equal(found[1], undefined);
    assert.ok(ms < 20 * baseline.ms + 50, `1 MB line ${ms.toFixed(1)} ms of CPU, a 2.5 KB line ${baseline.ms.toFixed(2)} ms`);
  });

  it('searches a pasted 4 MB query by its first words, without cutting and folding the rest', function () {
    // About 6 s of CPU before: every word of the query was cut and folded, hundreds of times a
    // plain pass over it. A few plain passes (trimming, a length check) are fine: measured
    // against one `charCodeAt` pass over the same query, in the same run.
    this.timeout(120_000);
    const index = bundledCorpus().searchIndex;
    index.search('warm up');
    const query = 'DataComp '.repeat(1 << 19);
    const pass = () => {
      let n = 0;
      for (let i = 0; i < query.length; i++) if (query.charCodeAt(i) === 32) n++;
      return n;
    };
    pass();
    let start = cpuMs();
    const spaces = pass();
    const floorMs = cpuMs() - start;
    start = cpuMs();
    const results = index.search(query, 5);
    const ms = cpuMs() - start;
    assert.equal(spaces, 1 << 19);
    assert.match(results[0]?.paper.title ?? '', /^DataComp/);
    assert.ok(ms < 50 * floorMs + 150, `4 MB query ${ms.toFixed(0)} ms of CPU, one plain pass over it ${floorMs.toFixed(1)} ms`);
  });
});

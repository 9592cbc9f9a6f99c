/**
 * Bugs the fuzz targets (`test/fuzz/`) found, one test each, with the smallest input that
 * showed it. The two that were slowness, not wrong answers, time one large input in CPU time
 * against a bound the old code exceeded several times over and the fixed code meets by far.
 */
import { strict as assert } from 'node:assert';
import { renderHoverCard } from '../../src/core/hoverCard';
import { parseBibtex, parseCslJson } from '../../src/core/library';
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
    // Quadratic before: 5 s of CPU for 1 MB, about 20 s for this; now about 1 s. CPU time, with a
    // wide margin: other jobs on the machine do not count, and the old code fails by far.
    this.timeout(120_000);
    const entry = '@misc{k, title = {T}, note = {a@b}} ';
    const text = entry.repeat(Math.ceil((2 << 20) / entry.length));
    const start = cpuMs();
    const parse = parseBibtex(text, 'one-line.bib');
    const ms = cpuMs() - start;
    assert.equal(parse.entries.length, 1);
    assert.equal(parse.problems.length, text.length / entry.length - 1);
    assert.ok(parse.problems.every((p) => p.message === '@misc{k}: the key "k" is already used by the entry at line 1; skipped'));
    assert.ok(ms < 10_000, `${ms.toFixed(0)} ms of CPU`);
  });

  it('searches a pasted 4 MB query by its first words, without reading the rest', function () {
    // About 6 s of CPU before (every word of the query was cut and folded); now about 50 ms.
    this.timeout(120_000);
    const index = bundledCorpus().searchIndex;
    index.search('warm up');
    const start = cpuMs();
    const results = index.search('DataComp '.repeat(1 << 19), 5);
    const ms = cpuMs() - start;
    assert.match(results[0]?.paper.title ?? '', /^DataComp/);
    assert.ok(ms < 2_000, `${ms.toFixed(0)} ms of CPU`);
  });
});

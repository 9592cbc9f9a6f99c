/**
 * The work counts the huge-document integration test reads (`services/metrics.ts`): the stretches
 * of the host's thread Paper Lens held, clipped to the span of a hover's round trip, so that the
 * test can tell Paper Lens's share of a wait from the rest.
 */
import { strict as assert } from 'node:assert';
import { cpuSince, startSpan, threadCpuMs, WorkMetrics } from '../../src/services/metrics';

describe('WorkMetrics: the thread held', () => {
  it('adds up the spans inside a stretch of time, clipped to it, by what ran, with the longest', () => {
    const m = new WorkMetrics();
    m.held('summary step', 0, 10); // 5 of it inside [5, 100]
    m.held('summary step', 20, 30);
    m.held('hover', 60, 4);
    m.held('edit', 95, 20); // 5 of it inside
    m.held('summary step', 200, 50); // outside
    const held = m.heldBetween(5, 100);
    assert.equal(held.ms, 5 + 30 + 4 + 5);
    assert.equal(held.longest, 30);
    assert.deepEqual(held.by, { 'summary step': 35, hover: 4, edit: 5 });
    assert.deepEqual(m.heldBetween(300, 400), { ms: 0, longest: 0, by: {} });
  });

  it('reports the most CPU time one span took, when the spans have it', () => {
    const m = new WorkMetrics();
    m.held('summary step', 0, 135, 4);
    m.held('summary step', 200, 20, 18);
    m.held('edit', 300, 5);
    assert.equal(m.heldBetween(0, 250).longestCpu, 18);
    assert.equal(m.heldBetween(0, 250).longest, 135);
    assert.equal(m.heldBetween(290, 310).longestCpu, undefined);
  });

  it("reads this thread's CPU time where Node tells it, and counts it forward", () => {
    const from = threadCpuMs();
    if (typeof (process as { threadCpuUsage?: unknown }).threadCpuUsage !== 'function') {
      assert.equal(from, undefined);
      assert.equal(cpuSince(from), undefined);
      return;
    }
    let x = 0;
    for (let k = 0; k < 2_000_000; k++) x += Math.sqrt(k);
    assert.ok(x > 0);
    const spent = cpuSince(from)!;
    assert.ok(spent > 0, `${spent} ms`);
  });

  it('records a span begun with startSpan as one stretch, from its start to now', () => {
    const m = new WorkMetrics();
    const span = startSpan();
    let x = 0;
    for (let k = 0; k < 200_000; k++) x += Math.sqrt(k);
    assert.ok(x > 0);
    const ms = m.heldSince('edit', span);
    assert.equal(m.busy.length, 1);
    const [held] = m.busy;
    assert.equal(held.what, 'edit');
    assert.equal(held.start, span.start);
    assert.equal(held.ms, ms);
    assert.ok(ms > 0 && span.start + ms <= performance.now());
    assert.equal(held.cpuMs === undefined, span.cpu === undefined);
  });

  it('keeps the time a hover reached the provider, its time, and its stretch of the thread', () => {
    const m = new WorkMetrics();
    const first = startSpan();
    m.hoverAnswered(first);
    assert.equal(m.lastHoverStartedAt, first.start);
    const second = startSpan();
    m.hoverAnswered(second);
    assert.equal(m.lastHoverStartedAt, second.start);
    assert.deepEqual(
      m.busy.map((s) => [s.what, s.start, s.ms]),
      [
        ['hover', first.start, m.hoverMs[0]],
        ['hover', second.start, m.hoverMs[1]],
      ],
    );
    assert.ok(m.hoverMs.every((ms) => ms >= 0));
    // The last 100 hover times only.
    for (let k = 0; k < 120; k++) m.hoverAnswered(startSpan());
    assert.equal(m.hoverMs.length, 100);
  });

  it('keeps the latest spans only, and a snapshot does not follow later ones', () => {
    const m = new WorkMetrics();
    for (let k = 0; k < 6000; k++) m.held('summary step', k, 1);
    assert.equal(m.busy.length, 5000);
    assert.equal(m.busy[0].start, 1000);
    const before = m.snapshot();
    m.held('edit', 7000, 1);
    assert.equal(before.busy.length, 5000);
    assert.equal(before.busy[before.busy.length - 1].start, 5999);
  });
});

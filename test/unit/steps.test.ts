/**
 * Work in steps (`core/steps.ts`): the sliced sort, and a corpus prepared in steps, which the
 * library service runs a slice at a time before it swaps a library in. Prepared in steps, a
 * corpus must answer exactly as one built on first use, and must yield often enough that no
 * step holds the thread for long.
 */
import { strict as assert } from 'node:assert';
import { Corpus } from '../../src/core/corpus';
import { finishSteps, messagePause, nextTask, Pace, runInSlices, sortInSteps, touchInSteps, type Steps } from '../../src/core/steps';
import type { Paper } from '../../src/core/types';
import { bundledCorpus, bundledSeeds, readListing } from './helpers';

/** Runs `steps` to the end, counting its yields. */
function countYields<T>(steps: Steps<T>): { value: T; yields: number } {
  let yields = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { value: step.value, yields };
    yields++;
  }
}

/** A deterministic shuffle of `n` strings, with repeats and characters outside ASCII. */
function words(n: number): string[] {
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const alphabet = ['a', 'b', 'c', 'Z', 'é', 'ß', '0', '-', '日', '\u{1F600}'];
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(rand() * 6) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(''));
}

describe('sortInSteps', () => {
  for (const n of [0, 1, 2, 4095, 4096, 4097, 8193, 20000]) {
    it(`sorts ${n} strings in code unit order, as Array#sort does`, () => {
      const input = words(n);
      const expected = input.slice().sort();
      const { value, yields } = countYields(sortInSteps(input));
      assert.deepEqual(value, expected);
      assert.equal(value, input, 'sorted in place');
      // One yield per run of 4,096, and one per 4,096 items merged in each pass.
      if (n > 4096) assert.ok(yields >= Math.ceil(n / 4096) + Math.floor(n / 4096), `${yields} yields for ${n} items`);
    });
  }

  it('keeps items that compare equal in their order (stable), across runs', () => {
    const items = Array.from({ length: 10000 }, (_, i) => ({ key: (i * 7919) % 13, i }));
    const sorted = finishSteps(sortInSteps(items.slice(), (a, b) => a.key - b.key));
    for (let k = 1; k < sorted.length; k++) {
      const [a, b] = [sorted[k - 1], sorted[k]];
      assert.ok(a.key < b.key || (a.key === b.key && a.i < b.i), `items ${a.i} and ${b.i} out of order`);
    }
  });
});

describe('Corpus.prepare', () => {
  /** The bundled papers four times over, the copies' titles numbered: 248 papers, names shared by the copies. */
  function copies(): Corpus {
    const base = bundledCorpus().papers;
    const papers: Paper[] = [];
    for (let copy = 0; copy < 4; copy++) for (const p of base) papers.push(copy === 0 ? p : { ...p, id: `${p.id}-${copy}`, title: `${p.title} (Part ${copy + 1})` });
    const seeds = bundledSeeds();
    return new Corpus(papers, seeds.topics, seeds.isCommonWord, [], seeds.background);
  }

  it('answers as a corpus built on first use: names, topics, mentions and search', () => {
    const prepared = copies();
    const { yields } = countYields(prepared.prepare());
    const lazy = copies();
    for (const p of prepared.papers) {
      assert.deepEqual(prepared.namesOf(p.id), lazy.namesOf(p.id));
      assert.deepEqual(prepared.topicsOf(p.id), lazy.topicsOf(p.id));
    }
    const text = readListing();
    assert.deepEqual(prepared.matcher.find(text), lazy.matcher.find(text));
    assert.ok(prepared.matcher.find(text).length >= 62, `the listing names its own papers: ${prepared.matcher.find(text).length} mentions`);
    for (const query of ['datacomp', 'tracking lora', 'filter networks', 'sara', 'diffusoin', 'part 3']) {
      assert.deepEqual(prepared.searchIndex.search(query), lazy.searchIndex.search(query), query);
    }
    assert.ok(yields > 0);
  });

  it('builds everything while it runs, so the accessors after it build nothing', () => {
    const corpus = copies();
    const steps = corpus.prepare();
    let yields = 0;
    while (!steps.next().done) yields++;
    // Had prepare left a structure to its accessor, the accessor would build a new one now;
    // a second prepare then has nothing left to do and does not yield.
    const matcher = corpus.matcher;
    const index = corpus.searchIndex;
    const keys = corpus.citeKeys;
    const identifiers = corpus.identifiers;
    assert.equal(countYields(corpus.prepare()).yields, 0);
    assert.equal(corpus.matcher, matcher);
    assert.equal(corpus.searchIndex, index);
    assert.equal(corpus.citeKeys, keys);
    assert.equal(corpus.identifiers, identifiers);
    assert.ok(yields > 0);
  });

  it('yields at least once per 16 papers named and per 64 indexed, so a slice stays short', () => {
    const corpus = copies();
    const { yields } = countYields(corpus.prepare());
    const n = corpus.papers.length;
    // Names: one yield per 16 papers; topics: one per 16 papers classified; search: one per
    // 64 papers tokenised; the matcher: one per 32 names compiled.
    assert.ok(yields >= n / 16 + n / 16 + n / 64 + n / 32, `${yields} yields for ${n} papers`);
  });
});

describe('Pace', () => {
  /** Holds the thread for `ms` milliseconds, as a slow item would. */
  function busy(ms: number): void {
    for (const until = performance.now() + ms; performance.now() < until; );
  }

  /** Runs `items` items through a loop paced by `pace`, each taking `itemMs`; the items after which it paused (1-based), pausing `pauseMs` each time. */
  function pausesOf(pace: Pace, items: number, itemMs = 0, pauseMs = 0): number[] {
    function* loop(): Steps<void> {
      for (let k = 1; k <= items; k++) {
        busy(itemMs);
        if (pace.tick()) {
          pauses.push(k);
          yield* pace.pause();
        }
      }
    }
    const pauses: number[] = [];
    for (const steps = loop(); !steps.next().done; ) busy(pauseMs);
    return pauses;
  }

  it('ends a step after its count of quick items, and counts again from the start of the next', () => {
    assert.deepEqual(pausesOf(new Pace(4, 1_000), 13), [4, 8, 12]);
  });

  it('ends a step once its time is up, before its count, when the items are slow', () => {
    // Steps of 5 ms, items of at least 3: a step ends after two items at most (after one, when
    // the machine holds the thread meanwhile), far before its count of 1,000.
    const pauses = pausesOf(new Pace(1_000, 5), 7, 3);
    assert.ok(pauses.length >= 3, `paused after items ${pauses.join(', ')}`);
    pauses.forEach((k, n) => assert.ok(k - (n ? pauses[n - 1] : 0) <= 2, `paused after items ${pauses.join(', ')}`));
  });

  it('does not count the pause between two steps as the next step\'s time', () => {
    // Pauses of 60 ms, longer than a step of 50: had they counted, every item would end a step.
    assert.deepEqual(pausesOf(new Pace(3, 50), 9, 0, 60), [3, 6, 9]);
  });

  it('tickCheap reads the clock once per 256 items: a step ends on the 256th item at the soonest', () => {
    const ends = (pace: Pace) => {
      const out: number[] = [];
      for (let k = 0; k < 1024; k++) {
        if (pace.tickCheap(k)) {
          out.push(k);
          finishSteps(pace.pause());
        }
      }
      return out;
    };
    assert.deepEqual(ends(new Pace(512, 1_000)), [511, 1023], 'by count');
    assert.deepEqual(ends(new Pace(1_000_000, 0)), [255, 511, 767, 1023], 'by the clock (a step of 0 ms)');
  });

  it('weighs an item by its cost', () => {
    const pace = new Pace(100, 1_000);
    assert.equal(pace.tick(1), false);
    assert.equal(pace.tick(98), false);
    assert.equal(pace.tick(1), true);
    finishSteps(pace.pause());
    assert.equal(pace.tick(60), false);
    assert.equal(pace.tick(40), true);
  });
});

describe('touchInSteps', () => {
  it('writes zeros over the whole array, one step per 262,144 elements', () => {
    for (const [n, steps] of [[0, 0], [1, 1], [262_144, 1], [262_145, 2], [600_000, 3]] as const) {
      const array = new Int32Array(n).fill(7);
      const { yields } = countYields(touchInSteps(array));
      assert.equal(yields, steps, `${n} elements`);
      assert.ok(array.every((x) => x === 0), `${n} elements zeroed`);
    }
  });
});

describe('pauses between slices', () => {
  /** Pauses until a zero-delay timer set before the first pause has run; how many it took, or -1 after 10,000. */
  async function pausesUntilTimer(pause: () => Promise<void>): Promise<number> {
    let fired = false;
    setTimeout(() => (fired = true), 0);
    for (let n = 1; n <= 10_000; n++) {
      await pause();
      if (fired) return n;
    }
    return -1;
  }

  it('nextTask lets a due timer run (a resolved promise would not)', async () => {
    assert.notEqual(await pausesUntilTimer(nextTask), -1);
    assert.equal(await pausesUntilTimer(() => Promise.resolve()), -1);
  });

  it('a message pause (the web worker host) lets a due timer run, and resolves its pauses in order', async () => {
    const pause = messagePause();
    assert.notEqual(await pausesUntilTimer(pause), -1);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((k) => pause().then(() => order.push(k))));
    assert.deepEqual(order, [1, 2, 3]);
  });

  it('runInSlices pauses between slices, not between steps, and counts them', async () => {
    let pauses = 0;
    // Six steps of 3 ms each (runInSlices reads performance.now, so they take real time).
    function* steps(): Steps<string> {
      for (let k = 0; k < 6; k++) {
        const until = performance.now() + 3;
        while (performance.now() < until);
        yield;
      }
      return 'done';
    }
    const stats = { slices: 0, longestMs: 0 };
    assert.equal(await runInSlices(steps(), 5, stats, async () => void pauses++), 'done');
    // In 5 ms slices: a pause after every second step (or after each, on a slow machine), never none.
    assert.ok(pauses >= 2 && pauses <= 6, `${pauses} pauses`);
    assert.equal(stats.slices, pauses + 1);
    assert.ok(stats.longestMs >= 5);
  });
});

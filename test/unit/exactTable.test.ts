/** The search's exact-hit table (`core/search/exact.ts`): built, looked up, stored and restored. */
import { strict as assert } from 'node:assert';
import { ExactTable } from '../../src/core/search/exact';
import { finishSteps } from '../../src/core/steps';

describe('exact-hit table', () => {
  // Keys in no order, one with several documents, the largest 32-bit hash, zero and a negative one (`compactHash` gives both signs).
  const byKey = new Map<number, number[]>([
    [907, [3]],
    [-2079738445, [6]],
    [12, [0, 4, 9]],
    [0xffffffff, [7]],
    [0, [1]],
    [500, [2, 5]],
  ]);
  // Built in each test, not once here: code run while the suite is defined counts for no test.
  const build = () => finishSteps(ExactTable.build(byKey));

  it('finds each key, its documents in the order added, and nothing for another key', () => {
    const table = build();
    for (const [key, docs] of byKey) assert.deepEqual(table.get(key), docs, `key ${key}`);
    for (const other of [1, 13, 499, 501, 906, 908, 0xfffffffe, -1, -2079738446]) assert.deepEqual(table.get(other), [], `key ${other}`);
    assert.deepEqual(finishSteps(ExactTable.build(new Map())).get(0), []);
  });

  it('stores its keys ascending, and is restored to the same answers', () => {
    const table = build();
    const flat = table.toData();
    assert.deepEqual(Array.from(flat), [-2079738445, 1, 6, 0, 1, 1, 12, 3, 0, 4, 9, 500, 2, 2, 5, 907, 1, 3, 0xffffffff, 1, 7]);
    const back = finishSteps(ExactTable.restore(flat));
    for (const key of [...byKey.keys(), 1, 13, 906]) assert.deepEqual(back.get(key), table.get(key));
  });

  it('refuses a stored table out of order, with a key twice, cut short or with an empty entry', () => {
    const bad = [
      [12, 1, 0, 0, 1, 1],
      [12, 1, 0, 12, 1, 1],
      [0, 1, 1, 12, 3, 0, 4],
      [0, 0, 12, 1, 1],
    ];
    for (const flat of bad) assert.throws(() => finishSteps(ExactTable.restore(Float64Array.from(flat))), /damaged/, JSON.stringify(flat));
  });
});

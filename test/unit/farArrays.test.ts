/**
 * Arrays that stay where they are stored (`core/farArrays.ts`): a range read is exactly those
 * elements, a bad range or a short read throws, and the ranges read are kept within a budget.
 */
import { strict as assert } from 'node:assert';
import { FarArray, RangeCache, rangeOf, wholeOf } from '../../src/core/farArrays';

/** A stored Float64Array of `values` at `offset` in a file, and the reads it answered. */
function stored(values: Float64Array, offset = 24) {
  const file = new Uint8Array(offset + values.byteLength + 16);
  file.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), offset);
  const reads: [number, number][] = [];
  const far = new FarArray(Float64Array, values.length, (at, length) => {
    reads.push([at, length]);
    return file.slice(offset + at, offset + at + length);
  });
  return { far, reads, file };
}

describe('far arrays', () => {
  const values = Float64Array.from({ length: 50 }, (_, k) => k / 3 - 4);

  it('reads exactly the elements of a range, at their place, and nothing before one is asked for', () => {
    const { far, reads } = stored(values);
    assert.deepEqual(reads, []);
    assert.deepEqual(far.range(3, 7), values.subarray(3, 7));
    assert.deepEqual(reads, [[24, 32]]);
    assert.deepEqual(far.range(0, 50), values);
    assert.deepEqual(far.range(50, 50), new Float64Array(0));
    assert.deepEqual(wholeOf(far), values);
    assert.deepEqual(rangeOf(far, 49, 50), Float64Array.of(values[49]));
  });

  it('refuses a range outside the array, and a read that gives too few bytes', () => {
    const { far } = stored(values);
    for (const [from, to] of [[-1, 2], [2, 1], [0, 51], [0.5, 2], [Number.NaN, 2]]) assert.throws(() => far.range(from, to), RangeError, `${from}..${to}`);
    assert.throws(() => far.range(49, 51), /^RangeError: elements 49 to 51 of a stored array of 50$/);
    const short = new FarArray(Int32Array, 10, (_at, length) => new Uint8Array(length - 4));
    assert.throws(() => short.range(2, 10), /gave 28 bytes, not 32/);
  });

  it('copies bytes that are not aligned for the type, and uses aligned ones as they are', () => {
    const unaligned = new Uint8Array(17);
    unaligned.set(new Uint8Array(Int32Array.of(7, -9).buffer), 1);
    const far = new FarArray(Int32Array, 2, () => unaligned.subarray(1, 9));
    assert.deepEqual(far.range(0, 2), Int32Array.of(7, -9));
    const own = new Uint8Array(Int32Array.of(5).buffer);
    assert.equal(new FarArray(Int32Array, 1, () => own).range(0, 1).buffer, own.buffer);
    // Aligned at an offset within a larger buffer: a view of it too.
    const within = new Uint8Array(Int32Array.of(0, 0, 6).buffer).subarray(8);
    const viewed = new FarArray(Int32Array, 1, () => within).range(0, 1);
    assert.deepEqual([viewed[0], viewed.buffer === within.buffer, viewed.byteOffset], [6, true, 8]);
  });

  it('gives views of an array in memory, not copies', () => {
    const ints = Int32Array.of(1, 2, 3, 4);
    const view = rangeOf(ints, 1, 3);
    assert.deepEqual(view, Int32Array.of(2, 3));
    assert.equal(view.buffer, ints.buffer);
    assert.equal(wholeOf(ints), ints);
  });

  it('keeps the ranges read within its budget, the least recently used dropped first', () => {
    const cache = new RangeCache<readonly [Uint8Array]>(100);
    let reads = 0;
    const read = (size: number) => () => (reads++, [new Uint8Array(size)] as const);
    const a = cache.get(1, read(40));
    cache.get(2, read(40));
    assert.equal(cache.get(1, read(40)), a, 'kept: not read again');
    assert.equal(reads, 2);
    // 120 bytes: the least recently used (2, since 1 was asked for again) goes.
    cache.get(3, read(40));
    assert.equal(cache.size, 2);
    assert.equal(cache.get(1, read(40)), a);
    assert.equal(reads, 3);
    cache.get(2, read(40));
    assert.equal(reads, 4, '2 was dropped, and is read again');
    // One range over the budget is kept alone, until the next.
    cache.get(4, read(500));
    assert.equal(cache.size, 1);
    cache.get(4, read(500));
    assert.equal(reads, 5);
    cache.get(5, read(10));
    assert.equal(cache.size, 1, 'the range over the budget went');
    // Exactly at the budget: all kept.
    const full = new RangeCache<readonly [Uint8Array]>(80);
    full.get(1, read(40));
    full.get(2, read(40));
    assert.equal(full.size, 2);
  });
});

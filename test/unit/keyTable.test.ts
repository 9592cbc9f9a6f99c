/**
 * The key table (`core/keyTable.ts`): strings to numbers, first given first kept, sorted by
 * hash, stored with a library's prepared index and restored by one checking pass. Cite keys and
 * identifiers resolve through it, so a key must never answer for another, whatever their hashes.
 */
import { strict as assert } from 'node:assert';
import { hashOrder, KeyTable, type KeyTableData } from '../../src/core/keyTable';
import { packData, unpackData } from '../../src/core/prepared';
import { finishSteps } from '../../src/core/steps';
import { fnv1a } from '../../src/core/text';

/** Two keys of one 32-bit FNV-1a hash (found by trying `key` and a counter in base 36). */
const CLASHING = ['key51wu', 'keyktfa'] as const;

const build = (entries: readonly (readonly [string, number])[]) => finishSteps(KeyTable.build(entries.map(([key]) => key), entries.map(([, value]) => value)));
const restore = (data: KeyTableData, values: number) => finishSteps(KeyTable.restore(data, values));

describe('key table', () => {
  const entries: [string, number][] = [
    ['vaswani2017attention', 0],
    ['ho2020ddpm', 1],
    ['müller:2031', 2],
    ['', 3],
    ['vaswani2017attention', 4],
    ['😀 key', 5],
  ];

  it('maps each key to the first number given for it, and nothing else to anything', () => {
    const table = build(entries);
    assert.equal(table.get('vaswani2017attention'), 0, 'the first kept');
    assert.equal(table.get('ho2020ddpm'), 1);
    assert.equal(table.get('müller:2031'), 2);
    assert.equal(table.get(''), 3);
    assert.equal(table.get('😀 key'), 5);
    for (const missing of ['Ho2020ddpm', 'ho2020ddp', 'ho2020ddpmx', 'nosuchkey', ' ', 'müller:2030', 'muller:2031', '😀 ke']) assert.equal(table.get(missing), undefined, missing);
    assert.equal(table.toData().hashes.length, 5, 'each key once');
    // The keys past ASCII are kept apart (see `TextList`).
    assert.equal(table.toData().keys.wide.length, 'müller:2031😀 key'.length);
    assert.ok(!/[^\u0000-\u007f]/.test(table.toData().keys.joined as string));
  });

  it('keeps its keys in order of hash, and tells keys of one hash apart by their text', () => {
    const [a, b] = CLASHING;
    assert.equal(fnv1a(a), fnv1a(b));
    const table = build([[a, 7], ['other', 8], [b, 9]]);
    assert.equal(table.get(a), 7);
    assert.equal(table.get(b), 9);
    assert.equal(build([[a, 7]]).get(b), undefined, 'a key of the same hash is not the key');
    // Each given again, the other between: the first of each is kept, once, however far back in its run of one hash.
    const twice = build([['other', 0], [a, 1], [b, 2], [a, 3], [b, 4], [a, 5]]);
    assert.deepEqual([twice.get(a), twice.get(b), twice.get('other'), twice.toData().hashes.length], [1, 2, 0, 3]);
    assert.deepEqual([build([[a, 1], [a, 2]]).toData().values, build([[a, 1], [a, 2]]).get(a)], [Int32Array.of(1), 1], 'a key given twice, alone');
    const back = restore(table.toData(), 10);
    assert.equal(back.get(b), 9, 'two keys of one hash are in order, and restored');
    const { hashes } = table.toData();
    for (let k = 1; k < hashes.length; k++) assert.ok(hashes[k - 1] <= hashes[k], `hashes in order at ${k}`);
    // Many keys, so that halving has to go both ways, and more than a run of keys joined at once.
    const many = build(Array.from({ length: 5000 }, (_, k) => [`paper${k}`, k] as const));
    for (let k = 0; k < 5000; k++) assert.equal(many.get(`paper${k}`), k);
    const { keys } = many.toData();
    assert.equal(keys.joined.length, keys.lengths.reduce((sum, n) => sum + n, 0));
    assert.equal(many.get('paper5000'), undefined);
  });

  it('is restored from its data, stored and read back, and answers as built', () => {
    const table = build(entries);
    const back = restore(unpackData(packData(table.toData())) as KeyTableData, 6);
    for (const [key] of entries) assert.equal(back.get(key), table.get(key), key);
    assert.equal(back.get('nosuchkey'), undefined);
    const empty = restore(build([]).toData(), 0);
    assert.equal(empty.get(''), undefined);
  });

  it('orders places by hash, then by place, packed into doubles or with a comparator', () => {
    const hashes = Int32Array.from({ length: 3000 }, (_, k) => ((k * 2654435761) % 97) - 48 + (k % 5 === 0 ? 2 ** 31 - 100 : 0));
    hashes[7] = -(2 ** 31);
    hashes[8] = 2 ** 31 - 1;
    const expected = Array.from(hashes.keys()).sort((a, b) => hashes[a] - hashes[b] || a - b);
    assert.deepEqual(Array.from(hashOrder(hashes)), expected, 'packed');
    assert.deepEqual(Array.from(hashOrder(hashes, 1000)), expected, 'with a comparator, past the limit');
    assert.deepEqual(Array.from(hashOrder(new Int32Array(0))), []);
  });

  it('refuses keys and numbers of different counts', () => {
    assert.throws(() => finishSteps(KeyTable.build(['a', 'b'], [1])), /a key table of 2 keys given 1 numbers/);
  });

  it('refuses damaged data rather than answer from it', () => {
    const data = build(entries).toData();
    const damaged: Record<string, [KeyTableData, number]> = {
      'hashes out of order': [{ ...data, hashes: data.hashes.slice().reverse() }, 6],
      'a value past the end': [data, 5],
      'a negative value': [{ ...data, values: data.values.map((v, k) => (k === 0 ? -1 : v)) }, 6],
      'values cut short': [{ ...data, values: data.values.slice(1) }, 6],
      'lengths cut short': [{ ...data, keys: { ...data.keys, lengths: data.keys.lengths.slice(1) } }, 6],
      'a text of another length': [{ ...data, keys: { ...data.keys, joined: `${data.keys.joined}x` } }, 6],
      // Lengths that fill the text, one of them negative.
      'a negative length': [{ hashes: Int32Array.of(1, 2), values: Int32Array.of(0, 1), keys: { lengths: Int32Array.of(-1, 2), joined: 'ab', wide: '' } }, 2],
    };
    // The table's own checks, and those of its keys' text (`offsetsOf`).
    for (const [what, [bad, values]] of Object.entries(damaged)) assert.throws(() => restore(bad, values), /stored key table|prepared index/, what);
    assert.throws(() => restore(...damaged['hashes out of order']), /stored key table: damaged at/);
    assert.throws(() => restore(...damaged['a text of another length']), /does not fill its text/);
    assert.throws(() => restore(...damaged['a negative length']), /text 0 of size -1/);
    assert.throws(() => restore(damaged['values cut short'][0], 6), /lists of different lengths/);
    assert.throws(() => restore(damaged['lengths cut short'][0], 6), /lists of different lengths/);
    assert.ok(restore(data, 6), 'the data itself is fine');
  });

  it('is built and restored in steps', () => {
    const keys = Array.from({ length: 20_000 }, (_, k) => [`k${k}`, k] as const);
    let steps = 0;
    const building = KeyTable.build(keys.map(([key]) => key), keys.map(([, value]) => value));
    let step = building.next();
    for (; !step.done; step = building.next()) steps++;
    assert.ok(steps >= 4, `built in ${steps} steps`);
    steps = 0;
    const restoring = KeyTable.restore(step.value.toData(), keys.length);
    for (let r = restoring.next(); !r.done; r = restoring.next()) steps++;
    assert.ok(steps >= 2, `restored in ${steps} steps`);
  });
});

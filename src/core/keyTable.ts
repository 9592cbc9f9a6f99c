/**
 * Strings to numbers, first given first kept, as a table sorted by each string's hash and
 * searched by halving: the cite keys of a corpus (`CiteKeyResolver`) and its arXiv ids and
 * DOIs (`IdentifierIndex`). Why not a `Map`: the table is stored with a library's prepared index
 * (`core/prepared.ts`) and restored by one pass that checks it, where filling maps of 150,000
 * cite keys and 100,000 identifiers (50,000 papers) took 110 ms of the editor's thread on
 * every warm start, and reading every paper's fields to do so undid the lazy papers of
 * `core/paperTable.ts`.
 */
import { TextListBuilder, TextView, type TextList } from './prepared';
import { ITEMS_PER_STEP, Pace, type Steps } from './steps';
import { fnv1a } from './text';

/** Keys sorted at once by packing hash and position into one number (see `hashOrder`): below this many. */
const PACKED_SORT_LIMIT = 2 ** 21;

/**
 * The places `0 .. hashes.length` in order of their hash, then of place. Below `packedLimit`
 * places, a typed array sorts numbers natively (150,000 in a few milliseconds, where a comparator
 * takes ten times as long): each place as its hash, made positive, above the place, which fits a
 * double's 53 bits exactly while there are fewer than 2^21 places.
 */
export function hashOrder(hashes: Int32Array, packedLimit = PACKED_SORT_LIMIT): ArrayLike<number> {
  const count = hashes.length;
  if (count >= Math.min(packedLimit, PACKED_SORT_LIMIT)) return Int32Array.from(hashes.keys()).sort((a, b) => hashes[a] - hashes[b] || a - b);
  const packed = new Float64Array(count);
  for (let k = 0; k < count; k++) packed[k] = (hashes[k] + 2 ** 31) * PACKED_SORT_LIMIT + k;
  packed.sort();
  for (let k = 0; k < count; k++) packed[k] %= PACKED_SORT_LIMIT;
  return packed;
}

/** A table as stored (see `KeyTable.toData`). */
export interface KeyTableData {
  /** Each key's `fnv1a` hash as a signed 32-bit number, ascending. */
  readonly hashes: Int32Array;
  /** The number each key maps to. */
  readonly values: Int32Array;
  /** The keys, in the same order. */
  readonly keys: TextList;
}

export class KeyTable {
  private constructor(
    private readonly data: KeyTableData,
    /** Its keys. */
    private readonly keys: TextView,
  ) {}

  /**
   * The table of `keys` to the `given` number at the same place, the first of each key kept, in
   * steps (see `core/steps.ts`). Every key is hashed and sorted by hash, then by its place; the
   * first of each key is the first of its run of equal hashes that spells it. No `Map` of the
   * keys, nor pairs of key and number: filling a map with 150,000 cite keys (50,000 papers) from
   * such pairs and reading it back took 200-350 ms of a cold load, now 60-130 ms.
   */
  static *build(keys: readonly string[], given: ArrayLike<number>): Steps<KeyTable> {
    const count = keys.length;
    if (given.length !== count) throw new Error(`a key table of ${count} keys given ${given.length} numbers`);
    const pace = new Pace(ITEMS_PER_STEP * 16);
    const hashOf = new Int32Array(count);
    for (let k = 0; k < count; k++) {
      hashOf[k] = fnv1a(keys[k]) | 0;
      if (pace.tickCheap(k)) yield* pace.pause();
    }
    yield;
    const order = hashOrder(hashOf);
    yield;
    // The first of each key: a key met before in its run of equal hashes (in order of place) is not kept.
    const keptFrom = new Int32Array(count);
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const from = order[k];
      const hash = hashOf[from];
      let seen = false;
      for (let j = kept - 1; j >= 0 && hashOf[keptFrom[j]] === hash && !seen; j--) seen = keys[keptFrom[j]] === keys[from];
      if (!seen) keptFrom[kept++] = from;
      if (pace.tickCheap(k)) yield* pace.pause();
    }
    const hashes = new Int32Array(kept);
    const values = new Int32Array(kept);
    const list = new TextListBuilder(kept);
    for (let k = 0; k < kept; k++) {
      const from = keptFrom[k];
      hashes[k] = hashOf[from];
      values[k] = given[from];
      list.add(keys[from]);
      if (pace.tickCheap(k)) yield* pace.pause();
    }
    const keyList = list.finish();
    return new KeyTable({ hashes, values, keys: keyList }, new TextView(keyList));
  }

  /**
   * The table `toData` gave, in steps: one pass that checks it (keys in order of hash, values
   * in `[0, values)`, key lengths filling the text). Throws on a damaged one.
   */
  static *restore(data: KeyTableData, values: number): Steps<KeyTable> {
    const { hashes, keys } = data;
    const count = hashes.length;
    if (data.values.length !== count || keys.lengths.length !== count) throw new Error('stored key table: lists of different lengths');
    const pace = new Pace(ITEMS_PER_STEP * 16);
    for (let k = 0; k < count; k++) {
      if ((k > 0 && hashes[k] < hashes[k - 1]) || !(data.values[k] >= 0 && data.values[k] < values)) throw new Error(`stored key table: damaged at ${k}`);
      if (pace.tickCheap(k)) yield* pace.pause();
    }
    // The keys' lengths: none negative, and filling their text.
    return new KeyTable(data, new TextView(keys));
  }

  toData(): KeyTableData {
    return this.data;
  }

  /** The number `key` maps to, or undefined. */
  get(key: string): number | undefined {
    const hash = fnv1a(key) | 0;
    const { hashes, values } = this.data;
    let lo = 0;
    let hi = hashes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (hashes[mid] < hash) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < hashes.length && hashes[k] === hash; k++) {
      if (this.keys.is(k, key)) return values[k];
    }
    return undefined;
  }
}

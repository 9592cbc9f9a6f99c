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

/** A table as stored (see `KeyTable.toData`). */
export interface KeyTableData {
  /** Each key's `fnv1a` hash as a signed 32-bit number, ascending. */
  readonly hashes: Int32Array;
  /** The number each key maps to. */
  readonly values: Int32Array;
  /** The keys, in the same order. */
  readonly keys: TextList;
}

/** Keys sorted at once by packing hash and position into one number (see `KeyTable.build`): below this many. */
const PACKED_SORT_LIMIT = 2 ** 21;

export class KeyTable {
  private constructor(
    private readonly data: KeyTableData,
    /** Its keys. */
    private readonly keys: TextView,
  ) {}

  /** The table of `entries`, the first of each key kept, in steps (see `core/steps.ts`). */
  static *build(entries: Iterable<readonly [string, number]>): Steps<KeyTable> {
    const byKey = new Map<string, number>();
    const pace = new Pace(ITEMS_PER_STEP * 16);
    let n = 0;
    for (const [key, value] of entries) {
      if (!byKey.has(key)) byKey.set(key, value);
      if (pace.tickCheap(n++)) yield* pace.pause();
    }
    const keys = [...byKey.keys()];
    const hashOf = new Int32Array(keys.length);
    for (let k = 0; k < keys.length; k++) {
      hashOf[k] = fnv1a(keys[k]) | 0;
      if (pace.tickCheap(k)) yield* pace.pause();
    }
    yield;
    let order: ArrayLike<number>;
    if (keys.length < PACKED_SORT_LIMIT) {
      // A typed array sorts numbers natively (150,000 in a few milliseconds, where a comparator
      // takes ten times as long): each key as its hash, made positive, above its position.
      const packed = new Float64Array(keys.length);
      for (let k = 0; k < keys.length; k++) packed[k] = (hashOf[k] + 2 ** 31) * PACKED_SORT_LIMIT + k;
      packed.sort();
      for (let k = 0; k < keys.length; k++) packed[k] %= PACKED_SORT_LIMIT;
      order = packed;
    } else order = Int32Array.from(keys.keys()).sort((a, b) => hashOf[a] - hashOf[b] || a - b);
    yield;
    const hashes = new Int32Array(keys.length);
    const values = new Int32Array(keys.length);
    const list = new TextListBuilder(keys.length);
    for (let k = 0; k < keys.length; k++) {
      const from = order[k];
      const key = keys[from];
      hashes[k] = hashOf[from];
      values[k] = byKey.get(key)!;
      list.add(key);
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

/**
 * The exact hits of a search: `compactHash` of every title, name and citation key → the
 * documents that hold it (verified against the text by the caller). Stored as one typed array
 * sorted by key and searched by halving, not as a `Map`: restoring a `Map` of 140,000 keys
 * (50,000 papers) took 130 ms of the editor's thread and a garbage collection's worth of small
 * arrays on every warm start; this is restored by one pass that checks the order and notes
 * where each entry starts.
 */
import { Pace, ITEMS_PER_STEP, type Steps } from '../steps';
import { grow } from './postings';

export class ExactTable {
  private constructor(
    /** A key, how many documents, the documents; again, keys ascending (`ExactTable.toData`). */
    private readonly flat: Float64Array,
    /** Where each entry starts in `flat`. */
    private readonly starts: Int32Array,
  ) {}

  /** The table of `byKey` (keys are 32-bit hashes, signed or not; documents in the order added), in steps. */
  static *build(byKey: ReadonlyMap<number, readonly number[]>): Steps<ExactTable> {
    // The keys gathered in steps (at 200,000 papers, 600,000 of them gathered and sorted at
    // once held the thread for 60 ms); a typed array then sorts them natively in one step.
    const pace = new Pace(ITEMS_PER_STEP * 16);
    const keys = new Float64Array(byKey.size);
    let size = 0;
    let n = 0;
    for (const [key, docs] of byKey) {
      keys[n] = key;
      size += 2 + docs.length;
      if (pace.tickCheap(n++)) yield* pace.pause();
    }
    yield;
    keys.sort();
    yield;
    const flat = new Float64Array(size);
    const starts = new Int32Array(keys.length);
    for (let k = 0, at = 0; k < keys.length; k++) {
      const docs = byKey.get(keys[k])!;
      starts[k] = at;
      flat[at++] = keys[k];
      flat[at++] = docs.length;
      flat.set(docs, at);
      at += docs.length;
      if (pace.tickCheap(k)) yield* pace.pause();
    }
    return new ExactTable(flat, starts);
  }

  /** The table `toData` gave, in steps; throws when `flat` is not such a table (cut short, keys out of order). */
  static *restore(flat: Float64Array): Steps<ExactTable> {
    // Where each key starts, into an array that grows by doubling: pushed to a list and copied
    // into one, 429,000 numbers at 50,000 papers took 27 ms of a warm start.
    let starts = new Int32Array(1024);
    let n = 0;
    const pace = new Pace(ITEMS_PER_STEP * 16);
    let last = -Infinity;
    for (let at = 0; at < flat.length; ) {
      const key = flat[at];
      const count = flat[at + 1];
      if (!(key > last) || !(count >= 1) || at + 2 + count > flat.length) throw new Error(`prepared search index: exact hits damaged at ${at}`);
      if (n === starts.length) starts = grow(starts, n * 2, 0);
      starts[n++] = at;
      last = key;
      at += 2 + count;
      if (pace.tickCheap(n)) yield* pace.pause();
    }
    return new ExactTable(flat, starts.slice(0, n));
  }

  toData(): Float64Array {
    return this.flat;
  }

  /** The documents under `key`, in the order added; none: empty. */
  get(key: number): number[] {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.starts[mid];
      const k = this.flat[at];
      if (k === key) return Array.from(this.flat.subarray(at + 2, at + 2 + this.flat[at + 1]));
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return [];
  }
}

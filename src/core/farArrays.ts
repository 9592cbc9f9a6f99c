/**
 * Arrays of numbers that may stay on the disk. A stored index's largest tables, the search's
 * posting lists and its typo table (37.5 MB of its 87 MB at 50,000 papers), are read back a
 * range at a time, as a query asks for a term's list, instead of whole on every warm start:
 * reading into fresh memory costs about 3.5 ms a megabyte in page faults on this machine, and
 * a query reads a few dozen lists of a few kilobytes. Where the tables are in memory (built
 * here, sent by the worker, read whole by the CLI) a range is a view of the array.
 *
 * Why not a library: the reads are a file descriptor's (`fs.readSync`), which only the Node
 * callers have; the core is handed a function that reads bytes and stays pure.
 */

export type Typed = Int32Array | Uint8Array | Uint16Array | Float32Array | Float64Array;

export interface TypedConstructor<T extends Typed> {
  readonly BYTES_PER_ELEMENT: number;
  new (buffer: ArrayBuffer, offset: number, length: number): T;
}

/** A stored array's bytes from `byteOffset` (within the array), `byteLength` of them, in an array of their own. */
export type ReadBytes = (byteOffset: number, byteLength: number) => Uint8Array;

/** An array of `length` numbers of `Type` that stays where it is stored: `range` reads a part of it. */
export class FarArray<T extends Typed> {
  constructor(
    private readonly Type: TypedConstructor<T>,
    readonly length: number,
    private readonly read: ReadBytes,
  ) {}

  /** Elements `from` to `to` (exclusive), read; throws when they are not within the array or cannot be read whole. */
  range(from: number, to: number): T {
    if (!(Number.isSafeInteger(from) && Number.isSafeInteger(to) && from >= 0 && from <= to && to <= this.length)) {
      throw new RangeError(`elements ${from} to ${to} of a stored array of ${this.length}`);
    }
    const per = this.Type.BYTES_PER_ELEMENT;
    const bytes = this.read(from * per, (to - from) * per);
    if (bytes.byteLength !== (to - from) * per) throw new Error(`a stored array gave ${bytes.byteLength} bytes, not ${(to - from) * per}`);
    // A view where the bytes are aligned (an array read on its own is), else of a copy.
    const aligned = bytes.byteOffset % per === 0 ? bytes : bytes.slice();
    return new this.Type(aligned.buffer as ArrayBuffer, aligned.byteOffset, to - from);
  }
}

/** An array in memory, or one that stays where it is stored. */
export type Ranged<T extends Typed> = T | FarArray<T>;

/** Elements `from` to `to` of `array`: a view of one in memory, read from a stored one. */
export function rangeOf<T extends Typed>(array: Ranged<T>, from: number, to: number): T {
  return array instanceof FarArray ? array.range(from, to) : (array.subarray(from, to) as T);
}

/** `array` whole, in memory (a stored one read at once). */
export function wholeOf<T extends Typed>(array: Ranged<T>): T {
  return array instanceof FarArray ? array.range(0, array.length) : array;
}

/**
 * The ranges read last from stored arrays, by key (a term, a bucket), kept up to `maxBytes`, the
 * least recently used dropped first. A query typed a character at a time asks for the same
 * terms' lists again at every keystroke: they are read once.
 */
export class RangeCache<V extends readonly Typed[]> {
  private readonly kept = new Map<number, V>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The ranges kept for `key`, else `read()`'s, kept. */
  get(key: number, read: () => V): V {
    const kept = this.kept.get(key);
    if (kept !== undefined) {
      // Moved to the end: a Map keeps its keys in insertion order, so the first is the least recently used.
      this.kept.delete(key);
      this.kept.set(key, kept);
      return kept;
    }
    const value = read();
    this.kept.set(key, value);
    this.bytes += bytesOf(value);
    for (const [old, ranges] of this.kept) {
      if (this.bytes <= this.maxBytes || old === key) break;
      this.kept.delete(old);
      this.bytes -= bytesOf(ranges);
    }
    return value;
  }

  /** How many keys' ranges are kept. */
  get size(): number {
    return this.kept.size;
  }
}

function bytesOf(ranges: readonly Typed[]): number {
  let sum = 0;
  for (const range of ranges) sum += range.byteLength;
  return sum;
}

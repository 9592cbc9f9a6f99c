/**
 * Long strings cross from the library worker to the extension host as bytes, and the host
 * decodes them one string a step. Receiving a message copies its strings on the receiving
 * thread, all at once, before any handler runs: a 50,000-entry library's table and index hold
 * about 13 million characters of strings (abstracts with non-ASCII characters, the names, the
 * search vocabulary), and receiving them held the host's thread for 40-60 ms. Bytes in
 * transferred buffers cost almost nothing to receive. (An experiment with the same message,
 * its long strings sent as bytes: the stall on receiving fell below the probe's 25 ms
 * threshold, and the worker's `postMessage` from 21-63 ms to 1 ms.)
 *
 * No library does this: structured cloning has no option to keep strings out of the message.
 *
 * What goes to the host goes in shared memory (`toSharedWire`): the thread that receives a
 * transferred buffer counts its bytes as its own external memory, and V8 collects garbage when
 * that grows fast. The 40-45 MB of a 50,000-paper load's index, received at once, set off two
 * scavenges and a full collection for "external memory pressure" (`--trace-gc`) within one of
 * the host's 8 ms slices: the end of a reload held its thread for 33-62 ms. A shared buffer is
 * not counted per thread (V8's `BackingStore::PerIsolateAccountingLength` is 0 for one): the same
 * reload, its index copied into shared buffers, stalled 22-29 ms (three runs each way, `load-row
 * reload`), for 0.1-0.2 s more of the worker's time copying.
 */
import { ASCII_WHOLE_BYTES, knownAsciiText, textInSteps } from '../core/asciiText';
import { keptAsBytes } from '../core/prepared';
import { type Steps } from '../core/steps';
import { LONE_SURROGATE, PAST_ASCII } from '../core/text';

/** Strings at least this long travel as bytes; shorter ones cost little to copy. */
export const WIRE_MIN_LENGTH = 1 << 16;

/**
 * Bytes decoded in one step: a 50,000-paper index's term list is 2.9 million characters, and the
 * table's non-ASCII text, when it was one string of 4.6 million UTF-16 code units (9 MB), took
 * one step of 60-90 ms to decode whole on a loaded 2-core machine.
 */
export const WIRE_STEP_BYTES = 1 << 20;

/** The key that marks a string sent as bytes (no data of ours has it). */
const WIRE = '__paperLensText';

interface WireText {
  /** `ascii`: one byte a character; `utf16`: the UTF-16 code units. */
  readonly [WIRE]: 'ascii' | 'utf16';
  readonly bytes: Uint8Array | Uint16Array;
}

/**
 * A copy of `value` to post, its long strings replaced by bytes (see the file comment), with
 * every buffer to transfer added to `transfer`: the new bytes' and those of the typed arrays
 * already in `value`, which are sent without copying. Objects are copied along the way, so
 * `value` itself is left as it was; typed arrays are not copied. A string with a lone
 * surrogate stays a string: decoding UTF-16 would replace it.
 */
export function toWire<T>(value: T, transfer: Set<ArrayBuffer>): T {
  return new Wire(transfer).wire(value) as T;
}

/**
 * `toWire` in shared memory, for the host (see the file comment): the bytes are made there, and
 * each typed array on an unshared buffer is copied into one (views of one buffer into one copy,
 * at their offsets). Nothing is transferred: `value`'s arrays stay usable here.
 */
export function toSharedWire<T>(value: T): T {
  return new Wire(undefined).wire(value) as T;
}

class Wire {
  /** Each buffer copied into shared memory, by the buffer (`toSharedWire`). */
  private readonly copies = new Map<ArrayBuffer, SharedArrayBuffer>();

  /** `transfer`: where the buffers to transfer go; none, in shared memory. */
  constructor(private readonly transfer: Set<ArrayBuffer> | undefined) {}

  wire(value: unknown): unknown {
    if (typeof value === 'string') return value.length >= WIRE_MIN_LENGTH ? (this.textAsBytes(value) ?? value) : value;
    if (ArrayBuffer.isView(value)) return this.sent(value);
    if (Array.isArray(value)) return value.map((v) => this.wire(v));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.wire(v);
      return out;
    }
    return value;
  }

  /** A typed array as it is sent: itself (its buffer transferred, unless shared already), or its view of a shared copy. */
  private sent(view: ArrayBufferView): ArrayBufferView {
    const buffer = view.buffer;
    if (!(buffer instanceof ArrayBuffer)) return view;
    if (this.transfer) {
      this.transfer.add(buffer);
      return view;
    }
    let copy = this.copies.get(buffer);
    if (!copy) {
      copy = new SharedArrayBuffer(buffer.byteLength);
      new Uint8Array(copy).set(new Uint8Array(buffer));
      this.copies.set(buffer, copy);
    }
    const Kind = view.constructor as new (buffer: SharedArrayBuffer, byteOffset: number, length: number) => ArrayBufferView;
    const unit = 'BYTES_PER_ELEMENT' in view ? (view.BYTES_PER_ELEMENT as number) : 1;
    return new Kind(copy, view.byteOffset, view.byteLength / unit);
  }

  /** A buffer for new bytes: one to transfer, or in shared memory. */
  private newBuffer(size: number): ArrayBuffer | SharedArrayBuffer {
    if (!this.transfer) return new SharedArrayBuffer(size);
    const buffer = new ArrayBuffer(size);
    this.transfer.add(buffer);
    return buffer;
  }

  private textAsBytes(text: string): WireText | undefined {
    if (LONE_SURROGATE.test(text)) return undefined;
    const ascii = !PAST_ASCII.test(text);
    const size = ascii ? text.length : text.length * 2;
    const buffer = this.newBuffer(size);
    const bytes = ascii ? new Uint8Array(buffer) : new Uint16Array(buffer);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return { [WIRE]: ascii ? 'ascii' : 'utf16', bytes };
  }
}

function isWireText(value: unknown): value is WireText {
  return !!value && typeof value === 'object' && !ArrayBuffer.isView(value) && WIRE in value;
}

/**
 * Turns the strings `toWire` sent as bytes back into strings, in place in the message
 * received, a string or `WIRE_STEP_BYTES` of one a step (see `core/steps.ts`), and the walk
 * itself `WIRE_STEP_OBJECTS` objects a step; returns `value`.
 */
export function* fromWire<T>(value: T): Steps<T> {
  if (isWireText(value)) return (yield* decode(value)) as T;
  if (isWalked(value)) yield* walk(value);
  return value;
}

/**
 * Objects walked in one step of `fromWire`. A 50,000-paper index's matcher holds tens of
 * thousands of small arrays (its names' separators): walked in one step, recursively, with a
 * generator for every value, they held the host's thread for 45-47 ms at the end of a reload.
 */
export const WIRE_STEP_OBJECTS = 2_000;

/** An object or array `fromWire` looks into: not a primitive, nor a typed array (whose bytes are data). */
function isWalked(value: unknown): value is object {
  return !!value && typeof value === 'object' && !ArrayBuffer.isView(value);
}

/** `fromWire`'s walk: one generator, its own stack of the objects still to look into (in any order: each is changed in place). */
function* walk(root: object): Steps<void> {
  const stack: object[] = [root];
  let left = WIRE_STEP_OBJECTS;
  for (let holder = stack.pop(); holder; holder = stack.pop()) {
    const record = holder as Record<string, unknown>;
    // An array's items by index: `Object.keys` of a long one is a long array of strings.
    const keys = Array.isArray(holder) ? undefined : Object.keys(holder);
    const count = keys ? keys.length : (holder as unknown[]).length;
    for (let i = 0; i < count; i++) {
      const v = keys ? record[keys[i]] : (holder as unknown[])[i];
      if (!isWalked(v)) continue;
      if (isWireText(v)) {
        const key = keys ? keys[i] : String(i);
        // A long list's ASCII items stay bytes (see `TextList`): made from ASCII text (`textAsBytes`).
        record[key] = v[WIRE] === 'ascii' && keptAsBytes(record, key, v.bytes.length) ? bytesOf(v) : yield* decode(v);
        left = WIRE_STEP_OBJECTS;
        yield;
      } else {
        stack.push(v);
      }
    }
    if (--left <= 0) {
      left = WIRE_STEP_OBJECTS;
      yield;
    }
  }
}

/** The bytes a string was sent as (for UTF-16, its code units' bytes). */
function bytesOf(text: WireText): Uint8Array {
  return new Uint8Array(text.bytes.buffer, text.bytes.byteOffset, text.bytes.byteLength);
}

function* decode(text: WireText): Steps<string> {
  // What `toWire` sent as ASCII always is; UTF-16 decoding is exact for text without lone
  // surrogates (which `toWire` never sends), once told to keep a leading byte order mark.
  // ASCII in one string where it is short enough: a string sliced an item at a time (a list's
  // items, where they are not kept as bytes: see `keptAsBytes`) would be copied whole by its
  // first slice if it were pieces joined, as the names and terms were on the first search
  // after a cold load (see `textInSteps`).
  const bytes = bytesOf(text);
  // Made from ASCII text (see `textAsBytes`): not checked again.
  if (text[WIRE] === 'ascii' && bytes.length <= ASCII_WHOLE_BYTES) return knownAsciiText(bytes);
  return yield* textInSteps(bytes, text[WIRE] === 'ascii' ? 'utf-8' : 'utf-16le', WIRE_STEP_BYTES, ASCII_WHOLE_BYTES);
}

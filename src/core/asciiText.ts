/**
 * Bytes as text, quickly, and long texts a piece a step. ASCII bytes: the paper table's fields
 * and abstracts, and a stored index's ASCII texts, are read back so on every warm start.
 *
 * Why not `TextDecoder` alone: Node's decodes at about 170 MB/s on this machine, strict or not
 * (11.7 MB of a 50,000-paper table's ASCII fields took 65 ms), where its `Buffer` turns ASCII
 * bytes into a string at over 1.5 GB/s (7 ms), and checking that they are ASCII, four bytes at a
 * time, takes 4 ms once the engine has compiled the loop. A browser has no `Buffer` (and a
 * decoder of its own): there `TextDecoder` decodes the bytes once checked.
 */

import type { Steps } from './steps';

/** The part of Node's `Buffer` used here. */
interface NodeBuffer {
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): { toString(encoding: 'ascii'): string };
}

const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
const utf8 = new TextDecoder();

/**
 * Node's own check (`buffer.isAscii`, vectorised), reached without an import so that the web
 * bundle stays free of Node modules: through `process.getBuiltinModule` (Node 20.16 and later;
 * an older host, and a browser, use `isAsciiLoop`). On a warm start of a 50,000-paper library the
 * host checks 23 MB of the stored table and index: the loop took 40-50 ms of the host's thread
 * there, in steps of 13-24 ms (it runs before the engine has compiled it), and Node's check of
 * 12 MB takes under a millisecond.
 */
const nativeIsAscii = (
  (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('buffer') as
    | { isAscii?: (bytes: Uint8Array) => boolean }
    | undefined
)?.isAscii;

/** Whether `isAscii` is Node's own check here, not `isAsciiLoop` (for its tests: a wrong module id would fall back unseen). */
export const NATIVE_ASCII_CHECK = nativeIsAscii !== undefined;

/** Whether every byte of `bytes` is ASCII (below 0x80). */
export function isAscii(bytes: Uint8Array): boolean {
  return nativeIsAscii ? nativeIsAscii(bytes) : isAsciiLoop(bytes);
}

/** `isAscii` in plain script, four bytes at a time: where the host's Node has no check of its own (exported for its tests). */
export function isAsciiLoop(bytes: Uint8Array): boolean {
  const end = bytes.byteOffset + bytes.byteLength;
  // Byte by byte up to a multiple of four, then a word at a time, then the bytes left.
  const wordsFrom = Math.min(end, (bytes.byteOffset + 3) & ~3);
  const wordsTo = wordsFrom + ((end - wordsFrom) & ~3);
  const all = new Uint8Array(bytes.buffer);
  let seen = 0;
  for (let i = bytes.byteOffset; i < wordsFrom; i++) seen |= all[i];
  let seenWords = 0;
  if (wordsTo > wordsFrom) {
    const words = new Uint32Array(bytes.buffer, wordsFrom, (wordsTo - wordsFrom) >> 2);
    for (let i = 0; i < words.length; i++) seenWords |= words[i];
  }
  for (let i = wordsTo; i < end; i++) seen |= all[i];
  return (seen & 0x80) === 0 && (seenWords & 0x80808080) === 0;
}

/** `bytes` as text when they are ASCII, else `undefined`. */
export function asciiText(bytes: Uint8Array): string | undefined {
  return isAscii(bytes) ? knownAsciiText(bytes) : undefined;
}

/**
 * `bytes` as text, not checked: bytes their sender made from ASCII text (see `toWire`). The
 * check is a scan of its own (about 10 ms of an 8 MB text on the host's thread).
 */
export function knownAsciiText(bytes: Uint8Array): string {
  return nodeBuffer ? nodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('ascii') : utf8.decode(bytes);
}

/** ASCII bytes `[start, end)` of a text kept as bytes, as text (see `asciiItems`). */
export type AsciiItems = (start: number, end: number) => string;

/**
 * Reads items of ASCII bytes kept as such (a long `TextList` received or read back: see there):
 * `read(start, end)` is `bytes[start, end)` as text. Node's `Buffer` makes it (a view made once);
 * elsewhere a `TextDecoder` (`buffer` null: as in a browser, for tests). The web extension, which
 * has neither the library worker nor its stored loads, keeps no list as bytes.
 */
export function asciiItems(bytes: Uint8Array, buffer: NodeBuffer | null = nodeBuffer ?? null): AsciiItems {
  const view = buffer?.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as { toString(encoding: 'latin1', start: number, end: number): string } | undefined;
  if (view) return (start, end) => view.toString('latin1', start, end);
  return (start, end) => utf8.decode(bytes.subarray(start, end));
}

/**
 * ASCII of up to this many bytes is decoded in one step, into one string, by the readers of
 * long texts that are sliced an item at a time (see `textInSteps`): a stored index's, and the
 * library worker's long strings (a long list's ASCII items stay bytes instead: see `TextList`).
 */
export const ASCII_WHOLE_BYTES = 8 << 20;

/**
 * `bytes`, UTF-8 or UTF-16LE, as text, `stepBytes` of them a step (a yield between two pieces),
 * for a long text decoded on a thread that must not be held: a stored index's texts, the
 * library worker's long strings. UTF-8 that is not valid throws. Pieces of ASCII become text as
 * such (`asciiText`) until one is not; from there on one streaming decoder reads them (a piece of
 * ASCII ends on a whole character, so it starts clean), which keeps a character or a surrogate
 * pair cut between two pieces whole. The pieces are joined as V8 joins strings, by reference:
 * the first slice of the text copies them into one. ASCII of at most `wholeBytes` is decoded in
 * one step instead, into one string: a stored index's texts are sliced an item at a time, and
 * the first slice of 4.7 MB of names joined from pieces copied them on the first search after
 * a warm start (with the terms', a stall of 50-150 ms at 50,000 papers); decoded whole, they are
 * a step of about 10 ms each and never copied again.
 */
export function* textInSteps(bytes: Uint8Array, encoding: 'utf-8' | 'utf-16le', stepBytes: number, wholeBytes = 0): Steps<string> {
  // Whole when ASCII and short enough: one string, not pieces joined (see `wholeBytes` above).
  if (encoding === 'utf-8' && bytes.length <= wholeBytes) {
    const whole = asciiText(bytes);
    if (whole !== undefined) return whole;
  }
  const decoder = encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }) : new TextDecoder('utf-16le', { ignoreBOM: true });
  let text = '';
  let streaming = encoding !== 'utf-8';
  for (let at = 0; at < bytes.length; at += stepBytes) {
    if (at > 0) yield;
    const end = Math.min(bytes.length, at + stepBytes);
    const piece = bytes.subarray(at, end);
    const ascii = streaming ? undefined : asciiText(piece);
    streaming = ascii === undefined;
    text += ascii ?? decoder.decode(piece, { stream: end < bytes.length });
  }
  return text;
}

/**
 * Long strings from the library worker to the host as bytes (`src/worker/wire.ts`), through
 * the structured clone that `postMessage` uses: exact on the other side, one step per string,
 * and a string that UTF-16 decoding would change (a lone surrogate) left a string.
 */
import { strict as assert } from 'node:assert';
import { fromWire, toSharedWire, toWire, WIRE_MIN_LENGTH, WIRE_STEP_BYTES, WIRE_STEP_OBJECTS } from '../../src/worker/wire';
import { ASCII_WHOLE_BYTES } from '../../src/core/asciiText';
import { finishSteps, type Steps } from '../../src/core/steps';

const long = (head: string) => head + 'x'.repeat(WIRE_MIN_LENGTH);

/** The strings of at least `WIRE_MIN_LENGTH` characters anywhere in `value`. */
function longStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.length >= WIRE_MIN_LENGTH) out.push(value);
  } else if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const v of Object.values(value)) longStrings(v, out);
  }
  return out;
}

function countYields<T>(steps: Steps<T>): { value: T; yields: number } {
  for (let yields = 0; ; yields++) {
    const step = steps.next();
    if (step.done) return { value: step.value, yields };
  }
}

describe('wire: long strings as bytes', () => {
  const lone = long('a lone surrogate \ud800 here');
  const message = () => ({
    type: 'done',
    ascii: long('plain ASCII '),
    accented: long('Müller, Gödel, Ærø '),
    astral: long('emoji 😀 and 𝑥 '),
    bom: long('\ufeffstarts with a byte order mark '),
    lone,
    short: 'short stays as it is: é',
    list: { joined: long('a list of texts '), lengths: Int32Array.from([3, 4, 5]) },
    notList: { lengths: Int32Array.from([3]), text: long('beside lengths, not a list\'s items ') },
    nested: [[long('in an array ')], { deeper: long('deeper still ') }],
    ints: Float64Array.from([1.5, 2.5]),
  });

  it('crosses a structured clone exact, decoded one string a step, the typed arrays transferred', () => {
    const original = message();
    const transfer = new Set<ArrayBuffer>();
    const sent = toWire(original, transfer);
    assert.deepEqual(original, message(), 'the value given is left as it was');
    assert.deepEqual(longStrings(sent), [lone], 'only the lone surrogate travels as a string');
    assert.ok(transfer.has(original.list.lengths.buffer as ArrayBuffer) && transfer.has(original.ints.buffer as ArrayBuffer), 'the typed arrays are transferred');
    const wired = sent as unknown as Record<string, { bytes: Uint8Array | Uint16Array }>;
    assert.ok(transfer.has(wired.ascii.bytes.buffer as ArrayBuffer) && transfer.has(wired.accented.bytes.buffer as ArrayBuffer), 'and the bytes of the strings');
    const received = structuredClone(sent, { transfer: [...transfer] });
    const { value, yields } = countYields(fromWire(received));
    assert.equal(yields, 8, 'one step per string sent as bytes');
    // A list's ASCII items, this long, stay bytes (see `TextList`); every other string is a string again.
    const { list, ...rest } = value;
    const { list: sentList, ...restSent } = message();
    assert.deepEqual(rest, restSent, 'every other long string a string again (one beside lengths too)');
    const bytes = list.joined as unknown;
    assert.ok(bytes instanceof Uint8Array);
    assert.equal(Buffer.from(bytes).toString('latin1'), sentList.joined);
    assert.deepEqual(list.lengths, sentList.lengths);
    assert.equal(value.bom.charCodeAt(0), 0xfeff, 'the byte order mark is kept');
  });

  it('walks a message of many small objects a bounded number at a time, and still finds the long strings among them', () => {
    // As a 50,000-paper matcher's separators: tens of thousands of small arrays, walked at once
    // they held the host's thread for 45 ms.
    const many = 10 * WIRE_STEP_OBJECTS;
    const make = () => ({ seps: Array.from({ length: many }, (_, k) => [k, ['-', ' ']] as const), deep: [{ at: [long('far down ')] }], tail: long('after them all ') });
    const transfer = new Set<ArrayBuffer>();
    const received = structuredClone(toWire(make(), transfer), { transfer: [...transfer] });
    const { value, yields } = countYields(fromWire(received));
    assert.deepEqual(value, make(), 'every string and small array as it was');
    // Each small array and its list of separators is an object walked: 2 × many, a step per WIRE_STEP_OBJECTS, and one per long string.
    assert.ok(yields >= (2 * many) / WIRE_STEP_OBJECTS, `the walk yields as it goes (${yields} yields)`);
    assert.ok(yields <= (2 * many) / WIRE_STEP_OBJECTS + 4, `and no more than it must (${yields} yields)`);
  });

  it('decodes text past ASCII longer than a step in pieces of WIRE_STEP_BYTES, exact where a surrogate pair or a character straddles two pieces', () => {
    // UTF-16: a pair whose high half ends a piece (code unit WIRE_STEP_BYTES / 2 - 1) and whose low half starts the next.
    const half = WIRE_STEP_BYTES / 2;
    const wide = `${'é'.repeat(half - 1)}😀${'ü'.repeat(half)}😀${'ö'.repeat(7)}`;
    const value = { wide };
    const transfer = new Set<ArrayBuffer>();
    const received = structuredClone(toWire(value, transfer), { transfer: [...transfer] });
    const decoded = countYields(fromWire(received));
    assert.ok(decoded.value.wide === wide, 'exact');
    // 2 * (2 * half + 11) bytes, 3 pieces: a step between two pieces and after the string.
    assert.equal(decoded.yields, 2 + 1);
  });

  it('decodes ASCII of up to ASCII_WHOLE_BYTES in one step, and longer ASCII in pieces of WIRE_STEP_BYTES', () => {
    // The names and terms are sliced an item at a time: decoded whole, they are one string, not pieces that the first slice copies.
    for (const [length, yields] of [
      [WIRE_STEP_BYTES * 2 + 3, 1],
      [ASCII_WHOLE_BYTES, 1],
      [ASCII_WHOLE_BYTES + 1, ASCII_WHOLE_BYTES / WIRE_STEP_BYTES + 1],
    ]) {
      const exact = { text: 'b'.repeat(length - 1) + 'c' };
      const sent = new Set<ArrayBuffer>();
      const back = countYields(fromWire(structuredClone(toWire(exact, sent), { transfer: [...sent] })));
      assert.deepEqual([back.value.text === exact.text, back.yields], [true, yields], `${length} bytes`);
    }
  });

  it('sends ASCII at one byte a character and other text as UTF-16 code units, from exactly WIRE_MIN_LENGTH characters', () => {
    const exact = 'y'.repeat(WIRE_MIN_LENGTH);
    const transfer = new Set<ArrayBuffer>();
    const value = { exact, shorter: exact.slice(1), accented: long('é'), justPastAscii: long('\u0080') };
    const sent = toWire(value, transfer) as unknown as Record<string, { bytes?: Uint8Array | Uint16Array } | string>;
    const bytesOf = (key: string) => (sent[key] as { bytes: Uint8Array | Uint16Array }).bytes;
    assert.ok(bytesOf('exact') instanceof Uint8Array && bytesOf('exact').length === WIRE_MIN_LENGTH, 'ASCII, one byte each');
    assert.equal(typeof sent.shorter, 'string', 'one character shorter stays a string');
    assert.ok(bytesOf('accented') instanceof Uint16Array && bytesOf('justPastAscii') instanceof Uint16Array, 'non-ASCII (from U+0080), as code units');
    assert.deepEqual(finishSteps(fromWire(structuredClone(sent, { transfer: [...transfer] }))), value);
  });

  it('keeps every well-formed surrogate pair, and sends a string with any lone surrogate as a string', () => {
    const paired = [long('\ud800\udc00 lowest pair '), long('\udbff\udfff highest pair ')];
    const lone = [
      long('high then a space \ud800 '),
      long('highest high alone \udbff '),
      long('high then a letter past the lows \ud800\ue000 '),
      long('lowest low alone \udc00 '),
      long('highest low alone \udfff '),
      long('a high surrogate at the very end ') + '\ud800',
    ];
    const transfer = new Set<ArrayBuffer>();
    const sent = toWire({ paired, lone }, transfer);
    assert.deepEqual(longStrings(sent), lone, 'the lone ones, and only they, travel as strings');
    assert.deepEqual(finishSteps(fromWire(structuredClone(sent, { transfer: [...transfer] }))), { paired, lone });
  });

  it('decodes a message that is itself one long string, and passes null and numbers through', () => {
    const transfer = new Set<ArrayBuffer>();
    const text = long('the whole message ');
    const sent = toWire(text, transfer);
    assert.notEqual(typeof sent, 'string');
    assert.equal(finishSteps(fromWire(structuredClone(sent, { transfer: [...transfer] }))), text);
    for (const value of [null, undefined, 7, 'short']) assert.equal(finishSteps(fromWire(value)), value);
  });

  it('shared (toSharedWire): sends its bytes and typed arrays in shared memory, and leaves the arrays given usable', () => {
    const original = message();
    const words = new Uint32Array(8).map((_, k) => k * 3);
    const halves = { first: words.subarray(0, 4), second: words.subarray(4), view: new DataView(words.buffer, 8, 8) };
    const already = new Int32Array(new SharedArrayBuffer(8));
    const sent = toSharedWire({ ...original, halves, already });
    assert.ok(sent.ints.buffer instanceof SharedArrayBuffer && sent.list.lengths.buffer instanceof SharedArrayBuffer, 'typed arrays copied into shared memory');
    assert.notEqual(sent.ints, original.ints);
    assert.equal(sent.already, already, 'an array in shared memory already is sent as it is');
    // Two views of one buffer: one copy, each view at its offset.
    assert.equal(sent.halves.first.buffer, sent.halves.second.buffer);
    assert.equal(sent.halves.view.buffer, sent.halves.first.buffer);
    assert.deepEqual([...sent.halves.second], [12, 15, 18, 21]);
    assert.equal(sent.halves.view.getUint32(0, true), 6);
    sent.ints[0] = 99;
    assert.equal(original.ints[0], 1.5, 'a copy: the array given is left as it was, and not detached');
    assert.equal(original.list.lengths.length, 3);
    sent.ints[0] = 1.5;
    const wired = sent as unknown as Record<string, { bytes: Uint8Array | Uint16Array }>;
    assert.ok(wired.ascii.bytes.buffer instanceof SharedArrayBuffer && wired.accented.bytes.buffer instanceof SharedArrayBuffer, 'a long string\'s bytes made in shared memory');
    const { value } = countYields(fromWire(structuredClone(sent)));
    const { list, halves: got, already: gotAlready, ...rest } = value;
    const { list: listSent, ...restSent } = message();
    assert.deepEqual(rest, restSent, 'every string back, every array as it was');
    assert.deepEqual([...list.lengths], [...listSent.lengths]);
    assert.deepEqual([...got.first, ...got.second], [...words]);
    assert.equal(gotAlready.length, 2);
  });

  it('leaves short strings, numbers and empty objects alone', () => {
    const value = { a: 'x', b: 3, c: null, d: [], e: {}, f: undefined, g: true };
    const transfer = new Set<ArrayBuffer>();
    const sent = toWire(value, transfer);
    assert.equal(transfer.size, 0);
    assert.deepEqual(finishSteps(fromWire(structuredClone(sent))), value);
  });
});

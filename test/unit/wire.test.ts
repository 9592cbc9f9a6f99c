/**
 * Long strings from the library worker to the host as bytes (`src/worker/wire.ts`), through
 * the structured clone that `postMessage` uses: exact on the other side, one step per string,
 * and a string that UTF-16 decoding would change (a lone surrogate) left a string.
 */
import { strict as assert } from 'node:assert';
import { fromWire, toWire, WIRE_MIN_LENGTH } from '../../src/worker/wire';
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
    const received = structuredClone(sent, { transfer: [...transfer] });
    const { value, yields } = countYields(fromWire(received));
    assert.equal(yields, 7, 'one step per string sent as bytes');
    assert.deepEqual(value, message());
    assert.equal(value.bom.charCodeAt(0), 0xfeff, 'the byte order mark is kept');
  });

  it('leaves short strings, numbers and empty objects alone', () => {
    const value = { a: 'x', b: 3, c: null, d: [], e: {}, f: undefined, g: true };
    const transfer = new Set<ArrayBuffer>();
    const sent = toWire(value, transfer);
    assert.equal(transfer.size, 0);
    assert.deepEqual(finishSteps(fromWire(structuredClone(sent))), value);
  });
});

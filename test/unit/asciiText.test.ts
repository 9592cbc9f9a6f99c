/**
 * ASCII bytes as text (`src/core/asciiText.ts`): exact for ASCII at any offset and length, and
 * `undefined` for a byte past ASCII wherever it stands (before, among and after the bytes it
 * checks a word at a time), never looking outside the view it is given.
 */
import { strict as assert } from 'node:assert';
import { asciiItems, asciiText, isAscii, isAsciiLoop, NATIVE_ASCII_CHECK, textInSteps } from '../../src/core/asciiText';
import type { Steps } from '../../src/core/steps';

describe('ASCII text from bytes', () => {
  const text = 'Attention Is All You Need (Vaswani et al., 2017) ~ {}[]\t\n\x00\x7f';
  const bytes = new TextEncoder().encode(text.repeat(3));

  it('reads items of ASCII bytes kept as such, with Node\'s Buffer and as a browser does', () => {
    const long = 'x'.repeat(3000) + text;
    const all = new TextEncoder().encode(`pad${text}${long}`);
    // A view that does not start its buffer, as a section of a stored file.
    const items = all.subarray(3);
    for (const read of [asciiItems(items), asciiItems(items, null)]) {
      assert.equal(read(0, text.length), text);
      assert.equal(read(0, 0), '');
      assert.equal(read(text.length, text.length + long.length), long);
      assert.equal(read(5, 9), text.slice(5, 9));
    }
  });

  it('decodes every view of ASCII bytes exactly, at any offset and length', () => {
    for (let start = 0; start < 9; start++) {
      for (const end of [start, start + 1, start + 3, start + 4, start + 5, start + 17, bytes.length - 3, bytes.length]) {
        const view = bytes.subarray(start, end);
        assert.equal(asciiText(view), text.repeat(3).slice(start, end), `${start}..${end}`);
      }
    }
  });

  it('checks with Node\'s own check where the host has one, as this test\'s Node does', () => {
    // `process.getBuiltinModule`: Node 20.16 and later, as CI's and the extension host of VS Code 1.93 and later.
    // Without it, `isAscii` is the loop, and the tests below would test the loop twice.
    assert.equal(typeof process.getBuiltinModule, 'function', 'this Node has no getBuiltinModule: the loop alone is tested');
    assert.equal(NATIVE_ASCII_CHECK, true, 'isAscii fell back to the loop where Node has its own check');
    const copy = bytes.slice();
    copy[5] = 0xff;
    assert.equal(isAscii(copy), false);
    assert.equal(isAscii(copy.subarray(6)), true);
  });

  it('finds a byte past ASCII wherever it stands in the view, and only there, in Node\'s check and the loop alike', () => {
    for (let at = 0; at < 40; at++) {
      for (const start of [0, 1, 2, 3]) {
        const copy = bytes.slice();
        copy[start + at] = 0x80 | at;
        assert.equal(isAscii(copy.subarray(start, start + 37)), at >= 37, `byte ${at} of a view from ${start}`);
        assert.equal(isAsciiLoop(copy.subarray(start, start + 37)), at >= 37, `byte ${at} of a view from ${start}, the loop`);
        assert.equal(asciiText(copy.subarray(start, start + 37)), at >= 37 ? text.repeat(3).slice(start, start + 37) : undefined);
      }
    }
    // Bytes past ASCII just outside the view: before it and after it, in the same words.
    const framed = bytes.slice(0, 12);
    framed[0] = 0xc3;
    framed[11] = 0xa9;
    assert.equal(asciiText(framed.subarray(1, 11)), text.slice(1, 11));
    // A view that ends before its first whole word: the bytes after it, up to the word's end, are not its own.
    const short = bytes.slice(0, 8);
    short[2] = 0xc3;
    short[3] = 0xa9;
    assert.equal(asciiText(short.subarray(1, 2)), text.slice(1, 2));
    assert.equal(isAscii(short.subarray(1, 3)), false);
    assert.equal(isAsciiLoop(short.subarray(1, 3)), false);
    assert.equal(isAsciiLoop(framed.subarray(1, 11)), true);
    assert.equal(isAsciiLoop(new Uint8Array(0)), true);
  });

  it('reads a view of a shared buffer, as the paper table sends them', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    assert.equal(asciiText(shared.subarray(5, 50)), text.repeat(3).slice(5, 50));
    shared[50] = 0xe9;
    for (const check of [isAscii, isAsciiLoop]) {
      assert.equal(check(shared.subarray(5, 51)), false);
      assert.equal(check(shared.subarray(5, 50)), true);
    }
  });

  it('gives the empty text for no bytes', () => {
    assert.equal(asciiText(new Uint8Array(0)), '');
    assert.equal(asciiText(bytes.subarray(6, 6)), '');
  });

  describe('a long text a piece a step', () => {
    const run = <T>(steps: Steps<T>): { value: T; yields: number } => {
      for (let yields = 0; ; yields++) {
        const step = steps.next();
        if (step.done) return { value: step.value, yields };
      }
    };

    it('decodes UTF-8 exactly where a character straddles two pieces after pieces of ASCII, a yield between two pieces', () => {
      // Pieces of 8 bytes: two of ASCII, then "é" (2 bytes) cut by the third piece's end, then ASCII read by the streaming decoder.
      const text = `${'a'.repeat(16)}abcdefgé${'z'.repeat(9)}`;
      const bytes = new TextEncoder().encode(text);
      assert.equal(bytes.length, 34);
      assert.deepEqual(run(textInSteps(bytes, 'utf-8', 8)), { value: text, yields: 4 });
      assert.deepEqual(run(textInSteps(new Uint8Array(0), 'utf-8', 8)), { value: '', yields: 0 });
      assert.deepEqual(run(textInSteps(bytes.subarray(0, 16), 'utf-8', 8)), { value: 'a'.repeat(16), yields: 1 });
    });

    it('decodes ASCII up to the whole size in one step, one string; longer ASCII, or text past ASCII, in pieces', () => {
      const ascii = new TextEncoder().encode('abc'.repeat(10));
      assert.deepEqual(run(textInSteps(ascii, 'utf-8', 8, 30)), { value: 'abc'.repeat(10), yields: 0 });
      assert.deepEqual(run(textInSteps(ascii, 'utf-8', 8, 29)), { value: 'abc'.repeat(10), yields: 3 });
      const wide = new TextEncoder().encode(`${'a'.repeat(20)}é`);
      assert.deepEqual(run(textInSteps(wide, 'utf-8', 8, 100)), { value: `${'a'.repeat(20)}é`, yields: 2 });
      assert.throws(() => run(textInSteps(new Uint8Array([0x61, 0xff]), 'utf-8', 8, 100)), 'not UTF-8, short or not');
      // UTF-16 is never taken for ASCII.
      const letters = new Uint8Array(new Uint16Array([0x61, 0x62]).buffer);
      assert.deepEqual(run(textInSteps(letters, 'utf-16le', 8, 100)), { value: 'ab', yields: 0 });
    });

    it('refuses bytes that are not UTF-8, and decodes UTF-16 with a pair cut between two pieces', () => {
      const broken = new Uint8Array([0x61, 0x62, 0xff, 0x63]);
      assert.throws(() => run(textInSteps(broken, 'utf-8', 2)));
      // A character begun at a piece's end and never ended: followed by ASCII, or by nothing.
      assert.throws(() => run(textInSteps(new Uint8Array([0x61, 0xc3, 0x62, 0x63]), 'utf-8', 2)));
      assert.throws(() => run(textInSteps(new Uint8Array([0x61, 0x62, 0x63, 0xc3]), 'utf-8', 2)));
      // UTF-16 of ASCII letters is bytes below 0x80 too: decoded as UTF-16, not taken for ASCII.
      const letters = new Uint8Array(new Uint16Array([0x61, 0x62, 0x63, 0x64]).buffer);
      assert.deepEqual(run(textInSteps(letters, 'utf-16le', 4)), { value: 'abcd', yields: 1 });
      const text = 'ab😀cd';
      const utf16 = new Uint8Array(new Uint16Array([...text].flatMap((c) => (c.length === 2 ? [c.charCodeAt(0), c.charCodeAt(1)] : [c.charCodeAt(0)]))).buffer);
      // Pieces of 6 bytes: "ab" and the pair's high half, then its low half and "cd".
      assert.deepEqual(run(textInSteps(utf16, 'utf-16le', 6)), { value: text, yields: 1 });
    });
  });
});

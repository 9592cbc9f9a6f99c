import { strict as assert } from 'node:assert';
import { MentionIndex, type MentionMatcher } from '../../src/core/mentions';
import type { Mention } from '../../src/core/types';
import { InMemoryDocument, mentionsInWindow, windowAround, WINDOW_BLOCK, WINDOW_LINES, WINDOW_MARGIN } from '../../src/core/scanWindow';
import { bundledCorpus } from './helpers';

const documents = new Map<string, InMemoryDocument>();
function windowOf(text: string, offset: number) {
  let doc = documents.get(text);
  if (!doc) documents.set(text, (doc = new InMemoryDocument(text)));
  return windowAround(doc, offset);
}

/** Asserts the window's offsets, and that its text is the document's text between them. */
function assertWindow(text: string, offset: number, start: number, end: number) {
  const w = windowOf(text, offset);
  assert.deepEqual([w.start, w.end], [start, end], `window around ${offset}`);
  assert.equal(w.text, text.slice(start, end));
}

const isWord = (c: string | undefined) => c !== undefined && /\w/.test(c);
const texts = (ms: Mention[]) => ms.map((m) => m.text);

describe('InMemoryDocument', () => {
  it('reads lines, positions and offsets as VS Code does', () => {
    const doc = new InMemoryDocument('ab\r\ncd\ne\rf');
    assert.equal(doc.lineCount, 4);
    assert.deepEqual([0, 1, 2].map((l) => doc.lineAt(l).text), ['ab', 'cd', 'e']);
    assert.deepEqual(doc.positionAt(5), { line: 1, character: 1 });
    // Between \r and \n: clamped to the end of the line.
    assert.deepEqual(doc.positionAt(3), { line: 0, character: 2 });
    assert.deepEqual(doc.positionAt(99), { line: 3, character: 1 });
    assert.equal(doc.offsetAt({ line: 1, character: 9 }), 6);
    assert.equal(doc.offsetAt(doc.lineAt(0).rangeIncludingLineBreak.end), 4);
    // Two of the three breaks hold a \r, so VS Code makes all three \r\n: 'ab\r\ncd\r\ne\r\nf'.
    assert.equal(doc.text, 'ab\r\ncd\r\ne\r\nf');
    assert.equal(doc.offsetAt(doc.lineAt(3).rangeIncludingLineBreak.end), 12);
    assert.throws(() => doc.lineAt(4), RangeError);
  });

  it('gives every line its range, the last one without a line break', () => {
    const doc = new InMemoryDocument('one\ntwo!\nsix');
    assert.deepEqual(doc.lineAt(1).range, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
    assert.deepEqual(doc.lineAt(1).rangeIncludingLineBreak.end, { line: 2, character: 0 });
    assert.deepEqual(doc.lineAt(2).range.end, { line: 2, character: 3 });
    assert.deepEqual(doc.lineAt(2).rangeIncludingLineBreak.end, { line: 2, character: 3 });
  });

  it('reads blank lines, each break on its own', () => {
    for (const eol of ['\n', '\r\n']) {
      const doc = new InMemoryDocument(['a', '', '', 'b'].join(eol));
      assert.equal(doc.lineCount, 4);
      assert.deepEqual([0, 1, 2, 3].map((l) => doc.lineAt(l).text), ['a', '', '', 'b']);
      assert.deepEqual(doc.positionAt(1 + 2 * eol.length), { line: 2, character: 0 });
    }
    assert.equal(new InMemoryDocument('\n').lineCount, 2);
  });

  it('makes all line breaks one kind, as VS Code does when it loads text', () => {
    // More than half of the breaks hold a \r: all become \r\n; otherwise all become \n.
    assert.equal(new InMemoryDocument('a\rb\rc').text, 'a\r\nb\r\nc');
    assert.equal(new InMemoryDocument('a\r\nb\nc\nd').text, 'a\nb\nc\nd');
    assert.equal(new InMemoryDocument('a\r\nb\nc').text, 'a\nb\nc');
    assert.equal(new InMemoryDocument('a\rb\r\nc\nd').text, 'a\r\nb\r\nc\r\nd');
    assert.equal(new InMemoryDocument('no break').text, 'no break');
    // So the window's text is the document's text, line breaks included.
    const doc = new InMemoryDocument('x\ry\rz');
    const w = windowAround(doc, 2);
    assert.deepEqual([w.start, w.end, w.text], [0, 7, 'x\r\ny\r\nz']);
    assert.equal(w.text, doc.text);
  });

  it('clamps positions outside the document, as VS Code does', () => {
    const doc = new InMemoryDocument('ab\ncde\nf');
    assert.equal(doc.offsetAt({ line: -1, character: 2 }), 0);
    assert.equal(doc.offsetAt({ line: 3, character: 0 }), 8);
    assert.equal(doc.offsetAt({ line: 99, character: 0 }), 8);
    assert.equal(doc.offsetAt({ line: 1, character: -4 }), 3);
    assert.deepEqual(doc.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(doc.positionAt(4.7), { line: 1, character: 1 });
  });

  it('throws on a line that does not exist, naming it', () => {
    const doc = new InMemoryDocument('ab\ncd\ne');
    for (const line of [-1, 3, 1.5, Number.NaN]) {
      assert.throws(() => doc.lineAt(line), { name: 'RangeError', message: `no line ${line} in a document of 3 lines` });
    }
  });
});

describe('the hover window of a large document', () => {
  // Twenty short lines: "line 00 text", "line 01 text", ... each 12 characters and a break.
  const lines = Array.from({ length: 20 }, (_, i) => `line ${String(i).padStart(2, '0')} text`);

  for (const eol of ['\n', '\r\n']) {
    const text = lines.join(eol);
    const lineStart = (l: number) => l * (12 + eol.length);
    const lineEnd = (l: number) => lineStart(l) + 12;
    const name = JSON.stringify(eol);

    it(`takes the hovered line and ${WINDOW_LINES} lines each side (${name})`, () => {
      assert.equal(WINDOW_LINES, 4);
      assertWindow(text, lineStart(10) + 3, lineStart(6), lineEnd(14));
      assertWindow(text, lineEnd(10), lineStart(6), lineEnd(14));
    });

    it(`stops at the first and the last line (${name})`, () => {
      assertWindow(text, 0, 0, lineEnd(4));
      assertWindow(text, lineStart(2), 0, lineEnd(6));
      assertWindow(text, text.length, lineStart(15), text.length);
      assertWindow(text, lineStart(17) + 5, lineStart(13), text.length);
    });

    it(`places an offset inside a line break on the line it ends (${name})`, () => {
      assertWindow(text, lineEnd(10) + eol.length - 1, lineStart(6), lineEnd(14));
    });
  }

  it('takes the whole of a short document, and clamps offsets outside it', () => {
    const text = 'one\ntwo\nthree\n';
    assertWindow(text, 5, 0, text.length);
    assertWindow(text, -3, 0, text.length);
    assertWindow(text, 1e9, 0, text.length);
  });

  describe('on one long line', () => {
    // Words of 3 to 9 letters, so cuts fall inside words as often as not.
    const words: string[] = [];
    let seed = 3;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    let size = 0;
    while (size < 200_000) {
      const w = 'abcdefghi'.slice(0, 3 + Math.floor(rand() * 7));
      words.push(w);
      size += w.length + 1;
    }
    const text = words.join(' ');

    /** The window by the rule, computed on the string: block, margins, then inwards to a word boundary. */
    function expected(offset: number): [number, number] {
      const block = Math.floor(offset / WINDOW_BLOCK) * WINDOW_BLOCK;
      let start = Math.max(0, block - WINDOW_MARGIN);
      let end = Math.min(text.length, block + WINDOW_BLOCK + WINDOW_MARGIN);
      while (start > 0 && isWord(text[start - 1]) && isWord(text[start])) start++;
      while (end < text.length && isWord(text[end - 1]) && isWord(text[end])) end--;
      return [start, end];
    }

    it('bounds the window in characters, cut at word boundaries', () => {
      assert.equal(WINDOW_BLOCK, 4096);
      assert.equal(WINDOW_MARGIN, 4096);
      const offsets = [0, 1, 4095, 4096, 8191, 8192, 50_000, 123_457, text.length - 4097, text.length - 1, text.length];
      for (const offset of offsets) {
        const [start, end] = expected(offset);
        assertWindow(text, offset, start, end);
        assert.ok(end - start <= WINDOW_BLOCK + 2 * WINDOW_MARGIN);
        assert.ok(start <= offset && offset <= end);
        assert.ok(!(isWord(text[start - 1]) && isWord(text[start])) && !(isWord(text[end - 1]) && isWord(text[end])));
      }
      // The fixture does make cuts inside words, which the window then moves.
      const cuts = offsets.map((o) => Math.floor(o / WINDOW_BLOCK) * WINDOW_BLOCK - WINDOW_MARGIN).filter((c) => c > 0);
      assert.ok(cuts.some((c) => isWord(text[c - 1]) && isWord(text[c])));
    });

    it('keeps the hovered offset at least a margin from a cut', () => {
      for (let offset = 9000; offset < 40_000; offset += 997) {
        const w = windowOf(text, offset);
        assert.ok(offset - w.start >= WINDOW_MARGIN - 9, `start ${w.start} for ${offset}`);
        assert.ok(w.end - offset >= WINDOW_MARGIN - 9, `end ${w.end} for ${offset}`);
      }
    });

    it('gives every hover in a block the same window', () => {
      const a = windowOf(text, 5 * WINDOW_BLOCK);
      const b = windowOf(text, 6 * WINDOW_BLOCK - 1);
      const c = windowOf(text, 6 * WINDOW_BLOCK);
      assert.deepEqual([a.start, a.end], [b.start, b.end]);
      assert.notDeepEqual([a.start, a.end], [c.start, c.end]);
    });

    it('cuts the long line where it lies among short lines, and keeps the short ones whole', () => {
      const doc = `short one\nshort two\n${text}\nshort three`;
      const inward = (cut: number, step: 1 | -1) => {
        while (isWord(doc[cut - 1]) && isWord(doc[cut])) cut += step;
        return cut;
      };
      // Hovering the first line: from the document's start to a cut inside the long line.
      assertWindow(doc, 3, 0, inward(WINDOW_BLOCK + WINDOW_MARGIN, -1));
      // Hovering the last line: from a cut inside the long line to the document's end.
      const last = doc.length - 1;
      const block = Math.floor(last / WINDOW_BLOCK) * WINDOW_BLOCK;
      assertWindow(doc, last, inward(block - WINDOW_MARGIN, 1), doc.length);
      assert.ok(block - WINDOW_MARGIN > 20);
    });

    it('drops a word longer than the margin that a cut falls into', () => {
      const doc = `${'x'.repeat(3 * WINDOW_BLOCK)} tail`;
      const w = windowOf(doc, doc.length - 2);
      assert.deepEqual([w.start, w.end, w.text], [3 * WINDOW_BLOCK, doc.length, ' tail']);
    });
  });

  describe('where a cut falls among line breaks', () => {
    // Ten lines of 2,048 characters with their breaks; a hover at 8,292 (line 4) takes lines
    // 0 to 8 and cuts them at 4,096 and 16,384. The first line is `shift` characters longer,
    // so the cuts fall at a line's start (0), inside a \r\n (1) or at a line's end (the break's length).
    for (const eol of ['\n', '\r\n']) {
      for (let shift = 0; shift <= eol.length; shift++) {
        it(`keeps the line breaks as they are (${JSON.stringify(eol)}, shifted ${shift})`, () => {
          const line = 'ab '.repeat(700).slice(0, 2048 - eol.length);
          const text = `${'p'.repeat(shift)}${Array.from({ length: 10 }, () => line).join(eol)}`;
          assertWindow(text, 2 * WINDOW_BLOCK + 100, WINDOW_BLOCK, 4 * WINDOW_BLOCK);
        });
      }
    }
  });

  it('gives an empty window inside one word longer than the window', () => {
    const w = windowOf('x'.repeat(5 * WINDOW_BLOCK), 2 * WINDOW_BLOCK + 5);
    assert.equal(w.text, '');
    assert.equal(w.start, w.end);
  });

  describe('surrogates at a cut', () => {
    // One line; a hover at 8,192 cuts it at 4,096 and 16,384. `before` ends at a cut and
    // `after` starts there; the rest is spaces.
    const startCut = WINDOW_BLOCK;
    const endCut = 4 * WINDOW_BLOCK;
    function line(atStart: [string, string], atEnd: [string, string]): string {
      const head = `${' '.repeat(startCut - atStart[0].length)}${atStart.join('')}`;
      return `${head}${' '.repeat(endCut - atEnd[0].length - head.length)}${atEnd.join('')}${' '.repeat(100)}`;
    }
    const cases: [string, [string, string], number, [string, string], number][] = [
      // A pair the cut would split goes out of the window whole, the lowest and highest pairs alike.
      ['U+10000', ['\uD800', '\uDC00'], startCut + 1, ['\uD800', '\uDC00'], endCut - 1],
      ['U+10FFFF', ['\uDBFF', '\uDFFF'], startCut + 1, ['\uDBFF', '\uDFFF'], endCut - 1],
      ['one emoji', ['\uD83D', '\uDE42 '], startCut + 1, [' \uD83D', '\uDE42'], endCut - 1],
      // A lone half is a character of its own: the cut keeps it, and the word beside it whole.
      ['lone halves beside ASCII words', ['\uD800', 'CUDA'], startCut, ['CUDA', '\uDC00'], endCut],
      ['lone halves beside words on the other side', ['x', '\uDC00'], startCut, ['\uD800', 'x'], endCut],
      ['lone halves beside fullwidth words', ['\uD800', 'ＣＵＤＡ'], startCut, ['ｘ', '\uDC00'], endCut],
      ['lone halves beside fullwidth words on the other side', ['ｘ', '\uDC00'], startCut, ['\uDBFF', 'ｘ'], endCut],
    ];
    for (const [name, atStart, start, atEnd, end] of cases) {
      it(name, () => {
        const text = line(atStart, atEnd);
        assert.equal(text.slice(startCut - atStart[0].length, startCut + atStart[1].length), atStart.join(''));
        assert.equal(text.slice(endCut - atEnd[0].length, endCut + atEnd[1].length), atEnd.join(''));
        assertWindow(text, 2 * WINDOW_BLOCK, start, end);
      });
    }
  });

  it('never splits a surrogate pair at a cut', () => {
    // Pairs start at odd offsets, so the even offsets of the cuts fall inside pairs.
    const text = `x${'🙂'.repeat(20_000)}`;
    const offset = 4 * WINDOW_BLOCK + 1;
    const w = windowOf(text, offset);
    assert.deepEqual([w.start, w.end], [3 * WINDOW_BLOCK + 1, 6 * WINDOW_BLOCK - 1]);
    assert.equal(w.text, '🙂'.repeat((w.end - w.start) / 2));
  });
});

describe('mentions in the hover window', () => {
  const chunks = [
    'var a={k:"CUDA",v:1};',
    't.msg="built with CUDA kernels";',
    'e=`CUDA ${y}`;',
    'd.title="Go Wider Instead of Deeper";',
    'if(o.CUDA)return"DataComp";',
    '/* The CUDA paper makes data unlearnable. */',
    'n="Data Filtering Networks";',
    'function f(a,b){return a+b}',
  ];
  let seed = 11;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const parts: string[] = [];
  for (let size = 0; size < 120_000; ) {
    const c = chunks[Math.floor(rand() * chunks.length)];
    parts.push(c);
    size += c.length;
  }
  const line = parts.join('');
  let matcher: MentionMatcher;
  let whole: Mention[];
  beforeEach(() => {
    matcher = bundledCorpus().matcher;
    whole = matcher.find(line, 'context');
  });

  it('finds the mention under the hover as a scan of the whole line does', () => {
    assert.ok(whole.length > 500);
    // Every kind of mention the fixture holds, at every place in a block.
    const sample = whole.filter((_, k) => k % Math.floor(whole.length / 60) === 0);
    assert.deepEqual(new Set(sample.map((m) => m.text)), new Set(whole.map((m) => m.text)));
    for (const m of sample) {
      for (const offset of [m.start, m.end - 1, (m.start + m.end) >> 1]) {
        const found = new MentionIndex(mentionsInWindow(matcher, windowOf(line, offset), 'context')).at(offset);
        assert.deepEqual(found, m, `hover at ${offset}`);
      }
    }
  });

  it('finds nothing where the whole scan finds nothing', () => {
    const index = new MentionIndex(whole);
    for (let offset = 0; offset < line.length; offset += 1201) {
      if (index.at(offset)) continue;
      assert.equal(new MentionIndex(mentionsInWindow(matcher, windowOf(line, offset), 'context')).at(offset), undefined, `hover at ${offset}`);
    }
  });

  it('judges a code span as the whole scan does, wherever the window cuts the line', () => {
    const paper = 'The CUDA paper makes data unlearnable.';
    for (const [blanks, expected] of [[995, []], [996, ['CUDA']]] as const) {
      const text = `${'x '.repeat(3 * WINDOW_BLOCK)}\`${' '.repeat(blanks)}${paper}`;
      const offset = text.indexOf('CUDA');
      assert.deepEqual(texts(matcher.find(text, 'context')), expected);
      assert.deepEqual(texts(mentionsInWindow(matcher, windowOf(text, offset), 'context')), expected);
    }
  });

  it('decides a collision-prone name as in the whole document when given its summary', () => {
    // The evidence for the CUDA paper stands far outside the window around the second CUDA.
    const text = `CUDA makes data unlearnable with class-wise filters.\n\n${'filler words here\n'.repeat(3 * WINDOW_BLOCK / 18)}We ran CUDA again.\n`;
    const offset = text.lastIndexOf('CUDA');
    const window = windowOf(text, offset);
    assert.ok(window.start > 1000);
    assert.deepEqual(texts(mentionsInWindow(matcher, window, 'context')), []);
    assert.deepEqual(texts(mentionsInWindow(matcher, window, 'context', matcher.summarize(text, 'context'))), ['CUDA']);
    assert.equal(new MentionIndex(matcher.find(text, 'context')).at(offset)?.text, 'CUDA');
  });
});

import { strict as assert } from 'node:assert';
import { lineStartsOf, positionOf } from '../../src/core/lines';

describe('lines of a text', () => {
  it('starts a line after \\n, \\r\\n and a lone \\r', () => {
    assert.deepEqual(lineStartsOf('a\nbc\r\nd\re'), [0, 2, 6, 8]);
    assert.deepEqual(lineStartsOf(''), [0]);
    assert.deepEqual(lineStartsOf('x\n'), [0, 2]);
  });

  it('gives the 0-based line and character of an offset', () => {
    const starts = lineStartsOf('a\nbc\r\nd\re');
    assert.deepEqual(positionOf(starts, 0), { line: 0, character: 0 });
    assert.deepEqual(positionOf(starts, 1), { line: 0, character: 1 });
    assert.deepEqual(positionOf(starts, 2), { line: 1, character: 0 });
    assert.deepEqual(positionOf(starts, 5), { line: 1, character: 3 });
    assert.deepEqual(positionOf(starts, 6), { line: 2, character: 0 });
    assert.deepEqual(positionOf(starts, 9), { line: 3, character: 1 });
  });
});

import { strict as assert } from 'node:assert';
import { FileError } from '../../src/core/errors';

describe('FileError', () => {
  it('names the file and, when there is one, the line', () => {
    assert.equal(new FileError('seeds/topics.json', undefined, 'not JSON').message, 'seeds/topics.json: not JSON');
    assert.equal(new FileError('papers.txt', 12, 'no title').message, 'papers.txt:12: no title');
    const e = new FileError('papers.txt', 12, 'no title');
    assert.equal(e.file, 'papers.txt');
    assert.equal(e.line, 12);
  });

  it('is named after the class that was thrown, so a subclass says what kind of file failed', () => {
    class TaxonomyLikeError extends FileError {}
    assert.equal(new FileError('a', undefined, 'b').name, 'FileError');
    const sub = new TaxonomyLikeError('a', 1, 'b');
    assert.equal(sub.name, 'TaxonomyLikeError');
    assert.ok(sub instanceof FileError && sub instanceof Error);
  });
});

import * as assert from 'assert';
import { paperLens } from './support';

describe('activation', () => {
  // Runs first (mocha orders files by name), before any test has asked for the corpus.
  it('activates without loading the corpus, which waits for the first hover, tree or search', async () => {
    const api = await paperLens();
    // A figure for the closing note and the log, not a timed assertion.
    console.log(`[activation] activate() took ${api.activationMs.toFixed(1)} ms`);
    assert.strictEqual(api.corpusLoaded(), false, 'activate() or startup loaded the corpus');
    assert.ok(api.corpus(), 'the bundled corpus loads on demand');
    assert.strictEqual(api.corpusLoaded(), true);
  });
});

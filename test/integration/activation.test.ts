import * as assert from 'assert';
import { paperLens } from './support';

describe('activation', () => {
  it('activates in under 100 ms (the corpus loads on first use)', async () => {
    const api = await paperLens();
    console.log(`[activation] activate() took ${api.activationMs.toFixed(1)} ms`);
    assert.ok(api.activationMs < 100, `${api.activationMs} ms`);
  });
});

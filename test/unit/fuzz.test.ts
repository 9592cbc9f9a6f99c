/**
 * The fuzz targets of `test/fuzz/targets.ts` in the unit suite: a fixed seed, 1,000 cases per
 * target (2 per 1 MB-line target), the properties only. `npm run test:fuzz` runs the same
 * targets 100,000 times each with a fresh seed and times every case; timing is left out here,
 * as a timed unit test fails on a busy machine for no fault of the code.
 */
import fc from 'fast-check';
import { fuzzTargets } from '../fuzz/targets';

/** Fixed, so the cases are the same in every run: a failure here is a failure every time. */
const SEED = 20261130;
const RUNS = 1000;
const LARGE_RUNS = 2;

describe('fuzz targets, fixed seed', function () {
  // Each target runs a thousand cases; the search target alone takes seconds on a busy machine.
  this.timeout(180_000);
  for (const target of fuzzTargets()) {
    const runs = target.large ? LARGE_RUNS : RUNS;
    it(`${target.name}: every property holds for ${runs} cases`, () => {
      fc.assert(
        fc.property(target.arbitrary, (input) => {
          target.check(input);
        }),
        { seed: SEED, numRuns: runs },
      );
    });
  }
});

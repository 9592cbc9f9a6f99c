/**
 * Precision and recall on real third-party files with hand labels (`test/fixtures/wild/`,
 * issue 8). `dev/` is scored on every run and was scored as often as needed while the rules
 * were written. `holdout/` was set aside and scored once, at the end (at 137c9a9, on
 * 2026-11-30): precision 0.944, recall 0.850 (17 right, 1 wrong, 20 labelled). Its figures are
 * printed with PAPER_LENS_HOLDOUT=1; here they are a floor that no later change may fall below,
 * and all the files together must hold the bar of 0.95.
 */
import { strict as assert } from 'node:assert';
import { score, wildFixtures } from './wildScore';
import { bundledCorpus } from './helpers';

/** Precision and recall of at least 0.95 (the bar), with every wrong and missed mention in the message. */
function holdsTheBar(s: ReturnType<typeof score>): void {
  const detail = `\nwrong:\n  ${s.wrong.join('\n  ') || '-'}\nmissed:\n  ${s.missed.join('\n  ') || '-'}`;
  assert.ok(s.precision >= 0.95, `precision ${s.precision.toFixed(3)} (${s.truePositives} right, ${s.falsePositives} wrong)${detail}`);
  assert.ok(s.recall >= 0.95, `recall ${s.recall.toFixed(3)} (${s.truePositives} of ${s.labelled})${detail}`);
}

describe('recognition on real third-party files (test/fixtures/wild)', () => {
  it('dev: precision and recall of at least 0.95', () => {
    const fixtures = wildFixtures('dev');
    assert.ok(fixtures.length >= 10, 'the dev fixtures are missing');
    holdsTheBar(score(bundledCorpus(), fixtures));
  });

  it('holdout: no worse than when it was scored once, at the end (precision 0.944, recall 0.850)', () => {
    const fixtures = wildFixtures('holdout');
    assert.ok(fixtures.length >= 5, 'the holdout fixtures are missing');
    const s = score(bundledCorpus(), fixtures);
    if (process.env.PAPER_LENS_HOLDOUT === '1') {
      console.log(`      holdout: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)} (${s.truePositives} right, ${s.falsePositives} wrong, ${s.labelled} labelled)`);
      for (const w of s.wrong) console.log(`        wrong: ${w}`);
      for (const m of s.missed) console.log(`        missed: ${m}`);
    }
    assert.equal(s.labelled, 20);
    assert.ok(s.truePositives >= 17 && s.falsePositives <= 1, `${s.truePositives} right, ${s.falsePositives} wrong\nwrong:\n  ${s.wrong.join('\n  ')}\nmissed:\n  ${s.missed.join('\n  ')}`);
  });

  it('every file, dev and holdout together: precision and recall of at least 0.95', () => {
    holdsTheBar(score(bundledCorpus(), [...wildFixtures('dev'), ...wildFixtures('holdout')]));
  });
});

/**
 * Prints the counts of every tier that ran, then the closing line CI reads:
 * `N passed, N failed` (`, N skipped` when tests were pending). Exits 1 when no tier reported.
 */
import { readAllResults } from './results';

const results = readAllResults();
for (const r of results) {
  const note = r.error ? ` (${r.error})` : '';
  console.log(`  ${r.tier}: ${r.passed} passed, ${r.failed} failed, ${r.pending} skipped${note}`);
}
const sum = (key: 'passed' | 'failed' | 'pending') => results.reduce((n, r) => n + r[key], 0);
const skipped = sum('pending');
console.log(`${sum('passed')} passed, ${sum('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (results.length === 0) process.exitCode = 1;

/**
 * `npm run test:fuzz`: every target of `targets.ts`, 100,000 cases each (the 1 MB-line targets
 * 100), each case timed in CPU time against its budget (100 ms per 100 KB). Prints one row per target
 * (cases, failures, time, slowest case, seed) and, for each failing target, the smallest
 * failing input fast-check shrinks to. Exits 1 when any case fails. Not part of `npm test`.
 *
 * Environment: `FUZZ_RUNS` (cases per target), `FUZZ_LARGE_RUNS` (cases per 1 MB target),
 * `FUZZ_SEED` (the first target's seed; each next target adds one), `FUZZ_TARGETS` (run only
 * the targets whose names contain one of these comma-separated words).
 */
import fc from 'fast-check';
import { budgetMs, fuzzTargets, type FuzzTarget } from './targets';

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`${name} must be a whole number, not "${raw}"`);
    process.exit(2);
  }
  return n;
}

const RUNS = envInt('FUZZ_RUNS', 100_000);
const LARGE_RUNS = envInt('FUZZ_LARGE_RUNS', 100);
const SEED = envInt('FUZZ_SEED', Date.now() % 2_147_483_647);
const ONLY = (process.env.FUZZ_TARGETS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

interface Row {
  readonly name: string;
  readonly cases: number;
  readonly failures: number;
  readonly seconds: number;
  readonly slowestMs: number;
  readonly seed: number;
  readonly report?: string;
}

/** CPU time of this process in milliseconds: on a machine shared with other jobs, wall time measures them too. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * One case: the check, timed in CPU time. Over budget, it is timed twice more and the fastest
 * counts (a garbage collection of an earlier case's leftovers is not this input's cost).
 */
function runCase(target: FuzzTarget, input: unknown): number {
  const size = target.size(input);
  const budget = budgetMs(size);
  let best = Infinity;
  for (let attempt = 0; attempt < 3 && best > budget; attempt++) {
    const start = cpuMs();
    target.check(input);
    best = Math.min(best, cpuMs() - start);
  }
  if (best > budget) throw new Error(`took ${best.toFixed(0)} ms of CPU at best of three, over the budget of ${budget} ms for ${size} characters`);
  return best;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? `<${v.length} bytes> ${new TextDecoder().decode(v.subarray(0, 300))}` : v));
  return text.length > 600 ? `${text.slice(0, 600)}... (${text.length} characters)` : text;
}

function runTarget(target: FuzzTarget, seed: number): Row {
  const numRuns = target.large ? LARGE_RUNS : RUNS;
  let failures = 0;
  let slowestMs = 0;
  const messages = new Map<string, number>();
  const started = performance.now();
  // First every case, counting failures rather than stopping at the first.
  const counting = fc.property(target.arbitrary, (input) => {
    try {
      slowestMs = Math.max(slowestMs, runCase(target, input));
    } catch (e) {
      failures++;
      const message = (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 160);
      messages.set(message, (messages.get(message) ?? 0) + 1);
    }
  });
  fc.check(counting, { numRuns, seed });
  const seconds = (performance.now() - started) / 1000;
  let report: string | undefined;
  if (failures > 0) {
    // Then the same cases again, stopping at the first failure and shrinking it.
    const shrinking = fc.property(target.arbitrary, (input) => {
      runCase(target, input);
    });
    const details = fc.check(shrinking, { numRuns, seed });
    const lines = [`${target.name}: ${failures} of ${numRuns} cases failed`];
    for (const [message, n] of messages) lines.push(`  ${n} x ${message}`);
    if (details.failed && details.counterexample) {
      lines.push(`  smallest failing input (seed ${seed}, path ${details.counterexamplePath}): ${preview(details.counterexample[0])}`);
      lines.push(`  error: ${details.errorInstance instanceof Error ? details.errorInstance.stack : String(details.errorInstance)}`);
    }
    report = lines.join('\n');
  }
  return { name: target.name, cases: numRuns, failures, seconds, slowestMs, seed, report };
}

function table(rows: readonly Row[]): string {
  const head = ['target', 'cases', 'failures', 'time (s)', 'slowest case (ms CPU)', 'seed'];
  const body = rows.map((r) => [r.name, r.cases.toLocaleString('en-US'), String(r.failures), r.seconds.toFixed(1), r.slowestMs.toFixed(1), String(r.seed)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|')}|`, ...body.map(line)].join('\n');
}

function main(): void {
  const targets = fuzzTargets().filter((t) => ONLY.length === 0 || ONLY.some((w) => t.name.includes(w)));
  if (targets.length === 0) {
    console.error(`no target matches FUZZ_TARGETS=${process.env.FUZZ_TARGETS}`);
    process.exit(2);
  }
  console.log(`fuzzing ${targets.length} targets: ${RUNS.toLocaleString('en-US')} cases each, ${LARGE_RUNS} for the 1 MB lines; budget 100 ms of CPU per 100 KB per case`);
  const rows: Row[] = [];
  const started = performance.now();
  targets.forEach((target, i) => {
    const row = runTarget(target, (SEED + i) % 2_147_483_647);
    rows.push(row);
    console.log(`  ${row.name}: ${row.cases} cases, ${row.failures} failures, ${row.seconds.toFixed(1)} s, seed ${row.seed}`);
  });
  console.log('');
  console.log(table(rows));
  const failed = rows.filter((r) => r.failures > 0);
  console.log(`\n${rows.reduce((n, r) => n + r.cases, 0).toLocaleString('en-US')} cases in ${((performance.now() - started) / 1000).toFixed(0)} s; ${failed.length} of ${rows.length} targets failed`);
  for (const r of failed) console.log(`\n${r.report}`);
  process.exitCode = failed.length > 0 ? 1 : 0;
}

main();

/**
 * Per-tier test counts, one JSON file per tier under `artifacts/results/`, so that a closing
 * `N passed, N failed` line can add up the unit tier, the integration suite (which runs inside
 * the extension host, another process) and the UI checks.
 */
import * as fs from 'fs';
import * as path from 'path';
import { resultsDir } from './paths';

export interface TierResult {
  readonly tier: string;
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  /** Set when the tier did not get to report its own counts (harness failure, timeout). */
  readonly error?: string;
}

function fileOf(tier: string): string {
  return path.join(resultsDir, `${tier.replace(/[^\w-]/g, '_')}.json`);
}

export function writeResult(result: TierResult): void {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(fileOf(result.tier), JSON.stringify(result, null, 2) + '\n');
}

export function readResult(tier: string): TierResult | undefined {
  try {
    return JSON.parse(fs.readFileSync(fileOf(tier), 'utf8')) as TierResult;
  } catch {
    return undefined;
  }
}

export function clearResult(tier: string): void {
  fs.rmSync(fileOf(tier), { force: true });
}

export function readAllResults(): TierResult[] {
  let files: string[] = [];
  try {
    files = fs.readdirSync(resultsDir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.sort().flatMap((f) => {
    try {
      return [JSON.parse(fs.readFileSync(path.join(resultsDir, f), 'utf8')) as TierResult];
    } catch {
      return [];
    }
  });
}

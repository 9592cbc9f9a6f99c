/**
 * `npm run bench:scan`: the scan of the bench's 255 KB note against the `charCodeAt` floor (see
 * `scanAgainstFloor` in bench.ts), at 50,000 papers, in several fresh processes one after the
 * other. At this size the scan is bound by memory (its bit sets and name records no longer fit
 * in the processor's caches) and the floor is not, so the share can differ between processes
 * of the same build, with how their memory lands and what else uses the machine's caches. One
 * process's figure, like the one `npm run bench` prints, is one draw; this prints the spread,
 * to compare two builds by more than one draw each.
 *
 * `PROCESSES` (default 5) and `PAPERS` (default 50000) choose the runs.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { loadSeeds } from '../src/core/bundled';
import { Corpus } from '../src/core/corpus';
import { median, noteFor, scanAgainstFloor } from './bench';
import { libraryOf } from './data';

const ROOT = path.resolve(__dirname, '..', '..');

interface Draw {
  scanMBs: number;
  floor: number;
  scanToFloor: number;
  mentions: number;
}

/** One draw, in this process: the corpus built as the bench builds it, then the rounds. */
function draw(papers: number): Draw {
  const seeds = loadSeeds(ROOT);
  const corpus = new Corpus(libraryOf(papers).papers, seeds.topics, seeds.isCommonWord, [], seeds.background);
  corpus.papersIn(corpus.topics[0].id);
  const note = noteFor(corpus);
  const mentions = corpus.matcher.find(note, 'context').length;
  return { ...scanAgainstFloor(note, () => corpus.matcher.find(note, 'context')), mentions };
}

function main(): void {
  const papers = Number(process.env.PAPERS ?? 50_000);
  if (process.argv[2] === 'draw') {
    console.log(JSON.stringify(draw(papers)));
    return;
  }
  const processes = Number(process.env.PROCESSES ?? 5);
  const draws: Draw[] = [];
  console.log(`| process | scan (MB/s) | charCodeAt floor (MB/s) | scan / floor | mentions |\n|---|---|---|---|---|`);
  for (let k = 0; k < processes; k++) {
    const out = execFileSync(process.execPath, ['--expose-gc', __filename, 'draw'], { encoding: 'utf8', env: { ...process.env, PAPERS: String(papers) } });
    const d = JSON.parse(out.trim().split('\n').pop()!) as Draw;
    draws.push(d);
    console.log(`| ${k + 1} | ${d.scanMBs.toFixed(1)} | ${d.floor.toFixed(1)} | ${(100 * d.scanToFloor).toFixed(0)}% | ${d.mentions} |`);
  }
  const shares = draws.map((d) => d.scanToFloor);
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  console.log(
    `\n${papers.toLocaleString('en')} papers, ${processes} fresh processes: scan / floor median ${pct(median(shares))}, from ${pct(Math.min(...shares))} to ${pct(Math.max(...shares))};` +
      ` scan median ${median(draws.map((d) => d.scanMBs)).toFixed(1)} MB/s.`,
  );
}

if (require.main === module) main();

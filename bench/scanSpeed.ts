/** Quick scan-versus-floor measurement at one corpus size: `node out/bench/scanSpeed.js [N]`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SEEDS, loadBackground } from '../src/core/bundled';
import { Corpus } from '../src/core/corpus';
import { commonWordsFrom } from '../src/core/names';
import { parseTaxonomy } from '../src/core/topics';
import { libraryOf } from './data';
import { floorPass, noteFor, median } from './bench';

const ROOT = path.resolve(__dirname, '..', '..');
const n = Number(process.argv[2] ?? 50000);
const topics = parseTaxonomy(fs.readFileSync(path.join(ROOT, SEEDS.topics), 'utf8'), SEEDS.topics);
const common = commonWordsFrom(fs.readFileSync(path.join(ROOT, SEEDS.commonWords), 'utf8'));
const { papers } = libraryOf(n);
const corpus = new Corpus(papers, topics, common, [], loadBackground(ROOT));
let t = performance.now();
const matcher = corpus.matcher;
console.log('matcher ms', (performance.now() - t).toFixed(0), 'names', matcher.size);
const note = noteFor(corpus);
const scan: number[] = [];
const floor: number[] = [];
let found = 0;
for (let r = 0; r < 9; r++) {
  t = performance.now();
  found = matcher.find(note, 'context').length;
  scan.push(performance.now() - t);
  t = performance.now();
  floorPass(note);
  floor.push(performance.now() - t);
}
const mb = note.length / 1e6;
const s = mb / (median(scan) / 1000);
const f = mb / (median(floor) / 1000);
console.log(`scan ${s.toFixed(1)} MB/s, floor ${f.toFixed(1)} MB/s, ratio ${(s / f * 100).toFixed(0)}%, mentions ${found}`);

/**
 * `npm run bench:recognition`: mention recognition at library scale, on text its statistics
 * never saw. The 50,000 arXiv papers (`../shared/data/arxiv-50k.jsonl.gz`) are split into two
 * disjoint halves by position: the even ones are the library (25,000 papers, titles and
 * abstracts), and the background statistics are derived from them alone
 * (`backgroundStats.js --half even`, written to a temporary file); the first `ABSTRACTS`
 * (default 5,000) odd abstracts are scanned, each as its own text, with the default policy.
 *
 * Prints the mentions per 1,000 abstracts by kind, and writes `artifacts/recognition.json` and
 * `artifacts/recognition-sample.md`: 50 mentions drawn at random (a fixed seed, so the same
 * build draws the same ones), each with the text around it, to be judged by hand. The verdicts
 * kept in `bench/recognition-labels.json` (abstract number, offsets and paper, right or wrong:
 * no text of the data) are matched with this run's mentions, and the precision of those still
 * found is printed, and that of this run's sample once all 50 are judged. Every mention is
 * listed in `artifacts/recognition-all.tsv`. The data's text is never written anywhere but `artifacts/`, which is not
 * part of the repository.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Background } from '../src/core/background';
import { loadSeeds } from '../src/core/bundled';
import { Corpus } from '../src/core/corpus';
import { fnv1a } from '../src/core/text';
import type { Mention, Paper } from '../src/core/types';
import { seededRandom } from '../test/seededRandom';
import { ARXIV, toPaper } from './data';
import { arxivRows } from './libraryBench';

const ROOT = path.resolve(__dirname, '..', '..');
const ABSTRACTS = Number(process.env.ABSTRACTS ?? 5000);
/**
 * The first odd abstract scanned (`ABSTRACTS_FROM`, default 0). The rules were written reading
 * the mentions of the first 5,000; those from 5,000 on are text the rules never saw, to measure
 * them on (abstracts keep their numbers in the odd half, so one labels file holds both).
 */
const FROM = Number(process.env.ABSTRACTS_FROM ?? 0);
/**
 * `LIBRARY_HALF=odd` swaps the halves: the odd papers are the library (their background theirs
 * alone) and the even abstracts are scanned, numbered in the even half. Text no rule was read
 * from, to measure a rule written on the odd half's errors. The hand verdicts kept are for the
 * even library: not matched in this case (its mentions are listed to judge).
 */
const LIBRARY_HALF: 'even' | 'odd' = process.env.LIBRARY_HALF === 'odd' ? 'odd' : 'even';
const SCANNED_HALF = LIBRARY_HALF === 'even' ? 'odd' : 'even';
const SAMPLE = 50;
const SEED = 20261203;
const LABELS = path.join(ROOT, 'bench', 'recognition-labels.json');

/** One hand verdict on a sampled mention, by position only (see the file comment). */
interface Label {
  readonly abstract: number;
  readonly start: number;
  readonly end: number;
  /** `fnv1a` of the paper's id, in hexadecimal: ids are made from titles, and no text of the data is kept. */
  readonly paper: string;
  readonly right: boolean;
  /** Why, in the labeller's words. */
  readonly note?: string;
}

interface Found extends Mention {
  readonly abstract: number;
}


function paperHash(id: string): string {
  return (fnv1a(id) >>> 0).toString(16);
}

function main(): void {
  const rows = arxivRows();
  if (!rows) {
    console.log(`bench:recognition needs ${ARXIV} (or PAPER_LENS_ARXIV): not found, nothing measured.`);
    return;
  }
  const library: Paper[] = [];
  const ids = new Set<string>();
  /** The odd half's abstracts scanned, by their number in that half. */
  const scanned = new Map<number, string>();
  rows.forEach((r, k) => {
    if (k % 2 === (LIBRARY_HALF === 'even' ? 1 : 0)) {
      const n = Math.floor(k / 2);
      if (n >= FROM && n < FROM + ABSTRACTS) scanned.set(n, r.abstract);
      return;
    }
    const paper = toPaper(r.title, r.abstract);
    if (ids.has(paper.id)) return;
    ids.add(paper.id);
    library.push(paper);
  });

  // The background of the library's half alone: nothing derived from the scanned abstracts.
  const statsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-recognition-')), 'background-even.txt');
  execFileSync(process.execPath, [path.join(__dirname, 'backgroundStats.js'), '--half', LIBRARY_HALF, '--data', ARXIV, '--out', statsFile], { stdio: 'ignore' });
  const background = Background.parse(fs.readFileSync(statsFile, 'utf8'), statsFile);
  const { topics, isCommonWord } = loadSeeds(ROOT);

  const built = performance.now();
  const corpus = new Corpus(library, topics, isCommonWord, [], background);
  const matcher = corpus.matcher;
  const buildMs = performance.now() - built;
  const started = performance.now();
  const found: Found[] = [];
  for (const [abstract, text] of scanned) for (const m of matcher.find(text, 'context')) found.push({ ...m, abstract });
  const scanMs = performance.now() - started;

  const byKind = new Map<string, number>();
  for (const m of found) byKind.set(m.kind, (byKind.get(m.kind) ?? 0) + 1);
  const perThousand = (n: number) => (n * 1000) / scanned.size;
  console.log(`library: ${library.length} papers (${LIBRARY_HALF} half); scanned: ${scanned.size} abstracts (${SCANNED_HALF} half, from its ${FROM}th); background: ${LIBRARY_HALF} half only`);
  console.log(`matcher built in ${(buildMs / 1000).toFixed(1)} s; scan ${(scanMs / 1000).toFixed(1)} s`);
  console.log('| kind | mentions | per 1,000 abstracts |');
  console.log('|---|---|---|');
  for (const [kind, n] of [...byKind].sort((a, b) => b[1] - a[1])) console.log(`| ${kind} | ${n} | ${perThousand(n).toFixed(1)} |`);
  console.log(`| all | ${found.length} | ${perThousand(found.length).toFixed(1)} |`);
  console.log(`abstracts with a mention: ${new Set(found.map((m) => m.abstract)).size}; papers mentioned: ${new Set(found.map((m) => m.paperId)).size}`);

  // The sample to judge: drawn without replacement with a fixed seed.
  const draw = seededRandom(SEED);
  const order = found.map((_, k) => k);
  for (let k = order.length - 1; k > 0; k--) {
    const j = Math.floor(draw() * (k + 1));
    [order[k], order[j]] = [order[j], order[k]];
  }
  const sample = order.slice(0, SAMPLE).map((k) => found[k]);
  const titleOf = new Map(library.map((p) => [p.id, p.title]));
  const lines = ['# Recognition sample', '', `${sample.length} of ${found.length} mentions in ${scanned.size} ${SCANNED_HALF}-half abstracts (from its ${FROM}th), library the ${LIBRARY_HALF} half (seed ${SEED}).`, ''];
  sample.forEach((m, k) => {
    const text = scanned.get(m.abstract)!;
    const before = text.slice(Math.max(0, m.start - 140), m.start);
    const after = text.slice(m.end, m.end + 100);
    lines.push(`${k + 1}. abstract ${m.abstract} [${m.start}, ${m.end}) ${m.kind} "${m.text}" -> ${m.paperId}`, `   paper: ${titleOf.get(m.paperId)}`, `   text: ...${before}[[${m.text}]]${after}...`, '');
  });
  const artifacts = path.join(ROOT, 'artifacts');
  fs.mkdirSync(artifacts, { recursive: true });
  fs.writeFileSync(path.join(artifacts, 'recognition-sample.md'), lines.join('\n'));

  const labels: Label[] = LIBRARY_HALF === 'even' && fs.existsSync(LABELS) ? (JSON.parse(fs.readFileSync(LABELS, 'utf8')) as Label[]) : [];
  const key = (abstract: number, start: number, end: number, paper: string) => `${abstract}:${start}:${end}:${paper}`;
  const here = new Set(found.map((m) => key(m.abstract, m.start, m.end, paperHash(m.paperId))));
  const judged = labels.filter((l) => here.has(key(l.abstract, l.start, l.end, l.paper)));
  const right = judged.filter((l) => l.right).length;
  if (labels.length) {
    console.log(`hand labels (${path.relative(ROOT, LABELS)}): ${labels.length}; still found: ${judged.length}; right ${right}, wrong ${judged.length - right}: precision ${judged.length ? (right / judged.length).toFixed(2) : '-'}`);
  }
  // This run's sample: the precision to report, once all 50 are judged.
  const verdict = new Map(labels.map((l) => [key(l.abstract, l.start, l.end, l.paper), l.right]));
  const sampleVerdicts = sample.map((m) => verdict.get(key(m.abstract, m.start, m.end, paperHash(m.paperId))));
  const sampleJudged = sampleVerdicts.filter((v) => v !== undefined).length;
  const sampleRight = sampleVerdicts.filter((v) => v === true).length;
  console.log(`this run's sample: ${sampleJudged} of ${sample.length} judged; right ${sampleRight}: precision ${sampleJudged ? (sampleRight / sampleJudged).toFixed(2) : '-'}${sampleJudged < sample.length ? ' (judge the rest in artifacts/recognition-sample.md)' : ''}`);
  // Every mention, one a line (abstract, start, kind, name, paper's title, verdict, end, paper's hash), for
  // reading the errors by kind and name and judging the rest (text of the data: artifacts only).
  fs.writeFileSync(
    path.join(artifacts, 'recognition-all.tsv'),
    found.map((m) => [m.abstract, m.start, m.kind, m.text, titleOf.get(m.paperId), verdict.get(key(m.abstract, m.start, m.end, paperHash(m.paperId))) ?? '', m.end, paperHash(m.paperId)].join('\t')).join('\n'),
  );
  fs.writeFileSync(
    path.join(artifacts, 'recognition.json'),
    JSON.stringify({ library: library.length, abstracts: scanned.size, from: FROM, mentions: found.length, perThousand: perThousand(found.length), byKind: Object.fromEntries(byKind), labelled: judged.length, right, sampleJudged, sampleRight, sample: sample.map((m) => ({ abstract: m.abstract, start: m.start, end: m.end, paper: paperHash(m.paperId), kind: m.kind })) }, null, 2),
  );
  console.log(`wrote artifacts/recognition-sample.md (the ${sample.length} to judge), artifacts/recognition-all.tsv and artifacts/recognition.json`);
}

main();

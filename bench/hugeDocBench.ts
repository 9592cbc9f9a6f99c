/**
 * What huge and hostile documents cost the core, as the editor drives it (the editor layer's
 * share, handing a 40 MB document to the extension host, is printed by the integration test
 * `test/integration/hugeDocuments.test.ts`):
 * - a 40 MB markdown file: the first hover (its window, scanned with no summary yet), a later
 *   hover (a cached window; a window elsewhere, decided by the summary), the summary made part by
 *   part (each step's time, all of it, against one whole-text `summarize` in the same run), and
 *   the work of one keystroke (the parts it makes re-read, and the time to catch up);
 * - a 5 MB minified line, 2 MB of random bytes and a 10,000-line CSV: a hover's window, its
 *   characters and its time.
 * Scans are compared with the `charCodeAt` floor on the same text, in the same run.
 */
import { DiscourseParts, PART_SIZE, type PartReader } from '../src/core/discourseParts';
import type { Corpus } from '../src/core/corpus';
import { type Discourse, MentionIndex, type MentionMatcher } from '../src/core/mentions';
import { InMemoryDocument, mentionsInWindow, windowAround } from '../src/core/scanWindow';
import { floorPass, median } from './bench';
import { minifiedLine } from './data';

/** Far enough past a hover for the next one to need a window of its own. */
const WINDOW_STEP = 3 * 4096;

function now(): number {
  return performance.now();
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The floor's speed on `text` in MB/s, in CPU time: the best of three passes. */
function floorMBs(text: string): number {
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t = cpuMs();
    floorPass(text);
    best = Math.min(best, cpuMs() - t);
  }
  return text.length / 1e6 / (best / 1000);
}

/** About `size` characters of markdown: the corpus's abstracts as paragraphs, a title heading now and then, a name in a sentence. */
export function hugeMarkdown(corpus: Corpus, size: number): string {
  const blocks: string[] = ['# Reading notes\n\nViLD (Vision and Language Knowledge Distillation) detects objects by their names.\n\n'];
  let length = blocks[0].length;
  for (let k = 0; length < size; k++) {
    const p = corpus.papers[k % corpus.papers.length];
    const name = corpus.namesOf(p.id).find((n) => n.kind !== 'title' && !n.ambiguous);
    const block = `${k % 10 === 0 ? `## ${p.title}\n\n` : ''}${p.abstract}\n\n${name ? `We compare with ${name.text} on the benchmark.\n\n` : ''}`;
    blocks.push(block);
    length += block.length;
  }
  return blocks.join('');
}

function reader(text: () => string, count: { chars: number }): PartReader {
  return {
    get length() {
      return text().length;
    },
    read(start, end) {
      count.chars += end - start;
      return text().slice(start, end);
    },
  };
}

export interface HugeDocFigures {
  markdown: {
    chars: number;
    /** The first hover: its window, scanned with no summary. */
    firstHoverMs: number;
    firstHoverWallMs: number;
    firstHoverWindowChars: number;
    secondWindowWallMs: number;
    /** A later hover in the same block: the cached window's index. */
    cachedHoverUs: number;
    /** A later hover elsewhere: a new window, decided by the summary (median of 50 places). */
    windowHoverMs: number;
    windowScanMBps: number;
    floorMBps: number;
    windowToFloor: number;
    summary: { parts: number; stepP50Ms: number; stepP95Ms: number; stepMaxMs: number; totalMs: number; cpuMs: number; chars: number; MBps: number; toFloor: number };
    /** One `summarize` of the whole text at once (the previous way), in the same run. */
    wholeSummarizeMs: number;
    keystroke: { chars: number; steps: number; catchUpMs: number; shareOfFile: number };
  };
  windows: Array<{ name: string; chars: number; lines: number; hoverP50Us: number; hoverMaxUs: number; maxWindowChars: number; windowMBps: number; floorMBps: number; toFloor: number }>;
}

/**
 * Times the hover at `offset` of `doc` as the editor makes it (window, scan, index, look-up):
 * `ms` in process CPU time, steadier than wall time when other processes share the machine.
 */
function hover(matcher: MentionMatcher, doc: InMemoryDocument, offset: number, discourse?: Discourse): { ms: number; wallMs: number; chars: number } {
  const c = cpuMs();
  const t = now();
  const window = windowAround(doc, offset);
  new MentionIndex(mentionsInWindow(matcher, window, 'context', discourse)).at(offset);
  return { ms: cpuMs() - c, wallMs: now() - t, chars: window.text.length };
}

export function benchHugeDocuments(corpus: Corpus): HugeDocFigures {
  const matcher = corpus.matcher;
  // The matcher and the papers' profiles are built by the earlier figures; warm the scan once.
  matcher.find(hugeMarkdown(corpus, 200_000));

  // --- 40 MB markdown ---
  let text = hugeMarkdown(corpus, 40_000_000);
  const doc = new InMemoryDocument(text);
  const at = text.indexOf('We compare with', Math.floor(text.length / 3)) + 'We compare with '.length;
  const first = hover(matcher, doc, at);
  const firstWallStart = now();
  hover(matcher, doc, at + WINDOW_STEP);
  const secondWindowWallMs = now() - firstWallStart;
  const window = windowAround(doc, at);
  const index = new MentionIndex(mentionsInWindow(matcher, window, 'context'));
  const lookups = 100_000;
  let t = now();
  let hits = 0;
  for (let i = 0; i < lookups; i++) if (index.at(at + (i % 8))) hits++;
  const cachedHoverUs = ((now() - t) * 1000) / lookups;
  if (hits < 0) throw new Error('unreachable: keeps the look-ups from being optimised away');

  // The summary, part by part, each step timed; then one whole-text summarize.
  const count = { chars: 0 };
  const parts = new DiscourseParts(matcher, 'context');
  const steps: number[] = [];
  const cpu0 = cpuMs();
  const t0 = now();
  while (!parts.done(text.length)) {
    const s = cpuMs();
    parts.step(reader(() => text, count));
    steps.push(cpuMs() - s);
  }
  const totalMs = now() - t0;
  const summaryCpu = cpuMs() - cpu0;
  const discourse = parts.discourse()!;
  t = cpuMs();
  matcher.summarize(text, 'context');
  const wholeSummarizeMs = cpuMs() - t;
  const floor = floorMBs(text);

  // Later hovers elsewhere: a window each, decided by the summary.
  const offsets = Array.from({ length: 50 }, (_, i) => Math.floor(((i + 0.5) / 50) * text.length));
  const later = offsets.map((o) => hover(matcher, doc, o, discourse));
  const windowMs = later.reduce((a, h) => a + h.ms, 0);
  const windowChars = later.reduce((a, h) => a + h.chars, 0);
  const windowMBps = windowChars / 1e6 / (windowMs / 1000);

  // One keystroke in the middle, then the catch-up after the pause.
  const mid = text.indexOf('\n', Math.floor(text.length / 2));
  text = `${text.slice(0, mid)}x${text.slice(mid)}`;
  // Read once, so the rope the edit made is flattened before the timing starts: the editor
  // reads a part from its lines and never pays for that.
  text.indexOf('\u0001');
  parts.edit(mid, 0, 1);
  const typed = { chars: 0 };
  let keySteps = 0;
  t = cpuMs();
  while (!parts.done(text.length)) {
    parts.step(reader(() => text, typed));
    keySteps++;
  }
  const catchUpMs = cpuMs() - t;

  const sorted = [...steps].sort((a, b) => a - b);
  const markdown = {
    chars: doc.text.length,
    firstHoverMs: first.ms,
    firstHoverWallMs: first.wallMs,
    firstHoverWindowChars: first.chars,
    secondWindowWallMs,
    cachedHoverUs,
    windowHoverMs: median(later.map((h) => h.ms)),
    windowScanMBps: windowMBps,
    floorMBps: floor,
    windowToFloor: windowMBps / floor,
    summary: {
      parts: parts.bounds().length,
      stepP50Ms: median(steps),
      stepP95Ms: sorted[Math.floor(sorted.length * 0.95)],
      stepMaxMs: sorted[sorted.length - 1],
      totalMs,
      cpuMs: summaryCpu,
      chars: count.chars,
      MBps: count.chars / 1e6 / (summaryCpu / 1000),
      toFloor: count.chars / 1e6 / (summaryCpu / 1000) / floor,
    },
    wholeSummarizeMs,
    keystroke: { chars: typed.chars, steps: keySteps, catchUpMs, shareOfFile: typed.chars / text.length },
  };

  // --- Hostile files: a hover's window ---
  const titles = corpus.papers.map((p) => p.title).filter((x) => /^[\x20-\x7e]+$/.test(x) && !x.includes('"'));
  const shortNames = corpus.papers.flatMap((p) => corpus.namesOf(p.id).filter((n) => n.kind !== 'title' && !n.ambiguous).map((n) => n.text));
  let seed = 11;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const rows = ['id,title,model,score,notes'];
  for (let k = 1; k < 10_000; k++) rows.push(`${k},"${pick(titles).slice(0, 60)}",${pick(shortNames)},${(rand() * 100).toFixed(3)},"run ${k} on ${pick(shortNames)} with seed ${Math.floor(rand() * 1e6)}"`);
  const hostile = [
    { name: 'minified JavaScript, one 5 MB line', text: minifiedLine(5_000_000, titles, shortNames) },
    // Random bytes read as Latin-1, as a text editor shows a binary file.
    { name: 'binary, 2 MB of random bytes', text: Buffer.from(Array.from({ length: 2_000_000 }, () => Math.floor(rand() * 256))).toString('latin1') },
    { name: 'CSV, 10,000 lines', text: rows.join('\n') },
  ];
  const windows = hostile.map(({ name, text: body }) => {
    const d = new InMemoryDocument(body);
    const places = Array.from({ length: 200 }, (_, i) => Math.floor(((i + 0.5) / 200) * d.text.length));
    const hovers = places.map((o) => hover(matcher, d, o));
    const ms = hovers.reduce((a, h) => a + h.ms, 0);
    const chars = hovers.reduce((a, h) => a + h.chars, 0);
    const mbps = chars / 1e6 / (ms / 1000);
    const fl = floorMBs(d.text);
    return {
      name,
      chars: d.text.length,
      lines: d.lineCount,
      hoverP50Us: median(hovers.map((h) => h.ms)) * 1000,
      hoverMaxUs: Math.max(...hovers.map((h) => h.ms)) * 1000,
      maxWindowChars: Math.max(...hovers.map((h) => h.chars)),
      windowMBps: mbps,
      floorMBps: fl,
      toFloor: mbps / fl,
    };
  });
  return { markdown, windows };
}

export function printHugeDocuments(h: HugeDocFigures): void {
  const f = (x: number, d = 1) => x.toFixed(d);
  const m = h.markdown;
  const s = m.summary;
  console.log('\nTimes are process CPU time (the machine is shared; wall time is noisier), except where marked wall.');
  console.log(`\n| 40 MB markdown (${f(m.chars / 1e6)} M characters, bundled corpus) | figure |`);
  console.log('|---|---|');
  console.log(`| first hover: its window (${m.firstHoverWindowChars} characters) scanned, no summary yet | ${f(m.firstHoverMs, 2)} ms (wall ${f(m.firstHoverWallMs, 2)} ms; a second window: ${f(m.secondWindowWallMs, 2)} ms wall) |`);
  console.log(`| later hover, same block (the cached window's look-up) | ${f(m.cachedHoverUs, 3)} µs |`);
  console.log(`| later hover elsewhere (a new window, decided by the summary), median of 50 | ${f(m.windowHoverMs, 2)} ms (${f(m.windowScanMBps)} MB/s, ${f(100 * m.windowToFloor, 0)}% of the charCodeAt floor's ${f(m.floorMBps)} MB/s) |`);
  console.log(`| summary, part by part: ${s.parts} parts of about ${PART_SIZE / 1024}K characters | step p50 ${f(s.stepP50Ms, 2)} ms, p95 ${f(s.stepP95Ms, 2)} ms, max ${f(s.stepMaxMs, 1)} ms; ${f(s.cpuMs / 1000, 2)} s in all (wall ${f(s.totalMs / 1000, 2)} s), ${f(s.MBps)} MB/s, ${f(100 * s.toFloor, 0)}% of the floor |`);
  console.log(`| the same summary at once (whole-text summarize, same run) | ${f(m.wholeSummarizeMs / 1000, 2)} s in one stall (${f(m.wholeSummarizeMs / s.stepMaxMs, 0)}x the longest step) |`);
  console.log(`| one keystroke: re-read for the summary, then caught up | ${m.keystroke.chars} characters (${f(100 * m.keystroke.shareOfFile, 2)}% of the file) in ${m.keystroke.steps} steps, ${f(m.keystroke.catchUpMs, 1)} ms |`);
  console.log('\n| hostile file | characters | lines | hover p50 (µs) | hover max (µs) | window at most (characters) | window scan (MB/s) | charCodeAt floor (MB/s) | scan / floor |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const w of h.windows) {
    console.log(`| ${w.name} | ${w.chars} | ${w.lines} | ${f(w.hoverP50Us, 0)} | ${f(w.hoverMaxUs, 0)} | ${w.maxWindowChars} | ${f(w.windowMBps)} | ${f(w.floorMBps)} | ${f(100 * w.toFloor, 0)}% |`);
  }
  console.log(
    '\nA hover on these reads its window (core/scanWindow.ts) and nothing else: the cost does not grow with the file.' +
      '\nThe editor layer\'s share (handing the file to the extension host, the hover request) is printed by test/integration/hugeDocuments.test.ts.',
  );
}

/**
 * Huge and hostile documents in the real extension host: a 40 MB markdown file, a 5 MB minified
 * line, a binary file and a 10,000-line CSV, each written to a temporary folder and opened as a
 * user opens a file. The times are printed (this machine is shared and noisy, so only generous
 * bounds are asserted on them); what is asserted is the work, counted by the extension
 * (`PaperLensTestApi.metrics`): the characters each hover reads stay within the window around it,
 * and an edit re-reads a part or two of the document for its summary, not the whole.
 *
 * For the 40 MB file the first two hovers' round trips, timed from the file's first display,
 * are split into Paper Lens's share and the rest: the way to its provider and back, what Paper
 * Lens held the host's thread for meanwhile (`WorkMetrics.busy`), and the host's stalls seen by a
 * probe in this thread (`hostProbe.ts`). With `PAPER_LENS_PROFILE` a CPU profile of the host puts
 * its time on each component.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { PART_SIZE } from '../../src/core/discourseParts';
import { WINDOW_BLOCK, WINDOW_MARGIN } from '../../src/core/scanWindow';
import type { PaperLensTestApi } from '../../src/extension';
import type { WorkMetrics } from '../../src/services/metrics';
import { StallProbe, startProfile, summarizeProfile } from './hostProbe';
import { paperHovers, paperLens, textOf, waitFor, withSetting } from './support';

/** The most characters one window holds (a block and a margin each side, and the character read past each cut). */
const WINDOW_MAX = WINDOW_BLOCK + 2 * WINDOW_MARGIN + 2;
/** The most characters a cite-key and identifier look-up reads around the offset (`citeTargets.ts`: 2,000 and 200 each side). */
const CITE_MAX = 2 * 2000 + 2 * 200;
/** Neutral prose: no paper's name, few of any paper's words. */
const FILLER = 'The weather was mild and the meeting ran long, so the notes below were written on the train home.\n';

function now(): number {
  return performance.now();
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const f = (x: number, d = 1) => x.toFixed(d);

/**
 * About `size` characters of markdown made of the bundled abstracts, with, at the top, ViLD
 * defined as the paper defines it; a third of the way down, DataComp; two thirds down, a bare
 * "ViLD" amid neutral prose, whose window alone says nothing about it.
 */
function markdown(api: PaperLensTestApi, size: number): { text: string; dataComp: number; vild: number } {
  const papers = api.corpus()!.papers;
  const blocks: string[] = ['# Reading notes\n\nViLD (Vision and Language Knowledge Distillation) detects objects by their names.\n\n'];
  let length = blocks[0].length;
  let dataComp = -1;
  let vild = -1;
  for (let k = 0; length < size; k++) {
    let block = `${papers[k % papers.length].abstract}\n\n`;
    if (dataComp < 0 && length > size / 3) {
      dataComp = length + 'Later we compare against '.length;
      block = `Later we compare against DataComp here.\n\n${block}`;
    } else if (vild < 0 && length > (2 * size) / 3) {
      const around = FILLER.repeat(200);
      vild = length + around.length + '\nWe ran '.length;
      block = `${around}\nWe ran ViLD on the set.\n\n${around}\n${block}`;
    }
    blocks.push(block);
    length += block.length;
  }
  return { text: blocks.join(''), dataComp, vild };
}

/** Hovers at `offsets`, each timed; the metrics' window and cite counts checked per hover. */
async function hoversAt(api: PaperLensTestApi, doc: vscode.TextDocument, offsets: readonly number[]): Promise<{ ms: number[]; ownMs: number[]; maxWindow: number; maxCite: number; found: number }> {
  const ms: number[] = [];
  const ownMs: number[] = [];
  let maxWindow = 0;
  let maxCite = 0;
  let found = 0;
  for (const offset of offsets) {
    const before = api.metrics.snapshot();
    const t = now();
    found += (await paperHovers(doc, offset)).length;
    ms.push(now() - t);
    const after = api.metrics.snapshot();
    ownMs.push(ownHoverMs(api));
    assert.ok(after.windowLookups > before.windowLookups, `the hover at ${offset} was answered from a window`);
    const windowChars = after.windowChars - before.windowChars;
    const citeChars = after.citeChars - before.citeChars;
    // A hover may scan its window once (or reuse the last one); either way no more than one window.
    assert.ok(windowChars <= WINDOW_MAX * Math.max(1, after.windowScans - before.windowScans), `the hover at ${offset} scanned ${windowChars} characters`);
    assert.ok(citeChars <= CITE_MAX, `the hover at ${offset} read ${citeChars} characters for cite keys`);
    maxWindow = Math.max(maxWindow, windowChars);
    maxCite = Math.max(maxCite, citeChars);
  }
  return { ms, ownMs, maxWindow, maxCite, found };
}

/** The time Paper Lens's own hover provider took for the last hover (the round trip also counts the workbench and other providers). */
function ownHoverMs(api: PaperLensTestApi): number {
  const last = api.metrics.hoverMs[api.metrics.hoverMs.length - 1];
  assert.ok(last !== undefined, 'the hover reached Paper Lens');
  return last;
}

/**
 * A hover's round trip split in three (all clocks are this extension host's, which the tests
 * share with Paper Lens): from asking to Paper Lens's provider being called (the workbench, and
 * this thread if busy), the provider's own time, and from its answer back to the caller.
 */
interface SplitHover {
  readonly hovers: vscode.Hover[];
  readonly asked: number;
  /** The round trip. */
  readonly ms: number;
  readonly toProvider: number;
  /** Paper Lens's provider. */
  readonly own: number;
  readonly back: number;
  /** What Paper Lens held the host's thread for during the round trip, as `WorkMetrics.busy` counts it: its hover provider, summary steps, cite-key checks and edit handler (not the workspace index's slices). */
  readonly paperLens: ReturnType<WorkMetrics['heldBetween']>;
  /** The host's thread held in stalls of 50 ms or more during the round trip, by anything. */
  readonly hostStalls: number;
}

async function splitHover(api: PaperLensTestApi, probe: StallProbe, doc: vscode.TextDocument, offset: number): Promise<SplitHover> {
  const asked = now();
  const hovers = await paperHovers(doc, offset);
  const answered = now();
  const ms = answered - asked;
  const own = ownHoverMs(api);
  const started = api.metrics.lastHoverStartedAt;
  assert.ok(started !== undefined && started >= asked, 'this hover reached Paper Lens');
  return {
    hovers,
    asked,
    ms,
    toProvider: started - asked,
    own,
    back: ms - (started - asked) - own,
    paperLens: api.metrics.heldBetween(asked, answered),
    hostStalls: probe.heldBetween(asked, answered),
  };
}

function splitText(h: SplitHover): string {
  return (
    `${f(h.ms)} ms = to Paper Lens's provider ${f(h.toProvider)} + in it ${f(h.own)} + back ${f(h.back)};` +
    ` Paper Lens held the host's thread ${heldText(h.paperLens)}; the host's thread was held ${f(h.hostStalls, 0)} ms in stalls of 50 ms or more (by anything); the rest was spent outside the host (the workbench)`
  );
}

function heldText(held: ReturnType<WorkMetrics['heldBetween']>): string {
  const by = Object.entries(held.by).map(([what, ms]) => `${what} ${f(ms)}`);
  const cpu = held.longestCpu === undefined ? '' : ` (the longest in CPU time ${f(held.longestCpu)} ms)`;
  return `${f(held.ms)} ms in all${by.length ? ` (${by.join(', ')})` : ''}, at most ${f(held.longest)} ms at once${cpu}`;
}

/** `count` offsets spread over a text of `length` characters. */
function spread(length: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.floor(((i + 0.5) / count) * length));
}

describe('huge and hostile documents', function () {
  this.timeout(300_000);
  let dir: string;
  /** Stops what a test started to measure the host (a probe, a profile), should it fail midway. */
  let stopMeasuring: (() => void) | undefined;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-huge-'));
  });

  afterEach(async () => {
    stopMeasuring?.();
    stopMeasuring = undefined;
    // Every document is saved or reverted by then: nothing asks to be saved.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a 40 MB markdown file: the first hover right after it shows, later ones from cached windows, typing re-reads a part', async function () {
    // Handing 40 MB to the workbench and back takes minutes on a loaded machine, more than the
    // whole suite's time-out: run with PAPER_LENS_HUGE=1 (reported as pending otherwise).
    if (!process.env.PAPER_LENS_HUGE) this.skip();
    this.timeout(1_500_000);
    const api = await paperLens();
    assert.ok(api.corpus(), 'the bundled corpus loads');
    const { text, dataComp, vild } = markdown(api, 40_000_000);
    const file = path.join(dir, 'huge-notes.md');
    fs.writeFileSync(file, text);

    // This thread is the extension host's: the probe sees whatever holds it (Paper Lens, another
    // extension, VS Code taking in the document).
    const probe = new StallProbe();
    const profile = await startProfile();
    stopMeasuring = () => {
      probe.stop();
      void profile.stop();
    };
    let t = now();
    const opening = t;
    let openedAt = 0;
    const opened = vscode.workspace.onDidOpenTextDocument((d) => {
      if (d.uri.fsPath === file) openedAt ||= now();
    });
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    opened.dispose();
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const shownMs = now() - t;
    assert.strictEqual(doc.lineCount, text.split('\n').length);

    // The first hover, as soon as the file shows, on the bare ViLD two thirds down: no summary
    // can exist yet (it is made at the earliest 750 ms after this hover asks for it), so the
    // window alone decides, and it says nothing of ViLD.
    const first = await splitHover(api, probe, doc, vild + 1);
    assert.deepStrictEqual(first.hovers, [], 'no summary yet: the window alone says nothing of ViLD');
    assert.ok(api.metrics.lastWindowChars <= WINDOW_MAX, `the first hover scanned ${api.metrics.lastWindowChars} characters`);
    // The second, on DataComp a third of the way down, in a window of its own.
    const secondSplit = await splitHover(api, probe, doc, dataComp + 2);
    const second = secondSplit.hovers;
    assert.strictEqual(second.length, 1, 'DataComp gets its card at once');
    const early = now();
    const clock = (t: number) => new Date(performance.timeOrigin + t).toISOString().slice(11, 23);
    console.log(
      `[huge] open: openTextDocument called at ${clock(opening)}, onDidOpenTextDocument +${f(openedAt - opening, 0)} ms, shown +${f(shownMs, 0)} ms (${clock(opening + shownMs)}).` +
        ` First hover, from the first display (${clock(first.asked)}): ${splitText(first)}. Second: ${splitText(secondSplit)}.` +
        ` Extension-host thread stalls (>= 50 ms) from the call to open to the second hover's answer: ${probe.describe(opening, early, opening)};` +
        ` during the first hover ${f(probe.longest(first.asked, first.asked + first.ms), 0)} ms at most, during the second ${f(probe.longest(secondSplit.asked, secondSplit.asked + secondSplit.ms), 0)} ms.`,
    );
    assert.strictEqual(textOf(doc, second[0].range), 'DataComp');

    // Later hovers: the same block (its window cached) and others across the file (a window each).
    const same = await hoversAt(api, doc, Array.from({ length: 10 }, (_, i) => dataComp + (i % 8)));
    const across = await hoversAt(api, doc, spread(text.length, 10));

    console.log(
      `[huge] 40 MB markdown (${f(text.length / 1e6)} M characters, ${doc.lineCount} lines): opened and shown in ${f(shownMs, 0)} ms;` +
        ` first hover ${f(first.ms)} ms, second (another window) ${f(secondSplit.ms)} ms (windows of ${api.metrics.maxWindowChars} characters at most);` +
        ` later hovers in the same block median ${f(median(same.ms))} ms, max ${f(Math.max(...same.ms))} ms;` +
        ` across the file median ${f(median(across.ms))} ms, max ${f(Math.max(...across.ms))} ms (window ≤ ${across.maxWindow}, cite keys ≤ ${across.maxCite} characters).` +
        ` Paper Lens's own provider: first ${f(first.own)} ms, second ${f(secondSplit.own)} ms, later in the same block median ${f(median(same.ownMs), 2)} ms, max ${f(Math.max(...same.ownMs), 2)} ms, across the file median ${f(median(across.ownMs), 2)} ms, max ${f(Math.max(...across.ownMs), 2)} ms.`,
    );
    // The issue's budgets, for Paper Lens's own share: 50 ms for the first hover, 5 ms for later
    // ones (a window already scanned). Twice that here, for a shared machine.
    assert.ok(first.own < 100 && secondSplit.own < 100, `first hovers took Paper Lens ${f(first.own)} and ${f(secondSplit.own)} ms`);
    // Nothing else Paper Lens does on the host's thread while the first hovers go round (summary
    // steps, its handlers of the open) holds it longer than that either, so Paper Lens can add
    // no more than one such stretch to a hover's way through the host. The seconds the round
    // trips took were other components': the markdown extension tokenizing the file and sending
    // the tokens to its language server, VS Code taking the file in, the workbench (see README).
    // The bound is on the thread's CPU time where the host tells it (Node 23.9 on): on this
    // shared machine a span's wall time also counts the time the thread waited for a core (seen:
    // 135 ms of wall time for a summary step of a few ms of work).
    const held = [first.paperLens, secondSplit.paperLens].map((h) => h.longestCpu ?? h.longest);
    assert.ok(Math.max(...held) < 100, `Paper Lens held the host's thread up to ${held.map((ms) => f(ms)).join(' and ')} ms at once during the first hovers`);
    assert.ok(median(same.ownMs) < 10, `later hovers in a scanned window took Paper Lens ${f(median(same.ownMs), 2)} ms (median)`);
    t = now();
    await waitFor(() => api.summarized(doc), 'the 40 MB summary', 300_000);
    const summaryWaitMs = now() - t;
    const made = api.metrics.lastSummary!;
    assert.ok(made.chars >= text.length, `the first summary read the whole document once (${made.chars} characters)`);
    assert.ok(made.chars <= text.length * 1.1, `and not much more (${made.chars} characters)`);
    // With the summary, what the top of the file says decides ViLD 27 MB further down.
    assert.strictEqual((await paperHovers(doc, vild + 1)).length, 1, 'the summary links ViLD, as the file defines it');
    console.log(
      `[huge] summary: ${made.chars} characters in ${made.steps} steps, longest step ${f(made.longestStepMs)} ms, ${f(made.ms / 1000, 2)} s from first step to merged (ready ${f(summaryWaitMs / 1000, 2)} s after the hovers).`,
    );

    // Typing: three keystrokes in the middle, then the pause in which the summary catches up.
    const typing = now();
    const summaryBefore = api.metrics.summaryChars;
    const windowBefore = api.metrics.windowChars;
    const at = doc.positionAt(dataComp - 10);
    const keystrokes = 3;
    const editMs: number[] = [];
    for (let k = 0; k < keystrokes; k++) {
      t = now();
      assert.ok(await editor.edit((e) => e.insert(at.translate(0, k), 'x')));
      editMs.push(now() - t);
      const hovered = await hoversAt(api, doc, [dataComp + k + 3]);
      assert.strictEqual(hovered.found, 1, 'DataComp still gets its card while typing');
    }
    await waitFor(() => api.summarized(doc), 'the summary after typing', 120_000);
    const typed = now();
    const summaryChars = api.metrics.summaryChars - summaryBefore;
    const windowChars = api.metrics.windowChars - windowBefore;
    const caughtUp = api.metrics.lastSummary!;
    // Each pause re-reads the part (or the two parts) the edits touched; never the whole file.
    assert.ok(summaryChars <= keystrokes * 2 * (PART_SIZE + PART_SIZE / 4), `typing re-read ${summaryChars} characters for the summary`);
    assert.ok(caughtUp.chars <= 2 * (PART_SIZE + PART_SIZE / 4), `the last catch-up read ${caughtUp.chars} characters`);
    assert.strictEqual((await paperHovers(doc, vild + keystrokes + 1)).length, 1, 'the summary still links ViLD after the edits');

    stopMeasuring = undefined;
    const written = await profile.stop();
    if (written) console.log(`[huge] CPU profile of the extension host from the open to here: ${written}; self time by script: ${summarizeProfile(written)}`);
    console.log(
      `[huge] extension-host stalls (>= 50 ms) from the second hover to the end of typing: ${probe.describe(early, now(), opening)}.` +
        ` From the first keystroke to the summary caught up (${f((typed - typing) / 1000, 1)} s): the host's thread held ${f(probe.heldBetween(typing, typed), 0)} ms in stalls of 50 ms or more, Paper Lens held it ${heldText(api.metrics.heldBetween(typing, typed))}.`,
    );
    probe.stop();
    console.log(
      `[huge] typing ${keystrokes} keystrokes (edit round trip median ${f(median(editMs))} ms): ${summaryChars} characters re-read for the summary in all (${f(summaryChars / keystrokes, 0)} per keystroke, ${f((100 * summaryChars) / text.length, 2)}% of the file),` +
        ` ${windowChars} characters of windows for the hovers between them; the last catch-up read ${caughtUp.chars} characters in ${caughtUp.steps} steps.`,
    );
    // Over `paperLens.maxDocumentSizeMB` the file is left alone.
    await withSetting('maxDocumentSizeMB', 30, async () => {
      const skipped = api.metrics.skipped;
      assert.deepStrictEqual(await paperHovers(doc, dataComp + keystrokes + 2), []);
      assert.ok(api.metrics.skipped > skipped, 'the hover was turned away for the size');
    });

    // Undo the keystrokes, so the file closes clean: saving or reverting 40 MB through the
    // workbench takes minutes on a loaded machine.
    await vscode.window.showTextDocument(doc);
    for (let k = 0; k < keystrokes; k++) await vscode.commands.executeCommand('undo');
    const clean = await waitFor(() => !doc.isDirty, 'the undone file to be clean', 10_000).then(
      () => true,
      () => false,
    );
    if (!clean) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    // The figures printed above are what to read. The first hovers' round trips are not bounded
    // here, only Paper Lens's share of them (above): the rest is other components', measured at
    // up to 17 s on a loaded machine with VS Code's Markdown Language Features (see the README).
    // A hang of the later ones fails.
    assert.ok(median(same.ms) < 10_000, `later hovers ${median(same.ms)} ms`);
  });

  it('a 5 MB minified line, a binary file and a 10,000-line CSV: each hover reads a bounded window', async () => {
    const api = await paperLens();
    const corpus = api.corpus()!;
    const titles = corpus.papers.map((p) => p.title).filter((t) => !t.includes('"'));
    const names = corpus.papers.flatMap((p) => corpus.namesOf(p.id).filter((n) => n.kind !== 'title' && !n.ambiguous).map((n) => n.text));
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

    // A minified bundle: one 5 MB line of code holding names and titles in strings.
    const pieces: string[] = [];
    for (let size = 0, k = 0; size < 5_000_000; k++) {
      const piece = [`var a${k}={k:"CUDA",v:${k}};`, `d${k}.title="${pick(titles)}";`, `if(o${k}.ok)return"${pick(names)}";`, `function f${k}(a,b){return a+b*${k}}`, `/* see ${pick(names)} */`][k % 5];
      pieces.push(piece);
      size += piece.length;
    }
    const minified = pieces.join('');
    // Random bytes, NUL included (a binary file VS Code may refuse to open as text).
    const binary = Buffer.from(Array.from({ length: 2_000_000 }, () => Math.floor(rand() * 256)));
    // A CSV of 10,000 rows, 1.3 MB: ids, titles and names in quoted fields, numbers.
    const rows = ['id,title,model,score,notes'];
    for (let k = 1; k < 10_000; k++) rows.push(`${k},"${pick(titles).slice(0, 60)}",${pick(names)},${f(rand() * 100, 3)},"run ${k} on ${pick(names)} with seed ${Math.floor(rand() * 1e6)}"`);
    const csv = rows.join('\n');

    const report: string[] = [];
    const cases: Array<{ name: string; file: string; data: string | Buffer; language?: string }> = [
      { name: 'minified 5 MB line', file: 'bundle.min.js', data: minified, language: 'plaintext' },
      { name: 'binary 2 MB', file: 'blob.bin', data: binary },
      { name: 'CSV 10,000 lines', file: 'runs.csv', data: csv },
    ];
    for (const c of cases) {
      const file = path.join(dir, c.file);
      fs.writeFileSync(file, c.data);
      let doc: vscode.TextDocument;
      let how = 'opened as a file';
      try {
        doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      } catch (e) {
        // VS Code does not open a binary file as text for an extension; the same bytes read as
        // Latin-1 still make a hostile text to hover in.
        how = `not opened by VS Code (${String((e as Error).message ?? e).slice(0, 80)}); its bytes as an untitled text instead`;
        doc = await vscode.workspace.openTextDocument({ content: (c.data as Buffer).toString('latin1'), language: 'plaintext' });
      }
      // Plain text: a JavaScript document would also wait for the TypeScript server's hover.
      if (c.language && doc.languageId !== c.language) doc = await vscode.languages.setTextDocumentLanguage(doc, c.language);
      await vscode.window.showTextDocument(doc, { preview: false });
      const length = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
      assert.ok(length > 1_000_000, `${c.name}: ${length} characters, over the whole-scan limit`);
      const result = await hoversAt(api, doc, spread(length, 30));
      report.push(
        `${c.name} (${how}; ${f(length / 1e6, 2)} M characters, ${doc.lineCount} lines): 30 hovers median ${f(median(result.ms))} ms, max ${f(Math.max(...result.ms))} ms (Paper Lens's own median ${f(median(result.ownMs), 2)} ms, max ${f(Math.max(...result.ownMs), 1)} ms);` +
          ` at most ${result.maxWindow} characters of window and ${result.maxCite} of cite-key text per hover (bound ${WINDOW_MAX} and ${CITE_MAX}); ${result.found} cards`,
      );
      if (c.name.startsWith('minified')) {
        // A name in a comment on the 5 MB line links; the window found it where a whole scan would.
        const at = minified.indexOf('/* see ', 2_500_000) + '/* see '.length;
        assert.strictEqual((await paperHovers(doc, at + 1)).length, 1, 'a name in a comment in the middle of the line gets its card');
      }
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    console.log(`[huge] ${report.join('\n[huge] ')}`);
  });
});

/** The paper-lens CLI, run as a real process on real files (the bundle built by `npm run build`). */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUNDLED_PAPER_COUNT, LISTING, ROOT } from './helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');

function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('paper-lens CLI', function () {
  // Each test runs the CLI as a process, several times; on a busy 2-core machine one run can take seconds.
  this.timeout(60_000);
  let tmp: string;
  before(() => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-cli-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('search --json prints ranked results, best first, with id, title and score', () => {
    const r = cli(['search', 'datacmop', '--json', '--limit', '3']);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as { id: string; title: string; score: number }[];
    assert.ok(rows.length >= 1 && rows.length <= 3);
    assert.equal(rows[0].title, 'DataComp: In search of the next generation of multimodal datasets');
    assert.equal(typeof rows[0].score, 'number');
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].score >= rows[i].score);
  });

  it('search prints readable results without --json', () => {
    const r = cli(['search', 'tracking', 'lora']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout.split('\n')[0], /^ 1\. Tracking Meets LoRA/);
  });

  it('scan --json reports mentions with file, offsets, line, text, title and id', () => {
    const note = path.join(tmp, 'note.md');
    const text = '# Notes\n\nWe compare DataComp with\nData Filtering\nNetworks. Install CUDA 12.\n';
    fs.writeFileSync(note, text);
    const r = cli(['scan', note, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as { file: string; start: number; end: number; line: number; text: string; title: string; id: string }[];
    assert.deepEqual(
      rows.map((m) => [m.file, m.line, m.text, m.title]),
      [
        [note, 3, 'DataComp', 'DataComp: In search of the next generation of multimodal datasets'],
        [note, 4, 'Data Filtering\nNetworks', 'Data Filtering Networks'],
      ],
    );
    for (const m of rows) assert.equal(text.slice(m.start, m.end), m.text);
    assert.equal(rows[1].id, 'data-filtering-networks');
  });

  it('scan --explain prints the evidence of each decision, and --json --explain adds it to each row', () => {
    const note = path.join(tmp, 'explain.md');
    fs.writeFileSync(note, 'CUDA makes data unlearnable with class-wise filters.\n\nWe wrote CUDA kernels; see DataComp.\n');
    const text = cli(['scan', note, '--explain']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /:1:1: CUDA -> CUDA: Convolution-based Unlearnable Datasets\n {4}collision-prone \(an everyday word\)\n {4}- sentence context/);
    assert.match(text.stdout, /DataComp -> DataComp: .*\n {4}distinctive\n {4}- a distinctive name: it needs no context/);
    const json = cli(['scan', note, '--json', '--explain']);
    const rows = JSON.parse(json.stdout) as { text: string; kind: string; evidence: { linked: boolean; prior: string; reasons: string[] } }[];
    // One sense per text: the second CUDA follows the first.
    assert.deepEqual(rows.map((r) => [r.text, r.evidence.prior, r.evidence.linked]), [
      ['CUDA', 'collision-prone', true],
      ['CUDA', 'collision-prone', true],
      ['DataComp', 'distinctive', true],
    ]);
    const plain = JSON.parse(cli(['scan', note, '--json']).stdout) as object[];
    assert.ok(plain.every((r) => !('evidence' in r)));
  });

  it('scan reads a notebook in its cells and reports offsets into the .ipynb file', () => {
    const nb = path.join(tmp, 'lab.ipynb');
    const json = JSON.stringify({ cells: [{ cell_type: 'markdown', source: ['# \u00e9 LoRAT\n', 'and \"DataComp\"'] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
    fs.writeFileSync(nb, json);
    const r = cli(['scan', nb, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as { start: number; end: number; line: number; column: number; text: string }[];
    assert.deepEqual(rows.map((m) => m.text), ['LoRAT', 'DataComp']);
    for (const m of rows) assert.equal(json.slice(m.start, m.end), m.text);
    const lines = json.split('\n');
    assert.equal(lines[rows[0].line - 1].slice(rows[0].column - 1, rows[0].column - 1 + 5), 'LoRAT');
  });

  it('scan keeps file names as given and reads several files', () => {
    fs.writeFileSync(path.join(tmp, 'a.py'), '# uses LoRAT\n');
    fs.writeFileSync(path.join(tmp, 'b.tex'), 'As in \\textit{SaRA}~\\cite{sara}.\n');
    const r = cli(['scan', 'a.py', 'b.tex', '--json'], tmp);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { file: string; text: string; kind: string }[]).map((m) => [m.file, m.text, m.kind]), [
      ['a.py', 'LoRAT', 'method'],
      ['b.tex', 'SaRA', 'short'],
      ['b.tex', 'sara', 'key'],
    ]);
    const plain = cli(['scan', 'a.py'], tmp);
    assert.equal(plain.stdout.trim(), 'a.py:1:8: LoRAT -> Tracking Meets LoRA: Faster Training, Larger Model, Stronger Performance');
  });

  it('topics --json lists every topic with its label and paper titles', () => {
    const r = cli(['topics', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const topics = JSON.parse(r.stdout) as { topic: string; label: string; papers: string[] }[];
    assert.ok(topics.length >= 6 && topics.length <= 16, `${topics.length} topics`);
    for (const t of topics) {
      assert.ok(t.topic && t.label && t.papers.length > 0, t.topic);
    }
    assert.equal(new Set(topics.flatMap((t) => t.papers)).size, BUNDLED_PAPER_COUNT);
  });

  it('show prints a paper by id, title or short name', () => {
    for (const key of ['data-filtering-networks', 'Data Filtering Networks', 'data filtering networks']) {
      const r = cli(['show', key]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Data Filtering Networks\n=+\n\nid: +data-filtering-networks\n/);
      assert.match(r.stdout, /Large training sets have become a cornerstone/);
    }
    assert.match(cli(['show', 'LoRAT']).stdout, /^Tracking Meets LoRA/);
    assert.match(cli(['show', 'DataComp', '--format', 'bibtex']).stdout, /^@misc\{datacomp,/);
  });

  it('--corpus uses another listing', () => {
    const listing = path.join(tmp, 'mine.txt');
    fs.writeFileSync(listing, 'Daily Papers\n\nQuantum Widgets for Sparse Attention\n\nWe study quantum widgets. They make sparse attention faster, and we explain why in detail.\n');
    const r = cli(['search', 'widgets', '--json', '--corpus', listing]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { title: string }[]).map((x) => x.title), ['Quantum Widgets for Sparse Attention']);
    const t = JSON.parse(cli(['topics', '--json', '--corpus', listing]).stdout) as { papers: string[] }[];
    assert.deepEqual([...new Set(t.flatMap((x) => x.papers))], ['Quantum Widgets for Sparse Attention']);
  });

  it('reports listing problems with file and line on stderr and goes on', () => {
    const listing = path.join(tmp, 'damaged.txt');
    fs.writeFileSync(listing, `${fs.readFileSync(LISTING, 'utf8').split('\n').slice(0, 16).join('\n')}\n\nA Title Without Abstract\n`);
    const r = cli(['topics', '--json', '--corpus', listing]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /damaged\.txt:18: title "A Title Without Abstract" has no abstract/);
  });

  // The last column: whether stderr also points to --help (only for mistakes in how the
  // command was called; a missing file or paper is not helped by the usage text).
  const failures: [string, string[], RegExp, boolean][] = [
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/, true],
    ['an unknown option', ['search', 'x', '--fast'], /unknown option --fast/, true],
    ['a bad --limit', ['search', 'x', '--limit', 'many'], /--limit takes a whole number/, true],
    ['search without a query', ['search'], /search needs a QUERY/, true],
    ['scan without files', ['scan'], /scan needs at least one FILE/, true],
    ['an unreadable file', ['scan', 'no/such/file.md'], /no\/such\/file\.md: cannot read: no such file/, false],
    ['a folder as a file', ['scan', '.'], /\.: cannot read: is a folder/, false],
    ['a missing corpus', ['topics', '--corpus', 'nope.txt'], /nope\.txt: cannot read: no such file/, false],
    ['an unknown paper', ['show', 'no such paper at all'], /no paper with id, key or title "no such paper at all"/, false],
    ['--corpus without a value', ['topics', '--corpus'], /--corpus needs a value/, true],
  ];
  for (const [what, args, message, suggestsHelp] of failures) {
    it(`exits 2 with a clear message on ${what}, writing nothing to stdout`, () => {
      const r = cli(args, tmp);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(/--help/.test(r.stderr), suggestsHelp, r.stderr);
      assert.equal(r.stdout, '');
    });
  }

  it('rejects a listing in which nothing parses with its file and line', () => {
    const listing = path.join(tmp, 'empty.txt');
    fs.writeFileSync(listing, 'hello\n');
    const r = cli(['topics', '--corpus', listing]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /empty\.txt:1: no papers found/);
  });

  it('prints usage with --help', () => {
    const r = cli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: paper-lens <command>/);
  });
});

/**
 * The paper-lens CLI for writing: `show --format` in every citation format, `references`,
 * `related`, and the cite keys and identifiers `scan` reports. Run as a real process on the
 * library fixtures (Better BibTeX exports) and the bundled corpus.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'library');
/** Six Better BibTeX entries; `fixedkey` has five authors with particles and a "Jr.". */
const NAMES_BIB = path.join(FIXTURES, 'better-bibtex-names.bib');
/** Papers with arXiv ids (`1502.01852`). */
const ARXIV_BIB = path.join(FIXTURES, 'better-bibtex-arxiv.bib');
/** CSL-JSON items, one with the DOI 10.1484/J.SE.2.303788. */
const CSL_JSON = path.join(FIXTURES, 'pandoc-citation.json');

const LORAT_TITLE = 'Tracking Meets LoRA: Faster Training, Larger Model, Stronger Performance';
const LORAT_CODE = 'https://github.com/LitingLin/LoRAT';
const DATACOMP_TITLE = 'DataComp: In search of the next generation of multimodal datasets';
const FIXED_TITLE = 'Norm and Action. A Logical Enquiry';

const FORMATS = ['text', 'markdown', 'bibtex', 'apa', 'ieee', 'chicago', 'vancouver', 'harvard', 'pandoc', 'latex'] as const;
const CSL_FORMATS: ReadonlySet<string> = new Set(['apa', 'ieee', 'chicago', 'vancouver', 'harvard']);

/**
 * What no citation may print: a placeholder, empty brackets or quotes, or a comma with nothing
 * after it. In BibTeX a comma ends each field's line, but none may come before the closing brace.
 */
function assertClean(text: string, what: string): void {
  assert.ok(text.trim(), `${what}: empty`);
  assert.doesNotMatch(text, /undefined|null|NaN|\[object/, what);
  assert.doesNotMatch(text, /\(\s*\)|\[\s*\]|\{\s*\}|“\s*”|"\s*"/, `${what}: empty brackets`);
  const dangling = text.startsWith('@') ? /,\s*[,.;:)\]}]|,\s*$|^\s*,|[([{]\s*,/ : /,\s*[,.;:)\]}]|,\s*$|^\s*,|[([{]\s*,/m;
  assert.doesNotMatch(text, dangling, `${what}: dangling comma`);
}

interface ReferenceRow {
  id: string;
  key: string;
  title: string;
  text: string;
}

describe('paper-lens CLI for writing', function () {
  // The Chicago and APA engines take seconds to build (see core/csl.ts), far more on a busy machine.
  this.timeout(180_000);
  let tmp: string;
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, PAPER_LENS_CACHE: path.join(tmp, 'cache') } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  before(() => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-writing-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  describe('show --format', () => {
    /** What each format must show of `fixedkey` (five authors, 1963), beyond the checks every format gets. */
    const LIBRARY_EXPECTED: Record<(typeof FORMATS)[number], RegExp> = {
      text: /^Alexander von Humboldt et al\. \(1963\)\. Norm and Action\. A Logical Enquiry\.$/,
      markdown: /^\*Norm and Action\. A Logical Enquiry\* \(Alexander von Humboldt et al\., 1963\)$/,
      bibtex: /^@book\{fixedkey,\n/,
      // Each style's own way with authors and date, from its CSL file, so a style that is not
      // applied (or a hand-written stand-in) fails here.
      apa: /^von Humboldt, A\., Gooding, C\., Jr\., Fontaine, J\. de L\., von Wright, G\. H\. A\., & von Wright, G\. H\. E\. \(1963\)\. Norm and Action\. A Logical Enquiry\.$/,
      ieee: /^A\. von Humboldt, C\. Gooding Jr\., J\. de L\. Fontaine, G\. H\. A\. von Wright, and G\. H\. E\. von Wright, Norm and Action\. A Logical Enquiry\. 1963\.$/,
      chicago: /^Humboldt, Alexander von, Cuba Gooding Jr\., .* and Georg Henrik Explicit von Wright\. 1963\. Norm and Action\. A Logical Enquiry\.$/,
      vancouver: /^von Humboldt A, Gooding C Jr, Fontaine J de L, von Wright GHA, von Wright GHE\. Norm and Action\. A Logical Enquiry\. 1963\.$/,
      harvard: /^von Humboldt, A\. et al\. \(1963\) Norm and Action\. A Logical Enquiry\.$/,
      pandoc: /^\[@fixedkey\]$/,
      latex: /^\\cite\{fixedkey\}$/,
    };
    const cslTexts = new Map<string, string>();

    for (const format of FORMATS) {
      it(`${format}: a library entry with several authors, and a bundled paper with none, with nothing missing or dangling`, () => {
        const library = cli(['show', 'fixedkey', '--library', NAMES_BIB, '--format', format]);
        assert.equal(library.code, 0, library.stderr);
        assert.equal(library.stderr, '');
        const entry = library.stdout.trimEnd();
        assert.match(entry, LIBRARY_EXPECTED[format]);
        if (format !== 'bibtex') assertClean(entry, `${format} (library)`);

        const bundled = cli(['show', 'LoRAT', '--format', format]);
        assert.equal(bundled.code, 0, bundled.stderr);
        const text = bundled.stdout.trimEnd();
        assertClean(text, `${format} (bundled)`);
        if (format === 'pandoc') assert.equal(text, '[@trackingmeets]');
        else if (format === 'latex') assert.equal(text, '\\cite{trackingmeets}');
        else {
          // The title (Chicago recases it, the rest keep it) and the code link, and no author.
          assert.ok(text.toLowerCase().includes(LORAT_TITLE.toLowerCase()), text);
          assert.ok(text.includes(LORAT_CODE), text);
          assert.doesNotMatch(text, /et al|\band\b.*,/, text);
        }
        if (CSL_FORMATS.has(format)) cslTexts.set(format, entry);
      });
    }

    it('gives the library entry in five different layouts for the five CSL styles', function () {
      if (cslTexts.size < CSL_FORMATS.size) this.skip();
      assert.equal(new Set(cslTexts.values()).size, CSL_FORMATS.size);
    });

    it('bibtex gives a library entry exactly as its file writes it', () => {
      const r = cli(['show', 'fixedkey', '--library', NAMES_BIB, '--format', 'bibtex']);
      const file = fs.readFileSync(NAMES_BIB, 'utf8');
      const start = file.indexOf('@book{fixedkey,');
      const end = file.indexOf('\n}\n', start) + 2;
      assert.equal(r.stdout, `${file.slice(start, end)}\n`);
    });

    it('finds a bundled paper by its stable key, with or without @', () => {
      for (const key of ['@datacomp', 'trackingmeets']) {
        const r = cli(['show', key, '--format', 'pandoc']);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.trim(), `[@${key.replace('@', '')}]`);
      }
    });
  });

  describe('references', () => {
    before(() => {
      fs.writeFileSync(
        path.join(tmp, 'draft.md'),
        [
          '# Draft',
          '',
          'We track with LoRAT and follow [@fixedkey; @name_ParseNames, p. 3] and [@nobody].',
          '',
          'Datasets: DataComp, cited again as [@datacomp] and with \\cite{trackingmeets}.',
          '',
        ].join('\n'),
      );
      fs.writeFileSync(path.join(tmp, 'paper.tex'), 'As shown \\citep{sara,fixedkey}, and in % \\cite{datacomp}\nData Filtering Networks.\n');
      fs.writeFileSync(path.join(tmp, 'nothing.md'), 'No papers here.\n');
    });
    const MENTION_ORDER = ['trackingmeets', 'fixedkey', 'name_ParseNames', 'datacomp', 'sara', 'datafiltering'];

    it('--json lists the papers the files mention by name, title or cite key, each once, in order of first mention', () => {
      const r = cli(['references', 'draft.md', 'paper.tex', '--library', NAMES_BIB, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const rows = JSON.parse(r.stdout) as ReferenceRow[];
      assert.deepEqual(rows.map((x) => x.key), MENTION_ORDER);
      assert.deepEqual(Object.keys(rows[0]), ['id', 'key', 'title', 'text']);
      assert.deepEqual(rows.slice(0, 2).map((x) => [x.id, x.title]), [
        ['tracking-meets-lora-faster-training-larger-model-stronger-lvdhhv', LORAT_TITLE],
        ['norm-and-action-a-logical-enquiry', FIXED_TITLE],
      ]);
      // The default format is IEEE: numbered in that same order.
      rows.forEach((x, i) => {
        assert.ok(x.text.startsWith(`[${i + 1}] `), x.text);
        assertClean(x.text, x.key);
      });
      assert.match(rows[1].text, /^\[2\] A\. von Humboldt, C\. Gooding Jr\., /);
    });

    it('reads the files in the order given', () => {
      const rows = JSON.parse(cli(['references', 'paper.tex', 'draft.md', '--library', NAMES_BIB, '--json']).stdout) as ReferenceRow[];
      assert.deepEqual(rows.map((x) => x.key), ['sara', 'fixedkey', 'datafiltering', 'trackingmeets', 'name_ParseNames', 'datacomp']);
    });

    it("prints the list in the style's own order: Harvard sorts by author, --json keeps the order of first mention", () => {
      const text = cli(['references', 'draft.md', '--library', NAMES_BIB, '--format', 'harvard']);
      assert.equal(text.code, 0, text.stderr);
      const entries = text.stdout.trimEnd().split('\n\n');
      assert.equal(entries.length, 4);
      // By family name, particles aside (Humboldt, Vlist), and by title for a paper with no authors.
      assert.deepEqual(entries.map((e) => e.slice(0, 12)), ['“DataComp: I', 'von Humboldt', '“Tracking Me', 'van der Vlis']);
      const rows = JSON.parse(cli(['references', 'draft.md', '--library', NAMES_BIB, '--format', 'harvard', '--json']).stdout) as ReferenceRow[];
      assert.deepEqual(rows.map((x) => x.key), MENTION_ORDER.slice(0, 4));
      assert.deepEqual([...rows.map((x) => x.text)].sort(), [...entries].sort());
    });

    it('in a plain format, prints one entry per paper in mention order, a library entry as written', () => {
      const r = cli(['references', 'draft.md', '--library', NAMES_BIB, '--format', 'bibtex']);
      assert.equal(r.code, 0, r.stderr);
      const entries = r.stdout.trimEnd().split('\n\n');
      assert.deepEqual(entries.map((e) => /^@\w+\{([^,]+),/.exec(e)?.[1]), MENTION_ORDER.slice(0, 4));
      assert.ok(fs.readFileSync(NAMES_BIB, 'utf8').includes(entries[2]), entries[2]);
      const latex = cli(['references', 'draft.md', '--library', NAMES_BIB, '--format', 'latex']);
      assert.equal(latex.stdout, '\\cite{trackingmeets}\n\n\\cite{fixedkey}\n\n\\cite{name_ParseNames}\n\n\\cite{datacomp}\n');
    });

    it('says so when the files mention no paper', () => {
      assert.equal(cli(['references', 'nothing.md']).stdout, 'No papers mentioned.\n');
      assert.equal(cli(['references', 'nothing.md', '--json']).stdout, '[]\n');
    });
  });

  describe('related', () => {
    it('lists the papers most like a bundled paper, best first; the top one shares its topic, and the paper itself is never listed', () => {
      const topics = JSON.parse(cli(['topics', '--json']).stdout) as Array<{ topic: string; papers: string[] }>;
      const topicsOf = (title: string) => new Set(topics.filter((t) => t.papers.includes(title)).map((t) => t.topic));
      const bundled = [DATACOMP_TITLE, LORAT_TITLE, 'Data Filtering Networks', 'LAION-5B: An open large-scale dataset for training next generation image-text models'];
      for (const title of bundled) {
        assert.ok(topicsOf(title).size > 0, title);
        const r = cli(['related', title, '--json']);
        assert.equal(r.code, 0, r.stderr);
        const rows = JSON.parse(r.stdout) as Array<{ id: string; title: string; score: number }>;
        assert.ok(rows.length >= 1 && rows.length <= 5, `${title}: ${rows.length}`);
        assert.deepEqual(Object.keys(rows[0]), ['id', 'title', 'score']);
        assert.ok(rows.every((x) => x.title !== title), title);
        rows.forEach((x, i) => assert.ok(x.score > 0 && x.score <= 1 && (i === 0 || rows[i - 1].score >= x.score), title));
        const shared = [...topicsOf(rows[0].title)].filter((t) => topicsOf(title).has(t));
        assert.ok(shared.length > 0, `${title}: top related "${rows[0].title}" shares no topic`);
      }
      const first = JSON.parse(cli(['related', 'datacomp', '--json']).stdout) as Array<{ id: string; title: string }>;
      assert.equal(first[0].title, 'Data Filtering Networks');
      assert.ok(first.every((x) => !x.id.startsWith('datacomp')));
    });

    it('takes --limit and prints readable lines without --json', () => {
      assert.equal((JSON.parse(cli(['related', 'DataComp', '--limit', '2', '--json']).stdout) as unknown[]).length, 2);
      const r = cli(['related', DATACOMP_TITLE]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^ 1\. Data Filtering Networks \[DFN\]\n {4}data-filtering-networks {2}score 0\.\d+\n 2\. /);
      assert.equal(r.stdout.match(/^ *\d+\. /gm)?.length, 5);
    });
  });

  describe('scan', () => {
    it('--json reports cite keys that name a paper with kind "key", beside the names', () => {
      const text = 'We use DataComp [@datacomp] and [see @fixedkey, p. 3; @nobody], not @someone.\n';
      fs.writeFileSync(path.join(tmp, 'keys.md'), text);
      const r = cli(['scan', 'keys.md', '--library', NAMES_BIB, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const rows = JSON.parse(r.stdout) as Array<{ file: string; start: number; end: number; line: number; column: number; text: string; kind: string; id: string; key: string; title: string }>;
      assert.deepEqual(rows.map((x) => [x.text, x.kind, x.key, x.title]), [
        ['DataComp', 'short', 'datacomp', DATACOMP_TITLE],
        ['datacomp', 'key', 'datacomp', DATACOMP_TITLE],
        ['fixedkey', 'key', 'fixedkey', FIXED_TITLE],
      ]);
      for (const x of rows) {
        assert.equal(text.slice(x.start, x.end), x.text);
        assert.equal(x.line, 1);
        assert.equal(x.column, x.start + 1);
        assert.equal(x.file, 'keys.md');
      }
      assert.equal(rows[2].id, 'norm-and-action-a-logical-enquiry');
      const plain = cli(['scan', 'keys.md', '--library', NAMES_BIB]);
      assert.match(plain.stdout, /^keys\.md:1:39: fixedkey \(cite key\) -> Norm and Action\. A Logical Enquiry$/m);
    });

    it('reads citation syntax by file type: cite commands in LaTeX, explicit citations only in code, none in .bib; a key wins over a name on the same text', () => {
      fs.writeFileSync(path.join(tmp, 'cites.tex'), '\\textcite{datacomp} % \\cite{sara}\n\\cite{DataComp} on DataComp\n');
      fs.writeFileSync(path.join(tmp, 'model.py'), '@datacomp\ndef f():\n    pass  # as in [@sara]\n');
      fs.writeFileSync(path.join(tmp, 'refs.bib'), '@misc{datacomp, note = {see @sara}}\n');
      const rows = (file: string) => (JSON.parse(cli(['scan', file, '--json']).stdout) as Array<{ text: string; kind: string }>).map((x) => `${x.text}:${x.kind}`);
      // A key that is also a name is reported once, as the key it is written as.
      assert.deepEqual(rows('cites.tex'), ['datacomp:key', 'DataComp:key', 'DataComp:short']);
      assert.deepEqual(rows('model.py'), ['sara:key']);
      assert.deepEqual(rows('refs.bib'), []);
    });

    it('reports the arXiv id and the DOI of a known paper, kinds "arxiv" and "doi"', () => {
      const text = 'See arXiv:1502.01852. Sermons: https://doi.org/10.1484/J.SE.2.303788. Unknown: arXiv:2401.00001.\n';
      fs.writeFileSync(path.join(tmp, 'ids.md'), text);
      const r = cli(['scan', 'ids.md', '--library', ARXIV_BIB, '--library', CSL_JSON, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const rows = JSON.parse(r.stdout) as Array<{ start: number; end: number; text: string; kind: string; id: string }>;
      assert.deepEqual(rows.map((x) => [x.kind, x.text, x.id]), [
        ['arxiv', 'arXiv:1502.01852', 'delving-deep-into-rectifiers-surpassing-human-level-522giw'],
        ['doi', 'https://doi.org/10.1484/J.SE.2.303788', 'skizze-zur-auslegungsgeschichte-der-bucher-prouerbia-und-658tku'],
      ]);
      for (const x of rows) assert.equal(text.slice(x.start, x.end), x.text);
    });
  });

  // The last column: whether stderr also points to --help.
  const failures: [string, string[], RegExp, boolean][] = [
    ['an unknown format', ['show', 'DataComp', '--format', 'mla'], /--format takes .*apa.*, not "mla"/, true],
    ['an unknown format for references', ['references', 'x.md', '--format', 'MLA'], /--format takes .* not "MLA"/, true],
    ['references without files', ['references'], /references needs at least one FILE/, true],
    ['references of an unreadable file', ['references', 'missing.md'], /missing\.md: cannot read: no such file/, false],
    ['related without a paper', ['related'], /related needs a paper ID, KEY or TITLE/, true],
    ['related to an unknown paper', ['related', 'no such paper at all'], /no paper with id, key or title "no such paper at all"/, false],
    ['show of an unknown key', ['show', '@nobody2024', '--format', 'apa'], /no paper with id, key or title "@nobody2024"/, false],
    ['a bad --limit for related', ['related', 'DataComp', '--limit', '0'], /--limit takes a whole number of at least 1/, true],
  ];
  for (const [what, args, message, suggestsHelp] of failures) {
    it(`exits 2 with one clear line on ${what}, writing nothing to stdout`, () => {
      const r = cli(args);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.split('\n').filter(Boolean).length, suggestsHelp ? 2 : 1, r.stderr);
      assert.equal(/--help/.test(r.stderr), suggestsHelp, r.stderr);
      assert.equal(r.stdout, '');
    });
  }
});

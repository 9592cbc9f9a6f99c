/** The paper-lens CLI with libraries: `--library`, `--no-bundled`, `library`, `show --json`, keys and the parse cache. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundledCorpus, ROOT } from './helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');

/** A small library written for these tests: three papers, one broken entry between them. */
const BIB = [
  '@inproceedings{vaswani2017attention,',
  '  title = {Attention Is All You Need},',
  '  author = {Vaswani, Ashish and Shazeer, Noam and Parmar, Niki},',
  '  booktitle = {Advances in Neural Information Processing Systems},',
  '  year = {2017},',
  '  doi = {10.5555/3295222.3295349}',
  '}',
  '@misc{broken, title = {Never Closed},',
  '@article{ho2020ddpm,',
  '  title = {Denoising Diffusion Probabilistic Models},',
  '  author = {Ho, Jonathan and Jain, Ajay and Abbeel, Pieter},',
  '  journal = {NeurIPS},',
  '  year = {2020},',
  '  abstract = {We present high quality image synthesis results using diffusion probabilistic models.}',
  '}',
  '@inproceedings{fang2024dfn,',
  '  title = {Data {Filtering} Networks},',
  '  author = {Fang, Alex and M{\\"u}ller, Jana},',
  '  year = {2024}',
  '}',
  '',
].join('\n');

interface LibraryJson {
  papers: Array<{ id: string; key?: string; title: string; authors: string[]; year?: number; venue?: string; doi?: string; url?: string; source: { file: string; line: number } }>;
  problems: Array<{ file: string; line: number; message: string }>;
}

describe('paper-lens CLI with libraries', function () {
  // Each test runs the CLI as a process, several times; on a busy 2-core machine one run can take seconds.
  this.timeout(60_000);
  let tmp: string;
  let cache: string;
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, PAPER_LENS_CACHE: cache, ...env } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  before(() => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-library-'));
    cache = path.join(tmp, 'cache');
    fs.writeFileSync(path.join(tmp, 'refs.bib'), BIB);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('library --json prints each paper with key, authors, year, venue, doi and source, and the broken entry as a problem', () => {
    const r = cli(['library', 'refs.bib', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const { papers, problems } = JSON.parse(r.stdout) as LibraryJson;
    assert.deepEqual(
      papers.map((p) => [p.key, p.title, p.year, p.source.line]),
      [
        ['vaswani2017attention', 'Attention Is All You Need', 2017, 1],
        ['ho2020ddpm', 'Denoising Diffusion Probabilistic Models', 2020, 9],
        ['fang2024dfn', 'Data Filtering Networks', 2024, 16],
      ],
    );
    assert.deepEqual(papers[0].authors, ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar']);
    assert.equal(papers[0].venue, 'Advances in Neural Information Processing Systems');
    assert.equal(papers[0].doi, '10.5555/3295222.3295349');
    assert.deepEqual(papers[2].authors, ['Alex Fang', 'Jana Müller']);
    // Merged with the bundled paper of the same title: the bundled id, not a new one.
    assert.equal(papers[2].id, 'data-filtering-networks');
    assert.deepEqual(problems.map((p) => [p.file, p.line]), [['refs.bib', 8]]);
  });

  it('library reads @string names one file uses from another it names (\\bibliography{abbrev,refs}), cached and not', () => {
    fs.writeFileSync(path.join(tmp, 'abbrev.bib'), '@STRING{IEEE_J_PAMI = "{IEEE} Trans. Pattern Anal. Mach. Intell."}\n');
    fs.writeFileSync(path.join(tmp, 'pami.bib'), '@article{he2015spp, title = {Spatial Pyramid Pooling in Deep Convolutional Networks}, journal = IEEE_J_PAMI, year = 2015}\n');
    for (const extra of [['--no-cache'], [], []]) {
      const r = cli(['library', 'pami.bib', 'abbrev.bib', '--json', '--no-bundled', ...extra]);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as LibraryJson;
      assert.deepEqual(out.papers.map((p) => [p.key, p.venue]), [['he2015spp', 'IEEE Trans. Pattern Anal. Mach. Intell.']], extra.join(' '));
      assert.deepEqual(out.problems, []);
    }
    const alone = JSON.parse(cli(['library', 'pami.bib', '--json', '--no-bundled']).stdout) as LibraryJson;
    assert.deepEqual(alone.papers.map((p) => p.venue), ['IEEE_J_PAMI']);
    assert.equal(alone.problems.length, 1);
  });

  it('library exits 2 with one line naming a file it cannot read', () => {
    const r = cli(['library', 'refs.bib', 'missing.bib', '--json']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /missing\.bib: cannot read: no such file/);
  });

  it('search finds library papers by author, year and key, and its results carry the key', () => {
    for (const [query, title] of [
      ['vaswani 2017', 'Attention Is All You Need'],
      ['@ho2020ddpm', 'Denoising Diffusion Probabilistic Models'],
      ['ho2020ddpm', 'Denoising Diffusion Probabilistic Models'],
      ['jana müller', 'Data Filtering Networks'],
    ]) {
      const r = cli(['search', query, '--library', 'refs.bib', '--json', '--limit', '3']);
      assert.equal(r.code, 0, r.stderr);
      const rows = JSON.parse(r.stdout) as Array<{ id: string; key?: string; title: string }>;
      assert.equal(rows[0]?.title, title, query);
    }
    const rows = JSON.parse(cli(['search', 'vaswani', '--library', 'refs.bib', '--json']).stdout) as Array<{ key?: string }>;
    assert.equal(rows[0].key, 'vaswani2017attention');
  });

  it('--no-bundled leaves the bundled papers out; without it they are all there', () => {
    const only = cli(['search', 'data', '--library', 'refs.bib', '--no-bundled', '--json', '--limit', '100']);
    assert.equal(only.code, 0, only.stderr);
    assert.deepEqual((JSON.parse(only.stdout) as Array<{ title: string }>).map((r) => r.title), ['Data Filtering Networks']);
    const both = JSON.parse(cli(['search', 'data', '--library', 'refs.bib', '--json', '--limit', '100']).stdout) as unknown[];
    assert.ok(both.length > 1);
    const none = cli(['search', 'data', '--no-bundled']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--no-bundled leaves no papers/);
  });

  it('show --json prints every field of a paper found by key, including abstract, topics, names and sources', () => {
    const r = cli(['show', '@ho2020ddpm', '--library', 'refs.bib', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const paper = JSON.parse(r.stdout) as Record<string, unknown> & { topics: Array<{ id: string }>; names: Array<{ text: string; kind: string }>; sources: Array<{ file: string; line: number; key: string }> };
    assert.equal(paper.title, 'Denoising Diffusion Probabilistic Models');
    assert.equal(paper.key, 'ho2020ddpm');
    assert.deepEqual(paper.authors, ['Jonathan Ho', 'Ajay Jain', 'Pieter Abbeel']);
    assert.equal(paper.venue, 'NeurIPS');
    assert.match(paper.abstract as string, /^We present high quality image synthesis/);
    assert.ok(paper.topics.some((t) => t.id === 'diffusion-models'), JSON.stringify(paper.topics));
    assert.deepEqual(paper.names[0], { text: 'Denoising Diffusion Probabilistic Models', kind: 'title', ambiguous: false });
    assert.deepEqual(paper.sources.map((s) => [s.file, s.line, s.key]), [['refs.bib', 9, 'ho2020ddpm']]);
    // A bundled paper merged with a library entry keeps its bundled abstract and lists both sources.
    const dfn = JSON.parse(cli(['show', 'fang2024dfn', '--library', 'refs.bib', '--json']).stdout) as { abstract: string; sources: Array<{ file: string }> };
    assert.equal(dfn.abstract, bundledCorpus().get('data-filtering-networks')!.abstract);
    assert.deepEqual(dfn.sources.map((s) => s.file), ['seeds/daily-papers-listing.txt', 'refs.bib']);
  });

  it('scan --json results carry the key of a library paper', () => {
    fs.writeFileSync(path.join(tmp, 'note.md'), 'We follow Denoising Diffusion Probabilistic Models closely.\n');
    const r = cli(['scan', 'note.md', '--library', 'refs.bib', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as Array<{ key?: string; title: string }>;
    assert.deepEqual(rows.map((m) => [m.title, m.key]), [['Denoising Diffusion Probabilistic Models', 'ho2020ddpm']]);
  });

  it('scan and references with --library-names titles recognise library papers by their full titles only, the bundled ones by every name', () => {
    const title = 'LensNet: Reading Lenses in Orchid Photographs';
    fs.writeFileSync(path.join(tmp, 'lens.bib'), `@article{lensnet2031, title = {${title}}, year = {2031}}\n`);
    fs.writeFileSync(path.join(tmp, 'lens.md'), `LensNet reads lenses, as ${title} says. DataComp is bundled.\n`);
    const scanned = (...extra: string[]) => {
      const r = cli(['scan', 'lens.md', '--library', 'lens.bib', '--json', ...extra]);
      assert.equal(r.code, 0, r.stderr);
      return (JSON.parse(r.stdout) as Array<{ text: string; kind: string }>).map((m) => `${m.text}/${m.kind}`);
    };
    assert.deepEqual(scanned(), ['LensNet/short', `${title}/title`, 'DataComp/short']);
    assert.deepEqual(scanned('--library-names', 'all'), scanned());
    assert.deepEqual(scanned('--library-names', 'titles'), [`${title}/title`, 'DataComp/short']);
    // References list the papers mentioned: the library paper by its title either way.
    const refs = cli(['references', 'lens.md', '--library', 'lens.bib', '--library-names', 'titles', '--format', 'text']);
    assert.equal(refs.code, 0, refs.stderr);
    assert.ok(refs.stdout.includes('LensNet: Reading Lenses'), refs.stdout);
    const wrong = cli(['scan', 'lens.md', '--library-names', 'some']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--library-names takes all or titles, not "some"/);
  });

  it('keeps one cache file per library, replaced when the library changes, and reads it back unchanged', () => {
    const dir = path.join(tmp, 'own-cache');
    const first = cli(['library', 'refs.bib', '--json', '--cache', dir]);
    // The parses, beside the files' stamps (see the test of stamps below).
    const parses = () => fs.readdirSync(dir).filter((f) => !/^stamps-[0-9a-f]+\.json$/.test(f));
    const files = parses();
    assert.equal(files.length, 1);
    // A second run reads the cache and prints the same.
    assert.equal(cli(['library', 'refs.bib', '--json', '--cache', dir]).stdout, first.stdout);
    // What the cache holds is what it returns: an edited cache file shows (so the run read it).
    const cached = path.join(dir, files[0]);
    fs.writeFileSync(cached, fs.readFileSync(cached, 'utf8').replace('Attention Is All You Need', 'Attention Read From The Cache'));
    assert.match(cli(['library', 'refs.bib', '--json', '--cache', dir]).stdout, /Attention Read From The Cache/);
    assert.doesNotMatch(cli(['library', 'refs.bib', '--json', '--cache', dir, '--no-cache']).stdout, /Read From The Cache/);
    // Changing the library misses the cache and replaces the old file.
    fs.writeFileSync(path.join(tmp, 'refs.bib'), BIB.replace('year = {2017}', 'year = {2018}'));
    try {
      const changed = JSON.parse(cli(['library', 'refs.bib', '--json', '--cache', dir]).stdout) as LibraryJson;
      assert.equal(changed.papers[0].year, 2018);
      assert.equal(changed.papers[0].title, 'Attention Is All You Need');
      assert.equal(parses().length, 1);
      assert.notEqual(parses()[0], files[0]);
    } finally {
      fs.writeFileSync(path.join(tmp, 'refs.bib'), BIB);
    }
  });

  it('keeps the prepared index of a run that built one, and a warm run answers from it as a cold run does', () => {
    const dir = path.join(tmp, 'prepared-cache');
    const prepared = () => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^prepared-[0-9a-f]+\.bin$/.test(f)) : []);
    // Listing a library builds no index: nothing to keep.
    cli(['library', 'refs.bib', '--json', '--cache', dir]);
    assert.deepEqual(prepared(), []);
    const cold = cli(['search', 'attention', '--library', 'refs.bib', '--json', '--cache', dir]);
    assert.equal(cold.code, 0, cold.stderr);
    assert.equal(prepared().length, 1);
    const stored = path.join(dir, prepared()[0]);
    const first = fs.statSync(stored);
    // A warm run reads the file (and marks it used) instead of writing a new one: same file, touched.
    // It holds the merged papers and the problems too: the run parses nothing (the parse cache, removed, is not written again).
    for (const f of fs.readdirSync(dir)) if (!f.startsWith('prepared-')) fs.rmSync(path.join(dir, f));
    const warm = cli(['search', 'attention', '--library', 'refs.bib', '--json', '--cache', dir]);
    assert.equal(warm.stdout, cold.stdout);
    assert.match(cold.stderr, /refs\.bib:8:/, 'the broken entry is a warning');
    assert.equal(warm.stderr, cold.stderr, 'the same warnings, from the cache');
    const written = fs.readdirSync(dir).filter((f) => !/^stamps-[0-9a-f]+\.json$/.test(f));
    assert.deepEqual(written.sort(), [prepared()[0], prepared()[0].replace(/\.bin$/, '.papers.bin'), prepared()[0].replace(/\.bin$/, '.abstracts.bin')].sort(), 'nothing parsed: the index, its papers and their abstracts only (and the files\' stamps)');
    const show = (cache: string[]) => cli(['show', 'ho2020ddpm', '--library', 'refs.bib', '--json', ...cache]).stdout;
    assert.equal(show(['--cache', dir]), show(['--no-cache']), 'every field of a paper, as a cold run gives it');
    const second = fs.statSync(stored);
    assert.equal(second.ino, first.ino, 'read back, not written again');
    assert.ok(second.mtimeMs >= first.mtimeMs);
    fs.writeFileSync(path.join(tmp, 'notes.md'), 'We fine-tune the Transformer from Attention Is All You Need.\n');
    const scanned = cli(['scan', 'notes.md', '--library', 'refs.bib', '--json', '--cache', dir]);
    assert.match(scanned.stdout, /Attention Is All You Need/);
    assert.equal(scanned.stdout, cli(['scan', 'notes.md', '--library', 'refs.bib', '--json', '--no-cache']).stdout);
    // A damaged file is a miss: the answer stays, and the run stores a whole one again.
    fs.writeFileSync(stored, fs.readFileSync(stored).subarray(0, 64));
    assert.equal(cli(['search', 'attention', '--library', 'refs.bib', '--json', '--cache', dir]).stdout, cold.stdout);
    assert.ok(fs.statSync(stored).size > 64);
    // A changed library is another key.
    fs.writeFileSync(path.join(tmp, 'refs.bib'), BIB.replace('year = {2017}', 'year = {2018}'));
    try {
      cli(['search', 'attention', '--library', 'refs.bib', '--json', '--cache', dir]);
      assert.equal(prepared().length, 2);
    } finally {
      fs.writeFileSync(path.join(tmp, 'refs.bib'), BIB);
    }
  });

  it('keeps the stored load of a listing given as the corpus, and answers the next run from it', () => {
    const dir = path.join(tmp, 'corpus-cache');
    const listing = path.join(tmp, 'listing.txt');
    const hourAgo = new Date(Date.now() - 3_600_000);
    fs.copyFileSync(path.join(ROOT, 'seeds', 'daily-papers-listing.txt'), listing);
    fs.utimesSync(listing, hourAgo, hourAgo);
    const search = (...more: string[]) => cli(['search', 'data filtering', '--corpus', 'listing.txt', '--json', ...more]);
    const cold = search('--cache', dir);
    assert.equal(cold.code, 0, cold.stderr);
    assert.equal(fs.readdirSync(dir).filter((f) => /^prepared-[0-9a-f]+\.bin$/.test(f)).length, 1, 'stored, though no library is named');
    assert.equal(search('--cache', dir).stdout, cold.stdout);
    assert.equal(search('--no-cache').stdout, cold.stdout, 'as a run that keeps nothing');
    // Answered from the stored load: the same stamp over other content gives the stored answer.
    const text = fs.readFileSync(listing, 'utf8');
    const title = (JSON.parse(cold.stdout) as Array<{ title: string }>)[0].title;
    fs.writeFileSync(listing, text.replace(title, title.replace(/[a-z]/, 'x')));
    fs.utimesSync(listing, hourAgo, hourAgo);
    assert.equal(search('--cache', dir).stdout, cold.stdout, 'answered by the stamp');
    assert.notEqual(search('--no-cache').stdout, cold.stdout, 'the listing did change');
  });

  it('answers from the stored load by the files\' size and modification time, without reading them, and reads a file whose stamp changed', () => {
    const dir = path.join(tmp, 'stamped-cache');
    const file = path.join(tmp, 'stamped.bib');
    // Written an hour before: a stamp taken within STAMP_SETTLED_MS of a write is not trusted.
    const hourAgo = new Date(Date.now() - 3_600_000);
    fs.writeFileSync(file, BIB);
    fs.utimesSync(file, hourAgo, hourAgo);
    const search = () => cli(['search', 'diffusion', '--library', 'stamped.bib', '--json', '--cache', dir]);
    const cold = search();
    assert.equal(cold.code, 0, cold.stderr);
    assert.match(cold.stdout, /Denoising Diffusion Probabilistic Models/);
    assert.ok(fs.readdirSync(dir).some((f) => /^stamps-[0-9a-f]+\.json$/.test(f)), 'the stamps are kept');
    // The same size and modification time over other content: the file is not read, so the stored answer stands.
    fs.writeFileSync(file, BIB.replace('Denoising Diffusion', 'Denoising Confusion'));
    fs.utimesSync(file, hourAgo, hourAgo);
    assert.equal(search().stdout, cold.stdout, 'answered by the stamp');
    // Another modification time: read, hashed, and parsed anew.
    const later = new Date(hourAgo.getTime() + 1000);
    fs.utimesSync(file, later, later);
    const changed = search();
    assert.match(changed.stdout, /Denoising Confusion Probabilistic Models/);
    assert.doesNotMatch(changed.stdout, /Denoising Diffusion/);
    // A file gone or a folder fails at once, as reading it does, stamps or not.
    fs.rmSync(file);
    const gone = search();
    assert.equal(gone.code, 2);
    assert.match(gone.stderr, /stamped\.bib: cannot read: no such file/);
    fs.mkdirSync(file);
    assert.match(search().stderr, /stamped\.bib: cannot read: is a folder, not a file/);
  });
});

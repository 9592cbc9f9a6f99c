import { strict as assert } from 'node:assert';
import { CiteKeyResolver } from '../../src/core/citations';
import { renderHoverCard } from '../../src/core/hoverCard';
import { IdentifierIndex } from '../../src/core/identifiers';
import { parseBibtex } from '../../src/core/library/bibtex';
import { mergeLibraries } from '../../src/core/library/merge';
import type { Paper } from '../../src/core/types';
import {
  dialectOfPath,
  excludeGlob,
  globMatching,
  expandBraces,
  isBinaryPath,
  looksBinary,
  mentionsOfFile,
  runIndex,
  WorkspaceIndex,
  type FileRead,
  type IndexTask,
  type MentionReader,
} from '../../src/core/workspaceIndex';
import { bundledCorpus } from './helpers';

/** The bundled corpus plus one library paper with an arXiv id and a DOI, as the editor's reader sees them. */
function readerOf(policy: 'context' | 'always' | 'never' = 'context', suppressed?: (paperId: string, name: string) => boolean): MentionReader {
  const bib = '@article{vaswani2017, title = {Attention Is All You Need}, author = {Vaswani, Ashish}, year = {2017}, eprint = {1706.03762}, archivePrefix = {arXiv}, doi = {10.5555/3295222.3295349}}';
  const papers = mergeLibraries(bundledCorpus().papers, [parseBibtex(bib, 'refs.bib')]).papers;
  return { matcher: bundledCorpus().matcher, options: { policy, suppressed }, keys: new CiteKeyResolver(papers), identifiers: new IdentifierIndex(papers) };
}

function idOf(prefix: string): string {
  const paper = bundledCorpus().papers.find((p: Paper) => p.title.startsWith(prefix));
  assert.ok(paper, prefix);
  return paper.id;
}

describe('workspace index', function () {
  this.timeout(60_000);

  it('records names, full titles and cite keys with their lines and columns', () => {
    const text = '# Notes\n\nDataComp is a benchmark.\nWe also cite [@laion5b; @datacomp, p. 3].\nData Filtering Networks learn the filter.\n';
    const mentions = mentionsOfFile('notes.md', text, readerOf());
    const got = mentions.map((m) => [m.kind, text.slice(m.start, m.end), m.line, m.character, m.endLine, m.endCharacter]);
    assert.deepEqual(got, [
      ['short', 'DataComp', 2, 0, 2, 8],
      ['key', 'laion5b', 3, 15, 3, 22],
      ['key', 'datacomp', 3, 25, 3, 33],
      ['title', 'Data Filtering Networks', 4, 0, 4, 23],
    ]);
    assert.equal(mentions[1].paperId, idOf('LAION-5B'));
    assert.equal(mentions[1].preview, 'We also cite [@laion5b; @datacomp, p. 3].');
  });

  it('reads LaTeX cite commands in .tex files, and no bare @key in code', () => {
    const tex = mentionsOfFile('paper.tex', 'As shown \\citep{datacomp,laion5b} and @sara.', readerOf());
    assert.deepEqual(tex.map((m) => [m.kind, m.text]), [['key', 'datacomp'], ['key', 'laion5b']]);
    const py = mentionsOfFile('train.py', '@sara\ndef f():\n    pass  # see [@sara]\n', readerOf());
    assert.deepEqual(py.map((m) => [m.kind, m.line, m.text]), [['key', 2, 'sara']]);
  });

  it('counts a library paper by its arXiv id and DOI, and not an unknown key', () => {
    const text = 'See arXiv:1706.03762 and https://doi.org/10.5555/3295222.3295349, not [@nosuchkey] or 2401.99999.';
    const mentions = mentionsOfFile('notes.md', text, readerOf());
    assert.deepEqual(mentions.map((m) => [m.kind, m.text]), [['arxiv', 'arXiv:1706.03762'], ['doi', 'https://doi.org/10.5555/3295222.3295349']]);
    assert.equal(new Set(mentions.map((m) => m.paperId)).size, 1);
  });

  it('counts a key that spells a name once, as the key', () => {
    const mentions = mentionsOfFile('notes.md', 'Prose about [@datacomp] and @datacomp.', readerOf());
    assert.deepEqual(mentions.map((m) => m.kind), ['key', 'key']);
  });

  it('follows the policy for collision-prone names and the names turned off', () => {
    const text = 'Install CUDA here.\n';
    assert.equal(mentionsOfFile('a.md', text, readerOf('never')).length, 0);
    assert.deepEqual(mentionsOfFile('a.md', text, readerOf('always')).map((m) => m.text), ['CUDA']);
    const hidden = readerOf('context', (_paperId, name) => name === 'DataComp');
    assert.equal(mentionsOfFile('a.md', 'DataComp is a benchmark.', hidden).length, 0);
  });

  it('reads a notebook in its cells and a .bib file without inner braces, at the file\'s offsets', () => {
    const nb = JSON.stringify({ cells: [{ cell_type: 'markdown', source: ['# Notes\n', 'We use DataComp.'] }], nbformat: 4 }, null, 1);
    const [m] = mentionsOfFile('lab.ipynb', nb, readerOf());
    assert.equal(nb.slice(m.start, m.end), 'DataComp');
    const bib = '@misc{x,\n  title = {{D}ata{C}omp: In search of the next generation of multimodal datasets},\n}\n';
    const bibMentions = mentionsOfFile('refs.bib', bib, readerOf());
    assert.deepEqual(bibMentions.map((x) => [x.paperId, x.line]), [[idOf('DataComp'), 1]]);
  });

  it('counts files and occurrences per paper, most files first', () => {
    const index = new WorkspaceIndex(readerOf());
    index.update('a.md', 'DataComp and DataComp again, [@laion5b].');
    index.update('b.md', 'DataComp once.');
    index.update('c.md', 'Nothing to see.');
    assert.deepEqual(index.papers(), [
      { paperId: idOf('DataComp'), files: 2, occurrences: 3 },
      { paperId: idOf('LAION-5B'), files: 1, occurrences: 1 },
    ]);
    assert.equal(index.filesMentioning(idOf('DataComp')), 2);
    assert.equal(index.filesMentioning('no-such-paper'), 0);
    assert.equal(index.fileCount, 3);
    const places = index.locations(idOf('DataComp'));
    assert.deepEqual(places.map((p) => [p.file, p.mentions.map((m) => m.start)]), [['a.md', [0, 13]], ['b.md', [0]]]);
  });

  it('replaces a file\'s mentions on update and forgets them on remove', () => {
    const index = new WorkspaceIndex(readerOf());
    index.update('a.md', 'DataComp here.');
    index.update('b.md', 'DataComp there.');
    const v = index.version;
    index.update('a.md', 'Now [@laion5b] only.');
    assert.ok(index.version > v);
    assert.deepEqual(index.papers().map((p) => [p.paperId, p.files]), [[idOf('DataComp'), 1], [idOf('LAION-5B'), 1]].sort((x, y) => (x[0] < y[0] ? -1 : 1)));
    assert.equal(index.remove('b.md'), true);
    assert.equal(index.remove('b.md'), false);
    assert.deepEqual(index.papers().map((p) => p.paperId), [idOf('LAION-5B')]);
    assert.deepEqual(index.locations(idOf('DataComp')), []);
    index.update('dir/x.md', 'DataComp');
    index.update('dir/y.md', 'DataComp');
    index.update('dirx.md', 'DataComp');
    // A deleted folder: its files go, a file whose name merely starts the same stays.
    assert.equal(index.removeUnder('dir'), true);
    assert.equal(index.has('dir/x.md') || index.has('dir/y.md'), false);
    assert.equal(index.has('dirx.md'), true);
    assert.equal(index.removeUnder('dir'), false);
    assert.equal(index.removeUnder('dirx.md'), true);
    assert.equal(index.has('dirx.md'), false);
  });

  it('leaves the version alone when a file that mentioned nothing still mentions nothing', () => {
    const index = new WorkspaceIndex(readerOf());
    index.update('a.md', 'plain');
    const v = index.version;
    index.update('a.md', 'still plain');
    assert.equal(index.version, v);
  });

  it('detects binary data by a NUL byte near the start, and binary file names', () => {
    assert.equal(looksBinary(new Uint8Array([68, 97, 0, 116])), true);
    assert.equal(looksBinary(new TextEncoder().encode('DataComp')), false);
    const late = new Uint8Array(20_000).fill(65);
    late[10_000] = 0;
    assert.equal(looksBinary(late), false, 'only the first 8 KB are probed');
    assert.equal(looksBinary('Data\0Comp'), true);
    assert.equal(isBinaryPath('figures/plot.PNG'), true);
    assert.equal(isBinaryPath('notes.md'), false);
    assert.equal(isBinaryPath('dir.png/notes'), false);
    const index = new WorkspaceIndex(readerOf());
    index.update('a.md', 'DataComp\0');
    assert.deepEqual(index.papers(), []);
  });

  it('implies the citation syntax from the file name', () => {
    assert.equal(dialectOfPath('/w/notes.MD'), 'markdown');
    assert.equal(dialectOfPath('/w/paper.tex'), 'latex');
    assert.equal(dialectOfPath('/w/refs.bib'), undefined);
    assert.equal(dialectOfPath('/w/train.py'), 'code');
  });
});

describe('workspace index run', function () {
  this.timeout(60_000);
  const encode = (text: string) => new TextEncoder().encode(text);
  const task = (file: string, read: () => Promise<FileRead>): IndexTask => ({ file, read });

  it('indexes texts and bytes, skips binary, oversized and unreadable files, and yields between slices', async () => {
    const index = new WorkspaceIndex(readerOf());
    index.update('gone.md', 'DataComp');
    let clock = 0;
    let yields = 0;
    const progress: number[] = [];
    const stats = await runIndex(
      index,
      [
        task('a.md', async () => ({ text: 'DataComp' })),
        task('b.md', async () => ({ bytes: encode('[@laion5b]') })),
        task('c.bin', async () => ({ bytes: new Uint8Array([1, 0, 2]) })),
        task('d.md', async () => ({ skipped: 'large' })),
        task('e.md', async () => ({ bytes: encode(`DataComp ${'x'.repeat(100)}`) })),
        task('gone.md', () => Promise.reject(new Error('EACCES'))),
      ],
      {
        maxBytes: 50,
        sliceMs: 2,
        // Each file takes one tick of this clock: the loop yields every second file.
        now: () => clock++ / 2,
        yieldNow: async () => {
          yields++;
        },
        progress: (done) => progress.push(done),
      },
    );
    assert.deepEqual({ ...stats, longestSliceMs: 0 }, { files: 6, indexed: 2, binary: 1, large: 2, unreadable: 1, chars: 18, yields, longestSliceMs: 0, cancelled: false });
    assert.ok(yields >= 2 && yields <= 6, `yields: ${yields}`);
    assert.equal(progress.at(-1), 6);
    assert.deepEqual(index.papers().map((p) => p.paperId).sort(), [idOf('DataComp'), idOf('LAION-5B')].sort());
    assert.equal(index.has('gone.md'), false, 'an unreadable file is forgotten');
    assert.equal(index.has('c.bin'), true, 'a binary file is known, with no mentions');
  });

  it('stops when cancelled and keeps what it has', async () => {
    const index = new WorkspaceIndex(readerOf());
    let done = 0;
    const stats = await runIndex(
      index,
      ['a.md', 'b.md', 'c.md'].map((f) => task(f, async () => ({ text: 'DataComp' }))),
      { cancelled: () => done >= 1, progress: (d) => (done = d), sliceMs: 0 },
    );
    assert.equal(stats.cancelled, true);
    assert.equal(stats.indexed, 1);
    assert.equal(index.filesMentioning(idOf('DataComp')), 1);
  });

  it('reads ahead: reads start before earlier files are scanned', async () => {
    const started: string[] = [];
    const index = new WorkspaceIndex(readerOf());
    const files = ['a.md', 'b.md', 'c.md', 'd.md'];
    let firstScanAt = -1;
    const original = index.update.bind(index);
    index.update = (file, text) => {
      if (firstScanAt < 0) firstScanAt = started.length;
      return original(file, text);
    };
    await runIndex(index, files.map((f) => task(f, async () => (started.push(f), { text: 'x' }))), { readAhead: 3 });
    assert.equal(firstScanAt, 4, 'the first file and the three after it were read before the first scan');
  });
});

describe('exclude globs', () => {
  it('joins the patterns that are on, expanding their own braces', () => {
    assert.equal(
      excludeGlob({ '**/.git': true, '**/off': false, '**/when': { when: '$(basename).ts' } }, { '**/node_modules': true, '**/{dist,out}/**': true }),
      '{**/.git,**/node_modules,**/dist/**,**/out/**}',
    );
    assert.equal(excludeGlob({ '**/.git': true }, undefined), '**/.git');
    assert.equal(excludeGlob(undefined, {}), undefined);
  });

  it('matches a path with glob metacharacters in it one character at a time', () => {
    assert.equal(globMatching('notes[1] {draft}, v2?*.md'), 'notes?1? ?draft?, v2??.md');
    assert.equal(globMatching('plain/path.md'), 'plain/path.md');
  });

  it('expands nested braces', () => {
    assert.deepEqual(expandBraces('a{b,c{d,e}}f'), ['abf', 'acdf', 'acef']);
    assert.deepEqual(expandBraces('{x,y}/{1,2}'), ['x/1', 'x/2', 'y/1', 'y/2']);
    assert.deepEqual(expandBraces('open{brace'), ['open{brace']);
  });
});

describe('hover card file count', () => {
  const commands = { openPaper: 'o', revealPaper: 'r', copyCitation: 'c', notThisPaper: 'n', showMentions: 'paperLens.showMentions' };
  const paper = { id: 'p', title: 'A [x](command:evil) Title', abstract: 'Abstract.', links: [] };
  it('links "Mentioned in N files" to the command with the paper, document and position, among the actions', () => {
    const md = renderHoverCard({ paper, topics: [], mentionedIn: { files: 3, uri: 'file:///w/a.md', line: 4, character: 2 } }, { abstractLength: 0, commands });
    const actions = md.split('\n\n')[1];
    const link = actions.match(/\[Mentioned in 3 files\]\((command:paperLens\.showMentions\?[^ )]+)/);
    assert.ok(link, actions);
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1].split('?')[1])), ['p', 'file:///w/a.md', 4, 2]);
    assert.equal(md.split('\n\n')[2], 'Abstract\\.');
  });

  it('says nothing when no file mentions the paper, and says "1 file" for one', () => {
    const none = renderHoverCard({ paper, topics: [], mentionedIn: { files: 0, uri: 'u', line: 0, character: 0 } }, { abstractLength: 0, commands });
    assert.ok(!none.includes('Mentioned in'));
    const one = renderHoverCard({ paper, topics: [], mentionedIn: { files: 1, uri: 'u', line: 0, character: 0 } }, { abstractLength: 0, commands });
    assert.ok(one.includes('[Mentioned in 1 file]('));
  });
});

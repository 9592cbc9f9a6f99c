import { strict as assert } from 'node:assert';
import type { Corpus } from '../../src/core/corpus';
import { finishSteps } from '../../src/core/steps';
import { alphabeticalSteps, corpusFromSources, groupBySource, groupBySourceSteps, isBundledPaper, libraryTitlesOnly, loadSources, parseLibraryFiles } from '../../src/core/sources';
import type { Paper } from '../../src/core/types';
import { bundledCorpus, bundledSeeds, LISTING, readListing } from './helpers';

const bundled = { file: LISTING, text: readListing() };

const BIB = [
  '@inproceedings{fang2024dfn,',
  '  title = {Data {Filtering} Networks},',
  '  author = {Fang, Alex and M{\\"u}ller, Jana},',
  '  year = {2024}',
  '}',
  '@misc{broken, title = {Never Closed},',
  '@article{ho2020ddpm,',
  '  title = {Denoising Diffusion Probabilistic Models},',
  '  author = {Ho, Jonathan and Jain, Ajay and Abbeel, Pieter},',
  '  year = {2020}',
  '}',
].join('\n');

const CSL = JSON.stringify([
  { id: 'ho-ddpm', type: 'article-journal', title: 'Denoising diffusion probabilistic models', DOI: '10.0000/ddpm', issued: { 'date-parts': [[2020]] } },
  { id: 'vaswani2017', type: 'paper-conference', title: 'Attention Is All You Need', author: [{ given: 'Ashish', family: 'Vaswani' }], issued: { 'date-parts': [[2017]] } },
]);

const LISTING_TEXT = [
  'A Listing Paper About Sparse Retrieval',
  '',
  'We study sparse retrieval with learned term weights and show that it matches dense retrieval on several benchmarks while using far less memory.',
  '',
].join('\n');

describe('loadSources: the bundled corpus and library files as one corpus', () => {
  const files = [
    { file: 'refs.bib', input: BIB },
    { file: 'more.json', input: CSL },
    { file: 'notes.txt', input: LISTING_TEXT },
  ];
  let corpus: Corpus, problems: ReturnType<typeof loadSources>['problems'], reference: Corpus;
  beforeEach(() => {
    ({ corpus, problems } = loadSources({ bundled, files, ...bundledSeeds() }));
    reference = bundledCorpus();
  });

  it('keeps every bundled paper first, with its id, and adds each new paper once', () => {
    assert.deepEqual(corpus.papers.slice(0, reference.papers.length).map((p) => p.id), reference.papers.map((p) => p.id));
    const added = corpus.papers.slice(reference.papers.length).map((p) => p.title);
    assert.deepEqual(added, ['Denoising Diffusion Probabilistic Models', 'Attention Is All You Need', 'A Listing Paper About Sparse Retrieval']);
  });

  it('picks the reader by extension: BibTeX authors decoded, CSL-JSON fields, listing abstract', () => {
    const ddpm = corpus.find('Denoising Diffusion Probabilistic Models')!;
    assert.deepEqual(ddpm.authors, ['Jonathan Ho', 'Ajay Jain', 'Pieter Abbeel']);
    assert.deepEqual(ddpm.keys, ['ho2020ddpm', 'ho-ddpm']);
    assert.equal(ddpm.doi, '10.0000/ddpm');
    assert.deepEqual(ddpm.sources?.map((s) => [s.file, s.format]), [['refs.bib', 'bibtex'], ['more.json', 'csl-json']]);
    assert.deepEqual(corpus.find('vaswani2017')?.authors, ['Ashish Vaswani']);
    assert.match(corpus.find('A Listing Paper About Sparse Retrieval')!.abstract, /^We study sparse retrieval/);
  });

  it('merges a library entry into the bundled paper of the same title', () => {
    const dfn = corpus.get('data-filtering-networks')!;
    assert.deepEqual(dfn.authors, ['Alex Fang', 'Jana Müller']);
    assert.equal(dfn.year, 2024);
    assert.equal(dfn.abstract, reference.get('data-filtering-networks')!.abstract);
  });

  it('reports the broken entry with its file and line, and loads the entries after it', () => {
    const errors = problems.filter((p) => p.severity === 'error');
    assert.deepEqual(errors.map((p) => [p.file, p.line]), [['refs.bib', 6]]);
    assert.match(errors[0].message, /\S/);
    assert.deepEqual(corpus.problems, problems);
  });

  it('finds a paper by any of its citation keys, with or without @, in any letter case', () => {
    const ddpm = corpus.find('Denoising Diffusion Probabilistic Models')!;
    for (const key of ['ho2020ddpm', '@ho2020ddpm', 'HO2020DDPM', 'ho-ddpm']) assert.equal(corpus.find(key), ddpm, key);
    assert.equal(corpus.find('fang2024dfn')?.id, 'data-filtering-networks');
    assert.equal(corpus.find('nokey2020'), undefined);
  });
});

describe('corpusFromSources with a damaged bundled listing', () => {
  it('reports the listing\'s problems as errors and keeps its other papers', () => {
    // The second title has no abstract after it: the listing parser reports it.
    const text = `${LISTING_TEXT}\nA Title With No Abstract\n\nAnother Title Right After It\n\n`;
    const { corpus, problems } = corpusFromSources({ bundled: { file: 'damaged.txt', text }, libraries: [], ...bundledSeeds() });
    assert.ok(corpus.papers.some((p) => p.title === 'A Listing Paper About Sparse Retrieval'));
    assert.ok(problems.length > 0, 'the damaged entry is reported');
    assert.ok(problems.every((p) => p.file === 'damaged.txt' && p.severity === 'error' && p.line > 0), JSON.stringify(problems));
  });
});

describe('corpusFromSources without the bundled corpus', () => {
  it('holds only the library papers, and reports a key that names two papers in two files', () => {
    const libraries = parseLibraryFiles([
      { file: 'a.bib', input: '@misc{same, title = {First Paper Title Here}}\n' },
      { file: 'b.bib', input: '\n@misc{same, title = {Second Paper Title Here}}\n' },
    ]);
    const { corpus, problems } = corpusFromSources({ libraries, ...bundledSeeds() });
    assert.deepEqual(corpus.papers.map((p) => p.title), ['First Paper Title Here', 'Second Paper Title Here']);
    assert.deepEqual(problems.map((p) => [p.file, p.line, p.severity]), [['b.bib', 2, 'warning']]);
  });

  it('reads a file whose extension says nothing by its first character', () => {
    const libraries = parseLibraryFiles([{ file: 'export', input: CSL }]);
    assert.equal(libraries[0].format, 'csl-json');
    assert.equal(libraries[0].entries.length, 2);
  });
});

describe('groupBySource', () => {
  const paper = (id: string, files: string[]): Paper => ({
    id,
    title: id,
    abstract: '',
    links: [],
    ...(files.length ? { sources: files.map((file, i) => ({ file, line: i + 1, format: 'bibtex' as const })) } : {}),
  });

  it('groups papers by library file in order of first appearance, then the bundled ones, a paper in two files in both', () => {
    const papers = [
      paper('bundled-only', []),
      paper('bundled-and-b', ['seeds/listing.txt', 'b.bib']),
      paper('a-and-b', ['a.bib', 'b.bib']),
      paper('a-twice', ['a.bib', 'a.bib']),
      paper('c', ['c.json']),
    ];
    const groups = groupBySource(papers, 'seeds/listing.txt').map((g) => [g.file, g.papers.map((p) => p.id)]);
    assert.deepEqual(groups, [
      ['b.bib', ['bundled-and-b', 'a-and-b']],
      ['a.bib', ['a-and-b', 'a-twice']],
      ['c.json', ['c']],
      [undefined, ['bundled-only', 'bundled-and-b']],
    ]);
  });

  it('tells a bundled paper (no library source, or the bundled listing among them) from a library one, as the groups do', () => {
    assert.deepEqual(
      [paper('bundled-only', []), paper('bundled-and-b', ['seeds/listing.txt', 'b.bib']), paper('a', ['a.bib']), paper('ab', ['a.bib', 'b.bib'])].map((p) => isBundledPaper(p, 'seeds/listing.txt')),
      [true, true, false, false],
    );
  });

  it('leaves out every name but the title of a library paper, for libraryNames: titles', () => {
    const papers = new Map([paper('bundled', []), paper('both', ['seeds/listing.txt', 'a.bib']), paper('lib', ['a.bib'])].map((p) => [p.id, p]));
    const out = libraryTitlesOnly((id) => papers.get(id), 'seeds/listing.txt');
    assert.deepEqual(
      ['bundled', 'both', 'lib', 'unknown'].flatMap((id) => (['title', 'short', 'method', 'phrase'] as const).map((kind) => out(id, 'X', kind))),
      [false, false, false, false, false, false, false, false, false, true, true, true, false, false, false, false],
    );
  });

  it('has no bundled group when every paper comes from a library, and no groups for no papers', () => {
    assert.deepEqual(groupBySource([paper('x', ['a.bib'])], 'seeds/listing.txt').map((g) => g.file), ['a.bib']);
    assert.deepEqual(groupBySource([], 'seeds/listing.txt'), []);
  });

  it('groups in steps as at once, pausing through many papers', () => {
    const many = Array.from({ length: 3000 }, (_, k) => paper(`p${k}`, k % 3 === 0 ? [] : [`lib${k % 5}.bib`]));
    const steps = groupBySourceSteps(many, 'seeds/listing.txt');
    let pauses = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) pauses++;
    assert.ok(pauses > 1, `${pauses} pauses`);
    assert.deepEqual(next.value, groupBySource(many, 'seeds/listing.txt'));
  });

  it('puts the whole bundled corpus in one bundled group', () => {
    const groups = groupBySource(bundledCorpus().papers, LISTING);
    assert.equal(groups.length, 1);
    assert.equal(groups[0].file, undefined);
    assert.equal(groups[0].papers.length, bundledCorpus().papers.length);
  });
});

describe('alphabeticalSteps', () => {
  const titled = (id: string, title: string): Paper => ({ id, title, abstract: '', links: [] });

  it('orders titles A to Z past leading punctuation, without case or accents, numbers by value, ties in corpus order', () => {
    const papers = [
      titled('zeta', 'Zeta Networks'),
      titled('quoted', '"Attention Revisited'),
      titled('v10', 'Version 10 of a Model'),
      titled('v9', 'Version 9 of a Model'),
      titled('accent', 'Émile: Embeddings'),
      titled('lower', 'attention revisited'),
      titled('e', 'Embeddings'),
    ];
    const order = finishSteps(alphabeticalSteps(papers)).map((p) => p.id);
    assert.deepEqual(order, ['quoted', 'lower', 'e', 'accent', 'v9', 'v10', 'zeta']);
    // All the leading punctuation goes, and only that: the spaces inside a title still count.
    const more = [titled('beta', '"(Beta'), titled('alpha', 'Alpha'), titled('ab', 'Ab Cat Model'), titled('a', 'A Zebra Model')];
    assert.deepEqual(
      finishSteps(alphabeticalSteps(more)).map((p) => p.id),
      ['a', 'ab', 'alpha', 'beta'],
    );
  });

  it('sorts many papers in steps, as a plain sort with the same comparison would', () => {
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    const papers = Array.from({ length: 9000 }, (_, k) => titled(`p${k}`, `${['Ä', 'a', 'B', '(c', '1', '10'][k % 6]} paper ${(k * 7919) % 9001}`));
    const key = (p: Paper) => p.title.replace(/^[^\p{L}\p{N}]+/u, '');
    const steps = alphabeticalSteps(papers);
    let pauses = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) pauses++;
    assert.ok(pauses > 2, `${pauses} pauses`);
    assert.deepEqual(
      next.value.map((p) => p.id),
      [...papers].sort((a, b) => collator.compare(key(a), key(b))).map((p) => p.id),
    );
  });
});

import { strict as assert } from 'node:assert';
import { libraryFormatOf, originalEntry, parseLibrary } from '../../src/core/library';
import { parseBibtex } from '../../src/core/library/bibtex';
import { parseCslJson } from '../../src/core/library/cslJson';
import { mergeLibraries } from '../../src/core/library/merge';
import { paperId } from '../../src/core/paperIds';
import type { Paper } from '../../src/core/types';
import { BUNDLED_PAPER_COUNT, bundledCorpus, readListing } from './helpers';
import { fixture } from './libraryHelpers';

describe('mergeLibraries with the bundled corpus', () => {
  let bundled: readonly Paper[];
  const bib = [
    '@inproceedings{fang2024dfn,',
    '  title = {Data {Filtering} Networks},',
    '  author = {Fang, Alex and Jose, Albin Madappally and Jain, Amit},',
    '  booktitle = {ICLR},',
    '  year = {2024},',
    '  doi = {10.0000/dfn}',
    '}',
    '@misc{dfn2023, title = {Data filtering networks}, eprint = {2309.17425}, archivePrefix = {arXiv}, keywords = {data, filtering}}',
    '@misc{new1, title = {A Paper Only the Library Has}, author = {Doe, Jane}, year = 2021,',
    '  abstract = {We release code at https://github.com/jane/paper.}}',
  ].join('\n');
  let library: ReturnType<typeof parseBibtex>;
  let papers: readonly Paper[], problems: ReturnType<typeof mergeLibraries>['problems'], dfn: Paper;
  beforeEach(() => {
    bundled = bundledCorpus().papers;
    library = parseBibtex(bib, 'mine.bib');
    ({ papers, problems } = mergeLibraries(bundled, [library]));
    dfn = papers.find((p) => p.id === 'data-filtering-networks')!;
  });

  it('keeps every bundled paper, in order, with its id, and adds only the new paper', () => {
    assert.deepEqual(problems, []);
    assert.equal(papers.length, bundled.length + 1);
    assert.deepEqual(papers.slice(0, bundled.length).map((p) => p.id), bundled.map((p) => p.id));
    assert.equal(papers.filter((p) => p.title.toLowerCase() === 'data filtering networks').length, 1);
  });

  it('leaves a bundled paper no library names exactly as it was', () => {
    const other = bundled.find((p) => p.id !== 'data-filtering-networks')!;
    assert.equal(papers.find((p) => p.id === other.id), other);
  });

  it('gives a matched paper the fields of all its sources: library authors and year, bundled title and abstract', () => {
    const original = bundled.find((p) => p.id === 'data-filtering-networks')!;
    assert.equal(dfn.title, original.title);
    assert.equal(dfn.abstract, original.abstract);
    assert.deepEqual(dfn.links, original.links);
    assert.deepEqual(dfn.authors, ['Alex Fang', 'Albin Madappally Jose', 'Amit Jain']);
    assert.equal(dfn.year, 2024);
    assert.equal(dfn.venue, 'ICLR');
    assert.equal(dfn.doi, '10.0000/dfn');
    assert.equal(dfn.arxivId, '2309.17425');
    assert.deepEqual(dfn.keywords, ['data', 'filtering']);
    assert.equal(dfn.entryType, 'inproceedings');
    assert.deepEqual(dfn.source, original.source);
  });

  it('keeps both keys of two entries for the same paper, and every source with its line', () => {
    assert.deepEqual(dfn.keys, ['fang2024dfn', 'dfn2023']);
    assert.deepEqual(
      dfn.sources!.map((s) => [s.format, s.file, s.line, s.key]),
      [
        ['listing', 'seeds/daily-papers-listing.txt', original().source!.line, undefined],
        ['bibtex', 'mine.bib', 1, 'fang2024dfn'],
        ['bibtex', 'mine.bib', 8, 'dfn2023'],
      ],
    );
    function original() {
      return bundled.find((p) => p.id === 'data-filtering-networks')!;
    }
  });

  it('gives a new paper an id from its title, its own fields, and the links of its abstract', () => {
    const fresh = papers[papers.length - 1];
    assert.equal(fresh.id, paperId('A Paper Only the Library Has'));
    assert.deepEqual(fresh.authors, ['Jane Doe']);
    assert.equal(fresh.year, 2021);
    assert.deepEqual(fresh.links, ['https://github.com/jane/paper']);
    assert.deepEqual(fresh.keys, ['new1']);
    assert.deepEqual(fresh.source, { file: 'mine.bib', line: 9 });
  });

  it('copies the original entry text back from the file by the source offsets', () => {
    const source = dfn.sources![1];
    assert.equal(originalEntry(bib, source), bib.slice(0, bib.indexOf('\n@misc{dfn2023')));
    assert.equal(originalEntry(bib.replace('fang2024dfn', 'renamed'), source), undefined);
  });
});

describe('mergeLibraries between libraries', () => {
  it('merges the arXiv and the conference entry of a paper, keeping both keys', () => {
    const { papers } = mergeLibraries([], [parseBibtex(fixture('better-bibtex-arxiv.bib'), 'refs.bib')]);
    assert.equal(papers.length, 4);
    const spectral = papers.find((p) => p.title === 'Spectral Normalization for Generative Adversarial Networks')!;
    assert.deepEqual(spectral.keys, ['miyato_spectral_normalization_2018', 'miyato_spectral_normalization_2018a']);
    assert.equal(spectral.arxivId, '1802.05957');
    assert.equal(spectral.venue, 'International Conference on Learning Representations');
    assert.equal(spectral.url, 'http://arxiv.org/abs/1802.05957');
    assert.equal(spectral.entryType, 'unpublished');
    assert.deepEqual(spectral.sources!.map((s) => s.line), [66, 81]);
    const delving = papers.find((p) => p.title.startsWith('Delving Deep'))!;
    assert.deepEqual(delving.keys, ['arXiv.org_preprinthe_delving_deep_into_rectifiers_2015', 'he_delving_deep_2015']);
    assert.equal(delving.venue, 'Proceedings of the IEEE International Conference on Computer Vision');
  });

  it('matches by DOI or arXiv id even when the titles differ, and fills what the first entry lacks', () => {
    const a = parseBibtex('@article{a, title = {Attention Is All You Need}, doi = {10.5555/3295222}}\n@misc{b, title = {Attention is all you need (preprint)}, eprint = {1706.03762}, archiveprefix = {arXiv}}', 'a.bib');
    const b = parseCslJson(JSON.stringify([
      { id: 'c', title: 'Attention is All you Need.', DOI: '10.5555/3295222', author: [{ family: 'Vaswani', given: 'Ashish' }], issued: { 'date-parts': [[2017]] } },
      { id: 'd', title: 'Transformers', URL: 'https://arxiv.org/abs/1706.03762' },
    ]), 'b.json');
    const { papers } = mergeLibraries([], [a, b]);
    assert.deepEqual(papers.map((p) => [p.title, p.keys]), [
      ['Attention Is All You Need', ['a', 'c']],
      ['Attention is all you need (preprint)', ['b', 'd']],
    ]);
    assert.deepEqual(papers[0].authors, ['Ashish Vaswani']);
    assert.equal(papers[0].year, 2017);
    assert.deepEqual(papers[0].sources!.map((s) => s.format), ['bibtex', 'csl-json']);
  });

  it('keeps two papers with the same title but different DOIs apart, with distinct ids', () => {
    const lib = parseBibtex('@article{x, title = {Introduction}, doi = {10.1000/one}}\n@article{y, title = {Introduction}, doi = {10.1000/two}}', 'i.bib');
    const { papers } = mergeLibraries([], [lib]);
    assert.deepEqual(papers.map((p) => p.id), ['introduction', 'introduction-y']);
  });

  it('warns when one key names two different papers in different files', () => {
    const one = parseBibtex('@article{smith2020, title = {First Paper}}', 'one.bib');
    const two = parseBibtex('@article{smith2020, title = {Second Paper}}', 'two.bib');
    const { papers, problems } = mergeLibraries([], [one, two]);
    assert.equal(papers.length, 2);
    assert.deepEqual(problems.map((p) => [p.file, p.line, p.severity, p.message]), [
      ['two.bib', 1, 'warning', 'the key "smith2020" also names "First Paper" (one.bib:1); both papers are kept'],
    ]);
  });
});

describe('parseLibrary', () => {
  it('chooses the format by extension, else by the first character', () => {
    assert.equal(libraryFormatOf('refs.bib'), 'bibtex');
    assert.equal(libraryFormatOf('refs.BibLaTeX'), 'bibtex');
    assert.equal(libraryFormatOf('refs.json'), 'csl-json');
    assert.equal(libraryFormatOf('papers.txt'), 'listing');
    assert.equal(libraryFormatOf('refs', '\n  @article{a,'), 'bibtex');
    assert.equal(libraryFormatOf('refs', '[{"id": "a"}]'), 'csl-json');
  });

  it('reads a Daily Papers listing as entries, like the bundled corpus', () => {
    const { entries, problems, format } = parseLibrary(readListing(), 'listing.txt');
    assert.equal(format, 'listing');
    assert.deepEqual(problems, []);
    assert.equal(entries.length, BUNDLED_PAPER_COUNT);
    assert.deepEqual(
      entries.map((e) => e.title),
      bundledCorpus().papers.map((p) => p.title),
    );
    assert.equal(entries[0].line, 13);
  });

  it('turns a listing with no papers into one problem rather than an exception', () => {
    assert.deepEqual(parseLibrary('just\n\nshort lines\n', 'empty.txt').problems, [
      { file: 'empty.txt', line: 1, message: 'no papers found: expected a title line, a blank line, then an abstract paragraph, for each paper', severity: 'error' },
    ]);
  });

  it('merges a listing paper that is also bundled into the bundled one', () => {
    const bundled = bundledCorpus().papers;
    const { papers } = mergeLibraries(bundled, [parseLibrary(readListing(), 'copy.txt')]);
    assert.equal(papers.length, bundled.length);
    assert.deepEqual(papers[0].sources!.map((s) => [s.file, s.format]), [
      ['seeds/daily-papers-listing.txt', 'listing'],
      ['copy.txt', 'listing'],
    ]);
  });
});

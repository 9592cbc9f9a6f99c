import { strict as assert } from 'node:assert';
import { libraryFormatOf, originalEntry, parseLibrary } from '../../src/core/library';
import { parseBibtex } from '../../src/core/library/bibtex';
import { parseCslJson } from '../../src/core/library/cslJson';
import { mergeLibraries, mergeLibrariesSteps } from '../../src/core/library/merge';
import { paperId } from '../../src/core/paperIds';
import type { LibraryEntry, LibraryParse } from '../../src/core/library/entry';
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
    assert.deepEqual(parseLibrary('just\n\nshort lines\n', 'empty.txt'), {
      file: 'empty.txt',
      format: 'listing',
      entries: [],
      problems: [{ file: 'empty.txt', line: 1, message: 'no papers found: expected a title line, a blank line, then an abstract paragraph, for each paper', severity: 'error' }],
    });
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

/** A library of one file from small entries; each entry's line is its place in the list. */
function libraryOf(file: string, entries: Array<Partial<LibraryEntry> & { title: string }>): LibraryParse {
  return {
    file,
    format: 'bibtex',
    problems: [],
    entries: entries.map((e, i) => ({ type: 'article', authors: [], abstract: '', keywords: [], format: 'bibtex', file, line: i + 1, ...e })),
  };
}

/** A known paper, as the bundled corpus or an earlier merge gives it. */
function knownPaper(fields: Partial<Paper> & { title: string }): Paper {
  return { id: paperId(fields.title), abstract: '', links: [], source: { file: 'seed.txt', line: 1 }, ...fields };
}

describe('mergeLibraries matching', () => {
  it('matches by DOI in any letter case, whatever the title', () => {
    const known = knownPaper({ title: 'Alpha', doi: '10.1000/ABC' });
    const { papers } = mergeLibraries([known], [libraryOf('a.bib', [{ key: 'k', title: 'Beta', doi: '10.1000/abc', arxivId: '2101.00001' }])]);
    assert.deepEqual(papers.map((p) => [p.id, p.title, p.doi, p.arxivId, p.keys]), [['alpha', 'Alpha', '10.1000/ABC', '2101.00001', ['k']]]);
  });

  it('matches by arXiv id unless the DOIs differ', () => {
    const known = knownPaper({ title: 'Gamma', arxivId: '2101.00001', doi: '10.1000/a' });
    const { papers } = mergeLibraries([known], [
      libraryOf('g.bib', [
        { key: 'same', title: 'Gamma, the preprint', arxivId: '2101.00001' },
        { key: 'other', title: 'Gamma, the erratum', arxivId: '2101.00001', doi: '10.1000/b' },
      ]),
    ]);
    assert.deepEqual(papers.map((p) => [p.title, p.keys]), [['Gamma', ['same']], ['Gamma, the erratum', ['other']]]);
  });

  it('matches an arXiv id to the first paper that has it', () => {
    const { papers } = mergeLibraries([], [
      libraryOf('s.bib', [
        { key: 'a', title: 'Sigma', arxivId: '2101.00004', doi: '10.1000/s1' },
        { key: 'b', title: 'Sigma, corrected', arxivId: '2101.00004', doi: '10.1000/s2' },
        { key: 'c', title: 'Sigma preprint', arxivId: '2101.00004' },
      ]),
    ]);
    assert.deepEqual(papers.map((p) => [p.title, p.keys]), [['Sigma', ['a', 'c']], ['Sigma, corrected', ['b']]]);
  });

  it('matches an arXiv id whose paper has no DOI yet, and gives the paper the DOI', () => {
    const { papers } = mergeLibraries([knownPaper({ title: 'Eta', arxivId: '2101.00009' })], [libraryOf('e.bib', [{ title: 'Eta!', arxivId: '2101.00009', doi: '10.1000/eta' }])]);
    assert.deepEqual(papers.map((p) => [p.title, p.doi]), [['Eta', '10.1000/eta']]);
  });

  it('matches by title in any case and spacing only when no identifier differs', () => {
    const known = [knownPaper({ title: 'Delta  Net', arxivId: '2101.00002' }), knownPaper({ title: 'Epsilon', doi: '10.1000/e' })];
    const { papers } = mergeLibraries(known, [
      libraryOf('d.bib', [
        { key: 'd1', title: 'delta net' },
        { key: 'd2', title: 'DELTA Net', arxivId: '2101.00003' },
        { title: 'Epsilon', doi: '10.1000/other' },
        { title: 'Epsilon', doi: '10.1000/E' },
      ]),
    ]);
    assert.deepEqual(papers.map((p) => [p.id, p.keys, p.sources?.map((s) => s.line)]), [
      ['delta-net', ['d1'], [1, 1]],
      ['epsilon', undefined, [1, 4]],
      ['delta-net-d2', ['d2'], [2]],
      ['epsilon-2', undefined, [3]],
    ]);
  });

  it('matches titles that differ only in their quotation marks and apostrophes', () => {
    const known = [knownPaper({ title: '“Cloze procedure”: A new tool for measuring readability' }), knownPaper({ title: 'Don’t Stop Pretraining' })];
    const { papers } = mergeLibraries(known, [
      libraryOf('q.bib', [
        { key: 'taylor1953', title: '"Cloze procedure": A new tool for measuring readability' },
        { key: 'gururangan2020', title: "Don't Stop Pretraining" },
        { key: 'other', title: 'Cloze procedure: A new tool for measuring readability' },
      ]),
    ]);
    assert.deepEqual(papers.map((p) => p.keys), [['taylor1953', 'other'], ['gururangan2020']]);
  });

  it('joins a later entry to the first paper that took a title', () => {
    const { papers } = mergeLibraries([], [
      libraryOf('t.bib', [
        { key: 'a', title: 'Theta', doi: '10.1000/one' },
        { key: 'b', title: 'Theta', doi: '10.1000/two' },
        { key: 'c', title: 'theta' },
      ]),
    ]);
    assert.deepEqual(papers.map((p) => [p.id, p.keys]), [['theta', ['a', 'c']], ['theta-b', ['b']]]);
  });

  it('numbers ids when the title and the key are both taken', () => {
    const { papers } = mergeLibraries([knownPaper({ title: 'Iota', doi: '10.1000/i0' }), knownPaper({ title: 'Iota k', id: 'iota-k' })], [
      libraryOf('i.bib', [
        { key: 'K', title: 'Iota', doi: '10.1000/i1' },
        { title: 'Iota', doi: '10.1000/i2' },
      ]),
    ]);
    assert.deepEqual(papers.map((p) => p.id), ['iota', 'iota-k', 'iota-2', 'iota-3']);
  });
});

describe('mergeLibraries precedence', () => {
  it('keeps the first source\'s fields and fills only what is missing, in library order', () => {
    const known = knownPaper({ title: 'Kappa', venue: 'Known Venue', authors: [], keywords: ['k1'] });
    const first = libraryOf('1.bib', [
      { key: 'one', type: 'inproceedings', title: 'Kappa', venue: 'First Venue', year: 2020, authors: ['Ann A'], abstract: 'See https://one.org/code.', url: 'https://one.org', keywords: ['k2', 'k1'] },
    ]);
    const second = libraryOf('2.bib', [
      { key: 'two', type: 'misc', title: 'Kappa', venue: 'Second Venue', year: 2021, authors: ['Bob B'], abstract: 'Other.', url: 'https://two.org', doi: '10.1000/k', keywords: ['k3', 'k2'] },
    ]);
    const [p] = mergeLibraries([known], [first, second]).papers;
    assert.equal(p.venue, 'Known Venue');
    assert.equal(p.year, 2020);
    assert.deepEqual(p.authors, ['Ann A']);
    assert.equal(p.abstract, 'See https://one.org/code.');
    assert.deepEqual(p.links, ['https://one.org/code']);
    assert.equal(p.url, 'https://one.org');
    assert.equal(p.doi, '10.1000/k');
    assert.equal(p.entryType, 'inproceedings');
    assert.deepEqual(p.keywords, ['k1', 'k2', 'k3']);
    assert.deepEqual(p.keys, ['one', 'two']);
    assert.deepEqual(p.source, { file: 'seed.txt', line: 1 });
    assert.deepEqual(p.sources!.map((s) => [s.file, s.format, s.key]), [['seed.txt', 'listing', undefined], ['1.bib', 'bibtex', 'one'], ['2.bib', 'bibtex', 'two']]);
  });

  it('keeps a known paper\'s authors and the links of its own abstract', () => {
    const known = knownPaper({ title: 'Lambda', abstract: 'Code at https://known.org/x.', links: ['https://known.org/x'], authors: ['Kim K'] });
    const [p] = mergeLibraries([known], [libraryOf('l.bib', [{ title: 'Lambda', abstract: 'Other https://lib.org/y.', authors: ['Lee L'] }])]).papers;
    assert.equal(p.abstract, 'Code at https://known.org/x.');
    assert.equal(p.links, known.links);
    assert.deepEqual(p.authors, ['Kim K']);
  });

  it('gives a new paper only the fields its entry has, its source with offsets, and none that are empty', () => {
    const [p] = mergeLibraries([], [libraryOf('n.bib', [{ key: 'n', title: 'Mu', start: 10, end: 30, line: 3 }])]).papers;
    assert.deepEqual(p, {
      id: 'mu',
      title: 'Mu',
      abstract: '',
      links: [],
      source: { file: 'n.bib', line: 3 },
      entryType: 'article',
      keys: ['n'],
      sources: [{ file: 'n.bib', line: 3, format: 'bibtex', key: 'n', start: 10, end: 30 }],
    });
  });

  it('adds to a paper merged before without repeating its sources, and returns it unchanged when nothing joins', () => {
    const merged = mergeLibraries([], [libraryOf('a.bib', [{ key: 'a', title: 'Nu' }]), libraryOf('b.bib', [{ key: 'xi', title: 'Xi' }])]).papers;
    const again = mergeLibraries(merged, [libraryOf('c.bib', [{ key: 'a2', title: 'NU' }, { key: 'a', title: 'nu' }])]);
    assert.deepEqual(again.problems, []);
    assert.deepEqual(again.papers[0].keys, ['a', 'a2']);
    assert.deepEqual(again.papers[0].sources!.map((s) => [s.file, s.line]), [['a.bib', 1], ['c.bib', 1], ['c.bib', 2]]);
    assert.equal(again.papers[1], merged[1]);
  });

  it('joins a known paper that has no source of its own with the entry as its only source', () => {
    const known: Paper = { id: 'omicron', title: 'Omicron', abstract: '', links: [] };
    const [p] = mergeLibraries([known], [libraryOf('o.bib', [{ title: 'Omicron', line: 7, year: 1999 }])]).papers;
    assert.deepEqual([p.source, p.sources, p.year], [{ file: 'o.bib', line: 7 }, [{ file: 'o.bib', line: 7, format: 'bibtex' }], 1999]);
  });

  it('names the source that holds the key in the warning, not the paper\'s first source', () => {
    const { problems } = mergeLibraries([knownPaper({ title: 'Tau' })], [libraryOf('1.bib', [{ key: 'K', title: 'Tau' }]), libraryOf('2.bib', [{ key: 'k', title: 'Upsilon' }])]);
    assert.deepEqual(problems.map((p) => p.message), ['the key "k" also names "Tau" (1.bib:1); both papers are kept']);
  });

  it('indexes the first of two known papers with the same DOI', () => {
    const known = [knownPaper({ title: 'Phi', doi: '10.1000/Q' }), knownPaper({ title: 'Chi', doi: '10.1000/q' })];
    const { papers } = mergeLibraries(known, [libraryOf('q.bib', [{ key: 'q', title: 'Psi', doi: '10.1000/q' }])]);
    assert.deepEqual(papers.map((p) => [p.title, p.keys]), [['Phi', ['q']], ['Chi', undefined]]);
  });

  it('warns about a key naming two papers in any case, but not about one paper named twice', () => {
    const { problems } = mergeLibraries([], [
      libraryOf('a.bib', [{ key: 'Smith', title: 'Pi' }]),
      libraryOf('b.bib', [{ key: 'smith', title: 'pi' }, { key: 'SMITH', title: 'Rho' }]),
    ]);
    assert.deepEqual(problems.map((p) => [p.file, p.line, p.message]), [['b.bib', 2, 'the key "SMITH" also names "Pi" (a.bib:1); both papers are kept']]);
  });
});

describe('parseLibrary and originalEntry, more', () => {
  it('chooses the format by extension in any case, not by a folder name, and after a byte-order mark', () => {
    assert.equal(libraryFormatOf('refs.BIBTEX'), 'bibtex');
    assert.equal(libraryFormatOf('refs.JSON', '@misc'), 'csl-json');
    assert.equal(libraryFormatOf('x.bib/refs', '{"items": []}'), 'csl-json');
    assert.equal(libraryFormatOf('refs', '\uFEFF@misc{a,'), 'bibtex');
    assert.equal(libraryFormatOf('refs', 'A title'), 'listing');
    assert.equal(libraryFormatOf('refs'), 'listing');
    assert.equal(libraryFormatOf('papers.txt', '@misc{a,'), 'listing');
  });

  it('reads bytes, and a format given explicitly', () => {
    const bib = '@misc{a, title = {A}}';
    assert.deepEqual(parseLibrary(Buffer.from(bib), 'refs').entries.map((e) => e.key), ['a']);
    assert.deepEqual(parseLibrary(Buffer.from('[{"id": "j", "title": "J"}]'), 'refs').entries.map((e) => [e.key, e.format]), [['j', 'csl-json']]);
    assert.equal(parseLibrary(bib, 'refs.txt', {}, 'bibtex').format, 'bibtex');
  });

  it('reads a small listing with the line of each paper, and a repeated paper as an error', () => {
    const abstract = (topic: string) => `We study ${topic} and show that they match dense models at a fraction of the cost on every benchmark we tried, with code.`;
    const text = ['Sparse Tiny Experts', '', abstract('sparse tiny experts'), '', 'Dense Huge Experts', '', abstract('dense huge experts'), '', 'Sparse Tiny Experts', '', abstract('sparse tiny experts'), ''].join('\n');
    const { entries, problems } = parseLibrary(Buffer.from(text), 'l.txt');
    assert.deepEqual(entries.map((e) => [e.title, e.line, e.type, e.format, e.file]), [
      ['Sparse Tiny Experts', 1, 'listing', 'listing', 'l.txt'],
      ['Dense Huge Experts', 5, 'listing', 'listing', 'l.txt'],
    ]);
    assert.deepEqual(entries[0], { type: 'listing', title: 'Sparse Tiny Experts', authors: [], abstract: abstract('sparse tiny experts'), keywords: [], format: 'listing', file: 'l.txt', line: 1 });
    assert.deepEqual(problems, [{ file: 'l.txt', line: 9, message: '"Sparse Tiny Experts" repeats the paper at line 1; skipped', severity: 'error' }]);
  });

  it('gives back an entry\'s text only while the file still has it there', () => {
    const text = '@misc{k, title={K}} {"id": "j"}';
    const bib = { file: 'f', line: 1, format: 'bibtex' as const, key: 'k', start: 0, end: 19 };
    assert.equal(originalEntry(text, bib), '@misc{k, title={K}}');
    assert.equal(originalEntry(text, { ...bib, key: undefined }), '@misc{k, title={K}}');
    assert.equal(originalEntry(text, { ...bib, start: undefined }), undefined);
    assert.equal(originalEntry(text, { ...bib, end: undefined }), undefined);
    assert.equal(originalEntry(text, { ...bib, end: text.length + 1 }), undefined);
    assert.equal(originalEntry(text, { ...bib, start: 1 }), undefined);
    assert.equal(originalEntry(text, { ...bib, key: 'x' }), undefined);
    const csl = { file: 'f', line: 1, format: 'csl-json' as const, key: 'j', start: 20, end: text.length };
    assert.equal(originalEntry(text, csl), '{"id": "j"}');
    assert.equal(originalEntry(text, { ...csl, key: undefined, start: 0, end: 19 }), undefined);
  });
});

describe('mergeLibrariesSteps', () => {
  it('merges as mergeLibraries does, yielding at least once per 256 papers (the web merges on the host thread)', () => {
    const bib = Array.from({ length: 2000 }, (_, i) => `@article{k${i}, title = {Paper Number ${i} on Things}, year = {${2000 + (i % 20)}}}`).join('\n');
    const libraries = [parseBibtex(bib, 'many.bib'), parseBibtex(bib.replace(/@article\{k/g, '@article{again'), 'again.bib')];
    const known = bundledCorpus().papers;
    const steps = mergeLibrariesSteps(known, libraries);
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    const expected = mergeLibraries(known, libraries);
    assert.deepEqual(step.value, expected);
    // The same titles in the second file are the same papers, under both keys.
    assert.equal(expected.papers.length, known.length + 2000);
    // Known papers, entries of both files, papers made: each a yield per 256.
    assert.ok(yields >= Math.floor((known.length + 4000 + known.length + 2000) / 256) - 3, `${yields} yields`);
  });
});

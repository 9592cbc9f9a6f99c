import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_CITATION_FORMATS, CiteKeyResolver, citationKey, formatCitation, paperKey } from '../../src/core/citations';
import { CSL_STYLE_FILES, CSL_STYLE_IDS, CslFormatter, cslItem, cslName } from '../../src/core/csl';
import { originalEntry } from '../../src/core/library';
import { parseBibtex } from '../../src/core/library/bibtex';
import { mergeLibraries } from '../../src/core/library/merge';
import { MORE_AUTHORS, type Paper } from '../../src/core/types';
import { BUNDLED_PAPER_COUNT, bundledCorpus, lazily, paperTitled, ROOT } from './helpers';

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** One engine set for the whole file (building APA's and Chicago's engines takes seconds). */
const csl = lazily(() => new CslFormatter(read));

const BIB = [
  '@article{hu2021lora,',
  '  title = {{LoRA}: Low-Rank Adaptation of Large Language Models},',
  '  author = {Hu, Edward J. and Shen, Yelong and Wallis, Phillip and van der Berg, Anna},',
  '  journal = {Journal of Machine Learning Research},',
  '  year = {2021},',
  '  doi = {10.5555/12345}',
  '}',
  '@misc{dettmers2023qlora,',
  '  title = {QLoRA: Efficient Finetuning of Quantized LLMs},',
  '  author = {Dettmers, Tim and Pagnoni, Artidoro},',
  '  year = {2023},',
  '  eprint = {2305.14314}, archivePrefix = {arXiv}',
  '}',
].join('\n');

/** Text no style may print: placeholders, empty brackets, a comma before nothing. */
const BROKEN = /undefined|null|NaN|\(\s*\)|\[\s*\]|“\s*”|,\s*[,.]|\s[,.;:](?!\S)|\.\s*\.(?!\.)/;

describe('CSL references', function () {
  this.timeout(120_000);
  let papers: readonly Paper[], lora: Paper, qlora: Paper, dataComp: Paper, lorat: Paper;
  beforeEach(() => {
    ({ papers } = mergeLibraries(bundledCorpus().papers, [parseBibtex(BIB, 'refs.bib')]));
    lora = papers.find((p) => p.keys?.includes('hu2021lora'))!;
    qlora = papers.find((p) => p.keys?.includes('dettmers2023qlora'))!;
    dataComp = paperTitled('DataComp:');
    lorat = paperTitled('Tracking Meets LoRA');
  });

  it('ships every style file and the locale, each under CC BY-SA', () => {
    for (const id of CSL_STYLE_IDS) assert.match(read(CSL_STYLE_FILES[id].file), /creativecommons\.org\/licenses\/by-sa\/3\.0/, id);
    assert.match(read('seeds/csl/locales-en-US.xml'), /creativecommons\.org\/licenses\/by-sa\/3\.0/);
  });

  it('splits names into given and family, particles with the family, one word as a literal', () => {
    assert.deepEqual(cslName('Edward J. Hu'), { given: 'Edward J.', family: 'Hu' });
    assert.deepEqual(cslName('Anna van der Berg'), { given: 'Anna', family: 'van der Berg' });
    assert.deepEqual(cslName('OpenAI'), { literal: 'OpenAI' });
    assert.deepEqual(cslName('Cuba Gooding Jr.'), { given: 'Cuba', family: 'Gooding', suffix: 'Jr.' });
    assert.deepEqual(cslName('Jr.'), { literal: 'Jr.' });
  });

  it('leaves the marker of more authors out of a CSL item, which has no "and others"', () => {
    const item = cslItem({ ...dataComp, authors: ['Radford M. Neal', MORE_AUTHORS], year: 2011 });
    assert.deepEqual(item.author, [{ given: 'Radford M.', family: 'Neal' }]);
  });

  it('gives a bundled paper only the fields it has', () => {
    assert.deepEqual(cslItem(dataComp), { id: dataComp.id, type: 'document', title: dataComp.title });
    assert.deepEqual(cslItem(lorat, 'k'), { id: 'k', type: 'document', title: lorat.title, URL: 'https://github.com/LitingLin/LoRAT' });
    const item = cslItem(qlora);
    assert.equal(item.type, 'article');
    assert.equal(item.publisher, 'arXiv');
    assert.equal(item.number, 'arXiv:2305.14314');
    assert.equal(cslItem(qlora, 'q', 'ieee').number, '2305.14314');
  });

  for (const style of CSL_STYLE_IDS) {
    it(`${style}: formats a library entry with several authors and bundled papers with none, leaving nothing broken`, () => {
      for (const paper of [lora, qlora, dataComp, lorat]) {
        const text = formatCitation(paper, style, { csl: csl() });
        assert.ok(text.length > paper.title.length / 2, `${style}: ${text}`);
        assert.doesNotMatch(text, BROKEN, `${style}: ${text}`);
      }
      const libText = formatCitation(lora, style, { csl: csl() });
      assert.match(libText, /Hu/, `${style}: ${libText}`);
      // Harvard (Cite Them Right) shortens four or more authors to "et al."; the others list them.
      assert.match(libText, style === 'harvard' ? /Hu, E\.J\. et al\./ : /Shen/, `${style}: ${libText}`);
      assert.match(libText, /2021/, `${style}: ${libText}`);
      assert.doesNotMatch(formatCitation(lora, style, { csl: csl() }), /^\[1\]|^1\./, 'no list number on a single reference');
    });
  }

  it('formats APA 7 as the style says: family, initials, & before the last, year, sentence, journal, DOI', () => {
    assert.equal(
      formatCitation(lora, 'apa', { csl: csl() }),
      'Hu, E. J., Shen, Y., Wallis, P., & van der Berg, A. (2021). LoRA: Low-Rank Adaptation of Large Language Models. Journal of Machine Learning Research. https://doi.org/10.5555/12345',
    );
    assert.equal(formatCitation(dataComp, 'apa', { csl: csl() }), 'DataComp: In search of the next generation of multimodal datasets. (n.d.).');
  });

  it('formats IEEE as the style says: initials first, quoted title, italic-free journal, year, DOI', () => {
    assert.equal(
      formatCitation(lora, 'ieee', { csl: csl() }),
      'E. J. Hu, Y. Shen, P. Wallis, and A. van der Berg, “LoRA: Low-Rank Adaptation of Large Language Models,” Journal of Machine Learning Research, 2021, doi: 10.5555/12345.',
    );
    assert.equal(formatCitation(qlora, 'ieee', { csl: csl() }), 'T. Dettmers and A. Pagnoni, “QLoRA: Efficient Finetuning of Quantized LLMs,” 2023, arXiv: 2305.14314. [Online]. Available: https://arxiv.org/abs/2305.14314');
  });

  it('formats every bundled paper in every style without a broken piece', () => {
    for (const style of CSL_STYLE_IDS) {
      for (const entry of csl().bibliography(bundledCorpus().papers.map((paper) => ({ paper, id: paper.id })), style)) {
        assert.doesNotMatch(entry.text, BROKEN, `${style}: ${entry.text}`);
      }
    }
  });

  it('numbers IEEE in the order given and sorts APA by author', () => {
    const ieee = csl().bibliography([{ paper: qlora, id: 'q' }, { paper: lora, id: 'l' }, { paper: qlora, id: 'q' }], 'ieee');
    assert.deepEqual(ieee.map((e) => [e.id, e.text.slice(0, 4)]), [['q', '[1] '], ['l', '[2] ']]);
    const apa = csl().bibliography([{ paper: qlora, id: 'q' }, { paper: lora, id: 'l' }], 'apa');
    assert.deepEqual(apa.map((e) => e.id), ['q', 'l']);
    assert.deepEqual(csl().bibliography([{ paper: lora, id: 'l' }, { paper: dataComp, id: 'd' }], 'apa').map((e) => e.id), ['d', 'l']);
  });

  it('rebuilds a released engine and formats as before', () => {
    const before = formatCitation(lora, 'ieee', { csl: csl() });
    csl().release('ieee');
    assert.equal(formatCitation(lora, 'ieee', { csl: csl() }), before);
    const fresh = new CslFormatter(read);
    fresh.release();
    assert.equal(formatCitation(lora, 'harvard', { csl: fresh }), formatCitation(lora, 'harvard', { csl: csl() }));
  });

  it('keeps markup-looking text of a hostile title as text', () => {
    const hostile: Paper = { id: 'h', title: '<script>alert(1)</script> & $x$ {y}', abstract: '', links: [], authors: ['Eve <img src=x>'] };
    for (const style of CSL_STYLE_IDS) {
      const text = formatCitation(hostile, style, { csl: csl() });
      assert.ok(text.includes('alert(1)') && text.includes('& $x$ {y}'), `${style}: ${text}`);
      assert.doesNotMatch(text, BROKEN, `${style}: ${text}`);
    }
  });

  describe('formats by key', () => {
    it('cites a library paper by its own key and a bundled paper by its stable key', () => {
      assert.equal(formatCitation(lora, 'pandoc'), '[@hu2021lora]');
      assert.equal(formatCitation(lora, 'latex'), '\\cite{hu2021lora}');
      assert.equal(formatCitation(dataComp, 'pandoc'), '[@datacomp]');
      assert.equal(formatCitation(dataComp, 'latex'), '\\cite{datacomp}');
      assert.equal(formatCitation({ ...dataComp, keys: ['odd key'] }, 'pandoc'), '[@{odd key}]');
    });

    it('gives a library paper its BibTeX entry exactly as written', () => {
      const source = lora.sources!.find((s) => s.format === 'bibtex')!;
      const original = originalEntry(BIB, source)!;
      assert.equal(formatCitation(lora, 'bibtex', { original }), original);
      assert.ok(original.startsWith('@article{hu2021lora,') && original.endsWith('}'));
      assert.match(formatCitation(lora, 'bibtex'), /^@misc\{hu2021lora,/);
    });

    it('throws for a CSL style without a formatter and renders every format with one', () => {
      assert.throws(() => formatCitation(lora, 'apa'), /needs a CslFormatter/);
      for (const f of ALL_CITATION_FORMATS) assert.doesNotMatch(formatCitation(dataComp, f, { csl: csl() }), BROKEN, f);
    });
  });

  describe('stable keys', () => {
    const bundled = bundledCorpus().papers;

    it('gives every bundled paper a unique, BibTeX-legal key', () => {
      const keys = bundled.map(paperKey);
      assert.equal(keys.length, BUNDLED_PAPER_COUNT);
      assert.equal(new Set(keys).size, keys.length);
      for (const k of keys) assert.match(k, /^[a-z][a-z0-9]*$/, k);
    });

    it('resolves library keys, bundled keys (any case, with @) and nothing else', () => {
      const resolver = new CiteKeyResolver(papers);
      assert.equal(resolver.resolve('hu2021lora'), lora);
      assert.equal(resolver.resolve('@Dettmers2023QLoRA'), qlora);
      for (const p of bundled) assert.equal(resolver.resolve(citationKey(p))?.id, p.id, citationKey(p));
      assert.equal(resolver.resolve('nosuchkey2020'), undefined);
    });

    it('keeps a bundled key resolving after a library gives the paper authors and a year', () => {
      const dfnBib = '@inproceedings{fang2024dfn, title = {Data Filtering Networks}, author = {Fang, Alex}, year = {2024}}';
      const merged = mergeLibraries(bundled, [parseBibtex(dfnBib, 'x.bib')]).papers;
      const resolver = new CiteKeyResolver(merged);
      const dfn = merged.find((p) => p.id === 'data-filtering-networks')!;
      assert.equal(resolver.resolve('datafiltering'), dfn);
      assert.equal(resolver.resolve('fang2024dfn'), dfn);
      assert.equal(resolver.resolve('fang2024data'), dfn);
    });
  });
});

describe('CSL items and lists, field by field', function () {
  this.timeout(60_000);
  const paper = (fields: Partial<Paper>): Paper => ({ id: 'p', title: 'A Title', abstract: '', links: [], ...fields });

  it('splits a name however it is spaced, and never leaves the given name empty', () => {
    assert.deepEqual(cslName('  Ada \t Lovelace '), { given: 'Ada', family: 'Lovelace' });
    assert.deepEqual(cslName('de la Cruz'), { given: 'de', family: 'la Cruz' });
    assert.deepEqual(cslName(' '), { literal: '' });
  });

  it('keeps a one-word author as a literal name and drops an empty one', () => {
    assert.deepEqual(cslItem(paper({ authors: ['', 'OpenAI', 'Ada Lovelace'] })).author, [{ literal: 'OpenAI' }, { given: 'Ada', family: 'Lovelace' }]);
    assert.equal(cslItem(paper({ authors: ['  '] })).author, undefined);
  });

  it('links the code repository before any other link, and the first link otherwise', () => {
    assert.equal(cslItem(paper({ links: ['https://example.org/page', 'https://github.com/o/r'] })).URL, 'https://github.com/o/r');
    assert.equal(cslItem(paper({ links: ['https://example.org/page', 'https://example.org/other'] })).URL, 'https://example.org/page');
  });

  it('types a paper by its entry type, never leaving a journal or chapter without a container', () => {
    assert.equal(cslItem(paper({ venue: 'NeurIPS' })).type, 'article-journal');
    assert.equal(cslItem(paper({ venue: 'NeurIPS', entryType: 'inproceedings' })).type, 'paper-conference');
    assert.equal(cslItem(paper({ venue: 'Somewhere', entryType: 'unheardof' })).type, 'document');
    assert.equal(cslItem(paper({ entryType: 'book' })).type, 'book');
    assert.equal(cslItem(paper({ entryType: 'phdthesis' })).type, 'thesis');
    for (const entryType of ['article', 'inproceedings', 'incollection']) assert.equal(cslItem(paper({ entryType })).type, 'document', entryType);
  });

  it('lists nothing for no papers, and a paper given twice under one id once, as first given', () => {
    assert.deepEqual(csl().bibliography([], 'apa'), []);
    const list = csl().bibliography([{ paper: paper({ title: 'First Given' }), id: 'x' }, { paper: paper({ title: 'Second Given' }), id: 'x' }], 'apa');
    assert.equal(list.length, 1);
    assert.match(list[0].text, /First Given/);
  });

  it('prints a reference on one line with single spaces', () => {
    const text = csl().reference(paper({ title: 'Two  Spaces\tand\na Break', authors: ['Ada Lovelace'], year: 2020 }), 'apa');
    assert.match(text, /Two Spaces and a Break/);
    assert.doesNotMatch(text, /\s{2}|\n|\t/);
  });

  it('frees one style\'s engine or all of them', () => {
    const formatter = new CslFormatter(read);
    const engines = (formatter as unknown as { engines: Map<string, unknown> }).engines;
    formatter.reference(paper({}), 'ieee');
    formatter.reference(paper({}), 'vancouver');
    formatter.release('ieee');
    assert.deepEqual([...engines.keys()], ['vancouver']);
    formatter.release();
    assert.equal(engines.size, 0);
  });
});

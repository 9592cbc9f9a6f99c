import { strict as assert } from 'node:assert';
import { citationKey, formatCitation, ALL_CITATION_FORMATS, CITATION_FORMATS, PLAIN_CITATION_FORMATS } from '../../src/core/citations';
import { CSL_STYLE_IDS } from '../../src/core/cslStyles';
import { MORE_AUTHORS, type Paper } from '../../src/core/types';
import { bundledCorpus, paperTitled } from './helpers';

describe('citations', () => {
  let dataComp: Paper, filtering: Paper, bt2: Paper;
  beforeEach(() => {
    dataComp = paperTitled('DataComp:');
    filtering = paperTitled('Data Filtering Networks');
    bt2 = paperTitled('BT^2');
  });

  it('never prints undefined, null or empty fields for any bundled paper', () => {
    for (const p of bundledCorpus().papers) {
      for (const f of CITATION_FORMATS) {
        const c = formatCitation(p, f);
        assert.doesNotMatch(c, /undefined|null|NaN|\(\s*\)|=\s*\{\s*\}/, `${f}: ${p.title}`);
      }
    }
  });

  it('formats a Markdown link to the code when there is one, emphasis otherwise', () => {
    assert.equal(formatCitation(bt2, 'markdown'), '*BT\\^2: Backward-compatible Training with Basis Transformation*');
    assert.equal(
      formatCitation(paperTitled('Tracking Meets LoRA'), 'markdown'),
      '[Tracking Meets LoRA: Faster Training, Larger Model, Stronger Performance](https://github.com/LitingLin/LoRAT)',
    );
    assert.equal(formatCitation(filtering, 'markdown'), '*Data Filtering Networks*');
    const split = paperTitled('Split & Merge');
    assert.ok(formatCitation(split, 'markdown').startsWith('*Split \\& Merge'));
  });

  it('formats plain text as title then link', () => {
    assert.equal(formatCitation(filtering, 'text'), 'Data Filtering Networks.');
    const lorat = paperTitled('Tracking Meets LoRA');
    assert.equal(formatCitation(lorat, 'text'), 'Tracking Meets LoRA: Faster Training, Larger Model, Stronger Performance. https://github.com/LitingLin/LoRAT');
  });

  it('formats BibTeX with a stable key, protected title and no empty fields', () => {
    assert.equal(formatCitation(dataComp, 'bibtex'), '@misc{datacomp,\n  title = {{DataComp: In search of the next generation of multimodal datasets}}\n}');
    const b = formatCitation(bt2, 'bibtex');
    assert.match(b, /^@misc\{bt2,\n {2}title = \{\{BT\\\^\{\}2: Backward-compatible/);
    assert.equal(formatCitation(paperTitled('Split & Merge'), 'bibtex').includes('Split \\& Merge'), true);
  });

  it('uses authors and year when a library has them', () => {
    const p: Paper = { id: 'x', title: 'LoRA: Low-Rank Adaptation of Large Language Models', abstract: '', links: [], authors: ['Edward J. Hu', 'Yelong Shen', 'Phillip Wallis'], year: 2021 };
    assert.equal(citationKey(p), 'hu2021lora');
    assert.equal(formatCitation(p, 'text'), 'Edward J. Hu et al. (2021). LoRA: Low-Rank Adaptation of Large Language Models.');
    assert.equal(formatCitation(p, 'markdown'), '*LoRA: Low-Rank Adaptation of Large Language Models* (Edward J. Hu et al., 2021)');
    assert.match(formatCitation(p, 'bibtex'), /author = \{Edward J\. Hu and Yelong Shen and Phillip Wallis\},\n {2}year = \{2021\}/);
    assert.equal(citationKey({ ...p, authors: ['Hu, Edward J.'] }), 'hu2021lora');
  });

  it('keys come from the title alone and differ between papers', () => {
    const keys = bundledCorpus().papers.map(citationKey);
    assert.equal(new Set(keys).size, keys.length);
    assert.equal(citationKey(filtering), 'datafiltering');
    assert.equal(citationKey(bt2), 'bt2');
    assert.equal(citationKey(paperTitled('Split & Merge')), 'splitmerge');
    assert.equal(citationKey(paperTitled('What learning algorithm')), 'learningalgorithm');
    // The same title in another paper record (other id, abstract and links) gives the same key.
    assert.equal(citationKey({ ...filtering, id: 'other', abstract: 'Other.', links: ['https://github.com/o/r'] }), 'datafiltering');
  });
});

describe('citations: every field and fallback (mutation)', () => {
  const base: Paper = { id: 'p', title: 'Is Attention All You Need?', abstract: '', links: [] };

  it('quotes LaTeX specials and braces in BibTeX values', () => {
    const p: Paper = { ...base, title: 'a\\b {c} 5% $x$ #1 a_b & ^ ~' };
    assert.equal(
      formatCitation(p, 'bibtex'),
      '@misc{bc,\n  title = {{a\\textbackslash{}b \\{c\\} 5\\% \\$x\\$ \\#1 a\\_b \\& \\^{} \\~{}}}\n}',
    );
  });

  it('lists two authors joined by "and", three or more as the first et al.', () => {
    const two = { ...base, authors: ['Ada Lovelace', 'Alan Turing'] };
    assert.equal(formatCitation(two, 'text'), 'Ada Lovelace and Alan Turing. Is Attention All You Need?');
    assert.equal(formatCitation({ ...two, authors: ['Ada Lovelace'] }, 'markdown'), '*Is Attention All You Need?* (Ada Lovelace)');
    assert.equal(formatCitation({ ...two, authors: ['A', 'B', 'C'] }, 'markdown'), '*Is Attention All You Need?* (A et al.)');
    // "et al." already ends with its full stop: no second one before the title.
    assert.equal(formatCitation({ ...two, authors: ['A', 'B', 'C'] }, 'text'), 'A et al. Is Attention All You Need?');
  });

  it('writes a list its source said goes on (`and others`) as the first et al., and as "and others" in BibTeX', () => {
    const one = { ...base, authors: ['Radford M Neal', MORE_AUTHORS] };
    assert.equal(formatCitation(one, 'text'), 'Radford M Neal et al. Is Attention All You Need?');
    assert.equal(formatCitation({ ...one, authors: ['A', 'B', MORE_AUTHORS] }, 'markdown'), '*Is Attention All You Need?* (A et al.)');
    assert.match(formatCitation(one, 'bibtex'), /author = \{Radford M Neal and others\}/);
  });

  it('adds the year, in brackets in plain text, and a BibTeX field for each known value', () => {
    const p: Paper = { ...base, year: 2017, links: ['https://arxiv.org/abs/1706.03762', 'https://github.com/o/r'] };
    assert.equal(formatCitation(p, 'text'), '(2017). Is Attention All You Need? https://github.com/o/r');
    assert.equal(formatCitation(p, 'markdown'), '[Is Attention All You Need?](https://github.com/o/r) (2017)');
    assert.equal(
      formatCitation({ ...p, authors: ['Ada Lovelace', 'Alan Turing'] }, 'bibtex'),
      '@misc{lovelace2017attention,\n  title = {{Is Attention All You Need?}},\n  author = {Ada Lovelace and Alan Turing},\n  year = {2017},\n  url = {https://github.com/o/r}\n}',
    );
  });

  it('links the first link when no code host is among them, encoding brackets and spaces', () => {
    const p: Paper = { ...base, links: ['https://example.org/a b(c)', 'https://example.org/second'] };
    assert.equal(formatCitation(p, 'markdown'), '[Is Attention All You Need?](https://example.org/a%20b%28c%29)');
    assert.equal(formatCitation(p, 'text'), 'Is Attention All You Need? https://example.org/a b(c)');
  });

  it('encodes a link once: escapes kept, a malformed one\'s valid escapes not encoded again, a lone surrogate replaced', () => {
    const link = (url: string) => formatCitation({ ...base, links: [url] }, 'markdown').replace(/^\[[^\]]*\]\((.*)\)$/, '$1');
    assert.equal(link('https://example.org/caf%C3%A9 x'), 'https://example.org/caf%C3%A9%20x');
    // `%A/` is no escape: its `%` is encoded, the whole escapes beside it are kept.
    assert.equal(link('https://example.org/%E0%A4%A/x%20y'), 'https://example.org/%E0%A4%25A/x%20y');
    assert.equal(link('https://example.org/a\ud800b(c)'), 'https://example.org/a%EF%BF%BDb%28c%29');
    assert.equal(link('https://example.org/\udc00\ud83d\ude00'), 'https://example.org/%EF%BF%BD%F0%9F%98%80');
  });

  it('keys on the first significant title word when the short name or the title has nothing ASCII', () => {
    assert.equal(citationKey({ ...base, title: 'Π: A Study of Things' }), 'study');
    assert.equal(citationKey({ ...base, title: 'The Of And' }), 'paper');
    assert.equal(citationKey({ ...base, title: 'Über Alles', year: 2020 }), 'uberalles2020');
    assert.equal(citationKey({ ...base, authors: ['Ada  Lovelace'] }), 'lovelaceattention');
  });

  it('leaves stopwords out of title keys', () => {
    const keys = ['An Image Is Worth', 'On Calibration of Modern Networks', 'In Defense of the Triplet Loss', 'For the Love of Data', 'To Learn to Rank', 'Via Hashing Tricks', 'With Friends Like These', 'How Transferable Are Features'].map((title) =>
      citationKey({ ...base, title }),
    );
    assert.deepEqual(keys, ['imageworth', 'calibrationmodern', 'defensetriplet', 'lovedata', 'learnrank', 'hashingtricks', 'friendslike', 'transferableare']);
    assert.equal(citationKey({ ...base, authors: [] }), 'attentionall');
  });

  it('ends a plain-text title with a period unless it already ends in one', () => {
    assert.equal(formatCitation({ ...base, title: 'Part I. Foundations' }, 'text'), 'Part I. Foundations.');
    assert.equal(formatCitation({ ...base, title: 'Wow!' }, 'text'), 'Wow!');
  });

  it('offers Markdown, text and BibTeX in the editor, Pandoc and LaTeX keys besides, then the CSL styles', () => {
    assert.deepEqual(CITATION_FORMATS, ['markdown', 'text', 'bibtex']);
    assert.deepEqual(PLAIN_CITATION_FORMATS, ['markdown', 'text', 'bibtex', 'pandoc', 'latex']);
    assert.deepEqual(ALL_CITATION_FORMATS, [...PLAIN_CITATION_FORMATS, ...CSL_STYLE_IDS]);
  });
});


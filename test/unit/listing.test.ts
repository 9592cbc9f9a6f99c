import { strict as assert } from 'node:assert';
import { parseListing, ListingError, formatProblem, type ListingProblem } from '../../src/core/listing';
import type { Paper } from '../../src/core/types';
import { paperId } from '../../src/core/paperIds';
import { extractLinks, cleanUrl, codeLink } from '../../src/core/links';
import { BUNDLED_PAPER_COUNT, readListing } from './helpers';

describe('parseListing on the bundled Daily Papers listing', () => {
  let papers: Paper[], problems: ListingProblem[];
  beforeEach(() => ({ papers, problems } = parseListing(readListing(), 'seeds/daily-papers-listing.txt')));

  it('yields exactly the papers the listing lays out, and no problems', () => {
    assert.equal(papers.length, BUNDLED_PAPER_COUNT);
    assert.deepEqual(problems, []);
  });

  it('skips the page chrome and keeps listing order', () => {
    assert.equal(papers[0].title, 'Data Filtering Networks');
    assert.equal(papers[1].title, 'CNN Filter DB: An Empirical Investigation of Trained Convolutional Filters');
    assert.equal(papers[papers.length - 1].title, 'Open-Qwen2VL: Compute-Efficient Pre-Training of Fully-Open Multimodal LLMs on Academic Resources');
    assert.ok(!papers.some((p) => /Daily Papers|Subscribe|trending/.test(p.title)));
  });

  it('keeps every title exactly as written, including long ones and ones with a question mark', () => {
    const titles = papers.map((p) => p.title);
    for (const t of [
      'BT^2: Backward-compatible Training with Basis Transformation',
      'Split & Merge: Unlocking the Potential of Visual Adapters via Sparse Training',
      'What learning algorithm is in-context learning? Investigations with linear models',
      'Deep Spatiotemporal Clutter Filtering of Transthoracic Echocardiographic Images: Leveraging Contextual Attention and Residual Learning',
      'Layer-wise Importance Matters: Less Memory for Better Performance in Parameter-efficient Fine-tuning of Large Language Models',
      'SiT: Self-supervised vIsion Transformer',
    ]) {
      assert.ok(titles.includes(t), t);
    }
    // Each title is the listing's line, trimmed.
    const lines = new Set(readListing().split('\n').map((l) => l.trim()));
    for (const t of titles) assert.ok(lines.has(t), t);
  });

  it('keeps abstracts exactly as written, trimmed', () => {
    const lines = new Set(readListing().split('\n').map((l) => l.trim()));
    for (const p of papers) {
      assert.ok(lines.has(p.abstract), p.title);
      assert.equal(p.abstract, p.abstract.trim());
    }
    assert.ok(papers[0].abstract.startsWith('Large training sets have become a cornerstone'));
  });

  it('records the line of each title', () => {
    assert.deepEqual(papers[0].source, { file: 'seeds/daily-papers-listing.txt', line: 13 });
    const lines = readListing().split('\n');
    for (const p of papers) assert.equal(lines[p.source!.line - 1].trim(), p.title);
  });

  it('gives every paper a unique id derived from its title', () => {
    const ids = new Set(papers.map((p) => p.id));
    assert.equal(ids.size, BUNDLED_PAPER_COUNT);
    for (const p of papers) assert.equal(p.id, paperId(p.title));
    assert.equal(papers[0].id, 'data-filtering-networks');
  });

  it('extracts links, cleaned of punctuation and of the duplicated {...} form', () => {
    const byTitle = (prefix: string) => papers.find((p) => p.title.startsWith(prefix))!;
    assert.deepEqual(byTitle('Deep Spatiotemporal Clutter').links, ['https://github.com/MahdiTabassian/Deep-Clutter-Filtering/tree/main']);
    assert.deepEqual(byTitle('Stationary Representations').links, ['https://github.com/miccunifi/iamcl2r']);
    assert.deepEqual(byTitle('CoLoR-Filter').links, [
      'https://github.com/davidbrandfonbrener/color-filter-olmo',
      'https://huggingface.co/datasets/davidbrandfonbrener/color-filtered-c4',
    ]);
    assert.deepEqual(byTitle('Data Filtering Networks').links, []);
    for (const p of papers) for (const l of p.links) assert.match(l, /^https?:\/\/[^\s{}]+[^.,;:)]$/);
    assert.equal(papers.filter((p) => p.links.length).length, 23);
  });
});

describe('parseListing on damaged listings', () => {
  const abstract = 'This abstract is long enough to read as a paragraph of prose. It has two sentences and more than one hundred and twenty characters.';

  it('reports a title without an abstract with file and line, and keeps the other papers', () => {
    const text = `Daily Papers\n\nFirst Paper\n\n${abstract}\n\nOrphan Title\n\nSecond Paper\n\n${abstract}\n`;
    const { papers, problems } = parseListing(text, 'my.txt');
    assert.deepEqual(papers.map((p) => p.title), ['First Paper', 'Second Paper']);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].line, 7);
    assert.match(formatProblem(problems[0]), /^my\.txt:7: title "Orphan Title" has no abstract/);
  });

  it('reports a repeated paper and keeps the first', () => {
    const text = `A Paper\n\n${abstract}\n\nA Paper\n\n${abstract}\n`;
    const { papers, problems } = parseListing(text, 'dup.txt');
    assert.equal(papers.length, 1);
    assert.match(formatProblem(problems[0]), /^dup\.txt:5: "A Paper" repeats the paper at line 1/);
  });

  it('throws a ListingError naming the file when nothing parses', () => {
    assert.throws(() => parseListing('just\n\nsome\n\nshort lines\n', 'empty.txt'), (e: unknown) => e instanceof ListingError && e.file === 'empty.txt' && /^empty\.txt:1: no papers found/.test(e.message));
  });

  it('reads a title that is a question or holds sentence punctuation as a title', () => {
    const question = 'Do PhD-level LLMs Truly Grasp Elementary Addition? Probing Rule Learning vs. Memorization in Large Language Models';
    const parts = 'Part I. Foundations. Part II. Practice';
    const text = `Daily Papers\n\nJul 29\n\n${question}\n\n${abstract}\n\nFirst Paper\n\n${abstract}\n\n${parts}\n\n${abstract}\n`;
    const { papers, problems } = parseListing(text, 'q.txt');
    assert.deepEqual(papers.map((p) => p.title), [question, 'First Paper', parts]);
    assert.deepEqual(problems, []);
  });

  it('reads a short one-sentence abstract without a final period inside the listing', () => {
    const short = 'This is the final remark on the replies received to my target paper in a linguistics journal';
    const text = `First Paper\n\n${abstract}\n\nA Conclusive Remark\n\n${short}\n\nLast Paper\n\n${abstract}\n`;
    const { papers, problems } = parseListing(text, 'short.txt');
    assert.deepEqual(papers.map((p) => [p.title, p.abstract === short]), [['First Paper', false], ['A Conclusive Remark', true], ['Last Paper', false]]);
    assert.deepEqual(problems, []);
  });

  it('still reports two titles in a row and a paragraph without a title', () => {
    const text = `First Paper\n\n${abstract}\n\nOrphan One\n\nOrphan Two\n\nSecond Paper\n\n${abstract}\n\n${abstract} Stray.\n`;
    const { papers, problems } = parseListing(text, 'bad.txt');
    assert.deepEqual(papers.map((p) => p.title), ['First Paper', 'Second Paper']);
    assert.deepEqual(problems.map((p) => [p.line, p.message.replace(/ \(".*$/, '')]), [
      [5, 'title "Orphan One" has no abstract paragraph after it; skipped'],
      [7, 'title "Orphan Two" has no abstract paragraph after it; skipped'],
      [13, 'paragraph without a title line before it; skipped'],
    ]);
  });

  it('does not take page chrome for a paper when the first title reads like prose', () => {
    const question = 'Is Attention All You Need? A Study. With Two Sentences';
    const text = `Daily Papers\n\nGet trending papers in your email inbox every day\n\n${question}\n\n${abstract}\n`;
    const { papers, problems } = parseListing(text, 'chrome.txt');
    assert.deepEqual(papers.map((p) => p.title), [question]);
    assert.deepEqual(problems, []);
  });

  it('accepts Windows line endings and a byte-order mark', () => {
    const text = `\uFEFFA Paper\r\n\r\n${abstract}\r\n`;
    assert.deepEqual(parseListing(text, 'crlf.txt').papers.map((p) => p.title), ['A Paper']);
  });
});

describe('paperId', () => {
  it('is a slug of the title, stable and independent of other papers', () => {
    assert.equal(paperId('DataComp: In search of the next generation of multimodal datasets'), 'datacomp-in-search-of-the-next-generation-of-multimodal-1i0resa');
    assert.equal(paperId('BT^2: Backward-compatible Training with Basis Transformation'), 'bt-2-backward-compatible-training-with-basis-transformation');
    assert.equal(paperId('Go Wider Instead of Deeper'), 'go-wider-instead-of-deeper');
  });

  it('tells apart long titles that share their beginning', () => {
    const a = paperId('A very long title about parameter efficient fine tuning of large language models for code');
    const b = paperId('A very long title about parameter efficient fine tuning of large language models for math');
    assert.notEqual(a, b);
    assert.ok(a.length <= 70 && b.length <= 70);
  });

  it('ignores differences in spacing and folds accents', () => {
    assert.equal(paperId('Go  Wider\nInstead of Deeper'), paperId('Go Wider Instead of Deeper'));
    assert.equal(paperId('Café Networks'), 'cafe-networks');
  });
});

describe('links', () => {
  it('strips sentence punctuation and unbalanced brackets', () => {
    assert.equal(cleanUrl('https://github.com/x/y.'), 'https://github.com/x/y');
    assert.equal(cleanUrl('https://github.com/x/y),'), 'https://github.com/x/y');
    assert.equal(cleanUrl('https://en.wikipedia.org/wiki/A_(b)'), 'https://en.wikipedia.org/wiki/A_(b)');
  });

  it('finds each link once, in order', () => {
    assert.deepEqual(extractLinks('Code: https://a.org/x. Data at https://b.org/y; again https://a.org/x.'), ['https://a.org/x', 'https://b.org/y']);
  });

  it('picks a code repository as the code link, not a dataset page', () => {
    assert.equal(codeLink(['https://huggingface.co/datasets/a/b', 'https://github.com/a/b']), 'https://github.com/a/b');
    assert.equal(codeLink(['https://laion.ai/blog']), undefined);
  });
});

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

describe('parseListing: blocks, what reads as an abstract, and the choice between readings', () => {
  const abstract = 'This abstract is long enough to read as a paragraph of prose. It has two sentences and more than one hundred and twenty characters.';
  const titles = (text: string) => parseListing(text, 'x.txt').papers.map((p) => p.title);
  const noPapers = (text: string) => assert.throws(() => parseListing(text, 'x.txt'), (e: unknown) => e instanceof ListingError && e.file === 'x.txt' && e.line === 1);
  /** Problems as [line, message], each message whole. */
  const problemsOf = (text: string) => parseListing(text, 'x.txt').problems.map((p) => [p.line, p.message]);
  /** Title words cut to exactly `length` characters: no sentence punctuation, a letter at the end. */
  const wordsOfLength = (length: number) => {
    const cut = 'Scaling laws for sparse mixtures of experts in vision and language models '.repeat(10).slice(0, length);
    const text = cut.endsWith(' ') ? `${cut.slice(0, -1)}s` : cut;
    assert.equal(text.length, length);
    return text;
  };

  it('joins a title wrapped over up to three lines with spaces and gives the line it starts on', () => {
    const { papers } = parseListing(`Daily Papers\n\nA Title Wrapped\n  over Three\nLines\n\n${abstract}\n`, 'x.txt');
    assert.deepEqual(papers.map((p) => [p.title, p.source?.line]), [['A Title Wrapped over Three Lines', 3]]);
  });

  it('never takes a block of four lines for a title (a menu in the page chrome)', () => {
    const chrome = 'Hugging Face\nModels\nDatasets\nDaily Papers\n\nGet trending papers in your email inbox every day. Join the community. Sign up for free.';
    const { papers, problems } = parseListing(`${chrome}\n\nA Paper\n\n${abstract}\n`, 'x.txt');
    assert.deepEqual(papers.map((p) => p.title), ['A Paper']);
    assert.deepEqual(problems, []);
  });

  it('treats a line of spaces and tabs as blank', () => {
    assert.deepEqual(titles(`A Paper\n \t \n${abstract}\n`), ['A Paper']);
  });

  it('removes only a leading byte-order mark; U+FEFF inside the text is whitespace like any other', () => {
    assert.deepEqual(titles(`Zero\uFEFFShot Paper\n\n${abstract}\n`), ['Zero Shot Paper']);
  });

  it('throws a ListingError for an empty file, a file of blank lines and a single block', () => {
    noPapers('');
    noPapers('\n \n\n');
    noPapers('Daily Papers\n');
  });

  it('reads a short paragraph of sentences as an abstract even without a final full stop', () => {
    const short = 'We propose a method. It is fast. Code: https://github.com/a/b';
    const { papers } = parseListing(`A Paper\n\n${short}\n`, 'x.txt');
    assert.deepEqual(papers.map((p) => [p.title, p.abstract, p.links]), [['A Paper', short, ['https://github.com/a/b']]]);
  });

  it('reads two short sentences ending with a full stop as an abstract', () => {
    assert.deepEqual(titles('A Paper\n\nWe propose a method. It works.\n'), ['A Paper']);
  });

  it('reads one sentence ending with a full stop as an abstract from 120 characters on', () => {
    assert.deepEqual(titles(`A Paper\n\n${wordsOfLength(119)}.\n`), ['A Paper']);
    noPapers(`A Paper\n\n${wordsOfLength(118)}.\n`);
  });

  it('reads a paragraph of more than 300 characters as an abstract, whatever its punctuation', () => {
    const long = wordsOfLength(330);
    assert.deepEqual(parseListing(`A Paper\n\n${long}\n`, 'x.txt').papers.map((p) => p.abstract), [long]);
  });

  it('takes a block of up to 300 characters for a title, and never a longer one', () => {
    const t300 = wordsOfLength(300);
    assert.deepEqual(titles(`${t300}\n\n${abstract}\n`), [t300]);
    const t301 = wordsOfLength(301);
    assert.deepEqual(titles(`First Paper\n\n${abstract}\n\n${t301}\n\n${abstract}\n`), ['First Paper']);
    assert.deepEqual(problemsOf(`First Paper\n\n${abstract}\n\n${t301}\n\n${abstract}\n`), [
      [5, 'paragraph without a title line before it; skipped ("Scaling laws for sparse mixtures of experts in vision and...")'],
      [7, 'paragraph without a title line before it; skipped ("This abstract is long enough to read as a paragraph of pr...")'],
    ]);
    // Left without an abstract, 300 characters of words are a title; 301 are a paragraph.
    assert.match(String(problemsOf(`First Paper\n\n${abstract}\n\n${t300}\n`)[0][1]), /^title "Scaling laws/);
    assert.match(String(problemsOf(`First Paper\n\n${abstract}\n\n${t301}\n`)[0][1]), /^paragraph without a title line/);
  });

  it('does not read a long title as prose for a full stop inside it, only for one at its end', () => {
    const title = `GPT-4.5 ${wordsOfLength(122)}`;
    assert.equal(title.length, 130);
    assert.deepEqual(problemsOf(`First Paper\n\n${abstract}\n\n${title}\n`), [[5, 'title "GPT-4.5 Scaling laws for sparse mixtures of experts in vi..." has no abstract paragraph after it; skipped']]);
  });

  it('shows a title of up to 60 characters whole in a problem, and a longer one cut to 57 and "..."', () => {
    const t60 = 'Sparse Mixtures of Experts for Vision Models at Scale Part 1';
    const t61 = 'Sparse Mixtures of Experts for Vision Models at Scale, Part 2';
    assert.deepEqual(problemsOf(`First Paper\n\n${abstract}\n\n${t60}\n\nSecond Paper\n\n${abstract}\n\n${t61}\n`), [
      [5, 'title "Sparse Mixtures of Experts for Vision Models at Scale Part 1" has no abstract paragraph after it; skipped'],
      [11, 'title "Sparse Mixtures of Experts for Vision Models at Scale, Pa..." has no abstract paragraph after it; skipped'],
    ]);
  });

  it('reads a short abstract of exactly eight words, but not of seven', () => {
    const listing = (short: string) => `First Paper\n\n${abstract}\n\nA Remark\n\n${short}\n\nLast Paper\n\n${abstract}\n`;
    assert.deepEqual(titles(listing('This is my final remark on the replies')), ['First Paper', 'A Remark', 'Last Paper']);
    assert.deepEqual(problemsOf(listing('This is my final remark on replies')), [
      [5, 'title "A Remark" has no abstract paragraph after it; skipped'],
      [7, 'title "This is my final remark on replies" has no abstract paragraph after it; skipped'],
    ]);
  });

  it('does not read a title as the short abstract of a title as long as itself', () => {
    const one = 'Sparse Mixtures of Experts for Vision Models at Scale Part 1';
    const two = 'Sparse Mixtures of Experts for Vision Models at Scale Part 2';
    const text = `First Paper\n\n${abstract}\n\n${one}\n\n${two}\n\nSecond Paper\n\n${abstract}\n`;
    assert.deepEqual(titles(text), ['First Paper', 'Second Paper']);
    assert.deepEqual(problemsOf(text).map(([line]) => line), [5, 7]);
  });

  it('allows short abstracts only after a paper with a prose abstract', () => {
    noPapers('A Conclusive Remark\n\nThis is the final remark on the replies received to my target paper\n');
  });

  it('prefers a prose abstract to a short one when both readings pair as many blocks', () => {
    // "Orphan Title" could take the next title as a short abstract (longer, nine words); that
    // title's own abstract is prose, so the orphan stays a problem even though it is shorter.
    const long = 'Scaling Laws for Sparse Mixtures of Experts in Vision';
    const text = `First Paper\n\n${abstract}\n\nOrphan Title\n\n${long}\n\nWe propose a method. It works.\n`;
    assert.deepEqual(titles(text), ['First Paper', long]);
    assert.deepEqual(problemsOf(text), [[5, 'title "Orphan Title" has no abstract paragraph after it; skipped']]);
  });

  it('prefers more papers to more prose abstracts', () => {
    // The remark could be the title of the question, which reads as prose; that would leave
    // two titles without abstracts, so each title keeps its short abstract.
    const remark = 'This is the final remark on the replies received to my target paper';
    const question = 'Is Attention All You Need? A Study. With Two Sentences';
    const note = 'A short note on attention in transformers, written for a workshop without a final period';
    const text = `First Paper\n\n${abstract}\n\nA Conclusive Remark\n\n${remark}\n\n${question}\n\n${note}\n`;
    assert.deepEqual(parseListing(text, 'x.txt').papers.map((p) => [p.title, p.abstract]), [
      ['First Paper', abstract],
      ['A Conclusive Remark', remark],
      [question, note],
    ]);
  });

  it('does not take a sentence of page chrome ending with a full stop for a title', () => {
    const question = 'Is Attention All You Need? A Study. With Two Sentences';
    const text = `Get trending papers in your email inbox every day.\n\n${question}\n\n${abstract}\n`;
    assert.deepEqual(parseListing(text, 'x.txt').papers.map((p) => [p.title, p.abstract]), [[question, abstract]]);
  });

  it('between otherwise equal readings, takes the one with the longer abstract', () => {
    // The abstract ends with a link, not a full stop, so it could be a title as well; the
    // shorter note after it is left as a paragraph without a title.
    const withLink = 'We propose a method for sparse experts. It is fast and simple. Code: https://github.com/a/b';
    const text = `A Paper\n\n${withLink}\n\nAccepted at ICML. Camera ready.\n`;
    const { papers, problems } = parseListing(text, 'x.txt');
    assert.deepEqual(papers.map((p) => [p.title, p.abstract]), [['A Paper', withLink]]);
    assert.deepEqual(problems.map((p) => [p.line, p.message]), [[5, 'paragraph without a title line before it; skipped ("Accepted at ICML. Camera ready.")']]);
  });

  it('between readings equal in every way, takes the earlier title: an abstract pasted twice is not a paper', () => {
    // The abstract does not end with a full stop, so it could be a title; read from the end, the
    // copy would be its abstract and the real title page chrome, with no problem reported.
    const withLink = 'We propose a method for sparse experts. It is fast and simple. Code: https://github.com/a/b';
    const { papers, problems } = parseListing(`A Paper\n\n${withLink}\n\n${withLink}\n`, 'x.txt');
    assert.deepEqual(papers.map((p) => [p.title, p.abstract]), [['A Paper', withLink]]);
    assert.deepEqual(problems.map((p) => [p.line, p.message]), [[5, 'paragraph without a title line before it; skipped ("We propose a method for sparse experts. It is fast and si...")']]);
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

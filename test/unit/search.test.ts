import { strict as assert } from 'node:assert';
import { finishSteps } from '../../src/core/steps';
import { parseListing } from '../../src/core/listing';
import { SearchIndex, type SearchDoc } from '../../src/core/search';
import { wordRanges } from '../../src/core/search/highlight';
import { editDistance, isNumber, Vocabulary } from '../../src/core/search/vocabulary';
import { compactKey, splitWords, TermTable } from '../../src/core/tokens';
import type { Paper, SearchResult } from '../../src/core/types';
import { BUNDLED_PAPER_COUNT, bundledCorpus, lazily, readListing } from './helpers';

// The real bundled listing, indexed the way `Corpus.searchIndex` indexes it: short and method
// names, and topic labels. Built in the `beforeEach` of the describe that uses it, not while
// this file loads (see `lazily` in helpers.ts).
const bundled = lazily(() => {
  const { papers } = parseListing(readListing(), 'seeds/daily-papers-listing.txt');
  const corpus = bundledCorpus();
  const docs: SearchDoc[] = papers.map((paper) => ({
    paper,
    names: corpus.namesOf(paper.id).filter((n) => n.kind !== 'title').map((n) => n.text),
    topics: corpus.topicsOf(paper.id).map((t) => t.label),
  }));
  return { papers, docs, index: new SearchIndex(docs) };
});
let papers: Paper[];
let docs: SearchDoc[];
let index: SearchIndex;
/** A limit that lets every paper through. */
const ALL = BUNDLED_PAPER_COUNT;

function titled(prefix: string): Paper {
  const paper = papers.find((p) => p.title.startsWith(prefix));
  if (!paper) throw new Error(`no bundled paper titled "${prefix}..."`);
  return paper;
}

function firstTitle(query: string): string | undefined {
  return index.search(query)[0]?.paper.title;
}

/** The text a match's ranges index into. */
function fieldText(result: SearchResult, match: SearchResult['matches'][number]): string {
  switch (match.field) {
    case 'title':
      return result.paper.title;
    case 'abstract':
      return result.paper.abstract;
    default:
      assert.ok(match.value !== undefined, `a ${match.field} match names its value`);
      return match.value;
  }
}

describe('SearchIndex', () => {
  beforeEach(() => ({ papers, docs, index } = bundled()));
  it('indexes every paper of the bundled listing', () => {
    assert.equal(papers.length, BUNDLED_PAPER_COUNT);
    assert.equal(index.size, BUNDLED_PAPER_COUNT);
  });

  it('returns no results for an empty, blank or punctuation-only query', () => {
    for (const query of ['', '   ', '\t\n', '—?!']) assert.deepEqual(index.search(query), [], JSON.stringify(query));
  });

  it('puts the paper with exactly that name or title first, in any letter case', () => {
    assert.equal(firstTitle('DataComp'), titled('DataComp:').title);
    assert.equal(firstTitle('datacomp'), titled('DataComp:').title);
    assert.equal(firstTitle('LoRAT'), titled('Tracking Meets LoRA').title);
    assert.equal(firstTitle('CUDA'), titled('CUDA:').title);
    assert.equal(firstTitle('go wider instead of deeper'), titled('Go Wider Instead of Deeper').title);
  });

  it('finds a name written with markdown and operator characters (BT^2)', () => {
    const results = index.search('BT^2');
    assert.equal(results[0].paper.title, titled('BT^2:').title);
    // The name itself, not the "2" or "bt" scattered through other abstracts, decides.
    assert.ok(results[0].score > 10 * results[1].score, `${results[0].score} vs ${results[1].score}`);
  });

  it('ranks the paper whose title holds every query word first, whatever their order', () => {
    // "CUDA: Convolution-based Unlearnable Datasets"; other papers hold only "convolution".
    assert.equal(firstTitle('unlearnable datasets convolution'), titled('CUDA:').title);
    assert.equal(firstTitle('convolution unlearnable'), titled('CUDA:').title);
  });

  it('ranks an exact name hit above papers that only mention the name', () => {
    const results = index.search('DataComp');
    assert.equal(results[0].paper.title, titled('DataComp:').title);
    // Data Filtering Networks mentions DataComp-1B in its abstract: found, but after.
    assert.ok(results.slice(1).some((r) => r.paper.title === 'Data Filtering Networks'));
    assert.ok(results[0].score > results[1].score);
  });

  it('finds names and words despite a typo', () => {
    assert.equal(firstTitle('datacmop'), titled('DataComp:').title);
    assert.equal(firstTitle('shapeformr'), titled('ShapeFormer:').title);
    assert.equal(firstTitle('matfromer'), titled('MatFormer:').title);
    assert.equal(firstTitle('low-rank adaptaton'), titled('SaRA:').title);
  });

  it('matches the words of a query in any order', () => {
    assert.equal(firstTitle('tracking lora'), titled('Tracking Meets LoRA').title);
    assert.equal(firstTitle('lora tracking'), titled('Tracking Meets LoRA').title);
    assert.equal(firstTitle('pruning medical imbalanced'), titled('Beta-Rank:').title);
    assert.equal(firstTitle('imbalanced pruning medical'), titled('Beta-Rank:').title);
  });

  it('finds a phrase from the end of an abstract', () => {
    // "... the limitations, current challenges, and future scope have been discussed in this paper."
    const paper = titled('On filter design in deep convolutional neural network');
    assert.ok(paper.abstract.indexOf('future scope') > paper.abstract.length - 100);
    assert.equal(firstTitle('future scope discussed'), paper.title);
    // The last words of the LoRAT abstract name its benchmarks.
    assert.equal(firstTitle('TrackingNet LaSOT'), titled('Tracking Meets LoRA').title);
  });

  it('completes the last word while it is being typed', () => {
    assert.equal(firstTitle('shapefor'), titled('ShapeFormer:').title);
    assert.equal(firstTitle('roentg'), titled('RoentGen:').title);
    assert.equal(firstTitle('pruning imbal'), titled('Beta-Rank:').title);
  });

  it('finds hyphenated words whole, by their parts and written together', () => {
    const found = (query: string) => new Set(index.search(query, ALL).map((r) => r.paper.title));
    const jedi = titled('JeDi:').title; // "Finetuning-Free"
    const levi = titled('LEVI:').title; // "Fine-tuning"
    for (const query of ['fine-tuning', 'fine tuning', 'finetuning']) {
      const titles = found(query);
      assert.ok(titles.has(jedi), `${query} finds JeDi`);
      assert.ok(titles.has(levi), `${query} finds LEVI`);
    }
    assert.equal(firstTitle('finetuning free'), jedi);
    assert.equal(firstTitle('finetuning-free'), jedi);
  });

  it('keeps digits in words (LAION-5B, Qwen2VL)', () => {
    assert.equal(firstTitle('LAION-5B'), titled('LAION-5B:').title);
    assert.equal(firstTitle('laion 5b'), titled('LAION-5B:').title);
    assert.equal(firstTitle('laion5b'), titled('LAION-5B:').title);
    assert.equal(firstTitle('qwen2vl'), titled('Open-Qwen2VL:').title);
    assert.equal(firstTitle('FiTv2'), titled('FiTv2:').title);
  });

  it('gives ranges that lie inside their field, in order, and cover the matched words', () => {
    const queries = ['DataComp', 'datacmop', 'tracking lora', 'fine-tuning', 'low-rank adaptaton', 'future scope discussed', 'LAION-5B', 'medical'];
    for (const query of queries) {
      const results = index.search(query);
      assert.ok(results.length > 0, query);
      for (const result of results) {
        assert.ok(result.matches.length > 0, `${query}: ${result.paper.title} says where it matched`);
        for (const match of result.matches) {
          assert.ok(match.ranges.length > 0, `${query}: ${result.paper.title} has a ${match.field} match with no range`);
          const text = fieldText(result, match);
          let previousEnd = 0;
          for (const [start, end] of match.ranges) {
            assert.ok(Number.isInteger(start) && Number.isInteger(end), `${query}: integer range`);
            assert.ok(previousEnd <= start && start < end && end <= text.length, `${query}: [${start}, ${end}) in ${match.field} of ${text.length}`);
            previousEnd = end;
          }
        }
      }
    }
  });

  it('highlights exactly the words that matched', () => {
    const slices = (result: SearchResult, field: string) =>
      result.matches.filter((m) => m.field === field).flatMap((m) => m.ranges.map(([s, e]) => fieldText(result, m).slice(s, e)));

    const dataComp = index.search('DataComp')[0];
    assert.deepEqual(slices(dataComp, 'title'), ['DataComp']);
    assert.ok(slices(dataComp, 'names').includes('DataComp'));

    // A typo highlights the word it was taken for.
    assert.deepEqual(slices(index.search('shapeformr')[0], 'title'), ['ShapeFormer']);

    // Words far into the abstract are highlighted where they stand.
    const filters = index.search('future scope discussed')[0];
    assert.deepEqual(slices(filters, 'abstract'), ['future', 'scope', 'discussed']);

    // A hyphenated word is highlighted whole.
    const levi = index.search('fine-tuning', ALL).find((r) => r.paper.title.startsWith('LEVI:'));
    assert.ok(levi);
    assert.deepEqual(slices(levi, 'title'), ['Fine-tuning']);

    const trackingLora = index.search('tracking lora');
    assert.ok(trackingLora.length >= 2, 'several papers match "tracking lora"');
    for (const result of trackingLora) {
      for (const word of slices(result, 'abstract')) {
        assert.match(word.toLowerCase(), /^(?:track|lora)/, `${result.paper.title}: highlighted "${word}"`);
      }
    }
  });

  it('returns at most `limit` results, 20 by default', () => {
    assert.equal(index.search('learning').length, 20);
    assert.equal(index.search('learning', 5).length, 5);
    assert.equal(index.search('learning', 1).length, 1);
    assert.deepEqual(index.search('learning', 0), []);
  });

  it('returns every paper that holds the word when the limit allows', () => {
    // Worked out from the indexed text, not by the index: the papers whose title, abstract,
    // names or topic labels hold "learning" as a word ("unlearning" does not count).
    const holding = docs
      .filter((d) => /\blearning\b/i.test([d.paper.title, d.paper.abstract, ...d.names, ...d.topics].join('\n')))
      .map((d) => d.paper.id);
    assert.ok(holding.length > 20, `${holding.length} papers: more than the default limit`);
    const found = index.search('learning', 2 * ALL).map((r) => r.paper.id);
    assert.deepEqual([...found].sort(), [...holding].sort());
  });

  it('ranks the same after many queries as a freshly built index (no state left in its scratch buffers)', () => {
    const queries = ['learning', 'datacmop', 'tracking lora', 'fine-tuning', 'shapefor', 'diffusion model', 'BT^2', 'zzzz'];
    for (const query of queries) index.search(query, ALL);
    const fresh = new SearchIndex(docs);
    for (const query of queries) {
      assert.deepEqual(
        index.search(query, ALL).map((r) => [r.paper.id, r.score]),
        fresh.search(query, ALL).map((r) => [r.paper.id, r.score]),
        query,
      );
    }
  });

  it('breaks ties in listing order', () => {
    // Two papers with the same text tie: the one listed first comes first.
    const original = docs.find((d) => d.paper.title.startsWith('ShapeFormer:'));
    assert.ok(original);
    const twin: SearchDoc = { ...original, paper: { ...original.paper, id: 'twin' } };
    const other = docs.find((d) => d.paper.title.startsWith('MatFormer:'));
    assert.ok(other);
    const twins = new SearchIndex([other, twin, original]);
    assert.deepEqual(
      twins
        .search('shapelet transformer')
        .slice(0, 2)
        .map((r) => r.paper.id),
      ['twin', original.paper.id],
    );
  });

  it('scores better results higher', () => {
    const results = index.search('diffusion model', ALL);
    assert.ok(results.length >= 10, `${results.length} results`);
    for (let i = 1; i < results.length; i++) assert.ok(results[i - 1].score >= results[i].score);
  });

  it('searches an empty corpus without failing', () => {
    assert.deepEqual(new SearchIndex([]).search('anything'), []);
  });
});

describe('search tokeniser', () => {
  const samples = [
    'Fine-tuning LAION-5B and Open-Qwen2VL: state-of-the-art, at 1.2b; snake_case x',
    'Schrödinger’s naïve façade — Éclair ÜBER-cool, İstanbul, ΔT-Net, 東京 data',
    'A\u2010hyphen and a non\u2011breaking one, trailing- and -leading, a--b',
    'Emoji 😀 split, 𝒳-ray (astral letters), café-au-lait.',
  ];

  it('gives the index and queries the same terms', () => {
    for (const text of samples) {
      const table = new TermTable();
      const count = table.collect(text);
      const fromIndex = Array.from(table.ids.subarray(0, count), (id) => table.terms.at(id));
      const fromQuery = splitWords(text).flatMap((c) => [...c.parts.map((p) => p.term), ...(c.joined ? [c.joined] : [])]);
      assert.deepEqual(fromIndex, fromQuery, text);
      const spans = Array.from(table.ids.subarray(0, count), (_, k) => [table.starts[k], table.ends[k]]);
      const querySpans = splitWords(text).flatMap((c) => [...c.parts.map((p) => [p.start, p.end]), ...(c.joined ? [[c.start, c.end]] : [])]);
      assert.deepEqual(spans, querySpans, text);
    }
  });

  it('folds case and diacritics and keeps digits', () => {
    const terms = (text: string) => splitWords(text).flatMap((c) => c.parts.map((p) => p.term));
    assert.deepEqual(terms('Schrödinger NAÏVE Qwen2VL 5B'), ['schrodinger', 'naive', 'qwen2vl', '5b']);
    assert.deepEqual(splitWords('LAION-5B')[0].joined, 'laion5b');
    assert.equal(compactKey('Split & Merge'), 'splitmerge');
    assert.equal(compactKey('BT^2'), 'bt2');
  });

  it('interns a term once however it is written', () => {
    const table = new TermTable();
    const count = table.collect('Fine FINE fine fine-tuning Fine-Tuning finetuning');
    const ids = Array.from(table.ids.subarray(0, count));
    assert.equal(new Set(ids).size, 3); // fine, tuning, finetuning
    assert.equal(table.idOf('finetuning'), ids[ids.length - 1]);
    assert.equal(table.idOf('absent'), -1);
  });

  it('looks words up without adding them when asked to', () => {
    const table = new TermTable();
    table.collect('known words');
    const count = table.collect('known unknown-words', false);
    assert.deepEqual(Array.from(table.ids.subarray(0, count)), [table.idOf('known'), -1, table.idOf('words'), -1]);
    assert.equal(table.size, 2);
  });
});

describe('SearchIndex over a few hand-made papers', () => {
  /** A paper with only a title (and an abstract, names, citation keys when given). */
  const docOf = (id: string, title: string, more: { abstract?: string; names?: string[]; keys?: string[] } = {}): SearchDoc => ({
    paper: { id, title, abstract: more.abstract ?? '', links: [], ...(more.keys ? { keys: more.keys } : {}) },
    names: more.names ?? [],
    topics: [],
  });
  const idsOf = (results: SearchResult[]) => results.map((r) => r.paper.id);
  /** Papers on unrelated subjects, so that no word of a test is in 40% of the papers. */
  const fillers = (count: number) => Array.from({ length: count }, (_, k) => docOf(`f${k}`, `Filler number${k} study`));

  it('picks the best candidates among many, then keeps listing order among equals', () => {
    // 35 of 100 papers hold "alpha": more than the 32 candidates handed to fuse.js.
    const docs = [...Array.from({ length: 35 }, (_, k) => docOf(`a${k}`, k === 34 ? 'Alpha alpha study' : 'Alpha study')), ...fillers(65)];
    const index = new SearchIndex(docs);
    assert.deepEqual(idsOf(index.search('alpha', 3)), ['a34', 'a0', 'a1']);
    const all = idsOf(index.search('alpha', 100));
    assert.deepEqual(all, ['a34', ...Array.from({ length: 34 }, (_, k) => `a${k}`)]);
  });

  it('puts an exact title, name or key hit first even when other papers score higher on the words', () => {
    // 40 short titles repeat the word; the paper named AlphaBeta holds it once, in a long text.
    const abstract = Array.from({ length: 60 }, (_, k) => `word${k}`).join(' ');
    const docs = [
      ...Array.from({ length: 40 }, (_, k) => docOf(`r${k}`, 'AlphaBeta AlphaBeta')),
      docOf('named', 'A long title about something else entirely', { abstract, names: ['Alpha-Beta'], keys: ['smith2020graph'] }),
      ...fillers(70),
    ];
    const index = new SearchIndex(docs);
    const results = index.search('AlphaBeta', 3);
    assert.deepEqual(idsOf(results), ['named', 'r0', 'r1']);
    assert.ok(results[0].score >= 10 && results[1].score < 10, `${results[0].score} then ${results[1].score}`);
    assert.equal(index.search('alpha beta', 1)[0].paper.id, 'named');
    // The blend of shares is at most 1; an exact hit adds 10 to it.
    for (const query of ['AlphaBeta', 'alpha beta', 'alphabeta word7']) {
      for (const r of index.search(query, 50)) {
        const [low, high] = r.paper.id === 'named' && query !== 'alphabeta word7' ? [10, 11] : [0, 1];
        assert.ok(r.score > low && r.score <= high, `${query}: ${r.paper.id} scores ${r.score}`);
      }
    }
    assert.equal(index.search('@smith2020graph', 1)[0].paper.id, 'named');
    assert.equal(index.search('A long title about something else, entirely!', 1)[0].paper.id, 'named');
  });

  it('adds fuse.js\'s share to the BM25 share: a title holding the query word scores well above BM25\'s 0.7 alone', () => {
    // "gamma" holds no exact hit (the title is longer), its coverage is 1 and its BM25 share the best, 1.
    const docs = [docOf('g', 'Gamma rays study'), docOf('late', 'A very long title about many different things and at the very end gamma'), ...fillers(30)];
    const index = new SearchIndex(docs);
    const [first, second] = index.search('gamma', 2);
    assert.equal(first.paper.id, 'g');
    assert.ok(first.score > 0.9 && first.score <= 1, `fuse.js adds its share: ${first.score}`);
    assert.ok(second.score < first.score);
  });

  it('completes only the last word, and only while it is being typed', () => {
    const docs = [docOf('shape', 'ShapeFormer shapelet transformer'), docOf('mat', 'MatFormer nested models'), ...fillers(5)];
    const index = new SearchIndex(docs);
    assert.deepEqual(idsOf(index.search('shapefor')), ['shape']);
    assert.deepEqual(index.search('shapefor '), [], 'a word followed by a space is finished');
    assert.deepEqual(idsOf(index.search('shapefor nested')), ['mat'], 'an earlier word is not completed');
    assert.deepEqual(index.search('s'), [], 'a single letter completes to nothing');
  });

  it('ranks the completion closer in length to the typed word first', () => {
    const index = new SearchIndex([docOf('former', 'Transformer networks'), docOf('fer', 'Transfer learning'), ...fillers(5)]);
    assert.deepEqual(idsOf(index.search('trans')), ['fer', 'former']);
  });

  it('meets a compound written together, apart and hyphenated (split forms once the word is finished)', () => {
    const docs = [
      docOf('together', 'Finetuning free editing'),
      docOf('apart', 'Fine tuning large models'),
      docOf('hyphen', 'Fine-tuning vision encoders'),
      docOf('fine', 'Fine wine'),
      docOf('tuning', 'Tuning forks'),
      docOf('pre', 'Pre training'),
      ...fillers(6),
    ];
    const index = new SearchIndex(docs);
    const found = (query: string) => idsOf(index.search(query)).sort();
    assert.deepEqual(found('fine tuning'), ['apart', 'fine', 'hyphen', 'together', 'tuning']);
    assert.deepEqual(found('fine-tuning'), ['apart', 'fine', 'hyphen', 'together', 'tuning']);
    assert.deepEqual(found('finetuning '), ['apart', 'hyphen', 'together'], 'split, both halves must occur');
    assert.deepEqual(found('finetuning'), ['hyphen', 'together'], 'while typed, the word is not split');
    // Either half may be as short as three letters.
    assert.deepEqual(found('pretraining '), ['pre']);
    assert.deepEqual(found('trainingpre '), ['pre']);
  });

  it('drops a word most papers hold once rarer words are present, and keeps it alone', () => {
    const docs = [docOf('graph', 'Graph study'), docOf('other', 'Vision study'), ...fillers(8)];
    const index = new SearchIndex(docs);
    assert.equal(index.search('study', 100).length, 10);
    assert.deepEqual(idsOf(index.search('study graph', 100)), ['graph']);
  });

  it('reads a word used in fewer than 3 papers also as a word 10 times as frequent a letter away', () => {
    // "form" in `formCount` papers, "from" in 30: 30 is ten times 3 but not 10 times 3.
    const indexWith = (formCount: number) =>
      new SearchIndex([
        ...Array.from({ length: formCount }, (_, k) => docOf(`form${k}`, `Form number${k}`)),
        ...Array.from({ length: 30 }, (_, k) => docOf(`from${k}`, `From place${k}`)),
        ...fillers(70),
      ]);
    assert.deepEqual(idsOf(indexWith(3).search('form ', 100)), ['form0', 'form1', 'form2']);
    const two = idsOf(indexWith(2).search('form ', 100));
    assert.deepEqual(two.slice(0, 2), ['form0', 'form1'], 'the word as typed first');
    assert.equal(two.length, 32);
    // A word no paper holds is read as any word within reach.
    assert.deepEqual(idsOf(indexWith(0).search('form ', 100)).length, 30);
  });

  it('takes an exact hit only where the text matches, not where its hash does', () => {
    // "yaczf" and "glbpp" have the same 32-bit compactHash.
    const index = new SearchIndex([docOf('hash', 'Yaczf'), docOf('word', 'Glbpp study'), ...fillers(5)]);
    const results = index.search('glbpp');
    assert.deepEqual(idsOf(results), ['word']);
    assert.ok(results[0].score < 10, `${results[0].score}`);
    assert.ok(index.search('yaczf')[0].score >= 10);
  });

  it('indexes a year only where a paper has one', () => {
    const withYear: SearchDoc = { ...docOf('dated', 'Dated paper'), paper: { ...docOf('dated', 'Dated paper').paper, year: 2017 } };
    const index = new SearchIndex([withYear, docOf('undated', 'Undefined behaviour'), ...fillers(5)]);
    assert.deepEqual(idsOf(index.search('2017')), ['dated']);
    assert.deepEqual(idsOf(index.search('undefined')), ['undated']);
  });

  it('joins a word with the word before it only when that one stands alone', () => {
    const index = new SearchIndex([docOf('together', 'Finetuning free'), docOf('pre', 'Pre training'), ...fillers(5)]);
    assert.ok(idsOf(index.search('fine tuning ')).includes('together'));
    assert.ok(!idsOf(index.search('pre-fine tuning ')).includes('together'), 'the last part of a compound is not joined to the next word');
  });

  it('indexes papers with more pairs of paper and term than its first guess', () => {
    // The pair buffer is sized from titles and abstracts; here all the words are in names, and
    // the second paper outgrows the buffer the first one half filled.
    const words = (prefix: string) => Array.from({ length: 600 }, (_, k) => `${prefix}${k}`).join(' ');
    const index = new SearchIndex([
      { ...docOf('first', ''), names: [words('a')] },
      { ...docOf('second', ''), names: [words('b')] },
      { ...docOf('short', ''), names: ['a599 b599'] },
    ]);
    // The short paper first where it holds the word (BM25 normalises by length).
    const holders: Record<string, string[]> = { a0: ['first'], a599: ['short', 'first'], b0: ['second'], b599: ['short', 'second'] };
    for (const [word, ids] of Object.entries(holders)) assert.deepEqual(idsOf(index.search(`${word} `, 5)), ids, word);
  });

  it('highlights what fuse.js matched inside a word only where it reads like a query word', () => {
    const paper = (title: string, names: string[], topics: string[]): SearchDoc => ({ ...docOf('p', title, { abstract: 'nested models', names }), topics });
    // "Form" inside "MatFormer" and "transformers": no word of them is a query word, fuse.js finds it.
    const mat = new SearchIndex([paper('MatFormer', ['MatFormer'], ['Efficient transformers']), ...fillers(5)]);
    const expected = [
      { field: 'title', ranges: [[3, 7]] },
      { field: 'names', ranges: [[3, 7]], value: 'MatFormer' },
      { field: 'topics', ranges: [[15, 19]], value: 'Efficient transformers' },
      { field: 'abstract', ranges: [[0, 6]] },
    ];
    assert.deepEqual(mat.search('form nested ')[0].matches, expected);
    assert.deepEqual(mat.search('formr nested ')[0].matches, expected, 'one edit from the query word');
    assert.deepEqual(mat.search('mat nested ')[0].matches, [
      { field: 'title', ranges: [[0, 3]] },
      { field: 'names', ranges: [[0, 3]], value: 'MatFormer' },
      { field: 'abstract', ranges: [[0, 6]] },
    ]);
    // fuse.js also marks "ion" of "Curation" for "laion": not highlighted.
    const curation = new SearchIndex([paper('Data Curation', ['LAIONet'], []), ...fillers(5)]);
    assert.deepEqual(curation.search('nested laion ')[0].matches, [
      { field: 'names', ranges: [[0, 5]], value: 'LAIONet' },
      { field: 'abstract', ranges: [[0, 6]] },
    ]);
  });

  it('ranks a paper holding every query word above papers holding one of them more often', () => {
    const index = new SearchIndex([
      docOf('one', 'Alpha alpha alpha alpha'),
      docOf('both', 'Survey', { abstract: 'alpha and beta methods compared at length in this survey' }),
      docOf('beta', 'Beta'),
      ...fillers(6),
    ]);
    const results = idsOf(index.search('alpha beta'));
    assert.equal(results[0], 'both');
    assert.deepEqual([...results].sort(), ['beta', 'both', 'one']);
  });

  it('ranks a typo variant one edit away above one two edits away', () => {
    const index = new SearchIndex([docOf('far', 'Netwarks'), docOf('near', 'Netwerks'), ...fillers(6)]);
    assert.deepEqual(idsOf(index.search('netwerkz ')), ['near', 'far']);
  });

  it('reads at most 16 words of a query', () => {
    const index = new SearchIndex([docOf('zebra', 'Zebra crossings'), ...fillers(5)]);
    const words = (n: number) => Array.from({ length: n }, (_, k) => `x${k}`).join(' ');
    assert.deepEqual(idsOf(index.search(`${words(15)} zebra`)), ['zebra']);
    assert.deepEqual(index.search(`${words(16)} zebra`), []);
    assert.deepEqual(idsOf(index.search(`${words(15).replace(/ /g, '-')}-zebra`)), ['zebra']);
    assert.deepEqual(index.search(`${words(16).replace(/ /g, '-')}-zebra`), []);
  });
});

describe('search vocabulary', () => {
  const terms = ['form', 'from', 'forms', 'format', 'formal', 'fork', 'farm', 'x', '2017', '2018', 'cat', 'networks'];
  const df = [5, 9, 3, 2, 2, 3, 1, 1, 4, 4, 1, 1];
  const vocabularyOf = (list: string[], dfOf: (id: number) => number) => finishSteps(Vocabulary.build(list, (t) => list.indexOf(t), dfOf));
  const vocabulary = lazily(() => vocabularyOf(terms, (id) => df[id]));

  it('measures optimal-string-alignment distance, a transposition counting one edit', () => {
    assert.equal(editDistance('kitten', 'sitting', 5), 3);
    assert.equal(editDistance('form', 'from', 2), 1);
    assert.equal(editDistance('ab', 'ba', 1), 1);
    assert.equal(editDistance('ca', 'abc', 3), 3, 'no edit of a transposed pair');
    assert.equal(editDistance('abc', 'abc', 0), 0);
    assert.equal(editDistance('', 'abc', 3), 3);
    assert.equal(editDistance('abc', '', 3), 3);
  });

  it('stops at one more than the allowed distance', () => {
    assert.equal(editDistance('abcdef', 'ghijkl', 2), 3);
    assert.equal(editDistance('a', 'abcd', 2), 3);
    assert.equal(editDistance('a', 'abcdefg', 2), 3, 'not the full distance, 6');
    assert.equal(editDistance('abcd', 'abdc', 0), 1);
  });

  it('sorts its terms in code-unit order alike at once and in steps, over more terms than a run of the steps\' sort', () => {
    // Upper case, digits, accents and astral characters order by UTF-16 code units, not by locale.
    const base = ['Zeta', 'alpha', 'Émile', 'émile', 'e\u0301mile', '𝔸lgebra', 'ﬁne', '10', '9', 'a-b', 'ab'];
    const many = Array.from({ length: 9000 }, (_, k) => `${base[k % base.length]}${(k * 7919) % 9001}`);
    const list = [...new Set([...base, ...many])];
    const ids = new Map(list.map((t, k) => [t, k]));
    const build = (atOnce: boolean) => finishSteps(Vocabulary.build(list, (t) => ids.get(t) ?? -1, () => 1, atOnce)).toData();
    const sorted = list.slice().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const atOnce = build(true);
    assert.deepEqual(Array.from(atOnce.sortedTermIds, (id) => list[id]), sorted);
    assert.deepEqual(atOnce, build(false));
  });

  it('tells numbers by their digits only', () => {
    assert.ok(isNumber('2017') && isNumber('0') && isNumber('9'));
    for (const word of ['2017a', 'a2017', '/', ':', '1.5']) assert.ok(!isNumber(word), word);
  });

  it('finds the terms one edit from a short word, not the word itself, most frequent first', () => {
    const v = vocabulary();
    assert.deepEqual(v.typoVariants('form'), [
      [1, 1],
      [2, 1],
      [5, 1],
      [6, 1],
    ]);
    assert.deepEqual(v.typoVariants('fomr'), [[0, 1]]);
    assert.deepEqual(v.typoVariants('formt'), [
      [0, 1],
      [2, 1],
      [3, 1],
    ]);
    assert.deepEqual(v.typoVariants('cats'), [[10, 1]], 'a three-letter term is reached');
  });

  it('allows two edits from eight letters on', () => {
    const v = vocabulary();
    assert.deepEqual(v.typoVariants('ntewroks'), [[11, 2]]);
    assert.deepEqual(v.typoVariants('ntewrok'), []);
    assert.deepEqual(v.typoVariants('ntework'), []);
    assert.deepEqual(v.typoVariants('netwroks'), [[11, 1]]);
  });

  it('gives no typo variants for short words, numbers or words longer than 24 letters', () => {
    const long = ['abcdefghijklmnopqrstuvwxy', 'zyxwvutsrqponmlkjihgfedc'];
    const v = vocabularyOf([...terms, ...long], () => 1);
    assert.deepEqual(v.typoVariants('frm'), []);
    assert.deepEqual(v.typoVariants('2019'), []);
    assert.deepEqual(v.typoVariants('abcdefghijklmnopqrstuvwx'), [], 'a 25-letter term is not indexed for typos');
    assert.deepEqual(v.typoVariants('zyxwvutsrqponmlkjihgfedcb'), [], 'a 25-letter word is not looked up');
    assert.deepEqual(v.typoVariants('zyxwvutsrqponmlkjihgfedx'), [[13, 1]]);
  });

  it('keeps the 24 most frequent typo variants', () => {
    // 36 terms one edit from "abcd": "abcd" plus a letter, "abc" plus a digit.
    const list = [...'abcdefghijklmnopqrstuvwxyz'].map((c) => `abcd${c}`).concat([...'0123456789'].map((d) => `abc${d}`));
    const frequency = (id: number) => (id * 7) % 37;
    const v = vocabularyOf(list, frequency);
    const expected = list
      .map((_, id) => id)
      .sort((a, b) => frequency(b) - frequency(a) || a - b)
      .slice(0, 24)
      .map((id) => [id, 1]);
    assert.deepEqual(v.typoVariants('abcd'), expected);
  });

  it('completes a prefix of two or more letters to longer terms, most frequent first, then by id', () => {
    const v = vocabulary();
    assert.deepEqual(v.completions('form'), [2, 3, 4]);
    assert.deepEqual(v.completions('fo'), [0, 2, 5, 3, 4]);
    assert.deepEqual(v.completions('fr'), [1]);
    assert.deepEqual(v.completions('20'), [8, 9]);
    assert.deepEqual(v.completions('networks'), []);
    assert.deepEqual(v.completions('zz'), []);
    assert.deepEqual(v.completions('f'), []);
  });

  it('keeps the 32 most frequent completions', () => {
    const list = Array.from({ length: 40 }, (_, k) => `pre${String(k).padStart(2, '0')}`);
    const frequency = (id: number) => (id * 11) % 41;
    const v = vocabularyOf(list, frequency);
    const expected = list
      .map((_, id) => id)
      .sort((a, b) => frequency(b) - frequency(a) || a - b)
      .slice(0, 32);
    assert.deepEqual(v.completions('pre'), expected);
    // The last term in code-unit order is the rarest: it takes no place.
    const falling = vocabularyOf(list, (id) => (id === 39 ? 0 : 40 - id));
    assert.deepEqual(
      falling.completions('pre'),
      list.slice(0, 32).map((_, id) => id),
    );
  });
});

describe('highlight ranges', () => {
  const text = 'Fine-tuning of fine models';
  const table = lazily(() => {
    const t = new TermTable();
    t.collect(text); // fine 0, tuning 1, finetuning 2, of 3, models 4
    return t;
  });
  const ranges = (ids: number[], within = text) => wordRanges(table(), within, new Set(ids));

  it('covers each matched word where it stands', () => {
    assert.deepEqual(ranges([0]), [
      [0, 4],
      [15, 19],
    ]);
    assert.deepEqual(ranges([4]), [[20, 26]]);
    assert.deepEqual(ranges([]), []);
    assert.deepEqual(ranges([0], 'unknown FINE'), [[8, 12]]);
    assert.equal(table().size, 5, 'highlighting adds no terms');
  });

  it('covers a compound whole when its joined form matched, merging its parts into it', () => {
    assert.deepEqual(ranges([2]), [[0, 11]]);
    assert.deepEqual(ranges([0, 2]), [
      [0, 11],
      [15, 19],
    ]);
    assert.deepEqual(ranges([1, 0, 2]), [
      [0, 11],
      [15, 19],
    ]);
  });

  it('keeps the parts of a compound apart when only they matched', () => {
    assert.deepEqual(ranges([0, 1]), [
      [0, 4],
      [5, 11],
      [15, 19],
    ]);
  });
});

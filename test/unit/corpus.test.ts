import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Background } from '../../src/core/background';
import { CorpusFileError, loadBackground, loadCorpusFile, loadSeeds, readTextFile } from '../../src/core/bundled';
import { Corpus } from '../../src/core/corpus';
import { ListingError } from '../../src/core/listing';
import { commonWordsFrom } from '../../src/core/names';
import { finishSteps } from '../../src/core/steps';
import type { Paper } from '../../src/core/types';
import { BUNDLED_MULTI_TOPIC_PAPERS, BUNDLED_PAPER_COUNT, BUNDLED_TOPIC_SIZES, bundledCorpus, paperTitled, ROOT } from './helpers';

describe('Corpus', () => {
  let corpus: Corpus;
  beforeEach(() => (corpus = bundledCorpus()));

  it('finds a paper by id, exact title, title in any case and spacing, or a name', () => {
    const p = paperTitled('Tracking Meets LoRA');
    assert.equal(corpus.find(p.id), p);
    assert.equal(corpus.find(p.title), p);
    assert.equal(corpus.find('  tracking meets lora:   faster training, larger model, stronger performance '), p);
    assert.equal(corpus.find('LoRAT'), p);
    assert.equal(corpus.find('DataComp')?.title, 'DataComp: In search of the next generation of multimodal datasets');
    assert.equal(corpus.find('nothing like this'), undefined);
  });

  it('shows the short name, else the first method name, else nothing', () => {
    assert.equal(corpus.shortName(paperTitled('DataComp:').id), 'DataComp');
    assert.equal(corpus.shortName(paperTitled('Tracking Meets LoRA').id), 'LoRAT');
    // The abstract names it: "a data filtering network (DFN)".
    assert.equal(corpus.shortName(paperTitled('Data Filtering Networks').id), 'DFN');
    // A phrase name is the start of the title itself, not a name to show beside it.
    assert.equal(corpus.shortName(paperTitled('Stationary Representations').id), undefined);
  });

  it('files every paper under one to three topics, and lists each topic in listing order', () => {
    for (const p of corpus.papers) {
      const topics = corpus.topicsOf(p.id);
      assert.ok(topics.length >= 1 && topics.length <= 3, p.title);
      for (const t of topics) assert.ok(corpus.papersIn(t.id).includes(p));
    }
    for (const t of corpus.topics) {
      const listed = corpus.papersIn(t.id);
      const order = listed.map((p) => corpus.papers.indexOf(p));
      assert.deepEqual(order, [...order].sort((a, b) => a - b));
    }
  });

  it('files with the classifier of its own taxonomy: the same for topics read apart, another for other topics', () => {
    const seeds = loadSeeds(ROOT);
    const again = loadSeeds(ROOT);
    assert.notEqual(again.topics, seeds.topics, 'read apart');
    const filed = (topics: typeof seeds.topics) => {
      const c = new Corpus(corpus.papers, topics, seeds.isCommonWord, [], seeds.background);
      return corpus.papers.map((p) => c.topicsOf(p.id).map((t) => t.id));
    };
    const first = filed(seeds.topics);
    assert.deepEqual(filed(again.topics), first);
    // One topic whose vocabulary holds every bundled paper's first title word, weighted strongly: filed under it.
    const words = [...new Set(corpus.papers.map((p) => p.title.toLowerCase().split(/\W+/).find((w) => w.length > 3) ?? 'x'))];
    const only = [{ ...seeds.topics[0], id: 'only', vocabulary: words, strong: words }];
    const other = filed(only);
    assert.notDeepEqual(other, first);
    assert.ok(other.every((ids) => ids.every((id) => id === 'only')));
    assert.deepEqual(filed(seeds.topics), first, "and the first taxonomy's again");
  });

  it('holds every bundled paper, in the checked numbers per topic (what the sidebar shows)', () => {
    assert.equal(corpus.papers.length, BUNDLED_PAPER_COUNT);
    assert.deepEqual(
      corpus.topics.map((t) => [t.id, corpus.papersIn(t.id).length]),
      BUNDLED_TOPIC_SIZES,
    );
  });

  it('lists a paper filed under several topics in each of them, best topic first', () => {
    for (const [title, expected] of BUNDLED_MULTI_TOPIC_PAPERS) {
      const paper = paperTitled(title);
      assert.deepEqual(
        corpus.topicsOf(paper.id).map((t) => t.id),
        expected,
        title,
      );
      for (const id of expected) assert.ok(corpus.papersIn(id).includes(paper), `${title} under ${id}`);
    }
    // Papers under one topic only are listed once.
    const rows = corpus.topics.reduce((n, t) => n + corpus.papersIn(t.id).length, 0);
    const extra = BUNDLED_MULTI_TOPIC_PAPERS.reduce((n, [, topics]) => n + topics.length - 1, 0);
    assert.equal(rows, BUNDLED_PAPER_COUNT + extra);
  });

  it('builds the matcher and the search index once and keeps them', () => {
    // A getter that built them anew would hand out a different object on each access.
    const matcher = corpus.matcher;
    const index = corpus.searchIndex;
    corpus.find('LoRAT');
    index.search('lora');
    assert.strictEqual(corpus.matcher, matcher);
    assert.strictEqual(corpus.searchIndex, index);
  });
});

/** A paper as a library reader would hand it over: only the fields a test needs. */
function paper(id: string, title: string, more: Partial<Paper> = {}): Paper {
  return { id, title, abstract: '', links: [], ...more };
}

/** A corpus of hand-made papers: the bundled taxonomy and a tiny everyday vocabulary (and, when asked, the bundled background statistics). */
function corpusOfPapers(papers: readonly Paper[], background?: Background): Corpus {
  return new Corpus(papers, loadSeeds(ROOT).topics, commonWordsFrom('hydra\nrouting\nsparse\nthe\nwith\nfor'), [], background);
}

describe('Corpus on hand-made papers', () => {
  it('looks papers up by citation key ignoring case; the first paper holding a key keeps it', () => {
    const a = paper('a', 'First Paper on Routing', { keys: ['Smith2020'] });
    const b = paper('b', 'Second Paper on Routing', { keys: ['SMITH2020', 'jones2021'] });
    const corpus = corpusOfPapers([a, b]);
    assert.equal(corpus.find('smith2020'), a);
    assert.equal(corpus.find('SMITH2020'), a);
    assert.equal(corpus.find('@Jones2021'), b);
    // The query is trimmed before the `@` is dropped.
    assert.equal(corpus.find('  @jones2021 \n'), b);
    // Only a leading `@` marks a key; one inside the text is part of it.
    assert.equal(corpus.find('jones@2021'), undefined);
    assert.equal(corpus.find('@@jones2021'), undefined);
  });

  it('prefers an id to a key, and a key to a title', () => {
    const a = paper('a', 'Routing Tokens Sparsely');
    const b = paper('b', 'Experts Everywhere', { keys: ['a', 'Routing Tokens Sparsely'] });
    const corpus = corpusOfPapers([a, b]);
    assert.equal(corpus.find('a'), a);
    assert.equal(corpus.find('routing tokens sparsely'), b);
    assert.equal(corpus.find('Routing Tokens Sparsely'), b);
  });

  it('prefers the exact title to one equal ignoring case, and a title to a name', () => {
    const lower = paper('lower', 'Sparse routing of experts');
    const exact = paper('exact', 'Sparse Routing of Experts');
    const named = paper('named', 'Zorblat: Sparse Routing at Scale');
    const titled = paper('titled', 'Zorblat');
    const corpus = corpusOfPapers([lower, exact, named, titled]);
    assert.equal(corpus.find('Sparse Routing of Experts'), exact);
    assert.equal(corpus.find('SPARSE ROUTING OF EXPERTS'), lower);
    // `named` comes first and is called Zorblat, but `titled` has it as its whole title.
    assert.equal(corpus.shortName(named.id), 'Zorblat');
    assert.equal(corpus.find('ZORBLAT'), titled);
    assert.equal(corpus.find('zorblat: sparse   routing at scale'), named);
  });

  it('finds a paper by its id in any letter case', () => {
    const corpus = corpusOfPapers([paper('sparse-routing', 'Routing Tokens Sparsely'), paper('dense-routing', 'Dense Experts')]);
    assert.equal(corpus.find('Dense-Routing')?.title, 'Dense Experts');
    assert.equal(corpus.find(' SPARSE-ROUTING ')?.title, 'Routing Tokens Sparsely');
  });

  it('answers for an unknown id or topic with nothing', () => {
    const only = paper('only', 'Zorblat: Sparse Routing at Scale');
    const corpus = corpusOfPapers([only]);
    assert.equal(corpus.get('only'), only);
    assert.equal(corpus.get('other'), undefined);
    assert.deepEqual(corpus.namesOf('other'), []);
    assert.equal(corpus.shortName('other'), undefined);
    assert.deepEqual(corpus.topicsOf('other'), []);
    assert.deepEqual(corpus.papersIn('no-such-topic'), []);
    assert.deepEqual(corpus.problems, []);
  });

  it('derives a paper\'s names once and keeps them', () => {
    const corpus = corpusOfPapers([paper('z', 'Zorblat: Sparse Routing at Scale')]);
    const names = corpus.namesOf('z');
    assert.deepEqual(
      names.map((n) => [n.text, n.kind]),
      [
        ['Zorblat: Sparse Routing at Scale', 'title'],
        ['Zorblat', 'short'],
      ],
    );
    assert.strictEqual(corpus.namesOf('z'), names);
  });

  it('matches an everyday-word name where a word of its paper\'s title stands near it', () => {
    const hydra = paper('hydra', 'Hydra: Unlearnable Experts for Sparse Routing');
    // Context words are weighed by how rare they are in the background (issue 8): without its
    // statistics no word says more than any other, and an everyday-word name never links on context.
    const corpus = corpusOfPapers([hydra, paper('other', 'Dense Experts')], loadBackground(ROOT));
    assert.deepEqual(corpusOfPapers([hydra, paper('other', 'Dense Experts')]).matcher.find('We route tokens with Hydra for unlearnable experts.'), []);
    // "Unlearnable" and "experts" come from Hydra's own title; nothing else in the sentence speaks of a paper.
    const text = 'We route tokens with Hydra for unlearnable experts.';
    assert.deepEqual(corpus.matcher.find(text), [{ start: 21, end: 26, text: 'Hydra', paperId: 'hydra', kind: 'short' }]);
    assert.deepEqual(corpus.matcher.find('We configure the runs with Hydra.'), []);
  });

  it('indexes short and method names for search, not the title a second time', () => {
    const zorblat = paper('z', 'Zorblat: Sparse Routing at Scale', { abstract: 'We propose Quixel, a router that learns which expert to use.' });
    const corpus = corpusOfPapers([zorblat, paper('other', 'Dense Experts')]);
    const [hit, ...rest] = corpus.searchIndex.search('zorblat');
    assert.equal(hit.paper, zorblat);
    assert.deepEqual(rest, []);
    assert.deepEqual(hit.matches, [
      { field: 'title', ranges: [[0, 7]] },
      { field: 'names', ranges: [[0, 7]], value: 'Zorblat' },
    ]);
    // The method name is indexed as a name; it is nowhere in the title.
    const [quixel] = corpus.searchIndex.search('Quixel');
    assert.deepEqual(
      quixel.matches.filter((m) => m.field !== 'abstract'),
      [{ field: 'names', ranges: [[0, 6]], value: 'Quixel' }],
    );
  });
});

describe('loading corpus files', () => {
  it('names the file when it cannot be read', () => {
    assert.throws(() => loadCorpusFile(path.join(ROOT, 'no-such.txt'), ROOT, 'no-such.txt'), (e: unknown) => e instanceof CorpusFileError && e.message === 'no-such.txt: cannot read: no such file');
  });

  it('names the file and line when nothing in it parses', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-'));
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'only\n\nshort\n');
    try {
      assert.throws(() => loadCorpusFile(file, ROOT, 'notes.txt'), (e: unknown) => e instanceof ListingError && /^notes\.txt:1: no papers found/.test(e.message));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('reading a file that cannot be read', () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-'))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const failure = (file: string, shownAs: string): CorpusFileError => {
      try {
        readTextFile(file, shownAs);
      } catch (e) {
        if (e instanceof CorpusFileError) return e;
        throw e;
      }
      throw new Error(`${file} was read`);
    };

    /** Switches the effective user id; false where the system does not allow it. */
    const becomes = (uid: number): boolean => {
      try {
        process.seteuid?.(uid);
        return true;
      } catch {
        return false;
      }
    };

    it('says a folder is not a file', () => {
      const e = failure(dir, 'papers');
      assert.equal(e.message, 'papers: cannot read: is a folder, not a file');
      assert.equal(e.file, 'papers');
      assert.equal(e.line, undefined);
    });

    it('passes on the system\'s reason for any other failure (a path through a file)', () => {
      fs.writeFileSync(path.join(dir, 'file.txt'), 'text');
      const e = failure(path.join(dir, 'file.txt', 'x'), 'file.txt/x');
      assert.match(e.message, /^file\.txt\/x: cannot read: ENOTDIR: not a directory/);
    });

    it('says permission denied', function () {
      // POSIX only; root may read any file, so as root the file is read as the unprivileged
      // user `nobody` (65534) for that moment, then root is taken back (the saved user id stays root).
      if (process.geteuid === undefined || process.seteuid === undefined) this.skip();
      const file = path.join(dir, 'locked.txt');
      fs.writeFileSync(file, 'text');
      fs.chmodSync(file, 0o000);
      fs.chmodSync(dir, 0o755);
      const asRoot = process.geteuid() === 0;
      if (asRoot && !becomes(65534)) this.skip();
      let e: CorpusFileError;
      try {
        e = failure(file, 'locked.txt');
      } finally {
        if (asRoot) process.seteuid(0);
      }
      assert.equal(e.message, 'locked.txt: cannot read: permission denied');
    });
  });
});

describe('warming up search', () => {
  it('runs what a search runs over a small index of the first papers, a query a step, the queries finding their papers', () => {
    const corpus = bundledCorpus();
    const steps = corpus.warmUpSearch(64, 1);
    let count = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) count++;
    // Eight papers' titles: its first three words, and its first word with the next being typed.
    assert.ok(count >= 16, `${count} steps`);
    assert.ok(step.value >= 14 && step.value <= 16, `${step.value} of 16 queries found their paper first`);
    const { topics, isCommonWord } = loadSeeds(ROOT);
    const papers: Paper[] = [
      { id: 'a', title: 'Denoising Diffusion Probabilistic Models', abstract: '', links: [], authors: ['Jonathan Ho'], year: 2020 },
      { id: 'b', title: 'Attention Is All You Need', abstract: '', links: [], authors: ['Ashish Vaswani'], year: 2017 },
      { id: 'c', title: 'Deep Residual Learning for Image Recognition', abstract: '', links: [], authors: ['Kaiming He'], year: 2016 },
    ];
    // By title, title being typed, and first author and year, in each of two rounds; the third paper is not indexed.
    assert.equal(finishSteps(new Corpus(papers, topics, isCommonWord).warmUpSearch(2, 2)), 12);
    // A second paper of the same title, with no year: its two title queries find the first paper first, and it has no author-and-year query.
    const undated: Paper = { id: 'a2', title: papers[0].title, abstract: '', links: [], authors: papers[0].authors };
    const twice = [papers[0], undated, papers[1]];
    assert.equal(finishSteps(new Corpus(twice, topics, isCommonWord).warmUpSearch(3, 1)), 6);
  });
});

describe('Corpus with topics filed elsewhere', () => {
  it('files a paper under the topics handed in for it, and classifies the papers without any', () => {
    const { topics, isCommonWord } = loadSeeds(ROOT);
    const diffusion: Paper = { id: 'd', title: 'Denoising Diffusion Models for Image Synthesis', abstract: '', links: [] };
    const other: Paper = { id: 'o', title: 'Denoising Diffusion Models for Image Synthesis Again', abstract: '', links: [] };
    const plain = new Corpus([diffusion, other], topics, isCommonWord);
    const chosen = plain.topicsOf('o').map((t) => t.id);
    assert.ok(chosen.length > 0, 'the classifier files the title');
    // A topic the classifier would not choose for it, handed in for `d` only.
    const elsewhere = topics.find((t) => !chosen.includes(t.id))!.id;
    const corpus = new Corpus([diffusion, other], topics, isCommonWord, [], undefined, new Map([['d', [elsewhere]]]));
    assert.deepEqual(corpus.topicsOf('d').map((t) => t.id), [elsewhere]);
    assert.deepEqual(corpus.topicsOf('o').map((t) => t.id), chosen);
    assert.deepEqual(corpus.papersIn(elsewhere).map((p) => p.id), ['d']);
  });

  it('lists the papers under no topic, in listing order, whether it filed them or a prepared index did', () => {
    const { topics, isCommonWord } = loadSeeds(ROOT);
    const paper = (id: string, title: string): Paper => ({ id, title, abstract: '', links: [] });
    const papers = [
      paper('d', 'Denoising Diffusion Models for Image Synthesis'),
      paper('x', 'Xyzzy Plugh'),
      paper('g', 'Graph Neural Networks for Molecular Property Prediction'),
      paper('y', 'Quux Frobnication'),
      paper('h', 'Handed In'),
    ];
    // `h` is handed a topic the taxonomy does not have: under no topic.
    const corpus = new Corpus(papers, topics, isCommonWord, [], undefined, new Map([['h', ['no-such-topic']]]));
    const none = (c: Corpus) => c.papers.filter((p) => c.topicsOf(p.id).length === 0).map((p) => p.id);
    assert.deepEqual(none(corpus), ['x', 'y', 'h'], 'the classifier files the two real titles');
    assert.deepEqual(corpus.papersInNoTopic().map((p) => p.id), ['x', 'y', 'h']);
    // Restored from its prepared index with a taxonomy that lost every topic of `d`: `d` is under none of this one's.
    const dropped = new Set(corpus.topicsOf('d').map((t) => t.id));
    const restored = new Corpus(papers, topics.filter((t) => !dropped.has(t.id)), isCommonWord, [], undefined, undefined, corpus.toPrepared());
    finishSteps(restored.prepare());
    assert.equal(restored.restored, true);
    assert.deepEqual(restored.papersInNoTopic().map((p) => p.id), ['d', 'x', 'y', 'h']);
    assert.deepEqual(none(restored), ['d', 'x', 'y', 'h']);
    assert.deepEqual(restored.papersIn(topics.find((t) => corpus.topicsOf('g').some((c) => c.id === t.id) && !dropped.has(t.id))!.id).map((p) => p.id).includes('g'), true);
  });
});

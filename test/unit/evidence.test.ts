import { strict as assert } from 'node:assert';
import {
  nameHashes,
  NameWeights,
  type Occurrence,
  PaperProfile,
  citedAs,
  paperCitedAfter,
  paragraphBounds,
  sectionBounds,
  sentenceBounds,
  TextWords,
  Vocabulary,
  WindowTally,
  windowsStart,
} from '../../src/core/evidence';
import type { Paper, PaperName } from '../../src/core/types';
import { bundledCorpus, paperTitled, readPlainly } from './helpers';

/**
 * A text with everything the windows look at: sentence ends and abbreviations, line breaks,
 * blank lines, markdown and LaTeX headings, long words, underscores, words of the paper's
 * abstract, and the name itself, many times over. Seeded, so a failure can be replayed.
 */
function textFor(seed: number, length: number, name: string, abstract: string): string {
  let state = seed;
  const rand = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const abstractWords = abstract.split(/\s+/).filter(Boolean);
  const pieces = [
    () => abstractWords[Math.floor(rand() * abstractWords.length)],
    () => name,
    () => 'the',
    () => 'kernel',
    () => 'e.g.',
    () => 'et al.',
    () => 'done.',
    () => 'Why?',
    () => 'x'.repeat(1 + Math.floor(rand() * 60)),
    () => 'snake_case_id',
    () => 'Überprüfung',
    () => '\n',
    () => '\n\n',
    () => '\n## Heading\n',
    () => '\n\\section{Related}\n',
    () => '(2021)',
  ];
  const parts: string[] = [];
  for (let size = 0; size < length; ) {
    const p = pieces[Math.floor(rand() * pieces.length)]();
    parts.push(p);
    size += p.length + 1;
  }
  return parts.join(rand() < 0.5 ? ' ' : ' ');
}


describe('context windows read once (TextWords, WindowTally)', () => {
  let profile: PaperProfile;
  let name: PaperName;
  beforeEach(() => {
    const corpus = bundledCorpus();
    const paper = paperTitled('CUDA');
    name = corpus.namesOf(paper.id).find((n) => n.text === 'CUDA')!;
    profile = new PaperProfile(paper, corpus.namesOf(paper.id), corpus.background);
  });

  for (const seed of [1, 2, 3, 4]) {
    it(`gives each occurrence the bounds and the words a plain reading gives (seed ${seed})`, () => {
      const text = textFor(seed, 40_000, 'CUDA', profile.paper.abstract);
      const occurrences: Occurrence[] = [...text.matchAll(/\bCUDA\b/g)].map((m) => ({ start: m.index, end: m.index + 4, name, variant: false }));
      assert.ok(occurrences.length > 200, 'the text holds the name often');
      const vocabulary = new Vocabulary();
      const weights = new NameWeights(profile, nameHashes(name), vocabulary);
      const tallies = [new WindowTally(weights), new WindowTally(weights), new WindowTally(weights)];
      const own = nameHashes(name);
      let words: TextWords | undefined;
      let checked = 0;
      occurrences.forEach((o, k) => {
        // A stretch from where the windows of the occurrence need it, serving the later ones;
        // now and then a fresh one, as when another part of the text is read.
        if (!words || !words.reaches(o.start - 5000) || k % 97 === 0) {
          words = new TextWords(text, windowsStart(text, o.start, o.end), vocabulary);
          for (const t of tallies) t.clear();
        }
        const windows = [
          [words.sentence(o.start, o.end), sentenceBounds(text, o.start, o.end)],
          [words.paragraph(o.start, o.end), paragraphBounds(text, o.start, o.end)],
          [words.section(o.start, o.end), sectionBounds(text, o.start, o.end)],
        ];
        windows.forEach(([fast, plain], level) => {
          assert.deepEqual(fast, plain, `level ${level} around ${o.start}`);
          const got = tallies[level].read(words!, fast[0], fast[1], o);
          const want = readPlainly(profile, own, text, fast[0], fast[1], o);
          assert.equal(got.distinct, want.distinct, `distinct words, level ${level} around ${o.start}`);
          assert.ok(Math.abs(got.score - want.score) < 1e-6, `score ${got.score} against ${want.score}, level ${level} around ${o.start}`);
          checked++;
        });
      });
      assert.equal(checked, occurrences.length * 3);
    });
  }

  it('reads windows cut inside words, and a window inside one word, as a plain reading does', () => {
    const text = `${'a'.repeat(50)} CUDA unlearnable ${'b'.repeat(40)}`;
    const o: Occurrence = { start: 51, end: 55, name, variant: false };
    const own = nameHashes(name);
    const vocabulary = new Vocabulary();
    const words = new TextWords(text, 10, vocabulary);
    words.section(o.start, o.end); // reads the whole text
    const tally = new WindowTally(new NameWeights(profile, own, vocabulary));
    for (const [from, to] of [
      [20, 80],
      [20, 70],
      [56, 60],
      [10, text.length],
      [50, 68],
      [30, 40],
      [20, 80],
    ]) {
      const got = tally.read(words, from, to, o);
      const want = readPlainly(profile, own, text, from, to, o);
      assert.equal(got.distinct, want.distinct, `[${from}, ${to})`);
      assert.ok(Math.abs(got.score - want.score) < 1e-6, `[${from}, ${to})`);
    }
    assert.ok(readPlainly(profile, own, text, 50, 68, o).score > 0, 'the paper weighs "unlearnable"');
  });
});

describe("a citation of the paper itself after a name (paperCitedAfter)", () => {
  const gym: Paper = { id: 'gym', title: 'Openai gym', abstract: '', links: [], keys: ['brockman2016openai', 'Gym2016'], arxivId: '1606.01540', doi: '10.48550/arXiv.1606.01540' };
  const after = (text: string, paper: Paper = gym) => paperCitedAfter(text, text.indexOf('Gym') + 3, citedAs(paper));

  it('reads LaTeX, Pandoc, Manubot and MyST citations, arXiv ids and DOIs', () => {
    assert.equal(after('OpenAI Gym \\citep{brockman2016openai}.'), 'the text cites the paper here (brockman2016openai)');
    assert.equal(after('OpenAI Gym~\\citep[see][p.~3]{smith2020, gym2016}.'), 'the text cites the paper here (gym2016)');
    assert.equal(after('OpenAI Gym \\parencite*{brockman2016openai}'), 'the text cites the paper here (brockman2016openai)');
    assert.equal(after('OpenAI Gym [see @smith2020; @brockman2016openai, p. 3].'), 'the text cites the paper here (@brockman2016openai)');
    assert.equal(after('OpenAI Gym, as @brockman2016openai: describe'), 'the text cites the paper here (@brockman2016openai)');
    assert.equal(after('OpenAI Gym (Gym) [@arXiv:1606.01540].'), 'the text cites the paper here (@arXiv:1606.01540)');
    assert.equal(after('OpenAI Gym [@doi:10.48550/arxiv.1606.01540]'), 'the text cites the paper here (@doi:10.48550/arxiv.1606.01540)');
    assert.equal(after('OpenAI Gym {cite:p}`smith2020,brockman2016openai` shows'), 'the text cites the paper here (brockman2016openai)');
    assert.equal(after('OpenAI Gym [paper](https://arxiv.org/abs/1606.01540v2)'), 'the text cites the paper here (arXiv:1606.01540)');
    assert.equal(after('OpenAI Gym (https://doi.org/10.48550/arXiv.1606.01540).'), 'the text cites the paper here (doi:10.48550/arXiv.1606.01540)');
    // A reference list's next sentence: "Title. arXiv:ID".
    assert.equal(after('Brockman, G. (2016). OpenAI Gym. arXiv:1606.01540.'), 'the text cites the paper here (arXiv:1606.01540)');
  });

  it("is not another paper's citation, nor one past the sentence or too far", () => {
    assert.equal(after('OpenAI Gym \\citep{brockman2016}.'), undefined);
    assert.equal(after('OpenAI Gym [@brockman2016openai2].'), undefined);
    assert.equal(after('OpenAI Gym [paper](https://arxiv.org/abs/1606.01541)'), undefined);
    assert.equal(after('OpenAI Gym is used. Later work \\cite{brockman2016openai} differs.'), undefined);
    assert.equal(after(`OpenAI Gym ${'and so on '.repeat(12)}\\cite{brockman2016openai}`), undefined);
    // An e-mail address is no Pandoc citation; a paper with no key, id or DOI is never cited.
    assert.equal(after('OpenAI Gym mail brockman2016openai@example.org'), undefined);
    assert.equal(after('OpenAI Gym \\cite{x}', { id: 'x', title: 'Openai gym', abstract: '', links: [] }), undefined);
  });
});

/**
 * Evidence-based resolution (evidence.ts) on hand-made papers and a few lines of background
 * statistics, so that each rule can be checked with a sentence or two (and under StrykerJS,
 * which rebuilds the fixtures for each mutant). The bundled corpus is not used here.
 *
 * The background: 1,000 abstracts; everyday words are common (no weight), and one listed rare
 * word makes every unlisted word as rare as it (df 1), so each rare word of a paper's title or
 * abstract weighs w = ln(1000) - 3 ≈ 3.9 as context and chance is next to nothing. The bars
 * (README "Precision"): 4.5 for a sentence, 7 for a paragraph, 9 for a section, 12 for the whole
 * document, a third of that with a citation next to the name. So a sentence needs two of the
 * paper's words, a paragraph two, a section three, the document four; with a citation, one.
 */
import { strict as assert } from 'node:assert';
import { Background, wordHash } from '../../src/core/background';
import {
  citedNear,
  DOCUMENT_MAX,
  type Evidence,
  forEachWord,
  nameHashes,
  NameWeights,
  type Occurrence,
  PaperProfile,
  paragraphBounds,
  repoKey,
  sectionBounds,
  sentenceBounds,
  TextEvidence,
  TextWords,
  Vocabulary,
  WindowTally,
  windowsStart,
} from '../../src/core/evidence';
import { longFormKey } from '../../src/core/definitions';
import { MentionMatcher } from '../../src/core/mentions';
import type { NameKind, Paper, PaperName } from '../../src/core/types';
import { lazily, readPlainly } from './helpers';

const backgroundText = () => ['docs 1000', '[words]', '990 the a of and in we to is for on with this that it by are as from an be at or', '600 paper model run', '1 zzzzrare', '[names]', ''].join('\n');
const background = lazily(() => Background.parse(backgroundText(), 'bg.txt'));
/** The weight of a rare word of the paper. */
const W = Math.log(1000) - 3;

function nameOf(paperId: string, text: string, kind: NameKind, ambiguous = false, why?: string): PaperName {
  return { paperId, text, kind, ambiguous, ...(why ? { why } : {}) };
}

const CUDA_PAPER: Paper = {
  id: 'cuda',
  title: 'CUDA: Convolution-based Unlearnable Datasets',
  abstract: 'Unlearnable datasets protect images from learning with convolution filters.',
  links: ['https://github.com/Owner/cuda-repo.git'],
};
const LORAT_PAPER: Paper = { id: 'lorat', title: 'Tracking Meets LoRA', abstract: 'We propose LoRAT for visual tracking with low rank adapters.', links: ['https://github.com/owner/lorat'] };
const HYDRA_PAPER: Paper = { id: 'hydra', title: 'Hydra: Sparse Experts', abstract: 'We propose Hybrid Dynamic Routing Architecture (Hydra) for sparse experts. Hierarchical Dense Routing Adapters, or HDRA, help.', links: [] };
const PAPERS = [CUDA_PAPER, LORAT_PAPER, HYDRA_PAPER];

const NAMES: PaperName[] = [
  nameOf('cuda', CUDA_PAPER.title, 'title'),
  nameOf('cuda', 'CUDA', 'short', true, 'an everyday word'),
  nameOf('lorat', LORAT_PAPER.title, 'title'),
  nameOf('lorat', 'LoRAT', 'method'),
  nameOf('hydra', 'Hydra', 'short', true),
];
const CUDA = NAMES[1];
const LORAT = NAMES[3];
const HYDRA = NAMES[4];

const byId = new Map(PAPERS.map((p) => [p.id, p]));
const matcher = lazily(() => new MentionMatcher(NAMES, (id) => byId.get(id), () => false, background()));
const profileOf = (paper: Paper) => new PaperProfile(paper, NAMES.filter((n) => n.paperId === paper.id), background());

/** The evidence for the first candidate `name` in `text`, and whether it was linked (which must agree). */
function evidenceOf(text: string, name: string, policy: 'context' | 'always' | 'never' = 'context'): Evidence {
  const { linked, rejected } = matcher().explain(text, policy);
  const m = [...linked, ...rejected].sort((a, b) => a.start - b.start).find((x) => x.text === name);
  assert.ok(m, `no candidate "${name}" in ${JSON.stringify(text)}`);
  assert.equal(m.evidence.linked, linked.includes(m));
  return m.evidence;
}
const linkedIn = (text: string, name = 'CUDA') => evidenceOf(text, name).linked;
const context = (level: string, score: number, needs: number, words: string) => `${level} context ${score.toFixed(1)} (chance 0.0, needs ${needs.toFixed(1)} more): ${words}`;

describe('evidence core: the paper\'s profile', () => {
  it('weighs the rare words of its title and abstract, not common words, numbers or one-letter words', () => {
    const p = new PaperProfile({ id: 'x', title: 'Zeta: 42 x Fox Unlearnable', abstract: 'The unlearnable zeta of 1999 and ox.', links: [] }, [], background());
    const terms = [...p.terms.keys()].map((h) => p.wordOf(h));
    assert.deepEqual(terms, ['zeta', 'fox', 'unlearnable', 'ox']);
    for (const w of p.terms.values()) assert.ok(Math.abs(w - W) < 1e-9);
    assert.equal(p.wordOf(wordHash('the')), '?');
    // Chance: each term's weight times its share of the background, spread over 150 words.
    assert.ok(Math.abs(p.chancePerWord - (4 * W * (1 / 1000)) / 150) < 1e-12);
    assert.deepEqual([...p.titleWords].sort(), ['fox', 'unlearnable', 'zeta']);
  });

  it('has no terms and no chance without background statistics', () => {
    const p = new PaperProfile(CUDA_PAPER, [], Background.empty());
    assert.equal(p.terms.size, 0);
    assert.equal(p.chancePerWord, 0);
  });

  it('knows the long forms the paper gives its names, and its code repository', () => {
    const cuda = profileOf(CUDA_PAPER);
    assert.deepEqual([...(cuda.longForms.get('CUDA') ?? [])], [longFormKey('Convolution-based Unlearnable Datasets')]);
    assert.equal(cuda.repo, 'github.com/owner/cuda-repo');
    // A subtitle that does not spell the short name out is no long form of it.
    assert.equal(new PaperProfile({ ...CUDA_PAPER, title: 'CUDA: Learning Made Hard' }, [CUDA], background()).longForms.size, 0);
    assert.equal(new PaperProfile({ ...CUDA_PAPER, title: 'CUDA Convolution-based Unlearnable Datasets' }, [CUDA], background()).longForms.size, 0);
    // A subtitle that runs on past the long form: its leading part that ends on the last capital's word is a long form too.
    const corda = nameOf('corda', 'CorDA', 'short');
    const cordaPaper = { ...CUDA_PAPER, id: 'corda', title: 'CorDA: Context-Oriented Decomposition Adaptation of Large Language Models', abstract: 'We adapt models.' };
    assert.deepEqual([...(new PaperProfile(cordaPaper, [corda], background()).longForms.get('CorDA') ?? [])], [
      longFormKey('Context-Oriented Decomposition Adaptation of Large Language Models'),
      longFormKey('Context-Oriented Decomposition Adaptation'),
    ]);
    // Only parts that spell the name: the subtitle, and the part that ends on "Adaptation".
    assert.deepEqual([...(new PaperProfile({ ...cordaPaper, title: 'CorDA: Context-Oriented Decomposition Adaptation Done' }, [corda], background()).longForms.get('CorDA') ?? [])], [
      longFormKey('Context-Oriented Decomposition Adaptation Done'),
      longFormKey('Context-Oriented Decomposition Adaptation'),
    ]);
    const hydra = profileOf(HYDRA_PAPER);
    assert.deepEqual([...(hydra.longForms.get('Hydra') ?? [])], [longFormKey('Hybrid Dynamic Routing Architecture')]);
    assert.deepEqual([...(hydra.longForms.get('HDRA') ?? [])], [longFormKey('Hierarchical Dense Routing Adapters')]);
    assert.equal(hydra.repo, undefined);
    assert.equal(profileOf(LORAT_PAPER).repo, 'github.com/owner/lorat');
    assert.equal(profileOf(LORAT_PAPER).longForms.size, 0);
  });

  it('tells the share of a phrase\'s content words the paper uses', () => {
    const p = profileOf(LORAT_PAPER);
    assert.equal(p.share('Low-Rank Adaptation for Tracking', background()), 3 / 4);
    assert.equal(p.share('**low** _rank_ `adapters`', background()), 1);
    assert.equal(p.share('the of and', background()), 0);
    assert.equal(p.share('Random Automata', background()), 0);
  });
});

describe('evidence core: helpers', () => {
  it('reads repository keys from URLs', () => {
    assert.equal(repoKey('https://www.GitHub.com/Owner/Repo.git'), 'github.com/owner/repo');
    assert.equal(repoKey('http://gitlab.com/a/b?tab=1'), 'gitlab.com/a/b');
    assert.equal(repoKey('github.com/a/b#readme'), 'github.com/a/b');
    assert.equal(repoKey('github.com/a/b/tree/main'), 'github.com/a/b');
    assert.equal(repoKey('github.com/a'), undefined);
    assert.equal(repoKey('see github.com/a/b'), undefined);
  });

  it('calls back for each word of a range, cut at its edges and hashed in lower case', () => {
    const words: Array<[string, number, number]> = [];
    const text = 'Ab, cd_e  f\u0301g. HI';
    forEachWord(text, 1, text.length - 1, (h, s, e) => {
      words.push([text.slice(s, e), s, e]);
      assert.equal(h, wordHash(text.slice(s, e)));
    });
    assert.deepEqual(words, [
      ['b', 1, 2],
      ['cd_e', 4, 8],
      ['f\u0301g', 10, 13],
      ['H', 15, 16],
    ]);
    assert.equal(wordHash('HI'), wordHash('hi'));
  });

  it('knows a name\'s own words', () => {
    const n = nameOf('s', 'Split & Merge', 'short');
    assert.deepEqual([...nameHashes(n)].sort(), [wordHash('merge'), wordHash('split')].sort());
    assert.strictEqual(nameHashes(n), nameHashes(n));
  });

  it('sees a citation or a reference entry next to a name', () => {
    const at = (before: string, after: string) => citedNear(`${before}CUDA${after}`, before.length, before.length + 4);
    for (const after of [' [12]', '[1, 2]', ' [1\u20133]', ' [3-5]', '** [12]', ' \\cite{x}', ' \\citep{a,b}', ' [@key]', ' (Chen et al., 2024)', ' (Chen et al 2024)', ' (Chen and Li, 2023)', ' (Chen, 2023a)', ' (Müller 1999)', ' (2021)', ' ( 2021b )', ' [Paper](http://x)', ' by A. Author [arXiv] (x)', ' -- [code](x)', ` ${'x'.repeat(40)}[paper](x)`, ' [1 ,2]', ' [1, 23]', ' [1 , 2 - 3]', ' ( Chen, 2023)', ' (Chen  et al., 2024)', ' (Chen et  al., 2024)', ' (Chen  and Li, 2023)', ' (Chen and  Li, 2023)', ' (Chen,  2023)', ' (2023 )', ' (Chen et al. 2024)', ' [PDF]  (x)']) {
      assert.ok(at('See ', after), after);
    }
    for (const after of [' [a]', ' [12', ' (2021', ' (Chen, 1899)', ' (Chen et al., 2024', ' (1850)', ' [slides](x)', ` ${'x'.repeat(41)}[paper](x)`, ' and\n[paper](x)', ' cite{x}']) {
      assert.ok(!at('See ', after), after);
    }
    for (const before of ['Chen et al. ', 'Chen et al, ', 'Chen et al ', 'Chen et  al.  ', 'Chen et al.', '\\cite{foo, ', '\\citet{']) assert.ok(at(before, ' runs'), before);
    for (const before of ['Chen et al. said ', '\\cite{foo} ', 'Violet al. ']) assert.ok(!at(before, ' runs'), before);
  });
});

describe('evidence core: sentence, paragraph and section bounds', () => {
  const around = (f: (t: string, s: number, e: number) => [number, number], text: string) => {
    const at = text.indexOf('NAME');
    const [from, to] = f(text, at, at + 4);
    return text.slice(from, to);
  };
  const sentence = (text: string) => around(sentenceBounds, text);

  it('ends a sentence at a full stop, question or exclamation mark before a blank, or a blank line', () => {
    assert.equal(sentence('One. NAME two. Three.'), ' NAME two');
    assert.equal(sentence('One? NAME two! Three.'), ' NAME two');
    assert.equal(sentence('One.\tNAME two.\nThree.'), '\tNAME two');
    assert.equal(sentence('One.NAME two.x three'), 'One.NAME two.x three');
    assert.equal(sentence('One\n\nNAME two\n \t\nThree'), '\nNAME two');
    assert.equal(sentence('One\r\n\r\nNAME two\r\n\r\nThree'), '\r\nNAME two\r');
    assert.equal(sentence('One\nNAME two\nThree'), 'One\nNAME two\nThree');
    assert.equal(sentence('NAME ends here.'), 'NAME ends here');
    assert.equal(sentence('One. NAME'), ' NAME');
    assert.equal(sentence('.NAME'), '.NAME');
  });

  it('reads over the full stops of abbreviations', () => {
    for (const abbreviation of ['e.g.', 'i.e.', 'et al.', 'vs.', 'cf.', 'etc.', 'Fig.', 'Eq.', 'Sec.', 'No.']) {
      assert.equal(sentence(`See ${abbreviation} NAME here. Next`), `See ${abbreviation} NAME here`, abbreviation);
      assert.equal(sentence(`Before NAME, see ${abbreviation} Next`), `Before NAME, see ${abbreviation} Next`, abbreviation);
    }
    assert.equal(sentence('Formal. NAME here'), ' NAME here');
    assert.equal(sentence('A signal. NAME here'), ' NAME here');
  });

  it('reads at most 300, 1,200 and 5,000 characters each side', () => {
    for (const [f, reach] of [
      [sentenceBounds, 300],
      [paragraphBounds, 1200],
      [sectionBounds, 5000],
    ] as const) {
      for (const n of [reach - 1, reach, reach + 1]) {
        const text = `${'x'.repeat(n)} NAME ${'x'.repeat(n)}`;
        assert.deepEqual(f(text, n + 1, n + 5), [Math.max(0, n + 1 - reach), Math.min(text.length, n + 5 + reach)], `${reach}: ${n}`);
      }
    }
  });

  it('ends a paragraph at a blank line only', () => {
    const paragraph = (text: string) => around(paragraphBounds, text);
    assert.equal(paragraph('One. Two\nNAME three. Four'), 'One. Two\nNAME three. Four');
    assert.equal(paragraph('One\n\nNAME three\n\nFour'), '\nNAME three');
    assert.equal(paragraph('One\n  \nNAME three\n\t\n'), '  \nNAME three');
    assert.equal(paragraph('\nNAME three\n'), '\nNAME three\n');
    // A blank line of up to 198 blanks; a longer run of blanks is not read to its end.
    assert.equal(paragraph(`One\n${' '.repeat(198)}\nNAME`), `${' '.repeat(198)}\nNAME`);
    assert.equal(paragraph(`One\n${' '.repeat(199)}\nNAME`), `One\n${' '.repeat(199)}\nNAME`);
  });

  it('ends a section at a markdown or LaTeX heading', () => {
    const section = (text: string) => around(sectionBounds, text);
    assert.equal(section('# A\nx\n\nNAME y\n## B\nz'), '# A\nx\n\nNAME y');
    assert.equal(section('a\n\\section{A}\nNAME y\n\\subsection*{B}\nz'), '\\section{A}\nNAME y');
    assert.equal(section('a\n\\chapter*{A}\nNAME y\n\\paragraph{B}\nz'), '\\chapter*{A}\nNAME y');
    assert.equal(section('a\n\\subsubsection{A}\nNAME y\n###### B\nz'), '\\subsubsection{A}\nNAME y');
    assert.equal(section('a\n####### A\nNAME y\n#B\nz'), 'a\n####### A\nNAME y\n#B\nz');
    assert.equal(section('a\n\\sectionx\nNAME y\n \\section{B}\nz'), 'a\n\\sectionx\nNAME y\n \\section{B}\nz');
    assert.equal(section('#\tA\nNAME y'), '#\tA\nNAME y');
    assert.equal(section('x\n#\tA\nNAME y'), '#\tA\nNAME y');
  });
});

/** A seeded text with every kind of break the windows look at, and the paper's words. */
function textFor(seed: number, length: number): string {
  let state = seed;
  const rand = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pieces = ['unlearnable', 'images', 'filters', 'CUDA', 'the', 'kernel', 'e.g.', 'done.', 'Why?', 'wow!', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'snake_case', '\n', '\n\n', '\n \n', '\n## Heading\n', '\n\\section{Related}\n', '(2021)'];
  const parts: string[] = [];
  for (let size = 0; size < length; ) {
    const p = pieces[Math.floor(rand() * pieces.length)];
    parts.push(p);
    size += p.length + 1;
  }
  return parts.join(' ');
}


describe('evidence core: windows read once (TextWords, WindowTally)', () => {
  it('gives every occurrence the bounds and the words of a plain reading', () => {
    const profile = profileOf(CUDA_PAPER);
    const own = nameHashes(CUDA);
    for (const seed of [7]) {
      const text = textFor(seed, 11_000);
      const occurrences: Occurrence[] = [...text.matchAll(/CUDA/g)].map((m) => ({ start: m.index, end: m.index + 4, name: CUDA, variant: false }));
      assert.ok(occurrences.length > 40);
      const vocabulary = new Vocabulary();
      const tallies = [0, 1, 2].map(() => new WindowTally(new NameWeights(profile, own, vocabulary)));
      let words: TextWords | undefined;
      occurrences.forEach((o, k) => {
        if (!words || !words.reaches(o.start - 5000) || k % 41 === 0) {
          words = new TextWords(text, windowsStart(text, o.start, o.end), vocabulary);
          if (k % 2) for (const t of tallies) t.clear();
        }
        const windows = [
          [words.sentence(o.start, o.end), sentenceBounds(text, o.start, o.end)],
          [words.paragraph(o.start, o.end), paragraphBounds(text, o.start, o.end)],
          [words.section(o.start, o.end), sectionBounds(text, o.start, o.end)],
        ];
        windows.forEach(([fast, plain], level) => {
          assert.deepEqual(fast, plain, `seed ${seed}, level ${level} around ${o.start}`);
          const got = tallies[level].read(words!, fast[0], fast[1], o);
          const want = readPlainly(profile, own, text, fast[0], fast[1], o);
          assert.equal(got.distinct, want.distinct, `seed ${seed}, level ${level} around ${o.start}`);
          assert.ok(Math.abs(got.score - want.score) < 1e-6, `seed ${seed}, level ${level} around ${o.start}`);
        });
      });
      // Read to the end, a stretch knows the text's distinct words.
      const all = new Set<number>();
      forEachWord(text, 0, text.length, (h) => all.add(h));
      const whole = new TextWords(text, 0, vocabulary);
      assert.equal(whole.unread(), text.length);
      assert.deepEqual(whole.distinctHashes(), all);
      assert.equal(whole.unread(), 0);
    }
  });

  it('reads windows cut inside words, inside one word, and windows that jump', () => {
    const profile = profileOf(CUDA_PAPER);
    const own = nameHashes(CUDA);
    const text = `${'a'.repeat(50)} CUDA unlearnable images ${'b'.repeat(40)} filters unlearnable`;
    const o: Occurrence = { start: 51, end: 55, name: CUDA, variant: false };
    const vocabulary = new Vocabulary();
    // Ids beyond the tallies' first size.
    for (let k = 0; k < 300; k++) vocabulary.id(wordHash(`filler${k}`));
    const words = new TextWords(text, 10, vocabulary);
    words.section(o.start, o.end);
    const tally = new WindowTally(new NameWeights(profile, own, vocabulary));
    for (const [from, to] of [
      [20, 80],
      [20, 70],
      [56, 60],
      [60, 64],
      [10, text.length],
      [50, 68],
      [30, 40],
      [100, 120],
      [52, 53],
      [54, 75],
      [20, 80],
      [110, text.length],
      [10, 30],
    ]) {
      const got = tally.read(words, from, to, o);
      const want = readPlainly(profile, own, text, from, to, o);
      assert.equal(got.distinct, want.distinct, `[${from}, ${to})`);
      assert.ok(Math.abs(got.score - want.score) < 1e-6, `[${from}, ${to}): ${got.score} against ${want.score}`);
    }
    assert.ok(Math.abs(tally.read(words, 56, 80, o).score - 2 * W) < 1e-6);
  });

  it('weighs each word id as the paper does, none for the name\'s own words, growing for many ids', () => {
    const profile = profileOf(CUDA_PAPER);
    const vocabulary = new Vocabulary();
    const weights = new NameWeights(profile, nameHashes(CUDA), vocabulary);
    for (let k = 0; k < 300; k++) vocabulary.id(wordHash(`filler${k}`));
    const cuda = vocabulary.id(wordHash('cuda'));
    const images = vocabulary.id(wordHash('images'));
    assert.equal(vocabulary.id(wordHash('images')), images);
    assert.equal(vocabulary.known(wordHash('images')), images);
    assert.equal(vocabulary.known(wordHash('unseen')), -1);
    assert.equal(weights.of(images), Math.round(W * 1e9));
    assert.equal(weights.of(cuda), 0);
    assert.equal(weights.of(5), 0);
    assert.equal(weights.ofHash(wordHash('filters')), Math.round(W * 1e9));
    assert.equal(weights.ofHash(wordHash('cuda')), 0);
  });

  it('finds the same bounds as the plain reading at the text\'s ends and the edges of each reach', () => {
    const texts: string[] = [];
    for (const end of ['.', '!', '?', ' e.g.', ' two', '', '.x', ' al.']) texts.push(`One NAME${end}`, `One. NAME two${end}`, `NAME${end}`);
    for (const reach of [300, 1200, 5000]) {
      for (const d of [-1, 0, 1]) {
        for (const brk of ['. ', '\n\n', '\n# h\n']) {
          const pad = 'x'.repeat(Math.max(0, reach + d - 2));
          texts.push(`${pad}${brk}y NAME z${brk}${pad}`, `a${brk}${pad} NAME ${pad}${brk}b`, `${pad} NAME ${'x'.repeat(Math.max(0, reach + d - 6))}.`);
        }
      }
    }
    for (const text of texts) {
      const at = text.indexOf('NAME');
      for (const from of new Set([0, windowsStart(text, at, at + 4)])) {
        const words = new TextWords(text, from, new Vocabulary());
        const what = `${JSON.stringify(text.slice(0, 12))}… (${text.length}) from ${from}`;
        assert.deepEqual(words.sentence(at, at + 4), sentenceBounds(text, at, at + 4), `sentence ${what}`);
        assert.deepEqual(words.paragraph(at, at + 4), paragraphBounds(text, at, at + 4), `paragraph ${what}`);
        assert.deepEqual(words.section(at, at + 4), sectionBounds(text, at, at + 4), `section ${what}`);
      }
    }
  });

  it('starts a stretch early enough for every window of an occurrence', () => {
    const text = 'Intro.\n# Head\nOne. Two\n\nThree. Four NAME five.';
    const at = text.indexOf('NAME');
    assert.equal(windowsStart(text, at, at + 4), text.indexOf('# Head') - 1);
    assert.equal(windowsStart('NAME', 0, 4), 0);
    const words = new TextWords(text, 5, new Vocabulary());
    assert.equal(words.reaches(5), true);
    assert.equal(words.reaches(4), false);
    assert.equal(words.reaches(5 + 5000), true);
    assert.equal(words.reaches(5 + 5001), false);
  });
});

describe('evidence core: deciding a collision-prone name', () => {
  it('links on two of the paper\'s words in the sentence, not one', () => {
    assert.deepEqual(evidenceOf('CUDA protects unlearnable images.', 'CUDA'), {
      linked: true,
      prior: 'collision-prone',
      why: 'an everyday word',
      reasons: [context('sentence', 2 * W, 4.5, 'unlearnable, images')],
    });
    assert.deepEqual(evidenceOf('CUDA protects images.', 'CUDA').reasons, [context('sentence', W, 4.5, 'images')]);
    assert.equal(linkedIn('CUDA protects images.'), false);
    const none = evidenceOf('CUDA runs kernels.', 'CUDA');
    assert.equal(none.linked, false);
    assert.equal(none.reasons.length, 1);
    assert.match(none.reasons[0], /^(sentence|document) context 0\.0 \(chance 0\.0, needs (4\.5|12\.0) more\): no words of the paper$/);
    // The name's own words are no context for it.
    assert.equal(linkedIn('CUDA cuda images.'), false);
  });

  it('weighs the paragraph, the section and the whole document against higher bars', () => {
    assert.deepEqual(evidenceOf('CUDA runs fast. It protects unlearnable images.', 'CUDA').reasons, [context('paragraph', 2 * W, 7, 'unlearnable, images')]);
    assert.equal(linkedIn('CUDA runs fast. It protects unlearnable images.'), true);
    assert.deepEqual(evidenceOf('CUDA runs fast.\n\nIt protects unlearnable images with filters.', 'CUDA').reasons, [context('section', 3 * W, 9, 'unlearnable, images, filters')]);
    assert.equal(linkedIn('CUDA runs fast.\n\nIt protects unlearnable images with filters.'), true);
    assert.deepEqual(evidenceOf('CUDA runs fast.\n\nIt protects unlearnable images.', 'CUDA').reasons, [context('section', 2 * W, 9, 'unlearnable, images')]);
    assert.equal(linkedIn('CUDA runs fast.\n\nIt protects unlearnable images.'), false);
    const doc = '# A\n\nCUDA runs fast.\n\n# B\n\nIt protects unlearnable images with filters and convolution.';
    const e = evidenceOf(doc, 'CUDA');
    assert.equal(e.linked, true);
    assert.equal(e.reasons.length, 1);
    assert.match(e.reasons[0], /^document context 15\.6 \(chance 0\.0, needs 12\.0 more\): /);
    assert.deepEqual(e.reasons[0].split(': ')[1].split(', ').sort(), ['convolution', 'filters', 'images', 'unlearnable']);
    assert.equal(linkedIn('# A\n\nCUDA runs fast.\n\n# B\n\nIt protects unlearnable images with filters.'), false);
  });

  it('lowers the bar to a third with a citation next to a name, from the first cited occurrence on', () => {
    assert.deepEqual(evidenceOf('CUDA [12] protects images.', 'CUDA').reasons, [context('sentence', W, 1.5, 'images'), 'a citation or reference entry next to it']);
    assert.equal(linkedIn('CUDA [12] protects images.'), true);
    assert.equal(linkedIn('CUDA protects images. Later CUDA [3] again.'), true);
    assert.equal(linkedIn('Chen et al. CUDA runs.\n\nIt protects images.'), true);
    assert.equal(linkedIn('CUDA runs.\n\nIt protects images.'), false);
    assert.equal(linkedIn('CUDA [12] runs kernels.'), false);
  });

  it('keeps what one occurrence defines for the later ones, name by name', () => {
    const text = 'Convolution-based Unlearnable Datasets (CUDA) run. Later CUDA runs kernels. Hydra runs.';
    assert.deepEqual(
      matcher()
        .find(text)
        .map((m) => [m.text, m.start]),
      [
        ['CUDA', 40],
        ['CUDA', text.indexOf('CUDA runs')],
      ],
    );
    assert.equal(linkedIn('CUDA protects unlearnable images. Hydra runs.', 'Hydra'), false);
  });

  it('reports the first window that passes, not a stronger one read after it', () => {
    const stronger = ' More filters, convolution, datasets, learning, protect.';
    assert.ok(evidenceOf(`CUDA protects unlearnable images.${stronger}`, 'CUDA').reasons[0].startsWith('sentence context 7.8'));
    assert.ok(evidenceOf(`CUDA runs fast. It protects unlearnable images.\n\n${stronger}`, 'CUDA').reasons[0].startsWith('paragraph context 7.8'));
    assert.ok(evidenceOf(`CUDA protects unlearnable images.\n\nCUDA again.${stronger}`, 'CUDA').reasons[0].startsWith('sentence context 7.8'));
  });

  it('keeps one sense per text: any occurrence\'s evidence decides them all', () => {
    const text = 'CUDA runs kernels.\n\n# Later\n\nCUDA protects unlearnable images.';
    assert.deepEqual(
      matcher()
        .find(text)
        .map((m) => m.start),
      [0, text.lastIndexOf('CUDA')],
    );
  });

  it('links on the paper\'s full title or its code in the text', () => {
    const titled = evidenceOf('CUDA runs. See CUDA: Convolution-based Unlearnable Datasets.', 'CUDA');
    assert.deepEqual(titled.reasons, ['the text states the paper\'s full title ("CUDA: Convolution-based Unlearnable Dat…")']);
    assert.equal(titled.linked, true);
    const wrapped = evidenceOf('CUDA runs. See CUDA: Convolution-based\n  Unlearnable Datasets.', 'CUDA');
    assert.deepEqual(wrapped.reasons, ['the text states the paper\'s full title ("CUDA: Convolution-based Unlearnable Dat…")']);
    const coded = evidenceOf('CUDA runs; code at https://GitHub.com/owner/cuda-repo.', 'CUDA');
    assert.deepEqual(coded.reasons, ["the text links the paper's code (github.com/owner/cuda-repo)"]);
    assert.equal(linkedIn('CUDA runs; code at https://github.com/owner/other-repo.'), false);
    assert.equal(linkedIn('CUDA runs; code at huggingface.co/owner/cuda-repo'), false);
    // Not looked for once a definition decides.
    assert.deepEqual(evidenceOf('Convolution-based Unlearnable Datasets (CUDA) run; see github.com/owner/cuda-repo', 'CUDA').reasons, ['the text spells it out as "Convolution-based Unlearnable Datasets", as the paper does']);
  });

  it('follows the policy: always links, never turns down whatever the evidence', () => {
    assert.deepEqual(evidenceOf('CUDA runs kernels.', 'CUDA', 'always').reasons, ['policy "always": every candidate counts']);
    assert.equal(evidenceOf('CUDA runs kernels.', 'CUDA', 'always').linked, true);
    const never = evidenceOf('CUDA protects unlearnable images. See https://github.com/owner/cuda-repo', 'CUDA', 'never');
    assert.equal(never.linked, false);
    assert.deepEqual(never.reasons, ['policy "never": collision-prone names never count', "the text links the paper's code (github.com/owner/cuda-repo)"]);
  });

  it('turns a name down without words of the paper when the paper is unknown', () => {
    const m = new MentionMatcher([CUDA], () => undefined, () => false, background());
    assert.deepEqual(m.explain('CUDA protects unlearnable images.').rejected.map((x) => x.evidence.reasons), [['no words of the paper around it']]);
  });
});

describe('evidence core: definitions in the text', () => {
  it('reads a long form before or after the name, and an ", or" form, against the paper\'s own', () => {
    const as = (long: string) => `the text spells it out as "${long}", as the paper does`;
    const not = (long: string) => `the text spells it out as "${long}", which is not the paper's`;
    assert.deepEqual(evidenceOf('Convolution-based Unlearnable Datasets (CUDA) run.', 'CUDA').reasons, [as('Convolution-based Unlearnable Datasets')]);
    assert.equal(linkedIn('Convolution-based Unlearnable Datasets (CUDA) run.'), true);
    assert.equal(linkedIn('Convolution-based Unlearnable Datasets ( CUDA ) run.'), true);
    for (const text of ['Compute Unified Device Architecture (CUDA) is software.', 'CUDA (Compute Unified Device Architecture) is software.', 'CUDA  (Compute Unified Device Architecture) is software.', 'Compute Unified Device Architecture, or CUDA, is software.']) {
      const e = evidenceOf(text, 'CUDA');
      assert.deepEqual(e.reasons, [not('Compute Unified Device Architecture')], text);
      assert.equal(e.linked, false);
    }
    // The same definition twice is one reason; a definition against outweighs the words around.
    const twice = 'Compute Unified Device Architecture (CUDA) and Compute Unified Device Architecture (CUDA) protect unlearnable images.';
    assert.deepEqual(evidenceOf(twice, 'CUDA'), { linked: false, prior: 'collision-prone', why: 'an everyday word', reasons: [not('Compute Unified Device Architecture')] });
    assert.equal(linkedIn('Hybrid Dynamic Routing Architecture (Hydra) rules', 'Hydra'), true);
    assert.equal(linkedIn('Hybrid Dynamic Routing Architecture, or Hydra, rules', 'Hydra'), true);
    assert.equal(linkedIn('Compute Unified Device Architecture; or CUDA, is software.'), false);
    assert.deepEqual(evidenceOf('Compute Unified Device Architecture,  or  CUDA, is software.', 'CUDA').reasons, [not('Compute Unified Device Architecture')]);
    assert.ok(!evidenceOf('Compute Unified Device Architecture (CUDA is software)', 'CUDA').reasons.some((r) => r.startsWith('the text spells')));
  });

  it('judges a distinctive name\'s long form by the paper\'s words: most for, few against, some neither', () => {
    const e1 = evidenceOf('Low-Rank Adaptation for Tracking (LoRAT) is fast.', 'LoRAT');
    assert.deepEqual(e1, { linked: true, prior: 'distinctive', reasons: ['the text spells it out as "Low-Rank Adaptation for Tracking", as the paper does'] });
    const e2 = evidenceOf('Language of Random Automata Theory (LoRAT) is slow.', 'LoRAT');
    assert.deepEqual(e2, { linked: false, prior: 'distinctive', reasons: ['the text spells it out as "Language of Random Automata Theory", which is not the paper\'s'] });
    assert.equal(evidenceOf('Low-Rank Adaptation for Tracking (LoRAT) is fast.', 'LoRAT', 'never').linked, true);
    const e3 = evidenceOf('Low-Rank Adaptive Transformer (LoRAT) is slow.', 'LoRAT');
    assert.deepEqual(e3, { linked: true, prior: 'distinctive', reasons: ['a distinctive name: it needs no context'] });
  });

  it('looks for the paper\'s code in the text only when it could matter', () => {
    const text = 'Language of Random Automata Theory (LoRAT) is slow; see github.com/owner/lorat.';
    assert.deepEqual(evidenceOf(text, 'LoRAT'), {
      linked: true,
      prior: 'distinctive',
      reasons: ["the text links the paper's code (github.com/owner/lorat)", 'the text spells it out as "Language of Random Automata Theory", which is not the paper\'s'],
    });
    assert.deepEqual(evidenceOf('LoRAT is fast; see github.com/owner/lorat.', 'LoRAT').reasons, ['a distinctive name: it needs no context']);
    assert.deepEqual(evidenceOf('Low-Rank Adaptation for Tracking (LoRAT), see github.com/owner/lorat', 'LoRAT').reasons, ['the text spells it out as "Low-Rank Adaptation for Tracking", as the paper does']);
  });

  it('reads "NAME: A Title" at the start of a line or list entry as a title, the paper\'s or another work\'s', () => {
    const e = evidenceOf('- **CUDA**: Unlearnable Datasets Made Simple', 'CUDA');
    assert.deepEqual(e.reasons, ['the text titles it "CUDA: Unlearnable Datasets Made Simple", as the paper is titled']);
    assert.equal(e.linked, true);
    for (const text of ['1. CUDA: Compute Unified Device Architecture', 'CUDA: Compute Unified Device Architecture', '> [CUDA: Compute Unified Device Architecture', 'x\n  # CUDA : Compute Unified Device Architecture']) {
      const against = evidenceOf(text, 'CUDA');
      assert.deepEqual(against.reasons, ['the text titles it "CUDA: Compute Unified Device Architecture", another work'], text);
      assert.equal(against.linked, false);
    }
    assert.equal(evidenceOf('CUDA: Compute Unified Device\nArchitecture', 'CUDA').reasons[0], 'the text titles it "CUDA: Compute Unified Device", another work');
    assert.equal(evidenceOf('CUDA:  Compute Unified Device Architecture', 'CUDA').reasons[0], 'the text titles it "CUDA: Compute Unified Device Architecture", another work');
    assert.equal(evidenceOf('CUDA: Compute, Unified Device Architecture', 'CUDA').reasons[0], 'the text titles it "CUDA: Compute, Unified Device Architecture", another work');
    assert.equal(evidenceOf('CUDA: Compute Unlearnable Device Architecture', 'CUDA').reasons[0], 'the text titles it "CUDA: Compute Unlearnable Device Architecture", another work');
    const seventy = `CUDA: ${'Abcd '.repeat(12)}Abc`;
    assert.equal(seventy.length, 69);
    assert.equal(evidenceOf(`${seventy}d`, 'CUDA').reasons[0], `the text titles it "${seventy}d", another work`);
    assert.equal(evidenceOf(`CUDA: ${'Wo '.repeat(30)}`, 'CUDA').reasons[0], `the text titles it "CUDA: ${'Wo '.repeat(21).trimEnd()}…", another work`);
    // Not at the start of an entry, or not a title: no definition.
    for (const text of ['We like CUDA: Compute Unified Device Architecture', 'CUDA: compute unified device architecture', 'CUDA: Compute', 'CUDA: Compute Device', `${'x'.repeat(50)} CUDA: Compute Unified Device Architecture`]) {
      assert.ok(!evidenceOf(text, 'CUDA').reasons.some((r) => r.startsWith('the text titles')), text);
    }
    assert.ok(evidenceOf('CUDA: Unlearnable Datasets Of My Ox Up', 'CUDA').reasons[0].endsWith('as the paper is titled'));
    // Only markup before it on its line, within 40 characters.
    assert.ok(!evidenceOf(`x\n-${' '.repeat(45)}CUDA: Compute Unified Device Architecture`, 'CUDA').reasons.some((r) => r.startsWith('the text titles')));
    const long = `CUDA: ${'Word '.repeat(30)}`;
    assert.ok(evidenceOf(long, 'CUDA').reasons[0].endsWith('…", another work'));
  });

  it('reads "we propose NAME, a ..." as the text\'s own work, like the paper or unlike it', () => {
    const like = evidenceOf('We propose CUDA, a method that protects unlearnable images from learning.', 'CUDA');
    assert.deepEqual(like.reasons, ['the text introduces it as "a method that protects unlearnable images from learning", like the paper (unlearnable, images, learning)']);
    assert.equal(like.linked, true);
    for (const text of ['We propose CUDA, a language for parallel GPU kernels.', 'This paper introduces CUDA, a language for parallel GPU kernels.', 'We also present the new CUDA: a language for parallel GPU kernels.', 'a framework called CUDA, a language for parallel GPU kernels.', 'We propose \\textbf{CUDA}, a language for parallel GPU kernels.', 'We propose **CUDA**, a language for parallel GPU kernels.']) {
      const unlike = evidenceOf(text, 'CUDA');
      assert.deepEqual(unlike.reasons, ['the text introduces it as its own: "a language for parallel GPU kernels", unlike the paper'], text);
      assert.equal(unlike.linked, false);
    }
    assert.equal(evidenceOf('We propose CUDA (a language for parallel GPU kernels)', 'CUDA').reasons[0], 'the text introduces it as its own: "a language for parallel GPU kernels)", unlike the paper');
    assert.equal(evidenceOf('We propose CUDA as a language for parallel GPU kernels', 'CUDA').reasons[0], 'the text introduces it as its own: "a language for parallel GPU kernels", unlike the paper');
    assert.equal(evidenceOf('We propose CUDA  as a language for parallel GPU kernels', 'CUDA').reasons[0], 'the text introduces it as its own: "a language for parallel GPU kernels", unlike the paper');
    assert.equal(evidenceOf('We propose CUDA  (a language for parallel GPU kernels)', 'CUDA').reasons[0], 'the text introduces it as its own: "a language for parallel GPU kernels)", unlike the paper');
    assert.equal(evidenceOf('We propose CUDA, a fast language.', 'CUDA').reasons[0], 'the text introduces it as its own: "a fast language", unlike the paper');
    // No description, too short a one, or no sentence that introduces it: no definition.
    for (const text of ['We propose CUDA.', 'We propose CUDA, for kernels', 'Use the CUDA, a language for parallel GPU kernels.', 'We propose it. The CUDA, a language for parallel GPU kernels.', 'We like CUDA, a language for parallel GPU kernels.', `We propose${' '.repeat(30)}CUDA, a language for parallel GPU kernels.`, 'We propose CUDA, fast  language.']) {
      assert.ok(!evidenceOf(text, 'CUDA').reasons.some((r) => r.startsWith('the text introduces it')), text);
    }
    // Introduced with no description to compare: the text's own work (the arXiv halves).
    assert.deepEqual(evidenceOf('We propose CUDA.', 'CUDA').reasons, ['the text introduces "CUDA" as its own work']);
    assert.equal(evidenceOf('We introduce CUDA that runs kernels. CUDA protects unlearnable images.', 'CUDA').linked, false);
    // A description like the paper's, read later, outweighs it and takes it back.
    const later = evidenceOf('We introduce CUDA that runs. We propose CUDA, a method that protects unlearnable images from learning.', 'CUDA');
    assert.deepEqual([later.linked, later.reasons.length], [true, 1]);
    // One of the paper's words in a description is not enough.
    assert.ok(evidenceOf('We propose CUDA, a language for parallel images.', 'CUDA').reasons[0].startsWith('the text introduces it as its own'));
  });
});

describe('evidence core: a name used as a dataset', () => {
  const DATA_USE = 'the text uses it as a dataset or benchmark';

  it('counts against a paper whose name is no dataset, for every occurrence of the text', () => {
    const listed = evidenceOf('We evaluate on three tracking benchmarks: GOT, LoRAT and LaSOT. LoRAT is hard.', 'LoRAT');
    assert.deepEqual(listed, { linked: false, prior: 'distinctive', reasons: [`${DATA_USE} ("benchmarks: GOT, LoRAT"), and the paper's is not one`] });
    // One sense per discourse: a later listing decides the earlier occurrence too.
    assert.equal(evidenceOf('LoRAT is hard. We evaluate on the LoRAT and GOT datasets.', 'LoRAT').linked, false);
    // Not listed as one: the distinctive name counts.
    assert.equal(evidenceOf('We evaluate LoRAT on three tracking benchmarks.', 'LoRAT').linked, true);
  });

  it('says nothing where the paper\'s name is a dataset\'s', () => {
    // CUDA's title: "Convolution-based Unlearnable Datasets".
    const e = evidenceOf('We evaluate on two datasets: CUDA and MNIST, with unlearnable images.', 'CUDA');
    assert.ok(!e.reasons.some((r) => r.startsWith(DATA_USE)), e.reasons.join('; '));
  });

  it('turns a description like the paper\'s into one unlike it when it calls the name a benchmark', () => {
    const e = evidenceOf('We propose LoRAT, the first benchmark for visual tracking with low rank adapters.', 'LoRAT');
    assert.deepEqual([e.linked, e.reasons], [false, [`${DATA_USE} ("LoRAT, the first benchmark"), and the paper's is not one`, 'the text introduces "LoRAT" as its own work']]);
    assert.equal(evidenceOf('We propose LoRAT, a method for visual tracking with low rank adapters.', 'LoRAT').linked, true);
  });

  it('gives way to what states the paper: its full title', () => {
    const e = evidenceOf('Tracking Meets LoRA is good. We evaluate on the benchmarks: GOT, LoRAT and LaSOT.', 'LoRAT');
    assert.equal(e.linked, true);
    assert.ok(!e.reasons.some((r) => r.startsWith(DATA_USE)), e.reasons.join('; '));
  });
});

describe('evidence core: TextEvidence without the matcher', () => {
  const evidenceFor = (text: string) => new TextEvidence(text, background(), (id) => (byId.has(id) ? profileOf(byId.get(id)!) : undefined), { titles: new Map() });

  it('decides names it has not observed by their prior', () => {
    const e = evidenceFor('nothing');
    assert.deepEqual(e.decide(LORAT, 'context'), { linked: true, prior: 'distinctive', reasons: ['a distinctive name: it needs no context'] });
    assert.deepEqual(e.decide(LORAT, 'never'), { linked: false, prior: 'distinctive', reasons: [] });
    assert.deepEqual(e.decide(CUDA, 'context'), { linked: false, prior: 'collision-prone', why: 'an everyday word', reasons: [] });
    assert.deepEqual(e.decide(HYDRA, 'context'), { linked: false, prior: 'collision-prone', reasons: [] });
    assert.deepEqual(e.decide(NAMES[0], 'never'), { linked: true, prior: 'title', reasons: ['the full title'] });
    assert.equal(e.decide(CUDA, 'always').linked, true);
  });

  it('tells decisions that rest on the words of a scope from those that hold for the text', () => {
    const text = 'CUDA protects unlearnable images.';
    const e = evidenceFor(text);
    e.observe({ start: 0, end: 4, name: CUDA, variant: false });
    const decision = e.decide(CUDA, 'context');
    assert.equal(decision.linked, true);
    assert.equal(e.isScoped(decision), true);
    assert.strictEqual(e.decide(CUDA, 'context'), decision);
    const defined = evidenceFor('Convolution-based Unlearnable Datasets (CUDA)');
    defined.observe({ start: 40, end: 44, name: CUDA, variant: false });
    const strong = defined.decide(CUDA, 'context');
    assert.equal(strong.linked, true);
    assert.equal(defined.isScoped(strong), false);
    assert.ok(DOCUMENT_MAX >= 1_000_000);
  });

  it('weighs the words of each scope apart', () => {
    const text = 'CUDA protects unlearnable images.\n\n# B\n\nCUDA runs kernels.';
    const e = evidenceFor(text);
    const second = text.lastIndexOf('CUDA');
    e.observe({ start: 0, end: 4, name: CUDA, variant: false }, 0);
    e.observe({ start: second, end: second + 4, name: CUDA, variant: false }, 1);
    assert.equal(e.decide(CUDA, 'context', 0).linked, true);
    assert.equal(e.decide(CUDA, 'context', 1).linked, false);
  });
});

describe('evidence core: a distinctive name in a text about something else', () => {
  // A background of its own: `quartz` is used by 30 of the 1,000 abstracts, so it weighs
  // ln(1000 / 30) - 3 ≈ 0.5 as context, under the bar of 1; every unlisted word weighs about 3.9.
  const bg = lazily(() => Background.parse(['docs 1000', '[words]', '990 the a of and in we to is for on with this that it by are as from an be at or', '30 quartz', '1 zzzzrare', '[names]', ''].join('\n'), 'bg.txt'));
  /** `n` distinct words of the paper's own trade, rare in the background. */
  const gemWords = (n: number) => Array.from({ length: n }, (_, k) => `lapid${String.fromCharCode(97 + k)}`).join(' ');
  /** A paper with 5 rare words of its own (propose, gemstone, polishing, granite, quartz) and `extra` more. */
  const gemPaper = (extra: number): Paper => ({ id: 'gem', title: 'Gemstone: Polishing Granite and Quartz', abstract: `We propose Gemstone for polishing granite and quartz with ${gemWords(extra)}.`, links: [] });
  const GEM_PAPER = gemPaper(15);
  const GEM = nameOf('gem', 'Gemstone', 'short');
  const gemProfile = lazily(() => new PaperProfile(GEM_PAPER, [GEM], bg()));
  const OFF_TOPIC = "the text is about something else: the paper's words in it score ";
  /** `n` distinct words of the text's own topic, none of them the paper's. */
  const otherWords = (n: number) => Array.from({ length: n }, (_, k) => `cook${String.fromCharCode(97 + (k % 26))}${String.fromCharCode(97 + Math.floor(k / 26))}`).join(' ');
  const decideIn = (text: string, policy: 'context' | 'always' | 'never' = 'context') => {
    const e = new TextEvidence(text, bg(), (id) => (id === 'gem' ? gemProfile() : undefined), { titles: new Map() });
    for (let at = text.indexOf('Gemstone'); at >= 0; at = text.indexOf('Gemstone', at + 1)) e.observe({ start: at, end: at + 8, name: GEM, variant: false });
    return e.decide(GEM, policy);
  };

  it('turns it down where the text shares less than 1 of the paper\'s words over chance, and says so', () => {
    const e = decideIn(`${otherWords(120)}. Gemstone bakes bread.`);
    assert.equal(e.linked, false);
    assert.equal(e.prior, 'distinctive');
    assert.deepEqual(e.reasons, [`${OFF_TOPIC}-0.1 over chance, under 1 (none of them)`]);
    // A word of the paper that weighs 0.5 is not enough; one that weighs 3.9 is.
    const weak = decideIn(`${otherWords(120)}. Gemstone bakes quartz bread.`);
    assert.equal(weak.linked, false);
    assert.match(weak.reasons[0], /score 0\.4 over chance, under 1 \(only quartz\)$/);
    assert.deepEqual(decideIn(`${otherWords(120)}. Gemstone polishes granite.`), { linked: true, prior: 'distinctive', reasons: ['a distinctive name: it needs no context'] });
  });

  it('lets it count as before for a paper known too little to tell: under 20 rare words of its own, as a title alone gives', () => {
    const text = `${otherWords(120)}. Gemstone bakes bread.`;
    const decideFor = (paper: Paper) => {
      const profile = new PaperProfile(paper, [GEM], bg());
      const e = new TextEvidence(text, bg(), () => profile, { titles: new Map() });
      e.observe({ start: text.indexOf('Gemstone'), end: text.indexOf('Gemstone') + 8, name: GEM, variant: false });
      return { terms: profile.terms.size, linked: e.decide(GEM, 'context').linked };
    };
    assert.deepEqual(decideFor(gemPaper(15)), { terms: 20, linked: false });
    assert.deepEqual(decideFor(gemPaper(14)), { terms: 19, linked: true });
    assert.equal(decideFor({ ...GEM_PAPER, abstract: '' }).linked, true);
  });

  it('lets it count as before in a text too short to tell: under 100 distinct words', () => {
    // 98 words and the name are 99 distinct words; 99 and the name, 100.
    assert.equal(decideIn(`${otherWords(98)} Gemstone`).linked, true);
    assert.equal(decideIn(`${otherWords(99)} Gemstone`).linked, false);
  });

  it('follows the policy: "always" links it whatever the text is about; "never" weighs it as "context" does', () => {
    const text = `${otherWords(120)}. Gemstone bakes bread.`;
    assert.equal(decideIn(text, 'always').linked, true);
    assert.equal(decideIn(text, 'never').linked, false);
    assert.equal(decideIn(`${otherWords(120)}. Gemstone polishes granite.`, 'never').linked, true);
  });

  it('gives way to what the text states: the paper\'s full title', () => {
    const text = `${otherWords(120)}. Gemstone bakes bread.`;
    const e = new TextEvidence(text, bg(), () => gemProfile(), { titles: new Map([['gem', 0]]) });
    e.observe({ start: text.indexOf('Gemstone'), end: text.indexOf('Gemstone') + 8, name: GEM, variant: false });
    assert.equal(e.decide(GEM, 'context').linked, true);
  });

  it('lets it count as before in a text over 30,000 characters, about many things', () => {
    const line = 'the a of and in we to is for on with this that it by are as from an be at or\n\n';
    const long = (n: number) => `${otherWords(120)}. Gemstone bakes bread.\n\n${line.repeat(Math.ceil(n / line.length))}`.slice(0, n);
    assert.equal(long(30_000).length, 30_000);
    assert.equal(decideIn(long(30_000)).linked, false);
    assert.equal(decideIn(long(30_001)).linked, true);
  });

  it('reads it so through the matcher: a distinctive name in an abstract about cooking', () => {
    const gemMatcher = new MentionMatcher([nameOf('gem', GEM_PAPER.title, 'title'), GEM], (id) => (id === 'gem' ? GEM_PAPER : undefined), () => false, bg());
    const explained = (text: string) => {
      const { linked, rejected } = gemMatcher.explain(text, 'context');
      return [...linked.map((m) => ({ linked: true, reasons: m.evidence.reasons })), ...rejected.map((m) => ({ linked: false, reasons: m.evidence.reasons }))];
    };
    const off = explained(`${otherWords(120)}. We then used Gemstone to bake bread.`);
    assert.equal(off.length, 1);
    assert.equal(off[0].linked, false);
    assert.match(off[0].reasons[0], /^the text is about something else/);
    assert.deepEqual(explained(`${otherWords(120)}. We then used Gemstone on granite.`), [{ linked: true, reasons: ['a distinctive name: it needs no context'] }]);
  });
});

describe('evidence core: another casing, and a name the text introduces, where the whole text can tell (issue 9: the arXiv halves)', () => {
  // As above: function words, `opal` in 11 of 1,000 abstracts (it weighs ln(1000 / 11) - 3 ≈ 1.5)
  // and every unlisted word about 3.9.
  const bg = lazily(() => Background.parse(['docs 1000', '[words]', '990 the a of and in we to is for on with this that it by are as from an be at or then used', '11 opal', '[names]', ''].join('\n'), 'bg.txt'));
  const rare = (n: number) => Array.from({ length: n }, (_, k) => `lapid${String.fromCharCode(97 + k)}`).join(' ');
  const PAPER: Paper = { id: 'lap', title: 'LapidNet: Polishing Granite and Opal', abstract: `We propose LapidNet for polishing granite and opal with ${rare(16)}.`, links: [] };
  const matcher = lazily(() => new MentionMatcher([nameOf('lap', PAPER.title, 'title'), nameOf('lap', 'LapidNet', 'short')], (id) => (id === 'lap' ? PAPER : undefined), () => false, bg()));
  /** `n` distinct words of the text's own topic, none of them the paper's. */
  const other = (n: number) => Array.from({ length: n }, (_, k) => `cook${String.fromCharCode(97 + (k % 26))}${String.fromCharCode(97 + Math.floor(k / 26))}`).join(' ');
  const explained = (text: string) => {
    const { linked, rejected } = matcher().explain(text, 'context');
    return [...linked, ...rejected].sort((a, b) => a.start - b.start).map((m) => `${m.text} ${m.evidence.linked ? 'linked' : 'not'}: ${m.evidence.reasons.join('; ')}`);
  };

  it('takes another casing of a distinctive name only where the whole text shares 2 of the paper\'s words over chance', () => {
    // `opal` alone (1.5): enough for the name as the paper writes it, not for another casing.
    assert.deepEqual(explained(`${other(120)}. We then used LapidNet on opal.`), ['LapidNet linked: a distinctive name: it needs no context']);
    const [variant] = explained(`${other(120)}. We then used Lapidnet on opal.`);
    assert.match(variant, /^Lapidnet not: written "Lapidnet", another casing of "LapidNet", in a text that shares 1\.\d of the paper's words over chance, under 2$/);
    assert.deepEqual(explained(`${other(120)}. We then used Lapidnet on granite and opal.`), ['Lapidnet linked: a distinctive name: it needs no context; written "Lapidnet", another casing of "LapidNet", in prose']);
  });

  it('takes it where the text writes the name in its own casing too, or is too short to tell, one occurrence at a time', () => {
    assert.deepEqual(explained(`${other(120)}. LapidNet, then Lapidnet on opal.`), [
      'LapidNet linked: a distinctive name: it needs no context',
      'Lapidnet linked: a distinctive name: it needs no context; written "Lapidnet", another casing of "LapidNet", in prose',
    ]);
    assert.deepEqual(explained('We then used Lapidnet on opal.'), ['Lapidnet linked: a distinctive name: it needs no context; written "Lapidnet", another casing of "LapidNet", in prose']);
  });

  it('takes another casing as before where the whole text cannot tell: over 30,000 characters, or a paper too little known', () => {
    const line = 'the a of and in we to is for on with this that it by are as from an be at or\n\n';
    const long = `${other(120)}. We then used Lapidnet on opal.\n\n${line.repeat(Math.ceil(30_001 / line.length))}`.slice(0, 30_001);
    assert.match(explained(long)[0], /^Lapidnet linked: /);
    assert.match(explained(long.slice(0, 30_000))[0], /^Lapidnet not: /);
    // A paper of fewer than 20 rare words of its own (a title alone) is too little known to tell.
    const known = (paper: Paper) => new MentionMatcher([nameOf('lap', paper.title, 'title'), nameOf('lap', 'LapidNet', 'short')], (id) => (id === 'lap' ? paper : undefined), () => false, bg());
    const text = `${other(120)}. We then used Lapidnet on opal.`;
    assert.equal(known({ ...PAPER, abstract: '' }).find(text, 'context').length, 1);
    assert.equal(known(PAPER).find(text, 'context').length, 0);
  });

  it('takes a name the text introduces as its own, described like the paper, only where the whole text is about the paper: 10 over chance', () => {
    // Described with two of the paper's words, in a text about something else: another work of that name.
    const [own] = explained(`${other(120)}. We propose LapidNet, a way of polishing granite for cooks.`);
    assert.match(own, /^LapidNet not: the text introduces it as its own: "a way of polishing granite for cooks", in a text whose words share [0-9.]+ of the paper's over chance, under 10: another work of that name$/);
    // The paper's own abstract, written again: the paper.
    assert.match(explained(`${other(120)}. We propose LapidNet, a way of polishing granite for cooks. ${rare(16)}`)[0], /^LapidNet linked: the text introduces it as "a way of polishing granite for cooks", like the paper/);
    // Too short to tell: the description decides, as before.
    assert.match(explained('We propose LapidNet, a way of polishing granite for cooks.')[0], /^LapidNet linked: the text introduces it as/);
  });
});

/**
 * The name matcher (mentions.ts) on a dictionary of hand-made names: small and fast, so that
 * every rule of the README's "Where a name counts" can be checked one input at a time (and under
 * StrykerJS, which rebuilds the matcher for each mutant). The bundled corpus is not used here.
 *
 * The background statistics are a few lines: everyday words are listed as common (no weight as
 * context), and a word listed once makes every unlisted word count as rare, so each word of a
 * paper's abstract weighs ln(1000) - 3 ≈ 3.9 as context: two of them in a sentence pass the
 * sentence bar (4.5), one does not.
 */
import { strict as assert } from 'node:assert';
import { Background } from '../../src/core/background';
import { discourseKey, isWordCode, MentionCache, MentionIndex, MentionMatcher, MENTION_WORD, separatorClass, wordsOf } from '../../src/core/mentions';
import { wordHash } from '../../src/core/text';
import type { Mention, NameKind, Paper, PaperName } from '../../src/core/types';
import { lazily } from './helpers';

const COMMON = new Set(['goodnet', 'the', 'and']);
const isCommonWord = (w: string) => COMMON.has(w);

/** Background statistics of 1,000 abstracts: common words, one rare word, `fastrun` as an ordinary lower-case word, `lorat` as a name. */
const backgroundText = () =>
  ['docs 1000', '[words]', '990 the a of and in we to is for on with this that it by are as from an be at or', '600 paper model run fastrun data filtering networks', '5 ^lorat', '1 zzzzrare', '[names]', ''].join('\n');

function paper(id: string, title: string, abstract = '', links: string[] = []): Paper {
  return { id, title, abstract, links };
}

function nameOf(paperId: string, text: string, kind: NameKind, ambiguous = false, why?: string): PaperName {
  return { paperId, text, kind, ambiguous, ...(why ? { why } : {}) };
}

const LONG_TITLE = Array.from({ length: 70 }, (_, k) => `w${k}x`).join(' ');

const PAPERS: Paper[] = [
  paper('dfn', 'Data Filtering Networks', 'We filter image text pairs with a small network.'),
  paper('dc', 'DataComp: In search of the next generation of multimodal datasets', 'A benchmark of candidate pools.'),
  paper('lorat', 'Tracking Meets LoRA: Faster Training', 'We propose LoRAT for visual tracking.'),
  paper('cuda', 'CUDA: Convolution-based Unlearnable Datasets', 'Unlearnable datasets protect data from learning with convolution filters.'),
  paper('sm', 'Split & Merge: Aligning Position Biases', ''),
  paper('bt', 'BT^2: Backward-compatible Training with Basis Transformation', ''),
  paper('sit', 'SiT: Self-supervised vIsion Transformer', ''),
  paper('q', 'What Is Attention?', ''),
  paper('laion', 'LAION-5B: An open large-scale dataset', ''),
  paper('misc', 'Miscellaneous Names', ''),
  paper('ab', 'Alpha Beta', ''),
  paper('bg', 'Beta Gamma', ''),
  paper('abd', 'Alpha Beta Delta', ''),
  paper('long', LONG_TITLE, ''),
  paper('uber', 'Über Alles Networks', ''),
  paper('sara2', 'SARA: Another Work', ''),
  paper('why', 'Why LoRAT Works', ''),
];

const NAMES: PaperName[] = [
  nameOf('dfn', 'Data Filtering Networks', 'title'),
  nameOf('dfn', 'DFN', 'short', true),
  nameOf('dc', PAPERS[1].title, 'title'),
  nameOf('dc', 'DataComp', 'short'),
  nameOf('dc', 'DataComp-1B', 'method'),
  nameOf('lorat', PAPERS[2].title, 'title'),
  nameOf('lorat', 'Tracking Meets LoRA', 'phrase'),
  nameOf('lorat', 'LoRAT', 'method'),
  nameOf('cuda', PAPERS[3].title, 'title'),
  nameOf('cuda', 'CUDA', 'short', true, 'an everyday word'),
  nameOf('sm', 'Split & Merge', 'short'),
  nameOf('bt', 'BT^2', 'short'),
  nameOf('sit', 'SiT', 'short'),
  nameOf('q', 'What Is Attention?', 'title'),
  nameOf('laion', 'LAION-5B', 'short'),
  nameOf('misc', 'SaRA', 'method'),
  nameOf('misc', 'Chord', 'method'),
  nameOf('misc', 'Qwen2', 'method'),
  nameOf('misc', 'AB2', 'method'),
  nameOf('misc', 'Abc1', 'method'),
  nameOf('misc', 'GoodNet', 'method'),
  nameOf('misc', 'FastRun', 'method'),
  nameOf('misc', 'GANs', 'method'),
  nameOf('misc', 'Ab-Cd', 'method'),
  nameOf('misc', 'Ef-Ghi', 'method'),
  nameOf('misc', 'Big Model', 'method'),
  nameOf('misc', 'ÜberNet', 'method'),
  nameOf('misc', 'Zorblat', 'title'),
  nameOf('ab', 'Alpha Beta', 'title'),
  nameOf('bg', 'Beta Gamma', 'title'),
  nameOf('abd', 'Alpha Beta Delta', 'title'),
  nameOf('long', LONG_TITLE, 'title'),
  nameOf('uber', 'Über Alles Networks', 'title'),
  nameOf('misc', 'word2vec', 'method'),
  nameOf('sara2', 'SARA', 'short'),
  nameOf('misc', 'VisNet', 'method'),
  nameOf('misc', 'Ab-Cd-Ef', 'method'),
  nameOf('misc', 'HydraNet', 'method', true),
  nameOf('misc', 'PhraseNet', 'phrase'),
  nameOf('why', 'Why LoRAT Works', 'title'),
  nameOf('pwf', 'Pixels, Words, & Fonts', 'title'),
];

const byId = new Map(PAPERS.map((p) => [p.id, p]));
const matcher = lazily(() => new MentionMatcher(NAMES, (id) => byId.get(id), isCommonWord, Background.parse(backgroundText(), 'bg.txt')));

const texts = (text: string, policy: 'context' | 'always' | 'never' = 'context') => matcher().find(text, policy).map((m) => m.text);
const found = (text: string) => matcher().find(text).map((m) => [m.text, m.start, m.paperId]);

/** A case of `expectTexts` whose whole text is the one mention found. */
const itself = (text: string) => [text, [text]] as const;

/** Asserts, for each text, the texts of the mentions found in it. */
function expectTexts(cases: ReadonlyArray<readonly [string, readonly string[]]>): void {
  for (const [text, want] of cases) assert.deepEqual(texts(text), want, JSON.stringify(text));
}

describe('matcher core: titles', () => {
  it('matches a title in any letter case, at its offsets, with its paper and kind', () => {
    const ms = matcher().find('We read data filtering networks today.');
    assert.deepEqual(ms, [{ start: 8, end: 31, text: 'data filtering networks', paperId: 'dfn', kind: 'title' }]);
    expectTexts([
      ['DATA FILTERING NETWORKS', ['DATA FILTERING NETWORKS']],
      ['ÜBER ALLES NETWORKS', ['ÜBER ALLES NETWORKS']],
      ['über alles networks', ['über alles networks']],
      ['zorblat and ZORBLAT', ['zorblat', 'ZORBLAT']],
    ]);
  });

  it('matches across spacing, line wraps and comment leaders, never across a blank line', () => {
    expectTexts([
      itself('Data\tFiltering  Networks'),
      itself('Data Filtering\n# Networks'),
      ['// Data Filtering\r\n// Networks', ['Data Filtering\r\n// Networks']],
      ['Data Filtering\n\nNetworks', []],
      ['Data Filtering\n#\n# Networks', []],
      // LaTeX's spacing and braces, as a paper's sources write a title.
      itself('Data~Filtering~Networks'),
      ['{Data} {Filtering} {Networks}', ['Data} {Filtering} {Networks']],
      itself('Data {Filtering} Networks'),
      itself('Data~\nFiltering\t~ Networks'),
      // Comment leaders written more than once: Rust's and C#'s doc comments, Markdown's nested quotes.
      itself('Data Filtering\n/// Networks'),
      itself('Data Filtering\n## Networks'),
      itself('Data Filtering\n ** Networks'),
      // Every line break: CR LF, LF and CR alone, each one break; two in any order make a blank line.
      itself('Data\rFiltering\r\nNetworks'),
      itself('Data \r Filtering Networks'),
      ['Data\r\rFiltering Networks', []],
      ['Data\r\n\r\nFiltering Networks', []],
      ['Data\n\rFiltering Networks', []],
      // White space past ASCII: a no-break space, an em space.
      itself('Data\u00a0Filtering\u2003Networks'),
      itself(`Data${' '.repeat(80)}Filtering Networks`),
      [`Data${' '.repeat(81)}Filtering Networks`, []],
      ['Data Filtering -Networks', []],
      ['Data Filtering', []],
      ['Data Filtering ', []],
    ]);
  });

  it('keeps a title\'s own punctuation: a colon, a hyphen, a question mark', () => {
    const dc = PAPERS[1].title;
    expectTexts([
      [`${dc} is a benchmark`, [dc]],
      [dc.replace(': ', ' '), ['DataComp']],
      ['CUDA: Convolution\u2013based Unlearnable Datasets', ['CUDA: Convolution\u2013based Unlearnable Datasets']],
      ['Data-Filtering Networks', []],
    ]);
  });

  it('finds a question title up to its question mark, with whatever follows', () => {
    expectTexts([
      ['what is attention? we ask', ['what is attention?']],
      ['What is attention', []],
      ['What is attention!', []],
      ['What is attention?x', ['What is attention?']],
      ['What is attention? Improve Things', ['What is attention?']],
    ]);
    // A name right after the question mark is a mention of its own.
    assert.deepEqual(found('What is attention?LoRAT'), [
      ['What is attention?', 0, 'q'],
      ['LoRAT', 18, 'lorat'],
    ]);
  });

  it('is not the beginning of a longer title, but may be followed by anything else', () => {
    expectTexts([
      ['Data Filtering Networks Improve Speech', []],
      ['Data Filtering Networks for Speech', []],
      ['Data Filtering Networks with Attention', []],
      ['Data Filtering Networks\tImprove', []],
      ['Data Filtering Networks: A Study', []],
      ['Data Filtering Networks : A Study', []],
      ['Data Filtering Networks improve', ['Data Filtering Networks']],
      ['Data Filtering Networks  Improve', []],
      ['Data Filtering Networks for  Speech', []],
      ['Data Filtering Networks:  A Study', []],
      ['Data Filtering Networks improve. Then more', ['Data Filtering Networks']],
      ['Data Filtering Networks improve: A lot', ['Data Filtering Networks']],
      ['Data Filtering Networks for speech', ['Data Filtering Networks']],
      ['Data Filtering Networks IMPROVE', ['Data Filtering Networks']],
      ['Data Filtering Networks, Improve', ['Data Filtering Networks']],
      ['Data Filtering Networks:A', ['Data Filtering Networks']],
      ['Data Filtering Networks: a study', ['Data Filtering Networks']],
      ['Data Filtering Networks\nImprove', ['Data Filtering Networks']],
      ['Data Filtering Networks(2023)', ['Data Filtering Networks']],
      ['Data Filtering Networks[3]', ['Data Filtering Networks']],
      ['Data Filtering Networks-style', []],
      ['Tracking Meets LoRA Adapters', []],
      ['Tracking Meets LoRA adapters', ['Tracking Meets LoRA']],
    ]);
  });

  it('prefers, of names overlapping, the one that starts first, then the longest', () => {
    expectTexts([
      [`${PAPERS[1].title} is a benchmark`, [PAPERS[1].title]],
      ['alpha beta gamma', ['alpha beta']],
      ['beta gamma', ['beta gamma']],
      ['alpha beta delta', ['alpha beta delta']],
      ['alpha beta, beta gamma', ['alpha beta', 'beta gamma']],
      // Found by its last word, after the name inside it: still the longer, earlier one.
      ['Why LoRAT works', ['Why LoRAT works']],
      ['so Why LoRAT works, and LoRAT', ['Why LoRAT works', 'LoRAT']],
    ]);
    assert.equal(matcher().find('alpha beta delta')[0].paperId, 'abd');
  });

  it('finds a title longer than the words the scanner remembers, wherever it starts and however it is spaced', () => {
    const spaced = LONG_TITLE.split(' ')
      .map((w, k) => (k % 3 ? ` ${w}` : `\t ${w}`))
      .join('')
      .trimStart();
    for (const before of ['', 'see ', 'one, (two) ']) {
      for (const title of [LONG_TITLE, spaced]) {
        const text = `${before}${title}. done`;
        assert.deepEqual(found(text), [[title, before.length, 'long']], JSON.stringify(text.slice(0, 20)));
      }
    }
    // One word wrong past the scanner's memory: verified against the text, not found.
    const wrong = LONG_TITLE.replace('w68x', 'w68y');
    assert.deepEqual(texts(`see ${wrong}.`), []);
    assert.deepEqual(texts(`see ${LONG_TITLE.replace('w2x', 'w2y')}.`), []);
    assert.deepEqual(texts(`see ${LONG_TITLE.replace('w0x', 'w0y')}.`), []);
    assert.deepEqual(texts(`see ${LONG_TITLE.replace('w68x', 'w68xz')}.`), []);
    assert.deepEqual(texts(`see ${LONG_TITLE.slice(0, -1)}`), []);
    assert.deepEqual(texts('omega beta delta'), []);
  });
});

describe('matcher core: short and method names', () => {
  it('matches a name as a whole word in its own letter case', () => {
    assert.deepEqual(found('We compare against DataComp here.'), [['DataComp', 19, 'dc']]);
    expectTexts([
      ['LoRAT', ['LoRAT']],
      ['LoRATx DataCompy xLoRAT', []],
      ['SiT and SaRA and Chord', ['SiT', 'SaRA', 'Chord']],
      ['sit and sara and chord and SIT and CHORD', []],
      ['Sit and Sara', []],
      ['word2vec and Word2vec and WORD2VEC', ['word2vec']],
    ]);
    // Two papers' names that differ in case only are two names.
    assert.deepEqual(found('SaRA and SARA'), [
      ['SaRA', 0, 'misc'],
      ['SARA', 9, 'sara2'],
    ]);
  });

  it('keeps a name\'s own separators: `&`, `^`, escapes and spacing around them', () => {
    expectTexts([
      ['Split & Merge', ['Split & Merge']],
      ['Split  &  Merge', ['Split  &  Merge']],
      ['Split \\& Merge', ['Split \\& Merge']],
      ['Split Merge', []],
      ['Split - Merge', []],
      ['Split and Merge', []],
      ['the BT^2 method', ['BT^2']],
      ['the BT ^ 2 method', ['BT ^ 2']],
      ['the BT 2 method', []],
      ['the BT-2 method', []],
      ['LAION-5B and LAION\u20135B', ['LAION-5B', 'LAION\u20135B']],
      ['LAION 5B', []],
    ]);
  });

  it('keeps a separator of two marks (`, &`) as written, in any spacing', () => {
    expectTexts([
      ['see Pixels, Words, & Fonts here', ['Pixels, Words, & Fonts']],
      ['see pixels ,words ,&fonts here', ['pixels ,words ,&fonts']],
      ['see Pixels, Words & Fonts here', []],
      ['see Pixels, Words, Fonts here', []],
      ['see Pixels, Words: & Fonts here', []],
    ]);
  });

  it('writes a distinctive name in the plural, and a hyphenated one without its hyphen', () => {
    expectTexts([
      ['LoRATs and SiTs and Qwen2s', ['LoRATs', 'SiTs', 'Qwen2s']],
      ['LAION5B and DataComp1B and EfGhi and AbCdEf', ['LAION5B', 'DataComp1B', 'EfGhi', 'AbCdEf']],
      ['VisNets', ['VisNets']],
      // Not for a name ending in s, of fewer than three letters, or ambiguous; not for titles, phrases or names with a space.
      ['GANs and GANss', ['GANs']],
      ['AB2 and AB2s', ['AB2']],
      ['AbCd and Ab-Cd', ['Ab-Cd']],
      ['CUDAs', []],
      ['Zorblats', []],
      ['Big Model and Big Models', ['Big Model']],
      // Nor for a name written as a plain capitalised word: "Adams" is a surname, not two "Adam".
      ['Chords and Chord', ['Chord']],
    ]);
    assert.deepEqual(texts('CUDAs and CUDA', 'always'), ['CUDA']);
  });

  it('matches other casings of a coined name of five letters or more, or with digits, in prose', () => {
    expectTexts([
      ['lorat is fast', ['lorat']],
      ['Lorat is fast', ['Lorat']],
      ['we like lorat', ['lorat']],
      ['we like lorat.', ['lorat']],
      ['LORAT is fast', []],
      ['datacomp and DATACOMP', ['datacomp']],
      ['qwen2 and Qwen2 and QWEN2', ['qwen2', 'Qwen2']],
      ['abc1 and ABC1', ['abc1']],
      ['laion5b and Laion5b', ['laion5b', 'Laion5b']],
      ['übernet and Übernet and ÜBERNET', ['übernet', 'Übernet']],
      // Too short, not coined, an everyday word (by the word list or by the background), two words, or ambiguous.
      ['sara and ab2 and chord', []],
      ['goodnet and GoodNet', ['GoodNet']],
      ['fastrun and FastRun', ['FastRun']],
      ['datacomp-1b and laion-5b', []],
      ['big model', []],
      ['tracking meets lora', []],
      ['phrasenet is here', []],
      ['PhraseNet is here', ['PhraseNet']],
    ]);
    assert.deepEqual(texts('hydranet and HydraNet', 'always'), ['HydraNet']);
  });

  it('takes another casing in prose only: not in code, after `import`, or next to code punctuation', () => {
    const code = [
      'import lorat',
      'x; import lorat',
      'from lorat import x',
      'pip install lorat',
      'const lorat = 1',
      'import  lorat',
      'x.lorat',
      'x=lorat',
      'f(lorat',
      '<lorat',
      '[lorat',
      '{lorat',
      'a:lorat',
      "'lorat",
      '"lorat',
      '`lorat',
      '#lorat',
      '*lorat',
      'lorat(',
      'lorat=',
      'lorat[',
      'lorat{',
      'lorat<',
      'lorat:',
      "lorat'",
      'lorat"',
      'lorat`',
      'lorat.load()',
      '```\nlorat here\n```',
      '~~~\nlorat here\n~~~',
      '  ```py\nlorat here',
    ];
    for (const text of code) assert.deepEqual(texts(text), [], JSON.stringify(text));
    expectTexts([
      ['reimport lorat', ['lorat']],
      ['import data, then lorat is fast', ['lorat']],
      ['import\nlorat is good', ['lorat']],
      ['we like lorat, and more', ['lorat']],
      ['a (lorat) b', []],
      ['```\nx\n```\nlorat here', ['lorat']],
      ['\n```\nlorat here\n```', []],
      ['\t```\nlorat here', []],
      ['---\nlorat here', ['lorat']],
      ['``\nlorat here', ['lorat']],
      ['``~\nlorat here', ['lorat']],
      ['~`~\nlorat here', ['lorat']],
      // The name in its own case is a name anywhere.
      ['import LoRAT', ['LoRAT']],
      ['```\nLoRAT here\n```', ['LoRAT']],
    ]);
  });

  it('is a whole name, not part of a path, member, call or longer hyphenated word', () => {
    expectTexts([
      ['pre-LoRAT x.LoRAT \\LoRAT $LoRAT @LoRAT', []],
      ['a -LoRAT b', ['LoRAT']],
      ['a .LoRAT b', ['LoRAT']],
      ['.LoRAT', ['LoRAT']],
      ['models/LoRAT a/LoRAT', []],
      ['CLIP/LoRAT', ['LoRAT']],
      ['v9/LoRAT', ['LoRAT']],
      ['LoRAT.py LoRAT^2 LoRAT+x LoRAT\\cite', []],
      ['LoRAT. LoRAT^ LoRAT+ x', ['LoRAT', 'LoRAT', 'LoRAT']],
      ['LoRAT-style LoRAT-Based LoRAT- x', ['LoRAT', 'LoRAT', 'LoRAT']],
      ['LoRAT-v2 LoRAT-style-x', []],
      ['LoRAT/configs DataComp/DFN LoRAT/', []],
      ['LoRAT/DFN', ['LoRAT']],
      ['LoRAT(x) LoRAT[0]', []],
      ['LoRAT (x)', ['LoRAT']],
      ['a DataComp-based pool', ['DataComp']],
      ['DataComp-XL', []],
    ]);
    // Every word that makes a compound with a distinctive name, and a longer word that starts like one.
    for (const suffix of ['based', 'style', 'like', 'ensemble', 'ensembles', 'inspired', 'driven', 'powered', 'type', 'family', 'variant', 'variants', 'guided', 'specific']) {
      assert.deepEqual(texts(`a LoRAT-${suffix} model`), ['LoRAT'], suffix);
    }
    assert.deepEqual(texts('a LoRAT-basedx model'), []);
    assert.deepEqual(
      matcher()
        .find('DataComp-1B is large')
        .map((m) => [m.text, m.kind]),
      [['DataComp-1B', 'method']],
    );
  });

  it('never takes a non-title name written as a string literal in code or as a BibTeX key', () => {
    const code = ['load("LoRAT")', "x = 'LoRAT'", '["LoRAT", 1]', '{"LoRAT": 1}', 'a, "LoRAT"', '"LoRAT"', '  "LoRAT"', '@article{LoRAT,', '@article{ LoRAT,', '@article {LoRAT,'];
    for (const text of code) assert.deepEqual(texts(text), [], JSON.stringify(text));
    expectTexts([
      ['called "LoRAT" here', ['LoRAT']],
      ['x = LoRAT here', ['LoRAT']],
      ['a, LoRAT', ['LoRAT']],
      ['We like it\n"LoRAT"', []],
      ['@article{\tLoRAT,', []],
      ['@misc{x, title = {LoRAT}}', ['LoRAT']],
      // Only a collision-prone name is software by a version after it.
      ['LoRAT 2 is out', ['LoRAT']],
      ['Data Filtering Networks v2', ['Data Filtering Networks']],
      ['"LoRAT\' here', ['LoRAT']],
      ['see {LoRAT}', ['LoRAT']],
      ['@{LoRAT}', ['LoRAT']],
      ['"Data Filtering Networks"', ['Data Filtering Networks']],
      ['@article{Data Filtering Networks', ['Data Filtering Networks']],
    ]);
  });
});

describe('matcher core: collision-prone names', () => {
  /** A sentence with two of the CUDA paper's rare words: evidence that links CUDA in the whole text. */
  const evidence = 'CUDA makes unlearnable convolution datasets. ';
  const linkedAt = (text: string) =>
    matcher()
      .find(text)
      .filter((m) => m.text === 'CUDA')
      .map((m) => m.start);

  it('links on evidence, then keeps every occurrence but software: a version, a code span, a quoted name', () => {
    const n = evidence.length;
    assert.deepEqual(linkedAt(evidence), [0]);
    assert.deepEqual(linkedAt('CUDA makes convolution kernels. '), []);
    for (const rest of ['Install CUDA 12.', 'Use CUDA v11 now.', 'Use CUDA\t12 now.', 'Use CUDA  12 now.', 'Use `CUDA` now.', 'a "CUDA" kernel', "a 'CUDA' kernel"]) {
      assert.deepEqual(linkedAt(evidence + rest), [0], rest);
    }
    for (const rest of ['Use CUDA version two.', 'Use CUDA v now.', 'a `x` CUDA kernel', 'a "CUDA\' kernel', 'Use CUDA', 'Use CUDA  x 12']) {
      assert.deepEqual(linkedAt(evidence + rest), [0, n + rest.indexOf('CUDA')], rest);
    }
    // Policy `always` takes every whole-word occurrence, even software; `never`, none.
    assert.deepEqual(matcher().find('Install CUDA 12.', 'always').map((m) => m.start), [8]);
    assert.deepEqual(linkedAt(evidence), [0]);
    assert.deepEqual(matcher().find(evidence, 'never'), []);
  });

  it('reads code spans per line, within reach, never inside a fenced block', () => {
    const n = evidence.length;
    const both = (rest: string) => assert.deepEqual(linkedAt(evidence + rest), [0, n + rest.lastIndexOf('CUDA')], JSON.stringify(rest));
    const first = (rest: string) => assert.deepEqual(linkedAt(evidence + rest), [0], JSON.stringify(rest));
    // A line break closes a span; a name after a closed span, on the same line, is out of it.
    both('a `x\nCUDA kernels');
    both('Use `CUDA` and CUDA too.');
    first('Use `x` and `CUDA` too.');
    both('\n```\nx = `y CUDA z\n```');
    // Backticks count from the line start or at most 1,000 characters back.
    first(`\n\`${' '.repeat(999)}CUDA kernels`);
    both(`\n\`${' '.repeat(1000)}CUDA kernels`);
    // Out of reach, the opening backtick no longer counts, for this name and the ones after it.
    const far = `\n\`${' '.repeat(500)}CUDA and \`x\` ${' '.repeat(500)}CUDA, ${' '.repeat(100)}CUDA end`;
    const at = [...far.matchAll(/CUDA/g)].map((m) => n + m.index);
    assert.deepEqual(linkedAt(evidence + far), [0, at[1], at[2]]);
  });

  it('links on the paper\'s full title in the text, and judges a long form against the paper\'s own', () => {
    assert.deepEqual(linkedAt('CUDA runs kernels. See CUDA: Convolution-based Unlearnable Datasets.'), [0]);
    assert.deepEqual(linkedAt('CUDA runs kernels.'), []);
    // The paper's subtitle spells its short name out: another long form is another meaning,
    // even one whose words the paper mostly uses.
    assert.deepEqual(linkedAt('Convolution-based Unlearnable Datasets (CUDA) run.'), [40]);
    assert.deepEqual(linkedAt('Convolution-based Unlearnable Images (CUDA) run.'), []);
  });

  it('links a name anywhere in a text that states its paper\'s full title, quoting the first', () => {
    // The title's words are common in this background: only the title itself is evidence.
    assert.deepEqual(texts('DFN runs.'), []);
    const text = 'DFN runs.\n\n# Later\n\nData Filtering Networks and DATA FILTERING NETWORKS.';
    const { linked } = matcher().explain(text);
    assert.deepEqual(
      linked.map((m) => m.text),
      ['DFN', 'Data Filtering Networks', 'DATA FILTERING NETWORKS'],
    );
    assert.deepEqual(linked[0].evidence.reasons, ['the text states the paper\'s full title ("Data Filtering Networks and DATA FILTER…")']);
  });

  it('explains what it turned down and why, in text order', () => {
    const text = `${evidence}Install CUDA 12. x = "LoRAT"\n\`\`\`\nlorat\n\`\`\``;
    const { linked, rejected } = matcher().explain(text);
    assert.deepEqual(
      linked.map((m) => [m.text, m.start]),
      [['CUDA', 0]],
    );
    assert.equal(linked[0].evidence.linked, true);
    assert.deepEqual(
      rejected.map((m) => [m.text, m.start, m.paperId, m.kind, m.evidence.linked, m.evidence.prior, m.evidence.why, m.evidence.reasons]),
      [
        ['CUDA', text.indexOf('CUDA 12'), 'cuda', 'short', false, 'collision-prone', 'an everyday word', ['written as software here: a version number after it, a code span or a string literal']],
        ['LoRAT', text.indexOf('LoRAT'), 'lorat', 'method', false, 'distinctive', undefined, ['written as code here: a string literal or a BibTeX key']],
        ['lorat', text.indexOf('lorat'), 'lorat', 'method', false, 'distinctive', undefined, ['written "lorat" in a code block: another casing counts in prose only']],
      ],
    );
    assert.ok(!('why' in rejected[1].evidence), 'no why for a distinctive name');
    // Turned down by the evidence or where it stands: still in text order.
    const mixed = matcher().explain('x = "LoRAT" then CUDA runs kernels.', { policy: 'context' });
    assert.deepEqual(
      mixed.rejected.map((m) => [m.text, m.start]),
      [
        ['LoRAT', 5],
        ['CUDA', 17],
      ],
    );
    assert.deepEqual(matcher().explain('CUDA runs kernels.', { policy: 'always' }).linked.map((m) => m.text), ['CUDA']);
    assert.deepEqual(matcher().explain('CUDA runs kernels.', 'always').linked.map((m) => m.text), ['CUDA']);
  });

  it('says when a name was written in another casing, and explains the same mentions find gives', () => {
    const text = 'Lorat and LoRAT and lorat';
    const { linked, rejected } = matcher().explain(text);
    assert.deepEqual(rejected, []);
    assert.deepEqual(
      linked.map((m) => [m.text, m.start, m.end]),
      matcher()
        .find(text)
        .map((m) => [m.text, m.start, m.end]),
    );
    // One decision per name; each occurrence in another casing says so, the others do not.
    assert.deepEqual(
      linked.map((m) => m.evidence.reasons),
      [
        ['a distinctive name: it needs no context', 'written "Lorat", another casing of "LoRAT", in prose'],
        ['a distinctive name: it needs no context'],
        ['a distinctive name: it needs no context', 'written "lorat", another casing of "LoRAT", in prose'],
      ],
    );
    assert.deepEqual(
      matcher()
        .explain('LoRAT and Lorat')
        .linked.map((m) => m.evidence.reasons),
      [['a distinctive name: it needs no context'], ['a distinctive name: it needs no context', 'written "Lorat", another casing of "LoRAT", in prose']],
    );
    assert.deepEqual(matcher().explain('LoRAT').linked[0].evidence, { linked: true, prior: 'distinctive', reasons: ['a distinctive name: it needs no context'] });
    assert.deepEqual(matcher().explain('data filtering networks').linked[0].evidence.prior, 'title');
  });

  it('leaves out suppressed name–paper pairs only', () => {
    const suppressed = (paperId: string, name: string) => paperId === 'lorat' && name === 'LoRAT';
    assert.deepEqual(
      matcher()
        .find('LoRAT and DataComp and Tracking Meets LoRA', { suppressed })
        .map((m) => m.text),
      ['DataComp', 'Tracking Meets LoRA'],
    );
    assert.deepEqual(matcher().find('LoRAT', { policy: 'always', suppressed: () => false }).map((m) => m.text), ['LoRAT']);
    // Asked with each name's kind: every name but the full title left out (`mentions.libraryNames: titles`).
    const asked: string[] = [];
    const titlesOnly = (_paperId: string, name: string, kind: string) => (asked.push(`${name}/${kind}`), kind !== 'title');
    assert.deepEqual(matcher().find('LoRAT, then Tracking Meets LoRA: Faster Training', { suppressed: titlesOnly }).map((m) => m.text), ['Tracking Meets LoRA: Faster Training']);
    assert.deepEqual(asked, ['LoRAT/method', 'Tracking Meets LoRA: Faster Training/title']);
  });

  it('decides a window by the whole document\'s summary, and names it has not seen in the window', () => {
    const whole = `${evidence}Later, CUDA kernels.`;
    const summary = matcher().summarize(whole);
    const cuda = NAMES.find((n) => n.text === 'CUDA')!;
    assert.equal(summary.decisions.get(discourseKey(cuda))?.linked, true);
    const window = 'CUDA kernels and LoRAT';
    assert.deepEqual(texts(window), ['LoRAT']);
    assert.deepEqual(matcher().find(window, { discourse: summary }).map((m) => m.text), ['CUDA', 'LoRAT']);
    // Under `never` the summary turns it down.
    assert.deepEqual(matcher().find(window, { discourse: matcher().summarize(whole, 'never') }).map((m) => m.text), ['LoRAT']);
    assert.equal(matcher().summarize('nothing here').decisions.size, 0);
    assert.equal(discourseKey(cuda), 'cuda\u0000CUDA');
  });

  it('turns a collision-prone name down when its paper is unknown', () => {
    const m = new MentionMatcher([nameOf('gone', 'CUDA', 'short', true)], () => undefined, isCommonWord, Background.parse(backgroundText(), 'bg.txt'));
    assert.deepEqual(m.find(evidence), []);
    assert.deepEqual(m.find(evidence, 'always').map((x) => x.start), [0]);
  });
});

describe('matcher core: the dictionary', () => {
  it('leaves out a non-title name several papers claim, and a title two papers claim in any case; keeps a name one paper gives twice', () => {
    const names = [
      nameOf('a', 'PRISM: Prompt Routing', 'title'),
      nameOf('a', 'PRISM', 'short'),
      nameOf('b', 'PRISM: Sparse Models', 'title'),
      nameOf('b', 'PRISM', 'short'),
      nameOf('c', 'PRISM', 'short'),
      nameOf('a', 'Sparse Routing', 'title'),
      nameOf('c', 'sparse  routing', 'title'),
      nameOf('a', 'Zorblat', 'method'),
      nameOf('a', 'Zorblat', 'method'),
    ];
    const m = new MentionMatcher(names, () => undefined, isCommonWord);
    assert.deepEqual([...m.sharedNames].sort(), ['PRISM', 'Sparse Routing', 'sparse  routing']);
    assert.deepEqual(m.find('PRISM and PRISM: Sparse Models; Sparse Routing; Zorblat').map((x) => [x.text, x.paperId]), [
      ['PRISM: Sparse Models', 'b'],
      ['Zorblat', 'a'],
    ]);
  });

  it('made from names alone, groups them by paper for the evidence: a short name\'s long form from its subtitle', () => {
    const corda = paper('corda', 'CorDA: Context-Oriented Decomposition Adaptation of Large Language Models');
    // The short name is not the paper's last name: every name of the paper must reach its profile.
    const names = [nameOf('corda', corda.title, 'title'), nameOf('corda', 'CorDA', 'short'), nameOf('corda', 'CorDA-L', 'method')];
    const m = new MentionMatcher(names, (id) => (id === 'corda' ? corda : undefined), isCommonWord, Background.parse(backgroundText(), 'bg.txt'));
    const { linked, rejected } = m.explain('We use Context-Oriented Decomposition Adaptation (CorDA) here.');
    assert.deepEqual(rejected, []);
    assert.deepEqual(
      linked.map((x) => [x.text, x.evidence.reasons]),
      [['CorDA', ['the text spells it out as "Context-Oriented Decomposition Adaptation", as the paper does']]],
    );
    // Another long form of the title's own words: not the paper's, since the paper gives its own.
    const other = m.explain('We use Context-Oriented Decomposed Adaptation (CorDA) here.');
    assert.deepEqual(other.linked, []);
    assert.deepEqual(
      other.rejected.map((x) => [x.text, x.evidence.reasons]),
      [['CorDA', ['the text spells it out as "Context-Oriented Decomposed Adaptation", which is not the paper\'s']]],
    );
  });

  it('finds names whose words outgrow the room the build first takes for them (a few words a name), each where it is', () => {
    const first = Array.from({ length: 40 }, (_, k) => `alpha${k}q`).join(' ');
    const second = Array.from({ length: 30 }, (_, k) => `beta${k}q`).join(' ');
    const names = [nameOf('one', first, 'title'), nameOf('two', second, 'title'), nameOf('three', 'Gamma Delta Epsilon', 'title')];
    const m = new MentionMatcher(names, () => undefined, isCommonWord);
    const text = `See ${second}, then ${first}. And Gamma Delta Epsilon.`;
    const found = m.find(text).map((x) => [x.paperId, text.slice(x.start, x.end)]);
    assert.deepEqual(found, [
      ['two', second],
      ['one', first],
      ['three', 'Gamma Delta Epsilon'],
    ]);
  });

  it('counts every form it looks for: plurals and joined forms, none for a name with no word', () => {
    const names = [nameOf('a', 'Alpha Beta', 'title'), nameOf('a', 'LoRAT', 'method'), nameOf('a', 'LAION-5B', 'short'), nameOf('a', 'CUDA', 'short', true), nameOf('a', '--', 'method')];
    // 1 + 2 (LoRATs) + 3 (LAION-5Bs, LAION5B) + 1.
    assert.equal(new MentionMatcher(names, () => undefined, isCommonWord).size, 7);
    assert.equal(new MentionMatcher([], () => undefined, isCommonWord).size, 0);
    assert.deepEqual(new MentionMatcher([], () => undefined, isCommonWord).find('anything at all'), []);
  });

  it('finds every one of many names, with or without background statistics', () => {
    // Enough one-word and longer names to fill several buckets of every table.
    const names: PaperName[] = [];
    for (let k = 0; k < 100; k++) {
      names.push(nameOf(`p${k}`, `Zq${k}Name`, 'method'));
      names.push(nameOf(`p${k}`, `Title ${k} of Paper Number ${k * 7}`, 'title'));
    }
    const text = names.map((n) => n.text).join(', then ');
    for (const background of [Background.empty(), Background.parse(backgroundText(), 'bg.txt')]) {
      const m = new MentionMatcher(names, () => undefined, isCommonWord, background);
      const got = m.find(text);
      assert.equal(got.length, names.length);
      got.forEach((x, k) => {
        assert.equal(x.text, names[k].text);
        assert.equal(x.paperId, names[k].paperId);
      });
    }
  });

  it('finds a name wherever its key falls in the tables', () => {
    for (let k = 0; k < 64; k++) {
      const names = [nameOf('p', `Zq${k}Name`, 'method'), nameOf('p', `Zq${k} Title Words`, 'title')];
      const m = new MentionMatcher(names, () => undefined, isCommonWord);
      assert.deepEqual(m.find(`see Zq${k}Name and zq${k} title words`).map((x) => x.text), [`Zq${k}Name`, `zq${k} title words`], String(k));
    }
  });

  it('follows every name that a word begins until its last word, then checks each', () => {
    // All three are looked up by "the zq1" (its rare word), then wait for their last words.
    const names = [nameOf('m', 'The zq1 of and', 'method'), nameOf('t', 'the zq1 of and', 'title'), nameOf('a', 'the zq1 of in', 'title')];
    const m = new MentionMatcher(names, () => undefined, isCommonWord, Background.parse(backgroundText(), 'bg.txt'));
    assert.deepEqual(m.find('the zq1 of and').map((x) => x.paperId), ['t']);
    assert.deepEqual(m.find('the zq1 of in').map((x) => x.paperId), ['a']);
    assert.deepEqual(m.find('The zq1 of and').map((x) => x.text), ['The zq1 of and']);
    assert.deepEqual(m.find('the zq1 of or'), []);
  });

  it('finds a longer name by any of its words, whichever the background makes rarest', () => {
    // Every word of these titles is common but one: the scanner looks each up by its rare
    // word and the word before, and must still find the whole title from its first word.
    const names = [
      nameOf('a', 'the of zzzzrare and in', 'title'),
      nameOf('b', 'zzzzrare the of and', 'title'),
      nameOf('c', 'we to is for on with this that it by are as from an be at or the of and in zzzzrare', 'title'),
    ];
    const m = new MentionMatcher(names, () => undefined, isCommonWord, Background.parse(backgroundText(), 'bg.txt'));
    for (const n of names) {
      const text = `x ${n.text} y, and ${n.text.toUpperCase()}.`;
      assert.deepEqual(m.find(text).map((x) => [x.start, x.paperId]), [
        [2, n.paperId],
        [n.text.length + 10, n.paperId],
      ], n.text);
    }
    assert.deepEqual(m.find('the of zzzzrare and'), []);
  });
});

describe('matcher core: words, separators, index and cache', () => {
  it('cuts words on anything but letters, digits, marks and underscores, hashing them case-insensitively', () => {
    const text = Array.from({ length: 40 }, (_, k) => (k % 2 ? 'DataComp' : `w${k}`)).join(' - ');
    const words = wordsOf(text);
    assert.equal(words.count, 40);
    const cut = text.split(' - ');
    let at = 0;
    cut.forEach((w, k) => {
      assert.equal(words.starts[k], at);
      assert.equal(words.ends[k], at + w.length);
      assert.equal(words.hashes[k], wordHash(w.toLowerCase()));
      at += w.length + 3;
    });
    assert.equal(wordHash('DataComp'), wordHash('datacomp'));
    const mixed = wordsOf('_a b\u0301c d-e 😀 f');
    assert.equal(mixed.count, 5);
    assert.deepEqual(Array.from(mixed.starts.slice(0, 5)), [0, 3, 7, 9, 14]);
    assert.deepEqual(Array.from(mixed.ends.slice(0, 5)), [2, 6, 8, 10, 15]);
    assert.equal(wordsOf('').count, 0);
    // More words than the first guess at their number.
    const letters = Array.from({ length: 100 }, (_, k) => String.fromCharCode(97 + (k % 26)));
    const many = wordsOf(letters.join(' '));
    assert.equal(many.count, 100);
    letters.forEach((w, k) => {
      assert.equal(many.starts[k], 2 * k);
      assert.equal(many.ends[k], 2 * k + 1);
      assert.equal(many.hashes[k], wordHash(w));
    });
    assert.equal(wordsOf('  ,, ').count, 0);
  });

  it('tells word code units: letters, digits, marks and underscores, not surrogates or punctuation', () => {
    for (const c of ['a', 'Z', '7', '_', '\u0301', 'é']) assert.equal(isWordCode(c.charCodeAt(0)), true, c);
    for (const c of ['-', ' ', '.', '\ud83d', '^']) assert.equal(isWordCode(c.charCodeAt(0)), false, c);
    assert.notEqual(MENTION_WORD, 0);
  });

  it('reduces gaps to a class', () => {
    assert.equal(separatorClass(' '), ' ');
    assert.equal(separatorClass('\t '), ' ');
    assert.equal(separatorClass('~'), ' ');
    assert.equal(separatorClass('\n   # '), ' ');
    assert.equal(separatorClass('\r\n// '), ' ');
    assert.equal(separatorClass('\r * '), ' ');
    assert.equal(separatorClass('\n>> '), ' ');
    assert.equal(separatorClass('\n%% '), ' ');
    assert.equal(separatorClass('\n-- '), ' ');
    assert.equal(separatorClass('\n;; '), ' ');
    assert.equal(separatorClass('\n*/ '), '*/');
    assert.equal(separatorClass(' \u2014 '), '-');
    assert.equal(separatorClass('\u2212'), '-');
    assert.equal(separatorClass(': '), ':');
    assert.equal(separatorClass('}: {'), ':');
    assert.equal(separatorClass(' \\& '), '&');
    assert.equal(separatorClass('\\%'), '%');
    assert.equal(separatorClass('\\x'), '\\x');
    assert.equal(separatorClass('{}'), ' ');
    assert.equal(separatorClass('\n\n'), '\u0000');
    assert.equal(separatorClass('\r\n\r\n'), '\u0000');
    assert.equal(separatorClass('\r\r'), '\u0000');
    assert.equal(separatorClass('\n#\n# '), '\u0000');
    assert.equal(separatorClass('\n \t// \t\r\n'), '\u0000');
    // A blank line under any comment leader, written once or repeated.
    for (const leader of ['//', '////', '#', '##', '*', '**', '>', '>>', '%', '%%', '--', ';', ';;']) {
      assert.equal(separatorClass(`\n${leader}\n`), '\u0000', leader);
      assert.equal(separatorClass(`\n ${leader} \r\n`), '\u0000', leader);
    }
    assert.equal(separatorClass('\n\t\t#\t\t'), ' ');
    assert.equal(separatorClass('\n# x\n'), 'x');
    assert.equal(separatorClass(' , '), ',');
  });

  it('answers the mention under an offset and the mentions in a range', () => {
    const m = (start: number, end: number): Mention => ({ start, end, text: 'x'.repeat(end - start), paperId: 'p', kind: 'short' });
    const mentions = [m(0, 8), m(13, 18), m(23, 27), m(30, 31)];
    const index = new MentionIndex(mentions);
    const at = (o: number) => index.at(o)?.start;
    assert.deepEqual([-1, 0, 7, 8, 12, 13, 17, 18, 22, 23, 26, 27, 29, 30, 31].map(at), [undefined, 0, 0, undefined, undefined, 13, 13, undefined, undefined, 23, 23, undefined, undefined, 30, undefined]);
    assert.equal(new MentionIndex([]).at(0), undefined);
    const between = (a: number, b: number) => index.between(a, b).map((x) => x.start);
    assert.deepEqual(between(8, 13), []);
    assert.deepEqual(between(7, 14), [0, 13]);
    assert.deepEqual(between(17, 18), [13]);
    assert.deepEqual(between(18, 23), []);
    assert.deepEqual(between(0, 100), [0, 13, 23, 30]);
    assert.strictEqual(index.mentions, mentions);
  });

  it('scans a document once per version and policy, until it is deleted or cleared', () => {
    let builds = 0;
    const cache = new MentionCache(() => {
      builds++;
      return matcher();
    });
    let reads = 0;
    const doc = (version: number, text = 'DataComp and LoRAT') => ({
      version,
      getText: () => {
        reads++;
        return text;
      },
    });
    const first = cache.get('a', doc(1), 'context');
    assert.deepEqual(first.mentions.map((x) => x.text), ['DataComp', 'LoRAT']);
    assert.strictEqual(cache.get('a', doc(1), 'context'), first);
    assert.equal(reads, 1);
    assert.notStrictEqual(cache.get('a', doc(2), 'context'), first);
    assert.equal(reads, 2);
    cache.get('a', doc(2), 'always');
    assert.equal(reads, 3);
    cache.get('b', doc(1, 'SiT'), 'context');
    assert.equal(cache.size, 2);
    assert.deepEqual(cache.get('b', doc(1), 'context').mentions.map((x) => x.text), ['SiT']);
    cache.delete('a');
    assert.equal(cache.size, 1);
    assert.deepEqual(cache.get('b', doc(1), 'context').mentions.map((x) => x.text), ['SiT']);
    cache.clear();
    assert.equal(cache.size, 0);
    assert.deepEqual(cache.get('b', doc(1), 'context').mentions.map((x) => x.text), ['DataComp', 'LoRAT']);
    assert.ok(builds >= 1);
  });

  it('scans with the suppressed names and through the view a file name calls for', () => {
    const cache = new MentionCache(() => matcher());
    const text = 'DataComp and LoRAT';
    const hidden = cache.get('a', { version: 1, getText: () => text }, 'context', (_id, name) => name === 'LoRAT');
    assert.deepEqual(hidden.mentions.map((x) => x.text), ['DataComp']);
    const bib = '@misc{k, title = {{D}ata{C}omp rules}}';
    assert.deepEqual(cache.get('b', { version: 1, getText: () => bib, fileName: '/refs/main.bib' }, 'context').mentions.map((x) => [x.text, x.start]), [['D}ata{C}omp', 19]]);
    assert.deepEqual(cache.get('c', { version: 1, getText: () => bib }, 'context').mentions, []);
  });
});

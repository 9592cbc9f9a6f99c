import { strict as assert } from 'node:assert';
import { CODE_SPAN_REACH, MentionCache, MentionIndex, separatorClass, wordsOf } from '../../src/core/mentions';
import { sentenceBounds } from '../../src/core/evidence';
import { isTitleName, type Mention } from '../../src/core/types';
import { Corpus } from '../../src/core/corpus';
import { Background } from '../../src/core/background';
import { bundledCorpus, bundledSeeds, corpusOf, lazily, paperTitled } from './helpers';

const find = (text: string, policy: 'context' | 'always' | 'never' = 'context') => bundledCorpus().matcher.find(text, policy);
const texts = (ms: Mention[]) => ms.map((m) => m.text);
const idOf = (prefix: string) => paperTitled(prefix).id;

/** Asserts one mention of `paperPrefix` whose text is exactly `expected`, at the right offsets. */
function assertOne(text: string, expected: string, paperPrefix: string) {
  const ms = find(text);
  assert.equal(ms.length, 1, `one mention in ${JSON.stringify(text)}, got ${JSON.stringify(texts(ms))}`);
  const [m] = ms;
  assert.equal(m.start, text.indexOf(expected));
  assert.equal(m.end, m.start + expected.length);
  assert.equal(text.slice(m.start, m.end), expected);
  assert.equal(m.text, expected);
  assert.equal(m.paperId, idOf(paperPrefix));
}

describe('finding full titles', () => {
  it('matches a title in any letter case', () => {
    assertOne('We read data filtering networks today.', 'data filtering networks', 'Data Filtering Networks');
    assertOne('WE READ DATA FILTERING NETWORKS TODAY.', 'DATA FILTERING NETWORKS', 'Data Filtering Networks');
  });

  it('matches a title wrapped across lines, in prose and in comments', () => {
    assertOne('See Data Filtering\nNetworks for details.', 'Data Filtering\nNetworks', 'Data Filtering Networks');
    assertOne('See Data Filtering\r\n  Networks for details.', 'Data Filtering\r\n  Networks', 'Data Filtering Networks');
    const py = '# As in Stationary Representations: Optimally Approximating Compatibility\n# and Implications for Improved Model Replacements, we keep it.';
    assertOne(py, py.slice(8, py.indexOf(', we')), 'Stationary Representations');
    const ts = '// cf. Go Wider\n// Instead of Deeper';
    assertOne(ts, 'Go Wider\n// Instead of Deeper', 'Go Wider Instead of Deeper');
  });

  it('matches however the text spaces the title', () => {
    assertOne('read Go   Wider\tInstead of  Deeper now', 'Go   Wider\tInstead of  Deeper', 'Go Wider Instead of Deeper');
  });

  it('does not match across a paragraph break', () => {
    assert.deepEqual(find('Data Filtering\n\nNetworks'), []);
  });

  it('treats typographic hyphens and dashes as hyphens', () => {
    const title = 'Open-vocabulary Object Detection via Vision and Language Knowledge Distillation';
    for (const dash of ['\u2010', '\u2011', '\u2013', '\u2014', '\u2212']) {
      const text = `Read ${title.replace('-', dash)}.`;
      assertOne(text, title.replace('-', dash), 'Open-vocabulary Object Detection');
    }
    assertOne('Pre-training strategies and datasets for facial represen-\ntation learning'.replace('represen-\ntation', 'representation'), 'Pre-training strategies and datasets for facial representation learning', 'Pre-training strategies');
  });

  it('matches a title with its own punctuation', () => {
    const t = 'What learning algorithm is in-context learning? Investigations with linear models';
    assertOne(`> ${t}`, t, 'What learning algorithm');
    assertOne('BT^2: Backward-compatible Training with Basis Transformation!', 'BT^2: Backward-compatible Training with Basis Transformation', 'BT^2');
  });

  it('prefers the whole title to the short name inside it', () => {
    const t = 'DataComp: In search of the next generation of multimodal datasets';
    const ms = find(`${t} is a benchmark.`);
    assert.deepEqual(texts(ms), [t]);
    assert.equal(ms[0].kind, 'title');
  });

  it('is not the beginning of a longer title that names a different work', () => {
    assert.deepEqual(find('Data Filtering Networks Improve Speech Recognition'), []);
    assert.deepEqual(find('Go Wider Instead of Deeper: A Study of Width in Transformers'), []);
    // In a corpus holding both, the longer title wins where the text goes on. (The shorter
    // paper coins its title, or two common words would be matched as a phrase: see `genericTitle`.)
    const c = corpusOf([
      { title: 'Attention Networks', abstract: 'We introduce attention networks (ANs) and study them in some depth. This abstract is long enough to count as prose for the parser.' },
      { title: 'Attention Networks for Graph Data', abstract: 'We study attention networks on graphs in depth. This abstract is long enough to count as prose for the parser.' },
    ]);
    const short = c.papers[0].id;
    const long = c.papers[1].id;
    assert.deepEqual(c.matcher.find('we cite Attention Networks for Graph Data here').map((m) => m.paperId), [long]);
    assert.deepEqual(c.matcher.find('we cite Attention Networks, then more').map((m) => m.paperId), [short]);
    assert.deepEqual(c.matcher.find('Attention Networks for Speech Recognition').map((m) => m.paperId), []);
  });

  it("leaves a field's name to prose, and links it where the text cites the paper there", () => {
    const { topics, isCommonWord, background } = bundledSeeds();
    const c = new Corpus(
      [
        { id: 'deep-learning', title: 'Deep learning', abstract: 'Deep learning allows computational models that are composed of multiple processing layers to learn representations of data.', links: [], keys: ['lecun2015deep'] },
        { id: 'slt', title: 'Statistical Learning Theory', abstract: 'A book on the theory of learning from examples, with bounds on generalization for many classes.', links: [], keys: ['vapnik1998'] },
        { id: 'gym', title: 'Openai gym', abstract: '', links: [], keys: ['brockman2016openai'], arxivId: '1606.01540' },
        // A textbook's blurb (Camacho and Bordons, 2013) that spells out its field's acronym, as 8 of the background's abstracts do.
        { id: 'mpc', title: 'Model predictive control', abstract: 'From power plants to sugar refining, model predictive control (MPC) schemes have established themselves as the preferred control strategies.', links: [], keys: ['camacho2013model'] },
      ],
      topics,
      isCommonWord,
      [],
      background,
    );
    for (const text of ['We train deep learning models on it.', '# deep learning utilities', 'See The Nature of Statistical Learning Theory for the bounds.', 'Work in statistical learning theory bounds it.', 'Deep learning \\cite{other2019}.']) {
      assert.deepEqual(c.matcher.find(text, 'context'), [], text);
    }
    // Cited there, in any letter case: that occurrence, not the others (no one sense per discourse).
    const thesis = 'Control tasks from OpenAI Gym \\citep{brockman2016openai}. We use an OpenAI gym environment. Deep learning~\\cite{smith2020,lecun2015deep} helps.';
    const found = c.matcher.explain(thesis, 'context');
    assert.deepEqual(found.linked.map((m) => [m.text, m.paperId]), [['OpenAI Gym', 'gym'], ['Deep learning', 'deep-learning']]);
    assert.deepEqual(found.linked[0].evidence.reasons, ['the text cites the paper here (brockman2016openai)']);
    assert.deepEqual(found.rejected.map((m) => m.text), ['OpenAI gym']);
    assert.ok(found.rejected[0].evidence.reasons.includes('no citation of the paper next to it'), found.rejected[0].evidence.reasons.join('; '));
    // By its arXiv id, as Manubot and reference lists write it.
    assert.deepEqual(c.matcher.find('OpenAI Gym [@arXiv:1606.01540] is used.', 'context').map((m) => m.paperId), ['gym']);
    assert.deepEqual(c.matcher.find('Brockman et al. (2016). OpenAI Gym. arXiv:1606.01540.', 'context').map((m) => m.paperId), ['gym']);
    // The field's acronym likewise, in its own capitals only.
    assert.deepEqual(c.matcher.find('We plan with an MPC algorithm based on CEM, as model predictive control (MPC) does.', 'context'), []);
    assert.deepEqual(c.matcher.find('An MPC controller \\cite{camacho2013model} and mpc \\cite{camacho2013model}.', 'context').map((m) => m.text), ['MPC']);
    // An acronym is matched as a name, not as a title: a capitalised word after it starts no longer title.
    assert.deepEqual(c.matcher.find('The MPC Controller \\cite{camacho2013model} runs.', 'context').map((m) => m.text), ['MPC']);
    assert.deepEqual(c.namesOf('mpc').map((n) => [n.text, isTitleName(n)]), [['Model predictive control', true], ['MPC', false]]);
    // The policies: "never" links none, "always" every one.
    assert.deepEqual(c.matcher.find(thesis, 'never'), []);
    assert.deepEqual(c.matcher.find('We use deep learning; then OpenAI gym.', 'always').map((m) => m.paperId), ['deep-learning', 'gym']);
  });

  it('is never part of a longer word', () => {
    assert.deepEqual(find('Data Filtering Networkslike'), []);
    assert.deepEqual(find('Meta-Data Filtering Networks'), []);
  });
});

describe('finding short names and method names', () => {
  it('matches short names as whole words in their own letter case', () => {
    assertOne('We compare against DataComp here.', 'DataComp', 'DataComp:');
    assertOne('LAION-5B is large.', 'LAION-5B', 'LAION-5B');
    assertOne('the BT^2 method', 'BT^2', 'BT^2');
    assertOne('Split & Merge, they say', 'Split & Merge', 'Split & Merge');
    // Issue 8: another casing of a distinctive camel-case name counts in prose; all capitals
    // reads as another acronym.
    assert.deepEqual(texts(find('we compare against datacomp and DATACOMP')), ['datacomp']);
  });

  it('matches method names from abstracts', () => {
    assertOne('# fine-tune with LoRAT on GOT-10k', 'LoRAT', 'Tracking Meets LoRA');
    assertOne('WideNet scales width', 'WideNet', 'Go Wider Instead of Deeper');
  });

  it('never matches part of a longer word, path or member', () => {
    assert.deepEqual(texts(find('DataCompX DataComp_v2 preDataComp x.DataComp models/DataComp DataComp.py co-DataComp')), []);
    assert.deepEqual(texts(find('LAION-5Bx LAION-5B-en')), []);
    // An apostrophe between letters joins them (`S'MoRE`); a quote before a space does not.
    assert.deepEqual(texts(find("S'DataComp S\u2019DataComp and 'DataComp'")), ['DataComp']);
  });

  it('reads a hyphenated longer name as that name, not its first part', () => {
    assert.deepEqual(find('DataComp-1B is a dataset.').map((m) => [m.text, m.kind]), [['DataComp-1B', 'method']]);
    assert.deepEqual(texts(find('DataComp-XL is another work.')), []);
  });

  it('accepts possessives and punctuation around a name', () => {
    assert.deepEqual(texts(find("DataComp's pool, (SaRA), *LoRAT*, `WideNet`.")), ['DataComp', 'SaRA', 'LoRAT', 'WideNet']);
  });

  it('reports exact UTF-16 offsets after astral characters', () => {
    const text = '🙂🙂 naïve note: DataComp 𝒳 LoRAT';
    const ms = find(text);
    assert.deepEqual(ms.map((m) => text.slice(m.start, m.end)), ['DataComp', 'LoRAT']);
    assert.equal(ms[0].start, text.indexOf('DataComp'));
  });
});

describe('the precision rule for names that are also ordinary words', () => {
  let cudaId: string;
  beforeEach(() => (cudaId = idOf('CUDA:')));

  it('does not fire on CUDA the software', () => {
    for (const text of [
      'Install CUDA 12 first.',
      'Requires CUDA 11.8 or newer.',
      'x = torch.cuda.is_available()',
      'export CUDA_VISIBLE_DEVICES=0',
      'os.environ["CUDA_VISIBLE_DEVICES"] = "1"',
      'device = "CUDA"',
      'We wrote our kernels in CUDA for speed.',
      'Use `CUDA` kernels in the paper you cite.',
      'Compile with nvcc against CUDA v12 (see the paper).',
    ]) {
      assert.deepEqual(texts(find(text)), [], text);
    }
  });

  it('fires on CUDA the paper where the sentence speaks of the paper', () => {
    for (const text of [
      'The CUDA paper makes data unlearnable.',
      'CUDA (Sadasivan et al., 2023) poisons data with convolutions.',
      'CUDA generates unlearnable datasets with class-wise filters.',
      'As shown in CUDA [12], small filters suffice.',
    ]) {
      const ms = find(text);
      assert.deepEqual(ms.map((m) => [m.text, m.paperId]), [['CUDA', cudaId]], text);
    }
  });

  it('keeps one sense per text: evidence by one occurrence counts for every occurrence', () => {
    // Issue 8 (one sense per discourse): before, only the second Hydra counted.
    const text = 'We use Hydra for configs. Hydra (Chen et al., 2024) learns from arbitrary pairs through gate vectors.';
    assert.deepEqual(
      find(text).map((m) => m.start),
      [7, 26],
    );
    assert.deepEqual(texts(find('We use Hydra for configs.')), []);
  });

  it('takes no sentence context across a blank line, in LF and CRLF files alike', () => {
    // Issue 8: "paper" is a generic cue that proves nothing; the CUDA paper's own words do. They
    // count in the sentence; past a blank line only as section context, which needs more.
    for (const eol of ['\n', '\r\n']) {
      assert.deepEqual(texts(find(`Datasets made unlearnable by convolution${eol}${eol}CUDA kernels run fast`)), [], JSON.stringify(eol));
      assert.deepEqual(texts(find(`Datasets made unlearnable by convolution${eol}CUDA kernels run fast`)), ['CUDA'], JSON.stringify(eol));
    }
  });

  it('does not fire on FILTER or Hydra in code', () => {
    assert.deepEqual(texts(find('SELECT count(*) FILTER (WHERE x > 1) FROM t;')), []);
    assert.deepEqual(texts(find('import hydra\n@hydra.main(config_path="conf")\ndef main(cfg): ...')), []);
    assert.deepEqual(texts(find('Hydra composes the config.')), []);
  });

  it('follows the policy: always counts them, never drops them, titles still match', () => {
    assert.deepEqual(texts(find('We wrote our kernels in CUDA for speed.', 'always')), ['CUDA']);
    assert.deepEqual(texts(find('export CUDA_VISIBLE_DEVICES=0', 'always')), []);
    assert.deepEqual(texts(find('The CUDA paper makes data unlearnable.', 'never')), []);
    assert.deepEqual(texts(find('CUDA: Convolution-based Unlearnable Datasets', 'never')), ['CUDA: Convolution-based Unlearnable Datasets']);
  });

  it('leaves names of mixed case alone (SiT, SaRA, JeDi are not the words sit, sara, jedi)', () => {
    assert.deepEqual(texts(find('Please sit down; Sara uses jedi for completion.')), []);
    assert.deepEqual(texts(find('SiT and SaRA and JeDi')), ['SiT', 'SaRA', 'JeDi']);
  });
});

describe('the precision rule reads the sentence and the line around each name', () => {
  it('counts backticks from the start of the line, or at most CODE_SPAN_REACH characters back', () => {
    const paper = 'The CUDA paper makes data unlearnable.';
    assert.equal(CODE_SPAN_REACH, 1000);
    assert.deepEqual(texts(find(`${'`x` '.repeat(2000)}${paper}`)), ['CUDA']);
    // The backtick at 0 opens a code span; "CUDA" starts at 5 + blanks.
    assert.deepEqual(texts(find(`\`${' '.repeat(995)}${paper}`)), []);
    // Bounded: a span opened more than 1,000 characters back is no longer seen (the rule used to
    // read back to the line start, however far; now a verdict depends only on text near the name).
    assert.deepEqual(texts(find(`\`${' '.repeat(996)}${paper}`)), ['CUDA']);
    // The price: a long span closing within reach reads as one opening there.
    assert.deepEqual(texts(find(`\`${'x '.repeat(2000)}\`${' '.repeat(995)}${paper}`)), []);
    assert.deepEqual(texts(find(`\`${'x '.repeat(2000)}\`${' '.repeat(996)}${paper}`)), ['CUDA']);
    // A line break closes an open code span.
    assert.deepEqual(texts(find(`an open \` span\n${paper}`)), ['CUDA']);
    assert.deepEqual(texts(find(`an open \` span\r\n${paper}`)), ['CUDA']);
  });

  it('keeps the backtick count right from one name to the next on the same line', () => {
    // The first sentence gives evidence for the paper (one sense per text); code spans still keep a name out.
    const text = 'CUDA makes data unlearnable, `CUDA` in code, then CUDA again, `x` and `the CUDA kernel`, and CUDA once more.';
    const all = [...text.matchAll(/CUDA/g)].map((m) => m.index);
    // The second and fourth stand inside code spans.
    const expected = [all[0], all[2], all[4]];
    const ms = find(text);
    assert.deepEqual(ms.map((m) => m.start), expected);
  });

  // Issue 8: sentence context is weighed against the paper's own words (evidence.ts), no longer
  // searched for generic cues such as "paper"; its bounds are checked here directly.
  it('reads sentence context up to a sentence end or a blank line, and no further', () => {
    const sentence = (text: string) => {
      const at = text.indexOf('Hydra');
      const [from, to] = sentenceBounds(text, at, at + 5);
      return text.slice(from, to);
    };
    const reaches = (text: string) => sentence(text).includes('paper');
    assert.ok(reaches('See the paper\nHydra learns from arbitrary pairs.'));
    assert.ok(!reaches('See the paper\n \t \nHydra learns from arbitrary pairs.'));
    assert.ok(!reaches('See the paper\r\n\r\nHydra learns from arbitrary pairs.'));
    assert.ok(reaches('See the paper\n# \n# Hydra learns from arbitrary pairs.'));
    assert.ok(reaches('Hydra learns from pairs, says the paper'));
    assert.ok(!reaches('Hydra learns from pairs!\tThe paper says so.'));
    assert.ok(!reaches('Hydra learns from pairs? The paper says so.'));
    assert.ok(!reaches('Is it in the paper?\nHydra learns from pairs.'));
    assert.ok(!reaches('Hydra learns from pairs\n\t\nas the paper says.'));
    assert.ok(!reaches('Hydra learns from pairs\r\n\r\nas the paper says.'));
    assert.ok(reaches('See the paper.x Hydra learns from pairs.'));
    assert.ok(!reaches('See the paper. x Hydra learns from pairs.'));
    // An abbreviation's full stop ends no sentence.
    assert.ok(reaches('See the paper by Chen et al. Hydra learns.'));
    assert.equal(sentence('Hydra learns from pairs! The paper says so.'), 'Hydra learns from pairs');
  });

  it('reads at most 300 characters of sentence each side of the name', () => {
    for (const n of [299, 300, 301]) {
      const text = `${'x'.repeat(n)} Hydra ${'x'.repeat(n)}`;
      const at = n + 1;
      assert.deepEqual(sentenceBounds(text, at, at + 5), [Math.max(0, at - 300), Math.min(text.length, at + 5 + 300)], String(n));
    }
    // In a real text: the paper's word 288 characters before the name is out of the sentence.
    const filler = (n: number) => 'x'.repeat(n);
    assert.deepEqual(texts(find(`unlearnable ${filler(286)} CUDA kernels`)), ['CUDA']);
    assert.deepEqual(texts(find(`unlearnable ${filler(290)} CUDA kernels`)), []);
  });
});

describe('names shared by several papers', () => {
  it('leaves out a short name two papers claim, but keeps their titles', () => {
    const abstract = 'A long enough abstract about something in machine learning. It has two sentences and more than enough characters.';
    const c = corpusOf([
      { title: 'PRISM: Prompt Routing for Images', abstract },
      { title: 'PRISM: Probabilistic Sparse Models', abstract },
    ]);
    assert.deepEqual(c.matcher.sharedNames, ['PRISM']);
    assert.deepEqual(c.matcher.find('PRISM beats PRISM: Probabilistic Sparse Models').map((m) => m.text), ['PRISM: Probabilistic Sparse Models']);
  });
});

describe('MentionIndex and MentionCache', () => {
  const text = 'DataComp and LoRAT and SaRA';
  let index: MentionIndex;
  beforeEach(() => {
    index = new MentionIndex(find(text));
  });

  it('answers the mention under an offset, and nothing between mentions', () => {
    assert.equal(index.at(0)?.text, 'DataComp');
    assert.equal(index.at(7)?.text, 'DataComp');
    assert.equal(index.at(8), undefined);
    assert.equal(index.at(13)?.text, 'LoRAT');
    assert.equal(index.at(text.length - 1)?.text, 'SaRA');
    assert.equal(index.at(text.length), undefined);
    assert.equal(new MentionIndex([]).at(0), undefined);
  });

  it('scans a document once per version', () => {
    let scans = 0;
    const cache = new MentionCache(() => {
      scans++;
      return bundledCorpus().matcher;
    });
    const doc = { version: 1, getText: () => text };
    cache.get('a', doc, 'context');
    cache.get('a', doc, 'context');
    assert.equal(scans, 1);
    cache.get('a', { version: 2, getText: () => text }, 'context');
    assert.equal(scans, 2);
    cache.get('a', { version: 2, getText: () => text }, 'always');
    assert.equal(scans, 3);
    cache.delete('a');
    assert.equal(cache.size, 0);
  });

  it('leaves out suppressed names, and reads a file through the view its name calls for', () => {
    const cache = new MentionCache(() => bundledCorpus().matcher);
    const hidden = cache.get('a', { version: 1, getText: () => text }, 'context', (_id, name) => name === 'LoRAT');
    assert.deepEqual(hidden.mentions.map((m) => m.text), ['DataComp', 'SaRA']);
    const bib = '@misc{k, title = {{D}ata{C}omp rules}}';
    assert.deepEqual(cache.get('b', { version: 1, getText: () => bib, fileName: '/refs/main.bib' }, 'context').mentions.map((m) => m.text), ['D}ata{C}omp']);
    assert.deepEqual(cache.get('c', { version: 1, getText: () => bib }, 'context').mentions.map((m) => m.text), []);
  });
});

describe('words and separators', () => {
  it('cuts words on anything but letters, digits, marks and underscores', () => {
    const { starts, ends, count } = wordsOf('Open-Qwen2VL: BT^2 naïve_x');
    const words = Array.from({ length: count }, (_, k) => 'Open-Qwen2VL: BT^2 naïve_x'.slice(starts[k], ends[k]));
    assert.deepEqual(words, ['Open', 'Qwen2VL', 'BT', '2', 'naïve_x']);
  });

  it('reduces gaps to a class', () => {
    assert.equal(separatorClass(' '), ' ');
    assert.equal(separatorClass('\n   # '), ' ');
    assert.equal(separatorClass(' \u2014 '), '-');
    assert.equal(separatorClass(': '), ':');
    assert.equal(separatorClass('\n\n'), '\u0000');
    assert.equal(separatorClass('\n#\n# '), '\u0000');
    assert.equal(separatorClass('\n \t// \t\r\n'), '\u0000');
    assert.equal(separatorClass('\n\t\t#\t\t'), ' ');
    assert.equal(separatorClass('\n# x\n'), 'x');
  });
});

/**
 * The scanner's shortcuts (bit-set filters, case shapes checked before the words, one string
 * per name, fences found by search) must change nothing it finds: small dictionaries made here
 * put each of them to the test.
 */
describe('the scanner finds what the text says, whatever its shortcuts', () => {
  const syllables = ['zor', 'bak', 'quim', 'trel', 'vasp', 'nork', 'lumi', 'gref', 'taxo', 'pheb', 'dru', 'mek'];
  /**
   * 150 papers with coined short names (`ZorTrelbak0`), and a phrase name with capitals whose
   * title is looked up by other words (rare ones of the background): the phrase is then found
   * only through the pairs with capitals.
   */
  const coined = lazily(() => {
    const papers = Array.from({ length: 150 }, (_, i) => {
      const [a, b, c] = [syllables[i % 12], syllables[(i * 5 + 3) % 12], syllables[(i * 7 + 1) % 12]];
      const name = `${a[0].toUpperCase()}${a.slice(1)}${b[0].toUpperCase()}${b.slice(1)}${c}${i}`;
      return { title: `${name}: Frobnicating ${b}${c} Quux Layers for Glimmer ${i}`, abstract: `We propose ${name}, a method for frobnicating layers. It works well on ${a}${b} benchmarks.` };
    });
    papers.push({ title: 'Quorx Meets Zappy: Photosynthesis Transcriptomics with Glimmer', abstract: 'We study zappy things with glimmer in many settings and report results.' });
    return corpusOf(papers);
  });
  const found = (text: string) => texts(coined().matcher.find(text, 'always'));

  it('finds every name of a larger dictionary, titles in any case and names in their own', () => {
    const corpus = coined();
    const names = corpus.papers.flatMap((p) => corpus.namesOf(p.id).filter((n) => n.kind === 'short').map((n) => n.text));
    assert.equal(names.length, 150);
    const titles = corpus.papers.slice(0, 150).map((p) => p.title);
    const text = [...names.map((n) => `We read ${n} here.`), ...titles.map((t) => `Read ${t.toLowerCase()}.`)].join('\n');
    assert.deepEqual(found(text), [...names, ...titles.map((t) => t.toLowerCase())]);
    // A coined name also in other casings in prose, not in capitals.
    assert.deepEqual(found(names.map((n) => `We read ${n.toLowerCase()}, not ${n.toUpperCase()}.`).join('\n')), names.map((n) => n.toLowerCase()));
  });

  it('keeps a name of several words to its own capitals', () => {
    assert.deepEqual(found('We read Quorx Meets Zappy, quorx meets zappy, QUORX MEETS ZAPPY and Quorx meets Zappy.'), ['Quorx Meets Zappy']);
    assert.deepEqual(found('Quorx Meets Zappy\nQuorx Meets\nZappy'), ['Quorx Meets Zappy', 'Quorx Meets\nZappy']);
    // Its words must end where the name's do.
    assert.deepEqual(found('Quorx Meets Zappys, Quorx Meetsy Zappy'), []);
  });

  it('reads a wrapped name across blanks and one line break, never across a blank line', () => {
    const title = 'zortrelbak0: frobnicating trelbak quux layers for glimmer 0';
    assert.deepEqual(found(`Read ${title.replace('quux ', 'quux \t\n\t ')}.`), [title.replace('quux ', 'quux \t\n\t ')]);
    assert.deepEqual(found(`Read ${title.replace('quux ', 'quux\r\n')}.`), [title.replace('quux ', 'quux\r\n')]);
    assert.deepEqual(found(`Read ${title.replace('quux ', 'quux\r')}.`), [title.replace('quux ', 'quux\r')]);
    for (const gap of ['\n \n', '\r\n\r\n', '\n\r', '\r\r', '\n\n']) assert.deepEqual(found(`Read ${title.replace('quux ', `quux${gap}`)}.`), [], JSON.stringify(gap));
    // A separator other than a space must be the name's own.
    assert.ok(!found(`Read ${title.replace(': ', ' ')}.`).includes(title.replace(': ', ' ')));
    assert.deepEqual(found(`Read ${title.replace(': ', ' :\n ')}.`), [title.replace(': ', ' :\n ')]);
    assert.deepEqual(found(`Read ${title.replace(': ', ' :\t')}.`), [title.replace(': ', ' :\t')]);
    // BibTeX's braces stand for nothing.
    assert.deepEqual(found(`Read ${title.replace(': ', ' {:} ')}.`), [title.replace(': ', ' {:} ')]);
    for (const other of [' - ', ' ; ', ' :: ', ' \u2014 ', ' ~ ']) assert.ok(!found(`Read ${title.replace(': ', other)}.`).includes(title.replace(': ', other)), other);
  });

  it('takes another casing for code inside a fenced block only when its fence opens a line', () => {
    const lower = 'zortrelbak0';
    const after = (text: string) => coined().matcher.find(text, 'always').map((m) => m.start);
    const last = (text: string) => [text.lastIndexOf(lower)];
    for (const text of [
      `\`\`\`\n${lower}\n\`\`\`\n${lower}`,
      `  ~~~\n${lower}\n\t~~~\n${lower}`,
      `\`\`\`\`\n${lower}\n\`\`\`\`\n${lower}`,
      `\`\`\`\r\n${lower}\r\n\`\`\`\r\n${lower}`,
      `x\n\`\`\`py\n${lower} ~~~ \`\`\`\n\`\`\`\n${lower}`,
    ]) {
      assert.deepEqual(after(text), last(text), JSON.stringify(text));
    }
    // Not a fence: marks after other text on their line.
    const inline = `see \`\`\` and ~~~ here\n${lower}`;
    assert.deepEqual(after(inline), last(inline));
    // A block left open runs to the end.
    assert.deepEqual(after(`${lower}\n\`\`\`\n${lower}\n${lower}`), [0]);
  });

  it('counts backticks per line, from one name to the next', () => {
    const text = 'CUDA makes data unlearnable.\nan open ` span\nCUDA again, `CUDA` here\n`x` CUDA once more\n```\n`CUDA` in a block\n```';
    const all = [...text.matchAll(/CUDA/g)].map((m) => m.index);
    // The third stands in a code span; in a fenced block backticks make none.
    assert.deepEqual(find(text).map((m) => m.start), [all[0], all[1], all[3], all[4]]);
  });
});

describe("other casings of a coined name (issue 9: the arXiv halves)", () => {
  const paper = (title: string, abstract: string) => ({ id: title.split(':')[0].toLowerCase(), title, abstract, links: [] });
  const matcherOf = (papers: ReturnType<typeof paper>[], background = Background.empty()) => {
    const { topics, isCommonWord } = bundledSeeds();
    return new Corpus(papers, topics, isCommonWord, [], background).matcher;
  };

  it('takes none that spells an English word, in the singular too, or piece by piece', () => {
    const matcher = matcherOf([
      paper('UniCoRN: Unified Restoration Network', 'We propose UniCoRN, a restoration network.'),
      paper('LaSeR: Last-Token Self-Rewarding', 'We propose LaSeR, a reward.'),
      paper('Self-sUpervisedNet: Direct Preference', 'We propose Self-sUpervisedNet, a tuner.'),
      paper('MatFormerX: Nested Transformer', 'We propose MatFormerX, a nested transformer.'),
    ]);
    const found = (text: string) => matcher.find(text, 'always').map((m) => m.text);
    assert.deepEqual(found('a unicorn, a Unicorn and UniCoRN'), ['UniCoRN']);
    assert.deepEqual(found('3D lasers and a laser; LaSeR and LaSeRs'), ['LaSeR', 'LaSeRs']);
    // Not English: other casings still count (`Matformer` in mistral.rs's README).
    assert.deepEqual(found('Matformer, matformerx and MatFormerX'), ['matformerx', 'MatFormerX']);
  });

  it('takes none that the background writes more often than the name, and by two abstracts', () => {
    const blender = [paper('BLenDeRx: Blended Text Embeddings', 'We propose BLenDeRx, a synthesis method.')];
    const background = (names: string) => Background.parse(`docs 1000\n[words]\n[names]\n${names}\n`, 'bg.txt');
    const found = (names: string) => matcherOf(blender, background(names)).find('on the Blenderx and LLFF datasets', 'always').map((m) => m.text);
    assert.deepEqual(found('BLenDeRx 1 - -\nBlenderx 17 - -'), []);
    assert.deepEqual(found('BLenDeRx 1 - -\nBlenderx 1 - -'), ['Blenderx']);
    assert.deepEqual(found('BLenDeRx 20 - -\nBlenderx 17 - -'), ['Blenderx']);
  });
});

describe('a name the text introduces as its own (issue 9: the arXiv halves)', () => {
  it('is the text\'s work, not the paper of that name, unless the text states the paper', () => {
    assert.deepEqual(texts(find('We compare against DataComp. DataComp helps.')), ['DataComp', 'DataComp']);
    assert.deepEqual(texts(find('We propose DataComp, a new robot benchmark. DataComp helps.')), []);
    assert.deepEqual(texts(find('We introduce LoRAT that tracks. LoRAT wins.')), []);
    // Written on into a longer name of the text's own: "we propose UniRES++" for `UniRes`.
    assert.deepEqual(texts(find('We propose DataComp++, a new benchmark. DataComp++ helps.')), []);
    assert.deepEqual(texts(find('We propose DataCompZ, a new benchmark. DataComp++ helps.')), ['DataComp']);
    // The paper's full title in the text: the README of the paper's own repository.
    const readme = 'DataComp: In search of the next generation of multimodal datasets. We propose DataComp, a testbed. DataComp helps.';
    assert.deepEqual(texts(find(readme)).filter((t) => t === 'DataComp'), ['DataComp', 'DataComp']);
  });
});

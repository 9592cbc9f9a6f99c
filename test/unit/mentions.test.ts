import { strict as assert } from 'node:assert';
import { MentionCache, MentionIndex, separatorClass, wordsOf } from '../../src/core/mentions';
import type { Mention } from '../../src/core/types';
import { bundledCorpus, corpusOf, paperTitled } from './helpers';

const corpus = bundledCorpus();
const find = (text: string, policy: 'context' | 'always' | 'never' = 'context') => corpus.matcher.find(text, policy);
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
    // In a corpus holding both, the longer title wins where the text goes on.
    const c = corpusOf([
      { title: 'Attention Networks', abstract: 'We study attention networks in some depth. This abstract is long enough to count as prose for the parser.' },
      { title: 'Attention Networks for Graph Data', abstract: 'We study attention networks on graphs in depth. This abstract is long enough to count as prose for the parser.' },
    ]);
    const short = c.papers[0].id;
    const long = c.papers[1].id;
    assert.deepEqual(c.matcher.find('we cite Attention Networks for Graph Data here').map((m) => m.paperId), [long]);
    assert.deepEqual(c.matcher.find('we cite Attention Networks, then more').map((m) => m.paperId), [short]);
    assert.deepEqual(c.matcher.find('Attention Networks for Speech Recognition').map((m) => m.paperId), []);
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
  const cudaId = idOf('CUDA:');

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
  const index = new MentionIndex(find(text));

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
      return corpus.matcher;
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
  });
});

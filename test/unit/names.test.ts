import { strict as assert } from 'node:assert';
import { shortNameOf, methodNamesOf, isAmbiguousName, commonWordsFrom, isCoined, deriveNames, type IsCommonWord } from '../../src/core/names';
import type { Corpus } from '../../src/core/corpus';
import type { Paper } from '../../src/core/types';
import { bundledCorpus, paperTitled } from './helpers';

describe('shortNameOf', () => {
  it('takes the one-word name before a colon', () => {
    assert.equal(shortNameOf('DataComp: In search of the next generation of multimodal datasets'), 'DataComp');
    assert.equal(shortNameOf('LAION-5B: An open large-scale dataset for training next generation image-text models'), 'LAION-5B');
    assert.equal(shortNameOf('BT^2: Backward-compatible Training with Basis Transformation'), 'BT^2');
    assert.equal(shortNameOf('CoLoR-Filter: Conditional Loss Reduction Filtering for Targeted Language Model Pre-training'), 'CoLoR-Filter');
    assert.equal(shortNameOf('CUDA: Convolution-based Unlearnable Datasets'), 'CUDA');
  });

  it('takes short multi-word names joined by & or made of acronyms', () => {
    assert.equal(shortNameOf('Split & Merge: Unlocking the Potential of Visual Adapters via Sparse Training'), 'Split & Merge');
    assert.equal(shortNameOf('CNN Filter DB: An Empirical Investigation of Trained Convolutional Filters'), 'CNN Filter DB');
  });

  it('rejects a prefix that is a phrase or sentence rather than a name', () => {
    assert.equal(shortNameOf('Stationary Representations: Optimally Approximating Compatibility'), undefined);
    assert.equal(shortNameOf('Tracking Meets LoRA: Faster Training, Larger Model, Stronger Performance'), undefined);
    assert.equal(shortNameOf('Unsupervised Real-World Denoising: Sparsity is All You Need'), undefined);
    assert.equal(shortNameOf('Frozen in Time: A Joint Video and Image Encoder for End-to-End Retrieval'), undefined);
    assert.equal(shortNameOf('Position: Graph learning will lose relevance'), undefined);
    assert.equal(shortNameOf('Go Wider Instead of Deeper'), undefined);
    assert.equal(shortNameOf('summary: lower-case words are not names'), undefined);
  });
});

describe('methodNamesOf', () => {
  it('finds the name right after "we propose/design/present"', () => {
    assert.deepEqual(methodNamesOf('In this work we propose LoRAT, a method that unveils the power of large ViT.'), ['LoRAT']);
    assert.deepEqual(methodNamesOf('To this end, we design WideNet and conduct comprehensive experiments.'), ['WideNet']);
    assert.deepEqual(methodNamesOf('We present Hydra, a universal contrastive learning framework.'), ['Hydra']);
  });

  it('finds names after termed/named, in appositives and as parenthesised acronyms', () => {
    assert.deepEqual(methodNamesOf('we propose a method termed SaRA that re-utilizes parameters.'), ['SaRA']);
    assert.deepEqual(methodNamesOf('we propose a data selection method, CoLoR-Filter (Conditional Loss Reduction Filtering), which'), ['CoLoR-Filter']);
    assert.deepEqual(methodNamesOf('we propose Mixture of Sparse Adapters, or MoSA, as a novel Adapter Tuning method'), ['MoSA']);
    assert.deepEqual(methodNamesOf('we propose Hard Patches Mining (HPM), predicting patch-wise losses'), ['HPM']);
  });

  it('ignores acronyms in ordinary prose and lists of other works', () => {
    assert.deepEqual(methodNamesOf('we propose a novel criterion for CNN pruning inspired by interpretability.'), []);
    assert.deepEqual(methodNamesOf('we introduce a testbed of six data sources - YFCC, LAION, Conceptual Captions, WIT, RedCaps.'), []);
    assert.deepEqual(methodNamesOf('Motivated by Parameter-Efficient Fine-Tuning (PEFT) in large language models, we study it.'), []);
    assert.deepEqual(methodNamesOf('we propose a highly practical approach called Unified Embedding with three benefits.'), []);
    assert.deepEqual(methodNamesOf('we propose a simple method called Learning to Focus (LeaF), which prunes tokens.'), ['LeaF']);
  });
});

describe('names of the bundled papers', () => {
  let corpus: Corpus;
  beforeEach(() => (corpus = bundledCorpus()));
  const namesOf = (prefix: string) => corpus.namesOf(paperTitled(prefix).id).filter((n) => n.kind !== 'title').map((n) => n.text);

  it('derives short names and method names', () => {
    assert.deepEqual(namesOf('DataComp:'), ['DataComp', 'DataComp-1B']);
    assert.deepEqual(namesOf('Tracking Meets LoRA'), ['LoRAT', 'Tracking Meets LoRA']);
    assert.deepEqual(namesOf('Go Wider Instead of Deeper'), ['WideNet']);
    assert.deepEqual(namesOf('Split & Merge'), ['Split & Merge', 'MoSA']);
    assert.deepEqual(namesOf('Data Filtering Networks'), ['DFN', 'Data Filtering Network']);
    assert.deepEqual(namesOf('Stationary Representations'), ['Stationary Representations']);
    assert.deepEqual(namesOf('MatFormer:'), ['MatFormer', 'MatLM', 'MatViT']);
    assert.deepEqual(namesOf('Evolving Normalization-Activation Layers'), ['EvoNorm', 'Evolving Normalization-Activation Layer']);
    // The opening question of a title is a title too (matched in any case, up to its "?").
    const question = corpus.namesOf(paperTitled('What learning algorithm').id).slice(1);
    assert.deepEqual(question.map((n) => [n.text, n.kind]), [['What learning algorithm is in-context learning?', 'title']]);
  });

  it('puts the title first', () => {
    for (const p of corpus.papers) assert.equal(corpus.namesOf(p.id)[0].text, p.title);
  });

  it('flags exactly the collision-prone names, each with its reason', () => {
    const flagged = corpus.papers.flatMap((p) => corpus.namesOf(p.id).filter((n) => n.ambiguous).map((n) => `${n.text}: ${n.why}`)).sort();
    assert.deepEqual(flagged, [
      'CUDA: an everyday word',
      'DFN: a short acronym',
      'FILTER: an everyday word',
      'Fire Together Wire Together: a phrase of common words',
      'Frozen in Time: a phrase of common words',
      'HPM: a short acronym',
      'Hydra: an everyday word',
      'IST: a short acronym',
      'Layer-wise Importance Matters: a phrase of common words',
      'MoSA: 1 other abstract in the background defines it',
      'Pruning by Explaining: a phrase of common words',
      'Quality Not Quantity: a phrase of common words',
      'SPT: a short acronym',
      'SiT: 16 abstracts in the background use it in other contexts',
      'Stationary Representations: a phrase of common words',
      'TEEN: an everyday word',
      'Unified Embedding: a phrase of common words',
      'Unsupervised Real-World Denoising: a phrase of common words',
      'ViLD: 1 other abstract in the background defines it',
    ]);
  });
});

describe('isAmbiguousName', () => {
  let common: IsCommonWord;
  beforeEach(() => (common = commonWordsFrom('# comment\ncuda filter\nsit hydra')));
  it('is true for a common word in a natural casing', () => {
    for (const n of ['CUDA', 'Cuda', 'cuda', 'FILTER', 'Hydra']) assert.equal(isAmbiguousName(n, common), true, n);
  });
  it('is true for acronyms of up to three capitals', () => {
    for (const n of ['GS', 'RGB', 'HPM']) assert.equal(isAmbiguousName(n, common), true, n);
  });
  it('is false for mixed casings, names with digits or symbols, and coined words', () => {
    for (const n of ['SiT', 'CuDA', 'BT^2', 'LAION-5B', 'DataComp', 'comment']) assert.equal(isAmbiguousName(n, common), false, n);
  });
  it('recognises coined words', () => {
    assert.ok(isCoined('LoRAT') && isCoined('WideNet') && isCoined('FiTv2') && isCoined('CNN'));
    assert.ok(!isCoined('Hydra') && !isCoined('Filter'));
  });
});

describe('names: edge cases (mutation)', () => {
  it('reads a word list split by any white space, lower-cased, skipping # comment lines', () => {
    const isCommon = commonWordsFrom('# cuda is a comment\nFilter  hydra\r\n\tsit\n');
    for (const w of ['filter', 'hydra', 'sit']) assert.equal(isCommon(w), true, w);
    for (const w of ['cuda', 'comment', '#', '', 'Filter']) assert.equal(isCommon(w), false, w);
  });

  it('calls two capitals, a capital after a small letter, or a capital with digits coined, in any hyphen part', () => {
    for (const w of ['GS', 'HydraNet', 'Llama2', 'Hydra-CNN']) assert.equal(isCoined(w), true, w);
    for (const w of ['llama2', 'Hydra-Net', 'Filter', '2024']) assert.equal(isCoined(w), false, w);
  });

  it('takes a two-word name with one acronym or a leading number, but not four words or an empty prefix', () => {
    assert.equal(shortNameOf('Vision GNN: An Image is Worth Graph of Nodes'), 'Vision GNN');
    assert.equal(shortNameOf('3D U-Net: Learning Dense Volumetric Segmentation from Sparse Annotation'), '3D U-Net');
    assert.equal(shortNameOf('CNN Filter DB Two: An Investigation'), undefined);
    assert.equal(shortNameOf(': Untitled'), undefined);
    assert.equal(shortNameOf('Survey: Efficient Transformers'), undefined);
  });

  it('takes a name that ends its sentence, and skips plural and two-letter acronyms', () => {
    assert.deepEqual(methodNamesOf('To this end, we present FooNet. It is fast.'), ['FooNet']);
    assert.deepEqual(methodNamesOf('We build LDMs, a family of models.'), []);
    assert.deepEqual(methodNamesOf('We propose XY, a method for vision.'), []);
  });

  it('reads on past e.g. and i.e. but stops at the end of the sentence or after 200 characters', () => {
    assert.deepEqual(methodNamesOf('We propose a method, e.g. for detection, termed SaRA.'), ['SaRA']);
    assert.deepEqual(methodNamesOf('We propose a method for detection. It is termed SaRA.'), []);
    assert.deepEqual(methodNamesOf(`We propose a method ${'for a very long task '.repeat(10)}termed SaRA.`), []);
  });

  it('flags one to three capitals and natural casings of common words, nothing else', () => {
    const common = commonWordsFrom('hydra filter');
    for (const n of ['A', 'RGB', 'hydra', 'HYDRA', 'Hydra']) assert.equal(isAmbiguousName(n, common), true, n);
    for (const n of ['RGBA', 'hYDRA', 'HyDra', 'Hydra2', 'Split & Merge']) assert.equal(isAmbiguousName(n, common), false, n);
  });

  it('derives the title, then the short name, then method names, each once, flagging only the ambiguous ones', () => {
    const paper = (title: string, abstract = ''): Paper => ({ id: 'p', title, abstract, links: [] });
    const isCommon = commonWordsFrom('hydra cuda');
    assert.deepEqual(deriveNames(paper('Hydra: A Universal Framework', 'We present Hydra, a framework. We propose HydraNet. We propose HydraNet.'), isCommon), [
      { paperId: 'p', text: 'Hydra: A Universal Framework', kind: 'title', ambiguous: false },
      { paperId: 'p', text: 'Hydra', kind: 'short', ambiguous: true, why: 'an everyday word' },
      { paperId: 'p', text: 'HydraNet', kind: 'method', ambiguous: false },
    ]);
    assert.deepEqual(deriveNames(paper('CUDA'), isCommon), [{ paperId: 'p', text: 'CUDA', kind: 'short', ambiguous: true, why: 'an everyday word' }]);
    assert.deepEqual(deriveNames(paper('Go Wider Instead of Deeper', 'we design WideNet and test it.'), isCommon), [
      { paperId: 'p', text: 'Go Wider Instead of Deeper', kind: 'title', ambiguous: false },
      { paperId: 'p', text: 'WideNet', kind: 'method', ambiguous: false },
    ]);
  });

  it('never takes a generic prefix such as "Survey:" for a name', () => {
    const generic = ['Position', 'Review', 'Survey', 'Tutorial', 'Perspective', 'Perspectives', 'Commentary', 'Editorial', 'Erratum', 'Corrigendum', 'Keynote', 'Overview', 'Report', 'Abstract', 'Preprint', 'Note', 'Notes', 'Chapter', 'Appendix', 'Introduction', 'Opinion', 'Letter', 'Correction', 'Retraction', 'Addendum'];
    for (const word of generic) assert.equal(shortNameOf(`${word}: Efficient Transformers`), undefined, word);
    assert.equal(shortNameOf('Hydra: A Universal Framework'), 'Hydra');
    assert.equal(shortNameOf('X: A Study of Things'), 'X');
  });

  it('reads the prefix trimmed and split at any run of spaces, and rejects words with symbols or small letters', () => {
    assert.equal(shortNameOf('DataComp : In search of datasets'), 'DataComp');
    assert.equal(shortNameOf('Split  &  Merge: Visual Adapters'), 'Split  &  Merge');
    for (const title of ['#DataComp: x', 'DataComp#: x', 'CNN filter DB: x', 'CNN Filt@r DB: x', 'CNN fiLter DB: x', 'CNN f1lter DB: x']) {
      assert.equal(shortNameOf(title), undefined, title);
    }
  });

  it('takes method names in any spacing, once each, and only whole tokens of letters and digits', () => {
    assert.deepEqual(methodNamesOf('We  propose  LoRAT, a tracker.'), ['LoRAT']);
    assert.deepEqual(methodNamesOf('We propose  the  LoRAT tracker.'), ['LoRAT']);
    assert.deepEqual(methodNamesOf('We propose LoRAT. We present LoRAT, again.'), ['LoRAT']);
    assert.deepEqual(methodNamesOf('We propose LoRAT: a tracker.'), ['LoRAT']);
    assert.deepEqual(methodNamesOf('We propose 3DGS, a renderer, and FiTv2, a model.'), ['3DGS']);
    assert.deepEqual(methodNamesOf('We propose FiTv2, a model.'), ['FiTv2']);
    assert.deepEqual(methodNamesOf('We present TinyLLMs, a family.'), ['TinyLLMs']);
    assert.deepEqual(methodNamesOf('We propose CNNsNet, a model.'), ['CNNsNet']);
    for (const text of ['we propose *LoRAT, a tracker.', 'we propose LoRAT*, a tracker.', 'we propose hydra, a framework.']) assert.deepEqual(methodNamesOf(text), [], text);
  });

  it('takes a capitalised word after "called" only when it stands alone, and a coined one always', () => {
    assert.deepEqual(methodNamesOf('We propose a model called Hydra.'), ['Hydra']);
    assert.deepEqual(methodNamesOf('We propose a model called Hydra'), ['Hydra']);
    assert.deepEqual(methodNamesOf('We propose a model called Hydra  which learns.'), ['Hydra']);
    assert.deepEqual(methodNamesOf('we propose a method termed  SaRA.'), ['SaRA']);
    assert.deepEqual(methodNamesOf('we propose a method termed SaRA to learn.'), ['SaRA']);
    assert.deepEqual(methodNamesOf('We present Hydra,  a framework.'), ['Hydra']);
    assert.deepEqual(methodNamesOf('We present Hydra and Filter, a pair of tools.'), []);
  });

  it('takes an appositive or a bracketed acronym only where the text around it says so', () => {
    assert.deepEqual(methodNamesOf('we propose a new method, CoLoR-Filter  which learns.'), ['CoLoR-Filter']);
    assert.deepEqual(methodNamesOf('we propose a new method, CoLoR-Filter learns fast, and more.'), []);
    assert.deepEqual(methodNamesOf('we propose Hard Patches Mining  (HPM), predicting losses'), ['HPM']);
    assert.deepEqual(methodNamesOf('we propose Hard Patches Mining (Hpm), predicting losses'), []);
    assert.deepEqual(methodNamesOf('we propose Hard Patches Mining (HPM predicts losses)'), []);
    assert.deepEqual(methodNamesOf('we propose hard patches mining (HPM), predicting losses'), []);
  });

  it('ends the clause at a sentence end even after a word ending in "al"', () => {
    assert.deepEqual(methodNamesOf('We propose a method for alms. It is termed SaRA.'), []);
  });

  it('keeps names with symbols or digits unambiguous even when the word list holds them', () => {
    assert.equal(isAmbiguousName('Co-op', commonWordsFrom('co-op')), false);
  });
});


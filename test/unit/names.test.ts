import { strict as assert } from 'node:assert';
import { shortNameOf, methodNamesOf, isAmbiguousName, commonWordsFrom, isCoined } from '../../src/core/names';
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
  const corpus = bundledCorpus();
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
  const common = commonWordsFrom('# comment\ncuda filter\nsit hydra');
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

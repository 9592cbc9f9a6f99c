import { strict as assert } from 'node:assert';
import { paperId, slugify } from '../../src/core/paperIds';
import { fnv1a } from '../../src/core/text';
import { bundledCorpus, corpusOf } from './helpers';

/**
 * Settings, workspace state and citation keys store paper ids, so an id must never change.
 * These are the ids of the bundled papers, in listing order, as computed before the text
 * kernel (character classes, folding, hashing) was shared between mentions, search and ids.
 */
const BUNDLED_IDS = [
  "data-filtering-networks",
  "cnn-filter-db-an-empirical-investigation-of-trained-bcnqp9",
  "on-filter-design-in-deep-convolutional-neural-network",
  "color-filter-conditional-loss-reduction-filtering-for-1092hy7",
  "beta-rank-a-robust-convolutional-filter-pruning-method-for-17yw84m",
  "rethinking-positive-pairs-in-contrastive-learning",
  "safree-training-free-and-adaptive-guard-for-safe-text-to-19uwqeh",
  "unsupervised-real-world-denoising-sparsity-is-all-you-need",
  "dvpt-dynamic-visual-prompt-tuning-of-large-pre-trained-e6g6d1",
  "stationary-representations-optimally-approximating-1nsm32h",
  "bt-2-backward-compatible-training-with-basis-transformation",
  "deep-spatiotemporal-clutter-filtering-of-transthoracic-m71vwm",
  "kalm-embedding-v2-superior-training-techniques-and-data-d84w9w",
  "effective-pruning-of-web-scale-datasets-based-on-complexity-udi2cg",
  "learning-gabor-texture-features-for-fine-grained-recognition",
  "levi-generalizable-fine-tuning-via-layer-wise-ensemble-of-axql41",
  "split-merge-unlocking-the-potential-of-visual-adapters-via-r6n2mn",
  "diffusion-models-beat-gans-on-image-classification",
  "generalization-in-diffusion-models-arises-from-geometry-1yoedwk",
  "pruning-by-explaining-a-novel-criterion-for-deep-neural-69hup",
  "discriminative-class-tokens-for-text-to-image-diffusion-sssv7p",
  "fire-together-wire-together-a-dynamic-pruning-approach-with-1r6mblp",
  "open-vocabulary-object-detection-via-vision-and-language-3m1kzr",
  "go-wider-instead-of-deeper",
  "shapeformer-shapelet-transformer-for-multivariate-time-rekssk",
  "cuda-convolution-based-unlearnable-datasets",
  "what-learning-algorithm-is-in-context-learning-3txh80",
  "sara-high-efficient-diffusion-model-fine-tuning-with-1bdw9al",
  "unified-embedding-battle-tested-feature-representations-for-lhh39f",
  "frozen-in-time-a-joint-video-and-image-encoder-for-end-to-15wmjj9",
  "composable-sparse-fine-tuning-for-cross-lingual-transfer",
  "corda-context-oriented-decomposition-adaptation-of-large-16l0lpm",
  "next-generation-multitarget-trackers-random-finite-set-j1wsgz",
  "fitv2-scalable-and-improved-flexible-vision-transformer-for-7jrrrr",
  "quality-not-quantity-on-the-interaction-between-dataset-19gg00q",
  "bootstrap-masked-visual-modeling-via-hard-patches-mining",
  "policy-gradient-driven-noise-mask",
  "layer-wise-importance-matters-less-memory-for-better-2pbhg6",
  "few-shot-class-incremental-learning-via-training-free-c36cvk",
  "a-simple-baseline-that-questions-the-use-of-pretrained-1l2yekz",
  "experimental-analysis-of-large-scale-learnable-vector-193uxby",
  "training-the-untrainable-introducing-inductive-bias-via-31nltw",
  "datacomp-in-search-of-the-next-generation-of-multimodal-1i0resa",
  "laion-5b-an-open-large-scale-dataset-for-training-next-zrc6ik",
  "sensitivity-aware-visual-parameter-efficient-fine-tuning",
  "evolving-normalization-activation-layers",
  "filter-an-enhanced-fusion-method-for-cross-lingual-language-lzlfln",
  "parameter-efficient-transfer-learning-of-audio-spectrogram-1m7qncf",
  "real-time-single-image-and-video-super-resolution-using-an-ue645t",
  "roentgen-vision-language-foundation-model-for-chest-x-ray-1pdjecd",
  "jedi-joint-image-diffusion-models-for-finetuning-free-8r91ui",
  "pre-training-strategies-and-datasets-for-facial-1tt2nzu",
  "optimizing-feature-set-for-click-through-rate-prediction",
  "an-accurate-detection-is-not-all-you-need-to-combat-label-dyougg",
  "fopro-few-shot-guided-robust-webly-supervised-prototypical-odz0rz",
  "openbeats-a-fully-open-source-general-purpose-audio-encoder",
  "learned-representation-guided-diffusion-models-for-large-hbid3v",
  "sit-self-supervised-vision-transformer",
  "m2trec-metadata-aware-multi-task-transformer-for-large-scale-n0acvt",
  "matformer-nested-transformer-for-elastic-inference",
  "tracking-meets-lora-faster-training-larger-model-stronger-lvdhhv",
  "open-qwen2vl-compute-efficient-pre-training-of-fully-open-4ko9pz",
];

describe('paper ids', () => {
  it('hashes with 32-bit FNV-1a (the published test vectors)', () => {
    assert.equal(fnv1a(''), 0x811c9dc5);
    assert.equal(fnv1a('a'), 0xe40c292c);
    assert.equal(fnv1a('foobar'), 0xbf9cf968);
  });

  it('slugs to lower-case ASCII words joined by single hyphens, accents folded', () => {
    assert.equal(slugify('Café Déjà Vu'), 'cafe-deja-vu');
    assert.equal(slugify('--Hello, World!--'), 'hello-world');
    assert.equal(slugify('BT^2: A_B'), 'bt-2-a-b');
    assert.equal(slugify('Éé'), 'ee');
    // A dash at either end only, or nothing but dashes.
    assert.equal(slugify('(Hello)'), 'hello');
    assert.equal(slugify('Hello?'), 'hello');
    assert.equal(slugify('...x'), 'x');
    assert.equal(slugify('!'), '');
    assert.equal(slugify(''), '');
  });

  it('keeps a slug of up to 60 characters whole and names an empty one "untitled"', () => {
    assert.equal(paperId('a'.repeat(60)), 'a'.repeat(60));
    assert.equal(paperId('!!!'), 'untitled');
    assert.equal(paperId(''), 'untitled');
  });

  it('cuts a longer slug at its last word break within 60 characters and adds a hash of the whole title', () => {
    const title = 'word '.repeat(15);
    assert.equal(paperId(title), `${'word-'.repeat(11)}word-${fnv1a('word '.repeat(14) + 'word').toString(36)}`);
    assert.equal(paperId('a'.repeat(61)), `${'a'.repeat(60)}-${fnv1a('a'.repeat(61)).toString(36)}`);
  });

  it('cuts mid-word when the last word break comes within the first 20 characters', () => {
    const title = `${'a'.repeat(20)} ${'b'.repeat(60)}`;
    assert.equal(paperId(title), `${'a'.repeat(20)}-${'b'.repeat(39)}-${fnv1a(title).toString(36)}`);
    const later = `${'a'.repeat(21)} ${'b'.repeat(60)}`;
    assert.equal(paperId(later), `${'a'.repeat(21)}-${fnv1a(later).toString(36)}`);
  });

  it('gives a long title the same id whatever its letter case and spacing', () => {
    const title = 'A Very Long Title About Parameter Efficient Fine Tuning Of Large Language Models';
    assert.equal(paperId(title.toUpperCase()), paperId(title));
    assert.equal(paperId(`  ${title.replace(/ /g, '\n ')} `), paperId(title));
  });

  it('keeps the id of every bundled paper', () => {
    assert.deepEqual(
      bundledCorpus().papers.map((p) => p.id),
      BUNDLED_IDS,
    );
  });

  it('keeps ids of long, accented and non-Latin titles (slug, cut and hash)', () => {
    const abstract = 'An abstract long enough to be read as prose by the listing parser. It has two sentences.';
    const c = corpusOf([
      { title: 'Schrödinger Bridges über Alles: Ünïcode Títles and Their Slugs in a Very Long Paper Title', abstract },
      { title: 'Ⅳ — 多语言 模型', abstract },
    ]);
    assert.deepEqual(
      c.papers.map((p) => p.id),
      ['schrodinger-bridges-uber-alles-unicode-titles-and-their-1o7yiry', 'iv'],
    );
  });
});

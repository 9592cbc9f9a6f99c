import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseListing } from '../../src/core/listing';
import { FILE_MIN_SCORE, groupByTopic, parseTaxonomy, TaxonomyError, TopicClassifier, type TaxonomyTopic } from '../../src/core/topics';
import type { Paper } from '../../src/core/types';
import { BUNDLED_MULTI_TOPIC_PAPERS, BUNDLED_PAPER_COUNT, BUNDLED_TOPIC_SIZES, lazily, ROOT } from './helpers';

const TAXONOMY_FILE = 'seeds/topics.json';
const LISTING_FILE = 'seeds/daily-papers-listing.txt';
// The bundled taxonomy, listing and classifier, built by `loadBundled` in a `beforeEach` of each
// describe that uses them, not while this file loads (see `lazily` in helpers.ts).
let topics: TaxonomyTopic[];
let papers: Paper[];
let classifier: TopicClassifier;
let topicIds: Set<string>;
const bundled = lazily(() => {
  const taxonomy = parseTaxonomy(readFileSync(path.join(ROOT, TAXONOMY_FILE), 'utf8'), TAXONOMY_FILE);
  return {
    topics: taxonomy,
    papers: parseListing(readFileSync(path.join(ROOT, LISTING_FILE), 'utf8'), LISTING_FILE).papers,
    classifier: new TopicClassifier(taxonomy),
    topicIds: new Set(taxonomy.map((t) => t.id)),
  };
});
function loadBundled(): void {
  ({ topics, papers, classifier, topicIds } = bundled());
}

function paper(titleStart: string): Paper {
  const found = papers.filter((p) => p.title.startsWith(titleStart));
  assert.equal(found.length, 1, `expected exactly one bundled paper titled "${titleStart}…"`);
  return found[0];
}

function taxonomyWith(edit: (topics: Record<string, unknown>[]) => void): string {
  const json = JSON.parse(readFileSync(path.join(ROOT, TAXONOMY_FILE), 'utf8')) as { topics: Record<string, unknown>[] };
  edit(json.topics);
  return JSON.stringify(json);
}

function expectTaxonomyError(json: string, message: RegExp): void {
  assert.throws(
    () => parseTaxonomy(json, TAXONOMY_FILE),
    (e: unknown) => {
      assert.ok(e instanceof TaxonomyError, `expected a TaxonomyError, got ${String(e)}`);
      assert.equal(e.file, TAXONOMY_FILE);
      assert.match(e.message, message);
      return true;
    },
  );
}

describe('topic taxonomy (seeds/topics.json)', () => {
  beforeEach(loadBundled);
  it('validates and defines enough topics to split a real library finely (20 to 40)', () => {
    assert.ok(topics.length >= 20 && topics.length <= 40, `${topics.length} topics`);
  });

  it('gives every topic a unique kebab-case id, a label, a description and lower-case vocabulary', () => {
    assert.equal(topicIds.size, topics.length);
    for (const t of topics) {
      assert.match(t.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(t.label && t.description, t.id);
      assert.ok(t.vocabulary.length > 0, t.id);
      for (const term of t.vocabulary) assert.equal(term, term.toLowerCase(), `${t.id}: ${term}`);
    }
  });

  it('gives every topic terms that name it on their own (strong terms), all part of its vocabulary', () => {
    for (const t of topics) {
      assert.ok(t.strong.length > 0, t.id);
      for (const term of t.strong) assert.ok(t.vocabulary.includes(term), `${t.id}: ${term}`);
    }
  });

  it('marks no fallback topic, so that a paper its vocabulary cannot place is left unfiled', () => {
    assert.deepEqual(
      topics.filter((t) => t.fallback).map((t) => t.id),
      [],
    );
  });
});

describe('parseTaxonomy errors', () => {
  beforeEach(loadBundled);
  it('names the file when the JSON is malformed', () => {
    expectTaxonomyError('{ "topics": [ { "id": "x", ', /^seeds\/topics\.json: is not valid JSON/);
  });

  it('names the file, topic number and id of a topic without vocabulary', () => {
    const json = taxonomyWith((ts) => {
      ts[2].vocabulary = [];
    });
    expectTaxonomyError(json, new RegExp(`^seeds/topics\\.json: topic 3 \\("${topics[2].id}"\\) has no vocabulary$`));
  });

  it('rejects a repeated topic id', () => {
    const json = taxonomyWith((ts) => {
      ts[1].id = ts[0].id;
    });
    expectTaxonomyError(json, /topic 2 .* repeats the id of an earlier topic/);
  });

  it('rejects an id that is not kebab-case', () => {
    expectTaxonomyError(
      taxonomyWith((ts) => {
        ts[0].id = 'Data Curation';
      }),
      /topic 1 \("Data Curation"\) needs an "id" in kebab-case/,
    );
  });

  it('rejects a misspelt key instead of silently ignoring it', () => {
    const json = taxonomyWith((ts) => {
      ts[0].vocabluary = ['x'];
    });
    expectTaxonomyError(json, /topic 1 .* unknown key "vocabluary"/);
  });

  it('rejects a term listed twice under different spellings', () => {
    const json = taxonomyWith((ts) => {
      ts[1].vocabulary = ['fine-tuning', 'finetuning'];
    });
    expectTaxonomyError(json, /lists "finetuning" twice \(as "fine-tuning"\)/);
  });

  it('rejects upper-case terms and a document without a topics array', () => {
    expectTaxonomyError(
      taxonomyWith((ts) => {
        ts[0].vocabulary = ['LoRA'];
      }),
      /term "LoRA" must be lower case/,
    );
    expectTaxonomyError('{ "topic": [] }', /expected an object with a "topics" array/);
  });
});

describe('TopicClassifier on the bundled listing', () => {
  let groups: ReturnType<typeof groupByTopic>;
  beforeEach(() => {
    loadBundled();
    groups = groupByTopic(papers, topics, classifier);
  });

  it('built in steps, a topic a step and its look-up table in more, files every paper as built at once', () => {
    const building = TopicClassifier.build(topics);
    let steps = 0;
    let step = building.next();
    for (; !step.done; step = building.next()) steps++;
    assert.ok(steps > topics.length, `${steps} steps for ${topics.length} topics`);
    const stepped = step.value;
    for (const p of papers) assert.deepEqual(stepped.explain(p), classifier.explain(p), p.title);
    assert.throws(() => new TopicClassifier([]), /at least one topic/);
  });

  it('files the bundled papers in the checked numbers per topic', () => {
    assert.equal(papers.length, BUNDLED_PAPER_COUNT);
    assert.deepEqual(
      [...groups].map(([id, members]) => [id, members.length]),
      BUNDLED_TOPIC_SIZES,
    );
  });

  it('files exactly the checked papers under more than one topic', () => {
    const multi = papers.filter((p) => classifier.classify(p).length > 1);
    assert.deepEqual(multi.map((p) => p.title).sort(), BUNDLED_MULTI_TOPIC_PAPERS.map(([title]) => paper(title).title).sort());
    for (const [title, expected] of BUNDLED_MULTI_TOPIC_PAPERS) assert.deepEqual(classifier.classify(paper(title)), expected, title);
  });

  it('files every paper under 1 to 3 distinct, known topics', () => {
    for (const p of papers) {
      const ids = classifier.classify(p);
      assert.ok(ids.length >= 1 && ids.length <= 3, `${p.title}: ${ids.join(', ')}`);
      assert.equal(new Set(ids).size, ids.length, p.title);
      for (const id of ids) assert.ok(topicIds.has(id), `${p.title}: unknown topic ${id}`);
    }
  });

  it('files every paper by its vocabulary, clear of the unfiled threshold', () => {
    for (const p of papers) assert.ok(classifier.explain(p)[0].score >= FILE_MIN_SCORE, p.title);
  });

  it('fills 6 to 16 topics, the rows the sidebar shows', () => {
    const filled = [...groups].filter(([, members]) => members.length > 0).length;
    assert.ok(filled >= 6 && filled <= 16, `${filled} topics hold papers`);
  });

  it('puts no more than 40% of the papers in any one topic', () => {
    for (const [id, members] of groups) {
      assert.ok(members.length <= 0.4 * papers.length, `${id} holds ${members.length} of ${papers.length}`);
    }
  });

  it('keeps listing order inside each group and lists every topic in taxonomy order', () => {
    assert.deepEqual([...groups.keys()], topics.map((t) => t.id));
    for (const members of groups.values()) {
      const positions = members.map((m) => papers.indexOf(m));
      assert.deepEqual(positions, [...positions].sort((a, b) => a - b));
    }
  });

  const together: Array<[topic: string, titles: string[]]> = [
    [
      'data-curation',
      [
        'Data Filtering Networks',
        'DataComp:',
        'LAION-5B:',
        'Quality Not Quantity:',
        'CoLoR-Filter:',
        'Effective pruning of web-scale datasets',
      ],
    ],
    [
      'transfer-adaptation',
      [
        'SaRA:',
        'CorDA:',
        'Sensitivity-Aware Visual Parameter-Efficient Fine-Tuning',
        'Split & Merge:',
        'DVPT:',
        'Tracking Meets LoRA:',
        'Composable Sparse Fine-Tuning',
        'Layer-wise Importance Matters:',
        'Parameter-Efficient Transfer Learning of Audio Spectrogram Transformers',
        'Few-Shot Class-Incremental Learning',
        'A Simple Baseline that Questions the Use of Pretrained-Models',
      ],
    ],
    [
      'diffusion-models',
      [
        'SAFREE:',
        'Diffusion Models Beat GANs',
        'Generalization in diffusion models',
        'Discriminative Class Tokens',
        'FiTv2:',
        'JeDi:',
        'Learned representation-guided diffusion models',
      ],
    ],
    ['pruning-efficiency', ['Beta-Rank:', 'Pruning by Explaining:', 'Fire Together Wire Together:', 'MatFormer:']],
    ['self-supervised', ['Rethinking Positive Pairs in Contrastive Learning', 'Bootstrap Masked Visual Modeling', 'SiT:', 'Pre-training strategies and datasets for facial']],
    [
      'retrieval-recommendation',
      [
        'KaLM-Embedding-V2:',
        'Unified Embedding:',
        'M2TRec:',
        'Optimizing Feature Set for Click-Through Rate Prediction',
        'BT^2:',
        'Stationary Representations:',
        'Experimental Analysis of Large-scale Learnable Vector Storage',
      ],
    ],
    [
      'architectures',
      ['CNN Filter DB:', 'On filter design in deep convolutional', 'Evolving Normalization-Activation Layers', 'Go Wider Instead of Deeper', 'Training the Untrainable:'],
    ],
    ['robustness-security', ['An accurate detection is not all you need', 'CUDA:', 'FoPro:']],
    ['image-restoration', ['Unsupervised Real-World Denoising', 'Real-Time Single Image and Video Super-Resolution']],
    ['vision-language', ['Open-vocabulary Object Detection', 'Open-Qwen2VL:', 'Frozen in Time:']],
    ['language-models', ['What learning algorithm is in-context learning?', 'FILTER:']],
    ['medical', ['RoentGen:', 'Deep Spatiotemporal Clutter Filtering']],
    ['speech-audio', ['OpenBEATs:']],
    ['time-series', ['ShapeFormer:']],
    ['reinforcement-learning', ['Policy Gradient-Driven Noise Mask']],
  ];
  for (const [topic, titles] of together) {
    it(`files ${titles.length} ${topic} papers together, with ${topic} as their best topic`, () => {
      for (const title of titles) {
        const ids = classifier.classify(paper(title));
        assert.equal(ids[0], topic, `"${title}" → ${ids.join(', ')}`);
      }
    });
  }

  it('does not group papers by the everyday word "filter" (CNN filters, data filtering, Bayes filters stay apart)', () => {
    const best = (t: string) => classifier.classify(paper(t))[0];
    assert.equal(best('CNN Filter DB:'), 'architectures');
    assert.equal(best('Data Filtering Networks'), 'data-curation');
    assert.equal(best('Next Generation Multitarget Trackers'), 'detection-tracking');
    assert.equal(best('Beta-Rank:'), 'pruning-efficiency');
    assert.equal(best('FILTER:'), 'language-models');
    assert.equal(best('Deep Spatiotemporal Clutter Filtering'), 'medical');
  });

  it('adds a secondary topic where a paper clearly spans two, and none where the second is only mentioned', () => {
    assert.deepEqual(classifier.classify(paper('Tracking Meets LoRA:')), ['transfer-adaptation', 'detection-tracking']);
    assert.deepEqual(classifier.classify(paper('Open-vocabulary Object Detection')), ['vision-language', 'detection-tracking']);
    assert.deepEqual(classifier.classify(paper('Open-Qwen2VL:')), ['vision-language', 'data-curation']);
    assert.deepEqual(classifier.classify(paper('Rethinking Positive Pairs in Contrastive Learning')), ['self-supervised']);
  });
});

describe('TopicClassifier from a title alone', () => {
  beforeEach(loadBundled);
  const titleOnly = (title: string) => classifier.classify({ title, abstract: '' });

  it('files every bundled paper from its title alone, as a .bib entry without an abstract would be', () => {
    for (const p of papers) assert.ok(titleOnly(p.title).length > 0, p.title);
  });

  it('files bundled titles as their abstracts do', () => {
    assert.deepEqual(titleOnly(paper('Tracking Meets LoRA:').title), ['transfer-adaptation', 'detection-tracking']);
    assert.deepEqual(titleOnly(paper('ShapeFormer:').title), ['time-series']);
    assert.deepEqual(titleOnly(paper('OpenBEATs:').title), ['speech-audio']);
    assert.deepEqual(titleOnly(paper('CUDA:').title), ['robustness-security']);
    assert.deepEqual(titleOnly(paper('Deep Spatiotemporal Clutter Filtering').title), ['medical', 'architectures', 'image-restoration']);
  });

  const cases: Array<[expected: string, title: string]> = [
    ['agents', 'Multi-Agent Tool Use for Web Navigation with LLM Agents'],
    ['3d-vision', 'Gaussian Splatting for Dynamic Scene Reconstruction from Monocular Video'],
    ['speech-audio', 'Streaming Speech Recognition with Low-Latency Transducers'],
    ['reinforcement-learning', 'Offline Reinforcement Learning with Conservative Value Functions'],
    ['graph-learning', 'Graph Neural Networks for Link Prediction in Heterogeneous Graphs'],
    ['time-series', 'Long-Horizon Time Series Forecasting with Patch Transformers'],
    ['alignment-safety', 'Jailbreak Attacks on Aligned Language Models'],
    ['llm-reasoning', 'Chain-of-Thought Prompting Elicits Mathematical Reasoning'],
    ['robotics', 'Vision-Language-Action Models for Robotic Manipulation'],
    ['retrieval-recommendation', 'Retrieval-Augmented Generation for Open-Domain Question Answering'],
    ['retrieval-recommendation', 'Sequential Recommendation with Contrastive User Modeling'],
    ['pruning-efficiency', 'Post-Training Quantization of Large Language Models to 4 Bits'],
    ['ai-for-science', 'Protein Structure Prediction with Equivariant Networks'],
    ['interpretability', 'Sparse Autoencoders Find Interpretable Features in Language Models'],
    ['probabilistic', 'Calibrated Uncertainty with Conformal Prediction'],
    ['remote-sensing', 'Satellite Image Change Detection with Siamese Networks'],
    ['optimization-theory', 'Convergence of Adam under Non-Convex Objectives'],
    ['diffusion-models', 'Denoising Diffusion Probabilistic Models'],
    ['graph-learning', 'Semi-Supervised Classification with Graph Convolutional Networks'],
  ];
  for (const [expected, title] of cases) {
    it(`files the title "${title}" under ${expected}`, () => {
      assert.equal(titleOnly(title)[0], expected);
    });
  }

  it('lets a term in the title outweigh a term that appears once in the abstract', () => {
    const c = new TopicClassifier([topic('a', ['diffusion']), topic('b', ['pruning'])]);
    assert.deepEqual(c.classify({ title: 'Diffusion for everyone', abstract: 'We study pruning.' }), ['a']);
    assert.deepEqual(c.classify({ title: 'Pruning for everyone', abstract: 'We study diffusion.' }), ['b']);
  });
});

describe('TopicClassifier leaves papers it cannot place unfiled', () => {
  beforeEach(loadBundled);
  it('files a paper with no signal at all under no topic', () => {
    assert.deepEqual(classifier.classify({ title: 'Xyzzy', abstract: 'Plugh quux.' }), []);
    assert.deepEqual(classifier.explain({ title: 'Xyzzy', abstract: 'Plugh quux.' }), []);
  });

  it('files a title with nothing but faint hints under no topic', () => {
    // "data" and "scale" are weak hints of data curation: 2 × 0.25 × TITLE_FACTOR, below the threshold.
    const faint = { title: 'Data at Scale', abstract: '' };
    assert.deepEqual(classifier.classify(faint), []);
    // One ordinary term in the title is enough.
    assert.deepEqual(classifier.classify({ title: 'Curated Data at Scale', abstract: '' }), ['data-curation']);
  });

  it('files a paper whose best score only just reaches the threshold, and not one just below it', () => {
    const a: TaxonomyTopic = { ...topic('a', ['alpha', 'beta']), strong: ['alpha'], weak: ['gamma'] };
    const c = new TopicClassifier([a]);
    // One ordinary term once in the abstract scores 1; three distinct ones would be needed.
    assert.deepEqual(c.classify({ title: '', abstract: 'beta' }), []);
    // A strong term once in the abstract scores 3 = FILE_MIN_SCORE.
    assert.deepEqual(c.explain({ title: '', abstract: 'alpha' }), [{ id: 'a', score: FILE_MIN_SCORE }]);
    // An ordinary term in the title scores TITLE_FACTOR = FILE_MIN_SCORE.
    assert.deepEqual(c.classify({ title: 'Beta', abstract: '' }), ['a']);
    assert.deepEqual(c.classify({ title: 'Gamma gamma', abstract: 'gamma' }), []);
  });

  it('leaves an unfiled paper out of every group', () => {
    const unfiled = { id: 'x', title: 'Xyzzy', abstract: 'Plugh quux.', links: [] };
    const filed = paper('DataComp:');
    const groups = groupByTopic([unfiled, filed], topics, classifier);
    const members = [...groups.values()].flat();
    assert.ok(!members.includes(unfiled));
    assert.deepEqual(groups.get('data-curation'), [filed]);
  });

  it('files such a paper under the fallback topic when a taxonomy marks one', () => {
    const misc: TaxonomyTopic = { ...topic('misc', ['omega']), fallback: true };
    const withFallback = new TopicClassifier([topic('a', ['alpha']), misc]);
    assert.deepEqual(withFallback.classify({ title: 'Xyzzy', abstract: 'Plugh quux.' }), ['misc']);
    assert.deepEqual(withFallback.classify({ title: 'Alpha', abstract: '' }), ['a']);
  });
});

describe('TopicClassifier on papers it has never seen', () => {
  beforeEach(loadBundled);
  const cases: Array<[expected: string, title: string, abstract: string]> = [
    [
      'transfer-adaptation',
      'DoRA-X: Magnitude-Aware Low-Rank Adapters for Multilingual Instruction Tuning',
      'Low-rank adaptation has become the default way to specialise large pretrained models. We propose DoRA-X, ' +
        'a LoRA variant that decouples the magnitude and direction of each weight update and allocates ranks per ' +
        'layer. With 0.1% trainable parameters it matches full fine-tuning on eight benchmarks while the backbone stays frozen.',
    ],
    [
      'diffusion-models',
      'Fewer Steps, Same Samples: A Predictor-Corrector Sampler for Latent Diffusion',
      'Sampling from diffusion models requires many network evaluations. We introduce a training-free ' +
        'predictor-corrector sampler that reuses score estimates across denoising steps, cutting text-to-image ' +
        'generation with Stable Diffusion to 8 steps at equal FID and improving classifier-free guidance stability.',
    ],
    [
      'data-curation',
      'Curate Before You Scale: Loss-Based Data Selection for Web-Crawled Image-Text Pretraining',
      'We study data curation for CLIP pre-training. Starting from a 10B candidate pool of web-crawled image-text ' +
        'pairs, we filter samples by the loss of a small reference model and show that a curated 10% subset beats ' +
        'training on the full pool at equal compute.',
    ],
    [
      'pruning-efficiency',
      'Structured Channel Pruning for Vision Transformers on Edge Devices',
      'We prune attention heads and MLP channels with a second-order saliency criterion and recover accuracy with ' +
        'short distillation. The pruned models reduce FLOPs by 45% and latency on mobile GPUs by 38%.',
    ],
    [
      'retrieval-recommendation',
      'Sequential Recommendation with Semantic Item IDs',
      'Recommender systems for e-commerce learn one embedding per item, which fails for cold-start items. We map ' +
        'item metadata to discrete semantic IDs and train a generative retrieval model on user sessions, improving ' +
        'recall and click-through rate in online A/B tests.',
    ],
    [
      'transfer-adaptation',
      'Forgetting Less in Class-Incremental Learning with Drift-Compensated Prototypes',
      'Continual learning models suffer from catastrophic forgetting when new classes arrive. We keep a prototype ' +
        'per class and compensate its drift as the backbone updates, setting a new state of the art on exemplar-free ' +
        'class-incremental benchmarks.',
    ],
    [
      'agents',
      'Plan, Call, Check: Reliable Tool Use for LLM Agents',
      'Large language model agents fail when a tool call returns an error halfway through a long task. We give the ' +
        'agent a planner that writes the tool calls ahead, a checker that validates each result, and a memory of ' +
        'failed calls, raising task completion on web and API benchmarks by 18 points.',
    ],
    [
      '3d-vision',
      'Sparse-View Gaussian Splatting with Monocular Depth Priors',
      'Novel view synthesis from three input views is ill-posed. We initialise 3D Gaussians from a monocular depth ' +
        'estimate, regularise their geometry with multi-view consistency, and render sharper novel views than NeRF ' +
        'baselines on two scene reconstruction benchmarks.',
    ],
  ];
  for (const [expected, title, abstract] of cases) {
    it(`files "${title}" under ${expected}`, () => {
      assert.equal(classifier.classify({ title, abstract })[0], expected);
    });
  }

  it('treats fine-tuning, fine tuning and finetuning alike, and ignores a plural -s', () => {
    const peftOnly = new TopicClassifier([topic('peft', ['fine-tuning', 'adapter']), topic('other', ['galaxy'])]);
    for (const text of ['Fine-Tuning', 'fine tuning', 'FINETUNING', 'fine-tunings', 'Adapters', 'adapter']) {
      assert.deepEqual(peftOnly.explain({ title: text, abstract: '' }).map((e) => e.id), ['peft'], text);
      assert.ok(peftOnly.explain({ title: text, abstract: '' })[0].score > 0, text);
    }
    const solid = new TopicClassifier([topic('peft', ['finetuning'])]);
    assert.ok(solid.explain({ title: 'Parameter fine-tuning', abstract: '' })[0].score > 0);
  });

  it('matches whole words only, and counts a phrase once rather than also its parts', () => {
    const c = new TopicClassifier([topic('a', ['lora']), topic('b', ['fine-tuning', 'parameter-efficient fine-tuning'])]);
    assert.deepEqual(c.explain({ title: 'Flora and explorations', abstract: '' }), []);
    const once = c.explain({ title: 'Parameter-efficient fine-tuning', abstract: '' })[0].score;
    const part = c.explain({ title: 'Fine-tuning', abstract: '' })[0].score;
    assert.equal(once, part);
  });
});

function topic(id: string, vocabulary: string[]): TaxonomyTopic {
  return { id, label: id, description: id, vocabulary, strong: [], weak: [], fallback: false };
}

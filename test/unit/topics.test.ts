import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseListing } from '../../src/core/listing';
import { groupByTopic, parseTaxonomy, TaxonomyError, TopicClassifier, type TaxonomyTopic } from '../../src/core/topics';
import type { Paper } from '../../src/core/types';
import { BUNDLED_MULTI_TOPIC_PAPERS, BUNDLED_PAPER_COUNT, BUNDLED_TOPIC_SIZES } from './helpers';

/** The repository root, whether this runs from `test/unit` or compiled into `out/test/unit`. */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
}

const ROOT = repoRoot();
const TAXONOMY_FILE = 'seeds/topics.json';
const LISTING_FILE = 'seeds/daily-papers-listing.txt';
const topics = parseTaxonomy(readFileSync(path.join(ROOT, TAXONOMY_FILE), 'utf8'), TAXONOMY_FILE);
const { papers } = parseListing(readFileSync(path.join(ROOT, LISTING_FILE), 'utf8'), LISTING_FILE);
const classifier = new TopicClassifier(topics);
const topicIds = new Set(topics.map((t) => t.id));

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
  it('validates and defines 8 to 14 topics', () => {
    assert.ok(topics.length >= 8 && topics.length <= 14, `${topics.length} topics`);
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

  it('marks exactly one topic as the fallback for papers with no signal', () => {
    assert.equal(topics.filter((t) => t.fallback).length, 1);
  });
});

describe('parseTaxonomy errors', () => {
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
  const groups = groupByTopic(papers, topics, classifier);

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

  it('files every paper by its vocabulary, never by the no-signal fallback', () => {
    for (const p of papers) assert.ok(classifier.explain(p)[0].score > 0, p.title);
  });

  it('leaves no topic empty', () => {
    for (const [id, members] of groups) assert.ok(members.length > 0, `topic ${id} is empty`);
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
      'peft',
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
    ['self-supervised', ['Rethinking Positive Pairs in Contrastive Learning', 'Bootstrap Masked Visual Modeling', 'SiT:', 'OpenBEATs:']],
    [
      'embeddings-recommendation',
      [
        'KaLM-Embedding-V2:',
        'Unified Embedding:',
        'M2TRec:',
        'Optimizing Feature Set for Click-Through Rate Prediction',
        'BT^2:',
        'Stationary Representations:',
      ],
    ],
    [
      'architectures',
      ['CNN Filter DB:', 'On filter design in deep convolutional', 'Evolving Normalization-Activation Layers', 'Go Wider Instead of Deeper'],
    ],
    ['continual-few-shot', ['Few-Shot Class-Incremental Learning', 'A Simple Baseline that Questions the Use of Pretrained-Models']],
    ['robust-learning', ['An accurate detection is not all you need', 'CUDA:', 'FoPro:']],
    ['image-restoration', ['Unsupervised Real-World Denoising', 'Real-Time Single Image and Video Super-Resolution', 'Deep Spatiotemporal Clutter Filtering']],
    ['language-models', ['What learning algorithm is in-context learning?', 'FILTER:']],
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
  });

  it('adds a secondary topic where a paper clearly spans two', () => {
    assert.deepEqual(classifier.classify(paper('SaRA:')).slice(0, 2), ['peft', 'diffusion-models']);
    assert.ok(classifier.classify(paper('Tracking Meets LoRA:')).includes('detection-tracking'));
    assert.ok(classifier.classify(paper('Composable Sparse Fine-Tuning')).includes('language-models'));
    assert.ok(classifier.classify(paper('Open-vocabulary Object Detection')).includes('detection-tracking'));
  });
});

describe('TopicClassifier on papers it has never seen', () => {
  const cases: Array<[expected: string, title: string, abstract: string]> = [
    [
      'peft',
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
      'embeddings-recommendation',
      'Sequential Recommendation with Semantic Item IDs',
      'Recommender systems for e-commerce learn one embedding per item, which fails for cold-start items. We map ' +
        'item metadata to discrete semantic IDs and train a generative retrieval model on user sessions, improving ' +
        'recall and click-through rate in online A/B tests.',
    ],
    [
      'continual-few-shot',
      'Forgetting Less in Class-Incremental Learning with Drift-Compensated Prototypes',
      'Continual learning models suffer from catastrophic forgetting when new classes arrive. We keep a prototype ' +
        'per class and compensate its drift as the backbone updates, setting a new state of the art on exemplar-free ' +
        'class-incremental benchmarks.',
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
    assert.equal(c.explain({ title: 'Flora and explorations', abstract: '' })[0].score, 0);
    const once = c.explain({ title: '', abstract: 'parameter-efficient fine-tuning' })[0].score;
    const part = c.explain({ title: '', abstract: 'fine-tuning' })[0].score;
    assert.equal(once, part);
  });

  it('weighs a term in the title above the same term in the abstract', () => {
    const c = new TopicClassifier([topic('a', ['diffusion']), topic('b', ['pruning'])]);
    assert.deepEqual(c.classify({ title: 'Diffusion for everyone', abstract: 'We study pruning.' }), ['a']);
    assert.deepEqual(c.classify({ title: 'Pruning for everyone', abstract: 'We study diffusion.' }), ['b']);
  });

  it('files a paper with no signal at all under the fallback topic', () => {
    const none = { title: 'Xyzzy', abstract: 'Plugh quux.' };
    assert.deepEqual(classifier.classify(none), ['architectures']);
  });
});

function topic(id: string, vocabulary: string[]): TaxonomyTopic {
  return { id, label: id, description: id, vocabulary, strong: [], weak: [], fallback: false };
}

// The taxonomy format and the classifier's rules, each pinned on a tiny hand-made taxonomy and
// hand-made papers whose scores are worked out from the rules in the header of
// src/core/topics.ts (weights 3 / 1 / 0.25, TITLE_FACTOR 3, abstract repeats 1, 1.5, 1.75,
// 1.875, FILE_MIN_SCORE 3, secondary topics at 60% of the best and at least 2, at most three).
// topics.test.ts checks the same code against the bundled taxonomy and listing.
import * as assert from 'node:assert/strict';
import { FILE_MIN_SCORE, groupByTopic, parseTaxonomy, TaxonomyError, TITLE_FACTOR, TopicClassifier, type TaxonomyTopic } from '../../src/core/topics';
import type { Paper, Topic } from '../../src/core/types';

const FILE = 'my/topics.json';

/** A taxonomy file holding the given topics (each gets a label and description unless given). */
function taxonomyJson(...topics: Array<Record<string, unknown>>): string {
  return JSON.stringify({ topics: topics.map((t) => ({ label: `Label ${String(t.id)}`, description: 'One line.', ...t })) });
}

function parseError(json: string): TaxonomyError {
  try {
    parseTaxonomy(json, FILE);
  } catch (e) {
    assert.ok(e instanceof TaxonomyError, `expected a TaxonomyError, got ${String(e)}`);
    assert.equal(e.file, FILE);
    assert.equal(e.line, undefined);
    return e;
  }
  assert.fail('expected parseTaxonomy to throw');
}

/** The whole message of the TaxonomyError that `json` raises. */
function errorOf(json: string): string {
  return parseError(json).message;
}

function topic(id: string, vocabulary: string[], extra: Partial<TaxonomyTopic> = {}): TaxonomyTopic {
  return { id, label: id, description: id, vocabulary, strong: [], weak: [], fallback: false, ...extra };
}

const titled = (title: string, abstract = '') => ({ title, abstract });

describe('parseTaxonomy: the file format', () => {
  it('reads topics with trimmed label and description, strong terms first in the vocabulary, and defaults for the optional keys', () => {
    const json = JSON.stringify({
      $comment: 'ignored',
      topics: [
        { id: 'peft', label: '  Parameter-Efficient Fine-Tuning ', description: ' Adapters and LoRA. ', strong: ['lora'], vocabulary: [' adapter ', 'frozen'], weak: ['downstream'] },
        { id: 'misc-2', label: 'Misc', description: 'Anything.', vocabulary: ['other'], fallback: true },
        { id: 'c', label: 'C', description: 'C.', vocabulary: ['c'], fallback: false },
      ],
    });
    assert.deepEqual(parseTaxonomy(json, FILE), [
      {
        id: 'peft',
        label: 'Parameter-Efficient Fine-Tuning',
        description: 'Adapters and LoRA.',
        vocabulary: ['lora', 'adapter', 'frozen'],
        strong: ['lora'],
        weak: ['downstream'],
        fallback: false,
      },
      { id: 'misc-2', label: 'Misc', description: 'Anything.', vocabulary: ['other'], strong: [], weak: [], fallback: true },
      { id: 'c', label: 'C', description: 'C.', vocabulary: ['c'], strong: [], weak: [], fallback: false },
    ]);
  });

  it('accepts a bare array of topics and a leading byte order mark, and keeps a U+FEFF inside a text', () => {
    const bare = JSON.stringify([{ id: 'a', label: 'A', description: 'D', vocabulary: ['alpha'] }]);
    assert.deepEqual(
      parseTaxonomy(bare, FILE).map((t) => t.id),
      ['a'],
    );
    assert.deepEqual(
      parseTaxonomy(`\uFEFF${bare}`, FILE).map((t) => t.id),
      ['a'],
    );
    const inner = JSON.stringify([{ id: 'a', label: 'A\uFEFFB', description: 'D', vocabulary: ['alpha'] }]);
    assert.equal(parseTaxonomy(inner, FILE)[0].label, 'A\uFEFFB');
  });

  it('names the file in every error, without a line', () => {
    assert.match(errorOf('{ "topics": ['), /^my\/topics\.json: is not valid JSON \(.+\)$/);
  });

  it('rejects a document that is not an object with a "topics" array, or an empty one', () => {
    for (const json of ['null', '3', '"topics"', '{ "topic": [] }', '{ "topics": {} }', '{ "topics": "a" }']) {
      assert.equal(errorOf(json), 'my/topics.json: expected an object with a "topics" array', json);
    }
    assert.equal(errorOf('{ "topics": [] }'), 'my/topics.json: "topics" is empty: define at least one topic');
    assert.equal(errorOf('[]'), 'my/topics.json: "topics" is empty: define at least one topic');
  });

  it('rejects a topic that is not an object, by its number', () => {
    const good = { id: 'a', label: 'A', description: 'D', vocabulary: ['alpha'] };
    for (const bad of ['peft', null, ['a'], 7]) {
      assert.equal(errorOf(JSON.stringify({ topics: [good, bad] })), 'my/topics.json: topic 2 is not an object', JSON.stringify(bad));
    }
  });

  it('rejects a missing or malformed id, naming the topic by number (and by id when it has a string one)', () => {
    const hint = 'needs an "id" in kebab-case, like "data-curation"';
    assert.equal(errorOf(taxonomyJson({ vocabulary: ['x'] })), `my/topics.json: topic 1 ${hint}`);
    assert.equal(errorOf(taxonomyJson({ id: 'a', vocabulary: ['x'] }, { id: 12, vocabulary: ['y'] })), `my/topics.json: topic 2 ${hint}`);
    for (const id of ['Data', 'data curation', '-data', 'data-', 'data--curation', '']) {
      assert.equal(errorOf(taxonomyJson({ id, vocabulary: ['x'] })), `my/topics.json: topic 1 ("${id}") ${hint}`, id);
    }
    assert.deepEqual(
      parseTaxonomy(taxonomyJson({ id: 'a1-b2-3', vocabulary: ['x'] }), FILE).map((t) => t.id),
      ['a1-b2-3'],
    );
  });

  it('rejects a repeated id', () => {
    assert.equal(
      errorOf(taxonomyJson({ id: 'a', vocabulary: ['x'] }, { id: 'b', vocabulary: ['y'] }, { id: 'a', vocabulary: ['z'] })),
      'my/topics.json: topic 3 ("a") repeats the id of an earlier topic',
    );
  });

  it('rejects an unknown key and lists the keys it expected', () => {
    assert.equal(
      errorOf(taxonomyJson({ id: 'a', vocabulary: ['x'], vocab: ['y'] })),
      'my/topics.json: topic 1 ("a") has an unknown key "vocab" (expected id, label, description, vocabulary, strong, weak, fallback)',
    );
  });

  it('rejects a missing, blank or non-text label or description', () => {
    const base = { id: 'a', vocabulary: ['x'] };
    for (const label of [undefined, '', '   ', 3, ['A']]) {
      const json = JSON.stringify({ topics: [{ ...base, label, description: 'D' }] });
      assert.equal(errorOf(json), 'my/topics.json: topic 1 ("a") has no "label"', String(label));
    }
    for (const description of [undefined, ' \t ', false]) {
      const json = JSON.stringify({ topics: [{ ...base, label: 'A', description }] });
      assert.equal(errorOf(json), 'my/topics.json: topic 1 ("a") has no "description"', String(description));
    }
  });

  it('requires a non-empty vocabulary array, and arrays for strong and weak when given', () => {
    assert.equal(errorOf(taxonomyJson({ id: 'a' })), 'my/topics.json: topic 1 ("a") has no vocabulary');
    assert.equal(errorOf(taxonomyJson({ id: 'a', vocabulary: [] })), 'my/topics.json: topic 1 ("a") has no vocabulary');
    assert.equal(errorOf(taxonomyJson({ id: 'a', vocabulary: 'lora' })), 'my/topics.json: topic 1 ("a"): "vocabulary" must be an array of terms');
    assert.equal(errorOf(taxonomyJson({ id: 'a', vocabulary: ['x'], strong: 'lora' })), 'my/topics.json: topic 1 ("a"): "strong" must be an array of terms');
    assert.equal(errorOf(taxonomyJson({ id: 'a', vocabulary: ['x'], weak: { a: 1 } })), 'my/topics.json: topic 1 ("a"): "weak" must be an array of terms');
    // Empty strong and weak lists are fine.
    assert.deepEqual(parseTaxonomy(taxonomyJson({ id: 'a', vocabulary: ['x'], strong: [], weak: [] }), FILE)[0].vocabulary, ['x']);
  });

  it('rejects a term that is not a word or phrase, naming the list it is in', () => {
    assert.equal(errorOf(taxonomyJson({ id: 'a', vocabulary: ['x', 5] })), 'my/topics.json: topic 1 ("a"): "vocabulary" holds 5, which is not a word or phrase');
    assert.equal(errorOf(taxonomyJson({ id: 'a', vocabulary: ['x'], strong: ['--'] })), 'my/topics.json: topic 1 ("a"): "strong" holds "--", which is not a word or phrase');
    assert.equal(errorOf(taxonomyJson({ id: 'a', vocabulary: ['x'], weak: [null] })), 'my/topics.json: topic 1 ("a"): "weak" holds null, which is not a word or phrase');
    assert.equal(errorOf(taxonomyJson({ id: 'a', vocabulary: ['  '] })), 'my/topics.json: topic 1 ("a"): "vocabulary" holds "  ", which is not a word or phrase');
  });

  it('rejects an upper-case term', () => {
    assert.equal(errorOf(taxonomyJson({ id: 'a', vocabulary: ['x'], weak: ['Zero-shot'] })), 'my/topics.json: topic 1 ("a"): term "Zero-shot" must be lower case');
  });

  it('rejects a term listed twice, in the same list or across strong, vocabulary and weak, naming the earlier spelling when it differs', () => {
    assert.equal(errorOf(taxonomyJson({ id: 'a', vocabulary: ['lora', 'x', 'lora'] })), 'my/topics.json: topic 1 ("a") lists "lora" twice');
    assert.equal(errorOf(taxonomyJson({ id: 'a', strong: ['lora'], vocabulary: ['lora'] })), 'my/topics.json: topic 1 ("a") lists "lora" twice');
    assert.equal(errorOf(taxonomyJson({ id: 'a', vocabulary: ['fine-tuning'], weak: ['fine tunings'] })), 'my/topics.json: topic 1 ("a") lists "fine tunings" twice (as "fine-tuning")');
    // The same term under two topics is allowed: it signals both.
    assert.equal(parseTaxonomy(taxonomyJson({ id: 'a', vocabulary: ['lora'] }, { id: 'b', vocabulary: ['lora'] }), FILE).length, 2);
  });

  it('reads "fallback" as true or false only, and allows one fallback topic at most', () => {
    assert.equal(errorOf(taxonomyJson({ id: 'a', vocabulary: ['x'], fallback: 'yes' })), 'my/topics.json: topic 1 ("a"): "fallback" must be true or false');
    assert.equal(errorOf(taxonomyJson({ id: 'a', vocabulary: ['x'], fallback: 1 })), 'my/topics.json: topic 1 ("a"): "fallback" must be true or false');
    assert.equal(
      errorOf(taxonomyJson({ id: 'a', vocabulary: ['x'], fallback: true }, { id: 'b', vocabulary: ['y'] }, { id: 'c', vocabulary: ['z'], fallback: true })),
      'my/topics.json: more than one topic is marked "fallback"',
    );
    const one = parseTaxonomy(taxonomyJson({ id: 'a', vocabulary: ['x'] }, { id: 'b', vocabulary: ['y'], fallback: true }), FILE);
    assert.deepEqual(
      one.map((t) => t.fallback),
      [false, true],
    );
  });
});

/** Whether the term `term` matches the text `text` (as a title, where one ordinary term files the paper). */
function matches(term: string, text: string): boolean {
  return new TopicClassifier([topic('t', [term])]).classify(titled(text)).length > 0;
}

/** Whether a taxonomy listing both terms under one topic is rejected as listing a term twice. */
function listedTwice(a: string, b: string): boolean {
  try {
    parseTaxonomy(taxonomyJson({ id: 't', vocabulary: [a, b] }), FILE);
    return false;
  } catch (e) {
    assert.ok(e instanceof TaxonomyError && /twice/.test(e.message), String(e));
    return true;
  }
}

describe('TopicClassifier: words and plural folding', () => {
  const same: Array<[singular: string, plural: string]> = [
    ['adapter', 'adapters'],
    ['lora', 'loras'],
    ['gan', 'gans'],
    ['chain', 'chains'],
    ['class', 'classes'],
    ['loss', 'losses'],
    ['process', 'processes'],
    ['box', 'boxes'],
    ['batch', 'batches'],
    ['approach', 'approaches'],
    ['reach', 'reaches'],
    ['cache', 'caches'],
    ['kv cache', 'kv caches'],
    ['headache', 'headaches'],
    ['ache', 'aches'],
    ['ash', 'ashes'],
    // After any vowel, -aches is the plural of -ach (made-up words: no English one ends -iaches or -uaches).
    ['xaach', 'xaaches'],
    ['xiach', 'xiaches'],
    ['xuach', 'xuaches'],
    ['hash', 'hashes'],
    ['study', 'studies'],
    ['tie', 'ties'],
    ['axe', 'axes'],
    ['image', 'images'],
    ['response', 'responses'],
    ['waste', 'wastes'],
    ['catastrophe', 'catastrophes'],
    ['case study', 'case studies'],
    ['fine-tuning', 'fine tunings'],
  ];
  for (const [singular, plural] of same) {
    it(`reads "${plural}" as the plural of "${singular}"`, () => {
      assert.ok(matches(singular, plural), `term ${singular}, text ${plural}`);
      assert.ok(matches(plural, singular), `term ${plural}, text ${singular}`);
      assert.ok(matches(singular, plural.toUpperCase()), `term ${singular}, text ${plural.toUpperCase()}`);
      assert.ok(listedTwice(singular, plural));
    });
  }

  const different: Array<[a: string, b: string, why: string]> = [
    ['loss', 'los', 'a word ending in -ss is not a plural'],
    ['corpus', 'corpu', 'a word ending in -us is not a plural'],
    ['analysis', 'analysi', 'a word ending in -is is not a plural'],
    ['gas', 'ga', 'a word of three letters keeps its s'],
    ['axes', 'ax', 'a word of four letters ending in -es only loses its s'],
    ['cache', 'cach', 'a word ending in -ache after a consonant only loses its s'],
    ['approach', 'approache', 'a word ending in -ache after a vowel is a plural of -ach'],
    ['yolov10', 'yolov1', 'digits are part of a word'],
    ['yolov9', 'yolov', 'digits are part of a word'],
    ['zero-shot', 'ero-shot', 'z is a letter'],
    ['quiz', 'qui', 'z is a letter'],
  ];
  for (const [a, b, why] of different) {
    it(`tells "${a}" from "${b}": ${why}`, () => {
      assert.ok(!matches(a, b), `term ${a}, text ${b}`);
      assert.ok(!matches(b, a), `term ${b}, text ${a}`);
      assert.ok(matches(a, a.toUpperCase()), `term ${a}, text ${a.toUpperCase()}`);
      assert.ok(!listedTwice(a, b));
    });
  }

  it('separates words at every character other than an ASCII letter or digit (braces, brackets, underscores, dashes, accents)', () => {
    for (const text of ['{LoRA}: Low-Rank Adaptation', '[LoRA]', 'lora_rank', 'LoRA\u2014low rank', 'LoRA`s', '\u00abLoRA\u00bb', 'na\u00efve LoRA', 'LoRA\u00e9t\u00e9', '~lora|', '@lora^']) {
      assert.ok(matches('lora', text), text);
    }
    assert.ok(matches('naive bayes', 'Na\u00efve Bayes') === false, 'an accented letter separates: na + ve');
    assert.ok(matches('na ve', 'Na\u00efve'));
    assert.ok(!matches('lora', 'Flora and explorations'));
  });

  it('ignores punctuation around a term in the taxonomy', () => {
    assert.ok(listedTwice('lora', '(lora)'));
    assert.ok(listedTwice('lora', 'lora.'));
    assert.ok(listedTwice('fine-tuning', 'fine - tuning'));
    assert.ok(matches('(lora)', 'LoRA'));
  });

  it('joins words written apart, hyphenated or solid into one term, in any case', () => {
    for (const text of ['parameter efficient fine tuning', 'Parameter-efficient  fine - tuning', 'Parameter-Efficient Fine-Tunings', 'parameter-efficient finetuning', 'PARAMETEREFFICIENTFINETUNING', 'parameter efficientfine-tuning']) {
      assert.ok(matches('parameter-efficient fine-tuning', text), text);
    }
    assert.ok(!matches('parameter-efficient fine-tuning', 'parameter-efficient tuning'));
    assert.ok(!matches('parameter-efficient fine-tuning', 'parameter efficient fine'));
    assert.ok(matches('study case', 'studies case'), 'a stemmed -ies word joins as its -y form');
    assert.ok(matches('studycase', 'studies case'));
    assert.ok(!matches('studiecase', 'studies case'));
  });

  it('finds every term of a taxonomy with many multi-word terms', () => {
    const terms = [
      'large language model',
      'language model',
      'vision transformer',
      'graph neural network',
      'neural radiance field',
      'retrieval augmented generation',
      'reinforcement learning from human feedback',
      'knowledge distillation',
      'contrastive learning',
      'masked autoencoder',
      'mixture of experts',
      'state space model',
      'speech recognition',
      'time series forecasting',
      'protein structure prediction',
    ];
    const c = new TopicClassifier(terms.map((t, i) => topic(`t${i}`, [t])));
    terms.forEach((t, i) => {
      assert.deepEqual(c.classify(titled(`On ${t} today`)), [`t${i}`], t);
    });
  });

  it('counts a term found after the first 256 words of a text, and forgets a text once classified', () => {
    const c = new TopicClassifier([topic('a', ['alpha']), topic('b', ['beta'])]);
    const long = `${'word '.repeat(300)}alpha ${'word '.repeat(300)}alpha alpha`;
    // Three times in the abstract (1.75) does not file the paper; with the title it does.
    assert.deepEqual(c.explain(titled('Nothing', long)), []);
    assert.deepEqual(c.explain(titled('Alpha', long)), [{ id: 'a', score: TITLE_FACTOR + 1.75 }]);
    // The next paper starts from nothing: no hits carried over from the last one.
    assert.deepEqual(c.explain(titled('Beta', 'word')), [{ id: 'b', score: TITLE_FACTOR }]);
    assert.deepEqual(c.explain(titled('Beta', 'word')), [{ id: 'b', score: TITLE_FACTOR }]);
    assert.deepEqual(c.explain(titled('Nothing', 'word')), []);
  });
});

describe('TopicClassifier: scores', () => {
  // a: strong alpha, ordinary a1..a3, weak faint; b: ordinary b1..b3.
  const a = topic('a', ['alpha', 'a1', 'a2', 'a3'], { strong: ['alpha'], weak: ['faint'] });
  const b = topic('b', ['b1', 'b2', 'b3']);
  const classifier = () => new TopicClassifier([a, b]);
  const score = (title: string, abstract = '') => classifier().explain(titled(title, abstract));

  it('weighs a term by its kind (strong 3, ordinary 1, weak 0.25) times TITLE_FACTOR in the title', () => {
    assert.equal(TITLE_FACTOR, 3);
    assert.equal(FILE_MIN_SCORE, 3);
    assert.deepEqual(score('Alpha'), [{ id: 'a', score: 9 }]);
    assert.deepEqual(score('A1'), [{ id: 'a', score: 3 }]);
    assert.deepEqual(score('A1 faint'), [{ id: 'a', score: 3.75 }]);
    assert.deepEqual(score('A1 faint faint', 'faint'), [{ id: 'a', score: 3 + 0.25 * (3 + 1) }]);
  });

  it('counts a term once in the title however often it is there, and adds its abstract count', () => {
    assert.deepEqual(score('A1 a1 A1'), [{ id: 'a', score: 3 }]);
    assert.deepEqual(score('A1', 'a1'), [{ id: 'a', score: 4 }]);
    assert.deepEqual(score('Alpha', 'alpha'), [{ id: 'a', score: 12 }]);
  });

  it('counts repeats in the abstract with diminishing returns: 1, 1.5, 1.75, then 1.875 however many', () => {
    const abstractScore = (times: number) => score('A1', 'a1 '.repeat(times))[0].score - 3;
    assert.deepEqual([0, 1, 2, 3, 4, 5, 255, 256, 300].map(abstractScore), [0, 1, 1.5, 1.75, 1.875, 1.875, 1.875, 1.875, 1.875]);
    assert.deepEqual(score('A1 '.repeat(256)), [{ id: 'a', score: 3 }]);
    assert.deepEqual(score('', 'alpha alpha'), [{ id: 'a', score: 4.5 }]);
  });

  it('files a paper only when its best topic reaches FILE_MIN_SCORE (three distinct ordinary terms in the abstract, not one three times)', () => {
    assert.deepEqual(score('', 'a1 a2 a3'), [{ id: 'a', score: 3 }]);
    assert.deepEqual(score('', 'a1 a1 a1'), []);
    assert.deepEqual(score('', 'a1 a2 faint faint faint faint'), []); // 2 + 0.25 × 1.875
    assert.deepEqual(score('Faint', 'a1 a2 faint'), [{ id: 'a', score: 3 }]); // 2 + 0.25 × 4
    assert.deepEqual(score('', ''), []);
  });

  it('lets a term signal every topic that lists it, each at its own weight', () => {
    const c = new TopicClassifier([
      topic('x', ['shared', 'x1'], { strong: ['shared'] }),
      topic('y', ['y1', 'y2'], { weak: ['shared'] }),
      topic('z', ['shared', 'z1', 'z2']),
    ]);
    // x: strong 9; z: ordinary 3 + 3 + 3; y: weak 0.75 + 3 + 3.
    assert.deepEqual(c.explain(titled('Shared Z1 Z2 Y1 Y2')), [
      { id: 'x', score: 9 },
      { id: 'z', score: 9 },
      { id: 'y', score: 6.75 },
    ]);
  });

  it('counts a term a plain topic lists twice (two spellings) once, at its highest weight', () => {
    const plain: Topic = { id: 'p', label: 'P', description: 'P', vocabulary: ['adapter', 'adapters', 'Fine-Tuning', 'finetuning'] };
    const c = new TopicClassifier([topic('other', ['other']), plain]);
    assert.deepEqual(c.explain(titled('Adapter')), [{ id: 'p', score: 3 }]);
    assert.deepEqual(c.explain(titled('Fine-tuning')), [{ id: 'p', score: 3 }]);
    // Listed first as ordinary, then (another spelling) as strong: the strong weight counts.
    const upgraded = new TopicClassifier([topic('u', ['adapters', 'adapter'], { strong: ['adapter'], weak: ['adapter'] })]);
    assert.deepEqual(upgraded.explain(titled('Adapters')), [{ id: 'u', score: 9 }]);
    // Listed strong first, then weak: still strong.
    const kept = new TopicClassifier([topic('k', ['adapter'], { strong: ['adapter'], weak: ['adapters'] })]);
    assert.deepEqual(kept.explain(titled('Adapters')), [{ id: 'k', score: 9 }]);
  });

  it('weighs every term of a plain topic (without strong and weak lists) as ordinary', () => {
    const plain: Topic = { id: 'p', label: 'P', description: 'P', vocabulary: ['alpha', 'beta'] };
    const c = new TopicClassifier([plain]);
    assert.deepEqual(c.explain(titled('Alpha', 'beta')), [{ id: 'p', score: 4 }]);
  });

  it('refuses to build a classifier without topics', () => {
    assert.throws(() => new TopicClassifier([]), { message: 'TopicClassifier needs at least one topic' });
  });
});

describe('TopicClassifier: overlapping terms', () => {
  it('takes the longest term at a position and does not count a term inside it again', () => {
    const c = new TopicClassifier([topic('a', ['fine-tuning']), topic('b', ['parameter-efficient fine-tuning']), topic('c', ['efficient'])]);
    assert.deepEqual(c.explain(titled('Parameter-efficient fine-tuning')), [{ id: 'b', score: 3 }]);
    assert.deepEqual(c.explain(titled('Efficient fine-tuning')), [
      { id: 'a', score: 3 },
      { id: 'c', score: 3 },
    ]);
  });

  it('counts a term that starts inside an earlier match and runs past its end', () => {
    const c = new TopicClassifier([topic('a', ['neural network']), topic('b', ['network pruning'])]);
    assert.deepEqual(c.explain(titled('Neural network pruning')), [
      { id: 'a', score: 3 },
      { id: 'b', score: 3 },
    ]);
  });

  it('keeps counting a shorter term after a longer one did not complete', () => {
    const c = new TopicClassifier([topic('a', ['language model']), topic('b', ['large language model survey'])]);
    assert.deepEqual(c.explain(titled('Large language models')), [{ id: 'a', score: 3 }]);
    assert.deepEqual(c.explain(titled('Large language model survey')), [{ id: 'b', score: 3 }]);
  });

  it('takes a longer term that continues a shorter one, and the shorter one where the longer does not complete', () => {
    const longer = new TopicClassifier([topic('a', ['neural network']), topic('b', ['neural network pruning'])]);
    assert.deepEqual(longer.explain(titled('Neural network pruning')), [{ id: 'b', score: 3 }]);
    assert.deepEqual(longer.explain(titled('Neural networks')), [{ id: 'a', score: 3 }]);
    const unfinished = new TopicClassifier([topic('a', ['neural network']), topic('b', ['neural network pruning method'])]);
    assert.deepEqual(unfinished.explain(titled('Neural network pruning')), [{ id: 'a', score: 3 }]);
    assert.deepEqual(unfinished.explain(titled('Neural network pruning methods')), [{ id: 'b', score: 3 }]);
  });

  it('does not count a term inside a longer word of the abstract, after a title that had it as a word', () => {
    const c = new TopicClassifier([topic('a', ['alpha'])]);
    assert.deepEqual(c.explain(titled('On alpha', 'Onxalpha')), [{ id: 'a', score: 3 }]);
    assert.deepEqual(c.explain(titled('On alpha', 'On alpha')), [{ id: 'a', score: 4 }]);
  });

  it('skips a word longer than every term and still matches the term after it', () => {
    const c = new TopicClassifier([topic('a', ['lora'])]);
    assert.deepEqual(c.classify(titled('Supercalifragilistic lora')), ['a']);
    assert.deepEqual(c.classify(titled('Lorax')), []);
  });
});

describe('TopicClassifier: choosing topics', () => {
  const four = () => [topic('a', ['a1', 'a2', 'a3']), topic('b', ['b1', 'b2', 'b3']), topic('c', ['c1', 'c2', 'c3']), topic('d', ['d1', 'd2', 'd3'])];
  const explain = (title: string, abstract = '') => new TopicClassifier(four()).explain(titled(title, abstract));

  it('adds a second topic scoring at least 60% of the best, and not one just below', () => {
    assert.deepEqual(explain('A1 B1', 'a2 a3'), [
      { id: 'a', score: 5 },
      { id: 'b', score: 3 },
    ]);
    // b: 1.875 + 1 = 2.875 < 0.6 × 5.
    assert.deepEqual(explain('A1', 'a2 a3 b1 b1 b1 b1 b2'), [{ id: 'a', score: 5 }]);
    // 0.6 × 10 = 6 exactly.
    assert.deepEqual(explain('A1 A2 B1 B2', 'a1 a1 a2 a2 a3'), [
      { id: 'a', score: 10 },
      { id: 'b', score: 6 },
    ]);
  });

  it('adds a second topic only from a score of 2 up, even when that is within 60% of the best', () => {
    assert.deepEqual(explain('A1', 'b1 b2'), [
      { id: 'a', score: 3 },
      { id: 'b', score: 2 },
    ]);
    assert.deepEqual(explain('A1', 'b1 b1 b1 b1'), [{ id: 'a', score: 3 }]);
  });

  it('breaks a tie for the best topic by taxonomy order', () => {
    assert.deepEqual(
      explain('B1 A1').map((e) => e.id),
      ['a', 'b'],
    );
    assert.deepEqual(
      explain('D1 C1').map((e) => e.id),
      ['c', 'd'],
    );
  });

  it('files under three topics at most, the others by score and then taxonomy order', () => {
    assert.deepEqual(explain('D1 C1 B1 A1'), [
      { id: 'a', score: 3 },
      { id: 'b', score: 3 },
      { id: 'c', score: 3 },
    ]);
    assert.deepEqual(explain('D1 C1 B1 A1', 'c2'), [
      { id: 'c', score: 4 },
      { id: 'a', score: 3 },
      { id: 'b', score: 3 },
    ]);
    assert.deepEqual(explain('D1 C1 B1 A1', 'c2 c3 d2'), [
      { id: 'c', score: 5 },
      { id: 'd', score: 4 },
      { id: 'a', score: 3 },
    ]);
    assert.deepEqual(
      new TopicClassifier(four()).classify(titled('D1 C1 B1 A1', 'd2 b2 b3')),
      ['b', 'd', 'a'],
    );
  });

  it('files a paper too faint for any topic under the fallback topic, wherever it stands, with its own score', () => {
    const first = new TopicClassifier([topic('misc', ['misc'], { fallback: true, weak: ['hint'] }), topic('a', ['a1'])]);
    assert.deepEqual(first.explain(titled('Nothing here')), [{ id: 'misc', score: 0 }]);
    assert.deepEqual(first.explain(titled('A hint')), [{ id: 'misc', score: 0.75 }]);
    assert.deepEqual(first.explain(titled('Nothing', 'a1')), [{ id: 'misc', score: 0 }]);
    assert.deepEqual(first.explain(titled('A1')), [{ id: 'a', score: 3 }]);
    const last = new TopicClassifier([topic('a', ['a1']), topic('misc', ['misc'], { fallback: true })]);
    assert.deepEqual(last.classify(titled('Nothing here')), ['misc']);
    assert.deepEqual(new TopicClassifier([topic('a', ['a1'])]).classify(titled('Nothing here')), []);
  });
});

describe('groupByTopic on hand-made papers', () => {
  const paper = (id: string, title: string): Paper => ({ id, title, abstract: '', links: [] });

  it('lists every topic in taxonomy order, each paper under each of its topics in listing order, and no unfiled paper', () => {
    const topics = [topic('a', ['alpha']), topic('b', ['beta']), topic('c', ['gamma'])];
    const papers = [paper('1', 'Beta'), paper('2', 'Alpha and beta'), paper('3', 'Nothing'), paper('4', 'Alpha')];
    const groups = groupByTopic(papers, topics, new TopicClassifier(topics));
    assert.deepEqual(
      [...groups].map(([id, members]) => [id, members.map((p) => p.id)]),
      [
        ['a', ['2', '4']],
        ['b', ['1', '2']],
        ['c', []],
      ],
    );
  });

  it('leaves out topics the given list does not have', () => {
    const topics = [topic('a', ['alpha']), topic('b', ['beta'])];
    const groups = groupByTopic([paper('1', 'Alpha beta')], [topics[1]], new TopicClassifier(topics));
    assert.deepEqual(
      [...groups].map(([id, members]) => [id, members.map((p) => p.id)]),
      [['b', ['1']]],
    );
  });
});

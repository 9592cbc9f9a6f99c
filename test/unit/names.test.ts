import { strict as assert } from 'node:assert';
import { Background, signatureHash, wordHash } from '../../src/core/background';
import { longFormKey, shortHash } from '../../src/core/definitions';
import {
  aliasesOf,
  commonWordsFrom,
  deriveNames,
  FIELD_NAME,
  echoesTitle,
  isAmbiguousName,
  isCoined,
  isPieceOf,
  methodNamesOf,
  phraseNameOf,
  questionTitleOf,
  repeatedNamesOf,
  shortNameOf,
  singularTitleOf,
  type IsCommonWord,
} from '../../src/core/names';
import { normaliseTitle } from '../../src/core/text';
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
    // The first word of a long form after the naming word is no name of its own; a name followed by "and" is.
    assert.deepEqual(methodNamesOf('we propose a balanced approach called Semantic and Abstract FEatures disRuption (SAFER). Specifically'), ['SAFER']);
    assert.deepEqual(methodNamesOf('we propose a framework called Hydra and a dataset of scenes.'), ['Hydra']);
    assert.deepEqual(methodNamesOf('we propose a framework called Hydra and Abstract Scenes for it.'), ['Hydra']);
  });
});

describe('methodNamesOf: pieces of longer names, and the works a paper builds on (issue 9: the arXiv halves)', () => {
  it('takes no first word of a longer name: a family, a version, another\'s dataset', () => {
    assert.deepEqual(methodNamesOf('To address these limitations, we present EXAONE Path 2.0, a pathology foundation model.'), []);
    assert.deepEqual(methodNamesOf('we introduce a high-quality dataset called QVHighlights Multi-Moment Dataset (QVMM), along with metrics.'), ['QVMM']);
    assert.deepEqual(methodNamesOf('Firstly, we introduce a pre-processing method named 3D-text Enhancement (3DTE), which enhances it.'), ['3DTE']);
    assert.deepEqual(methodNamesOf('We introduce Dream 7B, the most powerful open diffusion model.'), []);
    // A name that ends where it stands is taken, before a comma, a parenthesis or a lower-case word.
    assert.deepEqual(methodNamesOf('We present HydraNet (a framework) for scenes.'), ['HydraNet']);
    assert.deepEqual(methodNamesOf('We present HydraNet for scenes.'), ['HydraNet']);
    assert.deepEqual(methodNamesOf('In this work we propose LoRAT, a method.'), ['LoRAT']);
  });

  it('reads a long form before an acronym as the definitions do when telling the work it builds on', () => {
    // "built on Retentive Networks (RetNet)": six letters, two words; the clause before them links RetNet to the work the paper builds on.
    const loose = new Set<string>();
    assert.deepEqual(methodNamesOf('We introduce DRetHTR, a decoder-only model built on Retentive Networks (RetNet). RetNet is fast.', new Set(), loose), ['DRetHTR', 'RetNet']);
    assert.deepEqual([...loose], ['RetNet']);
    const paper: Paper = { id: 'dret', title: 'DRetHTR: Linear-Time Decoder-Only Retentive Network for Handwriting', abstract: 'We introduce DRetHTR, a decoder-only model built on Retentive Networks (RetNet). Compared to a Transformer, RetNet decoding is fast.', links: [] };
    assert.deepEqual(deriveNames(paper, () => false).map((n) => n.text), [paper.title, 'DRetHTR']);
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

  it('builds its word list in steps when prepared, answering as when built at the first question', () => {
    // 2,000 lines: more than one step's lines (256).
    const text = ['# common words', ...Array.from({ length: 2_000 }, (_, k) => `Word${k} other${k}`)].join('\n');
    const prepared = commonWordsFrom(text);
    let steps = 0;
    for (const s = prepared.prepare!(); !s.next().done; ) steps++;
    assert.ok(steps >= 2, `${steps} steps`);
    const asked = commonWordsFrom(text);
    for (const w of ['word0', 'other1999', 'word1000', 'word2000', '#', 'common', 'Word0']) assert.equal(prepared(w), asked(w), w);
    assert.deepEqual(['word0', 'other1999', 'word2000'].map((w) => prepared(w)), [true, true, false]);
    // Prepared once: again, nothing to build.
    let again = 0;
    for (const s = prepared.prepare!(); !s.next().done; ) again++;
    assert.equal(again, 0);
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

  it('takes no piece of the paper\'s own name: the work it builds on, or its family', () => {
    const paper = (title: string, abstract = ''): Paper => ({ id: 'p', title, abstract, links: [] });
    const textsOf = (p: Paper) => deriveNames(p, commonWordsFrom('')).map((n) => n.text);
    // A word of the title: "MLP-SRGAN", with the "(SRGAN)" its abstract spells out.
    assert.deepEqual(textsOf(paper('MLP-SRGAN: A Single-Dimension Super Resolution GAN', 'We propose MLP-SRGAN, a single-dimension Super Resolution Generative Adversarial Network (SRGAN).')), ['MLP-SRGAN: A Single-Dimension Super Resolution GAN', 'MLP-SRGAN']);
    // The short name: "Real-IAD D3", "SeedEdit 3.0".
    assert.deepEqual(textsOf(paper('Real-IAD D3: A Dataset', 'We introduce Real-IAD D3. We propose Real-IAD, a set.')), ['Real-IAD D3: A Dataset', 'Real-IAD D3']);
    assert.deepEqual(textsOf(paper('SeedEdit 3.0: Fast Editing', 'We present SeedEdit 3.0, a model.')), ['SeedEdit 3.0: Fast Editing', 'SeedEdit 3.0']);
    // A word of a title with no short name, punctuation around it.
    assert.deepEqual(textsOf(paper('Scaling "MLP-SRGAN", Quickly', 'We propose SRGAN, a network.')), ['Scaling "MLP-SRGAN", Quickly']);
    assert.deepEqual(textsOf(paper('Scaling Networks Quickly', 'We propose SRGAN, a network.')), ['Scaling Networks Quickly', 'SRGAN']);
    // Not a piece: the name whole, or inside a longer word.
    assert.deepEqual(textsOf(paper('Tracking with QLoRA-T', 'We propose LoRAT, a tracker.')), ['Tracking with QLoRA-T', 'LoRAT']);
    assert.deepEqual(textsOf(paper('Kimi-VL Technical Report', 'We present Kimi-VL, a model.')), ['Kimi-VL Technical Report', 'Kimi-VL']);
  });

  it('makes a survey\'s acronym spelled out with its title\'s words the field\'s', () => {
    const paper = (title: string, abstract: string): Paper => ({ id: 'p', title, abstract, links: [] });
    const kindOf = (p: Paper, name: string) => deriveNames(p, commonWordsFrom('')).find((n) => n.text === name)?.kind;
    const abstract = 'Conversational Question Answering (ConvQA) systems matter. We review ConvQA and ConvQA datasets.';
    for (const title of ['A Survey of the State-of-the-Art in Conversational Question Answering Systems', 'A Comprehensive Review on Conversational Question Answering', 'Conversational Question Answering: A Survey']) {
      assert.equal(kindOf(paper(title, abstract), 'ConvQA'), 'field', title);
    }
    // Not a survey, or a long form with other words: the paper's.
    assert.equal(kindOf(paper('Conversational Question Answering Systems', abstract), 'ConvQA'), 'method');
    assert.equal(kindOf(paper('Review, Refine, Repeat: Conversational Question Answering', abstract), 'ConvQA'), 'method');
    assert.equal(kindOf(paper('A Survey of Conversational Question Answering', 'Conversational Query Answering (ConvQA) matters. ConvQA and ConvQA.'), 'ConvQA'), 'method');
    // Another acronym spelled out with the title's words says nothing about this one.
    const two = 'Question Answering (QA) matters. Conversational Query Answering (ConvQA) matters. ConvQA and ConvQA.';
    assert.equal(kindOf(paper('A Survey of Conversational Question Answering', two), 'ConvQA'), 'method');
    assert.equal(kindOf(paper('A Survey of Conversational Question Answering', 'Question Answering (QA) matters. Conversational Question Answering (ConvQA) matters. ConvQA and ConvQA.'), 'ConvQA'), 'field');
  });

  it('makes a title\'s phrase of common words that the abstract abbreviates as its subject, not its own work, the field\'s', () => {
    const paper = (title: string, abstract: string): Paper => ({ id: 'p', title, abstract, links: [] });
    const kindOf = (p: Paper, name: string) => deriveNames(p, commonWordsFrom('')).find((n) => n.text === name)?.kind;
    const slm = 'Small Language Models: Architectures, Techniques, Evaluation';
    // Abbreviated as a term it writes about, singular or plural, in any letter case.
    assert.equal(kindOf(paper(slm, 'Small Language Models (SLMs) have gained substantial attention.'), 'Small Language Models'), 'field');
    assert.equal(kindOf(paper(slm, 'Edge devices run a small language model (SLM) well.'), 'Small Language Models'), 'field');
    assert.equal(kindOf(paper('Knowledge Distillation: Enhancing Compression', 'This paper proposes a framework that augments Knowledge Distillation (KD) with gradients.'), 'Knowledge Distillation'), 'field');
    // Introduced as its own: in a "we propose" clause, or as "our" one.
    const tme = 'Task Memory Engine: Spatial Memory for Agents';
    assert.equal(kindOf(paper(tme, 'Agents forget. We introduce the Task Memory Engine (TME), a memory controller.'), 'Task Memory Engine'), 'phrase');
    assert.equal(kindOf(paper(tme, 'Agents forget. Our Task Memory Engine (TME) consists of two parts.'), 'Task Memory Engine'), 'phrase');
    assert.equal(kindOf(paper(tme, 'Agents forget. Our novel Task Memory Engine (TME) consists of two parts.'), 'Task Memory Engine'), 'phrase');
    // Not abbreviated: a catchy title's phrase the abstract writes, or never writes, stays the paper's.
    assert.equal(kindOf(paper('Stationary Representations: Optimally Approximating Compatibility', 'We show that the stationary representations learned by a fixed classifier are compatible.'), 'Stationary Representations'), 'phrase');
    assert.equal(kindOf(paper('Frozen in Time: A Joint Video and Image Encoder', 'We propose an encoder for video and images.'), 'Frozen in Time'), 'phrase');
    assert.equal(kindOf(paper(tme, ''), 'Task Memory Engine'), 'phrase');
    // A parenthesis that is no abbreviation: too far from the phrase, or too long.
    assert.equal(kindOf(paper(tme, 'A Task Memory Engine helps (in two ways, see below).'), 'Task Memory Engine'), 'phrase');
    assert.equal(kindOf(paper(tme, `A Task Memory Engine (${'a'.repeat(31)}) helps.`), 'Task Memory Engine'), 'phrase');
    // No space before the parenthesis; a "we propose" clause about something else; "our" that is not the phrase's.
    assert.equal(kindOf(paper(slm, 'Edge devices run Small Language Models(SLMs) well.'), 'Small Language Models'), 'field');
    assert.equal(kindOf(paper(tme, 'We propose a planner for agents. Task Memory Engines (TMEs) are rare.'), 'Task Memory Engine'), 'field');
    assert.equal(kindOf(paper(tme, 'In our study, the Task Memory Engine (TME) is a baseline.'), 'Task Memory Engine'), 'field');
    // Introduced after another use: at the very start, then as "our"; and spaced out.
    assert.equal(kindOf(paper(tme, 'Task Memory Engine (TME) matters. Our Task Memory Engine is new.'), 'Task Memory Engine'), 'phrase');
    assert.equal(kindOf(paper(tme, 'Agents forget. Our  novel  Task Memory Engine (TME) is new.'), 'Task Memory Engine'), 'phrase');
    // A plural title introduced in the singular.
    assert.equal(kindOf(paper('Task Memory Engines: Spatial Memory for Agents', 'Agents forget. We introduce a Task Memory Engine (TME), a controller.'), 'Task Memory Engines'), 'phrase');
    // A phrase with a coined word is specific enough whatever the abstract does with it.
    assert.equal(kindOf(paper('Mixture of LoRA Experts: Routing', 'Mixture of LoRA Experts (MoLE) routes adapters.'), 'Mixture of LoRA Experts'), 'phrase');
  });

  it('takes no repeated name that only echoes the title by chance, spelled out otherwise', () => {
    const paper = (title: string, abstract: string): Paper => ({ id: 'p', title, abstract, links: [] });
    const textsOf = (p: Paper) => deriveNames(p, commonWordsFrom('')).map((n) => n.text);
    const title = 'Does Less Hallucination Mean Less Creativity? An Empirical Study';
    // DoLa echoes "Does Less ... An", but the abstract spells it out with other words.
    assert.ok(!textsOf(paper(title, 'We study Decoding by Contrasting Layers (DoLa). DoLa lowers it.')).includes('DoLa'));
    // Without that definition, or spelled out with the title's words, it is the paper's.
    assert.ok(textsOf(paper(title, 'We study DoLa. DoLa lowers it.')).includes('DoLa'));
    assert.ok(textsOf(paper(title, 'We study Does Less (DoLa). DoLa lowers it.')).includes('DoLa'));
    // Another acronym's long form says nothing about this one.
    assert.ok(textsOf(paper(title, 'We study Chain of Verification (CoVe). We study DoLa. DoLa lowers it.')).includes('DoLa'));
    // Half the long form's words in the title is enough; words of two letters or fewer are not counted.
    assert.ok(textsOf(paper(title, 'We study Does Less Optimal Labels (DoLa). DoLa lowers it.')).includes('DoLa'));
    assert.ok(textsOf(paper(title, 'We study Does Less of to Average (DoLa). DoLa lowers it.')).includes('DoLa'));
    assert.ok(!textsOf(paper(title, 'We study Does Lots of Average (DoLa). DoLa lowers it.')).includes('DoLa'));
  });

  it('tells a piece cut at a hyphen or a space', () => {
    for (const [name, whole] of [['SRGAN', 'MLP-SRGAN'], ['MLP', 'MLP-SRGAN'], ['Real-IAD', 'Real-IAD D3'], ['D3', 'Real-IAD D3'], ['B', 'A-B-C'], ['Net', 'Net Net-X']]) assert.equal(isPieceOf(name, whole), true, `${name} of ${whole}`);
    for (const [name, whole] of [['LoRA', 'QLoRA'], ['RT-DETR', 'RT-DETRv2'], ['SRGAN', 'SRGAN'], ['SRGANs', 'SRGAN'], ['IAD', 'Real-IADx'], ['Net', 'NetX XNet']]) assert.equal(isPieceOf(name, whole), false, `${name} of ${whole}`);
    // Before a `++`, the successor's mark (issue 9: the arXiv halves); not before one `+`.
    assert.equal(isPieceOf('SoftCoT', 'SoftCoT++'), true);
    assert.equal(isPieceOf('SoftCoT', 'SoftCoT+'), false);
  });

  it('takes no dataset the abstract lists, no repeated name in a paper its title names otherwise, no venue (issue 9: the arXiv halves)', () => {
    const textsOf = (title: string, abstract: string) => deriveNames({ id: 'p', title, abstract, links: [] }, () => false).map((n) => n.text);
    // Listed among the benchmarks it is tested on, wherever the abstract writes it: another's dataset.
    const listed = 'We name our approach MPA and test it on three popular UDA benchmarks, namely ImageCLEF, Office-Home, and DomainNet.';
    assert.ok(!textsOf('Multi-Prompt Alignment for Domain Adaptation', listed).includes('ImageCLEF'));
    assert.ok(textsOf('Multi-Prompt Alignment for Domain Adaptation', `${listed} ImageCLEF, a method, is ours.`).includes('ImageCLEF'));
    // Only the name as a whole word counts: "ImageCLEFv2" elsewhere is another token.
    assert.ok(!textsOf('Multi-Prompt Alignment for Domain Adaptation', `${listed} ImageCLEFv2, a method, is ours.`).includes('ImageCLEF'));
    // Repeated and made of the title's words, in a paper whose title names it otherwise: what the paper is about.
    assert.ok(textsOf('Evolving Normalization', 'EvoNorms help. EvoNorm layers work.').includes('EvoNorm'));
    assert.ok(!textsOf('NormBench: Evolving Normalization', 'EvoNorms help. EvoNorm layers work.').includes('EvoNorm'));
    // Spelled out as a venue.
    assert.ok(!textsOf('Long-context Quality Estimation', 'We present our submission to the Tenth Conference on Machine Translation (WMT25) Shared Task.').includes('WMT25'));
    assert.ok(textsOf('Long-context Quality Estimation', 'We present our submission to the Tenth Campaign on Machine Translation (WMT25) Shared Task.').includes('WMT25'));
  });

  it('takes an acronym the abstract spells out as the problem or task it works on as the field\'s, unless new or the title\'s (issue 9: the arXiv halves)', () => {
    const kindOf = (title: string, abstract: string, name: string) => deriveNames({ id: 'p', title, abstract, links: [] }, () => false).find((n) => n.text === name)?.kind;
    const title = 'A Conic Transformation Approach for Solving the Perspective-Three-Point Problem';
    assert.equal(kindOf(title, 'We propose a conic transformation method to solve the Perspective-Three-Point (P3P) problem.', 'P3P'), 'field');
    // One word may stand between (`Recognition`, `Shared`), in any case, in the plural too.
    assert.equal(kindOf('Multimodal Emotion Recognition', 'We propose a system for the Expression (EXPR) Recognition Task of the workshop.', 'EXPR'), 'field');
    assert.equal(kindOf('Our Entry', 'We present our system for the Event-Enriched Image Analysis (EVENTA) shared tasks.', 'EVENTA'), 'field');
    assert.equal(kindOf('Viewpoints', 'We present a dataset for Multi-Scene Retrieval (MSR) settings.', 'MSR'), 'field');
    // Not after a small word ("on tasks"), nor with no problem's noun after it.
    assert.equal(kindOf(title, 'We propose Perspective Conic Solvers (PCS) on tasks of pose estimation.', 'PCS'), 'method');
    assert.equal(kindOf(title, 'We propose Perspective Conic Solvers (PCS) for pose estimation.', 'PCS'), 'method');
    // A task the abstract says is its own, or one its title names (the task's overview), stays the paper's.
    assert.equal(kindOf('Anticipating Scene Graphs', 'We introduce a new task, Video Scene Graph Anticipation (VSGA) task, and a model.', 'VSGA'), 'method');
    assert.equal(kindOf('Anticipating Scene Graphs', 'Prior work is broad. We propose to pose the Video Scene Graph Anticipation (VSGA) problem.', 'VSGA'), 'method');
    assert.equal(kindOf('The Automatic Verification of Image-Text Claims (AVerImaTeC) Shared Task', 'We present the Automatic Verification of Image-Text Claims (AVerImaTeC) shared task, which aims to advance systems.', 'AVerImaTeC'), 'method');
    // What came before the sentence does not count: a "new" in the sentence before, or in the one before the last.
    assert.equal(kindOf(title, 'Our solver is new. We propose to solve the Perspective-Three-Point (P3P) problem.', 'P3P'), 'field');
    assert.equal(kindOf(title, 'Old work. A new idea. We propose to solve the Perspective-Three-Point (P3P) problem.', 'P3P'), 'field');
    // The noun read up to 40 characters after the parenthesis, past one long word.
    assert.equal(kindOf('Linking', 'We propose a model for Entity Disambiguation Linking Evaluation (EDLE) Entity-Disambiguation-Linking tasks.', 'EDLE'), 'field');
  });

  it('takes no name of the earlier work from a title naming a new version of it (issue 9: the arXiv halves)', () => {
    const textsOf = (title: string, abstract: string) => deriveNames({ id: 'p', title, abstract, links: [] }, () => false).map((n) => n.text);
    // "OmniVTON++", "Skywork UniPic 3.0": the abstract's OmniVTON and UniPic are the earlier papers'.
    assert.deepEqual(textsOf('OmniVTON++: Training-Free Virtual Try-On', 'We present OmniVTON++, a training-free framework. OmniVTON++ improves OmniVTON, which we propose to extend.'), ['OmniVTON++: Training-Free Virtual Try-On']);
    assert.ok(!textsOf('Skywork UniPic 3.0: Unified Composition', 'We present Skywork UniPic 3.0, a framework. Built on UniPic, a unified model we propose UniPic tools.').includes('UniPic'));
    // A version is a number, a `v` number (after a space or a hyphen) or `++`, at the end of the part before the colon.
    const versioned = (head: string) => !textsOf(`${head}: Unified Composition`, `We present ${head.trim()}, a framework. Built on UniPic, a unified model we propose UniPic tools.`).includes('UniPic');
    for (const head of ['Skywork UniPic 3.0', 'Skywork UniPic 10', 'Skywork UniPic 3.10', 'Skywork UniPic v2', 'Skywork UniPic-v2.1', 'Skywork UniPic v12', 'UniPic++', 'Skywork UniPic 3.0 ']) assert.ok(versioned(head), head);
    for (const head of ['Skywork UniPicv2', 'Skywork UniPic Tools']) assert.ok(!versioned(head), head);
    // A title head without a version takes nothing from the abstract's names.
    assert.ok(textsOf('Skywork Composer: Unified Composition', 'We propose UniPic, a unified model.').includes('UniPic'));
    assert.ok(textsOf('Skywork Composer 2: Unified Composition', 'We propose UniPic, a unified model.').includes('UniPic'));
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


describe('names: phrases, questions, singular titles, repeated names and aliases (mutation)', () => {
  it('takes a title-cased phrase of two to eight words before the colon', () => {
    assert.equal(phraseNameOf('Tracking Meets LoRA: Faster Training'), 'Tracking Meets LoRA');
    assert.equal(phraseNameOf('Frozen in Time: A Joint Video and Image Encoder'), 'Frozen in Time');
    assert.equal(phraseNameOf('Scaling Laws 2.0 Edition: More Data'), 'Scaling Laws 2.0 Edition');
    assert.equal(phraseNameOf('One Two Three Four Five Six Seven Eight: x'), 'One Two Three Four Five Six Seven Eight');
    assert.equal(phraseNameOf('Frozen  in Time: x'), 'Frozen  in Time');
  });

  it('takes no phrase that is a short name, one word, too long, generic, or not title-cased', () => {
    for (const title of [
      'CNN Filter DB: An Empirical Investigation', // a short name already
      'DataComp: In search of datasets',
      '2024: A Year in Review', // one word
      ': Untitled',
      'Go Wider Instead of Deeper', // no colon
      'One Two Three Four Five Six Seven Eight Nine: x',
      'Position Paper on Scaling: x',
      'Tracking meets LoRA: x',
      'Learning iPhone Apps: x',
      'the Art of Scaling: x',
      'Tracking Me+ Models: x',
      'Really Truly Deep?: x',
    ]) {
      assert.equal(phraseNameOf(title), undefined, title);
    }
  });

  it('takes the opening question of a title when more follows and it has three words or more', () => {
    assert.equal(questionTitleOf('What learning algorithm is in-context learning? Investigations with linear models'), 'What learning algorithm is in-context learning?');
    assert.equal(questionTitleOf('Is scaling enough? More data'), 'Is scaling enough?');
    assert.equal(questionTitleOf('  Is scaling enough? More data'), 'Is scaling enough?');
    for (const title of ['Why do deep networks generalise?', 'Why do deep networks generalise?  ', 'Why scale? Because', 'Is  scaling? Yes', '? What', 'No question here']) {
      assert.equal(questionTitleOf(title), undefined, title);
    }
  });

  it('puts the last word of a three- to six-word title in the singular', () => {
    assert.equal(singularTitleOf('Data Filtering Networks'), 'Data Filtering Network');
    assert.equal(singularTitleOf(' Data  Filtering Networks '), 'Data Filtering Network');
    assert.equal(singularTitleOf('Learning Deep Sparse Data Filtering Networks'), 'Learning Deep Sparse Data Filtering Network');
    for (const title of [
      'Filtering Networks',
      'Learning Very Deep Sparse Data Filtering Networks',
      'Hydra: Data Filtering Networks',
      'Why Not Networks? Other Models',
      'Learning Sparse 3D-Networks',
      'Training Small Networks2',
      'Data Filtering Class',
      'Data Filtering Its',
    ]) {
      assert.equal(singularTitleOf(title), undefined, title);
    }
  });

  it('finds coined names written at least twice, plurals counted with the singular', () => {
    assert.deepEqual(repeatedNamesOf('EvoNorms beat BatchNorm. We use EvoNorm everywhere.'), ['EvoNorm']);
    assert.deepEqual(repeatedNamesOf('KaLMs and KaLMs.'), ['KaLMs']); // no small letter before the s: no plural
    assert.deepEqual(repeatedNamesOf('iPhone and iPhone'), ['iPhone']);
    assert.deepEqual(repeatedNamesOf('DeiT and DeiT'), ['DeiT']);
    assert.deepEqual(repeatedNamesOf('iPas and iPas'), ['iPas']); // four characters: no plural
    assert.deepEqual(repeatedNamesOf('OnsetNet and OnsetNet'), ['OnsetNet']);
    assert.deepEqual(repeatedNamesOf('GPUsNet and GPUsNet'), ['GPUsNet']);
    assert.deepEqual(repeatedNamesOf('FiT and FiT'), []); // under four characters
    assert.deepEqual(repeatedNamesOf('MatLM once'), []);
  });

  it("leaves out a coined name the abstract gives as an example: another's work it uses", () => {
    // Cole et al.'s abstract (Energy and Buildings, 2014), in an RL book's own .bib.
    const abstract = 'Building simulation software packages such as EnergyPlus are useful energy modeling tools. We generate data from an EnergyPlus residential home model.';
    assert.deepEqual(repeatedNamesOf(abstract), []);
    assert.deepEqual(repeatedNamesOf('Frameworks (e.g., PyTorch) differ; PyTorch wins.'), []);
    assert.deepEqual(repeatedNamesOf('Frameworks, e.g. PyTorch, differ; PyTorch wins.'), []);
    // Anywhere else, written twice: the paper's own.
    assert.deepEqual(repeatedNamesOf('Suites like OpenStudio help. We use OpenStudio.'), ['OpenStudio']);
    assert.deepEqual(repeatedNamesOf('Tools such as ours: OpenStudio, then OpenStudio.'), ['OpenStudio']);
  });

  it('widens a repeated name over -, ^ and + between word characters only, and ignores links', () => {
    assert.deepEqual(repeatedNamesOf('KaLM-Embedding and KaLM-Embedding'), ['KaLM-Embedding']);
    assert.deepEqual(repeatedNamesOf('Data-KaLM x Data-KaLM'), ['Data-KaLM']);
    assert.deepEqual(repeatedNamesOf('FiT^v2 and FiT^v2'), ['FiT^v2']);
    assert.deepEqual(repeatedNamesOf('DeiT+KD and DeiT+KD'), ['DeiT+KD']);
    assert.deepEqual(repeatedNamesOf('use -KaLM and -KaLM'), ['KaLM']);
    assert.deepEqual(repeatedNamesOf('KaLM- and KaLM-'), ['KaLM']);
    assert.deepEqual(repeatedNamesOf('See http://x.org/MatLM and http://y.org/MatLM here.'), []);
    assert.deepEqual(repeatedNamesOf('See https://x.org/MatLM and MatLM.'), []);
  });

  it('takes acronyms whose long form holds one of the paper\'s names or is its title', () => {
    assert.deepEqual(aliasesOf('We train a MatFormer language model (MatLM).', ['MatFormer']), ['MatLM']);
    assert.deepEqual(aliasesOf('We train a MatFormer language model (MatLM).', ['MatFormer', 'MatLM']), []);
    assert.deepEqual(aliasesOf('We train a data filtering network (DFN).', [], 'Data Filtering Networks'), ['DFN']);
    // A title key of eight letters or fewer is too short to tell.
    assert.deepEqual(aliasesOf('We train a small net (SN).', [], 'Small Net'), []);
    assert.deepEqual(aliasesOf('We train a small net (SN).', []), []);
  });
});

describe('names: dots, colons and hyphens inside tokens (mutation)', () => {
  it('keeps a dot inside a short name and strips a run of trailing dots or colons from a method name', () => {
    assert.equal(shortNameOf('GPT-3.5: A Report'), 'GPT-3.5');
    assert.deepEqual(methodNamesOf('We propose GPT-3.5, a model.'), []);
    assert.deepEqual(methodNamesOf('We propose LoRAT:: a tracker.'), ['LoRAT']);
  });

  it('takes a hyphenated word as a name only when a part is coined', () => {
    assert.deepEqual(methodNamesOf('We present Hydra-net, a framework.'), []);
    assert.deepEqual(methodNamesOf('We present x-Hydra, a framework.'), []);
    assert.equal(isCoined('iPhone'), true);
  });

  it('reads a phrase name trimmed before the colon', () => {
    assert.equal(phraseNameOf('Frozen in Time : x'), 'Frozen in Time');
  });
});

describe('names judged against background statistics (mutation)', () => {
  const isCommon = commonWordsFrom('hydra');
  const paper = (title: string, abstract: string): Paper => ({ id: 'p', title, abstract, links: [] });
  const hydra = () => paper('HydraNet: Multi Branch Networks', 'We propose HydraNet, a vision model with many branches.');
  const background = (words: string, names: string) => Background.parse(`docs 1000\n[words]\n${words}[names]\n${names}\n`, 'bg.txt');
  const sig = (...words: string[]) => words.map((w) => signatureHash(wordHash(w)).toString(16).padStart(4, '0')).join('');
  const whyOf = (p: Paper, name: string, b: Background) => {
    const found = deriveNames(p, isCommon, b).find((n) => n.text === name);
    assert.ok(found, name);
    return found.why;
  };

  it("leaves out a name the abstract works with but does not introduce, when the literature uses it (arXiv halves)", () => {
    const textsOf = (p: Paper, b: Background) => deriveNames(p, isCommon, b).map((n) => n.text);
    // Introduced firmly ("We present X, a ..."): kept however many abstracts use the name.
    const firm = paper('Contrastive pairs', 'We present Hydrant, a framework for pairs.');
    assert.deepEqual(textsOf(firm, background('', 'Hydrant 40 - -')), ['Contrastive pairs', 'Hydrant']);
    // After an article, or spelled out in the clause: five uses make it another's (four do not).
    const weak = paper('Adaptive streaming', 'We present a StreamGS video system, the Structure from Motion Xtended (SfMx) pipeline.');
    assert.deepEqual(textsOf(weak, background('', 'SfMx 5 - -\nStreamGS 4 - -')), ['Adaptive streaming', 'StreamGS']);
    assert.deepEqual(textsOf(weak, background('', 'SfMx 4 - -\nStreamGS 5 - -')), ['Adaptive streaming', 'SfMx']);
    // Counted in the plural and with the first letter in the other case too.
    assert.deepEqual(textsOf(weak, background('', 'SfMxs 5 - -\nstreamGS 5 - -')), ['Adaptive streaming']);
    // Spelled out after a word that ties it to what the clause introduces: another's work, however
    // rare, unless made of the title's words.
    const built = paper('Adaptive streaming', 'We present a StreamGS video system built on Structure from Motion Xtended (SfMx).');
    assert.deepEqual(textsOf(built, background('', '')), ['Adaptive streaming', 'StreamGS']);
    assert.deepEqual(textsOf({ ...built, title: 'Structure from Motion Xtended' }, background('', '')), ['Structure from Motion Xtended', 'StreamGS', 'SfMx']);
    // A long form that starts as the title keeps it: "Segment Anything Model (SAM)".
    const sam = paper('Segment Anything', 'We introduce the Segment Anything project. We build the Segment Anything Model (SAM), a promptable model.');
    assert.ok(textsOf(sam, background('', 'SAM 900 - -')).includes('SAM'));
    // Aliases: only a distinctive name of the paper makes an acronym its variant, and a plural acronym is a family.
    const large = paper('LARGE: Legal Retrieval Augmented Generation Evaluation', 'Using a large language model (LLM) is common. We release LARGE, a tool.');
    const withLarge = (words: string) => deriveNames(large, commonWordsFrom(words), background('', '')).map((n) => n.text);
    assert.deepEqual(withLarge('hydra large').filter((n) => n === 'LLM'), []);
    assert.deepEqual(withLarge('hydra').filter((n) => n === 'LLM'), ['LLM'], 'LARGE as a coined name');
    assert.deepEqual(aliasesOf('Using large language models (LLMs) is common.', ['LARGE']), []);
    assert.deepEqual(aliasesOf('the MatFormer language models (MFLMs) and the MatFormer language model (MatLM)', ['MatFormer']), ['MatLM']);
  });

  it("flags an acronym the abstract spells out as many others do: the field's, not the paper's", () => {
    const senti = paper('SentiDrop: Dropout Prediction', 'We propose SentiDrop, the Bidirectional Encoder Representations from Transformers (BERT) model for tabular data.');
    const bertHash = shortHash(longFormKey('Bidirectional Encoder Representations from Transformers'));
    // One abstract defining it so may be this one; more are others.
    assert.equal(whyOf(senti, 'BERT', background('', `BERT 3 ${bertHash}:1 -`)), undefined);
    // Two or more: the field's acronym, a `field` name that counts where the text cites the paper.
    assert.equal(whyOf(senti, 'BERT', background('', `BERT 3 ${bertHash}:2 -`)), FIELD_NAME);
    assert.equal(deriveNames(senti, isCommon, background('', `BERT 3 ${bertHash}:3 -`)).find((n) => n.text === 'BERT')?.kind, 'field');
    // Others defining it otherwise do not make it the field's: it is collision-prone.
    assert.equal(whyOf(senti, 'BERT', background('', `BERT 3 ${bertHash}:1,zzz:2 -`)), '2 other abstracts in the background define it');
    // Nor does the title's own long form, however many give it (see `definesTitle` for titles).
    const hpm = paper('Hard Patches Mining', 'We propose Hard Patches Mining (HPMx), a task.');
    assert.equal(deriveNames(hpm, isCommon, background('', `HPMx 4 ${shortHash(normaliseTitle('Hard Patches Mining'))}:4 -`)).find((n) => n.text === 'HPMx')?.kind, 'method');
  });

  it('reads no word whose capitals mark an acronym as a method name: SpatioTemporal, Self-sUpervised', () => {
    const hst = paper('Spatio Temporal Model', 'SpatioTemporal encoding helps. SpatioTemporal wins. We propose Self-sUpervised, a tuner. We present COllaborative, a method.');
    const names = (words: IsCommonWord) => deriveNames(hst, words, background('', '')).map((n) => n.text);
    assert.deepEqual(names(isCommon), ['Spatio Temporal Model', 'Self-sUpervised', 'COllaborative', 'SpatioTemporal']);
    assert.deepEqual(names(commonWordsFrom('hydra self supervised\n[english]\nspatiotemporal collaborative')), ['Spatio Temporal Model']);
  });

  it('reads no describing compound as a name: LLM-generated, CLIP-style, text-to-3D', () => {
    for (const word of ['LLMx-generated', 'CLIPx-style', 'Text-to-3D', 'GS-based', 'DiT-free']) assert.deepEqual(methodNamesOf(`We propose ${word}, a model.`), [], word);
    assert.deepEqual(methodNamesOf('We propose LLMx-Gen, a model.'), ['LLMx-Gen']);
    // Nor as a name the abstract repeats.
    assert.deepEqual(deriveNames(paper('Video decoding', 'We study fMRIx-to-video decoding. Our fMRIx-to-video model wins.'), isCommon, background('', '')).map((n) => n.text), ['Video decoding']);
    // "e.g." with a word between: an example of another's work.
    assert.deepEqual(repeatedNamesOf('Low-bit models (e.g., 1.58-bit BitNetX) are fast; BitNetX wins.'), []);
  });

  it('flags a name that other abstracts define, unless the paper\'s own definitions outweigh them four to one', () => {
    const titleHash = shortHash(normaliseTitle('HydraNet: Multi Branch Networks'));
    const subtitleHash = shortHash(longFormKey('Multi Branch Networks'));
    assert.equal(whyOf(hydra(), 'HydraNet', background('', `HydraNet 10 ${titleHash}:4,zzz:1 -`)), undefined);
    assert.equal(whyOf(hydra(), 'HydraNet', background('', `HydraNet 10 ${titleHash}:4,zzz:2 -`)), '2 other abstracts in the background define it');
    assert.equal(whyOf(hydra(), 'HydraNet', background('', `HydraNet 10 ${subtitleHash}:4,+1 -`)), undefined);
    assert.equal(whyOf(hydra(), 'HydraNet', background('', `HydraNet 10 ${subtitleHash}:4,+2 -`)), '2 other abstracts in the background define it');
    assert.equal(whyOf(hydra(), 'HydraNet', background('', 'HydraNet 10 zzz -')), '1 other abstract in the background defines it');
    assert.equal(whyOf(hydra(), 'HydraNet', background('', `HydraNet 10 ${titleHash}:3 -`)), undefined);
    // Without a colon there is no subtitle: the whole title's long form is not the paper's own definition.
    const plain = paper('Multi Branch Networks', 'We propose HydraNet, a vision model.');
    assert.equal(whyOf(plain, 'HydraNet', background('', `HydraNet 10 ${shortHash(longFormKey('Multi Branch Networks'))}:4 -`)), '4 other abstracts in the background define it');
  });

  it('flags a name used by two or more abstracts in contexts that share fewer than two words with the paper', () => {
    assert.equal(whyOf(hydra(), 'HydraNet', background('', `HydraNet 2 - ${sig('vision', 'quantum', 'branches')}`)), undefined);
    assert.equal(whyOf(hydra(), 'HydraNet', background('', `HydraNet 2 - ${sig('vision', 'quantum', 'chemistry')}`)), '2 abstracts in the background use it in other contexts');
    assert.equal(whyOf(hydra(), 'HydraNet', background('', `HydraNet 1 - ${sig('vision', 'quantum', 'chemistry')}`)), undefined);
  });

  it('adds a repeated coined name only when the background uses it at most twice, it is no everyday word and it is made of the title', () => {
    const evo = paper('Evolving Normalization', 'EvoNorms help. EvoNorm layers work.');
    const names = (b: Background, common: IsCommonWord = isCommon, p = evo) => deriveNames(p, common, b).map((n) => `${n.text}/${n.kind}`);
    assert.deepEqual(names(background('', 'EvoNorm 2 - -')), ['Evolving Normalization/title', 'EvoNorm/method']);
    assert.deepEqual(names(background('', 'EvoNorm 3 - -')), ['Evolving Normalization/title']);
    assert.deepEqual(names(background('', 'Other 3 - -'), commonWordsFrom('evonorm')), ['Evolving Normalization/title']);
    // Repeated, but named in a title that is about it: "Reproducing and Improving CheXNet".
    assert.deepEqual(names(background('', ''), isCommon, { ...evo, title: 'Learning Things Well' }), ['Learning Things Well/title']);
    assert.deepEqual(names(background('', ''), isCommon, { ...evo, title: 'Improving EvoNorm' }), ['Improving EvoNorm/title']);
  });

  it("flags a title's short name that the literature uses and the abstract does not introduce (a survey named after its subject)", () => {
    const survey = paper('DeepSeekX: Paradigm Shifts in Large Models', 'DeepSeekX, a startup, has released models. This paper reviews DeepSeekX innovations.');
    assert.equal(whyOf(survey, 'DeepSeekX', background('', 'DeepSeekX 5 - -')), "5 abstracts in the background use it, and the paper's abstract does not introduce it");
    assert.equal(whyOf(survey, 'DeepSeekX', background('', 'DeepSeekX 4 - -')), undefined);
    // Introduced ("we propose X, a ..."): the paper's own, however many use it since.
    assert.equal(whyOf({ ...survey, abstract: 'We propose DeepSeekX, a family of models.' }, 'DeepSeekX', background('', 'DeepSeekX 50 - -')), undefined);
    // No abstract (a .bib entry): the title alone says nothing against it.
    assert.equal(whyOf({ ...survey, abstract: '' }, 'DeepSeekX', background('', 'DeepSeekX 50 - -')), undefined);
    // A reason found in the background comes first.
    assert.equal(whyOf(survey, 'DeepSeekX', background('', 'DeepSeekX 9 zzz -')), '1 other abstract in the background defines it');
  });

  it('adds the singular title as an unjudged phrase and title aliases as methods', () => {
    const dfn = paper('Data Filtering Networks', 'We train a data filtering network (DFN) on pools.');
    assert.deepEqual(deriveNames(dfn, isCommon), [
      { paperId: 'p', text: 'Data Filtering Networks', kind: 'title', ambiguous: false },
      { paperId: 'p', text: 'DFN', kind: 'method', ambiguous: true, why: 'a short acronym' },
      { paperId: 'p', text: 'Data Filtering Network', kind: 'phrase', ambiguous: false },
    ]);
  });

  it("matches a short title of common words as a field's name, unless the paper coins it", () => {
    // Real libraries' titles (Percy Liang's refdb, d2l's, a thesis's own .bib): the field's or
    // the technique's name where prose writes it ("deep learning", "predictive coding"), not the
    // paper. How often the background uses the phrase does not matter ("deep hyperbolic learning").
    const common = Background.parse('docs 1000\n[words]\n1000 deep learning statistical theory linear algebra machine translation neural networks network image recognition residual attention is all you need hyperbolic\n2 seldom\n[names]\n', 'bg.txt');
    const kinds = (p: Paper) => deriveNames(p, isCommon, common).map((n) => `${n.text}/${n.kind}${n.ambiguous ? '/ambiguous' : ''}`);
    const [field] = deriveNames(paper('Deep learning', 'Deep learning allows computational models to learn representations.'), isCommon, common);
    assert.deepEqual(field, { paperId: 'p', text: 'Deep learning', kind: 'field', ambiguous: true, why: FIELD_NAME });
    // Another acronym the abstract defines does not make the title its own.
    assert.deepEqual(kinds(paper('Deep learning', 'It runs on graphics processing units (GPUs).')).slice(0, 1), ['Deep learning/field/ambiguous']);
    assert.deepEqual(kinds(paper('Statistical Learning Theory', '')), ['Statistical Learning Theory/field/ambiguous']);
    assert.deepEqual(kinds(paper('Deep hyperbolic learning', '')), ['Deep hyperbolic learning/field/ambiguous']);
    // A plural title's singular is a field's name too.
    assert.deepEqual(kinds(paper('Neural translation networks', '')), ['Neural translation networks/field/ambiguous', 'Neural translation network/field/ambiguous']);
    // A word that is not one (a full stop) or a rare word: a title.
    assert.deepEqual(kinds(paper('Deep learning.', '')).slice(0, 1), ['Deep learning./title']);
    assert.deepEqual(kinds(paper('Deep seldom', '')), ['Deep seldom/title']);
    assert.deepEqual(kinds(paper('Deep seldom learning', '')), ['Deep seldom learning/title']);
    // Coined by the paper (its abstract gives the title as an acronym's long form): a title.
    assert.deepEqual(kinds(paper('Attention networks', 'We introduce attention networks (ANs).')).slice(0, 1), ['Attention networks/title']);
    // Four words besides small ones; a colon or a question: a title (its singular unjudged).
    assert.deepEqual(kinds(paper('Neural machine translation networks', '')), ['Neural machine translation networks/title', 'Neural machine translation network/phrase']);
    assert.deepEqual(kinds(paper('Deep learning?', '')).slice(0, 1), ['Deep learning?/title']);
    assert.deepEqual(kinds(paper('Deep learning: networks', '')).slice(0, 1), ['Deep learning: networks/title']);
    // A textbook's blurb that spells out its field's acronym, as two or more of the background's
    // abstracts do too (8 in the real one): title and acronym are the field's. Defined so by one
    // abstract (its own, when the paper is in the background), it is the paper's coinage.
    const mpc = paper('Model predictive control', 'From power plants to sugar refining, model predictive control (MPC) schemes have established themselves.');
    const mpcHash = shortHash(longFormKey('Model predictive control'));
    const withMpc = (names: string) => Background.parse(`docs 1000\n[words]\n1000 model predictive control\n[names]\n${names}\n`, 'bg.txt');
    const kindsIn = (p: Paper, b: Background) => deriveNames(p, isCommon, b).map((n) => `${n.text}/${n.kind}${n.ambiguous ? '/ambiguous' : ''}`);
    assert.deepEqual(kindsIn(mpc, withMpc(`MPC 11 ${mpcHash}:8 -`)), ['Model predictive control/field/ambiguous', 'MPC/field/ambiguous']);
    assert.deepEqual(kindsIn(mpc, withMpc(`MPC 11 ${mpcHash}:2 -`)), ['Model predictive control/field/ambiguous', 'MPC/field/ambiguous']);
    assert.deepEqual(kindsIn(mpc, withMpc(`MPC 11 ${mpcHash}:1 -`)), ['Model predictive control/title', 'MPC/method/ambiguous']);
    assert.deepEqual(kindsIn(mpc, withMpc(`MPC 11 zzz:8 -`)), ['Model predictive control/title', 'MPC/method/ambiguous']);
  });

  it('treats a one-word title with spaces around it as a short name', () => {
    assert.deepEqual(deriveNames(paper('CUDA ', ''), commonWordsFrom('')), [{ paperId: 'p', text: 'CUDA ', kind: 'short', ambiguous: false }]);
  });

  it('flags a phrase name only when every word but the small ones is common in the background', () => {
    const b = background('500 frozen time\n5 tiny\n', '');
    const phrase = (title: string) => deriveNames(paper(title, ''), isCommon, b).find((n) => n.kind === 'phrase');
    assert.equal(phrase('Frozen in Time: A Joint Encoder')?.why, 'a phrase of common words');
    assert.equal(phrase('Frozen  in Time: A Joint Encoder')?.why, 'a phrase of common words');
    assert.equal(phrase('Tiny in Time: A Joint Encoder')?.ambiguous, false); // df 5 is rare
    assert.equal(phrase('Frozen in LoRA: A Joint Encoder')?.ambiguous, false); // a coined word
    assert.equal(phrase('Frozen in Time: A Joint Encoder')?.text, 'Frozen in Time');
  });
});

describe('echoesTitle', () => {
  it('tells a name made of the starts of two or more title words, in order', () => {
    assert.equal(echoesTitle('EvoNorm', 'Evolving Normalization-Activation Layers'), true);
    assert.equal(echoesTitle('IGV', 'Position: Interactive Generative Video as Next-Generation Game Engine'), true);
    assert.equal(echoesTitle('PL-VTON', 'Progressive Limb-Aware Virtual Try-On Network'), true);
    // Out of order, or letters no title word starts with.
    assert.equal(echoesTitle('VGI', 'Interactive Generative Video'), false);
    assert.equal(echoesTitle('USE', 'DROID: Dual Representation for Out-of-Scope Intent Detection'), false);
  });

  it('does not count a title word taken whole: the title is about that work', () => {
    assert.equal(echoesTitle('CheXNet', 'Reproducing and Improving CheXNet: Deep Learning for Chest X-ray Disease Classification'), false);
    assert.equal(echoesTitle('DenseNet-201', 'Evaluating Deep Learning Models: From DenseNet to Vision Transformers'), false);
    assert.equal(echoesTitle('NTK', 'GradPCA: Leveraging NTK Alignment for Reliable Out-of-Distribution Detection'), false);
    // Nor nearly whole: "densene" and the "t" of "to"; two letters from elsewhere make a blend.
    assert.equal(echoesTitle('DenseNetTr', 'From DenseNet to Transformers'), true);
    assert.equal(echoesTitle('EvNo', 'Evolving Normalization'), true);
    assert.equal(echoesTitle('EvolvN', 'Evolving Normalization'), false);
  });
});

describe('the English part of the word list', () => {
  const words = commonWordsFrom('# comment\ncuda hydra\n[english]\n# more\nunicorn adjudicator\n');
  it('is English but not everyday vocabulary', () => {
    assert.equal(words('cuda'), true);
    assert.equal(words('unicorn'), false);
    assert.equal(words.english?.('unicorn'), true);
    assert.equal(words.english?.('cuda'), true);
    assert.equal(words.english?.('datacomp'), false);
    assert.equal(words.english?.('[english]'), false);
  });

  it('makes a one-word name in a natural casing of an English word collision-prone', () => {
    assert.equal(isAmbiguousName('Adjudicator', words), true);
    assert.equal(isAmbiguousName('ADJUDICATOR', words), true);
    assert.equal(isAmbiguousName('AdJudicator', words), false);
    assert.equal(isAmbiguousName('Adjudicator', commonWordsFrom('cuda')), false);
  });
});

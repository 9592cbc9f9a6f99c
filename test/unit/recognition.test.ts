/**
 * Recognition on evidence (issue 8): the name forms people write, and the rules that keep a
 * collision-prone name from linking to the wrong paper. Real bundled corpus and statistics.
 */
import { strict as assert } from 'node:assert';
import type { Mention } from '../../src/core/types';
import { bundledCorpus, paperTitled } from './helpers';

const find = (text: string, policy: 'context' | 'always' | 'never' = 'context') => bundledCorpus().matcher.find(text, policy);
const linked = (text: string) => find(text).map((m: Mention) => [m.text, bundledCorpus().get(m.paperId)!.title.split(':')[0]]);
const texts = (text: string) => find(text).map((m) => m.text);
const reasonsOf = (text: string, name: string) => {
  const { linked: yes, rejected } = bundledCorpus().matcher.explain(text);
  const m = [...yes, ...rejected].find((x) => x.text === name);
  assert.ok(m, `no candidate "${name}" in ${JSON.stringify(text)}`);
  assert.equal(m.evidence.linked, yes.includes(m));
  return m.evidence;
};

describe('name forms', () => {
  it('finds a phrase name in the title\'s own capitals, not in other capitals', () => {
    assert.deepEqual(linked('We follow Tracking Meets LoRA for the tracker.'), [['Tracking Meets LoRA', 'Tracking Meets LoRA']]);
    assert.deepEqual(texts('tracking meets lora in lower case'), []);
    // A phrase followed by more title words names another work.
    assert.deepEqual(texts('Tracking Meets LoRA Adapters in Detection'), []);
  });

  it('finds a question title cited up to its question mark, in any case', () => {
    const text = 'As asked in "What learning algorithm is in-context learning?", transformers implement it.';
    assert.deepEqual(texts(text), ['What learning algorithm is in-context learning?']);
    assert.deepEqual(texts('what learning algorithm is in-context learning? we ask.'), ['what learning algorithm is in-context learning?']);
    assert.deepEqual(texts('What learning algorithm is in-context learning'), []);
  });

  it('finds a distinctive name inside X-style, X-based, X-like, X-ensemble and X\'s compounds', () => {
    assert.deepEqual(texts('a LoRAT-style tracker, DataComp-based filtering, a SaRA-like schedule, MatFormer-ensemble runs and DataComp\'s pool'), [
      'LoRAT',
      'DataComp',
      'SaRA',
      'MatFormer',
      'DataComp',
    ]);
    // Another suffix makes another name, and a known longer name wins.
    assert.deepEqual(texts('DataComp-XL and LoRAT-v2'), []);
    assert.deepEqual(find('DataComp-1B is large').map((m) => [m.text, m.kind]), [['DataComp-1B', 'method']]);
  });

  it('finds a distinctive name in other casings in prose, never as an identifier or in code', () => {
    assert.deepEqual(texts('Lorat and Datacomp, and the datacomp pool; also Laion5B.'), ['Lorat', 'Datacomp', 'datacomp', 'Laion5B']);
    for (const code of ['import datacomp', 'from datacomp import pool', 'pip install datacomp', 'x = datacomp.load()', 'datacomp_v2 = 1', 'path/to/datacomp/file', 'run(datacomp)']) {
      assert.deepEqual(texts(code), [], code);
    }
    assert.deepEqual(texts('To activate it:\n\n```\nconda activate datacomp\n```\n'), []);
    // All capitals reads as another acronym; short names keep their own case.
    assert.deepEqual(texts('DATACOMP and LORAT, Sara and sit, jedi'), []);
  });

  it('finds a plural of a distinctive name, and the names an abstract gives its variants', () => {
    assert.deepEqual(linked('MatFormers nest; MatLM and MatViT are its models.'), [
      ['MatFormers', 'MatFormer'],
      ['MatLM', 'MatFormer'],
      ['MatViT', 'MatFormer'],
    ]);
    assert.deepEqual(linked('EvoNorm layers; the EvoNorms of the paper.'), [
      ['EvoNorm', 'Evolving Normalization-Activation Layers'],
      ['EvoNorms', 'Evolving Normalization-Activation Layers'],
    ]);
    // A field acronym the abstract uses (FFN, PEFT) is no name of the paper.
    assert.deepEqual(texts('an FFN block and PEFT methods'), []);
  });

  it('finds a hyphenated name written without its hyphen', () => {
    assert.deepEqual(linked('trained on LAION5B and OpenQwen2VL'), [
      ['LAION5B', 'LAION-5B'],
      ['OpenQwen2VL', 'Open-Qwen2VL'],
    ]);
  });

  it('reads braces between BibTeX words as nothing', () => {
    const bib = 'title = {{DataComp}: In search of the next generation of multimodal datasets},';
    assert.deepEqual(find(bib).map((m) => m.kind), ['title']);
  });
});

describe('resolving collision-prone names on evidence', () => {
  it('links CUDA where the text is about the paper, not where it is about the toolkit', () => {
    assert.deepEqual(linked('CUDA generates unlearnable datasets with class-wise filters.'), [['CUDA', 'CUDA']]);
    assert.deepEqual(linked('As shown in CUDA [12], small filters suffice.'), [['CUDA', 'CUDA']]);
    for (const text of [
      'It utilizes batched operations and CUDA graph execution for efficient GPU inference.',
      'Our implementation introduces a Long-Axis-Split (LAS) CUDA kernel for rasterization.',
      // The generic cues prove nothing by themselves.
      'The CUDA paper proposes a new method and we introduce it.',
    ]) {
      assert.deepEqual(texts(text), [], text);
    }
  });

  it('follows what the text defines: another long form refutes, the paper\'s own confirms', () => {
    const other = 'We propose the Concept-based Unsupervised Domain Adaptation (CUDA) framework. CUDA is designed to align concepts and makes data unlearnable.';
    assert.deepEqual(texts(other), []);
    const why = reasonsOf(other, 'CUDA');
    assert.equal(why.linked, false);
    assert.match(why.reasons.join('\n'), /spells it out as "Concept-based Unsupervised Domain Adaptation", which is not the paper's/);

    // The same definition written twice is one reason, not two.
    const twice = reasonsOf(`${other} Again, Concept-based Unsupervised Domain Adaptation (CUDA) helps.`, 'CUDA');
    assert.equal(twice.reasons.filter((r) => r.includes('spells it out')).length, 1, twice.reasons.join('\n'));

    const own = 'Convolution-based Unlearnable Datasets (CUDA) poison data. Later, CUDA is compared.';
    assert.deepEqual(texts(own), ['CUDA', 'CUDA']);
    assert.match(reasonsOf(own, 'CUDA').reasons.join('\n'), /as the paper does/);

    // A title's subtitle runs on past the long form; the long form as people write it is the paper's too.
    for (const [text, long] of [
      ['We fine-tune with Context-Oriented Decomposition Adaptation (CorDA) on LLaMA.', 'Context-Oriented Decomposition Adaptation'],
      ['We fine-tune with Context-Oriented Decomposition Adaptation of Large Language Models (CorDA).', 'Context-Oriented Decomposition Adaptation of Large Language Models'],
      ['We use Joint-Image Diffusion (JeDi) for personalization.', 'Joint-Image Diffusion'],
    ]) {
      const why = reasonsOf(text, text.includes('JeDi') ? 'JeDi' : 'CorDA');
      assert.equal(why.linked, true, text);
      assert.deepEqual(why.reasons, [`the text spells it out as "${long}", as the paper does`], text);
    }
    // Another long form, though made of the abstract's words, is not the paper's.
    const decomposed = reasonsOf('Context-Oriented Decomposed Adaptation (CorDA) is ours.', 'CorDA');
    assert.equal(decomposed.linked, false);
    assert.deepEqual(decomposed.reasons, ['the text spells it out as "Context-Oriented Decomposed Adaptation", which is not the paper\'s']);

    assert.deepEqual(texts('We present Mixture of Sparse Attention (MoSA), a novel approach. MoSA dynamically selects tokens.'), []);
    assert.deepEqual(texts('This paper introduces VLM-in-the-Wild (ViLD), a comprehensive framework. ViLD provides insights.'), []);
  });

  it('follows a text that introduces the name as its own work, by how it describes it', () => {
    assert.deepEqual(texts('We introduce Hydra, an adaptive agentic framework that enhances plug-in VLMs through iterative reasoning.'), []);
    assert.deepEqual(texts('We present Hydra, a universal contrastive learning framework for visual representations with arbitrary pairs.'), ['Hydra']);
  });

  it('does not link a name the background uses for another work without context about the paper', () => {
    assert.deepEqual(texts('Extensive experiments on diverse visual generation models, including DiT, SiT, Latte, and FLUX.'), []);
    assert.deepEqual(texts('Using a pretrained SiT model, we reach an FID of 1.61 on ImageNet.'), []);
    assert.deepEqual(texts('SiT pretrains vision transformers with self-supervised reconstruction as a pretext task.'), ['SiT']);
  });

  it('links a short name throughout a text that states the full title or links the paper\'s code', () => {
    const note = '# SiT: Self-supervised vIsion Transformer\n\nNotes.\n\nWe ran SiT on our data.\n';
    assert.deepEqual(texts(note), ['SiT: Self-supervised vIsion Transformer', 'SiT']);
    const readme = 'See https://github.com/tensorflow/tpu/tree/master/models/official/detection/projects/vild\n\nViLD results below.\n';
    assert.deepEqual(texts(readme), ['ViLD']);
  });

  it('reads a reference-list entry as a citation of the paper it describes', () => {
    const ssl = '## Self-supervised vision transformers\n\n- **SiT** [Paper](https://arxiv.org/abs/2104.03602) [Code](https://example.org/sit): pretext reconstruction of vision transformers.\n';
    assert.deepEqual(texts(ssl), ['SiT']);
    const diffusion = '## Diffusion\n\n- **SiT** [Paper](https://arxiv.org/abs/2401.08740) [Code](https://example.org/sit): interpolant transformers, FID on ImageNet.\n';
    assert.deepEqual(texts(diffusion), []);
  });

  it('decides per section in a text too large to be one discourse', () => {
    const filler = 'Sparse kernels and batched scheduling dominate throughput on modern accelerators. '.repeat(120);
    const gpu = `## Kernel study\n\nWe write CUDA kernels for attention. ${filler}\n\n`;
    const paper = '## Poisoning\n\nCUDA makes data unlearnable with class-wise convolution filters.\n\n';
    let text = '';
    while (text.length < 1_100_000) text += gpu;
    text += paper;
    const found = find(text);
    assert.equal(found.length, 1);
    assert.equal(found[0].start, text.lastIndexOf('CUDA makes'));
  });

  it('does not link a distinctive name in a text about something else, with the real statistics', () => {
    const baking =
      'To bake a rustic sourdough loaf, feed the starter the night before, then mix flour, water and salt in a large bowl. Knead the dough gently, fold it every half hour, and let it rise until doubled. Shape the loaf, dust the basket with rice flour, and proof it overnight in the fridge. Preheat the oven with a cast iron pot inside, score the top with a razor, and bake covered for twenty minutes, then uncovered until the crust turns deep brown. ' +
      'Cool it on a wire rack before slicing, since the crumb keeps setting as it cools. Leftover slices freeze well wrapped in paper; toast them straight from the freezer, spread with butter, honey or a sharp cheddar, and serve with soup on a cold evening. My grandmother added walnuts, raisins and a pinch of cinnamon at Christmas.';
    for (const name of ['LoRAT', 'DataComp', 'CorDA']) {
      const e = reasonsOf(`${baking} We also tried ${name} on the bread.`, name);
      assert.equal(e.linked, false, name);
      assert.match(e.reasons[0], /^the text is about something else: the paper's words in it score -?0\.\d over chance, under 1 \(none of them\)$/, name);
    }
    // The same paragraph on the paper's topic; the same sentence alone, too short to tell.
    assert.equal(reasonsOf(`${baking} We also tried LoRAT for visual tracking with low-rank adaptation of a ViT.`, 'LoRAT').linked, true);
    assert.equal(reasonsOf('We also tried LoRAT on the bread.', 'LoRAT').linked, true);
  });

  it('follows the policy: always links every candidate, never drops collision-prone names', () => {
    assert.deepEqual(texts('We wrote our kernels in CUDA for speed.'), []);
    assert.deepEqual(find('We wrote our kernels in CUDA for speed.', 'always').map((m) => m.text), ['CUDA']);
    assert.deepEqual(find('CUDA generates unlearnable datasets.', 'never'), []);
    assert.deepEqual(find('DataComp and CUDA: Convolution-based Unlearnable Datasets', 'never').map((m) => m.text), ['DataComp', 'CUDA: Convolution-based Unlearnable Datasets']);
  });

  it('drops a name–paper pair the user turned off ("Not this paper"), and only that pair', () => {
    const dataComp = paperTitled('DataComp:').id;
    const text = 'DataComp and its DataComp-1B pool, and LoRAT.';
    const off = bundledCorpus().matcher.find(text, { suppressed: (id, name) => id === dataComp && name === 'DataComp' });
    assert.deepEqual(off.map((m) => m.text), ['DataComp-1B', 'LoRAT']);
  });

  it('keeps the decisions of a whole document for a window of it (one sense across windows)', () => {
    const doc = `${'filler line\n'.repeat(50)}CUDA makes data unlearnable with class-wise filters.\n\n${'more filler\n'.repeat(50)}We ran CUDA again.\n`;
    const summary = bundledCorpus().matcher.summarize(doc);
    const window = doc.slice(doc.indexOf('We ran'));
    assert.deepEqual(bundledCorpus().matcher.find(window).map((m) => m.text), []);
    assert.deepEqual(bundledCorpus().matcher.find(window, { discourse: summary }).map((m) => m.text), ['CUDA']);
  });

  it('explains each decision: prior, reason and evidence', () => {
    const e = reasonsOf('CUDA generates unlearnable datasets with class-wise filters.', 'CUDA');
    assert.equal(e.linked, true);
    assert.equal(e.prior, 'collision-prone');
    assert.equal(e.why, 'an everyday word');
    assert.match(e.reasons[0], /sentence context .*unlearnable/);
    assert.equal(reasonsOf('We compare against DataComp.', 'DataComp').prior, 'distinctive');
    assert.equal(paperTitled('SiT:').id, bundledCorpus().find('SiT')?.id);
  });
});

describe('what was precise before stays precise, for every kind of name', () => {
  it('never fires inside identifiers, paths, member access, calls, version numbers or SQL', () => {
    for (const text of [
      'DataComp_v2 = load()',
      'models/LoRAT/config.yaml',
      'x = torch.DataComp',
      'LoRAT(model)',
      'Install CUDA 12 first.',
      'Hydra v1.3 is out.',
      'SELECT count(*) FILTER (WHERE x > 1) FROM t;',
      'export CUDA_VISIBLE_DEVICES=0',
    ]) {
      assert.deepEqual(texts(text), [], text);
    }
  });

  it('never fires on a string literal in code or a BibTeX key, even for a distinctive name', () => {
    assert.deepEqual(texts('vlm = load("Open-Qwen2VL")'), []);
    assert.deepEqual(texts("name = 'DataComp'"), []);
    assert.deepEqual(texts('@article{Open-Qwen2VL,\n  title = {Something else},'), []);
    // Quotes in prose are prose.
    assert.deepEqual(texts('a benchmark called "DataComp", in short'), ['DataComp']);
  });
});

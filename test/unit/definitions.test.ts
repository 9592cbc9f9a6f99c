import { strict as assert } from 'node:assert';
import { acronymDefinitions, isShortForm, longFormBefore, longFormFor, longFormInside, longFormKey, shortHash } from '../../src/core/definitions';

describe('acronym definitions (Schwartz and Hearst)', () => {
  it('finds "Long Form (ACR)" and "ACR (Long Form)"', () => {
    const text = 'we study the Concept-based Unsupervised Domain Adaptation (CUDA) framework. ViLD (Vision and Language knowledge Distillation) is fast.';
    assert.deepEqual(
      acronymDefinitions(text).map((d) => [d.short, d.long, text.slice(d.index, d.index + d.short.length)]),
      [
        ['CUDA', 'Concept-based Unsupervised Domain Adaptation', 'CUDA'],
        ['ViLD', 'Vision and Language knowledge Distillation', 'ViLD'],
      ],
    );
  });

  it('takes only the words the short form spells, and none across a sentence end', () => {
    assert.equal(longFormFor('MatLM', 'a 2.6B decoder-only MatFormer language model'), 'MatFormer language model');
    assert.equal(longFormFor('HPM', 'we propose Hard Patches Mining'), 'Hard Patches Mining');
    assert.equal(longFormFor('XYZ', 'nothing like it'), undefined);
    const text = 'It ends here. Mining (HPM)';
    assert.equal(longFormBefore(text, text.indexOf('('), 'HPM'), undefined);
  });

  it('compares long forms by their letters, ignoring case, plurals and markup', () => {
    assert.equal(longFormKey('Convolution-based Unlearnable DAtaset'), longFormKey('convolution based unlearnable datasets'));
    assert.equal(longFormKey('**Vi**sion and **L**anguage'), longFormKey('Vision and Language'));
    assert.notEqual(longFormKey('Mixture of Sparse Attention'), longFormKey('Mixture of Sparse Adapters'));
  });
});

describe('acronym definitions on small inputs', () => {
  it('matches every letter and digit of the short form right to left, the first at the start of a word', () => {
    assert.equal(longFormFor('G-NN', 'graph neural network'), 'graph neural network', 'the hyphen of the short form is skipped');
    assert.equal(longFormFor('VL', 'Vision-Language'), 'Vision-Language', 'in any letter case, a hyphen between the words');
    assert.equal(longFormFor('EL', 'extra large'), 'extra large', 'the first letter at the start of the text');
    assert.equal(longFormFor('AB', 'xa big'), undefined, 'the "a" of "xa" does not start a word');
    assert.equal(longFormFor('HPM', 'ours:\nHard Patches Mining'), 'Hard Patches Mining', 'the long form starts after a line break');
    assert.equal(longFormFor('HPM', 'we propose\tHard Patches Mining'), 'propose\tHard Patches Mining', 'a tab is not where a long form starts');
    assert.equal(longFormFor('HPM', 'we propose Hard Patches Mining  '), 'Hard Patches Mining', 'trimmed');
  });

  it('needs two letters or digits, a long form longer than the short form, and more than one word', () => {
    assert.equal(longFormFor('E', 'extra large'), undefined);
    assert.equal(longFormFor('E-', 'extra large'), undefined);
    assert.equal(longFormFor('A-B', 'a b'), undefined, 'as long as the short form');
    assert.equal(longFormFor('A-B', 'a bc'), 'a bc');
    assert.equal(longFormFor('VAE', 'variationalautoencoder'), undefined, 'one word');
    assert.equal(longFormFor('VL', 'Vision\tLanguage'), 'Vision\tLanguage');
  });

  it('tells a short form: one token of letters, digits, ^ + -, with a capital, at most 16 characters', () => {
    for (const text of ['CUDA', 'BT^2', 'GPT-4', 'A', 'Ab1', 'ÄB', 'A^2', 'ABCDEFGHIJKLMNOP', '2D-GS']) assert.ok(isShortForm(text), text);
    for (const text of ['cuda', 'A+', 'C++', '-AB', 'AB-', 'A B', 'A_B', 'ABCDEFGHIJKLMNOPQ', '', 'x2', 'ab-CD.']) assert.ok(!isShortForm(text), text);
  });

  it('takes at most min(n + 5, 2n) words for a short form of n letters and digits', () => {
    // "AB": 4 words.
    assert.equal(longFormInside('alpha of the big', 'AB'), 'alpha of the big');
    assert.equal(longFormInside('alpha of or the big', 'AB'), undefined);
    assert.equal(longFormInside('alpha  of the\n big', 'AB'), 'alpha  of the\n big', 'words, not spaces, are counted');
    const before = (text: string) => longFormBefore(text, text.indexOf('('), 'AB');
    assert.equal(before('so alpha one two beta (AB)'), 'alpha one two beta');
    assert.equal(before('alpha one two three beta (AB)'), undefined);
    // "A-B" counts two letters: 4 words too.
    assert.equal(longFormInside('alpha of or the big', 'A-B'), undefined);
    // "ABCDEF": 11 words.
    const eleven = 'alpha beta charlie delta echo foxtrot one two three four five';
    assert.equal(longFormInside(eleven, 'ABCDEF'), eleven);
    assert.equal(longFormInside(`${eleven} six`, 'ABCDEF'), undefined);
  });

  it('needs the whole text inside the parentheses to be the long form', () => {
    assert.equal(longFormInside('  Vision and Language  ', 'VL'), 'Vision and Language');
    assert.equal(longFormInside('see Vision and Language', 'VL'), undefined);
    assert.equal(longFormInside('   ', 'VL'), undefined);
  });

  it('never reaches back over a sentence end, a bracket or a blank line, nor more than 200 characters', () => {
    const before = (text: string) => longFormBefore(text, text.lastIndexOf('('), 'HPM');
    for (const stop of ['. ', '; ', ': ', '! ', '? ', ' (see) ', ' [x] ', '{x}', '\n\n', '\n \n']) {
      assert.equal(before(`Hard${stop}Patches Mining (HPM)`), undefined, JSON.stringify(stop));
    }
    assert.equal(before('Hard.Patches Mining (HPM)'), 'Hard.Patches Mining', 'a dot inside a word is no sentence end');
    assert.equal(before('Hard\nPatches Mining (HPM)'), 'Hard\nPatches Mining', 'nor is a line break');
    assert.equal(before('Hard Patches Mining (HPM)'), 'Hard Patches Mining');
    assert.equal(before('Hard Patches Mining(HPM)'), 'Hard Patches Mining');
    assert.equal(before('H. Patches Mining (HPM)'), undefined, 'a one-letter word before the sentence end');
    const far = (letters: number) => `Hard Patches M${'i'.repeat(letters)}ning (HPM)`;
    assert.equal(before(far(180)), `Hard Patches M${'i'.repeat(180)}ning`);
    assert.equal(before(far(186)), undefined);
    assert.equal(before('(HPM)'), undefined);
  });

  it('gives the place of the short form, inside or before the parentheses', () => {
    const text = 'In this paper we use CUDA (Convolution-based Unlearnable Datasets) and Hard Patches Mining ( HPM ).';
    const found = acronymDefinitions(text);
    assert.deepEqual(
      found.map((d) => [d.short, d.long, d.index]),
      [
        ['CUDA', 'Convolution-based Unlearnable Datasets', 21],
        ['HPM', 'Hard Patches Mining', text.indexOf('HPM')],
      ],
    );
  });

  it('finds the short form before the parentheses with any spacing', () => {
    for (const gap of ['', ' ', '  ', '\n']) {
      const text = `We use CUDA${gap}(Convolution-based Unlearnable Datasets).`;
      assert.deepEqual(
        acronymDefinitions(text).map((d) => [d.short, d.index]),
        [['CUDA', 7]],
        JSON.stringify(gap),
      );
    }
  });

  it('reads parentheses of 1 to 120 characters on one line only', () => {
    const long = `Hard Patches Mining (${'x'.repeat(121)})`;
    assert.deepEqual(acronymDefinitions(long), []);
    assert.deepEqual(acronymDefinitions('Hard Patches Mining (HPM\n)'), []);
    assert.deepEqual(acronymDefinitions('the model (a big one) and CUDA (none here)'), []);
    assert.equal(acronymDefinitions('Hard Patches Mining (HPM)')[0]?.long, 'Hard Patches Mining');
  });

  it('reduces a long form to lower-case letters and digits, a final s dropped from words of four letters or more', () => {
    assert.equal(longFormKey('Gas Models'), 'gasmodel');
    assert.equal(longFormKey('Glass Bus'), 'glassbus');
    assert.equal(longFormKey('Datas'), 'data');
    assert.equal(longFormKey('snake_case `Code` *Über*-Nets'), 'snakecasecodeübernet');
  });

  it('hashes to 20 bits, written in base 36', () => {
    const keys = ['a', 'b', 'convolutionbasedunlearnabledataset', 'visionandlanguage', 'x'.repeat(50), 'ü'];
    const hashes = keys.map(shortHash);
    for (const h of hashes) {
      assert.match(h, /^[0-9a-z]+$/);
      const value = parseInt(h, 36);
      assert.ok(value >= 0 && value < 2 ** 20, `${h} = ${value}`);
    }
    assert.equal(new Set(hashes).size, keys.length);
    assert.equal(shortHash('a'), hashes[0]);
    // Half of all 32-bit hashes have the top bit set: at least one of these does, and stays positive.
    assert.ok(hashes.some((h) => parseInt(h, 36) >= 2 ** 19));
  });
});

describe('acronym definitions: an acronym of capitals read by its initials (issue 9: the arXiv halves)', () => {
  it('takes the words its letters begin, one a word, before the shortest match Schwartz and Hearst find', () => {
    // The shortest match finds the second R inside "Reward": two works' RRMs read alike.
    assert.equal(longFormFor('RRM', 'Residual Reward Model'), 'Residual Reward Model');
    assert.equal(longFormFor('RRM', 'Rubric Reward Model'), 'Rubric Reward Model');
    const sentence = 'we propose a Structured Sparse Attention (SSA) module';
    assert.equal(longFormBefore(sentence, sentence.indexOf('('), 'SSA'), 'Structured Sparse Attention');
    assert.equal(longFormFor('SSA', 'Sparse Sparse Attention'), 'Sparse Sparse Attention');
    assert.notEqual(longFormKey(longFormFor('RRM', 'Residual Reward Model')!), longFormKey(longFormFor('RRM', 'Rubric Reward Model')!));
    // Words cut at hyphens too; a plural `s` ends the acronym.
    assert.equal(longFormFor('BCAF', 'we present Bidirectional Cross-Attention Fusion'), 'Bidirectional Cross-Attention Fusion');
    assert.equal(longFormFor('LLMs', 'the Large Language Models'), 'Large Language Models');
    // A hyphen inside the acronym is no letter of it.
    assert.equal(longFormFor('RR-M', 'Residual Reward Model'), 'Residual Reward Model');
  });

  it('keeps the shortest match where the initials do not spell it, or the short form is not all capitals', () => {
    assert.equal(longFormFor('MoSA', 'a Mixture of Sparse Attention'), 'Mixture of Sparse Attention');
    // "the Universal Sentence Encoder": the initials spell USE from "Universal".
    assert.equal(longFormFor('USE', 'combines the Universal Sentence Encoder'), 'Universal Sentence Encoder');
    // No word begins with the first letter in place: as before, a letter inside a word.
    assert.equal(longFormFor('TNL', 'Transformer Network Layer'), 'Transformer Network Layer');
    assert.equal(longFormFor('CUDA', 'Convolution-based Unlearnable DAtasets'), 'Convolution-based Unlearnable DAtasets');
  });
});

import { strict as assert } from 'node:assert';
import { acronymDefinitions, longFormBefore, longFormFor, longFormKey } from '../../src/core/definitions';

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

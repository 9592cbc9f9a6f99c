import { strict as assert } from 'node:assert';
import { citationKey, formatCitation, CITATION_FORMATS } from '../../src/core/citations';
import type { Paper } from '../../src/core/types';
import { bundledCorpus, paperTitled } from './helpers';

describe('citations', () => {
  const dataComp = paperTitled('DataComp:');
  const filtering = paperTitled('Data Filtering Networks');
  const bt2 = paperTitled('BT^2');

  it('never prints undefined, null or empty fields for any bundled paper', () => {
    for (const p of bundledCorpus().papers) {
      for (const f of CITATION_FORMATS) {
        const c = formatCitation(p, f);
        assert.doesNotMatch(c, /undefined|null|NaN|\(\s*\)|=\s*\{\s*\}/, `${f}: ${p.title}`);
      }
    }
  });

  it('formats a Markdown link to the code when there is one, emphasis otherwise', () => {
    assert.equal(formatCitation(bt2, 'markdown'), '*BT\\^2: Backward-compatible Training with Basis Transformation*');
    assert.equal(
      formatCitation(paperTitled('Tracking Meets LoRA'), 'markdown'),
      '[Tracking Meets LoRA: Faster Training, Larger Model, Stronger Performance](https://github.com/LitingLin/LoRAT)',
    );
    assert.equal(formatCitation(filtering, 'markdown'), '*Data Filtering Networks*');
    const split = paperTitled('Split & Merge');
    assert.ok(formatCitation(split, 'markdown').startsWith('*Split \\& Merge'));
  });

  it('formats plain text as title then link', () => {
    assert.equal(formatCitation(filtering, 'text'), 'Data Filtering Networks.');
    const lorat = paperTitled('Tracking Meets LoRA');
    assert.equal(formatCitation(lorat, 'text'), 'Tracking Meets LoRA: Faster Training, Larger Model, Stronger Performance. https://github.com/LitingLin/LoRAT');
  });

  it('formats BibTeX with a stable key, protected title and no empty fields', () => {
    assert.equal(formatCitation(dataComp, 'bibtex'), '@misc{datacomp,\n  title = {{DataComp: In search of the next generation of multimodal datasets}}\n}');
    const b = formatCitation(bt2, 'bibtex');
    assert.match(b, /^@misc\{bt2,\n {2}title = \{\{BT\\\^\{\}2: Backward-compatible/);
    assert.equal(formatCitation(paperTitled('Split & Merge'), 'bibtex').includes('Split \\& Merge'), true);
  });

  it('uses authors and year when a library has them', () => {
    const p: Paper = { id: 'x', title: 'LoRA: Low-Rank Adaptation of Large Language Models', abstract: '', links: [], authors: ['Edward J. Hu', 'Yelong Shen', 'Phillip Wallis'], year: 2021 };
    assert.equal(citationKey(p), 'hu2021lora');
    assert.equal(formatCitation(p, 'text'), 'Edward J. Hu et al. (2021). LoRA: Low-Rank Adaptation of Large Language Models.');
    assert.equal(formatCitation(p, 'markdown'), '*LoRA: Low-Rank Adaptation of Large Language Models* (Edward J. Hu et al., 2021)');
    assert.match(formatCitation(p, 'bibtex'), /author = \{Edward J\. Hu and Yelong Shen and Phillip Wallis\},\n {2}year = \{2021\}/);
    assert.equal(citationKey({ ...p, authors: ['Hu, Edward J.'] }), 'hu2021lora');
  });

  it('keys come from the title alone and differ between papers', () => {
    const keys = bundledCorpus().papers.map(citationKey);
    assert.equal(new Set(keys).size, keys.length);
    assert.equal(citationKey(filtering), 'datafiltering');
    assert.equal(citationKey(bt2), 'bt2');
    assert.equal(citationKey(paperTitled('Split & Merge')), 'splitmerge');
    assert.equal(citationKey(paperTitled('What learning algorithm')), 'learningalgorithm');
    // The same title in another paper record (other id, abstract and links) gives the same key.
    assert.equal(citationKey({ ...filtering, id: 'other', abstract: 'Other.', links: ['https://github.com/o/r'] }), 'datafiltering');
  });
});

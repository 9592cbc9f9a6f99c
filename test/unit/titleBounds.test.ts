/**
 * Where a paper's full title ends and another work's title goes on around it: a title that a
 * title-cased word runs into, or that is only part of the text a line sets off (bold, a link's
 * text, quotation marks), is part of another title (`titleComesAfter`, `titleInsideLonger` in
 * `src/core/mentions.ts`). Checked on an awesome-list that writes Ho et al.'s title inside a dozen
 * other titles (`test/fixtures/lists/`, MIT), and on sentences that keep the title whole.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mentionsInFile } from '../../src/core/views';
import { corpusOf, lazily, ROOT } from './helpers';

const DDPM = 'Denoising Diffusion Probabilistic Models';
const NODE = 'Neural Ordinary Differential Equations';

const corpus = lazily(() =>
  corpusOf([
    { title: DDPM, abstract: 'We present high quality image synthesis results using diffusion probabilistic models, a class of latent variable models inspired by nonequilibrium thermodynamics.' },
    { title: NODE, abstract: 'We introduce a new family of deep neural network models that parameterize the derivative of the hidden state with a neural network and a black-box solver.' },
  ]),
);

/** The title mentions in `text`, each as its text. */
const titles = (text: string): string[] =>
  corpus()
    .matcher.find(text, 'context')
    .map((m) => text.slice(m.start, m.end));

describe('a title inside a longer title', () => {
  it('finds Ho et al.\'s title in an awesome-list only where an item is that paper', () => {
    const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'lists', 'awesome-diffusion-models.md'), 'utf8');
    const found = corpus()
      .matcher.find(text, 'context')
      .map((m) => text.slice(text.lastIndexOf('\n', m.start) + 1, text.indexOf('\n', m.start)));
    // The paper's own item, and a tutorial named after it; not the eleven other titles that hold it.
    assert.deepEqual(found, ['**Denoising diffusion probabilistic models** \\', `**${DDPM}** \\`]);
    assert.equal(text.match(/denoising diffusion probabilistic model/gi)?.length, 13);
  });

  it('is the end of another title after a title-cased word, or after one and "of"', () => {
    for (const text of [
      `- Improved ${DDPM}`,
      `Nichol and Dhariwal. Improved ${DDPM.toLowerCase()}. In ICML, 2021.`,
      `"Improved ${DDPM}" (Nichol & Dhariwal, 2021)`,
      'The Nature of Neural Ordinary Differential Equations',
      `A Survey of ${DDPM}`,
      // In a .bib file, with protected capitals.
      `  title = {The {N}ature of {N}eural {O}rdinary {D}ifferential {E}quations},`,
      `## Augmented ${NODE}`,
      // A word of prose capitalised inside a line is title case.
      `Low-Dose CT Using ${DDPM} for Speedup`,
      `Face Image Quality Assessment Using ${DDPM}`,
    ]) {
      assert.deepEqual(titles(text), [], text);
    }
  });

  it('is whole after a word of prose that opens a sentence or a line, after punctuation, and after lower case', () => {
    for (const [text, title] of [
      [`Unlike ${NODE}, we solve it once.`, NODE],
      [`We train it. Using ${DDPM}, we sample.`, DDPM],
      [`See ${DDPM} for the loss.`, DDPM],
      [`In ${DDPM}, Ho et al. train a U-Net.`, DDPM],
      [`The ${DDPM} paper trains a U-Net.`, DDPM],
      [`We build on ${DDPM} here.`, DDPM],
      [`Ho, J., Jain, A., and Abbeel, P. (2020). ${DDPM}. In NeurIPS.`, DDPM],
      [`Jonathan Ho, Ajay Jain, and Pieter Abbeel. ${DDPM.toLowerCase()}. In NeurIPS 2020.`, DDPM.toLowerCase()],
      [`1) **${DDPM}** (Dec 2020):`, DDPM],
      // Sentence-opening verbs, a capitalised name and a preposition, words in capitals.
      [`Read ${DDPM} first.`, DDPM],
      [`We fine-tune the Transformer from ${DDPM} here.`, DDPM],
      [`Code for ${DDPM}`, DDPM],
      [`Implementation of ${DDPM} with a U-Net.`, DDPM],
      [`description = "Implementation of ${DDPM}"`, DDPM],
      [`name = "Sampling as in ${DDPM}"`, DDPM],
      [`WE READ ${DDPM.toUpperCase()} TODAY.`, DDPM.toUpperCase()],
    ] as const) {
      assert.deepEqual(titles(text), [title], text);
    }
  });

  it('reads a .bib file\'s protected capitals as the title\'s own, before it as after it', () => {
    const inBib = (text: string) => mentionsInFile(corpus().matcher, 'refs.bib', text, { policy: 'context' }).map((m) => text.slice(m.start, m.end));
    assert.deepEqual(inBib('  title = {{N}eural {O}rdinary {D}ifferential {E}quations},\n'), ['N}eural {O}rdinary {D}ifferential {E}quations']);
    assert.deepEqual(inBib('  title = {Augmented {N}eural {O}rdinary {D}ifferential {E}quations},\n'), []);
    assert.deepEqual(inBib('  title = {The {N}ature of {N}eural {O}rdinary {D}ifferential {E}quations},\n'), []);
    assert.deepEqual(inBib('  title = {{T}he {N}ature of {N}eural {O}rdinary {D}ifferential {E}quations},\n'), []);
    assert.deepEqual(inBib("  title = {Kim's {N}eural {O}rdinary {D}ifferential {E}quations},\n"), []);
    // Prose words and punctuation before it in a .bib field leave it whole.
    assert.deepEqual(inBib('  note = {See {N}eural {O}rdinary {D}ifferential {E}quations},\n'), ['N}eural {O}rdinary {D}ifferential {E}quations']);
    assert.deepEqual(inBib('  note = {e.g. {N}eural {O}rdinary {D}ifferential {E}quations},\n'), ['N}eural {O}rdinary {D}ifferential {E}quations']);
  });

  it('is part of the text a line sets off when a word joins it there, not when punctuation does', () => {
    for (const text of [
      `**Remote Sensing Change Detection (Segmentation) using ${DDPM}** \\`,
      `**${DDPM.toLowerCase()} for probabilistic energy forecasting** \\`,
      `**Can ${DDPM.toLowerCase()} generate realistic astrophysical fields?**`,
      `[Image inpainting using ${DDPM}](https://arxiv.org/abs/2302.01217)`,
      `as in \u201cInpainting using ${DDPM}\u201d.`,
    ]) {
      assert.deepEqual(titles(text), [], text);
    }
    for (const [text, title] of [
      [`- [DDPM, ${DDPM}, 2020](https://arxiv.org/pdf/2006.11239)`, DDPM],
      [`- [${DDPM}](http://arxiv.org/abs/2006.11239)`, DDPM],
      [`- "${DDPM}" (Ho et al., 2020)`, DDPM],
      [`We use **${DDPM}** and more.`, DDPM],
      // A mark closed before the title, or never closed on its line, sets nothing off.
      [`**Key idea**: ${DDPM} learn to denoise.`, DDPM],
      [`[1] ${DDPM} learn to denoise.`, DDPM],
      [`"Quoted" words, then ${DDPM} and more.`, DDPM],
      [`An open [bracket before ${DDPM} and more.`, DDPM],
      // A sentence set off is no title: a sentence's end inside the marks, or more than 200 characters.
      [`**A model card. It cites the ${DDPM} paper by name.**`, DDPM],
      [`\u201cWe use the ${DDPM} loss! It trains well.\u201d`, DDPM],
      [`[The authors build on the ${DDPM} paper, ${'and then on many other papers, '.repeat(6)}to the end](https://example.org)`, DDPM],
      // Quoted prose and strings of code are not titles set off.
      [`    """Implements ${DDPM} with a U-Net."""`, DDPM],
      [`  "notes": "A model card. It cites the ${DDPM} paper by name."`, DDPM],
      [`print("Sampling as in ${DDPM} with 1000 steps, then decoding the latents at full resolution for every image of the batch, one by one, slowly, as the original code did in its first release, before its authors rewrote it")`, DDPM],
    ] as const) {
      assert.deepEqual(titles(text), [title], text);
    }
  });
});

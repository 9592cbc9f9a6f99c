/**
 * A library paper's short name that is also a person's name ("Adam: A method for stochastic
 * optimization", "Sophia: A Scalable Stochastic Second-order Optimizer", "Graf: Generative
 * radiance fields") is no mention in a byline, a line's list of people's names (`inByline` in
 * `src/core/mentions.ts`); nor is "Adams" the plural of "Adam". Checked on items of an
 * awesome-list that writes every paper's authors under its title (`test/fixtures/lists/`, MIT).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledCorpus, corpusOf, lazily, ROOT } from './helpers';

const corpus = lazily(() =>
  corpusOf([
    { title: 'Adam: A Method for Stochastic Optimization', abstract: 'We introduce Adam, an algorithm for first-order gradient-based optimization of stochastic objective functions, based on adaptive estimates of lower-order moments.' },
    { title: 'Sophia: A Scalable Stochastic Second-order Optimizer for Language Model Pre-training', abstract: 'We propose Sophia, a simple scalable second-order optimizer that uses a light-weight estimate of the diagonal Hessian as the pre-conditioner.' },
    { title: 'GRAF: Generative Radiance Fields for 3D-Aware Image Synthesis', abstract: 'We propose GRAF, a generative model for radiance fields which have recently proven successful for novel view synthesis of a single scene.' },
  ]),
);

const names = (text: string): string[] =>
  corpus()
    .matcher.find(text, 'context')
    .map((m) => text.slice(m.start, m.end));

describe("a person's name in a byline", () => {
  it('links no author of an awesome-list\'s items, and no "Adams Solver"', () => {
    const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'lists', 'awesome-diffusion-models-authors.md'), 'utf8');
    assert.ok(/Adam Klivans/.test(text) && /Sophia S\. Goller/.test(text) && /Vincent Adam,/.test(text) && /Adams Solver/.test(text));
    assert.deepEqual(names(text), []);
  });

  it('is a part of a line that lists three or more people, two thirds of its parts or more', () => {
    for (const text of [
      'Giannis Daras, Kulin Shah, Adam Klivans',
      '*Adam Block, Daniel Pfrommer, Max Simchowitz* \\',
      'Prakhar Verma, Vincent Adam, Arno Solin',
      'Otniel-Bogdan Mercea, A. Sophia Koepke, Zeynep Akata',
      'Curtis Hawthorne, Ian Simon, Adam Roberts and Neil Zeghidour',
      'Adam Polyak¹, Uriel Singer†, Oron Ashual*',
      'Sophia S. Goller; Jon Rischewski; Jan S. Kirschke',
      // Initials without full stops, as a Manubot manuscript's reference list writes them (greenelab/manubot-gpt-manuscript, CC BY 4.0).
      '\\CSLBlock{Han P Wanderer, Robert W Turer, Scott D Nelson, Allison B McCoy, Dean F Sittig, Adam Wright} \\emph{Journal of the American Medical Informatics Association} (2023-04-22) \\url{https://doi.org/gsgvw2}',
    ]) {
      assert.deepEqual(names(text), [], text);
    }
  });

  it('counts people among the parts: two thirds at least, each of two to four words', () => {
    const people = 'Adam Klivans, Kulin Shah, Yuval Dagan, Aravind Gollakota';
    assert.deepEqual(names(`${people}, the team, our lab`), [], 'four people of six parts');
    assert.deepEqual(names(`${people}, the team, our lab, the rest`), ['Adam'], 'four of seven');
    assert.deepEqual(names('Adam Optimizer Beats Every Baseline, Sophia Optimizer Wins Them All, Lion Optimizer Is Fine'), ['Adam', 'Sophia'], 'parts of five words');
    assert.deepEqual(names('Adam Klivans, Kulin Shah, A. B.'), ['Adam'], 'initials alone are no person');
    assert.deepEqual(names('Adam Klivans, Kulin Shah, A B'), ['Adam'], 'initials alone are no person, with or without full stops');
  });

  it('still links the name in prose, in a list of methods and in a reference list', () => {
    for (const [text, expected] of [
      // A LaTeX group around the name is read as the list, and this one is of optimizers.
      ['Adam Klivans, Kulin Shah, Yuval Dagan\nOptimizers \\emph{Adam, SGD and Lion} compared.', ['Adam']],
      ['We train with Adam, a learning rate of 1e-4 and no warm-up.', ['Adam']],
      ['Optimizers compared: Adam, Sophia, Lion and SGD.', ['Adam', 'Sophia']],
      ['Kingma, D. P., & Ba, J. (2014). Adam: A method for stochastic optimization. In ICLR.', ['Adam: A method for stochastic optimization']],
      ['Adam Optimizer', ['Adam']],
      // One person's name alone on a line is no list.
      ['Adam Klivans', ['Adam']],
      // Two capitalised pairs are as often two things' names; a list whose parts are mostly not people's names.
      ['We compare Adam Optimizer and Sophia Optimizer.', ['Adam', 'Sophia']],
      ['Adam Optimizer, Sophia Optimizer', ['Adam', 'Sophia']],
      ['Baselines: Adam Optimizer, SGD with momentum, LAMB at large batch, Lion from search', ['Adam']],
    ] as const) {
      assert.deepEqual(names(text), expected, text);
    }
  });

  it('has no plural for a name written as a plain capitalised word, and keeps it for a coined one', () => {
    assert.deepEqual(names('Stochastic Adams Solver for Fast Sampling'), []);
    assert.deepEqual(bundledCorpus().matcher.find('We compare two MatFormers.', 'context').map((m) => m.text), ['MatFormers']);
  });
});

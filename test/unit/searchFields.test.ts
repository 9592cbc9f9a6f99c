/** Search over a library paper's authors, year and citation keys, beside the bundled papers. */
import { strict as assert } from 'node:assert';
import { loadSources } from '../../src/core/sources';
import { bundledSeeds, lazily, LISTING, readListing } from './helpers';

const BIB = [
  '@inproceedings{vaswani2017attention, title = {Attention Is All You Need},',
  '  author = {Vaswani, Ashish and Shazeer, Noam}, year = {2017}}',
  '@article{ho2020ddpm, title = {Denoising Diffusion Probabilistic Models},',
  '  author = {Ho, Jonathan and Jain, Ajay and Abbeel, Pieter}, year = {2020}}',
  '@article{song2021sde, title = {Score-Based Generative Modeling through Stochastic Differential Equations},',
  '  author = {Song, Yang and Sohl-Dickstein, Jascha and Kingma, Diederik P. and Kumar, Abhishek}, year = {2021}}',
  '@article{kingma2014adam, title = {Adam: A Method for Stochastic Optimization},',
  '  author = {Kingma, Diederik P. and Ba, Jimmy}, year = {2014}}',
  '@article{muller2019, title = {When Does Label Smoothing Help?},',
  '  author = {M{\\"u}ller, Rafael and Kornblith, Simon and Hinton, Geoffrey}, year = {2019}}',
  '@article{neal2011mcmc, title = {MCMC Using Hamiltonian Dynamics}, author = {Neal, Radford M and others}, year = {2011}}',
].join('\n');

describe('SearchIndex over authors, year and keys', () => {
  const corpus = lazily(() => loadSources({ bundled: { file: LISTING, text: readListing() }, files: [{ file: 'refs.bib', input: BIB }], ...bundledSeeds() }).corpus);
  const first = (query: string) => corpus().searchIndex.search(query, 5)[0]?.paper.title;

  it('ranks a paper first by its first author and year', () => {
    assert.equal(first('vaswani 2017'), 'Attention Is All You Need');
    assert.equal(first('2017 vaswani'), 'Attention Is All You Need');
    assert.equal(first('kingma 2014'), 'Adam: A Method for Stochastic Optimization');
    assert.equal(first('kingma 2021'), 'Score-Based Generative Modeling through Stochastic Differential Equations');
  });

  it('ranks a paper first by its citation key, with or without @', () => {
    assert.equal(first('@ho2020ddpm'), 'Denoising Diffusion Probabilistic Models');
    assert.equal(first('ho2020ddpm'), 'Denoising Diffusion Probabilistic Models');
    assert.equal(first('song2021sde'), 'Score-Based Generative Modeling through Stochastic Differential Equations');
  });

  it('matches author names with typos, accents folded, and as they are typed', () => {
    assert.equal(first('vaswnai'), 'Attention Is All You Need');
    assert.equal(first('muller label smoothing'), 'When Does Label Smoothing Help?');
    assert.equal(first('sohl-dickstein'), 'Score-Based Generative Modeling through Stochastic Differential Equations');
    assert.equal(first('abbe'), 'Denoising Diffusion Probabilistic Models');
  });

  it('finds a paper whose authors go on (`and others`) by its named author, and not by "et al."', () => {
    assert.equal(first('neal 2011'), 'MCMC Using Hamiltonian Dynamics');
    const hits = corpus().searchIndex.search('al', 20);
    assert.ok(!hits.some((h) => h.paper.title === 'MCMC Using Hamiltonian Dynamics'), hits.map((h) => h.paper.title).join(' | '));
    const hit = corpus().searchIndex.search('neal', 5).find((h) => h.paper.title === 'MCMC Using Hamiltonian Dynamics');
    assert.deepEqual(hit?.matches.filter((m) => m.field === 'authors').map((m) => m.value), ['Radford M Neal']);
  });

  it('an author word alone outranks no title: a title match still comes first', () => {
    // "Adam" is a title word of one paper; no author is called Adam.
    assert.equal(first('adam'), 'Adam: A Method for Stochastic Optimization');
  });

  it('highlights the matched author and key with their values', () => {
    const [hit] = corpus().searchIndex.search('vaswani vaswani2017attention', 1);
    const authors = hit.matches.find((m) => m.field === 'authors');
    assert.equal(authors?.value, 'Ashish Vaswani');
    assert.deepEqual(authors?.ranges, [[7, 14]]);
    const keys = hit.matches.find((m) => m.field === 'keys');
    assert.equal(keys?.value, 'vaswani2017attention');
  });

  it('leaves the bundled papers ranked as before for their own queries', () => {
    assert.equal(first('datacmop'), 'DataComp: In search of the next generation of multimodal datasets');
  });
});

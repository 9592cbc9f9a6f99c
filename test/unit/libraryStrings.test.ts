/**
 * `@string` names defined in one library file and used in another, as `\bibliography{IEEEabrv,refs}`
 * reads them (IEEE's abbreviations file, a thesis's `strings.bib`): BibTeX reads the files as one
 * database. Three of 25 real `.bib` files read on 2026-12-03 used names another file defined.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseBibtex } from '../../src/core/library/bibtex';
import { borrowedStrings, readWith, type LibraryParse } from '../../src/core/library/entry';
import { LibrarySession, type LibraryInput } from '../../src/core/library/session';
import { parseThroughCache } from '../../src/core/libraryCache';
import { readTextFile } from '../../src/core/bundled';
import { SEEDS, type SeedFile } from '../../src/core/seeds';
import { finishSteps } from '../../src/core/steps';
import { parseLibraryFiles, type LibraryFile } from '../../src/core/sources';
import { ROOT } from './helpers';

/** Abbreviations as IEEE's `IEEEabrv.bib` writes them, and a paper's references using them. */
const ABBREVIATIONS = [
  '@STRING{IEEE_J_PAMI = "{IEEE} Trans. Pattern Anal. Mach. Intell."}',
  '@STRING{IEEE_J_IP = "{IEEE} Trans. Image Process."}',
  '@STRING{ICML = "Proc. Int. Conf. Mach. Learn."}',
  '',
].join('\n');
const REFERENCES = [
  '@article{he2015spp, title = {Spatial Pyramid Pooling in Deep Convolutional Networks}, journal = IEEE_J_PAMI, year = 2015}',
  '@article{zhang2017dncnn, title = {Beyond a Gaussian Denoiser}, journal = IEEE_J_IP, year = 2017}',
  '@inproceedings{own, title = {Own Venue}, booktitle = ICML, year = 2020}',
  '@STRING{ICML = "ICML"}',
  '@inproceedings{later, title = {Later Venue}, booktitle = ICML # " 2021", year = 2021}',
  '@article{nowhere, title = {Nowhere}, journal = JNOWHERE}',
  '',
].join('\n');

const encode = (text: string) => new TextEncoder().encode(text);
const venues = (parse: LibraryParse) => parse.entries.map((e) => [e.key, e.venue]);

describe('@string names from another file of the load', () => {
  it('reports what a file defines and what it uses without defining, lower case', () => {
    const abbreviations = parseBibtex(ABBREVIATIONS, 'IEEEabrv.bib');
    assert.deepEqual(abbreviations.strings, [
      ['ieee_j_pami', '{IEEE} Trans. Pattern Anal. Mach. Intell.'],
      ['ieee_j_ip', '{IEEE} Trans. Image Process.'],
      ['icml', 'Proc. Int. Conf. Mach. Learn.'],
    ]);
    assert.equal(abbreviations.undefinedStrings, undefined);
    const references = parseBibtex(REFERENCES, 'refs.bib');
    // `icml` is used before the file defines it: undefined there, as BibTeX reads it.
    assert.deepEqual(references.undefinedStrings, ['ieee_j_pami', 'ieee_j_ip', 'icml', 'jnowhere']);
    assert.deepEqual(references.strings, [['icml', 'ICML']]);
    assert.equal(references.borrowed, undefined);
    // Nothing to report: no key at all. A name in a field no paper shows is none of the load's business.
    const plain = parseBibtex('@string{own = "Own"}\n@misc{a, title = {A}, publisher = acm, journal = own}', 'plain.bib');
    assert.deepEqual(plain.strings, [['own', 'Own']]);
    delete (plain as { strings?: unknown }).strings;
    assert.ok(!('strings' in plain) && !('undefinedStrings' in plain) && !('borrowed' in plain), JSON.stringify(Object.keys(plain)));
  });

  it('reads names it does not define from the values given, its own definitions first', () => {
    const strings = new Map([
      ['ieee_j_pami', '{IEEE} Trans. Pattern Anal. Mach. Intell.'],
      ['icml', 'Proc. Int. Conf. Mach. Learn.'],
    ]);
    const parse = parseBibtex(REFERENCES, 'refs.bib', { strings });
    assert.deepEqual(venues(parse), [
      ['he2015spp', 'IEEE Trans. Pattern Anal. Mach. Intell.'],
      ['zhang2017dncnn', 'IEEE_J_IP'],
      ['own', 'Proc. Int. Conf. Mach. Learn.'],
      ['later', 'ICML 2021'],
      ['nowhere', 'JNOWHERE'],
    ]);
    assert.deepEqual(parse.undefinedStrings, ['ieee_j_ip', 'jnowhere']);
    assert.deepEqual(parse.borrowed, [...strings]);
    assert.deepEqual(
      parse.problems.map((p) => [p.line, p.message]),
      [
        [2, '@article{zhang2017dncnn}: @string "IEEE_J_IP" is not defined; its name is used as the value of "journal"'],
        [6, '@article{nowhere}: @string "JNOWHERE" is not defined; its name is used as the value of "journal"'],
      ],
    );
  });

  it("reads the journal names BibTeX's standard styles define (jacm, tcs), below the file's own @strings and those it is given", () => {
    const text = [
      '@article{a, title = {A}, journal = jacm}',
      '@article{b, title = {B}, journal = TCS # " (special issue)"}',
      '@article{c, title = {C}, journal = toplas}',
      '@string{toplas = "TOPLAS"}',
      '@article{d, title = {D}, journal = toplas}',
    ].join('\n');
    const alone = parseBibtex(text, 'styles.bib');
    assert.deepEqual(venues(alone), [
      ['a', 'Journal of the ACM'],
      ['b', 'Theoretical Computer Science (special issue)'],
      ['c', 'ACM Transactions on Programming Languages and Systems'],
      ['d', 'TOPLAS'],
    ]);
    assert.deepEqual(alone.problems, []);
    // Another file's definition comes first, as a .bib's @string overrides the style's macro.
    assert.deepEqual(alone.undefinedStrings, ['jacm', 'tcs', 'toplas']);
    const given = parseBibtex(text, 'styles.bib', { strings: new Map([['jacm', 'J. ACM']]) });
    assert.deepEqual(venues(given).slice(0, 2), [['a', 'J. ACM'], ['b', 'Theoretical Computer Science (special issue)']]);
  });

  it('borrows each name from the first other file that defines it, never from the file itself', () => {
    const references = parseBibtex(REFERENCES, 'refs.bib');
    const first = parseBibtex('@string{icml = "First"}\n@string{ieee_j_ip = "TIP"}', 'a.bib');
    const second = parseBibtex('@string{icml = "Second"}\n@string{jnowhere = "J. Nowhere"}', 'b.bib');
    const borrowed = borrowedStrings(references, [references, first, second]);
    assert.deepEqual([...(borrowed ?? [])], [
      ['ieee_j_ip', 'TIP'],
      ['icml', 'First'],
      ['jnowhere', 'J. Nowhere'],
    ]);
    assert.equal(borrowedStrings(references, [references]), undefined);
    assert.equal(borrowedStrings(first, [first, second]), undefined);
    // Read with them, it needs them still (its borrowed names count), and is read with exactly them.
    const again = parseBibtex(REFERENCES, 'refs.bib', { strings: borrowed });
    assert.deepEqual([...(borrowedStrings(again, [first, second]) ?? [])], [...(borrowed ?? [])]);
    assert.ok(readWith(again, borrowed));
    assert.ok(!readWith(references, borrowed));
    assert.ok(readWith(references, undefined));
    assert.ok(!readWith(again, new Map([...(borrowed ?? [])].map(([k, v]) => [k, v + '!']))));
  });

  it('reads the references with the abbreviations of another file, whichever comes first (the CLI, sources.ts)', () => {
    for (const order of [['IEEEabrv.bib', 'refs.bib'], ['refs.bib', 'IEEEabrv.bib']]) {
      const files: LibraryFile[] = order.map((file) => ({ file, input: encode(file === 'refs.bib' ? REFERENCES : ABBREVIATIONS) }));
      const refs = parseLibraryFiles(files).find((p) => p.file === 'refs.bib')!;
      assert.deepEqual(venues(refs), [
        ['he2015spp', 'IEEE Trans. Pattern Anal. Mach. Intell.'],
        ['zhang2017dncnn', 'IEEE Trans. Image Process.'],
        ['own', 'Proc. Int. Conf. Mach. Learn.'],
        ['later', 'ICML 2021'],
        ['nowhere', 'JNOWHERE'],
      ], order.join(', '));
      assert.deepEqual(refs.problems.map((p) => p.line), [6]);
    }
  });

  it('keeps a parse read with other values apart in the parse cache', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-strings-'));
    try {
      const file: LibraryFile = { file: 'refs.bib', input: encode(REFERENCES) };
      const read = (f: LibraryFile) => parseBibtex(f.input, f.file, { strings: f.strings });
      const strings = new Map([['ieee_j_pami', 'PAMI']]);
      const [plain] = parseThroughCache([file], dir, 'v', read);
      const [borrowed] = parseThroughCache([{ ...file, strings }], dir, 'v', read);
      const stats = { hits: 0, misses: 0 };
      const [plainAgain, borrowedAgain] = parseThroughCache([file, { ...file, strings }], dir, 'v', read, stats);
      assert.deepEqual(stats, { hits: 2, misses: 0 });
      assert.equal(plain.entries[0].venue, 'IEEE_J_PAMI');
      assert.equal(borrowed.entries[0].venue, 'PAMI');
      assert.equal(plainAgain.entries[0].venue, 'IEEE_J_PAMI');
      assert.equal(borrowedAgain.entries[0].venue, 'PAMI');
      assert.deepEqual(borrowedAgain.borrowed, [['ieee_j_pami', 'PAMI']]);
      assert.deepEqual(borrowedAgain.undefinedStrings, plain.undefinedStrings!.filter((n) => n !== 'ieee_j_pami'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('@string names from another file, in a library session (the worker and the web extension)', () => {
  const seed = (file: SeedFile) => readTextFile(path.join(ROOT, file), file);
  const session = () => new LibrarySession({ listing: () => ({ text: seed(SEEDS.listing), file: SEEDS.listing }), taxonomy: () => ({ text: seed(SEEDS.topics), file: SEEDS.topics }) });
  const input = (file: string, text: string): LibraryInput => ({ file, bytes: encode(text) });
  const venueOf = (papers: readonly { title: string; venue?: string }[], title: string) => papers.find((p) => p.title === title)?.venue;

  it('reads the references with the abbreviations on the first load and on a reload of the references alone', () => {
    const s = session();
    const order = ['refs.bib', 'IEEEabrv.bib'];
    const first = finishSteps(s.merge(order, [input('refs.bib', REFERENCES), input('IEEEabrv.bib', ABBREVIATIONS)], false));
    assert.equal(venueOf(first.papers, 'Beyond a Gaussian Denoiser'), 'IEEE Trans. Image Process.');
    assert.deepEqual(first.problems.map((p) => [p.file, p.line]), [['refs.bib', 6]]);
    assert.equal(first.stats.parsed, 3, 'the references read twice: alone, then with the names');

    const edited = REFERENCES.replace('Beyond a Gaussian Denoiser', 'Beyond a Gaussian Denoiser: Residual Learning');
    const reload = finishSteps(s.merge(order, [input('refs.bib', edited)], false));
    assert.equal(venueOf(reload.papers, 'Beyond a Gaussian Denoiser: Residual Learning'), 'IEEE Trans. Image Process.');
    assert.equal(venueOf(reload.papers, 'Spatial Pyramid Pooling in Deep Convolutional Networks'), 'IEEE Trans. Pattern Anal. Mach. Intell.');
  });

  it('reads the names as written again once no file of the load defines them', () => {
    const s = session();
    finishSteps(s.merge(['IEEEabrv.bib', 'refs.bib'], [input('IEEEabrv.bib', ABBREVIATIONS), input('refs.bib', REFERENCES)], false));
    const alone = finishSteps(s.merge(['refs.bib'], [input('refs.bib', REFERENCES)], false));
    assert.equal(venueOf(alone.papers, 'Beyond a Gaussian Denoiser'), 'IEEE_J_IP');
    assert.equal(alone.problems.length, 4);
  });
});

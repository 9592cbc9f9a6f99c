/**
 * The matcher on texts over a megabyte (`DOCUMENT_MAX`), where the words around a name count
 * per section. Kept apart from matcherCore.test.ts: each test scans a megabyte, which is quick
 * in plain mocha but slow under StrykerJS's instrumentation, so the mutation group of
 * mentions.ts runs matcherCore only (docs/mutation.md).
 */
import { strict as assert } from 'node:assert';
import { Background } from '../../src/core/background';
import { DOCUMENT_MAX } from '../../src/core/evidence';
import { MentionMatcher } from '../../src/core/mentions';
import type { Paper, PaperName } from '../../src/core/types';
import { lazily } from './helpers';

const CUDA_PAPER: Paper = {
  id: 'cuda',
  title: 'CUDA: Convolution-based Unlearnable Datasets',
  abstract: 'Unlearnable datasets protect data from learning with convolution filters.',
  links: [],
};
const NAMES: PaperName[] = [
  { paperId: 'cuda', text: CUDA_PAPER.title, kind: 'title', ambiguous: false },
  { paperId: 'cuda', text: 'CUDA', kind: 'short', ambiguous: true },
];
// Everyday words are common; every other word is as rare as `zzzzrare` (see matcherCore.test.ts).
const backgroundText = () => ['docs 1000', '[words]', '990 the a of and in we to is for on with this that it by are as from an be at or', '600 paper model run', '1 zzzzrare', '[names]', ''].join('\n');
const matcher = lazily(() => new MentionMatcher(NAMES, (id) => (id === 'cuda' ? CUDA_PAPER : undefined), () => false, Background.parse(backgroundText(), 'bg.txt')));

/** The offsets of the linked occurrences of CUDA. */
const linkedAt = (text: string) =>
  matcher()
    .find(text)
    .filter((m) => m.text === 'CUDA')
    .map((m) => m.start);

describe('matcher on texts over a megabyte', () => {
  /** A sentence with three of the paper's rare words: it links CUDA in its own sentence. */
  const evidence = 'CUDA makes unlearnable convolution datasets. ';
  const head = `# A\n\n${evidence}\n\n`;
  const tail = (heading: string) => `\n${heading}\n\nCUDA runs kernels.`;
  /** Section A with evidence, blanks, then another section with a name and no evidence: `length` characters in all. */
  const sized = (heading: string, length: number) => head + ' '.repeat(length - head.length - tail(heading).length) + tail(heading);

  it('decides each section apart in a text over the limit, the whole text up to it', () => {
    assert.equal(DOCUMENT_MAX, 1_000_000);
    assert.equal(sized('# B', DOCUMENT_MAX).length, DOCUMENT_MAX);
    assert.equal(linkedAt(sized('# B', DOCUMENT_MAX)).length, 2);
    assert.deepEqual(linkedAt(sized('# B', DOCUMENT_MAX + 1)), [5]);
  });

  it('starts a section at a markdown or LaTeX heading only', () => {
    assert.deepEqual(linkedAt(sized('\\chapter{B}', DOCUMENT_MAX + 1)), [5]);
    assert.equal(linkedAt(sized('#B', DOCUMENT_MAX + 1)).length, 2);
  });

  it('lets what the text defines decide for the whole text', () => {
    const defined = `Convolution-based Unlearnable Datasets (CUDA).\n${' '.repeat(DOCUMENT_MAX)}${tail('# B')}`;
    assert.equal(linkedAt(defined).length, 2);
  });
});

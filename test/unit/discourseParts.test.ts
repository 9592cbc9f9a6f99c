import * as assert from 'node:assert/strict';
import { cutIn, DiscourseParts, PART_SIZE, type PartReader } from '../../src/core/discourseParts';
import { DOCUMENT_MAX } from '../../src/core/evidence';
import { combineParts, discourseKey, type Discourse } from '../../src/core/mentions';
import type { AmbiguousNamePolicy } from '../../src/core/types';
import { bundledCorpus } from './helpers';

/** Neutral prose: no paper's name, and few of any paper's words. */
const FILLER = 'The weather was mild and the meeting ran long, so the notes below were written on the train home.\n\n';

/**
 * A markdown document of about 1.3 MB (over `DOCUMENT_MAX`, so a whole-text summary decides
 * names on statements only) whose statements about names stand far from the names' other uses:
 * a definition for ViLD, one against SiT, HPM's repository linked, CUDA's full title stated.
 */
function document(): string {
  const filler = (n: number) => FILLER.repeat(n);
  return [
    'ViLD (Vision and Language Knowledge Distillation) finds objects by name.\n\n',
    filler(2000),
    'We present Scalable Interpolant Transformers (SiT), a diffusion backbone.\n\n',
    filler(2000),
    'The code is at https://github.com/Haochen-Wang409/HPM for anyone.\n\n',
    filler(2000),
    'CUDA: Convolution-based Unlearnable Datasets is on the reading list.\n\n',
    filler(2000),
    'Later we ran ViLD, SiT, HPM and CUDA once more, and IST too, beside DataComp and LoRAT.\n\n',
    filler(5000),
    'ViLD and SiT again, and IST.\n',
  ].join('');
}

function reader(text: () => string): PartReader & { reads: number } {
  const r = {
    reads: 0,
    get length() {
      return text().length;
    },
    read(start: number, end: number) {
      r.reads += end - start;
      return text().slice(start, end);
    },
  };
  return r;
}

function summarized(text: string, policy: AmbiguousNamePolicy = 'context'): { parts: DiscourseParts; discourse: Discourse } {
  const parts = new DiscourseParts(bundledCorpus().matcher, policy);
  const r = reader(() => text);
  for (let k = 0; !parts.done(text.length); k++) {
    if (k > 10_000) throw new Error('the summary never finished');
    parts.step(r);
  }
  return { parts, discourse: parts.discourse()! };
}

/** A summary's decisions as `key → linked`, titles left out (they link wherever they stand). */
function decisions(d: Discourse): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const [key, e] of [...d.decisions].sort(([a], [b]) => a.localeCompare(b))) if (e.prior !== 'title') out[key] = e.linked;
  return out;
}

function keyOf(text: string): string {
  const corpus = bundledCorpus();
  const paper = corpus.find(text)!;
  return discourseKey(corpus.namesOf(paper.id).find((n) => n.text === text)!);
}

describe('a large document summarized part by part', () => {
  it('decides every name as the summary of the whole text does, on statements made in other parts', () => {
    const text = document();
    assert.ok(text.length > DOCUMENT_MAX && text.length > 10 * PART_SIZE);
    const whole = decisions(bundledCorpus().matcher.summarize(text));
    const { discourse } = summarized(text);
    assert.deepEqual(decisions(discourse), whole);
    // Each decided on a statement far from its last uses.
    assert.equal(whole[keyOf('ViLD')], true);
    assert.equal(whole[keyOf('SiT')], false);
    assert.equal(whole[keyOf('HPM')], true);
    assert.equal(whole[keyOf('CUDA')], true);
    // Nothing states anything about IST: its words decide it, window by window.
    assert.equal(whole[keyOf('IST')], undefined);
    assert.match(discourse.decisions.get(keyOf('HPM'))!.reasons.join(' '), /links the paper's code \(github\.com\/haochen-wang409\/hpm\)/);
    assert.match(discourse.decisions.get(keyOf('CUDA'))!.reasons[0], /states the paper's full title/);
    for (const policy of ['always', 'never'] as const) assert.deepEqual(decisions(summarized(text, policy).discourse), decisions(bundledCorpus().matcher.summarize(text, policy)), policy);
  });

  it('cuts the text into parts that tile it, each ending at a paragraph break', () => {
    const text = document();
    const bounds = summarized(text).parts.bounds();
    assert.equal(bounds[0][0], 0);
    assert.equal(bounds[bounds.length - 1][1], text.length);
    for (let k = 1; k < bounds.length; k++) assert.equal(bounds[k][0], bounds[k - 1][1]);
    for (const [start, end] of bounds.slice(0, -1)) {
      assert.ok(end - start >= PART_SIZE / 2 && end - start <= PART_SIZE + PART_SIZE / 4, `${start}-${end}`);
      assert.equal(text.slice(end - 2, end), '\n\n');
    }
  });

  it('after an edit reads again only the parts the edit touches, and decides as a fresh summary does', () => {
    let text = document();
    const { parts } = summarized(text);
    const r = reader(() => text);
    const at = text.indexOf('Later we ran');
    const inserted = 'We propose Iterative Sampling Trick (IST), a way to bake bread.\n\n';
    text = text.slice(0, at) + inserted + text.slice(at);
    parts.edit(at, 0, inserted.length);
    assert.equal(parts.done(text.length), false);
    while (!parts.done(text.length)) parts.step(r);
    assert.ok(r.reads > 0 && r.reads <= 2 * (PART_SIZE + inserted.length), `read ${r.reads}`);
    assert.deepEqual(decisions(parts.discourse()!), decisions(summarized(text).discourse));
    assert.equal(parts.discourse()!.decisions.get(keyOf('IST'))?.linked, false);

    // A deletion across several parts, then a replacement at the very start.
    const from = text.indexOf('We present Scalable');
    const to = text.indexOf('CUDA: Convolution');
    text = text.slice(0, from) + text.slice(to);
    parts.edit(from, to - from, 0);
    text = `SiT${text.slice(4)}`;
    parts.edit(0, 4, 3);
    r.reads = 0;
    while (!parts.done(text.length)) parts.step(r);
    assert.ok(r.reads < 4 * PART_SIZE, `read ${r.reads}`);
    assert.deepEqual(decisions(parts.discourse()!), decisions(summarized(text).discourse));
    const bounds = parts.bounds();
    assert.equal(bounds[bounds.length - 1][1], text.length);
    for (let k = 1; k < bounds.length; k++) assert.equal(bounds[k][0], bounds[k - 1][1]);
  });

  it('cuts a part that grew past twice its size again, and a text with no line breaks at a space or at the reach', () => {
    let text = document();
    const { parts } = summarized(text);
    const r = reader(() => text);
    const grown = FILLER.repeat(Math.ceil((3 * PART_SIZE) / FILLER.length));
    text = grown + text;
    parts.edit(0, 0, grown.length);
    while (!parts.done(text.length)) parts.step(r);
    for (const [start, end] of parts.bounds()) assert.ok(end - start <= 2 * PART_SIZE, `${start}-${end}`);
    assert.deepEqual(decisions(parts.discourse()!), decisions(summarized(text).discourse));

    assert.equal(cutIn(`${'a'.repeat(PART_SIZE)} ${'b'.repeat(100)}`), PART_SIZE + 1);
    assert.equal(cutIn('x'.repeat(PART_SIZE + 10)), PART_SIZE + 10);
    assert.equal(cutIn(`${'a'.repeat(PART_SIZE)}\nb\n\nc`), PART_SIZE + 4);
    // A break before the part's first half does not count: the part would be too small.
    assert.equal(cutIn(`a\n\n${'b'.repeat(PART_SIZE)}`), PART_SIZE + 3);
  });

  it('combines parts associatively and keeps a single part as it is', () => {
    const matcher = bundledCorpus().matcher;
    const a = matcher.summarizePart('ViLD (Vision and Language Knowledge Distillation) finds objects.');
    const b = matcher.summarizePart('We present Scalable Interpolant Transformers (SiT). See https://github.com/Haochen-Wang409/HPM and HPM.');
    const c = matcher.summarizePart('ViLD and SiT, CUDA: Convolution-based Unlearnable Datasets.');
    assert.equal(combineParts([a]), a);
    const flat = matcher.mergeParts([a, b, c]);
    const grouped = matcher.mergeParts([combineParts([a, b]), c]);
    assert.deepEqual([...grouped.decisions], [...flat.decisions]);
    assert.equal(flat.decisions.get(keyOf('ViLD'))?.linked, true);
    assert.equal(flat.decisions.get(keyOf('SiT'))?.linked, false);
    assert.equal(flat.decisions.get(keyOf('HPM'))?.linked, true);
    assert.deepEqual(matcher.summarizePart('nothing here').names.size, 0);
  });
});

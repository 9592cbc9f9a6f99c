/**
 * Scoring recognition on the hand-labelled third-party files in `test/fixtures/wild/` (see
 * its README for the labelling rules and the counting used here): a scanner mention is right
 * when it overlaps a labelled mention of the same paper (each label counts once), wrong when it
 * overlaps none and no out-of-scope label of its paper; a labelled mention no scanner mention of
 * its paper overlaps is missed.
 */
import * as path from 'node:path';
import type { Corpus } from '../../src/core/corpus';
import { fileRange, viewOf } from '../../src/core/views';
import type { Mention } from '../../src/core/types';
import { ROOT } from './helpers';

interface Label {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly paperTitle?: string;
}

export interface Fixture {
  readonly split: 'dev' | 'holdout';
  readonly name: string;
  readonly text: string;
  readonly labels: { readonly mentions: readonly Label[]; readonly negatives: readonly Label[]; readonly outOfScope?: readonly Label[] };
}

export interface Score {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly labelled: number;
  readonly precision: number;
  readonly recall: number;
  /** What went wrong, as `file: "text" (paper)` lines. */
  readonly wrong: readonly string[];
  readonly missed: readonly string[];
}

/** The fixtures of one split, with each label's offsets (the fixture folder's own loader). */
export function wildFixtures(split: 'dev' | 'holdout'): Fixture[] {
  // A plain CommonJS module beside the fixtures, shared with their validator.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadWildCorpus } = require(path.join(ROOT, 'test', 'fixtures', 'wild', 'validate.js')) as { loadWildCorpus: () => Fixture[] };
  return loadWildCorpus().filter((f) => f.split === split);
}

/** The mentions the scanner finds in a fixture, at offsets into the file (a notebook's cells or a BibTeX view mapped back). */
export function scanFixture(corpus: Corpus, f: Fixture): Mention[] {
  const view = viewOf(f.name, f.text);
  if (!view) return corpus.matcher.find(f.text);
  return corpus.matcher.find(view.text).map((m) => {
    const r = fileRange(view, m.start, m.end);
    return { ...m, start: r.start, end: r.end, text: f.text.slice(r.start, r.end) };
  });
}

export function score(corpus: Corpus, fixtures: readonly Fixture[]): Score {
  let tp = 0;
  let fp = 0;
  let labelled = 0;
  const wrong: string[] = [];
  const missed: string[] = [];
  const idOf = (title: string | undefined) => {
    const p = title === undefined ? undefined : corpus.papers.find((x) => x.title === title);
    if (!p) throw new Error(`no bundled paper titled "${title}"`);
    return p.id;
  };
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
  for (const f of fixtures) {
    const found = scanFixture(corpus, f);
    const mentions = f.labels.mentions.map((l) => ({ ...l, paperId: idOf(l.paperTitle) }));
    const outOfScope = (f.labels.outOfScope ?? []).map((l) => ({ ...l, paperId: idOf(l.paperTitle) }));
    labelled += mentions.length;
    const hit = new Set<number>();
    for (const m of found) {
      const matches = mentions.map((l, k) => (l.paperId === m.paperId && overlaps(l, m) ? k : -1)).filter((k) => k >= 0);
      if (matches.length) for (const k of matches) hit.add(k);
      else if (!outOfScope.some((l) => l.paperId === m.paperId && overlaps(l, m))) {
        fp++;
        wrong.push(`${f.split}/${f.name}:${lineOf(f.text, m.start)}: "${m.text}" -> ${corpus.get(m.paperId)?.title}`);
      }
    }
    tp += hit.size;
    mentions.forEach((l, k) => {
      if (!hit.has(k)) missed.push(`${f.split}/${f.name}:${lineOf(f.text, l.start)}: "${l.text}" (${l.paperTitle})`);
    });
  }
  return { truePositives: tp, falsePositives: fp, labelled, precision: tp + fp ? tp / (tp + fp) : 1, recall: labelled ? tp / labelled : 1, wrong, missed };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

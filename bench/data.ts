/**
 * Papers for the benchmark: the bundled corpus, and larger libraries from
 * ../shared/data/arxiv-50k.jsonl.gz when it is present (real arXiv titles and abstracts),
 * synthetic papers otherwise. Only the benchmark reads that file; nothing else depends on it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { extractLinks } from '../src/core/links';
import { paperId } from '../src/core/paperIds';
import { collapseWhitespace } from '../src/core/text';
import type { Paper } from '../src/core/types';

export const ARXIV = process.env.PAPER_LENS_ARXIV ?? path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'arxiv-50k.jsonl.gz');

/** A paper of the arXiv set as the benches build it: its id from the title, its links from the abstract. */
export function toPaper(title: string, abstract: string): Paper {
  return { id: paperId(title), title, abstract, links: extractLinks(abstract) };
}

/** `n` papers: real ones when the arXiv file is there (repeated with perturbed titles past its size), else synthetic. Ids are made unique. */
export function libraryOf(n: number): { papers: Paper[]; source: string } {
  const papers: Paper[] = [];
  let source: string;
  if (fs.existsSync(ARXIV)) {
    source = 'arXiv';
    const lines = zlib.gunzipSync(fs.readFileSync(ARXIV)).toString('utf8').split('\n');
    for (const line of lines) {
      if (papers.length >= n) break;
      if (!line.trim()) continue;
      const { title, abstract } = JSON.parse(line) as { title: string; abstract: string };
      papers.push(toPaper(collapseWhitespace(title), collapseWhitespace(abstract)));
    }
    // Past the arXiv set (200,000 papers): the set again, its titles perturbed the way a later
    // version of a paper is named: the pre-colon name numbered (`DataComp2: ...`), else the
    // title followed by a part number. Abstracts repeat, so a search of abstract words finds
    // several copies; titles and names stay distinct.
    const base = papers.length;
    for (let i = 0; papers.length < n && base > 0; i++) {
      const copy = 2 + Math.floor(i / base);
      const { title, abstract } = papers[i % base];
      const colon = title.indexOf(': ');
      const perturbed = colon > 0 && colon < 40 ? `${title.slice(0, colon)}${copy}${title.slice(colon)}` : `${title}, Part ${copy}`;
      papers.push(toPaper(perturbed, abstract));
    }
  } else {
    source = 'synthetic';
    papers.push(...syntheticPapers(n));
  }
  const seen = new Set<string>();
  return {
    source,
    papers: papers.map((p, i) => {
      const id = seen.has(p.id) ? `${p.id}-${i}` : p.id;
      seen.add(id);
      return { ...p, id };
    }),
  };
}

const VOCAB = (
  'learning model models training data neural network networks deep large language vision image video text graph ' +
  'attention transformer diffusion sparse efficient adaptive robust contrastive self supervised fine tuning pruning ' +
  'distillation retrieval generation segmentation detection tracking recommendation embedding benchmark dataset ' +
  'optimization gradient policy reinforcement reward agent reasoning multimodal alignment quantization low rank'
).split(' ');

/** Deterministic synthetic papers with coined short names, for machines without the arXiv file. */
export function syntheticPapers(n: number): Paper[] {
  let seed = 42;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = () => VOCAB[Math.floor(rand() * VOCAB.length)];
  const papers: Paper[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${pick()[0].toUpperCase()}${pick().slice(0, 3)}${pick()[0].toUpperCase()}${pick().slice(0, 2)}${i}`;
    const title = `${name}: ${Array.from({ length: 6 + (i % 6) }, pick).join(' ')}`;
    const sentences = Array.from({ length: 9 }, () => `${Array.from({ length: 18 }, pick).join(' ')}.`);
    sentences.splice(2, 0, `We propose ${name}, a ${pick()} ${pick()} method.`);
    papers.push(toPaper(title, sentences.join(' ')));
  }
  return papers;
}

/**
 * One line of about `length` characters that reads like a minified JavaScript bundle: object
 * literals and members holding "CUDA" (a paper name that is also a software name, so each one is
 * a candidate the precision rule must judge), template literals (backticks for the code-span
 * rule), strings holding paper titles and short names, and plain code. Deterministic.
 */
export function minifiedLine(length: number, titles: readonly string[], shortNames: readonly string[]): string {
  let seed = 42;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const pieces: ((k: number) => string)[] = [
    (k) => `var a${k}={k:"CUDA",v:${k}};`,
    (k) => `t${k}.msg="built with CUDA kernels";`,
    (k) => `e${k}=\`CUDA \${y${k}}\`;`,
    (k) => `n${k}=p.env.CUDA_VISIBLE_DEVICES||"0";`,
    (k) => `if(o${k}.CUDA)return"${pick(shortNames)}";`,
    (k) => `d${k}.title="${pick(titles)}";`,
    (k) => `function f${k}(a,b){return a+b*${k}}`,
  ];
  const parts: string[] = [];
  let size = 0;
  for (let k = 0; size < length; k++) {
    const piece = pick(pieces)(k);
    parts.push(piece);
    size += piece.length;
  }
  return parts.join('').slice(0, length);
}

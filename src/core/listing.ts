/**
 * Parsing a Daily Papers listing: page chrome, then for each paper a title line, a blank line
 * and an abstract paragraph. Problems are collected with file and line rather than thrown, so
 * one damaged entry never hides the papers that parse.
 */
import { FileError } from './errors';
import { extractLinks } from './links';
import { paperId } from './paperIds';
import { collapseWhitespace } from './text';
import type { Paper } from './types';

/** Something wrong in a listing, at a 1-based line of the named file. */
export interface ListingProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** A listing that cannot be used at all (nothing in it parses as a paper). */
export class ListingError extends FileError {
  constructor(file: string, line: number, detail: string) {
    super(file, line, detail);
  }
}

export interface ListingResult {
  readonly papers: Paper[];
  readonly problems: ListingProblem[];
}

/** A run of non-blank lines. */
interface Block {
  readonly line: number;
  readonly lines: readonly string[];
  readonly text: string;
}

const MAX_TITLE_CHARS = 300;
const MIN_ABSTRACT_CHARS = 120;
const MIN_SHORT_ABSTRACT_WORDS = 8;

function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let current: string[] = [];
  let start = 0;
  const flush = () => {
    if (current.length) blocks.push({ line: start + 1, lines: current, text: collapseWhitespace(current.join(' ')) });
    current = [];
  };
  lines.forEach((raw, i) => {
    if (raw.trim() === '') {
      flush();
    } else {
      if (!current.length) start = i;
      current.push(raw.trim());
    }
  });
  flush();
  return blocks;
}

/**
 * A paragraph that reads as prose: longer than any title, or a few sentences, or a long line
 * that ends like a sentence. Only an abstract may be one; a title may be one too (questions,
 * "vs.", "Part I. Foundations"), which is why titles are not judged by this alone.
 */
function isAbstract(block: Block): boolean {
  const { text } = block;
  if (text.length > MAX_TITLE_CHARS) return true;
  const sentenceBreaks = text.match(/[.!?]\s+[A-Z0-9]/g)?.length ?? 0;
  return sentenceBreaks >= 2 || ((sentenceBreaks >= 1 || text.length >= MIN_ABSTRACT_CHARS) && /[.!?)\]"]$/.test(text));
}

/** Short enough and few enough lines to be a title, whatever its punctuation. */
function titleShaped(block: Block): boolean {
  return block.lines.length <= 3 && block.text.length <= MAX_TITLE_CHARS;
}

/** A block that can only be a title: title-shaped and not prose. Used to word problems. */
function isTitle(block: Block): boolean {
  return titleShaped(block) && !isAbstract(block);
}

/**
 * A paragraph after a title that reads as a short abstract though not as prose: one sentence
 * without a final period ("This is the final remark on the replies received to my target
 * paper in the Italian Journal of Linguistics"). Locally it could be a title; it counts as an
 * abstract only inside the listing's run of papers, and only when it is a sentence (eight words
 * or more) longer than the title before it, so an orphan title followed by the next title
 * ("Orphan Title", "Second Paper") stays a problem.
 */
function isShortAbstract(title: Block, next: Block): boolean {
  return next.text.length > title.text.length && next.text.split(' ').length >= MIN_SHORT_ABSTRACT_WORDS;
}

/**
 * Which blocks start a paper (a title followed by its abstract). A listing is a run of such
 * pairs with page chrome before them, so rather than judge each block alone, this picks the
 * reading with the most pairs, where a pair is a title-shaped block followed by a prose block
 * (or, after the chrome, a short abstract: see `isShortAbstract`); between readings with as
 * many pairs, the one with more prose abstracts, then fewer titles ending with a period, then
 * longer abstracts, then the earlier title (a paragraph pasted twice is the abstract and a
 * stray copy, not a paper titled by its own abstract). So a title that is
 * a question ("Do PhD-level LLMs Truly Grasp Elementary Addition? Probing Rule Learning vs.
 * Memorization ...") is still a title: it pairs with the long paragraph after it, and reading
 * it as an abstract would leave that paragraph without a title. Dynamic programming from the
 * end, linear in the number of blocks; run once with prose abstracts only, to find where the
 * chrome ends, then over the papers.
 */
function pairStarts(blocks: readonly Block[]): boolean[] {
  const n = blocks.length;
  const first = bestReading(blocks, n).indexOf(true);
  return first === -1 ? new Array<boolean>(n).fill(false) : bestReading(blocks, first);
}

/** The best reading (see `pairStarts`), with short abstracts allowed from block `shortFrom` on. */
function bestReading(blocks: readonly Block[], shortFrom: number): boolean[] {
  const n = blocks.length;
  // For the blocks from i on: pairs, pairs with a prose abstract, titles ending with a period
  // (no title in 50,000 arXiv papers does; a stray abstract does), total abstract length.
  const pairs = new Int32Array(n + 2);
  const prose = new Int32Array(n + 2);
  const periods = new Int32Array(n + 2);
  const length = new Float64Array(n + 2);
  const starts = new Array<boolean>(n).fill(false);
  for (let i = n - 1; i >= 0; i--) {
    pairs[i] = pairs[i + 1];
    prose[i] = prose[i + 1];
    periods[i] = periods[i + 1];
    length[i] = length[i + 1];
    if (i + 1 >= n || !titleShaped(blocks[i])) continue;
    const isProse = isAbstract(blocks[i + 1]);
    if (!isProse && !(i >= shortFrom && isShortAbstract(blocks[i], blocks[i + 1]))) continue;
    const p = pairs[i + 2] + 1;
    const r = prose[i + 2] + (isProse ? 1 : 0);
    const d = periods[i + 2] + (blocks[i].text.endsWith('.') ? 1 : 0);
    const l = length[i + 2] + blocks[i + 1].text.length;
    const better = p !== pairs[i] ? p > pairs[i] : r !== prose[i] ? r > prose[i] : d !== periods[i] ? d < periods[i] : l >= length[i];
    if (better) {
      pairs[i] = p;
      prose[i] = r;
      periods[i] = d;
      length[i] = l;
      starts[i] = true;
    }
  }
  // Follow the best reading forwards: a block starts a pair where the best reading from it does.
  const chosen = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; i++) {
    if (starts[i]) {
      chosen[i] = true;
      i++;
    }
  }
  return chosen;
}

/**
 * Parses a listing. `file` is used only in messages. Throws `ListingError` when no paper at all
 * can be read; otherwise returns the papers in listing order and the problems met on the way.
 */
export function parseListing(text: string, file: string): ListingResult {
  const blocks = blocksOf(text);
  const papers: Paper[] = [];
  const problems: ListingProblem[] = [];
  const problem = (line: number, message: string) => problems.push({ file, line, message });

  const starts = pairStarts(blocks);
  // The page chrome ("Daily Papers", a date, ...) is the blocks before the first paper.
  let i = starts.indexOf(true);
  if (i === -1) {
    throw new ListingError(file, 1, 'no papers found: expected a title line, a blank line, then an abstract paragraph, for each paper');
  }

  const seen = new Map<string, number>();
  for (; i < blocks.length; i++) {
    const block = blocks[i];
    if (!starts[i]) {
      if (isTitle(block)) problem(block.line, `title "${preview(block.text)}" has no abstract paragraph after it; skipped`);
      else problem(block.line, `paragraph without a title line before it; skipped ("${preview(block.text)}")`);
      continue;
    }
    const title = block.text;
    const abstract = blocks[i + 1].text;
    const id = paperId(title);
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      problem(block.line, `"${preview(title)}" repeats the paper at line ${earlier}; skipped`);
    } else {
      seen.set(id, block.line);
      papers.push({ id, title, abstract, links: extractLinks(abstract), source: { file, line: block.line } });
    }
    i++;
  }
  return { papers, problems };
}

function preview(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Formats a problem the way compilers do, so editors and terminals link it. */
export function formatProblem(p: ListingProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

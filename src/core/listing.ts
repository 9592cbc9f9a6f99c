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
 * A paragraph of prose rather than a title: longer than any title, or a few sentences, or a
 * long line that ends like a sentence. (Titles can be long, 134 characters in the bundled
 * listing, and can hold one question mark: "What learning algorithm is in-context learning?
 * Investigations with linear models".)
 */
function isAbstract(block: Block): boolean {
  const { text } = block;
  if (text.length > MAX_TITLE_CHARS) return true;
  const sentenceBreaks = text.match(/[.!?]\s+[A-Z0-9]/g)?.length ?? 0;
  return sentenceBreaks >= 2 || ((sentenceBreaks >= 1 || text.length >= MIN_ABSTRACT_CHARS) && /[.!?)\]"]$/.test(text));
}

function isTitle(block: Block): boolean {
  return block.lines.length <= 3 && block.text.length <= MAX_TITLE_CHARS && !isAbstract(block);
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

  // The page chrome ("Daily Papers", a date, ...) is the short lines before the first
  // title that is followed by an abstract.
  let i = 0;
  while (i < blocks.length && !(isTitle(blocks[i]) && blocks[i + 1] && isAbstract(blocks[i + 1]))) i++;
  if (i === blocks.length) {
    throw new ListingError(file, 1, 'no papers found: expected a title line, a blank line, then an abstract paragraph, for each paper');
  }

  const seen = new Map<string, number>();
  for (; i < blocks.length; i++) {
    const block = blocks[i];
    const next = blocks[i + 1];
    if (!isTitle(block)) {
      problem(block.line, `paragraph without a title line before it; skipped ("${preview(block.text)}")`);
      continue;
    }
    if (!next || !isAbstract(next)) {
      problem(block.line, `title "${preview(block.text)}" has no abstract paragraph after it; skipped`);
      continue;
    }
    const title = block.text;
    const abstract = next.text;
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

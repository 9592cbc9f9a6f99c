/**
 * Paper identifiers written in text, and where a cite key is being typed.
 *
 * - `findIdentifiers`: arXiv ids (`2310.07707`, `2310.07707v2`, `arXiv:2310.07707`,
 *   `arxiv.org/abs/2310.07707`, old-style `hep-th/9901001` after `arXiv:` or in an arxiv.org URL)
 *   and DOIs (`10.1145/3292500.3330701`, `doi:...`, `https://doi.org/...`). A bare new-style id
 *   needs a plausible month (`YYMM` with `MM` 01 to 12), so `3.14159` or a version `1.2345` is not
 *   read as one; an id only matters when a known paper has it (`IdentifierIndex`), so a number
 *   that merely looks like one finds nothing.
 * - `citeCompletionAt`: whether the cursor is where a cite key goes (`@`, `[@`, `; @`, or inside a
 *   LaTeX cite command's braces), and the part of the key typed so far.
 *
 * - `searchWordsOfKey`: words to search for the paper an unknown key may mean.
 *
 * These are small regular-expression scans over one line; no library covers them.
 */
import { KeyTable, type KeyTableData } from './keyTable';
import { finishSteps, type Steps } from './steps';
import type { Paper } from './types';

export interface Identifier {
  readonly kind: 'arxiv' | 'doi';
  /** The id as the paper stores it: an arXiv id without version, a DOI as written. */
  readonly id: string;
  /** Offsets of the whole written form (prefix or URL included), end exclusive. */
  readonly start: number;
  readonly end: number;
}

const ARXIV_NEW = String.raw`\d{2}(?:0[1-9]|1[0-2])\.\d{4,5}`;
const ARXIV_OLD = String.raw`[a-z]+(?:-[a-z]+)?(?:\.[A-Z]{2})?\/\d{7}`;
/** An arXiv id in a URL or after `arXiv:` (old or new style), or a bare new-style id; then an optional version. */
const ARXIV = new RegExp(
  String.raw`(?:\barxiv\.org\/(?:abs|pdf)\/|\barXiv:\s?)(${ARXIV_NEW}|${ARXIV_OLD})(?:v\d+)?(?:\.pdf)?|(?<![\w.\/-])(${ARXIV_NEW})(?:v\d+)?(?![\w.]*\d)`,
  'gi',
);
/** A DOI (`10.` registrant `/` suffix), with an optional `doi:` or doi.org URL before it. */
const DOI = /(?:\bhttps?:\/\/(?:dx\.)?doi\.org\/|\bdoi:\s?)?\b(10\.\d{4,9}\/[^\s"'<>{}\]]+)/gi;

/** Every arXiv id and DOI in `text`, in order of position. */
export function findIdentifiers(text: string): Identifier[] {
  const out: Identifier[] = [];
  for (const m of text.matchAll(ARXIV)) {
    out.push({ kind: 'arxiv', id: m[1] ?? m[2], start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(DOI)) {
    // Sentence punctuation after a DOI is not part of it; a closing bracket only when unbalanced.
    let doi = m[1];
    for (;;) {
      const last = doi.charAt(doi.length - 1);
      if (/[.,;:!?]/.test(last)) doi = doi.slice(0, -1);
      else if (last === ')' && count(doi, '(') < count(doi, ')')) doi = doi.slice(0, -1);
      else break;
    }
    const end = m.index + m[0].length - (m[1].length - doi.length);
    out.push({ kind: 'doi', id: doi, start: m.index, end });
  }
  return out.sort((a, b) => a.start - b.start);
}

function count(text: string, c: string): number {
  let n = 0;
  for (const ch of text) if (ch === c) n++;
  return n;
}

/** The identifier covering `offset` (start ≤ offset < end) in `text`, if any. */
export function identifierAt(text: string, offset: number): Identifier | undefined {
  return findIdentifiers(text).find((i) => i.start <= offset && offset < i.end);
}

/**
 * Known papers by arXiv id (without version, any case) and DOI (any case), the first paper
 * with an id kept: a `KeyTable` of `arxiv:id` and `doi:id` to the paper's position, stored with
 * a library's prepared index.
 */
export class IdentifierIndex {
  private readonly table: KeyTable;

  /** The index of `papers`, built at once (or from a table `build` or `restore` made in steps). */
  constructor(
    private readonly papers: readonly Paper[],
    table?: KeyTable,
  ) {
    this.table = table ?? finishSteps(KeyTable.build(...identifierEntries(papers)));
  }

  /** The index of `papers`, in steps (see `core/steps.ts`). */
  static *build(papers: readonly Paper[]): Steps<IdentifierIndex> {
    return new IdentifierIndex(papers, yield* KeyTable.build(...identifierEntries(papers)));
  }

  /** The index whose table `toData` gave, for these `papers`, in steps; throws on a damaged table. */
  static *restore(papers: readonly Paper[], data: KeyTableData): Steps<IdentifierIndex> {
    return new IdentifierIndex(papers, yield* KeyTable.restore(data, papers.length));
  }

  toData(): KeyTableData {
    return this.table.toData();
  }

  /** Set on an index `patched` made (see `CiteKeyResolver.patched`). */
  private overlay?: { readonly under: IdentifierIndex; readonly changed: IdentifierIndex; readonly visible: (paper: Paper) => boolean };

  /** This index with some papers changed, added or removed: as `CiteKeyResolver.patched`. */
  patched(changed: IdentifierIndex, visible: (paper: Paper) => boolean): IdentifierIndex {
    const index = new IdentifierIndex(this.papers, this.table);
    index.overlay = { under: this, changed, visible };
    return index;
  }

  resolve(identifier: Pick<Identifier, 'kind' | 'id'>): Paper | undefined {
    if (this.overlay) {
      const { under, changed, visible } = this.overlay;
      return changed.resolve(identifier) ?? kept(under.resolve(identifier), visible);
    }
    const at = this.table.get(`${identifier.kind}:${identifier.id.toLowerCase()}`);
    return at === undefined ? undefined : this.papers[at];
  }
}

/** `paper` where `visible` keeps it (see `IdentifierIndex.patched`). */
export function kept(paper: Paper | undefined, visible: (paper: Paper) => boolean): Paper | undefined {
  return paper && visible(paper) ? paper : undefined;
}

/** Each paper's `arxiv:` and `doi:` keys (see `IdentifierIndex`), papers in order, with the paper's place at the same place. */
function identifierEntries(papers: readonly Paper[]): [keys: string[], values: number[]] {
  const keys: string[] = [];
  const values: number[] = [];
  for (let k = 0; k < papers.length; k++) {
    const { arxivId, doi } = papers[k];
    if (arxivId) {
      keys.push(`arxiv:${arxivId.toLowerCase()}`);
      values.push(k);
    }
    if (doi) {
      keys.push(`doi:${doi.toLowerCase()}`);
      values.push(k);
    }
  }
  return [keys, values];
}

/** Where a cite key is being typed: the offset the key starts at, and what is typed of it. */
export interface CiteCompletion {
  readonly start: number;
  /** What is typed from `start` to the cursor: part of a key, or words to look a paper up by (`vaswani att`). */
  readonly typed: string;
  readonly syntax: 'pandoc' | 'latex';
}

/** Pandoc's internal key punctuation, which a key may hold while it is being typed. */
const TYPED_KEY_PUNCT = new Set(['_', ':', '.', '#', '$', '%', '&', '-', '+', '?', '<', '>', '~', '/']);
const KEY_LETTER = /^[\p{L}\p{N}\p{M}]$/u;

/**
 * The longest end of `text` that a key being typed can be: letters, digits, marks and Pandoc's
 * key punctuation (and spaces too with `spaces`: words typed to look a paper up, inside `[@...`
 * or a cite command's braces). Read backwards from the end, so linear: a regular expression
 * anchored at the end (`/[...]*$/`) tries every start and was quadratic on a long line of such
 * characters (3 s for 1 MB, found by fuzzing).
 */
function typedTail(text: string, spaces: boolean): string {
  let i = text.length;
  while (i > 0) {
    let from = i - 1;
    const c = text.charCodeAt(from);
    if (c >= 0xdc00 && c <= 0xdfff && from > 0) {
      const high = text.charCodeAt(from - 1);
      if (high >= 0xd800 && high <= 0xdbff) from--;
    }
    const ch = text.slice(from, i);
    const ascii = c < 128;
    const keyChar = ascii ? (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : KEY_LETTER.test(ch);
    if (keyChar || TYPED_KEY_PUNCT.has(ch) || (spaces && c === 32)) i = from;
    else break;
  }
  return text.slice(i);
}

/** How far before the cursor completion looks: a cite command's brace or `[@` further back is not where a key is typed. */
export const COMPLETION_REACH = 2000;
/** `\cite`, `\citep*`, `\parencite[see][12]`... up to the open brace and any keys before the cursor's. */
const LATEX_CITE_OPEN = /\\[A-Za-z]*cite[A-Za-z]*\*?(?:\s*\[[^\]\n]*\]){0,2}\s*\{(?:[^{}\n]*,)?$/;

/**
 * Whether `character` on `line` is where a cite key goes, in Markdown (Pandoc `@`, `[@`, `; @`,
 * `-@`) or LaTeX (inside the braces of a cite command, after the brace or a comma). In Markdown a
 * bare `@` counts only at a word's start, so an e-mail address or a decorator's middle does not.
 * Inside `[@...` or a cite command's braces the typed part may hold spaces (`[@vaswani att`),
 * since a key cannot: it is then words to look the paper up by. `dialect` `latex` looks only for
 * cite commands.
 */
export function citeCompletionAt(line: string, character: number, dialect: 'markdown' | 'latex'): CiteCompletion | undefined {
  const before = line.slice(Math.max(0, character - COMPLETION_REACH), character);
  for (const spaces of [true, false]) {
    const typedWithSpace = typedTail(before, spaces);
    const typed = typedWithSpace.trimStart();
    const start = character - typed.length;
    const head = before.slice(0, before.length - typedWithSpace.length);
    const spaced = typed.includes(' ');
    if (LATEX_CITE_OPEN.test(head)) return { start, typed, syntax: 'latex' };
    if (dialect !== 'markdown' || !head.endsWith('@') || typed.length !== typedWithSpace.length) continue;
    const prev = head.charAt(head.length - 2);
    if (prev !== '' && !/[\s[;(-]/.test(prev)) continue;
    if (spaced && head.lastIndexOf('[') <= head.lastIndexOf(']')) continue;
    return { start, typed, syntax: 'pandoc' };
  }
  return undefined;
}

/**
 * Words to search for a paper by its cite key: punctuation becomes spaces and letters part from
 * digits (`vaswani2017attention` → `vaswani 2017 attention`, `gadre:datacomp` → `gadre datacomp`).
 */
export function searchWordsOfKey(key: string): string {
  return key
    .replace(/[_:.\-/+]+/g, ' ')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .trim();
}

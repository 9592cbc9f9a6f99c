/**
 * Finding paper names in any text. No library does this: string-search libraries (Aho-Corasick,
 * one big RegExp) match characters, while a paper name has to match whole words, titles in any
 * letter case but short names only in their own, across any spacing, line wrap or comment
 * leader, and an ambiguous name (`CUDA`) only where the sentence around it speaks of a paper.
 *
 * A mention can only begin where a word begins, so the matcher works per word: the text is cut
 * into words, each hashed case-insensitively in one pass; at each word, hash tables keyed on
 * one, two or three words yield the few names that can start there, and each is verified word
 * by word. The cost is one pass over the text, nearly flat in the number of papers, and every
 * check made for a candidate reads a bounded window around it, never its whole line, so a
 * minified bundle on one line scans in linear time. docs/design.md has the measurements behind
 * this design.
 */
import type { AmbiguousNamePolicy, Mention, PaperName, TextSource } from './types';
import type { IsCommonWord } from './names';
import { collapseWhitespace } from './text';

interface Pattern {
  readonly name: PaperName;
  /** Lower-case words. */
  readonly lower: readonly string[];
  /** Words as written in the name. */
  readonly exact: readonly string[];
  /** Hashes of the first three words or fewer (see `wordsOf`). */
  readonly hashes: readonly number[];
  /** Separator class between word k and word k+1 (see `separatorClass`). */
  readonly seps: readonly string[];
  /** Titles match in any case; short and method names only in their own. */
  readonly caseSensitive: boolean;
  /** For ambiguous names: lower-case words whose presence nearby says the paper is meant. */
  readonly cues: ReadonlySet<string>;
}

// ---------------------------------------------------------------------------------------------
// Words and separators

const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_WORD[c] = /[A-Za-z0-9_]/.test(String.fromCharCode(c)) ? 1 : 0;
}
const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;
// 0 = not looked at yet, 1 = word character, 2 = not.
const wordCache = new Uint8Array(65536);

/** Whether a UTF-16 code unit belongs to a word (a letter, digit, mark or `_`; surrogates do not). */
export function isWordCode(c: number): boolean {
  if (c < 128) return ASCII_WORD[c] === 1;
  let known = wordCache[c];
  if (known === 0) {
    known = NON_ASCII_WORD.test(String.fromCharCode(c)) ? 1 : 2;
    wordCache[c] = known;
  }
  return known === 1;
}

// Lower-case of a UTF-16 code unit, one unit to one (0 = not looked at yet). Both the names
// and the scanned text are hashed through this same mapping, so a word and a name that differ
// only in case hash alike; candidates are then verified on real lower-case strings.
const lowerCache = new Uint16Array(65536);

function lowerCode(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  let l = lowerCache[c];
  if (l === 0) {
    l = String.fromCharCode(c).toLowerCase().charCodeAt(0);
    lowerCache[c] = l;
  }
  return l;
}

/** The words of a text: start and end offsets, and a case-insensitive 32-bit hash of each. */
export interface Words {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly hashes: Uint32Array;
  readonly count: number;
}

/** Cuts a text into words (runs of letters, digits, marks and `_`), hashing each as it goes. */
export function wordsOf(text: string): Words {
  let capacity = Math.max(16, text.length >> 3);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let hashes = new Uint32Array(capacity);
  let count = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && !isWordCode(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let hash = 0x811c9dc5;
    for (let c = text.charCodeAt(i); i < n && isWordCode(c); c = text.charCodeAt(++i)) {
      hash = Math.imul(hash ^ lowerCode(c), 0x01000193);
    }
    if (count === capacity) {
      capacity *= 2;
      const s2 = new Int32Array(capacity);
      const e2 = new Int32Array(capacity);
      const h2 = new Uint32Array(capacity);
      s2.set(starts);
      e2.set(ends);
      h2.set(hashes);
      starts = s2;
      ends = e2;
      hashes = h2;
    }
    starts[count] = start;
    ends[count] = i;
    hashes[count] = hash >>> 0;
    count++;
  }
  return { starts, ends, hashes, count };
}

/** The hash of two consecutive words, for names of two words or more. */
function pairHash(first: number, second: number): number {
  return (Math.imul(first ^ (second >>> 15), 0x85ebca6b) ^ Math.imul(second, 0xc2b2ae35)) >>> 0;
}

/**
 * An open-addressing table from 32-bit hashes to lists of patterns, in typed arrays: compact
 * and cache-friendly at 50,000 papers, where a `Map` keyed by strings spends most of a scan
 * missing the cache. Different words with the same hash share a list; candidates are always
 * verified word by word.
 */
class HashTable<T> {
  private keys: Uint32Array;
  private slots: Int32Array;
  private readonly lists: T[][] = [];

  constructor(expected: number) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.keys = new Uint32Array(size);
    this.slots = new Int32Array(size);
  }

  private slotOf(key: number): number {
    const mask = this.keys.length - 1;
    let at = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (this.slots[at] !== 0 && this.keys[at] !== key) at = (at + 1) & mask;
    return at;
  }

  add(key: number, value: T): void {
    if ((this.lists.length + 1) * 2 > this.keys.length) this.grow();
    const at = this.slotOf(key);
    if (this.slots[at] === 0) {
      this.keys[at] = key;
      this.lists.push([]);
      this.slots[at] = this.lists.length;
    }
    this.lists[this.slots[at] - 1].push(value);
  }

  get(key: number): T[] | undefined {
    const slot = this.slots[this.slotOf(key)];
    return slot === 0 ? undefined : this.lists[slot - 1];
  }

  private grow(): void {
    const keys = this.keys;
    const slots = this.slots;
    this.keys = new Uint32Array(keys.length * 2);
    this.slots = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (slots[i] !== 0) {
        const at = this.slotOf(keys[i]);
        this.keys[at] = keys[i];
        this.slots[at] = slots[i];
      }
    }
  }
}

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
/** A paragraph break between two words: no name spans one. */
const BREAK = '\u0000';
// After a line break, the leader of a comment or quote line continues the same sentence:
// `# ... Data Filtering` / `# Networks`, `// ...`, ` * ...`, `> ...`, `% ...`, `-- ...`, `; ...`.
const LINE_LEADER = /(?:\r\n|\n|\r(?!\n))[ \t]*(?:\/\/+|#+|\*+(?!\/)|>+|%+|--|;+)?/g;
// Written so that no two runs of `[ \t]*` meet: `[ \t]*(?:#+)?[ \t]*` would try every split of a
// long run of blanks and take quadratic time on it.
const BLANK_LINE = /(?:\r\n|\n|\r(?!\n))[ \t]*(?:(?:\/\/+|#+|\*+|>+|%+|--|;+)[ \t]*)?(?:\r\n|\n|\r(?!\n))/;

/**
 * What stands between two words, reduced to what matters for matching: `' '` for any white
 * space (spaces, tabs, a line break, a line break plus a comment leader), `'-'` for any hyphen
 * or dash, otherwise the punctuation itself without white space (`':'`, `'^'`, `'&'`), and
 * `BREAK` for a blank line.
 */
export function separatorClass(gap: string): string {
  if (gap === ' ') return ' ';
  let g = gap.replace(DASHES, '-');
  if (/[\r\n]/.test(g)) {
    if (BLANK_LINE.test(g)) return BREAK;
    g = g.replace(LINE_LEADER, ' ');
  }
  const compact = g.replace(/\s+/g, '');
  return compact === '' ? ' ' : compact;
}

// ---------------------------------------------------------------------------------------------
// Context of ambiguous names

// Words and marks that say a paper is being spoken of: "the CUDA paper", "Hydra (Smith et al.,
// 2023)", "[12]", "\cite{...}", "@smith2023", "proposed", a venue.
const PAPER_CUE = new RegExp(
  [
    String.raw`\b(?:papers?|et\s+al\b|arxiv|preprint|proposed?|proposes|introduced?|introduces|authors?|cited?|citation|citing|ablations?|NeurIPS|NIPS|ICLR|ICML|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|AAAI|IJCAI|KDD|TPAMI|JMLR|TMLR)\b`,
    String.raw`\\cite[a-zA-Z]*\{`,
    String.raw`\[\d+(?:\s*[,\u2013-]\s*\d+)*\]`,
    String.raw`\(\s*\p{Lu}[\p{L}'-]+(?:\s+(?:et\s+al\.?|and\s+\p{Lu}[\p{L}'-]+))?,?\s+(?:19|20)\d\d[a-z]?\s*\)`,
    String.raw`\[@[\w:.-]+`,
  ].join('|'),
  'iu',
);
// A version number after the name means the software, not the paper: "CUDA 12", "Hydra v1.3".
const VERSION_AFTER = /^[ \t]*v?\d/;
const CONTEXT_WINDOW = 160;
/** How far back the code-span rule counts backticks on a long line (see `CodeSpans`). */
export const CODE_SPAN_REACH = 1000;

// Title words too generic to say which paper is meant.
const GENERIC_TITLE_WORDS = new Set([
  'with', 'from', 'into', 'over', 'under', 'towards', 'toward', 'using', 'based', 'learning', 'model', 'models',
  'network', 'networks', 'neural', 'deep', 'data', 'dataset', 'datasets', 'training', 'large', 'scale',
  'efficient', 'improved', 'novel', 'method', 'methods', 'approach', 'analysis', 'image', 'images', 'language',
  'vision', 'visual', 'video', 'text', 'your', 'what', 'when', 'does', 'beyond', 'via', 'free', 'need',
]);

function cueWordsOf(paperTitle: string, isCommonWord: IsCommonWord): Set<string> {
  const cues = new Set<string>();
  for (const w of paperTitle.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (w.length >= 4 && /^\p{L}+$/u.test(w) && !GENERIC_TITLE_WORDS.has(w) && !isCommonWord(w)) cues.add(w);
  }
  return cues;
}

// ---------------------------------------------------------------------------------------------
// The matcher

/** A compiled dictionary of paper names; build once per corpus, use for any number of texts. */
export class MentionMatcher {
  /** Names of one word, by the hash of that word. */
  private readonly single: HashTable<Pattern>;
  /** Names of two words, by the hash of both. */
  private readonly pairs: HashTable<Pattern>;
  /**
   * Longer names, by the hash of their first three words: at 50,000 titles, thousands begin
   * with the same two words ("Towards a", "A novel"), few with the same three.
   */
  private readonly longer: HashTable<Pattern>;
  /** Names left out because several papers claim them (see constructor). */
  readonly sharedNames: readonly string[];
  readonly size: number;

  /**
   * @param names every name of every paper (from `deriveNames`).
   * @param titleOf the title of a paper by id, for the context words of ambiguous names.
   * @param isCommonWord everyday vocabulary (see `seeds/common-words.txt`).
   *
   * A short or method name claimed by more than one paper says nothing about which is meant,
   * so it is left out (the papers' full titles still match), as is a title claimed twice.
   */
  constructor(names: readonly PaperName[], titleOf: (paperId: string) => string | undefined, isCommonWord: IsCommonWord) {
    const owners = new Map<string, Set<string>>();
    for (const name of names) {
      const key = name.kind === 'title' ? normaliseTitle(name.text) : name.text;
      let set = owners.get(key);
      if (!set) owners.set(key, (set = new Set()));
      set.add(name.paperId);
    }
    this.single = new HashTable(names.length);
    this.pairs = new HashTable(16);
    this.longer = new HashTable(names.length);
    const shared = new Set<string>();
    const cuesByPaper = new Map<string, Set<string>>();
    let size = 0;
    for (const name of names) {
      const key = name.kind === 'title' ? normaliseTitle(name.text) : name.text;
      if (owners.get(key)!.size > 1) {
        shared.add(name.text);
        continue;
      }
      const pattern = this.compile(name, () => {
        let cues = cuesByPaper.get(name.paperId);
        if (!cues) cuesByPaper.set(name.paperId, (cues = cueWordsOf(titleOf(name.paperId) ?? '', isCommonWord)));
        return cues;
      });
      if (!pattern) continue;
      size++;
      const [h0, h1, h2] = pattern.hashes;
      if (pattern.lower.length === 1) this.single.add(h0, pattern);
      else if (pattern.lower.length === 2) this.pairs.add(pairHash(h0, h1), pattern);
      else this.longer.add(pairHash(pairHash(h0, h1), h2), pattern);
    }
    this.sharedNames = [...shared];
    this.size = size;
  }

  private compile(name: PaperName, cues: () => Set<string>): Pattern | undefined {
    const { starts, ends, hashes, count } = wordsOf(name.text);
    if (count === 0) return undefined;
    const exact: string[] = [];
    const lower: string[] = [];
    const seps: string[] = [];
    for (let k = 0; k < count; k++) {
      const word = name.text.slice(starts[k], ends[k]);
      exact.push(word);
      lower.push(word.toLowerCase());
      if (k > 0) seps.push(separatorClass(name.text.slice(ends[k - 1], starts[k])));
    }
    return { name, exact, lower, hashes: Array.from(hashes.subarray(0, 3)), seps, caseSensitive: name.kind !== 'title', cues: name.ambiguous ? cues() : EMPTY };
  }

  /**
   * Every mention in `text`, sorted by offset, never overlapping: where names overlap, the one
   * that starts first wins, and of those the longest. Offsets are UTF-16 offsets into `text`.
   */
  find(text: string, policy: AmbiguousNamePolicy = 'context'): Mention[] {
    const { starts, ends, hashes, count } = wordsOf(text);
    // Lower-case words are made only for candidates. Lower-casing the whole text once is far
    // cheaper than word by word, and safe whenever it keeps every offset (it does unless the
    // text holds a letter such as U+0130 whose lower case is longer).
    let lowerText: string | undefined;
    let aligned = false;
    const lower: (string | undefined)[] = new Array(count);
    const lowerAt = (k: number): string => {
      let w = lower[k];
      if (w === undefined) {
        if (lowerText === undefined) {
          lowerText = text.toLowerCase();
          aligned = lowerText.length === text.length;
        }
        w = lower[k] = aligned ? lowerText.slice(starts[k], ends[k]) : text.slice(starts[k], ends[k]).toLowerCase();
      }
      return w;
    };
    const gaps: (string | undefined)[] = new Array(count);
    const gapAfter = (k: number): string => {
      let g = gaps[k];
      if (g === undefined) gaps[k] = g = separatorClass(text.slice(ends[k], starts[k + 1]));
      return g;
    };

    // Candidates are verified in text order, so one walk answers every "inside a code span?".
    const codeSpans = new CodeSpans(text);

    const matches = (p: Pattern, at: number): boolean => {
      const last = at + p.lower.length - 1;
      if (last >= count) return false;
      if (lowerAt(at) !== p.lower[0]) return false;
      for (let k = 1; k < p.lower.length; k++) {
        if (lowerAt(at + k) !== p.lower[k] || gapAfter(at + k - 1) !== p.seps[k - 1]) return false;
      }
      if (p.caseSensitive) {
        for (let k = 0; k < p.exact.length; k++) {
          if (ends[at + k] - starts[at + k] !== p.exact[k].length || !text.startsWith(p.exact[k], starts[at + k])) return false;
        }
      }
      const start = starts[at];
      const end = ends[last];
      if (!standsAlone(text, start, end, p.name.kind === 'title')) return false;
      if (p.name.kind === 'title' && titleGoesOn(text, end)) return false;
      if (p.name.ambiguous) {
        if (policy === 'never') return false;
        if (policy === 'context' && !ambiguousNameMeansPaper(text, start, end, p.cues, codeSpans.inside(start))) return false;
      }
      return true;
    };

    const found: Mention[] = [];
    let i = 0;
    while (i < count) {
      let best: Pattern | undefined;
      if (i + 1 < count) {
        const pair = pairHash(hashes[i], hashes[i + 1]);
        const longer = i + 2 < count ? this.longer.get(pairHash(pair, hashes[i + 2])) : undefined;
        if (longer) for (const p of longer) if ((!best || p.lower.length > best.lower.length) && matches(p, i)) best = p;
        if (!best) {
          const two = this.pairs.get(pair);
          if (two) for (const p of two) if (matches(p, i)) best = p;
        }
      }
      if (!best) {
        const singles = this.single.get(hashes[i]);
        if (singles) for (const p of singles) if (matches(p, i)) best = p;
      }
      if (best) {
        const last = i + best.lower.length - 1;
        const start = starts[i];
        const end = ends[last];
        found.push({ start, end, text: text.slice(start, end), paperId: best.name.paperId, kind: best.name.kind });
        i = last + 1;
      } else {
        i++;
      }
    }
    return found;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/** A title as the matcher compares titles: lower case, dashes as hyphens, white space single. */
export function normaliseTitle(title: string): string {
  return collapseWhitespace(title.toLowerCase().replace(DASHES, '-'));
}

function isWordAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && isWordCode(text.charCodeAt(i));
}

/**
 * Whether [start, end) is a whole name and not part of something longer: not glued by a
 * hyphen to a longer word (`DataComp-1B`, `pre-DataComp`), not a member or path (`torch.cuda`,
 * `models/SaRA`, `$CUDA`, `@Hydra`), not a call or index (`LoRAT(`, `LoRAT[`) unless a title.
 */
function standsAlone(text: string, start: number, end: number, isTitle: boolean): boolean {
  const before = text.charAt(start - 1);
  const after = text.charAt(end);
  if ((before === '-' || before === '.') && isWordAt(text, start - 2)) return false;
  if (before === '/' || before === '\\' || before === '$' || before === '@') return false;
  if ((after === '-' || after === '.' || after === '^' || after === '+') && isWordAt(text, end + 1)) return false;
  if (after === '/' || after === '\\') return false;
  if (!isTitle && (after === '(' || after === '[')) return false;
  return true;
}

/**
 * A title followed, on the same line, by more title-cased words or by a colon and a subtitle is
 * the beginning of a different work: "Data Filtering Networks Improve Speech Models" names
 * another paper than "Data Filtering Networks".
 */
function titleGoesOn(text: string, end: number): boolean {
  const rest = text.slice(end, end + 80);
  return /^[ \t]+(?:(?:of|for|with|in|and|via|on|from|to|the|a|an)[ \t]+)?\p{Lu}\p{Ll}/u.test(rest) || /^[ \t]*:[ \t]+\p{Lu}/u.test(rest);
}

/**
 * Whether an offset stands inside a `code span`: after an odd number of backticks between the
 * start of its line, or `CODE_SPAN_REACH` characters before it if the line starts further back,
 * and the offset. The reach keeps the rule local: the verdict on a name depends only on the text
 * near it, so a scan of part of a long line (a hover window, see scanWindow.ts) agrees with a
 * scan of the whole. The price is paid only by code spans longer than `CODE_SPAN_REACH`: a name
 * that far inside one is no longer seen as inside it, and a name up to that far after one's
 * closing backtick is.
 *
 * Asked at offsets that never go back, two cursors walk the text once for a whole scan: one at
 * the offset, carrying the parity of all backticks before it and the start of its line, and
 * one at the start of the reach, carrying the parity before that. Counting from the line start
 * at each name instead would be quadratic on a minified bundle that is one long line.
 */
class CodeSpans {
  private lead = 0;
  private leadOdd = false;
  private lineStart = 0;
  private trail = 0;
  private trailOdd = false;

  constructor(private readonly text: string) {}

  /** Whether `offset` is inside a code span; `offset` must not be less than at the last call. */
  inside(offset: number): boolean {
    const text = this.text;
    for (let i = this.lead; i < offset; i++) {
      const c = text.charCodeAt(i);
      if (c === 96) this.leadOdd = !this.leadOdd;
      else if (c === 10) this.lineStart = i + 1;
    }
    this.lead = offset;
    const from = Math.max(this.lineStart, offset - CODE_SPAN_REACH);
    for (let i = this.trail; i < from; i++) if (text.charCodeAt(i) === 96) this.trailOdd = !this.trailOdd;
    this.trail = from;
    return this.leadOdd !== this.trailOdd;
  }
}

/**
 * The precision rule for names that are also ordinary words (README, "Precision"): the name
 * must not look like software (a version number after it, inside a `code span` or a string
 * literal), and the text around it, within the same sentence, must speak of a paper: a word
 * such as "paper", "et al.", "proposed", a venue, a citation mark, or a distinctive word of the
 * paper's own title ("unlearnable" for CUDA). Reads at most `CONTEXT_WINDOW` characters each
 * side of the name; `inCodeSpan` comes from `CodeSpans`, which reads at most `CODE_SPAN_REACH`.
 */
function ambiguousNameMeansPaper(text: string, start: number, end: number, cues: ReadonlySet<string>, inCodeSpan: boolean): boolean {
  if (VERSION_AFTER.test(text.slice(end, end + 8))) return false;
  if (inCodeSpan) return false;
  const quoteBefore = text.charAt(start - 1);
  if ((quoteBefore === '"' || quoteBefore === "'") && text.charAt(end) === quoteBefore) return false;

  const context = sentenceAround(text, start, end);
  if (PAPER_CUE.test(context)) return true;
  if (cues.size) {
    for (const w of context.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (cues.has(w)) return true;
  }
  return false;
}

const SPACE = /\s/;

/**
 * Where a sentence or paragraph boundary that starts at `q` ends, if it does before `limit`:
 * `.`, `!` or `?` followed by white space, or a blank line (a line break, spaces or tabs, a line
 * break). -1 if no boundary starts at `q`.
 */
function boundaryEnd(text: string, q: number, limit: number): number {
  const c = text.charCodeAt(q);
  if (c === 46 || c === 33 || c === 63) return q + 1 < limit && SPACE.test(text.charAt(q + 1)) ? q + 2 : -1;
  if (c === 10) {
    let k = q + 1;
    // Blanks, and the CR of a CRLF line end, may stand between the two line feeds.
    while (k < limit && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9 || text.charCodeAt(k) === 13)) k++;
    return k < limit && text.charCodeAt(k) === 10 ? k + 1 : -1;
  }
  return -1;
}

/**
 * The text of the sentence around [start, end), without the name itself, at most
 * `CONTEXT_WINDOW` characters each side, never across a sentence end or a paragraph break.
 * Plain loops rather than regular expressions, so the cost is plainly linear in the window: each
 * character is looked at once, and each run of blanks after a line break at most twice.
 */
function sentenceAround(text: string, start: number, end: number): string {
  const lo = Math.max(0, start - CONTEXT_WINDOW);
  const hi = Math.min(text.length, end + CONTEXT_WINDOW);
  // Backwards to the nearest boundary that lies wholly before the name.
  let from = lo;
  for (let q = start - 1; q >= lo; q--) {
    const e = boundaryEnd(text, q, start);
    if (e !== -1) {
      from = e;
      break;
    }
  }
  // Forwards to the first boundary after the name, without its `.`, `!` or `?` (they say nothing).
  let to = hi;
  for (let q = end; q < hi; q++) {
    if (boundaryEnd(text, q, hi) !== -1) {
      to = q;
      break;
    }
  }
  return `${text.slice(from, start)} ${text.slice(end, to)}`;
}

// ---------------------------------------------------------------------------------------------
// Lookups in a scanned document

/** The mentions of one scanned text, for answering "which mention is under this offset?". */
export class MentionIndex {
  private readonly starts: Int32Array;

  constructor(readonly mentions: readonly Mention[]) {
    this.starts = Int32Array.from(mentions, (m) => m.start);
  }

  /** The mention covering `offset` (start ≤ offset < end), by binary search. */
  at(offset: number): Mention | undefined {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= offset) lo = mid + 1;
      else hi = mid - 1;
    }
    const m = this.mentions[hi];
    return m && offset < m.end ? m : undefined;
  }

  /** Mentions overlapping [start, end). */
  between(start: number, end: number): Mention[] {
    return this.mentions.filter((m) => m.end > start && m.start < end);
  }
}

/**
 * Scans each document once per version and policy: hovers, the search command's "name under
 * the cursor" and anything else ask the cache, not the matcher.
 */
export class MentionCache {
  private readonly entries = new Map<string, { version: number; policy: AmbiguousNamePolicy; index: MentionIndex }>();

  constructor(private readonly matcher: () => MentionMatcher) {}

  get(key: string, source: TextSource, policy: AmbiguousNamePolicy): MentionIndex {
    const entry = this.entries.get(key);
    if (entry && entry.version === source.version && entry.policy === policy) return entry.index;
    const index = new MentionIndex(this.matcher().find(source.getText(), policy));
    this.entries.set(key, { version: source.version, policy, index });
    return index;
  }

  /** Forgets a document (call when it closes). */
  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

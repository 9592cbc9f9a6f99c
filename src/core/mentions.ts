/**
 * Finding paper names in any text: the feature no other tool has, so it is ours, not a library's.
 *
 * Design (see ../shared/docs/performance-notes.md): a mention can only begin where a word
 * begins, so the matcher works per word, not per character. The text is cut into words and
 * each word hashed (case-insensitively) in one pass; at each word, lookups in typed-array hash
 * tables on the hash of one word (one-word names), two words (two-word names) or three words
 * (longer names) yield the few names that can start there, and each is verified word by word.
 * No string is made for a word that starts no candidate. The cost is one pass over the text,
 * nearly flat in the number of papers, and building the tables is one pass over the names.
 */
import type { AmbiguousNamePolicy, Mention, PaperName, TextSource } from './types';
import type { IsCommonWord } from './names';
import { CH_UNDERSCORE, CH_WORD, CHAR_CLASS, classifyCode, collapseWhitespace, DASHES, FNV_OFFSET, fnvStep, hashPair, lowerCode } from './text';

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

/** The mention rule on top of the kernel: identifiers are one word (`_` joins, `DataComp_v2` is one word). */
const MENTION_WORD = CH_WORD | CH_UNDERSCORE;

function isWordCode(c: number): boolean {
  const k = CHAR_CLASS[c];
  return ((k !== 0 ? k : classifyCode(c)) & MENTION_WORD) !== 0;
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
    let hash = FNV_OFFSET;
    for (let c = text.charCodeAt(i); i < n && isWordCode(c); c = text.charCodeAt(++i)) {
      hash = fnvStep(hash, lowerCode(c));
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
const pairHash = hashPair;

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

/** A paragraph break between two words: no name spans one. */
const BREAK = '\u0000';
// After a line break, the leader of a comment or quote line continues the same sentence:
// `# ... Data Filtering` / `# Networks`, `// ...`, ` * ...`, `> ...`, `% ...`, `-- ...`, `; ...`.
const LINE_LEADER = /(?:\r\n|\n|\r(?!\n))[ \t]*(?:\/\/+|#+|\*+(?!\/)|>+|%+|--|;+)?/g;
const BLANK_LINE = /(?:\r\n|\n|\r(?!\n))[ \t]*(?:\/\/+|#+|\*+|>+|%+|--|;+)?[ \t]*(?:\r\n|\n|\r(?!\n))/;

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
        if (policy === 'context' && !ambiguousNameMeansPaper(text, start, end, p.cues)) return false;
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
 * The precision rule for names that are also ordinary words (README, "Precision"): the name
 * must not look like software (a version number after it, inside a `code span` or a string
 * literal), and the text around it, within the same paragraph, must speak of a paper: a word
 * such as "paper", "et al.", "proposed", a venue, a citation mark, or a distinctive word of the
 * paper's own title ("unlearnable" for CUDA).
 */
export function ambiguousNameMeansPaper(text: string, start: number, end: number, cues: ReadonlySet<string>): boolean {
  if (VERSION_AFTER.test(text.slice(end, end + 8))) return false;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineBefore = text.slice(lineStart, start);
  if ((lineBefore.match(/`/g)?.length ?? 0) % 2 === 1) return false;
  const quoteBefore = text.charAt(start - 1);
  if ((quoteBefore === '"' || quoteBefore === "'") && text.charAt(end) === quoteBefore) return false;

  const context = sentenceAround(text, start, end);
  if (PAPER_CUE.test(context)) return true;
  if (cues.size) {
    for (const w of context.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (cues.has(w)) return true;
  }
  return false;
}

/**
 * The text of the sentence around [start, end), without the name itself, at most
 * `CONTEXT_WINDOW` characters each side, never across a paragraph break.
 */
function sentenceAround(text: string, start: number, end: number): string {
  const lo = Math.max(0, start - CONTEXT_WINDOW);
  const hi = Math.min(text.length, end + CONTEXT_WINDOW);
  const before = text.slice(lo, start);
  const after = text.slice(end, hi);
  const head = before.match(/(?:^|[.!?]\s|\n[ \t]*\n)((?:(?![.!?]\s|\n[ \t]*\n)[\s\S])*)$/);
  const tail = after.match(/^(?:(?![.!?](?:\s|$)|\n[ \t]*\n)[\s\S])*[.!?]?/);
  return `${head ? head[1] : before} ${tail ? tail[0] : after}`;
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

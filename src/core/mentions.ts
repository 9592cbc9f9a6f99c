/**
 * Finding paper names in any text: the feature no other tool has, so it is ours, not a library's.
 *
 * Design (see ../shared/docs/performance-notes.md): a mention can only begin where a word
 * begins, so the matcher works per word, not per character. The text is cut into words once;
 * at each word a hash lookup on the first word (one-word names) or the first two words (longer
 * names) yields the few names that can start there, and each is verified word by word. The
 * cost is one pass over the text, flat in the number of papers, and building the tables is one
 * pass over the names.
 */
import type { AmbiguousNamePolicy, Mention, PaperName, TextSource } from './types';
import type { IsCommonWord } from './names';

interface Pattern {
  readonly name: PaperName;
  /** Lower-case words. */
  readonly lower: readonly string[];
  /** Words as written in the name. */
  readonly exact: readonly string[];
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

function isWordCode(c: number): boolean {
  if (c < 128) return ASCII_WORD[c] === 1;
  let known = wordCache[c];
  if (known === 0) {
    known = NON_ASCII_WORD.test(String.fromCharCode(c)) ? 1 : 2;
    wordCache[c] = known;
  }
  return known === 1;
}

/** Start and end offsets of the words (runs of letters, digits, marks and `_`) of a text. */
export function wordsOf(text: string): { starts: Int32Array; ends: Int32Array; count: number } {
  let starts = new Int32Array(Math.max(16, text.length >> 3));
  let ends = new Int32Array(starts.length);
  let count = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && !isWordCode(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && isWordCode(text.charCodeAt(i))) i++;
    if (count === starts.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      starts = grow(starts);
      ends = grow(ends);
    }
    starts[count] = start;
    ends[count] = i;
    count++;
  }
  return { starts, ends, count };
}

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
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
  /** Names of one word, by their lower-case word. */
  private readonly single = new Map<string, Pattern[]>();
  /** Longer names, by their first lower-case word, then their second. */
  private readonly multi = new Map<string, Map<string, Pattern[]>>();
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
    const shared: string[] = [];
    const cuesByPaper = new Map<string, Set<string>>();
    let size = 0;
    for (const name of names) {
      const key = name.kind === 'title' ? normaliseTitle(name.text) : name.text;
      if (owners.get(key)!.size > 1) {
        if (!shared.includes(name.text)) shared.push(name.text);
        continue;
      }
      const pattern = this.compile(name, () => {
        let cues = cuesByPaper.get(name.paperId);
        if (!cues) cuesByPaper.set(name.paperId, (cues = cueWordsOf(titleOf(name.paperId) ?? '', isCommonWord)));
        return cues;
      });
      if (!pattern) continue;
      size++;
      if (pattern.lower.length === 1) {
        push(this.single, pattern.lower[0], pattern);
      } else {
        let bySecond = this.multi.get(pattern.lower[0]);
        if (!bySecond) this.multi.set(pattern.lower[0], (bySecond = new Map()));
        push(bySecond, pattern.lower[1], pattern);
      }
    }
    this.sharedNames = shared;
    this.size = size;
  }

  private compile(name: PaperName, cues: () => Set<string>): Pattern | undefined {
    const { starts, ends, count } = wordsOf(name.text);
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
    return { name, exact, lower, seps, caseSensitive: name.kind !== 'title', cues: name.ambiguous ? cues() : EMPTY };
  }

  /**
   * Every mention in `text`, sorted by offset, never overlapping: where names overlap, the one
   * that starts first wins, and of those the longest. Offsets are UTF-16 offsets into `text`.
   */
  find(text: string, policy: AmbiguousNamePolicy = 'context'): Mention[] {
    const { starts, ends, count } = wordsOf(text);
    // Lower-casing the whole text once is far cheaper than word by word, and safe whenever it
    // keeps every offset (it does unless the text holds a letter such as U+0130 that grows).
    const lowerText = text.toLowerCase();
    const aligned = lowerText.length === text.length;
    const lower: string[] = new Array(count);
    for (let k = 0; k < count; k++) lower[k] = aligned ? lowerText.slice(starts[k], ends[k]) : text.slice(starts[k], ends[k]).toLowerCase();
    const gaps: (string | undefined)[] = new Array(count);
    const gapAfter = (k: number): string => {
      let g = gaps[k];
      if (g === undefined) gaps[k] = g = separatorClass(text.slice(ends[k], starts[k + 1]));
      return g;
    };

    const matches = (p: Pattern, at: number): boolean => {
      const last = at + p.lower.length - 1;
      if (last >= count) return false;
      for (let k = 1; k < p.lower.length; k++) {
        if (lower[at + k] !== p.lower[k] || gapAfter(at + k - 1) !== p.seps[k - 1]) return false;
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
      const pairs = i + 1 < count ? this.multi.get(lower[i])?.get(lower[i + 1]) : undefined;
      if (pairs) {
        for (const p of pairs) if ((!best || p.lower.length > best.lower.length) && matches(p, i)) best = p;
      }
      if (!best) {
        const singles = this.single.get(lower[i]);
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

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function normaliseTitle(title: string): string {
  return title.toLowerCase().replace(DASHES, '-').replace(/\s+/g, ' ').trim();
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

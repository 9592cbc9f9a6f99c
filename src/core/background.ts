/**
 * Background statistics: how ML writing at large uses words and names, derived from the
 * titles and abstracts of many arXiv papers (`seeds/background.txt`, made by
 * `bench/backgroundStats.ts`). They hold counts only, no text:
 * - for each word (lower case), the number of abstracts that use it: how informative the word
 *   is when the words around a name are compared with a paper's own (inverse document frequency);
 * - for each name-like token (as written: `SiT`, `CUDA`, `DataComp`), the number of abstracts
 *   that use it, the abstracts that define it (as their own contribution or as an acronym with
 *   a long form, each stored as a short hash of that title or long form), and the words most
 *   typical of the abstracts that use it (as short hashes).
 *
 * With these a paper's name can be judged as entity linkers judge an anchor (TagMe's link
 * probability): a name that other papers define for their own work, or that the literature
 * uses in contexts unlike the paper's, is collision-prone and needs evidence in the text.
 */
import { FileError } from './errors';
import { finishSteps, ITEMS_PER_STEP, Pace, type Steps } from './steps';
import { lowerCode, wordFinish, WORD_SEED, wordHash, wordStep } from './text';

export { wordHash };

/** What the background says about one name-like token. */
export interface NameStats {
  /** Abstracts that use the token (as written, also as the first part of a hyphenated word). */
  readonly df: number;
  /**
   * How the abstracts that define it define it: the short hash (`shortHash`) of the defining
   * abstract's title (a name it gives its own work) or of the long form it spells out, with
   * the number of abstracts that do so; the most frequent first, at most four.
   */
  readonly defs: ReadonlyArray<{ readonly hash: string; readonly count: number }>;
  /** Definitions beyond those listed in `defs`. */
  readonly moreDefs: number;
  /** Hashes (`signatureHash`) of the words most typical of the abstracts that use it. */
  readonly signature: readonly number[];
}

/** The 16-bit form of a word hash that name signatures store. */
export function signatureHash(hash: number): number {
  return hash & 0xffff;
}

/** A malformed statistics file, with its file and line. */
export class BackgroundError extends FileError {}

/** Names whose statistics `Background.name` keeps at once: those of the documents being read, not of a whole library. */
const NAME_CACHE_MAX = 4096;

export class Background {
  private wordDf?: Map<number, number>;
  /** Hashes of listed words rarely written in lower case (names rather than words). */
  private readonly capitalised = new Set<number>();
  private minDf = 1;
  /** Offsets of the lines of the `[names]` section, which is sorted by name. */
  private nameLines?: Int32Array;
  /** Names looked up lately (at most `NAME_CACHE_MAX`, the oldest dropped first): every name of a 50,000-paper library, kept, held 5 MB. */
  private readonly nameCache = new Map<string, NameStats | null>();

  private constructor(
    /** Number of abstracts the statistics were derived from (0: no statistics). */
    readonly docs: number,
    private readonly text: string,
    private readonly wordsFrom: number,
    private readonly wordsTo: number,
    private readonly namesFrom: number,
  ) {}

  /** No statistics: every word equally informative, every name unknown to the background. */
  static empty(): Background {
    return new Background(0, '', 0, 0, 0);
  }

  /**
   * Reads `seeds/background.txt` (see `bench/backgroundStats.ts` for the format). Only the
   * header and the section boundaries are read here; words are read on the first question
   * about a word, and names are looked up in the sorted `[names]` section by binary search,
   * so loading costs a few milliseconds however large the file.
   */
  static parse(text: string, file: string): Background {
    const header = /^docs (\d+)$/m.exec(text);
    const words = text.indexOf('\n[words]\n');
    const names = text.indexOf('\n[names]\n');
    if (!header || words < 0 || names < words) {
      const line = header ? text.slice(0, (words < 0 ? names : words) + 1).split('\n').length : 1;
      throw new BackgroundError(file, line, 'expected "docs N", then a [words] and a [names] section');
    }
    return new Background(Number(header[1]), text, words + 9, names + 1, names + 9);
  }

  /** Whether there are statistics at all. */
  get present(): boolean {
    return this.docs > 0;
  }

  /**
   * Reads the statistics a corpus's names will ask about, in steps (see `core/steps.ts`): once
   * per background, shared by every corpus. Read at the first question instead, the words held
   * the thread for 50-80 ms, the first step of naming a library's papers.
   */
  *prepare(): Steps<void> {
    if (!this.wordDf) this.wordDf = yield* this.wordSteps();
    if (!this.nameLines) this.nameLines = yield* this.nameLineSteps();
  }

  /** Lines of `DF word word ...`: each word hashed as the scanner hashes words, straight from the text. */
  private words(): Map<number, number> {
    return (this.wordDf ??= finishSteps(this.wordSteps()));
  }

  private *wordSteps(): Steps<Map<number, number>> {
    const map = new Map<number, number>();
    const t = this.text;
    let minDf = Infinity;
    let i = this.wordsFrom;
    let read = 0;
    // Paused between words, not only between lines: the line of words seen once holds tens of
    // thousands of them, a single step of 60 ms on a warm start before this code was compiled.
    const pace = new Pace(ITEMS_PER_STEP * 16);
    while (i < this.wordsTo) {
      let df = 0;
      while (i < this.wordsTo && t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) df = df * 10 + t.charCodeAt(i++) - 48;
      if (df > 0 && df < minDf) minDf = df;
      for (;;) {
        const c = t.charCodeAt(i);
        if (c === 10 || i >= this.wordsTo) break;
        i++; // the space before a word
        const name = t.charCodeAt(i) === 94; // `^`
        if (name) i++;
        let h = WORD_SEED;
        while (i < this.wordsTo && t.charCodeAt(i) !== 32 && t.charCodeAt(i) !== 10) h = wordStep(h, lowerCode(t.charCodeAt(i++)));
        const hash = wordFinish(h);
        map.set(hash, df);
        if (name) this.capitalised.add(hash);
        if (pace.tickCheap(read++)) yield* pace.pause();
      }
      i++;
    }
    this.minDf = Number.isFinite(minDf) ? minDf : 1;
    return map;
  }

  /** Document frequency of a word by its `wordHash`; words not listed count as rarer than any listed. */
  dfOfHash(hash: number): number {
    const df = this.words().get(hash);
    if (df !== undefined) return df;
    return this.docs ? Math.max(1, this.minDf - 1) : 0;
  }

  /**
   * Inverse document frequency, `ln(docs / df)`, of a word by its hash: about 0 for "the",
   * 3 for a word in one abstract of twenty, 10 for a word seen once in 50,000.
   */
  idfOfHash(hash: number): number {
    if (!this.docs) return 1;
    return Math.log(this.docs / this.dfOfHash(hash));
  }

  /**
   * Whether the background writes this lower-case word in lower case, as an ordinary word
   * (`chord`), rather than with capitals as a name (`datacomp`) or not at all.
   */
  isLowerCaseWord(word: string): boolean {
    const h = wordHash(word);
    return this.words().has(h) && !this.capitalised.has(h);
  }

  /** Document frequency of a lower-case word. */
  dfOfWord(word: string): number {
    return this.dfOfHash(wordHash(word));
  }

  /** What the background says about a name-like token, as written. */
  name(name: string): NameStats | undefined {
    let stats = this.nameCache.get(name);
    if (stats === undefined) {
      const line = this.findNameLine(name);
      stats = line === undefined ? null : parseNameLine(line);
      if (this.nameCache.size >= NAME_CACHE_MAX) this.nameCache.delete(this.nameCache.keys().next().value!);
      this.nameCache.set(name, stats);
    }
    return stats ?? undefined;
  }

  private findNameLine(name: string): string | undefined {
    if (!this.docs) return undefined;
    this.nameLines ??= finishSteps(this.nameLineSteps());
    // Binary search; names are sorted by UTF-16 code units, as JavaScript compares strings.
    let lo = 0;
    let hi = this.nameLines.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.nameLines[mid];
      const c = compareAt(this.text, at, name);
      if (c === 0) {
        const end = this.text.indexOf('\n', at);
        return this.text.slice(at, end < 0 ? undefined : end);
      }
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** Where each line of the `[names]` section starts. */
  private *nameLineSteps(): Steps<Int32Array> {
    const starts: number[] = [];
    let lines = 0;
    const pace = new Pace(ITEMS_PER_STEP * 16);
    for (let i = this.namesFrom; i < this.text.length; ) {
      const c = this.text.charCodeAt(i);
      if (c !== 10 && c !== 35) starts.push(i);
      const end = this.text.indexOf('\n', i);
      if (end < 0) break;
      i = end + 1;
      if (pace.tickCheap(lines++)) yield* pace.pause();
    }
    return Int32Array.from(starts);
  }
}

/** Compares the name at `at` in `text` (up to a space) with `name`: negative, 0 or positive. */
function compareAt(text: string, at: number, name: string): number {
  for (let k = 0; ; k++) {
    const c = text.charCodeAt(at + k);
    const lineEnded = c === 32 || c === 10 || Number.isNaN(c);
    if (k === name.length) return lineEnded ? 0 : 1;
    if (lineEnded) return -1;
    const d = name.charCodeAt(k);
    if (c !== d) return c - d;
  }
}

function parseNameLine(line: string): NameStats {
  const fields = line.split(' ');
  const defs: Array<{ hash: string; count: number }> = [];
  let moreDefs = 0;
  if (fields[2] && fields[2] !== '-') {
    for (const d of fields[2].split(',')) {
      if (d.startsWith('+')) moreDefs = Number(d.slice(1)) || 0;
      else {
        const [hash, count] = d.split(':');
        defs.push({ hash, count: count ? Number(count) || 1 : 1 });
      }
    }
  }
  const signature: number[] = [];
  const sig = fields[3] ?? '-';
  if (sig !== '-') for (let k = 0; k + 4 <= sig.length; k += 4) signature.push(parseInt(sig.slice(k, k + 4), 16));
  return { df: Number(fields[1]) || 0, defs, moreDefs, signature };
}

/**
 * The topic taxonomy and the classifier that files papers under it.
 *
 * ## Taxonomy file format (`seeds/topics.json`)
 *
 * A JSON object `{ "topics": [ ... ] }` (other top-level keys such as `"$comment"` are
 * ignored; a bare array of topics is accepted too). Each topic:
 *
 * ```json
 * {
 *   "id": "peft",                         // kebab-case, unique
 *   "label": "Parameter-Efficient Fine-Tuning",
 *   "description": "One line shown as the tooltip.",
 *   "strong": ["lora", "adapter tuning"], // optional: terms that name the topic (weight 3)
 *   "vocabulary": ["adapter", "frozen"],  // required, non-empty: ordinary signals (weight 1)
 *   "weak": ["downstream"],               // optional: faint hints (weight 0.25)
 *   "fallback": true                      // optional, at most one topic: where papers too faint to file go
 * }
 * ```
 *
 * Terms are lower case words or phrases. Matching is on whole words of normalised text and
 * ignores hyphens, spaces and a plural -s: `fine-tuning`, `fine tuning`, `finetuning` and
 * `fine-tunings` are the same term. Where terms overlap, the longest one found at a position
 * wins (`parameter-efficient fine-tuning` does not also count as `fine-tuning`).
 *
 * The parsed {@link Topic.vocabulary} holds the strong and ordinary terms (what a person would
 * search by); weights and weak terms stay on the {@link TaxonomyTopic} extras.
 *
 * ## Scoring
 *
 * For each topic: sum over its matched terms of `weight × (TITLE_FACTOR if in the title +
 * occurrence factor in the abstract)`, where repeats in the abstract count with diminishing
 * returns (1, 1.5, 1.75, …) so one word repeated ten times cannot outvote several distinct
 * signals. The best topic comes first; others follow when they reach `SECONDARY_RATIO` of the
 * best and a small absolute floor (at most three in all).
 *
 * A paper whose best topic scores below `FILE_MIN_SCORE` is not placed: faint hints alone (or
 * nothing at all) do not file it. It then gets no topic, and the sidebar lists it as unfiled,
 * unless the taxonomy marks a fallback topic, which takes such papers instead. One ordinary term
 * in the title is enough to file a paper, so a title alone (a `.bib` entry without an abstract)
 * usually is.
 *
 * Grouping is decided by the vocabulary alone: there are no per-paper overrides, so papers
 * never seen before (a user's library) are filed the same way as the bundled ones. A plain
 * {@link Topic} without the extras works too; all its terms then weigh 1.
 */
import { CH_DIGIT, CH_LETTER, charClass, FNV_PRIME, lowerCode } from './text';
import { FileError } from './errors';
import type { Paper, Topic } from './types';
import { finishSteps, ITEMS_PER_STEP, Pace, type Steps } from './steps';

/** A topic as read from the taxonomy file, with the extras the classifier weighs. */
export interface TaxonomyTopic extends Topic {
  /** Terms that on their own name the topic; a subset of `vocabulary`. */
  readonly strong: readonly string[];
  /** Faint hints, counted at a quarter weight; not part of `vocabulary`. */
  readonly weak: readonly string[];
  /** Papers too faint to file anywhere else are filed here (none by default: they stay unfiled). */
  readonly fallback: boolean;
}

/** The taxonomy file is unusable; the message names the file and what to fix. */
export class TaxonomyError extends FileError {
  constructor(file: string, detail: string) {
    super(file, undefined, detail);
  }
}

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TOPIC_KEYS = new Set(['id', 'label', 'description', 'vocabulary', 'strong', 'weak', 'fallback']);

/** Parses and validates a taxonomy; throws {@link TaxonomyError} on the first problem. */
export function parseTaxonomy(json: string, file: string): TaxonomyTopic[] {
  const fail = (detail: string): never => {
    throw new TaxonomyError(file, detail);
  };
  let root: unknown;
  try {
    root = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (e) {
    fail(`is not valid JSON (${(e as Error).message})`);
  }
  const list: unknown = Array.isArray(root) ? root : isObject(root) ? root.topics : undefined;
  if (!Array.isArray(list)) return fail('expected an object with a "topics" array');
  if (list.length === 0) fail('"topics" is empty: define at least one topic');

  const seen = new Set<string>();
  const topics = list.map((raw: unknown, i): TaxonomyTopic => {
    const n = i + 1;
    if (!isObject(raw)) return fail(`topic ${n} is not an object`);
    const name = typeof raw.id === 'string' ? `topic ${n} ("${raw.id}")` : `topic ${n}`;
    for (const key of Object.keys(raw)) {
      if (!TOPIC_KEYS.has(key)) fail(`${name} has an unknown key "${key}" (expected ${[...TOPIC_KEYS].join(', ')})`);
    }
    if (typeof raw.id !== 'string' || !ID_PATTERN.test(raw.id)) fail(`${name} needs an "id" in kebab-case, like "data-curation"`);
    const id = raw.id as string;
    if (seen.has(id)) fail(`${name} repeats the id of an earlier topic`);
    seen.add(id);
    const text = (key: 'label' | 'description'): string => {
      const v = raw[key];
      return typeof v === 'string' && v.trim() ? v.trim() : fail(`${name} has no "${key}"`);
    };
    const label = text('label');
    const description = text('description');
    const terms = (key: 'vocabulary' | 'strong' | 'weak', required: boolean): string[] => {
      const v = raw[key];
      if (v === undefined && !required) return [];
      if (required && (v === undefined || (Array.isArray(v) && v.length === 0))) return fail(`${name} has no vocabulary`);
      if (!Array.isArray(v)) return fail(`${name}: "${key}" must be an array of terms`);
      return v.map((t: unknown) => {
        if (typeof t !== 'string' || !termKey(t)) return fail(`${name}: "${key}" holds ${JSON.stringify(t)}, which is not a word or phrase`);
        if (t !== t.toLowerCase()) fail(`${name}: term "${t}" must be lower case`);
        return t.trim();
      });
    };
    const vocabulary = terms('vocabulary', true);
    const strong = terms('strong', false);
    const weak = terms('weak', false);
    const keys = new Map<string, string>();
    for (const t of [...strong, ...vocabulary, ...weak]) {
      const k = termKey(t);
      const earlier = keys.get(k);
      if (earlier !== undefined) fail(`${name} lists "${t}" twice${earlier === t ? '' : ` (as "${earlier}")`}`);
      keys.set(k, t);
    }
    if (raw.fallback !== undefined && typeof raw.fallback !== 'boolean') fail(`${name}: "fallback" must be true or false`);
    return { id, label, description, vocabulary: [...strong, ...vocabulary], strong, weak, fallback: raw.fallback === true };
  });
  if (topics.filter((t) => t.fallback).length > 1) fail('more than one topic is marked "fallback"');
  return topics;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---------------------------------------------------------------------------------------------
// Normalisation shared by vocabulary and text: lower case, words are runs of ASCII letters and
// digits (everything else separates), plural -s off (`adapters` = `adapter`, `classes` =
// `class`, `studies` = `study`; `loss`, `corpus`, `analysis` stay).

/** The topic rule on top of the kernel: a word is a run of ASCII letters and digits. */
const TOPIC_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) TOPIC_WORD[c] = charClass(c) & (CH_LETTER | CH_DIGIT) ? 1 : 0;

/** Lower case of a character code (the kernel's one-unit folding). */
const lower = lowerCode;

function isWordChar(c: number): boolean {
  return c < 128 && TOPIC_WORD[c] === 1;
}

/**
 * Stems the word `s[start, end)` (in any case): returns `kept × 2 + y`, where the stem is the
 * first `kept` characters followed by a `y` when `y` is 1 (`studies` → `stud` + `y`).
 */
function stemOf(s: string, start: number, end: number): number {
  const n = end - start;
  if (n <= 3 || lower(s.charCodeAt(end - 1)) !== 115 /* s */) return n * 2;
  const p = lower(s.charCodeAt(end - 2));
  if (p === 115 /* s */ || p === 117 /* u */ || p === 105 /* i */) return n * 2; // loss, corpus, analysis
  if (p === 101 /* e */ && n > 4) {
    const q = lower(s.charCodeAt(end - 3));
    const r = lower(s.charCodeAt(end - 4));
    if (q === 105 /* i */) return (n - 3) * 2 + 1; // -ies → -y
    if (q === 104 /* h */ && r === 99 /* c */ && lower(s.charCodeAt(end - 5)) === 97 /* a */ && !isVowel(n > 5 ? lower(s.charCodeAt(end - 6)) : 0)) {
      return (n - 1) * 2; // -ache + s after a consonant: `caches`, `headaches` (but `reaches`, `approaches`: below)
    }
    if (q === 120 /* x */ || (q === 115 /* s */ && r === 115) || (q === 104 /* h */ && (r === 99 || r === 115))) {
      return (n - 2) * 2; // -sses, -xes, -ches, -shes
    }
  }
  return (n - 1) * 2;
}

function isVowel(c: number): boolean {
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117;
}

/** The normalised words of a text, as strings (for building the vocabulary, not the hot path). */
function normalizedWords(text: string): string[] {
  const s = text.toLowerCase();
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    if (i < s.length && isWordChar(s.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const stem = stemOf(s, start, i);
      out.push(s.slice(start, start + (stem >> 1)) + (stem & 1 ? 'y' : ''));
      start = -1;
    }
  }
  return out;
}

/** The lookup key of a term: its normalised words run together (`Fine-Tunings` → `finetuning`). */
function termKey(term: string): string {
  return normalizedWords(term).join('');
}

// ---------------------------------------------------------------------------------------------
// Allocation-free word hashing. Classification runs over whole libraries (50k papers, ~10M
// words), so words are never sliced into strings: each gets two polynomial hashes (Horner,
// mod 2^32), which compose over concatenation (`H(ab) = H(a)·P^|b| + H(b)`) so that
// `fine` + `tuning` hashes like `finetuning`. Term hits are confirmed character by character.

const P1 = FNV_PRIME;
const P2 = 0x2f0b3a49;
const Y = 121; // 'y', appended by the -ies stem

function hashChars(key: string, p: number): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, p) + key.charCodeAt(i)) | 0;
  return h;
}

/** Open-addressing table from a string's two hashes to a lookup code (0 = absent). */
class HashTable {
  private readonly mask: number;
  private readonly h1: Int32Array;
  private readonly h2: Int32Array;
  private readonly codes: Int32Array;

  constructor(size: number) {
    let cap = 16;
    while (cap < size * 4) cap <<= 1;
    this.mask = cap - 1;
    this.h1 = new Int32Array(cap);
    this.h2 = new Int32Array(cap);
    this.codes = new Int32Array(cap);
  }

  get(h1: number, h2: number): number {
    for (let i = (h1 ^ (h2 >>> 15)) & this.mask; ; i = (i + 1) & this.mask) {
      const code = this.codes[i];
      if (code === 0 || (this.h1[i] === h1 && this.h2[i] === h2)) return code;
    }
  }

  set(key: string, code: number): void {
    const h1 = hashChars(key, P1);
    const h2 = hashChars(key, P2);
    let i = (h1 ^ (h2 >>> 15)) & this.mask;
    while (this.codes[i] !== 0 && !(this.h1[i] === h1 && this.h2[i] === h2)) i = (i + 1) & this.mask;
    this.h1[i] = h1;
    this.h2[i] = h2;
    this.codes[i] = code;
  }
}

/** The words of one text as positions and hashes; buffers grow and are reused. */
class WordBuffer {
  count = 0;
  text = '';
  start = new Int32Array(256);
  /** Stemmed length, including an appended `y`. */
  length = new Int32Array(256);
  y = new Uint8Array(256);
  h1 = new Int32Array(256);
  h2 = new Int32Array(256);

  fill(text: string): void {
    // Lower-cased character by character: no copy of the text.
    const s = text;
    this.text = s;
    this.count = 0;
    let start = -1;
    for (let i = 0; i <= s.length; i++) {
      if (i < s.length && isWordChar(s.charCodeAt(i))) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        this.push(s, start, i);
        start = -1;
      }
    }
  }

  private push(s: string, start: number, end: number): void {
    if (this.count === this.start.length) this.grow();
    const stem = stemOf(s, start, end);
    const kept = stem >> 1;
    let h1 = 0;
    let h2 = 0;
    for (let i = start; i < start + kept; i++) {
      const c = lower(s.charCodeAt(i));
      h1 = (Math.imul(h1, P1) + c) | 0;
      h2 = (Math.imul(h2, P2) + c) | 0;
    }
    if (stem & 1) {
      h1 = (Math.imul(h1, P1) + Y) | 0;
      h2 = (Math.imul(h2, P2) + Y) | 0;
    }
    const k = this.count++;
    this.start[k] = start;
    this.length[k] = kept + (stem & 1);
    this.y[k] = stem & 1;
    this.h1[k] = h1;
    this.h2[k] = h2;
  }

  private grow(): void {
    const cap = this.start.length * 2;
    const widen = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.start = widen(this.start, (n) => new Int32Array(n));
    this.length = widen(this.length, (n) => new Int32Array(n));
    this.y = widen(this.y, (n) => new Uint8Array(n));
    this.h1 = widen(this.h1, (n) => new Int32Array(n));
    this.h2 = widen(this.h2, (n) => new Int32Array(n));
  }

  /** Whether words `[from, to)` run together spell `key`. */
  spells(key: string, from: number, to: number): boolean {
    let p = 0;
    for (let w = from; w < to; w++) {
      const len = this.length[w];
      const chars = len - this.y[w];
      if (p + len > key.length) return false;
      for (let i = 0; i < chars; i++) if (key.charCodeAt(p++) !== lower(this.text.charCodeAt(this.start[w] + i))) return false;
      if (this.y[w] && key.charCodeAt(p++) !== Y) return false;
    }
    return p === key.length;
  }
}

// ---------------------------------------------------------------------------------------------
// Classifier

/** How much more a term counts in the title than once in the abstract. */
export const TITLE_FACTOR = 3;
/**
 * Secondary topics must score at least this fraction of the best topic: a paper is filed under
 * a second field only when it clearly spans it, which keeps broad topics from collecting every
 * paper that mentions their words.
 */
export const SECONDARY_RATIO = 0.6;
/** ...and at least this much, so faint hints never add a topic. */
const SECONDARY_MIN_SCORE = 2;
const MAX_TOPICS = 3;
const WEIGHTS = { strong: 3, vocabulary: 1, weak: 0.25 } as const;
/**
 * A paper's best topic must score this much for the paper to be filed: what one ordinary term
 * in the title scores. In an abstract that takes a strong term, or ordinary terms met three
 * times; faint hints alone rarely get there.
 */
export const FILE_MIN_SCORE = TITLE_FACTOR * WEIGHTS.vocabulary;
/** Abstract occurrences 1, 2, 3, 4+ of a term count this much in all. */
const OCCURRENCE = [0, 1, 1.5, 1.75, 1.875];
/** Lookup code bit: the string begins a longer term. Codes ≥ 2 also end a term: `(id + 1) << 1`. */
const PREFIX = 1;

interface Signal {
  readonly topic: number;
  readonly weight: number;
}

/** Input the classifier needs; a {@link Paper} satisfies it. */
export interface Classifiable {
  readonly title: string;
  readonly abstract: string;
}

/** A classifier's term tables (see `TopicClassifier`). */
interface ClassifierTables {
  readonly keys: string[];
  readonly signals: Signal[][];
  readonly table: HashTable;
}

/** The term tables of `topics`, a topic a step, then the look-up table in steps. */
function* classifierTables(topics: readonly Topic[]): Steps<ClassifierTables> {
  if (topics.length === 0) throw new Error('TopicClassifier needs at least one topic');
  const keys: string[] = [];
  const signals: Signal[][] = [];
  const termIds = new Map<string, number>();
  for (let index = 0; index < topics.length; index++) {
    const topic = topics[index];
    const extra = topic as Partial<TaxonomyTopic>;
    const strong = new Set(extra.strong ?? []);
    const add = (term: string, weight: number) => {
      const key = termKey(term);
      if (!key) return;
      let id = termIds.get(key);
      if (id === undefined) {
        id = keys.length;
        termIds.set(key, id);
        keys.push(key);
        signals.push([]);
      }
      const list = signals[id];
      const same = list.findIndex((s) => s.topic === index);
      if (same < 0) list.push({ topic: index, weight });
      else if (list[same].weight < weight) list[same] = { topic: index, weight };
    };
    for (const term of topic.vocabulary) add(term, strong.has(term) ? WEIGHTS.strong : WEIGHTS.vocabulary);
    for (const term of extra.weak ?? []) add(term, WEIGHTS.weak);
    yield;
  }
  const codes = new Map<string, number>();
  const pace = new Pace(ITEMS_PER_STEP * 4);
  for (const key of keys) {
    for (let i = 1; i < key.length; i++) codes.set(key.slice(0, i), PREFIX);
    if (pace.tick()) yield* pace.pause();
  }
  keys.forEach((key, id) => codes.set(key, ((id + 1) << 1) | (codes.get(key) ?? 0)));
  yield;
  const table = new HashTable(codes.size);
  let n = 0;
  for (const [key, code] of codes) {
    table.set(key, code);
    if (pace.tickCheap(n++)) yield* pace.pause();
  }
  return { keys, signals, table };
}

/**
 * Files papers under 1-3 topics (or none) by weighted vocabulary matches. Built once per
 * taxonomy; `classify` reuses scratch buffers and allocates almost nothing, so a 50k-paper
 * library classifies in about a second or less.
 */
export class TopicClassifier {
  private readonly ids: readonly string[];
  /** The topic that takes papers too faint to file, or -1: they stay unfiled. */
  private readonly fallback: number;
  /** Term keys by id. */
  private readonly keys: string[];
  /** Per term id: the topics it signals and with what weight. */
  private readonly signals: Signal[][];
  /** Every term key and every proper prefix of one → lookup code (see `PREFIX`). */
  private readonly table: HashTable;
  private readonly maxKeyLength: number;
  private readonly pow1: Int32Array;
  private readonly pow2: Int32Array;
  // Scratch state reused across calls (classify is synchronous and not re-entrant).
  private readonly words = new WordBuffer();
  private readonly titleHits: Uint8Array;
  private readonly abstractHits: Uint8Array;
  private readonly touched: number[] = [];
  private readonly scores: Float64Array;

  /** The classifier of `topics`; `parts`: its tables, built in steps by `TopicClassifier.build`. */
  constructor(topics: readonly Topic[], parts: ClassifierTables = finishSteps(classifierTables(topics))) {
    this.ids = topics.map((t) => t.id);
    this.fallback = topics.findIndex((t) => (t as Partial<TaxonomyTopic>).fallback === true);
    this.keys = parts.keys;
    this.signals = parts.signals;
    this.table = parts.table;
    this.maxKeyLength = Math.max(0, ...this.keys.map((k) => k.length));
    this.pow1 = new Int32Array(this.maxKeyLength + 1);
    this.pow2 = new Int32Array(this.maxKeyLength + 1);
    this.pow1[0] = this.pow2[0] = 1;
    for (let i = 1; i <= this.maxKeyLength; i++) {
      this.pow1[i] = Math.imul(this.pow1[i - 1], P1);
      this.pow2[i] = Math.imul(this.pow2[i - 1], P2);
    }
    this.titleHits = new Uint8Array(this.keys.length);
    this.abstractHits = new Uint8Array(this.keys.length);
    this.scores = new Float64Array(topics.length);
  }

  /**
   * The classifier of `topics`, its tables built in steps (see `core/steps.ts`): built at once,
   * they took 22-36 ms of the editor's thread, in the step that filed a large library's first stage.
   */
  static *build(topics: readonly Topic[]): Steps<TopicClassifier> {
    return new TopicClassifier(topics, yield* classifierTables(topics));
  }

  /** Topic ids for the paper, best first: 1 to 3, or none when the paper cannot be placed. */
  classify(paper: Classifiable): string[] {
    return this.rank(paper).map((r) => this.ids[r.topic]);
  }

  /** Like {@link classify}, with each topic's score (for explaining and tuning). */
  explain(paper: Classifiable): { id: string; score: number }[] {
    return this.rank(paper).map((r) => ({ id: this.ids[r.topic], score: r.score }));
  }

  private rank(paper: Classifiable): { topic: number; score: number }[] {
    const { titleHits, abstractHits, touched, scores } = this;
    this.scan(paper.title, titleHits);
    this.scan(paper.abstract, abstractHits);
    scores.fill(0);
    for (const id of touched) {
      const inAbstract = abstractHits[id];
      const factor = (titleHits[id] ? TITLE_FACTOR : 0) + OCCURRENCE[Math.min(inAbstract, OCCURRENCE.length - 1)];
      for (const s of this.signals[id]) scores[s.topic] += s.weight * factor;
      titleHits[id] = 0;
      abstractHits[id] = 0;
    }
    touched.length = 0;

    let best = 0;
    for (let t = 1; t < scores.length; t++) if (scores[t] > scores[best]) best = t;
    if (scores[best] < FILE_MIN_SCORE) return this.fallback >= 0 ? [{ topic: this.fallback, score: scores[this.fallback] }] : [];
    const out = [{ topic: best, score: scores[best] }];
    const floor = Math.max(scores[best] * SECONDARY_RATIO, SECONDARY_MIN_SCORE);
    const rest: number[] = [];
    for (let t = 0; t < scores.length; t++) if (t !== best && scores[t] >= floor) rest.push(t);
    rest.sort((a, b) => scores[b] - scores[a] || a - b);
    for (const t of rest.slice(0, MAX_TOPICS - 1)) out.push({ topic: t, score: scores[t] });
    return out;
  }

  /**
   * Counts vocabulary hits in `text` into `hits`. At each word the longest term starting there
   * is taken (joining following words while they can still spell one); a term wholly inside an
   * earlier, longer match does not count again.
   */
  private scan(text: string, hits: Uint8Array): void {
    const { words, table, keys, maxKeyLength, pow1, pow2, touched, titleHits, abstractHits } = this;
    words.fill(text);
    const n = words.count;
    const { length, h1: wh1, h2: wh2 } = words;
    let coveredUntil = 0;
    for (let i = 0; i < n; i++) {
      let len = length[i];
      if (len > maxKeyLength) continue;
      let h1 = wh1[i];
      let h2 = wh2[i];
      let code = table.get(h1, h2);
      let found = -1;
      let end = i;
      for (let j = i + 1; code !== 0; j++) {
        if (code > PREFIX && words.spells(keys[(code >> 1) - 1], i, j)) {
          found = (code >> 1) - 1;
          end = j;
        }
        if (!(code & PREFIX) || j >= n) break;
        const next = length[j];
        len += next;
        if (len > maxKeyLength) break;
        h1 = (Math.imul(h1, pow1[next]) + wh1[j]) | 0;
        h2 = (Math.imul(h2, pow2[next]) + wh2[j]) | 0;
        code = table.get(h1, h2);
      }
      if (found < 0 || end <= coveredUntil) continue;
      coveredUntil = end;
      if (!titleHits[found] && !abstractHits[found]) touched.push(found);
      if (hits[found] < 255) hits[found]++;
    }
  }
}

/**
 * Papers per topic id, in taxonomy order with every topic present (possibly empty); a paper
 * appears under each of its topics, in listing order.
 */
export function groupByTopic(
  papers: readonly Paper[],
  topics: readonly Topic[],
  classifier: TopicClassifier,
): Map<string, Paper[]> {
  const groups = new Map<string, Paper[]>(topics.map((t) => [t.id, []]));
  for (const paper of papers) {
    for (const id of classifier.classify(paper)) groups.get(id)?.push(paper);
  }
  return groups;
}

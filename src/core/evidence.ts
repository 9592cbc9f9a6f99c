/**
 * Deciding whether a name found in a text means the paper, as entity linkers decide it: the
 * name's prior (a full title, a distinctive name, or a collision-prone one; see `deriveNames`)
 * and the evidence in the text, gathered once per scan for each name and paper, never for
 * every word:
 * - what the text states: the paper's full title, a link to its code, a definition of the name
 *   ("Long Form (ACR)", "ACR (Long Form)", "we propose ACR, a ...", "ACR: A Title") that agrees
 *   or disagrees with the paper;
 * - the words around each occurrence (sentence, paragraph, document), weighed by how rare each
 *   is in the background and against what chance would give;
 * - a citation or a reference-list entry next to the name, which says a paper is meant.
 * One sense per discourse (Gale, Church and Yarowsky, 1992): a name keeps one meaning within a
 * text, so the strongest evidence of any occurrence decides for all of them.
 *
 * Every look at the text is bounded by a window around an occurrence, so the cost per
 * candidate does not grow with the line or the document. The words of those windows are read
 * once per stretch of text, however many occurrences' windows overlap there, and the windows'
 * tallies slide from one occurrence to the next, so a name written many times costs about one
 * read of the text around its occurrences, not one per occurrence.
 */
import type { Background } from './background';
import { wordHash } from './background';
import { acronymDefinitions, longFormBefore, longFormInside, longFormKey } from './definitions';
import { dataUseAt, isDataName } from './dataUse';
import { codeLink } from './links';
import { CH_UNDERSCORE, CH_WORD, charClass, isWordAt, lastLineBreak, lowerCode, nextLineBreak, wordFinish, WORD_SEED, wordStep } from './text';
import { introducedAt } from './names';
import { isTitleName, type Paper, type PaperName } from './types';

/** How one decision was reached, for `scan --explain` and the hover card. */
export interface Evidence {
  /** Whether the name was linked to the paper here. */
  readonly linked: boolean;
  /** `title`, `distinctive` (matches with no context) or `collision-prone` (needs evidence). */
  readonly prior: 'title' | 'distinctive' | 'collision-prone';
  /** Why the name is collision-prone, when it is. */
  readonly why?: string;
  /** What the text says, for and against, most decisive first. */
  readonly reasons: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// The paper's side

/**
 * Words used by more than about one background abstract in twenty (`the`, `model`, `image`,
 * `diffusion`) say little about which paper is meant; a word's weight is its idf above this.
 */
const TERM_MIN_IDF = 3.0;
/** Function words (used by more than about one abstract in five) are not content. */
const CONTENT_MIN_IDF = 1.5;

/** What the resolver compares a text with: the paper's words, long forms, title words and code link. */
export class PaperProfile {
  /** Word hash → weight (how much more than chance the word says "this paper"). */
  readonly terms = new Map<number, number>();
  /** Word hash → the word, for explanations. */
  private readonly spelled = new Map<number, string>();
  /** Every word of the title and abstract (hashes). */
  private readonly words = new Set<number>();
  /** Long forms the paper gives its names, as `longFormKey`s, by short form. */
  readonly longForms = new Map<string, Set<string>>();
  /** Lower-case words of the title. */
  readonly titleWords: Set<string>;
  /** The paper's code repository, as `host/owner/repo` in lower case. */
  readonly repo: string | undefined;
  /** Expected context score of one word of background text: Σ weight × df / docs, per abstract word. */
  readonly chancePerWord: number;

  constructor(
    readonly paper: Paper,
    names: readonly PaperName[],
    background: Background,
  ) {
    const text = `${paper.title}. ${paper.abstract}`;
    let chance = 0;
    forEachWord(text, 0, text.length, (h, s, e) => {
      this.words.add(h);
      if (this.terms.has(h)) return;
      const idf = background.idfOfHash(h);
      if (idf < TERM_MIN_IDF || e - s < 2 || isNumber(text, s, e)) return;
      const weight = idf - TERM_MIN_IDF;
      this.terms.set(h, weight);
      this.spelled.set(h, text.slice(s, e).toLowerCase());
      if (background.present) chance += (weight * background.dfOfHash(h)) / background.docs;
    });
    // An abstract has about 150 distinct words: spread the chance of each over them.
    this.chancePerWord = chance / 150;
    this.titleWords = new Set(paper.title.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2));
    const add = (short: string, long: string) => {
      let set = this.longForms.get(short);
      if (!set) this.longForms.set(short, (set = new Set()));
      set.add(longFormKey(long));
    };
    for (const d of acronymDefinitions(text)) add(d.short, d.long);
    // "CUDA: Convolution-based Unlearnable Datasets": a subtitle that spells out the short name.
    const colon = paper.title.indexOf(':');
    if (colon > 0) {
      const subtitle = paper.title.slice(colon + 1).trim();
      for (const n of names) if (n.kind === 'short') for (const long of subtitleLongForms(subtitle, n.text)) add(n.text, long);
    }
    for (const m of paper.abstract.matchAll(/([\p{L}][\p{L}\p{N} -]{3,80}),\s+or\s+([\p{L}\p{N}^+-]+)/gu)) {
      const long = longFormBefore(m[0], m[0].indexOf(','), m[2]);
      if (long) add(m[2], long);
    }
    const link = codeLink(paper.links);
    this.repo = link ? repoKey(link) : undefined;
  }

  wordOf(hash: number): string {
    return this.spelled.get(hash) ?? '?';
  }

  private dataNames?: Map<string, boolean>;

  /** Whether `name` is a dataset's or benchmark's in this paper (see `isDataName`). */
  isDataName(name: string): boolean {
    this.dataNames ??= new Map();
    let is = this.dataNames.get(name);
    if (is === undefined) this.dataNames.set(name, (is = isDataName(this.paper.title, this.paper.abstract, name)));
    return is;
  }

  /** The share of a phrase's content words (not function words, by the background) that the paper's title or abstract uses. */
  share(phrase: string, background: Background): number {
    let content = 0;
    let shared = 0;
    const plain = phrase.replace(/[*_`]/g, '');
    forEachWord(plain, 0, plain.length, (h) => {
      if (background.idfOfHash(h) < CONTENT_MIN_IDF) return;
      content++;
      if (this.words.has(h)) shared++;
    });
    return content ? shared / content : 0;
  }
}

/**
 * The long forms a subtitle gives a short name: the whole subtitle when it spells the name, and
 * each leading part of it that spells the name too and ends with a word that begins with the
 * name's last capital. A subtitle often runs on past the long form ("CorDA: Context-Oriented
 * Decomposition Adaptation of Large Language Models"), and people write the long form without
 * the rest ("Context-Oriented Decomposition Adaptation (CorDA)"). A part that ends elsewhere
 * spells the name only through letters inside its words ("Convolution-based Unlearnable" for
 * CUDA), as no one writes it.
 */
function subtitleLongForms(subtitle: string, short: string): string[] {
  if (longFormInside(subtitle, short) !== subtitle) return [];
  const capitals = short.match(/\p{Lu}/gu);
  const last = capitals ? capitals[capitals.length - 1].toLowerCase() : undefined;
  const words = subtitle.split(/\s+/);
  const out = [subtitle];
  for (let k = words.length - 1; k >= 1; k--) {
    const lead = words.slice(0, k).join(' ');
    const lastWord = words[k - 1].split('-').pop() ?? '';
    if (last && lastWord.charAt(0).toLowerCase() === last && longFormInside(lead, short) === lead) out.push(lead);
  }
  return out;
}

function isNumber(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Calls `f(hash, start, end)` for each word of `text[from, to)`, words cut and hashed as the scanner does. */
export function forEachWord(text: string, from: number, to: number, f: (hash: number, start: number, end: number) => void): void {
  let i = from;
  while (i < to) {
    while (i < to && !(charClass(text.charCodeAt(i)) & (CH_WORD | CH_UNDERSCORE))) i++;
    if (i >= to) break;
    const start = i;
    let h = WORD_SEED;
    while (i < to && charClass(text.charCodeAt(i)) & (CH_WORD | CH_UNDERSCORE)) h = wordStep(h, lowerCode(text.charCodeAt(i++)));
    f(wordFinish(h), start, i);
  }
}

/** `host/owner/repo` of a repository URL, lower case. */
export function repoKey(url: string): string | undefined {
  const m = /^(?:https?:\/\/)?(?:www\.)?([^/\s]+)\/([^/\s#?]+)\/([^/\s#?]+)/i.exec(url);
  return m ? `${m[1]}/${m[2]}/${m[3].replace(/\.git$/i, '')}`.toLowerCase() : undefined;
}

// ---------------------------------------------------------------------------------------------
// The text's side

/** The decisions that need no evidence, shared. */
const TITLE: Evidence = { linked: true, prior: 'title', reasons: ['the full title'] };
const DISTINCTIVE: Evidence = { linked: true, prior: 'distinctive', reasons: ['a distinctive name: it needs no context'] };

/** Whether a decision rests on the name's being distinctive alone: nothing the text states, no words around it. */
export function restsOnDistinctiveness(e: Evidence): boolean {
  return e === DISTINCTIVE;
}

/** Context windows, in characters each side of an occurrence. */
const SENTENCE_REACH = 300;
const PARAGRAPH_REACH = 1200;
const SECTION_REACH = 5000;
/**
 * In larger texts the words around a name count within its section only, and sections decide
 * apart: a 50 MB file of many documents says little about one name in one of them. What the
 * text defines and the titles it states still count for the whole text.
 */
export const DOCUMENT_MAX = 1_000_000;

/** Evidence thresholds, in units of idf above `TERM_MIN_IDF`, over what chance gives. */
const THRESHOLD = { sentence: 4.5, paragraph: 7, section: 9, document: 12 } as const;
/**
 * The excess over chance must also stand out from chance's own spread: about the square root
 * of the expected score times an average weight, so `SPREAD` standard deviations.
 */
const SPREAD = 4;
/** A citation or reference entry next to the name lowers the bar by this factor. */
const CITED_FACTOR = 1 / 3;

/**
 * A distinctive name needs no context, but the text must not be about something else: at library
 * scale recent papers reuse each other's names (`FLUX`, `SMORE`, `VERA`), and a text that shares
 * no more of the paper's words than chance gives (in the units of `THRESHOLD`) means another
 * work. Measured on the recognition bench (25,000 library papers, 5,000 other abstracts, each
 * its own text): every mention of a distinctive name judged right but one had its abstract share
 * at least 1.6 over chance, and 48 of the 59 judged wrong less than 1.5; on the wild fixtures
 * (READMEs, notebooks, code, all under 20 KB) every distinctive mention had at least 1.7.
 */
const OFF_TOPIC_EXCESS = 1;
/**
 * What a text must share of a paper's words, over chance, for a distinctive name written in
 * another casing to count (`TextEvidence.variantAgainst`): twice the bar of `OFF_TOPIC_EXCESS`,
 * which every distinctive mention judged right but one passed with 1.6 or more.
 */
const VARIANT_EXCESS = 2;
/**
 * What a text that introduces a name as its own, with a description like the paper's ("we
 * propose ProbRes, a Probabilistic Residual search framework ..."), must share of the paper's
 * words over chance to be the paper itself, a version of its abstract or its README, rather
 * than another work of that name in the same field. On the recognition bench's two halves, the
 * four such texts that were the paper shared 11 to 107; seven of the eight that were another
 * work, 0.3 to 7.7 (one, on the same task with the same means, 63).
 */
const INTRODUCED_EXCESS = 10;
/**
 * Below this many distinct words, about an abstract's worth, a text is too short to tell what it
 * is about: a distinctive name counts there as before. A note of a few lines on several papers
 * ("DataComp fixes the training code and lets you compete on the data instead.", 75 distinct
 * words with the rest of the note) shares too few rare words with any one paper to be judged.
 */
const OFF_TOPIC_MIN_WORDS = 100;
/**
 * Below this many rare words of its own (`PaperProfile.terms`) a paper is too little known to
 * tell a text is about something else: a `.bib` entry with no abstract, whose title gives 4 such
 * words (a median over 3,000 arXiv titles; 15 at most), where its abstract would give 51 (17 at
 * least). "ImageNet: A large-scale hierarchical image database" shares none of its words with
 * most notes that use ImageNet.
 */
const OFF_TOPIC_MIN_TERMS = 20;
/**
 * Above this many characters a text is about many things, and what it is about as a whole says
 * little about one name in it: a distinctive name counts there as before. The sections around
 * each occurrence would tell, but reading them, or even the whole text's words, for every scan
 * took the bench note's scan (255 KB, 50,000 papers) from 38% to 6% of the `charCodeAt` floor.
 */
const OFF_TOPIC_MAX_CHARS = 30_000;

/** One occurrence of a name of a paper, found by the scanner. */
export interface Occurrence {
  readonly start: number;
  readonly end: number;
  readonly name: PaperName;
  /** Written in another casing than the name's own (`Datacomp`). */
  readonly variant: boolean;
}

type Level = keyof typeof THRESHOLD;

/** The best context found for a name: its score, and where, to spell out its words when explained. */
interface Best {
  score: number;
  chance: number;
  level: Level;
  words?: string[];
  /** The window [from, to) and the occurrence it was read around (not for `document`). */
  from?: number;
  to?: number;
  skip?: Occurrence;
}

/**
 * The words around a name within one scope of a text (the whole text, or one section of a large
 * one). Its occurrences are kept and their windows read only when the name is decided, and only
 * if nothing stronger decides it (see `TextEvidence.readContexts`).
 */
interface Context {
  cited: boolean;
  /** The occurrences, in text order, and the index of the first one with a citation next to it (-1: none). */
  readonly occurrences: Occurrence[];
  citedFrom: number;
  best: Best | undefined;
  decided?: Evidence;
}

/** What a text says about one name of one paper: its definitions and facts (for the whole text), and its contexts by scope. */
interface Gathered {
  readonly for: string[];
  readonly against: string[];
  strongFor: boolean;
  readonly contexts: Map<number, Context>;
  decided?: Evidence;
}

/** What a whole text states, gathered once per scan: the full titles it gives and the repositories it links. */
export interface DiscourseFacts {
  /** Papers whose full title the text states, with the offset of the first. */
  readonly titles: ReadonlyMap<string, number>;
}

/**
 * What a text states about one name, for or against its paper: definitions, the paper's full
 * title, a link to its code. Every reason for is a strong one (`strongFor`); the words around
 * the name are not statements.
 */
export interface Statements {
  readonly for: string[];
  readonly against: string[];
  strongFor: boolean;
}

/** How the reason against a name the text introduces with a description unlike the paper's starts. */
const INTRODUCED_UNLIKE = 'the text introduces it as its own: ';
/** How the reason against a name the text introduces with no description starts (see `introducedAt` in `names.ts`). */
const INTRODUCED_OWN = 'the text introduces "';

/** How the reason against a distinctive name in a text about something else starts (see `OFF_TOPIC_EXCESS`). */
const OFF_TOPIC = "the text is about something else: the paper's words in it score ";

function offTopicReason(off: { excess: number; words: readonly string[] }): string {
  const excess = Math.abs(off.excess) < 0.05 ? 0 : off.excess;
  return `${OFF_TOPIC}${excess.toFixed(1)} over chance, under ${OFF_TOPIC_EXCESS} (${off.words.length ? `only ${off.words.slice(0, 4).join(', ')}` : 'none of them'})`;
}

/** How the reason against a name the text uses as a dataset, where the paper's is none, starts. */
const DATA_USE = 'the text uses it as a dataset or benchmark ';

function dataUseReason(use: string): string {
  return `${DATA_USE}("${clip(use)}"), and the paper's is not one`;
}

/** The reason given against a name the text introduces as its own work (see `introducedAt` in `names.ts`). */
export function introducedReason(name: string): string {
  return `${INTRODUCED_OWN}${name}" as its own work`;
}

/** The reason given when a text states a paper's full title at `at`. */
export function titleStated(text: string, at: number): string {
  return `the text states the paper's full title ("${clip(text.slice(at, at + 60).replace(/\s+/g, ' '), 40)}")`;
}

/**
 * Adds "the text links the paper's code" to a name's statements when a linked repository could
 * change the decision on it and the text links the paper's. Only then is the paper's repository
 * asked for (`repoOf` reads its profile, an abstract's worth of work) and the text's links.
 */
export function addCodeLinkIfLinked(name: PaperName, s: Statements, repoOf: () => string | undefined, isLinked: (repo: string) => boolean): void {
  if (s.strongFor || name.kind === 'title' || !(name.ambiguous || s.against.length > 0)) return;
  const repo = repoOf();
  if (!repo || !isLinked(repo)) return;
  s.for.push(`the text links the paper's code (${repo})`);
  s.strongFor = true;
}

/** Repositories a text links to (`host/owner/repo`). */
export function linkedRepos(text: string): Set<string> {
  const repos = new Set<string>();
  for (const m of text.matchAll(/\b(?:github\.com|gitlab\.com|huggingface\.co|bitbucket\.org|codeberg\.org)\/[\w.-]+\/[\w.-]+/gi)) {
    const key = repoKey(m[0].replace(/[.]+$/, ''));
    if (key) repos.add(key);
  }
  return repos;
}

/**
 * The decision on a name from what the text states about it (`Statements`) and the policy
 * alone, or undefined when it rests on the words around the name. `TextEvidence.decide` makes
 * it for one text; `MentionMatcher.mergeParts` for a document summarized part by part, from the
 * statements of every part.
 */
export function decideOnStatements(name: PaperName, policy: 'context' | 'always' | 'never', s: Statements | undefined): Evidence | undefined {
  const prior = name.kind === 'title' ? 'title' : name.ambiguous ? 'collision-prone' : 'distinctive';
  if (prior === 'title') return TITLE;
  const base = { prior, ...(name.why ? { why: name.why } : {}) } as const;
  if (policy === 'always') return { ...base, linked: true, reasons: ['policy "always": every candidate counts'] };
  // What a text says about a field's name (its definition, the words around it) says the field,
  // not the paper: it counts only where the text cites the paper (`paperCitedAfter`, occurrence
  // by occurrence, in `MentionMatcher.resolve`).
  if (name.kind === 'field') return { ...base, linked: false, reasons: [FIELD_UNCITED] };
  if (!s) return prior === 'distinctive' && policy !== 'never' ? DISTINCTIVE : { ...base, linked: false, reasons: [] };
  if (prior === 'distinctive' && !s.for.length && !s.against.length) return DISTINCTIVE;
  const reasons = [...s.for, ...s.against];
  if (s.against.length && !s.strongFor) return { ...base, linked: false, reasons };
  if (prior === 'distinctive') {
    if (!s.for.length) reasons.push('a distinctive name: it needs no context');
    return { ...base, linked: true, reasons };
  }
  if (policy === 'never') return { ...base, linked: false, reasons: ['policy "never": collision-prone names never count', ...reasons] };
  if (s.strongFor) return { ...base, linked: true, reasons };
  return undefined;
}

/**
 * The evidence of one text for the names found in it. Make one per scan (or, for a document
 * scanned by window, one per document version, and keep its decisions).
 */
export class TextEvidence {
  private readonly gathered = new Map<string, Gathered>();
  private repos?: Set<string>;
  private docWords?: Set<number>;

  constructor(
    private readonly text: string,
    private readonly background: Background,
    private readonly profileOf: (paperId: string) => PaperProfile | undefined,
    private readonly facts: DiscourseFacts,
  ) {}

  /**
   * Gathers the evidence of one occurrence (bounded windows around it) into its name's record.
   * Call for every occurrence before `decide`.
   */
  observe(o: Occurrence, scope = 0): void {
    const key = keyOf(o.name);
    let g = this.gathered.get(key);
    if (!g) {
      g = { for: [], against: [], strongFor: false, contexts: new Map() };
      this.gathered.set(key, g);
      const titleAt = this.facts.titles.get(o.name.paperId);
      if (titleAt !== undefined) {
        g.for.push(titleStated(this.text, titleAt));
        g.strongFor = true;
      }
    }
    // Whether the text uses the name here as a dataset (`core/dataUse.ts`), read once, when first asked.
    let use: string | undefined | null = null;
    const useHere = () => (use === null ? (use = dataUseAt(this.text, o.start, o.end)) : use);
    this.definitionAt(o, g, useHere);
    // Introduced by the text without a description to compare ("We introduce PS3 that ..."): the
    // text's, not a library paper's of the same name (in the arXiv halves, recent papers reuse
    // each other's names), unless the text states the paper (its title, its code). A description
    // like the paper's says otherwise (`definitionAt`), and one unlike it says so already.
    if (!isTitleName(o.name) && !g.strongFor && !g.against.some((r) => r.startsWith(INTRODUCED_UNLIKE))) {
      const introduced = introducedAt(this.text, o.start, o.end, o.name.text);
      if (introduced) addOnce(g.against, introducedReason(introduced));
    }
    // Listed among the datasets a text evaluates on ("benchmarks -- LVU, COIN, and Breakfast")
    // where the paper is no dataset: another work of the same name (`core/dataUse.ts`).
    if (!isTitleName(o.name) && !g.strongFor && !g.against.some((r) => r.startsWith(DATA_USE))) {
      const listed = useHere();
      if (listed && this.profileOf(o.name.paperId)?.isDataName(o.name.text) === false) addOnce(g.against, dataUseReason(listed));
    }
    if (o.name.ambiguous) {
      const profile = this.profileOf(o.name.paperId);
      if (!profile) return;
      const ctx = this.contextIn(g, scope);
      if (ctx.citedFrom < 0 && citedNear(this.text, o.start, o.end)) ctx.citedFrom = ctx.occurrences.length;
      ctx.occurrences.push(o);
    }
  }

  private contextIn(g: Gathered, scope: number): Context {
    let ctx = g.contexts.get(scope);
    if (!ctx) g.contexts.set(scope, (ctx = { cited: false, occurrences: [], citedFrom: -1, best: undefined }));
    return ctx;
  }

  /** The decision for a name under a policy, from everything observed (in `scope`, for the words around it). */
  decide(name: PaperName, policy: 'context' | 'always' | 'never', scope = 0): Evidence {
    const prior = name.kind === 'title' ? 'title' : name.ambiguous ? 'collision-prone' : 'distinctive';
    if (prior === 'title') return TITLE;
    const base = { prior, ...(name.why ? { why: name.why } : {}) } as const;
    if (policy === 'always') return { ...base, linked: true, reasons: ['policy "always": every candidate counts'] };
    // Nothing is gathered for a field's name (see `decideOnStatements`).
    if (name.kind === 'field') return decideOnStatements(name, policy, undefined)!;
    const g = this.gathered.get(keyOf(name));
    if (!g) return prior === 'distinctive' && policy !== 'never' ? DISTINCTIVE : { ...base, linked: false, reasons: [] };
    if (g.decided) return g.decided;
    // The paper's own repository linked from the text: looked for only when it could matter.
    addCodeLinkIfLinked(name, g, () => this.profileOf(name.paperId)?.repo, (repo) => this.linkedRepos().has(repo));
    // A distinctive name the text states nothing about counts unless the text is about something else.
    if (prior === 'distinctive' && !g.for.length && !g.against.length) {
      const off = this.offTopic(name);
      if (off) return (g.decided = { ...base, linked: false, reasons: [offTopicReason(off)] });
    }
    const stated = decideOnStatements(name, policy, g);
    if (stated) return (g.decided = stated);
    const reasons = [...g.for, ...g.against];
    // The words around it, in its scope.
    const ctx = this.contextIn(g, scope);
    if (ctx.decided) return ctx.decided;
    const profile = this.profileOf(name.paperId);
    if (profile) this.readContexts(ctx, profile, name);
    // Document level, once, only when the occurrences' own windows did not decide.
    if (!this.passes(ctx)) this.documentContext(name, ctx);
    const linked = this.passes(ctx);
    if (ctx.best) {
      const b = ctx.best;
      // The window's words, read again exactly for the one window that is reported.
      if (!b.words && profile && b.from !== undefined && b.to !== undefined) Object.assign(b, this.score(profile, name, b.from, b.to, b.skip));
      reasons.push(
        `${b.level} context ${b.score.toFixed(1)} (chance ${b.chance.toFixed(1)}, needs ${this.threshold(ctx, b.level, b.chance).toFixed(1)} more): ${(b.words ?? []).slice(0, 6).join(', ') || 'no words of the paper'}`,
      );
    } else reasons.push('no words of the paper around it');
    if (ctx.cited) reasons.push('a citation or reference entry next to it');
    ctx.decided = { ...base, linked, reasons };
    this.scoped.add(ctx.decided);
    return ctx.decided;
  }

  /** Decisions that rest on the words around a name in one scope, not on the whole text. */
  private readonly scoped = new WeakSet<Evidence>();

  /** Whether a decision of `decide` rests on the words of its scope (so it does not hold for the whole text). */
  isScoped(e: Evidence): boolean {
    return this.scoped.has(e);
  }

  private threshold(ctx: Context, level: keyof typeof THRESHOLD, chance: number): number {
    return Math.max(THRESHOLD[level] * (ctx.cited ? CITED_FACTOR : 1), SPREAD * Math.sqrt(chance));
  }

  private passes(ctx: Context): boolean {
    return !!ctx.best && ctx.best.score - ctx.best.chance >= this.threshold(ctx, ctx.best.level, ctx.best.chance);
  }

  /** Repositories the text links to (`host/owner/repo`), found once. */
  private linkedRepos(): Set<string> {
    if (!this.repos) this.repos = linkedRepos(this.text);
    return this.repos;
  }

  /** What the text states about a name (its definitions, the title stated, a linked repository), or undefined when it was not observed. */
  statements(name: PaperName): Statements | undefined {
    const g = this.gathered.get(keyOf(name));
    return g && { for: g.for, against: g.against, strongFor: g.strongFor };
  }

  /** A definition of the name at this occurrence, for or against the paper; `useHere` tells whether the text uses it as a dataset there. */
  private definitionAt(o: Occurrence, g: Gathered, useHere: () => string | undefined): void {
    const { text } = this;
    const short = text.slice(o.start, o.end);
    const judgeLong = (long: string, shape: string) => {
      const profile = this.profileOf(o.name.paperId);
      if (!profile) return;
      const own = profile.longForms.get(o.name.text);
      // Against the paper's own long form when it gives one; else by how many of the long
      // form's informative words the paper uses: most (it agrees), few (another meaning), or
      // some ("Matryoshka Transformer" for MatFormer: it says nothing either way).
      const agreement = own ? (own.has(longFormKey(long)) ? 1 : 0) : profile.share(long, this.background);
      // The same definition written twice is one reason.
      if (agreement >= 0.75) {
        addOnce(g.for, `${shape} "${long}", as the paper does`);
        g.strongFor = true;
      } else if (agreement < 0.5) addOnce(g.against, `${shape} "${long}", which is not the paper's`);
    };
    // Most occurrences define nothing: look at the characters next to the name first.
    let b = o.start - 1;
    while (b >= 0 && (text.charCodeAt(b) === 32 || text.charCodeAt(b) === 42)) b--;
    let a = o.end;
    while (a < text.length && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 42 || text.charCodeAt(a) === 95)) a++;
    const charBefore = text.charAt(b);
    const charAfter = text.charAt(a);
    // "Long Form (ACR)" and "Long Form, or ACR".
    if (charBefore === '(' && charAfter === ')') {
      const long = longFormBefore(text, b, short);
      if (long) return judgeLong(long, 'the text spells it out as');
    }
    if (charBefore === 'r') {
      const orForm = /,\s+or\s+$/.exec(text.slice(Math.max(0, o.start - 8), o.start));
      if (orForm) {
        const long = longFormBefore(text, o.start - orForm[0].length, short);
        if (long) return judgeLong(long, 'the text spells it out as');
      }
    }
    // "ACR (Long Form)".
    if (charAfter === '(') {
      const after = /^\s*\(([^()\n]{3,120})\)/.exec(text.slice(a, a + 130));
      if (after) {
        const long = longFormInside(after[1], short);
        if (long) return judgeLong(long, 'the text spells it out as');
      }
    }
    // "ACR: A Title Of Another Work", at the start of a line or a list entry.
    const titled = charAfter === ':' ? /^\*{0,2}\s*:\s+((?:[\p{Lu}\p{N}][\p{L}\p{N}'-]*[\s,]+){2,}[^\n]{0,120})/u.exec(text.slice(o.end, o.end + 200)) : null;
    if (titled && startsEntry(text, o.start)) {
      const profile = this.profileOf(o.name.paperId);
      if (!profile) return;
      const subtitle = titled[1].split(/\n/)[0];
      if (titleAgreement(subtitle, profile) >= 0.5) {
        addOnce(g.for, `the text titles it "${clip(`${short}: ${subtitle}`)}", as the paper is titled`);
        g.strongFor = true;
      } else addOnce(g.against, `the text titles it "${clip(`${short}: ${subtitle}`)}", another work`);
      return;
    }
    // "we propose ACR, a ...", "This paper introduces ACR", "a framework called ACR".
    if (!LEAD_WORDS.has(wordBefore(text, o.start))) return;
    const lead = text.slice(Math.max(0, o.start - 90), o.start);
    const clauseStart = Math.max(lead.lastIndexOf('. '), lead.lastIndexOf('\n\n'));
    const clause = lead.slice(clauseStart + 1);
    if (CONTRIBUTION.test(clause) || NAMING.test(clause)) {
      const profile = this.profileOf(o.name.paperId);
      if (!profile) return;
      const rest = /^[*_`}\s]*(?:,|\s+\(|:|\s+(?:is|as)\b)([^\n.;]{0,200})/.exec(text.slice(o.end, o.end + 220));
      // Without a description there is nothing to compare: the definition says nothing either way.
      if (!rest || rest[1].trim().split(/\s+/).length < 3) return;
      const description = rest[1].trim();
      // "we introduce GeoSense, the first bilingual benchmark": a benchmark, where the paper's
      // GeoSense is a method, is unlike it whatever words the two share.
      const use = useHere();
      if (use && !profile.isDataName(o.name.text)) return addOnce(g.against, dataUseReason(use));
      const s = this.score(profile, o.name, o.end, o.end + rest[0].length);
      const like = s.words.length >= 2 || s.score >= THRESHOLD.sentence;
      // Introduced as the text's own with a description like the paper's: the paper itself
      // (a version of its abstract, its README) or another work of the same name in its field.
      // Told apart by the whole text, where it is long enough to tell (see `INTRODUCED_EXCESS`).
      const whole = like ? this.wholeText(o.name)?.excess : undefined;
      if (whole !== undefined && whole < INTRODUCED_EXCESS) {
        addOnce(g.against, `${INTRODUCED_UNLIKE}"${clip(description)}", in a text whose words share ${whole.toFixed(1)} of the paper's over chance, under ${INTRODUCED_EXCESS}: another work of that name`);
      } else if (like) {
        addOnce(g.for, `the text introduces it as "${clip(description)}", like the paper (${s.words.slice(0, 4).join(', ')})`);
        g.strongFor = true;
        // Said against it at an earlier occurrence, before this description was read.
        const earlier = g.against.findIndex((r) => r.startsWith(INTRODUCED_OWN));
        if (earlier >= 0) g.against.splice(earlier, 1);
      } else addOnce(g.against, `${INTRODUCED_UNLIKE}"${clip(description)}", unlike the paper`);
    }
  }

  /**
   * The sentence, paragraph and section around each occurrence, in text order, until one
   * passes; keeps the best. Each window is scored as `score` would score it, but from words read
   * once per stretch of text (`TextWords`) and tallied as the window slides from one occurrence
   * to the next (`WindowTally`): a name written a hundred times in one section costs about one
   * read of the section, not a hundred. The citation bar applies from the first cited
   * occurrence on, as when each occurrence was read in turn.
   */
  private readContexts(ctx: Context, profile: PaperProfile, name: PaperName): void {
    const { occurrences } = ctx;
    if (!occurrences.length) return;
    const weights = new NameWeights(profile, nameHashes(name), this.vocabulary);
    const tallies = [new WindowTally(weights), new WindowTally(weights), new WindowTally(weights)];
    let words: TextWords | undefined;
    const window = (tally: WindowTally, level: Level, bounds: readonly [number, number], o: Occurrence) => {
      const { score, distinct } = tally.read(words!, bounds[0], bounds[1], o);
      const s = { score, chance: profile.chancePerWord * distinct, from: bounds[0], to: bounds[1], skip: o };
      // Tallies add weights in another order than `score`: on the very edge of the bar, read it exactly.
      const edge = s.score - s.chance - this.threshold(ctx, level, s.chance);
      if (Math.abs(edge) < 1e-6) Object.assign(s, this.score(profile, name, bounds[0], bounds[1], o));
      this.keep(ctx, level, s);
    };
    for (let k = 0; k < occurrences.length; k++) {
      if (k === ctx.citedFrom) ctx.cited = true;
      if (this.passes(ctx)) break;
      const o = occurrences[k];
      // A stretch that starts before this occurrence's windows serves every later occurrence
      // too (see `windowsStart`), unless they lie far past what it has read.
      if (!words || !words.reaches(o.start - SECTION_REACH)) {
        words = this.wordsFrom(windowsStart(this.text, o.start, o.end));
        for (const t of tallies) t.clear();
      }
      const sentence = words.sentence(o.start, o.end);
      window(tallies[0], 'sentence', sentence, o);
      if (this.passes(ctx)) break;
      const paragraph = words.paragraph(o.start, o.end);
      if (paragraph[0] < sentence[0] || paragraph[1] > sentence[1]) window(tallies[1], 'paragraph', paragraph, o);
      if (this.passes(ctx)) break;
      const section = words.section(o.start, o.end);
      if (section[0] < paragraph[0] || section[1] > paragraph[1]) window(tallies[2], 'section', section, o);
    }
    ctx.cited = ctx.citedFrom >= 0;
  }

  /** Word ids shared by every stretch of this text. */
  private readonly vocabulary = new Vocabulary();
  /** The stretches of this text read so far. */
  private readonly stretches: TextWords[] = [];

  /** A stretch of the text that starts at or before `from` and can reach it, or a new one from `from`. */
  private wordsFrom(from: number): TextWords {
    for (const w of this.stretches) if (w.reaches(from)) return w;
    const w = new TextWords(this.text, from, this.vocabulary);
    this.stretches.push(w);
    return w;
  }

  private keep(g: Context, level: Level, s: Omit<Best, 'level'>): void {
    const margin = (x: { score: number; chance: number }, l: Level) => (x.score - x.chance) / this.threshold(g, l, x.chance);
    if (!g.best || margin(s, level) > margin(g.best, g.best.level)) g.best = { ...s, level };
  }

  /**
   * Whether a text of at most `OFF_TOPIC_MAX_CHARS`, long enough to tell, is about something
   * else than a distinctive name's paper, known well enough to tell (see `OFF_TOPIC_EXCESS`):
   * how much of the paper's words it shares over chance, and which, when that is under the bar;
   * else `undefined`.
   */
  private offTopic(name: PaperName): { excess: number; words: string[] } | undefined {
    const whole = this.wholeText(name);
    return whole && whole.excess < OFF_TOPIC_EXCESS ? whole : undefined;
  }

  /**
   * Why a distinctive name written in another casing than the paper's (`FastCAR` for FastCar's,
   * `TACoS` for TaCo's, `Draco` for DraCo's) is not the paper's here, or `undefined` when it is.
   * The paper's own casing needs no context, and a text that is not about something else will
   * do (see `OFF_TOPIC_EXCESS`); another casing is how another work of a similar name is written
   * as often as a careless spelling of this one, and needs the text to share more of the paper's
   * words: `VARIANT_EXCESS` over chance. Where that cannot be told (a text too short or too long,
   * a paper too little known) it counts, as the paper's own casing does.
   */
  variantAgainst(name: PaperName, written: string): string | undefined {
    const excess = this.wholeText(name)?.excess;
    if (excess === undefined || excess >= VARIANT_EXCESS) return undefined;
    return `written "${written}", another casing of "${name.text}", in a text that shares ${excess.toFixed(1)} of the paper's words over chance, under ${VARIANT_EXCESS}`;
  }

  /**
   * How much of the paper's words the whole text shares over chance, and which, or `undefined`
   * where that cannot be told: a text over `OFF_TOPIC_MAX_CHARS` or under `OFF_TOPIC_MIN_WORDS`
   * distinct words, a paper with under `OFF_TOPIC_MIN_TERMS` rare words of its own. What the
   * off-topic check, another casing and a name the text introduces are judged by.
   */
  private wholeText(name: PaperName): { excess: number; words: string[] } | undefined {
    if (this.text.length > OFF_TOPIC_MAX_CHARS) return undefined;
    const profile = this.profileOf(name.paperId);
    if (!profile || profile.terms.size < OFF_TOPIC_MIN_TERMS) return undefined;
    const { score, chance, words, distinct } = this.documentScore(profile, name);
    return distinct < OFF_TOPIC_MIN_WORDS ? undefined : { excess: score - chance, words };
  }

  /** Words of the whole text against the paper, once per name that needs it. */
  private documentContext(name: PaperName, g: Context): void {
    const profile = this.profileOf(name.paperId);
    if (!profile || this.text.length > DOCUMENT_MAX) return;
    const { score, words, chance } = this.documentScore(profile, name);
    this.keep(g, 'document', { score, words, chance });
  }

  /** The paper's words in the whole text, weighed, what chance would give, and how many distinct words the text has. */
  private documentScore(profile: PaperProfile, name: PaperName): { score: number; words: string[]; chance: number; distinct: number } {
    if (!this.docWords) {
      // The text's distinct words: from the stretch the occurrences' windows read, when it
      // already holds nearly all of the text (a short text), else read here.
      const whole = this.stretches.find((w) => w.from === 0 && w.unread() <= SECTION_REACH);
      if (whole) this.docWords = whole.distinctHashes();
      else {
        const set = (this.docWords = new Set());
        forEachWord(this.text, 0, this.text.length, (h) => set.add(h));
      }
    }
    let score = 0;
    const words: string[] = [];
    const own = nameHashes(name);
    for (const [h, weight] of profile.terms) {
      if (this.docWords.has(h) && !own.has(h)) {
        score += weight;
        words.push(profile.wordOf(h));
      }
    }
    // Chance: a text of n distinct words is about n / 150 abstracts' worth of words, and a
    // word used by df of the background's abstracts turns up in it with probability
    // 1 - (1 - df / docs) ^ (n / 150).
    let chance = 0;
    if (this.background.present) {
      const abstracts = this.docWords.size / 150;
      for (const [h, weight] of profile.terms) chance += weight * (1 - Math.pow(1 - this.background.dfOfHash(h) / this.background.docs, abstracts));
    }
    words.sort((a, b) => weightOf(profile, b) - weightOf(profile, a));
    return { score, words, chance, distinct: this.docWords.size };
  }

  /** Words of `text[from, to)` that are the paper's, weighed, and what chance would give. */
  private score(profile: PaperProfile, name: PaperName, from: number, to: number, skip?: Occurrence): { score: number; words: string[]; chance: number } {
    const seen = new Set<number>();
    const own = nameHashes(name);
    let score = 0;
    let distinct = 0;
    const hits: number[] = [];
    forEachWord(this.text, from, to, (h, s) => {
      if (skip && s >= skip.start && s < skip.end) return;
      if (seen.has(h)) return;
      seen.add(h);
      distinct++;
      const w = profile.terms.get(h);
      if (w !== undefined && !own.has(h)) {
        score += w;
        hits.push(h);
      }
    });
    hits.sort((a, b) => profile.terms.get(b)! - profile.terms.get(a)!);
    return { score, words: hits.map((h) => profile.wordOf(h)), chance: profile.chancePerWord * distinct };
  }
}

// ---------------------------------------------------------------------------------------------
// Context windows, read once (exported for their tests, which check them against
// `sentenceBounds`, `paragraphBounds`, `sectionBounds` and a plain reading of each window)

/**
 * How far a stretch of text is read past what was asked to serve a later occurrence instead of
 * starting a new stretch: a gap of at most a section's reach.
 */
const STRETCH_GAP = SECTION_REACH;

/** Small ids for the word hashes of one text, so that tallies count in typed arrays. */
export class Vocabulary {
  private readonly ids = new Map<number, number>();
  readonly hashes: number[] = [];

  id(hash: number): number {
    let id = this.ids.get(hash);
    if (id === undefined) {
      id = this.hashes.length;
      this.ids.set(hash, id);
      this.hashes.push(hash);
    }
    return id;
  }

  /** The id of a hash already seen, else -1. */
  known(hash: number): number {
    return this.ids.get(hash) ?? -1;
  }
}

/**
 * A stretch of a text from `from` on, read forward once as far as asked: its words (cut and
 * hashed as `forEachWord` cuts them from `from`) and the positions where sentences, paragraphs
 * and sections break. The window of an occurrence (`sentence`, `paragraph`, `section`) is then
 * found by binary search, to the same bounds as `sentenceBounds`, `paragraphBounds` and
 * `sectionBounds` give.
 */
export class TextWords {
  /** Each word's start, end and id, in text order. */
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly ids: number[] = [];
  /** Where sentences end (as `sentenceBounds` reads them backwards), paragraphs end, and headings start (the line break before each). */
  private readonly sentenceBreaks: number[] = [];
  private readonly paragraphBreaks: number[] = [];
  private readonly headingBreaks: number[] = [];
  /** Read up to here: every word starting before it, and every break before it, is known. */
  private scanned: number;

  constructor(
    readonly text: string,
    readonly from: number,
    private readonly vocabulary: Vocabulary,
  ) {
    this.scanned = from;
  }

  /** The id of a word hash this text has used, else -1. */
  vocabularyId(hash: number): number {
    return this.vocabulary.known(hash);
  }

  /** How much of the text is left to read. */
  unread(): number {
    return this.text.length - this.scanned;
  }

  /** The hashes of the distinct words from `from` to the end of the text (read on to it). */
  distinctHashes(): Set<number> {
    this.readTo(this.text.length);
    const seen = new Uint8Array(this.vocabulary.hashes.length);
    const out = new Set<number>();
    for (const id of this.ids) {
      if (seen[id]) continue;
      seen[id] = 1;
      out.add(this.vocabulary.hashes[id]);
    }
    return out;
  }

  /** Whether this stretch starts at or before `from` and has read to within `STRETCH_GAP` of it. */
  reaches(from: number): boolean {
    return this.from <= from && from <= this.scanned + STRETCH_GAP;
  }

  /** Reads on until `breaks` holds a break at or after `end`, or up to `hi`: a window's far edge. */
  private readToBreak(breaks: readonly number[], end: number, hi: number): void {
    while (this.scanned < hi && !(breaks.length && breaks[breaks.length - 1] >= end)) this.readTo(Math.min(hi, this.scanned + 512));
  }

  /** Reads on to `to` (and to the end of a word that crosses it). */
  private readTo(to: number): void {
    const { text } = this;
    const n = text.length;
    const end = Math.min(to, n);
    let i = this.scanned;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (charClass(c) & (CH_WORD | CH_UNDERSCORE)) {
        const start = i;
        let h = WORD_SEED;
        for (let d = c; i < n && charClass((d = text.charCodeAt(i))) & (CH_WORD | CH_UNDERSCORE); i++) h = wordStep(h, lowerCode(d));
        this.starts.push(start);
        this.ends.push(i);
        this.ids.push(this.vocabulary.id(wordFinish(h)));
        continue;
      }
      if (c === 46 || c === 33 || c === 63) {
        if (isSpace(text.charCodeAt(i + 1)) && !abbreviationBefore(text, i)) this.sentenceBreaks.push(i);
      } else if (c === 10) {
        if (blankLineAt(text, i)) {
          this.sentenceBreaks.push(i);
          this.paragraphBreaks.push(i);
        }
        if (HEADING.test(text.slice(i + 1, i + 16))) this.headingBreaks.push(i);
      }
      i++;
    }
    if (i > this.scanned) this.scanned = i;
  }

  /** `sentenceBounds(text, start, end)`. */
  sentence(start: number, end: number): [number, number] {
    const { text } = this;
    const lo = Math.max(0, start - SENTENCE_REACH);
    const hi = Math.min(text.length, end + SENTENCE_REACH);
    this.readToBreak(this.sentenceBreaks, end, hi);
    const before = lastAtMost(this.sentenceBreaks, start - 1);
    let to = firstAtLeast(this.sentenceBreaks, end);
    if (to < 0 || to >= hi) {
      // The text's last character ends a sentence when it is a full stop, with nothing after it.
      const last = text.length - 1;
      const c = text.charCodeAt(last);
      to = last >= end && last < hi && (c === 46 || c === 33 || c === 63) && !abbreviationBefore(text, last) ? last : hi;
    }
    return [before > lo ? before + 1 : lo, to];
  }

  /** `paragraphBounds(text, start, end)`. */
  paragraph(start: number, end: number): [number, number] {
    const lo = Math.max(0, start - PARAGRAPH_REACH);
    const hi = Math.min(this.text.length, end + PARAGRAPH_REACH);
    this.readToBreak(this.paragraphBreaks, end, hi);
    const before = lastAtMost(this.paragraphBreaks, start - 1);
    const after = firstAtLeast(this.paragraphBreaks, end);
    return [before > lo ? before + 1 : lo, after >= 0 && after < hi ? after : hi];
  }

  /** `sectionBounds(text, start, end)`. */
  section(start: number, end: number): [number, number] {
    const lo = Math.max(0, start - SECTION_REACH);
    const hi = Math.min(this.text.length, end + SECTION_REACH);
    this.readToBreak(this.headingBreaks, end, hi);
    const before = lastAtMost(this.headingBreaks, start - 1);
    const after = firstAtLeast(this.headingBreaks, end);
    return [before >= lo ? before + 1 : lo, after >= 0 && after < hi ? after : hi];
  }
}

/**
 * Where a stretch of text must start to give the windows of an occurrence at [start, end), and
 * of every later occurrence, as `sentenceBounds`, `paragraphBounds` and `sectionBounds` give
 * them: at or before the break each window starts after (or one before its reach). A later
 * occurrence's window starts after the same break or a later one, or at its own reach, further
 * on; so the breaks it needs are all in the stretch.
 */
export function windowsStart(text: string, start: number, end: number): number {
  return Math.max(0, Math.min(sentenceBounds(text, start, end)[0], paragraphBounds(text, start, end)[0], sectionBounds(text, start, end)[0]) - 1);
}

/** The last element of sorted `xs` at most `x`, or -1. */
function lastAtMost(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? xs[lo - 1] : -1;
}

/** The first element of sorted `xs` at least `x`, or -1. */
function firstAtLeast(xs: readonly number[], x: number): number {
  const k = firstIndexAtLeast(xs, x);
  return k < xs.length ? xs[k] : -1;
}

/** The index of the first element of sorted `xs` at least `x` (`xs.length` if none). */
function firstIndexAtLeast(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A paper's weight for each word id of a text, as `score` weighs it (none for the name's own
 * words), in whole units of 1e-9 so that adding and taking away in any order gives the same sum.
 */
export class NameWeights {
  private units = new Float64Array(256).fill(-1);

  constructor(
    private readonly profile: PaperProfile,
    private readonly own: Set<number>,
    private readonly vocabulary: Vocabulary,
  ) {}

  of(id: number): number {
    if (id >= this.units.length) {
      const grown = new Float64Array(Math.max(id + 1, this.units.length * 2)).fill(-1);
      grown.set(this.units);
      this.units = grown;
    }
    let u = this.units[id];
    if (u < 0) u = this.units[id] = this.ofHash(this.vocabulary.hashes[id]);
    return u;
  }

  ofHash(hash: number): number {
    if (this.own.has(hash)) return 0;
    return Math.round((this.profile.terms.get(hash) ?? 0) * 1e9);
  }
}

/**
 * The distinct words of a window of a `TextWords` and the sum of their weights, kept as the
 * window moves: each word is added once when the window reaches it and taken away once when it
 * leaves, so windows that slide along a text cost about one read of it in all.
 */
export class WindowTally {
  private counts = new Int32Array(256);
  private words: TextWords | undefined;
  /** The words [a, b) of `words` in the tally. */
  private a = 0;
  private b = 0;
  private distinct = 0;
  private units = 0;

  constructor(private readonly weights: NameWeights) {}

  clear(): void {
    if (this.words) while (this.a < this.b) this.remove(this.words.ids[this.a++]);
    this.words = undefined;
    this.a = this.b = 0;
  }

  /**
   * What `score(profile, name, from, to, skip)` gives for this window: the weight of the
   * distinct words of `text[from, to)` (words cut at the window's edges, as `forEachWord` cuts
   * them) but for the words of `skip`, and how many distinct words there are.
   */
  read(words: TextWords, from: number, to: number, skip: Occurrence): { score: number; distinct: number } {
    if (this.words !== words) {
      this.clear();
      this.words = words;
    }
    const { starts, ends, ids } = words;
    // Whole words in the window: [a, b).
    const a = firstIndexAtLeast(starts, from);
    const b = Math.max(a, firstIndexAtLeast(ends, to + 1));
    this.moveTo(a, b);
    let distinct = this.distinct;
    let units = this.units;
    // The occurrence's own words, taken away for this window only.
    const skipFrom = Math.max(a, firstIndexAtLeast(starts, skip.start));
    const skipTo = Math.min(b, firstIndexAtLeast(starts, skip.end));
    for (let k = skipFrom; k < skipTo; k++) {
      const id = ids[k];
      if (--this.counts[id] === 0) {
        distinct--;
        units -= this.weights.of(id);
      }
    }
    // Words cut by the window's edges, added for this window only.
    const { text } = words;
    const cut: number[] = [];
    const left = a - 1;
    if (left >= 0 && ends[left] > from) cut.push(from, Math.min(ends[left], to));
    if (b < starts.length && starts[b] < to && b !== left) cut.push(starts[b], to);
    const added: number[] = [];
    for (let k = 0; k < cut.length; k += 2) {
      if (cut[k] >= skip.start && cut[k] < skip.end) continue;
      const h = hashOf(text, cut[k], cut[k + 1]);
      if (added.includes(h)) continue;
      added.push(h);
      const id = words.vocabularyId(h);
      if (id >= 0 && this.countOf(id) > 0) continue;
      distinct++;
      units += id >= 0 ? this.weights.of(id) : this.weights.ofHash(h);
    }
    for (let k = skipFrom; k < skipTo; k++) this.counts[ids[k]]++;
    return { score: units / 1e9, distinct };
  }

  private countOf(id: number): number {
    return id < this.counts.length ? this.counts[id] : 0;
  }

  private moveTo(a: number, b: number): void {
    const ids = this.words!.ids;
    if (a >= this.b || b <= this.a) {
      // No word in common: start afresh.
      while (this.a < this.b) this.remove(ids[this.a++]);
      this.a = this.b = a;
    }
    while (this.a > a) this.add(ids[--this.a]);
    while (this.b < b) this.add(ids[this.b++]);
    while (this.a < a) this.remove(ids[this.a++]);
    while (this.b > b) this.remove(ids[--this.b]);
  }

  private add(id: number): void {
    if (id >= this.counts.length) {
      const grown = new Int32Array(Math.max(id + 1, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    if (this.counts[id]++ === 0) {
      this.distinct++;
      this.units += this.weights.of(id);
    }
  }

  private remove(id: number): void {
    if (--this.counts[id] === 0) {
      this.distinct--;
      this.units -= this.weights.of(id);
    }
  }
}

/** The hash of `text[from, to)` as one word, as `forEachWord` hashes it. */
function hashOf(text: string, from: number, to: number): number {
  let h = WORD_SEED;
  for (let i = from; i < to; i++) h = wordStep(h, lowerCode(text.charCodeAt(i)));
  return wordFinish(h);
}

function weightOf(profile: PaperProfile, word: string): number {
  return profile.terms.get(wordHash(word)) ?? 0;
}

const nameHashCache = new WeakMap<PaperName, Set<number>>();

/** The hashes of a name's own words, which never count as context for it. */
export function nameHashes(name: PaperName): Set<number> {
  let set = nameHashCache.get(name);
  if (!set) {
    set = new Set();
    const s = set;
    forEachWord(name.text, 0, name.text.length, (h) => s.add(h));
    nameHashCache.set(name, set);
  }
  return set;
}

/**
 * Each name's key, made once and kept while the name lives: a key built per occurrence is a
 * new string to hash on every look-up, and one kept on every pattern of the matcher held 8 MB
 * at 50,000 papers.
 */
const nameKeys = new WeakMap<PaperName, string>();

/** The key of a name–paper pair (the matcher's `discourseKey`, and this module's records). */
export function keyOf(name: PaperName): string {
  let key = nameKeys.get(name);
  if (key === undefined) nameKeys.set(name, (key = `${name.paperId}\u0000${name.text}`));
  return key;
}

/** Share of a phrase's content words (3 letters or more) that are words of the paper's title. */
function titleAgreement(phrase: string, profile: PaperProfile): number {
  const words = phrase.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2);
  if (!words.length) return 0;
  return words.filter((w) => profile.titleWords.has(w) || profile.titleWords.has(w.replace(/s$/, ''))).length / words.length;
}

function addOnce(reasons: string[], reason: string): void {
  if (!reasons.includes(reason)) reasons.push(reason);
}

function clip(s: string, max = 70): string {
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

/** Whether `start` opens a line or a list entry: only markup (`#`, `>`, `-`, `1.`, `**`, `[`) before it on its line. */
function startsEntry(text: string, start: number): boolean {
  const from = Math.max(0, start - 40);
  const nl = lastLineBreak(text, start, from);
  if (nl < 0 && from > 0) return false;
  return /^[ \t]*(?:(?:[#>*+-]+|\d+\.)[ \t]*)*(?:\*\*|__|\[)?$/.test(text.slice(Math.max(from, nl + 1), start));
}

/** The lower-case word before `start`, skipping spaces and markup (`**`, `\\textbf{`, backticks); '' if none. */
function wordBefore(text: string, start: number): string {
  let i = start - 1;
  const lo = Math.max(0, start - 24);
  while (i >= lo && !isWordAt(text, i)) i--;
  // `\textbf{Hydra}`: skip the command.
  let end = i + 1;
  let from = i;
  while (from >= lo && isWordAt(text, from)) from--;
  if (text.charAt(from) === '\\') {
    i = from - 1;
    while (i >= lo && !isWordAt(text, i)) i--;
    end = i + 1;
    from = i;
    while (from >= lo && isWordAt(text, from)) from--;
  }
  return text.slice(from + 1, end).toLowerCase();
}

/** Words that stand right before a name the text defines as its own ("we propose X", "a method called X"). */
const LEAD_WORDS = new Set(
  (
    'propose proposes proposed present presents introduce introduces design designs develop develops release releases call calls ' +
    'name names term terms dub dubs contribute contributes construct constructs curate curates create creates ' +
    'a an the our new novel simple first two three method model framework approach dataset benchmark called named dubbed termed coined'
  ).split(' '),
);

// "We propose X", "This paper introduces X", "our framework, X": the text names its own work.
const CONTRIBUTION =
  /\b(?:we|this\s+(?:paper|work|article|study)|our\s+(?:work|paper))\s+(?:(?:first|also|further|then|hereby)\s+)?(?:propose|present|introduce|design|develop|release|call|name|term|dub|contribute|construct|curate|create)[sd]?\b(?:\s+(?:a|an|the|our|two|three|new|novel|simple|first|method|model|framework|approach|dataset|benchmark|called|named|dubbed|termed)\b,?){0,4}\s*(?:\\\w+\{|\*\*|`|_)?\s*$/i;
const NAMING = /\b(?:termed|called|named|dubbed|coined)\s*(?:\\\w+\{|\*\*|`)?\s*$/i;

/** A citation or reference-list entry next to [start, end): it says a paper is meant, not which. */
export function citedNear(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 120);
  const before = text.slice(Math.max(0, start - 60), start);
  return (
    /^[*_`}\s]*(?:\[\d+(?:\s*[,\u2013-]\s*\d+)*\]|\\cite[a-zA-Z]*\{|\[@|\(\s*\p{Lu}[\p{L}'-]+(?:\s+et\s+al\.?|\s+and\s+\p{Lu}[\p{L}'-]+)?,?\s+(?:19|20)\d\d[a-z]?\s*\)|\(\s*(?:19|20)\d\d[a-z]?\s*\)|[^\n]{0,40}\[(?:paper|arxiv|pdf|code|project|github)\]\s*\()/iu.test(after) ||
    /\bet\s+al\.?,?\s*$|\\cite[a-zA-Z]*\{[^}]*$/i.test(before)
  );
}

/** Why a field's name is not linked where the text does not cite its paper. */
const FIELD_UNCITED = 'no citation of the paper next to it';

/** How far after a name `paperCitedAfter` reads, within its sentence: as far as `citedNear` does. */
const CITED_AFTER_REACH = 120;

/** LaTeX's citation commands (`\cite`, `\citep`, `\parencite`, `\autocite`, `\textcite`...), with up to two optional arguments: group 1 holds the keys. */
const LATEX_CITE = /\\[a-zA-Z]*cite[a-zA-Z]*\*?(?:\[[^\]]*\]){0,2}\{([^}]*)\}/g;
/** MyST's roles (`{cite}`, `{cite:p}`, `{cite:t}`): group 1 holds the keys. */
const MYST_CITE = /\{cite(?::[a-z]+)?\}`([^`]*)`/g;
/** Pandoc's and Manubot's `@key` (`[@key; @doi:10.1/x]`, `@key says`): group 1 is the key. */
const PANDOC_CITE = /(?:^|[[;\s])@([^\s,;\]]+)/g;
/** arXiv ids as links or `arXiv:` (group 1), and DOIs as links or `doi:` (group 2). */
const ID_CITE = /arxiv(?:\.org\/(?:abs|pdf)\/|:\s*)(\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?\/\d{7})|(?:doi\.org\/|doi:\s*)(10\.\d{4,9}\/[^\s"'<>\]}),;]+)/gi;

/** What a citation of a paper may give: its cite keys, arXiv id and DOI, in lower case (see `paperCitedAfter`). */
export interface CitedAs {
  readonly keys: ReadonlySet<string>;
  readonly arxiv?: string;
  readonly doi?: string;
}

/** `CitedAs` of a paper: worked out once per paper by a caller that checks many names (`MentionMatcher`). */
export function citedAs(paper: Paper): CitedAs {
  return { keys: new Set((paper.keys ?? []).map((k) => k.toLowerCase())), arxiv: paper.arxivId?.toLowerCase(), doi: paper.doi?.toLowerCase() };
}

/** Something a citation needs: a LaTeX command, an `@`, a MyST role, an arXiv id or a DOI. */
const CITATION_MARK = /[\\@]|\{cite|arxiv|doi/i;

/**
 * Whether the text cites `paper` itself right after a name, in the same sentence: one of the
 * paper's cite keys in a `\cite`, a Pandoc or a MyST citation, or its arXiv id or DOI, as a
 * link or an identifier (also just after the sentence, as a reference list writes "Title.
 * arXiv:1410.3916"). Says which, or `undefined`. This is the evidence a `field` name needs
 * ("OpenAI Gym \citep{brockman2016openai}"): a citation of another paper next to it is not.
 */
export function paperCitedAfter(text: string, end: number, { keys, arxiv, doi }: CitedAs): string | undefined {
  if (!keys.size && !arxiv && !doi) return undefined;
  // Most names stand in prose with no citation after them: one test of the next characters.
  if (!CITATION_MARK.test(text.slice(end, end + CITED_AFTER_REACH + 12))) return undefined;
  const to = Math.min(sentenceBounds(text, end, end)[1], end + CITED_AFTER_REACH);
  // "Title. arXiv:1410.3916": an identifier opening the next sentence is the same reference's.
  const next = /^[.,]\s{1,3}(?=arxiv|doi|https?:)/i.exec(text.slice(to, to + 12)) ? Math.min(text.length, to + CITED_AFTER_REACH) : to;
  const after = text.slice(end, Math.max(to, next));
  const own = (key: string): boolean => keys.has(key.trim().replace(/[.:]+$/, '').toLowerCase());
  for (const re of [LATEX_CITE, MYST_CITE]) {
    for (const m of after.matchAll(re)) for (const key of m[1].split(',')) if (own(key)) return `the text cites the paper here (${key.trim()})`;
  }
  for (const m of after.matchAll(PANDOC_CITE)) {
    const id = m[1].replace(/[.:]+$/, '');
    const lower = id.toLowerCase();
    if (own(id) || (arxiv && lower === `arxiv:${arxiv}`) || (doi && lower === `doi:${doi}`)) return `the text cites the paper here (@${id})`;
  }
  for (const m of after.matchAll(ID_CITE)) {
    if (m[1] && m[1].toLowerCase() === arxiv) return `the text cites the paper here (arXiv:${m[1]})`;
    if (m[2] && m[2].replace(/\.+$/, '').toLowerCase() === doi) return `the text cites the paper here (doi:${m[2].replace(/\.+$/, '')})`;
  }
  return undefined;
}

/** The sentence around [start, end): from the last sentence end to the next, within `SENTENCE_REACH`. */
export function sentenceBounds(text: string, start: number, end: number): [number, number] {
  const lo = Math.max(0, start - SENTENCE_REACH);
  const hi = Math.min(text.length, end + SENTENCE_REACH);
  let from = lo;
  for (let i = start - 1; i > lo; i--) {
    const c = text.charCodeAt(i);
    if ((c === 46 || c === 33 || c === 63) && isSpace(text.charCodeAt(i + 1)) && !abbreviationBefore(text, i)) {
      from = i + 1;
      break;
    }
    if (c === 10 && blankLineAt(text, i)) {
      from = i + 1;
      break;
    }
  }
  let to = hi;
  for (let i = end; i < hi; i++) {
    const c = text.charCodeAt(i);
    if ((c === 46 || c === 33 || c === 63) && (i + 1 >= text.length || isSpace(text.charCodeAt(i + 1))) && !abbreviationBefore(text, i)) {
      to = i;
      break;
    }
    if (c === 10 && blankLineAt(text, i)) {
      to = i;
      break;
    }
  }
  return [from, to];
}

/** The paragraph around [start, end): between blank lines, within `PARAGRAPH_REACH`. */
export function paragraphBounds(text: string, start: number, end: number): [number, number] {
  const lo = Math.max(0, start - PARAGRAPH_REACH);
  const hi = Math.min(text.length, end + PARAGRAPH_REACH);
  let from = lo;
  for (let i = start - 1; i > lo; i--) {
    if (text.charCodeAt(i) === 10 && blankLineAt(text, i)) {
      from = i + 1;
      break;
    }
  }
  let to = hi;
  for (let i = end; i < hi; i++) {
    if (text.charCodeAt(i) === 10 && blankLineAt(text, i)) {
      to = i;
      break;
    }
  }
  return [from, to];
}

// A heading: markdown `#` lines, LaTeX sectioning commands.
const HEADING = /^(?:#{1,6}[ \t]|\\(?:sub)*section\*?\{|\\chapter\*?\{|\\paragraph\{)/;

/** The section around [start, end): between headings, within `SECTION_REACH`. */
export function sectionBounds(text: string, start: number, end: number): [number, number] {
  const lo = Math.max(0, start - SECTION_REACH);
  const hi = Math.min(text.length, end + SECTION_REACH);
  let from = lo;
  for (let i = lastLineBreak(text, start, lo); i >= 0; i = lastLineBreak(text, i, lo)) {
    if (HEADING.test(text.slice(i + 1, i + 16))) {
      from = i + 1;
      break;
    }
  }
  let to = hi;
  for (let i = nextLineBreak(text, end, hi); i >= 0; i = nextLineBreak(text, i + 1, hi)) {
    if (HEADING.test(text.slice(i + 1, i + 16))) {
      to = i;
      break;
    }
  }
  return [from, to];
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Whether the line break at `i` ends a blank line or starts one (only spaces, then another break). */
function blankLineAt(text: string, i: number): boolean {
  for (let k = i + 1; k < text.length && k < i + 200; k++) {
    const c = text.charCodeAt(k);
    if (c === 10) return true;
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return false;
}

/** "e.g.", "i.e.", "et al.", "vs.", "Fig.": a period that does not end a sentence. */
function abbreviationBefore(text: string, i: number): boolean {
  return /(?:\be\.g|\bi\.e|\bal|\bvs|\bcf|\betc|\bFig|\bEq|\bSec|\bNo)$/.test(text.slice(Math.max(0, i - 4), i));
}

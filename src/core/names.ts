/**
 * The names people write for a paper: its full title, its short name (`DataComp` from
 * "DataComp: In search of ..."), and the name its abstract gives the method ("we propose
 * LoRAT"). Hand-written rather than a library: no library derives names from titles and
 * abstracts, and this is where Paper Lens has to be precise.
 */
import { Background, signatureHash, wordHash } from './background';
import { acronymDefinitions, longFormBefore, longFormKey, shortHash, type AcronymDefinition } from './definitions';
import { dataUseAt } from './dataUse';
import { CH_UPPER, CH_WORD, charClass, isWordAt, normaliseTitle } from './text';
import type { Paper, PaperName } from './types';
import { finishSteps, ITEMS_PER_STEP, Pace, type Steps } from './steps';

/** Tells whether a lower-case word is everyday vocabulary (see `seeds/common-words.txt`). */
export type IsCommonWord = ((lowerCaseWord: string) => boolean) & {
  /** Builds what the first question would, in steps (see `core/steps.ts`), where it has anything to build. */
  readonly prepare?: () => Steps<void>;
  /**
   * Whether a lower-case word is English at all, everyday or not (the list's `[english]` part):
   * the spellings a coined name's other casings may not take (`unicorn` for `UniCoRN`).
   */
  readonly english?: (lowerCaseWord: string) => boolean;
};

/** The line that starts the word list's English part (see `IsCommonWord.english`). */
export const ENGLISH_PART = '[english]';

/**
 * Builds an `IsCommonWord` from the text of a word list (words separated by white space, `#`
 * comments; the words after an `[english]` line are English but not everyday). The sets are built
 * on the first question, not before, or in steps by `prepare`: built at once, the everyday words
 * alone took 22 ms of the step that derived the first paper's names.
 */
export function commonWordsFrom(listText: string): IsCommonWord {
  let sets: { everyday: Set<string>; english: Set<string> } | undefined;
  function* build(): Steps<{ everyday: Set<string>; english: Set<string> }> {
    const everyday = new Set<string>();
    const english = new Set<string>();
    let into = everyday;
    const pace = new Pace(ITEMS_PER_STEP);
    const lines = listText.split(/\r?\n/);
    for (let k = 0; k < lines.length; k++) {
      if (lines[k].startsWith('#')) continue;
      if (lines[k].trim() === ENGLISH_PART) {
        into = english;
        continue;
      }
      for (const word of lines[k].split(/\s+/)) if (word) into.add(word.toLowerCase());
      if (pace.tick()) yield* pace.pause();
    }
    return { everyday, english };
  }
  const isCommonWord = (w: string) => (sets ??= finishSteps(build())).everyday.has(w);
  return Object.assign(isCommonWord, {
    *prepare(): Steps<void> {
      if (!sets) {
        const built = yield* build();
        sets ??= built;
      }
    },
    english: (w: string) => {
      sets ??= finishSteps(build());
      return sets.everyday.has(w) || sets.english.has(w);
    },
  });
}

// Prefixes that stand before a colon in many titles without naming anything
// ("Position: ...", "Survey: ...").
const GENERIC_PREFIXES = new Set([
  'position', 'review', 'survey', 'tutorial', 'perspective', 'perspectives', 'commentary', 'editorial',
  'erratum', 'corrigendum', 'keynote', 'overview', 'report', 'abstract', 'preprint', 'note', 'notes',
  'chapter', 'appendix', 'introduction', 'opinion', 'letter', 'correction', 'retraction', 'addendum',
]);

const WORD = /^[\p{L}\p{N}][\p{L}\p{N}^+.-]*[\p{L}\p{N}]$|^[\p{L}\p{N}]$/u;

/** An acronym or coined word: two capitals (`CNN`, `LoRA`), a capital after a small letter (`WideNet`), or letters with digits (`FiTv2`). */
export function isCoined(word: string): boolean {
  return word.split('-').some((part) => {
    const capitals = part.match(/\p{Lu}/gu)?.length ?? 0;
    return capitals >= 2 || /\p{Ll}\p{Lu}/u.test(part) || (/\p{L}/u.test(part) && /\p{N}/u.test(part) && capitals >= 1);
  });
}

/**
 * The short name of a title: the part before its first colon, when that part is a name and
 * not a phrase. One word with a capital letter is a name (`DataComp`, `Beta-Rank`, `CUDA`);
 * two or three words are a name when `&` joins them or most are acronyms (`Split & Merge`,
 * `CNN Filter DB`), but not when they read as a phrase ("Stationary Representations",
 * "Tracking Meets LoRA").
 */
export function shortNameOf(title: string): string | undefined {
  const colon = title.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = title.slice(0, colon).trim();
  if (/[?!.,;]$/.test(prefix)) return undefined;
  const words = prefix.split(/\s+/);
  if (words.length === 1) {
    const [word] = words;
    if (!WORD.test(word) || !/\p{Lu}/u.test(word) || GENERIC_PREFIXES.has(word.toLowerCase())) return undefined;
    return word;
  }
  if (words.length > 3) return undefined;
  const content = words.filter((w) => w !== '&');
  if (!content.every((w) => WORD.test(w) && /^\p{Lu}|^\p{N}/u.test(w))) return undefined;
  const joined = content.length < words.length;
  const coined = content.filter(isCoined).length;
  return joined || coined * 2 >= content.length + (content.length % 2) ? prefix : undefined;
}

// Verbs with which an abstract names what it contributes, and the words that give a name.
const INTRODUCING_VERBS = '(?:propose|present|introduce|design|develop|release|build|call|name|term|dub)(?:d|s)?';
const NAMING_WORDS = '(?:termed|called|named|dubbed|coined|namely)';
/** The words that start a clause introducing the paper's own work ("we propose", "We present"). */
const TRIGGER = new RegExp(`\\b[Ww]e\\s+${INTRODUCING_VERBS}\\b`, 'g');
const NAMING = new RegExp(`\\b${NAMING_WORDS}\\s+$`);
// "a data selection method, CoLoR-Filter (...)", "Mixture of Sparse Adapters, or MoSA, ...";
// not a list of things ("data sources - YFCC, LAION, WIT").
const APPOSITIVE =
  /\b(?:method|framework|model|approach|technique|strategy|architecture|algorithm|system|network|pipeline|scheme|benchmark|dataset|module|mechanism|paradigm|toolkit|library),\s+$|\p{L},\s+or\s+$/u;
const STANDS_ALONE = /^(?:\s*[,.;:)]|\s*$|\s+(?:a|an|which|that|and|for|with)\b)/;
const NAME_TOKEN = /^[\p{L}\p{N}][\p{L}\p{N}^+-]*[\p{L}\p{N}]$/u;
/** A compound that describes rather than names: `LLM-generated`, `3DGS-based`, `CLIP-style`, `text-to-3D`. */
const MODIFIER = /-(?:based|driven|generated|powered|style|guided|aware|enhanced|free|like|specific|level|only|wise|centric|assisted|to-\w+)$/i;

/**
 * What follows a word that is the first of a longer name: a capitalised word or a version
 * number, then a space, a punctuation mark or the end ("EXAONE Path 2.0", "Dream 7B", "SAM 2").
 */
const NAME_GOES_ON = /^ (?:\p{Lu}[\p{L}\p{N}-]*|\d+(?:\.\d+)*[A-Za-z]?|v\d[\w.]*)(?=[\s,.;:()]|$)/u;

/**
 * The names an abstract gives its own contribution, in order of appearance. Only strong
 * positions count, inside the clause that follows "we propose/present/introduce/design/...":
 * the word right after the verb (`we propose LoRAT`, `We present Hydra, a ...`), the word
 * after "termed/called/named" (`a method termed SaRA`), an appositive (`a method, CoLoR-Filter`,
 * `Mixture of Sparse Adapters, or MoSA`), and an acronym in parentheses after the capitalised
 * phrase it abbreviates (`Hard Patches Mining (HPM)`). Anything else (`a novel CNN architecture`)
 * is ordinary prose.
 */
export function methodNamesOf(abstract: string, weak?: Set<string>, loose?: Set<string>): string[] {
  const names: string[] = [];
  const strong = new Set<string>();
  const named = new Set<string>();
  // `weak` receives the names found only in the looser positions (see `establishedElsewhere`);
  // `loose`, those only spelled out after a word that links them to what the clause introduces
  // ("... based on Inflated 3D ConvNets (I3D)"): another's work it uses (see `echoesTitle`).
  const add = (name: string, firm = false, near = true) => {
    if (firm) strong.add(name);
    if (near) named.add(name);
    if (!names.includes(name)) names.push(name);
  };
  for (const trigger of abstract.matchAll(TRIGGER)) {
    const after = trigger.index + trigger[0].length;
    const end = clauseEnd(abstract, after);
    const clause = abstract.slice(after, end);
    for (const token of clause.matchAll(/[^\s,;()]+/g)) {
      const raw = token[0];
      const word = raw.replace(/[.:]+$/, '');
      // Plural acronyms ("LDMs", "LLMs") name a family of methods, not this paper's.
      if (!NAME_TOKEN.test(word) || word.length < 3 || /^\p{Lu}{2,}s$/u.test(word) || MODIFIER.test(word)) continue;
      const coined = isCoined(word);
      // Most words are neither coined nor capitalised: skip them before any look-around.
      if (!coined && !/^\p{Lu}\p{Ll}+$/u.test(word)) continue;
      const before = clause.slice(0, token.index);
      const nextText = clause.slice(token.index + raw.length);
      // The first word of a longer name is not the paper's: "we present EXAONE Path 2.0" (EXAONE
      // is the family), "a dataset called QVHighlights Multi-Moment Dataset" (QVHighlights is
      // another's), "a method named 3D-text Enhancement (3DTE)" (3DTE is added at its parenthesis).
      if (raw === word && NAME_GOES_ON.test(nextText)) continue;
      // A capitalised ordinary word is a name only standing alone: "Hydra, a framework", not
      // "Learning to Focus".
      const alone = coined || STANDS_ALONE.test(nextText);
      // The firmest: right after the verb, then described ("We present Hydra, a ...", "we propose LoRAT (...)").
      if (/^\s*$/.test(before) && (coined || /^,\s+(?:a|an)\s/.test(nextText))) add(word, /^(?:,\s+(?:a|an|which)\s|\s*[(:])/.test(nextText));
      // After an article: "we propose the LoRAT tracker", but also "we present a 3DGS video
      // streaming system" and "a RAG benchmark" (weak: see `establishedElsewhere`).
      else if (/^\s*(?:a|an|the|our)\s+$/.test(before) && (coined || /^,\s+(?:a|an)\s/.test(nextText))) add(word);
      // Not the first word of a long form spelled out after the naming word: "an approach called
      // Semantic and Abstract FEatures disRuption (SAFER)" names SAFER (added at its parenthesis).
      else if (alone && NAMING.test(before) && !(!coined && startsLongForm(nextText))) add(word);
      else if (coined && APPOSITIVE.test(before) && /^(?:\s*[,(]|\s+(?:a|an|as|which|that)\b)/.test(nextText)) add(word);
      // The clause may spell out another's work it builds on: "... using the Bidirectional
      // Encoder Representations from Transformers (BERT) model" (see `establishedElsewhere`).
      else if (coined && nextText.startsWith(')') && /\p{Lu}[\p{L}-]*\s+\($/u.test(before)) add(word, false, !LINKED.test(beforeLongForm(before, word)));
    }
  }
  if (weak) for (const name of names) if (!strong.has(name)) weak.add(name);
  if (loose) for (const name of names) if (!named.has(name)) loose.add(name);
  return names;
}

/**
 * A word that ties what follows to the thing the clause introduces, as another's work it is
 * built with: "a framework that combines ... the Universal Sentence Encoder (USE)", "both based
 * on Inflated 3D ConvNets (I3D)", "gradients induced by Neural Tangent Kernel (NTK) alignment",
 * "a comparison of a CNN and a Vision Transformer (ViT-Base)". The paper's own stands right after
 * the verb or its article: "we propose a Hierarchical gArment-manipuLation pOlicy (HALO)".
 */
const LINKED = /\b(?:that|which|using|uses?|used|based|built|on|by|with|of|via|from|upon|and|leverag\w*|combin\w*|exploit\w*|employ\w*|adopt\w*|integrat\w*|induced)\b/i;

/** The clause before an acronym's long form, without it: as the definitions read it ("built on" before "Retentive Networks (" for `RetNet`), else without its last words, one per letter of the acronym ("Neural Tangent Kernel (" for `NTK`). */
function beforeLongForm(before: string, acronym: string): string {
  const open = before.replace(/\($/, '').trimEnd();
  // The long form as the definitions read it ("Retentive Networks" for `RetNet`, whose six
  // letters would have taken six words), else one word per letter.
  const long = longFormBefore(open, open.length, acronym);
  if (long && open.endsWith(long)) return open.slice(0, open.length - long.length).trimEnd();
  const words = open.split(/\s+/);
  const letters = acronym.match(/\p{L}/gu)?.length ?? 0;
  return words.slice(0, Math.max(0, words.length - letters)).join(' ');
}

/** Whether the words after a capitalised word run on, capitalised, into an acronym in parentheses: "Semantic| and Abstract FEatures disRuption (SAFER)". */
function startsLongForm(next: string): boolean {
  return /^(?:\s+(?:and|of|for|with|in|to|the|[\p{L}-]*\p{Lu}[\p{L}-]*)){1,8}\s+\(\p{Lu}[\p{L}\p{N}-]*\)/u.test(next);
}

/** How far before a name the clause that introduces it may start (`methodNamesOf` reads 200 characters of it). */
const INTRODUCTION_REACH = 220;
/** What stands right before a name that `methodNamesOf` can read as introduced: the verb, an article, a naming word, a comma, "or", a parenthesis. */
const INTRODUCED_AFTER = new RegExp(`(?:\\b${INTRODUCING_VERBS}|\\b(?:a|an|the|our|or)|\\b${NAMING_WORDS}|[,(])\\s*[*_\`{]*$`, 'i');
/** `TRIGGER` where it starts (sticky: set `lastIndex`). */
const TRIGGER_AT = new RegExp(TRIGGER.source.replace(/^\\b/, ''), 'y');

/**
 * The name, as the text writes it at [start, end), when the text introduces it there as its own
 * work ("We introduce PS3 that scales ...", "we propose FlowKV, a ..."): `name` or the longer
 * token the text writes ("we propose UniRES++" for `UniRes`). Read as `methodNamesOf` reads an
 * abstract, but only where a name can stand introduced: it has a capital, the word before it is
 * one such a name follows, and a "we propose" starts shortly before. Read over a whole text, it
 * took the bench note's scan at 50,000 papers from 43% to 24% of the `charCodeAt` floor.
 */
export function introducedAt(text: string, start: number, end: number, name: string): string | undefined {
  if (!hasCapital(text, start, end) || !INTRODUCED_AFTER.test(text.slice(Math.max(0, start - 24), start))) return undefined;
  const from = Math.max(0, start - INTRODUCTION_REACH);
  if (!triggerBetween(text, from, start)) return undefined;
  // `methodNamesOf` takes no name ending in "+" (see `plusesSpelled`).
  const to = tokenEnd(text, end);
  const names = methodNamesOf(plusesSpelled(text.slice(from, to + 2)));
  return [name, plusesSpelled(text.slice(start, to))].find((t) => names.includes(t));
}

/** Whether `text` has a capital letter in [from, to). */
function hasCapital(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if ((charClass(text.charCodeAt(i)) & CH_UPPER) !== 0) return true;
  return false;
}

/**
 * Whether a "we propose ..." starts in [from, to): each "we" there, from the last, tried in
 * place. No copy of the text: a slice and a search per occurrence took a note's scan at 10,000
 * papers from 1.7 to 2.3 ms.
 */
function triggerBetween(text: string, from: number, to: number): boolean {
  for (let at = to - 2; at >= from; at--) {
    // "we" or "We" (`lastIndexOf` would search on to the text's start where there is none).
    if (text.charCodeAt(at + 1) !== 101 || (text.charCodeAt(at) | 32) !== 119 || isWordAt(text, at - 1)) continue;
    TRIGGER_AT.lastIndex = at;
    if (TRIGGER_AT.test(text)) return true;
  }
  return false;
}

/** Where a token that may run on past a name ends: letters, digits and `+`, `^`, `-` joining them (`UniRES++`, `LoRA-2`). */
function tokenEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && end < from + 16 && /[\p{L}\p{N}+^-]/u.test(text.charAt(end))) end++;
  return end;
}

/**
 * A text with each "+" that ends a name spelled as a letter no name has ("ǂ", the Khoekhoe
 * click), so that the name reads as one token: "UniRES++" as "UniRESǂǂ".
 */
function plusesSpelled(text: string): string {
  return text.replace(/(?<=[\p{L}\p{N}+])\+(?![\p{L}\p{N}])/gu, '\u01c2');
}

/** Where the clause that starts at `from` ends: the end of its sentence, at most 200 characters on. */
function clauseEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + 200);
  const sentence = /[.!?](?=\s|$)/g;
  sentence.lastIndex = from;
  for (let m = sentence.exec(text); m && m.index < limit; m = sentence.exec(text)) {
    // "e.g." and "i.e." do not end a sentence.
    if (!/\b(?:e\.g|i\.e|etc|vs|al)$/.test(text.slice(Math.max(from, m.index - 4), m.index))) return m.index;
  }
  return limit;
}

/**
 * Whether a name is also everyday vocabulary: one word, written in a natural casing of a
 * common or other English word (`CUDA`, `Hydra`, `FILTER`, `Adjudicator`, `Storyteller`), or an acronym of at most three capitals (`GS`,
 * `RGB`). Mixed casings (`SiT`, `JeDi`, `SaRA`) and names of several words are specific enough
 * on their own.
 */
export function isAmbiguousName(name: string, isCommonWord: IsCommonWord): boolean {
  // Acronyms of up to three capitals (GS, RGB, HPM) stand for many things in many papers.
  if (/^\p{Lu}{1,3}$/u.test(name)) return true;
  if (!/^[\p{L}]+$/u.test(name)) return false;
  const lower = name.toLowerCase();
  return isNaturalCasing(name) && (isCommonWord(lower) || isCommonWord.english?.(lower) === true);
}

/** Whether a word is written as words are: in lower case, in capitals, or capitalised. */
export function isNaturalCasing(word: string): boolean {
  const lower = word.toLowerCase();
  return word === lower || word === word.toUpperCase() || word === lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** The words a name's letters may not spell (see `spellsWords`): English (everyday or not), or written in lower case by the background's abstracts. */
export function wordsOfLanguage(isCommonWord: IsCommonWord, background: Background): (lowerCaseWord: string) => boolean {
  const english = isCommonWord.english;
  return (w) => isCommonWord(w) || english?.(w) === true || background.isLowerCaseWord(w);
}

/** Whether a name in lower case spells a word (`isWord`): as it is, without its hyphens, or piece by piece (`Self-sUpervised`). */
export function spellsWords(name: string, isWord: (lowerCaseWord: string) => boolean): boolean {
  const lower = name.toLowerCase();
  return isWord(lower) || isWord(lower.replace(/-/g, '')) || lower.split('-').every(isWord);
}

// Small words a title-cased phrase writes in lower case ("Frozen in Time", "Pruning by Explaining").
const PHRASE_SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'for', 'to', 'by', 'with', 'and', 'or', 'via', 'is', 'are', 'vs', 'at', 'from', 'as']);

/**
 * The part of a title before its colon when it is a phrase written in title case rather than
 * a one-word name: "Tracking Meets LoRA", "Frozen in Time". People cite such a paper by this
 * phrase in the title's own capitals. Two to eight words; the first and every word but small
 * ones ("in", "of", "the") start with a capital letter or a digit.
 */
export function phraseNameOf(title: string): string | undefined {
  const colon = title.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = title.slice(0, colon).trim();
  if (/[?!.,;]$/.test(prefix) || shortNameOf(title) !== undefined) return undefined;
  const words = prefix.split(/\s+/);
  if (words.length < 2 || words.length > 8 || GENERIC_PREFIXES.has(words[0].toLowerCase())) return undefined;
  if (!words.every((w, i) => WORD.test(w) && (/^[\p{Lu}\p{N}]/u.test(w) || (i > 0 && PHRASE_SMALL_WORDS.has(w))))) return undefined;
  return prefix;
}

/**
 * The question a title opens with, up to and including its question mark, when more follows:
 * "What learning algorithm is in-context learning?" of "What learning algorithm is
 * in-context learning? Investigations with linear models". People cite it that far.
 */
export function questionTitleOf(title: string): string | undefined {
  const q = title.indexOf('?');
  if (q <= 0 || q === title.trim().length - 1) return undefined;
  const question = title.slice(0, q + 1).trim();
  return question.split(/\s+/).length >= 3 ? question : undefined;
}

/**
 * Names an abstract defines for variants of its own method, datasets or models: an acronym
 * whose long form contains one of the paper's names ("MatFormer language model (MatLM)",
 * "a universal MatFormer-based ViT (MatViT)") or is the paper's title ("data filtering
 * network (DFN)" in "Data Filtering Networks").
 */
export function aliasesOf(abstract: string | readonly AcronymDefinition[], ownNames: readonly string[], title = ''): string[] {
  const words = ownNames.filter((n) => !/\s/.test(n)).map((n) => n.toLowerCase());
  const titleKey = longFormKey(title);
  const out: string[] = [];
  for (const d of typeof abstract === 'string' ? acronymDefinitions(abstract) : abstract) {
    // A plural acronym ("LLMs") names a family of methods, as in `methodNamesOf`.
    if (words.includes(d.short.toLowerCase()) || out.includes(d.short) || /^\p{Lu}{2,}s$/u.test(d.short)) continue;
    const parts = d.long.toLowerCase().split(/[^\p{L}\p{N}^+]+/u);
    if (words.some((w) => parts.includes(w)) || (titleKey.length > 8 && longFormKey(d.long) === titleKey)) out.push(d.short);
  }
  return out;
}

/**
 * Coined names an abstract keeps using for what it introduces, in whatever sentence: a coined
 * token (`EvoNorms`, `MatLM`) written at least twice, counting a plural with its singular, and
 * given as the singular (`EvoNorm`). Whether the literature uses it for other things is judged
 * by the caller, against the background. A token the abstract gives as an example ("software
 * packages such as EnergyPlus", "e.g. PyTorch") is another's work the paper uses, however often
 * it comes back (an RL book's own `.bib` linked "EnergyPlus" to a paper on home energy models).
 */
export function repeatedNamesOf(abstract: string): string[] {
  const counts = new Map<string, number>();
  const examples = new Set<string>();
  const prose = abstract.replace(/\bhttps?:\/\/\S+/g, ' ');
  const isTokenChar = (i: number) => i >= 0 && i < prose.length && (charClass(prose.charCodeAt(i)) & CH_WORD) !== 0;
  const isJoiner = (i: number) => {
    const c = prose.charCodeAt(i);
    return (c === 45 || c === 94 || c === 43) && isTokenChar(i - 1) && isTokenChar(i + 1);
  };
  let seenUntil = -1;
  // Mixed case (`EvoNorm`, `MatLM`, `KaLM-Embedding`) has a small letter before a capital: the
  // native search finds those places, and each is widened to its token (words joined by `-`,
  // `^` or `+`).
  for (const m of prose.matchAll(/\p{Ll}\p{Lu}/gu)) {
    if (m.index < seenUntil) continue;
    let start = m.index;
    while (isTokenChar(start - 1) || (start > 1 && isJoiner(start - 1))) start--;
    let end = m.index + 2;
    while (isTokenChar(end) || isJoiner(end)) end++;
    seenUntil = end;
    const token = prose.slice(start, end);
    if (token.length < 4 || /^\p{Lu}+s$/u.test(token)) continue;
    const singular = /\p{Ll}s$/u.test(token) && token.length > 4 ? token.slice(0, -1) : token;
    if (EXAMPLE_BEFORE.test(prose.slice(Math.max(0, start - 32), start))) examples.add(singular);
    counts.set(singular, (counts.get(singular) ?? 0) + 1);
  }
  return [...counts].filter(([name, c]) => c >= 2 && !examples.has(name)).map(([name]) => name);
}

/**
 * Whether a name is built from its title's words, as a paper's own name is: an acronym or a
 * blend of the starts of title words, in the title's order (`EvoNorm` from "Evolving
 * Normalization-Activation Layers", `IGV` from "Interactive Generative Video"), no one word
 * giving all its letters but two. A title word taken whole is not enough: "Reproducing and Improving CheXNet", "From DenseNet
 * to Vision Transformers" and "Aligning Librarian Records with OntoAligner" name another's
 * work in their titles; their abstracts repeat it (these three, and `sEEG`, `ccRCC`, `SigLip`
 * and `MidJourney` from abstracts that only use them, were 14 of the 50 mentions judged in the
 * arXiv halves, all wrong). Written here: no library splits a coined word into its sources.
 */
export function echoesTitle(name: string, title: string): boolean {
  const letters = name.toLowerCase().replace(/[^\p{L}]+/gu, '');
  const words = title.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
  if (letters.length < 3 || letters.length > 40) return false;
  // Two letters at least come from other words than any one: "DenseNet" and the "t" of "to" do
  // not make `DenseNet` a blend.
  const longest = letters.length - 2;
  // Depth first over (letter, next word), each pair tried once: a few hundred steps at most.
  const failed = new Set<number>();
  const from = (i: number, w: number): boolean => {
    if (i === letters.length) return true;
    const key = i * 64 + Math.min(w, 63);
    if (failed.has(key)) return false;
    for (let k = w; k < words.length; k++) {
      const word = words[k];
      let n = 0;
      while (n < word.length && n < longest && i + n < letters.length && word.charCodeAt(n) === letters.charCodeAt(i + n)) n++;
      for (let len = n; len >= 1; len--) if (from(i + len, k + 1)) return true;
    }
    failed.add(key);
    return false;
  };
  return from(0, 0);
}

/** What gives a token as an example of a kind of thing, right before it: "such as", "e.g.". */
const EXAMPLE_BEFORE = /\b(?:such as|e\.g\.,?)\s+(?:[\w.-]+\s+)?$/i;

/**
 * A short title ending in a plural, with that word in the singular ("Data Filtering Network"
 * for "Data Filtering Networks"), written in the title's capitals: people cite a paper so when
 * they name one instance of what it introduces. Three to six words.
 */
export function singularTitleOf(title: string): string | undefined {
  const words = title.trim().split(/\s+/);
  if (words.length < 3 || words.length > 6 || /[:?]/.test(title)) return undefined;
  const last = words[words.length - 1];
  if (!/^\p{L}{3,}[^s]s$/u.test(last)) return undefined;
  return [...words.slice(0, -1), last.slice(0, -1)].join(' ');
}

/**
 * What a name-like token must share with the background's signature of it (the words most
 * typical of the abstracts that use it) for those abstracts to mean this paper.
 */
const SIGNATURE_AGREEMENT = 2;
/** Other definitions outweigh the paper's own when more than this share of them (link probability under 0.8). */
const OWN_DEFINITION_SHARE = 0.25;
/** Background abstracts using a name that make it established, not an abstract's own coinage (see `establishedElsewhere`). */
const ESTABLISHED_USES = 5;

/** Background abstracts defining an acronym as a title does that make it the field's acronym, not the paper's coinage (its own abstract, if there, is one). */
const COMMON_DEFINITION = 2;
/** A repeated coined word that more background abstracts use than this is someone else's (`ImageNet-100`). */
const REPEATED_MAX_USES = 2;

/** What the background knows about a paper, for judging its names; built once per paper, on demand. */
class PaperBackground {
  private signatureWords?: Set<number>;
  private ownDefs?: Set<string>;
  private ownTitleDefs?: Set<string>;
  private acronyms?: AcronymDefinition[];

  constructor(
    private readonly paper: Paper,
    private readonly background: Background,
  ) {}

  /** The acronyms the title and abstract define, found once. */
  definitions(): readonly AcronymDefinition[] {
    return (this.acronyms ??= acronymDefinitions(`${this.paper.title}. ${this.paper.abstract}`));
  }

  /**
   * Whether the abstract gives the title as an acronym's long form ("a data filtering network
   * (DFN)"): a name the paper coins. Not when other abstracts of the background define that
   * acronym so too: a textbook's blurb ("model predictive control (MPC) schemes", 8 of the
   * background's abstracts) spells out its field's acronym, it did not coin it.
   */
  definesTitle(): boolean {
    return this.coinedTitleAcronyms().length > 0;
  }

  /** For each long form the abstract gives `short`, the share of its words (of `minLength` letters or more) that the title uses. */
  private titleShares(short: string, minLength: number): number[] {
    const title = (this.titleWordSet ??= new Set(wordsIn(this.paper.title)));
    return this.definitions()
      .filter((d) => d.short === short)
      .map((d) => {
        const words = wordsIn(d.long).filter((w) => w.length >= minLength);
        return words.length ? words.filter((w) => title.has(w)).length / words.length : 1;
      });
  }

  private titleWordSet?: Set<string>;

  /** Whether the abstract spells `short` out with a long form most of whose words (of three letters or more) the title does not use. */
  spelledApartFromTitle(short: string): boolean {
    return this.titleShares(short, 3).some((share) => share < 0.5);
  }

  /** Whether the abstract spells `short` out with words of the title alone ("Conversational Question Answering (ConvQA)"). */
  spelledWithTitleWords(short: string): boolean {
    return this.titleShares(short, 1).some((share) => share === 1);
  }

  /** The acronyms the abstract defines with the title as their long form (`model predictive control (MPC)`). */
  titleAcronyms(): string[] {
    const key = longFormKey(this.paper.title);
    return this.definitions().flatMap((d) => (longFormKey(d.long) === key ? [d.short] : []));
  }

  /** `titleAcronyms` that the background does not define so elsewhere: the paper's coinage (see `definesTitle`). */
  private coinedTitleAcronyms(): string[] {
    const hash = shortHash(longFormKey(this.paper.title));
    return this.titleAcronyms().filter((short) => (this.background.name(short)?.defs.find((x) => x.hash === hash)?.count ?? 0) < COMMON_DEFINITION);
  }

  /**
   * How many of the background's abstracts define `name` with a long form the abstract gives it
   * and the title does not (this abstract, if it is there, among them): two or more make it the
   * field's acronym, which the paper spells out as others do, not its coinage. "Simultaneous
   * speech translation (SimulST)" in SimulSense's abstract, "unbalanced optimal transport (UOT)",
   * "Neural Tangent Kernel (NTK)": in the arXiv halves such acronyms linked texts on the field
   * to whichever library paper spelled it out (7 of the 50 mentions judged). Such an acronym is
   * then a `field` name: it counts where the text cites the paper.
   */
  fieldDefinitions(name: string): number {
    const stats = this.background.name(name);
    if (!stats) return 0;
    const own = this.defs();
    const titled = this.titleDefs();
    let most = 0;
    for (const d of stats.defs) if (own.has(d.hash) && !titled.has(d.hash)) most = Math.max(most, d.count);
    return most;
  }

  /** Short hashes of the paper's title and of the long forms its title and abstract give its names. */
  defs(): Set<string> {
    if (!this.ownDefs) {
      this.ownDefs = new Set(this.titleDefs());
      for (const d of this.definitions()) this.ownDefs.add(shortHash(longFormKey(d.long)));
    }
    return this.ownDefs;
  }

  /** Short hashes of the paper's title and subtitle: the long forms only this paper can be the origin of. */
  private titleDefs(): Set<string> {
    if (!this.ownTitleDefs) {
      const { title } = this.paper;
      this.ownTitleDefs = new Set([shortHash(normaliseTitle(title))]);
      const colon = title.indexOf(':');
      // (A subtitle that is no expansion never equals another abstract's long form: no harm.)
      if (colon > 0) this.ownTitleDefs.add(shortHash(longFormKey(title.slice(colon + 1))));
    }
    return this.ownTitleDefs;
  }

  /**
   * Whether a name the abstract gives (a method, an alias, a repeated name) is one that
   * `ESTABLISHED_USES` or more of the background's abstracts use, in the singular or the plural,
   * and that no long form starting as the title does gives: a dataset, a tool or a field's
   * acronym the paper works with (`nuScenes`, `SigLIP`, `OpenPose`, `RoPE`, `SfM`, `3DGS` in
   * "UW-3DGS: ..."), not its own contribution. In the arXiv halves such names were most of the
   * wrong links: a library of 25,000 papers holds, for most such names, an abstract that uses
   * them. The paper that did coin a name that is now everywhere keeps it through its title's
   * short name or a long form of its title: "Segment Anything Model (SAM)" in "Segment Anything".
   */
  establishedElsewhere(name: string): boolean {
    if (this.uses(name) < ESTABLISHED_USES) return false;
    const head = longFormKey(this.paper.title.split(':')[0]);
    return !this.definitions().some((d) => d.short === name && head.length > 3 && longFormKey(d.long).startsWith(head));
  }

  /**
   * How many of the background's abstracts use a name, in the singular or the plural, and with
   * its first letter in either case: a sentence's first word is capitalised ("NuScenes" for the
   * `nuScenes` 2025 abstracts write).
   */
  uses(name: string): number {
    const singular = /\p{Ll}s$/u.test(name) ? name.slice(0, -1) : name;
    let most = 0;
    for (const form of [name, singular, `${singular}s`]) {
      for (const cased of [form, form.charAt(0).toLowerCase() + form.slice(1), form.charAt(0).toUpperCase() + form.slice(1)]) most = Math.max(most, this.background.name(cased)?.df ?? 0);
    }
    return most;
  }

  /** How many words of a background signature the paper's title and abstract use. */
  agreement(signature: readonly number[]): number {
    if (!this.signatureWords) {
      this.signatureWords = new Set();
      for (const w of `${this.paper.title} ${this.paper.abstract}`.split(/[^\p{L}\p{N}\p{M}_]+/u)) {
        if (w) this.signatureWords.add(signatureHash(wordHash(w)));
      }
    }
    let n = 0;
    for (const h of signature) if (this.signatureWords.has(h)) n++;
    return n;
  }

  /**
   * Why the background makes `name` collision-prone for this paper, or undefined: other
   * abstracts define it for their own work or with another long form, or use it in contexts
   * unlike this paper's (TagMe's link probability, estimated).
   */
  collision(name: string): string | undefined {
    const stats = this.background.name(name);
    if (!stats) return undefined;
    // Link probability from definitions: of the abstracts that define the name, how many
    // define it as this paper does (its title, or the long form it gives the name).
    const own = this.defs();
    const titled = this.titleDefs();
    let mine = 0;
    let others = stats.moreDefs;
    for (const d of stats.defs) {
      if (titled.has(d.hash)) mine += d.count;
      else if (own.has(d.hash)) {
        // A long form the abstract gives but the title does not: the field's, when other
        // abstracts give it too ("Bidirectional Encoder Representations from Transformers
        // (BERT)", "large language models (LLMs)"). One of them may be this very abstract.
        mine += Math.min(d.count, 1);
        others += d.count - Math.min(d.count, 1);
      } else others += d.count;
    }
    if (others > 0 && others > mine * OWN_DEFINITION_SHARE) {
      return `${others} other abstract${others > 1 ? 's' : ''} in the background define${others > 1 ? '' : 's'} it`;
    }
    if (stats.df >= 2 && stats.signature.length && this.agreement(stats.signature) < SIGNATURE_AGREEMENT) {
      return `${stats.df} abstracts in the background use it in other contexts`;
    }
    return undefined;
  }

}

/**
 * Every name of a paper: the title, then the short name, then method names and aliases, then
 * the title's opening question and its phrase name, without repeats. A one-word title is
 * treated like a short name (matched in its own letter case).
 *
 * A name is marked `ambiguous` (collision-prone: it counts only with evidence in the text)
 * when it is an everyday word or a short acronym (`isAmbiguousName`), when the background
 * shows other papers defining it or using it in other contexts, or when it is a phrase of
 * common words; `why` says which.
 */
export function deriveNames(paper: Paper, isCommonWord: IsCommonWord, background: Background = Background.empty()): PaperName[] {
  const names: PaperName[] = [];
  const judge = new PaperBackground(paper, background);
  const add = (text: string, kind: PaperName['kind'], judged = true, introduced = true, unsure?: string) => {
    if (names.some((n) => n.text === text)) return;
    // A name the abstract uses but does not introduce ("we propose X"), that the literature
    // already uses widely, was not coined here (see `establishedElsewhere`).
    if (!introduced && judge.establishedElsewhere(text)) return;
    // A describing compound is no name, however the abstract writes it (`fMRI-to-video`, `LiDAR-guided`).
    if (kind === 'method' && MODIFIER.test(text)) return;
    // Nor is a long word whose capitals only mark an acronym's letters (`SpatioTemporal`,
    // `Self-sUpervised`, `COllaborative`); a short one is a name however it reads (`FiT`, `SaRA`, `JeDi`).
    if (kind === 'method' && text.length >= 8 && !isNaturalCasing(text) && spellsWords(text, wordsOfLanguage(isCommonWord, background))) return;
    // A piece of the paper's own name is the work it builds on or the family it belongs to:
    // SRGAN in "MLP-SRGAN", Real-IAD in "Real-IAD D3", SeedEdit in "SeedEdit 3.0".
    if (kind === 'method' && wholes().some((whole) => isPieceOf(text, whole))) return;
    // An acronym the abstract spells out as others do, with a long form that is not its title's,
    // is the field's (see `PaperBackground.fieldDefinitions`).
    if (kind === 'method' && judge.fieldDefinitions(text) >= COMMON_DEFINITION) kind = 'field';
    // A survey's acronym spelled out with its title's words names the field it surveys: "A
    // Survey of ... Conversational Question Answering Systems" and "ConvQA".
    if (kind === 'method' && survey && judge.spelledWithTitleWords(text)) kind = 'field';
    // An acronym the abstract spells out as the problem or task it works on names that problem:
    // "to solve the Perspective-Three-Point (P3P) problem" (see `namesProblem`).
    if (kind === 'method' && namesProblem(paper.abstract, text, paper.title)) kind = 'field';
    let why: string | undefined;
    if (kind === 'field') why = FIELD_NAME;
    else if (kind !== 'title' && judged) {
      if (isAmbiguousName(text, isCommonWord)) why = /^\p{Lu}{1,3}$/u.test(text) ? 'a short acronym' : 'an everyday word';
      else if (kind === 'phrase') why = phraseCollision(text, background);
      // `unsure`: collision-prone for a reason the caller found, when nothing above says so.
      else why = judge.collision(text) ?? unsure;
    }
    names.push(why ? { paperId: paper.id, text, kind, ambiguous: true, why } : { paperId: paper.id, text, kind, ambiguous: false });
  };
  const short = shortNameOf(paper.title);
  // The paper's own names that others can be pieces of: its short name and the title's words
  // (read when the first method name is judged).
  let ownWholes: string[] | undefined;
  const wholes = () => (ownWholes ??= [...(short ? [short] : []), ...versionedHead(paper.title), ...paper.title.split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))]);
  const survey = SURVEY_TITLE.test(paper.title);
  // Made of the title's words, and not spelled out by the abstract with other words: "Decoding
  // by Contrasting Layers (DoLa)" in "Does Less Hallucination Mean Less Creativity? ..." echoes
  // the title's letters by chance.
  const echoesOwnTitle = (name: string) => echoesTitle(name, paper.title) && !judge.spelledApartFromTitle(name);
  const oneWordTitle = !/\s/.test(paper.title.trim());
  const generic = !oneWordTitle && genericTitle(paper.title, background) && !judge.definesTitle();
  add(paper.title, oneWordTitle ? 'short' : generic ? 'field' : 'title');
  const weak = new Set<string>();
  const loose = new Set<string>();
  const methods = methodNamesOf(paper.abstract, weak, loose);
  // A title's short name that the literature already uses widely, which the paper's abstract
  // writes about without introducing it as its own: "DeepSeek: Paradigm Shifts and Technical
  // Evolution in Large AI Models" (361 of the arXiv half's abstracts use "DeepSeek"),
  // "LLM-as-a-Judge: Rapid Evaluation of ..." (83). Collision-prone: such a paper is about
  // the name, not its origin. A title alone (a `.bib` entry without an abstract: "ImageNet: A
  // large-scale hierarchical image database") says nothing either way, and keeps its name.
  const borrowedShortName = (name: string): string | undefined => {
    if (!paper.abstract.trim() || (methods.includes(name) && !weak.has(name)) || judge.titleAcronyms().includes(name)) return undefined;
    const uses = judge.uses(name);
    return uses >= ESTABLISHED_USES ? `${uses} abstracts in the background use it, and the paper's abstract does not introduce it` : undefined;
  };
  if (short) add(short, 'short', true, true, borrowedShortName(short));
  for (const method of methods) {
    // A name found only after an article or spelled out inside the "we propose" clause is the
    // paper's own only when made of its title's words (`echoesTitle`): "... combines two
    // encoders -- the Universal Sentence Encoder (USE)" names another's work.
    // A paper whose title names it already ("DRetHTR: Linear-Time Decoder-Only Retentive
    // Network ...") names in such a clause the work it builds on, whatever the title's words
    // ("a decoder-only model built on Retentive Networks (RetNet)").
    if (loose.has(method) && (!echoesOwnTitle(method) || short)) continue;
    // Found only in a loose position, and listed wherever the abstract writes it among the data
    // it evaluates on ("three popular UDA benchmarks, namely ImageCLEF, Office-Home, and
    // DomainNet"): another's dataset, not the paper's name.
    if (weak.has(method) && onlyAsData(paper.abstract, method)) continue;
    // An acronym the abstract gives a venue ("our submission to the Tenth Conference on Machine
    // Translation (WMT25) Shared Task") is the venue's: other papers write it for the venue.
    if (namesVenue(paper.abstract, method)) continue;
    add(method, 'method', true, !weak.has(method));
  }
  const own = [...(short ? [short] : []), ...methods];
  // The paper defines these itself; whether other papers use them too decides their prior.
  // A field's acronym (its title's, which the background defines so too: `MPC`) is the field's name, as the title is.
  const fieldAcronyms = generic ? new Set(judge.titleAcronyms()) : undefined;
  // Only a distinctive name of the paper's makes an acronym its variant: "LARGE" (an everyday
  // word) in "large language models (LLMs)" does not (2,184 links to one paper in the arXiv halves).
  const distinctive = own.filter((n) => !isAmbiguousName(n, isCommonWord));
  for (const alias of aliasesOf(judge.definitions(), distinctive, paper.title)) add(alias, fieldAcronyms?.has(alias) ? 'field' : 'method', true, false);
  for (const name of repeatedNamesOf(paper.abstract)) {
    // Repeated without a definition: only a name the literature does not use at all, and made
    // of the title's words (see `echoesTitle`).
    // Not one the abstract spells out as the work it builds on (`loose`, and skipped above), nor
    // in a paper whose title names it otherwise: "LLMSQL: Upgrading WikiSQL for ..." is about
    // WikiSQL, which its abstract keeps writing.
    if (!short && judge.uses(name) <= REPEATED_MAX_USES && !loose.has(name) && !isCommonWord(name.toLowerCase()) && echoesOwnTitle(name)) add(name, 'method');
  }
  const singular = singularTitleOf(paper.title);
  if (singular) add(singular, generic ? 'field' : 'phrase', false);
  const question = questionTitleOf(paper.title);
  if (question) add(question, 'title');
  const phrase = phraseNameOf(paper.title);
  // A phrase of common words heading the title that the abstract abbreviates as a term, without
  // introducing it as its own, is the subject it writes about, the field's name: "Small Language
  // Models: Architectures, Techniques, ..." ("Small Language Models (SLMs) have gained
  // substantial attention"), "Knowledge Distillation: Enhancing ..." ("a framework that augments
  // Knowledge Distillation (KD)"). A title alone (no abstract) says nothing either way.
  if (phrase) add(phrase, phraseCollision(phrase, background) && usesPhraseAsSubject(paper.abstract, phrase) ? 'field' : 'phrase');
  return names;
}

/**
 * Whether an abstract abbreviates `phrase` as a term it writes about, without introducing it as
 * its own work: "Small Language Models (SLMs) have gained ...", "augments Knowledge Distillation
 * (KD) with ...". Introduced, it is the paper's: inside a "we propose/introduce ..." clause ("We
 * introduce the Task Memory Engine (TME)"), or as "our" one ("Our Language Bottleneck Model (LBM)
 * consists ..."). A title's phrase the abstract does not abbreviate stays the paper's too: "Frozen
 * in Time: A Joint Video and Image Encoder", "Stationary Representations: ..." (whose abstract
 * writes "the stationary representations learned by ..."). The phrase is matched in the singular
 * or the plural, in any letter case.
 */
function usesPhraseAsSubject(abstract: string, phrase: string): boolean {
  const stem = phrase.toLowerCase().replace(/s$/, '');
  const lower = abstract.toLowerCase();
  let abbreviated = false;
  for (let at = lower.indexOf(stem); at >= 0; at = lower.indexOf(stem, at + 1)) {
    if (/\bour\s+(?:\S+\s+)?$/.test(lower.slice(Math.max(0, at - 24), at))) return false;
    abbreviated ||= /^s?\s*\([^()]{1,30}\)/.test(lower.slice(at + stem.length, at + stem.length + 34));
  }
  if (!abbreviated) return false;
  for (const trigger of abstract.matchAll(TRIGGER)) {
    const after = trigger.index + trigger[0].length;
    if (lower.slice(after, clauseEnd(abstract, after)).includes(stem)) return false;
  }
  return true;
}

/** A text's words in lower case (letters and digits). */
function wordsIn(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** A survey's, review's or tutorial's title: "A Survey of ...", "A Comprehensive Review on ...", "...: A Survey". */
const SURVEY_TITLE = /^(?:an?\s+)?(?:[\p{L}-]+\s+){0,2}?(?:survey|review|overview|tutorial|primer)\s+(?:of|on|in|for|to|about)\b|[:\u2014-]\s*(?:an?\s+)?(?:[\p{L}-]+\s+){0,2}?(?:survey|review|overview|tutorial)\s*$/iu;

/** Whether `abstract` writes `name` in parentheses after a venue's name ("the Tenth Conference on Machine Translation (WMT25)"). */
function namesVenue(abstract: string, name: string): boolean {
  for (const at of inParentheses(abstract, name)) if (VENUE_BEFORE.test(abstract.slice(Math.max(0, at - 100), at))) return true;
  return false;
}

/** Where `abstract` writes `(name)`, the offset of each opening parenthesis, in order. */
function* inParentheses(abstract: string, name: string): Generator<number> {
  const written = `(${name})`;
  for (let at = abstract.indexOf(written); at >= 0; at = abstract.indexOf(written, at + written.length)) yield at;
}

/**
 * Whether `abstract` spells `name` out as a problem, task, challenge or setting it works on,
 * rather than one it sets: "a conic transformation method to solve the Perspective-Three-Point
 * (P3P) problem", "the Expression (EXPR) Recognition task", "Aerial-Ground person
 * re-identification (AG-ReID) settings". Other abstracts write the same acronym for the same
 * problem. On the recognition bench (issue 9), the mentions it turns down were all of the problem,
 * none of the paper: `P3P` and `EXPR` (4, the even half as the library; read from their errors),
 * and, on the other half's abstracts with the halves swapped (text no rule was read from),
 * `EVENTA`, the challenge a participant's paper spells out ("our 4th place system in
 * Event-Enriched Image Analysis (EVENTA) shared task") (5). A task the abstract says is new ("we
 * introduce a new task, ... (ACR) task") stays the paper's, and so does one its title names ("The
 * Automatic Verification of Image-Text Claims (AVerImaTeC) Shared Task", the task's overview).
 */
function namesProblem(abstract: string, name: string, title: string): boolean {
  if (title.includes(name)) return false;
  const end = name.length + 2;
  for (const at of inParentheses(abstract, name)) {
    const after = PROBLEM_AFTER.exec(abstract.slice(at + end, at + end + 40));
    if (!after || (after[1] && PHRASE_SMALL_WORDS.has(after[1].toLowerCase()))) continue;
    const sentence = abstract.slice(Math.max(0, at - 160), at);
    if (!NEW_TASK.test(sentence.slice(sentence.search(/[.!?]\s+[^.!?]*$/) + 1))) return true;
  }
  return false;
}

/** A problem's head noun after an acronym's parenthesis, with at most one word between (`Recognition`, `Shared`). */
const PROBLEM_AFTER = /^\s+(?:([\p{L}-]+)\s+)?(?:problems?|tasks?|challenges?|competitions?|settings?)\b/iu;
/** What says a task is the paper's own: new, novel, first, or introduced or formulated here. */
const NEW_TASK = /\b(?:new|novel|first|introduc\w*|formulat\w*|defin\w*|pos\w*)\b/i;

/** A venue's name, capitalised, ending right before a parenthesis: "Conference on Machine Translation", "Workshop on ...". */
const VENUE_BEFORE = /\b(?:Conference|Workshop|Symposium|Congress)\b[^.;:()]*$/;

/** Whether every occurrence of `name` in `abstract` is a use as a dataset or benchmark (`dataUseAt`), and there is one. */
function onlyAsData(abstract: string, name: string): boolean {
  let seen = false;
  for (let at = abstract.indexOf(name); at >= 0; at = abstract.indexOf(name, at + name.length)) {
    if (isWordAt(abstract, at - 1) || isWordAt(abstract, at + name.length)) continue;
    if (!dataUseAt(abstract, at, at + name.length)) return false;
    seen = true;
  }
  return seen;
}

/**
 * The part of a title before its colon when it names a new version of a work: "Skywork UniPic
 * 3.0", "OmniVTON++", "EXAONE Path 2.0". The work's name without the version (UniPic,
 * OmniVTON) is the earlier paper's, which the abstract names too ("improves on OmniVTON").
 */
function versionedHead(title: string): string[] {
  const colon = title.indexOf(':');
  const head = colon > 0 ? title.slice(0, colon).trim() : '';
  return /(?:\s\d+(?:\.\d+)*|\+\+|[-\s]v\d+(?:\.\d+)*)$/i.test(head) ? [head] : [];
}

/**
 * Whether `name` is a piece of `whole` cut at a hyphen or a space, or before a `++`, and not all
 * of it: SRGAN of "MLP-SRGAN", Real-IAD of "Real-IAD D3", SoftCoT of "SoftCoT++"; not LoRA of
 * "QLoRA", nor RT-DETR of "RT-DETRv2".
 */
export function isPieceOf(name: string, whole: string): boolean {
  if (whole.length <= name.length) return false;
  for (let at = whole.indexOf(name); at >= 0; at = whole.indexOf(name, at + 1)) {
    const end = at + name.length;
    if ((at === 0 || /[\s-]/.test(whole.charAt(at - 1))) && (end === whole.length || /[\s-]/.test(whole.charAt(end)) || whole.startsWith('++', end))) return true;
  }
  return false;
}

/**
 * A phrase name is specific enough on its own when one of its words is coined (`LoRA`) or rare
 * in the background; a phrase of common words ("Unified Embedding", "Frozen in Time") can be
 * ordinary title-case prose and needs evidence.
 */
function phraseCollision(phrase: string, background: Background): string | undefined {
  const words = phrase.split(/[\s-]+/).filter((w) => !PHRASE_SMALL_WORDS.has(w));
  if (words.some((w) => isCoined(w))) return undefined;
  if (background.present && words.some((w) => background.dfOfWord(w.toLowerCase()) <= RARE_WORD_DF)) return undefined;
  return 'a phrase of common words';
}

/**
 * The most words, small ones aside, of a title that can be the name of its field rather than of
 * the paper: "Deep learning", "Statistical Learning Theory", "Neural machine translation".
 */
const GENERIC_TITLE_WORDS = 3;

/** Why a field's name counts only where the paper is cited (`PaperName.why` of a `field` name). */
export const FIELD_NAME = "a field's or a technique's name: it counts where the text cites the paper there";

/**
 * Whether a title is a short phrase of common words (see `phraseCollision`), as the title of a
 * field's textbook or review is, or of the paper that named a technique: "Deep learning",
 * "Dynamic programming", "Predictive coding", "Convex Optimization", "Memory networks". Such a
 * title is the field's or the technique's name wherever people write about it, so it is matched
 * as a `field` name: it counts only where the text cites the paper there (see
 * `paperCitedAfter` in `evidence.ts`). Unless the paper coins it (its abstract defines the title
 * as an acronym's long form: `PaperBackground.definesTitle`), when it stays a full title.
 *
 * Found with real libraries on real text: Percy Liang's and d2l's `.bib` files linked "deep
 * learning" in Hydra's README to "Deep Learning"; a PhD thesis's own `.bib` linked 160 uses of
 * "predictive coding" in it to Huang and Rao's "Predictive coding", and an RL book's, 24 uses
 * of "weighted residual methods" to the book of that name. How often the background's abstracts
 * use the phrase does not tell these apart from one paper's short title ("Impossible Videos"):
 * the background is of 2025-26 arXiv abstracts, where "kernel smoothing" appears twice and
 * "nonlinear programming" once, as "impossible videos" does. A paper with such a title is still
 * found where the text cites it: "OpenAI Gym \citep{brockman2016openai}".
 */
function genericTitle(title: string, background: Background): boolean {
  if (/[:?]/.test(title)) return false;
  const words = title.trim().split(/[\s-]+/).filter((w) => !PHRASE_SMALL_WORDS.has(w.toLowerCase()));
  return words.length <= GENERIC_TITLE_WORDS && words.every((w) => WORD.test(w)) && phraseCollision(title, background) !== undefined;
}

/** A word used by at most this many background abstracts is rare. */
const RARE_WORD_DF = 5;

/**
 * The names people write for a paper: its full title, its short name (`DataComp` from
 * "DataComp: In search of ..."), and the name its abstract gives the method ("we propose
 * LoRAT"). Hand-written rather than a library: no library derives names from titles and
 * abstracts, and this is where Paper Lens has to be precise.
 */
import type { Paper, PaperName } from './types';

/** Tells whether a lower-case word is everyday vocabulary (see `seeds/common-words.txt`). */
export type IsCommonWord = (lowerCaseWord: string) => boolean;

/**
 * Builds an `IsCommonWord` from the text of a word list (words separated by white space, `#`
 * comments). The set is built on the first question, not before.
 */
export function commonWordsFrom(listText: string): IsCommonWord {
  let words: Set<string> | undefined;
  return (w) => {
    if (!words) {
      words = new Set();
      for (const line of listText.split(/\r?\n/)) {
        if (line.startsWith('#')) continue;
        for (const word of line.split(/\s+/)) if (word) words.add(word.toLowerCase());
      }
    }
    return words.has(w);
  };
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

// Verbs with which an abstract names what it contributes.
const TRIGGER = /\b[Ww]e\s+(?:propose|present|introduce|design|develop|release|build|call|name|term|dub)(?:d|s)?\b/g;
const NAMING = /\b(?:termed|called|named|dubbed|coined|namely)\s+$/;
// "a data selection method, CoLoR-Filter (...)", "Mixture of Sparse Adapters, or MoSA, ...";
// not a list of things ("data sources - YFCC, LAION, WIT").
const APPOSITIVE =
  /\b(?:method|framework|model|approach|technique|strategy|architecture|algorithm|system|network|pipeline|scheme|benchmark|dataset|module|mechanism|paradigm|toolkit|library),\s+$|\p{L},\s+or\s+$/u;
const STANDS_ALONE = /^(?:\s*[,.;:)]|\s*$|\s+(?:a|an|which|that|and|for|with)\b)/;
const NAME_TOKEN = /^[\p{L}\p{N}][\p{L}\p{N}^+-]*[\p{L}\p{N}]$/u;

/**
 * The names an abstract gives its own contribution, in order of appearance. Only strong
 * positions count, inside the clause that follows "we propose/present/introduce/design/...":
 * the word right after the verb (`we propose LoRAT`, `We present Hydra, a ...`), the word
 * after "termed/called/named" (`a method termed SaRA`), an appositive (`a method, CoLoR-Filter`,
 * `Mixture of Sparse Adapters, or MoSA`), and an acronym in parentheses after the capitalised
 * phrase it abbreviates (`Hard Patches Mining (HPM)`). Anything else (`a novel CNN architecture`)
 * is ordinary prose.
 */
export function methodNamesOf(abstract: string): string[] {
  const names: string[] = [];
  const add = (name: string) => {
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
      if (!NAME_TOKEN.test(word) || word.length < 3 || /^\p{Lu}{2,}s$/u.test(word)) continue;
      const coined = isCoined(word);
      // Most words are neither coined nor capitalised: skip them before any look-around.
      if (!coined && !/^\p{Lu}\p{Ll}+$/u.test(word)) continue;
      const before = clause.slice(0, token.index);
      const nextText = clause.slice(token.index + raw.length);
      // A capitalised ordinary word is a name only standing alone: "Hydra, a framework", not
      // "Learning to Focus".
      const alone = coined || STANDS_ALONE.test(nextText);
      if (/^\s*(?:(?:a|an|the|our)\s+)?$/.test(before) && (coined || /^,\s+(?:a|an)\s/.test(nextText))) add(word);
      else if (alone && NAMING.test(before)) add(word);
      else if (coined && APPOSITIVE.test(before) && /^(?:\s*[,(]|\s+(?:a|an|as|which|that)\b)/.test(nextText)) add(word);
      else if (coined && nextText.startsWith(')') && /\p{Lu}[\p{L}-]*\s+\($/u.test(before)) add(word);
    }
  }
  return names;
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
 * common word (`CUDA`, `Hydra`, `FILTER`), or an acronym of at most three capitals (`GS`,
 * `RGB`). Mixed casings (`SiT`, `JeDi`, `SaRA`) and names of several words are specific enough
 * on their own.
 */
export function isAmbiguousName(name: string, isCommonWord: IsCommonWord): boolean {
  // Acronyms of up to three capitals (GS, RGB, HPM) stand for many things in many papers.
  if (/^\p{Lu}{1,3}$/u.test(name)) return true;
  if (!/^[\p{L}]+$/u.test(name)) return false;
  const lower = name.toLowerCase();
  const natural = name === lower || name === name.toUpperCase() || name === lower[0].toUpperCase() + lower.slice(1);
  return natural && isCommonWord(lower);
}

/**
 * Every name of a paper: the title, then the short name, then method names, without repeats.
 * A one-word title is treated like a short name (matched in its own letter case).
 */
export function deriveNames(paper: Paper, isCommonWord: IsCommonWord): PaperName[] {
  const names: PaperName[] = [];
  const add = (text: string, kind: PaperName['kind']) => {
    if (names.some((n) => n.text === text)) return;
    const ambiguous = kind !== 'title' && isAmbiguousName(text, isCommonWord);
    names.push({ paperId: paper.id, text, kind, ambiguous });
  };
  const oneWordTitle = !/\s/.test(paper.title.trim());
  add(paper.title, oneWordTitle ? 'short' : 'title');
  const short = shortNameOf(paper.title);
  if (short) add(short, 'short');
  for (const method of methodNamesOf(paper.abstract)) add(method, 'method');
  return names;
}

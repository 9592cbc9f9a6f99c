/**
 * Derives `seeds/background.txt`, the background statistics the name resolver weighs names
 * and contexts against (see `src/core/background.ts`), from a set of arXiv titles and
 * abstracts (`../shared/data/arxiv-50k.jsonl.gz` by default). The output holds counts and
 * short hashes only, no text of the abstracts.
 *
 *   node out/bench/backgroundStats.js [--half all|even|odd] [--data FILE] [--out FILE]
 *
 * `--half even` (or `odd`) uses every other abstract only, so that the other half can serve
 * to measure the resolver on text its statistics never saw.
 *
 * File format (`#` lines are comments):
 *   docs N
 *   [words]
 *   DF word word ...            lower-case words used by DF abstracts (DF >= 3), by DF; `^word`:
 *                               rarely written in lower case (a name, `^datacomp`)
 *   [names]
 *   Name DF defs signature      defs: short hashes (base 36) of the titles or long forms of
 *                               abstracts that define the name, most frequent first, each
 *                               with ":count" when above 1, then "+N" for N more definitions
 *                               ("-": none); signature: 16-bit hashes (4 hex digits each) of
 *                               the words most typical of the abstracts using it ("-": none)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { signatureHash, wordHash } from '../src/core/background';
import { acronymDefinitions, longFormKey, shortHash } from '../src/core/definitions';
import { normaliseTitle } from '../src/core/mentions';
import { isCoined, methodNamesOf, shortNameOf } from '../src/core/names';
import { CH_UNDERSCORE, CH_UPPER, CH_WORD, charClass, collapseWhitespace, lowerCode } from '../src/core/text';
import { ARXIV } from './data';

const MIN_WORD_DF = 3;
const SIGNATURE_WORDS = 5;
const MIN_SIGNATURE_WORDS = 3;
/** A signature word is used by at least this share of the abstracts that use the name (and by two). */
const SIGNATURE_MIN_SHARE = 0.3;
/** More definitions than this are not listed one by one: such a name is jargon (`LLM`, `PEFT`). */
const MAX_DEFS = 4;
/** A name defined by one abstract and used by no other is kept only when short: long coined names rarely collide. */
const MAX_SINGLE_USE_LENGTH = 6;
/** Words used by more than this share of abstracts say nothing about a topic. */
const MAX_SIGNATURE_SHARE = 0.05;

interface Options {
  half: 'all' | 'even' | 'odd';
  data: string;
  out: string;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { half: 'all', data: ARXIV, out: path.resolve(__dirname, '..', '..', 'seeds', 'background.txt') };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    if (argv[i] === '--half' && (v === 'all' || v === 'even' || v === 'odd')) options.half = v;
    else if (argv[i] === '--data' && v) options.data = v;
    else if (argv[i] === '--out' && v) options.out = v;
    else throw new Error(`usage: backgroundStats [--half all|even|odd] [--data FILE] [--out FILE] (bad argument ${argv[i]})`);
    i++;
  }
  return options;
}

/**
 * The words of a text by the mention rule (letters, digits, marks, `_`), lower-cased unit by
 * unit; `lowerAsWritten` receives those written without a capital letter.
 */
function wordsOf(text: string, lowerAsWritten?: Set<string>): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && !(charClass(text.charCodeAt(i)) & (CH_WORD | CH_UNDERSCORE))) i++;
    const start = i;
    while (i < text.length && charClass(text.charCodeAt(i)) & (CH_WORD | CH_UNDERSCORE)) i++;
    if (i > start) {
      let w = '';
      let capital = false;
      for (let k = start; k < i; k++) {
        const c = text.charCodeAt(k);
        if (charClass(c) & CH_UPPER) capital = true;
        w += String.fromCharCode(lowerCode(c));
      }
      out.push(w);
      if (!capital) lowerAsWritten?.add(w);
    }
  }
  return out;
}

/** Name-like tokens: runs of letters and digits joined by `-`, `^`, `+` or `.`, with a capital letter. */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}_]*(?:[-^+.][\p{L}\p{N}][\p{L}\p{N}\p{M}_]*)*/gu;

/** The name-like tokens of a text, and the tokens written in lower case. */
function tokensOf(text: string): { names: Set<string>; lower: Set<string> } {
  const out = new Set<string>();
  const lower = new Set<string>();
  for (const [token] of text.matchAll(TOKEN)) {
    if (!/\p{Lu}/u.test(token)) {
      lower.add(token);
      continue;
    }
    out.add(token);
    // `SiT-XL`, `DataComp-1B`: the first part is used too.
    const first = token.split(/[-^+.]/)[0];
    if (first !== token && /\p{Lu}/u.test(first)) out.add(first);
  }
  return { names: out, lower };
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const lines = zlib.gunzipSync(fs.readFileSync(options.data)).toString('utf8').split('\n').filter((l) => l.trim());
  const wordIds = new Map<string, number>();
  const wordList: string[] = [];
  const wordDf: number[] = [];
  /** Abstracts that write a word without capitals. */
  const wordLowerDf = new Map<string, number>();
  const docWords: Int32Array[] = [];
  const names = new Map<string, { docs: number[]; defs: Map<string, number> }>();
  const nameOf = (n: string) => {
    let e = names.get(n);
    if (!e) names.set(n, (e = { docs: [], defs: new Map() }));
    return e;
  };
  /** Abstracts that write a token in lower case. */
  const lowerWritten = new Map<string, number>();
  let docs = 0;
  lines.forEach((line, index) => {
    if (options.half === 'even' && index % 2 !== 0) return;
    if (options.half === 'odd' && index % 2 !== 1) return;
    const { title: rawTitle, abstract: rawAbstract } = JSON.parse(line) as { title: string; abstract: string };
    const title = collapseWhitespace(rawTitle);
    const abstract = collapseWhitespace(rawAbstract);
    const doc = docs++;
    const text = `${title}. ${abstract}`;
    const ids = new Set<number>();
    const lowerHere = new Set<string>();
    for (const w of wordsOf(text, lowerHere)) {
      let id = wordIds.get(w);
      if (id === undefined) {
        id = wordList.length;
        wordIds.set(w, id);
        wordList.push(w);
        wordDf.push(0);
      }
      ids.add(id);
    }
    for (const id of ids) wordDf[id]++;
    for (const w of lowerHere) wordLowerDf.set(w, (wordLowerDf.get(w) ?? 0) + 1);
    docWords.push(Int32Array.from(ids));
    const tokens = tokensOf(text);
    for (const token of tokens.names) nameOf(token).docs.push(doc);
    for (const token of tokens.lower) lowerWritten.set(token, (lowerWritten.get(token) ?? 0) + 1);
    const titleHash = shortHash(normaliseTitle(title));
    const own = [shortNameOf(title), ...methodNamesOf(abstract)].filter((n): n is string => !!n && !/\s/.test(n));
    const defined = new Map<string, string>();
    for (const n of own) defined.set(n, titleHash);
    for (const d of acronymDefinitions(text)) defined.set(d.short, shortHash(longFormKey(d.long)));
    for (const [n, hash] of defined) {
      const defs = nameOf(n).defs;
      defs.set(hash, (defs.get(hash) ?? 0) + 1);
    }
  });

  const idf = (id: number) => Math.log(docs / wordDf[id]);
  const out: string[] = [
    '# Paper Lens background statistics (see src/core/background.ts), derived by bench/backgroundStats.ts',
    `# from ${path.basename(options.data)} (${options.half === 'all' ? 'all' : `the ${options.half} half of the`} titles and abstracts).`,
    '# Counts and short hashes only: no text of any abstract.',
    `docs ${docs}`,
    '[words]',
  ];
  const byDf = new Map<number, string[]>();
  wordList.forEach((w, id) => {
    if (wordDf[id] < MIN_WORD_DF || /\s/.test(w)) return;
    let list = byDf.get(wordDf[id]);
    if (!list) byDf.set(wordDf[id], (list = []));
    // `^`: a name more than a word, rarely written in lower case (by fewer than three abstracts,
    // and fewer than a fifth of those using it).
    const lower = wordLowerDf.get(w) ?? 0;
    list.push(lower < 3 || lower < wordDf[id] * 0.2 ? `^${w}` : w);
  });
  const bare = (w: string) => w.replace(/^\^/, '');
  for (const df of [...byDf.keys()].sort((a, b) => b - a)) out.push(`${df} ${byDf.get(df)!.sort((a, b) => (bare(a) < bare(b) ? -1 : 1)).join(' ')}`);

  out.push('[names]');
  const lowerDf = (n: string) => lowerWritten.get(n.toLowerCase()) ?? 0;
  const kept = [...names.entries()].filter(([name, e]) => {
    if (e.docs.length < 2 && (e.defs.size === 0 || name.replace(/[^\p{L}\p{N}]/gu, '').length > MAX_SINGLE_USE_LENGTH)) return false;
    if (/\s/.test(name) || name.length > 40) return false;
    // A capitalised ordinary word ("The", "Learning") is not a name; "Hydra" mostly written
    // capitalised is.
    if (!isCoined(name) && /^\p{Lu}\p{Ll}+$/u.test(name) && lowerDf(name) >= e.docs.length) return false;
    return true;
  });
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [name, e] of kept) {
    let signature = '-';
    if (e.docs.length >= 2) {
      const own = new Set(wordsOf(name));
      const counts = new Map<number, number>();
      for (const d of e.docs) for (const id of docWords[d]) counts.set(id, (counts.get(id) ?? 0) + 1);
      // The words most typical of the abstracts that use the name: informative (idf) and used
      // by a good share of them. Only a coherent usage gets a signature: when the abstracts
      // share too few words (a dataset used for many purposes), nothing is claimed.
      const minCount = Math.max(2, Math.ceil(e.docs.length * SIGNATURE_MIN_SHARE));
      const scored: Array<[number, number]> = [];
      for (const [id, count] of counts) {
        if (count < minCount || wordDf[id] < MIN_WORD_DF || wordDf[id] > docs * MAX_SIGNATURE_SHARE || own.has(wordList[id]) || /^\d+$/.test(wordList[id])) continue;
        scored.push([id, count * idf(id)]);
      }
      scored.sort((a, b) => b[1] - a[1] || (wordList[a[0]] < wordList[b[0]] ? -1 : 1));
      const top = scored.slice(0, SIGNATURE_WORDS).map(([id]) => signatureHash(wordHash(wordList[id])).toString(16).padStart(4, '0'));
      if (top.length >= MIN_SIGNATURE_WORDS) signature = top.join('');
    }
    // The most frequent definitions first, each with its count; the rest summed up as `+N`.
    const sorted = [...e.defs].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const listed = sorted.slice(0, MAX_DEFS).map(([h, n]) => (n > 1 ? `${h}:${n}` : h));
    const rest = sorted.slice(MAX_DEFS).reduce((sum, [, n]) => sum + n, 0);
    const defs = !sorted.length ? '-' : [...listed, ...(rest ? [`+${rest}`] : [])].join(',');
    out.push(`${name} ${e.docs.length} ${defs} ${signature}`);
  }
  fs.writeFileSync(options.out, `${out.join('\n')}\n`);
  console.log(`${options.out}: ${docs} abstracts, ${[...byDf.values()].reduce((s, l) => s + l.length, 0)} words, ${kept.length} names, ${fs.statSync(options.out).size} bytes`);
}

main();

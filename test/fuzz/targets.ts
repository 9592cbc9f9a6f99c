/**
 * Fuzz targets: every parser, scanner and renderer of the core, each with the inputs that
 * fast-check draws for it and the properties that must hold for every input. Shared by
 * `npm run test:fuzz` (`run.ts`: 100,000 cases per target, timed) and the unit suite
 * (`test/unit/fuzz.test.ts`: a fixed seed, 1,000 cases per target, untimed).
 *
 * Inputs: random Unicode (lone surrogates, NUL, RTL marks, combining marks, the syntax
 * characters of each format), truncations and bit flips of real files (the bundled listing,
 * the library fixtures, the wild fixtures), deep brace nesting, and 1 MB single lines (those
 * in targets of their own, `LARGE`, run fewer times).
 *
 * A `check` throws when a property fails; it never times itself (the runner does).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { loadBundledCorpus, loadSeeds } from '../../src/core/bundled';
import type { Corpus } from '../../src/core/corpus';
import { findCiteKeys, type CiteDialect } from '../../src/core/citeKeys';
import { renderHoverCard, type HoverCardCommands } from '../../src/core/hoverCard';
import { citeCompletionAt, findIdentifiers, searchWordsOfKey } from '../../src/core/identifiers';
import { parseBibtex, parseCslJson, parseLibrary, type LibraryParse } from '../../src/core/library';
import { ListingError, parseListing } from '../../src/core/listing';
import { renderPaperPage, type PaperPageCommands } from '../../src/core/paperPage';
import { loadSources } from '../../src/core/sources';
import { CH_UNDERSCORE, CH_WORD, charClass } from '../../src/core/text';
import type { AmbiguousNamePolicy, Paper } from '../../src/core/types';
import { REPO_ROOT } from '../shared/bundledData';

/** One fuzz target: what it feeds, and what must hold. */
export interface FuzzTarget<T = unknown> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  /** Throws when a property fails for `input`. */
  readonly check: (input: T) => void;
  /** The input's size in characters (or bytes), for the time budget. */
  readonly size: (input: T) => number;
  /** A 1 MB-line target: run `LARGE_RUNS` times, not the full count. */
  readonly large?: boolean;
}

/** One megabyte: the length of the single-line inputs. */
export const MEGABYTE = 1 << 20;

// ---------------------------------------------------------------------------------------------
// Real files, read once

function memo<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

const read = (...parts: string[]) => fs.readFileSync(path.join(REPO_ROOT, ...parts), 'utf8');

const listingText = memo(() => read('seeds', 'daily-papers-listing.txt'));
const listingFiles = () => [listingText()];
const bibFixtures = memo(() => [
  read('test', 'fixtures', 'library', 'better-bibtex-arxiv.bib'),
  read('test', 'fixtures', 'library', 'better-bibtex-names.bib'),
  read('test', 'fixtures', 'wild', 'dev', 'd2l-references.bib'),
]);
const jsonFixtures = memo(() => [read('test', 'fixtures', 'library', 'pandoc-citation.json')]);
/** The wild fixtures (READMEs, notebooks, Python, BibTeX) and the listing: text that names papers. */
const proseFixtures = memo(() => {
  const out = [listingText()];
  for (const split of ['dev', 'holdout']) {
    const dir = path.join(REPO_ROOT, 'test', 'fixtures', 'wild', split);
    for (const f of fs.readdirSync(dir).sort()) if (!f.endsWith('.labels.json')) out.push(fs.readFileSync(path.join(dir, f), 'utf8'));
  }
  return out;
});

/** The bundled corpus, and one with the library fixtures too (authors, years, keys for search). */
export const bundled = memo((): Corpus => loadBundledCorpus(REPO_ROOT));
const withLibrary = memo((): Corpus => {
  const { topics, isCommonWord, background } = loadSeeds(REPO_ROOT);
  const files = [
    { file: 'arxiv.bib', input: bibFixtures()[0] },
    { file: 'names.bib', input: bibFixtures()[1] },
    { file: 'pandoc.json', input: jsonFixtures()[0] },
  ];
  return loadSources({ bundled: { file: 'listing.txt', text: listingText() }, files, topics, isCommonWord, background }).corpus;
});

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** Characters that are syntax somewhere in the core, and hostile code units. */
const SPECIAL = [
  '\0', '\u200F', '\u202E', '\u200E', '\u0301', '\u0308', '\u20DD', '\uFEFF', '\uFFFD', '\uD800', '\uDBFF', '\uDC00', '\uDFFF',
  '\n', '\r', '\r\n', '\n\n', '\t', ' ', '  ', '\u00A0', '\u2028', '\u3000',
  '{', '}', '[', ']', '(', ')', '<', '>', '@', '\\', '`', '```', '"', "'", '%', '#', ',', ';', '=', ':', '.', '?', '!',
  '-', '\u2013', '_', '*', '/', '$', '~', '^', '|', '&', '+',
];

/** Pieces of the formats the core reads, so random text reaches past the first character check. */
const TOKENS = [
  '@article{', '@misc(', '@string{', '@comment{', '@preamble{', 'title = {', 'author = ', ' and ', 'year = 2024', '},\n', '}\n',
  '[@', '@doe99', '-@', '; @', '\\cite{', '\\citep[p. 3]{', '\\autocites(a)(b)[x]{', '\\nocite{*}', '@{odd key}',
  '{"id": "x", "title": "', '"author": [{"family": "F", "given": "G"}]', '[{', '}]', '"\\u0000"', '"\\ud800"',
  'arXiv:2310.07707', 'arxiv.org/abs/hep-th/9901001v2', '10.1145/3292500.3330701', 'doi:10.1000/x)', 'https://github.com/a/b',
  'command:workbench.action.files.delete', '[x](command:evil)', '<img src=x>', '<script>', 'javascript:', 'www.example.com',
  'the paper', 'we propose', 'CUDA 12', 'Hydra', 'LoRA', 'SiT', 'DataComp', 'MatFormer', '(SiT)', 'et al.',
  'Abstract.', '. The', '? Probing', 'Daily Papers\n\n', '\n\n',
];

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Paper names and titles of the bundled corpus: text the mention scanner and search react to. */
const corpusNames = memo(() => {
  const c = bundled();
  const out = new Set<string>();
  for (const p of c.papers) for (const n of c.namesOf(p.id)) out.add(n.text);
  return [...out].sort();
});

/** One piece of fuzzed text: a character of some kind, a format token or, with `names`, a paper name. */
function piece(names: boolean): fc.Arbitrary<string> {
  const kinds: Array<fc.WeightedArbitrary<string>> = [
    { arbitrary: fc.constantFrom(...ALNUM), weight: 6 },
    { arbitrary: fc.constantFrom(...SPECIAL), weight: 5 },
    { arbitrary: fc.constantFrom(...TOKENS), weight: 2 },
    // Any UTF-16 code unit, lone surrogates included.
    { arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), weight: 2 },
    // Any code point, astral ones as surrogate pairs.
    { arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)), weight: 1 },
  ];
  // Drawn by index, so the corpus loads when the first case is made, not when the targets are listed.
  if (names) kinds.push({ arbitrary: fc.nat().map((i) => corpusNames()[i % corpusNames().length]), weight: 3 });
  return fc.oneof(...kinds);
}

/** Random text of up to `maxPieces` pieces (see `piece`). */
export function fuzzText(maxPieces = 120, names = false): fc.Arbitrary<string> {
  return fc.array(piece(names), { maxLength: maxPieces }).map((a) => a.join(''));
}

/** An edit of a real file: cut it, flip a bit of a byte, insert, delete or repeat a stretch. */
type Mutation =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'repeat'; readonly at: number; readonly length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fuzzText(8) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.nat(64) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.nat(64) }),
);

const utf8 = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Applies the mutations to UTF-8 bytes, positions taken modulo the length. */
function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let b = bytes;
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : m.at % (b.length + 1);
    switch (m.kind) {
      case 'truncate':
        b = b.subarray(0, at);
        break;
      case 'flip':
        if (b.length) {
          b = b.slice();
          b[at % b.length] ^= 1 << m.bit;
        }
        break;
      case 'insert':
        b = concat(b.subarray(0, at), utf8.encode(m.text), b.subarray(at));
        break;
      case 'delete':
        b = concat(b.subarray(0, at), b.subarray(at + m.length));
        break;
      case 'repeat':
        b = concat(b.subarray(0, at + m.length), b.subarray(at, at + m.length), b.subarray(at + m.length));
        break;
    }
  }
  return b;
}

/**
 * A stretch of one of `files` (whole when shorter than `window` characters), as UTF-8 bytes,
 * then mutated: real syntax with damage in it.
 */
export function mutatedFile(files: () => readonly string[], window: number): fc.Arbitrary<Uint8Array> {
  return fc.tuple(fc.nat(), fc.nat(), fc.nat(window), fc.array(mutation, { maxLength: 6 })).map(([which, from, length, mutations]) => {
    const all = files();
    const text = all[which % all.length];
    const start = text.length <= window ? 0 : from % (text.length - window);
    const cut = text.length <= window ? text : text.slice(start, start + Math.max(1, length));
    return mutate(utf8.encode(cut), mutations);
  });
}

/** The same, decoded as an editor would (invalid bytes as U+FFFD), with a code unit flipped now and then (lone surrogates). */
export function mutatedText(files: () => readonly string[], window: number): fc.Arbitrary<string> {
  return fc.tuple(mutatedFile(files, window), fc.array(fc.tuple(fc.nat(), fc.nat(15)), { maxLength: 2 })).map(([bytes, flips]) => {
    let text = decoder.decode(bytes);
    for (const [at, bit] of flips) {
      if (!text.length) break;
      const i = at % text.length;
      text = text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << bit)) + text.slice(i + 1);
    }
    return text;
  });
}

/** Brackets nested up to 5,000 deep, closed or not, around fuzzed text, inside a format's frame. */
export function deepNesting(frames: ReadonlyArray<readonly [string, string]>): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...frames), fc.integer({ min: 1, max: 5000 }), fc.constantFrom('{}', '[]', '()', '""'), fc.boolean(), fuzzText(10))
    .map(([[before, after], depth, pair, closed, inner]) => before + pair[0].repeat(depth) + inner + (closed ? pair[1].repeat(depth) : '') + after);
}

/**
 * A single line of about 1 MB (no line break): a fuzzed or real stretch repeated (a minified
 * file), or one character repeated (one endless word, brace run or `@` run).
 */
export function megabyteLine(files: () => readonly string[]): fc.Arbitrary<string> {
  const oneLine = (s: string) => s.replace(/[\r\n\u2028\u2029]+/g, ' ');
  const repeatTo = (s: string) => (s.length === 0 ? ' ' : s).repeat(Math.ceil(MEGABYTE / Math.max(1, s.length))).slice(0, MEGABYTE);
  return fc.oneof(
    fuzzText(60, true).map((s) => repeatTo(oneLine(s))),
    fc.tuple(fc.nat(), fc.nat()).map(([which, from]) => {
      const all = files();
      const text = all[which % all.length];
      const start = from % Math.max(1, text.length - 4096);
      return repeatTo(oneLine(text.slice(start, start + 4096)));
    }),
    fc.constantFrom('a', '{', '}', '[', '@', '\\', '`', '"', '-', '\uD800', '\u0301', ' ').map((c) => c.repeat(MEGABYTE)),
    fc.constantFrom('@a ', '[@a', '\\cite{', '{"a":', 'LoRA ', 'CUDA the paper ', 'arXiv:2310.', '10.1000/').map((s) => repeatTo(s)),
  );
}

// ---------------------------------------------------------------------------------------------
// Shared checks

/** A property failure: what was expected, and what was found. */
export class PropertyError extends Error {}

function expect(ok: boolean, message: () => string): void {
  if (!ok) throw new PropertyError(message());
}

function lineCount(text: string | Uint8Array): number {
  let n = 1;
  if (typeof text === 'string') for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  else for (let i = text.indexOf(10); i !== -1; i = text.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * What every library parse promises: problems at lines of the file, entries with a title and
 * a line, and each entry's `original` the text at its offsets (`LibraryEntry.start`, `end`).
 */
function checkLibraryParse(parse: LibraryParse, input: string | Uint8Array): void {
  const text = typeof input === 'string' ? decoder.decode(utf8.encode(input)) : decoder.decode(input);
  const lines = lineCount(input);
  for (const p of parse.problems) {
    expect(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines, () => `problem at line ${p.line} of a ${lines}-line file: ${p.message}`);
    expect(p.severity === 'error' || p.severity === 'warning', () => `problem severity ${p.severity}`);
  }
  for (const e of parse.entries) {
    expect(e.title.length > 0, () => `entry at line ${e.line} has an empty title`);
    expect(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines, () => `entry at line ${e.line} of a ${lines}-line file`);
    if (e.start !== undefined || e.end !== undefined) {
      expect(e.start !== undefined && e.end !== undefined && 0 <= e.start && e.start <= e.end && e.end <= text.length, () => `entry offsets ${e.start}..${e.end} outside a text of ${text.length}`);
      expect(text.slice(e.start, e.end) === e.original, () => `entry at line ${e.line}: original is not the text at ${e.start}..${e.end}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Listing

function checkListing(text: string): void {
  let result;
  try {
    result = parseListing(text, 'fuzz.txt');
  } catch (e) {
    if (e instanceof ListingError) return; // documented: nothing in the text parses as a paper
    throw e;
  }
  const lines = text.split(/\r\n|\r|\n/).length;
  const ids = new Set<string>();
  for (const p of result.papers) {
    expect(p.title.trim().length > 0 && p.abstract.trim().length > 0, () => `paper at line ${p.source?.line} has an empty title or abstract`);
    expect(!ids.has(p.id), () => `two papers with id ${p.id}`);
    ids.add(p.id);
    const line = p.source?.line ?? 0;
    expect(line >= 1 && line <= lines, () => `paper at line ${line} of a ${lines}-line text`);
  }
  for (const p of result.problems) expect(p.line >= 1 && p.line <= lines, () => `problem at line ${p.line} of a ${lines}-line text`);
}

/** A title of plain words and a made-up word no garbage holds, and an abstract over 300 characters. */
const VALID_MARK = 'Zorblaxian';
const listingPaper = fc.tuple(fc.array(fc.constantFrom('Sparse', 'Models', 'Learning', 'Deep', 'Vision', 'Graph'), { minLength: 1, maxLength: 4 }), fc.nat(999)).map(([words, n]) => ({
  title: `${VALID_MARK} ${n} ${words.join(' ')}`,
  abstract: `We study ${words.join(' ').toLowerCase()} at scale. ` + 'The method is tested on several benchmarks and compared with strong baselines. '.repeat(5) + 'Code is available.',
}));

/**
 * A listing of valid papers with one garbage paragraph between two of them: every valid paper
 * still loads, and the garbage is reported.
 */
function listingGarbage(): FuzzTarget<{ papers: Array<{ title: string; abstract: string }>; at: number; garbage: string }> {
  return {
    name: 'listing: garbage between papers',
    arbitrary: fc
      .record({
        papers: fc.uniqueArray(listingPaper, { minLength: 2, maxLength: 5, selector: (p) => p.title }),
        at: fc.nat(),
        garbage: fc.oneof(fuzzText(80), mutatedText(listingFiles, 600)),
      })
      // One paragraph (no blank line), holding something; never a valid paper's title.
      .map((r) => ({ ...r, garbage: r.garbage.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').join('\n') }))
      .filter((r) => r.garbage !== '' && !r.garbage.toLowerCase().includes(VALID_MARK.slice(0, 4).toLowerCase())),
    check: ({ papers, at, garbage }) => {
      const k = 1 + (at % (papers.length - 1));
      const blocks = papers.map((p) => `${p.title}\n\n${p.abstract}`);
      blocks.splice(k, 0, garbage);
      const text = `Daily Papers\n\n${blocks.join('\n\n')}\n`;
      const { papers: read, problems } = parseListing(text, 'fuzz.txt');
      for (const p of papers) expect(read.some((r) => r.title === p.title && r.abstract === p.abstract), () => `"${p.title}" was lost`);
      expect(problems.length > 0, () => 'the garbage paragraph was not reported');
    },
    size: (r) => r.garbage.length + 2000,
  };
}

// ---------------------------------------------------------------------------------------------
// BibTeX and CSL-JSON

const BIB_FRAMES: Array<readonly [string, string]> = [
  ['@article{deep,\n  title = ', ',\n}\n'],
  ['@misc{deep, title = {T}, note = ', '}\n'],
  ['@string{s = ', '}\n@misc{x, title = s}\n'],
  ['', ''],
];
const JSON_FRAMES: Array<readonly [string, string]> = [
  ['[{"id": "deep", "title": "T", "note": ', '}]'],
  ['{"items": ', '}'],
  ['', ''],
  ['[', ']'],
];

type LibraryInput = string | Uint8Array;

function libraryInputs(files: () => readonly string[], frames: Array<readonly [string, string]>): fc.Arbitrary<LibraryInput> {
  return fc.oneof(
    { arbitrary: mutatedFile(files, 3000), weight: 4 },
    { arbitrary: mutatedText(files, 2000), weight: 2 },
    { arbitrary: fuzzText(200), weight: 2 },
    { arbitrary: deepNesting(frames), weight: 1 },
  );
}

const inputSize = (input: LibraryInput) => input.length;

/** A valid BibTeX entry whose key and title say they are valid; the garbage never does. */
const validBib = (k: number, title: string) => `@article{valid${k},\n  title = {${title}},\n  year = {2024},\n}`;

/** A BibTeX file with a garbage entry between valid ones. */
function bibtexGarbage(): FuzzTarget<{ titles: string[]; at: number; garbage: string; broken: boolean }> {
  return {
    name: 'bibtex: garbage between entries',
    arbitrary: fc
      .record({
        // Balanced braces, and one line: a line in a value that starts like an entry (`@misc(`)
        // is read as a new entry, by design (see `bibtex.ts`).
        titles: fc.array(fuzzText(12).map((t) => `Valid ${t.replace(/[{}\\\r\n]/g, '')}`), { minLength: 2, maxLength: 5 }),
        at: fc.nat(),
        // Broken for sure: an entry cut inside a braced value. Or anything at all.
        broken: fc.boolean(),
        garbage: fc.oneof(fuzzText(100), mutatedText(() => bibFixtures(), 800)),
      })
      .filter((r) => !/valid/i.test(r.garbage)),
    check: ({ titles, at, garbage, broken }) => {
      const k = 1 + (at % (titles.length - 1));
      const entries = titles.map((t, i) => validBib(i, t));
      const bad = broken ? `@article{garbage,\n  title = {${garbage.replace(/[{}]/g, '')}` : garbage;
      entries.splice(k, 0, bad);
      const text = entries.join('\n') + '\n';
      for (const input of [text, utf8.encode(text)]) {
        const parse = parseBibtex(input, 'fuzz.bib');
        checkLibraryParse(parse, input);
        titles.forEach((_t, i) => {
          const entry = parse.entries.find((e) => e.key === `valid${i}`);
          expect(entry !== undefined, () => `@article{valid${i}} was lost`);
        });
        if (broken) expect(parse.problems.some((p) => p.severity === 'error'), () => 'the broken entry was not reported');
      }
    },
    size: (r) => r.garbage.length + 500,
  };
}

/** A valid CSL-JSON item, as Pandoc and Zotero write one: on lines of its own. */
const validItem = (k: number, title: string) => `  {\n    "id": "valid${k}",\n    "type": "article",\n    "title": ${JSON.stringify(title)}\n  }`;

/** A CSL-JSON array with a garbage item between valid ones. */
function cslGarbage(): FuzzTarget<{ titles: string[]; at: number; garbage: string; kind: 'value' | 'invalid' | 'unbalanced' }> {
  return {
    name: 'csl-json: garbage between items',
    arbitrary: fc
      .record({
        titles: fc.array(fuzzText(12).map((t) => `Valid ${t}`), { minLength: 2, maxLength: 5 }),
        at: fc.nat(),
        kind: fc.constantFrom('value' as const, 'invalid' as const, 'unbalanced' as const),
        garbage: fc.oneof(fuzzText(60), mutatedText(jsonFixtures, 600)),
      })
      .filter((r) => !/valid/i.test(r.garbage)),
    check: ({ titles, at, garbage, kind }) => {
      const k = 1 + (at % (titles.length - 1));
      const items = titles.map((t, i) => validItem(i, t));
      // A string value (not an object); an object that is not JSON; an item cut short (an unclosed string).
      const oneLine = garbage.replace(/[\r\n]/g, ' ');
      const bad =
        kind === 'value' ? `  ${JSON.stringify(garbage)}` : kind === 'invalid' ? `  {"id": "bad", "title": ${JSON.stringify(garbage)}, oops}` : `  {\n    "id": "bad",\n    "title": "${oneLine.replace(/["\\]/g, '')}`;
      items.splice(k, 0, bad);
      const text = `[\n${items.join(',\n')}\n]\n`;
      const parse = parseCslJson(utf8.encode(text), 'fuzz.json');
      checkLibraryParse(parse, text);
      titles.forEach((_t, i) => expect(parse.entries.some((e) => e.key === `valid${i}`), () => `item "valid${i}" was lost`));
      expect(parse.problems.some((p) => p.severity === 'error'), () => 'the garbage item was not reported');
    },
    size: (r) => r.garbage.length + 500,
  };
}

// ---------------------------------------------------------------------------------------------
// Cite keys and identifiers

const DIALECTS: readonly CiteDialect[] = ['markdown', 'latex', 'code'];

function checkCiteKeys(text: string): void {
  for (const dialect of DIALECTS) {
    const keys = findCiteKeys(text, dialect);
    let last = -1;
    for (const k of keys) {
      expect(k.key.length > 0, () => `${dialect}: an empty key at ${k.start}`);
      expect(0 <= k.citationStart && k.citationStart <= k.start && k.start < k.end && k.end <= k.citationEnd && k.citationEnd <= text.length, () => `${dialect}: key "${k.key}" spans ${k.start}..${k.end} in citation ${k.citationStart}..${k.citationEnd} of ${text.length}`);
      expect(text.slice(k.start, k.end) === k.key, () => `${dialect}: key "${k.key}" is not the text at ${k.start}..${k.end}`);
      expect(k.start >= last, () => `${dialect}: keys out of order at ${k.start}`);
      last = k.start;
    }
  }
}

function checkIdentifiers(input: { text: string; at: number }): void {
  const { text } = input;
  let last = -1;
  for (const id of findIdentifiers(text)) {
    expect(0 <= id.start && id.start < id.end && id.end <= text.length, () => `${id.kind} "${id.id}" spans ${id.start}..${id.end} of ${text.length}`);
    expect(text.slice(id.start, id.end).toLowerCase().includes(id.id.toLowerCase()), () => `${id.kind} "${id.id}" is not in the text at ${id.start}..${id.end}`);
    expect(id.start >= last, () => `identifiers out of order at ${id.start}`);
    last = id.start;
  }
  // Completion works on one line, at a cursor inside it.
  const line = text.split('\n')[0];
  const character = line.length === 0 ? 0 : input.at % (line.length + 1);
  for (const dialect of ['markdown', 'latex'] as const) {
    const c = citeCompletionAt(line, character, dialect);
    if (c) expect(c.start >= 0 && c.start <= character && line.slice(c.start, character) === c.typed, () => `${dialect}: completion at ${c.start} types "${c.typed}", not the text up to ${character}`);
  }
  searchWordsOfKey(line);
}

// ---------------------------------------------------------------------------------------------
// Mentions

/** A word character as the scanner reads words (`mentions.ts`): a letter, digit, mark or `_`, one UTF-16 unit at a time. */
function isMentionWord(text: string, i: number): boolean {
  return i >= 0 && i < text.length && (charClass(text.charCodeAt(i)) & (CH_WORD | CH_UNDERSCORE)) !== 0;
}

/**
 * Mentions lie inside the text, sorted and apart, each the text at its offsets, and on word
 * boundaries: a mention starts with a word character after a non-word one (or the text's start)
 * and ends with a word character before a non-word one (or the text's end); a question title
 * ends with its `?`, after a word character.
 */
function checkMentions(text: string, policy: AmbiguousNamePolicy): void {
  const corpus = bundled();
  const mentions = corpus.matcher.find(text, policy);
  let until = 0;
  for (const m of mentions) {
    const at = `${policy}: "${m.text}" at ${m.start}..${m.end}`;
    expect(0 <= m.start && m.start < m.end && m.end <= text.length, () => `${at} is outside a text of ${text.length}`);
    expect(m.start >= until, () => `${at} overlaps the mention before it`);
    until = m.end;
    expect(text.slice(m.start, m.end) === m.text, () => `${at} is not the text at its offsets`);
    expect(corpus.get(m.paperId) !== undefined, () => `${at} names an unknown paper ${m.paperId}`);
    expect(isMentionWord(text, m.start) && !isMentionWord(text, m.start - 1), () => `${at} does not start a word`);
    const question = m.kind === 'title' && text.charAt(m.end - 1) === '?';
    const endsWord = question ? isMentionWord(text, m.end - 2) : isMentionWord(text, m.end - 1) && !isMentionWord(text, m.end);
    expect(endsWord, () => `${at} does not end a word`);
  }
}

function mentionInputs(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fuzzText(150, true), weight: 4 },
    { arbitrary: mutatedText(proseFixtures, 2000), weight: 3 },
    { arbitrary: deepNesting([['the paper ', ' LoRA'], ['', '']]), weight: 1 },
  );
}

// ---------------------------------------------------------------------------------------------
// Search

function checkSearch(input: { query: string; limit: number }): void {
  const corpus = withLibrary();
  const results = corpus.searchIndex.search(input.query, input.limit);
  expect(results.length <= Math.max(0, input.limit), () => `${results.length} results for a limit of ${input.limit}`);
  for (const r of results) {
    expect(Number.isFinite(r.score), () => `score ${r.score} for "${r.paper.title}"`);
    for (const m of r.matches) {
      const field = m.field === 'title' ? r.paper.title : m.field === 'abstract' ? r.paper.abstract : m.value;
      expect(field !== undefined, () => `a ${m.field} match without its value`);
      for (const [s, e] of m.ranges) expect(0 <= s && s < e && e <= field!.length, () => `${m.field} range ${s}..${e} outside "${field}" (${field!.length})`);
    }
  }
}

function searchQueries(): fc.Arbitrary<string> {
  const keys = () => withLibrary().papers.flatMap((p) => (p.keys ?? []).map((k) => `@${k}`));
  return fc.oneof(
    { arbitrary: fuzzText(10, true), weight: 4 },
    { arbitrary: mutatedText(() => [...corpusNames(), ...keys()], 200), weight: 3 },
    { arbitrary: mutatedText(listingFiles, 120), weight: 1 },
  );
}

// ---------------------------------------------------------------------------------------------
// Renderers

const HOVER_COMMANDS: HoverCardCommands = { openPaper: 'paperLens.openPaper', revealPaper: 'paperLens.revealPaper', copyCitation: 'paperLens.copyCitation', notThisPaper: 'paperLens.notThisPaper' };
const PAGE_COMMANDS: PaperPageCommands = { openPaper: 'paperLens.openPaper', copyCitation: 'paperLens.copyCitation', revealPaper: 'paperLens.revealPaper', openCodeLink: 'paperLens.openCodeLink' };

/** The text of a paper and its card or page: every field a corpus or a document can fill. */
export interface RenderInput {
  readonly title: string;
  readonly abstract: string;
  readonly authors: readonly string[];
  readonly venue?: string;
  readonly year?: number;
  readonly shortName?: string;
  readonly topics: readonly string[];
  readonly mentionedAs?: string;
  readonly citation?: string;
  readonly related: readonly string[];
  readonly abstractLength: number;
  /** Link fields: the same in the fuzzed and the harmless paper (links are meant to be links). */
  readonly links: readonly string[];
  readonly doi?: string;
  readonly url?: string;
  readonly arxivId?: string;
}

function renderInputs(): fc.Arbitrary<RenderInput> {
  const text = fc.oneof(fuzzText(60), mutatedText(proseFixtures, 300));
  const link = fc.oneof(fc.constantFrom('https://github.com/a/b', 'http://example.com/x?y=(1)', 'https://huggingface.co/m'), fc.webUrl(), text);
  return fc.record(
    {
      title: text,
      abstract: fc.oneof(text, fuzzText(300)),
      authors: fc.array(text, { maxLength: 6 }),
      venue: text,
      year: fc.integer({ min: 1000, max: 2999 }),
      shortName: text,
      topics: fc.array(text, { maxLength: 3 }),
      mentionedAs: text,
      citation: text,
      related: fc.array(text, { maxLength: 3 }),
      abstractLength: fc.oneof(fc.constant(0), fc.nat(400)),
      links: fc.array(link, { maxLength: 3 }),
      doi: fc.oneof(text.map((t) => `10.1234/${t}`), text),
      url: link,
      arxivId: fc.oneof(fc.constant('2310.07707'), text),
    },
    { requiredKeys: ['title', 'abstract', 'authors', 'topics', 'related', 'abstractLength', 'links'] },
  );
}

/** The same input with every run of non-space characters in its text fields replaced by `x`: the same layout, no markup. */
function harmless(r: RenderInput): RenderInput {
  const h = (s: string) => s.replace(/\S+/g, 'x');
  const o = (s: string | undefined) => (s === undefined ? undefined : h(s));
  return {
    ...r,
    title: h(r.title),
    abstract: h(r.abstract),
    authors: r.authors.map(h),
    venue: o(r.venue),
    shortName: o(r.shortName),
    topics: r.topics.map(h),
    mentionedAs: o(r.mentionedAs),
    citation: o(r.citation),
    related: r.related.map(h),
  };
}

function paperOf(r: RenderInput): Paper {
  return { id: 'fuzz-paper', title: r.title, abstract: r.abstract, links: r.links, authors: r.authors, venue: r.venue, year: r.year, doi: r.doi, url: r.url, arxivId: r.arxivId };
}

function hoverCard(r: RenderInput): string {
  return renderHoverCard({ paper: paperOf(r), shortName: r.shortName, topics: r.topics, mentionedAs: r.mentionedAs }, { abstractLength: r.abstractLength, commands: HOVER_COMMANDS });
}

function paperPage(r: RenderInput): string {
  const related = r.related.map((title, i) => ({ id: `related-${i}`, title }));
  return renderPaperPage({ paper: paperOf(r), shortName: r.shortName, topics: r.topics, citation: r.citation, related }, { cspSource: 'vscode-resource:', nonce: 'n0nce', commands: PAGE_COMMANDS });
}

/**
 * The markup of a markdown string, as a list: each link (`](` destination, the command id
 * without its arguments), raw `<`, `command:`, `://` and `www.` outside link destinations.
 * Backslash-escaped characters are text. A link's optional `"title"` is read past, as
 * markdown renderers do (a card's "Not this paper" link names the mention in its title).
 */
export function markdownMarkup(md: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < md.length; i++) {
    const c = md[i];
    if (c === '\\') {
      i++;
    } else if (c === ']' && md[i + 1] === '(') {
      let j = i + 2;
      while (j < md.length && !/[\s)]/.test(md[j])) j++;
      const destination = md.slice(i + 2, j);
      while (md[j] === ' ') j++;
      if (md[j] === '"') {
        const close = md.indexOf('"', j + 1);
        j = close === -1 ? md.length : close + 1;
      }
      out.push(`link ${destination.startsWith('command:') ? destination.replace(/\?.*$/, '') : destination}${md[j] === ')' ? '' : ' (unclosed)'}`);
      i = j;
    } else if (c === '<') {
      out.push('<');
    } else if (md.startsWith('command:', i)) {
      out.push('command:');
    } else if (md.startsWith('://', i) || md.startsWith('www.', i)) {
      out.push('autolink');
    }
  }
  return out;
}

/** The tags of an HTML page, attributes and all. */
export function htmlTags(html: string): string[] {
  return html.match(/<[^>]*>?/g) ?? [];
}

function sameList(what: string, found: readonly string[], expected: readonly string[]): void {
  const at = found.findIndex((x, i) => x !== expected[i]);
  expect(found.length === expected.length && at === -1, () => `${what} differs from the harmless rendering at item ${at === -1 ? expected.length : at}: ${JSON.stringify(found[at === -1 ? expected.length : at])} instead of ${JSON.stringify(expected[at === -1 ? found.length : at])}`);
}

function checkHoverCard(r: RenderInput): void {
  const found = markdownMarkup(hoverCard(r));
  sameList('the hover card markup', found, markdownMarkup(hoverCard(harmless(r))));
  for (const m of found) {
    if (m.startsWith('link ')) expect(/^link (?:command:paperLens\.\w+|https?:\/\/\S+)$/.test(m), () => `the hover card links to ${m}`);
  }
}

function checkPaperPage(r: RenderInput): void {
  const found = htmlTags(paperPage(r));
  sameList('the paper page tags', found, htmlTags(paperPage(harmless(r))));
  for (const tag of found) {
    const href = /\shref="([^"]*)"/.exec(tag)?.[1];
    if (href !== undefined) expect(/^(?:command:paperLens\.\w+\?|https?:\/\/)/.test(href), () => `the paper page links to ${href}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The targets

/** Every target, in the order the runner prints them. */
export function fuzzTargets(): FuzzTarget[] {
  const listingInputs = fc.oneof(
    { arbitrary: mutatedText(listingFiles, 2000), weight: 4 },
    { arbitrary: fuzzText(200), weight: 2 },
    { arbitrary: deepNesting([['Title\n\n', ''], ['', '']]), weight: 1 },
  );
  const citeInputs = fc.oneof(
    { arbitrary: fuzzText(150), weight: 4 },
    { arbitrary: mutatedText(() => [...bibFixtures(), ...proseFixtures()], 1500), weight: 2 },
    { arbitrary: deepNesting([['\\cite{', '}'], ['[@a; ', ']'], ['\\autocites', '{k}'], ['@{', '}'], ['`', '`']]), weight: 1 },
  );
  const targets: FuzzTarget[] = [
    { name: 'listing: parse', arbitrary: listingInputs, check: checkListing, size: (s: string) => s.length },
    listingGarbage(),
    {
      name: 'bibtex: load',
      arbitrary: libraryInputs(bibFixtures, BIB_FRAMES),
      check: (input: LibraryInput) => checkLibraryParse(parseLibrary(input, 'fuzz.bib'), input),
      size: inputSize,
    },
    bibtexGarbage(),
    {
      name: 'csl-json: load',
      arbitrary: libraryInputs(jsonFixtures, JSON_FRAMES),
      check: (input: LibraryInput) => checkLibraryParse(parseLibrary(input, 'fuzz.json'), input),
      size: inputSize,
    },
    cslGarbage(),
    { name: 'cite keys: findCiteKeys', arbitrary: citeInputs, check: checkCiteKeys, size: (s: string) => s.length },
    {
      name: 'identifiers: ids and completion',
      arbitrary: fc.record({ text: fc.oneof(fuzzText(100), mutatedText(() => [...bibFixtures(), ...proseFixtures()], 600)), at: fc.nat() }),
      check: checkIdentifiers,
      size: (r: { text: string }) => r.text.length,
    },
    ...(['context', 'always', 'never'] as const).map((policy) => ({
      name: `mentions: ${policy}`,
      arbitrary: mentionInputs(),
      check: (text: string) => checkMentions(text, policy),
      size: (s: string) => s.length,
    })),
    {
      name: 'search: query',
      arbitrary: fc.record({ query: searchQueries(), limit: fc.oneof(fc.constant(20), fc.integer({ min: -1, max: 60 })) }),
      check: checkSearch,
      size: (r: { query: string }) => r.query.length,
    },
    { name: 'render: hover card', arbitrary: renderInputs(), check: checkHoverCard, size: () => 0 },
    { name: 'render: paper page', arbitrary: renderInputs(), check: checkPaperPage, size: () => 0 },
    // The 1 MB single lines.
    { name: '1 MB line: listing', large: true, arbitrary: megabyteLine(listingFiles), check: checkListing, size: (s: string) => s.length },
    {
      name: '1 MB line: bibtex',
      large: true,
      arbitrary: megabyteLine(bibFixtures),
      check: (s: string) => checkLibraryParse(parseLibrary(s, 'fuzz.bib'), s),
      size: (s: string) => s.length,
    },
    {
      name: '1 MB line: csl-json',
      large: true,
      arbitrary: megabyteLine(jsonFixtures),
      check: (s: string) => checkLibraryParse(parseLibrary(s, 'fuzz.json'), s),
      size: (s: string) => s.length,
    },
    { name: '1 MB line: cite keys', large: true, arbitrary: megabyteLine(proseFixtures), check: checkCiteKeys, size: (s: string) => s.length },
    {
      name: '1 MB line: identifiers',
      large: true,
      arbitrary: megabyteLine(proseFixtures).map((text) => ({ text, at: text.length >> 1 })),
      check: checkIdentifiers,
      size: (r: { text: string }) => r.text.length,
    },
    ...(['context', 'always', 'never'] as const).map((policy) => ({
      name: `1 MB line: mentions ${policy}`,
      large: true,
      arbitrary: megabyteLine(proseFixtures),
      check: (text: string) => checkMentions(text, policy),
      size: (s: string) => s.length,
    })),
    {
      name: '1 MB line: search query',
      large: true,
      arbitrary: megabyteLine(proseFixtures).map((query) => ({ query, limit: 20 })),
      check: checkSearch,
      size: (r: { query: string }) => r.query.length,
    },
  ].map((t) => t as unknown as FuzzTarget);
  return targets;
}

/**
 * The time budget of one case: 100 ms per 100 KB of input, counted in whole 100 KB steps (so
 * any input up to 100 KB has 100 ms, a 1 MB line 1.1 s).
 */
export function budgetMs(size: number): number {
  return 100 * (1 + Math.floor(size / 100_000));
}

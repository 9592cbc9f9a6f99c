/**
 * The paper table (`core/paperTable.ts`): how the library worker hands papers to the editor's
 * thread and stores them for a warm start. Every field of every paper must come back exactly,
 * through the table alone and through the stored bytes (`packData`), whatever its text.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseLibrary } from '../../src/core/library';
import { mergeLibraries } from '../../src/core/library/merge';
import { isSharedTable, packPapers, unpackPapers, type AbstractsLater, type PaperTable } from '../../src/core/paperTable';
import { MessageChannel } from 'node:worker_threads';
import { packData, unpackData } from '../../src/core/prepared';
import { finishSteps } from '../../src/core/steps';
import type { Paper } from '../../src/core/types';
import { bundledCorpus, ROOT } from './helpers';

const LIBRARY = path.join(ROOT, 'test', 'fixtures', 'library');
const roundTrip = (papers: readonly Paper[]) => finishSteps(unpackPapers(packPapers(papers)));
/** Every field a paper may have. */
const FIELDS: readonly (keyof Paper)[] = ['id', 'title', 'abstract', 'links', 'authors', 'year', 'source', 'venue', 'doi', 'url', 'arxivId', 'keywords', 'entryType', 'keys', 'sources'];
const long = (unit: string) => unit.repeat(Math.ceil(5000 / unit.length));

/** A paper with every field, in every kind of text. */
const FULL: Paper = {
  id: 'x-full',
  title: 'Ünïcode: 数据 and 😀 in a Title',
  abstract: long('Wide text 😀 数据 — with a dash. '),
  links: ['https://github.com/a/b', ''],
  authors: ['Jürgen Müller', 'Søren Ødegaard', '李 雷'],
  year: 2031,
  source: { file: 'lib/ü.bib', line: 12 },
  venue: 'NeurIPS',
  doi: '10.1000/xyz',
  url: 'https://example.org/p',
  arxivId: 'hep-th/9901001',
  keywords: ['a', 'b c'],
  entryType: 'inproceedings',
  keys: ['full2031', 'Full:2031'],
  sources: [
    { file: 'lib/ü.bib', line: 12, format: 'bibtex', key: 'full2031', start: 100, end: 420 },
    { file: 'refs.json', line: 3, format: 'csl-json', key: 'Full:2031' },
    { file: 'listing.txt', line: 7, format: 'listing' },
  ],
};

describe('paper table', () => {
  it('gives back the bundled papers exactly', () => {
    const papers = bundledCorpus().papers;
    assert.deepStrictEqual(roundTrip(papers), papers);
  });

  it('gives back real library papers merged with the bundled ones exactly, every field and source', () => {
    const parses = fs.readdirSync(LIBRARY).filter((f) => /\.(bib|json)$/.test(f)).map((f) => parseLibrary(new Uint8Array(fs.readFileSync(path.join(LIBRARY, f))), f, {}));
    const { papers } = mergeLibraries(bundledCorpus().papers, parses);
    assert.ok(papers.some((p) => p.authors?.length && p.keys?.length && p.sources?.length && p.year !== undefined), 'the fixtures have full entries');
    assert.deepStrictEqual(roundTrip(papers), papers);
  });

  it('packed shared, every array in shared memory: the same papers and stored bytes, and posting it copies nothing', async () => {
    const parses = fs.readdirSync(LIBRARY).filter((f) => /\.(bib|json)$/.test(f)).map((f) => parseLibrary(new Uint8Array(fs.readFileSync(path.join(LIBRARY, f))), f, {}));
    const { papers } = mergeLibraries(bundledCorpus().papers, parses);
    const plain = packPapers(papers);
    const shared = packPapers(papers, true);
    assert.deepEqual([isSharedTable(plain), isSharedTable(shared)], [false, true]);
    // Shared only where every array is: one array of its own would be transferred (detached) by a post.
    assert.equal(isSharedTable({ ...shared, shared: { ...shared.shared, lengths: shared.shared.lengths.slice() } }), false);
    assert.deepStrictEqual(finishSteps(unpackPapers(shared)), papers);
    assert.ok(Buffer.from(packData({ table: shared })).equals(Buffer.from(packData({ table: plain }))));
    // Posted to another thread (as the worker sends it to its helper and the editor): the same memory on both sides.
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<PaperTable>((resolve) => port2.once('message', resolve));
    port1.postMessage(shared);
    const copy = await received;
    port1.close();
    copy.abstracts[0] ^= 1;
    assert.equal(shared.abstracts[0], copy.abstracts[0], 'shared, not copied');
    copy.abstracts[0] ^= 1;
  });

  it('keeps any text, wide, astral, empty or holding a lone surrogate, through the table and the stored bytes', () => {
    const odd: Paper = { id: 'x-odd', title: `lone \ud800 high and \udc00 low`, abstract: long('\ud83d lone then NUL \u0000 and RTL \u202e. '), links: [] };
    const narrow: Paper = { id: 'x-narrow', title: 'Cafe', abstract: long('Plain ASCII text, nothing else. '), links: [], year: -1 };
    const latin1: Paper = { id: 'x-latin1', title: 'Café', abstract: long('Latin-1 café text. '), links: [] };
    const papers = [FULL, odd, narrow, latin1, { id: '', title: '', abstract: '', links: [] }];
    assert.deepStrictEqual(roundTrip(papers), papers);
    const table = packPapers(papers);
    assert.ok(table.abstracts.length > 4096 && table.wide[0].length > 4096, 'long enough to be stored as bytes, not in the head');
    const back = unpackData(packData(table)) as PaperTable;
    assert.deepStrictEqual(finishSteps(unpackPapers(back)), papers);
  });

  it('keeps its non-ASCII text in pieces, no string across two, a longer one a piece of its own', () => {
    // Wide titles of 150,000 characters (two do not fit a piece of 2^18), one of 300,000, and
    // wide DOIs between them; each paper's own letter, so that a slice from the wrong place shows.
    // (Wide abstracts are UTF-8 bytes in `abstracts`: see the test below.)
    const wide = (k: number, length: number) => String.fromCharCode(0x3b1 + k).repeat(length);
    const papers: Paper[] = [150_000, 150_000, 300_000, 10, 150_000].map((length, k) => ({ id: `x-${k}`, title: wide(k, length), abstract: `Ábstract ${k}`, links: [], doi: `10.1/dœi-${k}` }));
    const table = packPapers(papers);
    assert.ok(table.wide.length >= 4, `${table.wide.length} pieces`);
    assert.ok(table.wide.some((piece) => piece.length > 262_144), 'the longest title is a piece of its own');
    assert.equal(table.wide.join('').length, papers.reduce((n, p) => n + p.title.length + p.doi!.length, 0));
    for (const piece of table.wide) {
      // A piece holds whole strings: it starts with a title or a DOI, never in one's middle.
      assert.ok(/^(10\.1\/dœi-\d|(.)\2)/u.test(piece), piece.slice(0, 20));
    }
    assert.deepStrictEqual(roundTrip(papers), papers);
    const back = unpackData(packData(table)) as PaperTable;
    assert.deepStrictEqual(finishSteps(unpackPapers(back)), papers);
    const lazy = finishSteps(unpackPapers(back, { lazy: true }));
    // Read out of order: the last paper's fields first.
    for (const k of [4, 0, 3, 2, 1]) assert.deepStrictEqual([lazy[k].title, lazy[k].abstract, lazy[k].doi], [papers[k].title, papers[k].abstract, papers[k].doi], `paper ${k}`);
    // A table whose string would run from one piece into the next is damaged.
    const shifted: PaperTable = { ...table, wide: [table.wide[0].slice(0, -1), table.wide[0].slice(-1) + table.wide[1], ...table.wide.slice(2)] };
    assert.throws(() => finishSteps(unpackPapers(shifted)), /the text ends early/);
    // A table stored before the wide text came in pieces (one string), or with a piece that is not text.
    assert.throws(() => finishSteps(unpackPapers({ ...table, wide: table.wide.join('') as unknown as string[] })), /not in pieces/);
    assert.throws(() => finishSteps(unpackPapers({ ...table, wide: [...table.wide.slice(0, -1), 7 as unknown as string] })), /not text/);
    // A string that would end past the last piece.
    assert.throws(() => finishSteps(unpackPapers({ ...table, wide: table.wide.slice(0, -1) })), /the text ends early/);
  });

  it('keeps abstracts past ASCII as UTF-8 among the abstracts\' bytes, their lengths in bytes, but one with a lone surrogate', () => {
    const abstracts = ['Plain.', 'Café crème, 😀 and Ærø.', '\ufeffA byte order mark first.', 'lone \ud800 surrogate', 'More plain text.', 'ünïcode at the end é'];
    const papers: Paper[] = abstracts.map((abstract, k) => ({ id: `a-${k}`, title: `Title ${k}`, abstract, links: [] }));
    const table = packPapers(papers);
    const encoder = new TextEncoder();
    const inBytes = abstracts.filter((a) => !a.includes('\ud800'));
    assert.deepEqual(table.abstracts, Uint8Array.from(Buffer.concat(inBytes.map((a) => encoder.encode(a)))));
    assert.equal(table.wide.join(''), abstracts[3], 'only the abstract UTF-8 cannot hold is wide text');
    assert.deepStrictEqual(roundTrip(papers), papers);
    const back = unpackData(packData(table)) as PaperTable;
    assert.deepStrictEqual(finishSteps(unpackPapers(back)), papers);
    // Lazily, each read where it lies in the bytes: from the table, or one by one (a stored load's).
    const lazy = finishSteps(unpackPapers(back, { lazy: true }));
    assert.deepEqual([...lazy].reverse().map((p) => p.abstract), [...abstracts].reverse());
    // Fields past ASCII after an abstract kept as wide text: each lazy paper reads its own.
    const withFields: Paper[] = abstracts.map((abstract, k) => ({ id: `f-${k}`, title: `Title ${k}`, abstract, links: [`https://example.org/é${k}`], venue: `Venüe ${k}`, keys: [`kéy${k}`] }));
    const lazyFields = finishSteps(unpackPapers(packPapers(withFields), { lazy: true }));
    assert.deepStrictEqual(JSON.parse(JSON.stringify([...lazyFields].reverse())), [...withFields].reverse());
    const reads: [number, number][] = [];
    const later = { length: table.abstracts.length, read: (at: number, length: number) => (reads.push([at, length]), table.abstracts.slice(at, at + length)) };
    const apart = finishSteps(unpackPapers({ ...back, abstracts: new Uint8Array(0) }, { lazy: true, abstracts: later }));
    assert.deepEqual([apart[5].abstract, apart[1].abstract, apart[3].abstract], [abstracts[5], abstracts[1], abstracts[3]]);
    const at1 = encoder.encode(abstracts[0]).length;
    assert.deepEqual(reads[1], [at1, encoder.encode(abstracts[1]).length], 'the second abstract: its bytes, from the end of the first');
    assert.equal(reads.length, 2, 'the wide text is not read from the bytes');
    // Bytes that are not UTF-8 where an abstract lies: refused, not read as something else.
    const broken = table.abstracts.slice();
    broken[at1] = 0xff;
    assert.throws(() => finishSteps(unpackPapers({ ...table, abstracts: broken })), /not valid|encoded data/i);
  });

  it('refuses what it cannot keep, instead of losing it', () => {
    assert.throws(() => packPapers([{ ...FULL, extra: 1 } as Paper]), /no field extra/);
    assert.throws(() => packPapers([{ ...FULL, sources: [{ ...FULL.sources![0], page: 3 } as never] }]), /no field page/);
    assert.throws(() => packPapers([{ ...FULL, year: 2031.5 }]), /not a 32-bit integer/);
  });

  it('a damaged table throws, never a paper with shifted fields', () => {
    const table = packPapers([FULL, FULL]);
    for (const lazy of [false, true]) {
      assert.throws(() => finishSteps(unpackPapers({ ...table, lengths: table.lengths.subarray(1) }, { lazy })), /paper table/);
      assert.throws(() => finishSteps(unpackPapers({ ...table, ints: table.ints.subarray(0, table.ints.length - 1) }, { lazy })), /paper table/);
      assert.throws(() => finishSteps(unpackPapers({ ...table, narrow: Uint8Array.of(...table.narrow, 120) }, { lazy })), /more than its papers/);
      assert.throws(() => finishSteps(unpackPapers({ ...table, narrow: table.narrow.subarray(1) }, { lazy })), /ends early/);
      // Lazily too, though a paper decodes its fields only when it reads them: the walk checks the bytes it passes over.
      const cut = (damaged: PaperTable) => finishSteps(unpackPapers(damaged, { lazy }));
      assert.throws(() => cut({ ...table, narrow: table.narrow.map((b, k) => (k === 3 ? 0xc3 : b)) }), /not ASCII/);
      assert.throws(() => cut({ ...table, narrow: table.narrow.map((b, k) => (k === 3 ? 0xc3 : k === 4 ? 0xa9 : b)) }), /not ASCII/);
      // The ids and titles, read by the walk.
      assert.throws(() => finishSteps(unpackPapers({ ...table, heads: Uint8Array.of(...table.heads, 120) }, { lazy })), /more than its papers/);
      assert.throws(() => finishSteps(unpackPapers({ ...table, heads: table.heads.subarray(1) }, { lazy })), /ends early/);
      assert.throws(() => finishSteps(unpackPapers({ ...table, heads: table.heads.map((b, k) => (k === 3 ? 0xc3 : b)) }, { lazy })), /not ASCII/);
      assert.throws(() => finishSteps(unpackPapers({ ...table, papers: 1 }, { lazy })), /more than its papers/);
    }
    const ascii = packPapers([{ ...FULL, abstract: 'Plain.' }, { ...FULL, abstract: 'Also plain.' }]);
    for (const lazy of [false, true]) {
      assert.throws(() => finishSteps(unpackPapers({ ...ascii, abstracts: ascii.abstracts.subarray(1) }, { lazy })), /ends early/);
      assert.throws(() => finishSteps(unpackPapers({ ...ascii, abstracts: Uint8Array.of(...ascii.abstracts, 120) }, { lazy })), /more than its papers/);
    }
  });

  it('lazily, over a table of many papers: fields that straddle the pieces its text is decoded in come back whole', () => {
    // About 400 KB of ASCII fields, strings of every length from 1 to 97 characters, so that many cross a 64 KB boundary.
    const papers: Paper[] = Array.from({ length: 3000 }, (_, k) => ({
      id: `x-${k}`,
      title: `Paper ${k} ${'t'.repeat(k % 41)}`,
      abstract: `Abstract ${k}.`,
      links: [`https://example.org/${'l'.repeat(k % 97)}${k}`],
      doi: `10.1000/${k}${'d'.repeat(k % 13)}`,
      keys: [`key${k}`, `${'k'.repeat((k * 7) % 53)}${k}`],
    }));
    const table = packPapers(papers);
    assert.ok(table.narrow.length > 3 * 65536, 'text over several pieces');
    // The last paper ends with a list of strings: counted against the strings left, not the numbers.
    assert.deepStrictEqual(finishSteps(unpackPapers(table)), papers);
    const lazy = finishSteps(unpackPapers(table, { lazy: true }));
    const plain = (list: readonly Paper[]) => JSON.parse(JSON.stringify(list)) as unknown;
    // Read back to front, so that the strings are decoded out of order.
    assert.deepStrictEqual(plain([...lazy].reverse()), plain([...papers].reverse()));
    // A byte past ASCII in the last paper's last key: refused as the papers are cut.
    const bad = { ...table, narrow: table.narrow.map((b, k) => (k === table.narrow.length - 3 ? 0xe9 : b)) };
    assert.throws(() => finishSteps(unpackPapers(bad, { lazy: true })), /not ASCII/);
  });

  it('lazily, with abstracts kept apart: the walk checks their places, and each is read where it lies when asked for', () => {
    const narrow: Paper = { id: 'x-narrow', title: 'Cafe', abstract: 'Plain ASCII text.', links: [] };
    const papers = [narrow, FULL, { ...narrow, id: 'x-second', abstract: 'Another one.' }];
    const table = packPapers(papers);
    const apart = { ...table, abstracts: new Uint8Array(0) };
    const reads: number[] = [];
    const read = (at: number, length: number) => (reads.push(at), table.abstracts.slice(at, at + length));
    const later: AbstractsLater = { length: table.abstracts.length, read };
    const lazy = finishSteps(unpackPapers(apart, { lazy: true, abstracts: later }));
    assert.deepEqual(reads, [], 'none read by the walk');
    assert.equal(lazy[2].title, 'Cafe');
    assert.equal(lazy[2].abstract, 'Another one.');
    assert.deepEqual(lazy.map((p) => p.abstract), papers.map((p) => p.abstract));
    assert.equal(reads.length, 3, 'each read once, then kept');
    // Not kept: read again each time it is asked for, the same text.
    reads.length = 0;
    const unkept = finishSteps(unpackPapers(apart, { lazy: true, abstracts: later, keepAbstracts: false }));
    assert.deepEqual([unkept[0].abstract, unkept[0].abstract, unkept[2].abstract], ['Plain ASCII text.', 'Plain ASCII text.', 'Another one.']);
    assert.deepEqual(reads, [0, 0, reads[2]], 'read where it lies each time');
    assert.equal(unkept[1].abstract, FULL.abstract);
    assert.throws(() => finishSteps(unpackPapers(apart, { lazy: true, abstracts: { length: table.abstracts.length - 1, read } })), /ends early/);
    assert.throws(() => finishSteps(unpackPapers(apart, { lazy: true, abstracts: { length: table.abstracts.length + 1, read } })), /more than its papers/);
    assert.throws(() => finishSteps(unpackPapers(apart, { abstracts: later })), /lazy papers only/);
  });

  it('lazily: each paper reads its fields when first asked for, every one the same as the plain paper\'s, in JSON too', () => {
    const narrow: Paper = { id: 'x-narrow', title: 'Cafe', abstract: long('Plain ASCII text, nothing else. '), links: ['https://a.example'], year: 2030 };
    const parses = fs.readdirSync(LIBRARY).filter((f) => /\.(bib|json)$/.test(f)).map((f) => parseLibrary(new Uint8Array(fs.readFileSync(path.join(LIBRARY, f))), f, {}));
    const merged = mergeLibraries(bundledCorpus().papers, parses).papers;
    // Non-ASCII text in the fields the walk passes over (links, DOI, URL, keys, a source's key), beside ASCII ones.
    const wideFields: Paper = { ...FULL, id: 'x-wide-fields', links: ['https://例え.jp/π', 'https://a.example'], doi: '10.1000/ünï', url: 'https://ü.example', keys: ['Müller:2031', 'plain2031'], sources: [{ file: 'lib/ü.bib', line: 1, format: 'bibtex', key: 'Müller:2031', start: 0, end: 10 }] };
    const papers = [FULL, wideFields, narrow, { ...narrow, id: 'x-empty', abstract: '' }, ...merged];
    const table = unpackData(packData(packPapers(papers))) as PaperTable;
    const lazy = finishSteps(unpackPapers(table, { lazy: true }));
    // Read in an order other than the table's, so a paper that read from the wrong place shows.
    const read = (p: Paper) => Object.fromEntries(FIELDS.map((field) => [field, p[field]]));
    assert.deepStrictEqual([...lazy].reverse().map(read), [...papers].reverse().map(read));
    assert.deepStrictEqual(Object.keys(finishSteps(unpackPapers(table, { lazy: true }))[2]), [], 'nothing is made with the paper, not even its id and title');
    const plain = (p: Paper) => JSON.parse(JSON.stringify(p)) as unknown;
    assert.deepStrictEqual(lazy.map(plain), papers.map(plain), 'JSON gives the plain paper, fields in order');
    // Packed again (as the CLI stores a corpus), the same table.
    assert.deepStrictEqual(packPapers(lazy), packPapers(papers));
  });

  it('lazily, keeping no fields: each paper decodes them again when read after another paper, the last paper\'s kept', () => {
    const papers = [FULL, { ...FULL, id: 'x-second', authors: ['Ada Second'], keys: ['second2031'] }];
    const table = packPapers(papers);
    const kept = finishSteps(unpackPapers(table, { lazy: true }));
    const unkept = finishSteps(unpackPapers(table, { lazy: true, keepFields: false }));
    const first = unkept[0].authors;
    assert.equal(unkept[0].keys, unkept[0].keys, 'the same paper read twice: decoded once');
    assert.equal(unkept[0].authors, first);
    assert.deepEqual([unkept[1].authors, unkept[1].keys], [['Ada Second'], ['second2031']]);
    const again = unkept[0].authors;
    assert.notEqual(again, first, 'read after another paper: decoded again');
    assert.deepEqual(again, FULL.authors);
    void kept[1].authors;
    assert.equal(kept[0].authors, kept[0].authors);
    const keptFirst = kept[0].authors;
    void kept[1].keys;
    assert.equal(kept[0].authors, keptFirst, 'kept: never decoded again');
    const read = (p: Paper) => Object.fromEntries(FIELDS.map((field) => [field, p[field]]));
    assert.deepStrictEqual([...unkept].reverse().map(read), [...papers].reverse().map(read));
  });
});

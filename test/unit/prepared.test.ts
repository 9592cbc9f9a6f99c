/**
 * The prepared index (`core/prepared.ts`): a corpus's names, matcher and search index built
 * once (in the library worker), stored and restored. A restored corpus must answer exactly as
 * a built one; an index for other papers, or a damaged one, must never be used.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
import { citationKey, CiteKeyResolver } from '../../src/core/citations';
import { IdentifierIndex } from '../../src/core/identifiers';
import type { KeyTableData } from '../../src/core/keyTable';
import { Corpus } from '../../src/core/corpus';
import { checkPapers, dropStored, hasStored, hasStoredAbstracts, readPrepared, readStoredAbstracts, preparedWriter, readStoredBytes, readStoredBytesAsync, readStoredIndexNear, writePrepared } from '../../src/core/libraryCache';
import { packPapers, unpackPapers, type PaperTable } from '../../src/core/paperTable';
import { dataHead, farStartOf, FEEDS_INDEX, keptParts, packData, packTopics, reusableFiling, textList, TextListBuilder, textsOf, TextView, unpackData, unpackDataSteps, unpackPrepared, type PreparedIndex, type TextList } from '../../src/core/prepared';
import { finishSteps } from '../../src/core/steps';
import type { Paper, PaperName } from '../../src/core/types';
import { farTables, searchDataOf, vocabularyDataOf, type SearchIndexData } from '../../src/core/search';
import { FarArray, wholeOf } from '../../src/core/farArrays';
import { loadSources } from '../../src/core/sources';
import { bundledCorpus, bundledSeeds, lazily, LISTING, readListing, ROOT } from './helpers';
import { fixture } from './libraryHelpers';

const WILD = path.join(ROOT, 'test', 'fixtures', 'wild', 'dev');
const QUERIES = ['diffusion transformer', 'lora tracking', 'segment anything', 'datacomp', 'vision language model', 'sparse attention', 'reinforcement'];

function corpusOf(papers: readonly Paper[], prepared?: PreparedIndex): Corpus {
  const seeds = bundledSeeds();
  const corpus = new Corpus(papers, seeds.topics, seeds.isCommonWord, [], seeds.background, undefined, prepared);
  finishSteps(corpus.prepare());
  return corpus;
}

/** What a corpus answers: every paper's names, the mentions in real files, the search results. */
function answers(corpus: Corpus): unknown {
  const texts = fs.readdirSync(WILD).filter((f) => !f.endsWith('.json')).map((f) => fs.readFileSync(path.join(WILD, f), 'utf8'));
  return {
    topics: corpus.papers.map((p) => corpus.topicsOf(p.id).map((t) => t.id)),
    // Each topic's papers in listing order (a restored corpus fills these lists from the index's arrays), and those under none.
    byTopic: corpus.topics.map((t) => corpus.papersIn(t.id).map((p) => p.id)),
    inNoTopic: corpus.papersInNoTopic().map((p) => p.id),
    names: corpus.papers.map((p) => corpus.namesOf(p.id)),
    mentions: texts.map((t) => corpus.matcher.find(t)),
    search: QUERIES.map((q) => corpus.searchIndex.search(q, 10).map((r) => [r.paper.id, r.score])),
    shared: corpus.matcher.sharedNames,
    // Every paper's computed keys, and a key no paper has, resolved (stored keys on a restore).
    citeKeys: [...corpus.papers.map((p) => citationKey(p)), ...corpus.papers.map((p) => citationKey({ title: p.title })), 'nosuchkey2099'].map((key) => corpus.citeKeys.resolve(key)?.id),
    identifiers: corpus.papers.map((p) => (p.arxivId ? corpus.identifiers.resolve({ kind: 'arxiv', id: p.arxivId })?.id : undefined)),
  };
}

describe('prepared index', function () {
  this.timeout(60_000);
  const papers = () => bundledCorpus().papers;
  let built: Corpus;
  let prepared: PreparedIndex;
  before(() => {
    built = corpusOf(papers());
    prepared = built.toPrepared();
  });

  it('a corpus restored from the packed index answers exactly as the corpus built from its papers', () => {
    const bytes = packData(prepared);
    const back = unpackPrepared(bytes);
    assert.ok(back, 'the packed index reads back');
    const restored = corpusOf(papers(), back);
    assert.equal(restored.restored, true);
    assert.equal(built.restored, false);
    const expected = answers(built) as { mentions: unknown[][] };
    assert.ok(expected.mentions.flat().length > 10, 'the wild files mention bundled papers');
    assert.deepEqual(answers(restored), expected);
  });

  it('gives the topics and names it holds to the papers of a new load that are the same: id, title and abstract', () => {
    const old = papers();
    // The new load: the first paper's abstract changed, the second's title, the third gone, the rest moved up, one new paper last.
    const changedAbstract = { ...old[0], abstract: `${old[0].abstract} Edited.` };
    const changedTitle = { ...old[1], title: `${old[1].title} Revisited` };
    const added: Paper = { id: 'new-paper', title: 'A New Paper on Orchid Lattices', abstract: 'We propose OrchidNet.', links: [] };
    const now = [changedAbstract, changedTitle, ...old.slice(3), added];
    const reuse = finishSteps(reusableFiling({ papers: old, prepared }, now))!;
    assert.equal(reuse.count, old.length - 3);
    assert.deepEqual([reuse.topics.length, reuse.names.length], [now.length, now.length], 'one place for each new paper');
    const last = now.length - 1;
    assert.deepEqual([reuse.topics[0], reuse.topics[1], reuse.topics[last], reuse.names[0], reuse.names[1], reuse.names[last]], [undefined, undefined, undefined, undefined, undefined, undefined]);
    for (let k = 2; k < last; k++) {
      assert.deepEqual(reuse.topics[k], built.topicsOf(now[k].id).map((t) => t.id), now[k].id);
      assert.deepEqual(reuse.names[k], built.namesOf(now[k].id), now[k].id);
    }
    // An index for other papers (or damaged) gives nothing: fewer papers, as many with another id, topics past or short of their lists, names for another count.
    const other = [{ ...old[0], id: 'another-id' }, ...old.slice(1)];
    const refs = prepared.topics.refs;
    const longer = Uint16Array.from([...refs, 0]);
    for (const [what, papersThen, index] of [
      ['fewer papers', old.slice(1), prepared],
      ['another id', other, prepared],
      ['a topic missing', old, { ...prepared, topics: { ...prepared.topics, refs: refs.subarray(1) } }],
      ['a topic too many', old, { ...prepared, topics: { ...prepared.topics, refs: longer } }],
      ['no topic ids', old, { ...prepared, topics: { ...prepared.topics, ids: textList([]) } }],
      ['a topic past the ids', old, { ...prepared, topics: { ...prepared.topics, refs: refs.map((ref, k) => (k === refs.length - 1 ? prepared.topics.ids.lengths.length : ref)) } }],
      ['names of other papers', old, { ...prepared, names: { ...prepared.names, counts: prepared.names.counts.subarray(1) } }],
    ] as const) {
      assert.equal(finishSteps(reusableFiling({ papers: papersThen, prepared: index }, now)), undefined, what);
    }
  });

  it('the search index built apart (its vocabulary from the term table, elsewhere) is the one built whole, byte for byte', () => {
    const papers = loadSources({ bundled: { file: LISTING, text: readListing() }, files: ['better-bibtex-arxiv.bib'].map((file) => ({ file, input: fixture(file) })), ...bundledSeeds() }).corpus.papers;
    const whole = corpusOf(papers).searchIndex.toData();
    let terms: SearchIndexData['vocab'] | undefined;
    let calls = 0;
    const apart = corpusOf(papers).searchDataApart((vocab) => {
      terms = vocab;
      calls++;
    });
    assert.equal(calls, 1);
    // The term table as the helper thread posts it: a structured clone.
    const vocabulary = finishSteps(vocabularyDataOf(structuredClone(terms!)));
    assert.ok(Buffer.from(packData({ search: searchDataOf(apart, vocabulary) })).equals(Buffer.from(packData({ search: whole }))));
    assert.ok(whole.vocabulary.delTerm.length > 1000, 'a vocabulary of some size');
  });

  describe('a new load that changed no field the index reads (FEEDS_INDEX)', () => {
    // The bundled papers merged with two real Better BibTeX exports: papers with every field.
    const library = lazily(() => loadSources({ bundled: { file: LISTING, text: readListing() }, files: ['better-bibtex-arxiv.bib', 'better-bibtex-names.bib'].map((file) => ({ file, input: fixture(file) })), ...bundledSeeds() }).corpus.papers);
    const indexOf = (papers: readonly Paper[]) => Buffer.from(packData({ prepared: corpusOf(papers).toPrepared() }));
    const moved = (p: Paper): Paper => ({ ...p, source: p.source && { file: 'moved.bib', line: p.source.line + 40 }, sources: p.sources?.map((s) => ({ ...s, line: s.line + 40, start: (s.start ?? 0) + 900, end: (s.end ?? 0) + 900 })) });
    /** A change of each field of every paper (all the papers: one paper's field might not be read where another's is). */
    const changes: { readonly [F in keyof Paper]-?: (p: Paper) => Paper } = {
      id: (p) => ({ ...p, id: `${p.id}-x` }),
      title: (p) => ({ ...p, title: `${p.title} Revisited` }),
      abstract: (p) => ({ ...p, abstract: `${p.abstract} We propose ZyxNet.` }),
      links: (p) => ({ ...p, links: [...p.links, 'https://github.com/zyx/zyxnet'] }),
      authors: (p) => ({ ...p, authors: ['Ngozi Okafor', ...(p.authors ?? [])] }),
      year: (p) => ({ ...p, year: (p.year ?? 2000) + 1 }),
      doi: (p) => ({ ...p, doi: `10.9999/${p.id}` }),
      arxivId: (p) => ({ ...p, arxivId: `2999.${String(p.id.length).padStart(5, '0')}` }),
      keys: (p) => ({ ...p, keys: [`${p.id}2031`] }),
      source: moved,
      sources: moved,
      venue: (p) => ({ ...p, venue: 'Journal of Moved Venues' }),
      url: (p) => ({ ...p, url: `https://example.org/${p.id}` }),
      keywords: (p) => ({ ...p, keywords: ['read', 'to cite'] }),
      entryType: (p) => ({ ...p, entryType: 'misc' }),
    };

    it('gives an index byte for byte the same when the fields marked false change, and another when a field marked true does', () => {
      const papers = library();
      assert.ok(papers.some((p) => p.authors && p.keys && p.year && p.venue && p.url && p.keywords && p.entryType && p.sources), 'the fixtures have papers with every field');
      const before = indexOf(papers);
      for (const field of Object.keys(FEEDS_INDEX) as (keyof Paper)[]) {
        const after = indexOf(papers.map(changes[field]));
        assert.equal(!after.equals(before), FEEDS_INDEX[field], `${field}: ${FEEDS_INDEX[field] ? 'marked as feeding the index, yet changes none of it' : 'changes the index, yet is marked as not feeding it'}`);
      }
    });

    it('keeps a part of the stored index only where a first load of the new papers builds that part the same, byte for byte', () => {
      const papers = library();
      const prepared = corpusOf(papers).toPrepared();
      const bytes = (part: object) => Buffer.from(packData({ part }));
      const keptBy: Record<string, string[]> = {};
      for (const field of Object.keys(FEEDS_INDEX) as (keyof Paper)[]) {
        if (field === 'id') continue;
        const now = papers.map(changes[field]);
        const reuse = finishSteps(reusableFiling({ papers, prepared }, now))!;
        const fresh = corpusOf(now);
        const built = fresh.toPrepared();
        const kept = reuse.index ? { matcher: prepared.matcher, citeKeys: prepared.citeKeys, identifiers: prepared.identifiers } : keptParts(reuse.parts, reuse.names, (k) => fresh.namesOf(now[k].id));
        for (const [part, data] of Object.entries(kept)) assert.ok(bytes(data).equals(bytes(built[part as keyof typeof kept])), `${field}: the ${part} kept is not the one built`);
        keptBy[field] = Object.keys(kept).sort();
      }
      // What each change keeps: all where no field the index reads changed; the tables a field does not feed.
      assert.deepEqual(keptBy, {
        title: ['identifiers'],
        abstract: ['citeKeys', 'identifiers'],
        links: ['citeKeys', 'identifiers', 'matcher'],
        authors: ['identifiers', 'matcher'],
        year: ['identifiers', 'matcher'],
        doi: ['citeKeys', 'matcher'],
        arxivId: ['citeKeys', 'matcher'],
        keys: ['identifiers', 'matcher'],
        source: ['citeKeys', 'identifiers', 'matcher'],
        sources: ['citeKeys', 'identifiers', 'matcher'],
        venue: ['citeKeys', 'identifiers', 'matcher'],
        url: ['citeKeys', 'identifiers', 'matcher'],
        keywords: ['citeKeys', 'identifiers', 'matcher'],
        entryType: ['citeKeys', 'identifiers', 'matcher'],
      });
    });

    it('hands the stored index over whole only for the same papers in the same order, changed in no field marked true', () => {
      const papers = library();
      const prepared = corpusOf(papers).toPrepared();
      const reuse = (now: readonly Paper[]) => finishSteps(reusableFiling({ papers, prepared }, now))!;
      // One paper with every field, changed alone.
      const k = papers.findIndex((p) => p.authors && p.keys && p.year && p.venue && p.sources);
      const one = (field: keyof Paper) => papers.map((p, i) => (i === k ? changes[field](p) : p));
      assert.ok(k >= 0, 'a paper with every field');
      assert.equal(reuse(papers).index, prepared, 'the same papers');
      // As a new parse gives them: equal lists in new arrays; then one author renamed, and one more.
      const parsedAgain = papers.map((p) => ({ ...p, authors: p.authors && [...p.authors], keys: p.keys && [...p.keys], links: [...p.links] }));
      assert.equal(reuse(parsedAgain).index, prepared, 'the same papers, parsed again');
      const authors = papers[k].authors!;
      for (const [what, changed] of [
        ['an author renamed', [...authors.slice(0, -1), 'Ngozi Okafor']],
        ['an author added', [...authors, 'Ngozi Okafor']],
        ['the authors gone', undefined],
      ] as const) {
        assert.equal(reuse(parsedAgain.map((p, i) => (i === k ? { ...p, authors: changed } : p))).index, undefined, what);
      }
      for (const field of Object.keys(FEEDS_INDEX) as (keyof Paper)[]) {
        const got = reuse(one(field));
        assert.equal(got.index, FEEDS_INDEX[field] ? undefined : prepared, field);
        // Filing and names are still reused where the id, title and abstract are the same.
        assert.equal(got.count, ['id', 'title', 'abstract'].includes(field) ? papers.length - 1 : papers.length, field);
        // Where not whole, the parts of it the changed field does not feed (an id changed: the paper is another, in no place).
        if (got.index || field === 'id') {
          assert.equal(got.parts, undefined, field);
          continue;
        }
        assert.equal(got.parts?.citeKeys, ['keys', 'title', 'authors', 'year'].includes(field) ? undefined : prepared.citeKeys, field);
        assert.equal(got.parts?.identifiers, ['arxivId', 'doi'].includes(field) ? undefined : prepared.identifiers, field);
        assert.equal(got.parts?.matcher?.data, prepared.matcher, field);
      }
      // The matcher is kept only where every paper's names are the stored ones: those reused are.
      // A paper with names, its abstract edited: named again, the same names or others.
      const j = reuse(papers).names.findIndex((list) => !!list && list.length > 1);
      assert.ok(j >= 0, 'a paper with two names or more');
      const edited = reuse(papers.map((p, i) => (i === j ? { ...p, abstract: `${p.abstract} Edited.` } : p)));
      assert.equal(edited.names[j], undefined);
      const stored = edited.parts!.matcher!.namesAt;
      const namesNow = (i: number) => edited.names[i] ?? stored(i);
      const withNames = (list: (names: readonly PaperName[]) => readonly PaperName[]) => (i: number) => (i === j ? list(stored(i)) : namesNow(i));
      assert.deepEqual(Object.keys(keptParts(edited.parts, edited.names, namesNow)), ['citeKeys', 'identifiers', 'matcher']);
      assert.deepEqual(Object.keys(keptParts(edited.parts, edited.names, withNames((list) => list.map((n) => ({ ...n }))))), ['citeKeys', 'identifiers', 'matcher'], 'equal names, other objects');
      assert.deepEqual(Object.keys(keptParts(edited.parts, edited.names, withNames((list) => list.slice(1)))), ['citeKeys', 'identifiers'], 'a name fewer');
      for (const change of [{ text: 'Renamed' }, { kind: 'field' as const }, { ambiguous: !stored(j)[1].ambiguous }, { why: 'another reason' }, { paperId: 'another' }]) {
        const changed = withNames((list) => list.map((n, i) => (i === 1 ? { ...n, ...change } : n)));
        assert.equal(keptParts(edited.parts, edited.names, changed).matcher, undefined, JSON.stringify(change));
      }
      assert.deepEqual(keptParts(undefined, edited.names, namesNow), {});
      const swapped = [papers[1], papers[0], ...papers.slice(2)];
      const added: Paper = { id: 'new-paper', title: 'A New Paper on Orchid Lattices', abstract: 'We propose OrchidNet.', links: [] };
      for (const [what, now] of [
        ['two papers swapped', swapped],
        ['a paper added', [...papers, added]],
        ['a paper gone', papers.slice(0, -1)],
      ] as const) {
        assert.equal(reuse(now).index, undefined, what);
        assert.equal(reuse(now).parts, undefined, what);
      }
      assert.equal(reuse(swapped).count, papers.length, 'swapped, each is filed and named as before');
    });
  });

  it('is restored, not built again: an index kept for the same papers is used as it is', () => {
    // Same ids, but one abstract changed: a corpus that built its own search index would find
    // the new word; one restored from the index built before cannot. (The cache's key is the
    // files' content, so this never happens in use.)
    const changed = papers().map((p, i) => (i === 0 ? { ...p, abstract: `${p.abstract} zyxwvutsrqp` } : p));
    assert.equal(corpusOf(changed).searchIndex.search('zyxwvutsrqp', 5)[0]?.paper.id, changed[0].id);
    assert.equal(corpusOf(changed, unpackPrepared(packData(prepared))).searchIndex.search('zyxwvutsrqp', 5).length, 0);
  });

  it('resolves cite keys from the table it holds, not built again, and builds them when that is damaged', () => {
    const back = unpackPrepared(packData(prepared))!;
    // A table in which the first paper also goes by a key its fields do not give.
    const other = papers().map((p, i) => (i === 0 ? { ...p, keys: ['StoredOnly2099'] } : p));
    const table = new CiteKeyResolver(other).toData();
    const restored = corpusOf(papers(), { ...back, citeKeys: table });
    assert.equal(restored.citeKeys.resolve('@storedonly2099')?.id, papers()[0].id);
    assert.equal(restored.citeKeys.resolve('@StoredOnly2099')?.id, papers()[0].id, 'keys compare ignoring case');
    assert.equal(built.citeKeys.resolve('storedonly2099'), undefined);
    const key = citationKey(papers()[0]);
    const damages: Record<string, KeyTableData> = {
      'text cut': { ...back.citeKeys, keys: { ...back.citeKeys.keys, joined: 'x' } },
      'hashes out of order': { ...back.citeKeys, hashes: back.citeKeys.hashes.slice().reverse() },
      'a paper past the end': { ...back.citeKeys, values: back.citeKeys.values.map((v, k) => (k === 0 ? papers().length * 2 : v)) },
      'a list cut short': { ...back.citeKeys, values: back.citeKeys.values.slice(1) },
      'a negative length': { ...back.citeKeys, keys: { ...back.citeKeys.keys, lengths: back.citeKeys.keys.lengths.map((n, k) => (k === 0 ? -1 : k === 1 ? n + back.citeKeys.keys.lengths[0] + 1 : n)) } },
    };
    for (const [what, citeKeys] of Object.entries(damages)) {
      const damaged = corpusOf(papers(), { ...back, citeKeys });
      assert.equal(damaged.citeKeys.resolve(key)?.id, papers()[0].id, what);
      assert.equal(damaged.citeKeys.resolve('nosuchkey2099'), undefined, what);
    }
  });

  it('resolves arXiv ids and DOIs from the table it holds, and builds them when that is damaged', () => {
    const back = unpackPrepared(packData(prepared))!;
    const other = papers().map((p, i) => (i === 1 ? { ...p, doi: '10.9999/Stored.Only' } : p));
    const restored = corpusOf(papers(), { ...back, identifiers: new IdentifierIndex(other).toData() });
    assert.equal(restored.identifiers.resolve({ kind: 'doi', id: '10.9999/stored.only' })?.id, papers()[1].id);
    assert.equal(built.identifiers.resolve({ kind: 'doi', id: '10.9999/stored.only' }), undefined);
    // (The bundled papers have no identifiers: the stored table is empty, and one key more damages it.)
    const damaged = { ...back, identifiers: { ...back.identifiers, hashes: Int32Array.of(...back.identifiers.hashes, 5) } };
    assert.equal(corpusOf(other, damaged).identifiers.resolve({ kind: 'doi', id: '10.9999/STORED.ONLY' })?.id, other[1].id, 'built from the papers');
    assert.equal(corpusOf(papers(), damaged).identifiers.resolve({ kind: 'doi', id: '10.9999/stored.only' }), undefined);
  });

  it('finds a paper by a key a library gives it, not by a computed one', () => {
    const withKey = papers().map((p, i) => (i === 2 ? { ...p, keys: ['Lib:Key'] } : p));
    const corpus = corpusOf(withKey);
    assert.equal(corpus.find('@lib:key')?.id, withKey[2].id);
    assert.equal(corpus.citeKeys.libraryKey('LIB:KEY')?.id, withKey[2].id);
    const computed = citationKey(withKey[3]);
    assert.equal(corpus.citeKeys.resolve(computed)?.id, withKey[3].id);
    assert.equal(corpus.citeKeys.libraryKey(computed), undefined, 'a computed key is no library key');
  });

  it('files the papers under the topics it holds, without classifying them again', () => {
    const first = bundledSeeds().topics[0].id;
    const back = unpackPrepared(packData(prepared))!;
    const everything = { ...back, topics: packTopics(papers().map(() => [first])) };
    const restored = corpusOf(papers(), everything);
    assert.equal(restored.papersIn(first).length, papers().length);
    assert.ok(built.papersIn(first).length < papers().length, 'the classifier itself files them apart');
  });

  it('is refused for other papers, and the corpus builds its own', () => {
    const reordered = [...papers()].reverse();
    const fresh = answers(corpusOf(reordered));
    assert.deepEqual(answers(corpusOf(reordered, unpackPrepared(packData(prepared)))), fresh);
    const refused = corpusOf(reordered, unpackPrepared(packData(prepared)));
    assert.equal(refused.restored, false);
    const fewer = papers().slice(1);
    assert.deepEqual(answers(corpusOf(fewer, unpackPrepared(packData(prepared)))), answers(corpusOf(fewer)));
  });

  it('a damaged index is refused or dropped, never used half', () => {
    const bytes = packData(prepared);
    for (const cut of [0, 7, 8, 100, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const back = unpackPrepared(bytes.slice(0, cut));
      assert.equal(back, undefined, `cut at ${cut} of ${bytes.length}`);
    }
    // Texts that do not fill their list: the restore throws inside, and the corpus builds instead.
    const back = unpackPrepared(bytes)!;
    const damaged = { ...back, names: { ...back.names, texts: { ...back.names.texts, joined: back.names.texts.joined.slice(1) } } };
    const rebuilt = corpusOf(papers(), damaged);
    assert.equal(rebuilt.restored, false);
    assert.deepEqual(answers(rebuilt), answers(built));
  });

  it('unpacks in steps to the same value, a long text a step, its arrays views of the bytes where they are aligned', () => {
    const long = 'Müller '.repeat(1000);
    const value = { arrays: [Int32Array.of(1, -2, 3), Float64Array.of(0.5)], texts: [long, 'short', `${long}ASCII`], nested: { other: long.toUpperCase() } };
    const bytes = packData(value);
    const steps = unpackDataSteps(bytes);
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    assert.deepEqual(step.value, value);
    assert.equal(yields, 3, 'one step for each of the three long texts');
    const back = step.value as typeof value;
    assert.equal(back.arrays[0].buffer, bytes.buffer, 'aligned: a view of the bytes, not a copy');
    // At an offset that is not a multiple of 8, the arrays are views of one aligned copy.
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const moved = finishSteps(unpackDataSteps(shifted.subarray(3))) as typeof value;
    assert.deepEqual(moved, value);
    assert.notEqual(moved.arrays[0].buffer, shifted.buffer);
    assert.deepEqual(unpackData(shifted.subarray(3)), value);
    // A text longer than a megabyte is decoded a megabyte a step, a character cut by a step's end whole.
    const piece = 1 << 20;
    for (const cut of ['é', '😀', '数']) {
      const huge = { text: `${'a'.repeat(piece - 1)}${cut}${'b'.repeat(piece)}${cut}` };
      const hugeSteps = unpackDataSteps(packData(huge));
      let hugeYields = 0;
      let hugeStep = hugeSteps.next();
      for (; !hugeStep.done; hugeStep = hugeSteps.next()) hugeYields++;
      assert.equal((hugeStep.value as typeof huge).text, huge.text, cut);
      assert.equal(hugeYields, 3, `${cut}: a step a megabyte`);
    }
    // Bytes that are not UTF-8 are refused, past the first megabyte too.
    const bad = packData({ text: 'a'.repeat(piece + 10) });
    bad[bad.length - 8] = 0xff;
    assert.equal(unpackData(bad), undefined);
  });

  it('reads the head alone, its sections checked against the end, and refuses bytes cut short or not its own', () => {
    const long = 'x'.repeat(5000);
    const bytes = packData({ format: 7, ints: Int32Array.of(4, 5), text: long });
    const head = dataHead(bytes) as { format: number; ints: { $typed: string; length: number }; text: { $text: number } };
    assert.equal(head.format, 7);
    assert.deepEqual([head.ints.$typed, head.ints.length], ['Int32Array', 2]);
    assert.equal(typeof head.text.$text, 'number', 'a section is left unread');
    for (const cut of [0, 7, 8, 20, bytes.length - 1]) {
      assert.equal(dataHead(bytes.subarray(0, cut)), undefined, `cut at ${cut} of ${bytes.length}`);
      assert.equal(finishSteps(unpackDataSteps(bytes.subarray(0, cut))), undefined, `cut at ${cut} of ${bytes.length}`);
    }
    const other = bytes.slice();
    other[0] ^= 1;
    assert.equal(dataHead(other), undefined, 'another magic');
    // A text section that is not UTF-8: the head reads, the unpacking refuses.
    const broken = bytes.slice();
    broken[broken.length - 8] = 0xff;
    assert.ok(dataHead(broken));
    assert.equal(finishSteps(unpackDataSteps(broken)), undefined);
  });

  it('stores the arrays asked for last, and reads back up to them, those left where they are and read a range at a time', () => {
    const ints = Int32Array.from({ length: 1000 }, (_, k) => k * 7 - 300);
    const bytes16 = Uint16Array.from({ length: 333 }, (_, k) => (k * 31) % 65_536);
    const near = Float64Array.of(0.5, -2);
    const value = { near, ints, more: { bytes16, text: 'é'.repeat(5000) } };
    const bytes = packData(value, new Set([ints, bytes16]));
    const start = farStartOf(bytes)!;
    assert.equal(start, bytes.length - 4000 - 672, 'the far arrays last, each padded to 8 bytes');
    assert.equal(farStartOf(packData(value)), packData(value).length, 'none asked for: the far part is empty');
    // Read whole: views of the bytes, as without far arrays.
    assert.deepEqual(unpackData(bytes), value);
    // Read up to them: the far arrays are read as asked for, at their place in the file.
    const reads: [number, number][] = [];
    const far = { size: bytes.length, read: (at: number, length: number) => (reads.push([at, length]), bytes.slice(at, at + length)) };
    const back = finishSteps(unpackDataSteps(bytes.slice(0, start), far)) as { near: Float64Array; ints: FarArray<Int32Array>; more: { bytes16: FarArray<Uint16Array>; text: string } };
    assert.deepEqual(back.near, near);
    assert.equal(back.more.text, value.more.text);
    assert.ok(back.ints instanceof FarArray && back.more.bytes16 instanceof FarArray);
    assert.deepEqual(reads, [], 'nothing read before a range is asked for');
    assert.equal(back.ints.length, 1000);
    assert.deepEqual(back.ints.range(10, 13), ints.subarray(10, 13));
    assert.deepEqual(back.ints.range(0, 1000), ints);
    assert.deepEqual(back.more.bytes16.range(332, 333), bytes16.subarray(332));
    assert.deepEqual(back.ints.range(5, 5), new Int32Array(0));
    assert.deepEqual(reads.slice(0, 2), [[start + 40, 12], [start, 4000]]);
    assert.throws(() => back.ints.range(999, 1001), RangeError);
    assert.throws(() => back.ints.range(3, 2), RangeError);
    // Packed again: a far array is read whole and stored, the same bytes.
    assert.deepEqual(packData(back, new Set([back.ints, back.more.bytes16])), bytes);
    // Up to them without a reader, or with a file too short to hold them: refused.
    assert.equal(unpackData(bytes.slice(0, start)), undefined);
    assert.equal(finishSteps(unpackDataSteps(bytes.slice(0, start), { ...far, size: start + 4000 + 666 - 1 })), undefined);
    assert.ok(finishSteps(unpackDataSteps(bytes.slice(0, start), { ...far, size: start + 4000 + 666 })), 'its padding need not be there');
    // A near array or text is never left to the reader: bytes cut before its end are refused.
    assert.equal(finishSteps(unpackDataSteps(bytes.slice(0, start - 8), far)), undefined);
    const nearLast = packData({ near: Int32Array.of(1, 2, 3, 4), far: ints }, new Set([ints]));
    const nearEnd = farStartOf(nearLast)!;
    assert.equal(finishSteps(unpackDataSteps(nearLast.slice(0, nearEnd - 8), { size: nearLast.length, read: (at, length) => nearLast.slice(at, at + length) })), undefined);
    // The head alone checks the far sections against the file's size.
    assert.ok(dataHead(bytes.slice(0, start), far));
    assert.equal(dataHead(bytes.slice(0, start), { size: start + 4000 + 665 }), undefined);
    assert.equal(farStartOf(bytes.slice(0, 15)), undefined, 'a header cut short');
  });

  it('refuses a header whose far sections start anywhere but at a multiple of 8 past the head, an array it cannot store, and a type it does not know', () => {
    const value = { format: 1 };
    const plain = packData(value);
    assert.equal(farStartOf(plain), plain.length, 'no sections at all: the far part starts at the end');
    assert.deepEqual(unpackData(plain), value);
    const bytes = packData({ ints: Int32Array.of(1, 2) }, new Set());
    const start = farStartOf(bytes)!;
    for (const damaged of [3.5, 8, start - 16, start + 4, Number.NaN, 2 ** 53]) {
      const copy = bytes.slice();
      new DataView(copy.buffer).setFloat64(8, damaged, true);
      assert.equal(farStartOf(copy), undefined, String(damaged));
      assert.equal(unpackData(copy), undefined, String(damaged));
    }
    assert.equal(farStartOf(bytes.slice(0, 16)), start, 'read from the header alone');
    assert.equal(unpackData(bytes.slice(0, 16)), undefined, 'but not unpacked from it');
    assert.throws(() => packData({ big: new BigInt64Array(1) }), /cannot store a BigInt64Array/);
    const unknown = Buffer.from(bytes);
    const at = unknown.indexOf('Int32Array');
    unknown.write('Int32Arrax', at);
    assert.equal(dataHead(unknown), undefined, 'an array of a type it does not know');
  });

  it('a corpus restored with its posting lists and typo table left on the disk answers exactly as one built, and reads each list once', () => {
    const bytes = packData({ prepared }, new Set(farTables(prepared.search)));
    const start = farStartOf(bytes)!;
    assert.ok(start < bytes.length * 0.8, `the far tables are a good part of the index (${start} of ${bytes.length} bytes)`);
    let reads = 0;
    const far = { size: bytes.length, read: (at: number, length: number) => (reads++, bytes.slice(at, at + length)) };
    const back = (finishSteps(unpackDataSteps(bytes.slice(0, start), far)) as { prepared: PreparedIndex }).prepared;
    assert.ok(back.search.postings.postDoc instanceof FarArray && back.search.vocabulary.delTerm instanceof FarArray);
    const restored = corpusOf(papers(), back);
    assert.equal(restored.restored, true);
    assert.deepEqual(answers(restored), answers(built));
    // Typos (the typo table) and a last word being typed (completions) too.
    for (const query of ['difusion transfromer', 'segmnet anything', 'vision lang', 'datac', 'lora trakcing ']) {
      assert.deepEqual(restored.searchIndex.search(query, 10), built.searchIndex.search(query, 10), query);
    }
    assert.ok(reads > 0, 'lists were read');
    const before = reads;
    restored.searchIndex.search('difusion transfromer', 10);
    assert.equal(reads, before, 'a query asked again reads nothing');
  });

  it('posting lists or a typo table whose sizes do not agree are refused, and the corpus builds its own', () => {
    const { postings, vocabulary } = prepared.search;
    const postDoc = wholeOf(postings.postDoc);
    const postImpact = wholeOf(postings.postImpact);
    const delStart = wholeOf(vocabulary.delStart);
    for (const search of [
      { ...prepared.search, postings: { ...postings, postImpact: postImpact.subarray(1) } },
      { ...prepared.search, postings: { ...postings, postDoc: postDoc.subarray(0, postDoc.length - 1) } },
      { ...prepared.search, vocabulary: { ...vocabulary, delStart: delStart.subarray(1) } },
      { ...prepared.search, vocabulary: { ...vocabulary, delMask: vocabulary.delMask * 2 + 1 } },
    ]) {
      const rebuilt = corpusOf(papers(), { ...prepared, search });
      assert.equal(rebuilt.restored, false);
      assert.deepEqual(rebuilt.searchIndex.search('diffusion transformer', 5), built.searchIndex.search('diffusion transformer', 5));
    }
  });

  it('a view of a list of texts cuts each item out as asked, the same as the list', () => {
    const items = ['', 'a', '😀 astral', 'NUL \u0000', 'é'];
    const view = new TextView(textList(items));
    assert.equal(view.length, items.length);
    assert.deepEqual(Array.from({ length: view.length }, (_, k) => view.at(k)), items);
    assert.equal(view.at(-1), undefined);
    assert.equal(view.at(items.length), undefined);
    assert.deepEqual(textList(view), textList(items), 'stored again, the same list');
    assert.throws(() => new TextView({ lengths: Int32Array.of(2), joined: 'abc', wide: '' }), /does not fill/);
    assert.throws(() => new TextView({ lengths: Int32Array.of(3, -1), joined: 'abc', wide: '' }), /text 1 of size -1/);
    assert.throws(() => new TextView({ lengths: Int32Array.of(3, ~1), joined: 'abc', wide: 'éé' }), /does not fill/, 'the wide text longer than its items');
    assert.throws(() => new TextView({ lengths: Int32Array.of(3, ~3), joined: 'abc', wide: 'éé' }), /does not fill/, 'the wide text shorter than its items');
    assert.throws(() => new TextView({ lengths: Int32Array.of(3), joined: 'abc' } as unknown as TextList), /without its texts/);
    assert.throws(() => new TextView({ lengths: Int32Array.of(), wide: '' } as unknown as TextList), /without its texts/);
  });

  it('keeps the items past ASCII apart, so that the joined text stays ASCII', () => {
    const items = ['attention', 'Müller', '', 'über', 'x', '😀', 'end'];
    const list = textList(items);
    assert.equal(list.joined, 'attentionxend');
    assert.equal(list.wide, 'Müllerüber😀');
    assert.deepEqual([...list.lengths], [9, ~6, 0, ~4, 1, ~2, 3]);
    const view = new TextView(list);
    assert.deepEqual(Array.from({ length: view.length }, (_, k) => view.at(k)), items);
    for (const [k, item] of items.entries()) {
      assert.ok(view.is(k, item), item);
      assert.ok(!view.is(k, `${item}s`), `${item}s`);
      assert.ok(!view.is(k, item.slice(1)) || item === '', `${item} less its first character`);
    }
    // Another item at the same place in the other text, of the same length.
    assert.ok(!view.is(1, 'attent'), 'an ASCII item where a wide one is');
    assert.ok(!view.is(0, 'Müllerübe'), 'a wide text where an ASCII one is');
    assert.ok(!view.is(1, 'Müllerü'), 'a wide item and the start of the next');
    assert.ok(!view.is(0, 'attentionx'), 'an ASCII item and the start of the next');
    const back = unpackData(packData({ list })) as { list: TextList };
    assert.deepEqual(finishSteps(textsOf(back.list)), items, 'stored and read back');
  });

  it('keeps a long list\'s ASCII items as bytes when read back, and reads each item from them as asked', () => {
    // Long enough to stay bytes (64K characters and more), with items past ASCII, empty and NUL ones.
    const items = Array.from({ length: 12_000 }, (_, k) => (k % 9 === 0 ? `é${k}` : k % 11 === 0 ? '' : k % 13 === 0 ? `n\u0000${k}` : `term${k}`));
    const list = textList(items);
    assert.ok(typeof list.joined === 'string' && list.joined.length >= 1 << 16);
    const back = unpackData(packData({ list, short: textList(['a', 'b']) })) as { list: TextList; short: TextList };
    assert.ok(back.list.joined instanceof Uint8Array, 'a long list: bytes');
    assert.equal(typeof back.short.joined, 'string', 'a short one: a string');
    const view = new TextView(back.list);
    assert.deepEqual(Array.from({ length: view.length }, (_, k) => view.at(k)), items);
    for (const k of [0, 1, 11, 13, 9, 11_999]) {
      assert.ok(view.is(k, items[k]), items[k]);
      assert.ok(!view.is(k, `${items[k]}x`));
      if (items[k].length) assert.ok(!view.is(k, `${items[k].slice(0, -1)}Z`), `${items[k]} with its last character changed`);
    }
    // Stored again from the bytes: the same list, as the same text section a string makes.
    const stored = packData({ list: back.list });
    assert.deepEqual(stored, packData({ list }));
    assert.equal(typeof (dataHead(stored) as { list: { joined: { $text?: number } } }).list.joined.$text, 'number');
    const again = unpackData(stored) as { list: TextList };
    assert.ok(again.list.joined instanceof Uint8Array);
    assert.deepEqual(finishSteps(textsOf(again.list)), items);
    // Bytes past ASCII (a damaged file) are read as text, not kept as bytes.
    const packed = packData({ list });
    const at = Buffer.from(packed).indexOf('term1');
    packed[at] = 0xc3;
    packed[at + 1] = 0xa9;
    const damaged = unpackData(packed) as { list: TextList };
    assert.equal(typeof damaged.list.joined, 'string');
    assert.throws(() => new TextView(damaged.list), /does not fill/, 'two bytes one character: the items no longer fill the text');
    assert.throws(() => new TextView({ lengths: Int32Array.of(4), joined: new Uint8Array(3), wide: '' }), /does not fill/);
  });

  it('keeps a list\'s ASCII items as bytes from 64K characters on, and only a list\'s', () => {
    const ofLength = (n: number) => textList([`${'a'.repeat(n - 1)}`, 'b']);
    const back = unpackData(packData({ at: ofLength(1 << 16), below: ofLength((1 << 16) - 1), other: { lengths: Int32Array.of(1), text: 'c'.repeat(1 << 16) } })) as Record<string, TextList> & { other: { text: unknown } };
    assert.ok(back.at.joined instanceof Uint8Array, '64K characters: bytes');
    assert.equal(typeof back.below.joined, 'string', 'one fewer: a string');
    assert.equal(typeof back.other.text, 'string', 'a long string beside lengths, not a list\'s items');
    assert.deepEqual(finishSteps(textsOf(back.at)), ['a'.repeat((1 << 16) - 1), 'b']);
  });

  it('joins a long list a run at a time, in the order given', () => {
    const items = Array.from({ length: 10_000 }, (_, k) => (k % 7 === 0 ? `é${k}` : `w${k}`));
    const list = textList(items);
    assert.deepEqual(finishSteps(textsOf(list)), items);
    assert.equal(list.joined, items.filter((t) => !t.startsWith('é')).join(''));
    assert.equal(list.wide, items.filter((t) => t.startsWith('é')).join(''));
    const builder = new TextListBuilder(2);
    builder.add('a');
    assert.throws(() => builder.finish(), /a list of 2 texts given 1/);
  });

  it('a list of texts keeps every item, empty, astral or holding NUL', () => {
    const items = ['', 'a', '\u0000', 'Müller', '😀x', '', 'end'];
    assert.deepEqual(finishSteps(textsOf(textList(items))), items);
    assert.deepEqual(finishSteps(textsOf(textList([]))), []);
    assert.throws(() => finishSteps(textsOf({ lengths: Int32Array.of(2), joined: 'abc', wide: '' })), /does not fill/);
    assert.throws(() => finishSteps(textsOf({ lengths: Int32Array.of(3, ~1), joined: 'abc', wide: 'éé' })), /does not fill/);
    assert.throws(() => finishSteps(textsOf({ lengths: Int32Array.of(3, -1), joined: 'abc', wide: '' })), /text 1 of size -1/);
  });

  describe('in the cache', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-prepared-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('is read back for the same load, and missed for any change to its files, version or bundled papers', () => {
      const parts = ['true', 'lib.bib\u0000abc'];
      writePrepared(dir, 'v1', parts, { prepared });
      const back = readPrepared(dir, 'v1', parts);
      assert.ok(back);
      assert.deepEqual(answers(corpusOf(papers(), back.prepared)), answers(built));
      assert.equal(readPrepared(dir, 'v1', ['true', 'lib.bib\u0000abd']), undefined);
      assert.equal(readPrepared(dir, 'v1', ['false', 'lib.bib\u0000abc']), undefined);
      assert.equal(readPrepared(dir, 'v2', parts), undefined);
    });

    it('packs a load to store before its buffers are sent away, and writes it when asked, whole', () => {
      const parts = ['true', 'later.bib\u0000abc'];
      const table = packPapers(papers());
      const abstracts = table.abstracts.slice();
      const write = preparedWriter(dir, 'v1', parts, { prepared, papers: table, problems: [] });
      assert.ok(!hasStored(dir, 'v1', parts), 'nothing written yet');
      // As the worker transfers the table to the host before it writes: its buffers are detached.
      for (const array of [table.abstracts, table.ints, table.narrow]) structuredClone(array.buffer, { transfer: [array.buffer as ArrayBuffer] });
      assert.equal(table.abstracts.length, 0, 'detached');
      write();
      assert.ok(hasStored(dir, 'v1', parts));
      const stored = checkPapers(unpackData(readStoredBytes(dir, 'v1', parts, 'papers')!))!;
      assert.deepEqual(readStoredAbstracts(dir, 'v1', parts, stored.abstracts), abstracts);
      assert.deepStrictEqual(finishSteps(unpackPapers({ ...stored.papers, abstracts })), papers());
    });

    it('links (or copies) the index of the load named for it, the same bytes, and stores nothing when that is gone', () => {
      const before = ['true', 'tagged.bib\u0000one'];
      const after = ['true', 'tagged.bib\u0000two'];
      writePrepared(dir, 'v1', before, { prepared, papers: packPapers(papers()), problems: [] });
      // The new load's papers (their fields the index does not read changed), its index the stored one of `before`.
      const write = preparedWriter(dir, 'v1', after, { prepared, papers: packPapers(papers()), problems: [] }, before);
      write();
      assert.ok(hasStored(dir, 'v1', after));
      assert.deepEqual(readStoredBytes(dir, 'v1', after, 'index'), readStoredBytes(dir, 'v1', before, 'index'));
      // One file on the disk under both names (a hard link, on the file systems the tests run on).
      const linked = fs.readdirSync(dir).filter((name) => /^prepared-[0-9a-f]+\.bin$/.test(name) && fs.statSync(path.join(dir, name)).nlink === 2);
      assert.equal(linked.length, 2, 'the two loads share one index file');
      assert.ok(readPrepared(dir, 'v1', after), 'read back whole');
      // The index to copy gone: neither the index nor the papers are stored.
      const gone = ['true', 'tagged.bib\u0000three'];
      dropStored(dir, 'v1', before);
      preparedWriter(dir, 'v1', gone, { prepared, papers: packPapers(papers()), problems: [] }, before)();
      assert.equal(hasStored(dir, 'v1', gone), false);
      assert.equal(readStoredBytes(dir, 'v1', gone, 'papers'), undefined);
      assert.equal(readStoredAbstracts(dir, 'v1', gone, packPapers(papers()).abstracts.length), undefined);
    });

    it('is read lazily for the CLI: its far tables and the abstracts stay in their files, read as asked for, and it answers as read whole', () => {
      const parts = ['true', 'lazy.bib\u0000abc'];
      writePrepared(dir, 'v1', parts, { prepared, papers: packPapers(papers()), problems: [] });
      const whole = readPrepared(dir, 'v1', parts)!;
      const lazy = readPrepared(dir, 'v1', parts, undefined, true)!;
      assert.ok(whole.papers && whole.papers.abstracts.length > 0 && whole.abstractsLater === undefined, 'read whole: the abstracts in the table');
      assert.ok(lazy.papers && lazy.papers.abstracts.length === 0 && lazy.abstractsLater, 'read lazily: the abstracts left in their file');
      assert.equal(lazy.abstractsLater.length, whole.papers.abstracts.length);
      assert.ok(lazy.prepared.search.postings.postDoc instanceof FarArray && !(whole.prepared.search.postings.postDoc instanceof FarArray));
      // The stored load removed: the lazy one reads the files it opened.
      dropStored(dir, 'v1', parts);
      const cut = finishSteps(unpackPapers(lazy.papers, { lazy: true, abstracts: lazy.abstractsLater }));
      assert.deepEqual(cut.map((p) => p.abstract), papers().map((p) => p.abstract));
      assert.deepEqual(answers(corpusOf(cut, lazy.prepared)), answers(built));
      assert.equal(readPrepared(dir, 'v1', parts, undefined, true), undefined, 'none stored');
    });

    it('is read by the editor up to its far tables, which are read from the file it opened, even once the file is gone', async () => {
      const parts = ['true', 'near.bib\u0000abc'];
      writePrepared(dir, 'v1', parts, { prepared, papers: packPapers(papers()), problems: [] });
      const whole = readStoredBytes(dir, 'v1', parts, 'index')!;
      const near = (await readStoredIndexNear(dir, 'v1', parts))!;
      assert.ok(near.far, 'the far tables left to a reader');
      assert.equal(near.far.size, whole.length);
      assert.equal(near.bytes.length, farStartOf(whole));
      assert.ok(near.bytes.length < whole.length);
      assert.deepEqual(near.bytes, whole.subarray(0, near.bytes.length));
      // The stored load pruned or rewritten meanwhile: the file opened is still the one read.
      dropStored(dir, 'v1', parts);
      const back = finishSteps(unpackDataSteps(near.bytes, near.far)) as { prepared: PreparedIndex };
      assert.deepEqual(answers(corpusOf(papers(), back.prepared)), answers(built));
      assert.equal(await readStoredIndexNear(dir, 'v1', parts), undefined, 'none stored');
      // An index cut within its far tables, or within its head: refused.
      writePrepared(dir, 'v1', parts, { prepared, papers: packPapers(papers()), problems: [] });
      const file = fs.readdirSync(dir).find((name) => /^prepared-[0-9a-f]+\.bin$/.test(name))!;
      fs.truncateSync(path.join(dir, file), whole.length - 8);
      assert.equal(await readStoredIndexNear(dir, 'v1', parts), undefined, 'cut in its far tables');
      fs.truncateSync(path.join(dir, file), 12);
      assert.equal(await readStoredIndexNear(dir, 'v1', parts), undefined, 'cut in its header');
    });

    it('closes a stored index it refuses at once, and never again once its number is another file\'s', async () => {
      const parts = ['true', 'refused.bib\u0000abc'];
      writePrepared(dir, 'v1', parts, { prepared, papers: packPapers(papers()), problems: [] });
      const file = path.join(dir, fs.readdirSync(dir).find((name) => /^prepared-[0-9a-f]+\.bin$/.test(name))!);
      // Cut within its far tables: its head reads, the reader was made, the index is refused.
      fs.truncateSync(file, fs.statSync(file).size - 8);
      const gc = runInNewContext('gc') as () => void;
      for (const refuse of [() => readStoredIndexNear(dir, 'v1', parts), async () => readPrepared(dir, 'v1', parts, undefined, true)]) {
        assert.equal(await refuse(), undefined);
        // The descriptor it closed is the next one opened; collecting the refused reader must leave that one open.
        const other = fs.openSync(__filename, 'r');
        try {
          for (let k = 0; k < 3; k++) {
            gc();
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          assert.ok(fs.fstatSync(other).size > 0, 'the file opened since is still open');
        } finally {
          fs.closeSync(other);
        }
      }
    });

    it('hands over the stored index and papers unread, apart, only when their heads are a stored load of this format', async () => {
      const parts = ['true', 'lib.bib\u0000abc'];
      const table = packPapers(papers());
      writePrepared(dir, 'v1', parts, { prepared, papers: table, problems: [] });
      assert.ok(hasStored(dir, 'v1', parts));
      const index = readStoredBytes(dir, 'v1', parts, 'index')!;
      assert.ok(index);
      assert.deepEqual(answers(corpusOf(papers(), (unpackData(index) as { prepared: PreparedIndex }).prepared)), answers(built));
      assert.equal(index.byteOffset, 0, 'a whole file, whose buffer the worker can transfer');
      // Read without holding the thread (as the worker reads them, both at once): the same bytes, a whole buffer each.
      for (const part of ['index', 'papers'] as const) {
        const read = (await readStoredBytesAsync(dir, 'v1', parts, part))!;
        assert.deepEqual(read.bytes, readStoredBytes(dir, 'v1', parts, part), part);
        assert.equal(read.bytes.byteLength, read.bytes.buffer.byteLength, part);
        // The papers' head comes checked, with the length of their abstracts.
        assert.equal(read.papers?.abstracts, part === 'papers' ? table.abstracts.length : undefined, part);
      }
      assert.equal(await readStoredBytesAsync(dir, 'v1', ['false'], 'index'), undefined, 'none stored');
      const stored = checkPapers(unpackData(readStoredBytes(dir, 'v1', parts, 'papers')!))!;
      assert.equal(stored.papers.abstracts.length, 0, 'the abstracts apart');
      assert.ok(hasStoredAbstracts(dir, 'v1', parts, stored.abstracts));
      assert.ok(!hasStoredAbstracts(dir, 'v1', parts, stored.abstracts + 1), 'another length');
      const abstracts = readStoredAbstracts(dir, 'v1', parts, stored.abstracts)!;
      assert.deepStrictEqual(finishSteps(unpackPapers({ ...stored.papers, abstracts })), papers());
      assert.equal(readStoredAbstracts(dir, 'v1', parts, stored.abstracts - 1), undefined, 'not the papers\' abstracts');
      assert.deepEqual(stored.problems, []);
      assert.deepStrictEqual(readPrepared(dir, 'v1', parts)?.papers, unpackData(packData(table)));
      // Asked for a load of about so many papers: read whole when its count is wanted, else not at all.
      const counts: number[] = [];
      const wanted = readPrepared(dir, 'v1', parts, (n) => counts.push(n) > 0);
      assert.deepStrictEqual([wanted?.papers, wanted?.prepared], [unpackData(packData(table)), readPrepared(dir, 'v1', parts)?.prepared]);
      assert.deepEqual(counts, [table.papers]);
      assert.equal(readPrepared(dir, 'v1', parts, () => false), undefined);
      // Its papers and abstracts without its index: nothing, wanted or not.
      const indexes = fs.readdirSync(dir).filter((f) => /^prepared-[0-9a-f]{32}\.bin$/.test(f)).map((f) => path.join(dir, f));
      const kept = indexes.map((f) => fs.readFileSync(f));
      for (const f of indexes) fs.rmSync(f);
      assert.deepEqual([readPrepared(dir, 'v1', parts), readPrepared(dir, 'v1', parts, () => true)], [undefined, undefined]);
      indexes.forEach((f, k) => fs.writeFileSync(f, kept[k]));
      assert.equal(readStoredBytes(dir, 'v1', ['false'], 'index'), undefined);
      assert.equal(hasStored(dir, 'v1', ['false']), false);
      writePrepared(dir, 'v1', ['old'], { prepared: { ...prepared, format: prepared.format - 1 } });
      assert.equal(readStoredBytes(dir, 'v1', ['old'], 'index'), undefined, 'another format');
      // A papers part without its problems, or without its table, is not a stored load's.
      const papersFile = fs.readdirSync(dir).find((f) => f.endsWith('.papers.bin'))!;
      // Nor is a table stored before its ids and titles came apart (`PaperTable.heads`), or its wide text in pieces.
      const headless: { -readonly [K in keyof PaperTable]?: PaperTable[K] } = { ...table };
      delete headless.heads;
      for (const part of [
        { papers: table, abstracts: 0 },
        { problems: [], abstracts: 0 },
        { papers: table, problems: [] },
        { papers: table, problems: [], abstracts: -1 },
        { papers: headless, problems: [], abstracts: 0 },
        { papers: { ...table, wide: table.wide.join('') }, problems: [], abstracts: 0 },
      ]) {
        fs.writeFileSync(path.join(dir, papersFile), packData(part));
        assert.equal(readStoredBytes(dir, 'v1', parts, 'papers'), undefined, Object.keys(part).join());
        assert.equal(await readStoredBytesAsync(dir, 'v1', parts, 'papers'), undefined, Object.keys(part).join());
        assert.equal(readPrepared(dir, 'v1', parts)?.papers, undefined);
      }
      // Papers whose abstracts are missing or are not theirs: the index alone read back.
      writePrepared(dir, 'v1', parts, { prepared, papers: table, problems: [] });
      const abstractsFile = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.abstracts.bin'))!);
      fs.writeFileSync(abstractsFile, new Uint8Array(3));
      assert.equal(readPrepared(dir, 'v1', parts)?.papers, undefined, 'another length');
      fs.rmSync(abstractsFile);
      assert.equal(readPrepared(dir, 'v1', parts)?.papers, undefined, 'missing');
      assert.ok(readPrepared(dir, 'v1', parts)?.prepared);
      assert.equal(readPrepared(dir, 'v1', parts, () => true), undefined, 'wanted with its papers, and they are not whole');
      // Dropped: none of its files is left.
      writePrepared(dir, 'v1', parts, { prepared, papers: table, problems: [] });
      dropStored(dir, 'v1', parts);
      assert.equal(hasStored(dir, 'v1', parts), false);
      assert.equal(readStoredBytes(dir, 'v1', parts, 'papers'), undefined);
      assert.ok(!fs.readdirSync(dir).some((f) => f.endsWith('.abstracts.bin')));
      // An index stored without papers (as the CLI may): no papers part, and the index alone read back.
      writePrepared(dir, 'v1', parts, { prepared });
      assert.equal(readStoredBytes(dir, 'v1', parts, 'papers'), undefined);
      assert.ok(!fs.readdirSync(dir).some((f) => f.endsWith('.abstracts.bin')));
      assert.equal(readPrepared(dir, 'v1', parts)?.papers, undefined);
      assert.ok(readPrepared(dir, 'v1', parts)?.prepared);
    });

    it('keeps the indexes of the last three loads only, with their papers', () => {
      for (let k = 0; k < 5; k++) writePrepared(dir, 'v1', ['true', `lib${k}.bib\u0000x`], { prepared, papers: packPapers(papers().slice(0, 2)), problems: [] });
      assert.equal(fs.readdirSync(dir).filter((f) => f.startsWith('prepared-')).length, 9, 'three files each');
      assert.ok(readPrepared(dir, 'v1', ['true', 'lib4.bib\u0000x'])?.papers);
      assert.equal(readPrepared(dir, 'v1', ['true', 'lib0.bib\u0000x']), undefined);
      assert.equal(readStoredBytes(dir, 'v1', ['true', 'lib0.bib\u0000x'], 'papers'), undefined);
    });

    it('a damaged file is a miss', () => {
      const parts = ['true'];
      writePrepared(dir, 'v1', parts, { prepared });
      const [file] = fs.readdirSync(dir).filter((f) => /^prepared-[0-9a-f]+\.bin$/.test(f));
      const full = fs.readFileSync(path.join(dir, file));
      fs.writeFileSync(path.join(dir, file), full.subarray(0, full.length >> 1));
      assert.equal(readPrepared(dir, 'v1', parts), undefined);
    });
  });
});

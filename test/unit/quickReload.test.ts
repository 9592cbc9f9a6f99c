/**
 * A reload's quick stage: the entries a `.bib` file changed, found by their prints
 * (`entryPrints.ts`), read where the whole file has them, and laid over the corpus in use
 * (`corpusPatch.ts`). Checked against what matters: the changed entries read as a whole read
 * of the new file reads them, and the patched corpus shows, finds and files every paper as a
 * fresh load of the new file does. Real Better BibTeX exports (see `test/fixtures/library/`).
 */
import { strict as assert } from 'node:assert';
import { Corpus } from '../../src/core/corpus';
import { patchCorpus, PatchedCorpus, planPatch, type PatchPlan } from '../../src/core/corpusPatch';
import { parseBibtex } from '../../src/core/library/bibtex';
import { parseCslJson } from '../../src/core/library/cslJson';
import { diffEntries, entryPrintsSteps, readChanges, type EntryPrints } from '../../src/core/library/entryPrints';
import { loadSources } from '../../src/core/sources';
import { finishSteps } from '../../src/core/steps';
import type { Paper } from '../../src/core/types';
import { bundledSeeds, LISTING, readListing } from './helpers';
import { fixture } from './libraryHelpers';

const FILE = 'library.bib';
const encode = (text: string) => new TextEncoder().encode(text);
const printsOf = (text: string): EntryPrints => finishSteps(entryPrintsSteps(encode(text)))!;

/** Two real exports as one file: entries with accents, `@preamble`, merged duplicates and lone entries. */
const ORIGINAL = fixture('better-bibtex-names.bib').replace(/@preamble\{[^\n]*\n/, '') + '\n' + fixture('better-bibtex-arxiv.bib');
const WANG = '@unpublished{arXiv.org_preprintwang_on_solving_minimax_optimization_locally_2019,';
/** An entry of ours, appended. */
const NEW_ENTRY = ['@article{doe_quick_2026,', '  title = {Quick Reloads of Large Bibliographies},', '  author = {Doe, Jane and Roe, Richard},', '  year = {2026},', '  doi = {10.5555/quick.2026},', '  abstract = {We read only the entries that changed.}', '}', ''].join('\n');

/** `text` with the Wang entry's abstract edited. */
function editWang(text: string): string {
  const at = text.indexOf(WANG);
  const abstract = text.indexOf('abstract = {Many tasks', at);
  return text.slice(0, abstract) + 'abstract = {Minimax games, read again. Many tasks' + text.slice(abstract + 'abstract = {Many tasks'.length);
}

/** `text` without the entry that starts with `head`. */
function removeEntry(text: string, head: string): string {
  const at = text.indexOf(head);
  const next = text.indexOf('\n@', at + 1);
  return text.slice(0, at) + text.slice(next + 1);
}

describe('entry prints', () => {
  it('cut a file at its entry lines, with each entry kind and key', () => {
    const prints = printsOf(ORIGINAL);
    const whole = parseBibtex(ORIGINAL, FILE);
    // The head before the first entry, then one piece per entry line.
    assert.equal(prints.prints.length, 1 + (ORIGINAL.match(/^@/gm) ?? []).length);
    assert.deepEqual(
      prints.keys.filter((k) => k !== ''),
      whole.entries.map((e) => e.key),
    );
    assert.equal(prints.starts[prints.starts.length - 1], encode(ORIGINAL).length);
  });

  it("read each entry line's kind and key however it is spaced, as the BibTeX reader does", () => {
    const text = [
      '% a comment before the first entry',
      '@Article {  spaced2020 ,',
      '  title = {Spaced}}',
      '@misc(paren2021,',
      '  title = {Parenthesised})',
      '@book{',
      '\tnewline2022,',
      '  title = {Key on the next line}}',
      '@inproceedings{last2023}',
      '@STRING{ml = {Machine Learning}}',
      '@Comment{jabref-meta: databaseType:bibtex;}',
      '@preamble{"x"}',
      '',
    ].join('\n');
    const prints = printsOf(text);
    assert.deepEqual(prints.keys, ['', 'spaced2020', 'paren2021', 'newline2022', 'last2023', '', '', '']);
    assert.deepEqual([...prints.kinds], [0, 1, 1, 1, 1, 2, 4, 3]);
    assert.deepEqual(
      prints.keys.filter((k) => k !== '' && k !== 'last2023'),
      parseBibtex(text, FILE).entries.map((e) => e.key),
    );
  });

  it('see an entry that appears twice, as twice, and one copy removed as one', () => {
    const king = ORIGINAL.slice(ORIGINAL.indexOf('@book{king_have_1968'), ORIGINAL.indexOf('\n@', ORIGINAL.indexOf('@book{king_have_1968')) + 1);
    const twice = ORIGINAL + '\n' + king;
    assert.deepEqual(diffEntries(printsOf(twice), printsOf(ORIGINAL)), { added: [], removed: ['king_have_1968'] });
    const thrice = printsOf(twice + king);
    const diff = diffEntries(printsOf(ORIGINAL), thrice);
    assert.ok(!('reason' in diff));
    assert.deepEqual([diff.added.map((i) => thrice.keys[i]), diff.removed], [['king_have_1968', 'king_have_1968'], []]);
  });

  it('see an entry appended to a file with Windows line ends as the only change', () => {
    const crlf = ORIGINAL.replace(/\n/g, '\r\n');
    const now = printsOf(crlf + '\r\n \t\r\n' + NEW_ENTRY.replace(/\n/g, '\r\n'));
    assert.deepEqual(diffEntries(printsOf(crlf), now), { added: [now.keys.length - 1], removed: [] });
  });

  it('say why they were not read entry by entry', () => {
    const first = finishSteps(readChanges(encode(ORIGINAL), FILE, undefined));
    assert.deepEqual(first.change, { reason: 'the file was not read entry by entry before' });
    assert.deepEqual(first.prints, printsOf(ORIGINAL));
    const strings = '@string{ml = {Machine Learning}}\n' + ORIGINAL;
    assert.deepEqual(finishSteps(readChanges(encode(strings.replace('{Machine Learning}', '{ML}')), FILE, printsOf(strings))).change, { reason: 'an @string changed' });
    const notItems = finishSteps(readChanges(encode('{"not": "items"}'), 'refs.json', printsOf(ORIGINAL), {}, 'csl-json'));
    assert.deepEqual(notItems, { prints: undefined, change: { reason: 'the file is not an array of CSL-JSON items' } });
  });

  it('read changed entries before and after an @string in the middle, each where the file has it', () => {
    const middle = ORIGINAL.indexOf('@book{king_have_1968');
    const before = ORIGINAL.slice(0, middle) + '@string{press = {Harper and Row}}\n' + ORIGINAL.slice(middle);
    // Changed before the @string (the file's first entry) and after it.
    const first = before.indexOf('\n', before.indexOf('@book{bennett_citations_2013,')) + 1;
    const edited = before.slice(0, first) + '  note = {Read again},\n' + before.slice(first);
    const after = editWang(edited.replace('@book{king_have_1968,', '@book{king_have_1968,\n  publisher = press,').replace('title = {Delving', 'title = {Delving Anew'));
    const read = finishSteps(readChanges(encode(after), FILE, printsOf(before)));
    assert.ok('parse' in read.change, JSON.stringify(read.change));
    const keys = read.change.parse.entries.map((e) => e.key ?? '');
    assert.ok(keys.includes('king_have_1968') && keys.includes('bennett_citations_2013') && keys.length >= 4, keys.join(', '));
    assert.deepEqual(
      read.change.parse.entries,
      parseBibtex(after, FILE).entries.filter((e) => keys.includes(e.key ?? '')),
    );
  });

  it('see nothing changed when nothing did, and when entries only moved', () => {
    assert.deepEqual(diffEntries(printsOf(ORIGINAL), printsOf(ORIGINAL)), { added: [], removed: [] });
    const wang = ORIGINAL.slice(ORIGINAL.indexOf(WANG), ORIGINAL.indexOf('\n@', ORIGINAL.indexOf(WANG)) + 1);
    const moved = removeEntry(ORIGINAL, WANG) + wang;
    assert.deepEqual(diffEntries(printsOf(ORIGINAL), printsOf(moved)), { added: [], removed: [] });
  });

  it('see an edited entry as removed and added, by key', () => {
    const now = printsOf(editWang(ORIGINAL));
    const diff = diffEntries(printsOf(ORIGINAL), now);
    assert.ok(!('reason' in diff));
    assert.deepEqual(diff.removed, [WANG.slice('@unpublished{'.length, -1)]);
    assert.deepEqual(
      diff.added.map((i) => now.keys[i]),
      diff.removed,
    );
  });

  it('see entries added and removed', () => {
    const diff = diffEntries(printsOf(ORIGINAL), printsOf(removeEntry(ORIGINAL, '@book{king_have_1968') + NEW_ENTRY));
    assert.ok(!('reason' in diff));
    assert.deepEqual([diff.added.length, diff.removed], [1, ['king_have_1968']]);
    // Appended after blank lines: the last entry, now followed by them, is as it was.
    const now = printsOf(ORIGINAL + '\n\n' + NEW_ENTRY);
    assert.deepEqual(diffEntries(printsOf(ORIGINAL), now), { added: [now.prints.length - 1], removed: [] });
  });

  it('give up where an @string or @preamble changed, a keyless entry went, or too many entries changed', () => {
    const strings = '@string{ml = {Machine Learning}}\n' + ORIGINAL;
    assert.deepEqual(diffEntries(printsOf(strings), printsOf(strings.replace('{Machine Learning}', '{ML}'))), { reason: 'an @string changed' });
    assert.deepEqual(diffEntries(printsOf(ORIGINAL), printsOf('@preamble{"x"}\n' + ORIGINAL)), { reason: 'an @preamble changed' });
    const keyless = '@misc{, title = {No Key}}\n' + ORIGINAL;
    assert.deepEqual(diffEntries(printsOf(keyless), printsOf(ORIGINAL)), { reason: 'an entry without a key changed' });
    assert.deepEqual(diffEntries(printsOf(ORIGINAL), printsOf(editWang(ORIGINAL) + NEW_ENTRY), 1), { reason: '3 entries changed, more than 1' });
    assert.ok(!('reason' in diffEntries(printsOf(ORIGINAL), printsOf(editWang(ORIGINAL) + NEW_ENTRY), 3)));
    // Far more than allowed: said before the pieces are looked at.
    assert.deepEqual(diffEntries(printsOf(ORIGINAL), printsOf(NEW_ENTRY), 2), { reason: '14 entries changed, more than 2' });
  });

  it('read the changed entries as a read of the whole new file does: fields, lines and offsets', () => {
    // Accents and a 4-byte character before the entry: UTF-16 offsets are not byte offsets.
    const before = '% Ünïcödé 𝔸 notes\n' + ORIGINAL;
    const after = editWang(before) + NEW_ENTRY;
    const read = finishSteps(readChanges(encode(after), FILE, printsOf(before)));
    assert.ok('parse' in read.change);
    const whole = parseBibtex(after, FILE);
    const keys = read.change.parse.entries.map((e) => e.key ?? '');
    assert.deepEqual(keys, [WANG.slice('@unpublished{'.length, -1), 'doe_quick_2026']);
    assert.deepEqual(
      read.change.parse.entries,
      whole.entries.filter((e) => keys.includes(e.key ?? '')),
    );
    assert.deepEqual(read.change.parse.problems, []);
    assert.deepEqual(read.prints, printsOf(after));
  });

  it('read an entry with the @string names the file defines', () => {
    const before = '@string{jmlr = {Journal of Machine Learning Research}}\n' + ORIGINAL;
    const after = before + '@article{x2026, title = {Strings Read}, journal = jmlr, year = 2026}\n';
    const read = finishSteps(readChanges(encode(after), FILE, printsOf(before)));
    assert.ok('parse' in read.change);
    assert.equal(read.change.parse.entries[0].venue, 'Journal of Machine Learning Research');
  });
});

describe('entry prints of a CSL-JSON file', () => {
  // A real export (Better BibTeX's test fixture: see `test/fixtures/library/README.md`).
  const CSL = fixture('pandoc-citation.json');
  const items = (text: string): Array<Record<string, unknown>> => JSON.parse(text) as Array<Record<string, unknown>>;
  const json = (list: unknown[]) => JSON.stringify(list, undefined, 2) + '\n';
  const cslPrints = (text: string) => finishSteps(entryPrintsSteps(encode(text), 'csl-json'))!;
  const NEW_ITEM = { id: 'doe_quick_2026', type: 'article-journal', title: 'Quick Reloads of Large Bibliographies', author: [{ family: 'Doe', given: 'Jane' }], issued: { 'date-parts': [[2026]] } };

  it("cut a file at its items, each with its id as the reader reads it", () => {
    const prints = cslPrints(CSL);
    assert.deepEqual(
      prints.keys.slice(1),
      parseCslJson(CSL, 'refs.json').entries.map((e) => e.key),
    );
    assert.equal(prints.keys[0], '', 'the head: the opening of the array');
    // Numbers and escapes in ids; an "id" inside a string is not the item's.
    const odd = '[{"title": "say \\"id\\": 1", "ad": "x", "iq": "y", "i": 0, "id": 42}, {"id": "a\\u00e9b", "title": "t"}, {"ids": 1, "id"\r\n\t :\n "q\\"uote", "t": 1}, {"id" : 7 }, {"id":8,"t":1}, {"id":\t9\n}, {"idea": 1}, {"title": "no id"}]';
    assert.deepEqual(cslPrints(odd).keys, ['', '42', 'aéb', 'q"uote', '7', '8', '9', '', '']);
    assert.equal(finishSteps(entryPrintsSteps(encode('{"not": "items"}'), 'csl-json')), undefined);
  });

  it('read the items changed and added as a read of the whole new file does', () => {
    const list = items(CSL);
    const edited = json([...list.slice(0, 2), { ...list[2], title: 'Edited title' }, list[3], NEW_ITEM]);
    const before = json(list);
    const read = finishSteps(readChanges(encode(edited), 'refs.json', cslPrints(before), {}, 'csl-json'));
    assert.ok('parse' in read.change);
    const whole = parseCslJson(edited, 'refs.json').entries;
    assert.deepEqual(read.change.removed, [String(list[2].id)]);
    assert.deepEqual(read.change.parse.entries, [whole[2], whole[4]]);
    // Appended after the last item, which gains a comma after it: that item is as it was.
    assert.deepEqual(diffEntries(cslPrints(before), cslPrints(json([...list, NEW_ITEM]))), { added: [5], removed: [] });
  });
});

describe('a patched corpus', function () {
  this.timeout(60_000);
  const seeds = bundledSeeds();
  const load = (text: string) => loadSources({ bundled: { file: LISTING, text: readListing() }, files: [{ file: FILE, input: text }], ...seeds }).corpus;
  const prepared = (corpus: Corpus) => {
    finishSteps(corpus.prepare());
    return corpus;
  };
  /** The corpus `base` becomes when its file changes from `before` to `after`, or the reason it cannot be patched. */
  function patch(base: Corpus, before: string, after: string): Corpus | string {
    const read = finishSteps(readChanges(encode(after), FILE, printsOf(before)));
    if (!('parse' in read.change)) return read.change.reason;
    const patched = finishSteps(patchCorpus(base, FILE, read.change, seeds.isCommonWord));
    return 'reason' in patched ? patched.reason : patched;
  }
  /** What a user sees of a paper (not its id, nor where its entry is in the file). */
  const shown = (p: Paper) => JSON.stringify([p.title, p.abstract, p.authors, p.year, p.venue, p.doi, p.arxivId, p.keys, p.keywords]);
  const sameAs = (patched: Corpus, fresh: Corpus) => {
    assert.deepEqual(patched.papers.map(shown).sort(), fresh.papers.map(shown).sort());
    for (const paper of fresh.papers) {
      const mine = patched.papers.find((p) => shown(p) === shown(paper))!;
      assert.deepEqual(
        patched.topicsOf(mine.id).map((t) => t.id),
        fresh.topicsOf(paper.id).map((t) => t.id),
        paper.title,
      );
      for (const key of paper.keys ?? []) assert.equal(patched.citeKeys.resolve(key), mine, key);
      assert.equal(patched.get(mine.id), mine);
      assert.equal(patched.searchIndex.search(paper.title, 1)[0]?.paper, mine, paper.title);
    }
    for (const topic of [...fresh.topics.map((t) => t.id)]) {
      assert.deepEqual(patched.papersIn(topic).map(shown).sort(), fresh.papersIn(topic).map(shown).sort(), topic);
    }
    assert.deepEqual(patched.papersInNoTopic().map(shown).sort(), fresh.papersInNoTopic().map(shown).sort());
  };

  it('shows, finds and files an edited entry, an added one and a removed one as a fresh load does', () => {
    const base = prepared(load(ORIGINAL));
    const after = removeEntry(editWang(ORIGINAL), '@book{king_have_1968') + NEW_ENTRY;
    const patched = patch(base, ORIGINAL, after);
    assert.ok(patched instanceof PatchedCorpus, String(patched));
    assert.equal(patched.patched, true);
    assert.equal(base.patched, false);
    sameAs(patched, prepared(load(after)));
    // The edited paper keeps its id; the one removed is gone everywhere.
    const wang = base.citeKeys.resolve('arXiv.org_preprintwang_on_solving_minimax_optimization_locally_2019')!;
    assert.match(patched.get(wang.id)!.abstract, /^Minimax games, read again\./);
    const king = base.citeKeys.resolve('king_have_1968')!;
    assert.equal(patched.get(king.id), undefined);
    assert.equal(patched.citeKeys.resolve('king_have_1968'), undefined);
    assert.ok(!patched.searchIndex.search(king.title, 20).some((r) => r.paper.id === king.id));
    // Found by its DOI and by its new words.
    const doe = patched.citeKeys.resolve('@doe_quick_2026')!;
    assert.equal(patched.identifiers.resolve({ kind: 'doi', id: '10.5555/QUICK.2026' }), doe);
    assert.equal(patched.searchIndex.search('minimax games read again', 1)[0]?.paper.id, wang.id);
    assert.equal(patched.find('Quick Reloads of Large Bibliographies'), doe);
    assert.ok(patched.namesOf(doe.id).length > 0);
  });

  it("fills a search's list past the papers it hides", () => {
    const base = prepared(load(ORIGINAL));
    const king = base.citeKeys.resolve('king_have_1968')!;
    const [first, second] = base.searchIndex.search(king.title, 2);
    assert.deepEqual([first.paper, second !== undefined], [king, true], 'the removed paper first, another after it');
    const patched = patch(base, ORIGINAL, removeEntry(ORIGINAL, '@book{king_have_1968'));
    assert.ok(patched instanceof PatchedCorpus, String(patched));
    assert.deepEqual(
      patched.searchIndex.search(king.title, 1).map((r) => r.paper),
      [second.paper],
    );
    assert.deepEqual(patched.searchIndex.exactMatches(king.title), []);
    assert.deepEqual(patched.searchIndex.search(king.title, 0), []);
  });

  it('patches a CSL-JSON library as a fresh load of it loads it', () => {
    const file = 'refs.json';
    const loadCsl = (text: string) => prepared(loadSources({ bundled: { file: LISTING, text: readListing() }, files: [{ file, input: text }], ...seeds }).corpus);
    const list = JSON.parse(fixture('pandoc-citation.json')) as Array<Record<string, unknown>>;
    const before = JSON.stringify(list, undefined, 2);
    const after = JSON.stringify([{ ...list[0], title: 'An Edited Title of Volcanoes' }, ...list.slice(2), { id: 'new2026', type: 'book', title: 'A Book Added Today' }], undefined, 2);
    const base = loadCsl(before);
    const read = finishSteps(readChanges(encode(after), file, finishSteps(entryPrintsSteps(encode(before), 'csl-json')), {}, 'csl-json'));
    assert.ok('parse' in read.change, JSON.stringify(read.change));
    const plan = finishSteps(planPatch(base, file, read.change.parse, read.change.removed));
    assert.ok(!('reason' in plan), JSON.stringify(plan));
    assert.deepEqual([plan.replaced.size, plan.removed.size, plan.added.length], [1, 1, 1]);
    sameAs(prepared(new PatchedCorpus(base, plan, seeds.isCommonWord)), loadCsl(after));
  });

  it('answers from the corpus patched where nothing changed, and builds its own parts when first asked', () => {
    const base = prepared(load(ORIGINAL));
    const read = finishSteps(readChanges(encode(ORIGINAL + NEW_ENTRY), FILE, printsOf(ORIGINAL)));
    assert.ok('parse' in read.change);
    const plan = finishSteps(planPatch(base, FILE, read.change.parse, read.change.removed));
    assert.ok(!('reason' in plan));
    // Not prepared: its cite keys, search and identifiers are built on first use.
    const patched = new PatchedCorpus(base, plan, seeds.isCommonWord);
    assert.equal(patched.citeKeys.resolve('doe_quick_2026')?.title, 'Quick Reloads of Large Bibliographies');
    assert.equal(patched.searchIndex.search('Quick Reloads of Large Bibliographies', 1)[0]?.paper.title, 'Quick Reloads of Large Bibliographies');
    const fresh = prepared(load(ORIGINAL + NEW_ENTRY));
    assert.deepEqual(patched.topicsOf(plan.added[0].id), fresh.topicsOf(fresh.citeKeys.resolve('doe_quick_2026')!.id));
    assert.equal(patched.matcher, base.matcher);
    assert.deepEqual([patched.restored, patched.indexed], [base.restored, base.indexed]);
    assert.deepEqual(patched.namesOf('no such paper'), []);
    assert.throws(() => patched.toPrepared(), /not stored/);
    assert.throws(() => patched.toFirstStage(0), /no first stage/);
    assert.equal(finishSteps(patched.warmUpSearch(8, 1)), finishSteps(base.warmUpSearch(8, 1)));
  });

  it('moves an entry whose abstract changed topic to its new topics, as a fresh load files it', () => {
    const base = prepared(load(ORIGINAL));
    const at = ORIGINAL.indexOf('abstract = {Many tasks');
    const end = ORIGINAL.indexOf('},\n', at);
    const speech = 'abstract = {We transcribe spoken audio with an automatic speech recognition model trained on multilingual speech corpora, and synthesise speech with a text-to-speech vocoder'
    const after = ORIGINAL.slice(0, at) + speech + ORIGINAL.slice(end);
    const wang = base.citeKeys.resolve('arXiv.org_preprintwang_on_solving_minimax_optimization_locally_2019')!;
    const fresh = prepared(load(after));
    const moved = fresh.topicsOf(fresh.citeKeys.resolve(wang.keys![0])!.id).map((t) => t.id);
    assert.notDeepEqual(base.topicsOf(wang.id).map((t) => t.id), moved, 'the edit moves it');
    const patched = patch(base, ORIGINAL, after);
    assert.ok(patched instanceof PatchedCorpus, String(patched));
    assert.deepEqual(patched.topicsOf(wang.id).map((t) => t.id), moved);
    sameAs(patched, fresh);
  });

  it('gives an entry whose key was renamed the id a fresh load gives it', () => {
    const base = prepared(load(ORIGINAL));
    const after = ORIGINAL.replace('@book{king_have_1968,', '@book{king_renamed_1968,');
    const patched = patch(base, ORIGINAL, after);
    assert.ok(patched instanceof PatchedCorpus, String(patched));
    assert.deepEqual([patched.plan.replaced.size, patched.plan.removed.size, patched.plan.added.length], [0, 1, 1]);
    const fresh = prepared(load(after));
    assert.equal(patched.citeKeys.resolve('king_renamed_1968')?.id, fresh.citeKeys.resolve('king_renamed_1968')?.id);
    assert.equal(patched.citeKeys.resolve('king_have_1968'), undefined);
    sameAs(patched, fresh);
  });

  it('adds an entry without a key', () => {
    const base = prepared(load(ORIGINAL));
    const after = ORIGINAL + '@misc{, title = {A Keyless Note on Quick Stages}}\n';
    const patched = patch(base, ORIGINAL, after);
    assert.ok(patched instanceof PatchedCorpus, String(patched));
    sameAs(patched, prepared(load(after)));
  });

  it('leaves to the whole reload a new entry with the arXiv id of another paper', () => {
    const base = prepared(load(ORIGINAL));
    assert.match(String(patch(base, ORIGINAL, ORIGINAL + '@misc{other, title = {Something Else Entirely}, eprint = {1910.07512}, archiveprefix = {arXiv}}\n')), /"other" is another source's paper/);
  });

  it('lays a patch over a patch', () => {
    const base = prepared(load(ORIGINAL));
    const middle = editWang(ORIGINAL);
    const first = patch(base, ORIGINAL, middle);
    assert.ok(first instanceof PatchedCorpus);
    const after = middle + NEW_ENTRY;
    const second = patch(first, middle, after);
    assert.ok(second instanceof PatchedCorpus, String(second));
    sameAs(second, prepared(load(after)));
  });

  it('leaves to the whole reload an entry merged with another, or that would merge', () => {
    const base = prepared(load(ORIGINAL));
    // "Delving Deep into Rectifiers" is two entries of the file, one paper.
    const merged = ORIGINAL.replace('date = {2015},', 'date = {2016},');
    assert.match(String(patch(base, ORIGINAL, merged)), /is merged with another source/);
    // A new entry with a bundled paper's title would join it.
    const bundledTitle = base.papers[0].title;
    assert.match(String(patch(base, ORIGINAL, ORIGINAL + `@misc{again, title = {${bundledTitle}}}\n`)), /has the title of another paper/);
    const doi = ORIGINAL + NEW_ENTRY;
    const withDoi = prepared(load(doi));
    assert.match(String(patch(withDoi, doi, doi + NEW_ENTRY.replace('doe_quick_2026', 'doe_again').replace('Quick Reloads', 'Other'))), /is another source's paper/);
  });

  it('keeps the corpus patched as it was', () => {
    const base = prepared(load(ORIGINAL));
    const before = base.papers.map(shown);
    const patched = patch(base, ORIGINAL, editWang(ORIGINAL) + NEW_ENTRY) as PatchedCorpus;
    assert.ok(patched instanceof PatchedCorpus);
    assert.deepEqual(base.papers.map(shown), before);
    assert.equal(base.citeKeys.resolve('doe_quick_2026'), undefined);
    const plan: PatchPlan = patched.plan;
    assert.deepEqual([plan.replaced.size, plan.removed.size, plan.added.length], [1, 0, 1]);
  });
});

/**
 * A large library's first stage (`Corpus.firstStage`): what the editor swaps in once the papers
 * are merged, before they are filed under topics and named. It must find every paper by title,
 * author, year and key, resolve cite keys and identifiers as the whole corpus does, and claim
 * nothing it does not know yet: no topics, no names, no recognised mentions, no abstract search.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { citationKey } from '../../src/core/citations';
import { Corpus } from '../../src/core/corpus';
import { packPapers, unpackPapers } from '../../src/core/paperTable';
import { packData, type FirstStageIndex } from '../../src/core/prepared';
import { loadSources } from '../../src/core/sources';
import { finishSteps } from '../../src/core/steps';
import type { Paper } from '../../src/core/types';
import { bundledCorpus, bundledSeeds, lazily, LISTING, readListing, ROOT } from './helpers';
import { fixture } from './libraryHelpers';

const WILD = path.join(ROOT, 'test', 'fixtures', 'wild', 'dev');

describe("a library's first stage", function () {
  this.timeout(60_000);
  const seeds = bundledSeeds();
  // The bundled papers merged with two real Better BibTeX exports: papers with every field.
  const papers = lazily(() => loadSources({ bundled: { file: LISTING, text: readListing() }, files: ['better-bibtex-arxiv.bib', 'better-bibtex-names.bib'].map((file) => ({ file, input: fixture(file) })), ...seeds }).corpus.papers);
  const fresh = (list: readonly Paper[] = papers()) => new Corpus(list, seeds.topics, seeds.isCommonWord, [], seeds.background, undefined);
  /** The papers as the editor gets them: cut lazily out of the worker's (shared) table. */
  const received = () => finishSteps(unpackPapers(packPapers(papers(), true), { lazy: true }));
  const staged = (list: readonly Paper[], index: FirstStageIndex) => {
    const corpus = Corpus.firstStage(list, seeds.topics, seeds.isCommonWord, seeds.background, index);
    finishSteps(corpus.prepare());
    return corpus;
  };
  // Built within the tests that use them (see `lazily`), so that mutation testing sees which test reaches what.
  const whole = lazily(() => {
    const corpus = fresh();
    finishSteps(corpus.prepare());
    return corpus;
  });
  /** The bundled papers come first in a merged library, filed and named on the editor's thread. */
  const bundled = () => bundledCorpus().papers.length;
  const index = lazily(() => fresh().toFirstStage(bundled()));
  const first = lazily(() => staged(received(), index()));

  it('is restored from its index, and says it is filing', () => {
    assert.deepEqual([first().restored, first().filing, whole().filing], [true, true, false]);
    assert.deepEqual(first().problems, [], "a library's problems are the load's, not the corpus's");
  });

  it('finds every paper first by its title, as the whole corpus does', () => {
    const missed = papers().filter((p) => first().searchIndex.search(p.title, 1)[0]?.paper.id !== whole().searchIndex.search(p.title, 1)[0]?.paper.id);
    assert.deepEqual(
      missed.map((p) => p.title),
      [],
    );
  });

  it('finds library papers by cite key and by first author and year', () => {
    const library = papers().filter((p) => p.keys?.length && p.authors?.length && p.year !== undefined);
    assert.ok(library.length >= 5, 'the fixtures have full entries');
    for (const p of library) {
      assert.equal(first().searchIndex.search(`@${p.keys![0]}`, 1)[0]?.paper.id, p.id, `@${p.keys![0]}`);
      const family = p.authors![0].split(' ').pop()!;
      const hits = first().searchIndex.search(`${family} ${p.year}`, 50).map((r) => r.paper.id);
      assert.ok(hits.includes(p.id), `${family} ${p.year}`);
    }
  });

  it('resolves every cite key and identifier as the whole corpus does', () => {
    const keys = [...papers().flatMap((p) => p.keys ?? []), ...papers().map((p) => citationKey(p)), 'nosuchkey2099'];
    assert.deepEqual(
      keys.map((key) => first().citeKeys.resolve(key)?.id),
      keys.map((key) => whole().citeKeys.resolve(key)?.id),
    );
    assert.ok(keys.filter((key) => first().citeKeys.resolve(key)).length > papers().length, 'most keys resolve');
    const ids = papers().flatMap((p) => [...(p.arxivId ? [{ kind: 'arxiv' as const, id: p.arxivId }] : []), ...(p.doi ? [{ kind: 'doi' as const, id: p.doi }] : [])]);
    assert.ok(ids.length >= 3);
    assert.deepEqual(
      ids.map((id) => first().identifiers.resolve(id)?.id),
      ids.map((id) => whole().identifiers.resolve(id)?.id),
    );
  });

  it('files and names the bundled papers as the whole corpus does, no library paper, and recognises only bundled names in real text', () => {
    const isBundled = new Set(bundledCorpus().papers.map((p) => p.id));
    assert.ok(bundled() > 0 && first().papers.length > bundled());
    // The bundled corpus places every paper under a topic.
    assert.deepEqual(first().papers.slice(0, bundled()).filter((p) => first().topicsOf(p.id).length === 0).map((p) => p.id), []);
    first().papers.forEach((p, k) => {
      const expected = k < bundled() ? [whole().topicsOf(p.id), whole().namesOf(p.id)] : [[], []];
      assert.deepEqual([first().topicsOf(p.id), first().namesOf(p.id)], expected, p.id);
    });
    for (const t of first().topics) {
      assert.deepEqual(
        first().papersIn(t.id).map((p) => p.id),
        whole().papersIn(t.id).filter((p) => isBundled.has(p.id)).map((p) => p.id),
      );
    }
    // The sidebar's "Being filed under topics" row: every library paper, in order.
    assert.deepEqual(first().papersInNoTopic().map((p) => p.id), first().papers.slice(bundled()).map((p) => p.id));
    assert.deepEqual(whole().papersInNoTopic().map((p) => p.id), whole().papers.filter((p) => whole().topicsOf(p.id).length === 0).map((p) => p.id));
    const texts = fs.readdirSync(WILD).filter((f) => !f.endsWith('.json')).map((f) => fs.readFileSync(path.join(WILD, f), 'utf8'));
    const mentions = texts.flatMap((t) => first().matcher.find(t));
    assert.ok(mentions.length > 10, 'bundled papers are recognised in these texts');
    assert.deepEqual(mentions.filter((m) => !isBundled.has(m.paperId)), []);
    const library = first().papers.slice(bundled());
    assert.ok(library.every((p) => !first().matcher.find(`We compare against ${p.title} here.`).some((m) => m.paperId === p.id)), "no library paper's title is recognised");
    assert.ok(library.some((p) => whole().matcher.find(`We compare against ${p.title} here.`).some((m) => m.paperId === p.id)), 'the whole corpus recognises them');
  });

  it('does not search abstracts: a word only an abstract holds finds its paper in the whole corpus alone', () => {
    const words = (text: string) => text.toLowerCase().match(/[a-z]+/g) ?? [];
    // Nothing else a first stage reads starts like the word (no completion nor typo reaches it).
    const elsewhere = new Set(papers().flatMap((p) => [p.title, ...(p.authors ?? []), ...(p.keys ?? [])].flatMap((text) => words(text).map((w) => w.slice(0, 6)))));
    const tried = papers()
      .flatMap((p) => {
        const word = words(p.abstract).find((w) => w.length >= 9 && !elsewhere.has(w.slice(0, 6)));
        return word ? [{ p, word }] : [];
      })
      .slice(0, 20);
    assert.ok(tried.length >= 10);
    for (const { p, word } of tried) {
      assert.ok(
        whole().searchIndex.search(word, 20).some((r) => r.paper.id === p.id),
        `the whole corpus finds ${p.id} by "${word}"`,
      );
      assert.ok(!first().searchIndex.search(word, 20).some((r) => r.paper.id === p.id), `the first stage finds ${p.id} by "${word}"`);
    }
  });

  it('builds nothing but what its index holds: an index of other papers, or of the same in another order, is not restored, and nothing is filed still', () => {
    const others = received().slice(1);
    const mismatched = staged(others, index());
    assert.deepEqual([mismatched.restored, mismatched.filing], [false, true]);
    // The same papers in another order: as many, but not the papers it was built for.
    assert.equal(staged(received().reverse(), index()).restored, false);
    // Built on first use instead: still a search over titles, and still no paper filed.
    const last = others[others.length - 1];
    assert.equal(mismatched.searchIndex.search(last.title, 1)[0]?.paper.id, last.id);
    assert.deepEqual(mismatched.topicsOf(last.id), []);
  });

  it('is the same built from papers read lazily from a table as from the papers themselves', () => {
    assert.ok(Buffer.from(packData(fresh(received()).toFirstStage(bundled()))).equals(Buffer.from(packData(index()))));
  });

  it('leaves the whole index unchanged: the corpus that built the first stage then builds the same index as one that did not', () => {
    const both = fresh();
    both.toFirstStage(bundled());
    assert.ok(Buffer.from(packData({ prepared: both.toPrepared() })).equals(Buffer.from(packData({ prepared: fresh().toPrepared() }))));
  });
});

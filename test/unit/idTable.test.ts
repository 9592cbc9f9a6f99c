/**
 * Papers by id (`core/idTable.ts`): the look-up answers as a `Map` filled in paper order would,
 * and the hashes a stored table's cut computes from its bytes are the ones its ids' strings give,
 * so the fingerprint a worker stored is the one the editor finds.
 */
import { strict as assert } from 'node:assert';
import { fingerprintOf, ID_HASH, idHashSteps, IdTable } from '../../src/core/idTable';
import { packPapers, unpackPapers } from '../../src/core/paperTable';
import { finishSteps } from '../../src/core/steps';
import { fnv1a } from '../../src/core/text';
import type { Paper } from '../../src/core/types';
import { bundledCorpus } from './helpers';

const paper = (id: string, title = id): Paper => ({ id, title, abstract: '', links: [] });

describe('papers by id', () => {
  it('finds each paper as a Map filled in order does: the last of two with one id, nothing for an unknown id', () => {
    const papers = [...bundledCorpus().papers, paper('twice', 'first'), paper('müller-2020'), paper('other'), paper('twice', 'second'), paper('')];
    const table = finishSteps(IdTable.build(papers, finishSteps(idHashSteps(papers))));
    const map = new Map(papers.map((p, k) => [p.id, k]));
    for (const id of [...map.keys(), 'nosuchpaper', 'twic', 'twice ', 'Twice']) assert.equal(table.get(id), map.get(id), id);
    assert.equal(papers[table.get('twice')!].title, 'second');
  });

  it('tells apart ids whose hashes meet in the table, probing past taken slots', () => {
    // 5,000 ids in a table of 16,384 slots: many share a first slot.
    const papers = Array.from({ length: 5000 }, (_, k) => paper(`paper-${k}`));
    const table = finishSteps(IdTable.build(papers, finishSteps(idHashSteps(papers))));
    papers.forEach((p, k) => assert.equal(table.get(p.id), k));
    // Two ids under one hash (given so here): each found by comparing the ids themselves.
    const two = [paper('second'), paper('first'), paper('third')];
    const hashes = Uint32Array.from([fnv1a('first'), fnv1a('first'), fnv1a('third')]);
    const colliding = finishSteps(IdTable.build(two, hashes));
    assert.equal(colliding.get('first'), 1, 'not the paper met first under the same hash');
    assert.equal(colliding.get('third'), 2);
    assert.equal(colliding.get('second'), undefined, 'its hash is not the one given for it');
    // Two ids whose hashes truly are the same: both found, each as itself.
    assert.equal(fnv1a('paper-15pvu'), fnv1a('paper-1c3ea'));
    const twins = [paper('paper-15pvu'), paper('x'), paper('paper-1c3ea')];
    const twinTable = finishSteps(IdTable.build(twins, finishSteps(idHashSteps(twins))));
    assert.deepEqual(['paper-15pvu', 'paper-1c3ea', 'x'].map((id) => twinTable.get(id)), [0, 2, 1]);
  });

  it('hashes and builds in steps, a few milliseconds each', () => {
    const papers = Array.from({ length: 100_000 }, (_, k) => paper(`p${k}`));
    const count = (steps: Generator<void, unknown>) => {
      let yields = 0;
      while (!steps.next().done) yields++;
      return yields;
    };
    const hashing = count(idHashSteps(papers));
    assert.ok(hashing > 1 && hashing < 1000, `${hashing} steps to hash`);
    const building = count(IdTable.build(papers, finishSteps(idHashSteps(papers))));
    assert.ok(building > 1 && building < 1000, `${building} steps to build`);
  });

  it('fingerprints ids in order, as the hashes of their strings', () => {
    const ids = ['a', 'b', 'c'];
    const hashes = finishSteps(idHashSteps(ids.map((id) => paper(id))));
    assert.deepEqual([...hashes], ids.map((id) => fnv1a(id)));
    assert.equal(fingerprintOf(hashes), ids.reduce((h, id) => Math.imul(h ^ fnv1a(id), 0x01000193) >>> 0, fnv1a('3')));
    assert.notEqual(fingerprintOf(Uint32Array.from([hashes[1], hashes[0], hashes[2]])), fingerprintOf(hashes), 'another order');
    assert.notEqual(fingerprintOf(hashes.subarray(0, 2)), fingerprintOf(hashes), 'fewer');
  });

  it('takes the hashes a stored table\'s papers were cut with, which are their ids\' own (past ASCII too), in whatever order they come', () => {
    const papers = [...bundledCorpus().papers.slice(0, 20), paper('müller-straße', 'Müller'), paper('x')];
    const cut = finishSteps(unpackPapers(packPapers(papers), { lazy: true }));
    const known = cut.map((p) => (p as Paper & { [ID_HASH]?: number })[ID_HASH]);
    assert.deepEqual(known, papers.map((p) => fnv1a(p.id)), 'each cut paper knows its id\'s hash');
    assert.deepEqual([...finishSteps(idHashSteps(cut))], known);
    // Reordered (or reversed in place): each hash goes with its paper.
    const reversed = [...cut].reverse();
    assert.deepEqual([...finishSteps(idHashSteps(reversed))], [...known].reverse());
    assert.equal(finishSteps(IdTable.build(reversed, finishSteps(idHashSteps(reversed)))).get('müller-straße'), 1);
    // Not an own field: a cut paper compares and serialises as its fields.
    assert.ok(!Object.getOwnPropertySymbols(cut[0]).includes(ID_HASH));
    assert.deepEqual(JSON.parse(JSON.stringify(cut[20])), JSON.parse(JSON.stringify(finishSteps(unpackPapers(packPapers(papers)))[20])));
  });
});

/**
 * The library worker's helper thread (`dist/prepareHelper.js`, built by `npm run test:unit`):
 * papers filed and an index built on two threads are those of one thread, byte for byte, and a
 * helper that cannot start leaves the work to the calling thread.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { Corpus } from '../../src/core/corpus';
import { packPapers } from '../../src/core/paperTable';
import { packData } from '../../src/core/prepared';
import { TopicClassifier } from '../../src/core/topics';
import type { Paper } from '../../src/core/types';
import { HelperThread, preparedOnTwoThreads } from '../../src/worker/helperClient';
import { bundledCorpus, bundledSeeds, ROOT } from './helpers';

const HELPER = path.join(ROOT, 'dist', 'prepareHelper.js');

describe('prepare helper thread', function () {
  this.timeout(60_000);
  // The bundled papers, then variants of them (another id, title and first sentence), so that
  // each thread's half holds papers of every kind and names shared across the halves.
  const papers = (): Paper[] => {
    const bundled = bundledCorpus().papers;
    const variants = bundled.map((p, k) => ({ ...p, id: `variant-${k}`, title: `${p.title}: Revisited`, abstract: `We revisit ${p.title}. ${p.abstract}`, sources: [] }));
    return [...bundled, ...variants];
  };
  const build = async (helper: string) => {
    const seeds = bundledSeeds();
    const all = papers();
    const one = new Corpus(all, seeds.topics, seeds.isCommonWord, [], seeds.background);
    const topics = all.map((p) => one.topicsOf(p.id).map((t) => t.id));
    const expected = Buffer.from(packData({ prepared: one.toPrepared() }));
    const classified = new Map<string, readonly string[]>();
    const two = new Corpus(all, seeds.topics, seeds.isCommonWord, [], seeds.background, classified);
    const classifier = new TopicClassifier(seeds.topics);
    const classify = (start: number, end: number) => ({ topics: all.slice(start, end).map((p) => classifier.classify(p)), ms: 0 });
    const built = await preparedOnTwoThreads({ helper: new HelperThread(helper, ROOT), corpus: two, classified, table: packPapers(all), classify });
    const filed = all.map((p) => classified.get(p.id));
    return { built, expected, got: Buffer.from(packData({ prepared: built.prepared })), filed, topics };
  };

  it('builds on two threads the very index one thread builds', async () => {
    const { built, expected, got, filed, topics } = await build(HELPER);
    // Both threads' topics handed to the corpus (the index's topics are compared below too).
    assert.deepEqual(filed, topics, 'every paper filed, as one thread files it');
    assert.equal(built.failure, undefined);
    assert.equal(built.threads, 2);
    assert.ok(got.equals(expected), `two threads: ${got.length} bytes, one: ${expected.length}`);
  });

  it('builds on the calling thread alone, the same index, when the helper cannot start', async () => {
    // The papers the helper was to file, the corpus files itself: the index's topics are the same.
    const { built, expected, got } = await build(path.join(ROOT, 'dist', 'no-such-helper.js'));
    assert.equal(built.threads, 1);
    assert.match(built.failure ?? '', /helper/);
    assert.ok(got.equals(expected));
  });
});

/**
 * Papers by id: each id's FNV-1a hash, the papers' fingerprint made of them (which a prepared
 * index must match: see `core/prepared.ts`), and a table from id to position built from them.
 *
 * Why not a `Map` of the ids: on a warm start at 50,000 papers, filling one took 26-32 ms of the
 * editor's thread and hashing the ids' characters for the fingerprint 35-41 ms, both reading
 * every id string. The papers cut out of a stored table have their ids' hashes computed from
 * the table's bytes as they are cut (`ID_HASH`, at typed-array speed), and the table and
 * fingerprint are made from those numbers in a few milliseconds. Other papers (the bundled
 * ones, a load built here) hash their ids once, in steps.
 */
import type { Paper } from './types';
import { ITEMS_PER_STEP, Pace, type Steps } from './steps';
import { fnv1a } from './text';

/**
 * Where a paper knows its id's hash (`fnv1a(paper.id)`) already: a getter of its class (a paper
 * cut from a stored table, which hashed the id's bytes: see `unpackPapers`), never an own
 * property, so that papers compare and serialise as their fields.
 */
export const ID_HASH: unique symbol = Symbol('the id\'s hash');

/** Each paper's `fnv1a(id)`: the hash it knows (`ID_HASH`), else computed, in steps. */
export function* idHashSteps(papers: readonly Paper[]): Steps<Uint32Array> {
  const hashes = new Uint32Array(papers.length);
  const pace = new Pace(ITEMS_PER_STEP * 16);
  for (let k = 0; k < papers.length; k++) {
    const paper = papers[k] as Paper & { readonly [ID_HASH]?: number };
    hashes[k] = paper[ID_HASH] ?? fnv1a(paper.id);
    if (pace.tickCheap(k)) yield* pace.pause();
  }
  return hashes;
}

/** A hash of the papers' ids in order, from their hashes (see `idHashSteps`). */
export function fingerprintOf(hashes: Uint32Array): number {
  let h = fnv1a(String(hashes.length));
  for (let k = 0; k < hashes.length; k++) h = Math.imul(h ^ hashes[k], 0x01000193) >>> 0;
  return h;
}

/** Slots of the table per id, at least: a probe meets one or two taken slots on average. */
const SLOTS_PER_ID = 2;

/** Papers' positions by id: open addressing over the ids' hashes, each hit checked against the paper's id. */
export class IdTable {
  /** Position + 1 of the paper in each slot, 0 for an empty one. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  private constructor(
    private readonly papers: readonly Paper[],
    private readonly hashes: Uint32Array,
  ) {
    let size = 1;
    while (size < papers.length * SLOTS_PER_ID) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** The table of `papers`, whose ids hash to `hashes`; of two papers with one id, the last is found (as a `Map` filled in order keeps it). */
  static *build(papers: readonly Paper[], hashes: Uint32Array): Steps<IdTable> {
    const table = new IdTable(papers, hashes);
    const { slots, mask } = table;
    const pace = new Pace(ITEMS_PER_STEP * 64);
    for (let k = 0; k < papers.length; k++) {
      const hash = hashes[k];
      let slot = hash & mask;
      for (;;) {
        const taken = slots[slot];
        // The same id again: its later paper takes the slot. Ids are compared only when their hashes are equal.
        if (taken === 0 || (hashes[taken - 1] === hash && papers[taken - 1].id === papers[k].id)) break;
        slot = (slot + 1) & mask;
      }
      slots[slot] = k + 1;
      if (pace.tickCheap(k)) yield* pace.pause();
    }
    return table;
  }

  /** The position of the paper with this id (the last, where several have it), or `undefined`. */
  get(id: string): number | undefined {
    const hash = fnv1a(id);
    const { slots, mask, hashes, papers } = this;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const taken = slots[slot];
      if (taken === 0) return undefined;
      if (hashes[taken - 1] === hash && papers[taken - 1].id === id) return taken - 1;
    }
  }
}

/**
 * A small seeded generator (mulberry32): the same numbers for the same seed, so that a shuffled
 * test order (`test/integration/index.ts`) or a benchmark's sample (`bench/recognitionBench.ts`)
 * can be drawn again.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Ranking the candidates the postings picked: fuse.js scores their titles, names and topics
 * (typo-tolerant, words in any order), blended with BM25 and the share of query words matched;
 * an exact (case-insensitive) title, name or key hit always comes first.
 */
import Fuse from 'fuse.js';
import type { SearchDoc } from './postings';

/** Blend of the two rankers for non-exact hits (coverage² × (BM25 share + fuse share)). */
const BLEND_BM25 = 0.7;
const BLEND_FUSE = 0.3;
/** Added to exact title / name hits so they outrank everything else. */
const EXACT_BONUS = 10;

const FUSE_OPTIONS: Fuse.IFuseOptions<FuseRecord> = {
  keys: [
    { name: 'title', weight: 3 },
    { name: 'names', weight: 3 },
    { name: 'topics', weight: 1 },
  ],
  includeScore: true,
  includeMatches: true,
  // Titles, names and labels are short: looking at the whole field is cheap and finds words anywhere.
  ignoreLocation: true,
  // Each query word is matched on its own, so word order does not matter.
  useTokenSearch: true,
  threshold: 0.4,
  minMatchCharLength: 2,
  shouldSort: false,
};

export interface FuseRecord {
  readonly title: string;
  readonly names: readonly string[];
  readonly topics: readonly string[];
}

export interface Ranked {
  readonly doc: number;
  readonly score: number;
  readonly fuse: Fuse.FuseResult<FuseRecord> | undefined;
}

/** Blends BM25, coverage and fuse.js's score over the candidates; best first. */
export function rankCandidates(
docAt: (doc: number) => SearchDoc,
scores: { readonly total: Float32Array; readonly hits: Uint8Array },
query: string,
candidates: readonly number[],
slotCount: number,
exactDocs: readonly number[],
): Ranked[] {
  if (candidates.length === 0) return [];
  const records: FuseRecord[] = candidates.map((d) => {
    const doc = docAt(d);
    return { title: doc.paper.title, names: doc.names, topics: doc.topics };
  });
  const fuseHits = new Map<number, Fuse.FuseResult<FuseRecord>>();
  for (const hit of new Fuse(records, FUSE_OPTIONS).search(query)) fuseHits.set(hit.refIndex, hit);
  let maxTotal = 0;
  for (const d of candidates) maxTotal = Math.max(maxTotal, scores.total[d]);
  const exact = new Set(exactDocs);
  const ranked: Ranked[] = candidates.map((d, i) => {
    const fuse = fuseHits.get(i);
    const coverage = slotCount > 0 ? scores.hits[d] / slotCount : 0;
    const bm25 = maxTotal > 0 ? scores.total[d] / maxTotal : 0;
    const fuseSimilarity = fuse ? 1 - (fuse.score ?? 1) : 0;
    const blended = coverage * coverage * (BLEND_BM25 * bm25 + BLEND_FUSE * fuseSimilarity);
    return { doc: d, score: (exact.has(d) ? EXACT_BONUS : 0) + blended, fuse };
  });
  ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return ranked;
}

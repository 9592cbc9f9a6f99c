/**
 * Highlighting: the ranges of a result's fields that the query matched, for the quick pick
 * and the CLI.
 */
import type Fuse from 'fuse.js';
import { namedAuthors, type SearchMatch } from '../types';
import { compactKey, type TermTable } from '../tokens';
import type { SearchDoc } from './postings';
import type { FuseRecord } from './ranking';
import { editDistance, FUZZY_ONE_EDIT } from './vocabulary';

/**
 * Highlight ranges per field: whole words whose term the query matched (exact, typo,
 * completion, compound). Where those are none, fuse.js's ranges (inclusive; converted to
 * [start, end)), but only those that read like a query word: fuse also marks stray letters
 * of a loose match (`ion` of "Curation" for `LAION`).
 */
export function matchesOf(
  vocab: TermTable,
  doc: SearchDoc,
  highlight: ReadonlySet<number>,
  fuse: Fuse.FuseResult<FuseRecord> | undefined,
  queryWords: readonly string[],
): SearchMatch[] {
  const readsLikeQuery = (text: string): boolean => {
    const folded = compactKey(text);
    return queryWords.some(
      (w) => w.length >= 3 && (folded.includes(w) || (w.length >= FUZZY_ONE_EDIT && editDistance(folded, w, 1) <= 1)),
    );
  };
  const fuseRanges = (key: string, value: string): Array<[number, number]> => {
    const m = fuse?.matches?.find((x) => x.key === key && x.value === value);
    if (!m) return [];
    return m.indices.map(([s, e]) => [s, e + 1] as [number, number]).filter(([s, e]) => readsLikeQuery(value.slice(s, e)));
  };
  const rangesIn = (key: string, text: string): Array<[number, number]> => {
    const own = wordRanges(vocab, text, highlight);
    return own.length > 0 ? own : fuseRanges(key, text);
  };
  const out: SearchMatch[] = [];
  const title = rangesIn('title', doc.paper.title);
  if (title.length) out.push({ field: 'title', ranges: title });
  for (const name of doc.names) {
    const r = rangesIn('names', name);
    if (r.length) out.push({ field: 'names', ranges: r, value: name });
  }
  for (const topic of doc.topics) {
    const r = rangesIn('topics', topic);
    if (r.length) out.push({ field: 'topics', ranges: r, value: topic });
  }
  const abstract = wordRanges(vocab, doc.paper.abstract, highlight);
  if (abstract.length) out.push({ field: 'abstract', ranges: abstract });
  for (const author of namedAuthors(doc.paper.authors).names) {
    const r = wordRanges(vocab, author, highlight);
    if (r.length) out.push({ field: 'authors', ranges: r, value: author });
  }
  for (const key of doc.paper.keys ?? []) {
    const r = wordRanges(vocab, key, highlight);
    if (r.length) out.push({ field: 'keys', ranges: r, value: key });
  }
  return out;
}

/** [start, end) ranges of the words (or whole compounds) of `text` whose term is in `terms`, merged. */
export function wordRanges(vocab: TermTable, text: string, terms: ReadonlySet<number>): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  if (terms.size === 0) return found;
  const count = vocab.collect(text, false);
  const { ids, starts, ends } = vocab;
  for (let k = 0; k < count; k++) if (terms.has(ids[k])) found.push([starts[k], ends[k]]);
  // A compound's joined form comes after its parts but spans them: sort, then merge.
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push(r);
  }
  return merged;
}

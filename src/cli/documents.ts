/**
 * The files the CLI reads for mentions (`scan`, `references`): each file's text, the view it is
 * scanned in (a notebook's cells, a `.bib` file without inner braces; see `core/views.ts`), and
 * the cite keys and identifiers in it that name a known paper.
 *
 * Which citation syntax a file holds follows its extension (`dialectOfPath`, shared with the
 * workspace index), as the editor follows a document's language (`services/citeTargets.ts`): Markdown and plain text read Pandoc citations, bare
 * `@key` in prose and LaTeX cite commands; LaTeX reads cite commands; anything else (code, a
 * notebook, whose code cells hold decorators) only explicit syntax (`[@key]`, `\cite{key}`); a
 * `.bib` file holds entries, not citations.
 */
import { readTextFile } from '../core/bundled';
import type { CiteKeyResolver } from '../core/citations';
import { findCiteKeys, type CiteKey } from '../core/citeKeys';
import { findIdentifiers, type IdentifierIndex } from '../core/identifiers';
import type { Paper } from '../core/types';
import { dialectOfPath } from '../core/workspaceIndex';
import { fileRange, viewOf, type TextView } from '../core/views';

/** A file as read: its text, and the text scanned (its view's, or its own). */
export interface ReadDocument {
  readonly file: string;
  readonly text: string;
  readonly view?: TextView;
  /** What names and keys are found in; offsets into it map back to `text` through `toFile`. */
  readonly scanned: string;
}

/** Reads a file (a `FileError` naming it when it cannot be read) and makes its view. */
export function readDocument(file: string): ReadDocument {
  const text = readTextFile(file);
  const view = viewOf(file, text);
  return { file, text, view, scanned: view ? view.text : text };
}

/** A range of `doc.scanned` as offsets into the file's text. */
export function toFile(doc: ReadDocument, start: number, end: number): { start: number; end: number } {
  return doc.view ? fileRange(doc.view, start, end) : { start, end };
}

/** A cite key, arXiv id or DOI that names a known paper; offsets into `doc.scanned`. */
export interface CitedPaper {
  readonly start: number;
  readonly end: number;
  readonly kind: 'key' | 'arxiv' | 'doi';
  readonly paper: Paper;
}

/** The cite keys of a document, in order (none for a `.bib` file). */
export function citeKeysOf(doc: ReadDocument): CiteKey[] {
  const dialect = dialectOfPath(doc.file);
  return dialect ? findCiteKeys(doc.scanned, dialect) : [];
}

/**
 * The cite keys that resolve to a paper, and the arXiv ids and DOIs of known papers, in order of
 * position. An identifier inside a key's span (`\cite{10.1145/...}`) counts once, as the key.
 */
export function citedPapers(doc: ReadDocument, keys: readonly CiteKey[], resolver: CiteKeyResolver, identifiers: IdentifierIndex): CitedPaper[] {
  const out: CitedPaper[] = [];
  for (const k of keys) {
    const paper = resolver.resolve(k.key);
    if (paper) out.push({ start: k.start, end: k.end, kind: 'key', paper });
  }
  const insideKey = (start: number, end: number) => keys.some((k) => k.start < end && start < k.end);
  for (const id of findIdentifiers(doc.scanned)) {
    const paper = identifiers.resolve(id);
    if (paper && !insideKey(id.start, id.end)) out.push({ start: id.start, end: id.end, kind: id.kind, paper });
  }
  return out.sort((a, b) => a.start - b.start);
}

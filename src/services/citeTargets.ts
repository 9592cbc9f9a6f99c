/**
 * Cite keys (`[@key]`, `\cite{key}`) and identifiers (arXiv ids, DOIs) in open documents, and the
 * papers they name. Shared by the hover, completion, diagnostics, go to definition and find
 * references, so a document's keys are found once per version however many features ask.
 *
 * Which syntaxes count follows the document's language (`dialectOf`): Markdown reads Pandoc
 * citations, bare `@key` in prose and LaTeX cite commands; LaTeX reads cite commands; code reads
 * only explicit syntax (`[@key]`, `\cite{key}`), never a bare `@name` (a decorator).
 */
import * as vscode from 'vscode';
import type { CiteKeyResolver } from '../core/citations';
import { findCiteKeys, type CiteDialect, type CiteKey } from '../core/citeKeys';
import type { Corpus } from '../core/corpus';
import { identifierAt, type IdentifierIndex } from '../core/identifiers';
import type { Paper } from '../core/types';
import { WHOLE_SCAN_LIMIT } from '../core/scanWindow';
import { documentLength, overSizeLimit } from './documentMentions';
import type { CorpusSource } from './lazyCorpus';
import type { WorkMetrics } from './metrics';
import type { SettingsSource } from './settings';

/** Languages whose documents are prose with Pandoc citations. */
const MARKDOWN_LANGUAGES = new Set(['markdown', 'quarto', 'rmd', 'rmarkdown', 'mdx', 'plaintext', 'pandoc']);
/** Languages whose documents are LaTeX. */
const LATEX_LANGUAGES = new Set(['latex', 'tex', 'latex-expl3', 'doctex', 'context']);
/** Files that hold entries, not citations. */
const NO_CITATIONS = new Set(['bibtex', 'biblatex', 'bib']);

/** Which citation syntaxes a document of this language holds; undefined: none (a .bib file). */
export function dialectOf(languageId: string): CiteDialect | undefined {
  if (NO_CITATIONS.has(languageId)) return undefined;
  if (MARKDOWN_LANGUAGES.has(languageId)) return 'markdown';
  if (LATEX_LANGUAGES.has(languageId)) return 'latex';
  return 'code';
}

/** How far either side of the cursor a large document's cite keys are looked for (a citation's longest argument, as `findCiteKeys` reads it). */
const KEY_REACH = 2000;
/** How far either side of the cursor an arXiv id or DOI (with its URL) is looked for. */
const IDENTIFIER_REACH = 200;

/** A cite key or identifier under the cursor, and the paper it names when one is known. */
export interface CiteTarget {
  readonly start: number;
  readonly end: number;
  readonly kind: 'key' | 'arxiv' | 'doi';
  /** The key, arXiv id or DOI. */
  readonly text: string;
  readonly paper?: Paper;
  /** For a key: the key as found, with its place in the citation. */
  readonly key?: CiteKey;
}

export class CiteTargets implements vscode.Disposable {
  private readonly keys = new Map<string, { version: number; keys: readonly CiteKey[] }>();
  private indexes?: { corpus: Corpus; resolver: CiteKeyResolver; identifiers: IdentifierIndex };
  private readonly listener: vscode.Disposable;

  constructor(
    private readonly corpus: CorpusSource,
    private readonly settings: SettingsSource,
    private readonly metrics: WorkMetrics,
  ) {
    this.listener = vscode.workspace.onDidCloseTextDocument((doc) => this.keys.delete(doc.uri.toString()));
  }

  /** Every cite key of the document, in order (none for a language without citations, or for a document over `WHOLE_SCAN_LIMIT`). */
  keysOf(doc: vscode.TextDocument): readonly CiteKey[] {
    const dialect = dialectOf(doc.languageId);
    if (!dialect || overSizeLimit(documentLength(doc), this.settings, this.metrics)) return [];
    return this.wholeKeys(doc, dialect) || [];
  }

  /** The keys of the whole document, read once per version; undefined for a document over `WHOLE_SCAN_LIMIT`. */
  private wholeKeys(doc: vscode.TextDocument, dialect: CiteDialect): readonly CiteKey[] | undefined {
    if (documentLength(doc) > WHOLE_SCAN_LIMIT) return undefined;
    const uri = doc.uri.toString();
    const cached = this.keys.get(uri);
    if (cached?.version === doc.version) return cached.keys;
    const keys = findCiteKeys(doc.getText(), dialect);
    this.keys.set(uri, { version: doc.version, keys });
    return keys;
  }

  /** The paper a cite key names (any case, a leading `@` allowed). */
  resolveKey(key: string): Paper | undefined {
    return this.index()?.resolver.resolve(key);
  }

  /** The key resolver of the current corpus (built once per corpus), or undefined before it loads. */
  resolver(): CiteKeyResolver | undefined {
    return this.index()?.resolver;
  }

  /** The cite key or identifier covering `offset`, if any. */
  at(doc: vscode.TextDocument, offset: number): CiteTarget | undefined {
    const length = documentLength(doc);
    if (overSizeLimit(length, this.settings, this.metrics)) return undefined;
    const large = length > WHOLE_SCAN_LIMIT;
    const line = doc.lineAt(doc.positionAt(offset).line);
    const lineStart = doc.offsetAt(line.range.start);
    // A large document's keys are read around the offset on its line only, as its names are read by window.
    const dialect = dialectOf(doc.languageId);
    let keys: readonly CiteKey[] = [];
    if (dialect) {
      const whole = this.wholeKeys(doc, dialect);
      if (whole) keys = whole;
      else {
        const from = Math.max(0, offset - lineStart - KEY_REACH);
        const near = line.text.slice(from, offset - lineStart + KEY_REACH);
        this.metrics.citeRead(near.length);
        keys = findCiteKeys(near, dialect).map((k) => ({ ...k, start: k.start + lineStart + from, end: k.end + lineStart + from }));
      }
    }
    const key = keyAt(keys, offset);
    if (key) return { start: key.start, end: key.end, kind: 'key', text: key.key, key, paper: this.resolveKey(key.key) };
    // Identifiers: only the part of the line around the offset is read (an id or URL is short).
    const from = Math.max(0, offset - lineStart - IDENTIFIER_REACH);
    const near = line.text.slice(from, offset - lineStart + IDENTIFIER_REACH);
    if (large) this.metrics.citeRead(near.length);
    const id = identifierAt(near, offset - lineStart - from);
    if (!id) return undefined;
    const start = lineStart + from + id.start;
    return { start, end: start + (id.end - id.start), kind: id.kind, text: id.id, paper: this.index()?.identifiers.resolve(id) };
  }

  /** The resolver and identifier index of the current corpus, rebuilt when the corpus changes. */
  private index(): { resolver: CiteKeyResolver; identifiers: IdentifierIndex } | undefined {
    const corpus = this.corpus.get();
    if (!corpus) return undefined;
    if (this.indexes?.corpus !== corpus) {
      // The corpus's own, built in slices before it was swapped in.
      this.indexes = { corpus, resolver: corpus.citeKeys, identifiers: corpus.identifiers };
    }
    return this.indexes;
  }

  dispose(): void {
    this.listener.dispose();
    this.keys.clear();
  }
}

/** The key covering `offset` (start ≤ offset < end), by binary search. */
function keyAt(keys: readonly CiteKey[], offset: number): CiteKey | undefined {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = keys[mid];
    if (offset < k.start) hi = mid - 1;
    else if (offset >= k.end) lo = mid + 1;
    else return k;
  }
  return undefined;
}

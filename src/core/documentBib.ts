/**
 * A LaTeX document's own bibliography: which `.bib` files it names, which keys they hold, and
 * the text that appends a paper's entry to one of them. The editor layer reads the files and
 * applies the edit; nothing here touches a file.
 *
 * Why a small scan for the keys rather than the library's BibTeX parser: only each entry's key
 * is needed, the file may be a whole Zotero export of many megabytes, and the scan has to run
 * again whenever the file changes. An entry head `@type{key,` is all it looks for, as BibTeX
 * itself does between entries.
 */
import { citationKey } from './citations';
import { bibliographiesOfTex } from './library/discovery';
import type { Paper } from './types';

/** The `.bib` files a LaTeX text names (`\bibliography{a,b}`, `\addbibresource{x.bib}`), in order; other resources left out. */
export function bibFilesOfTex(text: string): string[] {
  return bibliographiesOfTex(text).filter((name) => /\.bib$/i.test(name));
}

/** Entry types that hold no citable entry. */
const NOT_ENTRIES = new Set(['comment', 'string', 'preamble']);
/** An entry head: `@type{key,` or `@type(key,`, blanks allowed where BibTeX allows them. */
const ENTRY_HEAD = /@\s*([A-Za-z]+)\s*[{(]\s*([^\s,{}()"#%'=\\]+)\s*,/g;

/**
 * The keys of the entries in a `.bib` text: each lower-cased, to the key as the file writes it
 * (the first entry's, when two differ only in case). BibTeX matches a citation to an entry
 * ignoring case, so a key found here in any case is one LaTeX will find.
 */
export function bibKeys(bibText: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const m of bibText.matchAll(ENTRY_HEAD)) {
    const lower = m[2].toLowerCase();
    if (!NOT_ENTRIES.has(m[1].toLowerCase()) && !keys.has(lower)) keys.set(lower, m[2]);
  }
  return keys;
}

/** Whether the keys (from `bibKeys`) hold `key`, in any case, with or without a leading `@`. */
export function hasBibKey(keys: ReadonlyMap<string, string>, key: string): boolean {
  return keys.has(key.replace(/^@/, '').toLowerCase());
}

/**
 * The key under which the keys (from `bibKeys`) hold the paper, as the file writes it: one of
 * its library keys, or the key Paper Lens gives it (with authors and year, or from its title
 * alone, as `CiteKeyResolver` reads them), first found first. Undefined when the file has none
 * of them. The file's spelling, because biber, unlike BibTeX, matches keys in their case.
 */
export function bibKeyOf(paper: Paper, keys: ReadonlyMap<string, string>): string | undefined {
  const candidates = [...(paper.keys ?? []), citationKey(paper), citationKey({ title: paper.title })];
  for (const key of candidates) {
    const written = keys.get(key.toLowerCase());
    if (written) return written;
  }
  return undefined;
}

/**
 * The entry with its key replaced by `key`: the document cites the paper by that key, so the
 * appended entry must answer to it. An entry that does not start with an entry head is
 * returned unchanged.
 */
export function entryWithKey(entry: string, key: string): string {
  return entry.replace(/^(\s*@\s*[A-Za-z]+\s*[{(]\s*)[^\s,{}()"#%'=\\]*(\s*,)/, (_m, head: string, comma: string) => `${head}${key}${comma}`);
}

/**
 * The text to insert at the end of `bibText` so that it ends with `entry`: one blank line
 * between the last entry and the new one, the file's own line breaks (`\r\n` when it uses
 * them), and a final line break.
 */
export function appendedEntryText(bibText: string, entry: string): string {
  const eol = bibText.includes('\r\n') ? '\r\n' : '\n';
  const body = entry.trim().replace(/\r?\n/g, eol) + eol;
  if (!bibText.trim()) return body;
  if (bibText.endsWith(eol + eol)) return body;
  if (bibText.endsWith(eol)) return eol + body;
  return eol + eol + body;
}

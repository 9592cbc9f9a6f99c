/**
 * The workspace index: which papers each file of a workspace mentions, and where.
 *
 * A file's mentions are its paper names and titles (`MentionMatcher.find`, with the user's
 * policy for collision-prone names and the names turned off), its cite keys (`findCiteKeys`,
 * in the syntax its extension implies) and its arXiv ids and DOIs (`findIdentifiers`), the last
 * two counted only when a known paper has them, as the hover and the reference list count them.
 * Notebooks are read in their cells and `.bib` files without the braces inside words
 * (`views.ts`), as the CLI's `scan` reads them; offsets, lines and columns are the file's own.
 *
 * The index is kept file by file (`update`, `remove`), and answers per paper: how many files
 * mention it and how many times (`papers`), and where (`locations`).
 *
 * `runIndex` is the loop that fills it from a list of files: reads run ahead of the scan, and
 * the loop hands the thread back (`yieldNow`) whenever it has held it for `sliceMs`, so a host
 * that runs it (the extension host, the bench) never stalls for longer than one file's scan.
 * It is shared by the editor service and `bench/workspaceIndexBench.ts`, so the bench measures
 * the loop the editor runs.
 */
import type { CiteKeyResolver } from './citations';
import { findCiteKeys, type CiteDialect } from './citeKeys';
import { findIdentifiers, type IdentifierIndex } from './identifiers';
import { lineStartsOf, positionOf } from './lines';
import { nextTask, SLICE_MS } from './steps';
import type { FindOptions, MentionMatcher } from './mentions';
import type { NameKind, Paper } from './types';
import { fileRange, viewOf } from './views';

/** How a file mentions a paper: a name (its kind), a cite key, an arXiv id or a DOI. */
export type WorkspaceMentionKind = NameKind | 'key' | 'arxiv' | 'doi';

/** One mention of a paper in a file. Offsets are UTF-16 into the file's text, end exclusive; lines and characters 0-based. */
export interface WorkspaceMention {
  readonly paperId: string;
  readonly kind: WorkspaceMentionKind;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly character: number;
  readonly endLine: number;
  readonly endCharacter: number;
  /** The text as the file writes it (for a key, the key itself). */
  readonly text: string;
  /** The line the mention starts on, whitespace collapsed and cut to `PREVIEW_LENGTH` around the mention. */
  readonly preview: string;
}

/** What the index needs from a corpus to read a file: the matcher and its options, the key resolver and the identifier index. */
export interface MentionReader {
  readonly matcher: MentionMatcher;
  readonly options: FindOptions;
  readonly keys: CiteKeyResolver;
  readonly identifiers: IdentifierIndex;
}

/** A paper the workspace mentions: in how many files, and how many times in all. */
export interface MentionedPaper {
  readonly paperId: string;
  /** Files that mention the paper at least once. */
  readonly files: number;
  /** Mentions in all those files together. */
  readonly occurrences: number;
}

/** The mentions of one paper in one file, in order. */
export interface PaperLocation {
  readonly file: string;
  readonly mentions: readonly WorkspaceMention[];
}

/** Bytes of a file's start read for a NUL byte: a file with one there is binary (as git and VS Code's search decide). */
export const BINARY_PROBE_BYTES = 8192;
/** The longest preview of a mention's line. */
export const PREVIEW_LENGTH = 120;

/** Whether bytes look binary: a NUL byte among the first `BINARY_PROBE_BYTES`. */
export function looksBinary(data: Uint8Array | string): boolean {
  const n = Math.min(data.length, BINARY_PROBE_BYTES);
  if (typeof data === 'string') return data.slice(0, n).includes('\0');
  for (let i = 0; i < n; i++) if (data[i] === 0) return true;
  return false;
}

/**
 * The citation syntax a file's name implies (for the workspace index and the CLI): Pandoc for
 * markdown-like notes and plain text, LaTeX for `.tex` and its packages and classes, none for `.bib` (its keys define entries, they do not cite), and explicit
 * syntax only for everything else (code, notebooks: a bare `@name` there is a decorator).
 */
export function dialectOfPath(file: string): CiteDialect | undefined {
  if (/\.bib$/i.test(file)) return undefined;
  if (/\.(md|markdown|mdx|qmd|rmd|txt|text|pandoc)$/i.test(file)) return 'markdown';
  if (/\.(tex|ltx|latex|sty|cls|dtx)$/i.test(file)) return 'latex';
  return 'code';
}

/** Every mention of a known paper in a file's text, in order of position. */
export function mentionsOfFile(file: string, text: string, reader: MentionReader): WorkspaceMention[] {
  const view = viewOf(file, text);
  const scanned = view ? view.text : text;
  const toFile = (start: number, end: number) => (view ? fileRange(view, start, end) : { start, end });
  const found: Array<{ paperId: string; kind: WorkspaceMentionKind; start: number; end: number }> = [];

  // Keys and identifiers first: a name inside a key (`[@datacomp]`) is the key, counted once.
  const taken: Array<[number, number]> = [];
  const dialect = dialectOfPath(file);
  if (dialect) {
    for (const k of findCiteKeys(scanned, dialect)) {
      const paper = reader.keys.resolve(k.key);
      if (!paper) continue;
      const { start, end } = toFile(k.start, k.end);
      found.push({ paperId: paper.id, kind: 'key', start, end });
      taken.push([k.start, k.end]);
    }
  }
  // An identifier needs a digit run such as `10.` or `2310.`; most text has few.
  for (const id of findIdentifiers(scanned)) {
    const paper: Paper | undefined = reader.identifiers.resolve(id);
    if (!paper) continue;
    const { start, end } = toFile(id.start, id.end);
    found.push({ paperId: paper.id, kind: id.kind, start, end });
    taken.push([id.start, id.end]);
  }
  taken.sort((a, b) => a[0] - b[0]);
  for (const m of reader.matcher.find(scanned, reader.options)) {
    if (overlaps(taken, m.start, m.end)) continue;
    const { start, end } = toFile(m.start, m.end);
    found.push({ paperId: m.paperId, kind: m.kind, start, end });
  }
  if (!found.length) return [];
  found.sort((a, b) => a.start - b.start || a.end - b.end);

  const lines = lineStartsOf(text);
  return found.map(({ paperId, kind, start, end }) => {
    const from = positionOf(lines, start);
    const to = positionOf(lines, end);
    return {
      paperId,
      kind,
      start,
      end,
      line: from.line,
      character: from.character,
      endLine: to.line,
      endCharacter: to.character,
      text: text.slice(start, end),
      preview: previewOf(text, lines, from.line, from.character),
    };
  });
}

/** Whether [start, end) overlaps one of the sorted spans. */
function overlaps(spans: ReadonlyArray<readonly [number, number]>, start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][1] <= start) lo = mid + 1;
    else if (spans[mid][0] >= end) hi = mid - 1;
    else return true;
  }
  return false;
}

/** The mention's line, whitespace collapsed, cut to `PREVIEW_LENGTH` so that the mention stays in it. */
function previewOf(text: string, lines: readonly number[], line: number, character: number): string {
  const lineStart = lines[line];
  const lineEnd = line + 1 < lines.length ? lines[line + 1] : text.length;
  // A minified line can be megabytes long: only the stretch around the mention is read.
  const from = Math.max(lineStart, lineStart + character - PREVIEW_LENGTH / 2);
  const to = Math.min(lineEnd, from + PREVIEW_LENGTH * 2);
  let preview = text.slice(from, to).replace(/\s+/g, ' ').trim();
  if (preview.length > PREVIEW_LENGTH) preview = `${preview.slice(0, PREVIEW_LENGTH - 1)}…`;
  return from > lineStart ? `…${preview}` : preview;
}

/** The papers a set of files mention, kept file by file. */
export class WorkspaceIndex {
  private readonly files = new Map<string, readonly WorkspaceMention[]>();
  /** Per paper: mentions per file. */
  private readonly byPaper = new Map<string, Map<string, number>>();
  private changes = 0;

  constructor(readonly reader: MentionReader) {}

  /** Counts every change; a caller compares it to see whether anything changed since it last looked. */
  get version(): number {
    return this.changes;
  }

  /** Files indexed (those mentioning no paper included). */
  get fileCount(): number {
    return this.files.size;
  }

  /** Reads a file's text again, replacing what the index held for it; returns its mentions. */
  update(file: string, text: string): readonly WorkspaceMention[] {
    const mentions = looksBinary(text) ? [] : mentionsOfFile(file, text, this.reader);
    this.set(file, mentions);
    return mentions;
  }

  /** Records a file as mentioning nothing (a binary or oversized file that is still in the workspace). */
  clear(file: string): void {
    this.set(file, []);
  }

  /** Forgets a file (deleted, or no longer indexed). */
  remove(file: string): boolean {
    if (!this.files.has(file)) return false;
    this.drop(file);
    this.files.delete(file);
    this.changes++;
    return true;
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  /**
   * Forgets `file` and, when it names a folder, every file under it (a deleted folder's watcher
   * event names the folder only). Whether anything was forgotten.
   */
  removeUnder(file: string): boolean {
    let removed = this.remove(file);
    const prefix = file.endsWith('/') ? file : `${file}/`;
    for (const f of [...this.files.keys()]) if (f.startsWith(prefix)) removed = this.remove(f) || removed;
    return removed;
  }

  /** The mentions of a file, in order. */
  mentionsIn(file: string): readonly WorkspaceMention[] {
    return this.files.get(file) ?? [];
  }

  /** Every mentioned paper, most files first, then most mentions, then by id (a stable order). */
  papers(): MentionedPaper[] {
    const out: MentionedPaper[] = [];
    for (const [paperId, perFile] of this.byPaper) {
      let occurrences = 0;
      for (const n of perFile.values()) occurrences += n;
      out.push({ paperId, files: perFile.size, occurrences });
    }
    return out.sort((a, b) => b.files - a.files || b.occurrences - a.occurrences || (a.paperId < b.paperId ? -1 : a.paperId > b.paperId ? 1 : 0));
  }

  /** How many files mention the paper (0 when none). */
  filesMentioning(paperId: string): number {
    return this.byPaper.get(paperId)?.size ?? 0;
  }

  /** Where the paper is mentioned: each file (sorted by name) with its mentions of the paper, in order. */
  locations(paperId: string): PaperLocation[] {
    const perFile = this.byPaper.get(paperId);
    if (!perFile) return [];
    return [...perFile.keys()].sort().map((file) => ({ file, mentions: this.mentionsIn(file).filter((m) => m.paperId === paperId) }));
  }

  private set(file: string, mentions: readonly WorkspaceMention[]): void {
    const before = this.files.get(file);
    if (before && !before.length && !mentions.length) {
      // Nothing before, nothing now: no change anyone could see.
      return;
    }
    if (before) this.drop(file);
    this.files.set(file, mentions);
    for (const m of mentions) {
      let perFile = this.byPaper.get(m.paperId);
      if (!perFile) this.byPaper.set(m.paperId, (perFile = new Map()));
      perFile.set(file, (perFile.get(file) ?? 0) + 1);
    }
    this.changes++;
  }

  private drop(file: string): void {
    for (const m of this.files.get(file) ?? []) {
      const perFile = this.byPaper.get(m.paperId);
      if (!perFile) continue;
      perFile.delete(file);
      if (!perFile.size) this.byPaper.delete(m.paperId);
    }
  }
}

/** What reading one file gave: its text (an open document's live text), its bytes, or why it is skipped. */
export type FileRead = { readonly text: string } | { readonly bytes: Uint8Array } | { readonly skipped: 'large' | 'unreadable' };

/** A file for `runIndex`: its key in the index and how to read it. */
export interface IndexTask {
  readonly file: string;
  read(): Promise<FileRead>;
}

export interface IndexRunOptions {
  /** Longest stretch in ms the loop keeps the thread before yielding (default 10). One file's scan is never cut. */
  readonly sliceMs?: number;
  /** Reads started ahead of the file being scanned (default 8), so disk and scan overlap. */
  readonly readAhead?: number;
  /** Files over this many bytes (or UTF-16 units, for a text) are skipped (default: no limit). */
  readonly maxBytes?: number;
  /** Hands the thread back to the host's event loop (default: a 0 ms timer). */
  readonly yieldNow?: () => Promise<void>;
  /** Checked between files: true stops the run (the index keeps what it has). */
  readonly cancelled?: () => boolean;
  /** Called after each yield with the files done and the total. */
  readonly progress?: (done: number, total: number) => void;
  /** A clock in ms (default `performance.now`). */
  readonly now?: () => number;
}

/** What a run did. */
export interface IndexRunStats {
  readonly files: number;
  /** Files read and scanned. */
  readonly indexed: number;
  readonly binary: number;
  readonly large: number;
  readonly unreadable: number;
  /** Characters scanned. */
  readonly chars: number;
  /** Times the loop yielded. */
  readonly yields: number;
  /** The longest the loop held the thread between yields, in ms. */
  readonly longestSliceMs: number;
  readonly cancelled: boolean;
}

const utf8 = new TextDecoder('utf-8');

/**
 * Indexes the files in order through `index.update`: binary files (a NUL byte near the start)
 * and files over `maxBytes` are recorded as mentioning nothing; unreadable ones are left out.
 */
export async function runIndex(index: WorkspaceIndex, tasks: readonly IndexTask[], options: IndexRunOptions = {}): Promise<IndexRunStats> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const readAhead = Math.max(1, options.readAhead ?? 8);
  const maxBytes = options.maxBytes ?? Infinity;
  const yieldNow = options.yieldNow ?? nextTask;
  const now = options.now ?? (() => performance.now());
  const stats = { files: tasks.length, indexed: 0, binary: 0, large: 0, unreadable: 0, chars: 0, yields: 0, longestSliceMs: 0, cancelled: false };
  const reads: Array<Promise<FileRead> | undefined> = [];
  // A failed read is an unreadable file, never a rejected run.
  const start = (k: number) => {
    reads[k] = tasks[k].read().catch((): FileRead => ({ skipped: 'unreadable' }));
  };
  for (let k = 0; k < Math.min(readAhead, tasks.length); k++) start(k);
  let sliceStart = now();
  for (let k = 0; k < tasks.length; k++) {
    if (options.cancelled?.()) {
      stats.cancelled = true;
      break;
    }
    if (k + readAhead < tasks.length) start(k + readAhead);
    const waitFrom = now();
    const read = (await reads[k])!;
    reads[k] = undefined;
    // A read still under way gave the thread back while it was awaited: a new slice starts.
    if (now() - waitFrom > 1) sliceStart = now();
    const file = tasks[k].file;
    if ('skipped' in read) {
      if (read.skipped === 'large') {
        stats.large++;
        index.clear(file);
      } else {
        stats.unreadable++;
        index.remove(file);
      }
    } else {
      const data = 'text' in read ? read.text : read.bytes;
      if (data.length > maxBytes) {
        stats.large++;
        index.clear(file);
      } else if (looksBinary(data)) {
        stats.binary++;
        index.clear(file);
      } else {
        const text = typeof data === 'string' ? data : utf8.decode(data);
        index.update(file, text);
        stats.indexed++;
        stats.chars += text.length;
      }
    }
    const held = now() - sliceStart;
    if (held >= sliceMs || k === tasks.length - 1) {
      stats.longestSliceMs = Math.max(stats.longestSliceMs, held);
      options.progress?.(k + 1, tasks.length);
      await yieldNow();
      stats.yields++;
      sliceStart = now();
    }
  }
  return stats;
}

/**
 * Extensions of files that are never text (images, archives, media, compiled code, PDFs): the
 * index skips them without reading them. Anything else is read, and skipped if it looks binary.
 */
const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif bmp ico webp tif tiff psd svgz pdf eps zip gz tgz bz2 xz 7z rar tar jar war whl egg ' +
    'mp3 mp4 m4a wav ogg flac avi mov mkv webm woff woff2 ttf otf eot exe dll so dylib o a lib class pyc pyo ' +
    'node wasm bin dat db sqlite npy npz pt pth ckpt safetensors onnx h5 hdf5 pkl pickle parquet arrow feather'
  ).split(' '),
);

/** Whether a file's name says it is binary (`BINARY_EXTENSIONS`), so it need not be read. */
export function isBinaryPath(file: string): boolean {
  const dot = file.lastIndexOf('.');
  return dot >= 0 && dot > file.lastIndexOf('/') && BINARY_EXTENSIONS.has(file.slice(dot + 1).toLowerCase());
}

/**
 * The glob patterns of `files.exclude`-style settings (`{"**\/node_modules": true, ...}`) that are
 * on, as one glob for `findFiles`. Patterns switched off (`false`) or conditional (`{when}`) are
 * left out. VS Code's globs take one level of braces, so a pattern's own braces are expanded
 * first (`**\/{a,b}` → `**\/a`, `**\/b`) and the patterns joined in one pair of braces. Undefined
 * when no pattern is on.
 */
export function excludeGlob(...settings: ReadonlyArray<Readonly<Record<string, unknown>> | undefined>): string | undefined {
  const patterns = new Set<string>();
  for (const setting of settings) {
    for (const [pattern, on] of Object.entries(setting ?? {})) {
      if (on !== true || !pattern.trim()) continue;
      for (const p of expandBraces(pattern.trim())) patterns.add(p);
    }
  }
  if (!patterns.size) return undefined;
  const list = [...patterns];
  return list.length === 1 ? list[0] : `{${list.join(',')}}`;
}

/**
 * A glob that matches `path`, with each glob metacharacter in it (`[ ] { } * ?`) replaced by `?`
 * (any one character): `notes[1].md` → `notes?1?.md`. Escaping does not carry through
 * `findFiles`: a literal `]` matched nothing there, in VS Code's glob or in ripgrep's (measured in
 * code-server 4.139), so the caller keeps only the results that are `path` itself.
 */
export function globMatching(path: string): string {
  return path.replace(/[[\]{}*?]/g, '?');
}

/** Every alternative of a glob's brace groups, nested ones included (`a{b,c{d,e}}` → `ab`, `acd`, `ace`). */
export function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  // The group's closing brace and its top-level commas.
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      close = i;
      break;
    } else if (c === ',' && depth === 1) commas.push(i);
  }
  if (close < 0) return [glob];
  const head = glob.slice(0, open);
  const tails = expandBraces(glob.slice(close + 1));
  const bounds = [open, ...commas, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    for (const middle of expandBraces(glob.slice(bounds[k] + 1, bounds[k + 1]))) for (const tail of tails) out.push(head + middle + tail);
  }
  return out;
}

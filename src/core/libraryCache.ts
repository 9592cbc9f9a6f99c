/**
 * The warm start of the CLI and of the editor's library worker: each library file's parse kept
 * on disk, keyed by a hash of the file's content (and the name it is shown as, and the reader's
 * version), so a second run over an unchanged library skips parsing. One cache file per library
 * file: writing a new one removes the one it replaces, so an often-edited library never fills
 * the disk. Like `bundled.ts`, this touches the file system, so only Node callers use it.
 *
 * The CLI's folder is `--cache DIR`, else `$PAPER_LENS_CACHE`, else
 * `$XDG_CACHE_HOME/paper-lens`, else `~/.cache/paper-lens` (`defaultCacheDir`); the extension's
 * is in its global storage. A cache that cannot be read or written is ignored: the file is
 * parsed as if there were none.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withoutOriginals, type LibraryParse } from './library/entry';
import type { LibraryFile, SourceProblem } from './sources';
import { isSharedTable, type AbstractsLater, type PaperTable } from './paperTable';
import { DATA_HEADER, dataHead, farStartOf, packData, PREPARED_FORMAT, unpackData, unpackDataSteps, type FarSections, type PreparedIndex } from './prepared';
import { finishSteps, type Steps } from './steps';
import type { EntryPrints } from './library/entryPrints';
import { farTables } from './search/index';
import { toBytes } from './library/chunks';
import type { FileStamp } from './library/session';

/**
 * Bumped whenever the readers or `LibraryParse` change what they produce for the same bytes:
 * an older cache then misses instead of handing back entries the current reader would not.
 */
const CACHE_FORMAT = 'library-parse-2';

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PAPER_LENS_CACHE) return env.PAPER_LENS_CACHE;
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'paper-lens');
}

export interface CacheStats {
  hits: number;
  misses: number;
}

/**
 * Parses each file through the cache in `dir`: a file whose content was parsed before under
 * the same name and `version` is read back; any other is parsed with `parse` and stored, at
 * once or when `later` calls the write it is given (the worker writes after its answer is sent).
 * For a file `again` names, that write parses the file again when called, instead of holding
 * this parse until then: the library worker lets a large file's parse go once its papers are
 * packed (about 110 MB of strings at 50,000 entries with abstracts).
 */
export function parseThroughCache(
  files: readonly LibraryFile[],
  dir: string,
  version: string,
  parse: (file: LibraryFile) => LibraryParse,
  stats: CacheStats = { hits: 0, misses: 0 },
  later: (write: () => void) => void = (write) => write(),
  again: (file: LibraryFile) => boolean = () => false,
): LibraryParse[] {
  return files.map((file) => {
    // A file read with names from another file (`LibraryFile.strings`) is another parse of it.
    const strings = file.strings?.size ? `\0${JSON.stringify([...file.strings].sort())}` : '';
    const nameHash = createHash('sha256').update(`${CACHE_FORMAT}\0${version}\0${file.format ?? ''}\0${file.file}${strings}`).digest('hex').slice(0, 16);
    const target = path.join(dir, `${nameHash}-${contentHash(toBytes(file.input))}.json`);
    const cached = readCached(target, file.file);
    if (cached) {
      stats.hits++;
      return cached;
    }
    stats.misses++;
    const parsed = parse(file);
    if (again(file)) {
      later(() => writeCached(dir, nameHash, target, withoutOriginals(parse(file))));
      return parsed;
    }
    // Without the entries' text as written, which the cache does not keep: a write put off (the
    // worker's, until its answer is sent) would hold the whole file's text in the heap until then.
    const kept = withoutOriginals(parsed);
    later(() => writeCached(dir, nameHash, target, kept));
    return parsed;
  });
}

/** Hashes already computed, by the bytes hashed: the parse cache and the prepared index's key hash the same file once. */
const hashed = new WeakMap<Uint8Array, string>();

/** A hash of a library file's bytes, as the caches key it (computed once per bytes object). */
export function contentHash(bytes: Uint8Array): string {
  let hash = hashed.get(bytes);
  if (hash === undefined) hashed.set(bytes, (hash = createHash('sha256').update(bytes).digest('hex').slice(0, 32)));
  return hash;
}

/**
 * The seed files' content under `root`, as part of a stored load's key: what is stored was
 * made from them, and the version number stays the same between builds. An unreadable seed is
 * named instead (loading it fails on its own).
 */
export function seedsHash(root: string, files: readonly string[]): string {
  return files
    .map((file) => {
      try {
        return contentHash(fs.readFileSync(path.join(root, file)));
      } catch {
        return `unreadable ${file}`;
      }
    })
    .join(',');
}

/** Prepared indexes kept (see `writePrepared`): a few windows' libraries, not every library ever opened. */
const PREPARED_KEPT = 3;

/**
 * The files of one load's stored load: its prepared index (`core/prepared.ts`), and beside it
 * the merged papers and the load's problems, and the papers' abstracts. Keyed by the
 * reader's version and the load's parts (whether the bundled papers are in, and each library
 * file by name and content, in order), so any change to any of them misses. Three files: the
 * papers and the index are read in turn, so that the host cuts the papers out while the index
 * is read; the abstracts (60 MB at 50,000 papers) are read one by one as they are asked for,
 * and so are the index's far sections where the host reads it (see `readStoredIndexNear`).
 */
function storedFiles(dir: string, version: string, parts: readonly string[]): Record<StoredPart, string> {
  const key = createHash('sha256').update([PREPARED_CACHE_FORMAT, version, ...parts].join('\0')).digest('hex').slice(0, 32);
  const file = (suffix: string) => path.join(dir, `prepared-${key}${suffix}.bin`);
  return { index: file(''), papers: file('.papers'), abstracts: file('.abstracts') };
}

/** The parts of a stored load, each in its own file (see `storedFiles`). */
type StoredPart = 'index' | 'papers' | 'abstracts';

const PREPARED_CACHE_FORMAT = `prepared-${PREPARED_FORMAT}`;
const INDEX_FILE = /^prepared-([0-9a-f]{32})\.bin$/;

/**
 * What is stored for one load: its prepared index and, where the library worker stored it, the
 * merged papers and the load's problems, so that a warm start neither parses nor merges.
 */
export interface StoredLoad {
  readonly prepared: PreparedIndex;
  readonly papers?: PaperTable;
  readonly problems?: readonly SourceProblem[];
  /** Read `lazily` (see `readPrepared`): the papers' abstracts, left in their file (the table's own are empty). */
  readonly abstractsLater?: AbstractsLater;
}

/**
 * The stored papers and problems of a load (the part of `StoredLoad` in its own file): the
 * table without its abstracts (an empty array), and how many bytes those are, in a file of
 * their own, as they are (no head: the papers say how long it is).
 */
export interface StoredPapers {
  readonly papers: PaperTable;
  readonly abstracts: number;
  readonly problems: readonly SourceProblem[];
}

/**
 * What was stored for this load, or `undefined` (none, unreadable, damaged). With `wanted`, only
 * a load whose papers are stored, and whose count of papers `wanted` takes: its papers' part is
 * read first, so a load that is not wanted costs the reading of that part only (the library
 * worker's reload, which reuses a stored load that holds about the same papers: see
 * `reusableFiling`).
 */
export function readPrepared(dir: string, version: string, parts: readonly string[], wanted?: (papers: number) => boolean, lazily = false): StoredLoad | undefined {
  const first = wanted && readPapers(dir, version, parts);
  if (wanted && !(first && wanted(first.papers.papers))) return undefined;
  const whole = lazily ? undefined : readStoredBytes(dir, version, parts, 'index');
  const prepared = lazily ? readIndexNearSync(dir, version, parts) : whole && checkIndex(unpackData(whole));
  if (!prepared) return undefined;
  const stored = first || readPapers(dir, version, parts);
  if (stored && lazily) {
    const read = openStoredAbstracts(dir, version, parts, stored.abstracts);
    if (read) return { prepared: prepared.prepared, papers: stored.papers, problems: stored.problems, abstractsLater: { length: stored.abstracts, read } };
  }
  const abstracts = stored && !lazily && readStoredAbstracts(dir, version, parts, stored.abstracts);
  if (stored && abstracts) return { prepared: prepared.prepared, papers: { ...stored.papers, abstracts }, problems: stored.problems };
  return wanted ? undefined : prepared;
}

/**
 * `readStoredIndexNear` holding the thread (the CLI, which has nothing else to do meanwhile),
 * the index unpacked: its far sections stay on the disk, read as its queries ask for them.
 */
function readIndexNearSync(dir: string, version: string, parts: readonly string[]): { prepared: PreparedIndex } | undefined {
  const file = storedFiles(dir, version, parts).index;
  const near = openNear(file);
  return (
    near &&
    keptIf(near, () => {
      const bytes = new Uint8Array(near.end);
      const stored = readFullySync(near.fd, bytes, 0) ? keepNear(file, near, bytes) : undefined;
      return stored && checkIndex(finishSteps(unpackDataSteps(stored.bytes, stored.far)));
    })
  );
}

function readPapers(dir: string, version: string, parts: readonly string[]): StoredPapers | undefined {
  const papers = readStoredBytes(dir, version, parts, 'papers');
  return papers && checkPapers(unpackData(papers));
}

/** Whether this load's index is stored (its papers may not be: see `readStoredBytes`). */
export function hasStored(dir: string, version: string, parts: readonly string[]): boolean {
  return fs.existsSync(storedFiles(dir, version, parts).index);
}

/**
 * The index or the papers of what was stored for this load, their bytes not unpacked, or
 * `undefined` (none, unreadable, or not such a part of this format: its head is checked, and
 * that each section lies within the file). The library worker sends them to the host as they
 * are, where they are unpacked in steps (`unpackDataSteps`): the papers first, then the index.
 */
export function readStoredBytes(dir: string, version: string, parts: readonly string[], part: 'index' | 'papers'): Uint8Array | undefined {
  try {
    const file = storedFiles(dir, version, parts)[part];
    const read = fs.readFileSync(file);
    return storedPart(file, new Uint8Array(read.buffer, read.byteOffset, read.byteLength), part)?.bytes;
  } catch {
    return undefined;
  }
}

/** A stored part's bytes, as read, and for the papers' part its head (checked: see `checkPapers`). */
export interface StoredBytes {
  readonly bytes: Uint8Array;
  readonly papers?: StoredPapers;
  /** An index read up to its far sections (see `readStoredIndexNear`): those, read as asked for. */
  readonly far?: FarSections;
}

/**
 * `readStoredBytes` without holding the thread: the file read in one call into an array of its
 * size (a page fault every 4 KB of the fresh array is most of a read's cost on this machine).
 * The papers and the index are read so one after the other (see `readStoredLoad`).
 */
export async function readStoredBytesAsync(dir: string, version: string, parts: readonly string[], part: 'index' | 'papers'): Promise<StoredBytes | undefined> {
  try {
    const file = storedFiles(dir, version, parts)[part];
    const bytes = await readWhole(file);
    return bytes && storedPart(file, bytes, part);
  } catch {
    return undefined;
  }
}

/** `file`'s bytes, read in one call into an array of its size (an aligned buffer of their own); `undefined` when it ends before its size. */
async function readWhole(file: string): Promise<Uint8Array | undefined> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const bytes = new Uint8Array((await handle.stat()).size);
    return (await readFully(handle.fd, bytes, 0)) ? bytes : undefined;
  } finally {
    await handle.close();
  }
}

/** `bytes`, read from `file`, when their head is such a part of this format (see `readStoredBytes`); an index is marked as used. */
function storedPart(file: string, bytes: Uint8Array, part: 'index' | 'papers', far?: FarSections): StoredBytes | undefined {
  const head = dataHead(bytes, far);
  if (part === 'papers') {
    const papers = checkPapers(head);
    return papers && { bytes, papers };
  }
  if (!checkIndex(head)) return undefined;
  // Marked as used, so that pruning keeps the indexes of the windows opened last.
  fs.utimesSync(file, new Date(), new Date());
  return { bytes, far };
}

/**
 * The index stored for `parts` read without holding the thread, up to its far sections (the
 * search's posting lists and typo table: see `packData` and `core/farArrays.ts`), which stay on
 * the disk and are read as queries ask for them, from the file opened here (it stays open while
 * they are held, as the abstracts' does: see `openStoredAbstracts`). At 50,000 papers that is
 * 49 of the index's 87 MB: the editor's warm start reads 37.5 MB less, about 130 ms of page
 * faults on this machine. `undefined` as `readStoredBytesAsync`.
 */
export async function readStoredIndexNear(dir: string, version: string, parts: readonly string[]): Promise<StoredBytes | undefined> {
  const file = storedFiles(dir, version, parts).index;
  const near = openNear(file);
  if (!near) return undefined;
  const bytes = new Uint8Array(near.end);
  const whole = await readFully(near.fd, bytes, 0).catch(() => false);
  return keptIf(near, () => (whole ? keepNear(file, near, bytes) : undefined));
}

/** A stored index opened to be read up to its far sections (see `Near`); `undefined`, closed, when it is not such a file. */
function openNear(file: string): Near | undefined {
  const opened = openSized(file);
  if (!opened) return undefined;
  try {
    const header = new Uint8Array(DATA_HEADER);
    const end = readFullySync(opened.fd, header, 0) ? farStartOf(header) : undefined;
    if (end !== undefined && end <= opened.size) return { ...opened, end, read: keptOpen(file, opened.fd, 'stored index') };
  } catch {
    // Unreadable: as not such a file.
  }
  fs.closeSync(opened.fd);
  return undefined;
}

/** A stored index opened by `openNear`: its descriptor and size, where its far sections start, and the reader of its file (which closes it once collected: see `keptOpen`). */
interface Near {
  readonly fd: number;
  readonly size: number;
  readonly end: number;
  readonly read: (at: number, size: number) => Uint8Array;
}

/** `file` opened for reading, with its size; `undefined` when it cannot be (its size unknown: closed). */
function openSized(file: string): { readonly fd: number; readonly size: number } | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    return { fd, size: fs.fstatSync(fd).size };
  } catch {
    fs.closeSync(fd);
    return undefined;
  }
}

/**
 * `make()`'s value; when it is `undefined` or throws, `near`'s file is closed now, and its
 * reader no longer closes it when collected: the descriptor's number may be another file's by
 * then. Kept open otherwise, for the far sections' reader.
 */
function keptIf<T>(near: Near, make: () => T | undefined): T | undefined {
  let value: T | undefined;
  try {
    value = make();
  } catch {
    value = undefined;
  }
  if (value === undefined) {
    OPEN_FILES.unregister(near.read);
    fs.closeSync(near.fd);
  }
  return value;
}

/** The index part of `bytes` (read up to the far sections of `near`), its far sections read from `near`'s file, kept open. */
function keepNear(file: string, near: Near, bytes: Uint8Array): StoredBytes | undefined {
  return storedPart(file, bytes, 'index', { size: near.size, read: near.read });
}

/** Fills `bytes` from `fd` at `at`, holding the thread; false when the file ends first. */
function readFullySync(fd: number, bytes: Uint8Array, at: number): boolean {
  for (let got = 0; got < bytes.length; ) {
    const n = fs.readSync(fd, bytes, got, bytes.length - got, at + got);
    if (n === 0) return false;
    got += n;
  }
  return true;
}

/** Fills `bytes` from `fd` at `at` on the libuv pool; false when the file ends first. */
async function readFully(fd: number, bytes: Uint8Array, at: number): Promise<boolean> {
  for (let got = 0; got < bytes.length; ) {
    const n = await new Promise<number>((resolve, reject) => fs.read(fd, bytes, got, bytes.length - got, at + got, (e, read) => (e ? reject(e) : resolve(read))));
    if (n === 0) return false;
    got += n;
  }
  return true;
}

/**
 * A reader of `fd` (`file`, opened for it), which stays open while the reader is held and is
 * closed once nothing holds it: `read(at, size)` gives `size` bytes from `at` in an array of
 * their own, and throws when the file ends first.
 */
function keptOpen(file: string, fd: number, what: string): (at: number, size: number) => Uint8Array {
  const read = (at: number, size: number): Uint8Array => {
    const bytes = new Uint8Array(size);
    if (!readFullySync(fd, bytes, at)) throw new Error(`${file}: the ${what} ends before ${at + size}`);
    return bytes;
  };
  // The reader is its own token, so that a caller that closes the file itself can unregister it (see `keptIf`).
  OPEN_FILES.register(read, fd, read);
  return read;
}

/**
 * The parts that name a load among the stored loads (see `storedFiles`): the bundled papers or
 * not, the seeds' content (`seedsHash`), and each library file by name and content hash.
 */
export function loadParts(bundled: boolean, seedsKey: string, files: readonly (readonly [name: string, hash: string])[]): string[] {
  return [String(bundled), `seeds\0${seedsKey}`, ...files.map(([name, hash]) => `${name}\0${hash}`)];
}

/** A stored load's papers and index, being read one after the other (see `readStoredLoad`). */
export interface StoredLoadReading {
  readonly papers: Promise<StoredBytes | undefined>;
  readonly index: Promise<StoredBytes | undefined>;
}

/**
 * The papers and the index stored for `parts`, read without holding the caller's thread (see
 * `readStoredBytesAsync`), the index once the papers are in; `undefined` when no load is stored
 * for them. The library worker sends each as it comes; the host's warm start unpacks the papers
 * while the index is read. One at a time: reading into fresh memory is mostly page faults here
 * (about 4 ms a megabyte), and two reads at once on two cores starved the host's own thread,
 * which then held the event loop for 50-94 ms (in 6 warm starts at 50,000 papers, against at most
 * 47 ms reading them one after the other, for 35 ms more in all).
 */
export function readStoredLoad(dir: string, version: string, parts: readonly string[], leaveFar = false): StoredLoadReading | undefined {
  if (!hasStored(dir, version, parts)) return undefined;
  const papers = readStoredBytesAsync(dir, version, parts, 'papers');
  return { papers, index: papers.then(() => (leaveFar ? readStoredIndexNear(dir, version, parts) : readStoredBytesAsync(dir, version, parts, 'index'))) };
}

/** A window's first load: the cache, its files in order with their stamps, and whether the bundled papers are in (see `readStoredByStamps`). */
export interface FirstLoad {
  readonly dir: string;
  readonly version: string;
  /** The seeds' content (`seedsHash`). */
  readonly seedsKey: string;
  readonly order: readonly string[];
  readonly stamps: readonly (FileStamp | undefined)[];
  readonly bundled: boolean;
}

/** A stored load being read for a window's first load (`readStoredLoad`), its parts, and each file's hash, as `order`. */
export type FirstLoadReading = StoredLoadReading & { readonly parts: readonly string[]; readonly hashes: readonly string[] };

/**
 * A window's first load, answered from the stored loads when every file still has the stamp it
 * had when its content was hashed (`ContentStamps`): the files are neither read nor hashed.
 * `undefined` when a file's content is not known by its stamp, or no load is stored for them.
 */
export function readStoredByStamps(load: FirstLoad): FirstLoadReading | undefined {
  const known = new ContentStamps(load.dir, load.version);
  const hashes = load.order.map((file, k) => known.hashOf(file, load.stamps[k]));
  return hashes.every((hash) => hash !== undefined) ? readStoredFor(load, hashes as string[]) : undefined;
}

/** The load stored for `load`'s files with content `hashes`, being read; `undefined` when none is. */
function readStoredFor(load: FirstLoad, hashes: readonly string[]): FirstLoadReading | undefined {
  const parts = loadParts(load.bundled, load.seedsKey, load.order.map((file, k) => [file, hashes[k]]));
  // The host's own reading: the index's far sections stay on the disk (see `readStoredIndexNear`).
  const reading = readStoredLoad(load.dir, load.version, parts, true);
  return reading && { ...reading, parts, hashes };
}

/**
 * A window's first load when some files changed since they were last loaded (Zotero's
 * auto-export rewrote the `.bib` while the editor was closed): the load stored for the files as
 * they were then, and the entry prints of each changed file as it was (see `writeStoredPrints`),
 * so that the editor shows that load with the changed entries read alone and laid over it while
 * the worker loads the files (see `LibraryService`). A file whose stamp is unchanged is known by
 * it (`ContentStamps`); one that changed, by the content its stored prints print. `undefined`
 * when no file changed, a changed file has no prints stored (or no stamp), or no load is stored
 * for those contents. The prints come as stored (`storedPrintsSteps` reads them).
 */
export async function readEarlierLoad(load: FirstLoad): Promise<(FirstLoadReading & { readonly prints: ReadonlyMap<string, Uint8Array> }) | undefined> {
  const { dir, version, order, stamps } = load;
  const known = new ContentStamps(dir, version);
  const hashes: string[] = [];
  const prints = new Map<string, Uint8Array>();
  for (const [k, file] of order.entries()) {
    const hash = known.hashOf(file, stamps[k]);
    if (hash !== undefined) {
      hashes.push(hash);
      continue;
    }
    // A file without a stamp could not be looked at: it is read and loaded.
    const stored = stamps[k] && (await readStoredPrints(dir, version, file));
    if (!stored) return undefined;
    hashes.push(stored.hash);
    prints.set(file, stored.bytes);
  }
  if (!prints.size) return undefined;
  const reading = readStoredFor(load, hashes);
  return reading && { ...reading, prints };
}

/**
 * The entry prints of a library file's content, stored by the library worker when it loads the
 * file (see `writeStoredPrints`): one file per library file, named by the file's name and the
 * content's hash, so that a window opened after the file changed finds what it held when last
 * loaded without reading anything else (see `readEarlierLoad`).
 */
const PRINTS_FORMAT = 'prints-1';
/** Prints files kept: those of the library files loaded last. */
const PRINTS_KEPT = 16;
const PRINTS_FILE = /^prints-[0-9a-f]{16}-([0-9a-f]{32})\.bin$/;

function printsPrefix(version: string, file: string): string {
  return `prints-${createHash('sha256').update([PRINTS_FORMAT, version, file].join('\0')).digest('hex').slice(0, 16)}-`;
}

/** Whether the prints of `file` holding content `hash` are stored. */
export function hasStoredPrints(dir: string, version: string, file: string, hash: string): boolean {
  return fs.existsSync(path.join(dir, `${printsPrefix(version, file)}${hash}.bin`));
}

/**
 * Stores the prints of `file` whose content hashes to `hash`, in place of the file's earlier
 * ones; the `PRINTS_KEPT` written last are kept. A disk that cannot be written costs the next
 * window its earlier stage, nothing else.
 */
export function writeStoredPrints(dir: string, version: string, file: string, hash: string, prints: EntryPrints): void {
  try {
    const prefix = printsPrefix(version, file);
    const target = path.join(dir, `${prefix}${hash}.bin`);
    // The keys as one text and their lengths: 50,000 strings in the head took the host's thread a JSON parse of them all.
    const bytes = packData({ format: PRINTS_FORMAT, file, hash, starts: prints.starts, ends: prints.ends, prints: prints.prints, kinds: prints.kinds, keys: packKeys(prints.keys) });
    fs.mkdirSync(dir, { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, bytes);
    fs.renameSync(temporary, target);
    const others = fs
      .readdirSync(dir)
      .filter((name) => PRINTS_FILE.test(name) && path.join(dir, name) !== target)
      .map((name) => ({ name, own: name.startsWith(prefix), used: fs.statSync(path.join(dir, name)).mtimeMs }))
      .sort((a, b) => b.used - a.used);
    // The file's earlier prints go, and the other files' written longest ago past the kept count.
    let kept = 1;
    for (const { name, own } of others) {
      if (!own && kept < PRINTS_KEPT) kept++;
      else fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // As above: not stored.
  }
}

/** The stored prints of `file` (as stored: see `storedPrintsSteps`) and the hash of the content they print; `undefined` when none can be read. */
export async function readStoredPrints(dir: string, version: string, file: string): Promise<{ readonly hash: string; readonly bytes: Uint8Array } | undefined> {
  try {
    const prefix = printsPrefix(version, file);
    const name = (await fs.promises.readdir(dir)).find((n) => n.startsWith(prefix) && PRINTS_FILE.test(n));
    if (!name) return undefined;
    const read = await fs.promises.readFile(path.join(dir, name));
    return { hash: PRINTS_FILE.exec(name)![1], bytes: new Uint8Array(read.buffer, read.byteOffset, read.byteLength) };
  } catch {
    return undefined;
  }
}

/** Stored prints unpacked, in steps; `undefined` when they are damaged or not `file`'s of content `hash`. */
export function* storedPrintsSteps(bytes: Uint8Array, file: string, hash: string): Steps<EntryPrints | undefined> {
  let stored: Record<string, unknown>;
  try {
    stored = (yield* unpackDataSteps(bytes)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (stored?.format !== PRINTS_FORMAT || stored.file !== file || stored.hash !== hash) return undefined;
  const { starts, ends, prints, kinds } = stored;
  const keys = unpackKeys(stored.keys);
  const count = prints instanceof Float64Array ? prints.length : -1;
  const fits = starts instanceof Float64Array && starts.length === count + 1 && ends instanceof Float64Array && ends.length === count && kinds instanceof Uint8Array && kinds.length === count && keys?.length === count;
  return fits ? { starts, ends, prints: prints as Float64Array, kinds, keys } : undefined;
}

/** Keys as one text (each key's UTF-16 length in `lengths`). */
function packKeys(keys: readonly string[]): { readonly text: string; readonly lengths: Int32Array } {
  return { text: keys.join(''), lengths: Int32Array.from(keys, (k) => k.length) };
}

function unpackKeys(value: unknown): string[] | undefined {
  const { text, lengths } = (value ?? {}) as { text?: unknown; lengths?: unknown };
  if (typeof text !== 'string' || !(lengths instanceof Int32Array)) return undefined;
  const keys = new Array<string>(lengths.length);
  let at = 0;
  for (let k = 0; k < lengths.length; k++) keys[k] = text.slice(at, (at += lengths[k]));
  return at === text.length ? keys : undefined;
}

/** Whether the stored papers' abstracts are there, `length` bytes (see `StoredPapers`); read nothing. */
export function hasStoredAbstracts(dir: string, version: string, parts: readonly string[], length: number): boolean {
  try {
    return fs.statSync(storedFiles(dir, version, parts).abstracts).size === length;
  } catch {
    return false;
  }
}

/** The stored papers' abstracts, when they are there and `length` bytes, else `undefined`. */
export function readStoredAbstracts(dir: string, version: string, parts: readonly string[], length: number): Uint8Array | undefined {
  try {
    const read = fs.readFileSync(storedFiles(dir, version, parts).abstracts);
    return read.byteLength === length ? new Uint8Array(read.buffer, read.byteOffset, read.byteLength) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The stored papers' abstracts, read one at a time where they lie in their file, when it is
 * there and `length` bytes; else `undefined`. A warm start reads none of them up front (62 MB
 * at 50,000 papers, which nothing reads until a hover card, the paper view or a search's hits
 * ask for a few): a hover's abstract is one read of a few hundred bytes from the disk's cache.
 * The file stays open while the papers do (it closes once they are collected), so a stored load
 * pruned or rewritten meanwhile is still read as it was (POSIX keeps an open file's content, and
 * Node opens files on Windows so that they may be removed while open).
 */
export function openStoredAbstracts(dir: string, version: string, parts: readonly string[], length: number): ((at: number, length: number) => Uint8Array) | undefined {
  const file = storedFiles(dir, version, parts).abstracts;
  const opened = openSized(file);
  if (!opened) return undefined;
  if (opened.size !== length) {
    fs.closeSync(opened.fd);
    return undefined;
  }
  return keptOpen(file, opened.fd, 'stored abstracts');
}

/** Closes the file of a stored part's reader (see `keptOpen`) once nothing holds the reader. */
const OPEN_FILES = new FinalizationRegistry<number>((fd) => fs.close(fd, () => undefined));

/** Removes what was stored for this load (a part that could not be read after its head was: the next load parses). */
export function dropStored(dir: string, version: string, parts: readonly string[]): void {
  for (const file of Object.values(storedFiles(dir, version, parts))) fs.rmSync(file, { force: true });
}

function checkIndex(value: unknown): { prepared: PreparedIndex } | undefined {
  const stored = value as { prepared?: PreparedIndex } | undefined;
  return stored?.prepared?.format === PREPARED_FORMAT ? (stored as { prepared: PreparedIndex }) : undefined;
}

/** The stored papers' part, checked as far as its head tells (`dataHead` leaves its sections as markers). */
export function checkPapers(value: unknown): StoredPapers | undefined {
  const stored = value as Partial<StoredPapers> | undefined;
  // A table stored before its wide text came in pieces (`PaperTable.wide`) holds one string there,
  // and one stored before its ids and titles came apart (`PaperTable.heads`) none: not this format.
  return stored?.papers && Array.isArray(stored.papers.wide) && stored.papers.heads !== undefined && Array.isArray(stored.problems) && Number.isSafeInteger(stored.abstracts) && stored.abstracts! >= 0 ? (stored as StoredPapers) : undefined;
}

/** Stores what a load prepared, and removes all but the `PREPARED_KEPT` loads used last. */
export function writePrepared(dir: string, version: string, parts: readonly string[], stored: StoredLoad): void {
  preparedWriter(dir, version, parts, stored)();
}

/**
 * `writePrepared` in two halves: the bytes are packed (and the abstracts copied) now, and
 * written when the returned function is called. The worker packs before it transfers the table
 * to the host (which detaches its buffers), and writes after: the 190 MB of a 50,000-paper load
 * took 0.7 s to write, in front of the host's load. `indexOf`: the parts of a stored load whose
 * index is `stored.prepared` as it is (see `ReusedFiling.index`), whose file is linked (or
 * copied) instead of packing the index again.
 */
export function preparedWriter(dir: string, version: string, parts: readonly string[], stored: StoredLoad, indexOf?: readonly string[]): () => void {
  const files = storedFiles(dir, version, parts);
  let papers: { abstracts: Uint8Array; bytes: Uint8Array } | undefined;
  let index: Uint8Array | undefined;
  try {
    if (stored.papers && stored.problems) {
      const head: StoredPapers = { papers: { ...stored.papers, abstracts: new Uint8Array(0) }, abstracts: stored.papers.abstracts.length, problems: stored.problems };
      // A shared table's arrays stay whole when sent (see `packPapers`): its abstracts are written as they are.
      papers = { abstracts: isSharedTable(stored.papers) ? stored.papers.abstracts : stored.papers.abstracts.slice(), bytes: packData(head) };
    }
    // The index stored for `indexOf` is this one (a reload that changed no field it reads): its file is linked when written, not packed again.
    // The search's posting lists and typo table last, where the editor leaves them (see `readStoredIndexNear`).
    if (!indexOf) index = packData({ prepared: stored.prepared }, new Set(farTables(stored.prepared.search)));
  } catch {
    // As a write that fails: this load is not stored.
    return () => undefined;
  }
  return () => {
    try {
      fs.mkdirSync(dir, { recursive: true });
      const write = (target: string, bytes: Uint8Array | string) => {
        const temporary = `${target}.${process.pid}.tmp`;
        if (typeof bytes === 'string') linkOrCopy(bytes, temporary);
        else fs.writeFileSync(temporary, bytes);
        fs.renameSync(temporary, target);
      };
      // The papers first: an index is read only with its papers beside it, or where none were stored.
      if (papers) {
        write(files.abstracts, papers.abstracts);
        write(files.papers, papers.bytes);
      } else {
        fs.rmSync(files.papers, { force: true });
        fs.rmSync(files.abstracts, { force: true });
      }
      try {
        write(files.index, index ?? storedFiles(dir, version, indexOf!).index);
      } catch (e) {
        // Papers without their index would be read for nothing: not stored.
        fs.rmSync(files.papers, { force: true });
        fs.rmSync(files.abstracts, { force: true });
        throw e;
      }
      const kept = fs
        .readdirSync(dir)
        .filter((name) => INDEX_FILE.test(name))
        .map((name) => ({ file: path.join(dir, name), used: fs.statSync(path.join(dir, name)).mtimeMs }))
        .sort((a, b) => b.used - a.used);
      for (const old of kept.slice(PREPARED_KEPT)) {
        for (const suffix of ['', '.papers', '.abstracts']) fs.rmSync(old.file.replace(/\.bin$/, `${suffix}.bin`), { force: true });
      }
    } catch {
      // A read-only or full disk costs the next load its warm start, nothing else.
    }
  };
}

/**
 * `target` made the same file as `source`: a hard link where the file system allows it (no
 * second copy of a 100 MB index on the disk, and no time spent copying it), else a copy. Safe
 * since a stored file is never written in place: a new one replaces it by a rename.
 */
function linkOrCopy(source: string, target: string): void {
  try {
    fs.linkSync(source, target);
  } catch {
    fs.copyFileSync(source, target);
  }
}

function readCached(target: string, file: string): LibraryParse | undefined {
  let text: string;
  try {
    text = fs.readFileSync(target, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as LibraryParse;
    // A file truncated by a crash, or written by something else, is a miss.
    if (parsed.file !== file || !Array.isArray(parsed.entries) || !Array.isArray(parsed.problems)) return undefined;
    return parsed;
  } catch {
    return undefined;
  }
}

function writeCached(dir: string, nameHash: string, target: string, parsed: LibraryParse): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(withoutOriginals(parsed)));
    fs.renameSync(temporary, target);
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith(`${nameHash}-`) && name.endsWith('.json') && path.join(dir, name) !== target) fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // A read-only or full disk costs the next run its warm start, nothing else.
  }
}

/**
 * A stamp is trusted only for a file that had not been written for this long when its content
 * was hashed: a write within the same millisecond as the stamped one, of the same size, would
 * otherwise leave the stamp unchanged (git's "racy" index entries, handled the same way).
 */
export const STAMP_SETTLED_MS = 2000;

/** What `stamps.json` holds: per library file, its stamp and the hash of the content read under it. */
interface StampFile {
  readonly format: string;
  readonly files: Record<string, { size: number; mtime: number; hash: string }>;
}

const STAMPS_FORMAT = 'stamps-1';
/** Files remembered at most (the libraries of a few windows). */
const STAMPS_KEPT = 64;

/**
 * The content hashes the cache in `dir` remembers for library files under their stamps, as
 * `git` remembers a file's hash under its size and modification time: a warm start whose files
 * all have the stamp they had when last hashed neither reads nor hashes them. The cache's keys
 * stay the content: a stamp only says which content a file still holds.
 */
export class ContentStamps {
  private files: StampFile['files'] | undefined;

  constructor(
    private readonly dir: string,
    private readonly version: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The content hash of `file` under `stamp`, when known and trusted. */
  hashOf(file: string, stamp: FileStamp | undefined): string | undefined {
    if (!stamp) return undefined;
    const known = this.read()[file];
    return known && known.size === stamp.size && known.mtime === stamp.mtime ? known.hash : undefined;
  }

  /** Notes that `file`, stamped `stamp` before it was read, holds content `hash`: kept when the file had settled (`STAMP_SETTLED_MS`). */
  record(file: string, stamp: FileStamp | undefined, hash: string): void {
    const files = this.read();
    // Deleted first, so that a file recorded again moves to the end (the files recorded last are kept);
    // an unsettled file is not trusted, and what was known of it no longer holds either.
    delete files[file];
    if (stamp && this.now() - stamp.mtime >= STAMP_SETTLED_MS) files[file] = { size: stamp.size, mtime: stamp.mtime, hash };
  }

  /** Writes what was recorded, the files recorded last kept. */
  save(): void {
    if (!this.files) return;
    try {
      const names = Object.keys(this.files);
      const kept: StampFile['files'] = {};
      for (const name of names.slice(-STAMPS_KEPT)) kept[name] = this.files[name];
      fs.mkdirSync(this.dir, { recursive: true });
      const target = this.file();
      const temporary = `${target}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify({ format: STAMPS_FORMAT, files: kept } satisfies StampFile));
      fs.renameSync(temporary, target);
    } catch {
      // A read-only or full disk costs the next start the shortcut, nothing else.
    }
  }

  private file(): string {
    return path.join(this.dir, `stamps-${createHash('sha256').update(this.version).digest('hex').slice(0, 16)}.json`);
  }

  private read(): StampFile['files'] {
    if (this.files) return this.files;
    try {
      const stored = JSON.parse(fs.readFileSync(this.file(), 'utf8')) as StampFile;
      const valid = stored.format === STAMPS_FORMAT && stored.files && typeof stored.files === 'object';
      this.files = valid ? { ...stored.files } : {};
      for (const [name, entry] of Object.entries(this.files)) {
        if (!(typeof entry?.size === 'number' && typeof entry.mtime === 'number' && typeof entry.hash === 'string')) delete this.files[name];
      }
    } catch {
      this.files = {};
    }
    return this.files;
  }
}

/**
 * One window's libraries, loaded and reloaded: the parse of each library file is kept, so a
 * change to one file parses only that file and merges again with the others and the bundled
 * papers, then files every merged paper under its topics. This is the work of the library
 * worker (`src/worker/libraryWorker.ts`), which runs it at once in its own thread, and of the
 * web extension, which has no worker and runs it on the extension host's thread in slices
 * (`runInSlices`): the load is a series of steps that yield between BibTeX entries and between
 * batches of papers filed.
 */
import { parseListing } from '../listing';
import type { LibraryFile, SourceProblem } from '../sources';
import { parseTaxonomy, TopicClassifier } from '../topics';
import type { Paper } from '../types';
import { Pace, type Steps } from '../steps';
import { rereadWith, withoutOriginalsSteps, type LibraryParse } from './entry';
import { libraryFormatOf, parseLibrarySteps, type BibtexOptions } from './index';
import { mergeLibrariesSteps } from './merge';

/** One library file as read by the host: its bytes, or why it could not be read. */
export interface LibraryInput {
  /** The name problems and sources show (the file's path). */
  readonly file: string;
  readonly bytes?: Uint8Array;
  /** Set when the file could not be read: the file is then one problem and no papers. */
  readonly unreadable?: string;
  /** The file's size and modification time, taken before it was read (see `ContentStamps` in `core/libraryCache.ts`). */
  readonly stamp?: FileStamp;
}

/** A file's size and modification time (ms since the epoch), as the editor stats it. */
export interface FileStamp {
  readonly size: number;
  readonly mtime: number;
}

/** What one load did and how long each part took. */
export interface SessionStats {
  /** Files parsed anew, and files whose parse came from a cache. */
  readonly parsed: number;
  readonly cached: number;
  readonly parseMs: number;
  readonly mergeMs: number;
  /** Filing every merged paper under its topics. */
  readonly classifyMs: number;
}

export interface SessionLoad extends SessionMerge {
  /** Each paper's topic ids as the classifier chose them (same order as `papers`). */
  readonly topics: readonly (readonly string[])[];
  readonly stats: SessionStats;
}

/** A load's papers before they are filed under topics (see `LibrarySession.merge`). */
export interface SessionMerge {
  /** The bundled papers first (`bundled` of them, with what libraries add to them), then the libraries' others. */
  readonly papers: readonly Paper[];
  readonly bundled: number;
  /** The bundled listing's, each library's and merging's problems, in that order. */
  readonly problems: readonly SourceProblem[];
  readonly stats: Omit<SessionStats, 'classifyMs'>;
}

/** Reads one library file: its parse, and whether that came from a cache. */
export type LibraryReader = (file: LibraryFile) => Steps<{ parse: LibraryParse; cached: boolean }>;

export interface SessionOptions {
  /** The bundled listing's text, read when a load first includes the bundled papers. */
  readonly listing: () => { text: string; file: string };
  /** The topic taxonomy's text, read on the first load. */
  readonly taxonomy: () => { text: string; file: string };
  /** Options for the BibTeX reader (the fallback decoder of LaTeX commands). */
  readonly bibtex?: BibtexOptions;
  /** Reads a file in place of the plain reader (the worker's goes through its disk cache). */
  readonly read?: LibraryReader;
}

/** Papers filed under topics between two pauses. */
const CLASSIFY_STEP = 200;

export class LibrarySession {
  private readonly parses = new Map<string, LibraryParse>();
  private bundled: { papers: readonly Paper[]; problems: readonly SourceProblem[] } | undefined;
  private classifier: TopicClassifier | undefined;

  constructor(private readonly options: SessionOptions) {}

  /** The plain reader, in steps, keeping no entry's text as written (dropped below all the same). */
  private *readPlain(file: LibraryFile): Steps<{ parse: LibraryParse; cached: boolean }> {
    return { parse: yield* parseLibrarySteps(file.input, file.file, { ...this.options.bibtex, originals: false, strings: file.strings }, file.format), cached: false };
  }

  private bundledPapers() {
    if (!this.bundled) {
      const { text, file } = this.options.listing();
      const listing = parseListing(text, file);
      this.bundled = { papers: listing.papers, problems: listing.problems.map((p) => ({ ...p, severity: 'error' as const })) };
    }
    return this.bundled;
  }

  /**
   * Drops every parse: the next load must then hold every file of its `order` in `changed`
   * (the library worker's parses live in its disk cache between loads).
   */
  forget(): void {
    this.parses.clear();
  }

  /**
   * Loads the libraries named in `order` (in that order), with the bundled papers when
   * `bundled`. `changed` holds the files to (re)parse; every other file of `order` keeps the
   * parse it has, and parses of files not in `order` are dropped.
   */
  *load(order: readonly string[], changed: readonly LibraryInput[], bundled = true): Steps<SessionLoad> {
    const merged = yield* this.merge(order, changed, bundled);
    const { topics, ms } = yield* this.classify(merged.papers);
    return { ...merged, topics, stats: { ...merged.stats, classifyMs: ms } };
  }

  /** `load` but filing the papers under topics: the library worker files a large library on two threads (see `classify`). */
  *merge(order: readonly string[], changed: readonly LibraryInput[], bundled = true): Steps<SessionMerge> {
    const started = performance.now();
    let parsed = 0;
    let cached = 0;
    for (const input of changed) {
      const result = yield* this.parse(input);
      // Kept to merge again when another file changes, without the entries' text as written.
      this.parses.set(input.file, yield* withoutOriginalsSteps(result.parse));
      if (result.cached) cached++;
      else parsed++;
    }
    const wanted = new Set(order);
    for (const file of [...this.parses.keys()]) if (!wanted.has(file)) this.parses.delete(file);
    // Names a file uses and another file of the load defines (`\bibliography{strings,refs}`): the
    // file is read again with them (through the reader's cache, keyed by them too). Only a file
    // whose bytes this load has can be: the worker, which keeps its parses in its cache, has
    // every file's; without a cache, a file left as it was keeps the values it was read with
    // until it changes.
    const inputs = new Map(changed.map((input) => [input.file, input]));
    for (const file of order) {
      const input = inputs.get(file);
      const parse = this.parses.get(file);
      if (!input || !parse) continue;
      const again = rereadWith(parse, order.flatMap((f) => this.parses.get(f) ?? []));
      if (!again) continue;
      const result = yield* this.parse(input, again.strings);
      this.parses.set(file, yield* withoutOriginalsSteps(result.parse));
      if (result.cached) cached++;
      else parsed++;
    }
    const parseMs = performance.now() - started;
    yield;

    const merging = performance.now();
    const known = bundled ? this.bundledPapers() : { papers: [], problems: [] };
    const libraries = order.flatMap((file) => this.parses.get(file) ?? []);
    const merged = yield* mergeLibrariesSteps(known.papers, libraries);
    const problems: SourceProblem[] = [...known.problems, ...libraries.flatMap((l) => l.problems), ...merged.problems];
    const mergeMs = performance.now() - merging;
    yield;
    return { papers: merged.papers, bundled: known.papers.length, problems, stats: { parsed, cached, parseMs, mergeMs } };
  }

  /**
   * The topic ids of `papers[start .. end)`, as the classifier chooses them, in steps, and the
   * time taken. Filing 50,000 papers takes about a second, which would otherwise fall on the
   * first render of the sidebar.
   */
  *classify(papers: readonly Paper[], start = 0, end = papers.length): Steps<{ topics: (readonly string[])[]; ms: number }> {
    let ms = 0;
    let classifying = performance.now();
    if (!this.classifier) {
      const { text, file } = this.options.taxonomy();
      const taxonomy = parseTaxonomy(text, file);
      // Reading the taxonomy and building the classifier are 10-20 ms each: a step each.
      ms += performance.now() - classifying;
      yield;
      classifying = performance.now();
      // In steps of its own (`TopicClassifier.build`): built at once with the first papers filed
      // too, it was a step of 35-65 ms at 50,000 entries, and 22-36 ms alone.
      const building = TopicClassifier.build(taxonomy);
      for (let step = building.next(); ; step = building.next()) {
        ms += performance.now() - classifying;
        if (step.done) {
          this.classifier = step.value;
          break;
        }
        yield;
        classifying = performance.now();
      }
      yield;
      classifying = performance.now();
    }
    const topics: (readonly string[])[] = [];
    const pace = new Pace(CLASSIFY_STEP);
    for (let k = start; k < end; k++) {
      topics.push(this.classifier.classify(papers[k]));
      if (pace.tick()) {
        ms += performance.now() - classifying;
        yield* pace.pause();
        classifying = performance.now();
      }
    }
    ms += performance.now() - classifying;
    return { topics, ms };
  }

  private *parse(input: LibraryInput, strings?: ReadonlyMap<string, string>): Steps<{ parse: LibraryParse; cached: boolean }> {
    if (input.unreadable !== undefined || !input.bytes) {
      const message = `cannot read: ${input.unreadable ?? 'no content'}`;
      return { parse: { file: input.file, format: libraryFormatOf(input.file), entries: [], problems: [{ file: input.file, line: 1, message, severity: 'error' }] }, cached: false };
    }
    const file: LibraryFile = { file: input.file, input: input.bytes, strings };
    return yield* (this.options.read ?? ((f: LibraryFile) => this.readPlain(f)))(file);
  }
}

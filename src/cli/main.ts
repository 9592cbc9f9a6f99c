/**
 * The paper-lens command line: the same core as the extension, for terminals and scripts.
 *
 *   paper-lens search QUERY [--limit N] [--json]
 *   paper-lens scan FILE... [--json] [--explain] [--ambiguous context|always|never] [--library-names all|titles]
 *   paper-lens topics [--json]
 *   paper-lens show ID|KEY|TITLE [--format F] [--json]
 *   paper-lens references FILE... [--format F] [--json]
 *   paper-lens related ID|KEY|TITLE [--limit N] [--json]
 *   paper-lens library FILE... [--json]
 *   F: text, markdown, bibtex, pandoc ([@key]), latex (\cite{key}), or a CSL style: apa, ieee,
 *   chicago, vancouver, harvard (citeproc-js over the bundled styles in seeds/csl/)
 *   --library FILE  add a library (.bib, .json CSL-JSON, .txt listing); repeatable (every command)
 *   --no-bundled    leave the bundled corpus out (every command)
 *   --corpus FILE   use another listing instead of the bundled one (every command)
 *
 * Library parses are cached on disk by content (see `libraryCache.ts`), so a second run over
 * an unchanged library skips parsing.
 *
 * `scan` and `references` read what the editor reads: paper names and titles
 * (`MentionMatcher`), cite keys (`findCiteKeys`, by the file's extension; see `documents.ts`),
 * and `scan` also the arXiv ids and DOIs of known papers. `references` lists the papers in
 * order of first mention, as Insert References does; `related` ranks as the paper view does.
 *
 * Bad arguments and unreadable files print one clear line on stderr and exit with code 2;
 * nothing is written anywhere but stdout and stderr.
 */
import * as bibtexParser from '@retorquere/bibtex-parser';
import * as path from 'node:path';
import { backgroundProblem, loadSeeds, readBytesFile, readTextFile, SEEDS, statReadableFile, textOfBytes } from '../core/bundled';
import { ALL_CITATION_FORMATS, CiteKeyResolver, formatCitation, paperKey, type AnyCitationFormat } from '../core/citations';
import type { CslFormatter } from '../core/csl';
import { isCslStyle } from '../core/cslStyles';
import { formatReferences, papersInMentionOrder } from '../core/references';
import { RelatedIndex } from '../core/related';
import { lineStartsOf, positionOf } from '../core/lines';
import { Corpus } from '../core/corpus';
import type { FindOptions } from '../core/mentions';
import type { Background } from '../core/background';
import type { IsCommonWord } from '../core/names';
import { packPapers, unpackPapers } from '../core/paperTable';
import { finishSteps } from '../core/steps';
import type { Evidence } from '../core/evidence';
import { FileError } from '../core/errors';
import { originalEntry, parseLibrary } from '../core/library';
import { macroDecoderFrom } from '../core/library/macroFallback';
import { corpusFromSources, libraryTitlesOnly, withBorrowedStrings, type LibraryFile, type LoadedSources } from '../core/sources';
import { collapseWhitespace } from '../core/text';
import { isTitleName, namedAuthors, type AmbiguousNamePolicy, type Paper, type PaperSource, type Topic } from '../core/types';
import { citedPapers, citeKeysOf, readDocument, toFile, type ReadDocument } from './documents';
import { ContentStamps, contentHash, defaultCacheDir, parseThroughCache, readPrepared, seedsHash, writePrepared, type StoredLoad } from '../core/libraryCache';

const USAGE = `Usage: paper-lens <command> [options]

Commands:
  search QUERY [--limit N] [--json]   rank papers for a query (typos and any word order welcome)
  scan FILE... [--json] [--explain]   find paper names in files (notebooks: in their cells);
                                      --explain prints the evidence that decided each name
                                      (and the candidates turned down)
  topics [--json]                     the papers grouped by topic
  show ID|KEY|TITLE [--format F]      one paper as readable text, or its citation in format F, or --json
  references FILE... [--format F]     the reference list of the papers the files mention (by name,
                                      title or cite key), in order of first mention (default
                                      format ieee); --json prints [{id, key, title, text}]
  related ID|KEY|TITLE [--limit N]    the papers most like this one (default 5); --json prints
                                      [{id, title, score}]
  library FILE... [--json]            the papers and problems of library files

Options:
  --library FILE         add a library: BibTeX .bib, CSL-JSON .json or listing .txt (repeatable)
  --no-bundled           leave the bundled corpus out
  --corpus FILE          use this Daily Papers listing instead of the bundled corpus
  --cache DIR            keep library parses here (default $PAPER_LENS_CACHE, else
                         $XDG_CACHE_HOME/paper-lens, else ~/.cache/paper-lens)
  --no-cache             parse every library anew and keep nothing
  --ambiguous POLICY     scan, references: names that are also ordinary words (context, always,
                         never; default context)
  --library-names N      scan, references: the names library papers are recognised by: all
                         (default) or titles (full titles only; keys and ids either way)
  --format F             show, references: text, markdown, bibtex, pandoc ([@key]), latex
                         (\\cite{key}), or a CSL style: apa, ieee, chicago (author-date),
                         vancouver, harvard
  --limit N              search (default 10), related (default 5): at most N papers
  --json                 machine-readable output
  -h, --help             this help
`;

/**
 * A mistake in how the command was called, or something it names that is not there: exit code 2
 * and one line on stderr. `suggestHelp` adds a pointer to `--help`, which helps with a misspelt
 * command or option but not with a paper or folder that does not exist.
 */
class UsageError extends Error {
  readonly suggestHelp: boolean;
  constructor(message: string, options: { suggestHelp?: boolean } = {}) {
    super(message);
    this.name = 'UsageError';
    this.suggestHelp = options.suggestHelp ?? true;
  }
}

interface Args {
  command: string;
  positional: string[];
  json: boolean;
  explain: boolean;
  /** `--limit`; each command has its own default. */
  limit?: number;
  corpus?: string;
  libraries: string[];
  bundled: boolean;
  cache?: string;
  useCache: boolean;
  ambiguous: AmbiguousNamePolicy;
  /** `--library-names titles`: library papers by their full titles only. */
  libraryTitlesOnly: boolean;
  format?: AnyCitationFormat;
}

function parseArgs(argv: readonly string[]): Args | 'help' {
  const args: Args = { command: '', positional: [], json: false, explain: false, libraries: [], bundled: true, useCache: true, ambiguous: 'context', libraryTitlesOnly: false };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--json') args.json = true;
    else if (a === '--explain') args.explain = true;
    else if (a === '--limit') {
      const v = value(i++, a);
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--limit takes a whole number of at least 1, not "${v}"`);
      args.limit = Number(v);
    } else if (a === '--corpus') args.corpus = value(i++, a);
    else if (a === '--library') args.libraries.push(value(i++, a));
    else if (a === '--no-bundled') args.bundled = false;
    else if (a === '--cache') args.cache = value(i++, a);
    else if (a === '--no-cache') args.useCache = false;
    else if (a === '--ambiguous') {
      const v = value(i++, a);
      if (v !== 'context' && v !== 'always' && v !== 'never') throw new UsageError(`--ambiguous takes context, always or never, not "${v}"`);
      args.ambiguous = v;
    } else if (a === '--library-names') {
      const v = value(i++, a);
      if (v !== 'all' && v !== 'titles') throw new UsageError(`--library-names takes all or titles, not "${v}"`);
      args.libraryTitlesOnly = v === 'titles';
    } else if (a === '--format') {
      const v = value(i++, a);
      if (!(ALL_CITATION_FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format takes ${ALL_CITATION_FORMATS.join(', ')}, not "${v}"`);
      args.format = v as AnyCitationFormat;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else if (!args.command) args.command = a;
    else args.positional.push(a);
  }
  if (!args.command) return 'help';
  return args;
}

/** The folder holding `seeds/`: next to `dist/` when bundled, three levels up from `out/src/cli/` when compiled. */
function packageRoot(): string {
  for (const candidate of [path.join(__dirname, '..'), path.join(__dirname, '..', '..', '..')]) {
    try {
      readTextFile(path.join(candidate, 'seeds', 'topics.json'));
      return candidate;
    } catch {
      // try the next
    }
  }
  throw new UsageError(`cannot find the bundled seeds/ folder next to ${__dirname}`, { suggestHelp: false });
}

/**
 * The bundled corpus (or `--corpus`, unless `--no-bundled`) with every library merged in:
 * `--library` files, then `extra` (the files `library` names). Problems go to stderr; an
 * unreadable file throws the `FileError` that names it.
 */
function loadCorpus(args: Args, extra: readonly string[] = []): Corpus {
  const root = packageRoot();
  const names = [...args.libraries, ...extra];
  if (!args.bundled && !names.length) throw new UsageError('--no-bundled leaves no papers: add a --library FILE');
  const { topics, isCommonWord, background } = loadSeeds(root);
  const backgroundTrouble = backgroundProblem(root);
  if (backgroundTrouble) process.stderr.write(`warning: ${backgroundTrouble}; names are judged without background statistics\n`);
  // Rare LaTeX commands go to Better BibTeX's own parser (see macroFallback.ts).
  const parse = (f: LibraryFile) => parseLibrary(f.input, f.file, { decodeMacro: macroDecoderFrom(bibtexParser), originals: false, strings: f.strings }, f.format);
  const cacheDir = args.cache ?? defaultCacheDir();
  const version = cacheVersion(root);
  // A listing given as the corpus (a 50,000-paper listing took 10 s a run to parse and index),
  // then the libraries: the files a run's stored load is keyed by, with the bundled seeds.
  const corpusFile = args.bundled ? args.corpus : undefined;
  const keyed = corpusFile === undefined ? names : [corpusFile, ...names];
  // Where the libraries start among the keyed files.
  const firstLibrary = keyed.length - names.length;
  const useCache = args.useCache && keyed.length > 0;
  // With such files, the merged papers, topics, names, matcher and search index are kept too,
  // keyed by every source's content: at 50,000 papers they are most of a run (see core/prepared.ts).
  // The bundled listing, when it is the corpus: read once, for the key and the papers.
  const seedListing = args.bundled && corpusFile === undefined ? readBytesFile(path.join(root, SEEDS.listing), SEEDS.listing) : undefined;
  const partsOf = (hashes: readonly string[]) => [
    'cli',
    !args.bundled ? '' : seedListing ? `${SEEDS.listing}\0${contentHash(seedListing)}` : `${corpusFile}\0${hashes[0]}`,
    `seeds\0${seedsHash(root, [SEEDS.topics, SEEDS.commonWords, SEEDS.background])}`,
    ...names.map((file, k) => `${file}\0${hashes[firstLibrary + k]}`),
  ];
  // Every file stamped (and so checked readable) before any is read or parsed, so a bad path
  // fails at once; a stamp taken before the read sees a write after it next time.
  const stamps = useCache ? new ContentStamps(cacheDir, version) : undefined;
  const stamped = stamps ? keyed.map((file) => statReadableFile(path.resolve(file), file)) : [];
  // Files whose content is known by their stamps (as the extension's worker keeps them): their
  // stored load is read without reading them. Reading and hashing 89 MB (50,000 entries) was
  // 0.6 s of a 1.5 s run.
  const known = stamps ? keyed.map((file, k) => stamps.hashOf(path.resolve(file), stamped[k])) : [];
  if (stamps && known.every((hash) => hash !== undefined)) {
    const stored = fromStored(readPrepared(cacheDir, version, partsOf(known as string[]), undefined, true), topics, isCommonWord, background);
    if (stored) return withProblems(stored);
  }
  // Bytes, not text: each entry then keeps only its own text (see core/library/chunks.ts).
  const bytes = keyed.map((file) => readBytesFile(path.resolve(file), file));
  const files: LibraryFile[] = names.map((file, k) => ({ file, input: bytes[firstLibrary + k] }));
  const bundled = !args.bundled ? undefined : seedListing ? { file: SEEDS.listing, text: textOfBytes(seedListing) } : { file: corpusFile!, text: textOfBytes(bytes[0]) };
  const hashes = useCache ? bytes.map((b) => contentHash(b)) : [];
  if (stamps) {
    keyed.forEach((file, k) => stamps.record(path.resolve(file), stamped[k], hashes[k]));
    stamps.save();
  }
  const parts = useCache ? partsOf(hashes) : undefined;
  // Lazily: the abstracts and the search's posting lists stay in their files, read as the command asks.
  const stored = parts ? readPrepared(cacheDir, version, parts, undefined, true) : undefined;
  const read = (some: readonly LibraryFile[]) => (args.useCache ? parseThroughCache(some, cacheDir, version, parse) : some.map(parse));
  const libraries = () => withBorrowedStrings(files, read(files), (f) => read([f])[0]);
  const loaded = fromStored(stored, topics, isCommonWord, background) ?? corpusFromSources({ bundled, libraries: libraries(), topics, isCommonWord, background, prepared: stored?.prepared });
  const { corpus, problems } = loaded;
  if (parts) {
    // Stored once the command is done, if it built (not restored) what the next run would restore.
    afterRun.push(() => {
      if (corpus.indexed && !corpus.restored) writePrepared(cacheDir, version, parts, { prepared: corpus.toPrepared(), papers: packPapers(corpus.papers), problems });
    });
  }
  return withProblems(loaded);
}

/** A paper's authors as the CLI's JSON gives them: the names, and `moreAuthors` when its source said the list goes on (`and others`). */
function authorFields(paper: Paper): { authors: readonly string[]; moreAuthors?: true } {
  const { names, more } = namedAuthors(paper.authors);
  return more ? { authors: names, moreAuthors: true } : { authors: names };
}

/** The corpus loaded, its problems written to stderr first. */
function withProblems({ corpus, problems }: LoadedSources): Corpus {
  // The run goes on past every problem: each is a warning to it, whatever it cost the file.
  for (const p of problems) process.stderr.write(`warning: ${p.file}:${p.line}: ${p.message}\n`);
  return corpus;
}

/** The corpus stored for these sources (papers, problems and prepared index), when one was and it is whole. */
function fromStored(stored: StoredLoad | undefined, topics: readonly Topic[], isCommonWord: IsCommonWord, background: Background): LoadedSources | undefined {
  if (!stored?.papers || !stored.problems) return undefined;
  let papers;
  try {
    // Each paper reads its fields when asked for (see `TablePaper`): a run reads a few papers' fields, not 50,000.
    papers = finishSteps(unpackPapers(stored.papers, { lazy: true, abstracts: stored.abstractsLater }));
  } catch {
    return undefined;
  }
  const corpus = new Corpus(papers, topics, isCommonWord, stored.problems, background, undefined, stored.prepared);
  return { corpus, problems: stored.problems };
}

/** Work left for when the command has printed its answer (storing a prepared index). */
const afterRun: Array<() => void> = [];

/** The package's version: a cache written by another version of the readers is not used. */
function cacheVersion(root: string): string {
  try {
    return (JSON.parse(readTextFile(path.join(root, 'package.json'))) as { version?: string }).version ?? '';
  } catch {
    return '';
  }
}

/** Where a paper came from: its library sources, or the listing line of a bundled paper. */
function sourcesOf(paper: Paper): readonly PaperSource[] {
  if (paper.sources) return paper.sources;
  return paper.source ? [{ ...paper.source, format: 'listing' }] : [];
}

/** Every field of a paper, for `show --json`. */
function paperJson(corpus: Corpus, paper: Paper) {
  return {
    id: paper.id,
    key: paperKey(paper),
    keys: paper.keys ?? [],
    title: paper.title,
    ...authorFields(paper),
    year: paper.year,
    venue: paper.venue,
    doi: paper.doi,
    url: paper.url,
    arxivId: paper.arxivId,
    entryType: paper.entryType,
    keywords: paper.keywords ?? [],
    abstract: paper.abstract,
    links: paper.links,
    topics: corpus.topicsOf(paper.id).map((t) => ({ id: t.id, label: t.label })),
    names: corpus.namesOf(paper.id).map((n) => ({ text: n.text, kind: n.kind, ambiguous: n.ambiguous })),
    sources: sourcesOf(paper),
  };
}



/**
 * Formats citations for one run. citeproc-js (about a megabyte of JavaScript) is loaded, and a
 * style's engine built, only when a CSL style is asked for; a library paper's BibTeX is its
 * entry as its file writes it (each file read once), as Copy Citation gives it in the editor.
 */
class Citations {
  private csl?: CslFormatter;
  private readonly texts = new Map<string, string | undefined>();

  constructor(private readonly root: string) {}

  /** One paper's citation in a format. */
  async format(paper: Paper, format: AnyCitationFormat): Promise<string> {
    return formatCitation(paper, format, { csl: await this.formatter(format), original: format === 'bibtex' ? this.original(paper) : undefined });
  }

  /** The reference list of papers given in mention order; a CSL style lays it out (see `formatReferences`). */
  async references(papers: readonly Paper[], format: AnyCitationFormat) {
    const csl = await this.formatter(format);
    return formatReferences(papers, format, { csl, original: format === 'bibtex' ? (p) => this.original(p) : undefined });
  }

  private async formatter(format: AnyCitationFormat): Promise<CslFormatter | undefined> {
    if (!isCslStyle(format)) return undefined;
    if (!this.csl) {
      const { CslFormatter } = await import('../core/csl');
      this.csl = new CslFormatter((file) => readTextFile(path.join(this.root, file), file));
    }
    return this.csl;
  }

  /** The paper's first BibTeX entry exactly as written, or undefined (no such source, file gone or changed). */
  private original(paper: Paper): string | undefined {
    const source = paper.sources?.find((s) => s.format === 'bibtex' && s.start !== undefined);
    if (!source) return undefined;
    if (!this.texts.has(source.file)) {
      let text: string | undefined;
      try {
        text = readTextFile(path.resolve(source.file), source.file);
      } catch {
        text = undefined;
      }
      this.texts.set(source.file, text);
    }
    const text = this.texts.get(source.file);
    return text === undefined ? undefined : originalEntry(text, source);
  }
}

/** The paper a command names: by id, library key, title or name (`Corpus.find`), else by a bundled paper's stable key (`@datacomp`). */
function findPaper(corpus: Corpus, query: string, resolver?: CiteKeyResolver): Paper {
  const paper = corpus.find(query) ?? (resolver ?? corpus.citeKeys).resolve(query);
  if (paper) return paper;
  // The closest papers by key, which every command takes, on the same line: errors are one line.
  const hint = corpus.searchIndex.search(query, 3).map((r) => `@${paperKey(r.paper)}`);
  const choices = hint.length > 1 ? `${hint.slice(0, -1).join(', ')} or ${hint[hint.length - 1]}` : hint[0];
  throw new UsageError(`no paper with id, key or title "${query}"${choices ? ` (did you mean ${choices}?)` : ''}`, { suggestHelp: false });
}

/** How `scan` and `references` resolve names: `--ambiguous`, and `--library-names titles`. */
function findOptions(corpus: Corpus, args: Args): FindOptions {
  return { policy: args.ambiguous, suppressed: args.libraryTitlesOnly ? libraryTitlesOnly((id) => corpus.get(id), SEEDS.listing) : undefined };
}

/** The papers the documents mention by name, title or cite key, each once, in order of first mention (as Insert References counts them). */
function papersMentioned(corpus: Corpus, docs: readonly ReadDocument[], options: FindOptions, resolver: CiteKeyResolver): Paper[] {
  const mentions = docs.map((doc) => ({ names: corpus.matcher.find(doc.scanned, options), keys: citeKeysOf(doc) }));
  return papersInMentionOrder(mentions, resolver, (id) => corpus.get(id));
}

function describe(corpus: Corpus, paper: Paper): string {
  const short = corpus.shortName(paper.id);
  const others = corpus
    .namesOf(paper.id)
    .filter((n) => !isTitleName(n) && n.text !== short)
    .map((n) => n.text);
  const lines = [paper.title, '='.repeat(Math.min(paper.title.length, 80)), ''];
  lines.push(`id:      ${paper.id}`);
  if (short) lines.push(`name:    ${short}${others.length ? ` (also ${others.join(', ')})` : ''}`);
  lines.push(`topics:  ${corpus.topicsOf(paper.id).map((t) => t.label).join(', ')}`);
  if (paper.keys?.length) lines.push(`key:     ${paper.keys.join(', ')}`);
  if (paper.authors?.length) lines.push(`authors: ${paper.authors.join(', ')}`);
  if (paper.year) lines.push(`year:    ${paper.year}`);
  if (paper.venue) lines.push(`venue:   ${paper.venue}`);
  if (paper.doi) lines.push(`doi:     ${paper.doi}`);
  if (paper.url) lines.push(`url:     ${paper.url}`);
  for (const link of paper.links) lines.push(`link:    ${link}`);
  for (const s of sourcesOf(paper)) lines.push(`source:  ${s.file}:${s.line}`);
  lines.push('', wrap(paper.abstract, 80), '');
  return lines.join('\n');
}

function wrap(text: string, width: number): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.join('\n');
}

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const args = parsed;
  const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
  switch (args.command) {
    case 'search': {
      const query = args.positional.join(' ').trim();
      if (!query) throw new UsageError('search needs a QUERY');
      const corpus = loadCorpus(args);
      const results = corpus.searchIndex.search(query, args.limit ?? 10);
      if (args.json) {
        out(JSON.stringify(results.map((r) => ({ id: r.paper.id, key: paperKey(r.paper), title: r.paper.title, score: round(r.score), name: corpus.shortName(r.paper.id) ?? null, topics: corpus.topicsOf(r.paper.id).map((t) => t.id) }))));
      } else if (!results.length) {
        out(`No papers match "${query}".`);
      } else {
        results.forEach((r, i) => {
          const short = corpus.shortName(r.paper.id);
          out(`${String(i + 1).padStart(2)}. ${r.paper.title}${short && !r.paper.title.startsWith(short) ? ` [${short}]` : ''}\n    ${r.paper.id}  score ${round(r.score)}`);
        });
      }
      return 0;
    }
    case 'scan': {
      if (!args.positional.length) throw new UsageError('scan needs at least one FILE');
      // Read every file before printing anything, so a bad path fails cleanly.
      const docs = args.positional.map(readDocument);
      const corpus = loadCorpus(args);
      const resolver = corpus.citeKeys;
      const identifiers = corpus.identifiers;
      const rows: ScanRow[] = [];
      const turnedDown: ScanRow[] = [];
      for (const doc of docs) {
        const { file, text } = doc;
        const starts = lineStartsOf(text);
        // A notebook is scanned in its cells, a .bib file without the braces inside words;
        // mentions are reported at their place in the file either way.
        const row = (m: { start: number; end: number; kind: string; paperId: string; evidence?: Evidence }): ScanRow => {
          const { start, end } = toFile(doc, m.start, m.end);
          const line = positionOf(starts, start).line + 1;
          const paper = corpus.get(m.paperId)!;
          const base = { file, start, end, line, column: start - starts[line - 1] + 1, text: text.slice(start, end), kind: m.kind, id: paper.id, key: paperKey(paper), title: paper.title };
          return m.evidence ? { ...base, evidence: m.evidence } : base;
        };
        const fileRows: ScanRow[] = [];
        if (args.explain) {
          const { linked, rejected } = corpus.matcher.explain(doc.scanned, findOptions(corpus, args));
          fileRows.push(...linked.map(row));
          turnedDown.push(...rejected.map(row));
        } else fileRows.push(...corpus.matcher.find(doc.scanned, findOptions(corpus, args)).map(row));
        // Cite keys and identifiers that name a paper. A key is explicit citation syntax, so it
        // stands for a name found on the same text (`\cite{DataComp}`); an identifier gives way to a name.
        const cited = citedPapers(doc, citeKeysOf(doc), resolver, identifiers).map((c) => row({ start: c.start, end: c.end, kind: c.kind, paperId: c.paper.id }));
        const overlaps = (a: ScanRow, b: ScanRow) => a.start < b.end && b.start < a.end;
        const keys = cited.filter((c) => c.kind === 'key');
        const names = fileRows.filter((r) => !keys.some((k) => overlaps(k, r)));
        const ids = cited.filter((c) => c.kind !== 'key' && !names.some((r) => overlaps(c, r)));
        rows.push(...[...names, ...keys, ...ids].sort((a, b) => a.start - b.start));
      }
      if (args.json) out(JSON.stringify(rows));
      else if (!rows.length && !turnedDown.length) out('No paper names found.');
      else {
        for (const r of rows) {
          out(`${r.file}:${r.line}:${r.column}: ${collapseWhitespace(r.text)}${CITED_KINDS[r.kind] ? ` (${CITED_KINDS[r.kind]})` : ''} -> ${r.title}`);
          if (r.evidence) out(explanation(r.evidence));
        }
        if (turnedDown.length) {
          out(`\nNot linked (${turnedDown.length}):`);
          for (const r of turnedDown) out(`${r.file}:${r.line}:${r.column}: ${collapseWhitespace(r.text)} -x ${r.title}\n${explanation(r.evidence!)}`);
        }
      }
      return 0;
    }
    case 'topics': {
      if (args.positional.length) throw new UsageError(`topics takes no arguments, got "${args.positional[0]}"`);
      const corpus = loadCorpus(args);
      // Topics that hold papers, as the sidebar lists them.
      const groups = corpus.topics
        .map((t) => ({ topic: t.id, label: t.label, description: t.description, papers: corpus.papersIn(t.id).map((p) => p.title) }))
        .filter((g) => g.papers.length > 0);
      if (args.json) out(JSON.stringify(groups));
      else for (const g of groups) out(`${g.label} (${g.papers.length})\n${g.papers.map((p) => `  - ${p}`).join('\n')}\n`);
      return 0;
    }
    case 'show': {
      const query = args.positional.join(' ').trim();
      if (!query) throw new UsageError('show needs a paper ID, KEY or TITLE');
      if (args.json && args.format) throw new UsageError('show takes --json or --format, not both');
      const corpus = loadCorpus(args);
      const paper = findPaper(corpus, query);
      if (args.json) out(JSON.stringify(paperJson(corpus, paper)));
      else out(args.format ? await new Citations(packageRoot()).format(paper, args.format) : describe(corpus, paper));
      return 0;
    }
    case 'references': {
      if (!args.positional.length) throw new UsageError('references needs at least one FILE');
      // IEEE by default: a standard style for ML and CS papers that numbers the list in order of
      // first mention (the order --json gives too), and the quickest CSL engine to build.
      const format = args.format ?? 'ieee';
      const docs = args.positional.map(readDocument);
      const corpus = loadCorpus(args);
      const papers = papersMentioned(corpus, docs, findOptions(corpus, args), corpus.citeKeys);
      const references = await new Citations(packageRoot()).references(papers, format);
      if (args.json) {
        // In order of first mention, whatever order the style sorts its list in.
        const byId = new Map(references.map((r) => [r.paper.id, r]));
        out(JSON.stringify(papers.map((p) => ({ id: p.id, key: byId.get(p.id)!.key, title: p.title, text: byId.get(p.id)!.text }))));
      } else if (!references.length) {
        out('No papers mentioned.');
      } else out(`${references.map((r) => r.text).join('\n\n')}\n`);
      return 0;
    }
    case 'related': {
      const query = args.positional.join(' ').trim();
      if (!query) throw new UsageError('related needs a paper ID, KEY or TITLE');
      const corpus = loadCorpus(args);
      const paper = findPaper(corpus, query);
      const related = new RelatedIndex(corpus.papers).related(paper.id, args.limit ?? 5);
      if (args.json) out(JSON.stringify(related.map((r) => ({ id: r.paper.id, title: r.paper.title, score: round(r.score) }))));
      else if (!related.length) out(`No papers are related to "${paper.title}".`);
      else {
        related.forEach((r, i) => {
          const short = corpus.shortName(r.paper.id);
          out(`${String(i + 1).padStart(2)}. ${r.paper.title}${short && !r.paper.title.startsWith(short) ? ` [${short}]` : ''}\n    ${r.paper.id}  score ${round(r.score)}`);
        });
      }
      return 0;
    }
    case 'library': {
      if (!args.positional.length) throw new UsageError('library needs at least one FILE');
      const corpus = loadCorpus(args, args.positional);
      // The papers the named files hold (merged with the bundled ones, so ids agree with show).
      const order = new Map(args.positional.map((file, i) => [file, i]));
      const papers = corpus.papers
        .flatMap((paper) => {
          const source = paper.sources?.find((s) => order.has(s.file));
          if (!source) return [];
          const { id, title, venue, doi, url, year } = paper;
          return [{ id, key: source.key ?? paper.keys?.[0], title, ...authorFields(paper), year, venue, doi, url, source: { file: source.file, line: source.line } }];
        })
        // In the order of the files and their entries, as the user wrote them.
        .sort((a, b) => order.get(a.source.file)! - order.get(b.source.file)! || a.source.line - b.source.line);
      const problems = corpus.problems.filter((p) => order.has(p.file)).map(({ file, line, message }) => ({ file, line, message }));
      if (args.json) out(JSON.stringify({ papers, problems }));
      else {
        for (const p of papers) out(`${p.source.file}:${p.source.line}: ${p.key ? `@${p.key} ` : ''}${p.title}${p.authors.length ? ` (${p.authors.slice(0, 3).join(', ')}${p.authors.length > 3 || p.moreAuthors ? ' et al.' : ''}${p.year ? `, ${p.year}` : ''})` : p.year ? ` (${p.year})` : ''}`);
        out(`${papers.length} papers, ${problems.length} problems`);
      }
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${args.command}" (try search, scan, topics, show, references, related or library)`);
  }
}

interface ScanRow {
  file: string;
  start: number;
  end: number;
  line: number;
  column: number;
  text: string;
  kind: string;
  id: string;
  key?: string;
  title: string;
  evidence?: Evidence;
}

/** How `scan`'s text output marks a paper found by something other than a name. */
const CITED_KINDS: Readonly<Record<string, string>> = { key: 'cite key', arxiv: 'arXiv id', doi: 'DOI' };

/** The evidence of one decision as indented lines. */
function explanation(e: Evidence): string {
  const lines = [`    ${e.prior}${e.why ? ` (${e.why})` : ''}`];
  for (const r of e.reasons) lines.push(`    - ${r}`);
  return lines.join('\n');
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function main(): void {
  // Output piped into `head` and the like: stop quietly when the reader goes away.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // After the answer: a failure to store only costs the next run its warm start.
      for (const work of afterRun.splice(0)) {
        try {
          work();
        } catch {
          // (writePrepared ignores a read-only or full disk itself; this is anything else.)
        }
      }
    },
    (e: unknown) => {
      if (e instanceof UsageError || e instanceof FileError) {
        process.stderr.write(`paper-lens: ${e.message}\n`);
        if (e instanceof UsageError && e.suggestHelp) process.stderr.write('Run "paper-lens --help" for usage.\n');
        process.exitCode = 2;
      } else {
        throw e;
      }
    },
  );
}

main();

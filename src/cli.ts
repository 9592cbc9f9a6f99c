/**
 * The paper-lens command line: the same core as the extension, for terminals and scripts.
 *
 *   paper-lens search QUERY [--limit N] [--json]
 *   paper-lens scan FILE... [--json] [--explain] [--ambiguous context|always|never]
 *   paper-lens topics [--json]
 *   paper-lens show ID|TITLE [--format text|markdown|bibtex]
 *   --corpus FILE   use another listing instead of the bundled one (every command)
 *
 * Bad arguments and unreadable files print one clear line on stderr and exit with code 2;
 * nothing is written anywhere but stdout and stderr.
 */
import * as path from 'node:path';
import { backgroundProblem, loadBundledCorpus, loadCorpusFile, readTextFile } from './core/bundled';
import { CITATION_FORMATS, formatCitation } from './core/citations';
import type { Corpus } from './core/corpus';
import { FileError } from './core/errors';
import { formatProblem } from './core/listing';
import { collapseWhitespace } from './core/text';
import { fileRange, viewOf } from './core/views';
import type { Evidence } from './core/evidence';
import type { AmbiguousNamePolicy, CitationFormat, Mention, Paper } from './core/types';

const USAGE = `Usage: paper-lens <command> [options]

Commands:
  search QUERY [--limit N] [--json]   rank papers for a query (typos and any word order welcome)
  scan FILE... [--json] [--explain]   find paper names in files (notebooks: in their cells);
                                      --explain prints the evidence that decided each name
                                      (and the candidates turned down)
  topics [--json]                     the papers grouped by topic
  show ID|TITLE [--format F]          one paper as readable text (F: text, markdown, bibtex)

Options:
  --corpus FILE          use this Daily Papers listing instead of the bundled corpus
  --ambiguous POLICY     scan: names that are also ordinary words (context, always, never; default context)
  --json                 machine-readable output
  -h, --help             this help
`;

/** A mistake in how the command was called, or a file that cannot be used: exit code 2. */
class UsageError extends Error {}

interface Args {
  command: string;
  positional: string[];
  json: boolean;
  explain: boolean;
  limit: number;
  corpus?: string;
  ambiguous: AmbiguousNamePolicy;
  format?: CitationFormat;
}

function parseArgs(argv: readonly string[]): Args | 'help' {
  const args: Args = { command: '', positional: [], json: false, explain: false, limit: 10, ambiguous: 'context' };
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
    else if (a === '--ambiguous') {
      const v = value(i++, a);
      if (v !== 'context' && v !== 'always' && v !== 'never') throw new UsageError(`--ambiguous takes context, always or never, not "${v}"`);
      args.ambiguous = v;
    } else if (a === '--format') {
      const v = value(i++, a);
      if (!(CITATION_FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format takes ${CITATION_FORMATS.join(', ')}, not "${v}"`);
      args.format = v as CitationFormat;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else if (!args.command) args.command = a;
    else args.positional.push(a);
  }
  if (!args.command) return 'help';
  return args;
}

/** The folder holding `seeds/`: next to `dist/` when bundled, two levels up from `out/src/` when compiled. */
function packageRoot(): string {
  for (const candidate of [path.join(__dirname, '..'), path.join(__dirname, '..', '..')]) {
    try {
      readTextFile(path.join(candidate, 'seeds', 'topics.json'));
      return candidate;
    } catch {
      // try the next
    }
  }
  throw new UsageError(`cannot find the bundled seeds/ folder next to ${__dirname}`);
}

function loadCorpus(args: Args): Corpus {
  const root = packageRoot();
  const corpus = args.corpus ? loadCorpusFile(path.resolve(args.corpus), root, args.corpus) : loadBundledCorpus(root);
  for (const p of corpus.problems) process.stderr.write(`warning: ${formatProblem(p)}\n`);
  const background = backgroundProblem(root);
  if (background) process.stderr.write(`warning: ${background}; names are judged without background statistics\n`);
  return corpus;
}

function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

function describe(corpus: Corpus, paper: Paper, format?: CitationFormat): string {
  if (format) return formatCitation(paper, format);
  const short = corpus.shortName(paper.id);
  const others = corpus
    .namesOf(paper.id)
    .filter((n) => n.kind !== 'title' && n.text !== short)
    .map((n) => n.text);
  const lines = [paper.title, '='.repeat(Math.min(paper.title.length, 80)), ''];
  lines.push(`id:      ${paper.id}`);
  if (short) lines.push(`name:    ${short}${others.length ? ` (also ${others.join(', ')})` : ''}`);
  lines.push(`topics:  ${corpus.topicsOf(paper.id).map((t) => t.label).join(', ')}`);
  if (paper.authors?.length) lines.push(`authors: ${paper.authors.join(', ')}`);
  if (paper.year) lines.push(`year:    ${paper.year}`);
  for (const link of paper.links) lines.push(`link:    ${link}`);
  if (paper.source) lines.push(`source:  ${paper.source.file}:${paper.source.line}`);
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

function run(argv: readonly string[]): number {
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
      const results = corpus.search.search(query, args.limit);
      if (args.json) {
        out(JSON.stringify(results.map((r) => ({ id: r.paper.id, title: r.paper.title, score: round(r.score), name: corpus.shortName(r.paper.id) ?? null, topics: corpus.topicsOf(r.paper.id).map((t) => t.id) }))));
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
      const texts = args.positional.map((file) => ({ file, text: readTextFile(file) }));
      const corpus = loadCorpus(args);
      const rows: ScanRow[] = [];
      const turnedDown: ScanRow[] = [];
      for (const { file, text } of texts) {
        const starts = lineStartsOf(text);
        // A notebook is scanned in its cells, a .bib file without the braces inside words;
        // mentions are reported at their place in the file either way.
        const view = viewOf(file, text);
        const row = (m: Mention & { evidence?: Evidence }): ScanRow => {
          const { start, end } = view ? fileRange(view, m.start, m.end) : m;
          const line = lineOf(starts, start);
          const paper = corpus.get(m.paperId)!;
          const base = { file, start, end, line, column: start - starts[line - 1] + 1, text: text.slice(start, end), kind: m.kind, id: paper.id, title: paper.title };
          return m.evidence ? { ...base, evidence: m.evidence } : base;
        };
        const scanned = view ? view.text : text;
        if (args.explain) {
          const { linked, rejected } = corpus.matcher.explain(scanned, args.ambiguous);
          rows.push(...linked.map(row));
          turnedDown.push(...rejected.map(row));
        } else rows.push(...corpus.matcher.find(scanned, args.ambiguous).map(row));
      }
      if (args.json) out(JSON.stringify(rows));
      else if (!rows.length && !turnedDown.length) out('No paper names found.');
      else {
        for (const r of rows) {
          out(`${r.file}:${r.line}:${r.column}: ${collapseWhitespace(r.text)} -> ${r.title}`);
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
      const groups = corpus.topics.map((t) => ({ topic: t.id, label: t.label, description: t.description, papers: corpus.papersIn(t.id).map((p) => p.title) }));
      if (args.json) out(JSON.stringify(groups));
      else for (const g of groups) out(`${g.label} (${g.papers.length})\n${g.papers.map((p) => `  - ${p}`).join('\n')}\n`);
      return 0;
    }
    case 'show': {
      const key = args.positional.join(' ').trim();
      if (!key) throw new UsageError('show needs a paper ID or TITLE');
      const corpus = loadCorpus(args);
      const paper = corpus.find(key);
      if (!paper) {
        const hint = corpus.search.search(key, 3).map((r) => `  ${r.paper.id}  ${r.paper.title}`);
        throw new UsageError(`no paper with id or title "${key}"${hint.length ? `; did you mean:\n${hint.join('\n')}` : ''}`);
      }
      out(describe(corpus, paper, args.format));
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${args.command}" (try search, scan, topics or show)`);
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
  title: string;
  evidence?: Evidence;
}

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
  try {
    process.exitCode = run(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError || e instanceof FileError) {
      process.stderr.write(`paper-lens: ${e.message}\n`);
      if (e instanceof UsageError && /needs|unknown|takes/.test(e.message)) process.stderr.write('Run "paper-lens --help" for usage.\n');
      process.exitCode = 2;
    } else {
      throw e;
    }
  }
}

main();

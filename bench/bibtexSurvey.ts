/**
 * `npm run survey:bibtex -- FILE.bib...`: our BibTeX reader against Better BibTeX's own parser
 * (`@retorquere/bibtex-parser`, which the issue names as the reference) on `.bib` files other
 * people wrote. The files are read together, as one load reads them (`parseLibraryFiles`:
 * `@string` names one defines are there for the others), and each by the reference alone.
 *
 * It prints, per file, the entries each reader gives and our problems, then how many entries
 * differ in each field, with `--show FIELD` (title, authors, year, doi, venue, abstract; more
 * than one allowed) the differing values. The reference's markup (`<i>`) and Unicode forms
 * (NFC, a dotless i with an accent) are evened out before comparing; what differs after that is
 * either a reader's mistake or a choice (`docs/bibtex-survey.md` lists the files read on
 * 2026-12-03, where to get them, and what the differences were).
 *
 * Why a script and not a test: the files are other people's, most with no licence to copy them
 * into this repository; the test fixtures keep small licensed excerpts (`test/fixtures/library`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { macroDecoderFrom, type BibtexParserModule } from '../src/core/library/macroFallback';
import { namedAuthors } from '../src/core/types';
import { parseLibraryFiles } from '../src/core/sources';

const FIELDS = ['title', 'authors', 'year', 'doi', 'venue', 'abstract'] as const;
type Field = (typeof FIELDS)[number];

interface ReferenceName {
  readonly name?: string;
  readonly firstName?: string;
  readonly prefix?: string;
  readonly lastName?: string;
  readonly suffix?: string;
}
interface ReferenceEntry {
  readonly key: string;
  readonly type: string;
  readonly fields: Record<string, unknown>;
}

/** Better BibTeX's parser as the bundles see it (its ES build: see `test/unit/libraryHelpers.ts`). */
function reference(): BibtexParserModule {
  const cjs = require.resolve('@retorquere/bibtex-parser');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(path.dirname(cjs), '..', 'esm', 'index.js')) as BibtexParserModule;
}

/** A value as compared: markup dropped, Unicode composed, white space single. */
function even(value: unknown): string {
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  return text
    .normalize('NFC')
    .replace(/ı\u0301/g, 'í')
    .replace(/<\/?(?:i|b|sup|sub|sc|code|span|p)(?:\s[^>]*)?>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function referenceValue(field: Field, entry: ReferenceEntry): string {
  const f = entry.fields;
  switch (field) {
    case 'authors':
      return even(
        ((f.author as ReferenceName[] | undefined) ?? [])
          .map((a) => a.name ?? [a.firstName, a.prefix, a.lastName, a.suffix].filter(Boolean).join(' '))
          .filter((a) => a !== 'others')
          .join('; '),
      );
    case 'year': {
      const year = even(f.year ?? f.date);
      return /^\d{4}/.test(year) ? year.slice(0, 4) : '';
    }
    case 'doi':
      return even(f.doi).replace(/^(?:https?:\/\/[^/]+\/|doi:\s*)/i, '').replace(/\\_/g, '_').toLowerCase();
    case 'venue':
      return even(f.journal ?? f.journaltitle ?? f.booktitle ?? f.eventtitle);
    default:
      return even(f[field]);
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const show = new Set<string>();
  const files: string[] = [];
  for (let k = 0; k < args.length; k++) {
    if (args[k] === '--show') show.add(args[++k]);
    else files.push(args[k]);
  }
  if (!files.length) {
    console.error('usage: npm run survey:bibtex -- FILE.bib... [--show title|authors|year|doi|venue|abstract]');
    process.exit(2);
  }
  const parser = reference();
  const ours = parseLibraryFiles(
    files.map((file) => ({ file: path.basename(file), input: fs.readFileSync(file) })),
    { decodeMacro: macroDecoderFrom(parser), originals: false },
  );
  const differ = new Map<Field, number>(FIELDS.map((f) => [f, 0]));
  let totalOurs = 0;
  let totalTheirs = 0;
  let totalProblems = 0;
  files.forEach((file, k) => {
    const parse = ours[k];
    const theirs = parser.parse(fs.readFileSync(file, 'utf8'), { sentenceCase: false, english: false }) as unknown as { entries: ReferenceEntry[] };
    const byKey = new Map(theirs.entries.map((e) => [e.key, e]));
    totalOurs += parse.entries.length;
    totalTheirs += theirs.entries.length;
    totalProblems += parse.problems.length;
    console.log(`${path.basename(file)}: ${parse.entries.length} entries (Better BibTeX's parser: ${theirs.entries.length}), ${parse.problems.length} problems`);
    for (const entry of parse.entries) {
      const other = entry.key === undefined ? undefined : byKey.get(entry.key);
      if (!other) continue;
      const own: Record<Field, string> = {
        title: even(entry.title),
        authors: even(namedAuthors(entry.authors).names.join('; ')),
        year: entry.year === undefined ? '' : String(entry.year),
        doi: (entry.doi ?? '').toLowerCase(),
        venue: even(entry.venue),
        abstract: even(entry.abstract),
      };
      for (const field of FIELDS) {
        const theirsValue = referenceValue(field, other);
        if (own[field] === theirsValue) continue;
        differ.set(field, differ.get(field)! + 1);
        if (show.has(field)) console.log(`  ${entry.key} ${field}\n    ours:   ${own[field]}\n    theirs: ${theirsValue}`);
      }
    }
  });
  console.log(`\n${files.length} files: ${totalOurs} entries read (Better BibTeX's parser: ${totalTheirs}), ${totalProblems} problems`);
  console.log(`entries whose field differs from Better BibTeX's: ${FIELDS.map((f) => `${f} ${differ.get(f)}`).join(', ')}`);
}

main();

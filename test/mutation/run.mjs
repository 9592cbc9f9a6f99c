// `npm run test:mutation [group ...]`: StrykerJS over the pure core, one group of modules at a
// time, each against the unit tests written for it, then one table of scores per module.
//
// Why per group: a mutant is only run against the tests that reach it, but a module such as
// tokens.ts is reached by nearly every test of the suite, so a single run over the whole core
// with every test was estimated at more than ten hours on two cores. Against its own tests a
// group takes seconds to minutes (about 40 minutes for all of them). A mutant that only some
// other module's test would notice counts as surviving here: the scores are a lower bound.
//
// Each group writes reports/mutation/<group>.html and .json; the table is also written to
// reports/mutation/summary.json. Results and the survivors left: docs/mutation.md.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Each group: the modules mutated together and the unit test files (test/unit/<name>.test.ts) run against them. */
export const GROUPS = [
  { name: 'names', mutate: ['src/core/names.ts'], tests: ['names'] },
  { name: 'renderers', mutate: ['src/core/render.ts', 'src/core/hoverCard.ts', 'src/core/paperPage.ts', 'src/core/errors.ts'], tests: ['render', 'hoverCard', 'paperPage', 'errors'] },
  { name: 'citations', mutate: ['src/core/citations.ts'], tests: ['citations', 'citeKeys', 'references', 'csl'] },
  { name: 'text', mutate: ['src/core/links.ts', 'src/core/paperIds.ts', 'src/core/text.ts'], tests: ['links', 'paperIds', 'text'] },
  { name: 'related', mutate: ['src/core/related.ts'], tests: ['related'] },
  { name: 'references', mutate: ['src/core/references.ts'], tests: ['references'] },
  { name: 'sources', mutate: ['src/core/sources.ts'], tests: ['sources'] },
  { name: 'citeKeys', mutate: ['src/core/citeKeys.ts'], tests: ['citeKeys'] },
  { name: 'listing', mutate: ['src/core/listing.ts'], tests: ['listing'] },
  { name: 'corpus', mutate: ['src/core/corpus.ts', 'src/core/bundled.ts'], tests: ['corpus', 'names', 'sources', 'bundled'] },
  { name: 'scanWindow', mutate: ['src/core/scanWindow.ts'], tests: ['scanWindow'] },
  { name: 'csl', mutate: ['src/core/csl.ts', 'src/core/cslStyles.ts'], tests: ['csl'] },
  { name: 'topics', mutate: ['src/core/topics.ts'], tests: ['topics', 'topicsRules'] },
  { name: 'search', mutate: ['src/core/search/*.ts', '!src/core/search/index.ts', '!src/core/search/postings.ts', '!src/core/search/exact.ts', 'src/core/tokens.ts'], tests: ['search', 'searchFields', 'tokens'] },
  { name: 'exact', mutate: ['src/core/search/exact.ts'], tests: ['exactTable'] },
  { name: 'keyTable', mutate: ['src/core/keyTable.ts'], tests: ['keyTable'] },
  { name: 'paperTable', mutate: ['src/core/paperTable.ts'], tests: ['paperTable'] },
  // The index and its postings against small hand-made papers (a few minutes); the bundled-corpus
  // search tests kill no mutant of these two files that searchIndex.test.ts leaves.
  { name: 'searchIndex', mutate: ['src/core/search/index.ts', 'src/core/search/postings.ts'], tests: ['searchIndex'] },
  { name: 'library', mutate: ['src/core/library/*.ts', '!src/core/library/*.d.ts'], tests: ['libraryBibtex', 'libraryCsl', 'libraryLatex', 'libraryMerge', 'libraryDiscovery'] },
  // The matcher and the evidence against small hand-made dictionaries (matcherCore, evidenceCore):
  // mentions, recognition and evidence.test.ts rebuild the bundled matcher for every mutant.
  { name: 'mentions', mutate: ['src/core/mentions.ts'], tests: ['matcherCore', 'codeSpans'] },
  { name: 'recognition', mutate: ['src/core/evidence.ts'], tests: ['evidenceCore', 'matcherCore'] },
  { name: 'dataUse', mutate: ['src/core/dataUse.ts'], tests: ['dataUse', 'evidenceCore'] },
  { name: 'definitions', mutate: ['src/core/definitions.ts', 'src/core/background.ts'], tests: ['definitions', 'background'] },
  { name: 'views', mutate: ['src/core/views.ts'], tests: ['views'] },
  { name: 'identifiers', mutate: ['src/core/identifiers.ts'], tests: ['identifiers'] },
  { name: 'nameCompletion', mutate: ['src/core/nameCompletion.ts'], tests: ['nameCompletion'] },
  { name: 'lines', mutate: ['src/core/lines.ts'], tests: ['lines'] },
  { name: 'libraryCache', mutate: ['src/core/libraryCache.ts'], tests: ['libraryCache', 'contentStamps', 'prepared'] },
  { name: 'documentBib', mutate: ['src/core/documentBib.ts'], tests: ['documentBib'] },
  { name: 'steps', mutate: ['src/core/steps.ts'], tests: ['steps'] },
  { name: 'wire', mutate: ['src/worker/wire.ts'], tests: ['wire'] },
  // A reload's quick stage: the entry prints and the patched corpus, against real exports.
  { name: 'quickReload', mutate: ['src/core/library/entryPrints.ts', 'src/core/corpusPatch.ts'], tests: ['quickReload'] },
];

/** Per file of a Stryker JSON report: mutants by outcome and the score. */
export function scoresOf(report) {
  return Object.entries(report.files).map(([file, { mutants }]) => {
    const count = (...statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
    const killed = count('Killed', 'Timeout');
    const survived = count('Survived');
    const noCoverage = count('NoCoverage');
    const ignored = count('Ignored');
    const errors = count('CompileError', 'RuntimeError');
    const scored = killed + survived + noCoverage;
    return { file, mutants: mutants.length, killed, survived, noCoverage, ignored, errors, score: scored ? (100 * killed) / scored : null };
  });
}

function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !GROUPS.some((g) => g.name === w));
  if (unknown.length) {
    console.error(`unknown group ${unknown.join(', ')}; groups: ${GROUPS.map((g) => g.name).join(', ')}`);
    process.exit(2);
  }
  const groups = wanted.length ? GROUPS.filter((g) => wanted.includes(g.name)) : GROUPS;
  const rows = [];
  for (const group of groups) {
    const started = Date.now();
    console.log(`\n== ${group.name}: ${group.mutate.join(', ')} against ${group.tests.join(', ')}`);
    const run = spawnSync('npx', ['stryker', 'run', '--mutate', group.mutate.join(',')], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, MUTATION_TESTS: group.tests.join(','), MUTATION_REPORT: group.name },
    });
    if (run.status !== 0) {
      console.error(`stryker failed for ${group.name} (exit ${run.status})`);
      process.exit(1);
    }
    const report = JSON.parse(fs.readFileSync(path.join(ROOT, 'reports', 'mutation', `${group.name}.json`), 'utf8'));
    const minutes = (Date.now() - started) / 60000;
    for (const s of scoresOf(report)) rows.push({ group: group.name, tests: group.tests, minutes, ...s });
  }
  const pct = (x) => (x === null ? '—' : `${x.toFixed(1)} %`);
  console.log('\n| module | mutants | score | killed | survived | no coverage | static (not run) | group |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    console.log(`| \`${r.file.replace(/^src\/core\//, '')}\` | ${r.mutants} | ${pct(r.score)} | ${r.killed} | ${r.survived} | ${r.noCoverage} | ${r.ignored} | ${r.group} |`);
  }
  const out = path.join(ROOT, 'reports', 'mutation', 'summary.json');
  fs.writeFileSync(out, `${JSON.stringify(rows, null, 2)}\n`);
  console.log(`\nScore = killed (and timed out) over killed, survived and not covered. Written to ${path.relative(ROOT, out)}.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();

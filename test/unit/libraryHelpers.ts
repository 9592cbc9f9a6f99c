/** Shared by the library tests: fixture files, and Better BibTeX's parser loaded in plain Node. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BibtexParserModule } from '../../src/core/library/macroFallback';
import { ROOT } from './helpers';

export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'library');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/**
 * `@retorquere/bibtex-parser` as the bundles see it. Its CommonJS build is published under
 * `"type": "module"` and fails to load in Node, so this loads its ES build, which `require()`
 * accepts since Node 20.19; the bundles import the package and get that build too.
 */
export function bibtexParser(): BibtexParserModule {
  const cjs = require.resolve('@retorquere/bibtex-parser');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(path.dirname(cjs), '..', 'esm', 'index.js')) as BibtexParserModule;
}

/** The 1-based line of the first line of `text` that starts with `prefix`. */
export function lineStarting(text: string, prefix: string): number {
  const index = text.split(/\r\n|\n/).findIndex((l) => l.startsWith(prefix));
  if (index === -1) throw new Error(`no line starts with ${prefix}`);
  return index + 1;
}

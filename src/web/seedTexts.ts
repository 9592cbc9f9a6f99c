/**
 * The seed files, bundled into the web extension's script as text (esbuild's `seed:` imports,
 * see esbuild.js), so that the bundled corpus is there synchronously on the first hover, as it
 * is under Node, with no request to the server and no wait at activation. They are 1.4 MB of
 * text, most of it the background statistics: one string each, parsed on first use.
 */
import background from 'seed:background.txt';
import commonWords from 'seed:common-words.txt';
import listing from 'seed:daily-papers-listing.txt';
import topics from 'seed:topics.json';
import { SEEDS, type SeedReader } from '../core/seeds';

const texts: Record<string, string> = {
  [SEEDS.listing]: listing,
  [SEEDS.topics]: topics,
  [SEEDS.commonWords]: commonWords,
  [SEEDS.background]: background,
};

export const readBundledSeed: SeedReader = (file) => texts[file];

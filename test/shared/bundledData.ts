/**
 * Facts about the bundled data in `seeds/` that both test tiers check against, each stated once
 * here (the unit tests reach them through `test/unit/helpers.ts`, the integration tests through
 * `test/integration/support.ts`). Plain Node: no `vscode`, no code under test.
 *
 * The topic facts below are the bundled classification, checked by hand. A change to
 * `seeds/topics.json` or to the classifier that moves papers fails the tests that use them (unit:
 * topics and corpus; integration: sidebar and search); look at the new classification, and
 * if it is right, write it here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { papersByLayout } from './bundledFacts';

export { BUNDLED_TOPIC_SIZES, papersByLayout } from './bundledFacts';

/** The repository root (this file runs from `out/test/shared/`). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const LISTING_FILE = path.join(REPO_ROOT, 'seeds', 'daily-papers-listing.txt');

/** How many papers the bundled listing holds. */
export const BUNDLED_PAPER_COUNT = papersByLayout(fs.readFileSync(LISTING_FILE, 'utf8'));

/**
 * Papers filed under more than one topic (title prefix, then its topics best first), checked
 * by hand: each abstract speaks of both fields.
 */
export const BUNDLED_MULTI_TOPIC_PAPERS: ReadonlyArray<readonly [title: string, topics: readonly string[]]> = [
  ['Tracking Meets LoRA:', ['transfer-adaptation', 'detection-tracking']],
  ['FiTv2:', ['diffusion-models', 'architectures']],
  ['Learned representation-guided diffusion models', ['diffusion-models', 'self-supervised']],
  ['SiT:', ['self-supervised', 'architectures']],
  ['LAION-5B:', ['data-curation', 'vision-language']],
  ['FoPro:', ['robustness-security', 'transfer-adaptation']],
  ['Deep Spatiotemporal Clutter Filtering', ['medical', 'image-restoration', 'architectures']],
  ['Open-vocabulary Object Detection', ['vision-language', 'detection-tracking']],
  ['Open-Qwen2VL:', ['vision-language', 'data-curation']],
  ['Frozen in Time:', ['vision-language', 'retrieval-recommendation']],
];

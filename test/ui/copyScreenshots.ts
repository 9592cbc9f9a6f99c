/**
 * `npm run screenshots`: copies the UI checks' screenshots the README shows from
 * artifacts/screenshots/ (written by `npm run test:ui`) to media/screenshots/.
 */
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot, screenshotsDir } from '../host/paths';

/** The screenshots the README uses, by the names the UI checks save them under. */
const chosen = ['topics.png', 'search.png', 'hover.png', 'mentioned-here.png', 'completion.png', 'library-hover.png', 'library-loading.png'];
const target = path.join(repoRoot, 'media', 'screenshots');

const missing = chosen.filter((f) => !fs.existsSync(path.join(screenshotsDir, f)));
if (missing.length > 0) {
  console.error(`Missing in ${path.relative(repoRoot, screenshotsDir)}/: ${missing.join(', ')}. Run \`npm run test:ui\` and check that it passes.`);
  process.exit(1);
}
fs.mkdirSync(target, { recursive: true });
for (const file of chosen) {
  fs.copyFileSync(path.join(screenshotsDir, file), path.join(target, file));
  console.log(`${path.relative(repoRoot, path.join(target, file))}`);
}

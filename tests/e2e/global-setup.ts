/** Before any e2e test: Chromium must be there, and both builds must exist (npm test builds them first). */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { requireChromium } from '../../scripts/chromium';
import { FIREFOX_EXTENSION_DIR } from '../../scripts/firefox';
import { EXTENSION_DIR } from '../../scripts/launch';

export default function setup(): void {
  requireChromium();
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  }
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { stdio: 'inherit' });
  }
}

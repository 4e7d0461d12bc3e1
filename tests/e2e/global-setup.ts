/** Before any e2e test: Chromium must be there, and the extension must be built (npm test builds it first). */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { requireChromium } from '../../scripts/chromium';
import { EXTENSION_DIR } from '../../scripts/launch';

export default function setup(): void {
  requireChromium();
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  }
}

/** Where the system Chromium is, or a clear message on how to get one. Tests and the demo never download a browser. */
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string | null {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

export const CHROMIUM_MISSING =
  'Chromium was not found. Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) ' +
  'or set CHROME_PATH to a Chromium or Chrome executable.';

export function requireChromium(): string {
  const path = findChromium();
  if (!path) throw new Error(CHROMIUM_MISSING + (process.env.CHROME_PATH ? ` (CHROME_PATH=${process.env.CHROME_PATH} does not exist)` : ''));
  return path;
}

/** Where the system Chromium is, or a clear message on how to get one. */
import { systemBrowser } from './system-browser';

const chromium = systemBrowser({
  envVar: 'CHROME_PATH',
  candidates: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'],
  missing:
    'Chromium was not found. Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) ' +
    'or set CHROME_PATH to a Chromium or Chrome executable.',
});

export const CHROMIUM_MISSING = chromium.missing;
export const findChromium = chromium.find;
export const requireChromium = chromium.require;

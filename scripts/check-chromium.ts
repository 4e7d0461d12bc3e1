import { CHROMIUM_MISSING, findChromium } from './chromium';
import { FIREFOX_MISSING, findFirefox } from './firefox';

// The end-to-end tests run in both browsers: say up front what is missing and how to get it.
const missing = [findChromium() ? null : CHROMIUM_MISSING, findFirefox() ? null : FIREFOX_MISSING].filter((m) => m !== null);
for (const message of missing) console.error(message);
if (missing.length > 0) process.exit(1);

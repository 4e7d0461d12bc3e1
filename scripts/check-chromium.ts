import { CHROMIUM_MISSING, findChromium } from './chromium';

if (!findChromium()) {
  console.error(CHROMIUM_MISSING);
  process.exit(1);
}

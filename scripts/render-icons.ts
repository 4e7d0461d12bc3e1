/**
 * Renders Backstory's toolbar and store icons from their SVG sources (public/icons/icon.svg, and
 * icon-off.svg for a site where Backstory is switched off) into the PNG sizes the manifest names, with
 * the system Chromium. The PNGs are committed (WXT copies public/ into the build): run this again after
 * changing an SVG, `npx tsx scripts/render-icons.ts`, and look at the results.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { requireChromium } from './chromium';

const DIR = resolve('public/icons');
export const ICON_SIZES = [16, 32, 48, 128] as const;
const VARIANTS = [
  { svg: 'icon.svg', prefix: 'icon' },
  { svg: 'icon-off.svg', prefix: 'icon-off' },
];

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: requireChromium(), args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const { svg, prefix } of VARIANTS) {
      const source = `data:image/svg+xml;base64,${readFileSync(join(DIR, svg)).toString('base64')}`;
      for (const size of ICON_SIZES) {
        await page.setViewportSize({ width: size, height: size });
        await page.setContent(
          `<style>html,body{margin:0;background:transparent}img{display:block}</style><img src="${source}" width="${size}" height="${size}">`,
        );
        await page.locator('img').evaluate((img) => (img as HTMLImageElement).decode());
        const out = join(DIR, `${prefix}-${size}.png`);
        await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
        console.log(out);
      }
    }
  } finally {
    await browser.close();
  }
}

await main();

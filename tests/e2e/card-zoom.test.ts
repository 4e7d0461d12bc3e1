/**
 * The short card at 100%, 200% and 400% zoom (issue 14, WCAG 1.4.10 reflow): a 1280 × 800 window
 * zoomed is 640 × 400 and 320 × 200 CSS px, each drawn larger. The card fits the window, never
 * scrolls sideways, and scrolls inside to its last button. Each zoom is a browser of its own (the
 * zoom is the browser's, not the page's). `UPDATE_DOCS=1` also writes the README's screenshots.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchWithExtension } from '../../scripts/launch';
import { startPageServer } from '../../scripts/page-server';
import { hoverText, PAGES_DIR, screenshot, waitForCard, waitForMarks } from './harness';

describe('the short card, zoomed', () => {
  for (const zoom of [100, 200, 400]) {
    it(`at ${zoom}%: fits the window, reflows, and scrolls inside to its last button`, async () => {
      const browser = await launchWithExtension({ zoom: zoom / 100 });
      const server = await startPageServer(PAGES_DIR);
      try {
        const page = await browser.context.newPage();
        await page.goto(server.url('/demo-article.html'));
        await waitForMarks(page);
        await hoverText(page, 'Lukashenko', 1);
        await screenshot(page, `card-zoom-${zoom}-hover`);
        const card = await waitForCard(page, 'alexander-lukashenko');
        const box = await page.evaluate(() => {
          const el = document.querySelector('backstory-card')!.shadowRoot!.querySelector('.card') as HTMLElement;
          return { width: innerWidth, height: innerHeight, ratio: devicePixelRatio, sideways: el.scrollWidth - el.clientWidth };
        });
        expect(box.ratio).toBe(zoom / 100);
        expect(box.width).toBe(1280 / (zoom / 100));
        expect(card.rect.left).toBeGreaterThanOrEqual(0);
        expect(card.rect.top).toBeGreaterThanOrEqual(0);
        expect(card.rect.right).toBeLessThanOrEqual(box.width);
        expect(card.rect.bottom).toBeLessThanOrEqual(box.height);
        expect(box.sideways).toBeLessThanOrEqual(0);
        await screenshot(page, `card-zoom-${zoom}`);
        if (process.env.UPDATE_DOCS) {
          mkdirSync(resolve('docs'), { recursive: true });
          await page.screenshot({ path: resolve(`docs/card-zoom-${zoom}.png`) });
        }
        // The last button is reachable: the card scrolls inside, and the button is then in full view.
        const last = page.locator('backstory-card').getByRole('button', { name: 'Off on this site' });
        await last.evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
        const lastBox = (await last.boundingBox())!;
        expect(lastBox.y).toBeGreaterThanOrEqual(0);
        expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(box.height);
        expect(lastBox.x + lastBox.width).toBeLessThanOrEqual(box.width);
        await screenshot(page, `card-zoom-${zoom}-scrolled`);
      } finally {
        await server.close();
        await browser.close();
      }
    });
  }
});

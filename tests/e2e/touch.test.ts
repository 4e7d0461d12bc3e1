/**
 * A touch screen (issue 14): there is no hover, so a tap on a mark opens its card and a tap elsewhere
 * closes it. A mark inside a link: the first tap opens the card and does not follow the link, a
 * second tap on the same mark follows it (what touch browsers do with content shown on hover).
 * The taps go through Chromium's touch input (a context with a touch screen), as a phone's do.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pointOfText, readCard, screenshot, useSession, waitForCard, waitForNoCard } from './harness';

const session = useSession({ hasTouch: true });

async function tapText(page: Page, text: string, occurrence = 0): Promise<void> {
  const { x, y } = await pointOfText(page, text, occurrence);
  await page.touchscreen.tap(x, y);
}

describe('on a touch screen', () => {
  it('a tap on a mark opens its card; a tap elsewhere closes it', async () => {
    const page = await session().open('/demo-article.html');
    await tapText(page, 'Bialiatski', 1);
    const card = await waitForCard(page, 'ales-bialiatski');
    await screenshot(page, 'touch-card');
    // A tap in the card (on its text) keeps it.
    await page.touchscreen.tap(card.rect.left + 40, card.rect.top + 40);
    await page.waitForTimeout(300);
    expect((await readCard(page))?.entity).toBe('ales-bialiatski');
    // A tap on the page outside it closes it.
    await page.touchscreen.tap(20, 20);
    await waitForNoCard(page);
    // A tap on another mark opens that one.
    await tapText(page, 'Lukashenko', 1);
    await waitForCard(page, 'alexander-lukashenko');
    await page.close();
  });

  it('a mark in a link: the first tap opens the card and stays on the page, the second follows the link', async () => {
    const page = await session().open('/reader.html');
    await tapText(page, 'Тихановская');
    await waitForCard(page, 'sviatlana-tsikhanouskaya');
    expect(new URL(page.url()).hash).toBe('');
    await tapText(page, 'Тихановская');
    await expect.poll(() => new URL(page.url()).hash).toBe('#followed');
    await page.close();
  });

  it('a tap on text that is no mark opens nothing', async () => {
    const page = await session().open('/demo-article.html');
    await tapText(page, 'margins');
    await page.waitForTimeout(500);
    expect(await readCard(page)).toBeNull();
    await page.close();
  });
});

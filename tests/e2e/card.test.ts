/** The reader's card on a page: opening, staying, closing, placement, actions, keyboard, hostile CSS. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hoverText, markedTexts, pointOfText, readCard, screenshot, useSession, waitForCard, waitForNoCard } from './harness';

const session = useSession();

async function cardButton(page: Page, name: string) {
  return page.locator('backstory-card').getByRole('button', { name, exact: true });
}

async function resetSettings(): Promise<void> {
  await session().serviceWorker.evaluate(() => chrome.storage.local.remove('settings'));
}

describe('opening and closing', () => {
  it('stays open while the pointer moves into the card, and closes after it leaves', async () => {
    const page = await session().open('/demo-article.html');
    await hoverText(page, 'Bialiatski', 1);
    const card = await waitForCard(page, 'ales-bialiatski');
    // Move from the mention into the card, through the gap between them.
    await page.mouse.move((card.rect.left + card.rect.right) / 2, card.rect.top + 20, { steps: 6 });
    await page.waitForTimeout(700);
    expect((await readCard(page))?.entity).toBe('ales-bialiatski');
    await page.mouse.move(5, 5, { steps: 4 });
    await waitForNoCard(page);
    await page.close();
  });

  it('closes on a click outside', async () => {
    const page = await session().open('/demo-article.html');
    await hoverText(page, 'Lukashenko', 1);
    await waitForCard(page, 'alexander-lukashenko');
    await page.mouse.click(10, 300);
    await waitForNoCard(page);
    await page.close();
  });

  it('switches to a related entity when its chip is clicked', async () => {
    const page = await session().open('/demo-article.html');
    await hoverText(page, 'Lukashenko', 1);
    await waitForCard(page, 'alexander-lukashenko');
    await page.locator('backstory-card').getByRole('button', { name: 'Sviatlana Tsikhanouskaya' }).click();
    const card = await waitForCard(page, 'sviatlana-tsikhanouskaya');
    expect(card.hosts).toBe(1);
    await page.close();
  });

  it('shows the short card: type, native name, status as of, the latest facts, related names, "Full card"', async () => {
    // The whole card (timeline, topics, https sources in a new tab) is in the popup and the side panel:
    // tests/e2e/page-access.test.ts.
    const page = await session().open('/demo-article.html');
    await hoverText(page, 'Bialiatski', 1);
    const card = await waitForCard(page, 'ales-bialiatski');
    expect(card.text).toMatch(/Person/i);
    expect(card.text).toMatch(/Алесь Бяляцкі|Ales Bialiatski/);
    expect(card.text).toMatch(/as of/i);
    expect(card.text).toMatch(/Latest/i);
    expect(card.text).toMatch(/Viasna Human Rights Centre/);
    await (await cardButton(page, 'Full card')).waitFor();
    await page.close();
  });
});

describe('placement', () => {
  it('stays on screen near the right edge and the bottom', async () => {
    const page = await session().open('/edges.html');
    const viewport = page.viewportSize()!;
    for (const [word, entity] of [
      ['Bialiatski', 'ales-bialiatski'],
      ['Tsikhanouskaya', 'sviatlana-tsikhanouskaya'],
    ] as const) {
      await hoverText(page, word);
      const card = await waitForCard(page, entity);
      expect(card.rect.left).toBeGreaterThanOrEqual(0);
      expect(card.rect.top).toBeGreaterThanOrEqual(0);
      expect(card.rect.right).toBeLessThanOrEqual(viewport.width);
      expect(card.rect.bottom).toBeLessThanOrEqual(viewport.height);
      await screenshot(page, `card-edge-${entity}`);
      await page.keyboard.press('Escape');
      await waitForNoCard(page);
    }
    await page.close();
  });

  it('does not move the page when it opens', async () => {
    const page = await session().open('/demo-article.html');
    const point = await pointOfText(page, 'Tsikhanouskaya', 2); // scrolls the word into view first
    const before = await page.evaluate(() => ({ y: scrollY, h: document.documentElement.scrollHeight }));
    const rectBefore = await page.evaluate(() => document.querySelector('article p:nth-of-type(3)')!.getBoundingClientRect().top);
    await page.mouse.move(point.x, point.y, { steps: 3 });
    await waitForCard(page, 'sviatlana-tsikhanouskaya');
    const after = await page.evaluate(() => ({ y: scrollY, h: document.documentElement.scrollHeight }));
    const rectAfter = await page.evaluate(() => document.querySelector('article p:nth-of-type(3)')!.getBoundingClientRect().top);
    expect(after).toEqual(before);
    expect(rectAfter).toBe(rectBefore);
    await page.close();
  });
});

describe('actions', () => {
  it('"Hide topic" hides the topic on the page, "Off on this site" hides everything', async () => {
    const page = await session().open('/demo-article.html');
    await hoverText(page, 'Bialiatski', 1);
    await waitForCard(page, 'ales-bialiatski');
    await (await cardButton(page, 'Hide topic')).click();
    await waitForNoCard(page);
    await expect.poll(async () => (await markedTexts(page)).includes('Bialiatski')).toBe(false);
    expect(await markedTexts(page)).toContain('Lukashenko');
    await hoverText(page, 'Lukashenko', 1);
    await waitForCard(page, 'alexander-lukashenko');
    await (await cardButton(page, 'Off on this site')).click();
    await expect.poll(async () => (await markedTexts(page)).length).toBe(0);
    await resetSettings();
    await expect.poll(async () => (await markedTexts(page)).includes('Bialiatski')).toBe(true);
    await page.close();
  });
});

describe('keyboard', () => {
  // Headless Chromium does not route a synthetic key press to extension shortcuts, so the test runs
  // the command the way the shortcut does (the background's command handler), then uses the keyboard.
  const runCommand = () =>
    session().serviceWorker.evaluate(() =>
      (globalThis as unknown as { backstoryCommands: Record<string, () => Promise<boolean>> }).backstoryCommands['next-mention']!(),
    );

  it('declares its default shortcut', async () => {
    // (A browser started by automation leaves suggested keys unassigned, so the manifest is what we can check.)
    const manifest = await session().serviceWorker.evaluate(() => chrome.runtime.getManifest());
    const commands = manifest.commands as Record<string, { suggested_key?: { default?: string } }>;
    expect(commands['next-mention']?.suggested_key?.default).toBe('Alt+Shift+N');
  });

  it('the command goes to the next mention, opens its card beside it; Tab goes into the card, Escape closes it', async () => {
    // The reading position (the selection) stays on the name: tests/e2e/page-access.test.ts.
    const page = await session().open('/demo-article.html');
    expect(await runCommand()).toBe(true);
    const first = await waitForCard(page);
    expect(await runCommand()).toBe(true);
    await expect.poll(async () => (await readCard(page))?.text).not.toBe(first.text);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.localName);
    expect(focused).toBe('backstory-card');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await waitForNoCard(page);
    await page.close();
  });
});

describe('a page with hostile CSS', () => {
  it('still shows a readable card on top of everything', async () => {
    const page = await session().open('/hostile-css.html');
    await hoverText(page, 'Lukashenko');
    const card = await waitForCard(page, 'alexander-lukashenko');
    const style = await page.evaluate(() => {
      const host = document.querySelector('backstory-card')!;
      const inner = host.shadowRoot!.querySelector('.card-title')!;
      const r = host.shadowRoot!.querySelector('.card')!.getBoundingClientRect();
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + 30);
      return { fontSize: getComputedStyle(inner).fontSize, display: getComputedStyle(host).display, onTop: top === host };
    });
    expect(style.display).toBe('block');
    expect(style.fontSize).toBe('18px');
    expect(style.onTop).toBe(true);
    expect(card.rect.right - card.rect.left).toBeGreaterThan(200);
    await screenshot(page, 'card-hostile-css');
    await page.close();
  });
});

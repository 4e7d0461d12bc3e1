/** The detection engine on real pages: split names, skipped regions, shadow DOM, frames, pages that change. */
import { describe, expect, it } from 'vitest';
import { hoverText, markedTexts, marks, useSession, waitForCard, waitForMarks } from './harness';
import type { Page } from 'playwright-core';

const session = useSession();

const count = (texts: string[], text: string) => texts.filter((t) => t === text).length;

async function waitForMarkText(page: Page, text: string, present = true): Promise<void> {
  await expect
    .poll(async () => (await markedTexts(page)).includes(text), { timeout: 8_000, interval: 100 })
    .toBe(present);
}

describe('a static page', () => {
  it('finds names split by inline markup, but never across paragraphs', async () => {
    const page = await session().open('/detection.html');
    const texts = await markedTexts(page);
    expect(texts).toContain('Sviatlana Tsikhanouskaya');
    expect(count(texts, 'Ales Bialiatski')).toBe(1); // in #split; "Ales</p><p>Bialiatski" is two paragraphs
    expect(texts).toContain('Bialiatski');
    await page.close();
  });

  it('marks possessives without the suffix, and Cyrillic names in their declined forms', async () => {
    const page = await session().open('/detection.html');
    const texts = await markedTexts(page);
    for (const name of ['Аляксандр Лукашэнка', 'Святлана Ціханоўская', 'Тихановской', 'Лукашенко']) expect(texts).toContain(name);
    await page.close();
  });

  it('skips scripts, styles, form fields, code, editable and hidden regions, and look-alikes', async () => {
    const page = await session().open('/detection.html');
    const texts = await markedTexts(page);
    // Only the two in the possessive paragraph: none from the skipped regions.
    expect(count(texts, 'Lukashenko')).toBe(2);
    for (const lookAlike of ['trump', 'Alexander', 'Wagner']) expect(texts).not.toContain(lookAlike);
    await page.close();
  });

  it('reads open shadow roots and same-origin frames', async () => {
    const page = await session().open('/detection.html');
    const all = await marks(page);
    expect(all.map((m) => m.text)).toContain('Viasna');
    const frame = page.frames().find((f) => f.url().endsWith('/detection-frame.html'))!;
    await waitForMarks(frame as unknown as Page);
    expect(await markedTexts(frame)).toContain('Sviatlana Tsikhanouskaya');
    await page.close();
  });
});

describe('a page that changes', () => {
  it('marks content added after load, and unmarks text that changes', async () => {
    const page = await session().open('/detection.html');
    await page.click('#load-more');
    await waitForMarkText(page, 'Keith Kellogg');
    expect(count(await markedTexts(page), 'Lukashenko')).toBe(3);
    await page.evaluate(() => {
      document.querySelector('#changing')!.firstChild!.textContent = 'The envoy met nobody at all.';
    });
    await waitForMarkText(page, 'Maria Kalesnikava', false);
    await page.evaluate(() => document.querySelector('#feed')!.replaceChildren());
    await waitForMarkText(page, 'Keith Kellogg', false);
    await page.close();
  });

  it('follows single-page-app navigation', async () => {
    const page = await session().open('/spa.html', { marked: false });
    await page.click('text=Story');
    await waitForMarkText(page, 'Ales Bialiatski');
    await page.click('text=Home');
    await waitForMarkText(page, 'Ales Bialiatski', false);
    await page.close();
  });

  it('hit-tests correctly after scrolling, resizing and zooming', async () => {
    const page = await session().open('/detection.html');
    await page.click('#load-more');
    await waitForMarkText(page, 'Keith Kellogg');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await hoverText(page, 'Kellogg');
    await waitForCard(page, 'keith-kellogg');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 700, height: 600 });
    await page.evaluate(() => ((document.body.style as CSSStyleDeclaration & { zoom: string }).zoom = '1.4'));
    await hoverText(page, 'Tsikhanouskaya');
    await waitForCard(page, 'sviatlana-tsikhanouskaya');
    await page.close();
  });
});

describe('switching Backstory off and on', () => {
  it('removes every mark at once, and brings them back, with no reload', async () => {
    const page = await session().open('/detection.html');
    const before = (await marks(page)).length;
    const setEnabled = (enabled: boolean) =>
      session().serviceWorker.evaluate(async (enabled) => {
        const { settings } = await chrome.storage.local.get('settings');
        await chrome.storage.local.set({ settings: { ...(settings ?? {}), enabled } });
      }, enabled);
    await setEnabled(false);
    await expect.poll(async () => (await marks(page)).length).toBe(0);
    await setEnabled(true);
    await expect.poll(async () => (await marks(page)).length).toBe(before);
    await page.close();
  });
});

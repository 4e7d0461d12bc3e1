/**
 * Everyone can use the card on a page (issue 14): the short hover card and its "Full card", zoom to
 * 200% and 400%, Escape that a page cannot swallow, the gap between mark and card, the card's
 * language, the keyboard and screen-reader route through the mentions (next and previous, announced,
 * with the selection on the name), the undo toast of "Hide topic" and "Off on this site", and the
 * setting that marks only the first mention of each name. Each is driven as a person would, and the
 * tests check where the focus lands.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  focusedElement,
  hoverText,
  markedTexts,
  openExtensionPage,
  pointOfText,
  readCard,
  screenshot,
  useSession,
  waitForCard,
  waitForNoCard,
} from './harness';

const session = useSession();

const runCommand = (name: 'next-mention' | 'previous-mention') =>
  session().serviceWorker.evaluate(
    (name) => (globalThis as unknown as { backstoryCommands: Record<string, () => Promise<boolean>> }).backstoryCommands[name]!(),
    name,
  );

async function resetSettings(): Promise<void> {
  await session().serviceWorker.evaluate(() => chrome.storage.local.remove('settings'));
}

/** What Backstory's live region says now. */
const spoken = (page: Page) =>
  page.evaluate(() => document.querySelector('backstory-status')?.shadowRoot?.querySelector('[aria-live="polite"]')?.textContent ?? '');

/** The marks on the page (not the brief flash of the mention a command went to). */
const markCount = (page: Page) =>
  page.evaluate(() => {
    let count = 0;
    for (const [name, highlight] of CSS.highlights)
      if (name.startsWith('backstory-') && name !== 'backstory-flash') count += highlight.size;
    return count;
  });

const selectionText = (page: Page) => page.evaluate(() => getSelection()?.toString() ?? '');

/** Whether the element with the focus (or, on <body>, the selection) is inside the window. */
const focusInView = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const rect =
      el && el !== document.body
        ? el.getBoundingClientRect()
        : getSelection()?.rangeCount
          ? getSelection()!.getRangeAt(0).getBoundingClientRect()
          : null;
    if (!rect) return 'nothing has the focus and nothing is selected';
    const inside = rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth;
    return inside ? '' : `${el?.localName} at ${Math.round(rect.top)} is out of view (${innerHeight} px tall)`;
  });

describe('the short hover card', () => {
  it('says who, the status with its date, the latest facts and related names; "Full card" asks for the whole card beside the page', async () => {
    const s = session();
    const page = await s.open('/demo-article.html');
    await hoverText(page, 'Bialiatski', 1);
    const card = await waitForCard(page, 'ales-bialiatski');
    expect(card.text).toMatch(/^Person/i);
    expect(card.text).toMatch(/Алесь Бяляцкі/);
    expect(card.text).toMatch(/As of \d{1,2} \w{3} \d{4}:/);
    expect(card.text).toMatch(/Latest/i);
    expect(await page.locator('backstory-card .card-timeline li').count()).toBeLessThanOrEqual(3);
    expect(await page.locator('backstory-card .chip-related').count()).toBeGreaterThan(0);
    // Short: no timeline of everything, no list of sources; all of it within the card's 480 px (the
    // whole card was 1,500 to 2,000 px tall).
    expect(card.text).not.toMatch(/Sources|Timeline/i);
    const height = await page.evaluate(() => document.querySelector('backstory-card')!.shadowRoot!.querySelector('.card')!.scrollHeight);
    expect(height).toBeLessThanOrEqual(480);
    await screenshot(page, 'page-short-card');

    // "Full card" asks the background for the whole card beside the page, as a click the browser lets
    // open its side panel (what the panel then shows: tests/e2e/side-panel.test.ts).
    await s.serviceWorker.evaluate(() => {
      const seen: unknown[] = [];
      (globalThis as unknown as { fullCardRequests: unknown[] }).fullCardRequests = seen;
      chrome.runtime.onMessage.addListener((message: { type?: string; data?: unknown }) => {
        if (message?.type === 'openFullCard') seen.push(message.data);
      });
    });
    await page.locator('backstory-card').getByRole('button', { name: 'Full card', exact: true }).click();
    await expect
      .poll(() => s.serviceWorker.evaluate(() => (globalThis as unknown as { fullCardRequests: unknown[] }).fullCardRequests))
      .toEqual([{ entityId: 'ales-bialiatski' }]);
    await page.close();
  });

  it('the whole card, with its sources as https links in a new tab, is in the popup', async () => {
    const popup = await openExtensionPage(session(), 'popup.html');
    const search = popup.getByRole('searchbox', { name: 'Search the knowledge base' });
    await search.fill('Bialiatski');
    await search.press('Enter');
    await popup.getByRole('heading', { name: 'Ales Bialiatski', level: 2 }).waitFor();
    expect(await popup.locator('.popup-card').innerText()).toMatch(/Timeline[\s\S]*Sources/i);
    const links = await popup
      .locator('.popup-card .card-sources a')
      .evaluateAll((as) => as.map((a) => ({ href: (a as HTMLAnchorElement).href, target: (a as HTMLAnchorElement).target })));
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const link of links) {
      expect(link.href).toMatch(/^https:\/\//);
      expect(link.target).toBe('_blank');
    }
    await popup.close();
  });
});

describe('Escape, and the way from the mark to the card', () => {
  it('Escape closes the card on a page that stops Escape at window in the capture phase', async () => {
    const page = await session().open('/reader.html?stop-escape');
    await hoverText(page, 'Лукашенко');
    await waitForCard(page, 'alexander-lukashenko');
    await page.keyboard.press('Escape');
    await waitForNoCard(page);
    // The page still got its Escape: Backstory only closed its card.
    expect(await page.title()).toBe('Escape stopped by the page');
    await page.close();
  });

  it('a 1 px move after Escape does not reopen the card; leaving the mark and coming back does', async () => {
    const page = await session().open('/demo-article.html');
    const { x, y } = await pointOfText(page, 'Lukashenko', 1);
    await hoverText(page, 'Lukashenko', 1);
    await waitForCard(page, 'alexander-lukashenko');
    await page.keyboard.press('Escape');
    await waitForNoCard(page);
    await page.mouse.move(x + 1, y);
    await page.mouse.move(x + 2, y);
    await page.waitForTimeout(800);
    expect(await readCard(page)).toBeNull();
    await page.mouse.move(x, y + 60, { steps: 3 });
    await page.mouse.move(x, y, { steps: 3 });
    await waitForCard(page, 'alexander-lukashenko');
    await page.close();
  });

  it('a pause of 350 ms in the gap between the mark and the card keeps it open', async () => {
    const page = await session().open('/demo-article.html');
    const { x, y } = await pointOfText(page, 'Bialiatski', 1);
    await hoverText(page, 'Bialiatski', 1);
    const card = await waitForCard(page, 'ales-bialiatski');
    const below = card.rect.top > y;
    const gapY = below ? card.rect.top - 3 : card.rect.bottom + 3;
    await page.mouse.move(x, gapY, { steps: 2 });
    // On the way: neither on the mark nor on the card.
    expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName, { x, y: gapY })).not.toBe('backstory-card');
    await page.waitForTimeout(350);
    expect((await readCard(page))?.entity).toBe('ales-bialiatski');
    await page.mouse.move(x, below ? card.rect.top + 30 : card.rect.bottom - 30, { steps: 2 });
    await page.waitForTimeout(500);
    expect((await readCard(page))?.entity).toBe('ales-bialiatski');
    await page.close();
  });
});

describe('language', () => {
  it('on a page in Russian, the card is English and each native name carries its own language', async () => {
    const page = await session().open('/reader.html');
    await hoverText(page, 'Беляцкий');
    await waitForCard(page, 'ales-bialiatski');
    const langs = await page.evaluate(() => {
      const root = document.querySelector('backstory-card')!.shadowRoot!;
      return {
        title: root.querySelector('.card-title')!.matches(':lang(en)'),
        notRussian: !root.querySelector('.card-description')!.matches(':lang(ru)'),
        native: [...root.querySelectorAll('.card-native [lang]')].map((el) => ({ lang: el.getAttribute('lang'), text: el.textContent })),
      };
    });
    expect(langs.title).toBe(true);
    expect(langs.notRussian).toBe(true);
    expect(langs.native.length).toBeGreaterThanOrEqual(1);
    expect(langs.native.find((n) => n.text === 'Алесь Бяляцкі')?.lang).toBe('be');
    await page.close();
  });
});

describe('the keyboard and screen-reader route', () => {
  it('next-mention selects the name, says "…, 1 of N", opens the card without taking the selection; Tab enters the card, Escape comes back', async () => {
    const page = await session().open('/reader.html');
    const total =
      (await page.evaluate(() => document.body.innerText.match(/Лукашенко|политзаключённых|Тихановская|Беляцкий/g)?.length)) ?? 0;
    expect(await runCommand('next-mention')).toBe(true);
    await waitForCard(page, 'alexander-lukashenko');
    expect(await selectionText(page)).toBe('Александр Лукашенко');
    await expect.poll(() => spoken(page)).toBe(`Александр Лукашенко, 1 of ${total}`);
    // The card opened beside the name; the reading position stayed on the name.
    expect((await focusedElement(page)).inside).not.toContain('role=dialog');

    expect(await runCommand('next-mention')).toBe(true);
    await expect.poll(() => selectionText(page)).toBe('политзаключённых');
    await expect.poll(() => spoken(page)).toBe(`политзаключённых, 2 of ${total}`);

    // The next one sits in a link: the link takes the focus, the name is selected.
    expect(await runCommand('next-mention')).toBe(true);
    await expect.poll(() => selectionText(page)).toBe('Светлана Тихановская');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('link');
    await waitForCard(page, 'sviatlana-tsikhanouskaya');

    await page.keyboard.press('Tab');
    const inCard = await focusedElement(page);
    expect(inCard.className).toBe('card-dialog');
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('backstory-card');
    await page.keyboard.press('Tab');
    expect((await focusedElement(page)).tag).toBe('button');
    await page.keyboard.press('Escape');
    await waitForNoCard(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('link');
    expect(await selectionText(page)).toBe('Светлана Тихановская');

    // Previous goes back from there; and from the first, round to the last.
    expect(await runCommand('previous-mention')).toBe(true);
    await expect.poll(() => spoken(page)).toBe(`политзаключённых, 2 of ${total}`);
    expect(await runCommand('previous-mention')).toBe(true);
    expect(await runCommand('previous-mention')).toBe(true);
    await expect.poll(() => spoken(page)).toBe(`Тихановская, ${total} of ${total}`);
    expect(await selectionText(page)).toBe('Тихановская');
    await screenshot(page, 'page-previous-mention-wraps');
    await page.close();
  });

  it('a card opened by hover is announced: its name and status', async () => {
    const page = await session().open('/demo-article.html');
    await hoverText(page, 'Bialiatski', 1);
    await waitForCard(page, 'ales-bialiatski');
    await expect.poll(() => spoken(page)).toMatch(/^Ales Bialiatski: .+ \(as of \d{1,2} \w{3} \d{4}\)$/);
    await page.close();
  });

  it('declares previous-mention (Alt+Shift+P), and the popup lists it among the shortcuts', async () => {
    const s = session();
    const manifest = await s.serviceWorker.evaluate(() => chrome.runtime.getManifest());
    const commands = manifest.commands as Record<string, { suggested_key?: { default?: string }; description?: string }>;
    expect(commands['previous-mention']?.suggested_key?.default).toBe('Alt+Shift+P');
    const keys = Object.values(commands)
      .map((c) => c.suggested_key?.default)
      .filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
    const popup = await openExtensionPage(s, 'popup.html');
    const row = popup.locator('[data-command="previous-mention"]');
    await row.waitFor();
    expect(await row.innerText()).toMatch(/previous mention/i);
    await popup.close();
  });
});

describe('undo for what hides marks', () => {
  /** Moves from mention to mention with the command until the card shows `entity`; then Tab into it. */
  async function keyboardToCard(page: Page, entity: string): Promise<void> {
    for (let i = 0; i < 30; i++) {
      await runCommand('next-mention');
      const card = await waitForCard(page);
      if (card.entity === entity) break;
    }
    await waitForCard(page, entity);
    await page.keyboard.press('Tab');
  }

  async function tabTo(page: Page, name: string): Promise<void> {
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if ((await focusedElement(page)).text === name) return;
    }
    throw new Error(`Tab did not reach "${name}"`);
  }

  it('"Hide topic": a toast says how many marks went, its Undo has the focus and puts them back', async () => {
    await resetSettings();
    const page = await session().open('/demo-article.html');
    const before = await markCount(page);
    await keyboardToCard(page, 'ales-bialiatski');
    await tabTo(page, 'Hide topic');
    await page.keyboard.press('Enter');
    await waitForNoCard(page);
    await expect.poll(() => markCount(page)).toBeLessThan(before);
    const after = await markCount(page);
    const toast = page.locator('backstory-status .toast');
    await toast.waitFor();
    expect(await toast.innerText()).toMatch(new RegExp(`^Hid ${before - after} marks of topic Human rights`));
    await expect.poll(async () => (await focusedElement(page)).text).toBe('Undo');
    await screenshot(page, 'page-toast-hide-topic');
    await page.keyboard.press('Enter');
    await expect.poll(() => markCount(page)).toBe(before);
    await toast.waitFor({ state: 'detached' });
    expect(await focusInView(page)).toBe('');
    await page.close();
  });

  it('"Off on this site": Escape dismisses the toast, the focus comes back in view, and Tab goes on from there', async () => {
    await resetSettings();
    const page = await session().open('/demo-article.html');
    const before = await markCount(page);
    await keyboardToCard(page, 'alexander-lukashenko');
    await tabTo(page, 'Off on this site');
    await page.keyboard.press('Enter');
    await expect.poll(() => markCount(page)).toBe(0);
    const toast = page.locator('backstory-status .toast');
    await toast.waitFor();
    expect(await toast.innerText()).toContain(`Backstory is off on 127.0.0.1: ${before} marks hidden`);
    await expect.poll(async () => (await focusedElement(page)).text).toBe('Undo');
    await page.keyboard.press('Escape');
    await toast.waitFor({ state: 'detached' });
    expect(await focusInView(page)).toBe('');
    await page.keyboard.press('Tab');
    expect(await focusInView(page)).toBe('');
    expect(await markCount(page)).toBe(0);
    await resetSettings();
    await expect.poll(() => markCount(page)).toBe(before);
    await page.close();
  });
});

describe('the setting "Mark only the first mention of each name"', () => {
  it('switched on in the popup, each name is marked once; off again, every mention', async () => {
    await resetSettings();
    const s = session();
    const page = await s.open('/demo-article.html');
    const all = await markedTexts(page);
    const popup = await s.openPopup(page);
    const toggle = popup.getByRole('switch', { name: 'Mark only the first mention of each name' });
    await toggle.click();
    await expect.poll(async () => (await markedTexts(page)).length).toBeLessThan(all.length);
    const entities = await page.evaluate(() => document.title);
    expect(entities).toBeTruthy();
    const firsts = await markedTexts(page);
    // "Lukashenko" was marked several times; now once (with "Alexander Lukashenko" the first mention, if the page names him in full).
    expect(all.filter((t) => /Lukashenko/.test(t)).length).toBeGreaterThan(1);
    expect(firsts.filter((t) => /Lukashenko/.test(t)).length).toBe(1);
    await screenshot(page, 'page-first-mention-only');
    await toggle.click();
    await expect.poll(async () => (await markedTexts(page)).length).toBe(all.length);
    await resetSettings();
    await page.close();
  });
});

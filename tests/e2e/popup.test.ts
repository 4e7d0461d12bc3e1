/**
 * The popup, used as a reader would: what is on this page, its cards, "Show on page", the switches and
 * settings, search. Every change must show on the page at once.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { markCount, screenshot, sendFromContentScript, useSession, waitForCard, type Session } from './harness';

const session = useSession();

interface Row {
  id: string;
  name: string;
  count: number;
}

/** The "On this page" list as the popup shows it. */
async function pageList(popup: Page): Promise<Row[]> {
  await popup.locator('.entity-list [data-entity]').first().waitFor();
  return popup.$$eval('.entity-list [data-entity]', (rows) =>
    rows.map((row) => ({
      id: row.getAttribute('data-entity') ?? '',
      name: row.querySelector('.entity-name')?.textContent ?? '',
      count: Number(row.querySelector('.count')?.firstChild?.textContent),
    })),
  );
}

async function highlightSize(page: Page, name: string): Promise<number> {
  return page.evaluate((name) => CSS.highlights.get(name)?.size ?? 0, name);
}

/** Waits until the page's marks number `expected` (or satisfy the predicate). */
async function waitForMarkCount(page: Page, accept: (count: number) => boolean): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const count = await markCount(page);
    if (accept(count)) return count;
    await page.waitForTimeout(50);
  }
  return markCount(page);
}

/** Waits until the settings in extension storage hold this hover delay. */
async function storedHoverDelay(s: Session, ms: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const stored = await s.serviceWorker.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      return (settings as { hoverDelayMs?: number } | undefined)?.hoverDelayMs;
    });
    if (stored === ms) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`The hover delay was not saved as ${ms} ms`);
}

/** Opens the demo article and the popup for it; both close, and the settings go back to the defaults, after the test. */
async function openArticleAndPopup(s: Session): Promise<{ page: Page; popup: Page }> {
  const page = await s.open('/demo-article.html');
  onTestFinished(async () => {
    await page.close().catch(() => undefined);
    await s.serviceWorker.evaluate(() => chrome.storage.local.clear());
  });
  const popup = await s.openPopup(page);
  onTestFinished(() => popup.close().catch(() => undefined));
  await popup.getByRole('switch', { name: 'Backstory', exact: true }).waitFor();
  return { page, popup };
}

describe('the popup on the demo article', () => {
  it('lists what the page mentions by name, most mentioned first, with counts', async () => {
    const { popup } = await openArticleAndPopup(session());
    const rows = await pageList(popup);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    // Names, not ids; counts from most to least.
    expect(rows.slice(0, 2).map((r) => r.id)).toContain('alexander-lukashenko');
    expect(rows.find((r) => r.id === 'alexander-lukashenko')?.name).toBe('Alexander Lukashenko');
    expect(rows.find((r) => r.id === 'sviatlana-tsikhanouskaya')?.name).toBe('Sviatlana Tsikhanouskaya');
    for (const row of rows) expect(row.name).not.toMatch(/^[a-z0-9-]+$/);
    const counts = rows.map((r) => r.count);
    expect(counts.every((c) => c >= 1)).toBe(true);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // Topics carry their counts on this page.
    const humanRights = popup.locator('[data-topic="human-rights"]');
    await expect(humanRights.textContent()).resolves.toMatch(/\d+ mentions? on this page/);
    await screenshot(popup, 'popup-list');
  });

  it('opens an entity\'s full card in the popup, and "Show on page" opens it on the page', async () => {
    const { page, popup } = await openArticleAndPopup(session());
    await pageList(popup);
    const opener = popup.locator('[data-entity="alexander-lukashenko"] .entity-open');
    await opener.click();
    const heading = popup.getByRole('heading', { name: 'Alexander Lukashenko', level: 2 });
    await heading.waitFor();
    const cardText = await popup.locator('.popup-card').innerText();
    expect(cardText).toMatch(/President of Belarus/);
    expect(cardText).toMatch(/Timeline/i);
    expect(cardText).toMatch(/Sources/i);
    // The list is out of the way while the card shows.
    expect(await popup.locator('.popup-home').isVisible()).toBe(false);
    await screenshot(popup, 'popup-card');

    await popup.getByRole('button', { name: 'Show on page' }).click();
    const card = await waitForCard(page, 'alexander-lukashenko');
    expect(card.text).toMatch(/Alexander Lukashenko/);
    await expect(
      popup.getByRole('status').filter({ hasText: 'Showing Alexander Lukashenko on the page' }).textContent(),
    ).resolves.toBeTruthy();

    // A related entity opens in place; Back walks back to the list, with the focus where it was.
    await popup.locator('.popup-card .chip-related').first().click();
    await popup.waitForFunction(() => document.querySelector('.popup-card h2')?.textContent !== 'Alexander Lukashenko');
    await popup.getByRole('button', { name: 'Back' }).click();
    await heading.waitFor();
    await popup.getByRole('button', { name: 'Back' }).click();
    await popup.locator('.popup-home').waitFor({ state: 'visible' });
    expect(await popup.evaluate(() => document.activeElement?.closest('[data-entity]')?.getAttribute('data-entity'))).toBe(
      'alexander-lukashenko',
    );
  });

  it('"Show on page" in the list scrolls the tab to the mention and opens its card there', async () => {
    const { page, popup } = await openArticleAndPopup(session());
    await pageList(popup);
    await popup.locator('[data-entity="ales-bialiatski"]').getByRole('button', { name: 'Show on page' }).click();
    const card = await waitForCard(page, 'ales-bialiatski');
    expect(card.text).toMatch(/Bialiatski/);
    // The mention is on screen.
    expect(card.rect.top).toBeGreaterThanOrEqual(0);
    expect(card.rect.bottom).toBeLessThanOrEqual(800);
  });

  it('switching a topic off takes its marks off the page at once, and on brings them back', async () => {
    const { page, popup } = await openArticleAndPopup(session());
    await pageList(popup);
    const before = await markCount(page);
    const topic = popup.getByRole('switch', { name: 'Human rights and political prisoners', exact: true });
    expect(await topic.getAttribute('aria-checked')).toBe('true');

    await topic.click();
    const fewer = await waitForMarkCount(page, (n) => n < before);
    expect(fewer).toBeLessThan(before);
    expect(fewer).toBeGreaterThan(0); // other topics keep theirs
    // The list follows: Bialiatski (human rights only) is gone from it, Lukashenko stays.
    await popup.locator('[data-entity="ales-bialiatski"]').waitFor({ state: 'detached' });
    await popup.locator('[data-entity="alexander-lukashenko"]').waitFor();
    await expect(popup.locator('[data-topic="human-rights"]').textContent()).resolves.toMatch(/Off/);

    await topic.click();
    expect(await waitForMarkCount(page, (n) => n === before)).toBe(before);
    await popup.locator('[data-entity="ales-bialiatski"]').waitFor();
  });

  it('"Backstory on this site" switches this site off and on', async () => {
    const { page, popup } = await openArticleAndPopup(session());
    const before = await waitForMarkCount(page, (n) => n > 0);
    const site = popup.getByRole('switch', { name: 'Backstory on this site', exact: true });
    // The popup learns the page's hostname from the page's content script (getPageInfo).
    await site.waitFor({ timeout: 5_000 });
    await expect(popup.locator('.popup-row').textContent()).resolves.toContain('127.0.0.1');
    expect(await site.getAttribute('aria-checked')).toBe('true');

    await site.click();
    expect(await waitForMarkCount(page, (n) => n === 0)).toBe(0);
    await popup.getByText('Backstory is off on 127.0.0.1.').waitFor();
    expect(await site.getAttribute('aria-checked')).toBe('false');

    await site.click();
    expect(await waitForMarkCount(page, (n) => n === before)).toBe(before);
    await popup.locator('[data-entity="alexander-lukashenko"]').waitFor();

    // Off again; the settings list the site, and taking it off that list turns Backstory back on there.
    await site.click();
    expect(await waitForMarkCount(page, (n) => n === 0)).toBe(0);
    await popup.getByText('Sites where Backstory is off (1)').click();
    await popup.getByRole('button', { name: 'Remove 127.0.0.1' }).click();
    expect(await waitForMarkCount(page, (n) => n === before)).toBe(before);
    expect(await site.getAttribute('aria-checked')).toBe('true');
  });

  it('"Runs on: Sites I choose" keeps Backstory off everywhere but the sites switched on', async () => {
    const { page, popup } = await openArticleAndPopup(session());
    const before = await waitForMarkCount(page, (n) => n > 0);
    await popup.getByRole('radio', { name: 'Sites I choose' }).check();
    expect(await waitForMarkCount(page, (n) => n === 0)).toBe(0);
    await popup.getByText('Backstory runs only on the sites you choose').waitFor();

    const site = popup.getByRole('switch', { name: 'Backstory on this site', exact: true });
    await site.click();
    expect(await waitForMarkCount(page, (n) => n === before)).toBe(before);
    // The same article from another host name is another site: not chosen, so not marked.
    const elsewhere = await session().context.newPage();
    onTestFinished(() => elsewhere.close().catch(() => undefined));
    await elsewhere.goto(session().server.url('/demo-article.html').replace('127.0.0.1', 'localhost'));
    await elsewhere.waitForTimeout(1000);
    expect(await markCount(elsewhere)).toBe(0);
    // The chosen site stays chosen when it loads again.
    await page.reload();
    expect(await waitForMarkCount(page, (n) => n === before)).toBe(before);
    // Back to every site (the popup closed when the other tab opened): the other one is marked at once.
    const again = await session().openPopup(page);
    onTestFinished(() => again.close().catch(() => undefined));
    await again.getByRole('radio', { name: 'Every site' }).check();
    expect(await waitForMarkCount(elsewhere, (n) => n === before)).toBe(before);
  });

  it("searches the whole knowledge base by any spelling, and shows a result's card", async () => {
    const { popup } = await openArticleAndPopup(session());
    const search = popup.getByRole('searchbox', { name: 'Search the knowledge base' });
    // The search box has the focus as the popup opens: a reader can type a name at once.
    await popup.waitForFunction(() => document.activeElement?.getAttribute('type') === 'search');

    for (const query of ['Лукашенко', 'lukasenka']) {
      await search.fill(query);
      const first = popup.locator('[data-result-entity]').first();
      await expect(first.getAttribute('data-result-entity')).resolves.toBe('alexander-lukashenko');
      await expect(first.textContent()).resolves.toContain('Alexander Lukashenko');
    }
    await screenshot(popup, 'popup-search');
    await popup.locator('[data-result-entity="alexander-lukashenko"] button').click();
    await popup.getByRole('heading', { name: 'Alexander Lukashenko', level: 2 }).waitFor();

    // Back to the results, which are still there; then, by keyboard, an entry that is not on this page.
    await popup.getByRole('button', { name: 'Back' }).click();
    await popup.locator('[data-result-entity="alexander-lukashenko"]').waitFor();
    await search.fill('Калеснікава');
    await popup.locator('[data-result-entity="maria-kalesnikava"]').waitFor();
    await search.press('Enter');
    await popup.getByRole('heading', { name: 'Maria Kalesnikava', level: 2 }).waitFor();
    await popup.getByText('Not on this page').waitFor();
    expect(await popup.getByRole('button', { name: 'Show on page' }).count()).toBe(0);

    await popup.getByRole('button', { name: 'Back' }).click();
    await search.fill('qwertyuiop');
    await popup.getByText(/No names in the knowledge base match/).waitFor();
  });

  it('Diagnostics shows the errors Backstory recorded, ready to copy into a bug report', async () => {
    const s = session();
    const { page, popup } = await openArticleAndPopup(s);
    const diagnostics = popup.getByText('Diagnostics', { exact: true });
    await diagnostics.click();
    const report = popup.getByRole('textbox', { name: 'Error report' });
    await expect.poll(() => report.inputValue()).toMatch(/No errors recorded\./);
    await diagnostics.click();

    // A content script's failure, reported the way lib/ext/report-error.ts reports it, twice in a row.
    const failure = { at: new Date().toISOString(), where: 'scan', message: 'TypeError: a test failure', count: 1 };
    for (let i = 0; i < 2; i++) expect((await sendFromContentScript(page, s.extensionId, 'reportError', failure)).err).toBeUndefined();
    await diagnostics.click();
    await expect.poll(() => report.inputValue()).toMatch(/scan \(2 times\): TypeError: a test failure/);
    expect(await report.inputValue()).toMatch(/^Backstory \d+\.\d+\.\d+\n/);
    await popup.getByRole('button', { name: 'Copy report' }).click();
    await popup
      .getByRole('status')
      .filter({ hasText: /Copied|Could not copy/ })
      .waitFor();
    await screenshot(popup, 'popup-diagnostics');
  });

  it('mark style "Background" restyles the marks on the page at once', async () => {
    const { page, popup } = await openArticleAndPopup(session());
    await popup.getByRole('radiogroup', { name: 'Mark style' }).waitFor();
    await popup.getByRole('radio', { name: 'Background' }).check();
    await page.waitForFunction(() => (CSS.highlights.get('backstory-bg-person')?.size ?? 0) > 0);
    expect(await highlightSize(page, 'backstory-person')).toBe(0);

    await popup.getByRole('radio', { name: 'Underline' }).check();
    await page.waitForFunction(() => (CSS.highlights.get('backstory-person')?.size ?? 0) > 0);
    expect(await highlightSize(page, 'backstory-bg-person')).toBe(0);
  });

  it('keeps the hover delay the reader chose', async () => {
    const { page, popup } = await openArticleAndPopup(session());
    const delay = popup.getByRole('slider', { name: 'Hover delay (ms)' });
    expect(await delay.inputValue()).toBe('300');
    expect(await delay.getAttribute('min')).toBe('100');
    expect(await delay.getAttribute('max')).toBe('2000');
    await delay.fill('800');
    await popup.getByText('800 ms').waitFor();
    await storedHoverDelay(session(), 800);
    await popup.close();

    const again = await session().openPopup(page);
    const delayAgain = again.getByRole('slider', { name: 'Hover delay (ms)' });
    await again.waitForFunction(() => (document.querySelector('#hover-delay') as HTMLInputElement | null)?.value === '800');
    // Keyboard: an arrow key moves it one step and saves that too.
    await delayAgain.focus();
    await again.keyboard.press('ArrowLeft');
    expect(await delayAgain.inputValue()).toBe('750');
    await storedHoverDelay(session(), 750);
    await again.close();
    const third = await session().openPopup(page);
    await third.waitForFunction(() => (document.querySelector('#hover-delay') as HTMLInputElement | null)?.value === '750');
    await third.getByRole('slider', { name: 'Hover delay (ms)' }).fill('300');
    await storedHoverDelay(session(), 300);
    await third.close();
    await page.close();
  });

  it('"Open notes" opens the notes dashboard in a new tab', async () => {
    const { popup } = await openArticleAndPopup(session());
    const opened = session().context.waitForEvent('page');
    await popup.getByRole('link', { name: 'Open notes' }).click();
    const notes = await opened;
    await notes.waitForURL(await session().serviceWorker.evaluate(() => chrome.runtime.getURL('/notes.html')));
    await notes.locator('.notes-app').waitFor();
    await notes.close();
  });

  it('works from the keyboard: arrow keys move through the list, Enter opens a card', async () => {
    const { popup } = await openArticleAndPopup(session());
    await pageList(popup);
    await popup.locator('.entity-list .entity-open').first().focus();
    await popup.keyboard.press('ArrowDown');
    const second = await popup.evaluate(() => document.activeElement?.closest('[data-entity]')?.getAttribute('data-entity'));
    const rows = await pageList(popup);
    expect(second).toBe(rows[1]!.id);
    await popup.keyboard.press('Enter');
    await popup.getByRole('heading', { name: rows[1]!.name, level: 2 }).waitFor();
    // The focus moved into the card, so Tab reaches Back first.
    await popup.keyboard.press('Tab');
    expect(await popup.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Back');
  });
});

describe('the popup in dark mode', () => {
  const dark = useSession({ colorScheme: 'dark' });

  it('follows the system colour scheme', async () => {
    const { popup } = await openArticleAndPopup(dark());
    await pageList(popup);
    const colours = await popup.evaluate(() => {
      const style = getComputedStyle(document.body);
      return { bg: style.backgroundColor, fg: style.color };
    });
    expect(colours.bg).toBe('rgb(30, 34, 39)');
    expect(colours.fg).toBe('rgb(230, 237, 243)');
    await screenshot(popup, 'popup-dark');
    await popup.locator('[data-entity="sviatlana-tsikhanouskaya"] .entity-open').click();
    await popup.getByRole('heading', { name: 'Sviatlana Tsikhanouskaya', level: 2 }).waitFor();
    await screenshot(popup, 'popup-card-dark');
  });
});

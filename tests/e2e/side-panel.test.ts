/**
 * Notes in the side panel, beside the page (issue 14), in Chromium's real side panel: "Add note" on a
 * card (a click in the page) opens the panel with the editor for the passage; the note is typed and
 * saved with the keyboard and the page marks the passage at once. "Full card" shows the entity's card
 * in the panel with the focus on its name. The panel follows the front tab. Where the panel cannot open
 * (the keyboard command run without a gesture: a test cannot press a browser shortcut, so it runs the
 * command's own handler), the one dashboard tab stands in, and there is only ever one.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { focusedElement, hoverText, openExtensionPage, screenshot, sendFromPage, useSession, waitForCard } from './harness';
import { dashboardTabs, notedPassages, selectText, waitForNoted } from './notes-helpers';

const session = useSession();

const notesUrl = () => `chrome-extension://${session().extensionId}/notes.html`;

/** Runs a keyboard command's handler in the background, as pressing its shortcut does, but with no gesture. */
async function runCommand(name: string): Promise<boolean> {
  return session().serviceWorker.evaluate(
    (name) => (globalThis as unknown as { backstoryCommands: Record<string, () => Promise<boolean>> }).backstoryCommands[name]!(),
    name,
  );
}

/** Whether the page is wider than its viewport (something does not reflow). */
async function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/** "Full card" on the hover card of `name`, clicked as a reader clicks it; returns the side panel. */
async function openFullCard(page: Page, name: string, entityId: string): Promise<Page> {
  await hoverText(page, name);
  await waitForCard(page, entityId);
  await page.locator('backstory-card').getByRole('button', { name: 'Full card', exact: true }).click();
  return session().sidePanel();
}

/** Puts screenshots side by side in one picture (test-output/NAME.png), as the window shows page and panel. */
async function sideBySide(paths: string[], name: string): Promise<void> {
  const sheet = await session().context.newPage();
  const images = paths.map((path) => `<img style="display:block" src="data:image/png;base64,${readFileSync(path).toString('base64')}">`);
  await sheet.setContent(`<div id="sheet" style="display:inline-flex;gap:1px;background:#8c959f">${images.join('')}</div>`);
  await sheet.evaluate(() => {
    document.body.style.margin = '0';
  });
  const box = (await sheet.locator('#sheet').boundingBox())!;
  await sheet.setViewportSize({ width: Math.ceil(box.width), height: Math.ceil(box.height) });
  await screenshot(sheet, name);
  await sheet.close();
}

const PASSAGE = 'Alexander Lukashenko was using the release of political prisoners to win favours';

afterEach(async () => {
  for (const page of session().context.pages()) if (page.url() !== 'about:blank') await page.close().catch(() => undefined);
  await session().serviceWorker.evaluate(() => chrome.storage.local.clear());
});

describe('where the side panel cannot open', () => {
  it('the add-note command shows the draft in one dashboard tab, and a second note reuses that tab', async () => {
    const page = await session().open('/demo-article.html');
    await selectText(page, PASSAGE);
    await page.bringToFront();
    const opened = session().context.waitForEvent('page', { predicate: (p) => p.url().includes('notes.html#draft='), timeout: 8000 });
    expect(await runCommand('add-note')).toBe(true);
    const dashboard = await opened;
    const editor = dashboard.locator('.editor[aria-label="New note"] textarea');
    await editor.waitFor();
    await dashboard.waitForFunction(() => document.activeElement?.localName === 'textarea');
    await dashboard.keyboard.type('Prisoners as bargaining chips.');
    await dashboard.keyboard.press('Control+Enter');
    await dashboard.waitForURL(/#note=/);
    expect(await waitForNoted(page, 1)).toEqual([PASSAGE]);

    // A second note: the same tab shows its draft, no other tab opens.
    await selectText(page, 'the largest protests the country had seen');
    await page.bringToFront();
    expect(await runCommand('add-note')).toBe(true);
    await dashboard.waitForURL(/#draft=/);
    await editor.waitFor();
    expect(await editor.inputValue()).toBe('');
    expect(dashboardTabs(session())).toHaveLength(1);
  });

  it('two "Open notes" from the popup leave one dashboard tab, brought to the front', async () => {
    const page = await session().open('/demo-article.html');
    const opened = session().context.waitForEvent('page', { predicate: (p) => p.url().startsWith(notesUrl()), timeout: 8000 });
    await (await session().openPopup(page)).getByRole('link', { name: 'Open notes' }).click();
    const dashboard = await opened;
    await dashboard.locator('.notes-app').waitFor();
    await page.bringToFront();
    expect(await page.evaluate(() => document.visibilityState)).toBe('visible');
    await (await session().openPopup(page)).getByRole('link', { name: 'Open notes' }).click();
    await dashboard.waitForFunction(() => document.visibilityState === 'visible');
    expect(dashboardTabs(session())).toHaveLength(1);
  });
});

describe('the side panel', () => {
  it('"Add note" on a card opens the panel beside the page with the editor focused; saved, the passage is marked at once', async () => {
    const page = await session().open('/demo-article.html');
    await selectText(page, PASSAGE);
    await hoverText(page, 'Lukashenko was');
    await waitForCard(page, 'alexander-lukashenko');
    await page.locator('backstory-card').getByRole('button', { name: 'Add note', exact: true }).click();

    const panel = await session().sidePanel();
    await panel.waitForURL(/#draft=/);
    expect(await panel.evaluate(() => innerWidth)).toBeLessThanOrEqual(400);
    expect(dashboardTabs(session())).toHaveLength(0);
    await panel.waitForFunction(() => document.activeElement?.localName === 'textarea');
    expect(await panel.locator('.editor').innerText()).toContain('political prisoners');
    expect(await notedPassages(page)).toEqual([]);

    // Typed and saved with the keyboard alone.
    await panel.keyboard.type('Prisoners as bargaining chips: compare with the 2024 releases.');
    await panel.keyboard.press('Tab');
    await panel.keyboard.type('prisoners, sanctions');
    await screenshot(panel, 'side-panel-note-editor');
    await panel.keyboard.press('Shift+Tab');
    await panel.keyboard.press('Control+Enter');
    await panel.waitForURL(/#note=/);
    expect(await waitForNoted(page, 1)).toEqual([PASSAGE]);
    await page.evaluate(() => getSelection()?.removeAllRanges());
    expect(await overflowsSideways(panel)).toBe(false);
    // The picture in the README: the page (its card closed) and the side panel, as they sit in the window.
    await page.keyboard.press('Escape');
    await page.mouse.move(5, 700);
    const panelShot = await screenshot(panel, 'side-panel-note-saved');
    await page.setViewportSize({ width: 900, height: readFileSync(panelShot).readUInt32BE(20) });
    await page.evaluate(() => scrollTo(0, 0));
    await sideBySide([await screenshot(page, 'side-panel-page-marked'), panelShot], 'side-panel');
  });

  it('"Full card" shows the entity\'s card in the panel, the focus on its name, with a way back to the notes', async () => {
    const page = await session().open('/demo-article.html');
    const panel = await openFullCard(page, 'Viasna', 'viasna');
    await panel.waitForURL(/#entity=viasna/);
    await panel.locator('.card-host .card').waitFor();
    await panel.waitForFunction(() => document.activeElement?.classList.contains('card-title'));
    expect((await focusedElement(panel)).text).toBe('Viasna Human Rights Centre');
    expect(await overflowsSideways(panel)).toBe(false);
    await screenshot(panel, 'side-panel-full-card');

    await panel.getByRole('button', { name: '← All notes' }).click();
    await panel.locator('.card-host').waitFor({ state: 'detached' });
    expect(panel.url()).not.toContain('#entity=');
  });

  it("follows the front tab: that page's notes come first", async () => {
    const [demo, other] = [await session().open('/demo-article.html'), await session().open('/notes-article.html')];
    const seeder = await openExtensionPage(session(), 'notes.html');
    for (const [page, passage, text] of [
      [demo, PASSAGE, 'On the demo article'],
      [other, 'eased sanctions on Belavia, the national airline', 'On the notes article'],
    ] as const) {
      const passageDraft = {
        url: page.url(),
        title: await page.title(),
        exact: passage,
        prefix: '',
        suffix: '',
        start: -1,
        end: -1,
        entities: [],
      };
      const draft = await sendFromPage<{ id: string }>(seeder, 'newDraft', { passage: passageDraft });
      await sendFromPage(seeder, 'saveNote', { draftId: draft.id, body: { text, format: 'text/plain', tags: [] } });
    }
    await seeder.close();
    const panel = await openFullCard(other, 'Viasna', 'viasna');
    await panel.getByRole('button', { name: '← All notes' }).click();
    const firstRow = () => panel.locator('.note-row').first().innerText();
    await other.bringToFront();
    await panel.waitForFunction(() => document.querySelector('.list-count')?.textContent?.includes('1 on this page'));
    expect(await firstRow()).toContain('On the notes article');
    await demo.bringToFront();
    await expect.poll(firstRow, { timeout: 5000 }).toContain('On the demo article');
  });

  it("reflows at the panel's widths, and zoomed to 200% and 400%: nothing runs off the side", async () => {
    // The panel's page in a tab of the panel's size: 320 and 400 px, and a 400 px panel at 200% and
    // 400% (200 and 100 CSS px).
    const page = await openExtensionPage(session(), 'notes.html');
    const draft = await sendFromPage<{ id: string }>(page, 'newDraft', {
      entity: 'viasna',
      passage: {
        url: 'http://127.0.0.1/a.html',
        title: 'Washington loosens Belarus sanctions as Minsk frees prisoners',
        exact: PASSAGE,
        prefix: '',
        suffix: '',
        start: -1,
        end: -1,
        entities: ['alexander-lukashenko'],
      },
    });
    for (const [hash, view] of [
      [`#draft=${encodeURIComponent(draft.id)}`, '.editor textarea'],
      ['#entity=ales-bialiatski', '.card-host .card'],
      ['', '.notes-list, .empty'],
    ] as const) {
      for (const width of [400, 320, 200, 100]) {
        await page.setViewportSize({ width, height: 600 });
        await page.goto(`${notesUrl()}${hash}`);
        await page.locator(view).first().waitFor();
        expect(await overflowsSideways(page), `${hash || 'the list'} at ${width} CSS px`).toBe(false);
        if (width === 200) await screenshot(page, `side-panel-200-percent${hash.split('=')[0]?.replace('#', '-')}`);
      }
    }
  });
});

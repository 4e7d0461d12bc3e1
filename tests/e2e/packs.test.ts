/**
 * Topic packs and the reader's own entities in Chromium: a pack file imported from the dashboard after its dry
 * run, its names marked and carded on open pages, its topic switched off in the popup; a hostile pack refused
 * with its reason and nothing changed; an entity added from a selection, marked and carded in two open tabs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { hoverText, markedTexts, OUTPUT_DIR, screenshot, sendFromPage, useSession, waitForCard } from './harness';
import { openNotesDashboard, selectText } from './notes-helpers';

const session = useSession();
const EXAMPLE = 'docs/example-pack.json';

const openDashboard = (hash = ''): Promise<Page> => openNotesDashboard(session(), hash);

async function storedPackIds(): Promise<string[]> {
  return session().serviceWorker.evaluate(async () => {
    const all = await chrome.storage.local.get(null);
    return Object.keys(all)
      .filter((k) => k.startsWith('pack:'))
      .map((k) => k.slice('pack:'.length))
      .sort();
  });
}

afterEach(async () => {
  for (const page of session().context.pages()) if (!page.url().startsWith('about:')) await page.close();
  await session().serviceWorker.evaluate(() =>
    chrome.storage.local.remove(['packs', 'pack:example-court-watch', 'pack:personal', 'settings']),
  );
});

describe('a topic pack', () => {
  it('is imported after a dry run that changes nothing, and listed with its topic', async () => {
    const dash = await openDashboard();
    await dash.getByRole('button', { name: 'Packs and your entities' }).click();
    await dash.getByRole('heading', { name: 'Topic packs' }).waitFor();
    await dash.getByLabel('Import a pack').setInputFiles(EXAMPLE);
    const dialog = dash.getByRole('dialog');
    const install = dialog.getByRole('button', { name: /Install the pack/ });
    await install.waitFor();
    expect(await dialog.locator('[data-count="new"]').textContent()).toBe('2');
    expect(await dialog.locator('[data-count="rejected"]').textContent()).toBe('0');
    expect(await storedPackIds()).toEqual([]); // the dry run changed nothing
    // The focus is on the next thing to do.
    expect(await dash.evaluate(() => document.activeElement?.textContent)).toMatch(/Install the pack/);
    await screenshot(dash, 'packs-import-dry-run');
    await install.click();
    await dialog.getByText('Installed.').waitFor();
    await dash.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // The focus goes back to the control that opened the dialog.
    expect(await dash.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Import a pack');
    expect(await storedPackIds()).toEqual(['example-court-watch']);
    await dash.locator('[data-pack="example-court-watch"]').getByText('Court watch (example pack)').waitFor();
    await screenshot(dash, 'packs-panel');
  });

  it('a hostile pack is refused with its reason, and nothing changes', async () => {
    const dash = await openDashboard('#packs');
    const hostile = join(OUTPUT_DIR, 'hostile-pack.json');
    writeFileSync(hostile, `{"backstoryPack":1,"id":"evil","x":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    await dash.getByLabel('Import a pack').setInputFiles(hostile);
    const alert = dash.getByRole('dialog').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Nothing was imported: objects and arrays nest more than 16 deep (line 1, column 51)');
    await dash.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    expect(await storedPackIds()).toEqual([]);
  });
});

describe("an entity of the reader's own", () => {
  it('the form shows the declined forms and the spellings another entity has, before saving', async () => {
    const dash = await openDashboard('#add-entity=Ina%20Testava');
    const form = dash.locator('form.entity-form');
    await form.waitFor();
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe('Ina Testava');
    await form.getByLabel('Name', { exact: true }).fill('Іна Тэставая');
    await form.getByLabel('Language of the name').selectOption('be');
    await form.getByLabel('Referred to as').selectOption('female');
    await form.locator('[data-declined]').getByText(/Інай/).waitFor();
    await form.getByRole('button', { name: 'Add a spelling' }).click();
    await form.getByLabel('Spelling 1', { exact: true }).fill('Lukashenko');
    await form
      .locator('[data-clashes]')
      .getByText(/lukashenko. is also Alexander Lukashenko/)
      .waitFor();
    await screenshot(dash, 'entity-form-clash');
    await form.getByRole('button', { name: 'Remove spelling 1' }).click();
    await form.getByLabel('Description (one line)').fill('A made-up person for a test.');
    await form.getByRole('button', { name: 'Save' }).click();
    await dash.locator('[data-own-entity="ina-testavaya"]').waitFor();
    const stored = await sendFromPage<{ id: string; names: { text: string }[] }[]>(dash, 'personalEntities');
    expect(stored.map((e) => [e.id, e.names.map((n) => n.text)])).toEqual([['ina-testavaya', ['Іна Тэставая']]]);
  });

  it("from a bundled entity's full card, the reader adds a spelling and a private fact of their own to it", async () => {
    const page = await session().open('/court-watch.html');
    expect(await marked(page)).not.toContain('reading group');
    const dash = await openDashboard('#entity=viasna');
    await dash.getByRole('button', { name: 'Add your own spellings or facts…' }).click();
    const form = dash.locator('form.entity-form');
    await form.waitFor();
    // The form starts as an addition to Viasna, under its name.
    expect(await form.getByLabel('Adds to').inputValue()).toBe('viasna');
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe('Viasna Human Rights Centre');
    await form.getByLabel('Name', { exact: true }).fill('the reading group');
    await form.getByLabel('Type').selectOption('organisation');
    await form.getByRole('button', { name: 'Add a spelling' }).click();
    await form.getByLabel('Spelling 1', { exact: true }).fill('reading group');
    await form
      .getByLabel('Description (one line)')
      .fill('What the trial reports call the chat Viasna counts in its case (a private note).');
    await form.getByRole('button', { name: 'Add a fact' }).click();
    await form.getByLabel('Date of fact 1 (YYYY, YYYY-MM or YYYY-MM-DD)').fill('2026-09-14');
    await form.getByLabel('Fact 1', { exact: true }).fill('Named in the Hrodna trial of a librarian.');
    await form.getByLabel('Source of fact 1 (https link)').fill('https://example.org/court-watch/hearing-1');
    await form.getByRole('button', { name: 'Save' }).click();
    await dash.locator('[data-own-entity]').first().waitFor();
    await page.bringToFront();
    await waitForMarked(page, 'reading group');
    await hoverText(page, 'reading group');
    // The new spelling opens Viasna's own card, which now carries the private fact.
    const card = await waitForCard(page, 'viasna');
    expect(card.text).toContain('Viasna Human Rights Centre');
    expect(await sendFromPage<{ entity: { facts: { text: string }[] } }>(dash, 'getEntityCard', 'viasna')).toMatchObject({
      entity: { facts: expect.arrayContaining([expect.objectContaining({ text: 'Named in the Hrodna trial of a librarian.' })]) },
    });
  });
});

/** The texts Backstory marks on the page. */
async function marked(page: Page): Promise<string[]> {
  return markedTexts(page);
}

async function waitForMarked(page: Page, text: string, present = true): Promise<void> {
  await expect.poll(async () => (await marked(page)).includes(text), { timeout: 10_000 }).toBe(present);
}

describe('installed knowledge on open pages, without a reload', () => {
  it('a pack imported in the dashboard is marked and carded in an open tab; its topic switched off in the popup takes its marks away', async () => {
    const page = await session().open('/court-watch.html');
    expect(await marked(page)).not.toContain('Ina Prykladava');
    const dash = await openDashboard('#packs');
    await dash.getByLabel('Import a pack').setInputFiles(EXAMPLE);
    await dash
      .getByRole('dialog')
      .getByRole('button', { name: /Install the pack/ })
      .click();
    await dash.getByRole('dialog').getByText('Installed.').waitFor();
    await page.bringToFront();
    await waitForMarked(page, 'Ina Prykladava');
    expect(await marked(page)).toEqual(expect.arrayContaining(['Ina Prykladava', 'Judge Uzorau', 'Prykladava', 'Viasna']));
    await hoverText(page, 'Judge Uzorau');
    const card = await waitForCard(page, 'example-court-watch/paval-uzorau');
    expect(card.text).toContain('A fictional judge of a regional court');
    // The whole card names the pack the entity comes from.
    expect(await sendFromPage<{ pack?: string }>(dash, 'getEntityCard', 'example-court-watch/paval-uzorau')).toMatchObject({
      pack: 'Court watch (example pack)',
    });
    await screenshot(page, 'packs-card-on-page');
    // The popup lists the pack's topic under the pack's title, with a switch.
    const popup = await session().openPopup(page);
    const group = popup.locator('.topic-pack[data-pack="example-court-watch"]');
    await group.getByRole('heading', { name: 'Court watch (example pack)' }).waitFor();
    await screenshot(popup, 'packs-popup-topics');
    await group.getByRole('switch', { name: 'Court watch' }).click();
    await waitForMarked(page, 'Ina Prykladava', false);
    expect(await marked(page)).toContain('Viasna');
    await popup.close();
  });

  it('an entity added from a selection is marked and carded in two open tabs at once', async () => {
    const first = await session().open('/court-watch.html');
    const second = await session().open('/court-watch.html');
    expect(await marked(second)).not.toContain('Aliaksei Testau');
    await first.bringToFront();
    await selectText(first, 'Aliaksei Testau');
    // "Add to Backstory…" on the selection: what the context menu item does.
    const dashOpened = session().context.waitForEvent('page');
    expect(
      await session().serviceWorker.evaluate(() =>
        (globalThis as unknown as { backstoryCommands: Record<string, () => Promise<boolean>> }).backstoryCommands['add-to-backstory']!(),
      ),
    ).toBe(true);
    const dash = await dashOpened;
    const form = dash.locator('form.entity-form');
    await form.waitFor();
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe('Aliaksei Testau');
    await form.getByLabel('Referred to as').selectOption('male');
    await form.getByLabel('Description (one line)').fill('A defence lawyer in Hrodna (made up for a test).');
    await form.getByRole('button', { name: 'Add a fact' }).click();
    await form.getByLabel('Date of fact 1 (YYYY, YYYY-MM or YYYY-MM-DD)').fill('2026-09-14');
    await form.getByLabel('Fact 1', { exact: true }).fill('Spoke to supporters after the hearing.');
    await form.getByLabel('Source of fact 1 (https link)').fill('https://example.org/court-watch/hearing-2');
    await form.getByRole('button', { name: 'Save' }).click();
    await dash.locator('[data-own-entity="aliaksei-testau"]').waitFor();
    for (const page of [first, second]) {
      await page.bringToFront();
      await waitForMarked(page, 'Aliaksei Testau');
      await hoverText(page, 'Aliaksei Testau', 1);
      const card = await waitForCard(page, 'personal/aliaksei-testau');
      expect(card.text).toContain('Spoke to supporters after the hearing.');
    }
    await screenshot(second, 'packs-own-entity-card');
  });
});

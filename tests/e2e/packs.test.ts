/**
 * Topic packs and the reader's own entities in Chromium: a pack file imported from the dashboard after its dry
 * run, its names marked and carded on open pages, its topic switched off in the popup; a hostile pack refused
 * with its reason and nothing changed; an entity added from a selection, marked and carded in two open tabs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { OUTPUT_DIR, screenshot, sendFromPage, useSession } from './harness';

const session = useSession();
const EXAMPLE = 'docs/example-pack.json';

async function openDashboard(hash = ''): Promise<Page> {
  const page = await session().context.newPage();
  await page.goto(`chrome-extension://${session().extensionId}/notes.html${hash}`);
  await page.locator('.notes-app').waitFor();
  return page;
}

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
  await session().serviceWorker.evaluate(() => chrome.storage.local.remove(['packs', 'pack:example-court-watch', 'pack:personal']));
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
});

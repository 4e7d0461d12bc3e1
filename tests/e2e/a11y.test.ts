/**
 * Everyone can use Backstory's own pages (issue 14): each barrier the audit found is driven here with
 * the keyboard alone, and the test checks where the focus lands; axe-core's WCAG 2.2 A/AA rules run on
 * every view of the popup and the dashboard, in light and dark, and must find nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { focusedElement, OUTPUT_DIR, openExtensionPage, screenshot, type Session, useSession } from './harness';

const session = useSession();

/** Sends a message to the background from an extension page, as Backstory's own pages do. */
async function send<T>(page: Page, type: string, data?: unknown): Promise<T> {
  const reply = await page.evaluate(
    ({ type, data }) => chrome.runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() }),
    { type, data },
  );
  const { res, err } = (reply ?? {}) as { res?: T; err?: { message?: string } };
  if (err) throw new Error(err.message ?? 'error');
  return res as T;
}

/** Stores `count` passage notes (one page each, titled), through the background as the dashboard does. */
async function seedNotes(page: Page, count: number): Promise<void> {
  await page.evaluate(async (count) => {
    const call = async (type: string, data: unknown) =>
      ((await chrome.runtime.sendMessage({ id: Math.random(), type, data, timestamp: Date.now() })) as { res: { id: string } }).res;
    for (let i = 0; i < count; i++) {
      const draft = await call('newDraft', {
        passage: {
          url: `http://127.0.0.1:8080/article-${i}.html`,
          title: `Article ${i + 1}: Minsk court sentences activists`,
          exact: `passage ${i + 1} about the court in Minsk`,
          prefix: 'The report says that ',
          suffix: ' and the appeal failed.',
          start: 20,
          end: 52,
          entities: ['minsk'],
        },
      });
      await call('saveNote', { draftId: draft.id, body: { text: `Note number ${i + 1}`, format: 'text/plain', tags: ['court'] } });
    }
  }, count);
}

async function openDashboard(s: Session, options: Parameters<typeof openExtensionPage>[2] = {}): Promise<Page> {
  const page = await openExtensionPage(s, 'notes.html', options);
  await page.locator('.notes-app').waitFor();
  return page;
}

/** Presses Tab until `accept` says the focus is where it should be; fails after `limit` presses. */
async function tabUntil(page: Page, accept: (f: Awaited<ReturnType<typeof focusedElement>>) => boolean, limit = 40): Promise<number> {
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press('Tab');
    if (accept(await focusedElement(page))) return i;
  }
  throw new Error(`Tab did not reach the element in ${limit} presses; the focus is on ${JSON.stringify(await focusedElement(page))}`);
}

/** The focused option of the notes list: its note id and its place in the whole list. */
async function focusedRow(page: Page): Promise<{ id: string; position: number; size: number } | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (el?.getAttribute('role') !== 'option') return null;
    return {
      id: el.getAttribute('data-note-id') ?? '',
      position: Number(el.getAttribute('aria-posinset')),
      size: Number(el.getAttribute('aria-setsize')),
    };
  });
}

afterEach(async () => {
  for (const page of session().context.pages())
    if (!page.isClosed() && page.url() !== 'about:blank') await page.close().catch(() => undefined);
  await session().serviceWorker.evaluate(() => chrome.storage.local.clear());
});

describe('the notes dashboard from the keyboard', () => {
  it('reaches every note of a long list with the arrow keys, Home and End, and draws the focus ring in full', async () => {
    const dash = await openDashboard(session(), { viewport: { width: 1280, height: 600 } });
    await seedNotes(dash, 60);
    await dash.locator('.list-count[data-count="60"]').waitFor();
    // Rows name the page by its title; the site comes second.
    const first = dash.locator('[role="option"]').first();
    expect(await first.locator('.note-row-site').textContent()).toMatch(/^Article \d+: Minsk court sentences activists$/);
    expect(await first.locator('.note-row-host').textContent()).toBe('127.0.0.1');
    await dash.getByRole('searchbox', { name: 'Search notes' }).focus();
    // Tab enters the list once, at one row.
    await tabUntil(dash, (f) => f.inside.includes('role=listbox'));
    expect(await focusedRow(dash)).toMatchObject({ position: 1, size: 60 });
    const seen = new Set<string>();
    for (let i = 0; i < 59; i++) {
      seen.add((await focusedRow(dash))!.id);
      await dash.keyboard.press('ArrowDown');
    }
    seen.add((await focusedRow(dash))!.id);
    expect(seen.size).toBe(60);
    expect(await focusedRow(dash)).toMatchObject({ position: 60 });
    // The focused row is in view, not only in the DOM.
    const inView = await dash.evaluate(() => {
      const row = document.activeElement!.getBoundingClientRect();
      const box = document.querySelector('.notes-scroller')!.getBoundingClientRect();
      return row.top >= box.top - 1 && row.bottom <= box.bottom + 1;
    });
    expect(inView).toBe(true);
    await dash.keyboard.press('Home');
    expect(await focusedRow(dash)).toMatchObject({ position: 1 });
    await dash.keyboard.press('End');
    expect(await focusedRow(dash)).toMatchObject({ position: 60 });
    await dash.keyboard.press('PageUp');
    expect((await focusedRow(dash))!.position).toBeLessThan(60);

    // The ring is drawn inside the row, where neither the scroller nor the next row can clip it.
    const ring = await dash.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), offset: parseFloat(style.outlineOffset) };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    expect(ring.offset).toBeLessThanOrEqual(-ring.width);
    await screenshot(dash, 'a11y-notes-list-focus');

    // Tab leaves the list and Shift+Tab comes back to the same row.
    const row = await focusedRow(dash);
    await dash.keyboard.press('Tab');
    expect(await focusedRow(dash)).toBeNull();
    await dash.keyboard.press('Shift+Tab');
    expect(await focusedRow(dash)).toEqual(row);
  });

  it('Enter opens a note with the focus in its text; Delete leaves the focus on the next note, never on <body>', async () => {
    const dash = await openDashboard(session());
    await seedNotes(dash, 3);
    await dash.locator('.list-count[data-count="3"]').waitFor();
    await dash.getByRole('searchbox', { name: 'Search notes' }).focus();
    await tabUntil(dash, (f) => f.inside.includes('role=listbox'));
    await dash.keyboard.press('ArrowDown');
    const second = (await focusedRow(dash))!;
    await dash.keyboard.press('Enter');
    await dash.locator('.editor textarea').waitFor();
    expect(await dash.evaluate(() => document.activeElement?.matches('.editor textarea'))).toBe(true);

    // Delete, by keyboard.
    await tabUntil(dash, (f) => f.text === 'Delete');
    await dash.keyboard.press('Enter');
    await dash.locator('.list-count[data-count="2"]').waitFor();
    await dash.waitForFunction(() => document.activeElement?.getAttribute('role') === 'option');
    const next = (await focusedRow(dash))!;
    expect(next.id).not.toBe(second.id);
    expect(next).toMatchObject({ position: 2, size: 2 });
    expect((await focusedElement(dash)).tag).not.toBe('body');
    // Undo brings it back, with the focus in its text.
    await dash.locator('.toast').getByRole('button', { name: 'Undo' }).focus();
    await dash.keyboard.press('Enter');
    await dash.locator('.list-count[data-count="3"]').waitFor();
    await dash.waitForFunction(() => document.activeElement?.matches('.editor textarea'));
  });

  it('in the side panel, "All notes" goes back to the note that was open', async () => {
    const dash = await openDashboard(session(), { viewport: { width: 400, height: 700 } });
    await seedNotes(dash, 4);
    await dash.locator('.list-count[data-count="4"]').waitFor();
    await dash.getByRole('searchbox', { name: 'Search notes' }).focus();
    await tabUntil(dash, (f) => f.inside.includes('role=listbox'));
    await dash.keyboard.press('End');
    const last = (await focusedRow(dash))!;
    await dash.keyboard.press('Enter');
    await dash.waitForFunction(() => document.activeElement?.matches('.editor textarea'));
    await dash.keyboard.press('Shift+Tab');
    await dash.getByRole('button', { name: '← All notes' }).focus();
    await dash.keyboard.press('Enter');
    await dash.waitForFunction(() => document.activeElement?.getAttribute('role') === 'option');
    expect(await focusedRow(dash)).toEqual(last);
  });

  it('the import dialog takes the focus, keeps Tab inside, closes on Escape and gives the focus back to "Import…"', async () => {
    const dash = await openDashboard(session());
    await seedNotes(dash, 2);
    await dash.locator('.list-count[data-count="2"]').waitFor();
    const exported = await send<string>(dash, 'exportNotes', 'jsonld');
    const file = join(OUTPUT_DIR, 'a11y-import.jsonld');
    writeFileSync(file, exported);

    await dash.getByRole('searchbox', { name: 'Search notes' }).focus();
    await tabUntil(dash, (f) => f.tag === 'input' && f.text === 'Import notes');
    // A person picks the file in the browser's file chooser (which a test cannot drive).
    await dash.getByLabel('Import notes').setInputFiles(file);
    const dialog = dash.getByRole('dialog', { name: /Import/ });
    await dialog.getByText('Nothing in this file would change your notes.').waitFor();
    expect((await focusedElement(dash)).inside).toContain('dialog');
    for (let i = 0; i < 6; i++) {
      await dash.keyboard.press('Tab');
      const focused = await focusedElement(dash);
      // Inside the dialog, or (Chrome) out to the browser's own toolbar and back: never the page behind it.
      if (focused.tag !== 'body') expect(focused.inside).toContain('dialog');
    }
    await screenshot(dash, 'a11y-import-dialog');
    await dash.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focusedElement(dash)).toMatchObject({ tag: 'input', text: 'Import notes' });

    // The same after the close button, and after an import that changes something.
    await send(dash, 'deleteNote', (await dash.locator('[role="option"]').first().getAttribute('data-note-id'))!);
    await dash.locator('.list-count[data-count="1"]').waitFor();
    await dash.getByLabel('Import notes').focus();
    await dash.getByLabel('Import notes').setInputFiles(file);
    await dialog.getByRole('button', { name: 'Import 1 note' }).waitFor();
    expect(await focusedElement(dash)).toMatchObject({ text: 'Import 1 note' });
    await dash.keyboard.press('Enter');
    await dialog.getByText('Imported.').waitFor();
    // The button that had the focus is gone: the focus moved to Close, not to <body>.
    expect(await focusedElement(dash)).toMatchObject({ tag: 'button', text: 'Close' });
    await dash.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await focusedElement(dash)).toMatchObject({ tag: 'input', text: 'Import notes' });
  });
});

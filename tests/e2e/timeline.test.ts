/**
 * The dashboard's timeline in Chromium: the dated facts of two pinned entities and a note on one axis,
 * filtered by entity and topic, used from the keyboard.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadKnowledgeBase } from '../../lib/kb';
import { focusedElement, screenshot, useSession } from './harness';
import { addNoteOn, openNotesDashboard } from './notes-helpers';

const session = useSession();
const kb = loadKnowledgeBase();
const factsOf = (id: string) => kb.entities.find((e) => e.id === id)!.facts;

afterEach(async () => {
  for (const page of session().context.pages())
    if (!page.isClosed() && page.url() !== 'about:blank') await page.close().catch(() => undefined);
  await session().serviceWorker.evaluate(() => chrome.storage.local.clear());
});

async function pin(dash: Page, entity: string): Promise<void> {
  await dash.getByLabel('Entity to pin').selectOption(entity);
  await dash.getByRole('button', { name: 'Pin', exact: true }).click();
  await dash.locator(`[data-pin="${entity}"]`).waitFor();
}

const count = (dash: Page) => dash.locator('.timeline-count').getAttribute('data-count').then(Number);

describe('timeline', () => {
  it('shows the facts of two pinned entities and a note on one axis, and filters them by entity and topic', async () => {
    const dash = await openNotesDashboard(session());
    await dash.getByRole('button', { name: 'Timeline' }).click();
    await dash.getByRole('heading', { name: 'Nothing on the timeline yet' }).waitFor();
    await screenshot(dash, 'timeline-empty');

    await pin(dash, 'alexander-lukashenko');
    await pin(dash, 'ales-bialiatski');
    const page = await session().open('/notes-article.html');
    const { editor } = await addNoteOn(session(), page, 'the Nobel Peace Prize laureate Ales Bialiatski', 'Freed in the September deal?');
    // The one dashboard tab, already open on the timeline, showed the draft (no second dashboard).
    expect(editor).toBe(dash);
    await page.close();

    const all = factsOf('alexander-lukashenko').length + factsOf('ales-bialiatski').length + 1;
    await dash.locator(`.timeline-count[data-count="${all}"]`).waitFor();
    // Oldest first, years in order, the note at the day it was written.
    const years = await dash.locator('.tl-year-heading').allTextContents();
    expect(years).toEqual([...years].sort());
    const dates = await dash.locator('.tl-event').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.date!));
    expect(dates).toEqual([...dates].sort());
    const note = dash.locator('.tl-note');
    expect(await note.getAttribute('data-date')).toBe(new Date().toISOString().slice(0, 10));
    expect(await note.textContent()).toContain('“the Nobel Peace Prize laureate Ales Bialiatski”');
    expect(await dash.locator('.tl-fact', { hasText: 'Named a Nobel Peace Prize laureate' }).textContent()).toContain('Ales Bialiatski');
    await screenshot(dash, 'timeline');

    const filters = dash.locator('.timeline-filters');
    await filters.getByLabel('Entity').selectOption('ales-bialiatski');
    await dash.locator(`.timeline-count[data-count="${factsOf('ales-bialiatski').length + 1}"]`).waitFor();
    expect(await dash.locator('.tl-fact .tl-open', { hasText: 'Alexander Lukashenko' }).count()).toBe(0);
    await filters.getByLabel('Entity').selectOption('');
    await filters.getByLabel('Topic').selectOption('belarus-politics');
    await dash.locator(`.timeline-count[data-count="${factsOf('alexander-lukashenko').length}"]`).waitFor();
    expect(await dash.locator('.tl-note').count()).toBe(0);
    await filters.getByLabel('Entity').selectOption('ales-bialiatski');
    await dash.getByText('Nothing on the timeline for these filters.').waitFor();
    await dash.getByRole('button', { name: 'Clear the timeline filters' }).click();
    expect(await count(dash)).toBe(all);

    // From the keyboard: Tab from the filters reaches the first event; Enter opens that entity's card.
    await filters.getByLabel('Topic').focus();
    await dash.keyboard.press('Tab');
    const focused = await focusedElement(dash);
    expect(focused.text).toBe('Alexander Lukashenko');
    await dash.keyboard.press('Enter');
    await dash.locator('.card-host .card-title', { hasText: 'Alexander Lukashenko' }).waitFor();
    // And a note opens the note.
    await dash.locator('.tl-note .tl-open').press('Enter');
    await dash.locator('.editor textarea').waitFor();
    expect(await dash.locator('.editor textarea').inputValue()).toBe('Freed in the September deal?');
    await dash.emulateMedia({ colorScheme: 'dark' });
    await screenshot(dash, 'timeline-dark');
  });
});

/**
 * "What changed since you last looked", in Chromium: a card seen once shows nothing new; after the
 * knowledge base gains a fact (simulated by taking that fact out of the stored record of what the
 * reader saw), the card on the page and the pinned list in the dashboard show it as new, once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadKnowledgeBase } from '../../lib/kb';
import { axeViolations, describeViolations, hoverText, screenshot, useSession, waitForCard } from './harness';
import { openNotesDashboard } from './notes-helpers';

const session = useSession();
const ENTITY = 'alexander-lukashenko';
const facts = loadKnowledgeBase().entities.find((e) => e.id === ENTITY)!.facts;
const newest = [...facts].sort((a, b) => (a.date < b.date ? 1 : -1))[0]!;

afterEach(async () => {
  for (const page of session().context.pages())
    if (!page.isClosed() && page.url() !== 'about:blank') await page.close().catch(() => undefined);
  await session().serviceWorker.evaluate(() => chrome.storage.local.clear());
});

async function seenKeys(): Promise<string[] | undefined> {
  return session().serviceWorker.evaluate(
    async (key) => ((await chrome.storage.local.get(key))[key] as { keys: string[] } | undefined)?.keys,
    `seen:${ENTITY}`,
  );
}

/** As if the knowledge base had gained the newest fact since the last look: the record of that look lacks it. */
async function forgetNewestFact(): Promise<void> {
  await session().serviceWorker.evaluate(
    async ({ key, date }) => {
      const record = (await chrome.storage.local.get(key))[key] as { keys: string[] };
      const keys = record.keys.filter((k) => !k.startsWith(`${date}|`));
      if (keys.length !== record.keys.length - 1) throw new Error('expected exactly one fact of that date');
      await chrome.storage.local.set({ [key]: { ...record, keys } });
    },
    { key: `seen:${ENTITY}`, date: newest.date },
  );
}

async function hoverCard(): Promise<Page> {
  const page = await session().open('/notes-article.html');
  await hoverText(page, 'Alexander Lukashenko');
  await waitForCard(page, ENTITY);
  return page;
}

const newNote = (page: Page) => page.locator('backstory-card .card-new');

describe('new since you last looked', () => {
  it('marks on the card, once, a fact added since the reader last saw it; never on the first look', async () => {
    const first = await hoverCard();
    expect(await newNote(first).count()).toBe(0);
    await expect.poll(seenKeys).toHaveLength(facts.length);
    await first.close();

    await forgetNewestFact();
    const again = await hoverCard();
    await newNote(again).waitFor();
    expect(await newNote(again).locator('h3').textContent()).toBe('New since you last looked');
    expect(await newNote(again).locator('li').allTextContents()).toEqual([expect.stringContaining(newest.text)]);
    // The short card's "Latest" does not repeat it.
    expect(await again.locator('backstory-card .card-timeline', { hasText: newest.text }).count()).toBe(0);
    await screenshot(again, 'card-new-since-last-look');
    await expect.poll(seenKeys).toHaveLength(facts.length);
    await again.close();

    // Seen now: the next look shows nothing new.
    const third = await hoverCard();
    expect(await newNote(third).count()).toBe(0);
  });

  it('the pinned list says how many facts are new, and the card shows them; after that, nothing is new', async () => {
    const dash = await openNotesDashboard(session());
    await dash.getByLabel('Entity to pin').selectOption(ENTITY);
    await dash.getByRole('button', { name: 'Pin', exact: true }).click();
    await dash.locator(`[data-pin="${ENTITY}"] .pin`).click();
    await dash.locator('.card-host .card-title').waitFor();
    expect(await dash.locator('.card-host .card-new').count()).toBe(0);
    await expect.poll(seenKeys).toHaveLength(facts.length);
    await dash.close();

    await forgetNewestFact();
    const later = await openNotesDashboard(session());
    const badge = later.locator(`[data-pin="${ENTITY}"] .new-badge`);
    await badge.waitFor();
    expect(await badge.textContent()).toBe('1 new since you last looked');
    const violations = await axeViolations(later);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshot(later, 'pinned-new-since-last-look');
    await later.locator(`[data-pin="${ENTITY}"] .pin`).click();
    await later.locator('.card-host .card-fact-new', { hasText: newest.text }).waitFor();
    for (const colorScheme of ['light', 'dark'] as const) {
      await later.emulateMedia({ colorScheme });
      const violations = await axeViolations(later);
      expect(violations, describeViolations(violations)).toEqual([]);
    }
    await badge.waitFor({ state: 'detached' });
    await later.reload();
    await later.locator(`[data-pin="${ENTITY}"]`).waitFor();
    // Once the pinned cards are read (the timeline shows their facts), no badge comes.
    await later.getByRole('button', { name: 'Timeline' }).click();
    await later.locator('.tl-fact').first().waitFor();
    expect(await later.locator('.new-badge').count()).toBe(0);
  });
});

/**
 * Everyone can use Backstory's own pages (issue 14): each barrier the audit found is driven here with
 * the keyboard alone, and the test checks where the focus lands; axe-core's WCAG 2.2 A/AA rules run on
 * every view of the popup, the dashboard and the side panel, in light and dark, and must find nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  axeViolations,
  describeViolations,
  focusedElement,
  hoverText,
  OUTPUT_DIR,
  openExtensionPage,
  screenshot,
  sendFromContentScript,
  sendFromPage,
  type Session,
  useSession,
  waitForCard,
} from './harness';

const session = useSession();

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

/** Where the focused element is hidden: off screen, or under something else (a sticky bar); '' when in full view. */
async function focusObscured(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'the focus is on <body>';
    const box = el.getBoundingClientRect();
    if (box.bottom <= 0 || box.top >= innerHeight) return `${el.outerHTML.slice(0, 80)} is out of view`;
    // Sample the top, middle and bottom of the element's box: each must show the element itself.
    for (const y of [box.top + 2, box.top + box.height / 2, box.bottom - 2]) {
      const x = box.left + Math.min(box.width / 2, 12);
      const top = document.elementFromPoint(x, y);
      if (!top || !(el === top || el.contains(top)))
        return `${el.outerHTML.slice(0, 80)} is under ${top?.outerHTML.slice(0, 80) ?? 'nothing'} at y=${Math.round(y)}`;
    }
    return '';
  });
}

/** WCAG contrast ratio of two CSS colours (opaque rgb()). */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The colours of one element: its own, its border's, and the background behind it (the first opaque one up the tree). */
async function colours(page: Page, selector: string): Promise<{ color: string; border: string; background: string; behind: string }> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const opaque = (node: Element | null): string => {
        for (let n = node; n; n = n.parentElement) {
          const bg = getComputedStyle(n).backgroundColor;
          if (bg && !bg.startsWith('rgba(0, 0, 0, 0)') && bg !== 'transparent') return bg;
        }
        return 'rgb(255, 255, 255)';
      };
      const style = getComputedStyle(el);
      return { color: style.color, border: style.borderTopColor, background: opaque(el), behind: opaque(el.parentElement) };
    });
}

/** axe's WCAG 2.2 A/AA rules find nothing on the page, in light and in dark. */
async function expectNoViolations(page: Page, view: string, include?: string[]): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const violations = await axeViolations(page, include);
    expect(violations, `${view} (${colorScheme}):\n${describeViolations(violations)}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Opens the demo article and the popup for it (closed, with the settings cleared, after the test). */
async function openArticleAndPopup(s: Session): Promise<{ page: Page; popup: Page }> {
  const page = await s.open('/demo-article.html');
  const popup = await s.openPopup(page);
  await popup.getByRole('switch', { name: 'Backstory', exact: true }).waitFor();
  await popup.locator('.entity-list [data-entity]').first().waitFor();
  return { page, popup };
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
    const exported = await sendFromPage<string>(dash, 'exportNotes', 'jsonld');
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
    await sendFromPage(dash, 'deleteNote', (await dash.locator('[role="option"]').first().getAttribute('data-note-id'))!);
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

describe('the popup from the keyboard', () => {
  it('"On this page" is a named list whose rows read their counts; "Show" says what it shows', async () => {
    const { popup } = await openArticleAndPopup(session());
    const list = popup.getByRole('list', { name: /^On this page \d+ names · \d+ mentions$/ });
    expect(await list.count()).toBe(1);
    expect(await list.getByRole('button', { name: /^Alexander Lukashenko Person \d+ mentions$/ }).count()).toBe(1);
    const show = list.getByRole('button', { name: 'Show on page: Alexander Lukashenko', exact: true });
    expect(await show.textContent()).toBe('Show');
    // From the search box, the arrow key reaches the first row and Tab its "Show".
    await popup.waitForFunction(() => document.activeElement?.getAttribute('type') === 'search');
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('Tab');
    expect((await focusedElement(popup)).text).toMatch(/^Show on page: /);
  });

  it('a search that finds nothing is announced; Enter on a result opens its card with the focus in it', async () => {
    const { popup } = await openArticleAndPopup(session());
    await popup.waitForFunction(() => document.activeElement?.getAttribute('type') === 'search');
    await popup.keyboard.type('qwertyuiop');
    const status = popup.locator('[data-search-status]');
    await expect.poll(() => status.textContent()).toBe('No results for “qwertyuiop”.');
    expect(await status.getAttribute('role')).toBe('status');
    await popup.keyboard.press('ControlOrMeta+a');
    await popup.keyboard.type('Bialiatski');
    await expect.poll(() => status.textContent()).toMatch(/^\d+ results? for “Bialiatski”\.$/);
    await popup.keyboard.press('Enter');
    await popup.getByRole('heading', { name: 'Ales Bialiatski', level: 2 }).waitFor();
    expect((await focusedElement(popup)).className).toContain('popup-card');
  });

  it('in a card, no focused control sits under the sticky bars, however Tab wraps', async () => {
    const { popup } = await openArticleAndPopup(session());
    await popup.locator('[data-entity="alexander-lukashenko"] .entity-open').focus();
    await popup.keyboard.press('Enter');
    await popup.getByRole('heading', { name: 'Alexander Lukashenko', level: 2 }).waitFor();
    await popup.keyboard.press('Tab');
    expect((await focusedElement(popup)).text).toBe('Back');
    // Backwards from Back: the header's switch, then round to the bottom of the card and up through its
    // sources and related chips: each one scrolls in below the bars, never under them.
    const seen: string[] = [];
    for (let i = 0; i < 30; i++) {
      await popup.keyboard.press('Shift+Tab');
      const focused = await focusedElement(popup);
      if (focused.tag === 'body') continue;
      seen.push(focused.className || focused.tag);
      expect(await focusObscured(popup), `Shift+Tab ${i + 1}: ${focused.text}`).toBe('');
    }
    expect(seen).toContain('chip chip-related');
    // And forwards, round again.
    for (let i = 0; i < 30; i++) {
      await popup.keyboard.press('Tab');
      if ((await focusedElement(popup)).tag === 'body') continue;
      expect(await focusObscured(popup), `Tab ${i + 1}`).toBe('');
    }
    await screenshot(popup, 'a11y-popup-card-focus');
  });

  it('a topic switched off from the keyboard keeps the focus, in view, while the list above it shrinks', async () => {
    const { page, popup } = await openArticleAndPopup(session());
    // Every name on the page listed, so that switching a topic off takes rows away above the switch.
    await popup.getByRole('button', { name: /^Show all \d+$/ }).focus();
    await popup.keyboard.press('Enter');
    const rows = await popup.locator('.entity-list [data-entity]').count();
    const topic = popup.getByRole('switch', { name: 'Human rights and political prisoners', exact: true });
    await topic.focus();
    await popup.keyboard.press('Space');
    await popup.waitForFunction((rows) => document.querySelectorAll('.entity-list [data-entity]').length < rows, rows);
    await popup.waitForTimeout(300);
    expect(await topic.getAttribute('aria-checked')).toBe('false');
    expect(await topic.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await focusObscured(popup)).toBe('');
    // The site switch, from the keyboard: off, the list gives way to a message, the switch keeps the focus.
    const site = popup.getByRole('switch', { name: 'Backstory on this site', exact: true });
    await site.focus();
    await popup.keyboard.press('Space');
    await popup.getByText('Backstory is off on 127.0.0.1.').waitFor();
    expect(await site.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await focusObscured(popup)).toBe('');
    await page.close();
  });

  it('with Backstory off, the topic switches are inactive and say so', async () => {
    const { popup } = await openArticleAndPopup(session());
    await popup.waitForFunction(() => document.activeElement?.getAttribute('type') === 'search');
    // Shift+Tab from the search box: the site switch, then the master switch in the header.
    await popup.keyboard.press('Shift+Tab');
    await popup.keyboard.press('Shift+Tab');
    expect(await popup.evaluate(() => document.activeElement?.closest('.popup-header') !== null)).toBe(true);
    await popup.keyboard.press('Space');
    const topic = popup.getByRole('switch', { name: 'Human rights and political prisoners', exact: true });
    await expect.poll(() => topic.isDisabled()).toBe(true);
    const description = await topic.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent);
    expect(description).toBe('Inactive while Backstory is off');
    await popup.getByText('Backstory is switched off: no topic is marked').waitFor();
    await screenshot(popup, 'a11y-popup-off');
  });

  it('shows the keyboard shortcuts as the browser has them, and says where to change them', async () => {
    const s = session();
    const { popup } = await openArticleAndPopup(s);
    const commands = await s.serviceWorker.evaluate(async () =>
      (await chrome.commands.getAll()).map((c) => ({ name: c.name, shortcut: c.shortcut ?? '' })),
    );
    const section = popup.getByRole('region', { name: 'Keyboard' });
    for (const command of commands.filter((c) => c.name === 'next-mention' || c.name === 'add-note')) {
      const row = section.locator(`[data-command="${command.name}"]`);
      if (command.shortcut) expect((await row.locator('kbd').allTextContents()).join('+')).toBe(command.shortcut);
      else expect(await row.textContent()).toContain('no key set');
    }
    expect(await section.textContent()).toContain('chrome://extensions/shortcuts');
    expect(await section.getByRole('button', { name: 'Change shortcuts' }).count()).toBe(1);
  });
});

describe('contrast (WCAG 1.4.3, 1.4.11)', () => {
  it('switches off, field and button borders reach 3:1, the count in "Show on page" 4.5:1, in light and dark', async () => {
    const { popup } = await openArticleAndPopup(session());
    for (const colorScheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme });
      const off = await colours(popup, '[data-topic="places"] .switch[aria-checked="false"]');
      expect(contrast(off.border, off.behind), `switch track, ${colorScheme}`).toBeGreaterThanOrEqual(3);
      const knob = await colours(popup, '[data-topic="places"] .switch-knob');
      expect(contrast(knob.background, off.background), `switch knob, ${colorScheme}`).toBeGreaterThanOrEqual(3);
      const search = await colours(popup, '.search input');
      expect(contrast(search.border, search.behind), `search field, ${colorScheme}`).toBeGreaterThanOrEqual(3);
      const segment = await colours(popup, '.segment');
      expect(contrast(segment.border, segment.behind), `segment, ${colorScheme}`).toBeGreaterThanOrEqual(3);
    }
    await popup.emulateMedia({ colorScheme: 'light' });
    await popup.locator('[data-entity="alexander-lukashenko"] .entity-open').click();
    for (const colorScheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme });
      const count = await colours(popup, '.button-count');
      expect(contrast(count.color, count.background), `"Show on page" count, ${colorScheme}`).toBeGreaterThanOrEqual(4.5);
    }

    const dash = await openDashboard(session());
    await seedNotes(dash, 1);
    await dash.locator('[role="option"]').first().click();
    await dash.locator('.editor textarea').waitFor();
    for (const colorScheme of ['light', 'dark'] as const) {
      await dash.emulateMedia({ colorScheme });
      for (const selector of ['.button', 'select', '.search', '.editor textarea', 'input[type="text"]']) {
        const field = await colours(dash, selector);
        expect(contrast(field.border, field.behind), `${selector} in the dashboard, ${colorScheme}`).toBeGreaterThanOrEqual(3);
      }
    }
  });
});

describe('zoom: 200% and 400% (reflow at 640 and 320 CSS px)', () => {
  for (const [zoom, viewport] of [
    ['200', { width: 640, height: 400 }],
    ['400', { width: 320, height: 200 }],
  ] as const) {
    it(`the popup and the dashboard at ${zoom}%: no sideways scrolling, every control reachable`, async () => {
      const s = session();
      const popup = await openExtensionPage(s, 'popup.html', { viewport });
      await popup.getByRole('searchbox', { name: 'Search the knowledge base' }).waitFor();
      const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(await overflow(popup)).toBeLessThanOrEqual(0);
      await screenshot(popup, `a11y-popup-zoom-${zoom}`);
      await popup.getByRole('searchbox', { name: 'Search the knowledge base' }).focus();
      await popup.keyboard.type('Lukashenko');
      await popup.keyboard.press('Enter');
      await popup.getByRole('heading', { name: 'Alexander Lukashenko', level: 2 }).waitFor();
      expect(await overflow(popup)).toBeLessThanOrEqual(0);
      // Tab through the card: every focused control is in full view.
      for (let i = 0; i < 12; i++) {
        await popup.keyboard.press('Tab');
        if ((await focusedElement(popup)).tag === 'body') continue;
        expect(await focusObscured(popup), `popup card, Tab ${i + 1}`).toBe('');
      }
      await screenshot(popup, `a11y-popup-card-zoom-${zoom}`);

      const dash = await openDashboard(s, { viewport });
      await seedNotes(dash, 12);
      await dash.locator('.list-count[data-count="12"]').waitFor();
      expect(await overflow(dash)).toBeLessThanOrEqual(0);
      await screenshot(dash, `a11y-notes-zoom-${zoom}`);
      await dash.getByRole('searchbox', { name: 'Search notes' }).focus();
      await tabUntil(dash, (f) => f.inside.includes('role=listbox'), 60);
      await dash.keyboard.press('End');
      expect(await focusedRow(dash)).toMatchObject({ position: 12 });
      expect(await focusObscured(dash)).toBe('');
      await dash.keyboard.press('Enter');
      await dash.waitForFunction(() => document.activeElement?.matches('.editor textarea'));
      expect(await overflow(dash)).toBeLessThanOrEqual(0);
      await screenshot(dash, `a11y-notes-note-zoom-${zoom}`);
    });
  }
});

describe('the toolbar icon', () => {
  it('says, per tab, when Backstory is off on the site', async () => {
    const s = session();
    const { page, popup } = await openArticleAndPopup(s);
    const title = () =>
      s.serviceWorker.evaluate(async (url) => {
        const [tab] = await chrome.tabs.query({ url });
        return chrome.action.getTitle({ tabId: tab!.id! });
      }, page.url());
    await expect.poll(title).toBe('Backstory');
    await popup.getByRole('switch', { name: 'Backstory on this site', exact: true }).click();
    await expect.poll(title).toBe('Backstory (off on 127.0.0.1)');
    // Another site in another tab keeps the normal icon.
    const other = await s.context.newPage();
    await other.goto(s.server.url('/demo-article.html').replace('127.0.0.1', 'localhost'));
    const otherTitle = () =>
      s.serviceWorker.evaluate(async (url) => {
        const [tab] = await chrome.tabs.query({ url });
        return chrome.action.getTitle({ tabId: tab!.id! });
      }, other.url());
    await expect.poll(otherTitle).toBe('Backstory');
    // Backstory switched off everywhere: every tab says so as it comes to the front.
    await s.serviceWorker.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(settings as object), enabled: false } });
    });
    await expect.poll(otherTitle).toBe('Backstory (switched off)');
  });
});

describe('axe-core, WCAG 2.2 A/AA, light and dark', () => {
  it('finds nothing in any view of the popup', async () => {
    const s = session();
    const { popup } = await openArticleAndPopup(s);
    await expectNoViolations(popup, 'popup: the list');
    await popup.getByText(/^Sites where Backstory is off/).waitFor({ state: 'detached' });
    await popup.getByText('Diagnostics', { exact: true }).click();
    await popup.getByRole('textbox', { name: 'Error report' }).waitFor();
    await expectNoViolations(popup, 'popup: Diagnostics open');
    const search = popup.getByRole('searchbox', { name: 'Search the knowledge base' });
    await search.fill('Tsikhanouskaya');
    await popup.locator('[data-result-entity]').first().waitFor();
    await expectNoViolations(popup, 'popup: search results');
    await search.fill('qwertyuiop');
    await popup.getByText(/No names in the knowledge base match/).waitFor();
    await expectNoViolations(popup, 'popup: no results');
    await search.fill('');
    await popup.locator('[data-entity="alexander-lukashenko"] .entity-open').click();
    await popup.getByRole('heading', { name: 'Alexander Lukashenko', level: 2 }).waitFor();
    await expectNoViolations(popup, 'popup: a card');
    await popup.getByRole('button', { name: 'Back' }).click();
    // Settings open: a site switched off, its list unfolded; and Backstory off.
    await popup.getByRole('switch', { name: 'Backstory on this site', exact: true }).click();
    await popup.getByText('Sites where Backstory is off (1)').click();
    await popup.getByRole('button', { name: 'Remove 127.0.0.1' }).waitFor();
    await expectNoViolations(popup, 'popup: settings, a site switched off');
    await popup.getByRole('switch', { name: 'Backstory', exact: true }).click();
    await popup.getByText('Backstory is switched off: no topic is marked').waitFor();
    await expectNoViolations(popup, 'popup: Backstory off');
  });

  it('finds nothing in the dashboard: empty, with notes and one open, the import dialog open', async () => {
    const s = session();
    const dash = await openDashboard(s);
    await dash.getByRole('heading', { name: 'No notes yet' }).waitFor();
    await expectNoViolations(dash, 'dashboard: empty');
    await seedNotes(dash, 3);
    await dash.locator('.list-count[data-count="3"]').waitFor();
    await expectNoViolations(dash, 'dashboard: notes');
    await dash.locator('[role="option"]').first().click();
    await dash.locator('.editor textarea').waitFor();
    await expectNoViolations(dash, 'dashboard: a note open');
    await dash.getByRole('searchbox', { name: 'Search notes' }).fill('nothing like this');
    await dash.getByText(/No notes match/).waitFor();
    await expectNoViolations(dash, 'dashboard: no results');
    await dash.getByRole('searchbox', { name: 'Search notes' }).fill('');
    const file = join(OUTPUT_DIR, 'a11y-axe-import.jsonld');
    writeFileSync(file, await sendFromPage<string>(dash, 'exportNotes', 'jsonld'));
    await dash.getByLabel('Import notes').setInputFiles(file);
    await dash.getByRole('dialog').getByText('Nothing in this file would change your notes.').waitFor();
    await expectNoViolations(dash, 'dashboard: the import dialog');
    await screenshot(dash, 'a11y-import-dialog-axe');
  });

  it('finds nothing in the timeline: empty, with facts and notes, filtered to nothing, and at 320 px', async () => {
    const s = session();
    const dash = await openDashboard(s);
    await dash.getByRole('button', { name: 'Timeline' }).click();
    await dash.getByRole('heading', { name: 'Nothing on the timeline yet' }).waitFor();
    await expectNoViolations(dash, 'timeline: empty');
    await sendFromPage(dash, 'pinEntity', 'ales-bialiatski');
    await seedNotes(dash, 2);
    await dash.locator('.tl-note').nth(1).waitFor();
    await dash.locator('.tl-fact').first().waitFor();
    await expectNoViolations(dash, 'timeline: facts and notes');
    await dash.locator('.timeline-filters').getByLabel('Topic').selectOption('human-rights');
    await dash.locator('.timeline-filters').getByLabel('Entity').selectOption('minsk');
    await dash.getByText('Nothing on the timeline for these filters.').waitFor();
    await expectNoViolations(dash, 'timeline: filtered to nothing');
    await dash.getByRole('button', { name: 'Clear the timeline filters' }).click();
    await dash.setViewportSize({ width: 320, height: 640 });
    await dash.locator('.tl-fact').first().waitFor();
    expect(await dash.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await expectNoViolations(dash, 'timeline: 320 px');
  });
});

describe('the side panel', () => {
  it("finds nothing in the note editor and the full card at the panel's width; the focus starts in each", async () => {
    const s = session();
    const page = await s.open('/demo-article.html');
    // As the page's buttons send them, from the reader's click ("Full card", "Add note" on a card).
    const fromClick = (type: string, data: unknown) => sendFromContentScript(page, s.extensionId, type, data, { userGesture: true });
    expect((await fromClick('openFullCard', { entityId: 'alexander-lukashenko' })).err).toBeUndefined();
    const panel = await s.sidePanel();
    expect(await panel.evaluate(() => innerWidth)).toBeLessThanOrEqual(400);
    await panel.waitForURL(/#entity=alexander-lukashenko/);
    await panel.waitForFunction(() => document.activeElement?.classList.contains('card-title'));
    await expectNoViolations(panel, 'side panel: full card');
    expect((await fromClick('startNote', { entity: 'viasna' })).err).toBeUndefined();
    await panel.waitForURL(/#draft=/);
    await panel.waitForFunction(() => document.activeElement?.localName === 'textarea');
    await expectNoViolations(panel, 'side panel: note editor');
  });
});

describe("axe-core on packs and the reader's own entities, light and dark", () => {
  it("finds nothing in the packs panel, the pack import dialog, the entity form with a clash, and the popup's topics by pack", async () => {
    const s = session();
    const dash = await openDashboard(s);
    await dash.getByRole('button', { name: 'Packs and your entities' }).click();
    await dash.getByRole('heading', { name: 'Topic packs' }).waitFor();
    await expectNoViolations(dash, 'dashboard: packs, none installed');
    await dash.getByLabel('Import a pack').setInputFiles('docs/example-pack.json');
    await dash
      .getByRole('dialog')
      .getByRole('button', { name: /Install the pack/ })
      .waitFor();
    await expectNoViolations(dash, 'dashboard: the pack import dialog');
    await dash
      .getByRole('dialog')
      .getByRole('button', { name: /Install the pack/ })
      .click();
    await dash.getByRole('dialog').getByText('Installed.').waitFor();
    await dash.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await dash.getByRole('button', { name: 'Add an entity…' }).first().click();
    const form = dash.locator('form.entity-form');
    await form.getByLabel('Name', { exact: true }).fill('Paval Uzorau Junior');
    await form.getByRole('button', { name: 'Add a spelling' }).click();
    await form.getByLabel('Spelling 1', { exact: true }).fill('Judge Uzorau');
    await form.getByRole('button', { name: 'Add a fact' }).click();
    await form.locator('[data-clashes]').waitFor();
    await expectNoViolations(dash, 'dashboard: the entity form, a clash shown');
    await form.getByRole('button', { name: 'Remove spelling 1' }).click();
    await form.getByRole('button', { name: 'Remove fact 1' }).click();
    await form.getByLabel('Description (one line)').fill('A made-up person for a test.');
    await form.getByRole('button', { name: 'Save' }).click();
    await dash.locator('[data-own-entity]').waitFor();
    await expectNoViolations(dash, "dashboard: packs, one installed, one entity of the reader's own");
    await screenshot(dash, 'a11y-packs-panel');
    const { popup } = await openArticleAndPopup(s);
    await popup.locator('.topic-pack[data-pack="example-court-watch"]').waitFor();
    await expectNoViolations(popup, 'popup: topics by pack');
    await screenshot(popup, 'a11y-popup-topics-by-pack');
  });
});

describe('on a page: the short card and the undo toast', () => {
  it('axe finds nothing in the card (hovered, and opened from the keyboard) or in the toast, light and dark', async () => {
    const s = session();
    const page = await s.open('/demo-article.html');
    await hoverText(page, 'Bialiatski', 1);
    await waitForCard(page, 'ales-bialiatski');
    await expectNoViolations(page, 'page: the short card', ['backstory-card']);
    await screenshot(page, 'a11y-page-card-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'a11y-page-card-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('backstory-card').getByRole('button', { name: 'Hide topic' }).click();
    await page.locator('backstory-status .toast').waitFor();
    await expectNoViolations(page, 'page: the undo toast', ['backstory-status']);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'a11y-page-toast-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, 'a11y-page-toast-light');
    await page.keyboard.press('Enter'); // Undo has the focus
    await page.locator('backstory-status .toast').waitFor({ state: 'detached' });
    await s.serviceWorker.evaluate(() => chrome.storage.local.remove('settings'));
    await page.close();
  });

  it('a related name in the card, chosen from the keyboard, leaves the focus in the new card, never on <body>', async () => {
    const s = session();
    const page = await s.open('/demo-article.html');
    for (let i = 0; i < 30; i++) {
      await s.serviceWorker.evaluate(() =>
        (globalThis as unknown as { backstoryCommands: Record<string, () => Promise<boolean>> }).backstoryCommands['next-mention']!(),
      );
      if ((await waitForCard(page)).entity === 'alexander-lukashenko') break;
    }
    await page.keyboard.press('Tab');
    await tabUntil(page, (f) => f.text === 'Sviatlana Tsikhanouskaya', 20);
    // The focused chip shows in full: scrolled into the card's view, not under its actions (WCAG 2.4.11).
    const chipShown = await page.evaluate(() => {
      const root = document.querySelector('backstory-card')!.shadowRoot!;
      const chip = root.activeElement as HTMLElement;
      const box = chip.getBoundingClientRect();
      return [box.top + 2, box.top + box.height / 2, box.bottom - 2].every((y) => {
        const top = root.elementFromPoint(box.left + 10, y);
        return top === chip || chip.contains(top);
      });
    });
    expect(chipShown).toBe(true);
    await page.keyboard.press('Enter');
    await waitForCard(page, 'sviatlana-tsikhanouskaya');
    const focused = await focusedElement(page);
    expect(focused.className).toBe('card-dialog');
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('backstory-card');
    expect(await focusObscured(page)).toBe('');
    await page.close();
  });
});

describe('the first-run page', () => {
  it('was not opened for this unpacked, automated browser', async () => {
    const urls = session()
      .context.pages()
      .map((p) => p.url());
    expect(urls.filter((url) => url.includes('welcome.html'))).toEqual([]);
  });

  it('shows what Backstory does and its shortcuts; every control is reachable; axe finds nothing', async () => {
    const s = session();
    const welcome = await openExtensionPage(s, 'welcome.html');
    await welcome.getByRole('heading', { name: 'Backstory is ready', level: 1 }).waitFor();
    for (const name of ['On the pages you read', 'In the toolbar', 'Notes', 'Keyboard'])
      expect(await welcome.getByRole('heading', { name, level: 2 }).count()).toBe(1);
    await welcome.locator('[data-command="next-mention"]').waitFor();
    await tabUntil(welcome, (f) => f.text === 'Open your notes');
    await tabUntil(welcome, (f) => f.text === 'Change shortcuts');
    await expectNoViolations(welcome, 'first-run page');
    await screenshot(welcome, 'a11y-welcome');
    await welcome.setViewportSize({ width: 320, height: 200 });
    expect(await welcome.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(
      0,
    );
  });
});

/** What a researcher does in the e2e tests of notes: select a passage, add a note on it, open the dashboard. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { type Session, sendFromPage } from './harness';

export async function openNotesDashboard(session: Session, hash = ''): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/notes.html${hash}`);
  await page.locator('.notes-app').waitFor();
  return page;
}

/** Selects the first occurrence of `text` in the page (or in the element `within` selects), as a reader would with the mouse. */
export async function selectText(page: Page, text: string, within = 'body'): Promise<void> {
  await page.evaluate(
    ([text, within]) => {
      const walker = document.createTreeWalker(document.querySelector(within)!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        return;
      }
      throw new Error(`"${text}" is not on the page`);
    },
    [text, within] as const,
  );
}

/** The dashboard tabs open in the browser (the side panel is not one of them). */
export function dashboardTabs(session: Session): Page[] {
  const url = `chrome-extension://${session.extensionId}/notes.html`;
  return session.context.pages().filter((p) => p.url().startsWith(url));
}

/**
 * The add-note flow of the keyboard command and the context menu where the side panel cannot open (a
 * test cannot press a browser shortcut, so the request has no gesture behind it): select text on the
 * page, ask the background to take the active tab's selection, write the note in the one dashboard
 * tab, which shows the draft, and save. (side-panel.test.ts drives the path with the panel.)
 */
export async function addNoteOn(
  session: Session,
  page: Page,
  passage: string,
  text: string,
  tags = '',
  within = 'body',
): Promise<{ id: string; editor: Page }> {
  await selectText(page, passage, within);
  const editor = dashboardTabs(session)[0] ?? (await openNotesDashboard(session));
  await page.bringToFront();
  expect(await sendFromPage<boolean>(editor, 'noteSelection')).toBe(true);
  await editor.waitForURL(/#draft=/);
  const textArea = editor.locator('.editor[aria-label="New note"] textarea');
  await textArea.waitFor();
  await textArea.fill(text);
  if (tags) await editor.getByLabel('Tags').fill(tags);
  await editor.getByRole('button', { name: 'Save note' }).click();
  await editor.waitForURL(/#note=/);
  const id = decodeURIComponent(new URL(editor.url()).hash.replace('#note=', ''));
  return { id, editor };
}

/** The texts of the ranges in the `backstory-note` highlight. */
export async function notedPassages(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const highlight = CSS.highlights.get('backstory-note');
    return highlight ? [...(highlight as unknown as Iterable<Range>)].map((r) => r.toString()).sort() : [];
  });
}

export async function waitForNoted(page: Page, count: number, timeout = 8000): Promise<string[]> {
  await page.waitForFunction((count) => (CSS.highlights.get('backstory-note')?.size ?? 0) === count, count, { timeout });
  return notedPassages(page);
}

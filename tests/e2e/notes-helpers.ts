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

/**
 * The add-note flow of the keyboard command and the context menu: select text on the page, ask the
 * background to take the active tab's selection, write the note in the dashboard tab it opens, save.
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
  await page.bringToFront();
  const opened = session.context.waitForEvent('page', { predicate: (p) => p.url().includes('notes.html#draft='), timeout: 8000 });
  const sender = await openNotesDashboard(session);
  await page.bringToFront();
  expect(await sendFromPage<boolean>(sender, 'noteSelection')).toBe(true);
  const editor = await opened;
  await sender.close();
  await editor.locator('textarea').waitFor();
  await editor.locator('textarea').fill(text);
  if (tags) await editor.getByLabel('Tags').fill(tags);
  await editor.getByRole('button', { name: 'Save note' }).click();
  await editor.waitForURL(/#note=/);
  const id = decodeURIComponent(new URL(editor.url()).hash.replace('#note=', ''));
  return { id, editor };
}

/**
 * The way out of Backstory, in Chromium: CSL-JSON and RIS downloaded from the dashboard and read back by
 * citation-js, and a passage link (a text fragment) that opens its page scrolled to the passage.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readCsl, readRis } from '../helpers/references';
import { screenshot, useSession } from './harness';
import { addNoteOn, openNotesDashboard } from './notes-helpers';

const session = useSession();

afterEach(async () => {
  for (const page of session().context.pages())
    if (!page.isClosed() && page.url() !== 'about:blank') await page.close().catch(() => undefined);
  await session().serviceWorker.evaluate(() => chrome.storage.local.clear());
});

async function download(dash: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([dash.waitForEvent('download'), dash.getByRole('button', { name: button, exact: true }).click()]);
  const path = join('test-output', file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

async function pin(dash: Page, entity: string): Promise<void> {
  await dash.getByLabel('Entity to pin').selectOption(entity);
  await dash.getByRole('button', { name: 'Pin', exact: true }).click();
  await dash.locator(`[data-pin="${entity}"]`).waitFor();
}

describe('references for reference managers', () => {
  it('exports CSL-JSON and RIS from the dashboard, and citation-js reads every field back', async () => {
    const page = await session().open('/notes-article.html');
    const passage = 'the Nobel Peace Prize laureate Ales Bialiatski';
    const { editor } = await addNoteOn(session(), page, passage, 'Freed after four years.\nCheck: forced to leave?', 'prisoners, to check');
    await editor.close();
    const dash = await openNotesDashboard(session());
    await dash.locator('.list-count[data-count="1"]').waitFor();
    await pin(dash, 'alexander-lukashenko');
    const today = new Date().toISOString().slice(0, 10);
    const url = session().server.url('/notes-article.html');

    const csl = await download(dash, 'CSL-JSON');
    expect(csl.name).toMatch(/^backstory-references-\d{4}-\d{2}-\d{2}\.json$/);
    const items = readCsl(csl.text);
    expect(items).toHaveLength(2);
    const [pageItem, entityItem] = items;
    expect(pageItem).toMatchObject({
      type: 'webpage',
      title: 'Belarus frees 52 prisoners as US eases sanctions',
      'container-title': '127.0.0.1',
      URL: url,
      accessed: { 'date-parts': [today.split('-').map(Number)] },
      keyword: 'prisoners, to check',
    });
    expect(pageItem!.note).toBe(
      `“${passage}”\n\nFreed after four years.\nCheck: forced to leave?\n\nPassage: ${url}#:~:text=the%20Nobel%20Peace%20Prize%20laureate%20Ales%20Bialiatski`,
    );
    expect(entityItem).toMatchObject({
      type: 'entry-encyclopedia',
      title: 'Alexander Lukashenko',
      'container-title': 'Backstory knowledge base',
      accessed: { 'date-parts': [today.split('-').map(Number)] },
    });
    expect(String(entityItem!.URL)).toMatch(/^https:\/\//);
    expect(String(entityItem!.abstract)).toContain('Belarus');

    const ris = await download(dash, 'RIS');
    expect(ris.name).toMatch(/^backstory-references-\d{4}-\d{2}-\d{2}\.ris$/);
    expect(ris.text.startsWith('TY  - ELEC\r\n')).toBe(true);
    const { items: risItems, records } = readRis(ris.text);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      TY: 'ELEC',
      TI: 'Belarus frees 52 prisoners as US eases sanctions',
      T2: '127.0.0.1',
      UR: url,
      Y2: today.replaceAll('-', '/'),
      KW: ['prisoners', 'to check'],
      N1: `<p>“${passage}”</p><p>Freed after four years.<br>Check: forced to leave?</p><p>Passage: ${url}#:~:text=the%20Nobel%20Peace%20Prize%20laureate%20Ales%20Bialiatski</p>`,
    });
    expect(records[1]).toMatchObject({
      TY: 'ENCYC',
      TI: 'Alexander Lukashenko',
      T2: 'Backstory knowledge base',
      Y2: today.replaceAll('-', '/'),
    });
    expect(risItems.map((i) => i.type)).toEqual(['webpage', 'entry-encyclopedia']);
    await screenshot(dash, 'notes-export-references');
  });
});

describe('passage links', () => {
  it('a short passage the page repeats opens the page scrolled to the occurrence the note is on', async () => {
    const filler = Array.from(
      { length: 120 },
      (_, i) => `<p>Paragraph ${i} of the court report, about the weather in Minsk and nothing else that matters here.</p>`,
    );
    filler.splice(3, 0, '<p id="early">Early on, the court in Homel adjourned the hearing without a word.</p>');
    filler.push('<p id="late">Months later, the court in Homel sentenced the activist to six years.</p>', '<p>The end.</p>');
    session().server.route('/long-report.html', (_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(`<!doctype html><html lang="en"><head><title>Court report</title></head><body>${filler.join('\n')}</body></html>`);
    });
    const page = await session().open('/long-report.html', { marked: false });
    const { editor } = await addNoteOn(session(), page, 'court in Homel', 'The sentence.', '', '#late');
    await editor.close();
    const dash = await openNotesDashboard(session());
    await dash.locator('.list-count[data-count="1"]').waitFor();
    const markdown = await download(dash, 'Markdown');
    const link = /\[Go to passage\]\(<([^>]+)>\)/.exec(markdown.text)?.[1];
    expect(link).toBe(
      `${session().server.url('/long-report.html')}#:~:text=later%2C%20the-,court%20in%20Homel,-sentenced%20the%20activist`,
    );

    // Opened as a reader would open the link: the browser scrolls to the passage in the late paragraph.
    const reader = await session().context.newPage();
    await reader.goto(link!);
    await reader.waitForFunction(() => scrollY > 1000, undefined, { timeout: 5000 });
    const inView = await reader.evaluate(() => {
      const rect = (id: string) => document.getElementById(id)!.getBoundingClientRect();
      return { late: rect('late').top >= 0 && rect('late').bottom <= innerHeight, early: rect('early').bottom > 0 };
    });
    expect(inView).toEqual({ late: true, early: false });
    await screenshot(reader, 'text-fragment-opened');
  });
});

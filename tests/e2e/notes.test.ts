/**
 * The researcher's workbench in Chromium: pins, passage notes anchored to the page, the dashboard,
 * export and import, many tabs at once, and a hostile page that must never see a note's text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PAGES_DIR, screenshot, sendFromPage, useSession } from './harness';
import { addNoteOn, dashboardTabs, notedPassages, openNotesDashboard, waitForNoted } from './notes-helpers';

const session = useSession();

const openDashboard = (hash = '') => openNotesDashboard(session(), hash);
const addNote = (page: Page, passage: string, text: string, tags = '') => addNoteOn(session(), page, passage, text, tags);

/** Clears everything Backstory stored, between tests. */
async function clearStorage(): Promise<void> {
  await session().serviceWorker.evaluate(() => chrome.storage.local.clear());
}

async function storedNotes(): Promise<{ id: string; body: { text: string } }[]> {
  return session().serviceWorker.evaluate(async () => {
    const all = await chrome.storage.local.get(null);
    return Object.entries(all)
      .filter(([k]) => k.startsWith('note:'))
      .map(([, v]) => (v as { note: { id: string; body: { text: string } } }).note);
  });
}

afterEach(async () => {
  for (const page of session().context.pages())
    if (!page.isClosed() && page.url() !== 'about:blank') await page.close().catch(() => undefined);
  await clearStorage();
});

describe('pins', () => {
  it('pins and unpins an entity from the dashboard, and shows its card', async () => {
    const dash = await openDashboard();
    await dash.getByLabel('Entity to pin').selectOption('ales-bialiatski');
    await dash.getByRole('button', { name: 'Pin', exact: true }).click();
    await dash.locator('[data-pin="ales-bialiatski"]').waitFor();
    await dash.getByLabel('Entity to pin').selectOption('viasna');
    await dash.getByRole('button', { name: 'Pin', exact: true }).click();
    await dash.locator('[data-pin="viasna"]').waitFor();
    expect(await sendFromPage<string[]>(dash, 'getPins')).toEqual(['ales-bialiatski', 'viasna']);

    // A pinned entity shows its card.
    await dash.locator('[data-pin="ales-bialiatski"] .pin').click();
    await dash.locator('.card-host .card').waitFor();
    expect(await dash.locator('.card-host .card-title').textContent()).toBe('Ales Bialiatski');
    await screenshot(dash, 'notes-dashboard-pinned-card');

    // Unpin from the list, and from the card's panel.
    await dash.getByRole('button', { name: 'Unpin Viasna' }).click();
    await dash.locator('[data-pin="viasna"]').waitFor({ state: 'detached' });
    await dash.locator('.entity-panel').getByRole('button', { name: 'Unpin' }).click();
    await dash.locator('[data-pin="ales-bialiatski"]').waitFor({ state: 'detached' });
    expect(await sendFromPage<string[]>(dash, 'getPins')).toEqual([]);
  });

  it('pin changes from another page (a card, the popup) show at once, through storage', async () => {
    const dash = await openDashboard();
    const other = await openDashboard();
    await sendFromPage(other, 'pinEntity', 'alexander-lukashenko');
    await dash.locator('[data-pin="alexander-lukashenko"]').waitFor();
    await sendFromPage(other, 'unpinEntity', 'alexander-lukashenko');
    await dash.locator('[data-pin="alexander-lukashenko"]').waitFor({ state: 'detached' });
  });
});

describe('passage notes', () => {
  it('adds a note on a selected passage; the page marks it, also after a reload', async () => {
    const page = await session().open('/notes-article.html?utm_source=newsletter');
    const passage = 'the Nobel Peace Prize laureate Ales Bialiatski, the founder of the human rights centre Viasna';
    const { id, editor } = await addNote(page, passage, 'Check the release date against Viasna’s list.', 'prisoners, to check');
    const [note] = await storedNotes();
    expect(note!.id).toBe(id);
    expect(id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    const stored = (await session().serviceWorker.evaluate((key) => chrome.storage.local.get(key), `note:${id}`))[`note:${id}`] as {
      note: {
        target: { source: string; selector: { exact?: string; prefix?: string; start?: number }[] };
        entities: string[];
        body: { tags: string[] };
      };
    };
    expect(stored.note.target.source).toBe(`${session().server.origin}/notes-article.html`);
    expect(stored.note.target.selector[0]!.exact).toBe(passage);
    expect(stored.note.target.selector[0]!.prefix).toHaveLength(32);
    expect(stored.note.entities).toEqual(expect.arrayContaining(['ales-bialiatski', 'viasna']));
    expect(stored.note.body.tags).toEqual(['prisoners', 'to check']);

    // The open page marks it at once; a reload marks it again.
    expect(await waitForNoted(page, 1)).toEqual([passage]);
    await page.reload();
    expect(await waitForNoted(page, 1)).toEqual([passage]);
    await page.evaluate(() => getSelection()?.removeAllRanges());
    await screenshot(page, 'notes-page-marked');

    await editor.reload();
    await editor.locator('textarea').waitFor();
    expect(await editor.locator('textarea').inputValue()).toBe('Check the release date against Viasna’s list.');
    await screenshot(editor, 'notes-dashboard-note');
  });

  it('re-anchors after the page was edited a little, and reports a passage that is gone as orphaned', async () => {
    let version = 'notes-article.html';
    session().server.route('/live-article.html', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(join(PAGES_DIR, version)));
    });
    const page = await session().open('/live-article.html');
    const edited = 'Among those freed was the Nobel Peace Prize laureate Ales Bialiatski, the founder of the human rights centre Viasna';
    const gone = 'new arrests continue every week';
    const { id: editedId, editor } = await addNote(page, edited, 'A note on the freed laureate');
    const { id: goneId } = await addNote(page, gone, 'A note on arrests');
    await editor.close();
    expect(await waitForNoted(page, 2)).toEqual([edited, gone].sort());

    version = 'notes-article-v2.html';
    await page.reload();
    const [found] = await waitForNoted(page, 1);
    expect(found).toBe('Among those released was Nobel Peace Prize laureate Ales Bialiatski, founder of the human rights centre Viasna');
    const dash = await openDashboard();
    await dash.waitForFunction(() => document.querySelectorAll('.badge-warn').length === 1, undefined, { timeout: 8000 });
    const anchors = await session().serviceWorker.evaluate(
      async (keys) => chrome.storage.local.get(keys),
      [`anchor:${editedId}`, `anchor:${goneId}`],
    );
    expect(anchors[`anchor:${editedId}`]).toMatchObject({ status: 'anchored', method: 'fuzzy' });
    expect(anchors[`anchor:${goneId}`]).toMatchObject({ status: 'orphaned' });
    // The orphaned note is kept and shown as such, in plain words.
    expect(await dash.locator('.note-row', { hasText: 'A note on arrests' }).locator('.badge-warn').textContent()).toBe(
      'passage not found',
    );
    await dash.getByLabel('Show').selectOption('orphaned');
    await dash.locator('.list-count[data-count="1"]').waitFor();
  });

  it('marks a passage whose text arrives after load', async () => {
    const dash = await openDashboard();
    const url = `${session().server.origin}/notes-late.html`;
    const draft = await sendFromPage<{ id: string }>(dash, 'newDraft', {
      passage: {
        url,
        title: 'Late',
        exact: 'keeps counting political prisoners in Belarus',
        prefix: 'The human rights centre Viasna ',
        suffix: ' despite the arrest',
        start: 40,
        end: 86,
        entities: ['viasna'],
      },
    });
    expect(
      (await sendFromPage<{ ok: boolean }>(dash, 'saveNote', { draftId: draft.id, body: { text: 'late', format: 'text/plain', tags: [] } }))
        .ok,
    ).toBe(true);
    const page = await session().open('/notes-late.html', { marked: false });
    expect(await notedPassages(page)).toEqual([]);
    expect(await waitForNoted(page, 1)).toEqual(['keeps counting political prisoners in Belarus']);
  });

  it('opens the page at a passage from the dashboard, and the note from the passage', async () => {
    const page = await session().open('/notes-article.html');
    const passage = 'eased sanctions on Belavia, the national airline';
    const { id, editor } = await addNote(page, passage, 'Sanctions relief');
    await page.close();

    // The page is not open: a new tab opens, scrolled to the passage, which flashes.
    const reopened = session().context.waitForEvent('page', { predicate: (p) => p.url().includes('notes-article.html'), timeout: 8000 });
    await editor.getByRole('button', { name: 'Open the page at this passage' }).click();
    const article = await reopened;
    await article.waitForFunction(() => (CSS.highlights.get('backstory-note-focus')?.size ?? 0) === 1, undefined, { timeout: 8000 });
    expect(await waitForNoted(article, 1)).toEqual([passage]);

    // On the page, "Open note" on the passage shows the note in the side panel (the text is never in the page).
    const box = await article.evaluate((passage) => {
      const range = [...(CSS.highlights.get('backstory-note') as unknown as Iterable<Range>)].find((r) => r.toString() === passage)!;
      const rect = range.getClientRects()[0]!;
      return { x: rect.left + 20, y: rect.top + rect.height / 2 };
    }, passage);
    await article.mouse.move(box.x - 40, box.y + 60);
    await article.mouse.move(box.x, box.y, { steps: 4 });
    await article.waitForFunction(() => !!document.querySelector('backstory-note-bar:not([hidden])'));
    await screenshot(article, 'notes-open-note-bar');
    const bar = await article.locator('backstory-note-bar').boundingBox();
    await article.mouse.move(bar!.x + 20, bar!.y + bar!.height / 2, { steps: 3 });
    await article.mouse.click(bar!.x + 20, bar!.y + bar!.height / 2);
    // (Read from the background: a CDP connection to find the panel's page would take over this file's downloads.)
    const panelUrl = () =>
      session().serviceWorker.evaluate(async () => {
        const [panel] = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.SIDE_PANEL] });
        return panel?.documentUrl ?? '';
      });
    await expect.poll(panelUrl, { timeout: 8000 }).toContain('#note=');
    expect(decodeURIComponent((await panelUrl()).split('#note=')[1]!)).toBe(id);

    // The keyboard path: the add-note command with the caret inside a marked passage opens its note
    // (without a gesture, in the one dashboard tab, which comes to the front).
    await article.evaluate((passage) => {
      const range = [...(CSS.highlights.get('backstory-note') as unknown as Iterable<Range>)].find((r) => r.toString() === passage)!;
      getSelection()!.collapse(range.startContainer, range.startOffset + 5);
    }, passage);
    await editor.evaluate(() => history.replaceState(null, '', location.pathname));
    await article.bringToFront();
    expect(await sendFromPage<boolean>(editor, 'noteSelection')).toBe(true);
    await editor.waitForURL(/#note=/);
    expect(decodeURIComponent(editor.url().split('#note=')[1]!)).toBe(id);
    expect(dashboardTabs(session())).toHaveLength(1);
  });
});

describe('the store under load', () => {
  it('two tabs adding 50 notes each at once keep all 100', async () => {
    const [a, b] = [await openDashboard(), await openDashboard()];
    const addFifty = (page: Page, tab: string) =>
      page.evaluate(async (tab) => {
        const call = async (type: string, data: unknown) =>
          (
            (await chrome.runtime.sendMessage({ id: Math.random(), type, data, timestamp: Date.now() })) as {
              res: { id: string; ok?: boolean };
            }
          ).res;
        return Promise.all(
          Array.from({ length: 50 }, async (_, i) => {
            const draft = await call('newDraft', {
              passage: {
                url: `https://news.example/${tab}`,
                title: tab,
                exact: `passage ${i} of ${tab}`,
                prefix: '',
                suffix: '',
                start: i * 50,
                end: i * 50 + 20,
                entities: [],
              },
            });
            return (await call('saveNote', { draftId: draft.id, body: { text: `${tab} ${i}`, format: 'text/plain', tags: [] } })).ok;
          }),
        );
      }, tab);
    const results = await Promise.all([addFifty(a, 'left'), addFifty(b, 'right')]);
    expect(results.flat().every(Boolean)).toBe(true);
    const notes = await storedNotes();
    expect(notes).toHaveLength(100);
    expect(new Set(notes.map((n) => n.body.text)).size).toBe(100);
    // Both dashboards followed every write.
    await a.locator('.list-count[data-count="100"]').waitFor();
    await b.locator('.list-count[data-count="100"]').waitFor();
    await a.getByLabel('Search notes').fill('LEFT 17');
    await a.locator('.list-count[data-count="1"]').waitFor();
    expect(await a.locator('.note-row').first().textContent()).toContain('left 17');
  });
});

describe('export and import', () => {
  it('exports JSON-LD, Markdown and CSV, and imports the JSON-LD back after a dry run', async () => {
    const page = await session().open('/notes-article.html');
    const { editor } = await addNote(
      page,
      'Sviatlana Tsikhanouskaya, the exiled opposition leader',
      'Her reaction, **in her words**.',
      'reactions',
    );
    await addNote(page, 'more than 1,100 political prisoners remain behind bars', 'The number to track.');
    await editor.close();
    const dash = await openDashboard();
    await dash.locator('.list-count[data-count="2"]').waitFor();
    await dash.locator('.note-row').first().click();
    await screenshot(dash, 'notes-dashboard');
    await dash.emulateMedia({ colorScheme: 'dark' });
    await screenshot(dash, 'notes-dashboard-dark');
    await dash.emulateMedia({ colorScheme: 'light' });
    // As the side panel shows it: one column, the note replacing the list.
    await dash.setViewportSize({ width: 400, height: 800 });
    await screenshot(dash, 'notes-side-panel-note');
    await dash.getByRole('button', { name: '← All notes' }).click();
    await screenshot(dash, 'notes-side-panel-list');
    await dash.setViewportSize({ width: 1280, height: 800 });

    const download = async (name: string) => {
      const [file] = await Promise.all([dash.waitForEvent('download'), dash.getByRole('button', { name, exact: true }).click()]);
      const path = join('test-output', file.suggestedFilename());
      await file.saveAs(path);
      return { name: file.suggestedFilename(), path, text: readFileSync(path, 'utf8') };
    };
    const jsonld = await download('JSON-LD');
    expect(jsonld.name).toMatch(/^backstory-notes-\d{4}-\d{2}-\d{2}\.jsonld$/);
    const collection = JSON.parse(jsonld.text);
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.first.items).toHaveLength(2);
    const markdown = await download('Markdown');
    expect(markdown.text).toContain('## [Belarus frees 52 prisoners as US eases sanctions]');
    expect(markdown.text).toContain('> Sviatlana Tsikhanouskaya, the exiled opposition leader');
    const csv = await download('CSV');
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(3);

    // Delete one note (the dashboard offers undo; we let it go), then import the export again.
    await dash.locator('.note-row', { hasText: 'Her reaction' }).click();
    await dash.getByRole('button', { name: 'Delete' }).click();
    await dash.locator('.toast').getByRole('button', { name: 'Undo' }).waitFor();
    await dash.locator('.list-count[data-count="1"]').waitFor();

    await dash.getByLabel('Import notes').setInputFiles(jsonld.path);
    const dialog = dash.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Import 1 note' }).waitFor();
    expect(await dialog.locator('[data-count="new"]').textContent()).toBe('1');
    expect(await dialog.locator('[data-count="unchanged"]').textContent()).toBe('1');
    expect(await dialog.locator('[data-count="rejected"]').textContent()).toBe('0');
    expect(await storedNotes()).toHaveLength(1); // the dry run changed nothing
    await screenshot(dash, 'notes-import-dry-run');
    await dialog.getByRole('button', { name: 'Import 1 note' }).click();
    await dialog.getByText('Imported.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dash.locator('.list-count[data-count="2"]').waitFor();
    expect((await storedNotes()).map((n) => n.body.text).sort()).toEqual(['Her reaction, **in her words**.', 'The number to track.']);

    // A hostile file changes nothing and says why.
    const hostile = join('test-output', 'hostile-import.jsonld');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(hostile, JSON.stringify({ type: 'AnnotationCollection', first: 'https://evil.example/page?steal=1' }));
    await dash.getByLabel('Import notes').setInputFiles(hostile);
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByRole('alert').textContent()).toMatch(/Nothing was imported.*no network requests/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await storedNotes()).toHaveLength(2);
  });

  it('deletes a note with undo', async () => {
    const dash = await openDashboard();
    const draft = await sendFromPage<{ id: string }>(dash, 'newDraft', { entity: 'viasna' });
    await sendFromPage(dash, 'saveNote', { draftId: draft.id, body: { text: 'Keep me', format: 'text/plain', tags: [] } });
    await dash.locator('.note-row', { hasText: 'Keep me' }).click();
    await dash.getByRole('button', { name: 'Delete' }).click();
    await dash
      .locator('.list-count[data-count="0"]')
      .waitFor({ state: 'attached' })
      .catch(() => undefined);
    expect(await storedNotes()).toHaveLength(0);
    await dash.locator('.toast').getByRole('button', { name: 'Undo' }).click();
    await dash.locator('.note-row', { hasText: 'Keep me' }).waitFor();
    expect((await storedNotes()).map((n) => n.body.text)).toEqual(['Keep me']);
  });
});

describe('privacy', () => {
  it('a hostile page that searches its DOM, shadow roots included, never finds the note text', async () => {
    const secret = 'TOP-SECRET-NOTE 7f3a: source inside the ministry';
    const page = await session().open('/notes-hostile.html');
    const { editor } = await addNote(page, 'met European ministers in Vilnius on Monday', secret);
    expect(await waitForNoted(page, 1)).toEqual(['met European ministers in Vilnius on Monday']);
    // Hover the passage so that "Open note" shows, as a reader would.
    const box = await page.evaluate(() => {
      const range = [...(CSS.highlights.get('backstory-note') as unknown as Iterable<Range>)][0]!;
      const rect = range.getClientRects()[0]!;
      return { x: rect.left + 10, y: rect.top + rect.height / 2 };
    });
    await page.mouse.move(box.x, box.y + 80);
    await page.mouse.move(box.x, box.y, { steps: 4 });
    await page.waitForFunction(() => !!document.querySelector('backstory-note-bar:not([hidden])'));
    await editor.locator('textarea').fill(`${secret} (edited)`);
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await editor.locator('.save-status', { hasText: 'Saved' }).waitFor();
    expect(await editor.getByRole('alert').count()).toBe(0);
    await page.reload();
    await waitForNoted(page, 1);
    expect(await page.evaluate((s) => (window as unknown as { __search(s: string): boolean }).__search(s), 'TOP-SECRET')).toBe(false);
    expect(await page.evaluate((s) => (window as unknown as { __search(s: string): boolean }).__search(s), 'ministry')).toBe(false);
    // The page can see that a bar exists, but not into it (closed shadow root).
    expect(await page.evaluate(() => document.querySelector('backstory-note-bar')?.shadowRoot ?? null)).toBeNull();
  });
});

/**
 * Privacy: Backstory makes no network requests. A whole session of use — pages marked, cards hovered,
 * the popup and its search, the notes dashboard, the keyboard command — is recorded request by request
 * in every context (pages and their content scripts, frames, the service worker, the popup, the
 * dashboard), and nothing may go anywhere but the test's own page server (page loads) and the
 * extension's own files. A canary request from the service worker proves the recorder sees it.
 */
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hoverText, sendFromContentScript, useSession, waitForCard, waitForMarks } from './harness';

const session = useSession();

interface Recorded {
  url: string;
  type: string;
  /** The page or frame that made it, or "worker" for the service worker. */
  from: string;
}

function recordFrom(requests: Recorded[]) {
  return (request: Request) => {
    let from = 'worker';
    try {
      from = request.frame().url();
    } catch {
      // Requests of a service worker have no frame.
    }
    requests.push({ url: request.url(), type: request.resourceType(), from });
  };
}

describe('a full session of use', () => {
  it('makes no request to anywhere but the page server (page loads) and the extension itself', async () => {
    const s = session();
    const requests: Recorded[] = [];
    const record = recordFrom(requests);
    s.context.on('request', record);
    const extensionOrigin = `chrome-extension://${s.extensionId}`;

    // Reading: a news article, hovering names, the card and its related entities.
    const article = await s.open('/demo-article.html');
    await hoverText(article, 'Lukashenko');
    await waitForCard(article, 'alexander-lukashenko');
    await article.keyboard.press('Escape');
    await hoverText(article, 'Tsikhanouskaya');
    await waitForCard(article);
    await article.mouse.move(1, 1);

    // A page with frames, shadow roots and late content.
    const detection = await s.open('/detection.html');
    await detection.click('#load-more');
    await hoverText(detection, 'Bialiatski');
    await waitForCard(detection);

    // The keyboard command (next mention, with its card).
    await article.bringToFront();
    await s.serviceWorker.evaluate(() =>
      (globalThis as unknown as { backstoryCommands: Record<string, () => Promise<boolean>> }).backstoryCommands['next-mention']!(),
    );
    await waitForCard(article);

    // The popup: the real one (recorded from when it is found) and the same page in a tab (recorded from its first request).
    const popup = await s.openPopup(article);
    popup.on('request', record);
    const search = popup.getByRole('searchbox', { name: 'Search the knowledge base' });
    await search.fill('Лукашенко');
    await popup.locator('[data-result-entity="alexander-lukashenko"] button').click();
    await popup.getByRole('heading', { name: 'Alexander Lukashenko', level: 2 }).waitFor();
    await popup.close();
    const popupTab = await s.context.newPage();
    await popupTab.goto(`${extensionOrigin}/popup.html`);
    const tabSearch = popupTab.getByRole('searchbox', { name: 'Search the knowledge base' });
    await tabSearch.fill('Viasna');
    await popupTab.locator('[data-result-entity="viasna"]').waitFor();

    // The notes dashboard: pin an entity and show its card.
    const dash: Page = await s.context.newPage();
    await dash.goto(`${extensionOrigin}/notes.html`);
    await dash.locator('.notes-app').waitFor();
    await dash.getByLabel('Entity to pin').selectOption('ales-bialiatski');
    await dash.getByRole('button', { name: 'Pin', exact: true }).click();
    await dash.locator('[data-pin="ales-bialiatski"] .pin').click();
    await dash.locator('.card-host .card').waitFor();

    // Let anything lazy (timers, idle work) happen while the recorder is still on.
    await article.waitForTimeout(1500);

    const outside = requests.filter((r) => {
      if (r.url.startsWith(`${extensionOrigin}/`)) return false;
      if (r.url.startsWith(`${s.server.origin}/`)) {
        // Page loads only: no part of Backstory asks the page server for anything either.
        return r.type !== 'document' || r.from === 'worker' || r.from.startsWith('chrome-extension:');
      }
      return true;
    });
    expect(outside).toEqual([]);
    // The session really happened and was recorded.
    expect(requests.some((r) => r.url.endsWith('/demo-article.html'))).toBe(true);
    expect(requests.some((r) => r.url.startsWith(`${extensionOrigin}/notes.html`))).toBe(true);

    // The recorder is not blind to the service worker: a request from it would have failed this test.
    const canary = 'https://backstory-canary.invalid/ping';
    await s.serviceWorker.evaluate((url) => fetch(url).catch(() => undefined), canary);
    await expect.poll(() => requests.some((r) => r.url === canary && r.from === 'worker')).toBe(true);
    s.context.off('request', record);
    for (const page of [article, detection, popupTab, dash]) await page.close();
  });
});

describe('what a content script may ask (the sender policy)', () => {
  it('from the content script of a page: pins and cards yes; note text, drafts, exports and imports no', async () => {
    const s = session();
    const page = await s.open('/demo-article.html');
    const ask = (type: string, data?: unknown) => sendFromContentScript(page, s.extensionId, type, data);

    expect((await ask('getEntityCard', 'viasna')).res).toMatchObject({ entity: { id: 'viasna' } });
    expect((await ask('pinEntity', 'viasna')).res).toContain('viasna');
    expect((await ask('unpinEntity', 'viasna')).res).not.toContain('viasna');
    for (const [type, data] of [
      ['saveNote', { body: { text: 'written by a page', format: 'text/plain', tags: [] } }],
      ['exportNotes', 'jsonld'],
      ['getDraft', 'any'],
      ['importNotes', { text: '[]', dryRun: false }],
      ['deleteNote', 'any'],
      ['getDiagnostics', undefined],
    ] as const) {
      const answer = await ask(type, data);
      expect(answer.res, type).toBeUndefined();
      expect(answer.err?.message, type).toBe(`"${type}" does not take messages from a content script`);
    }
    await page.close();
  });
});

describe('an image that fails to load', () => {
  it('is only ever requested by the page itself (its HTML and the preload scanner), never by Backstory', async () => {
    const s = session();
    let served = 0;
    s.server.route('/missing-photo.jpg', (_req, res) => {
      served++;
      res.writeHead(404).end();
    });
    const page = await s.context.newPage();
    const cdp = await s.context.newCDPSession(page);
    const initiators: string[] = [];
    cdp.on('Network.requestWillBeSent', ({ request, initiator }) => {
      if (request.url.endsWith('/missing-photo.jpg')) initiators.push(initiator.type);
    });
    await cdp.send('Network.enable');
    await page.goto(s.server.url('/broken-image.html'));
    await waitForMarks(page);
    // Read the page as a reader would: hover a name, open its card.
    await hoverText(page, 'Bialiatski');
    await waitForCard(page, 'ales-bialiatski');
    expect(served).toBeGreaterThan(0);
    expect(initiators.length).toBe(served);
    // Chrome may ask twice when a content script is loaded at all (an empty extension does the same):
    // the preload scanner's failed fetch is not reused by the parser. Neither request is a script's.
    expect(initiators.every((type) => type === 'parser' || type === 'preload')).toBe(true);
    await cdp.detach();
    await page.close();
  });
});

/**
 * Firefox smoke test: the Firefox build in the system's Firefox ESR, driven over WebDriver BiDi
 * (scripts/firefox.ts). A reader's first minute: names light up, hovering one opens its card, the
 * popup works; and nothing goes wrong on the way: no error, no request but the test page's.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchFirefox, type FirefoxTab, type LaunchedFirefox } from '../../scripts/firefox';
import { startPageServer, type PageServer } from '../../scripts/page-server';
import { OUTPUT_DIR, PAGES_DIR } from './harness';

let firefox: LaunchedFirefox;
let server: PageServer;
/** What BiDi reports of the tabs: errors logged by pages and content scripts, and their requests. */
const logErrors: string[] = [];
const tabRequests: string[] = [];

beforeAll(async () => {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  server = await startPageServer(PAGES_DIR);
  // Firefox asks before it gives an add-on access back; a test cannot answer, so it gives it at once.
  firefox = await launchFirefox({ prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
  firefox.bidi.onEvent(({ method, params }) => {
    const where = params.stackTrace?.callFrames?.[0]?.url ?? params.type;
    if (method === 'log.entryAdded' && params.level === 'error') logErrors.push(`${params.text} (${where})`);
    if (method === 'network.beforeRequestSent') tabRequests.push(params.request.url);
  });
  await firefox.bidi.send('session.subscribe', { events: ['log.entryAdded', 'network.beforeRequestSent'] });
});

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

// These run in the page, sent as source: each is self-contained.

/** Ranges in Backstory's highlights, if there are at least `min` of them. */
function marksAtLeast(min: number): number | null {
  let count = 0;
  for (const [name, highlight] of CSS.highlights) if (name.startsWith('backstory-')) count += highlight.size;
  return count >= min ? count : null;
}

/** Viewport centre of the `occurrence`-th appearance of `text`, scrolled into view. */
function centreOfText(text: string, occurrence: number): { x: number; y: number } | null {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let at = (node as Text).data.indexOf(text); at >= 0; at = (node as Text).data.indexOf(text, at + 1)) {
      if (seen++ < occurrence) continue;
      node.parentElement!.scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      const rect = range.getClientRects()[0]!;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
  }
  return null;
}

/** The visible text of the card, once its host shows `entity`. */
function cardText(entity: string): string | null {
  const host = document.querySelector('backstory-card');
  if (host?.getAttribute('data-entity') !== entity) return null;
  return (host.shadowRoot?.querySelector('.card') as HTMLElement | null)?.innerText || null;
}

/** The popup's master switch, once the popup lists `entity` among the page's mentions. */
function popupState(entity: string): { master: string | null } | null {
  if (!document.querySelector(`[data-entity="${entity}"]`)) return null;
  const master = [...document.querySelectorAll('[role="switch"]')].find(
    (s) => document.getElementById(s.getAttribute('aria-labelledby') ?? '')?.textContent === 'Backstory',
  );
  return { master: master ? master.getAttribute('aria-checked') : null };
}

/** The demo article in the first tab, once Backstory has marked more than 20 mentions. */
async function openDemoArticle(): Promise<FirefoxTab> {
  await firefox.tab.navigate(server.url('/demo-article.html'));
  await firefox.tab.waitFor(marksAtLeast, 21);
  return firefox.tab;
}

it('marks the names the demo article mentions', async () => {
  const page = await openDemoArticle();
  expect(await page.evaluate(marksAtLeast, 0)).toBeGreaterThan(20);
});

it('hovering "Lukashenko" opens his card', async () => {
  const page = await openDemoArticle();
  const word = await page.evaluate(centreOfText, 'Lukashenko', 1);
  expect(word).not.toBeNull();
  await page.movePointer([{ x: word!.x - 30, y: word!.y + 40 }, word!]);
  expect(await page.waitFor(cardText, 'alexander-lukashenko')).toMatch(/Lukashenko/);
  await page.screenshot(join(OUTPUT_DIR, 'firefox-card.png'));
  // "Pin" on the card: the background stores the pin, and the card shows "Unpin".
  await page.click((await page.waitFor(cardButtonCentre, 'Pin'))!);
  expect(await page.waitFor(cardButtonCentre, 'Unpin')).toBeTruthy();
});

/** Centre of the card's button named `label`, or null. */
function cardButtonCentre(label: string): { x: number; y: number } | null {
  const buttons = document.querySelector('backstory-card')?.shadowRoot?.querySelectorAll('button') ?? [];
  const button = [...buttons].find((b) => b.textContent?.trim() === label);
  if (!button) return null;
  const rect = button.getBoundingClientRect();
  return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
}

it('the popup shows its switches and what the page mentions', async () => {
  await openDemoArticle();
  // In a background tab, so that the article stays the active tab, which the popup reports on.
  const popup = await firefox.newTab(`moz-extension://${firefox.extensionUuid}/popup.html`, { background: true });
  expect(await popup.waitFor(popupState, 'alexander-lukashenko')).toEqual({ master: 'true' });
  await popup.screenshot(join(OUTPUT_DIR, 'firefox-popup.png'));
  await popup.close();
});

/** The notes dashboard's list status, once it has read the stored notes. */
function notesListed(): string | null {
  const count = document.querySelector('.list-count');
  return count && !count.textContent?.includes('reading') ? (document.querySelector('main')?.textContent ?? '') : null;
}

it('the notes dashboard opens: no notes yet, and the entity pinned from the card', async () => {
  const dashboard = await firefox.newTab(`moz-extension://${firefox.extensionUuid}/notes.html`, { background: true });
  expect(await dashboard.waitFor(notesListed)).toContain('No notes yet');
  expect(await dashboard.waitFor(pinnedNames)).toEqual(['Alexander Lukashenko']);
  await dashboard.close();
});

/** The names in the dashboard's pinned list, once there is one. */
function pinnedNames(): string[] | null {
  const names = [...document.querySelectorAll('[data-pin] .pin')].map((b) => b.textContent?.trim() ?? '');
  return names.length > 0 ? names : null;
}

/** Centre of the first button whose text is `label`, or null. */
function buttonCentre(label: string): { x: number; y: number } | null {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
  if (!button) return null;
  const rect = button.getBoundingClientRect();
  return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
}

/** The extension's own API in one of its pages (the page world of moz-extension:// pages is the extension's). */
function removeAccessToWebsites(): Promise<boolean> {
  return (globalThis as unknown as { browser: { permissions: { remove(p: object): Promise<boolean> } } }).browser.permissions.remove({
    origins: ['<all_urls>'],
  });
}

it('when its access to websites is switched off, the popup says so, and "Allow access" brings the marks back without a reload', async () => {
  const page = await openDemoArticle();
  const popupUrl = `moz-extension://${firefox.extensionUuid}/popup.html`;
  const extensionPage = await firefox.newTab(popupUrl, { background: true });
  // What the add-on's "Access your data for all websites" switch does.
  expect(await extensionPage.evaluate(removeAccessToWebsites)).toBe(true);
  await page.navigate(server.url('/demo-article.html'));
  await new Promise((r) => setTimeout(r, 1500));
  expect(await page.evaluate(marksAtLeast, 0)).toBe(0);

  await extensionPage.navigate(popupUrl);
  const allow = await extensionPage.waitFor(buttonCentre, 'Allow access to websites');
  await extensionPage.screenshot(join(OUTPUT_DIR, 'firefox-popup-no-access.png'));
  await extensionPage.activate();
  await extensionPage.click(allow);
  // Access is back, and the open article is marked again without being reloaded.
  await firefox.tab.activate();
  expect(await page.waitFor(marksAtLeast, 21)).toBeGreaterThan(20);
  await extensionPage.close();
});

it('logs no error and requests nothing but the test page', async () => {
  const { requests, errors } = await firefox.activity();
  const fromPageServer = (url: string) => url.startsWith(`${server.origin}/`);
  // The recorder is alive: it saw the test pages load (an empty record would prove nothing).
  expect(requests.filter((r) => fromPageServer(r.url)).length).toBeGreaterThan(0);
  // BiDi sees the tabs (pages, content scripts); the browser-wide record also the background and the popup.
  expect({
    logErrors,
    tabRequests: tabRequests.filter((url) => !fromPageServer(url)),
    // Firefox's own requests (its system principal: update checks, media plug-ins) are the browser's; the
    // add-on's carry its id, and a content script's the page's origin, so those still fail the test.
    requests: requests.filter((r) => r.by !== 'firefox' && (!fromPageServer(r.url) || r.by === `extension ${firefox.extensionId}`)),
    errors: errors.filter((e) => isBackstorysOrThePages(e) && !isLateAnswerNotice(e)),
  }).toEqual({ logErrors: [], tabRequests: [], requests: [], errors: [] });
});

/**
 * Tells Backstory's errors (and the test page's) from the browser's own by where they come from, so that
 * a Firefox update that brings a new internal notice cannot fail the test, and any error of Backstory's
 * still does: a script of the add-on's or of the page server threw, or, with no script named (a
 * console.error() call), the document is the add-on's or the test page. Firefox's own modules
 * (resource://, chrome://) speak for the browser, whatever document they run for.
 */
function isBackstorysOrThePages({ source, page }: { source: string; page?: string }): boolean {
  const ours = (url: string | undefined) =>
    url !== undefined && (url.startsWith(`moz-extension://${firefox.extensionUuid}/`) || url.startsWith(`${server.origin}/`));
  if (/^(resource|chrome):/.test(source)) return false;
  return ours(source) || ours(page);
}

/**
 * The one Firefox notice filed under Backstory's own script: an answer to a call of the content script's
 * that arrives after its document went away or into the back-forward cache (Chrome drops those silently;
 * the test's own navigations cause it).
 */
function isLateAnswerNotice({ source, text }: { source: string; text: string }): boolean {
  return (
    source.startsWith(`moz-extension://${firefox.extensionUuid}/content-scripts/content.js:`) &&
    /^Promise (resolved|rejected) (after context unloaded|while context is inactive)/.test(text)
  );
}

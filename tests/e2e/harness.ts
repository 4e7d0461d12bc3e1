/**
 * The e2e harness: one Chromium with the built extension per test file, a page server for the
 * fixtures, and helpers that act as a person would (hover a word, read the card, open the popup).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { launchWithExtension, type LaunchedBrowser } from '../../scripts/launch';
import { startPageServer, type PageServer } from '../../scripts/page-server';

export const PAGES_DIR = resolve('tests/fixtures/pages');
export const OUTPUT_DIR = resolve('test-output');

export interface Session extends LaunchedBrowser {
  server: PageServer;
  /** Opens a fixture page and waits until Backstory has marked it. */
  open(path: string, options?: { marked?: boolean }): Promise<Page>;
  /** Opens the real popup (chrome.action.openPopup) for the front tab and returns it. */
  openPopup(page: Page): Promise<Page>;
  /**
   * The notes side panel (notes.html in the browser's side panel, not a tab), once something opened it.
   * Like the popup it is not one of the launched context's pages: it is found over CDP.
   */
  sidePanel(): Promise<Page>;
}

/** Starts a browser before the file's tests and closes it after. */
export function useSession(
  options: Pick<
    NonNullable<Parameters<typeof launchWithExtension>[0]>,
    'colorScheme' | 'loadMode' | 'extensionDir' | 'hasTouch' | 'zoom'
  > = {},
): () => Session {
  let session: Session | undefined;
  // A CDP connection sees only the popups open when it connects: each openPopup needs its own.
  const cdps: Browser[] = [];
  /** An extension page that is not one of the context's pages (popup, side panel), found over a new CDP connection. */
  async function findOverCdp(debuggingPort: number, wanted: (page: Page) => Promise<boolean>): Promise<Page | undefined> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const cdp = await chromium.connectOverCDP(`http://127.0.0.1:${debuggingPort}`);
      for (const page of cdp.contexts().flatMap((context) => context.pages())) {
        if (!(await wanted(page))) continue;
        cdps.push(cdp);
        // Not one of the launched context's pages: give it the session's colour scheme too.
        if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
        await page.waitForLoadState('domcontentloaded');
        return page;
      }
      await cdp.close().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
    return undefined;
  }
  beforeAll(async () => {
    const browser = await launchWithExtension(options);
    const findPage = (wanted: (page: Page) => Promise<boolean>) => findOverCdp(browser.debuggingPort, wanted);
    const server = await startPageServer(PAGES_DIR);
    session = {
      ...browser,
      server,
      async open(path, { marked = true } = {}) {
        const page = await browser.context.newPage();
        await page.goto(server.url(path));
        if (marked) await waitForMarks(page);
        return page;
      },
      async openPopup(page) {
        await page.bringToFront();
        await browser.serviceWorker.evaluate(() => chrome.action.openPopup());
        const popupUrl = `chrome-extension://${browser.extensionId}/popup.html`;
        const popup = await findPage(async (p) => p.url() === popupUrl);
        if (!popup) throw new Error('The popup did not open');
        return popup;
      },
      async sidePanel() {
        const notesUrl = `chrome-extension://${browser.extensionId}/notes.html`;
        // The panel marks itself once it knows it is not in a tab (lib/ext/notes-panel.ts, isInPanel).
        const inPanel = async (p: Page) =>
          p.url().startsWith(notesUrl) &&
          (await p.evaluate(() => document.documentElement.classList.contains('in-panel')).catch(() => false));
        const panel = await findPage(inPanel);
        if (!panel) throw new Error('The side panel did not open');
        return panel;
      },
    };
  });
  afterAll(async () => {
    for (const cdp of cdps) await cdp.close().catch(() => undefined);
    await session?.server.close();
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('The browser session has not started');
    return session;
  };
}

/** Records the page's uncaught errors and console errors (from the page and from Backstory's content script). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  return errors;
}

/** Waits until Backstory's highlights are registered in the page. */
export async function waitForMarks(page: Page, timeout = 10_000): Promise<void> {
  await page.waitForFunction(() => [...CSS.highlights.keys()].some((name) => name.startsWith('backstory-')), undefined, { timeout });
}

/** Number of ranges in Backstory's highlights. */
export async function markCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    let count = 0;
    for (const [name, highlight] of CSS.highlights) if (name.startsWith('backstory-')) count += highlight.size;
    return count;
  });
}

export interface Mark {
  /** The highlight it belongs to, e.g. backstory-person. */
  name: string;
  text: string;
}

/** Every mark Backstory has drawn in a page or frame, as text, in no particular order. */
export async function marks(target: Page | Frame): Promise<Mark[]> {
  return target.evaluate(() => {
    const out: { name: string; text: string }[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('backstory-')) continue;
      for (const r of highlight as unknown as Iterable<AbstractRange>) {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        out.push({ name, text: range.toString() });
      }
    }
    return out;
  });
}

export async function markedTexts(target: Page | Frame): Promise<string[]> {
  return (await marks(target)).map((m) => m.text).sort();
}

/** Viewport centre of the `occurrence`-th appearance of `text` in the page's (or a frame's) text. */
export async function pointOfText(target: Page | Frame, text: string, occurrence = 0): Promise<{ x: number; y: number }> {
  const point = await target.evaluate(
    ({ text, occurrence }) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const data = (node as Text).data;
        let at = data.indexOf(text);
        while (at >= 0) {
          if (seen++ === occurrence) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + text.length);
            (node.parentElement ?? document.body).scrollIntoView({ block: 'center' });
            // A paragraph taller than the window (zoomed in) can leave the word outside it: centre the word.
            const first = range.getClientRects()[0]!;
            if (first.top < 0 || first.bottom > innerHeight) scrollBy(0, first.top - innerHeight / 2);
            const rect = range.getClientRects()[0]!;
            return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
          }
          at = data.indexOf(text, at + 1);
        }
      }
      return null;
    },
    { text, occurrence },
  );
  if (!point) throw new Error(`"${text}" (occurrence ${occurrence}) is not on the page`);
  // A frame's point is in the frame's viewport: move it into the page's (content box of the frame element).
  const frameElement = 'parentFrame' in target && target.parentFrame() ? await target.frameElement() : null;
  if (frameElement) {
    const offset = await frameElement.evaluate((node) => {
      const el = node as Element;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {
        x: box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft),
        y: box.top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop),
      };
    });
    return { x: point.x + offset.x, y: point.y + offset.y };
  }
  return point;
}

/** Moves the mouse onto a word, the way a person would (from outside, in a few steps). */
export async function hoverText(target: Page | Frame, text: string, occurrence = 0): Promise<void> {
  const { x, y } = await pointOfText(target, text, occurrence);
  const page = 'page' in target ? target.page() : target;
  await page.mouse.move(x - 30, y + 40);
  await page.mouse.move(x, y, { steps: 4 });
}

export interface CardState {
  entity: string;
  text: string;
  hosts: number;
  rect: { left: number; top: number; right: number; bottom: number };
}

/** The card on the page, as a user sees it, or null. */
export async function readCard(page: Page): Promise<CardState | null> {
  return page.evaluate(() => {
    const hosts = document.querySelectorAll('backstory-card');
    const host = hosts[0];
    if (!host?.shadowRoot) return null;
    const card = host.shadowRoot.querySelector('.card');
    if (!card) return null;
    const r = card.getBoundingClientRect();
    return {
      entity: host.getAttribute('data-entity') ?? '',
      text: (card as HTMLElement).innerText,
      hosts: hosts.length,
      rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
    };
  });
}

export async function waitForCard(page: Page, entity?: string, timeout = 5_000): Promise<CardState> {
  await page.waitForFunction(
    (entity) => {
      const host = document.querySelector('backstory-card');
      return !!host?.shadowRoot?.querySelector('.card') && (!entity || host.getAttribute('data-entity') === entity);
    },
    entity,
    { timeout },
  );
  return (await readCard(page))!;
}

export async function waitForNoCard(page: Page, timeout = 5_000): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('backstory-card'), undefined, { timeout });
}

/** Saves a screenshot into the ignored test-output folder and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * Sends a message as Backstory's content script in `page` sends it: from the content script's own
 * isolated world (found over CDP), in @webext-core/messaging's format, with or without a user's gesture
 * behind it. Returns the answer, `{ res }` or `{ err }`.
 */
export async function sendFromContentScript(
  page: Page,
  extensionId: string,
  type: string,
  data?: unknown,
  options: { userGesture?: boolean } = {},
): Promise<{ res?: unknown; err?: { message: string } }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: { id: number; origin: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable');
    const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`);
    if (!world) throw new Error("Backstory's content script world was not found in the page");
    const message = JSON.stringify({ id: 1, type, data, timestamp: 0 });
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      contextId: world.id,
      expression: `chrome.runtime.sendMessage(${message})`,
      // As if the reader had clicked in the page just before (what lets the background open the side panel).
      userGesture: options.userGesture ?? false,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as { res?: unknown; err?: { message: string } };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The WCAG 2.0–2.2 A and AA rules of axe-core: what the audit in issue 14 ran, and the suite keeps at zero. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; summary: string }[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core's WCAG 2.2 A/AA rules on a page (or only on the elements `include` selects) and returns its violations, each with the elements it
 * found (an empty list is a pass). axe is evaluated over CDP, so an extension page's CSP does not stop it.
 */
export async function axeViolations(page: Page, include?: string[]): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(
    async ({ tags, include }) => {
      const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
      // `include`: only these elements (Backstory's shadow hosts, with their shadow trees) on a page that is not ours.
      const context = include ? { include: include.map((selector) => [selector]) } : document;
      const result = await axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
      }));
    },
    { tags: WCAG_AA_TAGS, include },
  );
}

/** A readable account of violations, for an assertion message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target}: ${n.summary.replace(/\s+/g, ' ')}`).join('\n')}`)
    .join('\n');
}

/** The focused element as a person would name it: its role-ish tag, classes, data-* ids and text. */
export async function focusedElement(page: Page): Promise<{ tag: string; text: string; className: string; inside: string[] }> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const html = el as HTMLElement | null;
    const inside: string[] = [];
    for (let p = html?.parentElement; p; p = p.parentElement) {
      for (const attr of p.getAttributeNames()) if (attr.startsWith('data-')) inside.push(`${attr}=${p.getAttribute(attr)}`);
      if (p.getAttribute('role')) inside.push(`role=${p.getAttribute('role')}`);
      if (p.localName === 'dialog') inside.push('dialog');
    }
    return {
      tag: html?.localName ?? '',
      text: (html?.getAttribute('aria-label') || html?.textContent || '').trim().replace(/\s+/g, ' '),
      className: typeof html?.className === 'string' ? html.className : '',
      inside,
    };
  });
}

/** Opens one of Backstory's extension pages (popup.html, notes.html…) in an ordinary tab of the session's browser. */
export async function openExtensionPage(
  session: Session,
  path: string,
  options: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {},
): Promise<Page> {
  const page = await session.context.newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
  await page.goto(`chrome-extension://${session.extensionId}/${path.replace(/^\//, '')}`);
  return page;
}

/** Sends a message to the background from an extension page, as Backstory's own pages do. */
export async function sendFromPage<T>(page: Page, type: string, data?: unknown): Promise<T> {
  const reply = await page.evaluate(
    ({ type, data }) => chrome.runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() }),
    { type, data },
  );
  const { res, err } = (reply ?? {}) as { res?: T; err?: { message?: string } };
  if (err) throw new Error(err.message ?? 'error');
  return res as T;
}

/** Lifecycle: the MV3 service worker stops and starts again, and the extension reloads under open tabs. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { collectErrors, hoverText, markCount, readCard, useSession, waitForCard, waitForNoCard } from './harness';
import { EXTENSION_DIR } from '../../scripts/launch';

// A copy of the build that this file can "update" in place, loaded as a user's browser loads it.
const extensionCopy = mkdtempSync(join(tmpdir(), 'backstory-update-'));
cpSync(EXTENSION_DIR, extensionCopy, { recursive: true });
const session = useSession({ loadMode: 'devtools', extensionDir: extensionCopy });
afterAll(() => rmSync(extensionCopy, { recursive: true, force: true }));

/** Follows the running status of Backstory's service worker versions through DevTools. */
async function watchWorkers(page: Page): Promise<{ cdp: CDPSession; states: Map<string, string>; history: string[] }> {
  const cdp = await session().context.newCDPSession(page);
  const states = new Map<string, string>();
  const history: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    // Only Backstory registers a service worker in this browser (the fixture pages register none).
    for (const v of versions) {
      states.set(v.versionId, v.runningStatus);
      history.push(v.runningStatus);
    }
  });
  await cdp.send('ServiceWorker.enable');
  return { cdp, states, history };
}

/** Hovers a name, pins its entity from the card, and closes the card. */
async function pinFromCard(page: Page, word: string, entity: string): Promise<void> {
  await hoverText(page, word, 1);
  await waitForCard(page, entity);
  await page.locator('backstory-card').getByRole('button', { name: 'Pin', exact: true }).click();
  await page.locator('backstory-card').getByRole('button', { name: 'Unpin', exact: true }).waitFor();
  await page.keyboard.press('Escape');
  await waitForNoCard(page);
}

const running = (states: Map<string, string>) => [...states].filter(([, s]) => s === 'running').map(([id]) => id);

describe('the service worker', () => {
  it('is stopped and restarted: pins survive, and the next hover works', async () => {
    const page = await session().open('/demo-article.html');
    const { cdp, states } = await watchWorkers(page);
    await pinFromCard(page, 'Bialiatski', 'ales-bialiatski');

    // Stop every service worker, as the browser does after 30 s of idleness.
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => running(states).length, { timeout: 10_000 }).toBe(0);

    // A new page's content script asks the background for its card and pins: the worker starts
    // again, and the pin made before the stop is still there.
    const next = await session().open('/demo-article.html');
    await hoverText(next, 'Bialiatski', 1);
    await waitForCard(next, 'ales-bialiatski');
    await next.locator('backstory-card').getByRole('button', { name: 'Unpin', exact: true }).waitFor();
    await expect.poll(() => running(states).length).toBe(1);
    await next.close();
    await page.close();
  });
});

describe('an update under open tabs', () => {
  it('a second copy put into a tab where Backstory already runs stands down', async () => {
    // What happens to a tab that was loading when Backstory was installed: it gets the declared
    // content script and the one put into open tabs.
    const page = await session().open('/demo-article.html');
    const errors = collectErrors(page);
    const before = await markCount(page);
    const injected = await session().serviceWorker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      const results = await chrome.scripting.executeScript({
        target: { tabId: tab!.id!, allFrames: true },
        files: ['content-scripts/content.js'],
      });
      return results.length;
    }, page.url());
    expect(injected).toBeGreaterThan(0);
    await page.evaluate(() => document.querySelector('article')!.insertAdjacentHTML('beforeend', '<p>Bialiatski wrote again.</p>'));
    await expect.poll(() => markCount(page), { timeout: 10_000 }).toBe(before + 1);
    await page.waitForTimeout(500);
    expect(await markCount(page)).toBe(before + 1);
    await hoverText(page, 'Lukashenko', 1);
    expect((await waitForCard(page, 'alexander-lukashenko')).hosts).toBe(1);
    await page.waitForTimeout(500);
    expect(await page.locator('backstory-card').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('stops the old content script and lets the new version take over, with no double marks', async () => {
    const page = await session().open('/demo-article.html');
    const errors = collectErrors(page);
    const before = await markCount(page);
    await pinFromCard(page, 'Lukashenko', 'alexander-lukashenko');

    // A newer version lands in the extension's folder and the browser loads it.
    const manifestPath = join(extensionCopy, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, version: '99.0.0' }));
    const worker = await session().reloadExtension();
    expect(await worker.evaluate(() => chrome.runtime.getManifest().version)).toBe('99.0.0');

    // The new content script reaches the open tab and the old one stands down: one card that
    // answers (only a live copy can get a card from the new background), still pinned (what the
    // old version stored is kept), and the same marks, once each.
    // The new copy arrives a moment after the update (injected into the open tab): a reader whose first
    // move went to the old copy moves the pointer again.
    await expect
      .poll(
        async () => {
          await hoverText(page, 'Lukashenko', 1);
          return (await readCard(page))?.entity ?? null;
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe('alexander-lukashenko');
    const card = await waitForCard(page, 'alexander-lukashenko');
    expect(card.text).toContain('Lukashenko');
    expect(card.hosts).toBe(1);
    await page.locator('backstory-card').getByRole('button', { name: 'Unpin', exact: true }).waitFor();
    expect(await markCount(page)).toBe(before);
    await page.keyboard.press('Escape');
    await waitForNoCard(page);
    // New text is marked once: only one copy follows the page.
    await page.evaluate(() => document.querySelector('article')!.insertAdjacentHTML('beforeend', '<p>Tsikhanouskaya spoke again.</p>'));
    await expect.poll(() => markCount(page), { timeout: 10_000 }).toBe(before + 1);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the extension uninstalled under an open tab', () => {
  // Runs last in this file: it takes the extension away for good.
  it('stops the orphaned content script cleanly: marks gone, no card, no errors', async () => {
    const page = await session().open('/demo-article.html');
    const errors = collectErrors(page);
    expect(await markCount(page)).toBeGreaterThan(0);
    await session().uninstallExtension();
    // The next pointer movement runs the script's next callback, which finds its extension gone.
    await hoverText(page, 'Lukashenko', 1);
    await expect.poll(() => markCount(page), { timeout: 5_000 }).toBe(0);
    await page.waitForTimeout(900);
    expect(await page.locator('backstory-card').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.mouse.click(10, 10);
    expect(errors).toEqual([]);
    await page.close();
  });
});

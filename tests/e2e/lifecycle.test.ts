/** Lifecycle: the MV3 service worker stops and starts again, and the extension reloads under open tabs. */
import { describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { hoverText, markCount, useSession, waitForCard, waitForNoCard } from './harness';

const session = useSession();

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

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

const running = (states: Map<string, string>) => [...states].filter(([, s]) => s === 'running').map(([id]) => id);

describe('the service worker', () => {
  it('is stopped and restarted: pins survive, and the next hover works', async () => {
    const page = await session().open('/demo-article.html');
    const { cdp, states } = await watchWorkers(page);
    await hoverText(page, 'Bialiatski', 1);
    await waitForCard(page, 'ales-bialiatski');
    await page.locator('backstory-card').getByRole('button', { name: 'Pin', exact: true }).click();
    await page.locator('backstory-card').getByRole('button', { name: 'Unpin', exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await waitForNoCard(page);

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

describe('the extension going away under an open tab (reload, update, uninstall)', () => {
  // A browser started by automation unloads a command-line extension on runtime.reload() and does
  // not load it again, so this checks the half that can be checked here: the orphaned content script
  // notices, takes its marks away and stops, without an error on the page.
  it('stops the orphaned content script cleanly', async () => {
    const page = await session().open('/demo-article.html');
    const errors = collectErrors(page);
    const { history } = await watchWorkers(page);
    const worker = session().context.serviceWorkers().at(-1)!;
    const mark = history.length;
    void worker.evaluate(() => chrome.runtime.reload()).catch(() => undefined); // the worker dies mid-call
    await expect.poll(() => history.slice(mark).join(' '), { timeout: 15_000 }).toMatch(/stopped/);
    expect(await markCount(page)).toBeGreaterThan(0);
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

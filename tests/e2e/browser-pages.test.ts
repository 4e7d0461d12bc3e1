/**
 * Pages Backstory cannot read: a PDF in the browser's viewer and the browser's own pages. Each
 * shows as it would without Backstory, nothing is logged as an error (by the page, Backstory's
 * content script or its service worker), and the popup and commands say plainly that there is
 * nothing to read instead of failing.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectErrors, screenshot, useSession } from './harness';

const session = useSession();

/** Uncaught errors and rejections in Backstory's service worker, from now on. */
async function watchWorkerErrors(): Promise<() => Promise<string[]>> {
  const worker = session().serviceWorker;
  // A string, so the test runner's transforms never reach the worker.
  await worker.evaluate(`(() => {
    const errors = (globalThis.testErrors = []);
    self.addEventListener('error', (event) => errors.push(String(event.message)));
    self.addEventListener('unhandledrejection', (event) => errors.push(String(event.reason)));
  })()`);
  return () => worker.evaluate('globalThis.testErrors') as Promise<string[]>;
}

/** Runs the two keyboard commands on the front tab as the background would. */
async function runCommands(): Promise<{ nextMention: boolean }> {
  return session().serviceWorker.evaluate(`(async () => ({
    nextMention: await globalThis.backstoryCommands['next-mention'](),
  }))()`) as Promise<{ nextMention: boolean }>;
}

async function expectPopupSaysNothingToRead(page: Page): Promise<void> {
  const popup = await session().openPopup(page);
  const errors = collectErrors(popup);
  await popup.getByText('Backstory cannot read this page').waitFor();
  // The popup asks the page again every 1.5 s: a few rounds, and no complaint about the missing content script.
  await popup.waitForTimeout(3200);
  expect(errors).toEqual([]);
  // The rest of the popup still works: the knowledge base can be searched.
  await popup.getByRole('switch', { name: 'Backstory', exact: true }).waitFor();
  await popup.getByRole('searchbox').fill('Bialiatski');
  await popup.getByText('Ales Bialiatski').first().waitFor();
  await popup.close();
}

describe("a PDF in the browser's viewer", () => {
  it('shows as it is, with no errors, and the popup says the page cannot be read', async () => {
    const workerErrors = await watchWorkerErrors();
    const page = await session().context.newPage();
    const errors = collectErrors(page);
    await page.goto(session().server.url('/briefing.pdf'));
    // The viewer is the browser's own extension, in a frame of its own.
    await expect
      .poll(() => page.frames().some((f) => f.url().startsWith('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/')), {
        timeout: 10_000,
      })
      .toBe(true);
    await page.waitForTimeout(1500);
    await screenshot(page, 'pdf-viewer');
    expect(await page.locator('backstory-card').count()).toBe(0);
    expect(await runCommands()).toEqual({ nextMention: false });
    await expectPopupSaysNothingToRead(page);
    expect(errors).toEqual([]);
    expect(await workerErrors()).toEqual([]);
    await page.close();
  });
});

describe("the browser's own pages", () => {
  const pages: [string, () => string][] = [
    ['chrome://version', () => 'chrome://version/'],
    ['chrome://extensions', () => 'chrome://extensions/'],
    ['view-source: of an article', () => `view-source:${session().server.url('/demo-article.html')}`],
    ['about:blank', () => 'about:blank'],
  ];
  for (const [name, url] of pages) {
    it(`${name}: no errors, the popup says the page cannot be read, commands do nothing`, async () => {
      const workerErrors = await watchWorkerErrors();
      const page = await session().context.newPage();
      const errors = collectErrors(page);
      await page.goto(url());
      await page.waitForTimeout(500);
      expect(await runCommands()).toEqual({ nextMention: false });
      await expectPopupSaysNothingToRead(page);
      expect(errors).toEqual([]);
      expect(await workerErrors()).toEqual([]);
      await page.close();
    });
  }
});

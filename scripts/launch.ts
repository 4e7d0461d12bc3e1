/** Launches Chromium with the built extension loaded: shared by the e2e tests, the demo and the benchmarks. */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { requireChromium } from './chromium';

export const EXTENSION_DIR = resolve(process.env.BACKSTORY_OUT_DIR ?? '.output', 'chrome-mv3');

export interface LaunchedBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  debuggingPort: number;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

export async function launchWithExtension(options: { headless?: boolean; extensionDir?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<LaunchedBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const profile = await mkdtemp(join(tmpdir(), 'backstory-profile-'));
  const debuggingPort = await freePort();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: requireChromium(),
    headless: options.headless ?? true,
    viewport: { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--remote-debugging-port=${debuggingPort}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    debuggingPort,
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

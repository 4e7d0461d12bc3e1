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
  /**
   * Only with `loadThroughDevTools`: loads the extension's folder again, as the Reload button of
   * chrome://extensions does (and as an update does, when the folder holds a newer version).
   * Resolves with the new version's service worker.
   */
  reloadExtension(): Promise<Worker>;
  /** Only with `loadThroughDevTools`: uninstalls the extension with its tabs left open. */
  uninstallExtension(): Promise<void>;
  close(): Promise<void>;
}

/**
 * How the extension gets into the browser. From the command line (`--load-extension`) is how a
 * developer runs it; but a browser started by automation then drops the extension on
 * `runtime.reload()` and never loads it back. Loaded through DevTools (Extensions.loadUnpacked),
 * it can be reloaded, updated and uninstalled under open tabs, as a user's browser does.
 */
/** Headless Chromium as root on a machine with no outside network: no sandbox, and none of its own background traffic. */
export const QUIET_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

type LoadMode = 'command-line' | 'devtools';

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

export async function launchWithExtension(
  options: {
    headless?: boolean;
    extensionDir?: string;
    colorScheme?: 'light' | 'dark';
    loadMode?: LoadMode;
    hasTouch?: boolean;
    /** Browser zoom, as the reader sets it: a 1280 × 800 window at 200% is 640 × 400 CSS px drawn at twice the size. */
    zoom?: number;
  } = {},
): Promise<LaunchedBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const throughDevTools = options.loadMode === 'devtools';
  const profile = await mkdtemp(join(tmpdir(), 'backstory-profile-'));
  const debuggingPort = await freePort();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: requireChromium(),
    headless: options.headless ?? true,
    viewport: { width: Math.round(1280 / (options.zoom ?? 1)), height: Math.round(800 / (options.zoom ?? 1)) },
    deviceScaleFactor: options.zoom ?? 1,
    colorScheme: options.colorScheme ?? 'light',
    // A touch screen (taps go through Chromium's touch input, as a phone's or tablet's do).
    hasTouch: options.hasTouch ?? false,
    // Playwright's own default switches extensions off; the extension is allowed back in either way.
    ignoreDefaultArgs: throughDevTools ? ['--disable-extensions'] : undefined,
    args: [
      ...(throughDevTools
        ? ['--enable-unsafe-extension-debugging']
        : [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]),
      `--remote-debugging-port=${debuggingPort}`,
      ...QUIET_CHROMIUM_ARGS,
    ],
  });
  const devtools = throughDevTools ? await context.browser()!.newBrowserCDPSession() : undefined;
  const loadUnpacked = async (): Promise<Worker> => {
    const known = new Set(context.serviceWorkers());
    const started = context.waitForEvent('serviceworker', { predicate: (worker) => !known.has(worker), timeout: 30_000 });
    // Not in playwright-core's protocol types: a browser-level command behind --enable-unsafe-extension-debugging.
    await devtools!.send('Extensions.loadUnpacked' as never, { path: extensionDir } as never);
    return started;
  };
  const serviceWorker = devtools ? await loadUnpacked() : (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker')));
  const extensionId = new URL(serviceWorker.url()).host;
  const needDevTools = () => {
    if (!devtools) throw new Error("Launch with loadMode 'devtools' to reload or uninstall the extension");
  };
  return {
    context,
    extensionId,
    serviceWorker,
    debuggingPort,
    async reloadExtension() {
      needDevTools();
      return loadUnpacked();
    },
    async uninstallExtension() {
      needDevTools();
      await devtools!.send('Extensions.uninstall' as never, { id: extensionId } as never);
    },
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

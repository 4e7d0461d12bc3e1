/**
 * Firefox for the e2e tests, without geckodriver or a browser download: the system's Firefox ESR,
 * started headless on a fresh, quiet and offline profile, driven over WebDriver BiDi by the small
 * client below, with the built extension installed as a temporary add-on (BiDi webExtension.install).
 * What happens in Firefox's parent process (requests, errors of every process) is recorded over
 * Marionette (scripts/marionette.ts), which reaches that process in ESR 140 as in later versions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { Marionette } from './marionette';
import { systemBrowser } from './system-browser';

export const FIREFOX_EXTENSION_DIR = resolve(process.env.BACKSTORY_OUT_DIR ?? '.output', 'firefox-mv3');

const firefox = systemBrowser({
  envVar: 'FIREFOX_PATH',
  candidates: ['/usr/bin/firefox-esr', '/usr/bin/firefox'],
  missing:
    'Firefox was not found. Install it (Debian/Ubuntu: `sudo apt-get install -y firefox-esr`) ' +
    'or set FIREFOX_PATH to a Firefox executable (140 or later, as the manifest asks).',
});

export const FIREFOX_MISSING = firefox.missing;
export const findFirefox = firefox.find;
export const requireFirefox = firefox.require;

/** A WebDriver BiDi event: its method (e.g. `log.entryAdded`) and its parameters. */
export interface BiDiEvent {
  method: string;
  params: any;
}

/** A minimal WebDriver BiDi client: each command is a promise, events go to listeners. */
export class BiDi {
  private nextId = 1;
  private readonly pending = new Map<number, { method: string; resolve(result: any): void; reject(error: Error): void }>();
  private readonly listeners = new Set<(event: BiDiEvent) => void>();
  private closedBecause: string | null = null;

  private constructor(
    private readonly socket: WebSocket,
    private readonly whyClosed: () => string,
  ) {
    socket.on('message', (data) => this.receive(JSON.parse(String(data))));
    socket.on('error', () => undefined); // 'close' follows, and rejects what is pending
    socket.on('close', () => {
      this.closedBecause = this.whyClosed();
      for (const command of this.pending.values()) command.reject(new Error(`${command.method}: ${this.closedBecause}`));
      this.pending.clear();
    });
  }

  /** `whyClosed` explains a lost connection (e.g. with the browser's last output) in the errors of pending commands. */
  static connect(url: string, whyClosed = () => 'the WebDriver BiDi connection closed'): Promise<BiDi> {
    return new Promise((resolveClient, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false });
      socket.once('open', () => resolveClient(new BiDi(socket, whyClosed)));
      socket.once('error', reject);
    });
  }

  /** Sends a command; resolves with its result or rejects with the browser's error. */
  send<T = any>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    if (this.closedBecause) return Promise.reject(new Error(`${method}: ${this.closedBecause}`));
    const id = this.nextId++;
    return new Promise<T>((resolveCommand, reject) => {
      this.pending.set(id, { method, resolve: resolveCommand, reject });
      this.socket.send(JSON.stringify({ id, method, params }), (error) => {
        if (error && this.pending.delete(id)) reject(error);
      });
    });
  }

  /** Calls `listener` with every event (subscribe with `session.subscribe`); returns a function that stops it. */
  onEvent(listener: (event: BiDiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.socket.terminate();
  }

  private receive(message: any): void {
    if (typeof message.id === 'number') {
      const command = this.pending.get(message.id);
      if (!command) return;
      this.pending.delete(message.id);
      if (message.type === 'error') command.reject(new Error(`${command.method}: ${message.error}: ${message.message}`));
      else command.resolve(message.result);
    } else if (message.type === 'event') {
      for (const listener of this.listeners) listener({ method: message.method, params: message.params });
    }
  }
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A BiDi RemoteValue as plain data (primitives, arrays, objects); other values become `{ type }`. */
function fromRemote(remote: any): any {
  switch (remote.type) {
    case 'undefined':
      return undefined;
    case 'null':
      return null;
    case 'string':
    case 'boolean':
      return remote.value;
    case 'number':
      return typeof remote.value === 'number' ? remote.value : Number(remote.value); // NaN, -0, ±Infinity come as strings
    case 'array':
      return (remote.value ?? []).map(fromRemote);
    case 'object': {
      const entries: [any, any][] = remote.value ?? [];
      return Object.fromEntries(entries.map(([key, value]) => [typeof key === 'string' ? key : fromRemote(key), fromRemote(value)]));
    }
    default:
      return { type: remote.type };
  }
}

function toLocal(value: Json): unknown {
  if (value === null) return { type: 'null' };
  if (Array.isArray(value)) return { type: 'array', value: value.map(toLocal) };
  if (typeof value === 'object') return { type: 'object', value: Object.entries(value).map(([key, item]) => [key, toLocal(item)]) };
  return { type: typeof value, value };
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/** One browsing context (a tab, or Firefox's own window): runs functions in it, moves the pointer, takes screenshots. */
export class FirefoxTab {
  constructor(
    readonly bidi: BiDi,
    readonly context: string,
  ) {}

  /** Loads `url` and waits until the page has loaded. */
  async navigate(url: string): Promise<void> {
    await this.bidi.send('browsingContext.navigate', { context: this.context, url, wait: 'complete' });
  }

  /** Runs `fn` (self-contained: it is sent as source) in the page's world with JSON arguments; returns its result as data. */
  async evaluate<A extends Json[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R> {
    const response = await this.bidi.send('script.callFunction', {
      functionDeclaration: fn.toString(),
      arguments: args.map(toLocal),
      awaitPromise: true,
      target: { context: this.context },
    });
    if (response.type === 'exception') throw new Error(`In the page: ${response.exceptionDetails.text}`);
    return fromRemote(response.result);
  }

  /** Runs `fn` in the page until it returns a truthy value, and returns that value. */
  async waitFor<A extends Json[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<NonNullable<R>> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await this.evaluate(fn, ...args);
      if (value) return value as NonNullable<R>;
      if (Date.now() > deadline) throw new Error(`Waited 30 s in vain for ${fn.name || fn.toString().slice(0, 80)}`);
      await sleep(100);
    }
  }

  /** Moves the mouse through `points` (viewport coordinates), each move taking a few frames, as a hand would. */
  async movePointer(points: { x: number; y: number }[]): Promise<void> {
    const actions = points.map(({ x, y }) => ({ type: 'pointerMove', x: Math.round(x), y: Math.round(y), duration: 150 }));
    await this.bidi.send('input.performActions', {
      context: this.context,
      actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }],
    });
  }

  /** Clicks at a point (viewport coordinates) with the mouse: a real user action for the page. */
  async click({ x, y }: { x: number; y: number }): Promise<void> {
    await this.bidi.send('input.performActions', {
      context: this.context,
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', x: Math.round(x), y: Math.round(y) },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
  }

  /** Brings this tab to the front. */
  async activate(): Promise<void> {
    await this.bidi.send('browsingContext.activate', { context: this.context });
  }

  /** Saves a PNG of the visible part of the page. */
  async screenshot(path: string): Promise<void> {
    const { data } = await this.bidi.send('browsingContext.captureScreenshot', { context: this.context });
    await writeFile(path, Buffer.from(data, 'base64'));
  }

  async close(): Promise<void> {
    await this.bidi.send('browsingContext.close', { context: this.context });
  }
}

/**
 * Preferences of the fresh profile: no first-run or welcome pages, and none of Firefox's own requests
 * (telemetry, studies, updates, remote settings, connectivity and captive-portal checks, safe browsing,
 * suggestions). Firefox also applies its remote agent's recommended preferences where these are silent.
 */
function userPrefs(extensionId: string, extensionUuid: string): Record<string, string | number | boolean> {
  return {
    // The add-on's moz-extension:// host, fixed so that its pages can be opened by URL.
    'extensions.webextensions.uuids': JSON.stringify({ [extensionId]: extensionUuid }),
    // A quiet start.
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.page': 0,
    'browser.startup.homepage': 'about:blank',
    'browser.startup.homepage_override.mstone': 'ignore',
    'startup.homepage_welcome_url': '',
    'startup.homepage_welcome_url.additional': '',
    'startup.homepage_override_url': '',
    'browser.aboutwelcome.enabled': false,
    'trailhead.firstrun.didSeeAboutWelcome': true,
    'browser.newtabpage.enabled': false,
    'browser.newtab.preload': false,
    'browser.newtabpage.activity-stream.feeds.system.topstories': false,
    'browser.newtabpage.activity-stream.feeds.section.topstories': false,
    'browser.newtabpage.activity-stream.feeds.topsites': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.tabs.warnOnClose': false,
    'browser.warnOnQuit': false,
    'browser.uitour.enabled': false,
    'browser.discovery.enabled': false,
    'extensions.getAddons.showPane': false,
    'extensions.htmlaboutaddons.recommendations.enabled': false,
    // No telemetry, studies or crash reports.
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'datareporting.usage.uploadEnabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': 'data:,',
    'toolkit.telemetry.newProfilePing.enabled': false,
    'toolkit.telemetry.shutdownPingSender.enabled': false,
    'toolkit.telemetry.firstShutdownPing.enabled': false,
    'toolkit.telemetry.updatePing.enabled': false,
    'toolkit.telemetry.bhrPing.enabled': false,
    'app.normandy.enabled': false,
    'app.normandy.api_url': '',
    'app.shield.optoutstudies.enabled': false,
    'messaging-system.rsexperimentloader.enabled': false,
    'browser.crashReports.unsubmittedCheck.enabled': false,
    'browser.tabs.crashReporting.sendReport': false,
    // No update checks: Firefox, add-ons, system add-ons, search engines, media plugins.
    'app.update.disabledForTesting': true,
    'app.update.auto': false,
    'app.update.checkInstallTime': false,
    'extensions.update.enabled': false,
    'extensions.update.autoUpdateDefault': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.systemAddon.update.url': '',
    'extensions.getAddons.cache.enabled': false,
    'extensions.blocklist.enabled': false,
    'browser.search.update': false,
    'media.gmp-manager.url': '',
    'media.gmp-gmpopenh264.enabled': false,
    'media.gmp-widevinecdm.enabled': false,
    // No remote settings: with MOZ_DISABLE_NONLOCAL_CONNECTIONS set, this dummy server makes Firefox skip them.
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    // No captive-portal, connectivity, DNS-over-HTTPS, prefetch or speculative connections.
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.http.speculative-parallel-limit': 0,
    'browser.places.speculativeConnect.enabled': false,
    'browser.urlbar.speculativeConnect.enabled': false,
    // No safe-browsing lists, suggestions, region or location lookups, push, accounts, translations.
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.provider.google.updateURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.search.suggest.enabled': false,
    'browser.urlbar.suggest.quicksuggest.sponsored': false,
    'browser.urlbar.suggest.quicksuggest.nonsponsored': false,
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'geo.provider.network.url': '',
    'dom.push.connection.enabled': false,
    'dom.push.serverURL': '',
    'identity.fxaccounts.enabled': false,
    'browser.translations.enable': false,
    'browser.ml.enable': false,
    'extensions.pocket.enabled': false,
    // console.* calls of web pages and extension pages are printed on stdout; Firefox's own are not.
    'devtools.console.stdout.content': true,
    'devtools.console.stdout.chrome': false,
    // Marionette picks a free port and writes it to the profile's MarionetteActivePort file.
    'marionette.port': 0,
  };
}

/** Everything Firefox did during the session, across all its processes, as recorded in its parent process. */
export interface Activity {
  /** Every HTTP(S) request, with who triggered it: `extension <id>`, `firefox` (also navigations by the test) or a page's origin. */
  requests: { url: string; by: string }[];
  /**
   * Every error: uncaught exceptions and promise rejections of pages, content scripts, extension pages
   * and Firefox's own scripts (`source`: script:line:column, or the page; `page`: the document, while it
   * exists), and console.error() calls of pages and extension pages (`source` "console.error", from
   * Firefox's output).
   */
  errors: { source: string; text: string; page?: string }[];
}

/** Runs in Firefox's parent process (browser window): records every HTTP request and every script error. */
function installRecorder(): void {
  const { Services, Ci, WindowGlobalParent } = globalThis as any;
  const activity: Activity = { requests: [], errors: [] };
  (globalThis as any).backstoryActivity = activity;
  Services.obs.addObserver((subject: any) => {
    const channel = subject.QueryInterface(Ci.nsIHttpChannel);
    const by = channel.loadInfo.triggeringPrincipal;
    activity.requests.push({
      url: channel.URI.spec,
      by: by.addonId ? `extension ${by.addonId}` : by.isSystemPrincipal ? 'firefox' : by.origin,
    });
  }, 'http-on-modify-request');
  Services.console.registerListener({
    observe(message: any) {
      if (!(message instanceof Ci.nsIScriptError) || message.logLevel !== Ci.nsIConsoleMessage.error) return;
      const page = message.innerWindowID ? WindowGlobalParent.getByInnerWindowId(message.innerWindowID)?.documentURI?.spec : undefined;
      const source = message.sourceName ? `${message.sourceName}:${message.lineNumber}:${message.columnNumber}` : (page ?? '');
      activity.errors.push({ source, text: message.errorMessage.trim(), ...(page ? { page } : {}) });
    },
  });
}

export interface LaunchedFirefox {
  bidi: BiDi;
  /** The add-on id (from the manifest's gecko settings). */
  extensionId: string;
  /** The moz-extension:// host of the add-on: `moz-extension://<uuid>/popup.html`. */
  extensionUuid: string;
  /** The tab Firefox started with. */
  tab: FirefoxTab;
  /** Opens a new tab, on `url` or left on its first about:blank; a background tab leaves the current one in front. */
  newTab(url?: string, options?: { background?: boolean }): Promise<FirefoxTab>;
  /** Requests and errors so far, of the whole browser (the extension's background and pages included). */
  activity(): Promise<Activity>;
  /** Everything Firefox printed so far. */
  output(): string;
  /** Quits Firefox (every process of it) and removes the profile. */
  close(): Promise<void>;
}

/**
 * Starts headless Firefox on a fresh profile, opens a BiDi session, starts recording its activity and
 * installs the built extension.
 *
 * `--remote-allow-system-access` lets BiDi open moz-extension:// pages and Marionette run the recorder in
 * the browser window; both listen on 127.0.0.1 only. MOZ_DISABLE_NONLOCAL_CONNECTIONS makes any connection
 * to a host other than this machine a fatal error (Firefox quits with "Non-local network connections are
 * disabled"), so the test browser cannot reach the internet whatever happens.
 */
export async function launchFirefox(
  options: { extensionDir?: string; prefs?: Record<string, string | number | boolean> } = {},
): Promise<LaunchedFirefox> {
  const executable = requireFirefox();
  const extensionDir = resolve(options.extensionDir ?? FIREFOX_EXTENSION_DIR);
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
  const extensionId: string = manifest.browser_specific_settings.gecko.id;
  const extensionUuid = randomUUID();

  const profile = await mkdtemp(join(tmpdir(), 'backstory-firefox-'));
  const prefs = Object.entries({ ...userPrefs(extensionId, extensionUuid), ...options.prefs }).map(
    ([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});\n`,
  );
  await writeFile(join(profile, 'user.js'), prefs.join(''));

  // Port 0: Firefox picks a free port and says which. A process group of its own, so close() ends every process.
  const args = [
    '--headless',
    '--no-remote',
    '--profile',
    profile,
    '--remote-debugging-port=0',
    '--marionette',
    '--remote-allow-system-access',
  ];
  const child = spawn(executable, [...args, 'about:blank'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const killOnExit = () => {
    killGroup(child);
    rmSync(profile, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);

  let bidi: BiDi | undefined;
  let marionette: Marionette | undefined;
  const close = async () => {
    process.removeListener('exit', killOnExit);
    marionette?.close();
    if (bidi) {
      await Promise.race([bidi.send('browser.close').catch(() => undefined), sleep(10_000)]);
      bidi.close();
    }
    if (!(await exited(child, 15_000))) killGroup(child);
    await exited(child, 10_000);
    killGroup(child); // a content process that outlived the parent, if any
    await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };

  try {
    await listeningUrl(child, () => output);
    // Firefox allows one WebDriver session: Marionette starts it, and BiDi joins it at the address it gives.
    marionette = await Marionette.connect(await marionettePort(profile, () => output));
    const whyClosed = () => `Firefox closed the WebDriver BiDi connection. Its last output:\n${output.slice(-2000)}`;
    bidi = await BiDi.connect(marionette.webSocketUrl, whyClosed);
    const browserWindow = marionette;
    await browserWindow.evaluate(installRecorder);
    await bidi.send('webExtension.install', { extensionData: { type: 'path', path: extensionDir } });
    const [first] = (await bidi.send('browsingContext.getTree', { maxDepth: 0 })).contexts;
    const session = bidi;
    return {
      bidi,
      extensionId,
      extensionUuid,
      tab: new FirefoxTab(bidi, first.context),
      async newTab(url, { background = false } = {}) {
        const { context } = await session.send('browsingContext.create', { type: 'tab', background });
        const tab = new FirefoxTab(session, context);
        if (url) await tab.navigate(url);
        return tab;
      },
      async activity() {
        const recorded = await browserWindow.evaluate((): Activity => (globalThis as any).backstoryActivity);
        const consoleErrors = output
          .split('\n')
          .filter((line) => line.startsWith('console.error:'))
          .map((line) => ({ source: 'console.error', text: line.slice('console.error:'.length).trim() }));
        return { requests: recorded.requests, errors: [...recorded.errors, ...consoleErrors] };
      },
      output: () => output,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The port Marionette listens on, once Firefox has written it into the profile. */
async function marionettePort(profile: string, output: () => string): Promise<number> {
  const file = join(profile, 'MarionetteActivePort');
  for (let waited = 0; waited < 60_000; waited += 100) {
    const port = Number(await readFile(file, 'utf8').catch(() => ''));
    if (port > 0) return port;
    await sleep(100);
  }
  throw new Error(`Firefox did not start Marionette within 60 s:\n${output()}`);
}

/** Resolves with `ws://127.0.0.1:PORT` once Firefox says where WebDriver BiDi listens. */
function listeningUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => done(new Error(`Firefox did not start WebDriver BiDi within 60 s:\n${output()}`)), 60_000);
    const check = () => {
      const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(output());
      if (match) done(null, match[1]);
    };
    const onExit = (code: number | null) => done(new Error(`Firefox exited (code ${code}) before WebDriver BiDi started:\n${output()}`));
    const done = (error: Error | null, url?: string) => {
      clearTimeout(timer);
      child.stderr!.off('data', check);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolveUrl(url!);
    };
    child.stderr!.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function exited(child: ChildProcess, timeout: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => resolveExit(false), timeout);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveExit(true);
    });
  });
}

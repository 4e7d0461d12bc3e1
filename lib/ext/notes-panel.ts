/**
 * The notes side panel: notes.html beside the page (Chrome's side panel, Firefox's sidebar), where a
 * note is written next to its passage, as in Hypothesis's sidebar, and the single dashboard tab that
 * stands in for it where the panel cannot open.
 *
 * The browser opens a panel only in answer to the reader's own action: `openPanel` must be called
 * synchronously in the handler of that action (a context-menu click, a keyboard command, a message a
 * content script sent from a click), before anything is awaited. Chrome passes a content script's
 * click on with its message; Firefox counts only its own menus and commands. What the panel should
 * show is decided later (the selection is asked from the page, the draft stored), so it goes to the
 * panel through session storage (`panelTargetRecord`), which the panel takes once.
 */
import { browser } from 'wxt/browser';
import { type PanelTarget, panelTargetRecord } from './records';
import { reportError } from './report-error';

export interface TabLike {
  id?: number;
  index?: number;
  windowId?: number;
}

/** Targets older than this were meant for a panel that closed before it took them. */
const TARGET_TTL_MS = 60_000;

type FirefoxSidebar = { open(): Promise<void> };

/** The answer to an action without a user's gesture behind it (not a fault: the dashboard tab stands in). */
const NO_GESTURE = /gesture|user action|user input/i;

/**
 * Opens the panel in the tab's window. Call it synchronously in a user action's handler; resolves to
 * whether the panel opened (false: no gesture, no panel API, no tab).
 */
export function openPanel(tab: TabLike | undefined): Promise<boolean> {
  const failed = (error: unknown) => {
    if (!NO_GESTURE.test(String(error))) reportError('open the notes panel', error);
    return false;
  };
  try {
    if (import.meta.env.FIREFOX) {
      const sidebar = (browser as unknown as { sidebarAction?: FirefoxSidebar }).sidebarAction;
      return sidebar ? sidebar.open().then(() => true, failed) : Promise.resolve(false);
    }
    const open = browser.sidePanel?.open;
    if (!open || tab?.id === undefined) return Promise.resolve(false);
    return browser.sidePanel.open({ tabId: tab.id }).then(() => true, failed);
  } catch (error) {
    return Promise.resolve(failed(error));
  }
}

/** Tells the panel of `windowId` what to show (a hash of notes.html: `#draft=…`, `#note=…`, `#entity=…`). */
export async function sendToPanel(hash: string, windowId?: number): Promise<void> {
  const target: PanelTarget = { hash, windowId, at: Date.now() };
  await browser.storage.session.set({ [panelTargetRecord.key]: target });
}

/**
 * In the panel: hands each target meant for this window to `show`, once (the record is removed as it
 * is taken). Returns the function that stops listening.
 */
export function takePanelTargets(windowId: number | undefined, show: (hash: string) => void): () => void {
  const take = (raw: unknown) => {
    const target = panelTargetRecord.parse(raw);
    if (!target || Date.now() - target.at > TARGET_TTL_MS) return;
    if (target.windowId !== undefined && windowId !== undefined && target.windowId !== windowId) return;
    void browser.storage.session.remove(panelTargetRecord.key).catch((error) => reportError('take panel target', error));
    show(target.hash);
  };
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === panelTargetRecord.area && panelTargetRecord.key in changes) take(changes[panelTargetRecord.key]!.newValue);
  };
  browser.storage.onChanged.addListener(onChanged);
  void browser.storage.session
    .get(panelTargetRecord.key)
    .then((stored) => take(stored[panelTargetRecord.key]))
    .catch((error) => reportError('read panel target', error));
  return () => browser.storage.onChanged.removeListener(onChanged);
}

/** Whether this extension page is the side panel (or sidebar) rather than a tab of its own. */
export async function isInPanel(): Promise<boolean> {
  const tab = await browser.tabs.getCurrent().catch(() => undefined);
  return tab === undefined;
}

/** The window this page lives in (the panel's window). */
export async function currentWindowId(): Promise<number | undefined> {
  return (await browser.windows.getCurrent().catch(() => undefined))?.id;
}

export interface ActivePage {
  url: string;
  title: string;
}

/**
 * In the panel: the page of the front tab of `windowId`, now and as the reader switches tabs or the tab
 * navigates. Chrome gives the tab's URL (host permission for every site); Firefox for the sites the
 * reader let Backstory read, which are the only ones with notes marked on them anyway.
 */
export function watchActivePage(windowId: number | undefined, onPage: (page: ActivePage | null) => void): () => void {
  let activeId: number | undefined;
  const report = (tab: { id?: number; url?: string; title?: string } | undefined) => {
    activeId = tab?.id;
    onPage(tab?.url ? { url: tab.url, title: tab.title ?? '' } : null);
  };
  const read = () =>
    void browser.tabs
      .query(windowId === undefined ? { active: true, currentWindow: true } : { active: true, windowId })
      .then(([tab]) => report(tab))
      .catch((error) => reportError('read active tab', error));
  const onActivated = (info: { windowId: number }) => {
    if (windowId === undefined || info.windowId === windowId) read();
  };
  const onUpdated = (tabId: number, change: { url?: string; title?: string }, tab: { id?: number; url?: string; title?: string }) => {
    if (tabId === activeId && (change.url !== undefined || change.title !== undefined)) report(tab);
  };
  browser.tabs.onActivated.addListener(onActivated);
  browser.tabs.onUpdated.addListener(onUpdated);
  read();
  return () => {
    browser.tabs.onActivated.removeListener(onActivated);
    browser.tabs.onUpdated.removeListener(onUpdated);
  };
}

/** The dashboard tab already open (notes.html in a tab, not in a panel), if any. */
export async function findDashboardTab(): Promise<{ tabId: number; windowId: number } | null> {
  const getContexts = browser.runtime.getContexts;
  if (!getContexts) return null;
  const page = browser.runtime.getURL('/notes.html');
  const contexts = await browser.runtime.getContexts({ contextTypes: ['TAB' as chrome.runtime.ContextType] }).catch(() => []);
  const tab = contexts.find((c) => c.documentUrl?.startsWith(page) && c.tabId >= 0);
  return tab ? { tabId: tab.tabId, windowId: tab.windowId } : null;
}

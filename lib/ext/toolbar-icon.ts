/**
 * The toolbar icon says whether Backstory runs on the front tab's site: its own icon where it does, a
 * grey one where the reader switched it off (everywhere, or on this site), with a title that says so
 * in words (the title is what a screen reader reads for the button).
 *
 * The worker needs each tab's hostname. Chrome gives it the tab's URL (host permission for <all_urls>);
 * Firefox only for sites the user let Backstory read. Without a URL, the tab's content script tells its
 * hostname (getPageInfo, as it tells the popup); a tab that cannot say keeps the normal icon, unless
 * Backstory is off everywhere.
 */
import { isSiteAllowed, type Settings } from '../settings';
import { toContent } from './messages';
import { reportError } from './report-error';
import { readSettings, watchSettings } from './settings';

const ON = { 16: '/icons/icon-16.png', 32: '/icons/icon-32.png' };
const OFF = { 16: '/icons/icon-off-16.png', 32: '/icons/icon-off-32.png' };

export interface ToolbarState {
  off: boolean;
  title: string;
}

/** The icon and title for a tab on `hostname` (null: not a web page, or not known). */
export function toolbarState(settings: Settings, hostname: string | null): ToolbarState {
  if (!settings.enabled) return { off: true, title: 'Backstory (switched off)' };
  if (hostname && !isSiteAllowed(settings, hostname)) return { off: true, title: `Backstory (off on ${hostname})` };
  return { off: false, title: 'Backstory' };
}

interface TabLike {
  id?: number;
  url?: string;
}

async function hostnameOf(tab: TabLike): Promise<string | null> {
  if (tab.url) {
    try {
      const url = new URL(tab.url);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname : null;
    } catch {
      return null;
    }
  }
  if (tab.id === undefined) return null;
  const info = await toContent.sendMessage('getPageInfo', undefined, { tabId: tab.id, frameId: 0 }).catch(() => null);
  return typeof info?.hostname === 'string' ? info.hostname : null;
}

/** Keeps the toolbar icon in step with the settings and the front tab of each window. Call once, at the worker's start. */
export function initToolbarIcon(): void {
  let settings: Settings | undefined;

  const update = async (tab: TabLike) => {
    if (!settings || tab.id === undefined) return;
    const state = toolbarState(settings, await hostnameOf(tab));
    // A tab closed meanwhile rejects: nothing to show any more.
    await Promise.all([
      browser.action.setIcon({ tabId: tab.id, path: state.off ? OFF : ON }),
      browser.action.setTitle({ tabId: tab.id, title: state.title }),
    ]).catch(() => undefined);
  };
  const updateFrontTabs = async () => {
    if (!settings) return;
    // The default for tabs not looked at yet (new windows): grey only when Backstory is off everywhere.
    await browser.action.setIcon({ path: settings.enabled ? ON : OFF }).catch((error) => reportError('toolbar icon', error));
    for (const tab of await browser.tabs.query({ active: true })) await update(tab);
  };

  browser.tabs.onActivated.addListener(({ tabId }) => {
    void browser.tabs.get(tabId).then(update, () => undefined);
  });
  browser.tabs.onUpdated.addListener((_tabId, change, tab) => {
    if (change.url !== undefined || change.status === 'complete') void update(tab);
  });
  watchSettings((next) => {
    settings = next;
    void updateFrontTabs();
  });
  void readSettings().then((read) => {
    settings ??= read;
    return updateFrontTabs();
  });
}

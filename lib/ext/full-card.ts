/**
 * "Full card" on the short hover card: the entity's whole card opens beside the page, in the side
 * panel (Chrome) or the sidebar (Firefox), at `notes.html#entity=<id>`. Where the browser refuses to
 * open it (no user gesture reached the background, an old browser), the same page opens in a tab
 * next to the reader's, so the click is never lost.
 */
import { browser } from 'wxt/browser';

export function fullCardPath(entityId: string): `notes.html#entity=${string}` {
  return `notes.html#entity=${encodeURIComponent(entityId)}`;
}

interface SidePanelApi {
  setOptions(options: { tabId?: number; path?: string; enabled?: boolean }): Promise<void>;
  open(options: { tabId?: number; windowId?: number }): Promise<void>;
}
interface SidebarActionApi {
  setPanel(details: { panel: string; tabId?: number }): Promise<void>;
  open(): Promise<void>;
}

export async function openFullCard(entityId: string, tab?: { id?: number; index?: number; windowId?: number }): Promise<void> {
  const path = fullCardPath(entityId);
  const api = browser as unknown as { sidePanel?: SidePanelApi; sidebarAction?: SidebarActionApi };
  try {
    if (api.sidePanel && tab?.id !== undefined) {
      // Both calls start at once, inside the user's gesture: awaiting the first would let the gesture expire.
      const options = api.sidePanel.setOptions({ tabId: tab.id, path, enabled: true });
      await Promise.all([options, api.sidePanel.open({ tabId: tab.id })]);
      return;
    }
    if (api.sidebarAction) {
      const opened = api.sidebarAction.open();
      await Promise.all([api.sidebarAction.setPanel({ panel: browser.runtime.getURL(`/${path}`), tabId: tab?.id }), opened]);
      return;
    }
  } catch {
    // Refused (no gesture, no side panel here): a tab does the same.
  }
  await browser.tabs.create({
    url: browser.runtime.getURL(`/${path}`),
    ...(tab?.index !== undefined ? { index: tab.index + 1 } : {}),
    ...(tab?.id !== undefined ? { openerTabId: tab.id } : {}),
    ...(tab?.windowId !== undefined ? { windowId: tab.windowId } : {}),
  });
}

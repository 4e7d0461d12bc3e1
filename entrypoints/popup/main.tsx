/** Popup wiring: settings, the KB overview and the active tab's mentions in; the user's changes and commands out. */
import { formatReports } from '../../lib/diagnostics';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../../components/card.css';
import '../../components/extension-page.css';
import { Popup } from '../../components/Popup';
import { readSettings, updateSettings, watchSettings } from '../../lib/ext/settings';
import { hasHostAccess, requestHostAccess, watchHostAccess } from '../../lib/ext/host-access';
import { toBackground, toContent, type KnowledgeBaseOverview, type PageMentionCount } from '../../lib/ext/messages';
import type { Settings } from '../../lib/settings';
import { reportError } from '../../lib/ext/report-error';
import { openShortcutSettings, readShortcuts, type Shortcut, shortcutSettings } from '../../lib/ext/shortcuts';

/** How often the popup asks the page again while open (pages change; the first scan may still run). */
const REFRESH_MS = 1500;

interface ActiveTab {
  id?: number;
  hostname: string;
}

/** The front tab, and its hostname as its content script sees it (the popup cannot read tab URLs itself). */
async function activeTab(): Promise<ActiveTab> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  let hostname = '';
  try {
    const url = tab?.url ? new URL(tab.url) : null;
    if (url && (url.protocol === 'http:' || url.protocol === 'https:')) hostname = url.hostname;
  } catch {
    hostname = '';
  }
  if (tab?.id !== undefined) {
    const info = await toContent.sendMessage('getPageInfo', undefined, { tabId: tab.id, frameId: 0 }).catch(() => null);
    if (info && typeof info.hostname === 'string') hostname = info.hostname;
  }
  return { id: tab?.id, hostname };
}

function sameMentions(a: PageMentionCount[] | null | undefined, b: PageMentionCount[] | null | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((m, i) => m.entity === b[i]!.entity && m.count === b[i]!.count);
}

function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [overview, setOverview] = useState<KnowledgeBaseOverview | null | undefined>(undefined);
  const [tab, setTab] = useState<ActiveTab | null>(null);
  const [mentions, setMentions] = useState<PageMentionCount[] | null | undefined>(undefined);
  const [hostAccess, setHostAccess] = useState(true);
  const [shortcuts, setShortcuts] = useState<Shortcut[]>([]);

  useEffect(() => void readShortcuts().then(setShortcuts), []);

  useEffect(() => {
    void hasHostAccess().then(setHostAccess);
    return watchHostAccess(setHostAccess);
  }, []);

  useEffect(() => {
    void readSettings().then(setSettings);
    void activeTab().then(setTab);
    toBackground
      .sendMessage('getOverview', undefined)
      .then((o) => setOverview(o ?? null))
      .catch((error) => {
        reportError('overview', error);
        setOverview(null);
      });
    return watchSettings(setSettings);
  }, []);

  // Ask the page what it mentions now, again after each settings change (marks come and go with them),
  // and every little while, since pages change.
  useEffect(() => {
    if (!tab) return;
    const tabId = tab.id;
    if (tabId === undefined) {
      setMentions(null);
      return;
    }
    let live = true;
    const ask = () =>
      toContent
        .sendMessage('getPageMentions', undefined, { tabId, frameId: 0 })
        .then((list) => list ?? [])
        .catch(() => null)
        .then((list) => {
          if (live) setMentions((old) => (sameMentions(old, list) ? old : list));
        });
    void ask();
    // The page applies a settings change on its own storage event; give it a moment before asking.
    const soon = setTimeout(ask, 150);
    const timer = setInterval(ask, REFRESH_MS);
    return () => {
      live = false;
      clearTimeout(soon);
      clearInterval(timer);
    };
  }, [tab, settings, hostAccess]);

  if (!settings || overview === undefined || !tab) return null;
  const tabId = tab.id;
  return (
    <Popup
      settings={settings}
      hostname={tab.hostname}
      overview={overview}
      mentions={mentions}
      hostAccess={hostAccess}
      onAllowAccess={() => void requestHostAccess()}
      onChange={(change) => void updateSettings(change)}
      loadCard={async (id) => {
        // The popup asks for a card only to show it: its facts count as seen from now on.
        const card = await toBackground.sendMessage('getEntityCard', id);
        if (card) void toBackground.sendMessage('cardShown', id).catch((error) => reportError('card shown', error));
        return card;
      }}
      onShowOnPage={async (id) => (tabId === undefined ? false : toContent.sendMessage('showMention', id, { tabId, frameId: 0 }))}
      notesHref="/notes.html"
      // One dashboard: an open one comes to the front instead of a second.
      onOpenNotes={() => void toBackground.sendMessage('openDashboard', undefined).catch((error) => reportError('open dashboard', error))}
      autoFocusSearch
      shortcuts={shortcuts}
      shortcutSettings={shortcutSettings}
      onChangeShortcuts={() => void openShortcutSettings()}
      diagnostics={{
        load: async () =>
          formatReports(await toBackground.sendMessage('getDiagnostics', undefined), {
            version: browser.runtime.getManifest().version,
            userAgent: navigator.userAgent,
          }),
        copy: (text) => navigator.clipboard.writeText(text),
      }}
    />
  );
}

/** The popup's width in CSS px (components/extension-page.css). */
const POPUP_WIDTH = 372;

/**
 * Reflow when zoomed in (WCAG 1.4.10). The browser sizes an action popup to its content, up to a
 * largest size: a width that follows the window would shrink the popup itself, so the popup keeps its
 * 372 px until it is drawn narrower than that (zoomed past what the largest popup holds), and then
 * flows into the width it has. Opened in a tab, it always flows.
 */
async function reflowWhenNarrow(): Promise<void> {
  const root = document.documentElement;
  if (await browser.tabs.getCurrent().catch(() => undefined)) {
    root.classList.add('fluid');
    return;
  }
  let settled = false;
  const check = () => {
    if (settled) root.classList.toggle('fluid', innerWidth < POPUP_WIDTH);
  };
  addEventListener('resize', check);
  // The popup grows to its content over its first frames; only after that is a narrow window the browser's limit.
  addEventListener('load', () =>
    setTimeout(() => {
      settled = true;
      check();
    }, 400),
  );
}

void reflowWhenNarrow();
render(<App />, document.getElementById('app')!);

/** Popup wiring: reads settings and the active tab's mentions, and writes the user's changes back. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../../components/extension-page.css';
import { Popup } from '../../components/Popup';
import { readSettings, updateSettings, watchSettings } from '../../lib/ext/settings';
import { toContent, type PageMentionCount } from '../../lib/ext/messages';
import type { Settings } from '../../lib/settings';

async function activeTab(): Promise<{ id?: number; hostname: string }> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  let hostname = '';
  try {
    hostname = tab?.url ? new URL(tab.url).hostname : '';
  } catch {
    hostname = '';
  }
  return { id: tab?.id, hostname };
}

function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [tab, setTab] = useState<{ id?: number; hostname: string }>({ hostname: '' });
  const [mentions, setMentions] = useState<PageMentionCount[] | null>(null);

  useEffect(() => {
    void readSettings().then(setSettings);
    void activeTab().then(setTab);
    return watchSettings(setSettings);
  }, []);

  useEffect(() => {
    if (tab.id === undefined) return;
    toContent
      .sendMessage('getPageMentions', undefined, tab.id)
      .then((list) => setMentions(list ?? []))
      .catch(() => setMentions(null));
  }, [tab.id, settings]);

  if (!settings) return null;
  return (
    <Popup
      settings={settings}
      hostname={tab.hostname}
      mentions={mentions}
      onChange={(change) => void updateSettings(() => change)}
    />
  );
}

render(<App />, document.getElementById('app')!);

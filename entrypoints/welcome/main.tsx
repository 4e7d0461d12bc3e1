/** First-run page wiring: the shortcuts as the browser has them, and the ways on from here. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../../components/extension-page.css';
import '../../components/welcome.css';
import { Welcome } from '../../components/Welcome';
import { toBackground } from '../../lib/ext/messages';
import { reportError } from '../../lib/ext/report-error';
import { openShortcutSettings, readShortcuts, type Shortcut, shortcutSettings } from '../../lib/ext/shortcuts';

function App() {
  const [shortcuts, setShortcuts] = useState<Shortcut[]>([]);
  useEffect(() => {
    void readShortcuts().then(setShortcuts);
    // A shortcut set in the browser's settings shows when the reader comes back to this tab.
    const again = () => document.visibilityState === 'visible' && void readShortcuts().then(setShortcuts);
    document.addEventListener('visibilitychange', again);
    return () => document.removeEventListener('visibilitychange', again);
  }, []);
  return (
    <Welcome
      shortcuts={shortcuts}
      shortcutSettings={shortcutSettings}
      onChangeShortcuts={() => void openShortcutSettings()}
      onOpenNotes={() => void toBackground.sendMessage('openDashboard', undefined).catch((error) => reportError('open dashboard', error))}
      iconUrl="/icons/icon-48.png"
      iconOffUrl="/icons/icon-off-16.png"
    />
  );
}

render(<App />, document.getElementById('app')!);

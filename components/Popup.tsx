/** The popup: switches and what Backstory found on the current page. Props in, callbacks out. */
import type { PageMentionCount } from '../lib/ext/messages';
import type { Settings } from '../lib/settings';
import { Switch } from './Switch';

export interface PopupProps {
  settings: Settings;
  /** Hostname of the current tab; empty where Backstory cannot run (browser pages). */
  hostname: string;
  /** Mentions on the current page, or null when the page cannot be asked. */
  mentions: PageMentionCount[] | null;
  onChange(change: Partial<Settings>): void;
}

export function Popup({ settings, hostname, mentions, onChange }: PopupProps) {
  const siteOn = !settings.disabledSites.includes(hostname);
  return (
    <main class="popup">
      <header class="popup-header">
        <h1>Backstory</h1>
        <Switch label="Backstory" checked={settings.enabled} onChange={(enabled) => onChange({ enabled })} />
      </header>
      {hostname && (
        <section class="popup-row">
          <Switch
            label="Backstory on this site"
            description={hostname}
            checked={siteOn}
            disabled={!settings.enabled}
            onChange={(on) =>
              onChange({
                disabledSites: on
                  ? settings.disabledSites.filter((h) => h !== hostname)
                  : [...settings.disabledSites, hostname],
              })
            }
          />
        </section>
      )}
      <section class="popup-section" aria-labelledby="on-this-page">
        <h2 id="on-this-page">On this page</h2>
        {mentions === null ? (
          <p class="muted">Backstory cannot read this page.</p>
        ) : mentions.length === 0 ? (
          <p class="muted">Nothing from the knowledge base on this page.</p>
        ) : (
          <ul class="mention-list">
            {mentions.map((m) => (
              <li key={m.entity} data-entity={m.entity}>
                <span>{m.entity}</span> <span class="count">{m.count}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

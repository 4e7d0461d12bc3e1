/**
 * The first-run page: what Backstory does, where to find it and its shortcuts as the browser has them.
 * Props in, callbacks out (entrypoints/welcome/main.tsx).
 */
import type { Shortcut, ShortcutSettings } from '../lib/ext/shortcuts';
import { Keys, keysOf, Shortcuts } from './Shortcuts';

export interface WelcomeProps {
  shortcuts: readonly Shortcut[];
  shortcutSettings: ShortcutSettings;
  onChangeShortcuts?(): void;
  onOpenNotes(): void;
  /** Where the page's images are (the extension's icons). */
  iconUrl: string;
  iconOffUrl: string;
}

export function Welcome({ shortcuts, shortcutSettings, onChangeShortcuts, onOpenNotes, iconUrl, iconOffUrl }: WelcomeProps) {
  const next = keysOf(shortcuts, 'next-mention');
  const addNote = keysOf(shortcuts, 'add-note');
  return (
    <main class="welcome">
      <header class="welcome-header">
        <img src={iconUrl} alt="" width={48} height={48} />
        <div>
          <h1>Backstory is ready</h1>
          <p class="lead">
            Background on the people, organisations, places and events a page names: who they are, what happened when, and where it comes
            from. Everything runs in your browser; Backstory makes no network requests.
          </p>
        </div>
      </header>

      <section aria-labelledby="on-pages">
        <h2 id="on-pages">On the pages you read</h2>
        <p>
          Names Backstory knows are marked, like <span class="sample-mark">Sviatlana Tsikhanouskaya</span>. Rest the pointer on one to see
          its card: who it is, the latest dated facts, related names and sources. Escape closes it.
        </p>
        <p>
          From the keyboard:{' '}
          {next ? (
            <>
              press <Keys keys={next} /> to go to the next name on the page and open its card.
            </>
          ) : (
            'give “Go to the next mention” a shortcut (below), then press it to go from name to name with their cards.'
          )}
        </p>
      </section>

      <section aria-labelledby="in-toolbar">
        <h2 id="in-toolbar">In the toolbar</h2>
        <p>
          The Backstory button <img class="inline-icon" src={iconUrl} alt="" width={16} height={16} /> lists the names on the page (choose
          one to read its card or to show it on the page), searches everything Backstory knows, and switches Backstory off for a site or for
          a topic. Where Backstory is off, the button is grey <img class="inline-icon" src={iconOffUrl} alt="" width={16} height={16} />.
        </p>
      </section>

      <section aria-labelledby="notes">
        <h2 id="notes">Notes</h2>
        <p>
          Select a passage and choose “Add note to Backstory” from the right-click menu
          {addNote && (
            <>
              {' '}
              (or press <Keys keys={addNote} />)
            </>
          )}
          . Your notes stay in this browser, come back on the passage when you visit the page again, and export to Markdown, CSV and
          JSON-LD.
        </p>
        <button type="button" class="primary-button" onClick={onOpenNotes}>
          Open your notes
        </button>
      </section>

      <Shortcuts shortcuts={shortcuts} settings={shortcutSettings} onChangeShortcuts={onChangeShortcuts} headingId="keyboard-heading" />
    </main>
  );
}

/** The keyboard shortcuts as the browser has them (the user may have changed them), and where to change them. */
import { Fragment } from 'preact';
import type { Shortcut, ShortcutSettings } from '../lib/ext/shortcuts';

export interface ShortcutsProps {
  shortcuts: readonly Shortcut[];
  settings: ShortcutSettings;
  onChangeShortcuts?(): void;
  /** The heading's level and id (the popup and the dashboard put it in different places). */
  headingId: string;
  headingLevel?: 2 | 3;
  /** Folded under its heading (a disclosure), open or not at first: the dashboard's narrow side panel. */
  collapsible?: { open: boolean };
}

/** "Alt+Shift+N" as keys: <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>N</kbd>. */
export function Keys({ keys }: { keys: string }) {
  if (!keys) return <span class="muted">no key set</span>;
  const parts = keys.split('+');
  return (
    <span class="keys">
      {parts.map((key, i) => (
        <Fragment key={i}>
          {i > 0 && '+'}
          <kbd>{key}</kbd>
        </Fragment>
      ))}
    </span>
  );
}

/** The keys of one command by name, for a sentence ("press Alt+Shift+A"); '' when it has none. */
export function keysOf(shortcuts: readonly Shortcut[] | undefined, name: string): string {
  return shortcuts?.find((s) => s.name === name)?.keys ?? '';
}

export function Shortcuts({ shortcuts, settings, onChangeShortcuts, headingId, headingLevel = 2, collapsible }: ShortcutsProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const body = (
    <>
      <ul class="shortcut-list">
        {shortcuts.map((s) => (
          <li key={s.name} data-command={s.name}>
            <span class="shortcut-description">{s.description}</span>
            <Keys keys={s.keys} />
          </li>
        ))}
      </ul>
      <p class="muted small shortcut-change">
        To change them: {settings.where}.{' '}
        {onChangeShortcuts && (
          <button type="button" class="link-button" onClick={onChangeShortcuts}>
            Change shortcuts
          </button>
        )}
      </p>
    </>
  );
  if (collapsible)
    return (
      <details class="shortcuts" open={collapsible.open}>
        <summary>
          <Heading id={headingId}>Keyboard</Heading>
        </summary>
        {body}
      </details>
    );
  return (
    <section class="shortcuts" aria-labelledby={headingId}>
      <Heading id={headingId}>Keyboard</Heading>
      {body}
    </section>
  );
}

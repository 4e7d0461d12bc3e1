/**
 * "Diagnostics" under the popup's settings: the last errors Backstory recorded, as text a user can copy
 * into a bug report. Loaded when opened, so the popup pays nothing for it otherwise.
 */
import { useState } from 'preact/hooks';

export interface DiagnosticsProps {
  /** The report as plain text (lib/diagnostics.ts formatReports). */
  load(): Promise<string>;
  copy(text: string): Promise<void>;
}

export function Diagnostics({ load, copy }: DiagnosticsProps) {
  const [text, setText] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const onToggle = (event: Event) => {
    if (!(event.currentTarget as HTMLDetailsElement).open) return;
    setStatus('');
    load().then(setText, (error: unknown) => setText(`The report could not be read: ${String(error)}`));
  };
  const onCopy = () =>
    copy(text ?? '').then(
      () => setStatus('Copied.'),
      () => setStatus('Could not copy: select the text and copy it by hand.'),
    );
  return (
    <details class="popup-section diagnostics" onToggle={onToggle}>
      <summary>Diagnostics</summary>
      {text === null ? (
        <p class="muted small">Reading…</p>
      ) : (
        <>
          {/* A read-only text box: it scrolls, takes focus from the keyboard and selects for copying by hand. */}
          <textarea class="diagnostics-text" readOnly rows={6} aria-label="Error report" value={text} />
          <div class="diagnostics-actions">
            <button type="button" class="button" onClick={() => void onCopy()}>
              Copy report
            </button>
            <span class="muted small" role="status">
              {status}
            </span>
          </div>
        </>
      )}
    </details>
  );
}

/**
 * The import dialog: first the dry run's report (new, updated, unchanged, rejected with reasons),
 * then, only on confirmation, the import itself. Props in, callbacks out.
 *
 * A native modal <dialog> (showModal): the page behind it is inert, so Tab stays inside, and Escape
 * closes it. It takes the focus as it opens and keeps it when its buttons change between stages;
 * the caller puts the focus back on the control that opened it.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ImportResult } from '../lib/ext/notes-store';

export type ImportStage =
  | { stage: 'checking'; fileName: string }
  | { stage: 'report'; fileName: string; result: ImportResult }
  | { stage: 'importing'; fileName: string }
  | { stage: 'done'; fileName: string; result: ImportResult };

export interface NotesImportProps {
  state: ImportStage;
  onConfirm(): void;
  onClose(): void;
}

function Counts({ result }: { result: ImportResult }) {
  if (!result.report) return null;
  const r = result.report;
  return (
    <>
      <ul class="import-counts">
        <li>
          <strong data-count="new">{r.new}</strong> new
        </li>
        <li>
          <strong data-count="updated">{r.updated}</strong> updated
        </li>
        <li>
          <strong data-count="unchanged">{r.unchanged}</strong> unchanged
        </li>
        <li>
          <strong data-count="rejected">{r.rejected.length}</strong> rejected
        </li>
        {r.pins > 0 && (
          <li>
            <strong data-count="pins">{r.pins}</strong> new pins
          </li>
        )}
      </ul>
      {r.rejected.length > 0 && (
        <details class="import-rejected" open={r.rejected.length <= 10}>
          <summary>Why {r.rejected.length === 1 ? 'one annotation was' : `${r.rejected.length} annotations were`} rejected</summary>
          <ol>
            {r.rejected.slice(0, 500).map((rej) => (
              <li key={`${rej.index}:${rej.id ?? ''}`}>
                {rej.index >= 0 ? `#${rej.index + 1}` : ''} {rej.id ? <code>{rej.id}</code> : null}: {rej.reason}
              </li>
            ))}
          </ol>
          {r.rejected.length > 500 && <p class="muted">…and {r.rejected.length - 500} more.</p>}
        </details>
      )}
    </>
  );
}

export function NotesImport({ state, onConfirm, onClose }: NotesImportProps) {
  const result = state.stage === 'report' || state.stage === 'done' ? state.result : null;
  const writable = result?.ok && result.report ? result.report.new + result.report.updated + result.report.pins : 0;
  const dialog = useRef<HTMLDialogElement>(null);

  useLayoutEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal?.();
  }, []);
  // Each stage draws other buttons: when the focused one went away, or the check has just finished (its
  // only button was Cancel), the focus goes to the next thing to do.
  const stageBefore = useRef<ImportStage['stage'] | null>(null);
  useLayoutEffect(() => {
    const el = dialog.current;
    const checked = stageBefore.current === 'checking';
    stageBefore.current = state.stage;
    if (!el || (el.contains(document.activeElement) && !checked)) return;
    (el.querySelector<HTMLElement>('.modal-actions .primary') ?? el.querySelector<HTMLElement>('.modal-actions button'))?.focus();
  }, [state.stage]);

  return (
    <dialog
      class="modal"
      ref={dialog}
      aria-labelledby="import-title"
      onCancel={(event) => {
        // Escape: the dialog is the caller's to close (it is drawn from the caller's state).
        event.preventDefault();
        if (state.stage !== 'importing') onClose();
      }}
    >
      <h2 id="import-title">Import {state.fileName}</h2>
      {state.stage === 'checking' && <p role="status">Checking the file…</p>}
      {state.stage === 'importing' && <p role="status">Importing…</p>}
      {result && !result.ok && (
        <p class="error" role="alert">
          {state.stage === 'report' ? 'Nothing was imported. ' : ''}
          {result.error}
        </p>
      )}
      {result?.ok && state.stage === 'report' && (
        <p role="status">
          {writable > 0 ? 'A dry run found this. Nothing has changed yet.' : 'Nothing in this file would change your notes.'}
        </p>
      )}
      {result?.ok && state.stage === 'done' && <p role="status">Imported.</p>}
      {result && <Counts result={result} />}
      <div class="modal-actions">
        {state.stage === 'report' && result?.ok && writable > 0 && (
          <button type="button" class="button primary" onClick={onConfirm}>
            Import {result.report.new + result.report.updated} note{result.report.new + result.report.updated === 1 ? '' : 's'}
          </button>
        )}
        <button type="button" class="button" onClick={onClose}>
          {state.stage === 'checking' || (state.stage === 'report' && result?.ok && writable > 0) ? 'Cancel' : 'Close'}
        </button>
      </div>
    </dialog>
  );
}

/**
 * The import dialog: first the dry run's report (new, updated, unchanged, rejected with reasons),
 * then, only on confirmation, the import itself. Props in, callbacks out.
 *
 * The modal frame, its focus and Escape are DryRunDialog's, shared with the pack import.
 */
import type { ImportResult } from '../lib/ext/notes-store';
import { DryRunDialog, type DryRunStage } from './DryRunDialog';

export type ImportStage = DryRunStage<ImportResult>;

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
  const notes = result?.ok ? result.report.new + result.report.updated : 0;
  return (
    <DryRunDialog
      stage={state.stage}
      title={`Import ${state.fileName}`}
      titleId="import-title"
      checking="Checking the file…"
      importing="Importing…"
      confirm={result?.ok && writable > 0 ? `Import ${notes} note${notes === 1 ? '' : 's'}` : undefined}
      onConfirm={onConfirm}
      onClose={onClose}
    >
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
    </DryRunDialog>
  );
}

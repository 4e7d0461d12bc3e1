/**
 * The pack import dialog, as the notes import dialog (components/NotesImport.tsx) works: first the dry run's
 * report (new, updated, unchanged and removed entities, rejected ones with their reasons, spellings that other
 * entities already have), then, only on confirmation, the import. A native modal <dialog>: the page behind it is
 * inert, Escape closes it, the focus moves to the next thing to do as the stages change.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { PackImportResult } from '../lib/ext/packs-store';
import type { PackImportReport } from '../lib/packs/plan';

export type PackImportStage =
  | { stage: 'checking'; fileName: string }
  | { stage: 'report'; fileName: string; result: PackImportResult }
  | { stage: 'importing'; fileName: string }
  | { stage: 'done'; fileName: string; result: PackImportResult };

export interface PackImportProps {
  state: PackImportStage;
  onConfirm(): void;
  onClose(): void;
}

const SHOWN = 200;

function Report({ report }: { report: PackImportReport }) {
  const name = (id: string) => report.names[id] ?? id;
  return (
    <>
      <p class="pack-import-title">
        <strong>{report.title}</strong> <span class="muted">({report.id})</span>, version {report.version}, as of {report.asOf}
        {report.replaces !== undefined && <> — replaces the installed version {report.replaces}</>}
      </p>
      <ul class="import-counts">
        <li>
          <strong data-count="new">{report.new}</strong> new
        </li>
        <li>
          <strong data-count="updated">{report.updated}</strong> updated
        </li>
        <li>
          <strong data-count="unchanged">{report.unchanged}</strong> unchanged
        </li>
        {report.removed > 0 && (
          <li>
            <strong data-count="removed">{report.removed}</strong> removed
          </li>
        )}
        <li>
          <strong data-count="rejected">{report.rejected.length}</strong> rejected
        </li>
      </ul>
      {report.rejected.length > 0 && (
        <details class="import-rejected" open={report.rejected.length <= 10}>
          <summary>Why {report.rejected.length === 1 ? 'one entity was' : `${report.rejected.length} entities were`} rejected</summary>
          <ol>
            {report.rejected.slice(0, SHOWN).map((r) => (
              <li key={r.index}>
                #{r.index + 1} {r.id && <code>{r.id}</code>}: {r.reason}
              </li>
            ))}
          </ol>
          {report.rejected.length > SHOWN && <p class="muted">…and {report.rejected.length - SHOWN} more.</p>}
        </details>
      )}
      {report.clashes.length > 0 && (
        <details class="import-rejected pack-clashes" open={report.clashes.length <= 10}>
          <summary>
            {report.clashes.length === 1 ? 'One spelling is' : `${report.clashes.length} spellings are`} also another entity's
          </summary>
          <ul>
            {report.clashes.map((c) => (
              <li key={`${c.entity} ${c.other}`}>
                “{c.spelling}”: {name(c.entity)} and {name(c.other)}{' '}
                <span class="muted">{c.pageDecides ? '(the page decides between them)' : '(both claim it: the first installed wins)'}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

export function PackImport({ state, onConfirm, onClose }: PackImportProps) {
  const result = state.stage === 'report' || state.stage === 'done' ? state.result : null;
  const report = result?.ok ? result.report : null;
  const writable = report ? report.new + report.updated + report.removed + (report.replaces === undefined ? 1 : 0) : 0;
  const dialog = useRef<HTMLDialogElement>(null);

  useLayoutEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal?.();
  }, []);
  const stageBefore = useRef<PackImportStage['stage'] | null>(null);
  useLayoutEffect(() => {
    const el = dialog.current;
    const checked = stageBefore.current === 'checking';
    stageBefore.current = state.stage;
    if (!el || (el.contains(document.activeElement) && !checked)) return;
    (el.querySelector<HTMLElement>('.modal-actions .primary') ?? el.querySelector<HTMLElement>('.modal-actions button'))?.focus();
  }, [state.stage]);

  return (
    <dialog
      class="modal pack-import"
      ref={dialog}
      aria-labelledby="pack-import-title"
      onCancel={(event) => {
        event.preventDefault();
        if (state.stage !== 'importing') onClose();
      }}
    >
      <h2 id="pack-import-title">Import pack {state.fileName}</h2>
      {state.stage === 'checking' && <p role="status">Checking the pack…</p>}
      {state.stage === 'importing' && <p role="status">Installing…</p>}
      {result && !result.ok && (
        <p class="error" role="alert">
          Nothing was imported: {result.error}
        </p>
      )}
      {report && state.stage === 'report' && (
        <p role="status">{writable > 0 ? 'A dry run found this. Nothing has changed yet.' : 'This pack is installed already, as it is.'}</p>
      )}
      {report && state.stage === 'done' && <p role="status">Installed. Open tabs mark its names now.</p>}
      {report && <Report report={report} />}
      <div class="modal-actions">
        {state.stage === 'report' && report && writable > 0 && (
          <button type="button" class="button primary" onClick={onConfirm}>
            {report.replaces === undefined ? 'Install' : 'Update'} the pack ({report.new + report.updated + report.unchanged} entities)
          </button>
        )}
        <button type="button" class="button" onClick={onClose}>
          {state.stage === 'checking' || (state.stage === 'report' && writable > 0) ? 'Cancel' : 'Close'}
        </button>
      </div>
    </dialog>
  );
}

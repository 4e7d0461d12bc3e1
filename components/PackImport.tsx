/**
 * The pack import dialog, as the notes import dialog (components/NotesImport.tsx) works: first the dry run's
 * report (new, updated, unchanged and removed entities, rejected ones with their reasons, spellings that other
 * entities already have), then, only on confirmation, the import. The modal frame, its focus and Escape are
 * DryRunDialog's.
 */
import type { PackImportResult } from '../lib/ext/packs-store';
import type { PackImportReport } from '../lib/packs/plan';
import { DryRunDialog, type DryRunStage } from './DryRunDialog';

export type PackImportStage = DryRunStage<PackImportResult>;

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
  return (
    <DryRunDialog
      stage={state.stage}
      title={`Import pack ${state.fileName}`}
      titleId="pack-import-title"
      class="pack-import"
      checking="Checking the pack…"
      importing="Installing…"
      confirm={
        report && writable > 0
          ? `${report.replaces === undefined ? 'Install' : 'Update'} the pack (${report.new + report.updated + report.unchanged} entities)`
          : undefined
      }
      onConfirm={onConfirm}
      onClose={onClose}
    >
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
    </DryRunDialog>
  );
}

/**
 * The dashboard's "Packs and your entities": the reader's own entities (add, edit, delete, export as a pack) and
 * the topic packs (import, export, remove; the bundled knowledge base is listed as the pack it is). Props in,
 * callbacks out.
 */
import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import type { PackSummary } from '../lib/ext/packs-store';
import type { PackEntity } from '../lib/packs/schema';
import { formatPartialDate, TYPE_LABELS } from './format';

export interface PacksPanelProps {
  packs: readonly PackSummary[] | null;
  personal: readonly PackEntity[];
  onImportFile(file: File): void;
  onExport(id: string): void;
  onRemove(id: string): void;
  onAddEntity(): void;
  onEditEntity(id: string): void;
  onDeleteEntity(id: string): void;
  /** The "Import a pack…" file input, to take the focus back when the import dialog closes. */
  importRef?: Ref<HTMLInputElement>;
}

/** A button that asks once more before it acts: a second press within the same focus confirms. */
function ConfirmButton(props: { label: string; confirm: string; onConfirm(): void }) {
  const [asking, setAsking] = useState(false);
  return (
    <button
      type="button"
      class="button danger"
      aria-label={asking ? props.confirm : undefined}
      onBlur={() => setAsking(false)}
      onClick={() => {
        if (asking) props.onConfirm();
        setAsking(!asking);
      }}
    >
      {asking ? 'Press again to confirm' : props.label}
    </button>
  );
}

export function PacksPanel(props: PacksPanelProps) {
  const personalPack = props.packs?.find((p) => p.kind === 'personal');
  return (
    <section class="packs-panel" aria-labelledby="packs-panel-title">
      <h2 id="packs-panel-title">Packs and your entities</h2>

      <section aria-labelledby="own-entities-title">
        <div class="section-row">
          <h3 id="own-entities-title">Your entities ({props.personal.length})</h3>
          <button type="button" class="button primary" onClick={props.onAddEntity}>
            Add an entity…
          </button>
        </div>
        {props.personal.length === 0 ? (
          <p class="muted">
            People, organisations and places the knowledge base does not know: select a name on a page and choose “Add to Backstory…”, or
            add one here. Backstory marks them on every page, in every spelling you give.
          </p>
        ) : (
          <ul class="own-entities">
            {props.personal.map((e) => (
              <li key={e.id} data-own-entity={e.id}>
                <div>
                  <strong>{e.name}</strong> <span class="muted small">{TYPE_LABELS[e.type] ?? e.type}</span>
                  {e.extends && <span class="muted small"> · adds to {e.extends.replace(/^backstory\//, '')}</span>}
                  <p class="muted small">{e.description}</p>
                </div>
                <div class="row-actions">
                  <button type="button" class="button" aria-label={`Edit ${e.name}`} onClick={() => props.onEditEntity(e.id)}>
                    Edit
                  </button>
                  <ConfirmButton
                    label="Delete"
                    confirm={`Delete ${e.name}: press again to confirm`}
                    onConfirm={() => props.onDeleteEntity(e.id)}
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
        {props.personal.length > 0 && (
          <button type="button" class="button" onClick={() => props.onExport(personalPack?.id ?? 'personal')}>
            Export your entities as a pack
          </button>
        )}
      </section>

      <section aria-labelledby="packs-title">
        <div class="section-row">
          <h3 id="packs-title">Topic packs</h3>
          <label class="button import-button">
            Import a pack…
            <input
              ref={props.importRef}
              type="file"
              accept=".json,application/json"
              aria-label="Import a pack"
              onChange={(e) => {
                const input = e.currentTarget as HTMLInputElement;
                const file = input.files?.[0];
                if (file) props.onImportFile(file);
                input.value = '';
              }}
            />
          </label>
        </div>
        <p class="muted small">
          A pack is one JSON file of a topic's people, spellings and dated facts, made to pass from one reader to another.
        </p>
        {props.packs === null ? (
          <p class="muted">Loading…</p>
        ) : (
          <ul class="pack-list">
            {props.packs
              .filter((p) => p.kind !== 'personal')
              .map((p) => (
                <li key={p.id} data-pack={p.id}>
                  <div>
                    <strong>{p.title}</strong> <span class="muted small">{p.id}</span>
                    <p class="muted small">
                      Version {p.version} · as of {formatPartialDate(p.asOf)} · {p.entities.toLocaleString()} entities ·{' '}
                      {p.topics.map((t) => t.label).join(', ')}
                    </p>
                    {p.description && <p class="small">{p.description}</p>}
                  </div>
                  <div class="row-actions">
                    <button type="button" class="button" aria-label={`Export ${p.title}`} onClick={() => props.onExport(p.id)}>
                      Export
                    </button>
                    {p.kind === 'installed' && (
                      <ConfirmButton
                        label="Remove"
                        confirm={`Remove ${p.title}: press again to confirm`}
                        onConfirm={() => props.onRemove(p.id)}
                      />
                    )}
                  </div>
                </li>
              ))}
          </ul>
        )}
      </section>
    </section>
  );
}

/**
 * The dashboard's packs and the reader's own entities, wired to the background (which stores them, lib/ext/
 * packs-store.ts): the list, the import dialog with its dry run, exports, and the entity form.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { EntityForm } from '../../components/EntityForm';
import type { NotesView } from '../../components/NotesApp';
import { PackImport, type PackImportStage } from '../../components/PackImport';
import { PacksPanel } from '../../components/PacksPanel';
import { type KnowledgeBaseOverview, toBackground } from '../../lib/ext/messages';
import type { PackSummary } from '../../lib/ext/packs-store';
import { type EntityFormState, emptyForm, entityFromForm, formFromEntity } from '../../lib/packs/form';
import { PERSONAL_PACK } from '../../lib/packs/ids';
import { LIMITS } from '../../lib/packs/limits';
import { newEntityId, PERSONAL_TOPIC } from '../../lib/packs/personal';
import type { PackEntity } from '../../lib/packs/schema';
import { download } from './download';

type KnowledgeView = Extract<NotesView, { kind: 'packs' | 'entity-form' }>;

interface Options {
  overview: KnowledgeBaseOverview | null;
  onView(view: NotesView): void;
  /** The installed knowledge changed: names and topics elsewhere in the dashboard are read again. */
  onChanged(): void;
  onError(message: string): void;
}

const message = (e: unknown) => String(e instanceof Error ? e.message : e);

export function useKnowledge({ overview, onView, onChanged, onError }: Options): (view: KnowledgeView) => preact.ComponentChild {
  const [packs, setPacks] = useState<PackSummary[] | null>(null);
  const [personal, setPersonal] = useState<PackEntity[]>([]);
  const [importState, setImportState] = useState<PackImportStage | null>(null);
  const importText = useRef('');
  const importRef = useRef<HTMLInputElement>(null);

  const refresh = () => {
    toBackground.sendMessage('listPacks', undefined).then(setPacks, (e) => onError(`Backstory could not list the packs: ${message(e)}`));
    toBackground
      .sendMessage('personalEntities', undefined)
      .then(setPersonal, (e) => onError(`Backstory could not read your entities: ${message(e)}`));
  };
  useEffect(refresh, []);
  const changed = () => {
    refresh();
    onChanged();
  };

  // The import dialog closed: the focus goes back to "Import a pack…", which opened it.
  const importWasOpen = useRef(false);
  useLayoutEffect(() => {
    if (importWasOpen.current && !importState) importRef.current?.focus();
    importWasOpen.current = importState !== null;
  }, [importState]);

  const idFor = (form: EntityFormState) => form.id || newEntityId(form.name, new Set(personal.map((e) => e.id)));
  const entityOf = (form: EntityFormState) => entityFromForm(form, idFor(form));

  const importFile = (file: File) => {
    if (file.size > LIMITS.fileChars * 4) {
      // Refused unread: a file this size cannot be within the limit even as plain ASCII text.
      setImportState({
        stage: 'report',
        fileName: file.name,
        result: {
          ok: false,
          error: `the file is ${(file.size / 2 ** 20).toFixed(1)} MB; a pack may be at most ${LIMITS.fileChars / 2 ** 20} MB`,
        },
      });
      return;
    }
    setImportState({ stage: 'checking', fileName: file.name });
    file
      .text()
      .then((text) => {
        importText.current = text;
        return toBackground.sendMessage('importPack', { text, dryRun: true });
      })
      .then(
        (result) => setImportState({ stage: 'report', fileName: file.name, result }),
        (e) => setImportState({ stage: 'report', fileName: file.name, result: { ok: false, error: message(e) } }),
      );
  };

  const exportPack = (id: string) =>
    toBackground.sendMessage('exportPack', id).then(
      (text) =>
        text === null
          ? onError(`There is no pack "${id}".`)
          : download(text, `${id === PERSONAL_PACK ? 'my-entities' : id}.backstory-pack.json`, 'application/json'),
      (e) => onError(`The export failed: ${message(e)}`),
    );

  const topics = () => {
    const titles = new Map((overview?.packs ?? []).map((p) => [p.id, p.title]));
    const list = (overview?.topics ?? []).map((t) => ({ id: t.id, name: t.name, packTitle: titles.get(t.pack) ?? t.pack }));
    const own = `${PERSONAL_PACK}/${PERSONAL_TOPIC}`;
    return list.some((t) => t.id === own) ? list : [{ id: own, name: 'My entities', packTitle: 'My entities' }, ...list];
  };

  return (view) => {
    if (view.kind === 'entity-form') {
      const editing = view.id ? personal.find((e) => e.id === view.id) : undefined;
      const initial = editing ? formFromEntity(editing) : { ...emptyForm(view.name ?? ''), extends: view.extends ?? '' };
      return (
        <EntityForm
          key={view.id ?? `new:${view.name ?? ''}:${view.extends ?? ''}`}
          initial={initial}
          topics={topics()}
          entities={(overview?.entities ?? [])
            .filter((e) => !e.id.startsWith(`${PERSONAL_PACK}/`))
            .sort((a, b) => a.name.localeCompare(b.name))}
          suggest={(form) =>
            toBackground.sendMessage('suggestSpellings', {
              text: form.name.trim(),
              lang: form.lang || undefined,
              type: form.type,
              gender: form.gender || undefined,
            })
          }
          // The check is of the spellings: what else the form lacks is said when saving.
          check={(form) =>
            toBackground.sendMessage(
              'checkEntity',
              entityOf({ ...form, description: form.description.trim() || '-', summary: '', facts: [] }),
            )
          }
          onSave={async (form) => {
            const result = await toBackground.sendMessage('saveEntity', entityOf(form));
            if (result.ok) {
              changed();
              onView({ kind: 'packs' });
            }
            return result;
          }}
          onCancel={() => onView({ kind: 'packs' })}
        />
      );
    }
    return (
      <>
        <PacksPanel
          packs={packs}
          personal={personal}
          importRef={importRef}
          onImportFile={importFile}
          onExport={(id) => void exportPack(id)}
          onRemove={(id) =>
            void toBackground.sendMessage('removePack', id).then(changed, (e) => onError(`The pack could not be removed: ${message(e)}`))
          }
          onAddEntity={() => onView({ kind: 'entity-form' })}
          onEditEntity={(id) => onView({ kind: 'entity-form', id })}
          onDeleteEntity={(id) =>
            void toBackground
              .sendMessage('deleteEntity', id)
              .then(changed, (e) => onError(`The entity could not be deleted: ${message(e)}`))
          }
        />
        {importState && (
          <PackImport
            state={importState}
            onConfirm={() => {
              const fileName = importState.fileName;
              setImportState({ stage: 'importing', fileName });
              toBackground.sendMessage('importPack', { text: importText.current, dryRun: false }).then(
                (result) => {
                  setImportState({ stage: 'done', fileName, result });
                  changed();
                },
                (e) => setImportState({ stage: 'done', fileName, result: { ok: false, error: message(e) } }),
              );
            }}
            onClose={() => {
              importText.current = '';
              setImportState(null);
            }}
          />
        )}
      </>
    );
  };
}

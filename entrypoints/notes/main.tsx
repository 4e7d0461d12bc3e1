/**
 * The notes dashboard (notes.html; also the side panel / sidebar): reads the notes store directly
 * and follows its changes; every change goes to the background, the store's single writer. Typed
 * text that is not saved yet is kept in this page's localStorage, so closing the tab or a failed
 * save never loses it. In the side panel it also follows the front tab (that page's notes first) and
 * takes what the background sends it to show (lib/ext/notes-panel.ts).
 */
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import '../../components/card.css';
import '../../components/notes.css';
import { NotesApp, type NotesView } from '../../components/NotesApp';
import type { ImportStage } from '../../components/NotesImport';
import { toBackground, type KnowledgeBaseOverview } from '../../lib/ext/messages';
import { readWorkbenchInChunks, watchWorkbench, type Workbench } from '../../lib/ext/notes-store';
import type { Note, NoteBody, StoredDraft } from '../../lib/notes/model';
import type { EntityInfo } from '../../lib/notes/query';
import { openShortcutSettings, readShortcuts, type Shortcut, shortcutSettings } from '../../lib/ext/shortcuts';
import { type ActivePage, currentWindowId, isInPanel, takePanelTargets, watchActivePage } from '../../lib/ext/notes-panel';
import { reportError } from '../../lib/ext/report-error';
import { download } from './download';
import { useKnowledge } from './knowledge';

const UNSAVED_KEY = 'backstory-unsaved-notes';

function readUnsaved(): Map<string, NoteBody> {
  try {
    return new Map(Object.entries(JSON.parse(localStorage.getItem(UNSAVED_KEY) ?? '{}') as Record<string, NoteBody>));
  } catch {
    return new Map();
  }
}

function writeUnsaved(unsaved: Map<string, NoteBody>): void {
  try {
    localStorage.setItem(UNSAVED_KEY, JSON.stringify(Object.fromEntries(unsaved)));
  } catch {
    // localStorage full or off: the text is still on screen
  }
}

function hashTarget(): { draft?: string; note?: string; entity?: string; addEntity?: string; packs?: boolean } {
  const params = new URLSearchParams(location.hash.slice(1));
  return {
    draft: params.get('draft') ?? undefined,
    note: params.get('note') ?? undefined,
    entity: params.get('entity') ?? undefined,
    addEntity: params.get('add-entity') ?? undefined,
    packs: params.has('packs'),
  };
}

interface Data {
  notes: Map<string, Note>;
  anchors: Workbench['anchors'];
  pins: Workbench['pins'];
  unreadable: number;
}

function App() {
  const [data, setData] = useState<Data | null>(null);
  const [overview, setOverview] = useState<KnowledgeBaseOverview | null>(null);
  const [view, setView] = useState<NotesView>({ kind: 'none' });
  const [draft, setDraft] = useState<StoredDraft | null>(null);
  const [unsaved, setUnsaved] = useState(readUnsaved);
  const [importState, setImportState] = useState<ImportStage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const importText = useRef('');
  const loadOverview = () => void toBackground.sendMessage('getOverview', undefined).then(setOverview, () => setOverview(null));
  const [shortcuts, setShortcuts] = useState<Shortcut[]>([]);
  /** In the side panel: the page of the front tab (null: not a web page); undefined in a dashboard tab. */
  const [activePage, setActivePage] = useState<ActivePage | null | undefined>(undefined);

  useEffect(() => {
    void readShortcuts().then(setShortcuts);
    // Shortcuts changed in the browser's settings show when the reader comes back to this tab.
    const again = () => document.visibilityState === 'visible' && void readShortcuts().then(setShortcuts);
    document.addEventListener('visibilitychange', again);
    return () => document.removeEventListener('visibilitychange', again);
  }, []);

  useEffect(() => {
    // Changes that arrive while the notes are still being read win over the (older) slices read later.
    const touched = new Set<string>();
    let loading = true;
    const stop = watchWorkbench((change) => {
      if (loading) {
        for (const id of change.notes.keys()) touched.add(`note:${id}`);
        for (const id of change.anchors.keys()) touched.add(`anchor:${id}`);
        if (change.pins) touched.add('pins');
      }
      setData((current) => {
        const base = current ?? { notes: new Map(), anchors: new Map(), pins: [], unreadable: 0 };
        const notes = change.notes.size > 0 ? new Map(base.notes) : base.notes;
        for (const [id, note] of change.notes) note ? notes.set(id, note) : notes.delete(id);
        const anchors = change.anchors.size > 0 ? new Map(base.anchors) : base.anchors;
        for (const [id, state] of change.anchors) state ? anchors.set(id, state) : anchors.delete(id);
        return { ...base, notes, anchors, pins: change.pins ?? base.pins };
      });
    });
    readWorkbenchInChunks((chunk, progress) => {
      setProgress(progress.loaded < progress.total ? progress : null);
      setData((current) => {
        const base = current ?? { notes: new Map(), anchors: new Map(), pins: [], unreadable: 0 };
        const notes = new Map(base.notes);
        for (const note of chunk.notes) if (!touched.has(`note:${note.id}`)) notes.set(note.id, note);
        const anchors = chunk.anchors.size > 0 ? new Map(base.anchors) : base.anchors;
        for (const [id, state] of chunk.anchors) if (!touched.has(`anchor:${id}`)) anchors.set(id, state);
        const pins = chunk.pins.length > 0 && !touched.has('pins') ? chunk.pins : base.pins;
        // The last read is the whole store: its count of unreadable records is the count.
        return { notes, anchors, pins, unreadable: chunk.unreadable.length };
      });
    }).then(
      () => {
        loading = false;
        touched.clear();
        setProgress(null);
      },
      (e) => setError(`Backstory could not read your notes: ${e instanceof Error ? e.message : String(e)}`),
    );
    loadOverview();
    return stop;
  }, []);

  // #draft=<id> opens a new note; #note=<id> shows one; #entity=<id> shows an entity's full card.
  useEffect(() => {
    const route = () => {
      const target = hashTarget();
      if (target.entity) setView({ kind: 'entity', id: target.entity, focusHeading: true });
      else if (target.draft) {
        void toBackground.sendMessage('getDraft', target.draft).then((d) => {
          if (d) {
            setDraft(d);
            setView({ kind: 'draft' });
          } else setError('This draft note was already saved or discarded.');
        });
      } else if (target.note) setView({ kind: 'note', id: target.note });
      else if (target.addEntity !== undefined) setView({ kind: 'entity-form', name: target.addEntity });
      else if (target.packs) setView({ kind: 'packs' });
    };
    route();
    addEventListener('hashchange', route);
    // In the side panel: what the background sends to show, and the front tab's page.
    const stops: (() => void)[] = [];
    let live = true;
    void (async () => {
      if (!(await isInPanel())) return;
      const windowId = await currentWindowId();
      if (!live) return;
      document.documentElement.classList.add('in-panel');
      stops.push(
        takePanelTargets(windowId, (hash) => {
          history.replaceState(null, '', hash);
          route();
        }),
        watchActivePage(windowId, setActivePage),
      );
    })().catch((error) => reportError('notes panel', error));
    return () => {
      live = false;
      removeEventListener('hashchange', route);
      for (const stop of stops) stop();
    };
  }, []);

  useEffect(() => {
    writeUnsaved(unsaved);
    const warn = (e: BeforeUnloadEvent) => {
      if (unsaved.size > 0) e.preventDefault();
    };
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, [unsaved]);

  const entities = useMemo(
    () => new Map<string, EntityInfo>((overview?.entities ?? []).map((e) => [e.id, { name: e.name, topics: e.topics }])),
    [overview],
  );
  const notes = useMemo(() => (data ? [...data.notes.values()] : []), [data?.notes]);

  const forget = (id: string) =>
    setUnsaved((u) => {
      if (!u.has(id)) return u;
      const next = new Map(u);
      next.delete(id);
      return next;
    });

  const showView = (next: NotesView) => {
    setView(next);
    const hash =
      next.kind === 'note'
        ? `#note=${encodeURIComponent(next.id)}`
        : next.kind === 'entity'
          ? `#entity=${encodeURIComponent(next.id)}`
          : next.kind === 'draft' && draft
            ? `#draft=${encodeURIComponent(draft.id)}`
            : next.kind === 'packs'
              ? '#packs'
              : '';
    history.replaceState(null, '', hash || location.pathname);
  };

  const renderKnowledge = useKnowledge({ overview, onView: showView, onChanged: loadOverview, onError: setError });

  if (!data) return <p class="loading">{error ?? 'Loading notes…'}</p>;
  return (
    <NotesApp
      notes={notes}
      anchors={data.anchors}
      pins={data.pins}
      unreadable={data.unreadable}
      entities={entities}
      topics={overview?.topics ?? []}
      draft={draft}
      view={view}
      onView={showView}
      unsaved={unsaved}
      onBodyChange={(id, body) => setUnsaved((u) => new Map(u).set(id, body))}
      onSave={async (request) => {
        const result = await toBackground.sendMessage('saveNote', request);
        if (result.ok) {
          const note = result.note;
          forget(request.draftId ?? note.id);
          setData((d) => (d ? { ...d, notes: new Map(d.notes).set(note.id, note) } : d));
          if (request.draftId) {
            setDraft(null);
            setView({ kind: 'note', id: note.id });
            history.replaceState(null, '', `#note=${encodeURIComponent(note.id)}`);
          }
        }
        return result;
      }}
      onDelete={async (id) => {
        const result = await toBackground.sendMessage('deleteNote', id);
        if (result.ok) forget(id);
        return result;
      }}
      onRestore={(note) => toBackground.sendMessage('restoreNote', note)}
      onDiscardDraft={() => {
        if (draft) forget(draft.id);
        setDraft(null);
        showView({ kind: 'none' });
      }}
      onOpenPassage={(id) => void toBackground.sendMessage('openPassage', id).catch((e) => setError(String(e)))}
      onPin={(entity) => void toBackground.sendMessage('pinEntity', entity).catch((e) => setError(String(e)))}
      onUnpin={(entity) => void toBackground.sendMessage('unpinEntity', entity).catch((e) => setError(String(e)))}
      onNewEntityNote={(entity) =>
        void toBackground.sendMessage('newDraft', { entity }).then((d) => {
          setDraft(d);
          setView({ kind: 'draft' });
          history.replaceState(null, '', `#draft=${encodeURIComponent(d.id)}`);
        })
      }
      loadCard={(entity) => toBackground.sendMessage('getEntityCard', entity)}
      onCardShown={(entity) => void toBackground.sendMessage('cardShown', entity).catch((e) => setError(String(e)))}
      currentPage={activePage}
      onExport={(format) => {
        const date = new Date().toISOString().slice(0, 10);
        const files = {
          jsonld: [`backstory-notes-${date}.jsonld`, 'application/ld+json'],
          markdown: [`backstory-notes-${date}.md`, 'text/markdown'],
          csv: [`backstory-notes-${date}.csv`, 'text/csv'],
          csl: [`backstory-references-${date}.json`, 'application/vnd.citationstyles.csl+json'],
          ris: [`backstory-references-${date}.ris`, 'application/x-research-info-systems'],
        } as const;
        toBackground.sendMessage('exportNotes', format).then(
          (text) => download(text, files[format][0], files[format][1]),
          (e) => setError(`The export failed: ${e instanceof Error ? e.message : String(e)}`),
        );
      }}
      onImportFile={(file) => {
        setImportState({ stage: 'checking', fileName: file.name });
        file
          .text()
          .then((text) => {
            importText.current = text;
            return toBackground.sendMessage('importNotes', { text, dryRun: true });
          })
          .then(
            (result) => setImportState({ stage: 'report', fileName: file.name, result }),
            (e) =>
              setImportState({
                stage: 'report',
                fileName: file.name,
                result: { ok: false, error: String(e instanceof Error ? e.message : e) },
              }),
          );
      }}
      importState={importState}
      onImportConfirm={() => {
        const fileName = importState?.fileName ?? '';
        setImportState({ stage: 'importing', fileName });
        toBackground.sendMessage('importNotes', { text: importText.current, dryRun: false }).then(
          (result) => setImportState({ stage: 'done', fileName, result }),
          (e) => setImportState({ stage: 'done', fileName, result: { ok: false, error: String(e instanceof Error ? e.message : e) } }),
        );
      }}
      onImportClose={() => {
        importText.current = '';
        setImportState(null);
      }}
      error={error}
      loading={progress}
      shortcuts={shortcuts}
      shortcutSettings={shortcutSettings}
      onChangeShortcuts={() => void openShortcutSettings()}
      renderKnowledge={renderKnowledge}
    />
  );
}

render(<App />, document.getElementById('app')!);

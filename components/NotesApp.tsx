/**
 * The notes dashboard: pins, notes, search, filters, the note being read or written, import and
 * export. Holds only view state (filters, sort, the undo toast); the data and every change come
 * through props and callbacks (entrypoints/notes/main.tsx wires them to the background).
 */
import type { ComponentChild } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { EntityCard } from '../lib/ext/messages';
import type { ExportFormat } from '../lib/notes/export';
import type { SaveNoteRequest, SaveResult } from '../lib/ext/notes-store';
import type { Shortcut, ShortcutSettings } from '../lib/ext/shortcuts';
import { noteFromDraft, type AnchorState, type Note, type NoteBody, type Pin, type StoredDraft } from '../lib/notes/model';
import {
  EMPTY_FILTER,
  facets,
  filterNotes,
  indexNote,
  SORTS,
  sortNotes,
  type EntityInfo,
  type NoteFilter,
  type SortKey,
} from '../lib/notes/query';
import { type TimelineFact, timelineEvents } from '../lib/notes/timeline';
import { canonicalUrl } from '../lib/notes/url';
import { PERSONAL_PACK } from '../lib/packs/ids';
import { Card } from './Card';
import { Timeline } from './Timeline';
import { FilterSelect } from './FilterSelect';
import { NoteEditor } from './NoteEditor';
import { NotesImport, type ImportStage } from './NotesImport';
import { NotesList } from './NotesList';
import { Keys, keysOf, Shortcuts } from './Shortcuts';

export type NotesView =
  | { kind: 'none' }
  | { kind: 'note'; id: string }
  | { kind: 'draft' }
  /** `focusHeading`: the card was asked for from elsewhere ("Full card" on a page): the focus goes to its name. */
  | { kind: 'entity'; id: string; focusHeading?: boolean }
  /** Packs and the reader's own entities (components/PacksPanel.tsx). */
  | { kind: 'packs' }
  /**
   * The form for an entity of the reader's own: a new one (with a name to start from, and the entity it adds
   * spellings and facts to, if any) or one to edit.
   */
  | { kind: 'entity-form'; id?: string; name?: string; extends?: string };

export interface NotesAppProps {
  notes: readonly Note[];
  anchors: ReadonlyMap<string, AnchorState>;
  pins: readonly Pin[];
  /** Records that could not be read (newer format, damaged): kept in storage, counted here. */
  unreadable: number;
  entities: ReadonlyMap<string, EntityInfo>;
  topics: readonly { id: string; name: string }[];
  draft: StoredDraft | null;
  view: NotesView;
  onView(view: NotesView): void;
  /** Typed, unsaved text by note id (and by draft id). */
  unsaved: ReadonlyMap<string, NoteBody>;
  onBodyChange(id: string, body: NoteBody): void;
  onSave(request: SaveNoteRequest): Promise<SaveResult>;
  onDelete(id: string): Promise<{ ok: true; note: Note } | { ok: false; error: string }>;
  onRestore(note: Note): Promise<SaveResult>;
  onDiscardDraft(): void;
  onOpenPassage(id: string): void;
  onPin(entity: string): void;
  onUnpin(entity: string): void;
  onNewEntityNote(entity: string): void;
  loadCard(entity: string): Promise<EntityCard | null>;
  /** The entity's card is on screen: its facts count as seen from now on. */
  onCardShown?(entity: string): void;
  /** In the side panel: the page in the front tab, whose notes come first (null: not a web page). */
  currentPage?: { url: string; title: string } | null;
  onExport(format: ExportFormat): void;
  onImportFile(file: File): void;
  importState: ImportStage | null;
  onImportConfirm(): void;
  onImportClose(): void;
  /** A problem to show at the top (the store could not be read, an export failed). */
  error?: string | null;
  /** While a large store is still being read: how far it got. */
  loading?: { loaded: number; total: number } | null;
  /** Backstory's keyboard shortcuts as the browser has them now, and where to change them. */
  shortcuts?: readonly Shortcut[];
  shortcutSettings?: ShortcutSettings;
  onChangeShortcuts?(): void;
  /** What the detail pane shows for the packs views (entrypoints/notes/knowledge.tsx draws it). */
  renderKnowledge?(view: Extract<NotesView, { kind: 'packs' | 'entity-form' }>): ComponentChild;
}

const EMPTY_BODY: NoteBody = { text: '', format: 'text/plain', tags: [] };

function EntityPanel(props: {
  id: string;
  pinned: boolean;
  name: string;
  count: number;
  loadCard: NotesAppProps['loadCard'];
  onPin(): void;
  onUnpin(): void;
  onNewNote(): void;
  onShowNotes(): void;
  onShown(): void;
  onSelectRelated(id: string): void;
  /** "Add your own spellings or facts" to this entity (where the reader's own entities can be written). */
  onExtend?(): void;
  onBack?(): void;
  focusHeading?: boolean;
}) {
  const [card, setCard] = useState<EntityCard | null | undefined>(undefined);
  const host = useRef<HTMLDivElement>(null);
  const headingId = `card-${props.id}`;
  // Opened from a page's "Full card": the reader lands on the card's name, where reading starts.
  useEffect(() => {
    if (!props.focusHeading || !card) return;
    const heading = host.current?.querySelector<HTMLElement>(`#${CSS.escape(headingId)}`);
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [card, props.focusHeading, headingId]);
  useEffect(() => {
    let live = true;
    setCard(undefined);
    props.loadCard(props.id).then(
      (c) => {
        if (!live) return;
        setCard(c);
        if (c) props.onShown();
      },
      () => live && setCard(null),
    );
    return () => {
      live = false;
    };
  }, [props.id]);
  return (
    <section class="entity-panel" aria-label={props.name}>
      {props.onBack && (
        <button type="button" class="link-button back" onClick={props.onBack}>
          ← All notes
        </button>
      )}
      <div class="editor-actions">
        {props.pinned ? (
          <button type="button" class="button" onClick={props.onUnpin}>
            Unpin
          </button>
        ) : (
          <button type="button" class="button" onClick={props.onPin}>
            Pin
          </button>
        )}
        <button type="button" class="button primary" onClick={props.onNewNote}>
          Add a note on {props.name}
        </button>
        <button type="button" class="button" onClick={props.onShowNotes} disabled={props.count === 0}>
          {props.count} note{props.count === 1 ? '' : 's'}
        </button>
        {props.onExtend && (
          <button type="button" class="button" onClick={props.onExtend}>
            Add your own spellings or facts…
          </button>
        )}
      </div>
      <div class="card-host" ref={host}>
        {card === undefined ? (
          <p class="muted">Loading the card…</p>
        ) : card ? (
          <Card card={card} headingId={headingId} onSelectRelated={props.onSelectRelated} />
        ) : (
          <p class="muted">Backstory's knowledge base has no card for “{props.id}”.</p>
        )}
      </div>
    </section>
  );
}

/** "2 new": facts added to a pinned entity since its card was last shown. */
function NewFactsBadge({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <span class="new-badge" title={`${count} fact${count === 1 ? '' : 's'} new since you last looked`}>
      {count} new<span class="visually-hidden"> since you last looked</span>
    </span>
  );
}

/** The cards of the pinned entities (for the timeline's facts), read once per pin as pins come and go. */
function usePinnedCards(
  pins: readonly Pin[],
  loadCard: NotesAppProps['loadCard'],
): { cards: ReadonlyMap<string, EntityCard>; loading: boolean; failed: number } {
  const [cards, setCards] = useState<ReadonlyMap<string, EntityCard>>(new Map());
  const [pending, setPending] = useState(0);
  const [failed, setFailed] = useState(0);
  const key = pins.map((p) => p.entity).join(' ');
  useEffect(() => {
    const ids = new Set(key.split(' ').filter(Boolean));
    setCards((current) => new Map([...current].filter(([id]) => ids.has(id))));
    let live = true;
    const missing = [...ids].filter((id) => !cards.has(id));
    setPending((n) => n + missing.length);
    for (const id of missing)
      loadCard(id)
        .then(
          (card) => live && card && setCards((current) => new Map(current).set(id, card)),
          // Shown in the timeline ("could not read…"); the background has reported the cause.
          () => live && setFailed((n) => n + 1),
        )
        .finally(() => setPending((n) => n - 1));
    return () => {
      live = false;
    };
  }, [key]);
  return { cards, loading: pending > 0, failed };
}

export function NotesApp(props: NotesAppProps) {
  const { notes, anchors, pins, entities, view } = props;
  const [filter, setFilter] = useState<NoteFilter>(EMPTY_FILTER);
  const [sort, setSort] = useState<SortKey>('modified');
  const [toast, setToast] = useState<{ message: string; note?: Note } | null>(null);
  const [pinChoice, setPinChoice] = useState('');
  const [mode, setMode] = useState<'notes' | 'timeline'>('notes');
  // Pinned entities whose card was shown here: their "new" facts are seen now.
  const [lookedAt, setLookedAt] = useState<ReadonlySet<string>>(new Set());
  const pinnedCards = usePinnedCards(pins, props.loadCard);
  // In the narrow side panel the filters start folded away.
  const [filtersOpen] = useState(() => typeof matchMedia !== 'function' || !matchMedia('(max-width: 640px)').matches);
  // Focus that must land somewhere when what held it goes away (a deleted note, a closed dialog, "All notes").
  const [focusEditor, setFocusEditor] = useState<string | null>(null);
  const [pendingFocus, setPendingFocus] = useState<{ index: number; id?: string; skip?: string } | null>(null);
  const [listFocus, setListFocus] = useState<{ id?: string; index?: number } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const importRef = useRef<HTMLInputElement>(null);

  const entityName = (id: string) => entities.get(id)?.name ?? id;
  const indexed = useMemo(() => notes.map((n) => indexNote(n, entities)), [notes, entities]);
  const pageUrl = props.currentPage ? canonicalUrl(props.currentPage.url) : null;
  const onPage = (note: Note) => pageUrl !== null && !!note.target && canonicalUrl(note.target.source) === pageUrl;
  const shown = useMemo(() => {
    const sorted = sortNotes(filterNotes(indexed, filter, entities, anchors), sort).map((i) => i.note);
    // In the side panel, the notes on the page beside it come first (in the chosen order among themselves).
    return pageUrl === null ? sorted : [...sorted.filter(onPage), ...sorted.filter((n) => !onPage(n))];
  }, [indexed, filter, sort, entities, anchors, pageUrl]);
  const onPageCount = useMemo(() => (pageUrl === null ? 0 : shown.filter(onPage).length), [shown, pageUrl]);
  const options = useMemo(() => facets(indexed), [indexed]);
  const byId = useMemo(() => new Map(notes.map((n) => [n.id, n])), [notes]);
  const pinned = new Set(pins.map((p) => p.entity));
  const orphanCount = useMemo(() => notes.filter((n) => anchors.get(n.id)?.status === 'orphaned').length, [notes, anchors]);
  const unsavedIds = useMemo(() => new Set(props.unsaved.keys()), [props.unsaved]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 10_000);
    return () => clearTimeout(timer);
  }, [toast]);

  // The focus goes back to the list once the list has what it should land on (the store answers later).
  useEffect(() => {
    if (!pendingFocus) return;
    if (pendingFocus.skip && shown.some((n) => n.id === pendingFocus.skip)) return;
    setPendingFocus(null);
    if (shown.length === 0) searchRef.current?.focus();
    else setListFocus({ id: pendingFocus.id, index: Math.min(pendingFocus.index, shown.length - 1) });
  }, [pendingFocus, shown]);

  // The import dialog closed: the focus goes back to "Import…", which opened it.
  const importWasOpen = useRef(false);
  useLayoutEffect(() => {
    if (importWasOpen.current && !props.importState) importRef.current?.focus();
    importWasOpen.current = props.importState !== null;
  }, [props.importState]);

  const set = (change: Partial<NoteFilter>) => setFilter((f) => ({ ...f, ...change }));
  const filtered = JSON.stringify(filter) !== JSON.stringify(EMPTY_FILTER);
  const back = () => {
    const id = view.kind === 'note' ? view.id : undefined;
    setPendingFocus({
      index: Math.max(
        0,
        shown.findIndex((n) => n.id === id),
      ),
      id,
    });
    props.onView({ kind: 'none' });
  };

  const remove = async (id: string) => {
    const index = shown.findIndex((n) => n.id === id);
    const result = await props.onDelete(id);
    if (result.ok) {
      setToast({ message: 'Note deleted.', note: result.note });
      // The focus goes to the note that took the deleted one's place (or the search box when none is left).
      setPendingFocus({ index: Math.max(0, index), skip: id });
      props.onView({ kind: 'none' });
    } else setToast({ message: result.error });
  };

  let detail = null;
  if (view.kind === 'draft' && props.draft) {
    const draft = props.draft;
    const preview = noteFromDraft(draft, EMPTY_BODY, draft.created);
    detail = (
      <NoteEditor
        key={draft.id}
        mode="new"
        note={preview}
        initialBody={props.unsaved.get(draft.id) ?? EMPTY_BODY}
        entityName={entityName}
        onBodyChange={(b) => props.onBodyChange(draft.id, b)}
        onSave={(body) => props.onSave({ draftId: draft.id, body })}
        onDiscard={props.onDiscardDraft}
        onEntity={(id) => props.onView({ kind: 'entity', id })}
        onBack={back}
      />
    );
  } else if (view.kind === 'note') {
    const note = byId.get(view.id);
    detail = note ? (
      <NoteEditor
        key={`${note.id}`}
        mode="edit"
        note={note}
        anchor={anchors.get(note.id)}
        initialBody={props.unsaved.get(note.id) ?? note.body}
        entityName={entityName}
        onBodyChange={(b) => props.onBodyChange(note.id, b)}
        onSave={(body, force, baseModified) => props.onSave({ id: note.id, body, baseModified, force })}
        onDelete={() => void remove(note.id)}
        onOpenPassage={() => props.onOpenPassage(note.id)}
        onEntity={(id) => props.onView({ kind: 'entity', id })}
        onBack={back}
        autoFocus={focusEditor === note.id}
        onAutoFocused={() => setFocusEditor(null)}
      />
    ) : (
      <p class="empty">This note is not here (deleted, or not loaded yet).</p>
    );
  } else if (view.kind === 'packs' || view.kind === 'entity-form') {
    detail = props.renderKnowledge?.(view) ?? null;
  } else if (view.kind === 'entity') {
    const id = view.id;
    detail = (
      <EntityPanel
        id={id}
        name={entityName(id)}
        pinned={pinned.has(id)}
        count={notes.filter((n) => n.entities.includes(id)).length}
        loadCard={props.loadCard}
        onPin={() => props.onPin(id)}
        onUnpin={() => props.onUnpin(id)}
        onNewNote={() => props.onNewEntityNote(id)}
        onShowNotes={() => set({ entity: id })}
        onShown={() => {
          setLookedAt((ids) => new Set(ids).add(id));
          props.onCardShown?.(id);
        }}
        onSelectRelated={(related) => props.onView({ kind: 'entity', id: related, focusHeading: true })}
        onExtend={
          // The reader's own entities are edited as they are; any other gets a new one that adds to it.
          props.renderKnowledge
            ? () =>
                props.onView(
                  id.startsWith(`${PERSONAL_PACK}/`)
                    ? { kind: 'entity-form', id: id.slice(PERSONAL_PACK.length + 1) }
                    : { kind: 'entity-form', name: entityName(id), extends: id },
                )
            : undefined
        }
        focusHeading={view.focusHeading}
        onBack={back}
      />
    );
  }

  const timeline = useMemo(() => {
    const facts: TimelineFact[] = [];
    for (const card of pinnedCards.cards.values()) {
      const sources = new Map(card.entity.sources.map((s) => [s.id, { publisher: s.publisher, url: s.url }]));
      for (const fact of card.entity.facts)
        facts.push({
          entity: card.entity.id,
          date: fact.date,
          text: fact.text,
          sources: fact.sources.flatMap((id) => sources.get(id) ?? []),
        });
    }
    return timelineEvents(facts, notes);
  }, [pinnedCards.cards, notes]);

  const entityOptions = [...new Set([...options.entities])].sort((a, b) => entityName(a).localeCompare(entityName(b)));
  const allEntities = [...entities.entries()].filter(([id]) => !pinned.has(id)).sort((a, b) => a[1].name.localeCompare(b[1].name));

  return (
    <div class={`notes-app${view.kind !== 'none' ? ' has-detail' : ''}`}>
      <header class="notes-header">
        <h1>Backstory notes</h1>
        <input
          ref={searchRef}
          type="search"
          class="search"
          aria-label="Search notes"
          placeholder="Search notes, quotes, pages, tags, names…"
          value={filter.text}
          onInput={(e) => set({ text: (e.currentTarget as HTMLInputElement).value })}
        />
        <div class="header-actions">
          <span class="muted export-label">Export</span>
          <button
            type="button"
            class="button"
            onClick={() => props.onExport('jsonld')}
            title="W3C Web Annotation JSON-LD (for re-import and other annotation tools)"
          >
            JSON-LD
          </button>
          <button
            type="button"
            class="button"
            onClick={() => props.onExport('markdown')}
            title="Markdown, grouped by page (Obsidian, Logseq, Notion)"
          >
            Markdown
          </button>
          <button type="button" class="button" onClick={() => props.onExport('csv')} title="CSV (spreadsheets)">
            CSV
          </button>
          <button
            type="button"
            class="button"
            onClick={() => props.onExport('csl')}
            title="CSL-JSON references: each page a web page with your notes, each pinned entity an entry (Zotero, citation processors)"
          >
            CSL-JSON
          </button>
          <button
            type="button"
            class="button"
            onClick={() => props.onExport('ris')}
            title="RIS references: each page a web page with your notes attached, each pinned entity an entry (Zotero, Mendeley, EndNote)"
          >
            RIS
          </button>
          <label class="button import-button">
            Import…
            <input
              ref={importRef}
              type="file"
              accept=".json,.jsonld,application/json,application/ld+json"
              aria-label="Import notes"
              onChange={(e) => {
                const input = e.currentTarget as HTMLInputElement;
                const file = input.files?.[0];
                if (file) props.onImportFile(file);
                input.value = '';
              }}
            />
          </label>
        </div>
      </header>
      {props.error && (
        <p class="error banner" role="alert">
          {props.error}
        </p>
      )}
      {props.unreadable > 0 && (
        <p class="banner" role="status">
          {props.unreadable} stored note{props.unreadable === 1 ? '' : 's'} could not be read (saved by a newer Backstory, or damaged). They
          are kept untouched.
        </p>
      )}

      <div class="notes-body">
        <aside class="sidebar" aria-label="Pins and filters">
          <section class="pins" aria-label="Pinned">
            <h2>Pinned</h2>
            {pins.length === 0 && <p class="muted small">Pin people and organisations from their card, or here.</p>}
            <ul class="pin-list">
              {pins.map((p) => (
                <li key={p.entity} data-pin={p.entity}>
                  <button
                    type="button"
                    class={`pin${view.kind === 'entity' && view.id === p.entity ? ' selected' : ''}`}
                    onClick={() => props.onView({ kind: 'entity', id: p.entity })}
                  >
                    {entityName(p.entity)}
                    <NewFactsBadge count={lookedAt.has(p.entity) ? 0 : (pinnedCards.cards.get(p.entity)?.newFacts?.length ?? 0)} />
                  </button>
                  <button
                    type="button"
                    class="pin-remove"
                    aria-label={`Unpin ${entityName(p.entity)}`}
                    title="Unpin"
                    onClick={() => props.onUnpin(p.entity)}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
            <div class="pin-add">
              <select
                aria-label="Entity to pin"
                value={pinChoice}
                onChange={(e) => setPinChoice((e.currentTarget as HTMLSelectElement).value)}
              >
                <option value="">Pin an entity…</option>
                {allEntities.map(([id, info]) => (
                  <option key={id} value={id}>
                    {info.name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                class="button"
                disabled={!pinChoice}
                onClick={() => {
                  props.onPin(pinChoice);
                  setPinChoice('');
                }}
              >
                Pin
              </button>
            </div>
          </section>

          {props.renderKnowledge && (
            <section class="knowledge-links" aria-labelledby="knowledge-heading">
              <h2 id="knowledge-heading">Knowledge</h2>
              <button
                type="button"
                class={`pin${view.kind === 'packs' ? ' selected' : ''}`}
                aria-current={view.kind === 'packs' ? 'page' : undefined}
                onClick={() => props.onView({ kind: 'packs' })}
              >
                Packs and your entities
              </button>
              <button type="button" class="pin" onClick={() => props.onView({ kind: 'entity-form' })}>
                Add an entity…
              </button>
            </section>
          )}

          <details class="filters" open={filtersOpen} hidden={mode === 'timeline'}>
            <summary>
              <h2>Filters</h2>
            </summary>
            <label class="field">
              <span>Show</span>
              <select
                value={filter.kind}
                onChange={(e) => set({ kind: (e.currentTarget as HTMLSelectElement).value as NoteFilter['kind'] })}
              >
                <option value="">All notes</option>
                <option value="passage">Passage notes</option>
                <option value="entity">Entity notes</option>
                <option value="orphaned">Passage not found ({orphanCount})</option>
              </select>
            </label>
            <FilterSelect
              label="Entity"
              value={filter.entity}
              onChange={(entity) => set({ entity })}
              options={entityOptions.map((id) => ({ value: id, label: entityName(id) }))}
            />
            <FilterSelect
              label="Topic"
              value={filter.topic}
              onChange={(topic) => set({ topic })}
              options={props.topics.map((t) => ({ value: t.id, label: t.name }))}
            />
            <FilterSelect
              label="Site"
              value={filter.site}
              onChange={(site) => set({ site })}
              options={options.sites.map((site) => ({ value: site, label: site }))}
            />
            <FilterSelect
              label="Tag"
              value={filter.tag}
              onChange={(tag) => set({ tag })}
              options={options.tags.map((tag) => ({ value: tag, label: `#${tag}` }))}
            />
            <div class="field-row">
              <label class="field">
                <span>From</span>
                <input type="date" value={filter.from} onInput={(e) => set({ from: (e.currentTarget as HTMLInputElement).value })} />
              </label>
              <label class="field">
                <span>To</span>
                <input type="date" value={filter.to} onInput={(e) => set({ to: (e.currentTarget as HTMLInputElement).value })} />
              </label>
            </div>
            <label class="field">
              <span>Sort</span>
              <select value={sort} onChange={(e) => setSort((e.currentTarget as HTMLSelectElement).value as SortKey)}>
                {Object.entries(SORTS).map(([key, label]) => (
                  <option key={key} value={key}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            {filtered && (
              <button type="button" class="link-button" onClick={() => setFilter(EMPTY_FILTER)}>
                Clear search and filters
              </button>
            )}
          </details>
          {props.shortcuts && props.shortcuts.length > 0 && props.shortcutSettings && (
            <Shortcuts
              shortcuts={props.shortcuts}
              settings={props.shortcutSettings}
              onChangeShortcuts={props.onChangeShortcuts}
              headingId="keyboard-heading"
              collapsible={{ open: filtersOpen }}
            />
          )}
        </aside>

        <main class="list-pane">
          <fieldset class="view-switch">
            <legend class="visually-hidden">View</legend>
            <button type="button" aria-pressed={mode === 'notes'} onClick={() => setMode('notes')}>
              Notes
            </button>
            <button type="button" aria-pressed={mode === 'timeline'} onClick={() => setMode('timeline')}>
              Timeline
            </button>
          </fieldset>
          {mode === 'timeline' ? (
            <Timeline
              events={timeline}
              entities={entities}
              topics={props.topics}
              loading={pinnedCards.loading}
              failed={pinnedCards.failed}
              hasPins={pins.length > 0}
              entityName={entityName}
              onOpenEntity={(id) => props.onView({ kind: 'entity', id })}
              onOpenNote={(id) => props.onView({ kind: 'note', id })}
            />
          ) : (
            <>
              <p class="list-count" role="status" data-count={shown.length}>
                {/* A live region: a search with no results is said aloud, not only shown. */}
                {filtered
                  ? shown.length === 0 && notes.length > 0
                    ? `None of ${notes.length} notes match`
                    : `${shown.length} of ${notes.length} notes`
                  : `${notes.length} note${notes.length === 1 ? '' : 's'}`}
                {onPageCount > 0 && ` · ${onPageCount} on this page, listed first`}
                {props.loading && ` · reading ${props.loading.loaded.toLocaleString()} of ${props.loading.total.toLocaleString()}…`}
              </p>
              {notes.length === 0 && !props.loading ? (
                <div class="empty">
                  <h2>No notes yet</h2>
                  <p>Backstory keeps your notes on passages and on people, organisations and events here, in this browser only.</p>
                  <ol class="steps">
                    <li>Select a passage on any web page.</li>
                    <li>
                      Right-click it and choose “Add note to Backstory”
                      {keysOf(props.shortcuts, 'add-note') && (
                        <>
                          , or press <Keys keys={keysOf(props.shortcuts, 'add-note')} />
                        </>
                      )}
                      .
                    </li>
                    <li>Write your note here and save it. Or use “Add note” on a name’s card, or pin a name on the left.</li>
                  </ol>
                </div>
              ) : (
                <NotesList
                  notes={shown}
                  anchors={anchors}
                  selectedId={view.kind === 'note' ? view.id : null}
                  unsaved={unsavedIds}
                  entityName={entityName}
                  onSelect={(id, how) => {
                    if (how.keyboard) setFocusEditor(id);
                    props.onView({ kind: 'note', id });
                  }}
                  focusRequest={listFocus}
                />
              )}
              {notes.length > 0 && shown.length === 0 && (
                <div class="empty no-results">
                  <p>
                    No notes match {filter.text.trim() ? `“${filter.text.trim()}”` : 'these filters'}
                    {filter.text.trim() && filtered && JSON.stringify({ ...filter, text: '' }) !== JSON.stringify(EMPTY_FILTER)
                      ? ' with these filters'
                      : ''}
                    .
                  </p>
                  <p class="muted">Search looks in the note text, the quoted passages, page titles and sites, tags and names.</p>
                  <button type="button" class="button" onClick={() => setFilter(EMPTY_FILTER)}>
                    Clear search and filters
                  </button>
                </div>
              )}
            </>
          )}
        </main>

        <section class="detail-pane" aria-label="Details">
          {detail ?? (
            <div class="empty">
              <p>Choose a note to read or edit it, or a pinned entity to see its card.</p>
            </div>
          )}
        </section>
      </div>

      {toast && (
        <div class="toast" role="status">
          <span>{toast.message}</span>
          {toast.note && (
            <button
              type="button"
              class="button"
              onClick={() => {
                const note = toast.note!;
                setToast(null);
                void props.onRestore(note).then((r) => {
                  if (r.ok) {
                    // The Undo button goes with the toast: the focus goes to the note brought back.
                    setFocusEditor(note.id);
                    props.onView({ kind: 'note', id: note.id });
                  } else setToast({ message: r.error });
                });
              }}
            >
              Undo
            </button>
          )}
          <button type="button" class="toast-close" aria-label="Dismiss" onClick={() => setToast(null)}>
            ×
          </button>
        </div>
      )}
      {props.importState && <NotesImport state={props.importState} onConfirm={props.onImportConfirm} onClose={props.onImportClose} />}
    </div>
  );
}

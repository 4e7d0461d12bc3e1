/**
 * The notes store: notes, pins, drafts and what the last visit found of each passage, in
 * browser.storage.local. It is built so that a note is never lost:
 *
 * - One writer. Only the background service worker runs `NotesStore`; content scripts and extension
 *   pages ask it by message (lib/ext/messages.ts). Extension pages may read storage directly (the
 *   reader functions at the end of this file), and never write it.
 * - One queue. Every write runs in one promise chain, one after another, so two read-modify-write
 *   steps (two tabs pinning at once, an edit racing an import) can never interleave.
 * - One record per note, under `note:<id>`. A write touches its own note's key and nothing else, so
 *   even two writers (an old service worker finishing a write while an updated one starts) could
 *   only ever meet on the same note, never clobber a different one. Pins are one small record.
 * - One storage call per change. A note and the signal that tells tabs about it go in one set(), so
 *   storage never holds half a change. An import writes its notes in batches and reports how far it
 *   got if storage fails; it only ever adds or replaces notes, so nothing already stored is lost.
 * - Versioned records. Each record carries its format version (lib/notes/migrations.ts); older
 *   records are upgraded when read and all at once after an extension update. A record that cannot
 *   be read (damaged, or written by a newer Backstory after a downgrade) is left untouched.
 * - Failures are answers. When storage is full or failing, the caller gets `{ ok: false, error }`
 *   in words, and the dashboard keeps the text on screen with the error: nothing is dropped silently.
 *
 * The store keeps one in-memory index (which notes are on which page), fed by the initial read and
 * then by storage.onChanged in the order the browser reports changes, so it also follows writes it
 * did not make. Every decision that must be exact (conflicts, imports) reads storage itself.
 */
import { browser } from 'wxt/browser';
import { parseImport } from '../notes/jsonld';
import { planImport, reportOf, type ImportReport } from '../notes/merge';
import { FORMAT_VERSION, migrateRecord, type StoredNote } from '../notes/migrations';
import {
  cleanNote,
  ENTITY_ID,
  LIMITS,
  newNoteId,
  noteFromDraft,
  noteProblems,
  normaliseTags,
  NOTE_FORMATS,
  type AnchorState,
  type Note,
  type NoteAnchorRequest,
  type NoteBody,
  type NoteDraft,
  type PassageDraft,
  type Pin,
  type StoredDraft,
} from '../notes/model';
import { canonicalUrl } from '../notes/url';
import { ANCHOR_PREFIX, DRAFT_PREFIX, NOTE_PREFIX, type NotesSignal, notesSignalRecord, pinsRecord, pinsValue } from './records';
import { reportError } from './report-error';

const PINS_KEY = pinsRecord.key;
const SIGNAL_KEY = notesSignalRecord.key;

/** The part of a storage area the store uses (browser.storage.local, or a stand-in in tests). */
export interface StorageAreaLike {
  get(keys?: null | string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
  onChanged?: { addListener(cb: (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>) => void): void };
}

export interface SaveNoteRequest {
  /** Saves a new note from this draft (the draft's id becomes the note's id). */
  draftId?: string;
  /** Or updates this note. */
  id?: string;
  body: NoteBody;
  /** The `modified` of the version being edited; if the stored note differs, the save is a conflict. */
  baseModified?: string;
  /** Save even over a newer stored version (after the user saw the conflict). */
  force?: boolean;
}

export type SaveResult = { ok: true; note: Note } | { ok: false; error: string; conflict?: Note };

export type ImportResult = { ok: true; dryRun: boolean; report: ImportReport } | { ok: false; error: string; report?: ImportReport };

export interface AnchorReport {
  id: string;
  status: AnchorState['status'];
  method?: AnchorState['method'];
}

const IMPORT_BATCH = 1000;
const DRAFT_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** A storage failure, in words a researcher can act on. */
export function storageError(error: unknown, what: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/quota|QUOTA_BYTES|full|space/i.test(message))
    return `Backstory could not ${what}: the browser's storage for Backstory is full. Export your notes, delete some, and try again. Your text is still here. (${message})`;
  return `Backstory could not ${what}: the browser refused to write (${message}). Your text is still here; try again.`;
}

export class NotesStore {
  private queue: Promise<unknown> = Promise.resolve();
  /** Note id → its page and selectors, for notesForPage; null until first needed. */
  private index: Map<string, NoteAnchorRequest & { source: string }> | null = null;
  private indexLoading: Promise<void> | null = null;
  private pendingChanges: Record<string, { newValue?: unknown }>[] = [];

  constructor(
    private readonly area: StorageAreaLike = browser.storage.local as unknown as StorageAreaLike,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {
    area.onChanged?.addListener((changes) => this.onStorageChanged(changes));
  }

  /** Runs a write after every write before it; a failed one does not stop the ones after it. */
  private run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.queue.then(job, job);
    this.queue = result.catch(() => undefined);
    return result;
  }

  // ---- pins -------------------------------------------------------------------------------

  private async readPinsRecord(): Promise<Pin[]> {
    return pinsRecord.parse((await this.area.get(PINS_KEY))[PINS_KEY]);
  }

  async getPinList(): Promise<Pin[]> {
    return this.readPinsRecord();
  }

  async getPins(): Promise<string[]> {
    return (await this.readPinsRecord()).map((p) => p.entity);
  }

  pin(entity: string): Promise<string[]> {
    return this.run(async () => {
      if (!ENTITY_ID.test(entity) || entity.length > LIMITS.entity) throw new Error('Not an entity id');
      const pins = await this.readPinsRecord();
      if (!pins.some((p) => p.entity === entity)) {
        pins.push({ entity, pinnedAt: this.now() });
        await this.area.set({ [PINS_KEY]: pinsValue(pins) });
      }
      return pins.map((p) => p.entity);
    });
  }

  unpin(entity: string): Promise<string[]> {
    return this.run(async () => {
      const pins = await this.readPinsRecord();
      const kept = pins.filter((p) => p.entity !== entity);
      if (kept.length !== pins.length) await this.area.set({ [PINS_KEY]: pinsValue(kept) });
      return kept.map((p) => p.entity);
    });
  }

  // ---- drafts -----------------------------------------------------------------------------

  /** Records a note being started (on an entity, a passage or both) and returns it; no text yet. */
  startDraft(draft: NoteDraft): Promise<StoredDraft> {
    return this.run(async () => {
      const clean = cleanDraft(draft);
      if (typeof clean === 'string') throw new Error(clean);
      const stored: StoredDraft = { ...clean, id: newNoteId(), created: this.now() };
      await this.area.set({ [DRAFT_PREFIX + stored.id]: stored });
      await this.dropOldDrafts().catch((error) => reportError('drop old drafts', error));
      return stored;
    });
  }

  async getDraft(id: string): Promise<StoredDraft | null> {
    return ((await this.area.get(DRAFT_PREFIX + id))[DRAFT_PREFIX + id] as StoredDraft | undefined) ?? null;
  }

  private async dropOldDrafts(): Promise<void> {
    const all = await this.area.get(null);
    const cutoff = Date.parse(this.now()) - DRAFT_MAX_AGE_MS;
    const old = Object.entries(all)
      .filter(([key, value]) => key.startsWith(DRAFT_PREFIX) && Date.parse((value as StoredDraft).created) < cutoff)
      .map(([key]) => key);
    if (old.length > 0) await this.area.remove(old);
  }

  // ---- notes ------------------------------------------------------------------------------

  /** One note, read from storage now (upgraded if it is old); null if there is none or it is unreadable. */
  async getNote(id: string): Promise<Note | null> {
    return this.readNote(id);
  }

  private async readNote(id: string): Promise<Note | null> {
    const raw = (await this.area.get(NOTE_PREFIX + id))[NOTE_PREFIX + id];
    if (raw === undefined) return null;
    const migrated = migrateRecord(raw);
    return migrated.ok ? migrated.record.note : null;
  }

  /** Writes notes (and the signal for their pages) in one storage call. */
  private async writeNotes(notes: Note[]): Promise<void> {
    const items: Record<string, unknown> = {};
    for (const note of notes) items[NOTE_PREFIX + note.id] = { v: FORMAT_VERSION, note } satisfies StoredNote;
    items[SIGNAL_KEY] = signalFor(notes);
    await this.area.set(items);
  }

  saveNote(request: SaveNoteRequest): Promise<SaveResult> {
    return this.run(async () => {
      const body = cleanBody(request.body);
      if (typeof body === 'string') return { ok: false, error: body };
      let note: Note;
      if (request.draftId !== undefined) {
        const draft = await this.getDraft(request.draftId);
        const existing = await this.readNote(request.draftId);
        if (existing)
          return { ok: false, error: 'This note was already saved (in another tab?). Your text is still here.', conflict: existing };
        if (!draft)
          return { ok: false, error: 'The draft of this note is gone (it was saved or discarded elsewhere). Your text is still here.' };
        note = noteFromDraft(draft, body, this.now());
      } else if (request.id !== undefined) {
        const current = await this.readNote(request.id);
        if (!current) return { ok: false, error: 'This note no longer exists (deleted in another tab?). Your text is still here.' };
        if (!request.force && request.baseModified !== undefined && current.modified !== request.baseModified)
          return {
            ok: false,
            error: 'This note was changed in another tab since you opened it. Your text is still here.',
            conflict: current,
          };
        note = { ...current, body, modified: laterThan(this.now(), current.modified) };
      } else {
        return { ok: false, error: 'Nothing to save: the request names neither a draft nor a note.' };
      }
      const problems = noteProblems(note);
      if (problems.length > 0) return { ok: false, error: `The note cannot be saved: ${problems.join('; ')}.` };
      note = cleanNote(note);
      try {
        await this.writeNotes([note]);
      } catch (error) {
        return { ok: false, error: storageError(error, 'save this note') };
      }
      if (request.draftId !== undefined) await this.area.remove(DRAFT_PREFIX + request.draftId).catch(() => undefined);
      return { ok: true, note };
    });
  }

  /** Deletes a note and hands it back, so the dashboard can offer "Undo". */
  deleteNote(id: string): Promise<{ ok: true; note: Note } | { ok: false; error: string }> {
    return this.run(async () => {
      const note = await this.readNote(id);
      if (!note) return { ok: false, error: 'This note no longer exists.' };
      try {
        await this.area.remove([NOTE_PREFIX + id, ANCHOR_PREFIX + id]);
        await this.area.set({ [SIGNAL_KEY]: signalFor([note]) });
      } catch (error) {
        return { ok: false, error: storageError(error, 'delete this note') };
      }
      return { ok: true, note };
    });
  }

  /** Puts back a deleted note exactly as it was ("Undo"); a note stored under its id since wins. */
  restoreNote(note: Note): Promise<SaveResult> {
    return this.run(async () => {
      const problems = noteProblems(note);
      if (problems.length > 0) return { ok: false, error: `The note cannot be restored: ${problems.join('; ')}.` };
      const existing = await this.readNote(note.id);
      if (existing) return { ok: true, note: existing };
      const clean = cleanNote(note);
      try {
        await this.writeNotes([clean]);
      } catch (error) {
        return { ok: false, error: storageError(error, 'restore this note') };
      }
      return { ok: true, note: clean };
    });
  }

  /** Every note and pin (for exports): reads storage itself, upgrading old records on the way. */
  async readAll(): Promise<{ notes: Note[]; pins: Pin[]; anchors: Map<string, AnchorState>; unreadable: Unreadable[] }> {
    return readWorkbench(this.area);
  }

  // ---- pages ------------------------------------------------------------------------------

  /** The passages of the notes on a page (never their text): what a content script anchors. */
  async notesForPage(url: string): Promise<NoteAnchorRequest[]> {
    const index = await this.loadIndex();
    const source = canonicalUrl(url);
    const out: NoteAnchorRequest[] = [];
    for (const entry of index.values()) if (entry.source === source) out.push({ id: entry.id, selector: entry.selector });
    return out;
  }

  private loadIndex(): Promise<Map<string, NoteAnchorRequest & { source: string }>> {
    if (this.index) return Promise.resolve(this.index);
    this.indexLoading ??= (async () => {
      const all = await this.area.get(null);
      const index = new Map<string, NoteAnchorRequest & { source: string }>();
      for (const [key, raw] of Object.entries(all)) if (key.startsWith(NOTE_PREFIX)) indexRecord(index, key, raw);
      // Changes that arrived while reading are applied after it, in order.
      for (const changes of this.pendingChanges) applyChanges(index, changes);
      this.pendingChanges = [];
      this.index = index;
    })().finally(() => (this.indexLoading = null));
    return this.indexLoading.then(() => this.index!);
  }

  private onStorageChanged(changes: Record<string, { newValue?: unknown }>): void {
    if (this.index) applyChanges(this.index, changes);
    else if (this.indexLoading) this.pendingChanges.push(changes);
  }

  /** Records what a visit found; only changes are written (a visit that finds all as before writes nothing). */
  reportAnchors(reports: AnchorReport[]): Promise<void> {
    return this.run(async () => {
      const valid = reports.filter((r) => typeof r?.id === 'string' && (r.status === 'anchored' || r.status === 'orphaned')).slice(0, 5000);
      if (valid.length === 0) return;
      const keys = valid.map((r) => ANCHOR_PREFIX + r.id);
      const noteKeys = valid.map((r) => NOTE_PREFIX + r.id);
      const [stored, notes] = await Promise.all([this.area.get(keys), this.area.get(noteKeys)]);
      const items: Record<string, AnchorState> = {};
      for (const report of valid) {
        if (notes[NOTE_PREFIX + report.id] === undefined) continue;
        const previous = stored[ANCHOR_PREFIX + report.id] as AnchorState | undefined;
        if (previous?.status === report.status && previous.method === report.method) continue;
        items[ANCHOR_PREFIX + report.id] = {
          status: report.status,
          ...(report.method ? { method: report.method } : {}),
          checked: this.now(),
        };
      }
      if (Object.keys(items).length > 0) await this.area.set(items);
    });
  }

  // ---- import -----------------------------------------------------------------------------

  /**
   * Imports a W3C Web Annotation file. With `dryRun`, only says what would happen. Either way the
   * file is checked first against the notes stored at that moment; a file that fails as a whole
   * changes nothing.
   */
  importNotes(text: string, dryRun: boolean): Promise<ImportResult> {
    return this.run(async () => {
      const parsed = parseImport(text, this.now());
      if (!parsed.ok) return { ok: false, error: parsed.error };
      const { notes, pins } = await readWorkbench(this.area);
      const plan = planImport(parsed.value, new Map(notes.map((n) => [n.id, n])), pins);
      const report = reportOf(plan);
      if (dryRun) return { ok: true, dryRun, report };
      const writes = [...plan.added, ...plan.updated];
      let written = 0;
      try {
        for (let i = 0; i < writes.length; i += IMPORT_BATCH) {
          const batch = writes.slice(i, i + IMPORT_BATCH);
          await this.writeNotes(batch);
          written += batch.length;
        }
        if (plan.pins.length > 0) await this.area.set({ [PINS_KEY]: pinsValue([...pins, ...plan.pins]) });
      } catch (error) {
        return {
          ok: false,
          error: `${storageError(error, 'finish the import')} ${written} of ${writes.length} notes were imported; no note that was already stored was lost.`,
          report,
        };
      }
      return { ok: true, dryRun, report };
    });
  }

  /** Brings every stored record to the current format (after an update). Unreadable records stay as they are. */
  upgrade(): Promise<{ upgraded: number; unreadable: number }> {
    return this.run(async () => {
      const all = await this.area.get(null);
      const items: Record<string, unknown> = {};
      let unreadable = 0;
      for (const [key, raw] of Object.entries(all)) {
        if (!key.startsWith(NOTE_PREFIX)) continue;
        const migrated = migrateRecord(raw);
        if (!migrated.ok) unreadable++;
        else if (migrated.changed) items[key] = migrated.record;
      }
      const keys = Object.keys(items);
      for (let i = 0; i < keys.length; i += IMPORT_BATCH) {
        const batch: Record<string, unknown> = {};
        for (const key of keys.slice(i, i + IMPORT_BATCH)) batch[key] = items[key];
        await this.area.set(batch);
      }
      return { upgraded: keys.length, unreadable };
    });
  }

  /** Waits for every write queued so far (tests, and shutdown-sensitive callers). */
  async idle(): Promise<void> {
    await this.queue;
  }
}

function laterThan(now: string, previous: string): string {
  // Clocks can go back; an edit must still sort after the version it replaced.
  return now > previous ? now : new Date(Date.parse(previous) + 1).toISOString();
}

function signalFor(notes: Note[]): NotesSignal {
  return { sources: [...new Set(notes.flatMap((n) => (n.target ? [n.target.source] : [])))].slice(0, 100), at: Date.now() };
}

function indexRecord(index: Map<string, NoteAnchorRequest & { source: string }>, key: string, raw: unknown): void {
  const id = key.slice(NOTE_PREFIX.length);
  const migrated = raw === undefined ? null : migrateRecord(raw);
  const note = migrated?.ok ? migrated.record.note : null;
  if (note?.target) index.set(id, { id: note.id, source: note.target.source, selector: note.target.selector });
  else index.delete(id);
}

function applyChanges(index: Map<string, NoteAnchorRequest & { source: string }>, changes: Record<string, { newValue?: unknown }>): void {
  for (const [key, change] of Object.entries(changes)) if (key.startsWith(NOTE_PREFIX)) indexRecord(index, key, change.newValue);
}

function cleanBody(body: NoteBody | undefined): NoteBody | string {
  if (!body || typeof body.text !== 'string') return 'The note has no text field.';
  if (body.text.length > LIMITS.text)
    return `The note is longer than ${LIMITS.text} characters; shorten it and save again. Your text is still here.`;
  const format = NOTE_FORMATS.includes(body.format) ? body.format : 'text/plain';
  const tags = Array.isArray(body.tags) ? normaliseTags(body.tags.filter((t) => typeof t === 'string')) : [];
  return { text: body.text, format, tags };
}

/** A draft as the store keeps it: checked field by field (it comes from a content script). */
function cleanDraft(draft: NoteDraft): NoteDraft | string {
  if (!draft || typeof draft !== 'object') return 'No draft';
  const out: NoteDraft = {};
  if (draft.entity !== undefined) {
    if (typeof draft.entity !== 'string' || !ENTITY_ID.test(draft.entity) || draft.entity.length > LIMITS.entity) return 'Not an entity id';
    out.entity = draft.entity;
  }
  if (draft.passage !== undefined) {
    const p = draft.passage;
    const text = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;
    if (
      !p ||
      !text(p.url, LIMITS.url) ||
      !text(p.exact, LIMITS.exact) ||
      !p.exact.trim() ||
      !text(p.prefix, LIMITS.context) ||
      !text(p.suffix, LIMITS.context)
    )
      return 'Not a passage';
    const numbersOk = Number.isSafeInteger(p.start) && Number.isSafeInteger(p.end) && (p.start === -1 || (p.start >= 0 && p.end > p.start));
    const entities = Array.isArray(p.entities)
      ? p.entities.filter((e) => typeof e === 'string' && ENTITY_ID.test(e)).slice(0, LIMITS.entities)
      : [];
    const passage: PassageDraft = {
      url: canonicalUrl(p.url),
      title: typeof p.title === 'string' ? p.title.slice(0, LIMITS.title) : '',
      exact: p.exact,
      prefix: p.prefix,
      suffix: p.suffix,
      start: numbersOk ? p.start : -1,
      end: numbersOk ? p.end : -1,
      entities: [...new Set(entities)],
    };
    out.passage = passage;
  }
  if (!out.entity && !out.passage) return 'A note needs an entity or a passage';
  return out;
}

// ---- readers (any extension context) --------------------------------------------------------

export interface Unreadable {
  key: string;
  reason: 'newer' | 'damaged';
  detail: string;
}

export interface Workbench {
  notes: Note[];
  pins: Pin[];
  anchors: Map<string, AnchorState>;
  unreadable: Unreadable[];
}

/** Reads everything the dashboard shows, upgrading old records as it reads them (without writing). */
export async function readWorkbench(area: StorageAreaLike = browser.storage.local as unknown as StorageAreaLike): Promise<Workbench> {
  const all = await area.get(null);
  const notes: Note[] = [];
  const anchors = new Map<string, AnchorState>();
  const unreadable: Unreadable[] = [];
  let pins: Pin[] = [];
  for (const [key, raw] of Object.entries(all)) {
    if (key.startsWith(NOTE_PREFIX)) {
      const migrated = migrateRecord(raw);
      if (migrated.ok) notes.push(migrated.record.note);
      else unreadable.push({ key, reason: migrated.reason, detail: migrated.detail });
    } else if (key.startsWith(ANCHOR_PREFIX)) {
      anchors.set(key.slice(ANCHOR_PREFIX.length), raw as AnchorState);
    } else if (key === PINS_KEY) {
      pins = pinsRecord.parse(raw);
    }
  }
  return { notes, pins, anchors, unreadable };
}

/**
 * Reads the workbench in two steps, so that a dashboard over 10,000 notes shows rows at once: a
 * first slice of notes (looked up by key), then everything in one read. (storage.local costs about
 * 0.1 ms per key looked up, and a whole read about 80 ms per MB: one small slice, then one big read,
 * is the fastest way to both the first rows and the full list.) Where storage.local.getKeys is
 * missing, it is one read.
 */
export async function readWorkbenchInChunks(
  onChunk: (chunk: Workbench, progress: { loaded: number; total: number }) => void,
  firstSlice = 150,
  area: StorageAreaLike & { getKeys?: () => Promise<string[]> } = browser.storage.local as unknown as StorageAreaLike,
): Promise<void> {
  if (typeof area.getKeys === 'function') {
    const keys = await area.getKeys();
    const notes = keys.filter((k) => k.startsWith(NOTE_PREFIX));
    if (notes.length > firstSlice) {
      const slice = [...notes.slice(0, firstSlice), ...(keys.includes(PINS_KEY) ? [PINS_KEY] : [])];
      const chunk = await readWorkbench({ get: () => area.get(slice) } as StorageAreaLike);
      onChunk(chunk, { loaded: chunk.notes.length, total: notes.length });
    }
  }
  const all = await readWorkbench(area);
  onChunk(all, { loaded: all.notes.length + all.unreadable.length, total: all.notes.length + all.unreadable.length });
}

export interface WorkbenchChange {
  notes: Map<string, Note | null>;
  anchors: Map<string, AnchorState | null>;
  pins?: Pin[];
}

/** Calls back with each change to notes, anchors or pins, as the browser reports it. */
export function watchWorkbench(callback: (change: WorkbenchChange) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, areaName: string) => {
    if (areaName !== 'local') return;
    const change: WorkbenchChange = { notes: new Map(), anchors: new Map() };
    let any = false;
    for (const [key, { newValue }] of Object.entries(changes)) {
      if (key.startsWith(NOTE_PREFIX)) {
        const migrated = newValue === undefined ? null : migrateRecord(newValue);
        change.notes.set(key.slice(NOTE_PREFIX.length), migrated?.ok ? migrated.record.note : null);
        any = true;
      } else if (key.startsWith(ANCHOR_PREFIX)) {
        change.anchors.set(key.slice(ANCHOR_PREFIX.length), (newValue as AnchorState | undefined) ?? null);
        any = true;
      } else if (key === PINS_KEY) {
        change.pins = pinsRecord.parse(newValue);
        any = true;
      }
    }
    if (any) callback(change);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

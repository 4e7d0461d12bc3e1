/**
 * Every record Backstory keeps in browser storage, declared once with the parser that reads it (as
 * aklinker1's extensions declare each key once with `storage.defineItem`). Storage is read as untrusted
 * input: a damaged or older record parses to something safe, never to an exception in a reader.
 */
import { storage } from '#imports';
import { type ErrorReport, parseReports } from '../diagnostics';
import { isPublishedMatcherData, type PublishedMatcherData } from '../match/tables';
import type { Pin } from '../notes/model';
import { DEFAULT_SETTINGS, type Settings } from '../settings';

export interface StoredRecord<T> {
  area: 'local' | 'session';
  key: string;
  parse(raw: unknown): T;
}

let settings: ReturnType<typeof defineSettingsItem> | undefined;

function defineSettingsItem() {
  return storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS, version: 1 });
}

/**
 * Settings: one versioned item, so later changes can migrate it (read through lib/ext/settings.ts). Defined on
 * first use: defining an item reads storage at once (WXT checks its version), and the content script, which
 * every frame of every page evaluates, must not pay that in a frame that has nothing to read.
 */
export function settingsItem(): ReturnType<typeof defineSettingsItem> {
  settings ??= defineSettingsItem();
  return settings;
}

/** Pinned entities, oldest first. Written only by the notes store (the background). */
export interface PinsRecord {
  v: 1;
  pins: Pin[];
}

export const pinsRecord: StoredRecord<Pin[]> = {
  area: 'local',
  key: 'pins',
  parse(raw) {
    const pins = (raw as Partial<PinsRecord> | undefined)?.pins;
    if (!Array.isArray(pins)) return [];
    return pins
      .filter((p): p is Pin => typeof p?.entity === 'string')
      .map((p) => ({ entity: p.entity, pinnedAt: typeof p.pinnedAt === 'string' ? p.pinnedAt : '' }));
  },
};

export function pinsValue(pins: Pin[]): PinsRecord {
  return { v: 1, pins };
}

/** Written with every change of notes: which pages changed, so that their tabs mark passages again. */
export interface NotesSignal {
  sources: string[];
  at: number;
}

export const notesSignalRecord: StoredRecord<NotesSignal | null> = {
  area: 'local',
  key: 'notes-signal',
  parse(raw) {
    const signal = raw as Partial<NotesSignal> | undefined;
    if (!Array.isArray(signal?.sources)) return null;
    return { sources: signal.sources.filter((s): s is string => typeof s === 'string'), at: Number(signal.at) || 0 };
  },
};

/** The last errors recorded (lib/ext/report-error.ts); session storage, so they go with the browser session. */
export const diagnosticsRecord: StoredRecord<ErrorReport[]> = {
  area: 'session',
  key: 'diagnostics',
  parse: parseReports,
};

/**
 * The compiled matcher data, published by the background for the content scripts (lib/ext/matcher-data.ts),
 * with the build's version of it: a content script of another version asks the background instead.
 * Stored as one JSON string, not as an object: every frame reads it, and the browser hands a string over
 * at copying speed, where it rebuilds an object graph value by value (with 10,000 entities of the reader's
 * own, 2 MB of tables took 233 ms per frame as an object).
 */
export interface MatcherDataRecord {
  version: string;
  data: PublishedMatcherData;
}

export const matcherDataRecord: StoredRecord<MatcherDataRecord | null> = {
  area: 'local',
  key: 'matcher-data',
  parse(raw) {
    const record = raw as { version?: unknown; json?: unknown } | undefined;
    if (typeof record?.version !== 'string' || typeof record.json !== 'string') return null;
    let data: unknown;
    try {
      data = JSON.parse(record.json);
    } catch {
      return null; // damaged: the background publishes it again
    }
    return isPublishedMatcherData(data) ? { version: record.version, data } : null;
  },
};

export const LEGACY_MATCHER_VERSION_KEY = 'matcher-data-version';

/** What `matcherDataRecord` stores for a record. */
export function storedMatcherData(record: MatcherDataRecord): { version: string; json: string } {
  return { version: record.version, json: JSON.stringify(record.data) };
}

/**
 * The version of the published matcher data alone: the background checks it without reading the data.
 * Its key names the storage format too: an install that stored the data as an object (under the version
 * key `LEGACY_MATCHER_VERSION_KEY`) finds no version here, so the background publishes the data again.
 */
export const matcherVersionRecord: StoredRecord<string | null> = {
  area: 'local',
  key: 'matcher-json-version',
  parse: (raw) => (typeof raw === 'string' ? raw : null),
};

/**
 * The facts of an entity that the reader has seen on its card (keys from lib/kb/seen-facts.ts), one record
 * per entity: what "New since you last looked" compares with. Written only by the background.
 */
export interface SeenFactsRecord {
  v: 1;
  keys: string[];
  /** ISO time of the look. */
  at: string;
}

export const SEEN_PREFIX = 'seen:';

export function seenFactsRecord(entity: string): StoredRecord<string[] | null> {
  return {
    area: 'local',
    key: SEEN_PREFIX + entity,
    parse(raw) {
      const keys = (raw as Partial<SeenFactsRecord> | undefined)?.keys;
      return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : null;
    },
  };
}

export function seenFactsValue(keys: string[], at: string): SeenFactsRecord {
  return { v: 1, keys, at };
}

/**
 * The ids of the packs installed (lib/ext/packs-store.ts), in the order they are merged; each pack is stored
 * under `pack:<id>` as the validated pack object, and validated again whenever it is read.
 */
export const packIdsRecord: StoredRecord<string[]> = {
  area: 'local',
  key: 'packs',
  parse(raw) {
    const ids = (raw as { ids?: unknown } | undefined)?.ids;
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  },
};

export function packIdsValue(ids: string[]): { v: 1; ids: string[] } {
  return { v: 1, ids };
}

export const PACK_PREFIX = 'pack:';

/** Families of records, one per note, per note's anchor state, per draft (local) and per tab to reveal (session). */
export const NOTE_PREFIX = 'note:';
export const ANCHOR_PREFIX = 'anchor:';
export const DRAFT_PREFIX = 'draft:';
export const REVEAL_PREFIX = 'reveal:';

/**
 * What the notes side panel should show next (a new draft, a note, an entity's full card), as the hash
 * of notes.html. The background writes it after opening the panel in a window; the panel of that window
 * takes it (and removes it) when it starts or while it is open (lib/ext/notes-panel.ts).
 */
export interface PanelTarget {
  hash: string;
  /** The window whose panel it is for; undefined: whichever panel takes it first. */
  windowId?: number;
  at: number;
}

export const panelTargetRecord: StoredRecord<PanelTarget | null> = {
  area: 'session',
  key: 'panel-target',
  parse(raw) {
    const target = raw as Partial<PanelTarget> | undefined;
    if (typeof target?.hash !== 'string' || !target.hash.startsWith('#')) return null;
    return {
      hash: target.hash,
      windowId: typeof target.windowId === 'number' ? target.windowId : undefined,
      at: Number(target.at) || 0,
    };
  },
};

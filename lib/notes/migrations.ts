/**
 * The stored format of notes, and its upgrades. Pure.
 *
 * Each note is stored as its own record `{ v: <format version>, note: Note }` (see
 * lib/ext/notes-store.ts for why one record per note). The version travels with every record, so an
 * upgrade can run record by record: eagerly when the extension is installed or updated, and lazily
 * whenever an older record is read, so a reader never sees an old shape.
 *
 * Rules that keep notes safe across updates:
 * - A migration is a pure function from one version to the next; they run in order, never skipping.
 * - A record from a newer Backstory (after a downgrade) or one that cannot be read is never changed
 *   or deleted: it stays as it is, and the dashboard counts it under "could not be read".
 * - A migration that throws leaves the record as it was.
 *
 * Version history:
 * - 0: a record without a version: a bare W3C Web Annotation object, as exports hold it (a backup
 *      restored into storage by hand, or a record written before versions existed).
 * - 1: `{ v: 1, note }` with the Note of lib/notes/model.ts. Current.
 */
import { readAnnotation } from './jsonld';
import { cleanNote, noteProblems, type Note } from './model';

export const FORMAT_VERSION = 1;

export interface StoredNote {
  v: number;
  note: Note;
}

/** Upgrades a record of version N to version N + 1 (index N of the list). */
export type Migration = (record: unknown) => unknown;

export const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: a bare W3C annotation becomes a versioned record.
  (record) => {
    const note = readAnnotation(record as never, new Date(0).toISOString());
    if (typeof note === 'string') throw new Error(`not a note: ${note}`);
    return { v: 1, note };
  },
];

export type MigrationResult =
  | { ok: true; record: StoredNote; changed: boolean }
  | { ok: false; reason: 'newer' | 'damaged'; detail: string };

export function versionOf(record: unknown): number | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return null;
  if (!('v' in record)) return 0;
  const v = (record as { v: unknown }).v;
  return Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : null;
}

/** Brings one stored record up to the current format, or says why it cannot be read (and leaves it be). */
export function migrateRecord(record: unknown, migrations: readonly Migration[] = MIGRATIONS, target = FORMAT_VERSION): MigrationResult {
  const from = versionOf(record);
  if (from === null) return { ok: false, reason: 'damaged', detail: 'the record is not an object with a format version' };
  if (from > target) return { ok: false, reason: 'newer', detail: `stored by a newer Backstory (format ${from})` };
  let current: unknown = record;
  for (let version = from; version < target; version++) {
    const step = migrations[version];
    if (!step) return { ok: false, reason: 'damaged', detail: `no upgrade from format ${version}` };
    try {
      current = step(current);
    } catch (error) {
      return {
        ok: false,
        reason: 'damaged',
        detail: `upgrade from format ${version} failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    if (versionOf(current) !== version + 1)
      return { ok: false, reason: 'damaged', detail: `upgrade from format ${version} did not give format ${version + 1}` };
  }
  const note = (current as { note?: unknown }).note as Note | undefined;
  if (typeof note !== 'object' || note === null) return { ok: false, reason: 'damaged', detail: 'the record holds no note' };
  let problems: string[];
  try {
    problems = noteProblems(note);
  } catch {
    problems = ['the note has a broken shape'];
  }
  if (problems.length > 0) return { ok: false, reason: 'damaged', detail: problems[0]! };
  return { ok: true, record: { v: target, note: cleanNote(note) }, changed: from !== target };
}

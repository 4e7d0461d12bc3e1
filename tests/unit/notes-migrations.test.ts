import { describe, expect, it } from 'vitest';
import { toAnnotation } from '../../lib/notes/jsonld';
import { FORMAT_VERSION, migrateRecord, MIGRATIONS, versionOf, type Migration } from '../../lib/notes/migrations';
import { entityNote, passageNote } from '../helpers/notes';

describe('stored-format migrations', () => {
  it('leaves a current record as it is', () => {
    const note = passageNote();
    const result = migrateRecord({ v: FORMAT_VERSION, note });
    expect(result).toEqual({ ok: true, record: { v: FORMAT_VERSION, note }, changed: false });
  });

  it('upgrades format 0 (a bare W3C annotation) to the current format without loss', () => {
    for (const note of [passageNote(), entityNote()]) {
      const result = migrateRecord(JSON.parse(JSON.stringify(toAnnotation(note))));
      expect(result).toEqual({ ok: true, record: { v: FORMAT_VERSION, note }, changed: true });
    }
  });

  it('keeps a record from a newer Backstory untouched and says so', () => {
    const record = { v: FORMAT_VERSION + 1, note: { whatever: true } };
    const copy = JSON.parse(JSON.stringify(record));
    expect(migrateRecord(record)).toEqual({
      ok: false,
      reason: 'newer',
      detail: `stored by a newer Backstory (format ${FORMAT_VERSION + 1})`,
    });
    expect(record).toEqual(copy);
  });

  it('reports damaged records instead of throwing', () => {
    for (const raw of [
      null,
      'text',
      42,
      [],
      { v: -1 },
      { v: 1.5 },
      { v: 1 },
      { v: 1, note: null },
      { v: 1, note: { id: 'x' } },
      { v: 0 },
      { type: 'Annotation' },
    ]) {
      const result = migrateRecord(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toBe('damaged');
    }
    expect(versionOf({})).toBe(0);
  });

  it('runs every step in order, and stops at one that fails or misnumbers', () => {
    const steps: Migration[] = [
      (r) => ({ v: 1, note: (r as { note: unknown }).note, trail: ['0→1'] }),
      (r) => ({ ...(r as object), v: 2, trail: [...(r as { trail: string[] }).trail, '1→2'] }),
      (r) => ({ ...(r as object), v: 3, trail: [...(r as { trail: string[] }).trail, '2→3'] }),
    ];
    const note = passageNote();
    const ok = migrateRecord({ note }, steps, 3);
    expect(ok.ok).toBe(true);
    expect(migrateRecord({ v: 2, note, trail: ['x'] }, steps, 3)).toMatchObject({ ok: true, changed: true });

    const throwing: Migration[] = [
      steps[0]!,
      () => {
        throw new Error('boom');
      },
    ];
    expect(migrateRecord({ note }, throwing, 2)).toEqual({ ok: false, reason: 'damaged', detail: 'upgrade from format 1 failed: boom' });
    const misnumbered: Migration[] = [steps[0]!, (r) => ({ ...(r as object), v: 5 })];
    expect(migrateRecord({ note }, misnumbered, 2)).toMatchObject({ ok: false, detail: 'upgrade from format 1 did not give format 2' });
    expect(migrateRecord({ v: 0, note }, [], 1)).toMatchObject({ ok: false, detail: 'no upgrade from format 0' });
  });

  it('has a step for every version below the current one', () => {
    expect(MIGRATIONS).toHaveLength(FORMAT_VERSION);
  });
});

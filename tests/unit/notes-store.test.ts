/** The notes store under concurrency, failure and upgrade, on WXT's fake browser storage. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NotesStore, readWorkbench, readWorkbenchInChunks, type StorageAreaLike } from '../../lib/ext/notes-store';
import { exportJsonLd, toAnnotation } from '../../lib/notes/jsonld';
import type { NoteBody, PassageDraft } from '../../lib/notes/model';
import { passageNote } from '../helpers/notes';

const local = () => fakeBrowser.storage.local as unknown as StorageAreaLike;
const body = (text: string): NoteBody => ({ text, format: 'text/plain', tags: [] });
const passage = (n: number, url = 'https://news.example/a?utm_source=x'): PassageDraft => ({
  url,
  title: 'A page',
  exact: `passage number ${n}`,
  prefix: 'before ',
  suffix: ' after',
  start: n * 100,
  end: n * 100 + 17,
  entities: ['viasna'],
});

/** A storage area that fails every write with `message` while `failing` is set. */
function flaky(message: string): { area: StorageAreaLike; fail(on: boolean): void } {
  let failing = false;
  const area: StorageAreaLike = {
    get: (keys) => local().get(keys),
    remove: (keys) => (failing ? Promise.reject(new Error(message)) : local().remove(keys)),
    set: (items) => (failing ? Promise.reject(new Error(message)) : local().set(items)),
    onChanged: fakeBrowser.storage.local.onChanged as never,
  };
  return { area, fail: (on) => void (failing = on) };
}

beforeEach(() => fakeBrowser.reset());

describe('the notes store', () => {
  it('two tabs adding 50 notes each at once keep all 100', async () => {
    const store = new NotesStore(local());
    const tab = (t: number) =>
      Array.from({ length: 50 }, async (_, i) => {
        const draft = await store.startDraft({ passage: passage(t * 1000 + i) });
        return store.saveNote({ draftId: draft.id, body: body(`tab ${t} note ${i}`) });
      });
    const results = await Promise.all([...tab(1), ...tab(2)]);
    expect(results.every((r) => r.ok)).toBe(true);
    const { notes } = await readWorkbench(local());
    expect(notes).toHaveLength(100);
    expect(new Set(notes.map((n) => n.body.text)).size).toBe(100);
    // The tracking parameter is gone from every page address.
    expect(new Set(notes.map((n) => n.target!.source))).toEqual(new Set(['https://news.example/a']));
  });

  it('two writers at once (an old and a new service worker) never clobber each other’s notes', async () => {
    const a = new NotesStore(local());
    const b = new NotesStore(local());
    const write = (store: NotesStore, prefix: string) =>
      Array.from({ length: 50 }, async (_, i) => {
        const draft = await store.startDraft({ entity: 'viasna' });
        return store.saveNote({ draftId: draft.id, body: body(`${prefix}${i}`) });
      });
    await Promise.all([...write(a, 'a'), ...write(b, 'b')]);
    expect((await readWorkbench(local())).notes).toHaveLength(100);
  });

  it('pins and unpins from many tabs at once without losing any', async () => {
    const store = new NotesStore(local());
    const ids = Array.from({ length: 30 }, (_, i) => `entity-${i}`);
    await Promise.all(ids.map((id) => store.pin(id)));
    await Promise.all(ids.filter((_, i) => i % 3 === 0).map((id) => store.unpin(id)));
    const kept = ids.filter((_, i) => i % 3 !== 0);
    expect(await store.getPins()).toEqual(kept);
    expect(await store.pin('entity-1')).toEqual(kept); // pinning twice changes nothing
    await expect(store.pin('Not an id')).rejects.toThrow();
  });

  it('edits of different notes at once all land; the same note edited in two tabs is a conflict, never a silent overwrite', async () => {
    const store = new NotesStore(local());
    const saved = [];
    for (let i = 0; i < 10; i++) {
      const draft = await store.startDraft({ passage: passage(i) });
      const result = await store.saveNote({ draftId: draft.id, body: body(`v1 ${i}`) });
      if (result.ok) saved.push(result.note);
    }
    await Promise.all(saved.map((n, i) => store.saveNote({ id: n.id, body: body(`v2 ${i}`), baseModified: n.modified })));
    expect((await readWorkbench(local())).notes.map((n) => n.body.text).sort()).toEqual(saved.map((_, i) => `v2 ${i}`).sort());

    const note = (await store.getNote(saved[0]!.id))!;
    const [first, second] = await Promise.all([
      store.saveNote({ id: note.id, body: body('from tab A'), baseModified: note.modified }),
      store.saveNote({ id: note.id, body: body('from tab B'), baseModified: note.modified }),
    ]);
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: expect.stringMatching(/changed in another tab/) });
    if (!second.ok) expect(second.conflict?.body.text).toBe('from tab A');
    const forced = await store.saveNote({ id: note.id, body: body('from tab B'), baseModified: note.modified, force: true });
    expect(forced.ok && forced.note.body.text).toBe('from tab B');
  });

  it('storage full: a clear error, nothing half-written, and the draft is still there to retry', async () => {
    const { area, fail } = flaky('QUOTA_BYTES quota exceeded');
    const store = new NotesStore(area);
    const draft = await store.startDraft({ passage: passage(1) });
    fail(true);
    const result = await store.saveNote({ draftId: draft.id, body: body('precious words') });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/storage for Backstory is full.*Your text is still here/);
    expect((await readWorkbench(local())).notes).toHaveLength(0);
    expect(await store.getDraft(draft.id)).not.toBeNull();
    fail(false);
    expect((await store.saveNote({ draftId: draft.id, body: body('precious words') })).ok).toBe(true);
    expect(await store.getDraft(draft.id)).toBeNull();
  });

  it('a failing write does not block the writes after it', async () => {
    const { area, fail } = flaky('IO error');
    const store = new NotesStore(area);
    fail(true);
    await expect(store.pin('viasna')).rejects.toThrow('IO error');
    fail(false);
    expect(await store.pin('viasna')).toEqual(['viasna']);
  });

  it('deletes a note and puts it back exactly (undo)', async () => {
    const store = new NotesStore(local());
    const draft = await store.startDraft({ passage: passage(1) });
    const saved = await store.saveNote({ draftId: draft.id, body: body('keep me') });
    if (!saved.ok) throw new Error(saved.error);
    await store.reportAnchors([{ id: saved.note.id, status: 'orphaned' }]);
    const deleted = await store.deleteNote(saved.note.id);
    expect(deleted.ok).toBe(true);
    const all = await local().get(null);
    expect(Object.keys(all).filter((k) => k.includes(saved.note.id))).toEqual([]);
    const restored = await store.restoreNote(saved.note);
    expect(restored).toEqual({ ok: true, note: saved.note });
    expect(await store.getNote(saved.note.id)).toEqual(saved.note);
  });

  it('tells a content script where its page’s notes are, never what they say', async () => {
    const store = new NotesStore(local());
    const draft = await store.startDraft({ passage: passage(3) });
    await store.saveNote({ draftId: draft.id, body: body('secret text') });
    const list = await store.notesForPage('https://news.example/a?fbclid=zzz#frag');
    expect(list).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain('secret');
    expect(list[0]!.selector[0].exact).toBe('passage number 3');
    expect(await store.notesForPage('https://news.example/b')).toEqual([]);
    // The index follows writes made elsewhere (another writer, an import from an older service worker).
    const other = passageNote({
      target: { source: 'https://news.example/a', selector: [{ type: 'TextQuoteSelector', exact: 'x y z', prefix: '', suffix: '' }] },
    });
    await local().set({ [`note:${other.id}`]: { v: 1, note: other } });
    expect(await store.notesForPage('https://news.example/a')).toHaveLength(2);
    await local().remove(`note:${other.id}`);
    expect(await store.notesForPage('https://news.example/a')).toHaveLength(1);
  });

  it('writes anchoring results only when they change', async () => {
    const store = new NotesStore(local());
    const draft = await store.startDraft({ passage: passage(1) });
    const saved = await store.saveNote({ draftId: draft.id, body: body('x') });
    if (!saved.ok) throw new Error();
    let writes = 0;
    fakeBrowser.storage.local.onChanged.addListener(() => void writes++);
    await store.reportAnchors([
      { id: saved.note.id, status: 'anchored', method: 'position' },
      { id: 'urn:uuid:unknown', status: 'orphaned' },
    ]);
    await store.reportAnchors([{ id: saved.note.id, status: 'anchored', method: 'position' }]);
    expect(writes).toBe(1);
    const { anchors } = await readWorkbench(local());
    expect(anchors.get(saved.note.id)).toMatchObject({ status: 'anchored', method: 'position' });
    expect(anchors.has('urn:uuid:unknown')).toBe(false);
  });

  it('imports: the dry run changes nothing, the import merges by id without duplicates', async () => {
    const store = new NotesStore(local());
    const notes = [passageNote(), passageNote(), passageNote()];
    const file = exportJsonLd(
      notes,
      [{ entity: 'viasna', pinnedAt: '2025-01-01T00:00:00.000Z' }],
      '2025-12-01T00:00:00.000Z',
      'urn:uuid:c',
    );
    const dry = await store.importNotes(file, true);
    expect(dry).toEqual({ ok: true, dryRun: true, report: { new: 3, updated: 0, unchanged: 0, rejected: [], pins: 1 } });
    expect(Object.keys(await local().get(null))).toEqual([]);
    expect((await store.importNotes(file, false)).ok).toBe(true);
    expect(await store.importNotes(file, false)).toMatchObject({ report: { new: 0, updated: 0, unchanged: 3 } });
    expect((await readWorkbench(local())).notes).toHaveLength(3);
    expect(await store.getPins()).toEqual(['viasna']);
  });

  it('a malformed or hostile file changes nothing and says why', async () => {
    const store = new NotesStore(local());
    await store.pin('viasna');
    const before = JSON.stringify(await local().get(null));
    for (const text of [
      '{not json',
      '{"type":"Nope"}',
      JSON.stringify({ type: 'AnnotationCollection', first: 'https://evil.example/p' }),
    ]) {
      const result = await store.importNotes(text, false);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.length).toBeGreaterThan(10);
    }
    const allBad = JSON.stringify([
      { type: 'Annotation', id: 'urn:x:1', target: { source: 'javascript:alert(1)', selector: { type: 'TextQuoteSelector', exact: 'x' } } },
    ]);
    expect(await store.importNotes(allBad, false)).toMatchObject({
      ok: true,
      report: { new: 0, rejected: [{ reason: expect.stringMatching(/http/) }] },
    });
    expect(JSON.stringify(await local().get(null))).toBe(before);
  });

  it('an import that storage stops half-way says how far it got and loses nothing stored before', async () => {
    const { area, fail } = flaky('QUOTA_BYTES quota exceeded');
    const store = new NotesStore(area);
    const mine = passageNote();
    await local().set({ [`note:${mine.id}`]: { v: 1, note: mine } });
    fail(true);
    const result = await store.importNotes(JSON.stringify([toAnnotation(passageNote())]), false);
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringMatching(/0 of 1 notes were imported; no note that was already stored was lost/),
    });
    expect(await store.getNote(mine.id)).toEqual(mine);
  });

  it('upgrades old records after an update and leaves unreadable ones untouched', async () => {
    const old = passageNote();
    const future = { v: 99, note: { from: 'the future' } };
    await local().set({ [`note:${old.id}`]: toAnnotation(old), 'note:urn:x:future': future, 'note:urn:x:junk': 'junk' });
    const store = new NotesStore(local());
    expect(await store.upgrade()).toEqual({ upgraded: 1, unreadable: 2 });
    const all = await local().get(null);
    expect(all[`note:${old.id}`]).toEqual({ v: 1, note: old });
    expect(all['note:urn:x:future']).toEqual(future);
    expect(all['note:urn:x:junk']).toBe('junk');
    const bench = await readWorkbench(local());
    expect(bench.notes).toEqual([old]);
    expect(bench.unreadable.map((u) => u.reason).sort()).toEqual(['damaged', 'newer']);
  });

  it('refuses drafts that are not a passage or an entity', async () => {
    const store = new NotesStore(local());
    await expect(store.startDraft({})).rejects.toThrow();
    await expect(store.startDraft({ entity: '<img onerror=x>' })).rejects.toThrow();
    await expect(store.startDraft({ passage: { ...passage(1), exact: '   ' } })).rejects.toThrow();
    const ok = await store.startDraft({ passage: { ...passage(1), start: 5, end: 2 } });
    expect(ok.passage).toMatchObject({ start: -1, end: -1 });
  });

  it('reads a large store first in a slice (rows at once), then whole', async () => {
    const notes = [passageNote(), passageNote(), passageNote()];
    await local().set(Object.fromEntries(notes.map((n) => [`note:${n.id}`, { v: 1, note: n }])));
    await new NotesStore(local()).pin('viasna');
    const area = { ...local(), get: local().get, getKeys: async () => Object.keys(await local().get(null)) };
    const seen: [number, number, number, string[]][] = [];
    await readWorkbenchInChunks(
      (chunk, progress) => seen.push([chunk.notes.length, progress.loaded, progress.total, chunk.pins.map((p) => p.entity)]),
      1,
      area,
    );
    expect(seen).toEqual([
      [1, 1, 3, ['viasna']],
      [3, 3, 3, ['viasna']],
    ]);
  });
});

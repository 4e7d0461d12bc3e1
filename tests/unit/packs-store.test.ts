/** The packs store on WXT's fake browser storage: a dry run writes nothing; installs, removals and damaged records. */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PacksStore } from '../../lib/ext/packs-store';
import type { StorageAreaLike } from '../../lib/ext/notes-store';
import { loadKnowledgeBase } from '../../lib/kb';
import { buildCard } from '../../lib/kb/card';
import { emptyForm, entityFromForm } from '../../lib/packs/form';

const local = () => fakeBrowser.storage.local as unknown as StorageAreaLike;
const kb = loadKnowledgeBase();
const EXAMPLE = readFileSync('docs/example-pack.json', 'utf8');

beforeEach(() => fakeBrowser.reset());

describe('the packs store', () => {
  it('a dry run writes nothing; the import installs the pack, and cards come from it at once', async () => {
    const store = new PacksStore(kb, local());
    const changes: number[] = [];
    store.onChange((k) => changes.push(k.kb.entities.length));
    const dry = await store.importPack(EXAMPLE, true);
    expect(dry).toMatchObject({ ok: true, dryRun: true, report: { new: 2 } });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await store.importPack(EXAMPLE, false)).toMatchObject({ ok: true, dryRun: false });
    expect(changes).toEqual([kb.entities.length + 2]);
    const card = buildCard((await store.knowledge()).kb, 'example-court-watch/paval-uzorau');
    expect(card?.entity.name).toBe('Paval Uzorau');
    // A second store (the service worker started again) reads it back.
    const again = new PacksStore(kb, local());
    expect((await again.summaries()).map((s) => [s.id, s.kind, s.entities])).toEqual([
      ['backstory', 'bundled', kb.entities.length],
      ['example-court-watch', 'installed', 2],
    ]);
    expect(await again.removePack('example-court-watch')).toBe(true);
    expect((await again.knowledge()).kb.entities).toHaveLength(kb.entities.length);
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual(['packs']);
  });

  it('a refused pack changes nothing and says why', async () => {
    const store = new PacksStore(kb, local());
    const result = await store.importPack('{"backstoryPack": 1, "id": "backstory"}', false);
    expect(result).toEqual({ ok: false, error: expect.stringContaining('title: is missing') });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it("an entity of the reader's own is saved into the personal pack, found and carded; deleting it takes it away", async () => {
    const store = new PacksStore(kb, local());
    const entity = entityFromForm({ ...emptyForm('Jana Testava'), description: 'Made up.' }, 'jana-testava');
    const saved = await store.saveEntity(entity);
    expect(saved.ok).toBe(true);
    const { kb: merged } = await store.knowledge();
    expect(buildCard(merged, 'personal/jana-testava')?.topics.map((t) => t.id)).toEqual(['personal/my-entities']);
    expect((await store.personalEntities()).map((e) => e.id)).toEqual(['jana-testava']);
    expect(await store.deleteEntity('jana-testava')).toBe(true);
    expect(buildCard((await store.knowledge()).kb, 'personal/jana-testava')).toBeNull();
  });

  it('a damaged stored pack is left out, and the others still load', async () => {
    await fakeBrowser.storage.local.set({
      packs: { v: 1, ids: ['broken', 'example-court-watch'] },
      'pack:broken': { backstoryPack: 1, id: 'broken', entities: 'not a list' },
      'pack:example-court-watch': JSON.parse(EXAMPLE),
    });
    const store = new PacksStore(kb, local());
    expect((await store.knowledge()).packs.map((p) => p.id)).toEqual(['example-court-watch']);
  });
});

/**
 * The installed packs and the reader's own entities, in browser.storage.local, and the knowledge base they make
 * with the bundled one. Like the notes store, the background is its single writer and every write runs in one
 * queue. Stored packs are read as untrusted input: each is validated again (lib/packs/parse.ts), and what fails
 * is left out of the knowledge base and reported, never thrown at a reader.
 */
import { browser } from 'wxt/browser';
import type { KnowledgeBase } from '../kb/schema';
import { kbToPack, mergePacks, packContextOf } from '../packs/convert';
import { BUNDLED_PACK, PERSONAL_PACK } from '../packs/ids';
import { describeRejection, parsePack } from '../packs/parse';
import { checkEntity, emptyPersonalPack, type EntityCheck, withoutEntity } from '../packs/personal';
import { type PackImportReport, planPackImport } from '../packs/plan';
import type { Pack, PackEntity } from '../packs/schema';
import { storageError, type StorageAreaLike } from './notes-store';
import { PACK_PREFIX, packIdsRecord, packIdsValue } from './records';
import { reportError } from './report-error';

/** What the dashboard lists of a pack. */
export interface PackSummary {
  id: string;
  title: string;
  version: string;
  asOf: string;
  description?: string;
  kind: 'bundled' | 'personal' | 'installed';
  entities: number;
  /** Full topic ids and labels. */
  topics: { id: string; label: string }[];
}

export type PackImportResult = { ok: true; dryRun: boolean; report: PackImportReport } | { ok: false; error: string };

/** The knowledge base as installed: bundled, packs, the reader's own entities. */
export interface InstalledKnowledge {
  kb: KnowledgeBase;
  packs: Pack[];
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export class PacksStore {
  private queue: Promise<unknown> = Promise.resolve();
  private current: Promise<InstalledKnowledge> | null = null;
  private readonly listeners = new Set<(knowledge: InstalledKnowledge) => void>();

  constructor(
    private readonly bundled: KnowledgeBase,
    private readonly area: StorageAreaLike = browser.storage.local as unknown as StorageAreaLike,
  ) {}

  private run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.queue.then(job, job);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** The knowledge base with every installed pack; read once, then kept until a change. */
  knowledge(): Promise<InstalledKnowledge> {
    this.current ??= this.read();
    return this.current;
  }

  /** Calls back with the new knowledge base after every change of packs. */
  onChange(listener: (knowledge: InstalledKnowledge) => void): void {
    this.listeners.add(listener);
  }

  private async read(): Promise<InstalledKnowledge> {
    const ids = packIdsRecord.parse((await this.area.get(packIdsRecord.key))[packIdsRecord.key]);
    const stored = ids.length > 0 ? await this.area.get(ids.map((id) => PACK_PREFIX + id)) : {};
    const packs: Pack[] = [];
    for (const id of ids) {
      const raw = stored[PACK_PREFIX + id];
      if (raw === undefined) continue;
      const parsed = parsePack(JSON.stringify(raw), packContextOf(mergePacks(this.bundled, packs).kb));
      if (!parsed.ok) {
        reportError('read installed pack', new Error(`pack "${id}": ${parsed.error}`));
        continue;
      }
      for (const rejection of parsed.rejected)
        reportError('read installed pack', new Error(`pack "${id}": ${describeRejection(rejection)}`));
      packs.push(parsed.pack);
    }
    const merged = mergePacks(this.bundled, packs);
    for (const problem of merged.problems) reportError('merge installed packs', new Error(problem));
    return { kb: merged.kb, packs };
  }

  private async changed(): Promise<void> {
    this.current = this.read();
    const knowledge = await this.current;
    for (const listener of this.listeners) listener(knowledge);
  }

  private async write(pack: Pack, ids: string[]): Promise<void> {
    await this.area.set({ [PACK_PREFIX + pack.id]: pack, [packIdsRecord.key]: packIdsValue(ids) });
  }

  async summaries(): Promise<PackSummary[]> {
    const { packs } = await this.knowledge();
    const summary = (pack: Pack, kind: PackSummary['kind']): PackSummary => ({
      id: pack.id,
      title: pack.title,
      version: pack.version,
      asOf: pack.asOf,
      ...(pack.description ? { description: pack.description } : {}),
      kind,
      entities: pack.entities.length,
      topics: pack.topics.map((t) => ({ id: pack.id === BUNDLED_PACK ? t.id : `${pack.id}/${t.id}`, label: t.label })),
    });
    const bundled = summary({ ...kbToPack(this.bundled) }, 'bundled');
    return [bundled, ...packs.map((p) => summary(p, p.id === PERSONAL_PACK ? 'personal' : 'installed'))];
  }

  /** The pack as a file's text: the bundled knowledge base, an installed pack, or the reader's own entities. */
  async exportPack(id: string): Promise<string | null> {
    if (id === BUNDLED_PACK) return JSON.stringify(kbToPack(this.bundled), null, 2);
    const { packs } = await this.knowledge();
    const pack = packs.find((p) => p.id === id) ?? (id === PERSONAL_PACK ? emptyPersonalPack(today()) : undefined);
    return pack ? JSON.stringify(pack, null, 2) : null;
  }

  /** A pack file: the dry run's report, and with `dryRun` false, the pack installed (replacing its older version). */
  importPack(text: string, dryRun: boolean): Promise<PackImportResult> {
    return this.run(async () => {
      const { packs } = await this.knowledge();
      const plan = planPackImport(text, this.bundled, packs);
      if (!plan.ok) return plan;
      if (dryRun) return { ok: true, dryRun, report: plan.report };
      const ids = packs.map((p) => p.id);
      try {
        await this.write(plan.pack, ids.includes(plan.pack.id) ? ids : [...ids, plan.pack.id]);
      } catch (error) {
        return { ok: false, error: storageError(error, 'install the pack') };
      }
      await this.changed();
      return { ok: true, dryRun, report: plan.report };
    });
  }

  removePack(id: string): Promise<boolean> {
    return this.run(async () => {
      const { packs } = await this.knowledge();
      if (!packs.some((p) => p.id === id)) return false;
      await this.area.set({ [packIdsRecord.key]: packIdsValue(packs.filter((p) => p.id !== id).map((p) => p.id)) });
      await this.area.remove(PACK_PREFIX + id);
      await this.changed();
      return true;
    });
  }

  private async personal(): Promise<{ packs: Pack[]; personal: Pack; others: Pack[] }> {
    const { packs } = await this.knowledge();
    const personal = packs.find((p) => p.id === PERSONAL_PACK) ?? emptyPersonalPack(today());
    return { packs, personal, others: packs.filter((p) => p.id !== PERSONAL_PACK) };
  }

  /** Checks one of the reader's own entities without saving it: its problems, or the clashes of its spellings. */
  async checkEntity(entity: PackEntity): Promise<EntityCheck> {
    const { personal, others } = await this.personal();
    return checkEntity(this.bundled, others, personal, entity, today());
  }

  /** Saves one of the reader's own entities (new, or in the place of the one with its id), checked first. */
  saveEntity(entity: PackEntity): Promise<EntityCheck> {
    return this.run(async () => {
      const { packs, personal, others } = await this.personal();
      const check = checkEntity(this.bundled, others, personal, entity, today());
      if (!check.ok) return check;
      const ids = packs.map((p) => p.id);
      try {
        await this.write(check.pack, ids.includes(PERSONAL_PACK) ? ids : [...ids, PERSONAL_PACK]);
      } catch (error) {
        return { ok: false, error: storageError(error, 'save the entity') };
      }
      await this.changed();
      return check;
    });
  }

  deleteEntity(id: string): Promise<boolean> {
    return this.run(async () => {
      const { packs, personal } = await this.personal();
      if (!personal.entities.some((e) => e.id === id)) return false;
      await this.write(
        withoutEntity(personal, id, today()),
        packs.map((p) => p.id),
      );
      await this.changed();
      return true;
    });
  }

  /** The reader's own entities, as written in their pack (for the form). */
  async personalEntities(): Promise<PackEntity[]> {
    return (await this.personal()).personal.entities;
  }
}

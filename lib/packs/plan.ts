/**
 * The import of a pack file, planned without changing anything (the dry run): what would be new, updated,
 * unchanged or removed against the version installed, which entities are rejected and why, and which spellings
 * other entities already have. The background installs `plan.pack` only when the reader confirms.
 */
import type { KnowledgeBase } from '../kb/schema';
import { mergePacks, packContextOf } from './convert';
import { BUNDLED_PACK, fullId } from './ids';
import { LIMITS } from './limits';
import { parsePack, type Rejection } from './parse';
import type { Pack, PackEntity } from './schema';
import { checkSpellings, type SpellingClash } from './spellings';

export interface PackImportReport {
  id: string;
  title: string;
  version: string;
  asOf: string;
  /** The version installed now, when this pack replaces it. */
  replaces?: string;
  topics: number;
  new: number;
  updated: number;
  unchanged: number;
  /** Entities of the installed version that this one no longer has. */
  removed: number;
  rejected: Rejection[];
  clashes: SpellingClash[];
  /** Names of the entities the clashes mention, by id. */
  names: Record<string, string>;
}

export type PackImportPlan = { ok: true; report: PackImportReport; pack: Pack } | { ok: false; error: string };

/** Reasons to refuse a pack as a whole before looking at its entities. */
function refusal(pack: Pack, installed: readonly Pack[]): string | null {
  if (pack.id === BUNDLED_PACK) return `the id "${BUNDLED_PACK}" is the bundled knowledge base's; a pack needs an id of its own`;
  const replacing = installed.some((p) => p.id === pack.id);
  if (!replacing && installed.length >= LIMITS.installedPacks)
    return `${LIMITS.installedPacks} packs are installed, the most Backstory keeps; remove one first`;
  return null;
}

/** Plans the import of a pack file's text, against the bundled knowledge base and the packs installed. */
export function planPackImport(text: string, bundled: KnowledgeBase, installed: readonly Pack[]): PackImportPlan {
  // Entities may be filed under the topics of the packs installed (the pack's own id is not known yet).
  const context = packContextOf(mergePacks(bundled, installed).kb);
  const parsed = parsePack(text, context);
  if (!parsed.ok) return parsed;
  const refused = refusal(parsed.pack, installed);
  if (refused) return { ok: false, error: refused };
  const previous = installed.find((p) => p.id === parsed.pack.id);
  const rest = installed.filter((p) => p.id !== parsed.pack.id);
  const rejected = [...parsed.rejected];
  const reject = (entity: PackEntity, reason: string) =>
    rejected.push({ index: parsed.indices[parsed.pack.entities.indexOf(entity)] ?? -1, id: entity.id, reason });

  // An entity that extends another needs it installed (or in this pack).
  const standalone = new Set([
    ...mergePacks(bundled, rest).kb.entities.map((e) => e.id),
    ...parsed.pack.entities.filter((e) => !e.extends).map((e) => fullId(parsed.pack.id, e.id)),
  ]);
  let entities = parsed.pack.entities.filter((e) => {
    if (!e.extends || standalone.has(fullId(parsed.pack.id, e.extends))) return true;
    reject(e, `extends: no entity "${e.extends}" is installed`);
    return false;
  });

  const idOf = (e: PackEntity) => fullId(parsed.pack.id, e.extends ?? e.id);
  const checked = checkSpellings(mergePacks(bundled, [...rest, { ...parsed.pack, entities }]).kb, new Set(entities.map(idOf)));
  entities = entities.filter((e) => {
    const problems = e.extends ? undefined : checked.problems.get(idOf(e));
    if (!problems) return true;
    reject(e, problems.slice(0, 3).join('; '));
    return false;
  });
  const kept = new Set(entities.map(idOf));
  const clashes = checked.clashes.filter((c) => kept.has(c.entity));
  rejected.sort((a, b) => a.index - b.index);

  const pack: Pack = { ...parsed.pack, entities };
  const before = new Map((previous?.entities ?? []).map((e) => [e.id, JSON.stringify(e)]));
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  for (const entity of entities) {
    const old = before.get(entity.id);
    if (old === undefined) added++;
    else if (old === JSON.stringify(entity)) unchanged++;
    else updated++;
  }
  const now = new Set(entities.map((e) => e.id));
  const removed = [...before.keys()].filter((id) => !now.has(id)).length;
  const merged = mergePacks(bundled, [...rest, pack]).kb;
  const wanted = new Set(clashes.flatMap((c) => [c.entity, c.other]));
  const names: Record<string, string> = {};
  for (const e of merged.entities) if (wanted.has(e.id)) names[e.id] = e.name;
  return {
    ok: true,
    pack,
    report: {
      id: pack.id,
      title: pack.title,
      version: pack.version,
      asOf: pack.asOf,
      ...(previous ? { replaces: previous.version } : {}),
      topics: pack.topics.length,
      new: added,
      updated,
      unchanged,
      removed,
      rejected,
      clashes,
      names,
    },
  };
}

/**
 * "What changed since you last looked": which of an entity's facts a reader has not seen on its card.
 * Pure. A fact is known by its date, its first source's address and a hash of its text, so a fact that
 * a newer knowledge base (or pack) adds or rewrites counts as new, and one that only moved does not.
 * The first look at a card shows nothing as new: there is nothing to compare with.
 */
import { shortHash } from './hash';
import type { Entity } from './schema';

export function factKey(fact: Entity['facts'][number], entity: Pick<Entity, 'sources'>): string {
  const url = entity.sources.find((s) => s.id === fact.sources[0])?.url ?? '';
  return `${fact.date}|${shortHash(url)}|${shortHash(fact.text)}`;
}

export function factKeys(entity: Pick<Entity, 'facts' | 'sources'>): string[] {
  return entity.facts.map((fact) => factKey(fact, entity));
}

/** Indices (into `entity.facts`) of the facts not among those seen; none on a first look (`seen` null). */
export function newFactIndices(entity: Pick<Entity, 'facts' | 'sources'>, seen: readonly string[] | null): number[] {
  if (seen === null) return [];
  const known = new Set(seen);
  return factKeys(entity).flatMap((key, i) => (known.has(key) ? [] : [i]));
}

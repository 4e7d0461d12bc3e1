/** Assembles what a card shows for one entity: the entity, its topics and the names of related entities. */
import type { Entity, KnowledgeBase, Topic } from './schema';

export interface EntityCard {
  entity: Entity;
  /** Topic records for the entity's topic ids. */
  topics: Topic[];
  /** Names of related entities, by id, so the card can label its links. */
  relatedNames: Record<string, string>;
  /** Indices into `entity.facts` of the facts new since the reader last saw this card (lib/kb/seen-facts.ts). */
  newFacts?: number[];
  /** The title of the pack the entity comes from, when it is not the bundled knowledge base. */
  pack?: string;
}

export function buildCard(kb: KnowledgeBase, id: string): EntityCard | null {
  const entity = kb.entities.find((e) => e.id === id);
  if (!entity) return null;
  const relatedNames: Record<string, string> = {};
  for (const relatedId of entity.related) {
    const related = kb.entities.find((e) => e.id === relatedId);
    if (related) relatedNames[relatedId] = related.name;
  }
  return { entity, topics: kb.topics.filter((t) => entity.topics.includes(t.id)), relatedNames };
}

/** The `count` most recent dated facts, newest first (dates are ISO prefixes: "2025", "2025-09", "2025-09-11"). */
export function latestFacts<F extends { date: string }>(facts: readonly F[], count = 3): F[] {
  return [...facts].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)).slice(0, count);
}

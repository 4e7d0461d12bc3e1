/**
 * The KB at a glance, for the popup: topics, and for each entity what lists and search need (no
 * summaries, facts or sources: those come with a card). Pure.
 */
import type { EntityType, KnowledgeBase } from './schema';
import type { SearchDoc } from './search';
import { BUNDLED_PACK, packOf } from '../packs/ids';

/** The bundled knowledge base's title, where packs are listed by title. */
export const BUNDLED_TITLE = 'Backstory knowledge base';

export interface OverviewTopic {
  id: string;
  /** The pack the topic comes from ("backstory" for the bundled ones). */
  pack: string;
  name: string;
  description: string;
  defaultEnabled: boolean;
}

export interface OverviewEntity extends SearchDoc {
  type: EntityType;
  /** Topic ids. */
  topics: string[];
  description: string;
}

export interface KnowledgeBaseOverview {
  asOf: string;
  /** The packs whose topics are listed, bundled first: the popup groups topics under their titles. */
  packs: { id: string; title: string }[];
  topics: OverviewTopic[];
  entities: OverviewEntity[];
}

export function buildOverview(kb: KnowledgeBase, packs: { id: string; title: string }[] = []): KnowledgeBaseOverview {
  return {
    asOf: kb.asOf,
    packs: [{ id: BUNDLED_PACK, title: BUNDLED_TITLE }, ...packs.filter((p) => p.id !== BUNDLED_PACK)],
    topics: kb.topics.map(({ id, name, description, defaultEnabled }) => ({ id, pack: packOf(id), name, description, defaultEnabled })),
    entities: kb.entities.map((e) => ({
      id: e.id,
      name: e.name,
      type: e.type,
      topics: [...e.topics],
      description: e.description,
      spellings: [...new Set([...e.nativeNames.map((n) => n.text), ...e.names.map((n) => n.text)])],
    })),
  };
}

/** Mentions on a page per topic: an entity's mentions count for each of its topics. */
export function topicMentionCounts(
  overview: Pick<KnowledgeBaseOverview, 'entities'>,
  mentions: readonly { entity: string; count: number }[],
): Record<string, number> {
  const topicsOf = new Map(overview.entities.map((e) => [e.id, e.topics]));
  const counts: Record<string, number> = {};
  for (const { entity, count } of mentions) {
    for (const topic of topicsOf.get(entity) ?? []) counts[topic] = (counts[topic] ?? 0) + count;
  }
  return counts;
}

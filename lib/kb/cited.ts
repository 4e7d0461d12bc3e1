/** An entity as a reference to cite (lib/notes/citations.ts): what the knowledge base says of it, and where. Pure. */
import type { CitedEntity } from '../notes/citations';
import type { KnowledgeBase } from './schema';

export function citedEntity(kb: Pick<KnowledgeBase, 'entities' | 'topics'>, id: string, work?: string): CitedEntity | null {
  const entity = kb.entities.find((e) => e.id === id);
  if (!entity) return null;
  return {
    name: entity.name,
    description: entity.description,
    summary: entity.summary,
    asOf: entity.asOf,
    topics: entity.topics.map((t) => kb.topics.find((topic) => topic.id === t)?.name ?? t),
    sources: entity.sources.map(({ title, publisher, url }) => ({ title, publisher, url })),
    ...(work ? { work } : {}),
  };
}

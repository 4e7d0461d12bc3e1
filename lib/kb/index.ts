/**
 * The bundled knowledge base, validated. Imported by the background (cards), by build tooling
 * (the compiled matcher data) and by tests; never by the content script, which only receives
 * the compiled matcher data.
 */
import * as v from 'valibot';
import meta from './data/kb.json';
import topics from './data/topics.json';
import paradigms from './data/paradigms.json';
import contexts from './data/contexts.json';
import honorifics from './data/honorifics.json';
import people from './data/entities/people.json';
import organisations from './data/entities/organisations.json';
import places from './data/entities/places.json';
import events from './data/entities/events.json';
import peopleCivic from './data/entities/people-civic.json';
import peopleOfficials from './data/entities/people-officials.json';
import media from './data/entities/media.json';
import international from './data/entities/international.json';
import cities from './data/entities/cities.json';
import security from './data/entities/security.json';
import { KnowledgeBase } from './schema';
import { checkIntegrity } from './check';

export type { Entity, Topic, Paradigm, Fact, Source, Name, EntityType } from './schema';
export type KnowledgeBaseData = v.InferOutput<typeof KnowledgeBase>;

export class KnowledgeBaseError extends Error {
  constructor(readonly problems: string[]) {
    super(`The knowledge base is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'KnowledgeBaseError';
  }
}

/** Validates raw KB data against the schema and the cross-entity rules; throws with every problem found. */
export function parseKnowledgeBase(raw: unknown): KnowledgeBaseData {
  const result = v.safeParse(KnowledgeBase, raw);
  if (!result.success) {
    throw new KnowledgeBaseError(result.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`));
  }
  const problems = checkIntegrity(result.output);
  if (problems.length > 0) throw new KnowledgeBaseError(problems);
  return result.output;
}

export const rawKnowledgeBase = {
  ...meta,
  topics,
  paradigms,
  contexts,
  honorifics,
  entities: [
    ...people,
    ...peopleCivic,
    ...peopleOfficials,
    ...organisations,
    ...media,
    ...international,
    ...places,
    ...cities,
    ...events,
    ...security,
  ],
};

let cached: KnowledgeBaseData | undefined;

export function loadKnowledgeBase(): KnowledgeBaseData {
  cached ??= parseKnowledgeBase(rawKnowledgeBase);
  return cached;
}

/** Cross-entity rules that a schema alone cannot express. Returns every problem, not just the first. */
import type { KnowledgeBase } from './schema';

export function checkIntegrity(kb: KnowledgeBase): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const entity of kb.entities) {
    if (ids.has(entity.id)) problems.push(`entity id "${entity.id}" is used twice`);
    ids.add(entity.id);
  }
  const topicIds = new Set(kb.topics.map((t) => t.id));
  const paradigmIds = new Set(kb.paradigms.map((p) => p.id));
  const contexts = kb.contexts ?? [];
  const contextIds = new Set(contexts.map((c) => c.id));
  if (topicIds.size !== kb.topics.length) problems.push('a topic id is used twice');
  if (paradigmIds.size !== kb.paradigms.length) problems.push('a paradigm id is used twice');
  if (contextIds.size !== contexts.length) problems.push('a context id is used twice');
  for (const paradigm of kb.paradigms) {
    const pattern = paradigm.auto?.pattern;
    if (pattern === undefined) continue;
    try {
      new RegExp(pattern, 'u');
    } catch {
      problems.push(`paradigm "${paradigm.id}": pattern ${JSON.stringify(pattern)} is not a regular expression`);
    }
  }
  for (const context of contexts) {
    for (const id of context.entities) {
      if (!ids.has(id)) problems.push(`context "${context.id}": entity "${id}" does not exist`);
    }
    for (const cue of context.cues) {
      if (cue.inflect && !paradigmIds.has(cue.inflect))
        problems.push(`context "${context.id}": cue "${cue.text}" uses unknown paradigm "${cue.inflect}"`);
    }
  }

  for (const entity of kb.entities) {
    const where = `entity "${entity.id}"`;
    const sourceIds = new Set(entity.sources.map((s) => s.id));
    if (sourceIds.size !== entity.sources.length) problems.push(`${where}: a source id is used twice`);
    for (const related of entity.related) {
      if (!ids.has(related)) problems.push(`${where}: related id "${related}" does not exist`);
      if (related === entity.id) problems.push(`${where}: lists itself as related`);
    }
    for (const topic of entity.topics) {
      if (!topicIds.has(topic)) problems.push(`${where}: topic "${topic}" does not exist`);
    }
    const cited = [...entity.facts.flatMap((f) => f.sources), ...(entity.status?.sources ?? [])];
    for (const id of cited) {
      if (!sourceIds.has(id)) problems.push(`${where}: cites unknown source "${id}"`);
    }
    for (const fact of entity.facts) {
      if (comparePartialDates(fact.date, entity.asOf) > 0) {
        problems.push(`${where}: fact dated ${fact.date} is after the entry's "as of" ${entity.asOf}`);
      }
    }
    if (entity.status && comparePartialDates(entity.status.asOf, entity.asOf) > 0) {
      problems.push(`${where}: status "as of" ${entity.status.asOf} is after the entry's "as of" ${entity.asOf}`);
    }
    if (comparePartialDates(entity.asOf, kb.asOf) > 0) {
      problems.push(`${where}: "as of" ${entity.asOf} is after the knowledge base's ${kb.asOf}`);
    }
    for (const name of [...entity.names, ...(entity.triggers ?? [])]) {
      if (name.inflect && !paradigmIds.has(name.inflect)) {
        problems.push(`${where}: name "${name.text}" uses unknown paradigm "${name.inflect}"`);
      }
      for (const id of name.needs ?? []) {
        if (!contextIds.has(id)) problems.push(`${where}: name "${name.text}" needs unknown context "${id}"`);
      }
    }
    for (const id of entity.evidence ?? []) {
      if (!contextIds.has(id)) problems.push(`${where}: evidence of unknown context "${id}"`);
    }
    if (entity.gender && entity.type !== 'person') problems.push(`${where}: only a person has a gender`);
  }
  return problems;
}

/** Compares dates of mixed precision by their earliest possible day ("2025" sorts before "2025-01-01"). */
export function comparePartialDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A small, hand-written KB for unit tests of the matcher, so they do not move when the real KB grows. */
import type { Entity, KnowledgeBase, Name } from '../../lib/kb/schema';
import { compileMatcherData, Matcher, tabulate } from '../../lib/match';

export function entity(id: string, names: (string | Name)[], extra: Partial<Entity> = {}): Entity {
  return {
    id,
    type: 'person',
    name: id,
    nativeNames: [],
    description: 'Test entity.',
    summary: 'Test entity.',
    facts: [],
    names: names.map((n) => (typeof n === 'string' ? { text: n } : n)),
    related: [],
    topics: ['test'],
    sources: [
      { id: 'a', title: 'A', publisher: 'P', url: 'https://example.org/a' },
      { id: 'b', title: 'B', publisher: 'P', url: 'https://example.org/b' },
    ],
    asOf: '2025-12-15',
    ...extra,
  };
}

export function testKb(entities: Entity[], paradigms: KnowledgeBase['paradigms'] = [], extra: Partial<KnowledgeBase> = {}): KnowledgeBase {
  return {
    version: 1,
    asOf: '2025-12-15',
    topics: [{ id: 'test', name: 'Test', description: 'Test topic.', defaultEnabled: true }],
    paradigms,
    contexts: [],
    honorifics: [],
    entities,
    ...extra,
  };
}

export function matcherFor(entities: Entity[], paradigms: KnowledgeBase['paradigms'] = [], extra: Partial<KnowledgeBase> = {}): Matcher {
  const { data, problems } = compileMatcherData(testKb(entities, paradigms, extra));
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return new Matcher(tabulate(data));
}

/** Mentions as [entity id, text] pairs: what a reader would see marked. */
export function found(matcher: Matcher, text: string): [string, string][] {
  return matcher.scan(text).map((m) => [matcher.data.entities[m.entity]!.id, text.slice(m.start, m.end)]);
}

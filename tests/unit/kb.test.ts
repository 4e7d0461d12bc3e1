import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase, parseKnowledgeBase, rawKnowledgeBase, KnowledgeBaseError } from '../../lib/kb';

describe('the bundled knowledge base', () => {
  it('validates against the schema and the cross-entity rules', () => {
    expect(() => loadKnowledgeBase()).not.toThrow();
  });

  it('has every entity the seed article names', () => {
    const ids = new Set(loadKnowledgeBase().entities.map((e) => e.id));
    for (const id of ['alexander-lukashenko']) expect(ids).toContain(id);
  });
});

describe('validation reports bad data clearly', () => {
  const withFirstEntity = (patch: Record<string, unknown>) => {
    const [first, ...rest] = rawKnowledgeBase.entities;
    return { ...rawKnowledgeBase, entities: [{ ...first, ...patch }, ...rest] };
  };
  const problemsOf = (raw: unknown): string[] => {
    try {
      parseKnowledgeBase(raw);
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(KnowledgeBaseError);
      return (error as KnowledgeBaseError).problems;
    }
  };

  it('rejects an id that is not a kebab-case slug', () => {
    expect(problemsOf(withFirstEntity({ id: 'Alexander Lukashenko' })).join()).toMatch(/kebab-case/);
  });
  it('rejects a related id that does not exist', () => {
    expect(problemsOf(withFirstEntity({ related: ['no-such-entity'] }))).toContain(
      'entity "alexander-lukashenko": related id "no-such-entity" does not exist',
    );
  });
  it('rejects a fact dated after the entry\'s "as of"', () => {
    const facts = [{ date: '2030-01-01', text: 'Future.', sources: ['wikipedia'] }];
    expect(problemsOf(withFirstEntity({ facts, asOf: '2025-12-15' })).join()).toMatch(/after the entry's "as of"/);
  });
  it('rejects a source that is not https', () => {
    const sources = [
      { id: 'a', title: 'A', publisher: 'P', url: 'http://example.com/' },
      { id: 'b', title: 'B', publisher: 'P', url: 'javascript:alert(1)' },
    ];
    expect(problemsOf(withFirstEntity({ sources, facts: [], status: undefined })).length).toBeGreaterThanOrEqual(2);
  });
  it('rejects an entity with fewer than two sources', () => {
    const sources = [{ id: 'wikipedia', title: 'W', publisher: 'Wikipedia', url: 'https://en.wikipedia.org/' }];
    expect(problemsOf(withFirstEntity({ sources })).join()).toMatch(/sources/);
  });
  it('rejects a citation of an unknown source', () => {
    const facts = [{ date: '2020', text: 'X.', sources: ['nowhere'] }];
    expect(problemsOf(withFirstEntity({ facts }))).toContain('entity "alexander-lukashenko": cites unknown source "nowhere"');
  });
});

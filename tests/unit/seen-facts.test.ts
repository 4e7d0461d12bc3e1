/** "New since you last looked": which facts of an entity a reader has not yet seen on its card. */
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../lib/kb';
import { factKey, factKeys, newFactIndices } from '../../lib/kb/seen-facts';

const entity = loadKnowledgeBase().entities.find((e) => e.id === 'ales-bialiatski')!;

describe('facts new since the last look', () => {
  it('shows nothing as new on the first look, and nothing after a look at the same facts', () => {
    expect(newFactIndices(entity, null)).toEqual([]);
    expect(newFactIndices(entity, factKeys(entity))).toEqual([]);
  });

  it('shows a fact a newer knowledge base added, and one whose text it rewrote', () => {
    const added = { date: '2026-01-15', text: 'Spoke at the European Parliament.', sources: [entity.sources[0]!.id] };
    const newer = { ...entity, facts: [...entity.facts, added] };
    expect(newFactIndices(newer, factKeys(entity))).toEqual([entity.facts.length]);
    const rewritten = { ...entity, facts: entity.facts.map((f, i) => (i === 2 ? { ...f, text: `${f.text} (corrected)` } : f)) };
    expect(newFactIndices(rewritten, factKeys(entity))).toEqual([2]);
  });

  it('does not count facts that only moved, or a seen fact that is gone', () => {
    const reordered = { ...entity, facts: [...entity.facts].reverse() };
    expect(newFactIndices(reordered, factKeys(entity))).toEqual([]);
    expect(newFactIndices({ ...entity, facts: entity.facts.slice(1) }, factKeys(entity))).toEqual([]);
  });

  it('knows a fact by its date, its first source and its text', () => {
    const fact = entity.facts[0]!;
    const key = factKey(fact, entity);
    expect(key.startsWith(`${fact.date}|`)).toBe(true);
    expect(factKey({ ...fact, date: '1900' }, entity)).not.toBe(key);
    const otherSource = entity.sources.find((s) => s.id !== fact.sources[0])!.id;
    expect(factKey({ ...fact, sources: [otherSource] }, entity)).not.toBe(key);
    expect(factKey({ ...fact, sources: [...fact.sources, otherSource] }, entity)).toBe(key);
  });
});

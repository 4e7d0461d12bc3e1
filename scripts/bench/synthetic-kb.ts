/** Adds generated entities to the bundled KB until it has `names` spellings: the "10,000-name KB" of the budget. */
import type { KnowledgeBase } from '../../lib/kb/schema';

const SYLLABLES = ['ka', 'lo', 'vi', 'ne', 'ru', 'sta', 'mi', 'dor', 'pel', 'gan', 'tro', 'zek', 'bra', 'vol', 'sen', 'tu'];

/** A made-up word for a number: its base-16 digits as syllables, so every number gets its own word. */
export function wordFor(n: number): string {
  let word = '';
  do {
    word += SYLLABLES[n % 16];
    n = Math.floor(n / 16);
  } while (n > 0);
  word += SYLLABLES[(word.length * 7) % 16]; // at least two syllables
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function withSyntheticNames(kb: KnowledgeBase, names: number): KnowledgeBase {
  const existing = kb.entities.reduce((n, e) => n + e.names.length + (e.triggers?.length ?? 0), 0);
  const template = kb.entities[0]!;
  const entities = [...kb.entities];
  for (let i = 0; existing + i < names; i++) {
    const text = `${wordFor(i)} ${wordFor(i * 31 + 7)}`;
    entities.push({ ...template, id: `synthetic-${i}`, name: text, names: [{ text }], triggers: [], related: [] });
  }
  return { ...kb, entities };
}

/** Searching the knowledge base from the popup: any name, in any spelling or script, finds its entity. */
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../lib/kb';
import { buildOverview, topicMentionCounts } from '../../lib/kb/overview';
import { foldForSearch, KnowledgeBaseSearch } from '../../lib/kb/search';

const overview = buildOverview(loadKnowledgeBase());
const kb = new KnowledgeBaseSearch(overview.entities);
const top = (query: string) => kb.search(query)[0];
const ids = (query: string, limit?: number) => kb.search(query, limit).map((h) => h.id);

describe('search finds an entity by any of its spellings', () => {
  it.each([
    ['Lukashenko', 'alexander-lukashenko'],
    ['Лукашенко', 'alexander-lukashenko'],
    ['lukasenka', 'alexander-lukashenko'],
    ['Łukaszenka', 'alexander-lukashenko'],
    ['LUKASHENKA', 'alexander-lukashenko'],
    ['Ціханоўская', 'sviatlana-tsikhanouskaya'],
    ['cichanouskaja', 'sviatlana-tsikhanouskaya'],
    ['Tsikhanouskaya', 'sviatlana-tsikhanouskaya'],
    ['Bialiatski', 'ales-bialiatski'],
    ['viasna', 'viasna'],
    ['KGB', 'kgb-belarus'],
    ['EU', 'european-union'],
    ['Zelenskyy', 'volodymyr-zelensky'],
    ['state department', 'us-state-department'],
  ])('"%s" finds %s first', (query, id) => {
    expect(top(query)?.id).toBe(id);
  });

  it('finds declined forms of a name (Polish, Belarusian, Lithuanian)', () => {
    expect(top('Łukaszenki')?.id).toBe('alexander-lukashenko');
    expect(top('Лукашэнкам')?.id).toBe('alexander-lukashenko');
    expect(top('Lukašenkos')?.id).toBe('alexander-lukashenko');
  });

  it('finds a name from its first letters, as the user types', () => {
    expect(ids('luk')).toContain('alexander-lukashenko');
    expect(ids('tsikh', 2).sort()).toEqual(['siarhei-tsikhanouski', 'sviatlana-tsikhanouskaya']);
    expect(top('min')?.id).toBe('minsk');
  });

  it('finds a name from words given in any order', () => {
    expect(top('bialiatski ales')?.id).toBe('ales-bialiatski');
    expect(top('ales bial')?.id).toBe('ales-bialiatski');
  });

  it('finds the query inside a longer word of a name', () => {
    expect(ids('kashenk')).toContain('alexander-lukashenko');
  });
});

describe('ranking', () => {
  it('puts a whole name before names that merely start with the query', () => {
    const results = ids('Belarus');
    expect(results[0]).toBe('belarus');
    expect(results).toContain('belaruskali');
    expect(results).toContain('kgb-belarus');
  });

  it('puts matches in names before matches in descriptions', () => {
    const hits = kb.search('sanctions');
    expect(hits[0]?.id).toBe('belarus-sanctions');
    const firstByDescription = hits.findIndex((h) => h.byDescription);
    expect(firstByDescription).toBeGreaterThan(0);
    expect(hits.slice(firstByDescription).every((h) => h.byDescription)).toBe(true);
  });

  it('finds by a word of the description only when no name matches', () => {
    const hit = kb.search('potash').find((h) => h.id === 'belaruskali');
    expect(hit?.byDescription).toBe(true);
  });

  it('does not search descriptions for very short words', () => {
    expect(kb.search('min').every((h) => !h.byDescription)).toBe(true);
  });
});

describe('what a result tells the user', () => {
  it('names the spelling that matched when the name does not show it', () => {
    expect(top('Лукашенко')).toMatchObject({ name: 'Alexander Lukashenko', matched: 'Лукашенко' });
    expect(top('lukasenka')?.matched).toMatch(/^[ŁL]uka[sš]enka$/);
  });

  it('says nothing more when the name itself matched', () => {
    expect(top('Lukashenko')?.matched).toBeUndefined();
    expect(top('luk')?.matched).toBeUndefined();
    expect(top('Tsikhanouski')?.matched).toBeUndefined();
  });

  it('lists each entity once', () => {
    const results = ids('lukashenko');
    expect(new Set(results).size).toBe(results.length);
  });
});

describe('queries that find nothing', () => {
  it.each(['', '   ', '...', '—'])('"%s" finds nothing', (query) => {
    expect(kb.search(query)).toEqual([]);
  });

  it('a word the KB does not know finds nothing', () => {
    expect(kb.search('xylophone')).toEqual([]);
  });

  it('respects the limit', () => {
    expect(kb.search('a', 5)).toHaveLength(5);
  });
});

describe('folding', () => {
  it('folds case, diacritics and punctuation like the matcher', () => {
    expect(foldForSearch('Łukašenka')).toBe('lukasenka');
    expect(foldForSearch('  U.S.  Department ')).toBe('u s department');
    expect(foldForSearch('Лукашэнка')).toBe(foldForSearch('ЛУКАШЭНКА'));
  });
});

describe('topic counts on a page', () => {
  it("adds each entity's mentions to every topic it belongs to", () => {
    const counts = topicMentionCounts(overview, [
      { entity: 'alexander-lukashenko', count: 5 }, // belarus-politics
      { entity: 'maria-kalesnikava', count: 2 }, // human-rights, belarus-politics
      { entity: 'unknown-entity', count: 9 },
    ]);
    expect(counts).toEqual({ 'belarus-politics': 7, 'human-rights': 2 });
  });

  it('gives every topic and every entity to the popup, with all its spellings', () => {
    expect(overview.topics.map((t) => t.id)).toContain('places');
    const lukashenko = overview.entities.find((e) => e.id === 'alexander-lukashenko')!;
    expect(lukashenko).toMatchObject({ name: 'Alexander Lukashenko', type: 'person', topics: ['belarus-politics'] });
    expect(lukashenko.spellings).toContain('Лукашенко');
    expect(overview.entities).toHaveLength(loadKnowledgeBase().entities.length);
  });
});

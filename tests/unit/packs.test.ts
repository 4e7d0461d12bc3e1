/**
 * Topic packs (README "Topic packs"): the bundled knowledge base is a valid pack and comes back from one
 * unchanged; a pack's names are found under their full ids; hostile or broken files change nothing and say why.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../lib/kb';
import { buildCard } from '../../lib/kb/card';
import { buildMatcherData, Matcher } from '../../lib/match';
import { kbToPack, mergePacks, packContextOf, packToKb } from '../../lib/packs/convert';
import { fullId, packOf } from '../../lib/packs/ids';
import { LIMITS } from '../../lib/packs/limits';
import { describeRejection, parsePack, tooDeep } from '../../lib/packs/parse';
import { planPackImport } from '../../lib/packs/plan';
import { emptyForm, entityFromForm, formFromEntity } from '../../lib/packs/form';
import { checkEntity, declinedForms, emptyPersonalPack, newEntityId } from '../../lib/packs/personal';
import type { Pack } from '../../lib/packs/schema';

const kb = loadKnowledgeBase();
const context = packContextOf(kb);
const EXAMPLE = readFileSync('docs/example-pack.json', 'utf8');

/** A small pack, written as a reader would, with changes applied to its first entity. */
function pack(entity: Record<string, unknown> = {}, header: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    backstoryPack: 1,
    id: 'test-pack',
    title: 'Test pack',
    version: '1',
    asOf: '2026-11-30',
    topics: [{ id: 'cases', label: 'Cases' }],
    entities: [
      {
        id: 'jana-testava',
        type: 'person',
        name: 'Jana Testava',
        names: [{ text: 'Jana Testava', lang: 'en' }],
        description: 'A person made up for a test.',
        facts: [{ date: '2026-01', text: 'Detained.', source: 'https://example.org/a' }],
        sources: [{ url: 'https://example.org/a', title: 'A report' }],
        topics: ['cases'],
        ...entity,
      },
    ],
    ...header,
  };
}

function parsed(raw: unknown) {
  return parsePack(typeof raw === 'string' ? raw : JSON.stringify(raw), context);
}

function matcherWith(...packs: Pack[]): Matcher {
  const merged = mergePacks(kb, packs);
  expect(merged.problems).toEqual([]);
  return new Matcher(buildMatcherData(merged.kb).data);
}

function found(matcher: Matcher, text: string): [string, string][] {
  return matcher.scan(text).map((m) => [matcher.data.entities[m.entity]!.id, text.slice(m.start, m.end)]);
}

describe('the bundled knowledge base as a pack', () => {
  const text = JSON.stringify(kbToPack(kb));
  const result = parsePack(text, { paradigms: new Set(), contexts: new Set(), topics: new Set() });

  it('validates against the pack format, every entity accepted', () => {
    if (!result.ok) throw new Error(result.error);
    expect(result.rejected.map(describeRejection)).toEqual([]);
    expect(result.pack.entities).toHaveLength(kb.entities.length);
    expect(text.length).toBeLessThan(LIMITS.fileChars);
  });

  it('reads back as the same knowledge base: entities, topics and grammar', () => {
    if (!result.ok) throw new Error(result.error);
    const back = packToKb(result.pack);
    expect(back.entities).toEqual(kb.entities);
    expect(back.topics).toEqual(kb.topics);
    expect(back.paradigms).toEqual(kb.paradigms);
    expect(back.contexts).toEqual(kb.contexts);
    expect(back.honorifics).toEqual(kb.honorifics);
  });
});

describe('ids are namespaced by their pack', () => {
  it('a pack id before each id; the bundled ids stay bare', () => {
    expect(fullId('court-watch', 'jane-doe')).toBe('court-watch/jane-doe');
    expect(fullId('court-watch', 'other/jane-doe')).toBe('other/jane-doe');
    expect(fullId('court-watch', 'backstory/viasna')).toBe('viasna');
    expect(packOf('court-watch/jane-doe')).toBe('court-watch');
    expect(packOf('viasna')).toBe('backstory');
  });
});

describe('the example pack (docs/example-pack.json)', () => {
  const result = parsed(EXAMPLE);
  if (!result.ok) throw new Error(result.error);

  it('validates, and its names are found under full ids, declined in Belarusian and Russian', () => {
    expect(result.rejected).toEqual([]);
    const matcher = matcherWith(result.pack);
    expect(found(matcher, 'Ina Prykladava faced Judge Uzorau. Lukashenko was far away.')).toEqual([
      ['example-court-watch/ina-prykladava', 'Ina Prykladava'],
      ['example-court-watch/paval-uzorau', 'Judge Uzorau'],
      ['alexander-lukashenko', 'Lukashenko'],
    ]);
    expect(found(matcher, 'Суд над Інай Прыкладавай. Приговор Инне Прикладовой.').map(([id]) => id)).toEqual([
      'example-court-watch/ina-prykladava',
      'example-court-watch/ina-prykladava',
    ]);
  });

  it('its cards link to the bundled entities it names, and its topics join the bundled ones', () => {
    const merged = mergePacks(kb, [result.pack]).kb;
    const card = buildCard(merged, 'example-court-watch/ina-prykladava')!;
    expect(card.relatedNames).toEqual({ 'example-court-watch/paval-uzorau': 'Paval Uzorau', viasna: 'Viasna Human Rights Centre' });
    expect(card.topics.map((t) => t.id)).toEqual(['human-rights', 'example-court-watch/court-watch']);
    // A fact cited by link gets that link as a source of its own.
    expect(card.entity.sources.map((s) => s.url)).toEqual([
      'https://example.org/court-watch/hearing-1',
      'https://example.org/court-watch/hearing-2',
    ]);
    expect(card.entity.facts[1]!.sources).toEqual(['source-2', 'court-watch-1']);
  });
});

describe('hostile and broken packs change nothing and say why', () => {
  const refused = (raw: unknown): string => {
    const result = parsed(raw);
    if (result.ok) throw new Error('accepted');
    return result.error;
  };
  const rejected = (raw: unknown): string[] => {
    const result = parsed(raw);
    if (!result.ok) throw new Error(result.error);
    return result.rejected.map(describeRejection);
  };

  it('a 50 MB file is refused before it is parsed', () => {
    expect(refused(`{"backstoryPack":1,"x":"${'a'.repeat(50 * 1024 * 1024)}"}`)).toMatch(
      /^the file is 50\.0 MB; a pack may be at most 20 MB$/,
    );
  });

  it('100,000 entities are refused', () => {
    const tiny = {
      id: 'a',
      type: 'person',
      name: 'A',
      names: [{ text: 'A' }],
      description: 'd',
      facts: [],
      sources: [],
      topics: ['cases'],
    };
    const text = JSON.stringify(pack({}, { entities: Array.from({ length: 100_000 }, () => tiny) }));
    expect(refused(text)).toBe('entities: at most 20000 entities in a pack');
  });

  it('deep nesting is refused before parsing, with the line and column', () => {
    expect(refused(`{"backstoryPack":1,\n"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)).toBe(
      `objects and arrays nest more than ${LIMITS.depth} deep (line 2, column ${4 + LIMITS.depth})`,
    );
    // Brackets inside strings do not count.
    expect(tooDeep(JSON.stringify({ a: '[[[[[[[[[[[[[[[[[[[[[[[[' }))).toBeNull();
  });

  it('keys that could reach a prototype are refused, wherever they are', () => {
    const polluted = JSON.stringify(pack()).replace('"name":"Jana Testava"', '"name":"Jana Testava","__proto__":{"polluted":true}');
    expect(refused(polluted)).toBe('the key "__proto__" is not allowed (at entities[0].__proto__)');
    expect(refused(JSON.stringify(pack({}, { constructor: { prototype: {} } })))).toMatch(/the key "constructor" is not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('not JSON, not a pack, another format version, a bad header: refused with the field', () => {
    expect(refused('{"backstoryPack": 1,')).toMatch(/^not JSON: /);
    expect(refused('[1, 2]')).toMatch(/no "backstoryPack" field/);
    expect(refused(pack({}, { backstoryPack: 2 }))).toMatch(/^backstoryPack: must be 1/);
    expect(refused(pack({}, { id: 'Not A Slug', asOf: '2026' }))).toBe('id: must be a kebab-case slug; asOf: must be YYYY-MM-DD');
    expect(refused(pack({}, { title: undefined, extra: 1 }))).toBe('title: is missing; extra: is not a field of the pack format');
    expect(
      refused(
        pack(
          {},
          {
            topics: [
              { id: 'a', label: 'A' },
              { id: 'a', label: 'B' },
            ],
          },
        ),
      ),
    ).toBe('topics: a topic id is used twice');
  });

  it('javascript: and data: links are refused, and the entity with them, alone', () => {
    const good = (pack().entities as Record<string, unknown>[])[0];
    const raw = pack({ sources: [{ url: 'javascript:alert(1)' }, { url: 'data:text/html,<script>alert(1)</script>' }] });
    (raw.entities as unknown[]).push({ ...good, id: 'good-one' });
    const result = parsed(raw);
    if (!result.ok) throw new Error(result.error);
    expect(result.pack.entities.map((e) => e.id)).toEqual(['good-one']);
    expect(result.rejected.map(describeRejection)).toEqual([
      'entities[0] "jana-testava": sources[0].url: links must use https (javascript:, data: and http: links are refused); sources[1].url: links must use https (javascript:, data: and http: links are refused)',
    ]);
  });

  it('a duplicate id is rejected, the first entity kept', () => {
    const raw = pack();
    (raw.entities as unknown[]).push((raw.entities as unknown[])[0]);
    expect(rejected(raw)).toEqual(['entities[1] "jana-testava": the id "jana-testava" is used by an earlier entity of this pack']);
  });

  it('references that lead nowhere are rejected with the field', () => {
    expect(
      rejected(
        pack({
          facts: [{ date: '2026', text: 'x', source: 'nowhere' }],
          topics: ['cases', 'other-pack/x'],
          names: [{ text: 'Jana', inflect: 'no-such-paradigm', needs: ['no-such-context'] }],
        }),
      ),
    ).toEqual([
      'entities[0] "jana-testava": facts[0].source: no source of this entity has the id "nowhere"; topics[1]: no topic "other-pack/x" in this pack or among the topics installed; names "Jana": no paradigm "no-such-paradigm"; names "Jana": no context "no-such-context"',
    ]);
  });

  it('markup in text is kept as text (cards render it as text, never as HTML)', () => {
    const result = parsed(pack({ description: '<img src=x onerror=alert(1)>', name: '<b>Jana</b>' }));
    if (!result.ok) throw new Error(result.error);
    expect(result.pack.entities[0]!.description).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('the import dry run', () => {
  const text = (entity: Record<string, unknown> = {}, header: Record<string, unknown> = {}) => JSON.stringify(pack(entity, header));
  const plan = (t: string, installed: Pack[] = []) => {
    const result = planPackImport(t, kb, installed);
    if (!result.ok) throw new Error(result.error);
    return result;
  };

  it('new, then unchanged, updated and removed against the installed version', () => {
    const first = plan(text());
    expect(first.report).toMatchObject({ id: 'test-pack', new: 1, updated: 0, unchanged: 0, removed: 0, rejected: [], clashes: [] });
    expect(plan(text(), [first.pack]).report).toMatchObject({ new: 0, updated: 0, unchanged: 1, removed: 0, replaces: '1' });
    expect(plan(text({ description: 'Changed.' }, { version: '2' }), [first.pack]).report).toMatchObject({ updated: 1, replaces: '1' });
    expect(plan(text({ id: 'someone-else' }), [first.pack]).report).toMatchObject({ new: 1, removed: 1 });
  });

  it('spellings that another entity has are listed, with whether the page decides', () => {
    const report = plan(text({ names: [{ text: 'Jana Testava' }, { text: 'Lukashenko' }, { text: 'Kolesnikova' }] })).report;
    expect(report.clashes.map((c) => [c.spelling, c.entity, c.other, c.pageDecides])).toEqual([
      ['lukashenko', 'test-pack/jana-testava', 'alexander-lukashenko', false],
      ['kolesnikova', 'test-pack/jana-testava', 'maria-kalesnikava', true],
    ]);
    expect(report.names['alexander-lukashenko']).toBe('Alexander Lukashenko');
  });

  it('a spelling that cannot be declined as asked is rejected with the reason', () => {
    const report = plan(text({ names: [{ text: 'Jana Smith', inflect: 'be-fem-ava' }] })).report;
    expect(report.rejected.map(describeRejection)).toEqual([
      `entities[0] "jana-testava": spelling "Jana Smith": "Smith" does not end in "а"`,
    ]);
    expect(report.new).toBe(0);
  });

  it('the bundled id is not for an imported pack', () => {
    expect(planPackImport(text({}, { id: 'backstory' }), kb, [])).toEqual({
      ok: false,
      error: 'the id "backstory" is the bundled knowledge base\'s; a pack needs an id of its own',
    });
  });
});

describe('an entity may extend a bundled one', () => {
  it('its spellings find the bundled entity, and its facts join the card', () => {
    const result = parsed(
      pack({
        id: 'my-lukashenko',
        extends: 'backstory/alexander-lukashenko',
        names: [{ text: 'Batska', lang: 'en' }],
        facts: [{ date: '2025-06', text: 'A private note of mine.', source: 'https://example.org/a' }],
      }),
    );
    if (!result.ok) throw new Error(result.error);
    const merged = mergePacks(kb, [result.pack]).kb;
    expect(merged.entities).toHaveLength(kb.entities.length);
    const matcher = new Matcher(buildMatcherData(merged).data);
    expect(found(matcher, 'Batska spoke.')).toEqual([['alexander-lukashenko', 'Batska']]);
    const card = buildCard(merged, 'alexander-lukashenko')!;
    const fact = card.entity.facts.find((f) => f.text === 'A private note of mine.')!;
    expect(card.entity.sources.find((s) => s.id === fact.sources[0])?.url).toBe('https://example.org/a');
  });
});

describe("the reader's own entities", () => {
  it('an id from the name, in Latin letters, not taken', () => {
    expect(newEntityId('Іна Тэставая', new Set())).toBe('ina-testavaya');
    expect(newEntityId('Łukasz Żółw', new Set())).toBe('lukasz-zolw');
    expect(newEntityId('Jane Doe', new Set(['jane-doe']))).toBe('jane-doe-2');
  });

  it('the form and the entity it stands for, both ways', () => {
    const form = {
      ...emptyForm('Jana Testava'),
      gender: 'female' as const,
      description: 'A person made up for a test.',
      spellings: [
        { text: 'Яна Тэставая', lang: 'be', case: 'initials' as const, ambiguous: false },
        { text: 'Testava', lang: 'en', case: 'initials' as const, ambiguous: true },
      ],
      facts: [{ date: '2026-01', text: 'Detained.', source: 'https://example.org/a' }],
      topic: 'human-rights',
      extends: '',
    };
    const entity = entityFromForm(form, 'jana-testava');
    expect(entity).toEqual({
      id: 'jana-testava',
      type: 'person',
      gender: 'female',
      name: 'Jana Testava',
      names: [
        { text: 'Jana Testava', lang: 'en' },
        { text: 'Яна Тэставая', lang: 'be' },
        { text: 'Testava', lang: 'en', ambiguous: true },
      ],
      description: 'A person made up for a test.',
      facts: [{ date: '2026-01', text: 'Detained.', source: 'https://example.org/a' }],
      sources: [{ url: 'https://example.org/a' }],
      topics: ['backstory/human-rights'],
    });
    expect(formFromEntity(entity)).toEqual({ ...form, id: 'jana-testava' });
  });

  it('the declined forms a name gets, for the form to show', () => {
    expect(declinedForms(kb, { text: 'Ян Мельнік', lang: 'be' }, { type: 'person', gender: 'male' })).toContain('Янам Мельнікам');
    expect(declinedForms(kb, { text: 'Jane Doe', lang: 'en' }, { type: 'person', gender: 'female' })).toEqual([]);
  });

  it('checked before saving: the clashes of its spellings, or its problem in words', () => {
    const personal = emptyPersonalPack('2026-12-02');
    const form = {
      ...emptyForm('Jana Testava'),
      description: 'Made up.',
      spellings: [{ text: 'Tsikhanouskaya', lang: 'en', case: 'initials' as const, ambiguous: false }],
    };
    const check = checkEntity(kb, [], personal, entityFromForm(form, 'jana-testava'), '2026-12-02');
    if (!check.ok) throw new Error(check.error);
    expect(check.clashes.map((c) => [c.spelling, c.other, c.pageDecides])).toEqual([['tsikhanouskaya', 'sviatlana-tsikhanouskaya', false]]);
    expect(check.pack.entities.map((e) => e.id)).toEqual(['jana-testava']);
    const bad = checkEntity(
      kb,
      [],
      personal,
      entityFromForm({ ...form, facts: [{ date: 'May 2026', text: 'x', source: 'javascript:alert(1)' }] }, 'x'),
      '2026-12-02',
    );
    expect(bad).toEqual({
      ok: false,
      error: expect.stringMatching(/^facts\[0\]\.date: must be YYYY, YYYY-MM or YYYY-MM-DD; facts\[0\]\.source: /),
    });
  });
});

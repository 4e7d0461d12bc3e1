/**
 * The context model on a small hand-written KB: one sense per discourse, topic evidence, titles and
 * honorifics, families that share a surname, names inside events, declension in step, collapsible white space.
 */
import { describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../lib/kb/schema';
import { annotate } from '../../lib/annotate';
import { affects, compileMatcherData, PageEvidence } from '../../lib/match';
import { entity, found, matcherFor, testKb } from '../helpers/kb';

const contexts: KnowledgeBase['contexts'] = [
  {
    id: 'belarus',
    description: 'Belarus.',
    entities: ['belarus', 'lukashenko'],
    cues: [{ text: 'Belarusian' }, { text: 'белорусский', inflect: 'ru-adj' }],
  },
  { id: 'us', description: 'U.S. government.', entities: ['trump'], cues: [{ text: 'White House' }] },
];
const honorifics: KnowledgeBase['honorifics'] = [
  { lang: 'en', gender: 'male', words: ['Mr', 'Herr', 'M'] },
  { lang: 'en', gender: 'female', words: ['Ms', 'Mrs', 'Frau', 'г-жа'] },
];
const paradigms: KnowledgeBase['paradigms'] = [
  { id: 'ru-adj', lang: 'ru', description: 'Adjective.', suffix: 'ий', endings: ['ий', 'ого', 'ая', 'ой'] },
  {
    id: 'uk-given',
    lang: 'uk',
    description: 'Given name.',
    suffix: '',
    cases: { nom: [''], gen: ['а'], ins: ['ом'] },
    auto: { word: 'given', gender: 'male', pattern: 'р$' },
  },
  {
    id: 'uk-surname-ko',
    lang: 'uk',
    description: 'Surname in -ко.',
    suffix: 'о',
    cases: { nom: ['о'], gen: ['а'], ins: ['ом'] },
    auto: { word: 'surname', gender: 'male', pattern: 'ко$' },
  },
];

const matcher = matcherFor(
  [
    entity('lukashenko', ['Alexander Lukashenko', 'Lukashenko', { text: 'Олександр Лукашенко', lang: 'uk' }], { gender: 'male' }),
    entity('viktar', ['Viktar Lukashenko', { text: 'Lukashenko', ambiguous: true }], { gender: 'male' }),
    entity('kalesnikava', ['Maria Kalesnikava', 'Kalesnikava', { text: 'Kolesnikova', ambiguous: true, needs: ['belarus'] }], {
      gender: 'female',
    }),
    entity('coale', ['John Coale', { text: 'Coale', ambiguous: true }], { gender: 'male' }),
    entity('rubio', ['Marco Rubio', { text: 'Rubio', ambiguous: true, needs: ['us'] }], {
      gender: 'male',
      titles: ['Secretary', 'Secretary of State'],
    }),
    entity('trump', ['Donald Trump', 'Trump'], { gender: 'male' }),
    entity('belarus', ['Belarus'], { type: 'place' }),
    entity('ukraine', ['Ukraine'], { type: 'place' }),
    entity('prisoners', ['Belarusian political prisoners'], {
      type: 'concept',
      triggers: [{ text: 'political prisoners', case: 'any', needs: ['belarus'] }],
    }),
    entity('invasion', ['Russian invasion of Ukraine'], {
      type: 'event',
      triggers: [{ text: '(full-scale|2022) invasion of Ukraine', case: 'any' }],
    }),
  ],
  paradigms,
  { contexts, honorifics },
);

describe('one sense per discourse', () => {
  it('a full name anywhere on the page licenses its short form, before or after it, paragraphs away', () => {
    const page = `Kolesnikova spoke first.\n\n${'Other news. '.repeat(300)}\n\nMaria Kalesnikava was freed.`;
    expect(found(matcher, page).map(([id, text]) => `${id}:${text}`)).toEqual(['kalesnikava:Kolesnikova', 'kalesnikava:Maria Kalesnikava']);
  });

  it('an ambiguous short form without its full name or its context stays unmarked', () => {
    expect(found(matcher, 'The demographer Ansley Coale built model life tables; Coale retired in 1984.')).toEqual([]);
    expect(found(matcher, 'John Coale met officials. Coale said the talks went well.')).toEqual([
      ['coale', 'John Coale'],
      ['coale', 'Coale'],
    ]);
  });

  it('topic evidence: cue words or an unambiguous mention of the context anywhere on the page', () => {
    expect(found(matcher, 'The tennis player Kolesnikova won in Kazan.')).toEqual([]);
    expect(found(matcher, 'Kolesnikova remains in prison.\n\nThe Belarusian authorities said nothing.')).toEqual([
      ['kalesnikava', 'Kolesnikova'],
    ]);
    expect(found(matcher, 'Kolesnikova was jailed in Belarus.')).toEqual([
      ['kalesnikava', 'Kolesnikova'],
      ['belarus', 'Belarus'],
    ]);
    // Declined cue words count too.
    expect(found(matcher, 'Kolesnikova: белорусского суда решение.')).toEqual([['kalesnikava', 'Kolesnikova']]);
  });

  it('generic phrases link only on a page that shows the context they need', () => {
    expect(found(matcher, 'UN experts decried the treatment of political prisoners in Iran.')).toEqual([]);
    expect(found(matcher, 'Political prisoners remain behind bars.\n\nIn Belarus, the count rose.')).toEqual([
      ['prisoners', 'Political prisoners'],
      ['belarus', 'Belarus'],
    ]);
  });

  it('an ambiguous mention is no evidence for another one (nothing licenses itself)', () => {
    expect(found(matcher, 'Rubio and Kolesnikova, Coale and Rubio.')).toEqual([]);
  });

  it("a person's own title makes an ambiguous surname unambiguous", () => {
    expect(found(matcher, 'Secretary Rubio spoke on Monday.')).toEqual([['rubio', 'Rubio']]);
    expect(found(matcher, "Rubio's Coastal Grill opened in San Diego.")).toEqual([]);
    expect(found(matcher, 'The White House said Rubio would travel.')).toEqual([['rubio', 'Rubio']]);
  });
});

describe('honorifics and families', () => {
  it('a title that does not fit the entity blocks the link', () => {
    expect(found(matcher, 'The fund is allied with Ms. Trump and her husband.')).toEqual([]);
    expect(found(matcher, 'Mrs Trump and Frau Trump and г-жа Trump declined.')).toEqual([]);
    expect(found(matcher, 'Mr. Trump said so, and Herr Trump agreed.')).toEqual([
      ['trump', 'Trump'],
      ['trump', 'Trump'],
    ]);
    expect(found(matcher, 'Mr. Kalesnikava is a made-up name.')).toEqual([]);
  });

  it('a one-letter title needs its dot, and may be an initial of the given name', () => {
    expect(found(matcher, 'M. Kalesnikava wrote from prison.')).toEqual([['kalesnikava', 'Kalesnikava']]);
    expect(found(matcher, 'M. Trump a parlé.')).toEqual([['trump', 'Trump']]);
    expect(found(matcher, 'Plan M Kalesnikava.')).toEqual([['kalesnikava', 'Kalesnikava']]);
  });

  it('a surname the family shares: the father unless the page names only the son; a title for a woman fits neither', () => {
    expect(found(matcher, 'Lukashenko spoke.')).toEqual([['lukashenko', 'Lukashenko']]);
    expect(found(matcher, 'Viktar Lukashenko chairs the committee. Lukashenko said it would meet.')).toEqual([
      ['viktar', 'Viktar Lukashenko'],
      ['viktar', 'Lukashenko'],
    ]);
    expect(found(matcher, 'Alexander Lukashenko and his son Viktar Lukashenko. Lukashenko said.')).toEqual([
      ['lukashenko', 'Alexander Lukashenko'],
      ['viktar', 'Viktar Lukashenko'],
      ['lukashenko', 'Lukashenko'],
    ]);
    expect(found(matcher, 'Mrs. Lukashenko, a teacher from Ohio.')).toEqual([]);
  });

  it('two entities may share a spelling only if it is ambiguous for all but one of them', () => {
    const { problems } = compileMatcherData(testKb([entity('a', ['Lukashenko']), entity('b', ['Lukashenko'])]));
    expect(problems).toHaveLength(1);
    expect(
      compileMatcherData(testKb([entity('a', ['Lukashenko']), entity('b', [{ text: 'Lukashenko', ambiguous: true }])])).problems,
    ).toEqual([]);
  });
});

describe('names inside events', () => {
  it('marks the event and reports the name inside it as a mention of its own', () => {
    const text = 'Before the full-scale invasion of Ukraine, troops gathered.';
    expect(matcher.scan(text).map((m) => matcher.data.entities[m.entity]!.id)).toEqual(['invasion']);
    expect(annotate(matcher, text).mentions).toEqual([
      { entity: 'invasion', start: 11, end: 41, text: 'full-scale invasion of Ukraine' },
      { entity: 'ukraine', start: 34, end: 41, text: 'Ukraine', within: 'invasion' },
    ]);
  });
});

describe('declension by paradigms', () => {
  it('declines every word of a name in step, case by case, by the paradigms for its language', () => {
    expect(found(matcher, 'Зустріч з Олександром Лукашенком тривала.')).toEqual([['lukashenko', 'Олександром Лукашенком']]);
    expect(found(matcher, 'Позиція Олександра Лукашенка.')).toEqual([['lukashenko', 'Олександра Лукашенка']]);
    // Two words in two different cases are not a form of the name.
    expect(found(matcher, 'Олександра Лукашенком')).toEqual([]);
  });
});

describe('collapsible white space', () => {
  const text = 'her State                     \n                            Department colleague';
  const stateDepartment = matcherFor([entity('state-department', ['State Department'], { type: 'organisation' })]);

  it('is one gap however long, when the text index says the white space collapses', () => {
    expect(stateDepartment.scan(text)).toEqual([]);
    expect(stateDepartment.scan(text, { collapse: true })).toEqual([{ start: 4, end: text.indexOf('Department') + 10, entity: 0 }]);
    // A blank line in collapsible source is not a paragraph break either.
    expect(stateDepartment.scan('State\n\n   Department', { collapse: true })).toHaveLength(1);
    expect(stateDepartment.scan('State\n\n   Department')).toEqual([]);
  });
});

describe('page evidence read block by block', () => {
  it('a waiting candidate is resolved again when the evidence it waits for arrives, and again when it goes', () => {
    const first = matcher.read('Kolesnikova spoke.');
    const second = matcher.read('Maria Kalesnikava was freed.');
    const evidence = new PageEvidence();
    expect(evidence.add(first)).toBeNull();
    expect(matcher.resolve(first, evidence)).toEqual([]);
    const change = evidence.add(second);
    expect(change).not.toBeNull();
    expect(affects(first, change!)).toBe(true);
    expect(affects(second, change!)).toBe(false);
    expect(matcher.resolve(first, evidence)).toHaveLength(1);
    const loss = evidence.remove(second);
    expect(affects(first, loss!)).toBe(true);
    expect(matcher.resolve(first, evidence)).toEqual([]);
  });
});

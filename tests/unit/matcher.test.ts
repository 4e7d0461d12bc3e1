import { describe, expect, it } from 'vitest';
import { compileMatcherData } from '../../lib/match';
import { entity, found, matcherFor, testKb } from '../helpers/kb';

const PL_MASC_A = { id: 'pl-masc-a', lang: 'pl', description: 'Polish -a.', suffix: 'a', endings: ['a', 'i', 'ę', 'ą', 'ce'] };
const RU_ADJ_FEM = { id: 'ru-adj-fem', lang: 'ru', description: 'Russian -ая.', suffix: 'ая', endings: ['ая', 'ой', 'ую'] };

const matcher = matcherFor(
  [
    entity('lukashenko', ['Alexander Lukashenko', 'Lukashenko', 'Lukashenka', { text: 'Łukaszenka', inflect: 'pl-masc-a' }, 'Лукашенко']),
    entity('tsikhanouskaya', ['Sviatlana Tsikhanouskaya', 'Tsikhanouskaya', { text: 'Тихановская', inflect: 'ru-adj-fem' }]),
    entity('bialiatski', ['Ales Bialiatski', 'Bialiatski']),
    entity('trump', [{ text: 'Trump', notBefore: ['card', 'cards'] }, 'Donald Trump']),
    entity('eu', [{ text: 'EU', case: 'exact' }, 'European Union']),
    entity('state-department', ['U.S. State Department', 'State Department']),
    entity('belarus', ['Belarus']),
    entity('sanctions', [{ text: 'Belarus sanctions' }], {
      type: 'concept',
      triggers: [
        { text: 'sanctions (on|against) (Belarus|Minsk|the Lukashenko regime)', case: 'any' },
        { text: 'sanctions relief', case: 'any', near: ['Belarus', 'Minsk'] },
      ],
    }),
    entity('wagner', [{ text: 'Wagner', near: ['mercenaries', 'fighters', "Prigozhin's", 'MiG-29'] }, 'Wagner Group']),
    entity('election-2020', [], {
      type: 'event',
      names: [{ text: 'Belarusian presidential election of 2020' }],
      triggers: [{ text: '2020 election', case: 'any', notAfter: ['U.S.', "America's"] }],
    }),
  ],
  [PL_MASC_A, RU_ADJ_FEM],
);

describe('matching names', () => {
  it('finds names, longest first, with offsets into the original text', () => {
    const text = 'Alexander Lukashenko met envoys. Later, Lukashenko spoke.';
    expect(matcher.scan(text)).toEqual([
      { start: 0, end: 20, entity: 0 },
      { start: 40, end: 50, entity: 0 },
    ]);
  });

  it('finds possessives with straight and curly apostrophes, without the suffix', () => {
    expect(found(matcher, "Lukashenko's regime and Lukashenko’s prisoners")).toEqual([
      ['lukashenko', 'Lukashenko'],
      ['lukashenko', 'Lukashenko'],
    ]);
  });

  it('respects word boundaries in every script', () => {
    expect(found(matcher, 'Minsker Lukashenkoism Belaruss')).toEqual([]);
    expect(found(matcher, 'Александр Лукашенкович')).toEqual([]);
    expect(found(matcher, '«Лукашенко» заявил')).toEqual([['lukashenko', 'Лукашенко']]);
  });

  it('finds inflected forms from paradigms, and only those', () => {
    expect(found(matcher, 'Spotkanie z Łukaszenką i wizyta u Łukaszenki.')).toEqual([
      ['lukashenko', 'Łukaszenką'],
      ['lukashenko', 'Łukaszenki'],
    ]);
    expect(found(matcher, 'встреча с Тихановской; Тихановскую')).toEqual([
      ['tsikhanouskaya', 'Тихановской'],
      ['tsikhanouskaya', 'Тихановскую'],
    ]);
    expect(found(matcher, 'Łukaszenkowie')).toEqual([]);
  });

  it('folds case and diacritics, but keeps the case rules of each spelling', () => {
    expect(found(matcher, 'LUKASHENKO and Lukaszenka')).toEqual([
      ['lukashenko', 'LUKASHENKO'],
      ['lukashenko', 'Lukaszenka'],
    ]);
    expect(found(matcher, 'lukashenko in lower case')).toEqual([]);
    expect(found(matcher, 'The EU and the eu and the Eu')).toEqual([['eu', 'EU']]);
  });

  it('does not mark a common word that looks like a name', () => {
    expect(found(matcher, 'He played his trump card. Trump cards win.')).toEqual([]);
    expect(found(matcher, 'Trump said so.')).toEqual([['trump', 'Trump']]);
    expect(found(matcher, "Wagner's operas fill the hall.")).toEqual([]);
    expect(found(matcher, 'Wagner mercenaries moved in.')).toEqual([['wagner', 'Wagner']]);
  });

  it('needs a context word in the same paragraph for a `near` rule', () => {
    expect(found(matcher, 'Talks on sanctions relief with Minsk.')).toEqual([['sanctions', 'sanctions relief']]);
    expect(found(matcher, 'Talks on sanctions relief.\n\nMinsk is far away.')).toEqual([]);
  });

  it('reads context phrases of several words, dotted abbreviations and possessives', () => {
    expect(found(matcher, 'Wagner moved, said a MiG-29 pilot.')).toEqual([['wagner', 'Wagner']]);
    expect(found(matcher, "Prigozhin's Wagner moved.")).toEqual([['wagner', 'Wagner']]);
    expect(found(matcher, 'Prigozhin Wagner moved.')).toEqual([]);
    expect(found(matcher, 'the 2020 election was disputed')).toEqual([['election-2020', '2020 election']]);
    expect(found(matcher, 'the U.S. 2020 election and America\u2019s 2020 election')).toEqual([]);
  });

  it('expands trigger patterns and prefers the longest match', () => {
    expect(found(matcher, 'New sanctions against the Lukashenko regime and sanctions on Belarus.')).toEqual([
      ['sanctions', 'sanctions against the Lukashenko regime'],
      ['sanctions', 'sanctions on Belarus'],
    ]);
    expect(found(matcher, 'Belarus sanctions')).toEqual([['sanctions', 'Belarus sanctions']]);
  });

  it('joins a name across spaces, line breaks, non-breaking spaces and dots, never across paragraphs', () => {
    expect(found(matcher, 'Ales\u00a0Bialiatski')).toEqual([['bialiatski', 'Ales\u00a0Bialiatski']]);
    expect(found(matcher, 'Ales\n   Bialiatski')).toEqual([['bialiatski', 'Ales\n   Bialiatski']]);
    expect(found(matcher, 'the U.S. State Department said')).toEqual([['state-department', 'U.S. State Department']]);
    expect(found(matcher, 'Ales\n\nBialiatski')).toEqual([['bialiatski', 'Bialiatski']]);
    expect(found(matcher, 'Ales, Bialiatski')).toEqual([['bialiatski', 'Bialiatski']]);
  });

  it('sees through soft hyphens, zero-width spaces and combining marks, keeping offsets valid', () => {
    const text = 'Luka\u00adshenko, Lukashen\u200bko and Łukas\u030czenka; but not Lukas\u030cenka.';
    const mentions = matcher.scan(text);
    expect(mentions.map((m) => text.slice(m.start, m.end))).toEqual(['Luka\u00adshenko', 'Lukashen\u200bko', 'Łukas\u030czenka']);
    const decomposed = 'Tsikhanouskaya met Łukaszenka\u0328'; // a stray combining mark stays inside the word
    expect(found(matcher, decomposed)).toEqual([
      ['tsikhanouskaya', 'Tsikhanouskaya'],
      ['lukashenko', 'Łukaszenka\u0328'],
    ]);
  });

  it('keeps offsets right after astral characters (surrogate pairs)', () => {
    const text = '😀 Lukashenko 𝐀 Bialiatski';
    expect(found(matcher, text)).toEqual([
      ['lukashenko', 'Lukashenko'],
      ['bialiatski', 'Bialiatski'],
    ]);
    expect(matcher.scan(text)[0]!.start).toBe(3);
  });
});

describe('compiling the KB', () => {
  it('reports a spelling that two entities share', () => {
    const { problems } = compileMatcherData(testKb([entity('a', ['Minsk']), entity('b', ['MINSK'])]));
    expect(problems).toEqual(['spelling "minsk" of "a" is also a spelling of "b"; mark one of them "ambiguous" (or give it "needs")']);
  });

  it('reports a spelling with a character no name may span', () => {
    const { problems } = compileMatcherData(testKb([entity('a', ['Belarus, Minsk'])]));
    expect(problems[0]).toMatch(/no name may span/);
  });

  it('reports a bad pattern and a paradigm that does not fit', () => {
    const { problems } = compileMatcherData(
      testKb([entity('a', [{ text: 'Putin', inflect: 'ru-adj-fem' }], { triggers: [{ text: 'sanctions (on|' }] })], [RU_ADJ_FEM]),
    );
    expect(problems.join('\n')).toMatch(/does not end in "ая"/);
    expect(problems.join('\n')).toMatch(/unclosed/);
  });
});

describe('the matcher data as published to the content script', () => {
  it('survives storage (JSON) and finds what the compiled data names, in every spelling', async () => {
    const { loadKnowledgeBase } = await import('../../lib/kb');
    const { Matcher, tabulate } = await import('../../lib/match');
    const data = compileMatcherData(loadKnowledgeBase()).data;
    const published = tabulate(data);
    // Equal data, equal result: the published version (a hash of it) changes only with the KB.
    expect(JSON.stringify(tabulate(data))).toEqual(JSON.stringify(published));
    const stored = new Matcher(JSON.parse(JSON.stringify(published)));
    const text = 'Łukaszenka met the U.S. State Department over sanctions on Belarus; Лукашэнкам і Ціханоўскай.';
    expect(stored.scan(text)).toEqual(new Matcher(published).scan(text));
    // Every spelling is found by itself (written with the capitals its case rule asks for): none is lost in the tables.
    const written = (key: string, rule: number) =>
      rule === 2 ? key : key.replace(/(^|[ .'-])(\p{Ll})/gu, (_, gap, c) => gap + c.toUpperCase());
    const missed = data.phrases.filter(([key, owner, rule]) => {
      if (rule === 1) return false; // exact case: the words as written are in the data, not the key
      const reading = stored.read(written(key, rule));
      if (owner < 0) return (reading.contexts & (1 << (-1 - owner))) === 0; // a context's cue word
      return !reading.candidates.some((c) => c.entity === owner && c.start === 0);
    });
    expect(missed.map(([key]) => key)).toEqual([]);
  }, 30_000); // compiles the whole KB: every pattern and declined form
});

describe('words in a key', () => {
  it('counts the words of every rule phrase as the compiler splits them', async () => {
    const { loadKnowledgeBase } = await import('../../lib/kb');
    const { splitForm, wordsInKey } = await import('../../lib/match/tokens');
    const data = compileMatcherData(loadKnowledgeBase()).data;
    const keys = data.conditions.flatMap((c) => [...(c.near ?? []), ...(c.notBefore ?? []), ...(c.notAfter ?? [])]);
    expect(keys.length).toBeGreaterThan(100);
    const wrong = keys.filter((key) => wordsInKey(key) !== splitForm(key)!.words.length);
    expect(wrong).toEqual([]);
    expect([wordsInKey('u.s. state'), wordsInKey("lukashenko's"), wordsInKey('mig-29')]).toEqual([3, 2, 2]);
  }, 30_000);
});

describe('folding', () => {
  it('classifies ASCII and general punctuation without Unicode properties, as the property tests would', async () => {
    const { foldCode, SEPARATOR, IGNORABLE, SPACE, NEWLINE, HYPHEN, APOSTROPHE, DOT } = await import('../../lib/match/fold');
    const special = new Map<number, number>([
      [10, NEWLINE],
      [0x2028, NEWLINE],
      [0x2029, NEWLINE],
      [0x2e, DOT],
      [0x2d, HYPHEN],
      [0x27, APOSTROPHE],
      [0x60, APOSTROPHE],
      [0x2018, APOSTROPHE],
      [0x2019, APOSTROPHE],
      [0x2032, APOSTROPHE],
      [0x200b, IGNORABLE],
      [0x200c, IGNORABLE],
      [0x200d, IGNORABLE],
      [0x2060, IGNORABLE],
    ]);
    for (const code of [9, 13, 12, 11, 32, 0x202f, 0x205f, ...Array.from({ length: 11 }, (_, i) => 0x2000 + i)]) special.set(code, SPACE);
    for (let code = 0x2010; code <= 0x2015; code++) special.set(code, HYPHEN);
    const reference = (code: number) => {
      const known = special.get(code);
      if (known !== undefined) return known;
      const ch = String.fromCharCode(code);
      if (/\p{M}/u.test(ch)) return IGNORABLE;
      if (!/[\p{L}\p{N}]/u.test(ch)) return SEPARATOR;
      return ch.toLowerCase().normalize('NFD').charCodeAt(0);
    };
    const codes = [...Array.from({ length: 0x80 }, (_, i) => i), ...Array.from({ length: 0x70 }, (_, i) => 0x2000 + i)];
    expect(codes.filter((code) => foldCode(code) !== reference(code)).map((c) => c.toString(16))).toEqual([]);
  });
});

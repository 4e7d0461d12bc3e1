/**
 * The reader's own entities ("Add to Backstory…") are a pack like any other, with the id "personal": they are
 * checked, merged, matched, exported and carded by the same code as an imported pack. This file edits that pack
 * and checks one entity of it before it is saved, with the clashes of its spellings.
 */
import type { KnowledgeBase } from '../kb/schema';
import { compileMatcherData } from '../match/compile';
import { splitForm } from '../match/tokens';
import { PERSONAL_PACK } from './ids';
import { describeRejection } from './parse';
import { planPackImport } from './plan';
import { PACK_FORMAT, type Pack, type PackEntity } from './schema';
import type { SpellingClash } from './spellings';

/** The topic a reader's own entities are filed under unless they choose another. */
export const PERSONAL_TOPIC = 'my-entities';

export function emptyPersonalPack(today: string): Pack {
  return {
    backstoryPack: PACK_FORMAT,
    id: PERSONAL_PACK,
    title: 'My entities',
    version: today,
    asOf: today,
    description: 'People, organisations and places added in Backstory by this reader.',
    topics: [{ id: PERSONAL_TOPIC, label: 'My entities', description: 'The entities you added yourself.' }],
    entities: [],
  };
}

/** Letters in Latin letters for ids: Cyrillic ("Іна" → "ina") and the few Latin ones that do not decompose. */
const TO_LATIN: Record<string, string> = Object.fromEntries(
  [...'абвгґдеёжзиіїйклмнопрстуўфхцчшщъыьэюяє'].map((letter, i) => [
    letter,
    [
      'a',
      'b',
      'v',
      'h',
      'g',
      'd',
      'e',
      'yo',
      'zh',
      'z',
      'i',
      'i',
      'yi',
      'y',
      'k',
      'l',
      'm',
      'n',
      'o',
      'p',
      'r',
      's',
      't',
      'u',
      'u',
      'f',
      'kh',
      'ts',
      'ch',
      'sh',
      'shch',
      '',
      'y',
      '',
      'e',
      'yu',
      'ya',
      'ye',
    ][i]!,
  ]),
);
/** Latin letters that Unicode does not decompose into a base letter and a mark. */
Object.assign(TO_LATIN, { ł: 'l', ß: 'ss', ø: 'o', đ: 'd', æ: 'ae', œ: 'oe' });

/** A kebab-case id for a new entity from its name, not taken by another entity of the pack. */
export function newEntityId(name: string, taken: ReadonlySet<string>): string {
  const base =
    [...name.toLowerCase()]
      .map((c) => TO_LATIN[c] ?? c)
      .join('')
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'entity';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The pack with this entity added, or put in the place of the one with its id. */
export function withEntity(pack: Pack, entity: PackEntity, today: string): Pack {
  const at = pack.entities.findIndex((e) => e.id === entity.id);
  const entities = at < 0 ? [...pack.entities, entity] : pack.entities.map((e, i) => (i === at ? entity : e));
  return { ...pack, entities, version: today, asOf: today > pack.asOf ? today : pack.asOf };
}

export function withoutEntity(pack: Pack, id: string, today: string): Pack {
  return { ...pack, entities: pack.entities.filter((e) => e.id !== id), version: today };
}

export type EntityCheck = { ok: true; pack: Pack; clashes: SpellingClash[]; names: Record<string, string> } | { ok: false; error: string };

/**
 * Checks the personal pack with `entity` saved in it, as an import would: the entity's problems (in words) or
 * the pack to store, with the spellings that other entities already have.
 */
export function checkEntity(
  bundled: KnowledgeBase,
  installed: readonly Pack[],
  personal: Pack,
  entity: PackEntity,
  today: string,
): EntityCheck {
  const next = withEntity(personal, entity, today);
  const plan = planPackImport(JSON.stringify(next), bundled, installed);
  if (!plan.ok) return plan;
  const rejection = plan.report.rejected.find((r) => r.id === entity.id) ?? plan.report.rejected[0];
  if (rejection) return { ok: false, error: describeRejection(rejection).replace(/^entities\[\d+\] "[^"]*": /, '') };
  const own = `${PERSONAL_PACK}/${entity.id}`;
  const target = entity.extends;
  const clashes = plan.report.clashes.filter(
    (c) => c.entity === own || (target !== undefined && c.entity.endsWith(target.replace(/^backstory\//, ''))),
  );
  return { ok: true, pack: plan.pack, clashes, names: plan.report.names };
}

/**
 * The declined forms of a name, as the matcher will find them (person names decline by themselves in the languages
 * the KB's paradigms cover; give `inflect` for another word): what the form suggests as further spellings.
 */
export function declinedForms(
  kb: KnowledgeBase,
  name: { text: string; lang?: string; inflect?: string },
  entity: Pick<PackEntity, 'type' | 'gender'>,
): string[] {
  const probe = {
    id: 'probe',
    type: entity.type,
    ...(entity.gender ? { gender: entity.gender } : {}),
    name: name.text,
    nativeNames: [],
    description: '-',
    summary: '-',
    facts: [],
    names: [
      {
        text: name.text,
        ...(name.lang ? { lang: name.lang } : {}),
        ...(name.inflect ? { inflect: name.inflect } : {}),
        case: 'exact' as const,
      },
    ],
    related: [],
    topics: [],
    sources: [],
    asOf: kb.asOf,
  };
  const { data } = compileMatcherData({ ...kb, topics: [], contexts: [], honorifics: [], entities: [probe] });
  const gaps = splitForm(name.text)?.gaps ?? [];
  const forms: string[] = [];
  for (const phrase of data.phrases) {
    if (phrase[1] !== 0 || typeof phrase[3] !== 'string') continue;
    // The words as declined, with the name's own gaps between them ("Jean-Luc").
    const form = phrase[3].split('\u0001').reduce((text, word, i) => (i === 0 ? word : text + (gaps[i - 1] ?? ' ') + word), '');
    if (form !== name.text && !forms.includes(form)) forms.push(form);
  }
  return forms;
}

/**
 * The entity form's state and the pack entity it stands for, both ways. Pure: the form (components/EntityForm.tsx)
 * holds this state, and the background checks and saves the entity made from it.
 */
import type { CaseRule, EntityType, Gender } from '../kb/schema';
import { PERSONAL_TOPIC } from './personal';
import type { PackEntity } from './schema';

export interface SpellingField {
  text: string;
  /** "" when the spelling has no language. */
  lang: string;
  case: CaseRule;
  /** Alone, the spelling may name someone else: the page must confirm the entity. */
  ambiguous: boolean;
}

export interface FactField {
  date: string;
  text: string;
  source: string;
}

export interface EntityFormState {
  /** The entity's id in the reader's pack; "" for a new one. */
  id: string;
  name: string;
  /** The language the name is written in ("" for none): its spelling declines in it. */
  lang: string;
  type: EntityType;
  gender: '' | Gender;
  /** Further spellings, besides the name. */
  spellings: SpellingField[];
  description: string;
  summary: string;
  facts: FactField[];
  /** The full id of the topic the entity is filed under. */
  topic: string;
  /** The full id of the entity this one adds to, or "" to stand alone. */
  extends: string;
}

export function emptyForm(name = ''): EntityFormState {
  return {
    id: '',
    name: name.trim(),
    lang: 'en',
    type: 'person',
    gender: '',
    spellings: [],
    description: '',
    summary: '',
    facts: [],
    topic: `personal/${PERSONAL_TOPIC}`,
    extends: '',
  };
}

/** A full id as the reader's pack refers to it: its own ids bare, the bundled ones as "backstory/…". */
function refOf(id: string): string {
  if (id.startsWith('personal/')) return id.slice('personal/'.length);
  return id.includes('/') ? id : `backstory/${id}`;
}

function fullOf(ref: string): string {
  if (ref.startsWith('backstory/')) return ref.slice('backstory/'.length);
  return ref.includes('/') ? ref : `personal/${ref}`;
}

/** The pack entity the form describes, with the id given (the form's own, or a new one). */
export function entityFromForm(form: EntityFormState, id: string): PackEntity {
  const name = form.name.trim();
  const spellings = [
    { text: name, lang: form.lang, case: 'initials' as CaseRule, ambiguous: false },
    ...form.spellings.filter((s) => s.text.trim() !== ''),
  ];
  const facts = form.facts.filter((f) => f.date.trim() || f.text.trim() || f.source.trim());
  const urls = [...new Set(facts.map((f) => f.source.trim()).filter((u) => u !== ''))];
  const entity: PackEntity = {
    id,
    type: form.type,
    name,
    names: spellings.map((s) => ({
      text: s.text.trim(),
      ...(s.lang ? { lang: s.lang } : {}),
      ...(s.case !== 'initials' ? { case: s.case } : {}),
      ...(s.ambiguous ? { ambiguous: true as const } : {}),
    })),
    description: form.description.trim(),
    facts: facts.map((f) => ({ date: f.date.trim(), text: f.text.trim(), source: f.source.trim() })),
    sources: urls.map((url) => ({ url })),
    topics: [refOf(form.topic)],
  };
  if (form.summary.trim()) entity.summary = form.summary.trim();
  if (form.type === 'person' && form.gender) entity.gender = form.gender;
  if (form.extends) entity.extends = refOf(form.extends);
  return entity;
}

/** The form for an entity of the reader's pack. */
export function formFromEntity(entity: PackEntity): EntityFormState {
  const [first, ...rest] = entity.names;
  const urlOf = new Map(entity.sources.map((s) => [s.id ?? s.url, s.url]));
  return {
    id: entity.id,
    name: entity.name,
    lang: first?.lang ?? '',
    type: entity.type,
    gender: entity.gender ?? '',
    spellings: (first?.text === entity.name ? rest : entity.names).map((n) => ({
      text: n.text,
      lang: n.lang ?? '',
      case: n.case ?? 'initials',
      ambiguous: n.ambiguous === true,
    })),
    description: entity.description,
    summary: entity.summary ?? '',
    facts: entity.facts.map((f) => ({ date: f.date, text: f.text, source: urlOf.get(f.source) ?? f.source })),
    topic: fullOf(entity.topics[0] ?? PERSONAL_TOPIC),
    extends: entity.extends ? fullOf(entity.extends) : '',
  };
}

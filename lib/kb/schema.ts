/**
 * The knowledge-base schema. Every KB file is validated against it at build and test time;
 * the TypeScript types are inferred from it so the data and the code cannot drift apart.
 */
import * as v from 'valibot';

/** Entity and topic ids are a contract: kebab-case slugs, never renamed or reused. */
export const Slug = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case slug'));

/** A calendar date at the precision the sources give: YYYY, YYYY-MM or YYYY-MM-DD. */
export const PartialDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD'),
);

const Text = v.pipe(v.string(), v.trim(), v.minLength(1));

export const HttpsUrl = v.pipe(v.string(), v.url(), v.startsWith('https://', 'source links must use https'));

export const Source = v.strictObject({
  /** Short key that facts cite, unique within the entity, e.g. "ap-2025-09-12". */
  id: Slug,
  title: Text,
  publisher: Text,
  url: HttpsUrl,
  date: v.optional(PartialDate),
});

export const Fact = v.strictObject({
  date: PartialDate,
  text: Text,
  /** Ids of the entity's sources that support this fact. */
  sources: v.pipe(v.array(Slug), v.minLength(1)),
});

export const Status = v.strictObject({
  text: Text,
  asOf: PartialDate,
  sources: v.pipe(v.array(Slug), v.minLength(1)),
});

/**
 * Case rule of a spelling, checked against the text as written:
 * - "initials" (default): each word the KB writes with a capital must start with a capital on the page
 *   ("Trump" matches "Trump" and "TRUMP", never "trump");
 * - "exact": letter case must be as written (acronyms: "EU", "KGB");
 * - "any": no case rule (concept triggers such as "political prisoners").
 */
export const CaseRule = v.picklist(['initials', 'exact', 'any']);

/** BCP 47 language tag of a spelling: en, be, be-Latn (Łacinka), ru, uk, pl, de, fr, lt, ... */
export const LangTag = v.pipe(v.string(), v.regex(/^[a-z]{2,3}(?:-[A-Z][a-z]{3})?$/, 'must be a language tag like "be" or "be-Latn"'));

export const Name = v.strictObject({
  /**
   * The spelling. In `triggers`, a pattern: words separated by spaces, "(a|b c)" for alternatives
   * (each alternative one or more words) and "[x]" for an optional word, e.g.
   * "sanctions (on|against) (Belarus|Minsk|the Lukashenko regime)".
   */
  text: Text,
  lang: v.optional(LangTag),
  case: v.optional(CaseRule),
  /** Id of an inflection paradigm (inflections.json) applied to the last word: its declined forms match too. */
  inflect: v.optional(Slug),
  /** The match is dropped when the next word is one of these (e.g. "Trump" before "card"). */
  notBefore: v.optional(v.array(Text)),
  /** The match is dropped when the previous word is one of these. */
  notAfter: v.optional(v.array(Text)),
  /** The match counts only when one of these words appears in the same paragraph (an ambiguous name). */
  near: v.optional(v.array(Text)),
});

export const EntityType = v.picklist(['person', 'organisation', 'place', 'event', 'concept']);

export const NativeName = v.strictObject({ lang: LangTag, text: Text });

export const Entity = v.strictObject({
  id: Slug,
  type: EntityType,
  /** Canonical English name. */
  name: Text,
  /** Names in the entity's own language(s) and script(s). */
  nativeNames: v.array(NativeName),
  /** One line, shown under the name. */
  description: v.pipe(Text, v.maxLength(160)),
  /** Neutral, 2–4 sentences. */
  summary: v.pipe(Text, v.maxLength(900)),
  /** Role or office, as a short phrase. */
  role: v.optional(Text),
  status: v.optional(Status),
  /** Dated, sourced facts; the card shows them as a timeline. */
  facts: v.array(Fact),
  /** Every spelling that names this entity on its own. */
  names: v.pipe(v.array(Name), v.minLength(1)),
  /** Patterns that refer to this entity (events and concepts). */
  triggers: v.optional(v.array(Name)),
  related: v.array(Slug),
  topics: v.pipe(v.array(Slug), v.minLength(1)),
  sources: v.pipe(v.array(Source), v.minLength(2)),
  /** The date up to which this entry was checked. */
  asOf: PartialDate,
});

export const Topic = v.strictObject({
  id: Slug,
  name: Text,
  description: Text,
  /** Whether the topic is switched on for a new user. */
  defaultEnabled: v.boolean(),
});

/** A declension paradigm: strip `suffix` from the last word, then add each ending. */
export const Paradigm = v.strictObject({
  id: Slug,
  lang: LangTag,
  description: Text,
  suffix: v.string(),
  endings: v.pipe(v.array(v.string()), v.minLength(1)),
});

export const KnowledgeBase = v.strictObject({
  version: v.number(),
  asOf: PartialDate,
  topics: v.array(Topic),
  paradigms: v.array(Paradigm),
  entities: v.array(Entity),
});

export type Source = v.InferOutput<typeof Source>;
export type Fact = v.InferOutput<typeof Fact>;
export type Name = v.InferOutput<typeof Name>;
export type CaseRule = v.InferOutput<typeof CaseRule>;
export type EntityType = v.InferOutput<typeof EntityType>;
export type Entity = v.InferOutput<typeof Entity>;
export type Topic = v.InferOutput<typeof Topic>;
export type Paradigm = v.InferOutput<typeof Paradigm>;
export type KnowledgeBase = v.InferOutput<typeof KnowledgeBase>;

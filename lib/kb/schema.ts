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
  /**
   * Id of an inflection paradigm (paradigms.json) applied to the last word: its declined forms match too. Without
   * it, the names of a person are declined by the paradigms marked `auto` for the name's language and the person's
   * gender, every word in the same case ("Олександр Лукашенко": "Олександром Лукашенком").
   */
  inflect: v.optional(Slug),
  /** Do not decline this spelling automatically (a foreign name the language leaves as it is). */
  noInflect: v.optional(v.literal(true)),
  /** The match is dropped when the next word is one of these (e.g. "Trump" before "card"). */
  notBefore: v.optional(v.array(Text)),
  /** The match is dropped when the previous word is one of these. */
  notAfter: v.optional(v.array(Text)),
  /**
   * The match counts only when one of these words appears in the same paragraph (an ambiguous name), or when the
   * page confirms the entity elsewhere (one sense per discourse) or shows a context in `needs`.
   */
  near: v.optional(v.array(Text)),
  /**
   * Alone, this spelling may name someone or something else ("Coale", "Kolesnikova"): it links only when the page
   * confirms the entity (one of its unambiguous names appears anywhere on the page: one sense per discourse), or
   * shows the evidence in `needs`. Entities may share an ambiguous spelling (a family): the page decides.
   */
  ambiguous: v.optional(v.literal(true)),
  /**
   * Ids of contexts (contexts.json), one of which the page must show for this spelling to link: generic phrases
   * such as "political prisoners" link to the Belarus entity only on a page about Belarus. The page shows a context
   * through its cue words or an unambiguous mention of one of its entities, anywhere on the page. Any evidence will
   * do: a `near` word in the paragraph, a context in `needs` on the page, or the entity confirmed on the page.
   */
  needs: v.optional(v.pipe(v.array(Slug), v.minLength(1))),
});

export const EntityType = v.picklist(['person', 'organisation', 'place', 'event', 'concept']);

export const NativeName = v.strictObject({ lang: LangTag, text: Text });

export const Gender = v.picklist(['female', 'male']);

export const Entity = v.strictObject({
  id: Slug,
  type: EntityType,
  /** A person's gender, as the press refers to them: a title that does not fit ("Ms." before his name) blocks a link. */
  gender: v.optional(Gender),
  /**
   * Titles and roles the press writes before this person's surname ("Secretary", "General", "envoy", "генерал"):
   * an ambiguous spelling right after one of them is the person, whatever else the page shows.
   */
  titles: v.optional(v.array(Text)),
  /** Ids of contexts (contexts.json) that an unambiguous mention of this entity is evidence of, besides those that list it. */
  evidence: v.optional(v.array(Slug)),
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

/** Grammatical cases, in the order compiled paradigms keep them; a language uses those it has. */
export const CASES = ['nom', 'gen', 'dat', 'acc', 'ins', 'loc', 'voc'] as const;
export const CaseName = v.picklist(CASES);

/**
 * A declension paradigm: strip `suffix` from a word, then add each ending. `endings` lists the forms as one set
 * (for `inflect` on the last word of a spelling); `cases` gives them case by case, so that every word of a
 * name can be declined in step ("Марыяй Калеснікавай", never "Марыяй Калеснікавы"). A case a paradigm leaves
 * out keeps the word as it is.
 */
export const Paradigm = v.pipe(
  v.strictObject({
    id: Slug,
    lang: LangTag,
    description: Text,
    suffix: v.string(),
    endings: v.optional(v.pipe(v.array(v.string()), v.minLength(1))),
    cases: v.optional(v.record(CaseName, v.pipe(v.array(v.string()), v.minLength(1)))),
    /**
     * Applies by itself to the names of people in `lang` without an `inflect`: to the surname (a spelling's last
     * word) or to the given names (the words before it), for people of `gender` (or all), when the word, in lower
     * case, matches `pattern` (a regular expression; by default: ends in `suffix`). The first paradigm that fits wins.
     */
    auto: v.optional(
      v.strictObject({
        /** Which words: the surname (last word), the given names (the others), or, left out, any word. */
        word: v.optional(v.picklist(['surname', 'given'])),
        gender: v.optional(Gender),
        pattern: v.optional(v.string()),
      }),
    ),
  }),
  v.check((p) => p.endings !== undefined || p.cases !== undefined, 'a paradigm needs `endings` or `cases`'),
);

/**
 * A context: what a page is about, as evidence for ambiguous spellings and generic phrases. A page shows it by a
 * cue (a word or phrase such as "Belarusian" or "белорусского") or by an unambiguous mention of one of its
 * entities (or of an entity that lists the context in `evidence`).
 */
export const Context = v.strictObject({
  id: Slug,
  description: Text,
  entities: v.array(Slug),
  /** Words and phrases that show the context; `inflect` declines them like names. */
  cues: v.array(v.strictObject({ text: Text, lang: v.optional(LangTag), case: v.optional(CaseRule), inflect: v.optional(Slug) })),
});

/**
 * Titles before a surname, by gender: "Ms. Trump" is not Donald Trump, "Herr Lukaschenko" is not a woman. Words
 * are compared folded (case and diacritics ignored) and without their full stop ("Mr." and "Mr" alike); a
 * one-letter title ("M.") does not block a person whose given name starts with that letter (it may be an initial).
 */
export const Honorific = v.strictObject({
  lang: LangTag,
  gender: Gender,
  words: v.pipe(v.array(Text), v.minLength(1)),
});

export const KnowledgeBase = v.strictObject({
  version: v.number(),
  asOf: PartialDate,
  topics: v.array(Topic),
  paradigms: v.array(Paradigm),
  contexts: v.optional(v.array(Context), []),
  honorifics: v.optional(v.array(Honorific), []),
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
export type Context = v.InferOutput<typeof Context>;
export type Honorific = v.InferOutput<typeof Honorific>;
export type Gender = v.InferOutput<typeof Gender>;
export type KnowledgeBase = v.InferOutput<typeof KnowledgeBase>;

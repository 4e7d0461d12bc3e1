/**
 * The topic-pack format (a contract: README "Topic packs", docs/example-pack.json). One JSON file carries a
 * topic's entities, spellings and dated facts from one reader to another. Names follow the knowledge base's own
 * rules (lib/kb/schema.ts `Name`), so a pack's spellings are matched exactly like the bundled ones. The bundled
 * knowledge base is itself a pack in this format (lib/packs/convert.ts), with its grammar (paradigms, contexts,
 * titles of address) as extensions that only it may carry.
 */
import * as v from 'valibot';
import { Context, EntityType, Gender, Honorific, Name, NativeName, Paradigm, PartialDate, Slug } from '../kb/schema';
import { LIMITS } from './limits';

/** Format version: the `backstoryPack` field. A reader refuses a version it does not know. */
export const PACK_FORMAT = 1;

const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(LIMITS.textChars));

/** Links a reader may click: https only; javascript:, data:, file: and plain http are refused. */
export const PackUrl = v.pipe(
  v.string(),
  v.maxLength(LIMITS.urlChars),
  v.url('must be a URL'),
  v.startsWith('https://', 'links must use https (javascript:, data: and http: links are refused)'),
);

/**
 * A reference to an entity or topic: its id in this pack ("jane-doe"), or the id in another pack, written with
 * that pack's id ("other-pack/jane-doe"; the bundled knowledge base is "backstory/alexander-lukashenko").
 */
export const Ref = v.pipe(
  v.string(),
  v.regex(
    /^(?:[a-z0-9]+(?:-[a-z0-9]+)*\/)?[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be an id ("jane-doe") or a pack and an id ("other-pack/jane-doe")',
  ),
);

/** A full calendar date. */
export const FullDate = v.pipe(v.string(), v.regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'must be YYYY-MM-DD'));

const list = <T extends v.GenericSchema>(item: T, max: number) => v.pipe(v.array(item), v.maxLength(max, `at most ${max} items`));

export const PackTopic = v.strictObject({
  id: Slug,
  label: Text,
  description: v.optional(Text),
  /** Whether the topic is switched on when the pack is imported (default: on). */
  defaultEnabled: v.optional(v.boolean()),
});

export const PackSource = v.strictObject({
  url: PackUrl,
  title: v.optional(Text),
  publisher: v.optional(Text),
  /** A short key that facts cite instead of the URL. */
  id: v.optional(Slug),
  date: v.optional(PartialDate),
});

export const PackFact = v.strictObject({
  date: PartialDate,
  text: Text,
  /** The id of one of the entity's sources, or a link (https). */
  source: v.union([Slug, PackUrl], "must be the id of one of the entity's sources, or an https link"),
  /** Further sources of the same fact (ids or links). */
  moreSources: v.optional(list(v.union([Slug, PackUrl], 'must be a source id or an https link'), LIMITS.sourcesPerEntity)),
});

export const PackStatus = v.strictObject({
  text: Text,
  asOf: PartialDate,
  sources: v.pipe(list(Slug, LIMITS.sourcesPerEntity), v.minLength(1)),
});

/** A spelling: the knowledge base's `Name`, with the pack's length limits. */
export const PackName = v.pipe(
  Name,
  v.check((n) => n.text.length <= LIMITS.nameChars, `a spelling has at most ${LIMITS.nameChars} characters`),
);

export const PackEntity = v.strictObject({
  id: Slug,
  type: EntityType,
  name: Text,
  names: v.pipe(list(PackName, LIMITS.namesPerEntity), v.minLength(1, 'needs at least one spelling')),
  description: v.pipe(Text, v.maxLength(160, 'at most 160 characters')),
  summary: v.optional(v.pipe(Text, v.maxLength(900, 'at most 900 characters'))),
  facts: list(PackFact, LIMITS.factsPerEntity),
  sources: list(PackSource, LIMITS.sourcesPerEntity),
  topics: v.pipe(list(Ref, 50), v.minLength(1, 'needs at least one topic')),
  related: v.optional(list(Ref, 200)),
  // Extensions: the knowledge base's other entity fields, with the same meaning (lib/kb/schema.ts).
  nativeNames: v.optional(list(NativeName, LIMITS.namesPerEntity)),
  role: v.optional(Text),
  status: v.optional(PackStatus),
  triggers: v.optional(list(PackName, LIMITS.namesPerEntity)),
  gender: v.optional(Gender),
  titles: v.optional(list(Text, 50)),
  evidence: v.optional(list(Slug, 31)),
  /** The date up to which this entry was checked; the pack's `asOf` when left out. */
  asOf: v.optional(PartialDate),
  /**
   * Adds to another entity instead of standing alone (a reader's own spellings and facts on a bundled entity):
   * its names, facts and sources join those of the entity named here.
   */
  extends: v.optional(Ref),
});

/** The pack's header: everything but its entities, which are checked one by one (one bad entity is one rejection). */
export const PackHeader = v.strictObject({
  backstoryPack: v.literal(PACK_FORMAT, `must be ${PACK_FORMAT} (this version of Backstory reads pack format ${PACK_FORMAT})`),
  id: Slug,
  title: Text,
  version: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  asOf: FullDate,
  description: v.optional(Text),
  topics: list(PackTopic, LIMITS.topicsPerPack),
  entities: v.pipe(v.array(v.unknown()), v.maxLength(LIMITS.entitiesPerPack, `at most ${LIMITS.entitiesPerPack} entities in a pack`)),
  // The grammar of spellings: only the bundled knowledge base defines it; other packs use it by id.
  paradigms: v.optional(v.array(Paradigm)),
  contexts: v.optional(v.array(Context)),
  honorifics: v.optional(v.array(Honorific)),
});

export type PackTopic = v.InferOutput<typeof PackTopic>;
export type PackSource = v.InferOutput<typeof PackSource>;
export type PackFact = v.InferOutput<typeof PackFact>;
export type PackEntity = v.InferOutput<typeof PackEntity>;
export type PackHeader = v.InferOutput<typeof PackHeader>;

/** A pack that passed validation: its header and the entities that did. */
export interface Pack extends Omit<PackHeader, 'entities'> {
  entities: PackEntity[];
}

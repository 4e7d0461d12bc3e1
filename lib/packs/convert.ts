/**
 * Packs and the knowledge base, both ways. The bundled knowledge base is written as a pack (`kbToPack`: what
 * "Export" gives, and what the unit tests check against the pack format), and installed packs are merged into
 * one knowledge base with full ids (`mergePacks`): the matcher is compiled from it and cards are built from it,
 * by the same code as for the bundled entities.
 */
import { BUNDLED_TITLE } from '../kb/overview';
import type { Entity, Fact, KnowledgeBase, Source, Topic } from '../kb/schema';
import { BUNDLED_PACK, fullId } from './ids';
import type { PackContext } from './parse';
import { PACK_FORMAT, type Pack, type PackEntity, type PackFact } from './schema';

function entityToPack(entity: Entity): PackEntity {
  const facts = entity.facts.map((fact): PackFact => {
    const [source, ...more] = fact.sources;
    return { date: fact.date, text: fact.text, source: source!, ...(more.length > 0 ? { moreSources: more } : {}) };
  });
  const { nativeNames, facts: _facts, sources, ...rest } = entity;
  return {
    ...rest,
    facts,
    sources: sources.map(({ id, title, publisher, url, date }) => ({ url, title, publisher, id, ...(date ? { date } : {}) })),
    ...(nativeNames.length > 0 ? { nativeNames } : {}),
  };
}

/** The bundled knowledge base as a pack, its grammar included. */
export function kbToPack(kb: KnowledgeBase): Pack {
  return {
    backstoryPack: PACK_FORMAT,
    id: BUNDLED_PACK,
    title: BUNDLED_TITLE,
    version: String(kb.version),
    asOf: kb.asOf,
    topics: kb.topics.map((t) => ({ id: t.id, label: t.name, description: t.description, defaultEnabled: t.defaultEnabled })),
    entities: kb.entities.map(entityToPack),
    paradigms: kb.paradigms,
    contexts: kb.contexts ?? [],
    honorifics: kb.honorifics ?? [],
  };
}

/** What packs may refer to in the knowledge base they join: its paradigms, contexts and topics. */
export function packContextOf(kb: KnowledgeBase): PackContext {
  return {
    paradigms: new Set(kb.paradigms.map((p) => p.id)),
    contexts: new Set((kb.contexts ?? []).map((c) => c.id)),
    topics: new Set(kb.topics.map((t) => t.id)),
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** A link's title when the pack gives none: where it leads, without the scheme ("example.org/court/hearing-2"). */
function titleOf(url: string): string {
  return url.replace(/^https:\/\//, '').replace(/\/$/, '');
}

/** A pack's entity in the knowledge base's form, with full ids. */
export function packEntityToKb(pack: Pick<Pack, 'id' | 'asOf'>, entity: PackEntity): Entity {
  const sources: Source[] = entity.sources.map((s, i) => ({
    id: s.id ?? `source-${i + 1}`,
    title: s.title ?? titleOf(s.url),
    publisher: s.publisher ?? hostOf(s.url),
    url: s.url,
    ...(s.date ? { date: s.date } : {}),
  }));
  const byUrl = new Map(sources.map((s) => [s.url, s.id]));
  const sourceId = (cited: string): string => {
    if (!cited.startsWith('https://')) return cited;
    let id = byUrl.get(cited);
    if (id === undefined) {
      id = `source-${sources.length + 1}`;
      sources.push({ id, title: titleOf(cited), publisher: hostOf(cited), url: cited });
      byUrl.set(cited, id);
    }
    return id;
  };
  const facts: Fact[] = entity.facts.map((f) => ({
    date: f.date,
    text: f.text,
    sources: [...new Set([f.source, ...(f.moreSources ?? [])].map(sourceId))],
  }));
  const out: Entity = {
    id: fullId(pack.id, entity.id),
    type: entity.type,
    name: entity.name,
    nativeNames: entity.nativeNames ?? [],
    description: entity.description,
    summary: entity.summary ?? '',
    facts,
    names: entity.names,
    related: (entity.related ?? []).map((r) => fullId(pack.id, r)),
    topics: entity.topics.map((t) => fullId(pack.id, t)),
    sources,
    asOf: entity.asOf ?? pack.asOf,
  };
  if (entity.gender) out.gender = entity.gender;
  if (entity.titles) out.titles = entity.titles;
  if (entity.evidence) out.evidence = entity.evidence;
  if (entity.role) out.role = entity.role;
  if (entity.status) out.status = entity.status;
  if (entity.triggers) out.triggers = entity.triggers;
  return out;
}

/** A pack that carries its grammar (the bundled knowledge base, as a pack) back in the knowledge base's form. */
export function packToKb(pack: Pack): KnowledgeBase {
  return {
    version: Number(pack.version) || 0,
    asOf: pack.asOf,
    topics: pack.topics.map((t) => packTopicToKb(pack.id, t)),
    paradigms: pack.paradigms ?? [],
    contexts: pack.contexts ?? [],
    honorifics: pack.honorifics ?? [],
    entities: pack.entities.map((e) => packEntityToKb(pack, e)),
  };
}

function packTopicToKb(packId: string, topic: Pack['topics'][number]): Topic {
  return {
    id: fullId(packId, topic.id),
    name: topic.label,
    description: topic.description ?? '',
    defaultEnabled: topic.defaultEnabled ?? true,
  };
}

export interface MergedKnowledgeBase {
  kb: KnowledgeBase;
  /** What could not be merged (an `extends` whose entity is not installed), one line each. */
  problems: string[];
}

/** Adds the second entity's spellings, facts and sources to the first (a reader's own additions to an entity). */
function extendEntity(base: Entity, extra: Entity): Entity {
  const prefix = extra.id.replace(/\//g, '-');
  const sourceId = (id: string) => `${prefix}-${id}`;
  const spelled = new Set(base.names.map((n) => JSON.stringify(n)));
  return {
    ...base,
    names: [...base.names, ...extra.names.filter((n) => !spelled.has(JSON.stringify(n)))],
    triggers: extra.triggers ? [...(base.triggers ?? []), ...extra.triggers] : base.triggers,
    nativeNames: [...base.nativeNames, ...extra.nativeNames],
    facts: [...base.facts, ...extra.facts.map((f) => ({ ...f, sources: f.sources.map(sourceId) }))],
    sources: [...base.sources, ...extra.sources.map((s) => ({ ...s, id: sourceId(s.id) }))],
  };
}

/**
 * The bundled knowledge base with installed packs: their topics and entities (full ids), entities that extend
 * another one folded into it, and links to what is not installed left out. Packs are merged in the order given;
 * a second pack with an id already merged is skipped and reported.
 */
export function mergePacks(base: KnowledgeBase, packs: readonly Pack[]): MergedKnowledgeBase {
  const problems: string[] = [];
  const topics = [...base.topics];
  const entities = [...base.entities];
  const extensions: { pack: string; entity: Entity; target: string }[] = [];
  const packIds = new Set([BUNDLED_PACK]);
  for (const pack of packs) {
    if (packIds.has(pack.id)) {
      problems.push(`pack "${pack.id}": another pack with this id is already installed`);
      continue;
    }
    packIds.add(pack.id);
    for (const topic of pack.topics) topics.push(packTopicToKb(pack.id, topic));
    for (const entity of pack.entities) {
      const converted = packEntityToKb(pack, entity);
      if (entity.extends) extensions.push({ pack: pack.id, entity: converted, target: fullId(pack.id, entity.extends) });
      else entities.push(converted);
    }
  }
  const index = new Map(entities.map((e, i) => [e.id, i]));
  for (const { entity, target } of extensions) {
    const at = index.get(target);
    if (at === undefined) problems.push(`entity "${entity.id}" extends "${target}", which is not installed`);
    else entities[at] = extendEntity(entities[at]!, entity);
  }
  const topicIds = new Set(topics.map((t) => t.id));
  const merged = entities.map((e) => {
    const related = e.related.filter((id) => index.has(id));
    const own = e.topics.filter((id) => topicIds.has(id));
    return related.length === e.related.length && own.length === e.topics.length ? e : { ...e, related, topics: own };
  });
  return { kb: { ...base, topics, entities: merged }, problems };
}

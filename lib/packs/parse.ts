/**
 * Reads a pack file as untrusted input. Problems with the file as a whole (too large, nested too deep, not
 * JSON, a key that could pollute prototypes, a bad header) refuse all of it; a bad entity is rejected alone,
 * with its place in the file and the reason, and the others are kept. Nothing here touches storage: the
 * caller decides what to do with the result (a dry run shows it; annotate refuses a pack with any rejection).
 */
import * as v from 'valibot';
import { fullId } from './ids';
import { LIMITS } from './limits';
import { type Pack, type PackEntity, PackEntity as PackEntitySchema, PackHeader } from './schema';

/** What the pack's spellings and entities may refer to outside it: the bundled grammar and topics. */
export interface PackContext {
  paradigms: ReadonlySet<string>;
  contexts: ReadonlySet<string>;
  /** Full ids of topics of other packs (the bundled ones bare) an entity may be filed under. */
  topics: ReadonlySet<string>;
}

export interface Rejection {
  /** Index of the entity in the file's `entities`. */
  index: number;
  id?: string;
  reason: string;
}

export type PackParse =
  | {
      ok: true;
      pack: Pack;
      /** Where each of `pack.entities` stands in the file's `entities`. */
      indices: number[];
      rejected: Rejection[];
    }
  | { ok: false; error: string };

/** Keys that JSON.parse keeps as own properties but that code merging objects might follow into a prototype. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The first place where objects and arrays nest deeper than the limit, or null. Strings are skipped. */
export function tooDeep(text: string, limit: number = LIMITS.depth): { line: number; column: number } | null {
  let depth = 0;
  let inString = false;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return { line, column: i - lineStart + 1 };
    } else if (c === 125 || c === 93) depth--;
    else if (c === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return null;
}

/** Where a forbidden key sits in the parsed value, as a path, or null. */
function forbiddenKey(value: unknown, path: string): string | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = forbiddenKey(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `${path}.${key}`;
      const found = forbiddenKey((value as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** An issue's place as a reader finds it in the file: `names[0].text`. */
export function issuePath(issue: v.BaseIssue<unknown>, prefix = ''): string {
  let path = prefix;
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    path += typeof key === 'number' ? `[${key}]` : path ? `.${String(key)}` : String(key);
  }
  return path;
}

/** valibot's words for a missing or unknown field, in the reader's. */
function plainMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.message.startsWith('Invalid key')) return issue.received === 'undefined' ? 'is missing' : 'is not a field of the pack format';
  return issue.message.replace(/^Invalid type: Expected (\S+) but received (.*)$/, 'must be $1, not $2');
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[], prefix = ''): string {
  const shown = issues.slice(0, 5).map((issue) => {
    const where = issuePath(issue, prefix);
    return `${where || '(top level)'}: ${plainMessage(issue)}`;
  });
  return shown.join('; ') + (issues.length > 5 ? `; and ${issues.length - 5} more` : '');
}

function quoteShort(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

/** Rules across one entity's fields that the schema cannot state. */
function entityProblems(packId: string, entity: PackEntity, topicIds: ReadonlySet<string>, context: PackContext): string[] {
  const problems: string[] = [];
  const sourceIds = new Set<string>();
  const urls = new Set<string>();
  for (const source of entity.sources) {
    if (source.id) {
      if (sourceIds.has(source.id)) problems.push(`sources: the id "${source.id}" is used twice`);
      sourceIds.add(source.id);
    }
    urls.add(source.url);
  }
  entity.facts.forEach((fact, i) => {
    for (const cited of [fact.source, ...(fact.moreSources ?? [])]) {
      if (!cited.startsWith('https://') && !sourceIds.has(cited))
        problems.push(`facts[${i}].source: no source of this entity has the id "${cited}"`);
    }
  });
  for (const cited of entity.status?.sources ?? []) {
    if (!sourceIds.has(cited)) problems.push(`status.sources: no source of this entity has the id "${cited}"`);
  }
  entity.topics.forEach((topic, i) => {
    const id = fullId(packId, topic);
    if (!topicIds.has(id) && !context.topics.has(id)) {
      problems.push(`topics[${i}]: no topic "${topic}" in this pack${topic.includes('/') ? ' or among the topics installed' : ''}`);
    }
  });
  const names = [...entity.names.map((n) => ['names', n] as const), ...(entity.triggers ?? []).map((n) => ['triggers', n] as const)];
  names.forEach(([field, name]) => {
    if (name.inflect && !context.paradigms.has(name.inflect))
      problems.push(`${field} ${quoteShort(name.text)}: no paradigm "${name.inflect}"`);
    for (const id of name.needs ?? [])
      if (!context.contexts.has(id)) problems.push(`${field} ${quoteShort(name.text)}: no context "${id}"`);
  });
  for (const id of entity.evidence ?? []) if (!context.contexts.has(id)) problems.push(`evidence: no context "${id}"`);
  if (entity.gender && entity.type !== 'person') problems.push('gender: only a person has a gender');
  if (entity.extends === entity.id) problems.push('extends: an entity cannot extend itself');
  return problems;
}

/** The entity, validated, or why it is rejected. */
function entityRejection(
  item: unknown,
  packId: string,
  seen: ReadonlySet<string>,
  topicIds: ReadonlySet<string>,
  grammar: PackContext,
): PackEntity | string {
  const result = v.safeParse(PackEntitySchema, item);
  if (!result.success) return describeIssues(result.issues);
  const entity = result.output;
  if (seen.has(entity.id)) return `the id "${entity.id}" is used by an earlier entity of this pack`;
  const problems = entityProblems(packId, entity, topicIds, grammar);
  if (problems.length > 0) return problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : '');
  return entity;
}

/**
 * Parses and validates a pack file's text. `context` says what the pack may refer to beyond itself (the bundled
 * grammar and topics); a pack that brings its own grammar (the bundled knowledge base) is checked against it.
 */
export function parsePack(text: string, context: PackContext): PackParse {
  if (text.length > LIMITS.fileChars) {
    return {
      ok: false,
      error: `the file is ${(text.length / 2 ** 20).toFixed(1)} MB; a pack may be at most ${LIMITS.fileChars / 2 ** 20} MB`,
    };
  }
  const deep = tooDeep(text);
  if (deep) {
    return { ok: false, error: `objects and arrays nest more than ${LIMITS.depth} deep (line ${deep.line}, column ${deep.column})` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || !('backstoryPack' in raw)) {
    return { ok: false, error: 'not a Backstory pack: the file has no "backstoryPack" field at its top level' };
  }
  const forbidden = forbiddenKey(raw, '');
  if (forbidden)
    return { ok: false, error: `the key "${forbidden.slice(forbidden.lastIndexOf('.') + 1)}" is not allowed (at ${forbidden.slice(1)})` };
  const header = v.safeParse(PackHeader, raw);
  if (!header.success) return { ok: false, error: describeIssues(header.issues) };
  const topicIds = new Set(header.output.topics.map((t) => fullId(header.output.id, t.id)));
  if (topicIds.size !== header.output.topics.length) return { ok: false, error: 'topics: a topic id is used twice' };
  const own = header.output;
  const grammar: PackContext = {
    paradigms: own.paradigms ? new Set(own.paradigms.map((p) => p.id)) : context.paradigms,
    contexts: own.contexts ? new Set(own.contexts.map((c) => c.id)) : context.contexts,
    topics: context.topics,
  };

  const entities: PackEntity[] = [];
  const indices: number[] = [];
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  own.entities.forEach((item, index) => {
    const reason = entityRejection(item, own.id, seen, topicIds, grammar);
    if (typeof reason === 'string') {
      const id = (item as { id?: unknown } | null)?.id;
      rejected.push({ index, id: typeof id === 'string' ? id.slice(0, 100) : undefined, reason });
      return;
    }
    seen.add(reason.id);
    entities.push(reason);
    indices.push(index);
  });
  return { ok: true, pack: { ...own, entities }, indices, rejected };
}

/** One line for a rejection, as the dry run and the annotate command show it. */
export function describeRejection(rejection: Rejection): string {
  return `entities[${rejection.index}]${rejection.id ? ` "${rejection.id}"` : ''}: ${rejection.reason}`;
}

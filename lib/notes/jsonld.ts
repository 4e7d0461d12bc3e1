/**
 * W3C Web Annotation JSON-LD: Backstory's export and import format. Pure.
 *
 * Export writes one AnnotationCollection with its annotations embedded in the first page. Import
 * reads that, and what other tools write: an AnnotationCollection, an AnnotationPage, one Annotation
 * or a list of them, with text selectors. Every annotation is checked on its own; one that Backstory
 * cannot keep is rejected with the reason, and the rest still count. Nothing from the file is ever
 * spread into a record: each field is read, checked and copied, so a hostile file cannot smuggle
 * keys (`__proto__`, `constructor`) or odd values in.
 */
import {
  cleanNote,
  ENTITY_ID,
  IRI,
  isIsoDate,
  LIMITS,
  normaliseTags,
  noteProblems,
  type Note,
  type NoteFormat,
  type PassageTarget,
  type Pin,
  type TextPositionSelector,
  type TextQuoteSelector,
} from './model';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Backstory's own terms (entities, page title, pins), under a prefix declared in the context. */
export const BACKSTORY_NS = 'urn:backstory:ns:';
export const ENTITY_IRI_PREFIX = 'urn:backstory:entity:';

/** The largest file an import reads, and the most annotations it takes. */
export const MAX_IMPORT_CHARS = 50 * 1024 * 1024;
export const MAX_IMPORT_ANNOTATIONS = 100_000;

export interface W3CTextualBody {
  type: 'TextualBody';
  value: string;
  purpose: 'commenting' | 'tagging';
  format?: NoteFormat;
}

export interface W3CAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'commenting';
  created: string;
  modified: string;
  body: W3CTextualBody[];
  target: string | { source: string; selector: (TextQuoteSelector | TextPositionSelector)[] };
  'backstory:entities': string[];
  'backstory:pageTitle'?: string;
}

export interface W3CCollection {
  '@context': [string, { backstory: string }];
  id: string;
  type: 'AnnotationCollection';
  label: string;
  generator: { id: string; type: 'Software'; name: string };
  generated: string;
  total: number;
  'backstory:pins': Pin[];
  first: { type: 'AnnotationPage'; startIndex: 0; items: W3CAnnotation[] };
}

export function toAnnotation(note: Note): W3CAnnotation {
  const body: W3CTextualBody[] = [{ type: 'TextualBody', value: note.body.text, format: note.body.format, purpose: 'commenting' }];
  for (const tag of note.body.tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  const annotation: W3CAnnotation = {
    id: note.id,
    type: 'Annotation',
    motivation: 'commenting',
    created: note.created,
    modified: note.modified,
    body,
    target: note.target
      ? { source: note.target.source, selector: note.target.selector.map((s) => ({ ...s })) }
      : ENTITY_IRI_PREFIX + (note.entities[0] ?? ''),
    'backstory:entities': [...note.entities],
  };
  if (note.target) annotation['backstory:pageTitle'] = note.title;
  return annotation;
}

export function exportJsonLd(notes: readonly Note[], pins: readonly Pin[], now: string, collectionId: string): string {
  const collection: W3CCollection = {
    '@context': [ANNO_CONTEXT, { backstory: BACKSTORY_NS }],
    id: collectionId,
    type: 'AnnotationCollection',
    label: 'Backstory notes',
    generator: { id: 'urn:backstory:app', type: 'Software', name: 'Backstory' },
    generated: now,
    total: notes.length,
    'backstory:pins': pins.map((p) => ({ entity: p.entity, pinnedAt: p.pinnedAt })),
    first: { type: 'AnnotationPage', startIndex: 0, items: notes.map(toAnnotation) },
  };
  return JSON.stringify(collection, null, 2);
}

export interface Rejection {
  /** Position of the annotation in the file (0-based), and its id when it has one. */
  index: number;
  id?: string;
  reason: string;
}

export interface ParsedImport {
  notes: Note[];
  /** Where each of `notes` stood in the file (0-based), for the report. */
  positions: number[];
  pins: Pin[];
  rejected: Rejection[];
}

export type ImportParse = { ok: true; value: ParsedImport } | { ok: false; error: string };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: JsonObject, key: string): Json | undefined => (Object.hasOwn(o, key) ? o[key] : undefined);
const asList = (v: Json | undefined): Json[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const typesOf = (o: JsonObject): string[] => asList(own(o, 'type') ?? own(o, '@type')).filter((t): t is string => typeof t === 'string');
const hasType = (o: JsonObject, type: string) => typesOf(o).some((t) => t === type || t === `oa:${type}` || t.endsWith(`#${type}`));

/**
 * Reads an import file. A file that is not JSON, too large, or holds no annotations at all is
 * refused as a whole (`ok: false`, with why); otherwise each annotation is accepted or rejected.
 */
export function parseImport(text: string, now: string): ImportParse {
  if (typeof text !== 'string') return { ok: false, error: 'The file is not text.' };
  if (text.length > MAX_IMPORT_CHARS) return { ok: false, error: `The file is larger than ${MAX_IMPORT_CHARS / 1024 / 1024} MB.` };
  let root: Json;
  try {
    root = JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
  } catch (error) {
    return { ok: false, error: `The file is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const found = annotationsIn(root);
  if (typeof found === 'string') return { ok: false, error: found };
  if (found.items.length > MAX_IMPORT_ANNOTATIONS)
    return {
      ok: false,
      error: `The file holds ${found.items.length} annotations; Backstory imports at most ${MAX_IMPORT_ANNOTATIONS} at a time.`,
    };

  const notes: Note[] = [];
  const positions: number[] = [];
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  found.items.forEach((item, index) => {
    const result = readAnnotation(item, now);
    if (typeof result === 'string') {
      const id = isObject(item) && typeof own(item, 'id') === 'string' ? (own(item, 'id') as string).slice(0, 200) : undefined;
      rejected.push({ index, id, reason: result });
      return;
    }
    if (seen.has(result.id)) {
      rejected.push({ index, id: result.id.slice(0, 200), reason: 'the same id appears earlier in the file' });
      return;
    }
    seen.add(result.id);
    notes.push(result);
    positions.push(index);
  });
  return { ok: true, value: { notes, positions, pins: found.pins, rejected } };
}

function annotationsIn(root: Json): { items: Json[]; pins: Pin[] } | string {
  if (Array.isArray(root)) return { items: root, pins: [] };
  if (!isObject(root)) return 'The file is JSON, but not a W3C Web Annotation, page or collection.';
  const pins = readPins(own(root, 'backstory:pins'));
  if (hasType(root, 'AnnotationCollection')) {
    const items: Json[] = [];
    // The first page, embedded, and any embedded pages after it (linked pages would need the network).
    let page = own(root, 'first');
    let pages = 0;
    if (typeof page === 'string')
      return 'The collection links to its pages instead of embedding them; Backstory makes no network requests to fetch them.';
    while (isObject(page) && pages++ < 10_000) {
      const pageItems = own(page, 'items');
      if (!Array.isArray(pageItems)) return 'A page of the collection has no list of items.';
      items.push(...pageItems);
      if (items.length > MAX_IMPORT_ANNOTATIONS) break;
      page = own(page, 'next');
    }
    if (items.length === 0 && pins.length === 0) return 'The collection holds no annotations.';
    return { items, pins };
  }
  if (hasType(root, 'AnnotationPage')) {
    const items = own(root, 'items');
    if (!Array.isArray(items)) return 'The annotation page has no list of items.';
    return { items, pins };
  }
  if (hasType(root, 'Annotation')) return { items: [root], pins };
  return 'The file is JSON, but not a W3C Web Annotation, page or collection (no "type" says so).';
}

function readPins(value: Json | undefined): Pin[] {
  const pins: Pin[] = [];
  for (const item of asList(value)) {
    if (!isObject(item)) continue;
    const entity = own(item, 'entity');
    const pinnedAt = own(item, 'pinnedAt');
    if (
      typeof entity === 'string' &&
      ENTITY_ID.test(entity) &&
      entity.length <= LIMITS.entity &&
      isIsoDate(pinnedAt) &&
      !pins.some((p) => p.entity === entity)
    )
      pins.push({ entity, pinnedAt });
  }
  return pins;
}

/** One annotation as a note, or the reason it cannot be one. */
export function readAnnotation(item: Json, now: string): Note | string {
  if (!isObject(item)) return 'not a JSON object';
  if (!hasType(item, 'Annotation')) return 'its type is not "Annotation"';
  const id = own(item, 'id') ?? own(item, '@id');
  if (id === undefined || id === null) return 'it has no id';
  if (typeof id !== 'string' || !IRI.test(id) || id.length > LIMITS.id) return 'its id is not an IRI';

  const target = readTarget(own(item, 'target'));
  if (typeof target === 'string') return target;

  const body = readBody(item);
  if (typeof body === 'string') return body;

  const createdRaw = own(item, 'created');
  const modifiedRaw = own(item, 'modified');
  if (createdRaw !== undefined && !isIsoDate(createdRaw)) return '"created" is not an ISO 8601 date-time';
  if (modifiedRaw !== undefined && !isIsoDate(modifiedRaw)) return '"modified" is not an ISO 8601 date-time';
  const created = (createdRaw as string | undefined) ?? (modifiedRaw as string | undefined) ?? now;
  const modified = (modifiedRaw as string | undefined) ?? created;

  const entitiesRaw = own(item, 'backstory:entities');
  if (entitiesRaw !== undefined && (!Array.isArray(entitiesRaw) || entitiesRaw.some((e) => typeof e !== 'string')))
    return '"backstory:entities" is not a list of entity ids';
  const entities = [...new Set([...(target.entity ? [target.entity] : []), ...((entitiesRaw as string[] | undefined) ?? [])])];
  const titleRaw = own(item, 'backstory:pageTitle');
  if (titleRaw !== undefined && typeof titleRaw !== 'string') return '"backstory:pageTitle" is not text';

  const note: Note = {
    id,
    target: target.passage,
    body,
    entities,
    title: target.passage ? ((titleRaw as string | undefined) ?? '') : '',
    created,
    modified,
  };
  const problems = noteProblems(note);
  if (problems.length > 0) return problems[0]!;
  return cleanNote(note);
}

function readTarget(value: Json | undefined): { passage: PassageTarget | null; entity?: string } | string {
  const targets = asList(value);
  if (targets.length === 0) return 'it has no target';
  for (const target of targets) {
    if (typeof target === 'string') {
      if (target.startsWith(ENTITY_IRI_PREFIX)) {
        const entity = target.slice(ENTITY_IRI_PREFIX.length);
        if (!ENTITY_ID.test(entity) || entity.length > LIMITS.entity) return 'its target names an entity id that is not a kebab-case slug';
        return { passage: null, entity };
      }
      continue;
    }
    if (!isObject(target)) continue;
    const sourceRaw = own(target, 'source');
    const source =
      typeof sourceRaw === 'string'
        ? sourceRaw
        : isObject(sourceRaw) && typeof own(sourceRaw, 'id') === 'string'
          ? (own(sourceRaw, 'id') as string)
          : null;
    const selectors = asList(own(target, 'selector')).filter(isObject);
    const quoteRaw = selectors.find((s) => hasType(s, 'TextQuoteSelector'));
    if (!quoteRaw) continue;
    if (source === null) return 'its target has no source (the page address)';
    const exact = own(quoteRaw, 'exact');
    const prefix = own(quoteRaw, 'prefix') ?? '';
    const suffix = own(quoteRaw, 'suffix') ?? '';
    if (typeof exact !== 'string') return 'its TextQuoteSelector has no "exact" text';
    if (typeof prefix !== 'string' || typeof suffix !== 'string') return 'its TextQuoteSelector has a prefix or suffix that is not text';
    const quote: TextQuoteSelector = { type: 'TextQuoteSelector', exact, prefix, suffix };
    const positionRaw = selectors.find((s) => hasType(s, 'TextPositionSelector'));
    let selector: PassageTarget['selector'] = [quote];
    if (positionRaw) {
      const start = own(positionRaw, 'start');
      const end = own(positionRaw, 'end');
      if (typeof start !== 'number' || typeof end !== 'number') return 'its TextPositionSelector has no numeric start and end';
      selector = [quote, { type: 'TextPositionSelector', start, end }];
    }
    return { passage: { source, selector } };
  }
  return 'its target has no TextQuoteSelector (Backstory anchors notes to quoted passages)';
}

function readBody(item: JsonObject): Note['body'] | string {
  const texts: string[] = [];
  const tags: string[] = [];
  let format: NoteFormat = 'text/plain';
  const bodyValue = own(item, 'bodyValue');
  if (bodyValue !== undefined) {
    if (typeof bodyValue !== 'string') return '"bodyValue" is not text';
    texts.push(bodyValue);
  }
  for (const body of asList(own(item, 'body'))) {
    if (typeof body === 'string') continue; // a body that is a link to elsewhere: nothing to keep offline
    if (!isObject(body)) return 'a body is neither an object nor a link';
    const value = own(body, 'value');
    if (value === undefined) continue; // e.g. a SpecificResource body: not text
    if (typeof value !== 'string') return 'a body\'s "value" is not text';
    const purpose = asList(own(body, 'purpose'));
    if (purpose.includes('tagging')) {
      tags.push(value);
      continue;
    }
    texts.push(value);
    if (own(body, 'format') === 'text/markdown') format = 'text/markdown';
  }
  const text = texts.join('\n\n');
  if (text.length > LIMITS.text) return `the note text is longer than ${LIMITS.text} characters`;
  if (tags.length > LIMITS.tags) return `more than ${LIMITS.tags} tags`;
  if (tags.some((t) => t.length > LIMITS.tag)) return `a tag is longer than ${LIMITS.tag} characters`;
  return { text, format, tags: normaliseTags(tags) };
}

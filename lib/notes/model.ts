/**
 * The researcher's workbench, as data: passage notes, entity notes and pins. Pure TypeScript.
 *
 * A passage note is a W3C Web Annotation (https://www.w3.org/TR/annotation-model/): its target is
 * the page (canonical URL) plus a TextQuoteSelector (exact text with 32 characters of context either
 * side, as Hypothesis stores it) and a TextPositionSelector (offsets into the page text as Backstory
 * reads it: paragraphs joined by a blank line). Its body is the note text and its tags. An entity
 * note has no passage: it is about one entity of the knowledge base. `lib/notes/jsonld.ts` turns
 * these records into W3C JSON-LD and back without loss.
 */

export const NOTE_FORMATS = ['text/plain', 'text/markdown'] as const;
export type NoteFormat = (typeof NOTE_FORMATS)[number];

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface PassageTarget {
  /** The page, in canonical form (see `canonicalUrl`). */
  source: string;
  /** The quote always; the position when it is known (imports may lack it). */
  selector: [TextQuoteSelector] | [TextQuoteSelector, TextPositionSelector];
}

export interface NoteBody {
  /** What the researcher wrote: plain text or Markdown. Always rendered as text, never as HTML. */
  text: string;
  format: NoteFormat;
  tags: string[];
}

export interface Note {
  /** `urn:uuid:…` for notes made in Backstory; imported notes keep the IRI they came with. */
  id: string;
  /** The passage; null for a note on an entity. */
  target: PassageTarget | null;
  body: NoteBody;
  /** Knowledge-base entity ids: those named in the passage, or the entity an entity note is about. */
  entities: string[];
  /** The page's title when the note was made ('' for entity notes). */
  title: string;
  /** ISO 8601 times. */
  created: string;
  modified: string;
}

export interface Pin {
  entity: string;
  /** ISO 8601. */
  pinnedAt: string;
}

/** What a content script learns about a note on its page: where it is, never what it says. */
export interface NoteAnchorRequest {
  id: string;
  selector: PassageTarget['selector'];
}

export type AnchorStatus = 'anchored' | 'orphaned';

export interface AnchorState {
  status: AnchorStatus;
  /** How it was found on the last visit: at its position, by its exact quote, or by fuzzy matching. */
  method?: 'position' | 'quote' | 'fuzzy';
  /** ISO time of that visit. */
  checked: string;
}

/** A passage as the page describes it when the researcher selects text ("Add note"). */
export interface PassageDraft {
  url: string;
  title: string;
  exact: string;
  prefix: string;
  suffix: string;
  /** -1 when unknown (a selection the page could not place). */
  start: number;
  end: number;
  entities: string[];
}

/** A note being started: on an entity, on a passage, or both. Kept until the note is saved. */
export interface NoteDraft {
  entity?: string;
  passage?: PassageDraft;
}

export interface StoredDraft extends NoteDraft {
  /** The id the note will have. */
  id: string;
  created: string;
}

/** Limits that keep one record, and one import, a sane size. */
export const LIMITS = {
  text: 100_000,
  exact: 20_000,
  context: 1_000,
  title: 2_000,
  url: 4_096,
  id: 1_000,
  tags: 50,
  tag: 100,
  entities: 200,
  entity: 100,
} as const;

export const ENTITY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** An absolute IRI: a scheme, a colon, no spaces. */
export const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i;
/** ISO 8601 date-times with a zone, including the six-digit years that Date#toISOString writes past 9999. */
const ISO_DATE = /^(\d{4}|[+-]\d{6})-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point of this pattern.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function newNoteId(): string {
  return `urn:uuid:${crypto.randomUUID()}`;
}

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));
}

export function isPassageNote(note: Note): note is Note & { target: PassageTarget } {
  return note.target !== null;
}

export function quoteOf(note: Note): TextQuoteSelector | null {
  return note.target?.selector[0] ?? null;
}

export function positionOf(note: Note): TextPositionSelector | null {
  return note.target?.selector[1] ?? null;
}

/** Tags as a researcher types them: trimmed, without a leading '#', no duplicates, no blanks. */
export function normaliseTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/^#+/, '').replace(/\s+/g, ' ');
    if (tag && !out.some((t) => t.toLowerCase() === tag.toLowerCase())) out.push(tag);
  }
  return out;
}

export function parseTagList(text: string): string[] {
  return normaliseTags(text.split(/[,\n]/));
}

/**
 * Every problem with a note record, as sentences a person can act on; [] when it is sound. The
 * store checks what it is asked to write, and an import checks every annotation, with this one rule.
 */
export function noteProblems(note: Note): string[] {
  const problems: string[] = [];
  if (typeof note.id !== 'string' || !IRI.test(note.id) || note.id.length > LIMITS.id) problems.push('the id is not an IRI');
  const body = note.body;
  if (!body || typeof body.text !== 'string') problems.push('the note has no text field');
  else if (body.text.length > LIMITS.text) problems.push(`the note text is longer than ${LIMITS.text} characters`);
  if (body && !NOTE_FORMATS.includes(body.format)) problems.push('the note format is neither text/plain nor text/markdown');
  if (!body || !Array.isArray(body.tags)) problems.push('the tags are not a list');
  else {
    if (body.tags.length > LIMITS.tags) problems.push(`more than ${LIMITS.tags} tags`);
    if (body.tags.some((t) => typeof t !== 'string' || !t.trim() || t.length > LIMITS.tag || CONTROL.test(t)))
      problems.push(`a tag is empty, longer than ${LIMITS.tag} characters or holds control characters`);
  }
  if (!Array.isArray(note.entities)) problems.push('the entities are not a list');
  else {
    if (note.entities.length > LIMITS.entities) problems.push(`more than ${LIMITS.entities} entities`);
    if (note.entities.some((e) => typeof e !== 'string' || e.length > LIMITS.entity || !ENTITY_ID.test(e)))
      problems.push('an entity id is not a kebab-case slug');
  }
  if (typeof note.title !== 'string' || note.title.length > LIMITS.title)
    problems.push(`the page title is longer than ${LIMITS.title} characters`);
  if (!isIsoDate(note.created)) problems.push('the created time is not an ISO 8601 date-time');
  if (!isIsoDate(note.modified)) problems.push('the modified time is not an ISO 8601 date-time');
  if (note.target === null) {
    if (Array.isArray(note.entities) && note.entities.length === 0) problems.push('a note without a passage must be about an entity');
  } else {
    problems.push(...targetProblems(note.target));
  }
  return problems;
}

export function targetProblems(target: PassageTarget): string[] {
  const problems: string[] = [];
  if (typeof target.source !== 'string' || target.source.length > LIMITS.url || !isPageUrl(target.source))
    problems.push('the page address is not an http, https or file URL');
  const [quote, position] = target.selector ?? [];
  if (quote?.type !== 'TextQuoteSelector' || typeof quote.exact !== 'string') {
    problems.push('the passage has no TextQuoteSelector');
    return problems;
  }
  if (!quote.exact.trim()) problems.push('the quoted passage is empty');
  if (quote.exact.length > LIMITS.exact) problems.push(`the quoted passage is longer than ${LIMITS.exact} characters`);
  if (
    typeof quote.prefix !== 'string' ||
    typeof quote.suffix !== 'string' ||
    quote.prefix.length > LIMITS.context ||
    quote.suffix.length > LIMITS.context
  )
    problems.push(`the quote's prefix or suffix is missing or longer than ${LIMITS.context} characters`);
  if (position !== undefined) {
    const ok =
      position.type === 'TextPositionSelector' &&
      Number.isSafeInteger(position.start) &&
      Number.isSafeInteger(position.end) &&
      position.start >= 0 &&
      position.end > position.start;
    if (!ok) problems.push('the TextPositionSelector is not a range of offsets (0 <= start < end)');
  }
  return problems;
}

export function isPageUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' || protocol === 'file:';
  } catch {
    return false;
  }
}

/** The hostname a note belongs to, for the "site" filter ('' for entity notes). */
export function siteOf(note: Note): string {
  if (!note.target) return '';
  try {
    return new URL(note.target.source).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** Whether two notes say the same thing (timestamps aside): what an import calls "unchanged". */
export function sameContent(a: Note, b: Note): boolean {
  return JSON.stringify(contentKey(a)) === JSON.stringify(contentKey(b));
}

function contentKey(n: Note): unknown {
  return [n.target, n.body.text, n.body.format, n.body.tags, n.entities, n.title, n.created];
}

/** A deep copy holding exactly the Note fields, in a fixed order: what the store writes. */
export function cleanNote(n: Note): Note {
  const target: PassageTarget | null = n.target
    ? {
        source: n.target.source,
        selector: n.target.selector.map((s) =>
          s.type === 'TextQuoteSelector'
            ? { type: s.type, exact: s.exact, prefix: s.prefix, suffix: s.suffix }
            : { type: s.type, start: s.start, end: s.end },
        ) as PassageTarget['selector'],
      }
    : null;
  return {
    id: n.id,
    target,
    body: { text: n.body.text, format: n.body.format, tags: [...n.body.tags] },
    entities: [...n.entities],
    title: n.title,
    created: n.created,
    modified: n.modified,
  };
}

/** A new note from a draft, with the text the researcher wrote. */
export function noteFromDraft(draft: StoredDraft, body: NoteBody, now: string): Note {
  const passage = draft.passage;
  const entities = [...new Set([...(draft.entity ? [draft.entity] : []), ...(passage?.entities ?? [])])];
  let target: PassageTarget | null = null;
  if (passage) {
    const quote: TextQuoteSelector = { type: 'TextQuoteSelector', exact: passage.exact, prefix: passage.prefix, suffix: passage.suffix };
    target = {
      source: passage.url,
      selector:
        passage.start >= 0 && passage.end > passage.start
          ? [quote, { type: 'TextPositionSelector', start: passage.start, end: passage.end }]
          : [quote],
    };
  }
  return {
    id: draft.id,
    target,
    body: { text: body.text, format: body.format, tags: normaliseTags(body.tags) },
    entities,
    title: passage?.title ?? '',
    created: now,
    modified: now,
  };
}

/**
 * Notes and pinned entities as references, for CSL-JSON (csl.ts) and RIS (ris.ts), the two formats that
 * Zotero, Mendeley and their kin import offline. One model, two spellings of it. Pure.
 *
 * - Each page with notes is a web page: its title (as the page gave it when the first note was made), the
 *   site (its host name: Backstory keeps no other site name), the address, and the access date (the day
 *   of the first note on it). Each note is attached to it: the quoted passage, what the researcher wrote,
 *   and a link that opens the page at the passage. Tags become keywords. Backstory does not keep a
 *   page's authors or publication date, so the items carry none.
 * - Each pinned entity, and each entity with notes of its own, is an encyclopedia entry: its name, the
 *   knowledge base's description and summary as the abstract, the date the entry was checked ("as of")
 *   as its date, its first source as the address (the others listed in a note), the day it was pinned as
 *   the access date, the researcher's notes on it, and its topics as keywords. So a citation of the entry
 *   leads to its primary source.
 */
import { shortHash } from '../kb/hash';
import { siteOf, type Note, type Pin } from './model';
import { textFragmentUrl } from './text-fragment';

export interface CitedEntity {
  name: string;
  description: string;
  summary: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  asOf: string;
  /** Topic names. */
  topics: string[];
  sources: { title: string; publisher: string; url: string }[];
}

export interface CitationItem {
  /** Stable across exports: the same page or entity gets the same id. */
  id: string;
  kind: 'webpage' | 'entity';
  title: string;
  /** The site of a page; the reference work of an entity. */
  container: string;
  url: string;
  /** YYYY-MM-DD. */
  accessed: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD; '' when unknown. */
  issued: string;
  abstract: string;
  keywords: string[];
  /** One text per note, plain text with line breaks. */
  notes: string[];
}

export interface CitationSource {
  notes: readonly Note[];
  pins: readonly Pin[];
  /** What the knowledge base says of an entity; null for an id it does not know (any longer). */
  entity(id: string): CitedEntity | null;
}

export const KB_TITLE = 'Backstory knowledge base';

const byCreated = (a: Note, b: Note) => (a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : 1);

/** A note as it reads attached to its reference: the passage in quotes, the note, the link back to the passage. */
export function citationNoteText(note: Note): string {
  const parts: string[] = [];
  const quote = note.target?.selector[0];
  if (note.target && quote) parts.push(`“${quote.exact.trim()}”`);
  if (note.body.text.trim()) parts.push(note.body.text.trim());
  if (note.target && quote) parts.push(`Passage: ${textFragmentUrl(note.target.source, quote)}`);
  return parts.join('\n\n');
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

function pageItems(notes: readonly Note[]): CitationItem[] {
  const pages = new Map<string, Note[]>();
  for (const note of notes) {
    if (!note.target) continue;
    const list = pages.get(note.target.source) ?? [];
    list.push(note);
    pages.set(note.target.source, list);
  }
  return [...pages].map(([url, list]) => ({
    id: `backstory-page-${shortHash(url)}`,
    kind: 'webpage',
    title: (list.find((n) => n.title.trim())?.title ?? url).replace(/\s+/g, ' ').trim(),
    container: siteOf(list[0]!),
    url,
    accessed: list[0]!.created.slice(0, 10),
    issued: '',
    abstract: '',
    keywords: unique(list.flatMap((n) => n.body.tags)),
    notes: list.map(citationNoteText),
  }));
}

function entityItem(id: string, info: CitedEntity | null, accessed: string, notes: Note[]): CitationItem {
  const [primary, ...others] = info?.sources ?? [];
  const sourceList = others.map((s) => `- ${s.publisher}: ${s.title} — ${s.url}`);
  return {
    id: `backstory-entity-${id}`,
    kind: 'entity',
    title: info?.name ?? id,
    container: KB_TITLE,
    url: primary?.url ?? '',
    accessed,
    issued: info?.asOf ?? '',
    abstract: info ? [info.description, info.summary].filter(Boolean).join('\n\n') : '',
    keywords: info?.topics ?? [],
    notes: [...notes.map(citationNoteText), ...(sourceList.length > 0 ? [`Other sources:\n${sourceList.join('\n')}`] : [])],
  };
}

/** Pages first (in the order of their first note), then entities (pinned ones in pin order, then the others noted). */
export function citationItems(source: CitationSource): CitationItem[] {
  const notes = [...source.notes].sort(byCreated);
  const onEntity = new Map<string, Note[]>();
  for (const note of notes) {
    if (note.target) continue;
    const id = note.entities[0];
    if (!id) continue;
    const list = onEntity.get(id) ?? [];
    list.push(note);
    onEntity.set(id, list);
  }
  const items = pageItems(notes);
  const pinnedAt = new Map(source.pins.map((p) => [p.entity, p.pinnedAt]));
  for (const id of unique([...source.pins.map((p) => p.entity), ...onEntity.keys()])) {
    const list = onEntity.get(id) ?? [];
    const accessed = (pinnedAt.get(id) || list[0]?.created || '').slice(0, 10);
    items.push(entityItem(id, source.entity(id), accessed, list));
  }
  return items;
}

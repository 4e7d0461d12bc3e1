/**
 * Searching, filtering and sorting notes for the dashboard. Built for 10,000 notes: each note's
 * searchable text is folded once (lower case, no diacritics) and kept; a search is then one pass of
 * `includes` per word. Pure.
 */
import { siteOf, type AnchorState, type Note } from './model';

export interface NoteFilter {
  /** Words that must all appear in the note, quote, title, address, tags or entity names. */
  text: string;
  entity: string;
  topic: string;
  site: string;
  tag: string;
  /** 'YYYY-MM-DD' bounds on the creation date, inclusive; '' for none. */
  from: string;
  to: string;
  kind: '' | 'passage' | 'entity' | 'orphaned';
}

export const EMPTY_FILTER: NoteFilter = { text: '', entity: '', topic: '', site: '', tag: '', from: '', to: '', kind: '' };

export const SORTS = {
  modified: 'Last edited',
  created: 'Newest first',
  oldest: 'Oldest first',
  page: 'By page',
} as const;
export type SortKey = keyof typeof SORTS;

export interface EntityInfo {
  name: string;
  topics: string[];
}

export interface IndexedNote {
  note: Note;
  site: string;
  /** Folded text of everything a search looks at. */
  haystack: string;
}

/** Lower case, without diacritics (Łukašenka → lukasenka), so a search finds every spelling typed. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLowerCase();
}

/** Indexed notes by note object and entity table: a note is folded once, however often the list re-renders. */
const indexCache = new WeakMap<Note, { entities: ReadonlyMap<string, EntityInfo>; indexed: IndexedNote }>();

export function indexNote(note: Note, entities: ReadonlyMap<string, EntityInfo>): IndexedNote {
  const cached = indexCache.get(note);
  if (cached && cached.entities === entities) return cached.indexed;
  const indexed = buildIndex(note, entities);
  indexCache.set(note, { entities, indexed });
  return indexed;
}

function buildIndex(note: Note, entities: ReadonlyMap<string, EntityInfo>): IndexedNote {
  const parts = [note.body.text, note.title, note.target?.source ?? '', note.target?.selector[0].exact ?? '', ...note.body.tags];
  for (const id of note.entities) parts.push(entities.get(id)?.name ?? id);
  return { note, site: siteOf(note), haystack: fold(parts.join('\n')) };
}

export function filterNotes(
  indexed: readonly IndexedNote[],
  filter: NoteFilter,
  entities: ReadonlyMap<string, EntityInfo>,
  anchors: ReadonlyMap<string, AnchorState>,
): IndexedNote[] {
  const words = fold(filter.text).split(/\s+/).filter(Boolean);
  const tag = filter.tag.toLowerCase();
  const toEnd = filter.to ? `${filter.to}T23:59:59.999Z` : '';
  return indexed.filter(({ note, site, haystack }) => {
    if (filter.kind === 'passage' && !note.target) return false;
    if (filter.kind === 'entity' && note.target) return false;
    if (filter.kind === 'orphaned' && anchors.get(note.id)?.status !== 'orphaned') return false;
    if (filter.entity && !note.entities.includes(filter.entity)) return false;
    if (filter.topic && !note.entities.some((id) => entities.get(id)?.topics.includes(filter.topic))) return false;
    if (filter.site && site !== filter.site) return false;
    if (tag && !note.body.tags.some((t) => t.toLowerCase() === tag)) return false;
    if (filter.from && note.created < filter.from) return false;
    if (toEnd && note.created > toEnd) return false;
    for (const word of words) if (!haystack.includes(word)) return false;
    return true;
  });
}

export function sortNotes(list: IndexedNote[], sort: SortKey): IndexedNote[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...list];
  switch (sort) {
    case 'modified':
      return sorted.sort((a, b) => cmp(b.note.modified, a.note.modified) || cmp(a.note.id, b.note.id));
    case 'created':
      return sorted.sort((a, b) => cmp(b.note.created, a.note.created) || cmp(a.note.id, b.note.id));
    case 'oldest':
      return sorted.sort((a, b) => cmp(a.note.created, b.note.created) || cmp(a.note.id, b.note.id));
    case 'page':
      return sorted.sort(
        (a, b) =>
          cmp(a.site, b.site) ||
          cmp(a.note.target?.source ?? '', b.note.target?.source ?? '') ||
          (a.note.target?.selector[1]?.start ?? 0) - (b.note.target?.selector[1]?.start ?? 0) ||
          cmp(a.note.created, b.note.created),
      );
  }
}

/** The values each filter can take, from the notes themselves, most used first. */
export function facets(indexed: readonly IndexedNote[]): { sites: string[]; tags: string[]; entities: string[] } {
  const count = (values: Iterable<string>) => {
    const counts = new Map<string, number>();
    for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v]) => v);
  };
  return {
    sites: count(indexed.map((i) => i.site)),
    tags: count(indexed.flatMap((i) => i.note.body.tags)),
    entities: count(indexed.flatMap((i) => i.note.entities)),
  };
}

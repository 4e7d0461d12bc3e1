/**
 * The dashboard's timeline: the dated facts of pinned entities and the researcher's notes on one axis,
 * oldest first, grouped by year and month, filtered by entity and topic. Pure.
 *
 * Facts are dated as precisely as their sources allow (YYYY, YYYY-MM or YYYY-MM-DD); a note by the day it
 * was written. A fact known only to the year sorts before that year's months, one known to the month
 * before that month's days (the dates compare as strings: "2020" < "2020-08" < "2020-08-09").
 */
import type { Note } from './model';
import type { EntityInfo } from './query';

export interface TimelineFact {
  entity: string;
  date: string;
  text: string;
  /** Who published each source of the fact, and where. */
  sources: { publisher: string; url: string }[];
}

export type TimelineEvent =
  | { kind: 'fact'; key: string; date: string; entity: string; text: string; sources: TimelineFact['sources'] }
  | { kind: 'note'; key: string; date: string; note: Note };

export interface TimelineFilter {
  entity: string;
  topic: string;
}

export const EMPTY_TIMELINE_FILTER: TimelineFilter = { entity: '', topic: '' };

export interface TimelineMonth {
  /** 'YYYY-MM', or 'YYYY' for the events known only to the year. */
  month: string;
  events: TimelineEvent[];
}

export interface TimelineYear {
  year: string;
  months: TimelineMonth[];
}

/** Every event, oldest first; on one date the facts come before the notes, each in a stable order. */
export function timelineEvents(facts: readonly TimelineFact[], notes: readonly Note[]): TimelineEvent[] {
  const events: TimelineEvent[] = [
    ...facts.map((f, i): TimelineEvent => ({ kind: 'fact', key: `fact:${f.entity}:${i}`, ...f })),
    ...notes.map((note): TimelineEvent => ({ kind: 'note', key: `note:${note.id}`, date: note.created.slice(0, 10), note })),
  ];
  const rank = (e: TimelineEvent) => (e.kind === 'fact' ? 0 : 1);
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : rank(a) - rank(b) || (a.key < b.key ? -1 : 1)));
}

function entitiesOf(event: TimelineEvent): readonly string[] {
  return event.kind === 'fact' ? [event.entity] : event.note.entities;
}

export function filterTimeline(
  events: readonly TimelineEvent[],
  filter: TimelineFilter,
  entities: ReadonlyMap<string, EntityInfo>,
): TimelineEvent[] {
  return events.filter((event) => {
    const ids = entitiesOf(event);
    if (filter.entity && !ids.includes(filter.entity)) return false;
    if (filter.topic && !ids.some((id) => entities.get(id)?.topics.includes(filter.topic))) return false;
    return true;
  });
}

/** Events (already in order) by year, then by month. */
export function groupTimeline(events: readonly TimelineEvent[]): TimelineYear[] {
  const years: TimelineYear[] = [];
  for (const event of events) {
    const year = event.date.slice(0, 4);
    const month = event.date.slice(0, 7);
    let y = years.at(-1);
    if (y?.year !== year) {
      y = { year, months: [] };
      years.push(y);
    }
    let m = y.months.at(-1);
    if (m?.month !== month) {
      m = { month, events: [] };
      y.months.push(m);
    }
    m.events.push(event);
  }
  return years;
}

/** The entities and topics the timeline can be filtered by: those its events name. */
export function timelineFacets(
  events: readonly TimelineEvent[],
  entities: ReadonlyMap<string, EntityInfo>,
): { entities: string[]; topics: string[] } {
  const ids = new Set(events.flatMap(entitiesOf));
  const topics = new Set([...ids].flatMap((id) => entities.get(id)?.topics ?? []));
  return { entities: [...ids], topics: [...topics] };
}

/** The dashboard's timeline as data: order, grouping by year and month, filters by entity and topic. */
import { describe, expect, it } from 'vitest';
import type { EntityInfo } from '../../lib/notes/query';
import {
  EMPTY_TIMELINE_FILTER,
  filterTimeline,
  groupTimeline,
  timelineEvents,
  timelineFacets,
  type TimelineEvent,
  type TimelineFact,
} from '../../lib/notes/timeline';
import { entityNote, passageNote } from '../helpers/notes';

const entities = new Map<string, EntityInfo>([
  ['ales-bialiatski', { name: 'Ales Bialiatski', topics: ['human-rights'] }],
  ['alexander-lukashenko', { name: 'Alexander Lukashenko', topics: ['belarus-politics'] }],
  ['viasna', { name: 'Viasna', topics: ['human-rights', 'civil-society'] }],
]);
const source = [{ publisher: 'Viasna', url: 'https://example.org/p' }];
const facts: TimelineFact[] = [
  { entity: 'ales-bialiatski', date: '2023-03-03', text: 'Sentenced to ten years.', sources: source },
  { entity: 'alexander-lukashenko', date: '2020-08', text: 'Disputed election.', sources: source },
  { entity: 'ales-bialiatski', date: '2022', text: 'Nobel Peace Prize.', sources: source },
  { entity: 'alexander-lukashenko', date: '2020-08-09', text: 'Election day.', sources: source },
  { entity: 'alexander-lukashenko', date: '2020', text: 'A year of protests.', sources: source },
];
const onViasna = passageNote({ created: '2025-09-12T08:30:00.000Z', entities: ['ales-bialiatski', 'viasna'] });
const onLukashenko = entityNote({ created: '2020-08-09T20:00:00.000Z', entities: ['alexander-lukashenko'] });
const events = timelineEvents(facts, [onViasna, onLukashenko]);
const label = (e: TimelineEvent) => (e.kind === 'fact' ? `${e.date} ${e.text}` : `${e.date} note`);

describe('timeline', () => {
  it('puts facts and notes on one axis, oldest first; a date known to the year before its months, a fact before a note of the day', () => {
    expect(events.map(label)).toEqual([
      '2020 A year of protests.',
      '2020-08 Disputed election.',
      '2020-08-09 Election day.',
      '2020-08-09 note',
      '2022 Nobel Peace Prize.',
      '2023-03-03 Sentenced to ten years.',
      '2025-09-12 note',
    ]);
  });

  it('groups by year, then by month (a date known to the year is a group of its own)', () => {
    const groups = groupTimeline(events);
    expect(groups.map((y) => [y.year, y.months.map((m) => `${m.month}:${m.events.length}`)])).toEqual([
      ['2020', ['2020:1', '2020-08:3']],
      ['2022', ['2022:1']],
      ['2023', ['2023-03:1']],
      ['2025', ['2025-09:1']],
    ]);
    expect(groupTimeline([])).toEqual([]);
  });

  it('filters by entity (its facts and the notes that name it) and by topic', () => {
    const ales = filterTimeline(events, { ...EMPTY_TIMELINE_FILTER, entity: 'ales-bialiatski' }, entities);
    expect(ales.map(label)).toEqual(['2022 Nobel Peace Prize.', '2023-03-03 Sentenced to ten years.', '2025-09-12 note']);
    const civil = filterTimeline(events, { entity: '', topic: 'civil-society' }, entities);
    expect(civil.map(label)).toEqual(['2025-09-12 note']);
    const both = filterTimeline(events, { entity: 'alexander-lukashenko', topic: 'human-rights' }, entities);
    expect(both).toEqual([]);
    expect(filterTimeline(events, EMPTY_TIMELINE_FILTER, entities)).toEqual(events);
  });

  it('offers the entities and topics that its events name', () => {
    const facets = timelineFacets(events, entities);
    expect(facets.entities.sort()).toEqual(['ales-bialiatski', 'alexander-lukashenko', 'viasna']);
    expect(facets.topics.sort()).toEqual(['belarus-politics', 'civil-society', 'human-rights']);
  });
});

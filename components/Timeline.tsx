/**
 * The dashboard's timeline: the dated facts of pinned entities and the researcher's notes on one axis,
 * by year and month, filtered by entity and topic. Every event is reachable with Tab: an entity's name
 * opens its card, a note opens the note. Props in, callbacks out.
 */
import { useMemo, useState } from 'preact/hooks';
import type { EntityInfo } from '../lib/notes/query';
import {
  EMPTY_TIMELINE_FILTER,
  filterTimeline,
  groupTimeline,
  type TimelineEvent,
  type TimelineFilter,
  timelineFacets,
} from '../lib/notes/timeline';
import { FilterSelect } from './FilterSelect';
import { formatPartialDate, safeHref } from './format';

export interface TimelineProps {
  events: readonly TimelineEvent[];
  entities: ReadonlyMap<string, EntityInfo>;
  topics: readonly { id: string; name: string }[];
  /** Pinned entities whose facts are still being read. */
  loading: boolean;
  /** Pinned entities whose facts could not be read. */
  failed: number;
  hasPins: boolean;
  entityName(id: string): string;
  onOpenEntity(id: string): void;
  onOpenNote(id: string): void;
}

function monthLabel(month: string): string {
  return month.length === 4 ? `${month}, month not known` : formatPartialDate(month);
}

function NoteEvent({ event, props }: { event: Extract<TimelineEvent, { kind: 'note' }>; props: TimelineProps }) {
  const { note } = event;
  const quote = note.target?.selector[0].exact.trim();
  const label = quote ? `“${quote}”` : note.body.text.trim() || '(empty note)';
  return (
    <>
      <span class="tl-kind">Your note</span>
      <button type="button" class="link-button tl-open" onClick={() => props.onOpenNote(note.id)}>
        {label}
      </button>
      {quote && note.body.text.trim() && <span class="tl-text">{note.body.text.trim()}</span>}
      {note.entities.length > 0 && <span class="tl-about">{note.entities.map(props.entityName).join(', ')}</span>}
    </>
  );
}

function FactEvent({ event, props }: { event: Extract<TimelineEvent, { kind: 'fact' }>; props: TimelineProps }) {
  return (
    <>
      <button type="button" class="link-button tl-open" onClick={() => props.onOpenEntity(event.entity)}>
        {props.entityName(event.entity)}
      </button>
      <span class="tl-text">{event.text}</span>
      {event.sources.length > 0 && (
        <span class="tl-sources">
          {event.sources.map((source, i) => {
            const href = safeHref(source.url);
            return href ? (
              <a key={i} href={href} target="_blank" rel="noopener noreferrer">
                {source.publisher}
              </a>
            ) : (
              <span key={i}>{source.publisher}</span>
            );
          })}
        </span>
      )}
    </>
  );
}

export function Timeline(props: TimelineProps) {
  const [filter, setFilter] = useState<TimelineFilter>(EMPTY_TIMELINE_FILTER);
  const facets = useMemo(() => timelineFacets(props.events, props.entities), [props.events, props.entities]);
  const shown = useMemo(() => filterTimeline(props.events, filter, props.entities), [props.events, filter, props.entities]);
  const groups = useMemo(() => groupTimeline(shown), [shown]);
  const filtered = filter.entity !== '' || filter.topic !== '';
  const topicName = (id: string) => props.topics.find((t) => t.id === id)?.name ?? id;

  return (
    <section class="timeline" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" class="visually-hidden">
        Timeline
      </h2>
      <fieldset class="timeline-filters">
        <legend class="visually-hidden">Timeline filters</legend>
        <FilterSelect
          label="Entity"
          value={filter.entity}
          onChange={(entity) => setFilter((f) => ({ ...f, entity }))}
          options={facets.entities.map((id) => ({ value: id, label: props.entityName(id) })).sort((a, b) => a.label.localeCompare(b.label))}
        />
        <FilterSelect
          label="Topic"
          value={filter.topic}
          onChange={(topic) => setFilter((f) => ({ ...f, topic }))}
          options={facets.topics.map((id) => ({ value: id, label: topicName(id) })).sort((a, b) => a.label.localeCompare(b.label))}
        />
      </fieldset>
      <p class="list-count timeline-count" role="status" data-count={shown.length}>
        {filtered
          ? `${shown.length} of ${props.events.length} events`
          : `${props.events.length} event${props.events.length === 1 ? '' : 's'}`}
        {props.loading && ' · reading the facts of pinned entities…'}
        {props.failed > 0 && ` · the facts of ${props.failed} pinned entit${props.failed === 1 ? 'y' : 'ies'} could not be read`}
      </p>
      {props.events.length === 0 && !props.loading ? (
        <div class="empty">
          <h3>Nothing on the timeline yet</h3>
          <p>
            {props.hasPins
              ? 'Your pinned entities have no dated facts, and you have no notes yet.'
              : 'Pin people, organisations or events (from their card, or on the left) to see their dated facts here, next to your notes.'}
          </p>
        </div>
      ) : shown.length === 0 && !props.loading ? (
        <div class="empty no-results">
          <p>Nothing on the timeline for these filters.</p>
          <button type="button" class="button" onClick={() => setFilter(EMPTY_TIMELINE_FILTER)}>
            Clear the timeline filters
          </button>
        </div>
      ) : (
        groups.map((year) => (
          <section key={year.year} class="tl-year" aria-labelledby={`tl-${year.year}`}>
            <h3 id={`tl-${year.year}`} class="tl-year-heading">
              {year.year}
            </h3>
            {year.months.map((month) => (
              <section key={month.month} class="tl-month" aria-label={monthLabel(month.month)}>
                <h4 class="tl-month-heading">{monthLabel(month.month)}</h4>
                <ol class="tl-events">
                  {month.events.map((event) => (
                    <li key={event.key} class={`tl-event tl-${event.kind}`} data-date={event.date}>
                      <time dateTime={event.date}>{formatPartialDate(event.date)}</time>
                      {event.kind === 'fact' ? <FactEvent event={event} props={props} /> : <NoteEvent event={event} props={props} />}
                    </li>
                  ))}
                </ol>
              </section>
            ))}
          </section>
        ))
      )}
    </section>
  );
}

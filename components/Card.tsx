/** The background card for one entity. Props in, callbacks out: no storage or messaging here. */
import type { EntityCard } from '../lib/ext/messages';
import { CardActionButtons, CardHeader, NewFacts } from './card-parts';
import { formatPartialDate, safeHref } from './format';

/** What a reader can do from a card on a page. */
export interface CardActions {
  pinned: boolean;
  onTogglePin(): void;
  onAddNote(): void;
  onHideTopic(): void;
  onOffOnSite(): void;
  /** Name of the topic "Hide topic" hides, for its description. */
  topicName: string;
  hostname: string;
}

export interface CardProps {
  card: EntityCard;
  actions?: CardActions;
  /** Shown when set: a close button for the card on a page. */
  onClose?: () => void;
  onSelectRelated?: (id: string) => void;
  /** Id of the heading, for aria-labelledby on the dialog that hosts the card. */
  headingId?: string;
}

export function Card({ card, actions, onClose, onSelectRelated, headingId = 'backstory-card-title' }: CardProps) {
  const { entity, topics, relatedNames } = card;
  const fresh = new Set(card.newFacts ?? []);
  const facts = entity.facts
    .map((fact, index) => ({ ...fact, isNew: fresh.has(index) }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const sourceIndex = new Map(entity.sources.map((s, i) => [s.id, i + 1]));
  return (
    <article class="card" data-type={entity.type} lang="en">
      <CardHeader entity={entity} headingId={headingId} onClose={onClose} />
      <p class="card-description">{entity.description}</p>
      {entity.role && <p class="card-role">{entity.role}</p>}
      <NewFacts card={card} headingId={headingId} />
      {actions && (
        <div class="card-actions">
          <CardActionButtons actions={actions} />
        </div>
      )}
      <p class="card-summary">{entity.summary}</p>
      {entity.status && (
        <p class="card-status">
          <strong>Status</strong> (as of {formatPartialDate(entity.status.asOf)}): {entity.status.text}
        </p>
      )}
      {facts.length > 0 && (
        <section class="card-section" aria-label="Timeline">
          <h3>Timeline</h3>
          <ol class="card-timeline">
            {facts.map((fact) => (
              <li key={fact.date + fact.text} class={fact.isNew ? 'card-fact-new' : undefined}>
                <time dateTime={fact.date}>{formatPartialDate(fact.date)}</time>
                <span>
                  {fact.isNew && <strong class="card-new-tag">New</strong>}
                  {fact.text}
                  {fact.sources.map((id) => (
                    <sup key={id} class="card-cite">
                      [{sourceIndex.get(id)}]
                    </sup>
                  ))}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}
      {entity.related.length > 0 && (
        <section class="card-section" aria-label="Related">
          <h3>Related</h3>
          <ul class="card-chips">
            {entity.related.map((id) => (
              <li key={id}>
                <button type="button" class="chip chip-related" onClick={() => onSelectRelated?.(id)}>
                  {relatedNames[id] ?? id}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="card-section" aria-label="Sources">
        <h3>Sources</h3>
        <ol class="card-sources">
          {entity.sources.map((source) => {
            const href = safeHref(source.url);
            const label = `${source.title} — ${source.publisher}${source.date ? `, ${formatPartialDate(source.date)}` : ''}`;
            return (
              <li key={source.id}>
                {href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer">
                    {label}
                  </a>
                ) : (
                  <span>{label}</span>
                )}
              </li>
            );
          })}
        </ol>
      </section>
      <footer class="card-footer">
        <ul class="card-chips" aria-label="Topics">
          {topics.map((topic) => (
            <li key={topic.id} class="chip chip-topic">
              {topic.name}
            </li>
          ))}
        </ul>
        <p class="card-asof">
          As of {formatPartialDate(entity.asOf)} · {card.pack ?? 'Backstory knowledge base'}
        </p>
      </footer>
    </article>
  );
}

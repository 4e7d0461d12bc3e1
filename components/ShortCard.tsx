/**
 * The hover card on a page: short, as Wikipedia's page previews are. Who or what, the status with its
 * date, the latest dated facts, related entities, and the way to the whole card ("Full card", beside
 * the page). The full card (components/Card.tsx) stays where there is room: the popup, the side panel.
 */
import { latestFacts } from '../lib/kb/card';
import type { EntityCard } from '../lib/ext/messages';
import type { CardActions } from './Card';
import { CardActionButtons, CardHeader, NewFacts, newFactsOf } from './card-parts';
import { formatPartialDate } from './format';

/** How many dated facts the short card shows: enough to say what happened lately, few enough to stay short. */
export const SHORT_CARD_FACTS = 2;
/** How many related entities it names (the full card has them all). */
export const SHORT_CARD_RELATED = 6;

export interface ShortCardProps {
  card: EntityCard;
  actions?: CardActions;
  onClose?: () => void;
  onSelectRelated?: (id: string) => void;
  onFullCard?: (id: string) => void;
  headingId?: string;
}

export function ShortCard({ card, actions, onClose, onSelectRelated, onFullCard, headingId = 'backstory-card-title' }: ShortCardProps) {
  const { entity, relatedNames } = card;
  // The facts new since the last look come first, in a section of their own; "Latest" does not repeat them.
  const fresh = new Set(newFactsOf(card));
  const facts = latestFacts(
    entity.facts.filter((f) => !fresh.has(f)),
    SHORT_CARD_FACTS,
  );
  const latestId = `${headingId}-latest`;
  const related = entity.related.slice(0, SHORT_CARD_RELATED);
  return (
    <article class="card card-short" data-type={entity.type} lang="en">
      <CardHeader entity={entity} headingId={headingId} onClose={onClose} />
      <p class="card-description">{entity.description}</p>
      <NewFacts card={card} headingId={headingId} />
      {entity.status && (
        <p class="card-status">
          <span class="card-clamp">
            <strong>
              As of <time dateTime={entity.status.asOf}>{formatPartialDate(entity.status.asOf)}</time>:
            </strong>{' '}
            {entity.status.text}
          </span>
        </p>
      )}
      {facts.length > 0 && (
        <section class="card-section" aria-labelledby={latestId}>
          <h3 id={latestId}>Latest</h3>
          <ol class="card-timeline">
            {facts.map((fact) => (
              <li key={fact.date + fact.text}>
                <time dateTime={fact.date}>{formatPartialDate(fact.date)}</time>
                <span>{fact.text}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
      {related.length > 0 && (
        <section class="card-section" aria-label="Related">
          <ul class="card-chips">
            {related.map((id) => (
              <li key={id}>
                <button type="button" class="chip chip-related" onClick={() => onSelectRelated?.(id)}>
                  {relatedNames[id] ?? id}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div class="card-actions">
        {onFullCard && (
          <button
            type="button"
            class="card-primary"
            onClick={() => onFullCard(entity.id)}
            title="The whole card, with sources, beside the page"
          >
            Full card
          </button>
        )}
        {actions && <CardActionButtons actions={actions} />}
      </div>
    </article>
  );
}

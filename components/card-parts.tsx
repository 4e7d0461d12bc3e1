/** Pieces the short hover card and the full card share. */
import { Fragment } from 'preact';
import { formatPartialDate, TYPE_LABELS } from './format';
import type { EntityCard } from '../lib/ext/messages';
import type { CardActions } from './Card';

/** What a card on a page lets the reader do with its entity: the same four on the short and the full card. */
export function CardActionButtons({ actions }: { actions: CardActions }) {
  return (
    <>
      <button type="button" onClick={actions.onTogglePin}>
        {actions.pinned ? 'Unpin' : 'Pin'}
      </button>
      <button type="button" onClick={actions.onAddNote} title="Write a note on this entity (and on the selected passage, if any)">
        Add note
      </button>
      <button type="button" onClick={actions.onHideTopic} title={`Stop marking everything in “${actions.topicName}”`}>
        Hide topic
      </button>
      <button type="button" onClick={actions.onOffOnSite} title={`Switch Backstory off on ${actions.hostname}`}>
        Off on this site
      </button>
    </>
  );
}

/** What kind of thing, its name (the card's heading), its names in its own languages, and Close. */
export function CardHeader({ entity, headingId, onClose }: { entity: EntityCard['entity']; headingId: string; onClose?: () => void }) {
  return (
    <header class="card-header">
      <div>
        <p class="card-type">{TYPE_LABELS[entity.type] ?? entity.type}</p>
        <h2 class="card-title" id={headingId}>
          {entity.name}
        </h2>
        <NativeNames entity={entity} />
      </div>
      {onClose && (
        <button type="button" class="card-close" aria-label="Close" title="Close (Esc)" onClick={onClose}>
          ×
        </button>
      )}
    </header>
  );
}

/**
 * The entity's names in its own languages, each in an element with its own `lang`, so a screen reader
 * reads "Аляксандр Лукашэнка" as Belarusian and "Александр Лукашенко" as Russian, inside an English card.
 */
export function NativeNames({ entity }: { entity: EntityCard['entity'] }) {
  const native = entity.nativeNames.filter((n) => n.text !== entity.name);
  if (native.length === 0) return null;
  return (
    <p class="card-native">
      {native.map((n, i) => (
        <Fragment key={`${n.lang}:${n.text}`}>
          {i > 0 && ' · '}
          <span lang={n.lang}>{n.text}</span>
        </Fragment>
      ))}
    </p>
  );
}

/** The facts of the entity that are new since the reader last saw its card, newest first (none: nothing). */
export function newFactsOf(card: EntityCard): EntityCard['entity']['facts'] {
  return (card.newFacts ?? []).flatMap((i) => card.entity.facts[i] ?? []).sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

/**
 * "New since you last looked", at the top of a card: what changed is what the reader came back for. The
 * full card also marks these facts in its timeline.
 */
export function NewFacts({ card, headingId }: { card: EntityCard; headingId: string }) {
  const facts = newFactsOf(card);
  if (facts.length === 0) return null;
  return (
    <section class="card-new" aria-labelledby={`${headingId}-new`}>
      <h3 id={`${headingId}-new`}>New since you last looked</h3>
      <ul>
        {facts.map((fact) => (
          <li key={fact.date + fact.text}>
            <time dateTime={fact.date}>{formatPartialDate(fact.date)}</time> {fact.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Pieces the short hover card and the full card share. */
import { Fragment } from 'preact';
import { formatPartialDate } from './format';
import type { EntityCard } from '../lib/ext/messages';

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

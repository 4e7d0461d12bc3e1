/** Pieces the short hover card and the full card share. */
import { Fragment } from 'preact';
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

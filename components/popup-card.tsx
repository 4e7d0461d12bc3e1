/** A full background card inside the popup, with a way back and a way to the mention on the page. */
import type { Ref } from 'preact';
import type { EntityCard } from '../lib/ext/messages';
import { Card } from './Card';
import { BackIcon, LocateIcon } from './popup-icons';

export interface PopupCardProps {
  id: string;
  /** undefined while loading; null when the KB has no such entry. */
  card: EntityCard | null | undefined;
  /** Mentions of the entity on the current page (0: not on it). */
  count: number;
  /** Label of the back button's destination, for its tooltip. */
  backTo: string;
  onBack(): void;
  onShow(id: string): void;
  onSelectRelated(id: string): void;
  regionRef?: Ref<HTMLElement>;
}

export const POPUP_CARD_HEADING = 'popup-card-title';

export function PopupCard({ id, card, count, backTo, onBack, onShow, onSelectRelated, regionRef }: PopupCardProps) {
  return (
    <section
      class="popup-card"
      data-card-entity={id}
      aria-labelledby={card ? POPUP_CARD_HEADING : undefined}
      aria-label={card ? undefined : 'Card'}
      tabIndex={-1}
      ref={regionRef}
    >
      <div class="card-toolbar">
        <button type="button" class="back-button" onClick={onBack} title={`Back to ${backTo}`}>
          <BackIcon />
          Back
        </button>
        {count > 0 ? (
          <button type="button" class="primary-button" onClick={() => onShow(id)}>
            <LocateIcon />
            Show on page
            <span class="button-count" aria-hidden="true">
              {count}
            </span>
          </button>
        ) : (
          <span class="muted small">Not on this page</span>
        )}
      </div>
      {card === undefined ? (
        <p class="muted empty" role="status">
          Loading…
        </p>
      ) : card === null ? (
        <p class="muted empty">Backstory’s knowledge base has no card for this name.</p>
      ) : (
        <Card card={card} headingId={POPUP_CARD_HEADING} onSelectRelated={onSelectRelated} />
      )}
    </section>
  );
}

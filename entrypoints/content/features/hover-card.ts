/** Feature: the card of a mention, on hover or tap (and for the popup's "Show on page" and the keyboard commands). */
import { toBackground } from '../../../lib/ext/messages';
import { reportError } from '../../../lib/ext/report-error';
import { isSiteEnabled } from '../../../lib/settings';
import { initCardActions } from '../card-actions';
import { CardSource } from '../card-source';
import { defineFeature } from '../feature';
import { createHoverCard } from '../hover-card';
import { STATUS_ELEMENT, StatusView } from '../status-view';
import { initTapToOpen } from '../tap-to-open';

export default defineFeature({
  id: 'hover-card',
  init(session) {
    session.ownElement(STATUS_ELEMENT);
    const status = new StatusView(session.ctx, session.escapeKey);
    session.status = status;
    const actionsFor = initCardActions(session, status);
    const card = createHoverCard(session, new CardSource(), {
      hoverDelayMs: () => session.settings.hoverDelayMs,
      actionsFor,
      announce: (text) => status.announce(text),
      openFullCard: (entityId) =>
        void toBackground.sendMessage('openFullCard', { entityId }).catch((error) => reportError('open full card', error)),
    });
    session.card = card;
    initTapToOpen(session, card);
    session.onSettings((settings) => {
      if (!isSiteEnabled(settings, location.hostname)) card.close();
    });
  },
});

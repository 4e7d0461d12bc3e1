/** Feature: the card of a mention, on hover (and for the popup's "Show on page" and the keyboard command). */
import { isSiteEnabled } from '../../../lib/settings';
import { initCardActions } from '../card-actions';
import { CardSource } from '../card-source';
import { defineFeature } from '../feature';
import { createHoverCard } from '../hover-card';

export default defineFeature({
  id: 'hover-card',
  init(session) {
    const actions = initCardActions(session.ctx, () => session.describeSelection());
    const card = createHoverCard(session, new CardSource(), {
      hoverDelayMs: () => session.settings.hoverDelayMs,
      actionsFor: actions.actionsFor,
      ready: actions.ready,
    });
    session.card = card;
    session.onSettings((settings) => {
      if (!isSiteEnabled(settings, location.hostname)) card.close();
    });
  },
});

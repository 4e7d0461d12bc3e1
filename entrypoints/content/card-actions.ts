/**
 * Feature: the buttons on a card. Pins live in the background's notes store; "Hide topic" and
 * "Off on this site" are settings, which every tab applies at once.
 */
import type { ContentScriptContext } from '#imports';
import type { CardActions } from '../../components/Card';
import { toBackground, type EntityCard } from '../../lib/ext/messages';
import { updateSettings } from '../../lib/ext/settings';
import type { PassageDraft } from '../../lib/notes/model';
import type { HoverCard } from './hover-card';

export interface CardActionsFactory {
  (card: EntityCard, hoverCard: HoverCard): CardActions;
}

export function initCardActions(ctx: ContentScriptContext, describeSelection: () => PassageDraft | null): CardActionsFactory {
  let pins = new Set<string>();
  let loading: Promise<void> | null = null;

  return (card, hoverCard) => {
    // Pins are read once, when the first card opens; that card is drawn again when they arrive.
    loading ??= toBackground
      .sendMessage('getPins', undefined)
      .then((ids) => {
        pins = new Set(ids);
        if (!ctx.isInvalid) hoverCard.refresh();
      })
      .catch(() => undefined);
    const id = card.entity.id;
    const topic = card.topics[0];
    return {
      pinned: pins.has(id),
      topicName: topic?.name ?? '',
      hostname: location.hostname,
      onTogglePin: () => {
        const request = pins.has(id) ? toBackground.sendMessage('unpinEntity', id) : toBackground.sendMessage('pinEntity', id);
        void request.then((ids) => {
          pins = new Set(ids);
          if (!ctx.isInvalid) hoverCard.refresh();
        });
      },
      onAddNote: () => {
        const passage = describeSelection();
        void toBackground.sendMessage('startNote', passage ? { entity: id, passage } : { entity: id });
      },
      onHideTopic: () => {
        if (!topic) return;
        hoverCard.close();
        void updateSettings((s) => ({ topics: { ...s.topics, [topic.id]: false } }));
      },
      onOffOnSite: () => {
        hoverCard.close();
        void updateSettings((s) => ({ disabledSites: [...new Set([...s.disabledSites, location.hostname])] }));
      },
    };
  };
}

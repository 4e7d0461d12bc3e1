/**
 * The buttons on a card (built for the hover card by features/hover-card.ts). Pins are changed through
 * the background's notes store; "Hide topic" and "Off on this site" are settings, which every tab
 * applies at once.
 */
import type { ContentScriptContext } from '#imports';
import type { CardActions } from '../../components/Card';
import { toBackground, type EntityCard } from '../../lib/ext/messages';
import { updateSettings } from '../../lib/ext/settings';
import { switchSite } from '../../lib/settings';
import type { PassageDraft } from '../../lib/notes/model';
import { readPinnedIds, watchPinnedIds } from '../../lib/ext/pins';
import { detach } from '../../lib/ext/detach';
import type { HoverCard } from './hover-card';
import { reportError } from '../../lib/ext/report-error';

export type CardActionsFactory = (card: EntityCard, hoverCard: HoverCard) => CardActions;

export function initCardActions(ctx: ContentScriptContext, describeSelection: () => PassageDraft | null): CardActionsFactory {
  // Pins are read once and then followed, so a pin made in another tab or the dashboard shows at once.
  let pins = new Set<string>();
  let shownOn: HoverCard | null = null;
  const update = (ids: string[]) => {
    pins = new Set(ids);
    shownOn?.refresh();
  };
  void readPinnedIds()
    .then(update)
    .catch((error) => reportError('read pins', error));
  const unwatch = watchPinnedIds(update);
  ctx.onInvalidated(() => detach(unwatch));

  return (card, hoverCard) => {
    shownOn = hoverCard;
    const id = card.entity.id;
    const topic = card.topics[0];
    return {
      pinned: pins.has(id),
      topicName: topic?.name ?? '',
      hostname: location.hostname,
      onTogglePin: () => {
        const request = pins.has(id) ? toBackground.sendMessage('unpinEntity', id) : toBackground.sendMessage('pinEntity', id);
        void request.then(update).catch((error) => reportError('pin', error));
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
        void updateSettings((s) => switchSite(s, location.hostname, false));
      },
    };
  };
}

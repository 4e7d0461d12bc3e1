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

export interface CardActionsSource {
  /** Reads the pins (once, then follows them): a card waits for this before it shows its Pin button. */
  ready(): Promise<void>;
  actionsFor(card: EntityCard, hoverCard: HoverCard): CardActions;
}

export function initCardActions(ctx: ContentScriptContext, describeSelection: () => PassageDraft | null): CardActionsSource {
  // Pins are read when the first card opens, not at start-up (most pages never show a card), and then
  // followed, so a pin made in another tab or the dashboard shows at once.
  let pins = new Set<string>();
  let shownOn: HoverCard | null = null;
  let read: Promise<void> | null = null;
  const update = (ids: string[]) => {
    pins = new Set(ids);
    shownOn?.refresh();
  };
  const ready = () => {
    if (!read) {
      const unwatch = watchPinnedIds(update);
      ctx.onInvalidated(() => detach(unwatch));
      read = readPinnedIds()
        .then(update)
        .catch((error) => reportError('read pins', error));
    }
    return read;
  };

  const actionsFor = (card: EntityCard, hoverCard: HoverCard): CardActions => {
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
  return { ready, actionsFor };
}

/**
 * The buttons on a card (built for the hover card by features/hover-card.ts). Pins are changed through
 * the background's notes store; "Hide topic" and "Off on this site" are settings, which every tab
 * applies at once. Both take marks away, so both say what they did in a toast with an Undo, which
 * takes the focus; once the toast goes, the focus comes back to a place in view (the reader's).
 */
import type { CardActions } from '../../components/Card';
import { plural } from '../../components/format';
import { returnFocusInView } from '../../lib/dom/reading-position';
import { detach } from '../../lib/ext/detach';
import { toBackground, type EntityCard } from '../../lib/ext/messages';
import { readPinnedIds, watchPinnedIds } from '../../lib/ext/pins';
import { reportError } from '../../lib/ext/report-error';
import { updateSettings } from '../../lib/ext/settings';
import { activeEntities, isSiteEnabled, type Settings, switchSite } from '../../lib/settings';
import type { HoverCard } from './hover-card';
import type { PageSession } from './session';
import type { StatusView } from './status-view';

export type CardActionsFactory = (card: EntityCard, hoverCard: HoverCard) => CardActions;

export function initCardActions(session: PageSession, status: StatusView): CardActionsFactory {
  const { ctx, page } = session;
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

  /** How many of the marks now on the page a change of settings takes away. */
  function marksHiddenBy(change: Partial<Settings>): number {
    const next = { ...session.settings, ...change };
    const now = page.marked().length;
    return isSiteEnabled(next, location.hostname) ? Math.max(0, now - page.markCountUnder(activeEntities(page.data, next))) : now;
  }

  /** Changes the settings, then shows what happened with an Undo that puts back what `undo` returns. */
  function changeWithUndo(
    hoverCard: HoverCard,
    message: (hidden: number) => string,
    change: (s: Settings) => Partial<Settings>,
    undo: (s: Settings) => Partial<Settings>,
  ): void {
    const before = hoverCard.focusBefore;
    const anchor = hoverCard.anchor;
    hoverCard.close();
    const hidden = marksHiddenBy(change(session.settings));
    void updateSettings(change)
      .then(() =>
        status.showToast({
          message: message(hidden),
          onUndo: () => updateSettings(undo).then(() => undefined),
          onClosed: (refocus) => {
            if (refocus) returnFocusInView(window, before, anchor);
          },
        }),
      )
      .catch((error) => reportError('card action', error));
  }

  return (card, hoverCard) => {
    shownOn = hoverCard;
    const id = card.entity.id;
    const topic = card.topics[0];
    const hostname = location.hostname;
    return {
      pinned: pins.has(id),
      topicName: topic?.name ?? '',
      hostname,
      onTogglePin: () => {
        const request = pins.has(id) ? toBackground.sendMessage('unpinEntity', id) : toBackground.sendMessage('pinEntity', id);
        void request.then(update).catch((error) => reportError('pin', error));
      },
      onAddNote: () => {
        const passage = session.describeSelection();
        void toBackground.sendMessage('startNote', passage ? { entity: id, passage } : { entity: id });
      },
      onHideTopic: () => {
        if (!topic) return;
        const was = session.settings.topics[topic.id];
        changeWithUndo(
          hoverCard,
          (hidden) => `Hid ${plural(hidden, 'mark', 'marks')} of topic ${topic.name}`,
          (s) => ({ topics: { ...s.topics, [topic.id]: false } }),
          (s) => {
            const topics = { ...s.topics };
            if (was === undefined) delete topics[topic.id];
            else topics[topic.id] = was;
            return { topics };
          },
        );
      },
      onOffOnSite: () =>
        changeWithUndo(
          hoverCard,
          (hidden) => `Backstory is off on ${hostname}: ${plural(hidden, 'mark', 'marks')} hidden`,
          (s) => switchSite(s, hostname, false),
          (s) => switchSite(s, hostname, true),
        ),
    };
  };
}

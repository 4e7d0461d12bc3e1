/**
 * The hover card: hovering a mention opens its card after a hover-intent delay; the card stays while
 * the pointer is on it and closes on leaving (after a short grace), on Escape, on a click outside, and
 * when the page scrolls its mention away. Started by features/hover-card.ts.
 */
import type { CardActions } from '../../components/Card';
import type { PageMention } from '../../lib/dom/page-mentions';
import type { EntityCard } from '../../lib/ext/messages';
import type { CardSource } from './card-source';
import { CardView } from './card-view';
import type { PagePoint, PageSession } from './session';

/** Time to move the pointer from a mention into its card, or back, before the card closes. */
const CLOSE_GRACE_MS = 300;

export interface HoverCard {
  /** Opens the card of a mention at once; `focus` moves keyboard focus into it. */
  openFor(mention: PageMention, options?: { focus?: boolean }): Promise<void>;
  /** Draws the open card again (after its pin state changed, say). */
  refresh(): void;
  close(): void;
}

export interface HoverCardOptions {
  hoverDelayMs(): number;
  /** The actions a card offers, built for the card being shown. */
  actionsFor(card: EntityCard, hoverCard: HoverCard): CardActions | undefined;
  /** What the actions need before the first card shows (read while the card is fetched). */
  ready?(): Promise<void>;
}

export function createHoverCard(session: PageSession, cards: CardSource, options: HoverCardOptions): HoverCard {
  const { ctx, page } = session;
  let pending: { key: string; timer: number } | null = null;
  let closeTimer = 0;
  let shownKey = '';
  let overCard = false;
  let shown: { card: EntityCard; anchor: Range } | null = null;
  let returnFocus: HTMLElement | null = null;

  const view = new CardView(ctx, {
    onClose: () => hoverCard.close(),
    onSelectRelated: (id) => {
      if (shown) void showEntity(id, shown.anchor, false);
    },
    onPointerEnter: () => {
      overCard = true;
      cancelClose();
    },
    onPointerLeave: () => {
      overCard = false;
      scheduleClose();
    },
  });

  const keys = new WeakMap<object, number>();
  let nextKey = 0;
  /** Identifies a mention across pointer moves: its paragraph object and its offsets. */
  const keyOf = (m: PageMention) => {
    if (!keys.has(m.paragraph)) keys.set(m.paragraph, ++nextKey);
    return `${keys.get(m.paragraph)}:${m.match.start}:${m.match.end}`;
  };

  async function showEntity(entityId: string, anchor: Range, focus: boolean): Promise<void> {
    const [card] = await Promise.all([cards.get(entityId), options.ready?.()]);
    if (!card) return;
    shown = { card, anchor };
    await view.show(card, anchor, options.actionsFor(card, hoverCard), focus);
  }

  function cancelPending(): void {
    if (pending) clearTimeout(pending.timer);
    pending = null;
  }
  function cancelClose(): void {
    clearTimeout(closeTimer);
    closeTimer = 0;
  }
  function scheduleClose(): void {
    if (!view.isOpen || closeTimer) return;
    closeTimer = ctx.setTimeout(() => {
      closeTimer = 0;
      if (!overCard) hoverCard.close();
    }, CLOSE_GRACE_MS);
  }

  const hoverCard: HoverCard = {
    async openFor(mention, { focus = false } = {}) {
      cancelPending();
      cancelClose();
      shownKey = keyOf(mention);
      if (focus && !returnFocus) returnFocus = document.activeElement as HTMLElement | null;
      await showEntity(page.entityId(mention), page.rangeOf(mention), focus);
    },
    refresh() {
      if (shown) void view.show(shown.card, shown.anchor, options.actionsFor(shown.card, hoverCard));
    },
    close() {
      cancelPending();
      cancelClose();
      shownKey = '';
      shown = null;
      overCard = false;
      view.close();
      if (returnFocus?.isConnected) returnFocus.focus({ preventScroll: true });
      returnFocus = null;
    },
  };

  function check({ mention }: PagePoint): void {
    if (overCard) return;
    if (!mention) {
      cancelPending();
      scheduleClose();
      return;
    }
    const key = keyOf(mention);
    if (key === shownKey) {
      cancelClose();
      return;
    }
    if (pending?.key === key) return;
    cancelPending();
    void cards.get(page.entityId(mention)); // warm the cache while the delay runs
    pending = {
      key,
      timer: ctx.setTimeout(() => {
        pending = null;
        void hoverCard.openFor(mention);
      }, options.hoverDelayMs()),
    };
  }

  session.onPointer(check);
  ctx.addEventListener(
    document,
    'keydown',
    (event) => {
      if (event.key === 'Escape' && view.isOpen) hoverCard.close();
    },
    { capture: true },
  );
  ctx.addEventListener(
    document,
    'pointerdown',
    (event) => {
      if (view.isOpen && event.target !== view.host) hoverCard.close();
    },
    { capture: true, passive: true },
  );
  ctx.onInvalidated(() => hoverCard.close());

  return hoverCard;
}

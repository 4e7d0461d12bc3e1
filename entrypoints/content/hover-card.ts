/**
 * The hover card: hovering a mention opens its card after a hover-intent delay; the card stays while
 * the pointer is on it or on its way to it (the gap between them: lib/dom/hover-bridge.ts), and closes
 * on leaving (after a short grace), on Escape, on a click or tap outside, and when the page scrolls its
 * mention away. Escape closes it for good: the same mention opens it again only once the pointer has
 * left the mention and come back. Taps on a touch screen: tap-to-open.ts. Started by features/hover-card.ts.
 */
import type { CardActions } from '../../components/Card';
import { formatPartialDate } from '../../components/format';
import { inBridge } from '../../lib/dom/hover-bridge';
import type { PageMention } from '../../lib/dom/page-mentions';
import { moveReadingPosition, returnFocusInView } from '../../lib/dom/reading-position';
import { type EntityCard, toBackground } from '../../lib/ext/messages';
import { reportError } from '../../lib/ext/report-error';
import type { CardSource } from './card-source';
import { CardView } from './card-view';
import type { PagePoint, PageSession } from './session';

/** Time to move the pointer from a mention into its card, or back, before the card closes. */
const CLOSE_GRACE_MS = 300;

export interface HoverCard {
  /**
   * Opens the card of a mention at once. `keyboard`: opened by a command that moved the reading
   * position to the mention; the selection stays there, Tab goes into the card, Escape comes back.
   */
  openFor(mention: PageMention, options?: { keyboard?: boolean }): Promise<void>;
  /** Draws the open card again (after its pin state changed, say). */
  refresh(): void;
  close(): void;
  /** Opens the card of a mention a finger chose (a tap), and says so to screen readers. */
  openByTap(mention: PageMention): void;
  /** Whether the card of this very mention is open. */
  shows(mention: PageMention): boolean;
  /** The mention whose card is open (for the card's actions), or null. */
  readonly anchor: Range | null;
  /** What had the focus before the card took it, if it did. */
  readonly focusBefore: Element | null;
}

export interface HoverCardOptions {
  hoverDelayMs(): number;
  /** The actions a card offers, built for the card being shown. */
  actionsFor(card: EntityCard, hoverCard: HoverCard): CardActions | undefined;
  /** Says something to screen readers, politely. */
  announce(text: string): void;
  /** "Full card": the whole card, beside the page. */
  openFullCard(entityId: string): void;
}

/** What a screen reader hears when a card opens on hover or tap: the name and the status with its date. */
export function cardAnnouncement(card: EntityCard): string {
  const { entity } = card;
  return entity.status
    ? `${entity.name}: ${entity.status.text} (as of ${formatPartialDate(entity.status.asOf)})`
    : `${entity.name}: ${entity.description}`;
}

export function createHoverCard(session: PageSession, cards: CardSource, options: HoverCardOptions): HoverCard {
  const { ctx, page } = session;
  let pending: { key: string; timer: number } | null = null;
  let closeTimer = 0;
  let shownKey = '';
  /** The mention whose card Escape closed: it stays closed until the pointer leaves the mention. */
  let dismissedKey = '';
  let overCard = false;
  let shown: { card: EntityCard; anchor: Range } | null = null;
  /** Opened by a keyboard command: the reading position (selection) is on the mention. */
  let byKeyboard = false;
  let focusBefore: Element | null = null;

  const view = new CardView(ctx, {
    onClose: () => closeFromCard(),
    onSelectRelated: (id) => {
      if (!shown) return;
      // The chip that had the focus is replaced with the new card: the focus goes to that card, not to <body>.
      const keepFocus = view.hasFocus;
      void showEntity(id, shown.anchor, keepFocus);
    },
    onFullCard: (id) => options.openFullCard(id),
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

  async function showEntity(entityId: string, anchor: Range, focus: boolean): Promise<EntityCard | null> {
    const card = await cards.get(entityId);
    if (!card) return null;
    shown = { card, anchor };
    await view.show(card, anchor, options.actionsFor(card, hoverCard), focus);
    // Its facts count as seen from now on ("New since you last looked" compares with this look).
    void toBackground.sendMessage('cardShown', entityId).catch((error) => reportError('card shown', error));
    return card;
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

  /**
   * Closed from the keyboard or the card's ×: a card the keyboard command opened gives the reading
   * position back to its mention; one that took the focus from somewhere gives it back there, in view.
   */
  function closeFromCard(): void {
    const hadFocus = view.hasFocus;
    const anchor = shown?.anchor ?? null;
    const before = focusBefore;
    const keyboard = byKeyboard;
    dismissedKey = shownKey;
    hoverCard.close();
    if (!hadFocus) return;
    if (keyboard && anchor) moveReadingPosition(window, anchor);
    else if (before) returnFocusInView(window, before, anchor);
  }

  const hoverCard: HoverCard = {
    async openFor(mention, { keyboard = false } = {}) {
      cancelPending();
      cancelClose();
      shownKey = keyOf(mention);
      dismissedKey = '';
      byKeyboard = keyboard;
      focusBefore = null;
      await showEntity(page.entityId(mention), page.rangeOf(mention), false);
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
      byKeyboard = false;
      view.close();
    },
    openByTap: (mention) => openByPointer(mention),
    shows: (mention) => shownKey !== '' && keyOf(mention) === shownKey,
    get anchor() {
      return shown?.anchor ?? null;
    },
    get focusBefore() {
      return focusBefore;
    },
  };

  /** Opens the card of a mention the pointer or a finger chose, and says so to screen readers. */
  function openByPointer(mention: PageMention): void {
    void hoverCard.openFor(mention).then(() => {
      if (shown && view.isOpen) options.announce(cardAnnouncement(shown.card));
    });
  }

  function check({ x, y, mention }: PagePoint): void {
    if (overCard) return;
    if (!mention) {
      dismissedKey = '';
      cancelPending();
      // On the way from the mention to the card: wait for the pointer to arrive.
      const card = view.rect();
      if (card && shown && inBridge(x, y, [...shown.anchor.getClientRects()], card)) {
        cancelClose();
        return;
      }
      scheduleClose();
      return;
    }
    const key = keyOf(mention);
    if (key === shownKey) {
      cancelClose();
      return;
    }
    if (key === dismissedKey) return;
    dismissedKey = '';
    if (pending?.key === key) return;
    cancelPending();
    void cards.get(page.entityId(mention)); // warm the cache while the delay runs
    pending = {
      key,
      timer: ctx.setTimeout(() => {
        pending = null;
        openByPointer(mention);
      }, options.hoverDelayMs()),
    };
  }

  session.onPointer(check);
  session.escapeKey.on((event) => {
    if (!view.isOpen) return false;
    // Escape pressed in the card is the card's: the page does not see it. Pressed elsewhere, it
    // closes the card and still reaches the page (a page dialog under the pointer closes too).
    if (view.hasFocus) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
    closeFromCard();
    return true;
  }, session.signal);
  // After a keyboard command, Tab goes from the mention into its card (which sits at the end of the document).
  ctx.addEventListener(
    document,
    'keydown',
    (event) => {
      if (event.key !== 'Tab' || event.shiftKey || !byKeyboard || !view.isOpen || view.hasFocus) return;
      event.preventDefault();
      focusBefore = document.activeElement;
      view.focus();
    },
    { capture: true },
  );
  ctx.addEventListener(
    document,
    'pointerdown',
    (event) => {
      if (!view.isOpen || event.target === view.host) return;
      // A second tap on the mark whose card is open keeps it (tap-to-open.ts lets the tap follow its link).
      if (event.pointerType === 'touch') {
        const mention = page.mentionAtPoint(event.clientX, event.clientY);
        if (mention && hoverCard.shows(mention)) return;
      }
      hoverCard.close();
    },
    { capture: true, passive: true },
  );
  ctx.onInvalidated(() => hoverCard.close());

  return hoverCard;
}

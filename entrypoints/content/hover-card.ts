/**
 * Feature: hovering a mention opens its card after a hover-intent delay; the card stays while the
 * pointer is on it and closes on leaving (after a short grace), on Escape and on a click outside.
 */
import type { ContentScriptContext } from '#imports';
import type { PageMention, PageMentions } from '../../lib/dom/page-mentions';
import { CardView } from './card-view';
import type { CardSource } from './card-source';

/** Time to move the pointer from a mention into its card, or back, before the card closes. */
const CLOSE_GRACE_MS = 300;

export interface HoverCard {
  openFor(mention: PageMention): Promise<void>;
  close(): void;
}

export interface HoverCardOptions {
  hoverDelayMs(): number;
}

export function initHoverCard(
  ctx: ContentScriptContext,
  page: PageMentions,
  cards: CardSource,
  options: HoverCardOptions,
): HoverCard {
  let pointer = { x: -1, y: -1 };
  let frame = 0;
  let pending: { key: string; timer: number } | null = null;
  let closeTimer = 0;
  let shownKey = '';
  let overCard = false;

  const view = new CardView(ctx, {
    onClose: () => close(),
    onSelectRelated: (id) => {
      const anchor = currentAnchor;
      if (anchor) void showEntity(id, anchor);
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
  let currentAnchor: Range | null = null;

  const keys = new WeakMap<object, number>();
  let nextKey = 0;
  /** Identifies a mention across pointer moves: its paragraph object and its offsets. */
  const keyOf = (m: PageMention) => {
    if (!keys.has(m.paragraph)) keys.set(m.paragraph, ++nextKey);
    return `${keys.get(m.paragraph)}:${m.match.start}:${m.match.end}`;
  };

  async function showEntity(entityId: string, anchor: Range): Promise<void> {
    const card = await cards.get(entityId);
    if (!card) return;
    currentAnchor = anchor;
    await view.show(card, anchor);
  }

  async function openFor(mention: PageMention): Promise<void> {
    cancelPending();
    cancelClose();
    shownKey = keyOf(mention);
    await showEntity(page.entityId(mention), page.rangeOf(mention));
  }

  function close(): void {
    cancelPending();
    cancelClose();
    shownKey = '';
    currentAnchor = null;
    overCard = false;
    view.close();
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
      if (!overCard) close();
    }, CLOSE_GRACE_MS);
  }

  function check(): void {
    frame = 0;
    if (overCard) return;
    const mention = page.mentionAtPoint(pointer.x, pointer.y);
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
        void openFor(mention);
      }, options.hoverDelayMs()),
    };
  }

  ctx.addEventListener(
    document,
    'pointermove',
    (event) => {
      if (event.pointerType === 'touch') return;
      if (view.host && event.target === view.host) return;
      pointer = { x: event.clientX, y: event.clientY };
      if (!frame) frame = ctx.requestAnimationFrame(check);
    },
    { passive: true, capture: true },
  );
  ctx.addEventListener(
    document,
    'keydown',
    (event) => {
      if (event.key === 'Escape' && view.isOpen) close();
    },
    { capture: true },
  );
  ctx.addEventListener(
    document,
    'pointerdown',
    (event) => {
      if (view.isOpen && event.target !== view.host) close();
    },
    { capture: true, passive: true },
  );
  ctx.onInvalidated(() => close());

  return { openFor, close };
}

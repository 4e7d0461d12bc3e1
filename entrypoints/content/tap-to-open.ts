/**
 * A touch screen has no hover: a tap on a mark opens its card (a tap elsewhere closes it: hover-card.ts).
 * A mark inside a link: the first tap opens the card and does not follow the link; a second tap on the
 * same mark, its card open, follows it. That is what touch browsers do with content shown on hover
 * (iOS Safari's "first tap hovers"), so readers know it, and no link becomes unreachable.
 */
import { focusableAround } from '../../lib/dom/reading-position';
import type { HoverCard } from './hover-card';
import type { PageSession } from './session';

export function initTapToOpen(session: PageSession, card: HoverCard): void {
  const { ctx, page } = session;
  /** The kind of the pointer that started the gesture the click ends (a click event may not say). */
  let lastPointerType = '';
  ctx.addEventListener(
    document,
    'pointerdown',
    (event) => {
      lastPointerType = event.pointerType;
    },
    { capture: true, passive: true },
  );
  ctx.addEventListener(
    document,
    'click',
    (event) => {
      if (lastPointerType !== 'touch' || session.isOwnNode(event.target as Node)) return;
      const mention = page.mentionAtPoint(event.clientX, event.clientY);
      if (!mention || card.shows(mention)) return;
      if (focusableAround(page.rangeOf(mention).startContainer)?.matches('a[href]')) event.preventDefault();
      card.openByTap(mention);
    },
    { capture: true },
  );
}

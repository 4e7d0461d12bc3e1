/** Brings a mention into view, flashes it briefly and opens its card (popup "Show on page", keyboard command). */
import type { PageMention } from '../../lib/dom/page-mentions';
import { FLASH_HIGHLIGHT, supportsHighlights } from '../../lib/dom/marks';
import type { PageSession } from './session';

const FLASH_MS = 1600;

export interface Revealer {
  /** Scrolls to the mention, flashes it and opens its card; `focus` puts keyboard focus in the card. */
  reveal(mention: PageMention, options?: { focus?: boolean }): Promise<void>;
  /** The mention (of those `accept` takes) after the one last revealed, or the first on screen; wraps around. */
  next(accept?: (mention: PageMention) => boolean): PageMention | null;
}

export function createRevealer(session: PageSession): Revealer {
  const { ctx, page } = session;
  let last: PageMention | null = null;
  let flashTimer = 0;

  function flash(range: Range): void {
    if (!supportsHighlights(window)) return;
    CSS.highlights.set(FLASH_HIGHLIGHT, new Highlight(range));
    clearTimeout(flashTimer);
    flashTimer = ctx.setTimeout(() => CSS.highlights.delete(FLASH_HIGHLIGHT), FLASH_MS);
  }

  return {
    async reveal(mention, { focus = false } = {}) {
      last = mention;
      const range = page.rangeOf(mention);
      const element = range.startContainer.parentElement;
      element?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
      flash(range);
      await session.card?.openFor(mention, { focus });
    },
    next(accept = () => true) {
      const all = page.mentions();
      const mentions = all.filter(accept);
      if (mentions.length === 0) return null;
      if (last) {
        const at = all.findIndex((m) => m.paragraph === last!.paragraph && m.match.start === last!.match.start);
        if (at >= 0) {
          const after = all.slice(at + 1).find(accept);
          return after ?? mentions[0]!;
        }
      }
      return mentions.find((m) => page.rangeOf(m).getBoundingClientRect().top >= 0) ?? mentions[0]!;
    },
  };
}

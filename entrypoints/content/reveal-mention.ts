/**
 * Brings a mention into view, flashes it briefly and opens its card: the popup's "Show on page", and
 * the keyboard and screen-reader route (the next-mention and previous-mention commands), which also
 * moves the reading position to the mention (its text selected, the link around it focused) and
 * announces it ("Lukashenko, 3 of 38") in Backstory's live region, without taking the selection away
 * for the card.
 */
import type { PageMention } from '../../lib/dom/page-mentions';
import { FLASH_HIGHLIGHT, supportsHighlights } from '../../lib/dom/marks';
import { moveReadingPosition, selectionIs } from '../../lib/dom/reading-position';
import type { PageSession } from './session';

const FLASH_MS = 1600;

export interface Revealer {
  /** Scrolls to the mention, flashes it and opens its card. */
  reveal(mention: PageMention): Promise<void>;
  /** The keyboard route: reveals the mention, moves the reading position to it and announces it. */
  moveTo(mention: PageMention): Promise<void>;
  /** The mention (of those `accept` takes) after the reader's place, or the first on screen; wraps around. */
  next(accept?: (mention: PageMention) => boolean): PageMention | null;
  /** The mention before the reader's place, or the last above the screen; wraps around. */
  previous(): PageMention | null;
}

export function createRevealer(session: PageSession, announce: (text: string) => void): Revealer {
  const { ctx, page } = session;
  let last: PageMention | null = null;
  /** Whether the last mention was reached from the keyboard (its text selected) or from the popup. */
  let lastSelected = false;
  let flashTimer = 0;

  function flash(range: Range): void {
    if (!supportsHighlights(window)) return;
    CSS.highlights.set(FLASH_HIGHLIGHT, new Highlight(range));
    clearTimeout(flashTimer);
    flashTimer = ctx.setTimeout(() => CSS.highlights.delete(FLASH_HIGHLIGHT), FLASH_MS);
  }

  const same = (a: PageMention, b: PageMention) =>
    a.paragraph === b.paragraph && a.match.start === b.match.start && a.match.end === b.match.end;

  /**
   * Where the reader is among `all`: the mention last revealed (from the keyboard: while its text is
   * still selected); or, if the reader moved since, the selection's place between mentions (index + 0.5:
   * between two).
   */
  function place(all: PageMention[]): number | null {
    if (last) {
      const at = all.findIndex((m) => same(m, last!));
      if (at >= 0 && (!lastSelected || selectionIs(window, page.rangeOf(all[at]!)))) return at;
    }
    const selection = getSelection();
    if (!selection || selection.rangeCount === 0 || session.isOwnNode(selection.anchorNode)) return null;
    const here = selection.getRangeAt(0);
    try {
      const after = all.findIndex((m) => page.rangeOf(m).compareBoundaryPoints(Range.START_TO_START, here) > 0);
      return after < 0 ? all.length - 0.5 : after - 0.5;
    } catch {
      return null; // the selection is in another tree (a shadow root, a frame)
    }
  }

  async function reveal(mention: PageMention, focus = false): Promise<void> {
    last = mention;
    const range = page.rangeOf(mention);
    range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
    flash(range);
    await session.card?.openFor(mention, { keyboard: focus });
  }

  return {
    reveal(mention) {
      lastSelected = false;
      return reveal(mention);
    },
    async moveTo(mention) {
      const all = page.mentions();
      const index = all.findIndex((m) => same(m, mention));
      const range = page.rangeOf(mention);
      moveReadingPosition(window, range);
      lastSelected = true;
      announce(`${range.toString()}, ${index + 1} of ${all.length}`);
      await reveal(mention, true);
    },
    next(accept = () => true) {
      const all = page.mentions();
      if (!all.some(accept)) return null;
      const at = place(all);
      if (at === null) return all.find((m) => accept(m) && page.rangeOf(m).getBoundingClientRect().top >= 0) ?? all.find(accept)!;
      const start = Math.floor(at) + 1;
      for (let i = 0; i < all.length; i++) {
        const m = all[(start + i) % all.length]!;
        if (accept(m)) return m;
      }
      return null;
    },
    previous() {
      const all = page.mentions();
      if (all.length === 0) return null;
      const at = place(all);
      if (at === null) {
        const above = all.filter((m) => page.rangeOf(m).getBoundingClientRect().bottom < 0);
        return above.at(-1) ?? all.at(-1)!;
      }
      const start = Math.ceil(at) - 1;
      return all[(start + all.length) % all.length]!;
    },
  };
}

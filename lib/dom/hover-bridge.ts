/**
 * The way from a mention to its card. The card sits a few pixels from the mention; a pointer that
 * pauses in that gap on its way to the card is still going there (the "safe area" of menus), so the
 * card must not close under it. Pure geometry, in viewport coordinates.
 */

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Whether (x, y) lies in the band between the mention's box nearest the card and the card, as wide as
 * both together: the route a pointer takes from one to the other. A card that covers its mention (the
 * window too small for either side) has no gap.
 */
export function inBridge(x: number, y: number, mention: readonly Box[], card: Box, slack = 2): boolean {
  let best: Box | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const box of mention) {
    const distance = card.top >= box.bottom ? card.top - box.bottom : box.top >= card.bottom ? box.top - card.bottom : Number.NaN;
    if (!Number.isNaN(distance) && distance < bestDistance) {
      best = box;
      bestDistance = distance;
    }
  }
  if (!best) return false;
  const below = card.top >= best.bottom;
  const top = (below ? best.bottom : card.bottom) - slack;
  const bottom = (below ? card.top : best.top) + slack;
  const left = Math.min(best.left, card.left) - slack;
  const right = Math.max(best.right, card.right) + slack;
  return x >= left && x <= right && y >= top && y <= bottom;
}

/**
 * The reader's place on a page, as the keyboard and screen readers know it: the selection, and the
 * focus. Moving it to a passage selects the passage's text (screen readers in browse mode read from
 * there, and the next Tab continues from there) and focuses the link or control that holds it, if any.
 * Backstory adds nothing to the page for this: no tabindex, no element.
 */

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

/** The focusable element that holds `node` (a name inside a link), if any. */
export function focusableAround(node: Node): HTMLElement | null {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return (element?.closest(FOCUSABLE) as HTMLElement | null) ?? null;
}

/** Selects `range` and puts the focus there: on the link or control around it, or (none) nowhere but the selection. */
export function moveReadingPosition(win: Window, range: Range): void {
  const holder = focusableAround(range.startContainer);
  const active = win.document.activeElement as HTMLElement | null;
  if (holder) holder.focus({ preventScroll: true });
  else if (active && active !== win.document.body && active !== win.document.documentElement) active.blur();
  const selection = win.getSelection();
  if (!selection) return;
  selection.removeAllRanges();
  selection.addRange(range);
}

/** Whether the selection is exactly `range` (the reader has not moved since). */
export function selectionIs(win: Window, range: Range): boolean {
  const selection = win.getSelection();
  if (selection?.rangeCount !== 1) return false;
  const current = selection.getRangeAt(0);
  return (
    current.startContainer === range.startContainer &&
    current.startOffset === range.startOffset &&
    current.endContainer === range.endContainer &&
    current.endOffset === range.endOffset
  );
}

/** Whether a box is at least partly inside the window. */
export function inView(
  win: Window,
  rect: { top: number; bottom: number; left: number; right: number; width: number; height: number },
): boolean {
  if (rect.width === 0 && rect.height === 0) return false;
  return rect.bottom > 0 && rect.right > 0 && rect.top < win.innerHeight && rect.left < win.innerWidth;
}

/**
 * Gives the focus back to a sensible place in view after something of Backstory's that had it goes
 * away: `previous` (what had the focus before) if it is still on the page and in view; otherwise the
 * start of `near` (the mention the reader was at), as a collapsed selection, so the next Tab or the
 * screen reader's reading goes on from there, never from an element scrolled out of view.
 */
export function returnFocusInView(win: Window, previous: Element | null, near: Range | null): void {
  if (
    previous instanceof HTMLElement &&
    previous.isConnected &&
    previous !== win.document.body &&
    inView(win, previous.getBoundingClientRect())
  ) {
    previous.focus({ preventScroll: true });
    return;
  }
  const active = win.document.activeElement as HTMLElement | null;
  active?.blur?.();
  if (!near?.startContainer.isConnected) return;
  const holder = focusableAround(near.startContainer);
  if (holder && inView(win, holder.getBoundingClientRect())) {
    holder.focus({ preventScroll: true });
    return;
  }
  const selection = win.getSelection();
  if (!selection) return;
  selection.removeAllRanges();
  const caret = near.cloneRange();
  caret.collapse(true);
  selection.addRange(caret);
}

/**
 * Finds the mention under the pointer. Highlights receive no mouse events, so Backstory asks the
 * browser for the caret position under the point, converts it into an offset of the text index and
 * looks that up among the mentions; then it checks that the point really lies on the mention's
 * rectangles (a caret position is also reported for points in the margin beside a line).
 */
import { domSpan, type TextIndex } from './text-index';

export interface Span {
  start: number;
  end: number;
}

interface Caret {
  node: Node;
  offset: number;
}

function caretFromPoint(doc: Document, x: number, y: number): Caret | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  if (typeof d.caretPositionFromPoint === 'function') {
    const pos = d.caretPositionFromPoint(x, y);
    return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/** Lookup from a text node to its position in the index, built on first use (the first hover). */
const nodeOrder = new WeakMap<TextIndex, Map<Text, number>>();

function orderOf(index: TextIndex): Map<Text, number> {
  let order = nodeOrder.get(index);
  if (!order) {
    order = new Map(index.nodes.map((node, i) => [node, i]));
    nodeOrder.set(index, order);
  }
  return order;
}

/** Index into `spans` (sorted, not overlapping) of the span that contains `offset`, or -1. */
export function spanContaining(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const span = spans[mid]!;
    if (offset < span.start) hi = mid - 1;
    else if (offset >= span.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function pointInRects(rects: DOMRectList, x: number, y: number): boolean {
  for (const r of rects) {
    if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return true;
  }
  return false;
}

export function rangeOf(doc: Document, index: TextIndex, span: Span): Range {
  const dom = domSpan(index, span.start, span.end);
  const range = doc.createRange();
  range.setStart(dom.startContainer, dom.startOffset);
  range.setEnd(dom.endContainer, dom.endOffset);
  return range;
}

/** The span under viewport point (x, y), or -1. */
export function spanAtPoint(doc: Document, index: TextIndex, spans: readonly Span[], x: number, y: number): number {
  const caret = caretFromPoint(doc, x, y);
  if (!caret || caret.node.nodeType !== 3) return -1;
  const position = orderOf(index).get(caret.node as Text);
  if (position === undefined) return -1;
  const offset = index.starts[position]! + caret.offset;
  // The caret may sit just after the last letter when the pointer is on its right half.
  let found = spanContaining(spans, offset);
  if (found < 0 && offset > 0) found = spanContaining(spans, offset - 1);
  if (found < 0) return -1;
  return pointInRects(rangeOf(doc, index, spans[found]!).getClientRects(), x, y) ? found : -1;
}

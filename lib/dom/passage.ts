/**
 * Passages of a page as text offsets and back: a selection becomes selectors (quote with context,
 * position) in the page text that Backstory reads (buildTextIndex: paragraphs joined by a blank
 * line), and stored selectors become a DOM Range again. DOM only; the matching is lib/anchor.
 */
import { anchorPassage, describePassage, trimSpan, type AnchorMethod } from '../anchor';
import type { NoteAnchorRequest, PassageDraft } from '../notes/model';
import { buildTextIndex, nodeAt, type TextIndex } from './text-index';

export { buildTextIndex, type TextIndex };

/** Text offsets [start, end) of a DOM range, trimmed of surrounding whitespace; null if it holds no page text. */
export function offsetsOfRange(
  index: TextIndex,
  range: AbstractRange & Pick<Range, 'intersectsNode'>,
): { start: number; end: number } | null {
  let start = -1;
  let end = -1;
  const { nodes, starts } = index;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (!range.intersectsNode(node)) continue;
    const nodeStart = starts[i]!;
    const s = node === range.startContainer ? nodeStart + Math.min(range.startOffset, node.data.length) : nodeStart;
    const e = node === range.endContainer ? nodeStart + Math.min(range.endOffset, node.data.length) : nodeStart + node.data.length;
    if (start < 0) start = s;
    end = Math.max(end, e);
  }
  if (start < 0 || end <= start) return null;
  const trimmed = trimSpan(index.text, start, end);
  return trimmed.end > trimmed.start ? trimmed : null;
}

/** A live Range over the text offsets [start, end); offsets that fall between paragraphs move onto text. */
export function rangeOfOffsets(index: TextIndex, start: number, end: number, doc: Document): Range | null {
  const { nodes, starts } = index;
  if (nodes.length === 0 || end <= start) return null;
  const endOf = (k: number) => starts[k]! + nodes[k]!.data.length;
  let i = nodeAt(index, start);
  if (start >= endOf(i)) {
    i++;
    if (i >= nodes.length) return null;
  }
  const startOffset = Math.max(0, start - starts[i]!);
  const j = nodeAt(index, Math.max(0, end - 1));
  if (j < i) return null;
  const endOffset = Math.min(Math.max(0, end - starts[j]!), nodes[j]!.data.length);
  const range = doc.createRange();
  range.setStart(nodes[i]!, Math.min(startOffset, nodes[i]!.data.length));
  range.setEnd(nodes[j]!, endOffset);
  return range.collapsed ? null : range;
}

/** The passage the user selected, described for a note; null when nothing (readable) is selected. */
export function describeRange(
  index: TextIndex,
  range: Range,
  page: { url: string; title: string },
  entitiesIn: (range: Range) => string[] = () => [],
): PassageDraft | null {
  const span = offsetsOfRange(index, range);
  if (!span) return null;
  const { quote, position } = describePassage(index.text, span.start, span.end);
  const exactRange = rangeOfOffsets(index, span.start, span.end, range.startContainer.ownerDocument ?? document);
  return {
    url: page.url,
    title: page.title,
    exact: quote.exact,
    prefix: quote.prefix,
    suffix: quote.suffix,
    start: position.start,
    end: position.end,
    entities: exactRange ? entitiesIn(exactRange) : [],
  };
}

/** The current selection of a window as a passage, or null. Builds a fresh text index of the page. */
export function describeSelection(win: Window, entitiesIn?: (range: Range) => string[]): PassageDraft | null {
  const selection = win.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const doc = win.document;
  const index = buildTextIndex(doc.body ?? doc.documentElement);
  return describeRange(index, range, { url: win.location.href, title: doc.title }, entitiesIn);
}

export interface AnchoredNote {
  id: string;
  range: Range;
  method: AnchorMethod;
}

/** Finds each note's passage in the page; the ids it cannot find are returned in `orphaned`. */
export function anchorNotes(
  index: TextIndex,
  notes: readonly NoteAnchorRequest[],
  doc: Document,
): { anchored: AnchoredNote[]; orphaned: string[] } {
  const anchored: AnchoredNote[] = [];
  const orphaned: string[] = [];
  for (const note of notes) {
    const [quote, position] = note.selector;
    const hit = anchorPassage(index.text, quote, position);
    const range = hit ? rangeOfOffsets(index, hit.start, hit.end, doc) : null;
    if (hit && range) anchored.push({ id: note.id, range, method: hit.method });
    else orphaned.push(note.id);
  }
  return { anchored, orphaned };
}

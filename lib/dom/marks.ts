/**
 * Draws and erases Backstory's marks. The CSS Custom Highlight API is the way: it adds no element
 * and splits no text node, so a page's scripts and frameworks never see a change. Where the API is
 * missing, marks fall back to wrapping text in Backstory's own <backstory-mark> element, and every
 * wrap is undone exactly when the mark goes.
 */
import type { EntityType } from '../kb/schema';
import { domSpan, type Paragraph } from './text-index';

export type MarkStyle = 'underline' | 'background';

export interface MarkSpan {
  start: number;
  end: number;
  type: EntityType;
}

const PREFIXES: Record<MarkStyle, string> = { underline: 'backstory-', background: 'backstory-bg-' };
const STYLED_TYPES = ['person', 'organisation', 'place', 'event'] as const;

/** Events and concepts share a style: both are "what happened", not "who". */
export function markName(type: EntityType, style: MarkStyle): string {
  return PREFIXES[style] + (type === 'concept' ? 'event' : type);
}

export const HIGHLIGHT_NAMES = Object.values(PREFIXES).flatMap((prefix) => STYLED_TYPES.map((t) => prefix + t));
export const FLASH_HIGHLIGHT = 'backstory-flash';

/** The marks of one paragraph, as the renderer that drew them needs them to erase them. */
export type MarkHandle = unknown;

export interface MarkRenderer {
  readonly usesDom: boolean;
  draw(paragraph: Paragraph, spans: readonly MarkSpan[], style: MarkStyle): MarkHandle;
  erase(handle: MarkHandle): void;
  /** Makes the marks visible (again): a page script may have cleared them. */
  attach(): void;
  detach(): void;
  /** Whether a page script removed the marks from the page (then `attach` puts them back). */
  isTampered(): boolean;
}

type Win = Window & typeof globalThis;

export function supportsHighlights(win: Win): boolean {
  return typeof win.CSS !== 'undefined' && 'highlights' in win.CSS && typeof win.Highlight === 'function';
}

export class HighlightRenderer implements MarkRenderer {
  readonly usesDom = false;
  private readonly highlights = new Map<string, Highlight>();
  private attached = false;

  constructor(private readonly win: Win) {
    for (const name of HIGHLIGHT_NAMES) this.highlights.set(name, new win.Highlight());
  }

  draw(paragraph: Paragraph, spans: readonly MarkSpan[], style: MarkStyle): MarkHandle {
    const drawn: [Highlight, StaticRange][] = [];
    for (const span of spans) {
      // StaticRange: unlike a live Range, it costs the page nothing when its DOM changes later.
      const range = new this.win.StaticRange(domSpan(paragraph, span.start, span.end));
      const highlight = this.highlights.get(markName(span.type, style))!;
      highlight.add(range);
      drawn.push([highlight, range]);
    }
    return drawn;
  }

  erase(handle: MarkHandle): void {
    for (const [highlight, range] of handle as [Highlight, StaticRange][]) highlight.delete(range);
  }

  attach(): void {
    const registry = this.win.CSS.highlights;
    for (const [name, highlight] of this.highlights) {
      if (registry.get(name) !== highlight) registry.set(name, highlight);
    }
    this.attached = true;
  }

  detach(): void {
    const registry = this.win.CSS.highlights;
    for (const [name, highlight] of this.highlights) {
      if (registry.get(name) === highlight) registry.delete(name);
    }
    this.attached = false;
  }

  /** Whether a page script has removed our highlights from the registry. */
  isTampered(): boolean {
    if (!this.attached) return false;
    const registry = this.win.CSS.highlights;
    for (const [name, highlight] of this.highlights) if (registry.get(name) !== highlight) return true;
    return false;
  }
}

export const MARK_ELEMENT = 'backstory-mark';

/**
 * The fallback: wraps each mention's text in <backstory-mark>. Wrapping splits text nodes, so the
 * paragraph's node list is updated in place and stays valid for hit-testing; erasing puts every
 * text node back where it was.
 */
export class WrapRenderer implements MarkRenderer {
  readonly usesDom = true;
  constructor(private readonly doc: Document) {}

  draw(paragraph: Paragraph, spans: readonly MarkSpan[], style: MarkStyle): MarkHandle {
    const wrappers: Element[] = [];
    // Last mention first: splitting a node never moves the offsets of the text before it.
    for (let s = spans.length - 1; s >= 0; s--) {
      const span = spans[s]!;
      for (const node of this.isolate(paragraph, span.start, span.end)) {
        const wrapper = this.doc.createElement(MARK_ELEMENT);
        wrapper.setAttribute('data-mark', markName(span.type, style));
        node.parentNode!.insertBefore(wrapper, node);
        wrapper.appendChild(node);
        wrappers.push(wrapper);
      }
    }
    return wrappers;
  }

  /** Splits text nodes so that [start, end) is covered by whole nodes, and returns them. */
  private isolate(paragraph: Paragraph, start: number, end: number): Text[] {
    const { nodes, starts } = paragraph;
    const split = (offset: number) => {
      for (let i = 0; i < nodes.length; i++) {
        const nodeStart = starts[i]!;
        const nodeEnd = nodeStart + nodes[i]!.data.length;
        if (offset > nodeStart && offset < nodeEnd) {
          const tail = nodes[i]!.splitText(offset - nodeStart);
          nodes.splice(i + 1, 0, tail);
          starts.splice(i + 1, 0, offset);
          return;
        }
      }
    };
    split(end);
    split(start);
    const covered: Text[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const nodeStart = starts[i]!;
      if (nodeStart >= start && nodeStart + nodes[i]!.data.length <= end && nodes[i]!.data.length > 0) covered.push(nodes[i]!);
    }
    return covered;
  }

  erase(handle: MarkHandle): void {
    for (const wrapper of handle as Element[]) {
      const parent = wrapper.parentNode;
      if (!parent) continue;
      while (wrapper.firstChild) parent.insertBefore(wrapper.firstChild, wrapper);
      parent.removeChild(wrapper);
    }
  }

  attach(): void {}
  detach(): void {}
  /** Wrapped marks are elements of the page: nothing to re-register. */
  isTampered(): boolean {
    return false;
  }
}

export function createRenderer(win: Win): MarkRenderer {
  return supportsHighlights(win) ? new HighlightRenderer(win) : new WrapRenderer(win.document);
}

/**
 * A layer of marks over whole ranges (the passages of notes), drawn the same two ways as mentions: one
 * named highlight, or, where the Highlight API is missing, <backstory-mark> wrappers undone exactly.
 */
export interface RangeLayer {
  /** Draws exactly these ranges (and no others). */
  set(ranges: readonly Range[]): void;
  /** Puts the layer back where a page script removed it; true if it did. */
  repair(): boolean;
  clear(): void;
}

export function createRangeLayer(win: Win, name: string, guard: <T>(edit: () => T) => T = (edit) => edit()): RangeLayer {
  return supportsHighlights(win) ? highlightLayer(win, name) : wrapLayer(win.document, name, guard);
}

function highlightLayer(win: Win, name: string): RangeLayer {
  const highlight = new win.Highlight();
  const registry = win.CSS.highlights;
  return {
    set(ranges) {
      highlight.clear();
      for (const range of ranges) highlight.add(range);
      if (highlight.size > 0 && registry.get(name) !== highlight) registry.set(name, highlight);
      if (highlight.size === 0 && registry.get(name) === highlight) registry.delete(name);
    },
    repair() {
      if (highlight.size === 0 || registry.get(name) === highlight) return false;
      registry.set(name, highlight);
      return true;
    },
    clear() {
      highlight.clear();
      if (registry.get(name) === highlight) registry.delete(name);
    },
  };
}

function wrapLayer(doc: Document, name: string, guard: <T>(edit: () => T) => T): RangeLayer {
  let wrappers: Element[] = [];
  const unwrap = () => {
    for (const wrapper of wrappers) {
      const parent = wrapper.parentNode;
      if (!parent) continue;
      while (wrapper.firstChild) parent.insertBefore(wrapper.firstChild, wrapper);
      parent.removeChild(wrapper);
    }
    wrappers = [];
  };
  const wrap = (range: Range) => {
    // Whole text nodes inside the range; the two at its ends are split at its boundaries first.
    const nodes: Text[] = [];
    const root = range.commonAncestorContainer;
    // 4: NodeFilter.SHOW_TEXT (no global NodeFilter is needed, so other windows and test DOMs work too).
    const walker = doc.createTreeWalker(root.nodeType === 3 ? root.parentNode! : root, 4);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (range.intersectsNode(node)) nodes.push(node);
    }
    for (let i = 0; i < nodes.length; i++) {
      let node = nodes[i]!;
      if (node === range.endContainer && range.endOffset < node.data.length) node.splitText(range.endOffset);
      if (node === range.startContainer && range.startOffset > 0) node = node.splitText(range.startOffset);
      if (node.data.length === 0) continue;
      const wrapper = doc.createElement(MARK_ELEMENT);
      wrapper.setAttribute('data-mark', name);
      node.parentNode!.insertBefore(wrapper, node);
      wrapper.appendChild(node);
      wrappers.push(wrapper);
    }
  };
  return {
    set(ranges) {
      guard(() => {
        unwrap();
        // Copies: wrapping moves nodes, and a live range over them would shift while the next is drawn.
        for (const range of ranges.map((r) => r.cloneRange())) wrap(range);
      });
    },
    repair: () => false,
    clear: () => guard(unwrap),
  };
}

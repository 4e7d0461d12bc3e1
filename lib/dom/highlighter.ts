/**
 * Marks mentions with the CSS Custom Highlight API: no element is added to the page and no text
 * node is split, so a page's own scripts and frameworks never see a change. One highlight per
 * entity type, styled by ::highlight(backstory-<type>) rules in the content script's CSS.
 */
import type { EntityType } from '../kb/schema';
import { domSpan, type TextIndex } from './text-index';

export type MarkStyle = 'underline' | 'background';

const PREFIXES: Record<MarkStyle, string> = { underline: 'backstory-', background: 'backstory-bg-' };
const STYLED_TYPES = ['person', 'organisation', 'place', 'event'];

/** Events and concepts share a style: both are "what happened", not "who". */
export function highlightNameFor(type: EntityType, style: MarkStyle = 'underline'): string {
  return PREFIXES[style] + (type === 'concept' ? 'event' : type);
}

export const HIGHLIGHT_NAMES = Object.values(PREFIXES).flatMap((prefix) => STYLED_TYPES.map((t) => prefix + t));

export interface MarkedSpan {
  start: number;
  end: number;
  type: EntityType;
}

export function supportsHighlights(win: Window & typeof globalThis): boolean {
  return typeof win.CSS !== 'undefined' && 'highlights' in win.CSS && typeof win.Highlight === 'function';
}

export class Highlighter {
  constructor(private readonly win: Window & typeof globalThis) {}

  /** Replaces all of Backstory's marks in this document with `spans`. */
  render(index: TextIndex, spans: readonly MarkedSpan[], style: MarkStyle = 'underline'): void {
    const groups = new Map<string, StaticRange[]>();
    for (const name of HIGHLIGHT_NAMES) groups.set(name, []);
    for (const span of spans) {
      const dom = domSpan(index, span.start, span.end);
      // StaticRange: unlike a live Range, it costs the page nothing when its DOM changes later.
      groups.get(highlightNameFor(span.type, style))!.push(new this.win.StaticRange(dom));
    }
    const registry = this.win.CSS.highlights;
    for (const [name, ranges] of groups) {
      if (ranges.length === 0) registry.delete(name);
      else registry.set(name, new this.win.Highlight(...ranges));
    }
  }

  clear(): void {
    for (const name of HIGHLIGHT_NAMES) this.win.CSS.highlights.delete(name);
  }

  /** Whether our marks are still registered (a page script may clear CSS.highlights). */
  isIntact(expectAny: boolean): boolean {
    if (!expectAny) return true;
    return HIGHLIGHT_NAMES.some((name) => this.win.CSS.highlights.has(name));
  }
}

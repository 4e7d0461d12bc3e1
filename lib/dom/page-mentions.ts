/**
 * The mentions on one document: text index, matches, which of them are active under the current
 * settings, and their marks. DOM only; the content script wires it to settings and messages.
 */
import type { MatcherData, Match } from '../match/data';
import { Matcher } from '../match/matcher';
import { Highlighter, supportsHighlights, type MarkStyle } from './highlighter';
import { spanAtPoint, rangeOf } from './hit-test';
import { buildTextIndex, type TextIndex } from './text-index';

export interface PageMention extends Match {
  /** Position among the active mentions, in document order. */
  order: number;
}

export class PageMentions {
  private readonly matcher: Matcher;
  private readonly highlighter: Highlighter | null;
  private index: TextIndex = { text: '', nodes: [], starts: [] };
  private matches: Match[] = [];
  private active: Match[] = [];
  private activeMask: boolean[];
  private style: MarkStyle = 'underline';
  private shown = false;

  constructor(
    private readonly win: Window & typeof globalThis,
    readonly data: MatcherData,
  ) {
    this.matcher = new Matcher(data);
    this.highlighter = supportsHighlights(win) ? new Highlighter(win) : null;
    this.activeMask = data.entities.map(() => true);
  }

  /** Reads the document again and finds every mention. */
  scan(root: Node = this.win.document.body): void {
    this.index = buildTextIndex(root);
    this.matches = this.matcher.scan(this.index.text);
    this.filter();
  }

  setActiveEntities(mask: boolean[]): void {
    this.activeMask = mask;
    this.filter();
  }

  setStyle(style: MarkStyle): void {
    this.style = style;
    if (this.shown) this.render();
  }

  private filter(): void {
    this.active = this.matches.filter((m) => this.activeMask[m.entity]);
    if (this.shown) this.render();
  }

  show(): void {
    this.shown = true;
    this.render();
  }

  hide(): void {
    this.shown = false;
    this.highlighter?.clear();
  }

  get isShown(): boolean {
    return this.shown;
  }

  private render(): void {
    const spans = this.active.map((m) => ({ start: m.start, end: m.end, type: this.data.entities[m.entity]!.type }));
    this.highlighter?.render(this.index, spans, this.style);
  }

  /** Active mentions, in document order. */
  mentions(): readonly Match[] {
    return this.shown ? this.active : [];
  }

  mentionAtPoint(x: number, y: number): PageMention | null {
    if (!this.shown) return null;
    const found = spanAtPoint(this.win.document, this.index, this.active, x, y);
    return found < 0 ? null : { ...this.active[found]!, order: found };
  }

  rangeOf(mention: Match): Range {
    return rangeOf(this.win.document, this.index, mention);
  }

  textOf(mention: Match): string {
    return this.index.text.slice(mention.start, mention.end);
  }

  entityId(mention: Match): string {
    return this.data.entities[mention.entity]!.id;
  }
}

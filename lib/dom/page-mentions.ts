/**
 * The mentions on one document, kept paragraph by paragraph so that a change to the page costs a
 * rescan of the changed block only. Holds which mentions are active under the settings, draws their
 * marks, and answers "which mention is under this point?". DOM only; the content script wires it to
 * settings and messages.
 *
 * The document is one page for the context model (lib/match/context.ts): each paragraph's evidence is added
 * as it is read, and a paragraph whose ambiguous candidates wait for evidence is resolved again, and redrawn,
 * when that evidence arrives from another paragraph (or goes away with it), so no text is read twice.
 */
import { affects, type EvidenceChange, mergeChanges, PageEvidence, type Reading } from '../match/context';
import type { Match, MatcherInfo } from '../match/data';
import type { Matcher } from '../match/matcher';
import { createRenderer, type MarkHandle, type MarkRenderer, type MarkStyle } from './marks';
import { blockOf, domSpan, paragraphsOf, PAUSE, type Paragraph } from './text-index';

interface ScannedParagraph {
  paragraph: Paragraph;
  reading: Reading;
  /** The mentions under the page's evidence: outer ones, each followed by those inside it (`within`). */
  matches: Match[];
  /** The matches whose entity is active, in text order, inner ones included. */
  active: Match[];
  /** The active matches that may be drawn: never overlapping (an inner one only when its outer one is off). */
  candidates: Match[];
  /** Those drawn: the candidates, or in first-mention mode the first of each entity on the page. */
  drawn: Match[];
  /** First-mention mode: the entities whose first mention on the page is in this paragraph. */
  firsts: Set<number>;
  marks: MarkHandle | null;
}

/** A mention on the page: where it is, and which entity. */
export interface PageMention {
  paragraph: Paragraph;
  match: Match;
}

export class PageMentions {
  /** What the matcher knows of entities and topics; another object after `useMatcher`. */
  data: MatcherInfo;
  readonly renderer: MarkRenderer;
  private readonly scanned = new Set<ScannedParagraph>();
  private byNode = new WeakMap<Text, ScannedParagraph>();
  /** What the page shows so far: entities named unambiguously, contexts. */
  private evidence = new PageEvidence();
  /** Paragraphs with candidates that depend on the page's evidence. */
  private readonly waiting = new Set<ScannedParagraph>();
  /** Evidence lost while blocks are read again: settled once they are read (no flicker in between). */
  private lost: EvidenceChange | null = null;
  readonly shadowRoots = new Set<ShadowRoot>();
  private activeMask: boolean[];
  private style: MarkStyle = 'underline';
  private shown = false;
  /** Mark only the first mention of each entity (a setting). */
  private firstOnly = false;
  /** First-mention mode: entity index → the paragraph that holds its first mention on the page. */
  private readonly firstOf = new Map<number, ScannedParagraph>();
  /** Called for each open shadow root found, so its marks can be styled and its changes watched. */
  onShadowRoot: (shadow: ShadowRoot) => void = () => undefined;
  /** Wraps the renderer's DOM edits (fallback marks), so a mutation watcher can ignore them. */
  guardDomEdits: <T>(edit: () => T) => T = (edit) => edit();

  constructor(
    private readonly win: Window & typeof globalThis,
    private matcher: Matcher,
    renderer?: MarkRenderer,
  ) {
    this.data = matcher.data;
    this.renderer = renderer ?? createRenderer(win);
    this.activeMask = this.data.entities.map(() => true);
  }

  /**
   * Takes another matcher (packs or the reader's own entities changed): every mark goes and everything read is
   * forgotten, since entity numbers differ between matchers; the caller scans the page again.
   */
  useMatcher(matcher: Matcher): void {
    for (const entry of this.scanned) this.erase(entry);
    this.scanned.clear();
    this.waiting.clear();
    this.byNode = new WeakMap();
    this.evidence = new PageEvidence();
    this.lost = null;
    this.matcher = matcher;
    this.data = matcher.data;
    this.activeMask = this.data.entities.map(() => true);
  }

  /** Reads `root` (by default the whole document) and finds every mention, one paragraph a step. */
  *scan(root: Node = this.win.document.body ?? this.win.document.documentElement): Generator<void> {
    for (const paragraph of paragraphsOf(root, (shadow) => this.addShadowRoot(shadow))) {
      if (paragraph !== PAUSE) this.add(paragraph);
      yield;
    }
  }

  /** Forgets what was inside `blocks` (or is gone from the page) and reads those blocks again. */
  *rescan(blocks: readonly Node[]): Generator<void> {
    for (const entry of [...this.scanned]) {
      const first = entry.paragraph.nodes[0]!;
      if (!first.isConnected || blocks.some((block) => block.contains(first))) this.remove(entry);
    }
    yield;
    for (const block of blocks) if (block.isConnected) yield* this.scan(block);
    this.settleLoss();
  }

  /** The blocks to rescan after a change to `node`. */
  blockFor(node: Node): Node {
    return blockOf(node, this.win.document.body ?? this.win.document.documentElement);
  }

  private addShadowRoot(shadow: ShadowRoot): void {
    if (this.shadowRoots.has(shadow)) return;
    this.shadowRoots.add(shadow);
    this.onShadowRoot(shadow);
  }

  private add(paragraph: Paragraph): void {
    const reading = this.matcher.read(paragraph.text, { collapse: paragraph.collapse === true });
    if (reading.candidates.length === 0 && reading.contexts === 0) return;
    const change = this.evidence.add(reading);
    const matches = this.matcher.resolve(reading, this.evidence);
    const entry: ScannedParagraph = { paragraph, reading, matches, active: [], candidates: [], drawn: [], firsts: new Set(), marks: null };
    this.scanned.add(entry);
    if (reading.waits) this.waiting.add(entry);
    for (const node of paragraph.nodes) this.byNode.set(node, entry);
    if (matches.length > 0) this.refresh(entry);
    if (change) this.reconsider(change);
  }

  private remove(entry: ScannedParagraph): void {
    this.erase(entry);
    this.scanned.delete(entry);
    this.waiting.delete(entry);
    for (const node of entry.paragraph.nodes) {
      if (this.byNode.get(node) === entry) this.byNode.delete(node);
    }
    // First-mention mode: the next mention of each entity this paragraph held the first of is now the first.
    for (const entity of entry.firsts) {
      if (this.firstOf.get(entity) !== entry) continue;
      this.firstOf.delete(entity);
      const next = this.findFirst(entity);
      if (next) {
        this.firstOf.set(entity, next);
        this.refresh(next);
      }
    }
    entry.firsts.clear();
    this.lost = mergeChanges(this.lost, this.evidence.remove(entry.reading));
  }

  /** Resolves again, and redraws, the paragraphs whose waiting candidates a change of evidence concerns. */
  private reconsider(change: EvidenceChange): void {
    for (const entry of this.waiting) {
      if (!affects(entry.reading, change)) continue;
      const matches = this.matcher.resolve(entry.reading, this.evidence);
      if (sameMatches(matches, entry.matches)) continue;
      entry.matches = matches;
      this.refresh(entry);
    }
  }

  /** After blocks were read again: what the page no longer shows at all takes its effect now. */
  private settleLoss(): void {
    const lost = this.lost;
    this.lost = null;
    if (!lost) return;
    const gone = { entities: lost.entities.filter((e) => !this.evidence.confirmed(e)), contexts: lost.contexts & ~this.evidence.contexts };
    if (gone.entities.length > 0 || gone.contexts !== 0) this.reconsider(gone);
  }

  /** Which of a paragraph's matches are active, and may be drawn. */
  private classify(entry: ScannedParagraph): void {
    entry.active = entry.matches.filter((m) => this.activeMask[m.entity]);
    // An inner mention is drawn only when the one that holds it is not (its topic is off).
    entry.candidates = entry.active.filter((m) => m.within === undefined || !this.activeMask[m.within]);
  }

  /**
   * Recomputes which of a paragraph's matches are active and redraws its marks. In first-mention mode,
   * `settle` also moves the first mention of an entity here when this paragraph comes before the one
   * that held it (text read late, higher up), and on when it no longer has the entity; the paragraphs
   * concerned are redrawn too.
   */
  private refresh(entry: ScannedParagraph, settle = true): void {
    this.erase(entry);
    this.classify(entry);
    entry.drawn = this.firstOnly ? this.firstsIn(entry, settle) : entry.candidates;
    if (this.shown && entry.drawn.length > 0) {
      const spans = entry.drawn.map((m) => ({ start: m.start, end: m.end, type: this.data.entities[m.entity]!.type }));
      if (this.renderer.usesDom) {
        entry.marks = this.guardDomEdits(() => this.renderer.draw(entry.paragraph, spans, this.style));
        // Wrapping split text nodes: map the new ones too.
        for (const node of entry.paragraph.nodes) this.byNode.set(node, entry);
      } else {
        entry.marks = this.renderer.draw(entry.paragraph, spans, this.style);
      }
    }
  }

  /** First-mention mode: the candidates of `entry` that are the first mention of their entity on the page. */
  private firstsIn(entry: ScannedParagraph, settle: boolean): Match[] {
    const drawn: Match[] = [];
    const seen = new Set<number>();
    const redraw = new Set<ScannedParagraph>();
    for (const m of entry.candidates) {
      if (seen.has(m.entity)) continue;
      seen.add(m.entity);
      const first = this.firstOf.get(m.entity);
      if (first !== entry) {
        if (first && !(settle && precedes(entry, first))) continue;
        this.firstOf.set(m.entity, entry);
        if (first) redraw.add(first);
      }
      drawn.push(m);
    }
    const lost = [...entry.firsts].filter((entity) => !seen.has(entity));
    entry.firsts = seen;
    for (const entity of lost) {
      if (this.firstOf.get(entity) !== entry) continue;
      this.firstOf.delete(entity);
      const next = settle ? this.findFirst(entity) : null;
      if (next) {
        this.firstOf.set(entity, next);
        redraw.add(next);
      }
    }
    for (const other of redraw) if (other !== entry) this.refresh(other);
    return drawn;
  }

  /** The paragraph, first in the document, with a mention of `entity` that may be drawn. */
  private findFirst(entity: number): ScannedParagraph | null {
    let first: ScannedParagraph | null = null;
    for (const entry of this.scanned) {
      if (entry.candidates.some((m) => m.entity === entity) && (!first || precedes(entry, first))) first = entry;
    }
    return first;
  }

  private erase(entry: ScannedParagraph): void {
    const marks = entry.marks;
    if (marks === null) return;
    entry.marks = null;
    if (this.renderer.usesDom) this.guardDomEdits(() => this.renderer.erase(marks));
    else this.renderer.erase(marks);
  }

  private refreshAll(): void {
    if (this.firstOnly) {
      // Settle every entity's first mention once, then draw each paragraph once.
      this.firstOf.clear();
      for (const entry of this.scanned) {
        this.classify(entry);
        for (const m of entry.candidates) {
          const first = this.firstOf.get(m.entity);
          if (!first || precedes(entry, first)) this.firstOf.set(m.entity, entry);
        }
      }
    }
    for (const entry of this.scanned) this.refresh(entry, false);
  }

  /** Marks only the first mention of each entity on the page (`true`), or every mention. */
  setFirstMentionOnly(on: boolean): void {
    if (on === this.firstOnly) return;
    this.firstOnly = on;
    if (!on) {
      this.firstOf.clear();
      for (const entry of this.scanned) entry.firsts.clear();
    }
    this.refreshAll();
  }

  setActiveEntities(mask: boolean[]): void {
    this.activeMask = mask;
    this.refreshAll();
  }

  setStyle(style: MarkStyle): void {
    if (style === this.style) return;
    this.style = style;
    this.refreshAll();
  }

  show(): void {
    if (this.shown) return;
    this.shown = true;
    this.renderer.attach();
    this.refreshAll();
  }

  hide(): void {
    if (!this.shown) return;
    this.shown = false;
    this.refreshAll();
    this.renderer.detach();
  }

  get isShown(): boolean {
    return this.shown;
  }

  /** Active mentions in document order; a mention inside another (a name in an event) follows it. */
  mentions(): PageMention[] {
    if (!this.shown) return [];
    return this.inOrder([...this.scanned].filter((e) => e.active.length > 0)).flatMap((e) =>
      e.active.map((match) => ({ paragraph: e.paragraph, match })),
    );
  }

  /** How many marks the page would show if `mask` were the active entities (what a topic switch would take away). */
  markCountUnder(mask: readonly boolean[]): number {
    if (!this.shown) return 0;
    const entities = new Set<number>();
    let count = 0;
    for (const entry of this.scanned) {
      for (const m of entry.matches) {
        if (!mask[m.entity] || (m.within !== undefined && mask[m.within])) continue;
        count++;
        entities.add(m.entity);
      }
    }
    return this.firstOnly ? entities.size : count;
  }

  /** The mentions that are marked on the page, in document order. */
  marked(): PageMention[] {
    if (!this.shown) return [];
    return this.inOrder([...this.scanned].filter((e) => e.drawn.length > 0)).flatMap((e) =>
      e.drawn.map((match) => ({ paragraph: e.paragraph, match })),
    );
  }

  private inOrder(entries: ScannedParagraph[]): ScannedParagraph[] {
    return entries.sort((a, b) => (a === b ? 0 : precedes(a, b) ? -1 : 1));
  }

  /** The active mention under viewport point (x, y), if any. */
  mentionAtPoint(x: number, y: number): PageMention | null {
    return this.shown ? this.mentionAtCaret(this.caretAt(x, y), x, y) : null;
  }

  /** The caret position under a viewport point, looking into the open shadow roots read so far. */
  caretAt(x: number, y: number): Caret | null {
    return caretFromPoint(this.win.document, x, y, [...this.shadowRoots]);
  }

  /** The active mention at a caret position found for viewport point (x, y): one hit-test serves every feature. */
  mentionAtCaret(caret: Caret | null, x: number, y: number): PageMention | null {
    if (!this.shown || caret?.node.nodeType !== 3) return null;
    const entry = this.byNode.get(caret.node as Text);
    if (!entry) return null;
    const index = entry.paragraph.nodes.indexOf(caret.node as Text);
    const offset = entry.paragraph.starts[index]! + caret.offset;
    // The caret sits just after the last letter when the pointer is on that letter's right half.
    const match = spanContaining(entry.drawn, offset) ?? spanContaining(entry.drawn, offset - 1);
    if (!match) return null;
    const mention = { paragraph: entry.paragraph, match };
    return pointInRects(this.rangeOf(mention).getClientRects(), x, y) ? mention : null;
  }

  rangeOf(mention: PageMention): Range {
    const span = domSpan(mention.paragraph, mention.match.start, mention.match.end);
    const range = this.win.document.createRange();
    range.setStart(span.startContainer, span.startOffset);
    range.setEnd(span.endContainer, span.endOffset);
    return range;
  }

  /** Ids of the entities mentioned inside `range` (a passage the reader selected), in order, once each. */
  entitiesIn(range: Range): string[] {
    const ids = new Set<string>();
    for (const mention of this.mentions()) {
      const own = this.rangeOf(mention);
      const startsAfter = own.compareBoundaryPoints(Range.START_TO_START, range) >= 0;
      const endsBefore = own.compareBoundaryPoints(Range.END_TO_END, range) <= 0;
      if (startsAfter && endsBefore) ids.add(this.entityId(mention));
    }
    return [...ids];
  }

  entityId(mention: PageMention): string {
    return this.data.entities[mention.match.entity]!.id;
  }

  /** Whether a page script removed the marks; if so they are put back. */
  repairMarks(): boolean {
    if (!this.shown || !this.renderer.isTampered()) return false;
    this.renderer.attach();
    return true;
  }
}

/** Whether paragraph `a` comes before paragraph `b` in the document. */
function precedes(a: ScannedParagraph, b: ScannedParagraph): boolean {
  return (a.paragraph.nodes[0]!.compareDocumentPosition(b.paragraph.nodes[0]!) & 4) !== 0; // 4: b follows a
}

function sameMatches(a: readonly Match[], b: readonly Match[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.start !== y.start || x.end !== y.end || x.entity !== y.entity || x.within !== y.within) return false;
  }
  return true;
}

/** The match (sorted, not overlapping) that contains `offset`. */
export function spanContaining<T extends { start: number; end: number }>(spans: readonly T[], offset: number): T | null {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const span = spans[mid]!;
    if (offset < span.start) hi = mid - 1;
    else if (offset >= span.end) lo = mid + 1;
    else return span;
  }
  return null;
}

export interface Caret {
  node: Node;
  offset: number;
}

/** The caret position under a point, looking into the open shadow roots Backstory has read. */
function caretFromPoint(doc: Document, x: number, y: number, shadowRoots: ShadowRoot[]): Caret | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (
      x: number,
      y: number,
      options?: { shadowRoots?: ShadowRoot[] },
    ) => { offsetNode: Node; offset: number } | null;
  };
  if (typeof d.caretPositionFromPoint === 'function') {
    const position = d.caretPositionFromPoint(x, y, shadowRoots.length > 0 ? { shadowRoots } : undefined);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

function pointInRects(rects: DOMRectList, x: number, y: number): boolean {
  for (const r of rects) {
    if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return true;
  }
  return false;
}

/**
 * One page session per frame owns what Backstory knows about the page, as hypothesis's Guest owns the
 * annotator of a frame: the mentions (and the text index they are read from), the note layer, one
 * mutation watcher, one hit-test per pointer frame and one settings store. Page features
 * (entrypoints/content/features/) register against it and clean up through its signal; none of them
 * observes the DOM, follows the pointer or reads settings on its own.
 */
import type { ContentScriptContext } from '#imports';
import { createRangeLayer, MARK_ELEMENT, type RangeLayer } from '../../lib/dom/marks';
import { MutationWatcher } from '../../lib/dom/mutations';
import type { Caret, PageMention, PageMentions } from '../../lib/dom/page-mentions';
import { describeRange } from '../../lib/dom/passage';
import { buildTextIndex, isCardElement, type TextIndex } from '../../lib/dom/text-index';
import { detach } from '../../lib/ext/detach';
import { readSettings, watchSettings } from '../../lib/ext/settings';
import type { Matcher } from '../../lib/match/matcher';
import type { PassageDraft } from '../../lib/notes/model';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import type { EscapeKey } from './escape-key';
import type { HoverCard } from './hover-card';
import type { StatusView } from './status-view';
import { onPointerFrame } from './pointer-frames';

/** What is under the pointer in one animation frame, found once for every feature. */
export interface PagePoint {
  x: number;
  y: number;
  caret: Caret | null;
  /** The active mention under the point, if any. */
  mention: PageMention | null;
}

const NOTE_LAYER = 'backstory-note';

export class PageSession {
  readonly signal: AbortSignal;
  /** The passages of the notes on this page. */
  readonly notes: RangeLayer;
  /** The hover card, once the feature that shows it has started (others open it: the popup, commands). */
  card: HoverCard | null = null;
  /** Backstory's live region and undo toast on this page, once the hover-card feature has started. */
  status: StatusView | null = null;
  private current: Settings = DEFAULT_SETTINGS;
  private loaded = false;
  private readonly settingsListeners = new Set<(settings: Settings) => void>();
  private readonly changeListeners = new Set<(blocks: Node[]) => void>();
  private readonly pointerListeners = new Set<(point: PagePoint) => void>();
  private readonly shadowListeners = new Set<(shadow: ShadowRoot) => void>();
  private readonly matcherListeners = new Set<(matcher: Matcher) => void>();
  private readonly shadowRoots = new Set<ShadowRoot>();
  private readonly ownElements = new Set<string>([MARK_ELEMENT, 'backstory-note-bar']);
  private readonly watcher: MutationWatcher;
  private watching = false;

  constructor(
    readonly ctx: ContentScriptContext,
    readonly page: PageMentions,
    /** Escape, heard before the page's own listeners (entrypoints/content/escape-key.ts). */
    readonly escapeKey: EscapeKey,
    private readonly win: Window & typeof globalThis = window,
  ) {
    this.signal = ctx.signal;
    this.watcher = new MutationWatcher(win, {
      isOwn: (node) => this.isOwnNode(node),
      blockFor: (node) => page.blockFor(node),
      onChange: (blocks) => {
        for (const listener of this.changeListeners) listener(blocks);
      },
    });
    // Backstory's own DOM edits (fallback marks) never come back as page changes.
    page.guardDomEdits = (edit) => this.watcher.ignoring(edit);
    page.onShadowRoot = (shadow) => {
      if (this.watching) this.watcher.observe(shadow);
      this.shadowRoots.add(shadow);
      for (const listener of this.shadowListeners) listener(shadow);
    };
    this.notes = createRangeLayer(win, NOTE_LAYER, (edit) => this.watcher.ignoring(edit));
  }

  /** Loads the settings (or takes those already being read), follows them, and starts the one pointer follower. */
  start(settings: Promise<Settings> = readSettings()): void {
    void settings.then((settings) => this.applySettings(settings));
    const unwatch = watchSettings((settings) => this.applySettings(settings));
    onPointerFrame(this.ctx, {
      ignore: (event) => this.pointerListeners.size === 0 || this.isOwnNode(event.target as Node),
      onFrame: (x, y) => this.pointAt(x, y),
    });
    this.ctx.onInvalidated(() => {
      this.watcher.disconnect();
      detach(unwatch);
    });
  }

  get settings(): Settings {
    return this.current;
  }

  /** Calls back with the settings once they are read, and again on every change, until the session ends. */
  onSettings(listener: (settings: Settings) => void): void {
    this.settingsListeners.add(listener);
    this.signal.addEventListener('abort', () => this.settingsListeners.delete(listener), { once: true });
    if (this.loaded) listener(this.current);
  }

  /** Calls back with the blocks that changed (batched at idle time); starts watching the page. */
  onPageChange(listener: (blocks: Node[]) => void): void {
    this.changeListeners.add(listener);
    this.signal.addEventListener('abort', () => this.changeListeners.delete(listener), { once: true });
    if (!this.watching) {
      this.watching = true;
      // The document, not its root element: document.open() (an about:blank frame written by its parent)
      // replaces the root element, and the changes under a new one must still be seen.
      this.watcher.observe(this.win.document);
      for (const shadow of this.shadowRoots) this.watcher.observe(shadow);
    }
  }

  /** Calls back with each new matcher (packs or the reader's own entities changed), until the session ends. */
  onMatcher(listener: (matcher: Matcher) => void): void {
    this.matcherListeners.add(listener);
    this.signal.addEventListener('abort', () => this.matcherListeners.delete(listener), { once: true });
  }

  /** A new matcher for the page: the features that read mentions take it (the marks feature reads the page again). */
  setMatcher(matcher: Matcher): void {
    for (const listener of this.matcherListeners) listener(matcher);
  }

  /** Calls back for each open shadow root the page turns out to have (its marks need styles there). */
  onShadowRoot(listener: (shadow: ShadowRoot) => void): void {
    this.shadowListeners.add(listener);
    this.signal.addEventListener('abort', () => this.shadowListeners.delete(listener), { once: true });
    for (const shadow of this.shadowRoots) listener(shadow);
  }

  /** Calls back once per animation frame in which the pointer moved over the page (not over Backstory). */
  onPointer(listener: (point: PagePoint) => void): void {
    this.pointerListeners.add(listener);
    this.signal.addEventListener('abort', () => this.pointerListeners.delete(listener), { once: true });
  }

  /** Hit-tests a point once for every feature. */
  pointAt(x: number, y: number): PagePoint {
    const caret = this.page.caretAt(x, y);
    const point = { x, y, caret, mention: this.page.mentionAtCaret(caret, x, y) };
    for (const listener of this.pointerListeners) listener(point);
    return point;
  }

  /** Marks elements with this name as Backstory's own: the watcher and the pointer leave them out. */
  ownElement(localName: string): void {
    this.ownElements.add(localName);
  }

  /** Whether a node belongs to Backstory (its card, note bar, fallback marks) rather than to the page. */
  isOwnNode(node: Node | null): boolean {
    for (let n: Node | null = node; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null) {
      if (n.nodeType === 1) {
        const name = (n as Element).localName;
        if (this.ownElements.has(name) || isCardElement(name)) return true;
      }
    }
    return false;
  }

  /**
   * The text of the whole page (paragraphs joined by a blank line), as notes anchor and describe
   * passages. Built when asked, never kept: the watcher reports changes late (batched), and a passage
   * selected in text that just arrived must be found in it.
   */
  textIndex(): TextIndex {
    const doc = this.win.document;
    return buildTextIndex(doc.body ?? doc.documentElement);
  }

  /** The reader's selection as a passage for a note (with the entities it mentions), or null. */
  describeSelection(): PassageDraft | null {
    const selection = this.win.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const doc = this.win.document;
    return describeRange(this.textIndex(), selection.getRangeAt(0), { url: this.win.location.href, title: doc.title }, (range) =>
      this.page.entitiesIn(range),
    );
  }

  private applySettings(settings: Settings): void {
    this.current = settings;
    this.loaded = true;
    for (const listener of this.settingsListeners) listener(settings);
  }
}

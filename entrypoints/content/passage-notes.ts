/**
 * Feature: the passages this page has notes on. Fetches their selectors from the background (never
 * the note text: that stays in extension pages, where page scripts cannot read it), finds them again
 * (lib/anchor: position, exact quote, fuzzy quote with context), marks them with the
 * `backstory-note` highlight, keeps trying while late text arrives, and reports what it could not
 * find, so the dashboard shows those notes as orphaned. A marked passage offers "Open note" (a small
 * bar in a closed shadow root, on hover or click; or the add-note command with the caret in it).
 * Also answers the background's "what is selected?" for new notes, and "show this note".
 */
import './notes.css';
import type { ContentScriptContext } from '#imports';
import { anchorNotes, buildTextIndex, describeSelection, type AnchoredNote } from '../../lib/dom/passage';
import type { PageMentions } from '../../lib/dom/page-mentions';
import { handleToContent, toBackground } from '../../lib/ext/messages';
import { notesSignalRecord } from '../../lib/ext/records';
import type { NoteAnchorRequest } from '../../lib/notes/model';
import { canonicalUrl } from '../../lib/notes/url';
import { detach } from '../../lib/ext/detach';
import { onPointerFrame } from './pointer-frames';
import { reportError } from '../../lib/ext/report-error';

export const NOTE_HIGHLIGHT = 'backstory-note';
const FOCUS_HIGHLIGHT = 'backstory-note-focus';
const BAR_ELEMENT = 'backstory-note-bar';
/** How long after load (or a change of notes) late text is waited for before a note counts as orphaned. */
const RETRY_WINDOW_MS = 15_000;
const RETRY_DELAY_MS = 400;
/** A page quiet this long after load is taken as complete: notes still missing are reported orphaned (and un-orphaned if found later). */
const QUIET_MS = 2500;

export function initPassageNotes(ctx: ContentScriptContext, page: PageMentions): void {
  if (window.top !== window) return; // notes belong to the top page
  const hasHighlights = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
  const highlight = hasHighlights ? new Highlight() : null;
  let requests: NoteAnchorRequest[] = [];
  const anchored = new Map<string, AnchoredNote>();
  const reported = new Map<string, string>();
  let observer: MutationObserver | null = null;
  let retryTimer = 0;
  let windowTimer = 0;
  let quietTimer = 0;
  let generation = 0;
  let onAnchored: (() => void)[] = [];

  const isBroken = (note: AnchoredNote) => note.range.collapsed || !note.range.startContainer.isConnected;

  function draw(): void {
    if (!highlight) return;
    highlight.clear();
    for (const note of anchored.values()) highlight.add(note.range);
    if (highlight.size > 0 && CSS.highlights.get(NOTE_HIGHLIGHT) !== highlight) CSS.highlights.set(NOTE_HIGHLIGHT, highlight);
    if (highlight.size === 0 && CSS.highlights.get(NOTE_HIGHLIGHT) === highlight) CSS.highlights.delete(NOTE_HIGHLIGHT);
  }

  /** Anchors every note not (or no longer) anchored; returns how many are still missing. */
  function anchorPending(): number {
    for (const [id, note] of anchored) if (isBroken(note)) anchored.delete(id);
    const pending = requests.filter((r) => !anchored.has(r.id));
    if (pending.length > 0) {
      const index = buildTextIndex(document.body ?? document.documentElement);
      for (const note of anchorNotes(index, pending, document).anchored) anchored.set(note.id, note);
    }
    draw();
    report(false);
    const waiting = onAnchored;
    onAnchored = [];
    for (const callback of waiting) callback();
    return requests.length - anchored.size;
  }

  /** Tells the background what changed; orphans only once the retry window is over. */
  function report(final: boolean): void {
    const reports = requests
      .map((r) => {
        const hit = anchored.get(r.id);
        return hit
          ? { id: r.id, status: 'anchored' as const, method: hit.method }
          : final
            ? { id: r.id, status: 'orphaned' as const }
            : null;
      })
      .filter((r) => r !== null && reported.get(r.id) !== `${r.status}:${'method' in r ? r.method : ''}`) as {
      id: string;
      status: 'anchored' | 'orphaned';
      method?: 'position' | 'quote' | 'fuzzy';
    }[];
    if (reports.length === 0) return;
    for (const r of reports) reported.set(r.id, `${r.status}:${r.method ?? ''}`);
    void toBackground.sendMessage('reportAnchors', reports).catch((error) => reportError('anchor report', error));
  }

  function stopWatching(): void {
    observer?.disconnect();
    observer = null;
    clearTimeout(retryTimer);
    clearTimeout(windowTimer);
    clearTimeout(quietTimer);
    retryTimer = windowTimer = quietTimer = 0;
  }

  /** Text that arrives late (single-page apps, lazy sections): try the missing notes again as it comes. */
  function watchForText(): void {
    stopWatching();
    const armQuiet = () => {
      clearTimeout(quietTimer);
      quietTimer = ctx.setTimeout(() => report(true), QUIET_MS);
    };
    armQuiet();
    observer = new MutationObserver((records) => {
      if (records.every((r) => (r.target as Element).localName === BAR_ELEMENT || [...r.addedNodes].some((n) => n === bar?.host))) return;
      armQuiet();
      if (retryTimer) return;
      retryTimer = ctx.setTimeout(() => {
        retryTimer = 0;
        if (anchorPending() === 0) stopWatching();
      }, RETRY_DELAY_MS);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    windowTimer = ctx.setTimeout(() => {
      anchorPending();
      stopWatching();
      report(true);
    }, RETRY_WINDOW_MS);
  }

  async function load(): Promise<void> {
    const mine = ++generation;
    const list = await toBackground.sendMessage('notesForPage', location.href).catch(() => [] as NoteAnchorRequest[]);
    if (mine !== generation || ctx.isInvalid) return;
    requests = Array.isArray(list) ? list : [];
    const wanted = new Set(requests.map((r) => r.id));
    for (const id of anchored.keys()) if (!wanted.has(id)) anchored.delete(id);
    if (requests.length === 0) {
      stopWatching();
      draw();
      return;
    }
    if (anchorPending() > 0) watchForText();
    else stopWatching();
    const reveal = await toBackground.sendMessage('takeReveal', undefined).catch(() => null);
    if (reveal) void revealNote(reveal, RETRY_WINDOW_MS);
  }

  // ---- showing a note's passage ------------------------------------------------------------

  let focusTimer = 0;
  async function revealNote(id: string, waitMs: number): Promise<boolean> {
    if (!anchored.has(id) && requests.some((r) => r.id === id) && observer) {
      // Not found yet, but the page is still loading text: wait a little for it.
      await new Promise<void>((resolve) => {
        const timer = ctx.setTimeout(resolve, waitMs);
        onAnchored.push(() => {
          if (!anchored.has(id)) return;
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const note = anchored.get(id);
    if (!note || isBroken(note)) return false;
    note.range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
    if (hasHighlights) {
      CSS.highlights.set(FOCUS_HIGHLIGHT, new Highlight(note.range));
      clearTimeout(focusTimer);
      focusTimer = ctx.setTimeout(() => CSS.highlights.delete(FOCUS_HIGHLIGHT), 2500);
    }
    return true;
  }

  // ---- "Open note" ---------------------------------------------------------------------------

  let bar: { host: HTMLElement; box: HTMLElement; ids: string } | null = null;
  let hideTimer = 0;

  function notesAt(x: number, y: number): string[] {
    if (anchored.size === 0) return [];
    const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
    const caret = doc.caretPositionFromPoint?.(x, y);
    const node = caret?.offsetNode ?? document.caretRangeFromPoint?.(x, y)?.startContainer;
    const offset = caret?.offset ?? document.caretRangeFromPoint?.(x, y)?.startOffset ?? 0;
    if (!node) return [];
    const ids: string[] = [];
    for (const note of anchored.values()) {
      try {
        if (!note.range.isPointInRange(node, offset)) continue;
      } catch {
        continue;
      }
      for (const rect of note.range.getClientRects()) {
        if (x >= rect.left - 2 && x <= rect.right + 2 && y >= rect.top - 2 && y <= rect.bottom + 2) {
          ids.push(note.id);
          break;
        }
      }
    }
    return ids;
  }

  function ensureBar(): NonNullable<typeof bar> {
    if (bar?.host.isConnected) return bar;
    const host = document.createElement(BAR_ELEMENT);
    // Closed: page scripts cannot look inside (there is no note text in it anyway, only buttons).
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = `:host{all:initial!important;position:fixed!important;z-index:2147483646!important;left:var(--x)!important;top:var(--y)!important;display:block!important}
:host([hidden]){display:none!important}
.bar{display:flex;gap:4px;padding:3px;border-radius:8px;background:#1b1f24;box-shadow:0 4px 14px rgba(0,0,0,.25);font:13px/1.2 system-ui,sans-serif}
button{all:unset;cursor:pointer;color:#fff;padding:4px 9px;border-radius:5px;background:#3a424c}
button:hover,button:focus-visible{background:#b78600;outline:2px solid #ffd400;outline-offset:1px}`;
    const box = document.createElement('div');
    box.className = 'bar';
    box.setAttribute('role', 'toolbar');
    box.setAttribute('aria-label', 'Backstory note');
    shadow.append(style, box);
    host.hidden = true;
    host.addEventListener('pointerenter', () => clearTimeout(hideTimer));
    host.addEventListener('pointerleave', () => scheduleHide());
    (document.body ?? document.documentElement).append(host);
    bar = { host, box, ids: '' };
    return bar;
  }

  function showBar(ids: string[], x: number, y: number): void {
    clearTimeout(hideTimer);
    const b = ensureBar();
    const key = ids.join(' ');
    if (b.ids !== key || b.host.hidden) {
      b.box.replaceChildren(
        ...ids.slice(0, 3).map((id, i) => {
          const button = document.createElement('button');
          button.type = 'button';
          button.textContent = ids.length > 1 ? `Open note ${i + 1}` : 'Open note';
          button.title = 'Show this note in Backstory';
          button.addEventListener('click', (event) => {
            event.stopPropagation();
            hideBar();
            void toBackground.sendMessage('openNote', id).catch(() => undefined);
          });
          return button;
        }),
      );
      b.ids = key;
      b.host.style.setProperty('--x', `${Math.max(4, Math.min(x - 20, innerWidth - 140))}px`);
      b.host.style.setProperty('--y', `${y > 48 ? y - 40 : y + 18}px`);
      b.host.hidden = false;
    }
  }

  function hideBar(): void {
    clearTimeout(hideTimer);
    if (bar) {
      bar.host.hidden = true;
      bar.ids = '';
    }
  }

  function scheduleHide(): void {
    clearTimeout(hideTimer);
    hideTimer = ctx.setTimeout(hideBar, 700);
  }

  function checkPointer(x: number, y: number): void {
    const ids = notesAt(x, y);
    if (ids.length > 0) showBar(ids, x, y);
    else if (bar && !bar.host.hidden) scheduleHide();
  }

  onPointerFrame(ctx, { ignore: (event) => anchored.size === 0 || (!!bar && event.target === bar.host), onFrame: checkPointer });
  ctx.addEventListener(
    document,
    'click',
    (event) => {
      if (anchored.size === 0 || (bar && event.target === bar.host)) return;
      const ids = notesAt(event.clientX, event.clientY);
      if (ids.length > 0) showBar(ids, event.clientX, event.clientY);
    },
    { passive: true, capture: true },
  );
  ctx.addEventListener(document, 'keydown', (event) => event.key === 'Escape' && hideBar(), { capture: true });

  // ---- messages and changes ----------------------------------------------------------------

  const removers = [
    handleToContent('getSelectionPassage', () => {
      const passage = describeSelection(window, (range) => page.entitiesIn(range));
      if (passage) return { passage };
      const selection = getSelection();
      if (selection && selection.rangeCount > 0) {
        const caret = selection.getRangeAt(0);
        for (const note of anchored.values()) {
          try {
            if (note.range.isPointInRange(caret.startContainer, caret.startOffset)) return { note: note.id };
          } catch {
            // another tree
          }
        }
      }
      return null;
    }),
    handleToContent('revealNote', ({ data }) => {
      if (typeof data !== 'string') return false;
      if (!requests.some((r) => r.id === data)) return false;
      return revealNote(data, 1000);
    }),
  ];

  // A note saved or deleted for this page (in the dashboard, in another tab): mark the passages again.
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== notesSignalRecord.area || !(notesSignalRecord.key in changes)) return;
    const signal = notesSignalRecord.parse(changes[notesSignalRecord.key]!.newValue);
    if (signal?.sources.includes(canonicalUrl(location.href))) void load();
  };
  browser.storage.onChanged.addListener(onStorage);
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    anchored.clear();
    reported.clear();
    void load();
  });
  // A page script may clear CSS.highlights: put the marks back when the reader returns.
  ctx.addEventListener(document, 'visibilitychange', () => draw());

  ctx.onInvalidated(() => {
    stopWatching();
    bar?.host.remove();
    if (hasHighlights && CSS.highlights.get(NOTE_HIGHLIGHT) === highlight) CSS.highlights.delete(NOTE_HIGHLIGHT);
    detach(...removers, () => browser.storage.onChanged.removeListener(onStorage));
  });

  void load();
}

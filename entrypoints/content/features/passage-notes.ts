/**
 * Feature: the passages this page has notes on. Fetches their selectors from the background (never
 * the note text: that stays in extension pages, where page scripts cannot read it), finds them again
 * (lib/anchor: position, exact quote, fuzzy quote with context), marks them in the session's note
 * layer, keeps trying while late text arrives, and reports what it could not find, so the dashboard
 * shows those notes as orphaned. A marked passage offers "Open note" (the note bar, on hover or
 * click; or the add-note command with the caret in it). Also answers the background's "what is
 * selected?" for new notes, and "show this note".
 */
import '../notes.css';
import { createRangeLayer } from '../../../lib/dom/marks';
import { type AnchoredNote, anchorNotes } from '../../../lib/dom/passage';
import { detach } from '../../../lib/ext/detach';
import { handleToContent, toBackground } from '../../../lib/ext/messages';
import { notesSignalRecord } from '../../../lib/ext/records';
import { reportError } from '../../../lib/ext/report-error';
import type { AnchorStatus, NoteAnchorRequest } from '../../../lib/notes/model';
import { canonicalUrl } from '../../../lib/notes/url';
import { defineFeature } from '../feature';
import { NOTE_BAR_ELEMENT, NoteBarView } from '../note-bar-view';
import type { PagePoint } from '../session';

const FOCUS_LAYER = 'backstory-note-focus';
const FOCUS_MS = 2500;
/** How long after load (or a change of notes) late text is waited for before a note counts as orphaned. */
const RETRY_WINDOW_MS = 15_000;
/** A page quiet this long after load is taken as complete: notes still missing are reported orphaned (and un-orphaned if found later). */
const QUIET_MS = 2500;

type Report = { id: string; status: AnchorStatus; method?: AnchoredNote['method'] };

export default defineFeature({
  id: 'passage-notes',
  topFrameOnly: true,
  init(session) {
    const { ctx } = session;
    session.ownElement(NOTE_BAR_ELEMENT);
    const focusLayer = createRangeLayer(window, FOCUS_LAYER);
    const bar = new NoteBarView(
      ctx,
      (id) => void toBackground.sendMessage('openNote', id).catch((error) => reportError('open note', error)),
    );
    let requests: NoteAnchorRequest[] = [];
    const anchored = new Map<string, AnchoredNote>();
    const reported = new Map<string, string>();
    /** While notes are missing and the retry window is open, page changes are chances to find them. */
    let waitingForText = false;
    let windowTimer = 0;
    let quietTimer = 0;
    let generation = 0;
    let onAnchored: (() => void)[] = [];

    const isBroken = (note: AnchoredNote) => note.range.collapsed || !note.range.startContainer.isConnected;
    const draw = () => session.notes.set([...anchored.values()].map((n) => n.range));

    /** Anchors every note not (or no longer) anchored; returns how many are still missing. */
    function anchorPending(): number {
      for (const [id, note] of anchored) if (isBroken(note)) anchored.delete(id);
      const pending = requests.filter((r) => !anchored.has(r.id));
      if (pending.length > 0) {
        for (const note of anchorNotes(session.textIndex(), pending, document).anchored) anchored.set(note.id, note);
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
      const reports: Report[] = [];
      for (const r of requests) {
        const hit = anchored.get(r.id);
        const next: Report | null = hit
          ? { id: r.id, status: 'anchored', method: hit.method }
          : final
            ? { id: r.id, status: 'orphaned' }
            : null;
        if (next && reported.get(r.id) !== `${next.status}:${next.method ?? ''}`) reports.push(next);
      }
      if (reports.length === 0) return;
      for (const r of reports) reported.set(r.id, `${r.status}:${r.method ?? ''}`);
      void toBackground.sendMessage('reportAnchors', reports).catch((error) => reportError('anchor report', error));
    }

    function stopWaiting(): void {
      waitingForText = false;
      clearTimeout(windowTimer);
      clearTimeout(quietTimer);
      windowTimer = quietTimer = 0;
    }

    const armQuiet = () => {
      clearTimeout(quietTimer);
      quietTimer = ctx.setTimeout(() => report(true), QUIET_MS);
    };

    let listening = false;
    /** Text that arrives late (single-page apps, lazy sections): try the missing notes again as it comes. */
    function waitForText(): void {
      stopWaiting();
      waitingForText = true;
      armQuiet();
      if (!listening) {
        listening = true;
        session.onPageChange(() => {
          if (!waitingForText) return;
          armQuiet();
          if (anchorPending() === 0) stopWaiting();
        });
      }
      windowTimer = ctx.setTimeout(() => {
        anchorPending();
        stopWaiting();
        report(true);
      }, RETRY_WINDOW_MS);
    }

    async function load(): Promise<void> {
      const mine = ++generation;
      const list = await toBackground.sendMessage('notesForPage', location.href).catch((error) => {
        reportError('notes for page', error);
        return [] as NoteAnchorRequest[];
      });
      if (mine !== generation || ctx.isInvalid) return;
      requests = Array.isArray(list) ? list : [];
      const wanted = new Set(requests.map((r) => r.id));
      for (const id of anchored.keys()) if (!wanted.has(id)) anchored.delete(id);
      if (requests.length === 0) {
        stopWaiting();
        draw();
        return;
      }
      if (anchorPending() > 0) waitForText();
      else stopWaiting();
      const reveal = await toBackground.sendMessage('takeReveal', undefined).catch((error) => {
        reportError('take reveal', error);
        return null;
      });
      if (reveal) void revealNote(reveal, RETRY_WINDOW_MS);
    }

    // ---- showing a note's passage ------------------------------------------------------------

    let focusTimer = 0;
    async function revealNote(id: string, waitMs: number): Promise<boolean> {
      if (!anchored.has(id) && requests.some((r) => r.id === id) && waitingForText) {
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
      focusLayer.set([note.range]);
      clearTimeout(focusTimer);
      focusTimer = ctx.setTimeout(() => focusLayer.clear(), FOCUS_MS);
      return true;
    }

    // ---- "Open note" ---------------------------------------------------------------------------

    /** The notes whose passage is under the point (the caret found once by the session). */
    function notesAt({ x, y, caret }: Pick<PagePoint, 'x' | 'y' | 'caret'>): string[] {
      if (anchored.size === 0 || !caret) return [];
      const ids: string[] = [];
      for (const note of anchored.values()) {
        try {
          if (!note.range.isPointInRange(caret.node, caret.offset)) continue;
        } catch {
          continue; // the caret is in another tree (a shadow root, a frame)
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

    session.onPointer((point) => {
      if (anchored.size === 0) return;
      const ids = notesAt(point);
      if (ids.length > 0) void bar.show(ids, point.x, point.y);
      else if (bar.isShown) bar.scheduleHide();
    });
    ctx.addEventListener(
      document,
      'click',
      (event) => {
        if (anchored.size === 0 || bar.owns(event.target)) return;
        const point = { x: event.clientX, y: event.clientY, caret: session.page.caretAt(event.clientX, event.clientY) };
        const ids = notesAt(point);
        if (ids.length > 0) void bar.show(ids, point.x, point.y);
      },
      { passive: true, capture: true },
    );
    ctx.addEventListener(document, 'keydown', (event) => event.key === 'Escape' && bar.hide(), { capture: true });

    // ---- messages and changes ----------------------------------------------------------------

    const removers = [
      handleToContent('getSelectionPassage', () => {
        const passage = session.describeSelection();
        if (passage) return { passage };
        const selection = getSelection();
        if (selection && selection.rangeCount > 0) {
          const caret = selection.getRangeAt(0);
          for (const note of anchored.values()) {
            try {
              if (note.range.isPointInRange(caret.startContainer, caret.startOffset)) return { note: note.id };
            } catch {
              // the selection is in another tree
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
    ctx.addEventListener(document, 'visibilitychange', () => session.notes.repair());

    ctx.onInvalidated(() => {
      stopWaiting();
      bar.remove();
      session.notes.clear();
      focusLayer.clear();
      detach(...removers, () => browser.storage.onChanged.removeListener(onStorage));
    });

    void load();
  },
});

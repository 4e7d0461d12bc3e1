/**
 * What the background does for notes beyond storing them: showing a draft, a note or an entity's full
 * card in the side panel (or, where it cannot open, in the one dashboard tab), taking the selection of
 * a tab for a new note (context menu, keyboard command), opening a note's page at its passage, and
 * exports. Runs in the background only.
 */
import { browser } from 'wxt/browser';
import { citationItems, type CitedEntity } from '../notes/citations';
import { exportCslJson } from '../notes/csl';
import { type ExportFormat, exportCsv, exportMarkdown } from '../notes/export';
import { exportJsonLd } from '../notes/jsonld';
import { newNoteId, type NoteDraft, type PassageDraft } from '../notes/model';
import { exportRis } from '../notes/ris';
import { toContent } from './messages';
import { findDashboardTab, sendToPanel, type TabLike } from './notes-panel';
import type { NotesStore } from './notes-store';
import { REVEAL_PREFIX } from './records';

/** What exports need to know of the knowledge base's entities. */
export interface ExportEntities {
  name(id: string): string;
  cited(id: string): CitedEntity | null;
}

/** What notes.html opens on: a new draft, a note, or an entity's full card (its `#…` hash). */
export interface DashboardTarget {
  draft?: string;
  note?: string;
  /** A name for the form that adds an entity of the reader's own ("Add to Backstory…"). */
  entity?: string;
  /** An entity whose full card to show ("Full card" on a hover card). */
  card?: string;
}

export function dashboardHash(target: DashboardTarget = {}): string {
  if (target.draft) return `#draft=${encodeURIComponent(target.draft)}`;
  if (target.note) return `#note=${encodeURIComponent(target.note)}`;
  if (target.card) return `#entity=${encodeURIComponent(target.card)}`;
  if (target.entity !== undefined) return `#add-entity=${encodeURIComponent(target.entity)}`;
  return '';
}

export function dashboardUrl(target: DashboardTarget = {}): string {
  return browser.runtime.getURL('/notes.html') + dashboardHash(target);
}

/** Whether the side panel opened for this action: `openPanel()`'s answer, asked in the action's handler. */
export type PanelOpening = Promise<boolean>;
const NO_PANEL: PanelOpening = Promise.resolve(false);

/** Resolves to `fallback` if `promise` takes longer than `ms` (a tab that never answers). */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([promise.catch(() => fallback), new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms))]);
}

export class NotesActions {
  /** Tab id → the note to show once that tab has anchored its notes. */
  private readonly reveals = new Map<number, string>();

  constructor(private readonly store: NotesStore) {}

  /**
   * The one dashboard tab: an open one comes to the front (at the target, when there is one);
   * otherwise it opens next to the tab the request came from.
   */
  async openDashboard(target: DashboardTarget, nearTab?: TabLike): Promise<void> {
    const open = await findDashboardTab();
    if (open) {
      const hash = dashboardHash(target);
      // Only the hash changes: the page routes to it without reloading (typed text stays).
      await browser.tabs.update(open.tabId, { active: true, ...(hash ? { url: dashboardUrl(target) } : {}) });
      await browser.windows.update(open.windowId, { focused: true }).catch(() => undefined);
      return;
    }
    await browser.tabs.create({
      url: dashboardUrl(target),
      ...(nearTab?.index !== undefined ? { index: nearTab.index + 1 } : {}),
      ...(nearTab?.id !== undefined ? { openerTabId: nearTab.id } : {}),
      ...(nearTab?.windowId !== undefined ? { windowId: nearTab.windowId } : {}),
    });
  }

  /** Shows the target in the side panel that `panel` opened, or in the dashboard tab when it did not open. */
  async show(target: DashboardTarget, tab: TabLike | undefined, panel: PanelOpening): Promise<void> {
    if (await panel) await sendToPanel(dashboardHash(target), tab?.windowId);
    else await this.openDashboard(target, tab);
  }

  async startNote(draft: NoteDraft, nearTab?: TabLike, panel: PanelOpening = NO_PANEL): Promise<void> {
    const stored = await this.store.startDraft(draft);
    await this.show({ draft: stored.id }, nearTab, panel);
  }

  /**
   * "Add note" on a tab: asks its content script for the selection (or for the note under the caret)
   * and starts a note on it. Without an answer from the page (a frame, a page where Backstory cannot
   * run), the browser's own selection text still makes a note on the quote alone.
   */
  async noteSelection(
    tabId: number,
    fallback?: { selectionText?: string; pageUrl?: string; title?: string },
    panel: PanelOpening = NO_PANEL,
  ): Promise<boolean> {
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    const answer = await within(toContent.sendMessage('getSelectionPassage', undefined, { tabId, frameId: 0 }), 2000, null);
    if (answer && 'note' in answer) {
      await this.show({ note: answer.note }, tab, panel);
      return true;
    }
    let passage: PassageDraft | undefined = answer?.passage;
    const text = fallback?.selectionText?.trim();
    if (!passage && text && fallback?.pageUrl) {
      passage = {
        url: fallback.pageUrl,
        title: fallback.title ?? '',
        exact: text,
        prefix: '',
        suffix: '',
        start: -1,
        end: -1,
        entities: [],
      };
    }
    if (!passage) return false;
    await this.startNote({ passage }, tab, panel);
    return true;
  }

  /**
   * Shows a note's passage: a tab that already has the page and has anchored the note scrolls to it
   * and comes to the front; otherwise the page opens in a new tab, which scrolls once it has anchored.
   */
  async openPassage(id: string): Promise<boolean> {
    const note = await this.store.getNote(id);
    if (!note?.target) return false;
    const tabs = await browser.tabs.query({});
    const found = await Promise.all(
      tabs.map((tab) =>
        tab.id === undefined
          ? Promise.resolve(null)
          : within(toContent.sendMessage('revealNote', id, { tabId: tab.id, frameId: 0 }), 1500, false).then((ok) => (ok ? tab : null)),
      ),
    );
    const tab = found.find((t) => t !== null);
    if (tab?.id !== undefined) {
      await browser.tabs.update(tab.id, { active: true });
      if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
      return true;
    }
    const created = await browser.tabs.create({ url: note.target.source });
    if (created.id === undefined) return false;
    this.reveals.set(created.id, id);
    // The service worker may sleep before the page loads: keep the request in session storage too.
    await browser.storage.session?.set({ [REVEAL_PREFIX + created.id]: id }).catch(() => undefined);
    return true;
  }

  /** The note a tab was opened to show, handed out once. */
  async takeReveal(tabId: number | undefined): Promise<string | null> {
    if (tabId === undefined) return null;
    let id = this.reveals.get(tabId) ?? null;
    this.reveals.delete(tabId);
    const key = REVEAL_PREFIX + tabId;
    const session = browser.storage.session;
    if (session) {
      const stored = await session.get(key).catch(() => ({}) as Record<string, unknown>);
      id ??= (stored[key] as string | undefined) ?? null;
      await session.remove(key).catch(() => undefined);
    }
    return id;
  }

  async exportNotes(format: ExportFormat, entities: ExportEntities): Promise<string> {
    const { notes, pins } = await this.store.readAll();
    const now = new Date().toISOString();
    if (format === 'markdown') return exportMarkdown(notes, { entity: entities.name }, now);
    if (format === 'csv') return exportCsv(notes);
    if (format === 'csl') return exportCslJson(citationItems({ notes, pins, entity: entities.cited }));
    if (format === 'ris') return exportRis(citationItems({ notes, pins, entity: entities.cited }));
    return exportJsonLd(notes, pins, now, newNoteId());
  }
}

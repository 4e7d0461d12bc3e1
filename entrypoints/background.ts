/** The service worker: answers card requests from the full KB, relays keyboard commands to the tab, and is the notes store's single writer. */
import { loadKnowledgeBase } from '../lib/kb';
import { buildCard } from '../lib/kb/card';
import { buildOverview, type KnowledgeBaseOverview } from '../lib/kb/overview';
import { toBackground, toContent } from '../lib/ext/messages';
import { NotesStore } from '../lib/ext/notes-store';
import { NotesActions } from '../lib/ext/notes-actions';
import { canonicalUrl } from '../lib/notes/url';
import { injectIntoOpenTabs } from '../lib/ext/reinject';

export default defineBackground(() => {
  const kb = loadKnowledgeBase();
  const ownId = browser.runtime.id;

  toBackground.onMessage('getEntityCard', ({ sender, data }) => {
    if (sender.id !== ownId) return null;
    return buildCard(kb, data);
  });

  let overview: KnowledgeBaseOverview | undefined;
  toBackground.onMessage('getOverview', ({ sender }) => {
    if (sender.id !== ownId) return null;
    overview ??= buildOverview(kb);
    return overview;
  });

  // ---- The researcher's workbench: the background is the notes store's single writer. ----
  const store = new NotesStore();
  const notes = new NotesActions(store);
  const pagesUrl = browser.runtime.getURL('/');
  type Sender = { id?: string; url?: string; tab?: { id?: number; index?: number; windowId?: number } };
  /** Any part of Backstory: its pages and its content scripts. */
  const own = (sender: Sender) => {
    if (sender.id !== ownId) throw new Error('Not a Backstory sender');
  };
  /** Backstory's own pages (dashboard, popup, side panel) only: content scripts never read or change note text. */
  const page = (sender: Sender) => {
    own(sender);
    if (!sender.url?.startsWith(pagesUrl)) throw new Error('Only Backstory pages may do this');
  };
  const entityName = (id: string) => kb.entities.find((e) => e.id === id)?.name ?? id;

  toBackground.onMessage('getPins', ({ sender }) => (own(sender), store.getPins()));
  toBackground.onMessage('pinEntity', ({ sender, data }) => (own(sender), store.pin(data)));
  toBackground.onMessage('unpinEntity', ({ sender, data }) => (own(sender), store.unpin(data)));
  toBackground.onMessage('startNote', ({ sender, data }) => (own(sender), notes.startNote(data, sender.tab)));
  toBackground.onMessage('notesForPage', ({ sender, data }) => {
    own(sender);
    // A content script asks only about its own page.
    if (sender.tab && sender.url && canonicalUrl(sender.url) !== canonicalUrl(data)) return [];
    return store.notesForPage(data);
  });
  toBackground.onMessage('reportAnchors', ({ sender, data }) => (own(sender), store.reportAnchors(Array.isArray(data) ? data : [])));
  toBackground.onMessage('openNote', ({ sender, data }) => (own(sender), notes.openDashboard({ note: String(data) }, sender.tab)));
  toBackground.onMessage('takeReveal', ({ sender }) => (own(sender), notes.takeReveal(sender.tab?.id)));
  toBackground.onMessage('getDraft', ({ sender, data }) => (page(sender), store.getDraft(data)));
  toBackground.onMessage('newDraft', ({ sender, data }) => (page(sender), store.startDraft(data)));
  toBackground.onMessage('saveNote', ({ sender, data }) => (page(sender), store.saveNote(data)));
  toBackground.onMessage('deleteNote', ({ sender, data }) => (page(sender), store.deleteNote(data)));
  toBackground.onMessage('restoreNote', ({ sender, data }) => (page(sender), store.restoreNote(data)));
  toBackground.onMessage('openPassage', ({ sender, data }) => (page(sender), notes.openPassage(data)));
  toBackground.onMessage('noteSelection', ({ sender, data }) => (page(sender), addNote(data)));
  toBackground.onMessage('exportNotes', ({ sender, data }) => (page(sender), notes.exportNotes(data, entityName)));
  toBackground.onMessage('importNotes', ({ sender, data }) => (page(sender), store.importNotes(data.text, data.dryRun === true)));

  const ADD_NOTE_MENU = 'backstory-add-note';
  browser.runtime.onInstalled.addListener(({ reason }) => {
    // Chrome leaves open tabs without the new content script after an install or update.
    if (import.meta.env.CHROME && (reason === 'install' || reason === 'update')) void injectIntoOpenTabs();
    browser.contextMenus.create(
      { id: ADD_NOTE_MENU, title: 'Add note to Backstory', contexts: ['selection'] },
      () => void browser.runtime.lastError,
    );
    // After an update, bring every stored note to the current format (old ones are also upgraded as read).
    void store.upgrade().catch(() => undefined);
  });
  // Access to websites given back (lib/ext/host-access.ts): the open tabs get Backstory without a reload.
  browser.permissions.onAdded.addListener(({ origins }) => {
    if (origins?.length) void injectIntoOpenTabs();
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== ADD_NOTE_MENU || tab?.id === undefined) return;
    void notes.noteSelection(tab.id, { selectionText: info.selectionText, pageUrl: info.pageUrl, title: tab.title });
  });
  /** "Add note" on a tab's selection; without a tab, the active one (the keyboard command). */
  const addNote = async (tabId?: number) => {
    tabId ??= (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
    return tabId === undefined ? false : notes.noteSelection(tabId);
  };
  browser.commands.onCommand.addListener((command) => void (command === 'add-note' && addNote()));

  const nextMention = async (): Promise<boolean> => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return false;
    return toContent.sendMessage('showNextMention', undefined, { tabId: tab.id, frameId: 0 }).catch(() => false);
  };
  browser.commands.onCommand.addListener((command) => {
    if (command === 'next-mention') void nextMention();
  });
  // A keyboard shortcut cannot be pressed from DevTools or an automated test; this runs the same command.
  (globalThis as { backstoryCommands?: Record<string, () => Promise<boolean>> }).backstoryCommands = { 'next-mention': nextMention };
});

/**
 * The service worker: answers card requests from the full KB, relays keyboard commands to the tab, is
 * the notes store's single writer and keeps the error reports.
 */
import { loadKnowledgeBase } from '../lib/kb';
import { buildCard } from '../lib/kb/card';
import { citedEntity } from '../lib/kb/cited';
import { buildOverview, type KnowledgeBaseOverview } from '../lib/kb/overview';
import { handleToBackground, toContent } from '../lib/ext/messages';
import { keepErrorReports, reportError } from '../lib/ext/report-error';
import { publishMatcherData } from '../lib/ext/matcher-data';
import matcherData from 'virtual:backstory-matcher-data';
import { NotesStore } from '../lib/ext/notes-store';
import { NotesActions } from '../lib/ext/notes-actions';
import { openPanel } from '../lib/ext/notes-panel';
import { canonicalUrl } from '../lib/notes/url';
import { injectIntoOpenTabs } from '../lib/ext/reinject';
import { initToolbarIcon } from '../lib/ext/toolbar-icon';
import { initFirstRun } from '../lib/ext/first-run';

export default defineBackground(() => {
  const kb = loadKnowledgeBase();
  const errors = keepErrorReports();
  // The toolbar icon turns grey on a site where Backstory is off.
  initToolbarIcon();
  // The first-run page, after an install (not for an unpacked copy or an automated browser).
  initFirstRun();
  // Every start of the worker: cheap when this version is already stored (one small read).
  const published = publishMatcherData(matcherData).catch((error) => reportError('publish matcher data', error));

  // Every handler is registered behind the sender check of lib/ext/messages.ts (toBackgroundSenders).
  handleToBackground('getMatcherData', async ({ data: version }) => {
    await published;
    return version === matcherData.version ? matcherData.data : null;
  });
  handleToBackground('getEntityCard', ({ data }) => buildCard(kb, data));
  let overview: KnowledgeBaseOverview | undefined;
  handleToBackground('getOverview', () => {
    overview ??= buildOverview(kb);
    return overview;
  });
  handleToBackground('reportError', ({ data }) => errors.keep(data));
  handleToBackground('getDiagnostics', () => errors.read());

  // ---- The researcher's workbench: the background is the notes store's single writer. ----
  const store = new NotesStore();
  const notes = new NotesActions(store);
  const entityName = (id: string) => kb.entities.find((e) => e.id === id)?.name ?? id;

  handleToBackground('getPins', () => store.getPins());
  handleToBackground('pinEntity', ({ data }) => store.pin(data));
  handleToBackground('unpinEntity', ({ data }) => store.unpin(data));
  // A content script's message sent from the reader's click carries the click: the side panel opens at
  // once, in the handler (lib/ext/notes-panel.ts), and learns what to show when the background knows it.
  handleToBackground('startNote', ({ data, sender }) => notes.startNote(data, sender.tab, openPanel(sender.tab)));
  handleToBackground('notesForPage', ({ sender, data }) => {
    // A content script asks only about its own page.
    if (sender.tab && sender.url && canonicalUrl(sender.url) !== canonicalUrl(data)) return [];
    return store.notesForPage(data);
  });
  handleToBackground('reportAnchors', ({ data }) => store.reportAnchors(Array.isArray(data) ? data : []));
  handleToBackground('openNote', ({ data, sender }) => notes.show({ note: String(data) }, sender.tab, openPanel(sender.tab)));
  handleToBackground('openFullCard', ({ data, sender }) =>
    notes.show({ entity: String(data?.entityId ?? '') }, sender.tab, openPanel(sender.tab)),
  );
  handleToBackground('openDashboard', ({ sender }) => notes.openDashboard({}, sender.tab));
  handleToBackground('takeReveal', ({ sender }) => notes.takeReveal(sender.tab?.id));
  handleToBackground('getDraft', ({ data }) => store.getDraft(data));
  handleToBackground('newDraft', ({ data }) => store.startDraft(data));
  handleToBackground('saveNote', ({ data }) => store.saveNote(data));
  handleToBackground('deleteNote', ({ data }) => store.deleteNote(data));
  handleToBackground('restoreNote', ({ data }) => store.restoreNote(data));
  handleToBackground('openPassage', ({ data }) => notes.openPassage(data));
  handleToBackground('noteSelection', ({ data }) => addNote(data === undefined ? undefined : { id: data }));
  handleToBackground('exportNotes', ({ data }) => notes.exportNotes(data, { name: entityName, cited: (id) => citedEntity(kb, id) }));
  handleToBackground('importNotes', ({ data }) => store.importNotes(data.text, data.dryRun === true));

  const ADD_NOTE_MENU = 'backstory-add-note';
  browser.runtime.onInstalled.addListener(({ reason }) => {
    // Chrome leaves open tabs without the new content script after an install or update.
    if (import.meta.env.CHROME && (reason === 'install' || reason === 'update')) void injectIntoOpenTabs();
    browser.contextMenus.create(
      { id: ADD_NOTE_MENU, title: 'Add note to Backstory', contexts: ['selection'] },
      () => void browser.runtime.lastError,
    );
    // After an update, bring every stored note to the current format (old ones are also upgraded as read).
    void store.upgrade().catch((error) => reportError('storage upgrade', error));
  });
  // Access to websites given back (lib/ext/host-access.ts): the open tabs get Backstory without a reload.
  browser.permissions.onAdded.addListener(({ origins }) => {
    if (origins?.length) void injectIntoOpenTabs();
  });
  // The menu click and the keyboard command are the reader's gestures: the side panel opens in their
  // handlers, before the page is asked for its selection.
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== ADD_NOTE_MENU || tab?.id === undefined) return;
    const panel = openPanel(tab);
    void notes.noteSelection(tab.id, { selectionText: info.selectionText, pageUrl: info.pageUrl, title: tab.title }, panel);
  });
  /** "Add note" on a tab's selection; without a tab, the active one (the keyboard command). */
  const addNote = async (tab?: { id?: number; windowId?: number }, panel?: Promise<boolean>) => {
    tab ??= (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0];
    return tab?.id === undefined ? false : notes.noteSelection(tab.id, undefined, panel);
  };
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'add-note') void addNote(tab, openPanel(tab));
  });

  /** The mention commands: the top frame of the active tab moves to its next or previous mention. */
  const moveToMention = (type: 'showNextMention' | 'showPreviousMention') => async (): Promise<boolean> => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return false;
    return toContent.sendMessage(type, undefined, { tabId: tab.id, frameId: 0 }).catch(() => false);
  };
  const mentionCommands: Record<string, () => Promise<boolean>> = {
    'next-mention': moveToMention('showNextMention'),
    'previous-mention': moveToMention('showPreviousMention'),
  };
  browser.commands.onCommand.addListener((command) => void mentionCommands[command]?.());
  // A keyboard shortcut cannot be pressed from DevTools or an automated test; this runs the same commands.
  // Run this way there is no gesture: "add-note" takes the path of a browser that cannot open the panel.
  (globalThis as { backstoryCommands?: Record<string, () => Promise<boolean>> }).backstoryCommands = {
    ...mentionCommands,
    'add-note': async () => {
      const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
      return addNote(tab, openPanel(tab));
    },
  };
});

/**
 * The service worker: answers card requests from the full KB, relays keyboard commands to the tab, is
 * the notes store's single writer and keeps the error reports.
 */
import { loadKnowledgeBase } from '../lib/kb';
import { buildCard } from '../lib/kb/card';
import { citedEntity } from '../lib/kb/cited';
import { buildOverview, type KnowledgeBaseOverview } from '../lib/kb/overview';
import { type InstalledKnowledge, PacksStore } from '../lib/ext/packs-store';
import { declinedForms } from '../lib/packs/personal';
import { packOf } from '../lib/packs/ids';
import { handleToBackground, toContent } from '../lib/ext/messages';
import { keepErrorReports, reportError } from '../lib/ext/report-error';
import { markFactsSeen, withNewFacts } from '../lib/ext/seen-facts';
import { isBuiltOn } from '../lib/ext/matcher-data';
import { InstalledMatcher } from '../lib/ext/installed-matcher';
import { buildMatcherData } from '../lib/match/build';
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
  // The knowledge base as installed: the bundled one with the packs and the reader's own entities.
  const packs = new PacksStore(kb);
  let merged = kb;
  let overview: Promise<KnowledgeBaseOverview> | undefined;
  // The matcher data for what is installed: the built one, or compiled here when packs are installed. Every
  // start of the worker: cheap when this version is already stored (one small read, and a hash of the packs).
  const matcher = new InstalledMatcher(matcherData);
  const publish = (knowledge: InstalledKnowledge) =>
    matcher.publish(knowledge).catch((error) => {
      reportError('publish matcher data', error);
      return matcherData;
    });
  void packs.knowledge().then(
    (k) => {
      merged = k.kb;
      void publish(k);
    },
    (error) => {
      reportError('read installed packs', error);
      void publish({ kb, packs: [] });
    },
  );
  packs.onChange((k) => {
    merged = k.kb;
    overview = undefined;
    void publish(k);
  });

  // Every handler is registered behind the sender check of lib/ext/messages.ts (toBackgroundSenders).
  handleToBackground('getMatcherData', async ({ data: version }) => {
    const published = await matcher.published();
    return isBuiltOn(published.version, version) ? published.data : null;
  });
  handleToBackground('getEntityCard', async ({ data }) => {
    const knowledge = await packs.knowledge();
    const card = buildCard(knowledge.kb, data);
    const pack = knowledge.packs.find((p) => p.id === packOf(data));
    // The facts new since the reader last saw this card are marked ("New since you last looked").
    return card && withNewFacts(pack ? { ...card, pack: pack.title } : card);
  });
  handleToBackground('cardShown', async ({ data }) => {
    const entity = (await packs.knowledge()).kb.entities.find((e) => e.id === data);
    if (entity) await markFactsSeen(entity);
  });
  handleToBackground('getOverview', () => {
    overview ??= packs.knowledge().then((k) => buildOverview(k.kb, k.packs));
    return overview;
  });
  handleToBackground('reportError', ({ data }) => errors.keep(data));
  handleToBackground('getDiagnostics', () => errors.read());

  // ---- The researcher's workbench: the background is the notes store's single writer. ----
  const store = new NotesStore();
  const notes = new NotesActions(store);
  const entityName = (id: string) => merged.entities.find((e) => e.id === id)?.name ?? id;

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
    notes.show({ card: String(data?.entityId ?? '') }, sender.tab, openPanel(sender.tab)),
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
  handleToBackground('exportNotes', ({ data }) => notes.exportNotes(data, { name: entityName, cited: (id) => citedEntity(merged, id) }));
  handleToBackground('importNotes', ({ data }) => store.importNotes(data.text, data.dryRun === true));

  handleToBackground('startEntity', ({ data, sender }) => notes.openDashboard({ entity: String(data) }, sender.tab));
  handleToBackground('listPacks', () => packs.summaries());
  handleToBackground('importPack', ({ data }) => packs.importPack(data.text, data.dryRun === true));
  handleToBackground('exportPack', ({ data }) => packs.exportPack(data));
  handleToBackground('removePack', ({ data }) => packs.removePack(data));
  handleToBackground('personalEntities', () => packs.personalEntities());
  handleToBackground('checkEntity', ({ data }) => packs.checkEntity(data));
  handleToBackground('saveEntity', ({ data }) => packs.saveEntity(data));
  handleToBackground('deleteEntity', ({ data }) => packs.deleteEntity(data));
  handleToBackground('suggestSpellings', ({ data }) => declinedForms(kb, data, data));

  const ADD_NOTE_MENU = 'backstory-add-note';
  const ADD_ENTITY_MENU = 'backstory-add-entity';
  browser.runtime.onInstalled.addListener(({ reason }) => {
    // Chrome leaves open tabs without the new content script after an install or update.
    if (import.meta.env.CHROME && (reason === 'install' || reason === 'update')) void injectIntoOpenTabs();
    browser.contextMenus.create(
      { id: ADD_NOTE_MENU, title: 'Add note to Backstory', contexts: ['selection'] },
      () => void browser.runtime.lastError,
    );
    browser.contextMenus.create(
      { id: ADD_ENTITY_MENU, title: 'Add to Backstory…', contexts: ['selection'] },
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
    if (info.menuItemId === ADD_ENTITY_MENU) void notes.openDashboard({ entity: (info.selectionText ?? '').trim().slice(0, 200) }, tab);
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
  // "Add to Backstory…" on the front tab's selection, as the context menu does it (the menu cannot be driven either).
  const addEntityFromSelection = async (): Promise<boolean> => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return false;
    const answer = await toContent.sendMessage('getSelectionPassage', undefined, { tabId: tab.id, frameId: 0 }).catch(() => null);
    const name = answer && 'passage' in answer ? answer.passage.exact.trim().slice(0, 200) : '';
    if (!name) return false;
    await notes.openDashboard({ entity: name }, tab);
    return true;
  };
  // A keyboard shortcut cannot be pressed from DevTools or an automated test; this runs the same commands.
  // Run this way there is no gesture: "add-note" takes the path of a browser that cannot open the panel.
  (globalThis as { backstoryCommands?: Record<string, () => Promise<boolean>> }).backstoryCommands = {
    ...mentionCommands,
    'add-to-backstory': addEntityFromSelection,
    'add-note': async () => {
      const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
      return addNote(tab, openPanel(tab));
    },
  };
  // What compiling the matcher data costs here, in the service worker: read by `npm run bench -- packs`.
  (globalThis as { backstoryMatcher?: object }).backstoryMatcher = {
    timing: () => matcher.timing,
    compileBundled: () => {
      const start = performance.now();
      buildMatcherData(kb);
      return performance.now() - start;
    },
  };
});

/**
 * Every message Backstory sends, in one typed protocol, named by direction (the receiver handles it),
 * with the senders each message accepts beside it. Handlers are registered through `handle…` below,
 * which checks the sender first: only Backstory's own pages and content scripts can reach a handler,
 * only its pages can touch note text, and the content script never takes a command from the page it
 * runs in.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ErrorReport } from '../diagnostics';
import { checkSender, type SenderPolicy } from './sender-policy';
import type { EntityCard } from '../kb/card';
import type { KnowledgeBaseOverview } from '../kb/overview';
import type { PublishedMatcherData } from '../match/tables';
import type { ExportFormat } from '../notes/export';
import type { Note, NoteAnchorRequest, NoteDraft, PassageDraft, StoredDraft } from '../notes/model';
import type { AnchorReport, ImportResult, SaveNoteRequest, SaveResult } from './notes-store';
import type { PackImportResult, PackSummary } from './packs-store';
import type { EntityCheck } from '../packs/personal';
import type { PackEntity } from '../packs/schema';

export type { EntityCard, KnowledgeBaseOverview };

/** Handled by the background; sent by content scripts and extension pages. */
export interface ToBackground {
  /** Content script: the matcher data, when storage does not hold its version (lib/ext/matcher-data.ts). */
  getMatcherData(version: string): PublishedMatcherData | null;
  /** The card, its facts new since the reader last saw it marked (`newFacts`). */
  getEntityCard(id: string): EntityCard | null;
  /** A card was shown to the reader (hover card, popup, dashboard): its facts count as seen from now on. */
  cardShown(id: string): void;
  /** Topics, and each entity's names, type and topics: what the popup lists and searches. */
  getOverview(): KnowledgeBaseOverview | null;

  // The researcher's workbench (lib/ext/notes-store.ts). Pins: entity ids, oldest first.
  getPins(): string[];
  pinEntity(id: string): string[];
  unpinEntity(id: string): string[];
  /** Opens the dashboard with a new draft note on the entity and/or passage; the text is typed there, never in the page. */
  startNote(draft: NoteDraft): void;
  /** Content script: the passages (never the text) of the notes on its page. */
  notesForPage(url: string): NoteAnchorRequest[];
  /** Content script: what this visit found of those passages (orphaned notes are shown as such). */
  reportAnchors(reports: AnchorReport[]): void;
  /** Content script: "Open note" on a marked passage shows the note in the side panel (or the dashboard). */
  openNote(id: string): void;
  /** Content script: "Full card" on the short hover card shows the entity's whole card in the side panel (or the dashboard). */
  openFullCard(request: { entityId: string }): void;
  /** Extension pages: opens the notes dashboard, or brings the one already open to the front. */
  openDashboard(): void;
  /** Content script: the note this tab was opened to show ("open the page at this passage"), once. */
  takeReveal(): string | null;
  /** Records an error that must not vanish (lib/ext/report-error.ts); content scripts cannot write session storage. */
  reportError(report: ErrorReport): void;
  /** Extension pages only, from here on. */
  getDraft(id: string): StoredDraft | null;
  /** A draft made in the dashboard itself (a note on a pinned entity): no new tab. */
  newDraft(draft: NoteDraft): StoredDraft;
  saveNote(request: SaveNoteRequest): SaveResult;
  deleteNote(id: string): { ok: true; note: Note } | { ok: false; error: string };
  restoreNote(note: Note): SaveResult;
  /** Opens (or focuses) the note's page, scrolled to its passage and marked. */
  openPassage(id: string): boolean;
  /** "Add note" on the selection in a tab (the active tab when none is given): the context-menu and keyboard-command path. */
  noteSelection(tabId?: number): boolean;
  /** Notes (and, as references, pinned entities) in one of the export formats. */
  exportNotes(format: ExportFormat): string;
  /** W3C Web Annotation JSON-LD; `dryRun` reports what would change and changes nothing. */
  importNotes(request: { text: string; dryRun: boolean }): ImportResult;
  /** The last errors recorded, newest first: the popup's "Diagnostics". */
  getDiagnostics(): ErrorReport[];

  // Topic packs and the reader's own entities (lib/ext/packs-store.ts).
  /** "Add to Backstory…" on a card or a selection: opens the entity form in the dashboard with this name. */
  startEntity(name: string): void;
  listPacks(): PackSummary[];
  /** A pack file's text; `dryRun` reports what would change and changes nothing. */
  importPack(request: { text: string; dryRun: boolean }): PackImportResult;
  /** The pack as a file's text ("backstory": the bundled knowledge base; "personal": the reader's own entities). */
  exportPack(id: string): string | null;
  removePack(id: string): boolean;
  personalEntities(): PackEntity[];
  /** Checks an entity of the reader's own without saving it: its problems, or its spellings that others have. */
  checkEntity(entity: PackEntity): EntityCheck;
  saveEntity(entity: PackEntity): EntityCheck;
  deleteEntity(id: string): boolean;
  /** The declined forms of a name that the matcher will find, to offer as spellings. */
  suggestSpellings(request: { text: string; lang?: string; type: PackEntity['type']; gender?: PackEntity['gender'] }): string[];
}

export interface PageMentionCount {
  entity: string;
  count: number;
}

export interface PageInfo {
  hostname: string;
}

/** Handled by the content script of a tab; sent by the popup and the background. */
export interface ToContent {
  getPageMentions(): PageMentionCount[];
  /**
   * What the popup needs to know of the page: its hostname, as the content script checks it against
   * "Backstory on this site" (the popup cannot read a tab's URL without the "tabs" permission).
   */
  getPageInfo(): PageInfo | null;
  /** Scrolls to a mention of the entity, flashes it and opens its card. */
  showMention(entity: string): boolean;
  /** The keyboard commands: the next (or previous) mention on the page selected and announced, with its card. */
  showNextMention(): boolean;
  showPreviousMention(): boolean;
  /** Notes: the selection as a passage for a new note, or the note whose passage holds the caret. */
  getSelectionPassage(): { passage: PassageDraft } | { note: string } | null;
  /** Notes: scrolls to the note's passage and marks it; false when this page has not anchored it. */
  revealNote(id: string): boolean;
}

/** Who may ask the background for what (lib/ext/sender-policy.ts). */
export const toBackgroundSenders: SenderPolicy<ToBackground> = {
  getMatcherData: ['content'],
  getEntityCard: ['extension', 'content'],
  cardShown: ['extension', 'content'],
  getOverview: ['extension', 'content'],
  getPins: ['extension', 'content'],
  pinEntity: ['extension', 'content'],
  unpinEntity: ['extension', 'content'],
  startNote: ['extension', 'content'],
  notesForPage: ['extension', 'content'],
  reportAnchors: ['content'],
  openNote: ['extension', 'content'],
  openFullCard: ['extension', 'content'],
  openDashboard: ['extension'],
  takeReveal: ['content'],
  reportError: ['extension', 'content'],
  // Note text, drafts, imports and exports: Backstory's own pages only.
  getDraft: ['extension'],
  newDraft: ['extension'],
  saveNote: ['extension'],
  deleteNote: ['extension'],
  restoreNote: ['extension'],
  openPassage: ['extension'],
  noteSelection: ['extension'],
  exportNotes: ['extension'],
  importNotes: ['extension'],
  getDiagnostics: ['extension'],
  startEntity: ['extension', 'content'],
  // Packs and the reader's own entities: Backstory's own pages only.
  listPacks: ['extension'],
  importPack: ['extension'],
  exportPack: ['extension'],
  removePack: ['extension'],
  personalEntities: ['extension'],
  checkEntity: ['extension'],
  saveEntity: ['extension'],
  deleteEntity: ['extension'],
  suggestSpellings: ['extension'],
};

/** A content script answers Backstory only: its popup and its service worker, never the page. */
export const toContentSenders: SenderPolicy<ToContent> = {
  getPageMentions: ['extension'],
  getPageInfo: ['extension'],
  showMention: ['extension'],
  showNextMention: ['extension'],
  showPreviousMention: ['extension'],
  getSelectionPassage: ['extension'],
  revealNote: ['extension'],
};

export const toBackground = defineExtensionMessaging<ToBackground>();
export const toContent = defineExtensionMessaging<ToContent>();

function ownSender(): { id: string; origin: string } {
  return { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
}

/** Registers the background's handler for `type`, behind the sender check; returns its remover. */
export function handleToBackground<Type extends keyof ToBackground & string>(
  type: Type,
  handler: Parameters<typeof toBackground.onMessage<Type>>[1],
): () => void {
  return toBackground.onMessage(type, (message) => {
    checkSender(toBackgroundSenders, type, message.sender, ownSender());
    return handler(message);
  });
}

/** Registers a content script's handler for `type`, behind the sender check; returns its remover. */
export function handleToContent<Type extends keyof ToContent & string>(
  type: Type,
  handler: Parameters<typeof toContent.onMessage<Type>>[1],
): () => void {
  return toContent.onMessage(type, (message) => {
    checkSender(toContentSenders, type, message.sender, ownSender());
    return handler(message);
  });
}

/**
 * Every message Backstory sends, in one typed protocol, named by direction (the receiver handles it).
 * Handlers check the sender: only Backstory's own pages and content scripts can reach them, and the
 * content script never takes a command from the page it runs in.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { EntityCard } from '../kb/card';

export type { EntityCard };

/** Handled by the background; sent by content scripts and extension pages. */
export interface ToBackground {
  getEntityCard(id: string): EntityCard | null;
}

export interface PageMentionCount {
  entity: string;
  count: number;
}

/** Handled by the content script of a tab; sent by the popup and the background. */
export interface ToContent {
  getPageMentions(): PageMentionCount[];
  /** Scrolls to a mention of the entity, flashes it and opens its card. */
  showMention(entity: string): boolean;
  /** The keyboard command: the next mention on the page, with its card. */
  showNextMention(): boolean;
}

export const toBackground = defineExtensionMessaging<ToBackground>();
export const toContent = defineExtensionMessaging<ToContent>();

/** Whether a message comes from Backstory itself (its pages or its content scripts), not a web page or another extension. */
export function isOwnSender(sender: chrome.runtime.MessageSender, ownId: string): boolean {
  return sender.id === ownId;
}

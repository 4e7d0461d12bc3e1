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

export interface PageMention {
  entity: string;
  count: number;
}

/** Handled by the content script of a tab; sent by the popup. */
export interface ToContent {
  getPageMentions(): PageMention[];
  showMention(entity: string): boolean;
}

export const toBackground = defineExtensionMessaging<ToBackground>();
export const toContent = defineExtensionMessaging<ToContent>();

/** Whether a message comes from Backstory itself (its pages or its content scripts), not a web page or another extension. */
export function isOwnSender(sender: chrome.runtime.MessageSender, ownId: string): boolean {
  return sender.id === ownId;
}

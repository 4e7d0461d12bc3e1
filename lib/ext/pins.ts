/**
 * Pins, read-only, for any part of Backstory (the card's Pin/Unpin button, the popup, the dashboard).
 * Pins are changed only through the background (pinEntity / unpinEntity messages); this file reads
 * and watches the record it writes, so every open card and page follows a change at once. Small on
 * purpose: the content script imports it.
 */
import { browser } from 'wxt/browser';
import { pinsRecord } from './records';

const idsOf = (raw: unknown) => pinsRecord.parse(raw).map((p) => p.entity);

export async function readPinnedIds(): Promise<string[]> {
  return idsOf((await browser.storage.local.get(pinsRecord.key))[pinsRecord.key]);
}

/** Calls back with the pinned entity ids whenever they change; returns the function that stops watching. */
export function watchPinnedIds(callback: (ids: string[]) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, areaName: string) => {
    if (areaName === pinsRecord.area && pinsRecord.key in changes) callback(idsOf(changes[pinsRecord.key]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

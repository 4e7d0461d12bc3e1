/**
 * Pins, read-only, for any part of Backstory (the card's Pin/Unpin button, the popup, the dashboard).
 * Pins are changed only through the background (pinEntity / unpinEntity messages); this file reads
 * and watches the record it writes, so every open card and page follows a change at once. Small on
 * purpose: the content script imports it.
 */
import { browser } from 'wxt/browser';

const PINS_KEY = 'pins';

function idsOf(record: unknown): string[] {
  const pins = (record as { pins?: { entity?: unknown }[] } | undefined)?.pins;
  return Array.isArray(pins) ? pins.map((p) => p?.entity).filter((e): e is string => typeof e === 'string') : [];
}

export async function readPinnedIds(): Promise<string[]> {
  return idsOf((await browser.storage.local.get(PINS_KEY))[PINS_KEY]);
}

/** Calls back with the pinned entity ids whenever they change; returns the function that stops watching. */
export function watchPinnedIds(callback: (ids: string[]) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, areaName: string) => {
    if (areaName === 'local' && PINS_KEY in changes) callback(idsOf(changes[PINS_KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

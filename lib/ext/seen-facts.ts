/**
 * The background's record of what the reader has seen on each card: it marks the facts new since the
 * last look on every card it hands out, and records a look when a card is shown (the `cardShown` message:
 * the hover card, the popup, the dashboard). Fetching a card is not a look: the dashboard reads the
 * cards of pinned entities for its timeline, and a hover may end before its card appears.
 */
import { browser } from 'wxt/browser';
import type { EntityCard } from '../kb/card';
import { factKeys, newFactIndices } from '../kb/seen-facts';
import type { Entity } from '../kb/schema';
import { seenFactsRecord, seenFactsValue } from './records';

async function readSeen(entity: string): Promise<string[] | null> {
  const record = seenFactsRecord(entity);
  return record.parse((await browser.storage.local.get(record.key))[record.key]);
}

/** The card with its new facts marked (none on the first look). */
export async function withNewFacts(card: EntityCard): Promise<EntityCard> {
  return { ...card, newFacts: newFactIndices(card.entity, await readSeen(card.entity.id)) };
}

/** Records that the reader has now seen every current fact of the entity. */
export async function markFactsSeen(entity: Pick<Entity, 'id' | 'facts' | 'sources'>, now = new Date().toISOString()): Promise<void> {
  const record = seenFactsRecord(entity.id);
  await browser.storage.local.set({ [record.key]: seenFactsValue(factKeys(entity), now) });
}

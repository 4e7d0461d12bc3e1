/** Card data comes from the background, which holds the full KB; the content script keeps a small cache. */
import { toBackground, type EntityCard } from '../../lib/ext/messages';

export class CardSource {
  private readonly cache = new Map<string, Promise<EntityCard | null>>();

  get(id: string): Promise<EntityCard | null> {
    let card = this.cache.get(id);
    if (!card) {
      card = toBackground.sendMessage('getEntityCard', id).catch(() => null);
      this.cache.set(id, card);
    }
    return card;
  }
}

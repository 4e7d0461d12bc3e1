/** Card data comes from the background, which holds the full KB; the content script keeps a small cache. */
import { toBackground, type EntityCard } from '../../lib/ext/messages';
import { reportError } from '../../lib/ext/report-error';

export class CardSource {
  private readonly cache = new Map<string, Promise<EntityCard | null>>();

  get(id: string): Promise<EntityCard | null> {
    let card = this.cache.get(id);
    if (!card) {
      card = toBackground.sendMessage('getEntityCard', id).catch((error) => {
        // Not cached: the next hover asks again (the service worker may have been restarting).
        this.cache.delete(id);
        reportError('card', error);
        return null;
      });
      this.cache.set(id, card);
    }
    return card;
  }
}

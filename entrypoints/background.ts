/** The service worker: answers card requests from the full KB. */
import { loadKnowledgeBase } from '../lib/kb';
import { toBackground } from '../lib/ext/messages';
import { buildCard } from '../lib/kb/card';

export default defineBackground(() => {
  const kb = loadKnowledgeBase();
  toBackground.onMessage('getEntityCard', ({ sender, data }) => {
    if (sender.id !== browser.runtime.id) return null;
    return buildCard(kb, data);
  });
});

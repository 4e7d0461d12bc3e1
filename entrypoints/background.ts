/** The service worker: answers card requests from the full KB and relays keyboard commands to the tab. */
import { loadKnowledgeBase } from '../lib/kb';
import { buildCard } from '../lib/kb/card';
import { toBackground, toContent } from '../lib/ext/messages';

export default defineBackground(() => {
  const kb = loadKnowledgeBase();
  const ownId = browser.runtime.id;

  toBackground.onMessage('getEntityCard', ({ sender, data }) => {
    if (sender.id !== ownId) return null;
    return buildCard(kb, data);
  });

  browser.commands.onCommand.addListener(async (command) => {
    if (command !== 'next-mention') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    await toContent.sendMessage('showNextMention', undefined, { tabId: tab.id, frameId: 0 }).catch(() => false);
  });
});

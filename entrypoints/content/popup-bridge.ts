/** Feature: answers the popup's questions about this page (which entities, how often) and its commands. */
import type { ContentScriptContext } from '#imports';
import type { PageMentions } from '../../lib/dom/page-mentions';
import { toContent, type PageMention } from '../../lib/ext/messages';

export function initPopupBridge(
  ctx: ContentScriptContext,
  page: PageMentions,
  reveal: (entityId: string) => Promise<boolean>,
): void {
  // Only the top frame answers, so the popup gets one reply per tab.
  if (window.top !== window) return;
  const ownId = browser.runtime.id;
  const removers = [
    toContent.onMessage('getPageMentions', ({ sender }) => {
      if (sender.id !== ownId) return [];
      const counts = new Map<string, number>();
      for (const mention of page.mentions()) {
        const id = page.entityId(mention);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return [...counts].map(([entity, count]): PageMention => ({ entity, count })).sort((a, b) => b.count - a.count);
    }),
    toContent.onMessage('showMention', ({ sender, data }) => (sender.id === ownId ? reveal(data) : false)),
  ];
  ctx.onInvalidated(() => removers.forEach((remove) => remove()));
}

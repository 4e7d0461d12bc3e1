/** Feature: answers Backstory's own questions about this page (popup, keyboard command) and carries out its commands. */
import type { ContentScriptContext } from '#imports';
import type { PageMentions } from '../../lib/dom/page-mentions';
import { toContent, type PageMentionCount } from '../../lib/ext/messages';
import type { Revealer } from './reveal-mention';
import { detach } from '../../lib/ext/detach';

export function initPopupBridge(ctx: ContentScriptContext, page: PageMentions, revealer: Revealer): void {
  // Only the top frame answers, so Backstory gets one reply per tab.
  if (window.top !== window) return;
  const ownId = browser.runtime.id;
  const removers = [
    // The popup has no `tabs` permission, so it asks the page which site it is on.
    toContent.onMessage('getPageInfo', ({ sender }) => (sender.id === ownId ? { hostname: location.hostname } : null)),
    toContent.onMessage('getPageMentions', ({ sender }) => {
      if (sender.id !== ownId) return [];
      const counts = new Map<string, number>();
      for (const mention of page.mentions()) {
        const id = page.entityId(mention);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return [...counts]
        .map(([entity, count]): PageMentionCount => ({ entity, count }))
        .sort((a, b) => b.count - a.count || a.entity.localeCompare(b.entity));
    }),
    toContent.onMessage('showMention', async ({ sender, data: entity }) => {
      if (sender.id !== ownId) return false;
      // Each request moves on to the entity's next mention.
      const next = revealer.next((m) => page.entityId(m) === entity);
      if (!next) return false;
      await revealer.reveal(next);
      return true;
    }),
    toContent.onMessage('showNextMention', async ({ sender }) => {
      if (sender.id !== ownId) return false;
      const next = revealer.next();
      if (!next) return false;
      await revealer.reveal(next, { focus: true });
      return true;
    }),
  ];
  ctx.onInvalidated(() => detach(...removers));
}

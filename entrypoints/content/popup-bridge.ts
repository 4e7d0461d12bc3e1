/** Feature: answers Backstory's own questions about this page (popup, keyboard command) and carries out its commands. */
import type { ContentScriptContext } from '#imports';
import type { PageMentions } from '../../lib/dom/page-mentions';
import { handleToContent, type PageMentionCount } from '../../lib/ext/messages';
import type { Revealer } from './reveal-mention';
import { detach } from '../../lib/ext/detach';

export function initPopupBridge(ctx: ContentScriptContext, page: PageMentions, revealer: Revealer): void {
  // Only the top frame answers, so Backstory gets one reply per tab.
  if (window.top !== window) return;
  const removers = [
    // The popup has no `tabs` permission, so it asks the page which site it is on.
    handleToContent('getPageInfo', () => ({ hostname: location.hostname })),
    handleToContent('getPageMentions', () => {
      const counts = new Map<string, number>();
      for (const mention of page.mentions()) {
        const id = page.entityId(mention);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return [...counts]
        .map(([entity, count]): PageMentionCount => ({ entity, count }))
        .sort((a, b) => b.count - a.count || a.entity.localeCompare(b.entity));
    }),
    handleToContent('showMention', async ({ data: entity }) => {
      // Each request moves on to the entity's next mention.
      const next = revealer.next((m) => page.entityId(m) === entity);
      if (!next) return false;
      await revealer.reveal(next);
      return true;
    }),
    handleToContent('showNextMention', async () => {
      const next = revealer.next();
      if (!next) return false;
      await revealer.reveal(next, { focus: true });
      return true;
    }),
  ];
  ctx.onInvalidated(() => detach(...removers));
}

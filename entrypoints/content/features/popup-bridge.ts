/**
 * Feature: answers Backstory's own questions about this page (the popup, the keyboard command) and
 * carries out its commands. Only the top frame answers, so Backstory gets one reply per tab.
 */
import { detach } from '../../../lib/ext/detach';
import { handleToContent, type PageMentionCount } from '../../../lib/ext/messages';
import { defineFeature } from '../feature';
import { createRevealer } from '../reveal-mention';

export default defineFeature({
  id: 'popup-bridge',
  topFrameOnly: true,
  init(session) {
    const { page } = session;
    const revealer = createRevealer(session, (text) => session.status?.announce(text));
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
        await revealer.moveTo(next);
        return true;
      }),
      handleToContent('showPreviousMention', async () => {
        const previous = revealer.previous();
        if (!previous) return false;
        await revealer.moveTo(previous);
        return true;
      }),
    ];
    session.ctx.onInvalidated(() => detach(...removers));
  },
});

/** The content script: wires the page features together. Each feature cleans up with the context. */
import './highlights.css';
import matcherData from 'virtual:backstory-matcher-data';
import { PageMentions } from '../../lib/dom/page-mentions';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { CardSource } from './card-source';
import { initHoverCard } from './hover-card';
import { initMarkMentions } from './mark-mentions';
import { initPopupBridge } from './popup-bridge';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  runAt: 'document_idle',
  cssInjectionMode: 'manifest',
  async main(ctx) {
    const page = new PageMentions(window, matcherData);
    let settings: Settings = DEFAULT_SETTINGS;
    const card = initHoverCard(ctx, page, new CardSource(), { hoverDelayMs: () => settings.hoverDelayMs });
    initPopupBridge(ctx, page, async (entityId) => {
      const mention = page.mentions().find((m) => page.entityId(m) === entityId);
      if (!mention) return false;
      page.rangeOf(mention).startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
      await card.openFor(mention);
      return true;
    });
    await initMarkMentions(ctx, page, (next) => {
      settings = next;
    });
  },
});

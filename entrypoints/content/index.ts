/** The content script: wires the page features together. Each feature cleans up with the context. */
import './highlights.css';
import highlightCss from './highlights.css?inline';
import matcherVersion from 'virtual:backstory-matcher-version';
import { loadMatcherData } from '../../lib/ext/matcher-data';
import { reportError } from '../../lib/ext/report-error';
import { PageMentions } from '../../lib/dom/page-mentions';
import { Matcher } from '../../lib/match/matcher';
import { unpackMatcherData } from '../../lib/match/pack';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { CardSource } from './card-source';
import { initHoverCard } from './hover-card';
import { initCardActions } from './card-actions';
import { describeSelection } from '../../lib/dom/passage';
import { initMarkMentions } from './mark-mentions';
import { initPassageNotes } from './passage-notes';
import { initPageGuard } from './page-guard';
import { claimFrame } from './single-copy';
import { initPopupBridge } from './popup-bridge';
import { initRevealer } from './reveal-mention';
import { styleShadowRoot } from './shadow-styles';
import { hasReadableText, whenReadable } from '../../lib/dom/ready';

/** How long a page that is still loading may keep Backstory waiting before it reads what has arrived. */
const MAX_WAIT_FOR_DOCUMENT_MS = 1500;

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  // Not document_idle: a page that never finishes loading never becomes idle (see whenReadable).
  runAt: 'document_start',
  cssInjectionMode: 'manifest',
  // WXT's "a newer copy started" postMessage would tell every page that Backstory is installed, and its id.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    if (!hasReadableText(window) || !claimFrame(ctx)) return;
    initPageGuard(ctx);
    const [packed] = await Promise.all([
      loadMatcherData(matcherVersion).catch((error) => reportError('load matcher data', error)),
      whenReadable(document, MAX_WAIT_FOR_DOCUMENT_MS),
    ]);
    if (ctx.isInvalid || !packed) return;
    const page = new PageMentions(window, new Matcher(unpackMatcherData(packed)));
    let settings: Settings = DEFAULT_SETTINGS;
    const actionsFor = initCardActions(ctx, () => describeSelection(window, (range) => page.entitiesIn(range)));
    const card = initHoverCard(ctx, page, new CardSource(), {
      hoverDelayMs: () => settings.hoverDelayMs,
      actionsFor,
    });
    initPopupBridge(ctx, page, initRevealer(ctx, page, card));
    initPassageNotes(ctx, page);
    initMarkMentions(ctx, page, (next) => {
      settings = next;
      if (!next.enabled) card.close();
    });
    const watchShadow = page.onShadowRoot;
    page.onShadowRoot = (shadow) => {
      styleShadowRoot(shadow, highlightCss);
      watchShadow(shadow);
    };
  },
});

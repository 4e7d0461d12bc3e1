/**
 * The content script: starts one page session per frame (entrypoints/content/session.ts) and the page
 * features against it (features/index.ts). Each feature cleans up with the session's signal.
 */
import './highlights.css';
import matcherVersion from 'virtual:backstory-matcher-version';
import { PageMentions } from '../../lib/dom/page-mentions';
import { hasReadableText, whenReadable, whenTextArrives } from '../../lib/dom/ready';
import { loadMatcherData, watchMatcherData } from '../../lib/ext/matcher-data';
import { readSettings } from '../../lib/ext/settings';
import { reportError } from '../../lib/ext/report-error';
import { Matcher } from '../../lib/match/matcher';
import { startFeatures } from './feature';
import { FEATURES } from './features';
import { listenForEscape } from './escape-key';
import { initPageGuard } from './page-guard';
import { PageSession } from './session';
import { claimFrame } from './single-copy';

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
    // Before the first await: the page's own scripts have not run yet, so Backstory hears Escape first.
    const escapeKey = listenForEscape(ctx);
    const isTopFrame = window.top === window;
    const load = () => loadMatcherData(matcherVersion).catch((error) => reportError('load matcher data', error));
    // The top page almost always has text: its data and settings are read while it loads. A frame (ads,
    // embeds, trackers) reads nothing until it holds text, so an empty one costs next to nothing.
    const early = isTopFrame ? load() : null;
    const settings = isTopFrame ? readSettings() : null;
    await whenReadable(document, MAX_WAIT_FOR_DOCUMENT_MS);
    if (!isTopFrame) await whenTextArrives(document, ctx.signal);
    const data = await (early ?? load());
    if (ctx.isInvalid || !data) return;
    const session = new PageSession(ctx, new PageMentions(window, new Matcher(data)), escapeKey);
    startFeatures(session, FEATURES, isTopFrame);
    session.start(settings ?? undefined);
    // Packs or the reader's own entities changed: the background published new data; mark the page again.
    watchMatcherData(matcherVersion, ctx.signal, (next) => session.setMatcher(new Matcher(next)));
  },
});

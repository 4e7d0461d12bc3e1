/**
 * Feature: finds and marks the mentions on the page, keeps them current as the page changes, and
 * follows the settings live: the master, site and topic switches remove or restore marks at once, and so
 * does a new matcher (a pack installed or removed, an entity of the reader's own saved).
 */
import { runInSlices, yieldToPage } from '../../../lib/dom/slices';
import { reportError } from '../../../lib/ext/report-error';
import { activeEntities, isSiteEnabled } from '../../../lib/settings';
import { defineFeature } from '../feature';

export default defineFeature({
  id: 'marks',
  init(session) {
    const { page, ctx } = session;
    const pause = yieldToPage(window);
    // One job at a time: a rescan never interleaves with the scan it corrects.
    let queue: Promise<void> = Promise.resolve();
    const enqueue = (job: () => Iterator<unknown>) => {
      queue = queue.then(() => runInSlices(job(), pause, ctx.signal)).catch((error) => reportError('scan', error));
      return queue;
    };

    let started = false;
    session.onSettings((settings) => {
      if (!isSiteEnabled(settings, location.hostname)) {
        page.hide();
        return;
      }
      page.setStyle(settings.markStyle);
      page.setFirstMentionOnly(settings.firstMentionOnly);
      page.setActiveEntities(activeEntities(page.data, settings));
      page.show();
      if (started) return;
      started = true;
      session.onPageChange((blocks) => {
        void enqueue(() => page.rescan(blocks));
        page.repairMarks();
      });
      void enqueue(() => page.scan());
    });
    // Packs or the reader's own entities changed: the page is read again with the new matcher, in the queue,
    // so that it never interleaves with a scan of the old one.
    session.onMatcher((matcher) => {
      if (!started) {
        page.useMatcher(matcher);
        return;
      }
      void enqueue(function* () {
        page.useMatcher(matcher);
        page.setActiveEntities(activeEntities(page.data, session.settings));
        yield* page.scan();
      });
    });
    // A page script may clear CSS.highlights; put the marks back when the user comes back to the tab.
    ctx.addEventListener(document, 'visibilitychange', () => page.repairMarks());
    ctx.onInvalidated(() => page.hide());
  },
});

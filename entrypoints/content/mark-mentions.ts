/**
 * Feature: finds and marks the mentions on the page, keeps them current as the page changes, and
 * follows the settings live: the master, site and topic switches remove or restore marks at once.
 */
import type { ContentScriptContext } from '#imports';
import { activeEntities, isSiteEnabled, type Settings } from '../../lib/settings';
import type { PageMentions } from '../../lib/dom/page-mentions';
import { MutationWatcher } from '../../lib/dom/mutations';
import { runInSlices, yieldToPage } from '../../lib/dom/slices';
import { MARK_ELEMENT } from '../../lib/dom/marks';
import { isCardElement } from '../../lib/dom/text-index';
import { readSettings, watchSettings } from '../../lib/ext/settings';
import { detach } from '../../lib/ext/detach';
import { reportError } from '../../lib/ext/report-error';

const OWN_ELEMENTS = new Set(['backstory-card', 'backstory-note-bar', MARK_ELEMENT]);

/** Whether a node belongs to Backstory (its card, its fallback marks) rather than to the page. */
export function isOwnNode(node: Node): boolean {
  for (let n: Node | null = node; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null) {
    if (n.nodeType === 1 && (OWN_ELEMENTS.has((n as Element).localName) || isCardElement((n as Element).localName))) return true;
  }
  return false;
}

export interface MarkMentions {
  /** Resolves when the first scan of the page is complete. */
  ready: Promise<void>;
}

export function initMarkMentions(ctx: ContentScriptContext, page: PageMentions, onSettings: (settings: Settings) => void): MarkMentions {
  const pause = yieldToPage(window);
  // One job at a time: a rescan never interleaves with the scan it corrects.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (job: () => Iterator<unknown>) => {
    queue = queue.then(() => runInSlices(job(), pause, ctx.signal)).catch((error) => reportError('scan', error));
    return queue;
  };
  const watcher = new MutationWatcher(window, {
    isOwn: isOwnNode,
    blockFor: (node) => page.blockFor(node),
    onChange: (blocks) => {
      void enqueue(() => page.rescan(blocks));
      page.repairMarks();
    },
  });
  page.onShadowRoot = (shadow) => watcher.observe(shadow);
  // Fallback marks are DOM edits of our own: never let them come back as page changes.
  page.guardDomEdits = (edit) => watcher.ignoring(edit);

  let started = false;
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const apply = (settings: Settings) => {
    onSettings(settings);
    if (!isSiteEnabled(settings, location.hostname)) {
      page.hide();
      if (!started) resolveReady();
      return;
    }
    page.setStyle(settings.markStyle);
    page.setActiveEntities(activeEntities(page.data, settings));
    page.show();
    if (!started) {
      started = true;
      // The document, not its root element: document.open() (an about:blank frame written by its parent)
      // replaces the root element, and the changes under a new one must still be seen.
      watcher.observe(document);
      void enqueue(() => page.scan()).then(resolveReady);
    }
  };
  void readSettings().then(apply);
  const unwatch = watchSettings(apply);
  // A page script may clear CSS.highlights; put the marks back when the user comes back to the tab.
  ctx.addEventListener(document, 'visibilitychange', () => page.repairMarks());
  ctx.onInvalidated(() => {
    watcher.disconnect();
    page.hide();
    detach(unwatch);
  });
  return { ready };
}

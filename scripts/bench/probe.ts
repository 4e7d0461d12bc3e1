/**
 * What the load bench puts into each page (the page's own world, before its scripts): a count of
 * Backstory's marks as the page can see them, a "settled" signal, and optionally the first frame
 * with a mark in the viewport. Strings, not functions: tsx would wrap a function's inner names in a
 * helper the page does not have.
 */

/** Installs `window.__bench`. With `watchViewport`, a frame loop records the first mark on screen. */
export function probeScript(options: { watchViewport: boolean }): string {
  return `(() => {
  const bench = (window.__bench = { firstMarksInViewport: -1, dcl: -1 });
  // Marks as drawn: ranges in the CSS highlights named backstory*, or fallback <backstory-mark> elements.
  const fallback = document.getElementsByTagName('backstory-mark');
  bench.marks = () => {
    let n = fallback.length;
    if (window.CSS && CSS.highlights) for (const [name, highlight] of CSS.highlights) if (name.startsWith('backstory')) n += highlight.size;
    return n;
  };
  const onScreen = (range) => {
    const live = document.createRange();
    try {
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
    } catch { return false; }
    const rect = live.getBoundingClientRect();
    return rect.width > 0 && rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth;
  };
  const markInViewport = () => {
    for (const mark of fallback) if (onScreen({ startContainer: mark, startOffset: 0, endContainer: mark, endOffset: mark.childNodes.length })) return true;
    if (!window.CSS || !CSS.highlights) return false;
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('backstory')) continue;
      for (const range of highlight) if (onScreen(range)) return true;
    }
    return false;
  };
  document.addEventListener('DOMContentLoaded', () => {
    bench.dcl = performance.getEntriesByType('navigation')[0]?.domContentLoadedEventStart ?? performance.now();
    if (!${options.watchViewport}) return;
    const frame = (now) => {
      // A frame's time is when it began, which may be a moment before DOMContentLoaded: marks already there count as 0.
      if (markInViewport()) bench.firstMarksInViewport = Math.max(0, now - bench.dcl);
      else if (now - bench.dcl < 5000) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, { once: true });
  /**
   * Settled: the document has loaded, and for quietMs the main thread had idle time in every check
   * and the number of marks did not change. Checks run at idle time (requestIdleCallback), which never
   * comes while Backstory's slices are queued, so a scan in progress is never mistaken for quiet.
   */
  bench.settle = (quietMs, maxMs) => new Promise((resolve) => {
    const started = performance.now();
    let quietSince = started;
    let last = -1;
    const check = (deadline) => {
      const now = performance.now();
      const marks = bench.marks();
      const idle = !deadline.didTimeout && deadline.timeRemaining() > 8;
      if (document.readyState !== 'complete' || marks !== last || !idle) quietSince = now;
      last = marks;
      if (now - quietSince >= quietMs) return resolve({ settled: true, marks, at: now });
      if (now - started > maxMs) return resolve({ settled: false, marks, at: now });
      requestIdleCallback(check, { timeout: 200 });
    };
    requestIdleCallback(check, { timeout: 200 });
  });
})();`;
}

/** The floor: a TreeWalker pass that reads every text node of the document, timed in the page (named, to be found in a profile). */
export const BARE_PASS_NAME = '__benchBarePass';
export const BARE_PASS = `(function ${BARE_PASS_NAME}() {
  const started = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let chars = 0;
  let nodes = 0;
  while (walker.nextNode()) { chars += walker.currentNode.data.length; nodes++; }
  return { ms: performance.now() - started, chars, nodes };
})()`;

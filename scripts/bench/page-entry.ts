/** Bundled into the benchmark page: the same scanning and marking code the content script runs. */
import { PageMentions } from '../../lib/dom/page-mentions';
import { runInSlices, yieldToPage } from '../../lib/dom/slices';
import type { PublishedMatcherData } from '../../lib/match/tables';
import { Matcher } from '../../lib/match/matcher';

/** Matchers are built once, as the content script builds its one at start-up; only scanning is timed. */
const matchers = new Map<string, Matcher>();
function matcherFor(data: PublishedMatcherData): Matcher {
  const key = String(data.phraseCount);
  let matcher = matchers.get(key);
  if (!matcher) {
    matcher = new Matcher(data);
    matchers.set(key, matcher);
  }
  return matcher;
}

function barePass(): number {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let chars = 0;
  while (walker.nextNode()) chars += (walker.currentNode as Text).data.length;
  return chars;
}

/** Scan plus highlight, in one go: the total main-thread work. Returns the time and the mention count. */
function backstoryPass(data: PublishedMatcherData): { ms: number; mentions: number } {
  const matcher = matcherFor(data);
  const started = performance.now();
  const page = new PageMentions(window, matcher);
  page.show();
  for (const _ of page.scan()) {
    // every step, without pausing
  }
  const ms = performance.now() - started;
  const mentions = page.mentions().length;
  page.hide();
  return { ms, mentions };
}

/** The same work as the content script does it: in slices, yielding between them. Returns the longest slice. */
async function slicedPass(data: PublishedMatcherData): Promise<{ longestSliceMs: number; slices: number }> {
  const page = new PageMentions(window, matcherFor(data));
  page.show();
  const job = page.scan();
  let longest = 0;
  let slices = 0;
  const pause = yieldToPage(window);
  let sliceStart = performance.now();
  await runInSlices(job, async () => {
    longest = Math.max(longest, performance.now() - sliceStart);
    slices++;
    await pause();
    sliceStart = performance.now();
  });
  longest = Math.max(longest, performance.now() - sliceStart);
  page.hide();
  return { longestSliceMs: longest, slices: slices + 1 };
}

/** What a frame's start-up does with the published data: build its matcher (fresh each time, never cached). */
function startup(data: PublishedMatcherData): number {
  const started = performance.now();
  new Matcher(data);
  return performance.now() - started;
}

(window as unknown as { backstoryBench: unknown }).backstoryBench = { barePass, backstoryPass, slicedPass, startup };

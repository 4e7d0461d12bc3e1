/**
 * One live copy of Backstory per frame. The background puts the content script into open tabs
 * after an install or update (see lib/ext/reinject.ts); a tab that was loading at that moment
 * also gets the declared copy, and two live copies would mark and answer everything twice.
 * Copies of one extension share their isolated world, so the first leaves its context there
 * (out of the page's reach) and a later copy stands down while that one is still valid. A copy
 * whose extension went away is not valid, so a new version takes over from it.
 */
import type { ContentScriptContext } from '#imports';

const RUNNING = Symbol.for('backstory.content-script');

/** True when this copy is the one that runs in this frame. */
export function claimFrame(ctx: ContentScriptContext): boolean {
  const world = globalThis as { [RUNNING]?: ContentScriptContext };
  const running = world[RUNNING];
  if (running && running !== ctx && running.isValid) return false;
  world[RUNNING] = ctx;
  return true;
}

/**
 * Escape closes what Backstory shows (the card, the toast), even on a page that stops Escape for
 * itself: a page script that calls stopImmediatePropagation() on `window` in the capture phase runs
 * before every listener registered after its own, including those inside Backstory's shadow roots,
 * since capture starts at `window`. So this one listener is registered when the content script
 * starts (at document_start, before the page's scripts run) and hands Escape to whoever is showing
 * something; the features register with it later.
 */
import type { ContentScriptContext } from '#imports';

/** Returns true when it closed something (then the others are not asked). */
export type EscapeHandler = (event: KeyboardEvent) => boolean;

export interface EscapeKey {
  /** Asks `handler` on Escape, newest first, until the signal aborts. */
  on(handler: EscapeHandler, signal: AbortSignal): void;
}

export function listenForEscape(ctx: ContentScriptContext, win: Window = window): EscapeKey {
  const handlers: EscapeHandler[] = [];
  ctx.addEventListener(
    win,
    'keydown',
    (event) => {
      if (event.key !== 'Escape') return;
      for (const handler of [...handlers].reverse()) if (handler(event)) return;
    },
    { capture: true },
  );
  return {
    on(handler, signal) {
      handlers.push(handler);
      signal.addEventListener('abort', () => handlers.splice(handlers.indexOf(handler) >>> 0, 1), { once: true });
    },
  };
}

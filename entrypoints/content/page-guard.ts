/**
 * Feature: the page cannot stop Backstory by pretending to be Backstory.
 *
 * WXT stops an older copy of a content script when a newer one starts, with a CustomEvent on the
 * document named after the extension id. A page can dispatch that event too (an extension's id is
 * public), which would switch Backstory off on that page. A newer copy of Backstory can only start
 * in a frame once this copy's extension is gone (reloaded or updated), and then `runtime.id` is
 * undefined here: until then, the event is not Backstory's, and it is stopped before WXT sees it.
 */
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ContentScriptContext as Context } from '#imports';

export function initPageGuard(ctx: Context): void {
  const ownRuntimeAlive = () => {
    try {
      return browser.runtime?.id != null;
    } catch {
      return false;
    }
  };
  ctx.addEventListener(
    window,
    // Declared private in WXT's types, public at run time: the exact name WXT listens for.
    (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE as keyof WindowEventMap,
    (event: Event) => {
      if (ownRuntimeAlive()) event.stopImmediatePropagation();
    },
    { capture: true },
  );
}

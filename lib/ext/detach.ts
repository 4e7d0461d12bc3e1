/**
 * Removes an extension-API listener when a content script stops. When it stops because its
 * extension went away (reload, update, uninstall), every extension API throws "Extension context
 * invalidated" — and the listener is gone with the context anyway — so the error is dropped here
 * rather than left to interrupt the rest of the clean-up on the page.
 */
export function detach(...removers: (() => void)[]): void {
  for (const remove of removers) {
    try {
      remove();
    } catch {
      // the context is gone, and its listeners with it
    }
  }
}

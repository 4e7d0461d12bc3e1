/**
 * When to start reading a page. The content script starts at document_start so that a page whose
 * HTML never finishes arriving (a live blog on a connection that stays open) is still read: it waits
 * for DOMContentLoaded, or at most `maxWaitMs`, and then reads what is there and watches for more.
 */
export function whenReadable(doc: Document, maxWaitMs: number): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, maxWaitMs);
    doc.addEventListener(
      'DOMContentLoaded',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

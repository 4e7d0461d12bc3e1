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

/**
 * Whether a document can hold reading text. A PDF shows in the browser's own viewer, and this
 * document around it has none (the popup should then say that Backstory cannot read the page,
 * not that nothing was found); Firefox also starts content scripts in a new tab's first, empty
 * page, which is replaced a moment later.
 */
export function hasReadableText(win: Window): boolean {
  if (win.document.contentType === 'application/pdf') return false;
  return !(win === win.top && win.location.href === 'about:blank');
}

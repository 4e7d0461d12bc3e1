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

const NOT_READING_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);

/** Whether `root` holds any text a reader could read (not only white space, scripts or styles). */
export function holdsText(root: Node): boolean {
  if (root.nodeType === 3) return /\S/.test((root as Text).data) && !NOT_READING_TEXT.has(root.parentNode?.nodeName ?? '');
  // 1 | 4: elements and text (no global NodeFilter needed).
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, 5, {
    acceptNode: (node) => (node.nodeType === 1 && NOT_READING_TEXT.has(node.nodeName) ? 2 : 1),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === 3 && /\S/.test((node as Text).data)) return true;
  }
  return false;
}

/**
 * Resolves once the document holds text to read: at once for most pages; for the empty frames of ads,
 * embeds and trackers, when (if ever) text arrives. Until then such a frame costs one observer.
 */
export function whenTextArrives(doc: Document, signal: AbortSignal): Promise<void> {
  if (holdsText(doc)) return Promise.resolve();
  const view = doc.defaultView ?? window;
  return new Promise((resolve) => {
    const observer = new view.MutationObserver((records) => {
      const arrived = records.some((r) => (r.type === 'characterData' ? holdsText(r.target) : [...r.addedNodes].some(holdsText)));
      if (!arrived) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(doc, { childList: true, subtree: true, characterData: true });
    signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  });
}

/** A fresh happy-dom document for DOM-layer unit tests. */
import { Window } from 'happy-dom';

export function documentWith(bodyHtml: string): { window: Window & typeof globalThis; document: Document } {
  const window = new Window({ settings: { disableJavaScriptEvaluation: true } }) as unknown as Window & typeof globalThis;
  window.document.body.innerHTML = bodyHtml;
  return { window, document: window.document };
}

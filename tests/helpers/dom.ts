/** A fresh happy-dom document for DOM-layer unit tests. */
import { Window as HappyWindow } from 'happy-dom';

export function documentWith(bodyHtml: string): { window: Window & typeof globalThis; document: Document } {
  const happy = new HappyWindow({ settings: { disableJavaScriptEvaluation: true } });
  const window = happy as unknown as Window & typeof globalThis;
  window.document.body.innerHTML = bodyHtml;
  return { window, document: window.document };
}

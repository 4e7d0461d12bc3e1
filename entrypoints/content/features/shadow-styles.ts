/**
 * Feature: ::highlight() rules from the page's document do not reach into shadow trees, so each open
 * shadow root that holds mentions gets one shared sheet with Backstory's highlight rules (and nothing else).
 */
import highlightCss from '../highlights.css?inline';
import { defineFeature } from '../feature';

let sheet: CSSStyleSheet | null = null;

export function styleShadowRoot(shadow: ShadowRoot, css: string): void {
  try {
    sheet ??= (() => {
      const s = new CSSStyleSheet();
      s.replaceSync(css);
      return s;
    })();
    if (!shadow.adoptedStyleSheets.includes(sheet)) shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  } catch {
    // A page that froze or replaced adoptedStyleSheets only loses the underline inside that tree.
  }
}

export default defineFeature({
  id: 'shadow-styles',
  init(session) {
    session.onShadowRoot((shadow) => styleShadowRoot(shadow, highlightCss));
  },
});

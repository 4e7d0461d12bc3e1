/**
 * Follows the mouse at most once per animation frame: pointer events can come many times a frame,
 * and each look at the page under the pointer (hit-testing) should run once for the latest position.
 * Touch is left out: there is no hover on a touch screen.
 */
import type { ContentScriptContext } from '#imports';

export function onPointerFrame(
  ctx: ContentScriptContext,
  options: { ignore(event: PointerEvent): boolean; onFrame(x: number, y: number): void },
): void {
  let frame = 0;
  let x = 0;
  let y = 0;
  ctx.addEventListener(
    document,
    'pointermove',
    (event) => {
      if (event.pointerType === 'touch' || options.ignore(event)) return;
      x = event.clientX;
      y = event.clientY;
      if (frame !== 0) return;
      frame = ctx.requestAnimationFrame(() => {
        frame = 0;
        options.onFrame(x, y);
      });
    },
    { passive: true, capture: true },
  );
}

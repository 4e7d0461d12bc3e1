/** Escape reaches Backstory first, and goes to whatever it shows, newest first (entrypoints/content/escape-key.ts). */
import { describe, expect, it } from 'vitest';
import type { ContentScriptContext } from '#imports';
import { listenForEscape } from '../../entrypoints/content/escape-key';
import { documentWith } from '../helpers/dom';

/** The part of WXT's content-script context the router uses. */
function fakeContext(): ContentScriptContext {
  return {
    addEventListener: (target: EventTarget, type: string, handler: EventListener, options?: AddEventListenerOptions) =>
      target.addEventListener(type, handler, options),
  } as unknown as ContentScriptContext;
}

describe('listenForEscape', () => {
  it('hears Escape before a page listener that stops it at window in the capture phase', () => {
    const { window, document } = documentWith('<input id="field">');
    const escapeKey = listenForEscape(fakeContext(), window);
    const closed: string[] = [];
    const controller = new AbortController();
    escapeKey.on(() => {
      closed.push('card');
      return true;
    }, controller.signal);
    // The page's own listener, registered after Backstory's (which runs at document_start).
    window.addEventListener('keydown', (event) => event.stopImmediatePropagation(), true);
    document.getElementById('field')!.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(closed).toEqual(['card']);
  });

  it('asks the newest first and stops at the first that closed something; a handler goes with its signal', () => {
    const { window, document } = documentWith('');
    const escapeKey = listenForEscape(fakeContext(), window);
    const asked: string[] = [];
    const toast = new AbortController();
    escapeKey.on(() => {
      asked.push('toast');
      return true;
    }, toast.signal);
    let cardOpen = true;
    escapeKey.on(() => {
      asked.push('card');
      const was = cardOpen;
      cardOpen = false;
      return was;
    }, new AbortController().signal);
    const press = (key = 'Escape') => document.body.dispatchEvent(new window.KeyboardEvent('keydown', { key, bubbles: true }));
    press();
    expect(asked).toEqual(['card']);
    press();
    expect(asked).toEqual(['card', 'card', 'toast']);
    press('Enter');
    expect(asked.length).toBe(3);
    toast.abort();
    press();
    expect(asked).toEqual(['card', 'card', 'toast', 'card']);
  });
});

/**
 * Backstory's voice on a page, in one shadow host of its own (`backstory-status`), made the first
 * time it is needed: a polite live region that screen readers read ("Lukashenko, 3 of 38"; a card
 * opened by hover), and the undo toast of the card's "Hide topic" and "Off on this site".
 */
import { render } from 'preact';
import { createShadowRootUi, type ContentScriptContext, type ShadowRootContentScriptUi } from '#imports';
import { Toast } from '../../components/Toast';
import type { EscapeKey } from './escape-key';
import css from './status.css?inline';

export const STATUS_ELEMENT = 'backstory-status';
/** A live region announces a change of its text, not its arrival: the text comes this long after the region. */
const ANNOUNCE_AFTER_MS = 150;

export interface ToastRequest {
  message: string;
  onUndo(): void | Promise<void>;
  /** Called once the toast is gone: `refocus` when the reader closed it from the keyboard (Escape, Undo, ×). */
  onClosed(refocus: boolean): void;
}

export class StatusView {
  private ui: Promise<ShadowRootContentScriptUi<{ live: HTMLElement; toast: HTMLElement }>> | null = null;
  private announceTimer = 0;
  private toast: ToastRequest | null = null;

  constructor(
    private readonly ctx: ContentScriptContext,
    escapeKey: EscapeKey,
  ) {
    escapeKey.on(() => {
      if (!this.toast) return false;
      this.closeToast(true);
      return true;
    }, ctx.signal);
    ctx.addEventListener(
      document,
      'pointerdown',
      (event) => {
        if (this.toast && !this.owns(event.target)) this.closeToast(false);
      },
      { capture: true, passive: true },
    );
    ctx.onInvalidated(() => void this.ui?.then((ui) => ui.remove()));
  }

  /** Whether `target` is this view's host (events from inside a shadow root are retargeted to it). */
  owns(target: EventTarget | null): boolean {
    return target instanceof Element && target.localName === STATUS_ELEMENT;
  }

  private mount() {
    this.ui ??= createShadowRootUi(this.ctx, {
      name: STATUS_ELEMENT,
      position: 'inline',
      // Beside <body>, like the card: page scripts that watch body never see it.
      anchor: () => document.documentElement,
      append: 'last',
      css,
      onMount: (container) => {
        const live = document.createElement('div');
        live.className = 'live';
        live.setAttribute('role', 'status');
        live.setAttribute('aria-live', 'polite');
        live.setAttribute('aria-atomic', 'true');
        live.lang = 'en';
        const toast = document.createElement('div');
        container.append(live, toast);
        return { live, toast };
      },
    }).then((ui) => {
      ui.mount();
      ui.shadowHost.setAttribute('lang', 'en');
      return ui;
    });
    return this.ui;
  }

  /** Says `text` to screen readers, politely (after what they are reading). */
  announce(text: string): void {
    void this.mount().then((ui) => {
      const live = ui.mounted!.live;
      live.textContent = '';
      clearTimeout(this.announceTimer);
      this.announceTimer = this.ctx.setTimeout(() => {
        live.textContent = text;
      }, ANNOUNCE_AFTER_MS);
    });
  }

  /** Shows the toast with the focus on its Undo; a toast already shown is replaced (and its closing reported). */
  async showToast(request: ToastRequest): Promise<void> {
    if (this.toast) this.closeToast(false);
    this.toast = request;
    const ui = await this.mount();
    if (this.toast !== request) return;
    const root = ui.mounted!.toast;
    render(
      <Toast
        message={request.message}
        onUndo={() => {
          void Promise.resolve(request.onUndo()).finally(() => this.closeToast(true));
        }}
        onDismiss={() => this.closeToast(true)}
      />,
      root,
    );
    const toast = root.querySelector('.toast') as HTMLElement;
    // Focus that leaves the toast for the page (a click, Tab away) lets it go.
    toast.addEventListener('focusout', (event) => {
      const next = event.relatedTarget as Node | null;
      if (this.toast === request && next && !toast.contains(next)) this.closeToast(false);
    });
    (root.querySelector('.toast-undo') as HTMLElement | null)?.focus({ preventScroll: true });
  }

  get toastShown(): boolean {
    return this.toast !== null;
  }

  private closeToast(refocus: boolean): void {
    const request = this.toast;
    if (!request) return;
    this.toast = null;
    void this.ui?.then((ui) => {
      if (!this.toast) render(null, ui.mounted!.toast);
    });
    request.onClosed(refocus);
  }
}

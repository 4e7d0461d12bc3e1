/**
 * The on-page card: one `backstory-card` host with an open shadow root, positioned by Floating UI
 * next to its mention, following it on scroll and never off-screen.
 */
import { render } from 'preact';
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { createShadowRootUi, type ContentScriptContext, type ShadowRootContentScriptUi } from '#imports';
import cardCss from '../../components/card.css?inline';
import hostCss from './card-host.css?inline';
import { Card, type CardActions } from '../../components/Card';
import type { EntityCard } from '../../lib/ext/messages';
import { CARD_ELEMENT } from '../../lib/dom/text-index';

export interface CardViewCallbacks {
  onClose(): void;
  onSelectRelated(id: string): void;
  onPointerEnter(): void;
  onPointerLeave(): void;
}

export class CardView {
  private ui: ShadowRootContentScriptUi<void> | null = null;
  private stopAutoUpdate: (() => void) | null = null;
  private generation = 0;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly callbacks: CardViewCallbacks,
  ) {}

  get host(): HTMLElement | null {
    return this.ui?.shadowHost ?? null;
  }

  get isOpen(): boolean {
    return this.ui !== null;
  }

  /** Shows `card` next to `anchor`; `focus` moves keyboard focus into it (when opened from the keyboard). */
  async show(card: EntityCard, anchor: Range, actions?: CardActions, focus = false): Promise<void> {
    const generation = ++this.generation;
    if (!this.ui) {
      const create = (name: string) =>
        createShadowRootUi(this.ctx, {
          name,
          position: 'inline',
          // Beside <body>, not in it: page scripts that watch body's children (a MutationObserver on
          // body, a framework that owns it) never see the card come and go.
          anchor: () => document.documentElement,
          append: 'last',
          css: hostCss + cardCss,
          onMount: () => undefined,
        });
      // A page may define its own `backstory-card` element that takes the shadow root first (its
      // constructor runs in the page's world, with the page's rights only): then the card uses a
      // name the page cannot guess.
      const ui = await create(CARD_ELEMENT).catch(() => create(`${CARD_ELEMENT}-${Math.random().toString(36).slice(2, 10)}`));
      if (generation !== this.generation) return; // closed or replaced while loading
      ui.mount();
      ui.shadowHost.addEventListener('pointerenter', () => this.callbacks.onPointerEnter());
      ui.shadowHost.addEventListener('pointerleave', () => this.callbacks.onPointerLeave());
      this.ui = ui;
    }
    const ui = this.ui;
    ui.shadowHost.setAttribute('data-entity', card.entity.id);
    render(
      <div role="dialog" aria-modal="false" aria-labelledby="backstory-card-title" tabIndex={-1} class="card-dialog">
        <Card card={card} actions={actions} onClose={this.callbacks.onClose} onSelectRelated={this.callbacks.onSelectRelated} />
      </div>,
      ui.uiContainer,
    );
    this.follow(anchor);
    // Hover never moves focus (the page keeps it); the keyboard command does, so Tab reaches the buttons.
    if (focus) (ui.uiContainer.querySelector('.card-dialog') as HTMLElement | null)?.focus({ preventScroll: true });
  }

  private follow(anchor: Range): void {
    const host = this.ui!.shadowHost;
    const reference = {
      getBoundingClientRect: () => anchor.getBoundingClientRect(),
      getClientRects: () => anchor.getClientRects(),
      contextElement: anchor.startContainer.parentElement ?? undefined,
    };
    this.stopAutoUpdate?.();
    const update = async () => {
      const rect = anchor.getBoundingClientRect();
      const offScreen = rect.bottom < 0 || rect.top > window.innerHeight || (rect.width === 0 && rect.height === 0);
      if (offScreen) {
        this.callbacks.onClose();
        return;
      }
      const { x, y } = await computePosition(reference, host, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(6),
          flip({ padding: 8 }),
          shift({ padding: 8 }),
          size({
            padding: 8,
            apply({ availableHeight, elements }) {
              // The card scrolls inside whatever room is left: it never runs off the screen.
              elements.floating.style.setProperty('--backstory-max-height', `${Math.max(120, Math.floor(availableHeight))}px`);
            },
          }),
        ],
      });
      host.style.setProperty('--backstory-x', `${Math.round(x)}px`);
      host.style.setProperty('--backstory-y', `${Math.round(y)}px`);
    };
    this.stopAutoUpdate = autoUpdate(reference, host, () => void update(), { animationFrame: false });
  }

  close(): void {
    this.generation++;
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    if (this.ui) {
      render(null, this.ui.uiContainer);
      this.ui.remove();
      this.ui = null;
    }
  }
}

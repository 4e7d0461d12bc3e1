/**
 * The on-page card: one `backstory-card` host with an open shadow root, positioned by Floating UI
 * next to its mention, following it on scroll and never off-screen. It shows the short card
 * (components/ShortCard.tsx); "Full card" opens the whole one beside the page.
 */
import { render } from 'preact';
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { createShadowRootUi, type ContentScriptContext, type ShadowRootContentScriptUi } from '#imports';
import cardCss from '../../components/card.css?inline';
import hostCss from './card-host.css?inline';
import type { CardActions } from '../../components/Card';
import { ShortCard } from '../../components/ShortCard';
import type { EntityCard } from '../../lib/ext/messages';
import { CARD_ELEMENT } from '../../lib/dom/text-index';

/** Gap between the mention and the card, in CSS px (the hover card bridges it: see hover-card.ts). */
export const CARD_GAP = 6;
const EDGE = 8;

export interface CardViewCallbacks {
  onClose(): void;
  onSelectRelated(id: string): void;
  onFullCard(id: string): void;
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

  /** Whether keyboard focus is inside the card. */
  get hasFocus(): boolean {
    const host = this.host;
    return !!host && (document.activeElement === host || host.contains(document.activeElement));
  }

  /** The card's box on screen, or null while it is closed. */
  rect(): DOMRect | null {
    const card = this.ui?.uiContainer.querySelector('.card');
    return card ? card.getBoundingClientRect() : null;
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
      // A finger "leaves" the card as it lifts: only a mouse or pen leaving it closes it.
      ui.shadowHost.addEventListener('pointerenter', (event) => event.pointerType !== 'touch' && this.callbacks.onPointerEnter());
      ui.shadowHost.addEventListener('pointerleave', (event) => event.pointerType !== 'touch' && this.callbacks.onPointerLeave());
      this.ui = ui;
    }
    const ui = this.ui;
    ui.shadowHost.setAttribute('data-entity', card.entity.id);
    // The card is in English whatever the page's language: without its own lang it would inherit the
    // page's (<html lang="ru">), and a screen reader would read it with a Russian voice.
    ui.shadowHost.setAttribute('lang', 'en');
    render(
      <div role="dialog" aria-modal="false" aria-labelledby="backstory-card-title" tabIndex={-1} class="card-dialog" lang="en">
        <ShortCard
          card={card}
          actions={actions}
          onClose={this.callbacks.onClose}
          onSelectRelated={this.callbacks.onSelectRelated}
          onFullCard={this.callbacks.onFullCard}
        />
      </div>,
      ui.uiContainer,
    );
    this.follow(anchor);
    // Hover never moves focus (the page keeps it); the keyboard does, so Tab reaches the buttons.
    if (focus) this.focus();
  }

  /** Moves keyboard focus to the card (its dialog). */
  focus(): void {
    (this.ui?.uiContainer.querySelector('.card-dialog') as HTMLElement | null)?.focus({ preventScroll: true });
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
      let room = 0;
      const { x, y } = await computePosition(reference, host, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(CARD_GAP),
          flip({ padding: EDGE }),
          shift({ padding: EDGE }),
          size({
            padding: EDGE,
            apply({ availableHeight, elements }) {
              room = Math.floor(availableHeight);
              elements.floating.style.setProperty('--backstory-max-height', `${Math.max(0, room)}px`);
            },
          }),
        ],
      });
      // Zoomed in (or a small window), neither side of the mention may hold a useful card: it then
      // covers the mention and takes the height of the window, scrolling inside (reflow, WCAG 1.4.10).
      const card = host.shadowRoot?.querySelector('.card') as HTMLElement | null;
      const needed = Math.min((card?.scrollHeight ?? 0) + 2, window.innerHeight - 2 * EDGE);
      if (room < needed && room < Math.min(needed, 200)) {
        host.style.setProperty('--backstory-max-height', `${window.innerHeight - 2 * EDGE}px`);
        host.style.setProperty('--backstory-x', `${Math.round(x)}px`);
        host.style.setProperty('--backstory-y', `${Math.round(window.innerHeight - EDGE - needed)}px`);
        return;
      }
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

/** Shows the note bar (components/NoteBar.tsx) in a closed shadow root next to the pointer. */
import { render } from 'preact';
import { createShadowRootUi, type ContentScriptContext, type ShadowRootContentScriptUi } from '#imports';
import css from '../../components/note-bar.css?inline';
import { NoteBar } from '../../components/NoteBar';

export const NOTE_BAR_ELEMENT = 'backstory-note-bar';
const HIDE_AFTER_MS = 700;

export class NoteBarView {
  private ui: Promise<ShadowRootContentScriptUi<void>> | null = null;
  private shownIds = '';
  private hideTimer = 0;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly onOpen: (id: string) => void,
  ) {}

  private mount(): Promise<ShadowRootContentScriptUi<void>> {
    this.ui ??= createShadowRootUi(this.ctx, {
      name: NOTE_BAR_ELEMENT,
      position: 'inline',
      // Beside <body>, not in it, like the card: page scripts that watch body never see it.
      anchor: () => document.documentElement,
      append: 'last',
      // Closed: page scripts cannot look inside (there is no note text in it anyway, only buttons).
      mode: 'closed',
      css,
      onMount: () => undefined,
    }).then((ui) => {
      ui.mount();
      ui.shadowHost.hidden = true;
      ui.shadowHost.addEventListener('pointerenter', () => clearTimeout(this.hideTimer));
      ui.shadowHost.addEventListener('pointerleave', () => this.scheduleHide());
      return ui;
    });
    return this.ui;
  }

  /** Whether `target` is the bar (pointer events on it are not the page's). */
  owns(target: EventTarget | null): boolean {
    return target instanceof Element && target.localName === NOTE_BAR_ELEMENT;
  }

  get isShown(): boolean {
    return this.shownIds !== '';
  }

  async show(ids: readonly string[], x: number, y: number): Promise<void> {
    clearTimeout(this.hideTimer);
    const key = ids.join(' ');
    if (key === this.shownIds) return;
    this.shownIds = key;
    const ui = await this.mount();
    if (this.shownIds !== key) return;
    render(
      <NoteBar
        ids={ids}
        onOpen={(id) => {
          this.hide();
          this.onOpen(id);
        }}
      />,
      ui.uiContainer,
    );
    ui.shadowHost.style.setProperty('--x', `${Math.max(4, Math.min(x - 20, innerWidth - 140))}px`);
    ui.shadowHost.style.setProperty('--y', `${y > 48 ? y - 40 : y + 18}px`);
    ui.shadowHost.hidden = false;
  }

  hide(): void {
    clearTimeout(this.hideTimer);
    this.shownIds = '';
    void this.ui?.then((ui) => {
      if (this.shownIds === '') ui.shadowHost.hidden = true;
    });
  }

  scheduleHide(): void {
    clearTimeout(this.hideTimer);
    this.hideTimer = this.ctx.setTimeout(() => this.hide(), HIDE_AFTER_MS);
  }

  remove(): void {
    clearTimeout(this.hideTimer);
    void this.ui?.then((ui) => ui.remove());
    this.ui = null;
  }
}

/**
 * What Backstory just did on a page that took marks away ("Hid 16 marks of topic Belarus politics"),
 * with the way back. Props in, callbacks out.
 */
export interface ToastProps {
  message: string;
  onUndo(): void;
  onDismiss(): void;
}

export const TOAST_MESSAGE_ID = 'backstory-toast-message';

export function Toast({ message, onUndo, onDismiss }: ToastProps) {
  return (
    <section class="toast" aria-labelledby={TOAST_MESSAGE_ID} lang="en">
      <p id={TOAST_MESSAGE_ID} class="toast-message">
        {message}
      </p>
      <button type="button" class="toast-undo" onClick={onUndo} aria-describedby={TOAST_MESSAGE_ID}>
        Undo
      </button>
      <button type="button" class="toast-close" aria-label="Dismiss" title="Dismiss (Esc)" onClick={onDismiss}>
        ×
      </button>
    </section>
  );
}

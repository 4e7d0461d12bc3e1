/**
 * The frame every import shares (notes, packs): a dry run first, then, only on confirmation, the import.
 * A native modal <dialog> (showModal): the page behind it is inert, so Tab stays inside, and Escape closes
 * it unless the import is running. It takes the focus as it opens and keeps it as its buttons change
 * between stages; the caller draws the report and puts the focus back on the control that opened it.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/** Where an import stands, with the dry run's result once there is one. */
export type DryRunStage<Result> =
  | { stage: 'checking'; fileName: string }
  | { stage: 'report'; fileName: string; result: Result }
  | { stage: 'importing'; fileName: string }
  | { stage: 'done'; fileName: string; result: Result };

export interface DryRunDialogProps {
  stage: DryRunStage<unknown>['stage'];
  /** The heading, which also names the dialog. */
  title: string;
  titleId: string;
  class?: string;
  /** What the status line says while the file is checked, and while it is imported. */
  checking: string;
  importing: string;
  /** The confirm button's label, when the dry run found something to write; otherwise there is none. */
  confirm?: string;
  onConfirm(): void;
  onClose(): void;
  /** The messages and the report between the status line and the buttons. */
  children?: ComponentChildren;
}

export function DryRunDialog(props: DryRunDialogProps) {
  const { stage, confirm } = props;
  const dialog = useRef<HTMLDialogElement>(null);

  useLayoutEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal?.();
  }, []);
  // Each stage draws other buttons: when the focused one went away, or the check has just finished (its
  // only button was Cancel), the focus goes to the next thing to do.
  const stageBefore = useRef<DryRunDialogProps['stage'] | null>(null);
  useLayoutEffect(() => {
    const el = dialog.current;
    const checked = stageBefore.current === 'checking';
    stageBefore.current = stage;
    if (!el || (el.contains(document.activeElement) && !checked)) return;
    (el.querySelector<HTMLElement>('.modal-actions .primary') ?? el.querySelector<HTMLElement>('.modal-actions button'))?.focus();
  }, [stage]);

  return (
    <dialog
      class={props.class ? `modal ${props.class}` : 'modal'}
      ref={dialog}
      aria-labelledby={props.titleId}
      onCancel={(event) => {
        // Escape: the dialog is the caller's to close (it is drawn from the caller's state).
        event.preventDefault();
        if (stage !== 'importing') props.onClose();
      }}
    >
      <h2 id={props.titleId}>{props.title}</h2>
      {stage === 'checking' && <p role="status">{props.checking}</p>}
      {stage === 'importing' && <p role="status">{props.importing}</p>}
      {props.children}
      <div class="modal-actions">
        {stage === 'report' && confirm && (
          <button type="button" class="button primary" onClick={props.onConfirm}>
            {confirm}
          </button>
        )}
        <button type="button" class="button" onClick={props.onClose}>
          {stage === 'checking' || (stage === 'report' && confirm) ? 'Cancel' : 'Close'}
        </button>
      </div>
    </dialog>
  );
}

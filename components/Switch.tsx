/** An accessible on/off switch: a button with role="switch", named by its visible label. */
import { useId } from 'preact/hooks';

export interface SwitchProps {
  label: string;
  description?: string;
  checked: boolean;
  disabled?: boolean;
  onChange(checked: boolean): void;
}

export function Switch({ label, description, checked, disabled, onChange }: SwitchProps) {
  const id = useId();
  return (
    <div class="switch-row">
      <span class="switch-text">
        <span id={id}>{label}</span>
        {description && (
          <span class="muted switch-description" id={`${id}-description`}>
            {description}
          </span>
        )}
      </span>
      <button
        type="button"
        role="switch"
        class="switch"
        aria-checked={checked}
        aria-labelledby={id}
        aria-describedby={description ? `${id}-description` : undefined}
        disabled={disabled}
        onClick={() => onChange(!checked)}
      >
        <span class="switch-knob" />
      </button>
    </div>
  );
}

import './ui.css';

export interface SwitchProps {
  /** The accessible name; it stays the same whichever way the switch is set (the state is `aria-checked`). */
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Shown next to the switch: what each position means. */
  onText?: string;
  offText?: string;
  disabled?: boolean;
}

/**
 * An on/off toggle (`role="switch"`), operated by click, Space or Enter.
 *
 * @example
 * <Switch label="Active: Order summary" checked={flow.active} onText="Active" offText="Inactive" onChange={setActive} />
 */
export function Switch({ label, checked, onChange, onText = 'On', offText = 'Off', disabled = false }: SwitchProps) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      className="ui-switch"
      disabled={disabled}
      onClick={() => onChange(!checked)}
    >
      <span className="ui-switch-track" aria-hidden="true">
        <span className="ui-switch-thumb" />
      </span>
      <span className="ui-switch-text" aria-hidden="true">
        {checked ? onText : offText}
      </span>
    </button>
  );
}

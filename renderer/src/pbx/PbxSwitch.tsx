// A labelled on/off switch (Radix Switch: role="switch", Space/Enter toggle) that can also say
// "unknown" when the PBX did not tell.
import { useId } from 'react';
import { Switch } from 'radix-ui';
import { useTranslation } from 'react-i18next';

export interface PbxSwitchProps {
  label: string;
  checked: boolean | null;
  disabled?: boolean;
  onChange(checked: boolean): void;
  /** Hide the visible label (the accessible name stays); for dense tables. */
  compact?: boolean;
}

export function PbxSwitch({ label, checked, disabled, onChange, compact }: PbxSwitchProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <span className={`pbx-switch${checked === null ? ' unknown' : ''}`}>
      <Switch.Root
        id={id}
        className="switch"
        checked={checked === true}
        // Busy while a change is on its way: aria-disabled, not disabled, because a disabled
        // button loses the keyboard focus and the agent would Tab from the top again.
        aria-disabled={disabled || undefined}
        onCheckedChange={(next) => {
          if (!disabled) onChange(next);
        }}
        aria-label={compact ? label : undefined}
      >
        <Switch.Thumb className="switch-thumb" />
      </Switch.Root>
      {compact ? null : <label htmlFor={id}>{label}</label>}
      {checked === null ? <span className="muted small">({t('pbx.unknown')})</span> : null}
    </span>
  );
}

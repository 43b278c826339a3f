/** Choose a new passphrase: the field, the meter, and a repeat that must match. */
import { useId } from 'preact/hooks';
import { t } from '../ui-kit/i18n';
import { estimateStrength, minimumScore } from './passphrase-strength';
import { StrengthMeter } from './strength-meter';

export type NewPassphrase = { value: string; repeat: string };

export function newPassphraseOk(p: NewPassphrase, userInputs: readonly string[]): boolean {
  return p.value.length >= 8 && p.value === p.repeat && estimateStrength(p.value, userInputs).score >= minimumScore;
}

export function PassphraseFields(props: { value: NewPassphrase; onChange: (v: NewPassphrase) => void; userInputs: readonly string[]; label?: string }) {
  const meterId = useId();
  const hintId = useId();
  const { value, repeat } = props.value;
  const strength = estimateStrength(value, props.userInputs);
  const mismatch = repeat.length > 0 && repeat !== value;
  return (
    <div class="lp-passphrase-fields">
      <label class="lp-field">
        {props.label ?? t('newPassphraseLabel')}
        <input type="password" autocomplete="new-password" data-testid="new-passphrase" value={value} required minLength={8}
          aria-describedby={`${hintId} ${meterId}`} onInput={(e) => props.onChange({ value: e.currentTarget.value, repeat })} />
      </label>
      <p id={hintId} class="lp-hint">{t('newPassphraseHint')}</p>
      <StrengthMeter strength={strength} id={meterId} />
      {value.length > 0 && value.length < 8 && <p class="lp-warn">{t('passphraseTooShort')}</p>}
      {value.length >= 8 && strength.score < minimumScore && <p class="lp-warn" data-testid="passphrase-weak">{t('passphraseTooWeak')}</p>}
      <label class="lp-field">
        {t('repeatPassphraseLabel')}
        <input type="password" autocomplete="new-password" data-testid="repeat-passphrase" value={repeat} required
          aria-invalid={mismatch} onInput={(e) => props.onChange({ value, repeat: e.currentTarget.value })} />
      </label>
      {mismatch && <p class="lp-warn" role="alert">{t('passphraseMismatch')}</p>}
    </div>
  );
}

/** Choose a new passphrase: the field, the meter, and a repeat that must match. */
import { useId } from 'preact/hooks';
import { t } from '../ui-kit/i18n';
import { SecretInput } from '../ui-kit/secret-input';
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
      <SecretInput label={props.label ?? t('newPassphraseLabel')} purpose="new" testId="new-passphrase" value={value} required minLength={8}
        describedBy={`${hintId} ${meterId}`} onValue={(v) => props.onChange({ value: v, repeat })} />
      <p id={hintId} class="lp-hint">{t('newPassphraseHint')}</p>
      <StrengthMeter strength={strength} id={meterId} />
      {value.length > 0 && value.length < 8 && <p class="lp-warn">{t('passphraseTooShort')}</p>}
      {value.length >= 8 && strength.score < minimumScore && <p class="lp-warn" data-testid="passphrase-weak">{t('passphraseTooWeak')}</p>}
      <SecretInput label={t('repeatPassphraseLabel')} purpose="new" testId="repeat-passphrase" value={repeat} required
        invalid={mismatch} onValue={(r) => props.onChange({ value, repeat: r })} />
      {mismatch && <p class="lp-warn" role="alert">{t('passphraseMismatch')}</p>}
    </div>
  );
}

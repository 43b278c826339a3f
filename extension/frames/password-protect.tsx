/**
 * "Protect with a password" in the key assistant (issue #22): for recipients without a key, the sender
 * takes Lockpane's suggestion (strong, easy to read out) or types a password, sees its strength against
 * the organisation's minimum, and is told plainly to pass it on by another channel. The worker suggests
 * and measures (the keyring core does not run in frames) and enforces the policy again when sealing.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '../shared/client';
import type { ResponseOf } from '../shared/catalogue';
import { t, tk } from '../ui-kit/i18n';

export type PasswordChoice = { value: string; gpgCompatible: boolean; acceptable: boolean };
type Advice = ResponseOf<'editor.passwordAdvice'>;

const levelKey = {
  'very-weak': tk('passwordLevelVeryWeak'), weak: tk('passwordLevelWeak'), fair: tk('passwordLevelFair'),
  strong: tk('passwordLevelStrong'), 'very-strong': tk('passwordLevelVeryStrong'),
} as const;

function Meter({ advice }: { advice: Advice }) {
  const ok = advice.bits >= advice.minBits;
  return (
    <div>
      <meter data-testid="password-meter" min={0} max={Math.max(80, advice.minBits)} low={advice.minBits} optimum={80}
        value={Math.min(advice.bits, 80)} aria-label={t('passwordStrength', [t(levelKey[advice.level]), String(advice.bits), String(advice.minBits)])} />{' '}
      <span data-testid="password-strength">{t('passwordStrength', [t(levelKey[advice.level]), String(advice.bits), String(advice.minBits)])}</span>
      {!ok && <p class="lp-warn" role="alert" data-testid="password-too-weak">{t('passwordTooWeak')}</p>}
    </div>
  );
}

export function PasswordProtect(props: {
  token: string; recipients: string[]; canAttach: boolean; disabled: boolean; choice: PasswordChoice | null; onChange: (c: PasswordChoice | null) => void;
}) {
  const [advice, setAdvice] = useState<Advice | null>(null);
  const who = props.recipients.join(', ');
  const choice = props.choice;
  /** The value the latest reading is for: a slower reading of an older value must not overwrite the field. */
  const latest = useRef('');

  useEffect(() => {
    call('editor.passwordAdvice', { token: props.token }).then(setAdvice, () => setAdvice(null));
  }, [props.token]);

  async function suggest() {
    const a = await call('editor.passwordAdvice', { token: props.token });
    setAdvice(a);
    latest.current = a.suggestion ?? '';
    if (a.suggestion) props.onChange({ value: a.suggestion, gpgCompatible: choice?.gpgCompatible ?? false, acceptable: a.bits >= a.minBits });
  }

  async function typed(value: string) {
    latest.current = value;
    props.onChange({ value, gpgCompatible: choice?.gpgCompatible ?? false, acceptable: false });
    if (value === '') return;
    const a = await call('editor.passwordAdvice', { token: props.token, password: value });
    if (latest.current !== value) return;
    setAdvice(a);
    props.onChange({ value, gpgCompatible: choice?.gpgCompatible ?? false, acceptable: a.bits >= a.minBits });
  }

  if (advice && !advice.allowed) return null;
  if (!choice) {
    return (
      <p>
        <button type="button" data-testid="password-protect" disabled={props.disabled || !advice} aria-label={t('passwordProtectLabel', who)}
          onClick={() => void suggest()}>{t('passwordProtect')}</button>
        {!props.canAttach && <span class="lp-warn"> {t('passwordNeedsAttach')}</span>}
      </p>
    );
  }
  return (
    <section class="lp-password-protect" aria-labelledby="lp-password-heading" data-testid="password-panel">
      <h3 id="lp-password-heading">{t('passwordHeading', who)}</h3>
      <p role="note" data-testid="password-explain">{t('passwordExplain', who)}</p>
      <label class="lp-field">{t('passwordField')}{' '}
        <input type="text" data-testid="password-value" value={choice.value} autocomplete="off" spellcheck={false} disabled={props.disabled}
          onInput={(e) => void typed((e.target as HTMLInputElement).value)} />
      </label>
      <button type="button" data-testid="password-suggest" disabled={props.disabled} onClick={() => void suggest()}>{t('passwordSuggestAnother')}</button>
      {advice && <Meter advice={advice} />}
      {advice?.gpgCompatibleAllowed && (
        <label><input type="checkbox" data-testid="password-gpg" checked={choice.gpgCompatible} disabled={props.disabled}
          onChange={(e) => props.onChange({ ...choice, gpgCompatible: (e.target as HTMLInputElement).checked })} /> {t('passwordGpgCompatible')}</label>
      )}
      {!props.canAttach && <p class="lp-warn" role="alert">{t('passwordNeedsAttach')}</p>}
      <p><button type="button" data-testid="password-cancel" disabled={props.disabled} onClick={() => props.onChange(null)}>{t('passwordCancel')}</button></p>
    </section>
  );
}

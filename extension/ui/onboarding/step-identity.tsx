/** Step 1: who the key is for. Plain words: name and email, nothing else. */
import { useState } from 'preact/hooks';
import { t } from '../../ui-kit/i18n';
import { StepHeading } from './step-heading';

export type Identity = { name: string; email: string };
const emailLike = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function StepIdentity(props: { value: Identity; onNext: (v: Identity) => void; onImport: () => void }) {
  const [name, setName] = useState(props.value.name);
  const [email, setEmail] = useState(props.value.email);
  const valid = name.trim().length > 0 && emailLike.test(email.trim());
  return (
    <form onSubmit={(e) => { e.preventDefault(); if (valid) props.onNext({ name: name.trim(), email: email.trim() }); }}>
      <StepHeading text={t('onbIdentityHeading')} step={1} of={4} />
      <p>{t('onbIdentityExplain')}</p>
      <label class="lp-field">
        {t('onbName')}
        <input type="text" autocomplete="name" required value={name} data-testid="onb-name" onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label class="lp-field">
        {t('onbEmail')}
        <input type="email" autocomplete="email" required value={email} data-testid="onb-email" onInput={(e) => setEmail(e.currentTarget.value)} />
      </label>
      <div class="lp-actions">
        <button type="submit" class="lp-primary" disabled={!valid} data-testid="onb-next">{t('onbNext')}</button>
        <button type="button" onClick={props.onImport} data-testid="onb-import">{t('onbHaveKey')}</button>
      </div>
    </form>
  );
}

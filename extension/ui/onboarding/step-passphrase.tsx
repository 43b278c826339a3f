/** Step 2: the passphrase that protects the key, then the key is made (Curve25519, a few seconds). */
import { useState } from 'preact/hooks';
import { call } from '../../shared/client';
import type { KeySummary } from '../../shared/key-summary';
import { errorMessage } from '../../ui-kit/error-message';
import { t } from '../../ui-kit/i18n';
import { PassphraseFields, newPassphraseOk, type NewPassphrase } from '../passphrase-fields';
import type { Identity } from './step-identity';
import { StepHeading } from './step-heading';

export type Generated = { key: KeySummary; revocationCertificate: string };

export function StepPassphrase(props: { identity: Identity; onBack: () => void; onGenerated: (g: Generated) => void }) {
  const [pass, setPass] = useState<NewPassphrase>({ value: '', repeat: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputs = [props.identity.name, props.identity.email];

  async function generate(e: Event) {
    e.preventDefault();
    if (!newPassphraseOk(pass, inputs)) return;
    setBusy(true); setError(null);
    try {
      const r = await call('keys.generate', { name: props.identity.name, email: props.identity.email, passphrase: pass.value, algorithm: 'curve25519' });
      props.onGenerated(r);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={generate}>
      <StepHeading text={t('onbPassphraseHeading')} step={2} of={4} />
      <p>{t('onbPassphraseExplain')}</p>
      <PassphraseFields value={pass} onChange={setPass} userInputs={inputs} />
      {busy && <p role="status" data-testid="onb-busy">{t('onbCreating')}</p>}
      {error && <p class="lp-error" role="alert">{error}</p>}
      <div class="lp-actions">
        <button type="submit" class="lp-primary" disabled={busy || !newPassphraseOk(pass, inputs)} data-testid="onb-create">{t('onbCreate')}</button>
        <button type="button" onClick={props.onBack} disabled={busy}>{t('onbBack')}</button>
      </div>
    </form>
  );
}

/**
 * First run: about you → passphrase (key made) → security phrase → done. Or: import an existing key →
 * security phrase → done. Nothing technical on the way; details live on the keyring page.
 */
import { useState } from 'preact/hooks';
import type { KeySummary } from '../../shared/key-summary';
import { t } from '../../ui-kit/i18n';
import { useSettings } from '../use-settings';
import { StepFinish } from './step-finish';
import { StepIdentity, type Identity } from './step-identity';
import { StepImport } from './step-import';
import { StepIndicator } from './step-indicator';
import { StepPassphrase } from './step-passphrase';

type Step = 'identity' | 'passphrase' | 'import' | 'indicator' | 'finish';

export function Wizard(props: { onDone: () => void }) {
  const [step, setStep] = useState<Step>('identity');
  const [identity, setIdentity] = useState<Identity>({ name: '', email: '' });
  const [key, setKey] = useState<KeySummary | null>(null);
  const [revocation, setRevocation] = useState<string | null>(null);
  // When the organisation does not allow making keys here, the only way in is importing one.
  const mayGenerate = useSettings()?.allowKeyGeneration !== false;
  const current: Step = step === 'identity' && !mayGenerate ? 'import' : step;

  return (
    <section class="lp-wizard" aria-label={t('onbTitle')} data-testid="onboarding" data-step={current}>
      <h1 class="lp-title">{t('onbTitle')}</h1>
      <p>{t('onbIntro')}</p>
      {current === 'identity' && (
        <StepIdentity value={identity} onImport={() => setStep('import')}
          onNext={(v) => { setIdentity(v); setStep('passphrase'); }} />
      )}
      {current === 'passphrase' && (
        <StepPassphrase identity={identity} onBack={() => setStep('identity')}
          onGenerated={(g) => { setKey(g.key); setRevocation(g.revocationCertificate); setStep('indicator'); }} />
      )}
      {current === 'import' && (
        <StepImport onBack={mayGenerate ? () => setStep('identity') : null} onImported={(own) => { setKey(own); setStep('indicator'); }} />
      )}
      {current === 'indicator' && <StepIndicator onNext={() => setStep('finish')} />}
      {current === 'finish' && key && <StepFinish keyInfo={key} revocationCertificate={revocation} onDone={props.onDone} />}
    </section>
  );
}

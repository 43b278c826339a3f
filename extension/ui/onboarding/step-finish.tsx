/**
 * Last step: the key is ready. Offer the two files worth keeping somewhere safe — the revocation
 * certificate (to withdraw the key if it is lost) and a passphrase-protected copy of the key.
 */
import { useState } from 'preact/hooks';
import { call } from '../../shared/client';
import type { KeySummary } from '../../shared/key-summary';
import { downloadText, fileNameFor } from '../download';
import { Fingerprint } from '../../ui-kit/fingerprint';
import { t } from '../../ui-kit/i18n';
import { PassphraseDialog } from '../keyring/passphrase-dialog';
import { ShareKey } from '../share-key';
import { useSettings } from '../use-settings';
import { StepHeading } from './step-heading';

export function StepFinish(props: { keyInfo: KeySummary; revocationCertificate: string | null; onDone: () => void }) {
  const [asking, setAsking] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const email = props.keyInfo.emails[0] ?? '';
  const mayExport = useSettings()?.allowPrivateKeyExport !== false;

  async function saveCopy(passphrase: string) {
    const { armored } = await call('keys.exportPrivate', { fingerprint: props.keyInfo.fingerprint, passphrase });
    downloadText(fileNameFor(email, 'private.asc'), armored);
    setAsking(false);
    setSaved(t('onbCopySaved'));
  }

  return (
    <div data-testid="onb-finish">
      <StepHeading text={t('onbDoneHeading')} step={4} of={4} />
      <p>{t('onbDoneExplain', email)}</p>
      <p>{t('onbYourFingerprint')}</p>
      <Fingerprint value={props.keyInfo.fingerprint} />
      <h3>{t('onbKeepSafeHeading')}</h3>
      <ul class="lp-plain lp-keep-safe">
        {props.revocationCertificate && (
          <li>
            <button type="button" data-testid="onb-revocation" onClick={() => downloadText(fileNameFor(email, 'revocation.asc'), props.revocationCertificate!)}>
              {t('onbSaveRevocation')}
            </button>
            <p class="lp-hint">{t('onbRevocationExplain')}</p>
          </li>
        )}
        {mayExport && <li>
          <button type="button" data-testid="onb-backup" onClick={() => setAsking(true)}>{t('onbSaveCopy')}</button>
          <p class="lp-hint">{t('onbCopyExplain')}</p>
        </li>}
      </ul>
      {saved && <p role="status" class="lp-ok">{saved}</p>}
      <ShareKey fingerprint={props.keyInfo.fingerprint} />
      <h3>{t('onbNextHeading')}</h3>
      <p>{t('onbNextExplain')}</p>
      <button type="button" class="lp-primary" onClick={props.onDone} data-testid="onb-finish-button">{t('onbGoToKeyring')}</button>
      {asking && (
        <PassphraseDialog title={t('onbSaveCopy')} confirm={t('exportPrivateConfirm')} email={email}
          onClose={() => setAsking(false)} onSubmit={saveCopy}>
          <p>{t('exportPrivateExplain')}</p>
        </PassphraseDialog>
      )}
    </div>
  );
}

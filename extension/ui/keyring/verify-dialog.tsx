/** Verify a contact's key: read the fingerprint together (phone, in person), then confirm it matches. */
import { Dialog } from '../dialog';
import { Fingerprint } from '../../ui-kit/fingerprint';
import { t } from '../../ui-kit/i18n';
import type { KeySummary } from '../../shared/key-summary';

export function VerifyDialog(props: { keyInfo: KeySummary; onConfirm: () => void; onClose: () => void }) {
  return (
    <Dialog title={t('verifyTitle', props.keyInfo.emails[0] ?? '')} onClose={props.onClose} testId="verify-dialog">
      <p>{t('verifyExplain')}</p>
      <Fingerprint value={props.keyInfo.fingerprint} testId="verify-fingerprint" />
      <p>{t('verifyQuestion')}</p>
      <div class="lp-actions">
        <button type="button" class="lp-primary" onClick={props.onConfirm} data-testid="verify-confirm">{t('verifyMatch')}</button>
        <button type="button" onClick={props.onClose} data-testid="verify-cancel">{t('verifyNoMatch')}</button>
      </div>
    </Dialog>
  );
}

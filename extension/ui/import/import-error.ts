/** A clear sentence for each way an import can fail. */
import { errorCode, errorMessage } from '../../ui-kit/error-message';
import { t } from '../../ui-kit/i18n';

export function importErrorMessage(e: unknown, claimedKey: boolean, what: 'key' | 'certificate' = 'key'): string {
  if (e instanceof RangeError) return t('errTooLarge');
  const code = errorCode(e);
  if (code === 'bad-data' || code === 'bad-armor') return t(!claimedKey ? 'errNotAKey' : what === 'key' ? 'errCorrupt' : 'errCorruptCertificate');
  if (code === 'missing-argument') return t('importNeedsPassphrase');
  if (code === 'bad-request') return t('errTooLarge');
  return errorMessage(e);
}

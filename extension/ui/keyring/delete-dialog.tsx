/** Deleting is final: say what is lost, and make "keep it" the easy choice. */
import { Dialog } from '../dialog';
import { t } from '../../ui-kit/i18n';
import type { KeySummary } from '../../shared/key-summary';

export function DeleteDialog(props: { keyInfo: KeySummary; onConfirm: () => void; onClose: () => void }) {
  const who = props.keyInfo.emails[0] ?? props.keyInfo.fingerprint;
  return (
    <Dialog title={t('deleteTitle', who)} onClose={props.onClose} testId="delete-dialog">
      <p>{t(props.keyInfo.hasPrivate ? 'deleteOwnWarning' : 'deleteWarning')}</p>
      <div class="lp-actions">
        <button type="button" onClick={props.onClose} autofocus data-testid="delete-cancel">{t('deleteKeep')}</button>
        <button type="button" class="lp-danger" onClick={props.onConfirm} data-testid="delete-confirm">{t('deleteConfirm')}</button>
      </div>
    </Dialog>
  );
}

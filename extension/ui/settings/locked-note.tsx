/** Shown beside a setting the organisation fixed: the control stays visible, disabled, with the reason. */
import { t } from '../../ui-kit/i18n';

export function LockedNote(props: { id: string }) {
  return <span id={props.id} class="lp-locked" data-testid="locked-note">🔒 {t('settingLocked')}</span>;
}

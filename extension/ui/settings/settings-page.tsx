/** Settings: preferences, enabled web mails, the security phrase and colour, backup, and what policy sets. */
import { t } from '../../ui-kit/i18n';
import { IndicatorEditor } from '../indicator-editor';
import { BackupSection } from './backup-section';
import { PolicySection } from './policy-section';
import { SettingsForm } from './settings-form';
import { SitesSection } from './sites-section';

export function SettingsPage() {
  return (
    <div class="lp-settings" data-testid="settings-page">
      <h2>{t('settingsHeading')}</h2>
      <PolicySection />
      <section aria-labelledby="prefs-heading">
        <h3 id="prefs-heading">{t('settingsPrefsHeading')}</h3>
        <SettingsForm />
      </section>
      <SitesSection />
      <section aria-labelledby="indicator-heading">
        <h3 id="indicator-heading">{t('indicatorHeading')}</h3>
        <IndicatorEditor />
      </section>
      <BackupSection />
    </div>
  );
}

/** Settings: enabled web mails and the personal security phrase and colour. */
import { t } from '../i18n';
import { IndicatorEditor } from '../indicator-editor';
import { SitesSection } from './sites-section';

export function SettingsPage() {
  return (
    <div class="lp-settings" data-testid="settings-page">
      <h2>{t('settingsHeading')}</h2>
      <SitesSection />
      <section aria-labelledby="indicator-heading">
        <h3 id="indicator-heading">{t('indicatorHeading')}</h3>
        <IndicatorEditor />
      </section>
    </div>
  );
}

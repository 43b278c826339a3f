/** Web mails where Lockpane is on, each with a way to turn it off. */
import { useEffect, useState } from 'preact/hooks';
import { call } from '../../shared/client';
import { errorMessage } from '../../ui-kit/error-message';
import { t } from '../../ui-kit/i18n';

export function SitesSection() {
  const [sites, setSites] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('sites.list', {}).then((r) => setSites(r.origins), (e) => setError(errorMessage(e)));
  }, []);

  async function disable(origin: string) {
    try {
      setSites((await call('sites.disable', { origin })).origins);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <section aria-labelledby="sites-heading">
      <h3 id="sites-heading">{t('optionsSitesHeading')}</h3>
      {sites.length === 0 ? <p>{t('optionsNoSites')}</p> : (
        <ul data-testid="options-sites" class="lp-plain">
          {sites.map((s) => (
            <li key={s}>
              <span>{s}</span>{' '}
              <button type="button" onClick={() => void disable(s)} aria-label={t('optionsDisableSite', s)}>{t('popupDisable')}</button>
            </li>
          ))}
        </ul>
      )}
      {error && <p class="lp-error" role="alert">{error}</p>}
    </section>
  );
}

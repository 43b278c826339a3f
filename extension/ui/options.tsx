/** The options page. For now: enabled sites and the security indicator; the keyring UI comes next. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { call } from '../shared/client';
import { t } from './i18n';
import { SecurityBadge } from './security-badge';

function Options() {
  const [sites, setSites] = useState<string[]>([]);
  const [version, setVersion] = useState('');
  useEffect(() => {
    call('sites.list', {}).then((r) => setSites(r.origins), () => setSites([]));
    call('worker.status', { verbose: false }).then((s) => setVersion(s.version), () => setVersion('?'));
  }, []);

  async function disable(origin: string) {
    const r = await call('sites.disable', { origin });
    setSites(r.origins);
  }

  return (
    <main class="lp-options">
      <h1 class="lp-title">{t('optionsTitle')}</h1>
      <SecurityBadge />
      <section aria-labelledby="sites-heading">
        <h2 id="sites-heading">{t('optionsSitesHeading')}</h2>
        {sites.length === 0 ? <p>{t('optionsNoSites')}</p> : (
          <ul data-testid="options-sites">
            {sites.map((s) => (
              <li key={s}>
                <span>{s}</span>{' '}
                <button type="button" onClick={() => void disable(s)} aria-label={t('optionsDisableSite', s)}>
                  {t('popupDisable')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <footer><small data-testid="options-version">{t('optionsVersion', version)}</small></footer>
    </main>
  );
}

render(<Options />, document.getElementById('root')!);

/**
 * The options page: the onboarding wizard on first run (no own key yet), otherwise the keyring, import,
 * trust store and settings sections.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { call } from '../shared/client';
import { t } from '../ui-kit/i18n';
import { ImportPanel } from './import/import-panel';
import { DiscoveryPage } from './options/discovery-page';
import { KeyringPage } from './keyring/keyring-page';
import { Nav, routeOf, type Route } from './nav';
import { Wizard } from './onboarding/wizard';
import { SecurityBadge } from '../ui-kit/security-badge';
import { SettingsPage } from './settings/settings-page';
import { TrustPage } from './trust/trust-page';

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function Options() {
  const hash = useHash();
  const [hasOwnKey, setHasOwnKey] = useState<boolean | null>(null);
  const [version, setVersion] = useState('');
  useEffect(() => {
    call('keys.list', {}).then((r) => setHasOwnKey(r.keys.some((k) => k.hasPrivate)), () => setHasOwnKey(true));
    call('worker.status', { verbose: false }).then((s) => setVersion(s.version), () => setVersion('?'));
  }, []);

  const route = routeOf(hash);
  if (hasOwnKey === null) return <main class="lp-options"><p>{t('loading')}</p></main>;
  const welcome = route === 'welcome' || (route === null && !hasOwnKey);
  const page: Route = route === null || route === 'welcome' ? 'keys' : route;

  return (
    <>
      <header class="lp-header">
        <span class="lp-title">{t('optionsTitle')}</span>
        <SecurityBadge />
      </header>
      {welcome ? (
        <main class="lp-options">
          <Wizard onDone={() => { setHasOwnKey(true); location.hash = '#keys'; }} />
        </main>
      ) : (
        <>
          <Nav current={page} />
          <main class="lp-options" data-page={page}>
            <h1 class="lp-visually-hidden">{t('optionsTitle')}</h1>
            {page === 'keys' && <KeyringPage />}
            {page === 'import' && (
              <div data-testid="import-page">
                <h2>{t('importHeading')}</h2>
                <p>{t('importExplain')}</p>
                <ImportPanel />
              </div>
            )}
            {page === 'discovery' && <DiscoveryPage />}
            {page === 'trust' && <TrustPage />}
            {page === 'settings' && <SettingsPage />}
          </main>
        </>
      )}
      <footer class="lp-footer"><small data-testid="options-version">{t('optionsVersion', version)}</small></footer>
    </>
  );
}

render(<Options />, document.getElementById('root')!);

/**
 * The reader frame: an extension-origin page mounted by the content script. It takes nothing from its URL
 * but the single-use token, which it removes from the address at once, and listens to no postMessage.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { call } from '../shared/client';
import type { ResponseOf } from '../shared/catalogue';
import { ProtocolError } from '../shared/result';
import { t } from '../ui/i18n';
import { SecurityBadge } from '../ui/security-badge';

type View = ResponseOf<'reader.claim'>;

function takeToken(): string {
  const token = location.hash.slice(1);
  history.replaceState(null, '', location.pathname);
  return token;
}

const kindLabel: Record<View['kind'], string> = {
  'pgp-message': 'readerKindPgpMessage',
  'pgp-signed': 'readerKindPgpSigned',
  'pgp-key': 'readerKindPgpKey',
  cms: 'readerKindCms',
};

function Reader({ token }: { token: string }) {
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('reader.claim', { token }).then(setView, (e: unknown) =>
      setError(e instanceof ProtocolError ? e.message : t('errorUnexpected')));
  }, [token]);
  return (
    <main class="lp-frame" aria-live="polite">
      <SecurityBadge />
      {error && <p role="alert" class="lp-error" data-testid="reader-error">{error}</p>}
      {view && (
        <section data-testid="reader-view" data-kind={view.kind}>
          <h1 class="lp-title">{t(kindLabel[view.kind])}</h1>
          <p>{t('readerFromSite', view.origin)}</p>
          <p data-testid="reader-size">{t('readerSize', String(new TextEncoder().encode(view.armored).length))}</p>
        </section>
      )}
      {!view && !error && <p>{t('loading')}</p>}
    </main>
  );
}

render(<Reader token={takeToken()} />, document.getElementById('root')!);

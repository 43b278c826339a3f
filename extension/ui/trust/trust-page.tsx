/**
 * S/MIME trust store: the root certificates whose certificates Lockpane accepts. The user adds and
 * removes their own; roots set by the organisation's policy are listed but locked.
 */
import { useEffect, useState } from 'preact/hooks';
import { call } from '../../shared/client';
import type { TrustRootSummary } from '../../shared/catalogue';
import { errorMessage } from '../../ui-kit/error-message';
import { Fingerprint } from '../../ui-kit/fingerprint';
import { formatDate, t } from '../../ui-kit/i18n';
import { importErrorMessage } from '../import/import-error';
import { ImportSource } from '../import/import-source';
import { looksLikeKey } from '../import/read-file';

export function TrustPage() {
  const [roots, setRoots] = useState<TrustRootSummary[] | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  async function reload() {
    try {
      setRoots((await call('trust.roots', {})).roots);
    } catch (e) {
      setStatus({ ok: false, text: errorMessage(e) });
    }
  }
  useEffect(() => { void reload(); }, []);

  async function remove(r: TrustRootSummary) {
    try {
      await call('trust.removeRoot', { fingerprint: r.fingerprint });
      setStatus({ ok: true, text: t('trustRemoved', r.subject) });
      await reload();
    } catch (e) {
      setStatus({ ok: false, text: errorMessage(e) });
    }
  }

  return (
    <div class="lp-trust" data-testid="trust-page">
      <h2>{t('trustHeading')}</h2>
      <p>{t('trustExplain')}</p>
      {roots && roots.length === 0 && <p data-testid="trust-empty">{t('trustEmpty')}</p>}
      {roots && roots.length > 0 && (
        <ul class="lp-root-list" data-testid="trust-list">
          {roots.map((r) => (
            <li key={r.fingerprint} data-testid="trust-root">
              <strong>{r.subject}</strong>
              <div><Fingerprint value={r.fingerprint} /></div>
              <div>{t('trustAdded', formatDate(r.addedAt))}</div>
              {r.locked
                ? <p class="lp-locked" data-testid="trust-locked">🔒 {t('trustLockedByPolicy')}</p>
                : <button type="button" onClick={() => void remove(r)} aria-label={t('trustRemoveAria', r.subject)}>{t('trustRemove')}</button>}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('trustAddHeading')}</h3>
      <ImportSource
        onError={(e) => setStatus({ ok: false, text: importErrorMessage(e, false) })}
        onPayload={(p) => void (async () => {
          try {
            const { root } = await call('trust.addRoot', { ...(p.text !== undefined ? { text: p.text } : {}), ...(p.base64 !== undefined ? { base64: p.base64 } : {}) });
            setStatus({ ok: true, text: t('trustAddedRoot', root.subject) });
            await reload();
          } catch (e) {
            setStatus({ ok: false, text: importErrorMessage(e, looksLikeKey(p), 'certificate') });
          }
        })()} />
      {status && <p role={status.ok ? 'status' : 'alert'} class={status.ok ? 'lp-ok' : 'lp-error'} data-testid="trust-status">{status.text}</p>}
    </div>
  );
}

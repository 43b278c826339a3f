/**
 * Import in two steps: check (preview, nothing written) and then add. Private keys need a passphrase
 * that protects them inside Lockpane; S/MIME files (PKCS#12, PEM keys) also need their own password.
 */
import { useState } from 'preact/hooks';
import { call } from '../../shared/client';
import type { ResponseOf } from '../../shared/catalogue';
import type { KeySummary } from '../../shared/key-summary';
import { errorCode } from '../../ui-kit/error-message';
import { t } from '../../ui-kit/i18n';
import { SecretInput } from '../../ui-kit/secret-input';
import { importErrorMessage } from './import-error';
import { ImportPreview } from './import-preview';
import { ImportSource } from './import-source';
import { isSmimePrivate, looksLikeKey, type ImportPayload } from './read-file';

type Items = ResponseOf<'keys.importPreview'>['items'];
type Secrets = { password: string; protectWith: string };

export function ImportPanel(props: { onImported?: (keys: KeySummary[]) => void }) {
  const [payload, setPayload] = useState<ImportPayload | null>(null);
  const [items, setItems] = useState<Items | null>(null);
  const [secrets, setSecrets] = useState<Secrets>({ password: '', protectWith: '' });
  const [ask, setAsk] = useState<{ password: boolean; protect: boolean }>({ password: false, protect: false });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const body = (p: ImportPayload, s: Secrets, smime: boolean) => ({
    ...(p.text !== undefined ? { text: p.text } : {}), ...(p.base64 !== undefined ? { base64: p.base64 } : {}),
    ...(s.protectWith ? { protectWith: s.protectWith } : {}), ...(smime ? { password: s.password } : {}),
  });

  function failed(e: unknown, p: ImportPayload, smime: boolean) {
    const code = errorCode(e);
    if (code === 'missing-argument') {
      setAsk({ password: smime, protect: true });
      setError(t(smime ? 'importNeedsFilePassword' : 'importNeedsPassphrase'));
    } else if (code === 'wrong-passphrase' && smime) {
      setError(t('importWrongFilePassword'));
    } else {
      setError(importErrorMessage(e, looksLikeKey(p)));
    }
  }

  async function check(p: ImportPayload, s: Secrets) {
    const fresh = p !== payload;
    const smime = isSmimePrivate(p);
    setPayload(p); setItems(null); setError(null); setDone(null);
    if (fresh) {
      setSecrets({ password: '', protectWith: '' });
      s = { password: '', protectWith: '' };
      // An S/MIME key file always needs both secrets: ask before trying.
      setAsk({ password: smime, protect: smime });
      if (smime) {
        setError(t('importNeedsFilePassword'));
        return;
      }
    }
    setBusy(true);
    try {
      setItems((await call('keys.importPreview', body(p, s, smime))).items);
    } catch (e) {
      failed(e, p, smime);
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    if (!payload) return;
    const smime = isSmimePrivate(payload);
    setBusy(true);
    try {
      const { results } = await call('keys.import', body(payload, secrets, smime));
      const conflicts = results.flatMap((r) => r.conflicts.map((c) => c.email));
      setDone(t('importDone', String(results.length)) + (conflicts.length ? ` ${t('importConflicts', conflicts.join(', '))}` : ''));
      setItems(null); setPayload(null); setSecrets({ password: '', protectWith: '' }); setAsk({ password: false, protect: false });
      props.onImported?.(results.map((r) => r.key));
    } catch (e) {
      failed(e, payload, smime);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="lp-import" data-testid="import-panel">
      <ImportSource onPayload={(p) => void check(p, secrets)} onError={(e) => setError(importErrorMessage(e, false))} />
      {(ask.password || ask.protect) && payload && (
        <form onSubmit={(e) => { e.preventDefault(); void check(payload, secrets); }}>
          {ask.password && (
            <SecretInput label={t('importFilePassword')} purpose="off" value={secrets.password} testId="import-password"
              onValue={(password) => setSecrets({ ...secrets, password })} />
          )}
          {ask.protect && (
            <SecretInput label={t('importProtectWith')} purpose="new" minLength={8} value={secrets.protectWith} testId="import-protect"
              onValue={(protectWith) => setSecrets({ ...secrets, protectWith })} />
          )}
          <button type="submit" disabled={ask.protect && secrets.protectWith.length < 8} data-testid="import-secrets-submit">{t('importCheck')}</button>
        </form>
      )}
      {busy && <p role="status">{t('loading')}</p>}
      {error && <p class="lp-error" role="alert" data-testid="import-error">{error}</p>}
      {items && (
        <section aria-label={t('importPreviewHeading')}>
          <h3>{t('importPreviewHeading')}</h3>
          <ImportPreview items={items} />
          <button type="button" class="lp-primary" onClick={() => void commit()} disabled={busy} data-testid="import-commit">
            {t('importCommit', String(items.length))}
          </button>{' '}
          <button type="button" onClick={() => { setItems(null); setPayload(null); }}>{t('cancel')}</button>
        </section>
      )}
      {done && <p role="status" class="lp-ok" data-testid="import-done">{done}</p>}
    </div>
  );
}

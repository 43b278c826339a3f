/** Import in two steps: check (preview, nothing written) and then add. */
import { useState } from 'preact/hooks';
import { call } from '../../shared/client';
import type { ResponseOf } from '../../shared/catalogue';
import type { KeySummary } from '../../shared/key-summary';
import { t } from '../i18n';
import { importErrorMessage } from './import-error';
import { ImportPreview } from './import-preview';
import { ImportSource } from './import-source';
import { looksLikeKey, type ImportPayload } from './read-file';

type Items = ResponseOf<'keys.importPreview'>['items'];

export function ImportPanel(props: { onImported?: (keys: KeySummary[]) => void }) {
  const [payload, setPayload] = useState<ImportPayload | null>(null);
  const [items, setItems] = useState<Items | null>(null);
  const [protectWith, setProtectWith] = useState('');
  const [needsProtection, setNeedsProtection] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const body = (p: ImportPayload) => ({
    ...(p.text !== undefined ? { text: p.text } : {}), ...(p.base64 !== undefined ? { base64: p.base64 } : {}),
    ...(protectWith ? { protectWith } : {}),
  });

  async function check(p: ImportPayload) {
    setPayload(p); setItems(null); setError(null); setDone(null); setBusy(true);
    try {
      setItems((await call('keys.importPreview', body(p))).items);
    } catch (e) {
      setNeedsProtection((e as { code?: string }).code === 'missing-argument');
      setError(importErrorMessage(e, looksLikeKey(p)));
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    if (!payload) return;
    setBusy(true);
    try {
      const { results } = await call('keys.import', body(payload));
      const conflicts = results.flatMap((r) => r.conflicts.map((c) => c.email));
      setDone(t('importDone', String(results.length)) + (conflicts.length ? ` ${t('importConflicts', conflicts.join(', '))}` : ''));
      setItems(null); setPayload(null); setProtectWith(''); setNeedsProtection(false);
      props.onImported?.(results.map((r) => r.key));
    } catch (e) {
      setError(importErrorMessage(e, looksLikeKey(payload)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="lp-import" data-testid="import-panel">
      <ImportSource onPayload={(p) => void check(p)} onError={(e) => setError(importErrorMessage(e, false))} />
      {needsProtection && payload && (
        <form onSubmit={(e) => { e.preventDefault(); void check(payload); }}>
          <label class="lp-field">
            {t('importProtectWith')}
            <input type="password" autocomplete="new-password" minLength={8} value={protectWith} data-testid="import-protect"
              onInput={(e) => setProtectWith(e.currentTarget.value)} />
          </label>
          <button type="submit" disabled={protectWith.length < 8}>{t('importCheck')}</button>
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

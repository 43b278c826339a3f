/** Keyring: search, the list of identities, and the details of the one selected. */
import { useEffect, useState } from 'preact/hooks';
import { call } from '../../shared/client';
import type { KeySummary } from '../../shared/key-summary';
import { errorMessage } from '../../ui-kit/error-message';
import { t } from '../../ui-kit/i18n';
import { KeyChanges } from './key-changes';
import { KeyDetails } from './key-details';
import { KeyList } from './key-list';
import { useKeyringChanges } from './use-keyring-changes';

export function KeyringPage() {
  const [query, setQuery] = useState('');
  const [keys, setKeys] = useState<KeySummary[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  async function reload() {
    try {
      setKeys((await call('keys.list', {})).keys);
      setVersion((v) => v + 1);
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  useEffect(() => { void reload(); }, []);
  useKeyringChanges(() => void reload());
  // Filtered here, by any part of an address, a name or the fingerprint (spaces ignored).
  const q = query.trim().toLowerCase();
  const fq = q.replace(/\s+/g, '');
  const shown = keys?.filter((k) => !q || k.emails.some((m) => m.toLowerCase().includes(q))
    || k.names.some((n) => n.toLowerCase().includes(q)) || (fq.length >= 4 && k.fingerprint.toLowerCase().includes(fq))) ?? null;

  const current = keys?.find((k) => k.fingerprint === selected) ?? null;
  return (
    <div class="lp-keyring" data-testid="keyring-page">
      <h2>{t('keysHeading')}</h2>
      <label class="lp-field lp-search">
        {t('keysSearch')}
        <input type="search" value={query} data-testid="keys-search" onInput={(e) => setQuery(e.currentTarget.value)} />
      </label>
      {note && <p role="status" class="lp-ok" data-testid="keys-note">{note}</p>}
      {error && <p role="alert" class="lp-error">{error}</p>}
      <KeyChanges version={version} onSettled={(n) => { setNote(n); void reload(); }} />
      <div class="lp-keyring-body">
        {shown ? <KeyList keys={shown} selected={selected} onSelect={(fp) => { setSelected(fp); setNote(null); }} /> : <p>{t('loading')}</p>}
        {current && (
          <KeyDetails key={current.fingerprint} keyInfo={current}
            onChanged={(n) => { setNote(n); void reload(); }}
            onDeleted={() => { setSelected(null); setNote(t('noteDeleted')); void reload(); }} />
        )}
      </div>
    </div>
  );
}

/**
 * The options page's Discovery section: an email address → Look up → the keys found (fingerprint,
 * source, user IDs, dates, a warning when the address already has another key) → Import one. Imported
 * keys are unverified; the keyring is where the user compares fingerprints and decides.
 */
import { useState } from 'preact/hooks';
import { call } from '../../shared/client';
import type { DiscoveryImport, DiscoveryLookup } from '../../shared/discovery-types';
import { t } from '../../ui-kit/i18n';
import { AskedList, CandidateCard } from '../../ui-kit/discovery-candidate';
import { discoveryErrorText } from '../../ui-kit/discovery-error';

export function DiscoveryPage() {
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<DiscoveryLookup | null>(null);
  const [imported, setImported] = useState<DiscoveryImport | null>(null);

  async function lookUp(e: Event) {
    e.preventDefault();
    const address = email.trim();
    if (!address) return;
    setBusy(true);
    setError(null);
    setFound(null);
    setImported(null);
    setStatus(t('discoveryLooking', address));
    try {
      const r = await call('discovery.lookup', { email: address });
      setFound(r);
      setStatus(t('discoveryFoundCount', [String(r.candidates.length), r.email]));
    } catch (err) {
      setStatus(null);
      setError(discoveryErrorText(err, 'lookup', address));
    } finally {
      setBusy(false);
    }
  }

  async function importOne(id: string) {
    if (!found) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('discovery.import', { id });
      setImported(r);
      setFound(null);
      setStatus(null);
    } catch (err) {
      setError(discoveryErrorText(err, 'import', found.email));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section data-testid="discovery-page" aria-labelledby="discovery-heading">
      <h2 id="discovery-heading">{t('discoveryHeading')}</h2>
      <p>{t('discoveryExplain')}</p>
      <form onSubmit={(e) => void lookUp(e)}>
        <label class="lp-field">{t('discoveryEmailLabel')}
          <input type="email" data-testid="discovery-email" required autocomplete="email" value={email}
            onInput={(e) => setEmail((e.target as HTMLInputElement).value)} disabled={busy} />
        </label>
        <button type="submit" data-testid="discovery-lookup" disabled={busy}>{t('discoveryLookup')}</button>
      </form>
      <p role="status" data-testid="discovery-status">{status ?? ''}</p>
      {error && <p role="alert" class="lp-error" data-testid="discovery-error">{error}</p>}
      {found && (
        <>
          <ul class="lp-import-preview" aria-label={t('discoveryResultsLabel', found.email)} data-testid="discovery-results">
            {found.candidates.map((c) => <CandidateCard key={c.id} candidate={c} busy={busy} onImport={() => void importOne(c.id)} />)}
          </ul>
          <AskedList outcomes={found.outcomes} />
        </>
      )}
      {imported && (
        <p role="status" class={imported.conflicts.length > 0 ? 'lp-warn' : 'lp-ok'} data-testid="discovery-imported">
          {imported.conflicts.length > 0
            ? t('discoveryImportedHeld', imported.conflicts.map((c) => c.email).join(', '))
            : t('discoveryImported', imported.key.emails.join(', '))}{' '}
          <a href="#keys" data-testid="discovery-open-keyring">{t('discoveryOpenKeyring')}</a>
        </p>
      )}
    </section>
  );
}

/** One key: its facts and what the user can do with it. Each action opens its own small dialog. */
import { useState } from 'preact/hooks';
import { call } from '../../shared/client';
import type { KeySummary } from '../../shared/key-summary';
import { downloadText, fileNameFor } from '../download';
import { errorMessage } from '../../ui-kit/error-message';
import { t, tk } from '../../ui-kit/i18n';
import { ShareKey } from '../share-key';
import { useSettings } from '../use-settings';
import { ChangePassphraseDialog } from './change-passphrase-dialog';
import { DeleteDialog } from './delete-dialog';
import { CertificateFacts } from './certificate-facts';
import { KeyFacts } from './key-facts';
import { PassphraseDialog } from './passphrase-dialog';
import { VerifyDialog } from './verify-dialog';

type Open = 'verify' | 'delete' | 'export-private' | 'change-passphrase' | 'revoke' | 'expiry' | null;

const lifetimes = [{ days: 365, label: tk('expiry1Year') }, { days: 730, label: tk('expiry2Years') }, { days: 1825, label: tk('expiry5Years') }, { days: 0, label: tk('expiryNever') }];

export function KeyDetails(props: { keyInfo: KeySummary; onChanged: (note: string) => void; onDeleted: () => void }) {
  const k = props.keyInfo;
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<string | null>(null);
  const [days, setDays] = useState(730);
  const email = k.emails[0] ?? '';
  const contact = k.kind === 'openpgp' && !k.hasPrivate;
  const settings = useSettings();
  const mayExportPrivate = settings?.allowPrivateKeyExport !== false;

  async function act(run: () => Promise<unknown>, note: string) {
    setError(null);
    try {
      await run();
      setOpen(null);
      props.onChanged(note);
    } catch (e) {
      setOpen(null);
      setError(errorMessage(e));
    }
  }
  const acceptance = (event: 'verify' | 'reject' | 'reconsider' | 'unverify', note: string) =>
    act(() => call('keys.setAcceptance', { fingerprint: k.fingerprint, event }), note);

  async function exportPublic() {
    try {
      const { armored } = await call('keys.exportPublic', { fingerprint: k.fingerprint });
      downloadText(fileNameFor(email, k.kind === 'openpgp' ? 'public.asc' : 'certificate.pem'), armored, k.kind === 'openpgp' ? 'application/pgp-keys' : 'application/x-pem-file');
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <section class="lp-key-details" aria-labelledby="key-details-heading" data-testid="key-details">
      <h2 id="key-details-heading">{k.names[0] ?? email}</h2>
      <KeyFacts keyInfo={k} />
      {k.kind === 'x509' && <CertificateFacts fingerprint={k.fingerprint} />}
      <div class="lp-actions" role="group" aria-label={t('keyActions')}>
        {contact && k.acceptance !== 'verified' && k.acceptance !== 'rejected' && (
          <button type="button" class="lp-primary" onClick={() => setOpen('verify')} data-testid="action-verify">{t('actionVerify')}</button>
        )}
        {contact && k.acceptance === 'verified' && (
          <button type="button" onClick={() => void acceptance('unverify', t('noteUnverified'))} data-testid="action-unverify">{t('actionUnverify')}</button>
        )}
        {contact && k.acceptance !== 'rejected' && (
          <button type="button" onClick={() => void acceptance('reject', t('noteRejected'))} data-testid="action-reject">{t('actionReject')}</button>
        )}
        {contact && k.acceptance === 'rejected' && (
          <button type="button" onClick={() => void acceptance('reconsider', t('noteReconsidered'))} data-testid="action-reconsider">{t('actionReconsider')}</button>
        )}
        <button type="button" onClick={() => void exportPublic()} data-testid="action-export-public">{t('actionExportPublic')}</button>
        {k.kind === 'openpgp' && k.hasPrivate && (
          <>
            {mayExportPrivate && <button type="button" onClick={() => setOpen('export-private')} data-testid="action-export-private">{t('actionExportPrivate')}</button>}
            <button type="button" onClick={() => setOpen('change-passphrase')} data-testid="action-change-passphrase">{t('actionChangePassphrase')}</button>
            {!k.revoked && <button type="button" onClick={() => setOpen('expiry')} data-testid="action-expiry">{t('actionExpiry')}</button>}
            {!k.revoked && <button type="button" onClick={() => setOpen('revoke')} data-testid="action-revoke">{t('actionRevoke')}</button>}
          </>
        )}
        <button type="button" class="lp-danger" onClick={() => setOpen('delete')} data-testid="action-delete">{t('actionDelete')}</button>
      </div>
      {error && <p class="lp-error" role="alert" data-testid="details-error">{error}</p>}
      {k.kind === 'openpgp' && k.hasPrivate && !k.revoked && <ShareKey fingerprint={k.fingerprint} />}

      {open === 'verify' && <VerifyDialog keyInfo={k} onClose={() => setOpen(null)} onConfirm={() => void acceptance('verify', t('noteVerified'))} />}
      {open === 'delete' && (
        <DeleteDialog keyInfo={k} onClose={() => setOpen(null)} onConfirm={() => void (async () => {
          try {
            await call('keys.delete', { kind: k.kind, fingerprint: k.fingerprint });
            setOpen(null);
            props.onDeleted();
          } catch (e) {
            setOpen(null);
            setError(errorMessage(e));
          }
        })()} />
      )}
      {open === 'export-private' && (
        <PassphraseDialog title={t('exportPrivateTitle')} confirm={t('exportPrivateConfirm')} email={email} onClose={() => setOpen(null)}
          onSubmit={async (passphrase) => {
            const { armored } = await call('keys.exportPrivate', { fingerprint: k.fingerprint, passphrase });
            downloadText(fileNameFor(email, 'private.asc'), armored);
            setOpen(null);
          }}>
          <p>{t('exportPrivateExplain')}</p>
        </PassphraseDialog>
      )}
      {open === 'change-passphrase' && (
        <ChangePassphraseDialog keyInfo={k} onClose={() => setOpen(null)} onDone={() => { setOpen(null); props.onChanged(t('notePassphraseChanged')); }} />
      )}
      {open === 'expiry' && (
        <PassphraseDialog title={t('expiryTitle')} confirm={t('expiryConfirm')} email={email} onClose={() => setOpen(null)}
          onSubmit={async (passphrase) => {
            await call('keys.setExpiry', { fingerprint: k.fingerprint, passphrase, days });
            setOpen(null);
            props.onChanged(t('noteExpiry'));
          }}>
          <p>{t('expiryExplain')}</p>
          <label class="lp-field">
            {t('expiryLabel')}
            <select value={String(days)} data-testid="expiry-select" onChange={(e) => setDays(Number(e.currentTarget.value))}>
              {lifetimes.map((l) => <option key={l.days} value={String(l.days)}>{t(l.label)}</option>)}
            </select>
          </label>
        </PassphraseDialog>
      )}
      {open === 'revoke' && (
        <PassphraseDialog title={t('revokeTitle')} confirm={t('revokeConfirm')} email={email} danger onClose={() => setOpen(null)}
          onSubmit={async (passphrase) => {
            const { armored } = await call('keys.revoke', { fingerprint: k.fingerprint, passphrase });
            downloadText(fileNameFor(email, 'revoked-public.asc'), armored);
            setOpen(null);
            props.onChanged(t('noteRevoked'));
          }}>
          <p class="lp-warn">{t('revokeExplain')}</p>
        </PassphraseDialog>
      )}
    </section>
  );
}

/** The reader's status line: encryption and every signature, drawn only inside the extension frame. */
import type { ReaderContent, SignatureView } from '../shared/reader-result';
import { t } from '../ui-kit/i18n';

const statusKey: Record<SignatureView['status'], string> = {
  verified: 'sigVerified',
  valid: 'sigValid',
  invalid: 'sigInvalid',
  'unknown-signer': 'sigUnknownSigner',
  'key-problem': 'sigKeyProblem',
  unsupported: 'sigUnsupported',
};

function SignatureLine({ sig }: { sig: SignatureView }) {
  // Attacker-controlled text (user IDs) is shown as plain text, truncated, away from the status word.
  const signer = sig.signer ? sig.signer.slice(0, 120) : t('sigNoSignerName');
  return (
    <li class={`lp-sig lp-sig-${sig.status}`} data-testid="signature" data-status={sig.status} data-sender-matches={String(sig.senderMatches)}>
      <strong>{t(statusKey[sig.status])}</strong>
      <span class="lp-sig-signer"> — {signer}</span>
      {sig.senderMatches === false && <span class="lp-warn" data-testid="sender-mismatch"> {t('sigSenderMismatch')}</span>}
    </li>
  );
}

export function ReaderStatus({ content }: { content: ReaderContent }) {
  return (
    <section class="lp-status" aria-label={t('readerStatusLabel')} data-testid="reader-status">
      <p data-testid="encryption-status">
        {content.encrypted ? t(content.integrityProtected ? 'statusEncrypted' : 'statusEncryptedNoIntegrity') : t('statusNotEncrypted')}
      </p>
      {content.signatures.length === 0 ? <p data-testid="no-signature">{t('sigNone')}</p> : (
        <ul>{content.signatures.map((s, i) => <SignatureLine key={i} sig={s} />)}</ul>
      )}
      {content.partiallySigned && <p class="lp-warn" data-testid="partially-signed">{t('sigPartial')}</p>}
    </section>
  );
}

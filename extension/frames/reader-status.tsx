/** The reader's status line: encryption and every signature, drawn only inside the extension frame. */
import type { NotContactKey, ReaderContent, SignatureView } from '../shared/reader-result';
import { Fingerprint } from '../ui-kit/fingerprint';
import { t } from '../ui-kit/i18n';

const statusKey: Record<SignatureView['status'], string> = {
  verified: 'sigVerified',
  valid: 'sigValid',
  invalid: 'sigInvalid',
  'unknown-signer': 'sigUnknownSigner',
  'key-problem': 'sigKeyProblem',
  unsupported: 'sigUnsupported',
  'not-contact-key': 'sigNotContactKey',
};

const whyKey: Record<NotContactKey['why'], string> = {
  held: 'sigWhyHeld',
  rejected: 'sigWhyRejected',
  conflicting: 'sigWhyConflicting',
};

/** "Not Carol's verified key": the contact named is the keyring's record of the known key, never the signer's claim. */
function notContactText(n: NotContactKey): string {
  const contact = n.contact?.slice(0, 120);
  if (!contact) return t('sigRejectedKey');
  if (n.kind === 'x509') return t('sigNotContactCert', contact);
  return t(n.contactVerified ? 'sigNotContactVerified' : 'sigNotContactAccepted', contact);
}

function SignatureLine({ sig }: { sig: SignatureView }) {
  const n = sig.notContact;
  // Attacker-controlled text (user IDs) is shown as plain text, truncated, away from the status word.
  const signer = sig.signer ? sig.signer.slice(0, 120) : t('sigNoSignerName');
  const headline = sig.status === 'not-contact-key' && n ? notContactText(n) : t(statusKey[sig.status]);
  return (
    <li class={`lp-sig lp-sig-${sig.status}`} data-testid="signature" data-status={sig.status} data-sender-matches={String(sig.senderMatches)}>
      <strong>{headline}</strong>
      {n ? (
        <span class="lp-warn" data-testid="not-contact-key" data-why={n.why}>
          {sig.status !== 'not-contact-key' && <> {notContactText(n)}.</>} {t(whyKey[n.why])}
          {sig.fingerprint && <> {t('sigSignerFingerprint')} <Fingerprint value={sig.fingerprint} testId="signer-fingerprint" /></>}
        </span>
      ) : <span class="lp-sig-signer"> — {signer}</span>}
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
      {content.passwordReply && <p class="lp-warn" data-testid="password-reply">{t('passwordReplyFrom', content.passwordReply.to.join(', '))}</p>}
    </section>
  );
}

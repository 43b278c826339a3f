/**
 * Keys attached to the mail and the certificate its S/MIME signature carried, each offered with its
 * addresses and fingerprint (and, for a certificate, the path verdict the reader computed). Importing
 * sends only the kind and fingerprint; the worker reads the key again from the message it holds.
 */
import { useState } from 'preact/hooks';
import type { MailOffer, OfferChain } from '../shared/reader-result';
import { call } from '../shared/client';
import { ProtocolError } from '../shared/result';
import { errorMessage } from '../ui-kit/error-message';
import { Fingerprint } from '../ui-kit/fingerprint';
import { t, tk } from '../ui-kit/i18n';
import { GuardedButton } from './guard/guarded-button';

const chainWord: Record<OfferChain, string> = {
  valid: tk('chainValid'), untrusted: tk('chainUntrusted'), expired: tk('chainExpired'), revoked: tk('chainRevoked'),
  invalid: tk('chainInvalid'), unsupported: tk('chainUnsupported'),
};

type Importable = Exclude<MailOffer, { kind: 'unreadable' }>;

function OfferItem({ token, offer, index }: { token: string; offer: Importable; index: number }) {
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const describedBy = `lp-offer-${index}`;
  const who = offer.emails.length > 0 ? offer.emails.join(', ') : offer.kind === 'x509' ? offer.subject : offer.userIds.join(', ');
  async function importIt() {
    setBusy(true);
    try {
      const r = await call('reader.importOffer', { token, kind: offer.kind, fingerprint: offer.fingerprint });
      setDone(t(r.heldAsChange ? 'readerOfferHeld' : offer.kind === 'x509' ? 'readerOfferCertImported' : 'readerOfferedImported'));
    } catch (e) {
      setDone(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <li data-testid="mail-offer" data-kind={offer.kind} data-fingerprint={offer.fingerprint}>
      <p id={describedBy}>
        {offer.kind === 'x509' ? t('readerOfferCertificate', who.slice(0, 300)) : t('readerOfferKey', [offer.filename.slice(0, 120), who.slice(0, 300)])}
        {' '}<Fingerprint value={offer.fingerprint} testId="mail-offer-fingerprint" />
      </p>
      {offer.kind === 'x509' && <p data-testid="mail-offer-chain" data-chain={offer.chain}>{t('factChain')}: {t(chainWord[offer.chain])}</p>}
      {offer.kind === 'x509' && offer.senderMatches === false && <p class="lp-warn" data-testid="mail-offer-mismatch">{t('readerOfferNotSender')}</p>}
      {offer.changesKey && !done && <p class="lp-warn" data-testid="mail-offer-changes">{t('readerOfferChangesKey')}</p>}
      {done ? <p role="status" data-testid="mail-offer-done">{done}</p> : (
        <GuardedButton describedBy={describedBy} disabled={busy} onPress={() => void importIt()} testId="mail-offer-import"
          label={t(offer.kind === 'x509' ? 'readerOfferImportCert' : 'readerOfferImportKey')} />
      )}
    </li>
  );
}

export function MailOffers({ token, offers }: { token: string; offers: MailOffer[] }) {
  return (
    <section class="lp-offered-key" aria-labelledby="lp-mail-offers-title" data-testid="mail-offers">
      <h2 id="lp-mail-offers-title">{t('readerOffersTitle')}</h2>
      <ul>
        {offers.map((o, i) => (o.kind === 'unreadable'
          ? <li key={i} data-testid="mail-offer" data-kind="unreadable" data-code={o.code}>
            <p class="lp-warn">{t('readerOfferUnreadable', o.filename.slice(0, 120))} {errorMessage(new ProtocolError(o.code, o.message))}</p>
          </li>
          : <OfferItem key={`${o.kind}:${o.fingerprint}`} token={token} offer={o} index={i} />))}
      </ul>
    </section>
  );
}

/**
 * The certificate part of a key's details: who issued it, its serial and usages, and its path to a
 * trusted authority with the verdict Lockpane acts on (valid, or why not).
 */
import { useEffect, useState } from 'preact/hooks';
import type { CertificateDetails } from '../../shared/catalogue';
import { call } from '../../shared/client';
import { errorMessage } from '../../ui-kit/error-message';
import { formatDate, t, tk } from '../../ui-kit/i18n';

const verdictWord = {
  valid: tk('chainValid'), untrusted: tk('chainUntrusted'), expired: tk('chainExpired'), revoked: tk('chainRevoked'),
  invalid: tk('chainInvalid'), unsupported: tk('chainUnsupported'),
};

/** Extended key usage OIDs a person may recognise by name. */
const ekuNames: Record<string, string> = {
  '1.3.6.1.5.5.7.3.4': 'emailProtection', '1.3.6.1.5.5.7.3.2': 'clientAuth', '1.3.6.1.5.5.7.3.1': 'serverAuth', '1.3.6.1.5.5.7.3.3': 'codeSigning',
};

export function CertificateFacts(props: { fingerprint: string }) {
  const [d, setD] = useState<CertificateDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('keys.certificateDetails', { fingerprint: props.fingerprint }).then(setD, (e: unknown) => setError(errorMessage(e)));
  }, [props.fingerprint]);
  if (error) return <p role="alert" class="lp-error">{error}</p>;
  if (!d) return <p>{t('loading')}</p>;
  return (
    <dl class="lp-facts" data-testid="certificate-facts">
      <dt>{t('factIssuer')}</dt><dd data-testid="cert-issuer">{d.issuer}</dd>
      <dt>{t('factSerial')}</dt><dd><code>{d.serialNumber}</code></dd>
      <dt>{t('factValidity')}</dt><dd>{t('factValidityRange', [formatDate(d.notBefore), formatDate(d.notAfter)])}</dd>
      <dt>{t('factKeyUsage')}</dt><dd>{d.keyUsage ? d.keyUsage.join(', ') : t('factUnrestricted')}</dd>
      <dt>{t('factExtKeyUsage')}</dt><dd>{d.extKeyUsage ? d.extKeyUsage.map((o) => ekuNames[o] ?? o).join(', ') : t('factUnrestricted')}</dd>
      {d.chain && (
        <>
          <dt>{t('factChain')}</dt>
          <dd data-testid="cert-chain-status" class={d.chain.status === 'valid' ? 'lp-ok' : 'lp-warn'}>
            {t(verdictWord[d.chain.status])}
            {d.chain.status !== 'valid' && <span class="lp-detail"> ({d.chain.detail})</span>}
          </dd>
        </>
      )}
      <dt>{t('factPath')}</dt>
      <dd>
        <ol class="lp-cert-path" data-testid="cert-path">
          {d.path.map((p, i) => <li key={i}>{p.subject}{p.anchor ? ` — ${t('factTrustAnchor')}` : ''}</li>)}
        </ol>
      </dd>
    </dl>
  );
}

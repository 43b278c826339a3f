/** What an import would add or change, shown before anything is written. */
import type { ResponseOf } from '../../shared/catalogue';
import { Fingerprint } from '../../ui-kit/fingerprint';
import { formatDate, t } from '../../ui-kit/i18n';

type Item = ResponseOf<'keys.importPreview'>['items'][number];

export function ImportPreview(props: { items: Item[] }) {
  return (
    <ul class="lp-import-preview" data-testid="import-preview">
      {props.items.map((k) => (
        <li key={k.fingerprint} data-testid="import-item">
          <strong>{k.names[0] ?? k.emails[0] ?? ''}</strong>
          <div>{k.emails.join(', ')}</div>
          <div>{t(k.kind === 'openpgp' ? (k.hasPrivate ? 'kindOwnKey' : 'kindPublicKey') : k.hasPrivate ? 'kindOwnCertificate' : 'kindCertificate')}</div>
          <Fingerprint value={k.fingerprint} />
          {k.alreadyKnown && <p data-testid="import-known">{t('importAlreadyKnown')}</p>}
          {k.replacesFor.length > 0 && <p class="lp-warn" data-testid="import-replaces">{t('importReplaces', k.replacesFor.join(', '))}</p>}
          {k.expired && k.expires && <p class="lp-warn" data-testid="import-expired">{t('importExpired', formatDate(k.expires))}</p>}
          {k.revoked && <p class="lp-warn">{t('importRevoked')}</p>}
        </li>
      ))}
    </ul>
  );
}

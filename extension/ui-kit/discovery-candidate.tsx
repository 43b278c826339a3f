/**
 * One found key as the user should judge it: who it claims to be, where it came from, its fingerprint in
 * blocks for comparing, its dates, and a plain warning when the address already has a different key.
 * Shared by the options page's Discovery section and the editor's key assistant.
 */
import type { DiscoveryCandidate, DiscoveryOutcome, DiscoverySource } from '../shared/discovery-types';
import { Fingerprint } from './fingerprint';
import { formatDate, t, tk } from './i18n';
import { StatusBadge } from './key-status';

const sourceName: Record<DiscoverySource, string> = {
  'wkd-advanced': tk('discoverySourceWkdAdvanced'), 'wkd-direct': tk('discoverySourceWkdDirect'), vks: tk('discoverySourceVks'),
};

const outcomeName: Record<DiscoveryOutcome['result'], string> = {
  found: tk('discoveryOutcomeFound'), 'not-found': tk('discoveryOutcomeNotFound'), unreachable: tk('discoveryOutcomeUnreachable'),
  timeout: tk('discoveryOutcomeTimeout'), 'bad-response': tk('discoveryOutcomeBadResponse'), 'too-large': tk('discoveryOutcomeTooLarge'),
};

/** "Asked: Web Key Directory of example.org — found; https://keys.openpgp.org — no key". */
export function AskedList(props: { outcomes: DiscoveryOutcome[] }) {
  const parts = props.outcomes.map((o) => `${o.source === 'wkd' ? t('discoveryWkdServer', o.server) : o.server} — ${t(outcomeName[o.result])}`);
  return <p data-testid="discovery-asked">{t('discoveryAsked', parts.join('; '))}</p>;
}

export function CandidateCard(props: { candidate: DiscoveryCandidate; busy: boolean; onImport: () => void }) {
  const { key, relation, known, sources } = props.candidate;
  const grouped = key.fingerprint.match(/.{1,4}/g)?.join(' ') ?? key.fingerprint;
  return (
    <li data-testid="discovery-candidate" data-fingerprint={key.fingerprint} data-relation={relation}>
      <div data-testid="discovery-uids">{key.names.map((n) => <div key={n}><strong>{n}</strong></div>)}</div>
      <Fingerprint value={key.fingerprint} testId="discovery-fingerprint" />
      <div data-testid="discovery-sources">{t('discoverySources', sources.map((s) => t(sourceName[s])).join(', '))}</div>
      <div>{key.algorithm} · {t('discoveryCreated', formatDate(key.created))} · {key.expires
        ? t(key.expired ? 'discoveryExpired' : 'discoveryExpires', formatDate(key.expires)) : t('discoveryNoExpiry')}</div>
      {key.revoked && <p class="lp-warn" role="note">{t('discoveryRevoked')}</p>}
      {!key.revoked && !key.canEncrypt && <p class="lp-warn" role="note">{t('discoveryCannotEncrypt')}</p>}
      {relation === 'same' && <p data-testid="discovery-same">{t('discoverySame')} <StatusBadge keyInfo={key} /></p>}
      {relation === 'change' && (
        <p class="lp-warn" role="note" data-testid="discovery-replaces">
          {t('discoveryChange', known.map((k) => k.fingerprint.match(/.{1,4}/g)?.join(' ') ?? k.fingerprint).join(', '))}
        </p>
      )}
      <button type="button" data-testid="discovery-import" disabled={props.busy || key.revoked}
        aria-label={t(relation === 'same' ? 'discoveryUpdateLabel' : 'discoveryImportLabel', grouped)} onClick={props.onImport}>
        {t(relation === 'same' ? 'discoveryUpdate' : 'discoveryImport')}
      </button>
    </li>
  );
}

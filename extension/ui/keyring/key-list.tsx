/** The searchable list of identities: one row per key, by email, with its status. */
import type { KeySummary } from '../../shared/key-summary';
import { t } from '../../ui-kit/i18n';
import { StatusBadge } from '../../ui-kit/key-status';

export function KeyList(props: { keys: KeySummary[]; selected: string | null; onSelect: (fingerprint: string) => void }) {
  if (props.keys.length === 0) return <p data-testid="keys-empty">{t('keysEmpty')}</p>;
  const sorted = [...props.keys].sort((a, b) => Number(b.hasPrivate) - Number(a.hasPrivate) || (a.emails[0] ?? '').localeCompare(b.emails[0] ?? ''));
  return (
    <ul class="lp-key-list" data-testid="key-list">
      {sorted.map((k) => (
        <li key={`${k.kind}:${k.fingerprint}`}>
          <button type="button" class="lp-key-row" aria-pressed={props.selected === k.fingerprint} data-testid="key-row"
            data-fingerprint={k.fingerprint} onClick={() => props.onSelect(k.fingerprint)}>
            <span class="lp-key-email">{k.emails[0] ?? k.names[0] ?? k.fingerprint}</span>
            <span class="lp-key-kind">{t(k.kind === 'openpgp' ? 'kindOpenPgp' : 'kindSmime')}</span>
            <StatusBadge keyInfo={k} />
          </button>
        </li>
      ))}
    </ul>
  );
}

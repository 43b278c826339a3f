/**
 * Held key changes (SECURITY A3.4), above the keyring list: an address that already had an accepted key
 * got another one. Until the user decides, the new key is not used. Switching asks the user to compare
 * the new fingerprint with the person first, as when verifying a key.
 */
import { useEffect, useState } from 'preact/hooks';
import type { KeyConflictView } from '../../shared/catalogue';
import { call } from '../../shared/client';
import { Dialog } from '../dialog';
import { errorMessage } from '../../ui-kit/error-message';
import { Fingerprint } from '../../ui-kit/fingerprint';
import { formatDate, t } from '../../ui-kit/i18n';

function SwitchDialog(props: { conflict: KeyConflictView; onConfirm: () => void; onClose: () => void }) {
  return (
    <Dialog title={t('keyChangeSwitchTitle', props.conflict.email)} onClose={props.onClose} testId="key-change-switch-dialog">
      <p>{t('keyChangeSwitchExplain', props.conflict.email)}</p>
      <Fingerprint value={props.conflict.candidate} testId="key-change-switch-fingerprint" />
      <div class="lp-actions">
        <button type="button" class="lp-primary" onClick={props.onConfirm} data-testid="key-change-switch-confirm">{t('verifyMatch')}</button>
        <button type="button" onClick={props.onClose} data-testid="key-change-switch-cancel">{t('verifyNoMatch')}</button>
      </div>
    </Dialog>
  );
}

function KeyChange(props: { conflict: KeyConflictView; onSettled: (note: string) => void }) {
  const c = props.conflict;
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function settle(choice: 'keep-known' | 'switch-to-new') {
    setConfirming(false);
    try {
      await call('keys.resolveConflict', { id: c.id, choice });
      props.onSettled(t(choice === 'keep-known' ? 'keyChangeKept' : 'keyChangeSwitched', c.email));
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  const headingId = `key-change-${c.id.replace(/[^A-Za-z0-9]/g, '-')}`;
  return (
    <li class="lp-key-change" data-testid="key-change" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('keyChangeTitle', c.email)}</h4>
      <p>{t('keyChangeExplain', formatDate(c.detectedAt))}</p>
      <p>{t('keyChangeKnown')}</p>
      {c.known.map((fp) => <Fingerprint key={fp} value={fp} testId="key-change-known" />)}
      <p>{t('keyChangeNew')}</p>
      <Fingerprint value={c.candidate} testId="key-change-new" />
      <div class="lp-actions">
        <button type="button" class="lp-primary" onClick={() => void settle('keep-known')} data-testid="key-change-keep">{t('keyChangeKeep')}</button>
        <button type="button" onClick={() => setConfirming(true)} data-testid="key-change-switch">{t('keyChangeSwitch')}</button>
      </div>
      {error && <p role="alert" class="lp-error">{error}</p>}
      {confirming && <SwitchDialog conflict={c} onConfirm={() => void settle('switch-to-new')} onClose={() => setConfirming(false)} />}
    </li>
  );
}

/** Lists open key changes; renders nothing when there are none. `version` changes when the keyring may have changed. */
export function KeyChanges(props: { version: number; onSettled: (note: string) => void }) {
  const [conflicts, setConflicts] = useState<KeyConflictView[]>([]);
  const [error, setError] = useState<string | null>(null);
  async function reload() {
    try {
      setConflicts((await call('keys.conflicts', {})).conflicts);
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  useEffect(() => { void reload(); }, [props.version]);
  if (error) return <p role="alert" class="lp-error">{error}</p>;
  if (conflicts.length === 0) return null;
  return (
    <section class="lp-key-changes lp-warn-box" aria-label={t('keyChangesHeading')} data-testid="key-changes">
      <h3>{t('keyChangesHeading')}</h3>
      <ul>
        {conflicts.map((c) => <KeyChange key={c.id} conflict={c} onSettled={(n) => { props.onSettled(n); void reload(); }} />)}
      </ul>
    </section>
  );
}

/**
 * The editor's key assistant: for each recipient without a usable key or certificate, "Look up key" runs
 * discovery (WKD, key servers) in the worker, shows what was found for the user to judge, and imports only
 * the key the user picks. The editor then resolves its recipients again, so an imported (unverified) key
 * makes the recipient usable; a key that differs from an accepted one stays on hold (the keyring decides).
 */
import { useState } from 'preact/hooks';
import { call } from '../shared/client';
import type { ComposeResolution } from '../shared/compose-types';
import type { DiscoveryLookup } from '../shared/discovery-types';
import { t } from '../ui-kit/i18n';
import { AskedList, CandidateCard } from '../ui-kit/discovery-candidate';
import { discoveryErrorText } from '../ui-kit/discovery-error';
import { PasswordProtect, type PasswordChoice } from './password-protect';

type RowState =
  | { step: 'idle' }
  | { step: 'busy'; found: DiscoveryLookup | null }
  | { step: 'found'; found: DiscoveryLookup }
  | { step: 'error'; message: string }
  | { step: 'imported'; held: boolean };

function Row(props: { token: string; email: string; disabled: boolean; onImported: () => void }) {
  const [state, setState] = useState<RowState>({ step: 'idle' });
  const found = state.step === 'found' || state.step === 'busy' ? state.found : null;

  async function lookUp() {
    setState({ step: 'busy', found: null });
    try {
      setState({ step: 'found', found: await call('discovery.lookup', { email: props.email, token: props.token }) });
    } catch (e) {
      setState({ step: 'error', message: discoveryErrorText(e, 'lookup', props.email) });
    }
  }

  async function importOne(id: string) {
    setState({ step: 'busy', found });
    try {
      const r = await call('discovery.import', { id, token: props.token });
      setState({ step: 'imported', held: r.conflicts.length > 0 });
      props.onImported();
    } catch (e) {
      setState({ step: 'error', message: discoveryErrorText(e, 'import', props.email) });
    }
  }

  return (
    <li data-testid="assistant-row" data-email={props.email}>
      {state.step !== 'imported' && <span>{t('assistantMissing', props.email)}</span>}{' '}
      {(state.step === 'idle' || state.step === 'error') && (
        <button type="button" data-testid="assistant-lookup" disabled={props.disabled}
          aria-label={t('assistantLookupLabel', props.email)} onClick={() => void lookUp()}>{t('assistantLookup')}</button>
      )}
      {state.step === 'busy' && !found && <span role="status">{t('discoveryLooking', props.email)}</span>}
      {state.step === 'error' && <p role="alert" class="lp-error" data-testid="assistant-error">{state.message}</p>}
      {found && (
        <>
          <ul class="lp-import-preview" aria-label={t('discoveryResultsLabel', found.email)}>
            {found.candidates.map((c) => (
              <CandidateCard key={c.id} candidate={c} busy={state.step === 'busy' || props.disabled} onImport={() => void importOne(c.id)} />
            ))}
          </ul>
          <AskedList outcomes={found.outcomes} />
        </>
      )}
      {state.step === 'imported' && (
        <p role="status" class={state.held ? 'lp-warn' : 'lp-ok'} data-testid="assistant-imported">
          {t(state.held ? 'discoveryImportedHeld' : 'discoveryImported', props.email)}
        </p>
      )}
    </li>
  );
}

export function KeyAssistant(props: {
  token: string; resolution: ComposeResolution | null; disabled: boolean; onImported: () => void;
  /** Password mail for the recipients still without a key (issue #22). */
  canAttach: boolean; password: PasswordChoice | null; onPassword: (c: PasswordChoice | null) => void;
}) {
  // Rows stay for recipients handled here, so the import's outcome remains visible once they are usable.
  const [handled, setHandled] = useState<string[]>([]);
  const missing = props.resolution?.recipients.filter((r) => (r.openpgp === null && r.smime === null) || handled.includes(r.email)) ?? [];
  if (missing.length === 0) return null;
  const keyless = props.resolution?.recipients.filter((r) => r.openpgp === null && r.smime === null).map((r) => r.email) ?? [];
  const imported = (email: string) => {
    setHandled((h) => (h.includes(email) ? h : [...h, email]));
    props.onImported();
  };
  return (
    <section class="lp-key-assistant" aria-label={t('assistantHeading')} data-testid="key-assistant">
      <ul class="lp-plain">
        {missing.map((r) => (
          <Row key={r.email} token={props.token} email={r.email} disabled={props.disabled} onImported={() => imported(r.email)} />
        ))}
      </ul>
      {keyless.length > 0 && (
        <PasswordProtect token={props.token} recipients={keyless} canAttach={props.canAttach} disabled={props.disabled}
          choice={props.password} onChange={props.onPassword} />
      )}
    </section>
  );
}

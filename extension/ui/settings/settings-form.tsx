/**
 * The user's settings. Values come from `settings.get` (policy, else user, else default); settings the
 * organisation locked are shown disabled with a note. Lists are checked here with the same rules the
 * worker applies, so a bad line is pointed at before anything is sent.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { call } from '../../shared/client';
import type { SettingsView } from '../../shared/policy-status';
import { checkSetting, type UserSettings } from '../../shared/settings';
import { errorMessage } from '../../ui-kit/error-message';
import { t } from '../../ui-kit/i18n';
import { fromLines, toLines } from './line-list';
import { LockedNote } from './locked-note';

type Draft = { defaultProtocol: UserSettings['defaultProtocol']; signByDefault: boolean; passphraseCacheMinutes: string;
  remoteContent: UserSettings['remoteContent']; wkd: boolean; keyServers: string; requireEncryptionFor: string };

function draftOf(v: SettingsView['values']): Draft {
  return {
    defaultProtocol: v.defaultProtocol, signByDefault: v.signByDefault, passphraseCacheMinutes: String(v.passphraseCacheMinutes),
    remoteContent: v.remoteContent, wkd: v.keyDiscovery.wkd, keyServers: toLines(v.keyDiscovery.keyServers),
    requireEncryptionFor: toLines(v.requireEncryptionFor),
  };
}

export function SettingsForm() {
  const [view, setView] = useState<SettingsView | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [invalid, setInvalid] = useState<string[]>([]);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const ids = { proto: useId(), cache: useId(), remote: useId(), disc: useId(), req: useId(), sign: useId() };

  useEffect(() => {
    call('settings.get', {}).then((v) => { setView(v); setDraft(draftOf(v.values)); }, (e) => setStatus({ ok: false, text: errorMessage(e) }));
  }, []);
  if (!view || !draft) return status ? <p class="lp-error" role="alert">{status.text}</p> : <p>{t('loading')}</p>;

  const locked = (k: keyof UserSettings) => view.locked.includes(k);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const maxMinutes = view.values.passphraseCacheMaxMinutes;

  async function save(e: Event) {
    e.preventDefault();
    if (!draft) return;
    const wanted: Partial<Record<keyof UserSettings, unknown>> = {
      defaultProtocol: draft.defaultProtocol, signByDefault: draft.signByDefault, passphraseCacheMinutes: Number(draft.passphraseCacheMinutes),
      remoteContent: draft.remoteContent, keyDiscovery: { wkd: draft.wkd, keyServers: fromLines(draft.keyServers) },
      requireEncryptionFor: fromLines(draft.requireEncryptionFor),
    };
    const values: Record<string, unknown> = {};
    const bad: string[] = [];
    for (const [k, v] of Object.entries(wanted) as [keyof UserSettings, unknown][]) {
      if (locked(k)) continue;
      const r = checkSetting(k, v);
      if (r.problems.length > 0 || (k === 'passphraseCacheMinutes' && Number(v) > maxMinutes)) bad.push(k);
      else values[k] = r.value;
    }
    setInvalid(bad);
    if (bad.length > 0) {
      setStatus({ ok: false, text: t('settingsInvalid') });
      return;
    }
    try {
      const next = await call('settings.set', { values: values as Partial<UserSettings> });
      setView(next);
      setDraft(draftOf(next.values));
      setStatus({ ok: true, text: t('settingsSaved') });
    } catch (err) {
      setStatus({ ok: false, text: errorMessage(err) });
    }
  }

  return (
    <form onSubmit={save} data-testid="settings-form" class="lp-settings-form">
      <fieldset disabled={locked('defaultProtocol')} aria-describedby={locked('defaultProtocol') ? ids.proto : undefined}>
        <legend>{t('setProtocol')}</legend>
        {(['auto', 'openpgp', 'smime'] as const).map((p) => (
          <label key={p} class="lp-choice">
            <input type="radio" name="protocol" value={p} checked={draft.defaultProtocol === p} onChange={() => set({ defaultProtocol: p })} />
            {' '}{t(p === 'auto' ? 'setProtocolAuto' : p === 'openpgp' ? 'setProtocolOpenPgp' : 'setProtocolSmime')}
          </label>
        ))}
        {locked('defaultProtocol') && <LockedNote id={ids.proto} />}
      </fieldset>

      <label class="lp-choice">
        <input type="checkbox" checked={draft.signByDefault} disabled={locked('signByDefault')} data-testid="set-sign"
          aria-describedby={locked('signByDefault') ? ids.sign : undefined} onChange={(e) => set({ signByDefault: e.currentTarget.checked })} />
        {' '}{t('setSign')}
      </label>
      {locked('signByDefault') && <LockedNote id={ids.sign} />}

      <label class="lp-field">
        {t('setCache', String(maxMinutes))}
        <input type="number" min={0} max={maxMinutes} value={draft.passphraseCacheMinutes} disabled={locked('passphraseCacheMinutes')}
          data-testid="set-cache" aria-invalid={invalid.includes('passphraseCacheMinutes')}
          aria-describedby={locked('passphraseCacheMinutes') ? ids.cache : undefined} onInput={(e) => set({ passphraseCacheMinutes: e.currentTarget.value })} />
      </label>
      {locked('passphraseCacheMinutes') && <LockedNote id={ids.cache} />}

      <fieldset disabled={locked('remoteContent')} aria-describedby={locked('remoteContent') ? ids.remote : undefined}>
        <legend>{t('setRemote')}</legend>
        <label class="lp-choice">
          <input type="radio" name="remote" checked={draft.remoteContent === 'ask'} onChange={() => set({ remoteContent: 'ask' })} /> {t('setRemoteAsk')}
        </label>
        <label class="lp-choice">
          <input type="radio" name="remote" checked={draft.remoteContent === 'never'} onChange={() => set({ remoteContent: 'never' })} data-testid="set-remote-never" /> {t('setRemoteNever')}
        </label>
        {locked('remoteContent') && <LockedNote id={ids.remote} />}
      </fieldset>

      <fieldset disabled={locked('keyDiscovery')} aria-describedby={locked('keyDiscovery') ? ids.disc : undefined}>
        <legend>{t('setDiscovery')}</legend>
        <label class="lp-choice">
          <input type="checkbox" checked={draft.wkd} onChange={(e) => set({ wkd: e.currentTarget.checked })} /> {t('setWkd')}
        </label>
        <label class="lp-field">
          {t('setKeyServers')}
          <textarea rows={3} value={draft.keyServers} data-testid="set-keyservers" aria-invalid={invalid.includes('keyDiscovery')}
            onInput={(e) => set({ keyServers: e.currentTarget.value })} />
        </label>
        {locked('keyDiscovery') && <LockedNote id={ids.disc} />}
      </fieldset>

      <label class="lp-field">
        {t('setRequire')}
        <textarea rows={4} value={draft.requireEncryptionFor} disabled={locked('requireEncryptionFor')} data-testid="set-require"
          aria-invalid={invalid.includes('requireEncryptionFor')} aria-describedby={locked('requireEncryptionFor') ? ids.req : undefined}
          onInput={(e) => set({ requireEncryptionFor: e.currentTarget.value })} />
      </label>
      <p class="lp-hint">{t('setRequireHint')}</p>
      {locked('requireEncryptionFor') && <LockedNote id={ids.req} />}

      <button type="submit" class="lp-primary" data-testid="settings-save">{t('settingsSave')}</button>
      {status && <p role={status.ok ? 'status' : 'alert'} class={status.ok ? 'lp-ok' : 'lp-error'} data-testid="settings-status">{status.text}</p>}
    </form>
  );
}

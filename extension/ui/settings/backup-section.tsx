/**
 * Backup and restore of everything in Lockpane (keys, decisions, security phrase, preferences) as one
 * file protected by a password. Restoring shows what the file holds before it replaces anything.
 */
import { useId, useState } from 'preact/hooks';
import { call } from '../../shared/client';
import type { BackupSummary } from '../../shared/catalogue';
import { downloadText } from '../download';
import { errorCode, errorMessage } from '../../ui-kit/error-message';
import { formatDate, t } from '../../ui-kit/i18n';
import { SecretInput } from '../../ui-kit/secret-input';
import { PassphraseFields, newPassphraseOk, type NewPassphrase } from '../passphrase-fields';
import { indicatorChanged } from '../../ui-kit/security-badge';

type Status = { ok: boolean; text: string } | null;

function BackupCreate() {
  const [pass, setPass] = useState<NewPassphrase>({ value: '', repeat: '' });
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  async function save(e: Event) {
    e.preventDefault();
    setBusy(true); setStatus(null);
    try {
      const { armored, summary } = await call('backup.create', { password: pass.value });
      downloadText(`lockpane-backup-${new Date().toISOString().slice(0, 10)}.asc`, armored, 'application/pgp-encrypted');
      setPass({ value: '', repeat: '' });
      setStatus({ ok: true, text: t('backupSaved', String(summary.keys)) });
    } catch (err) {
      setStatus({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={save} data-testid="backup-create">
      <h4>{t('backupCreateHeading')}</h4>
      <p>{t('backupCreateExplain')}</p>
      <PassphraseFields value={pass} onChange={setPass} userInputs={[]} label={t('backupPasswordNew')} />
      <button type="submit" class="lp-primary" disabled={busy || !newPassphraseOk(pass, [])} data-testid="backup-save">{t('backupSave')}</button>
      {status && <p role={status.ok ? 'status' : 'alert'} class={status.ok ? 'lp-ok' : 'lp-error'} data-testid="backup-status">{status.text}</p>}
    </form>
  );
}

function BackupRestore() {
  const [text, setText] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [summary, setSummary] = useState<BackupSummary | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const fileId = useId();

  const fail = (e: unknown) => setStatus({ ok: false, text: errorCode(e) === 'wrong-passphrase' ? t('backupWrongPassword') : errorCode(e) === 'bad-data' || errorCode(e) === 'bad-armor' || errorCode(e) === 'cannot-decrypt' ? t('backupNotABackup') : errorMessage(e) });

  async function check(e: Event) {
    e.preventDefault();
    if (text === null) return;
    setBusy(true); setStatus(null); setSummary(null);
    try {
      setSummary((await call('backup.preview', { text, password })).summary);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }
  async function restore() {
    if (text === null) return;
    setBusy(true);
    try {
      const r = await call('backup.restore', { text, password });
      setSummary(null); setText(null); setPassword('');
      setStatus({ ok: true, text: t('backupRestored', String(r.summary.keys)) });
      dispatchEvent(new Event(indicatorChanged));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={check} data-testid="backup-restore">
      <h4>{t('backupRestoreHeading')}</h4>
      <label class="lp-field" for={fileId}>{t('backupFile')}</label>
      <input id={fileId} type="file" accept=".asc,.pgp,.gpg,text/plain" data-testid="backup-file"
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          setSummary(null); setStatus(null);
          if (f) void f.text().then(setText, () => setStatus({ ok: false, text: t('backupNotABackup') }));
        }} />
      <SecretInput label={t('backupPassword')} purpose="off" value={password} onValue={setPassword} testId="backup-password" />
      <button type="submit" disabled={busy || text === null || !password} data-testid="backup-check">{t('backupCheck')}</button>
      {summary && (
        <div class="lp-backup-preview" data-testid="backup-preview">
          <p>{t('backupPreview', [formatDate(summary.createdAt), String(summary.keys), String(summary.ownKeys)])}</p>
          <p class="lp-warn">{t('backupReplaces')}</p>
          <button type="button" class="lp-danger" disabled={busy} onClick={() => void restore()} data-testid="backup-restore-confirm">{t('backupRestore')}</button>
        </div>
      )}
      {status && <p role={status.ok ? 'status' : 'alert'} class={status.ok ? 'lp-ok' : 'lp-error'} data-testid="backup-restore-status">{status.text}</p>}
    </form>
  );
}

export function BackupSection() {
  return (
    <section aria-labelledby="backup-heading" data-testid="backup-section">
      <h3 id="backup-heading">{t('backupHeading')}</h3>
      <BackupCreate />
      <BackupRestore />
    </section>
  );
}

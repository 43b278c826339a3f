/**
 * The secure editor frame. The user writes here; the page never sees the text. Encrypting hands the text to
 * the worker, which sends only ciphertext back into the web mail's own editor. Drafts are saved every few
 * seconds encrypted to the user's own key, so a closed tab or a crash loses nothing.
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '../shared/client';
import type { ResponseOf } from '../shared/catalogue';
import type { ComposeResolution } from '../shared/compose-types';
import type { KeySummary } from '../shared/key-summary';
import { ProtocolError } from '../shared/result';
import { t, uiLanguage } from '../ui-kit/i18n';
import { SecurityBadge } from '../ui-kit/security-badge';
import { requiresEncryption } from '../shared/policy-recipients';
import type { SettingsView } from '../shared/policy-status';
import { PassphrasePrompt } from './passphrase-prompt';
import { GuardedButton } from './guard/guarded-button';
import { FocusLossWarning, useFocusLoss } from './guard/focus-loss';
import { useGuard } from './guard/use-guard';
import { frameGuard } from './guard/visibility-guard';
import { KeyAssistant } from './key-assistant';
import type { PasswordChoice } from './password-protect';
import { EditorAttachments } from './editor-attachments';
import { attachAll, stageFiles, type PickedFile } from './attachment-staging';
import type { EncryptResult, OutgoingAttachment } from '../shared/compose-types';
import { SubjectNote } from './subject-note';
import { SendFormNote } from './send-form-note';
import { pgpMimeMaxFileBytes } from '../shared/limits';

const draftEveryMs = 3000;

function takeToken(): string {
  const token = location.hash.slice(1);
  history.replaceState(null, '', location.pathname);
  return token;
}

const splitAddresses = (s: string) => s.split(/[,;\s]+/).map((a) => a.trim().toLowerCase()).filter((a) => a.includes('@')).slice(0, 100);
const errorText = (e: unknown) => (e instanceof ProtocolError ? e.message : t('errorUnexpected'));

function RecipientList({ resolution }: { resolution: ComposeResolution | null }) {
  if (!resolution || resolution.recipients.length === 0) return null;
  return (
    <ul class="lp-recipients" aria-label={t('editorRecipientStatus')}>
      {resolution.recipients.map((r) => (
        <li key={r.email} data-testid="recipient" data-email={r.email} data-ready={String(r.openpgp !== null || r.smime !== null)}>
          {r.email}: {r.openpgp ? t('editorRecipientOpenPgp') : r.smime ? t('editorRecipientSmime') : t('editorRecipientMissing', r.reason ?? 'no-key')}
        </li>
      ))}
    </ul>
  );
}

/** Recipients for whom the organisation requires encryption: the web mail's own editor must not be used. */
function RequiredEncryption({ settings, recipients }: { settings: SettingsView | null; recipients: string[] }) {
  if (!settings) return null;
  const required = requiresEncryption(settings.values, recipients);
  if (!required.required) return null;
  return (
    <p class="lp-warn" role="note" data-testid="encryption-required">
      {t('editorEncryptionRequired', required.matches.map((m) => m.recipient).join(', '))}
    </p>
  );
}

function Editor({ token }: { token: string }) {
  const [claim, setClaim] = useState<ResponseOf<'editor.claim'> | null>(null);
  const [to, setTo] = useState('');
  const [cc, setCc] = useState('');
  const [body, setBody] = useState('');
  /** Taken from the web mail's Subject field when the editor opened; null: the site gave none (generic mode). */
  const [subject, setSubject] = useState<string | null>(null);
  const [subjectOutcome, setSubjectOutcome] = useState<(EncryptResult & { state: 'inserted' })['subject'] | null>(null);
  const [sign, setSign] = useState(true);
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [resolution, setResolution] = useState<ComposeResolution | null>(null);
  const [locked, setLocked] = useState<{ keys: KeySummary[]; purpose: 'send' | 'draft' } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Files in the web mail's own attachment list that made the last Encrypt refuse (PGP/MIME would drop them). */
  const [siteFiles, setSiteFiles] = useState<string[] | null>(null);
  const [done, setDone] = useState(false);
  const [ciphertext, setCiphertext] = useState<string | null>(null);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [busy, setBusy] = useState(false);
  /** What the last send asked for, so a passphrase prompt continues the same way. */
  const mode = useRef<'encrypt' | 'sign-only'>('encrypt');
  /** Encrypted files the worker still has to hand to the web mail (a failed upload can be retried). */
  const [pending, setPending] = useState<OutgoingAttachment[]>([]);
  const dirty = useRef(false);
  /** Bumped by the key assistant after an import, so recipients are resolved again. */
  const [resolveRound, setResolveRound] = useState(0);
  /** Password mail for recipients without a key (key assistant); used only while some recipient has none. */
  const [password, setPassword] = useState<PasswordChoice | null>(null);
  const keyless = resolution?.recipients.some((r) => r.openpgp === null && r.smime === null) ?? false;
  const viaPassword = password !== null && keyless;
  // The worker makes the same choice: too many file bytes for one PGP/MIME message go inline with .pgp files.
  const pgpMime = claim?.pgpMime === true && files.reduce((n, f) => n + f.file.size, 0) <= pgpMimeMaxFileBytes;

  useEffect(() => {
    // Organisation and user defaults: sign by default, recipients that must only get encrypted mail.
    call('settings.get', {}).then((v) => {
      setSettings(v);
      setSign(v.values.signByDefault);
    }, () => setSettings(null));
    call('editor.claim', { token }).then((c) => {
      setClaim(c);
      setTo(c.to.join(', '));
      setCc(c.cc.join(', '));
      setSubject(c.subject ?? (c.canAttach ? '' : null));
      if (c.quote) setBody(`\n\n${c.quote.split('\n').map((l) => `> ${l}`).join('\n')}`);
    }, (e: unknown) => setError(errorText(e)));
  }, [token]);

  // Focus taken from the text while writing, or the page covering the frame (an overlay over the text
  // area gets the keys while the frame still shows around it): both warnings stay until acknowledged.
  const bodyField = useRef<HTMLTextAreaElement>(null);
  const focus = useFocusLoss(bodyField);
  const guard = useGuard();
  const [covered, setCovered] = useState(false);
  const coveredNow = guard.covered();
  useEffect(() => { if (coveredNow) setCovered(true); }, [coveredNow]);

  useEffect(() => {
    if (!claim) return;
    const handle = setTimeout(() => {
      call('editor.resolve', { token, to: splitAddresses(to), cc: splitAddresses(cc) }).then(setResolution, () => setResolution(null));
    }, 250);
    return () => clearTimeout(handle);
  }, [claim, to, cc, resolveRound]);

  useEffect(() => {
    if (!claim || done) return;
    const timer = setInterval(() => {
      if (!dirty.current) return;
      dirty.current = false;
      call('editor.saveDraft', { token, to: splitAddresses(to), cc: splitAddresses(cc), body })
        .then((d) => setStatus(t('editorDraftSaved', new Date(d.savedAt ?? Date.now()).toLocaleTimeString())), (e: unknown) => setStatus(errorText(e)));
    }, draftEveryMs);
    return () => clearInterval(timer);
  }, [claim, done, to, cc, body]);

  async function restoreDraft(unlock?: { fingerprint: string; passphrase: string }) {
    setError(null);
    try {
      const r = await call('editor.loadDraft', { token, ...(unlock ?? {}) });
      if (r.state === 'needs-passphrase') setLocked({ keys: r.keys, purpose: 'draft' });
      else if (r.state === 'draft') {
        setLocked(null);
        setTo(r.to.join(', '));
        setCc(r.cc.join(', '));
        setBody(r.body);
        setClaim((c) => (c ? { ...c, draft: { exists: false, savedAt: null } } : c));
      }
    } catch (e) {
      setError(errorText(e));
    }
  }

  /** Hands the encrypted files to the web mail one by one, with progress; keeps the rest for a retry. */
  async function deliver(items: OutgoingAttachment[]) {
    let left = items;
    try {
      await attachAll(token, items, (n, item) => {
        left = items.slice(n - 1);
        setStatus(t('editorAttachUploading', [String(n), String(items.length), item.name]));
      });
      setPending([]);
      setStatus(t('editorAttachDone', String(items.length)));
    } catch (e) {
      setPending(left);
      setError(t('editorAttachFailed', [left[0]?.name ?? '', errorText(e)]));
    }
  }

  async function send(unlock?: { fingerprint: string; passphrase: string }) {
    const signOnly = mode.current === 'sign-only';
    setError(null);
    setBusy(true);
    try {
      // Files go to the worker first (plaintext stays in extension contexts), then everything is encrypted at once.
      if (files.length > 0) await stageFiles(token, files, (name, share) => setStatus(t('editorAttachPreparing', [name, String(Math.round(share * 100))])));
      const r = await call('editor.encrypt', {
        token, to: splitAddresses(to), cc: splitAddresses(cc), body, sign: sign || signOnly, ...(unlock ?? {}),
        ...(signOnly ? { signOnly: true } : {}), ...(pgpMime && !signOnly ? { pgpMimeNotice: t('editorPgpMimeBody') } : {}),
        ...(subject !== null && subject.trim() !== '' ? { subject: subject.trim() } : {}),
        ...(files.length > 0 ? { attachments: files.map((f) => f.id) } : {}),
        ...(viaPassword ? { password: {
          value: password.value, gpgCompatible: password.gpgCompatible, lang: uiLanguage().startsWith('de') ? 'de' as const : 'en' as const,
          notice: t('passwordNotice', resolution?.from ?? t('passwordNoticeSomeone')),
        } } : {}),
      });
      setSiteFiles(r.state === 'site-files' ? r.names : null);
      if (r.state === 'needs-passphrase') setLocked({ keys: r.keys, purpose: 'send' });
      else if (r.state === 'site-files') setLocked(null);
      else {
        setLocked(null);
        setDone(true);
        if (r.state === 'ciphertext') setCiphertext(r.armored);
        setStatus(t(r.state === 'ciphertext' ? 'editorCopyHint' : viaPassword ? 'passwordInserted' : signOnly ? 'editorSignedInserted' : 'editorInserted'));
        if (r.state === 'inserted') setSubjectOutcome(r.subject ?? null);
        if (r.state === 'inserted' && r.attachments?.length) await deliver(r.attachments);
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const edit = (setter: (v: string) => void) => (e: Event) => {
    dirty.current = true;
    setter((e.target as HTMLInputElement | HTMLTextAreaElement).value);
  };

  if (!claim) return <main class="lp-frame"><SecurityBadge />{error ? <p role="alert" data-testid="editor-error">{error}</p> : <p>{t('loading')}</p>}</main>;

  return (
    <main class="lp-frame lp-editor" data-testid="editor">
      <SecurityBadge />
      <div class="lp-frame-alerts">
        {focus.lost && <FocusLossWarning text={t('editorFocusLost')} testId="focus-lost" onAcknowledge={focus.acknowledge} />}
        {covered && <FocusLossWarning text={t('editorCovered')} testId="editor-covered" onAcknowledge={() => setCovered(guard.covered())} />}
      </div>
      {claim.draft.exists && !done && (
        <p><button type="button" data-testid="restore-draft" onClick={() => void restoreDraft()}>{t('editorRestoreDraft')}</button></p>
      )}
      <label class="lp-field">{t('editorTo')} <input type="text" data-testid="editor-to" value={to} onInput={edit(setTo)} disabled={done} /></label>
      <label class="lp-field">{t('editorCc')} <input type="text" data-testid="editor-cc" value={cc} onInput={edit(setCc)} disabled={done} /></label>
      {subject !== null && (
        <label class="lp-field">{t('editorSubject')} <input type="text" data-testid="editor-subject" value={subject} onInput={edit(setSubject)} disabled={done} /></label>
      )}
      {subject !== null && <SubjectNote protocol={resolution?.protocol} outcome={subjectOutcome} pgpMime={pgpMime} protectedReply={claim.protectedReply === true} />}
      <SendFormNote protocol={resolution?.protocol} pgpMime={pgpMime} />
      <RecipientList resolution={resolution} />
      <KeyAssistant token={token} resolution={resolution} disabled={done} onImported={() => setResolveRound((n) => n + 1)}
        canAttach={claim.canAttach} password={password} onPassword={setPassword} />
      <RequiredEncryption settings={settings} recipients={[...splitAddresses(to), ...splitAddresses(cc)]} />
      <label class="lp-field">{t('editorBody')}
        <textarea ref={bodyField} data-testid="editor-body" rows={8} value={body} onInput={edit(setBody)} disabled={done} />
      </label>
      <EditorAttachments canAttach={claim.canAttach} files={files} onChange={setFiles} disabled={done || busy} />
      <label><input type="checkbox" checked={sign} onChange={(e) => setSign((e.target as HTMLInputElement).checked)} disabled={done} /> {t('editorSign')}</label>{' '}
      <GuardedButton testId="editor-encrypt" disabled={done || busy || !(resolution?.protocol || (viaPassword && password.acceptable && claim.canAttach))} onPress={() => { mode.current = 'encrypt'; void send(); }} label={t('editorEncrypt')} />
      {/* Signed, not encrypted: anyone can read it; no recipient keys are needed, and files cannot come along. */}
      {' '}<GuardedButton testId="editor-sign-only" disabled={done || busy || files.length > 0} onPress={() => { mode.current = 'sign-only'; void send(); }} label={t('editorSignOnly')} />
      {pending.length > 0 && <button type="button" data-testid="attach-retry" onClick={() => void deliver(pending)}>{t('editorAttachRetry')}</button>}
      {locked && (
        <PassphrasePrompt keys={locked.keys} busy={false} onSubmit={(fingerprint, passphrase) =>
          void (locked.purpose === 'send' ? send({ fingerprint, passphrase }) : restoreDraft({ fingerprint, passphrase }))} />
      )}
      {siteFiles && <p role="alert" class="lp-error" data-testid="site-files-refused">{t('editorSiteFilesRefused', siteFiles.join(', '))}</p>}
      {error && <p role="alert" class="lp-error" data-testid="editor-error">{error}</p>}
      {status && <p role="status" data-testid="editor-status">{status}</p>}
      {ciphertext && (
        <div>
          <label class="lp-field">{t('editorCiphertext')}<textarea readOnly rows={6} data-testid="editor-ciphertext" value={ciphertext} /></label>
          <button type="button" onClick={() => void navigator.clipboard.writeText(ciphertext)}>{t('editorCopy')}</button>
        </div>
      )}
    </main>
  );
}

const token = takeToken();
frameGuard(); // starts watching the frame's visibility now, so it has settled by the time the user clicks
render(<Editor token={token} />, document.getElementById('root')!);

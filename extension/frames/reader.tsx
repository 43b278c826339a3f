/**
 * The reader frame: an extension-origin page mounted by the content script. It takes nothing from its URL
 * but the single-use token, which it removes from the address at once, and listens to no postMessage.
 * Decryption starts only from a click inside this frame (SECURITY A6.4).
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { call } from '../shared/client';
import type { ResponseOf } from '../shared/catalogue';
import type { KeySummary } from '../shared/key-summary';
import type { ReaderContent } from '../shared/reader-result';
import { ProtocolError } from '../shared/result';
import { Fingerprint } from '../ui-kit/fingerprint';
import { t } from '../ui-kit/i18n';
import { SecurityBadge } from '../ui-kit/security-badge';
import { MailOffers } from './mail-offers';
import { MessagePasswordPrompt, messagePasswordError, UseMessagePassword } from './message-password-prompt';
import { OfferedKey } from './offered-key';
import { GuardedButton } from './guard/guarded-button';
import { frameGuard } from './guard/visibility-guard';
import { PassphrasePrompt } from './passphrase-prompt';
import { ReaderAttachments } from './reader-attachments';
import { ReaderStatus } from './reader-status';
import { ProtectedHeaders } from './protected-headers';
import { BodyFrame, MessageBody } from './render/message-body';
import { mark, readerMarks } from './timing';
import { visibleText } from './render/visible-text';

type Claim = ResponseOf<'reader.claim'>;

function takeToken(): string {
  const token = location.hash.slice(1);
  history.replaceState(null, '', location.pathname);
  return token;
}

const kindLabel: Record<Claim['kind'], string> = {
  'pgp-message': 'readerKindPgpMessage',
  'pgp-signed': 'readerKindPgpSigned',
  'pgp-key': 'readerKindPgpKey',
  cms: 'readerKindCms',
  'raw-message': 'readerKindRaw',
};

const actionLabel: Record<Claim['kind'], string> = {
  'pgp-message': 'readerDecrypt',
  'pgp-signed': 'readerVerify',
  'pgp-key': 'readerShowKey',
  cms: 'readerDecrypt',
  'raw-message': 'readerOpenRaw',
};

function errorText(e: unknown): string {
  return e instanceof ProtocolError ? e.message : t('errorUnexpected');
}

/** Status, reply and plain text: what comes above the message's HTML frame (which Reader keeps in place). */
function Content({ token, content }: { token: string; content: ReaderContent }) {
  const [replied, setReplied] = useState<string | null>(null);
  async function reply() {
    try {
      const { opened } = await call('reader.reply', { token, quote: visibleText(content).slice(0, 1024 * 1024) });
      setReplied(t(opened ? 'readerReplyOpened' : 'readerReplyNotOpened'));
    } catch (e) {
      setReplied(errorText(e));
    }
  }
  return (
    <div data-testid="reader-content">
      <ReaderStatus content={content} />
      {content.protectedHeaders && <ProtectedHeaders headers={content.protectedHeaders} encrypted={content.encrypted} />}
      {/* Above the message: the frame has a fixed height (SECURITY A6.4), so a long mail would push it out of sight. */}
      <p>
        <GuardedButton testId="reply-securely" onPress={() => void reply()} disabled={replied !== null} label={t('readerReply')} />
        {replied && <span role="status"> {replied}</span>}
      </p>
      <MessageBody text={content.text} html={content.html} title={t('readerContentTitle')} />
    </div>
  );
}

/** Below the message: remote images on request, attachments, what the mail offers for import. */
function ContentTail({ token, content, canSave, remote, onAllowRemote }: { token: string; content: ReaderContent; canSave: boolean; remote: boolean; onAllowRemote: () => void }) {
  // "never" (user or organisation): remote content cannot be allowed for any message.
  const [remoteAllowed, setRemoteAllowed] = useState(false);
  useEffect(() => {
    call('settings.get', {}).then((v) => setRemoteAllowed(v.values.remoteContent !== 'never'), () => setRemoteAllowed(false));
  }, []);
  return (
    <div>
      {content.html !== null && !remote && remoteAllowed && (
        <button type="button" onClick={onAllowRemote} data-testid="allow-remote">{t('readerAllowRemote')}</button>
      )}
      <ReaderAttachments token={token} attachments={content.attachments} canSave={canSave} />
      {content.offeredKey && <OfferedKey token={token} offer={content.offeredKey} />}
      {content.mailOffers && content.mailOffers.length > 0 && <MailOffers token={token} offers={content.mailOffers} />}
    </div>
  );
}

/** A public key mailed as text: who it claims to be, its fingerprint in blocks, and what importing means. */
function KeyOffer({ token, keys }: { token: string; keys: KeySummary[] }) {
  const [done, setDone] = useState<string | null>(null);
  // 'undecided' after an import means the store held it as a change of a verified key.
  const outcome = (imported: KeySummary[]) => (imported.some((k) => k.acceptance === 'undecided')
    ? t('readerOfferedHeld') : `${t('readerKeyImported', String(imported.length))} ${t('readerOfferedImported')}`);
  return (
    <div data-testid="key-offer">
      <ul class="lp-plain">{keys.map((k) => (
        <li key={k.fingerprint} data-testid="offer-key">{k.emails.join(', ')} <Fingerprint value={k.fingerprint} testId="offer-fingerprint" /></li>
      ))}</ul>
      {done ? <p role="status" data-testid="key-offer-done">{done}</p> : (
        <GuardedButton testId="import-key" label={t('readerImportKey')} onPress={() => call('reader.importKey', { token }).then(
          (r) => setDone(outcome(r.imported)), (e: unknown) => setDone(errorText(e)))} />
      )}
    </div>
  );
}

/** The claim arrives from outside (see the end of this file), so it is not held up by the first paint. */
function Reader({ token, claim, claimError }: { token: string; claim: Claim | null; claimError: string | null }) {
  const [result, setResult] = useState<ResponseOf<'reader.decrypt'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** A message with a key and a password recipient: the user chose its password over the key passphrase. */
  const [usePassword, setUsePassword] = useState(false);
  const [remote, setRemote] = useState(false);
  const content = result?.state === 'content' ? result.content : null;

  async function open(unlock?: { fingerprint: string; passphrase: string } | { messagePassword: string }) {
    setBusy(true);
    setError(null);
    try {
      setResult(await call('reader.decrypt', { token, ...(unlock ?? {}) }));
    } catch (e) {
      setError((unlock && 'messagePassword' in unlock ? messagePasswordError(e) : null) ?? errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="lp-frame" aria-busy={busy}>
      <SecurityBadge />
      {(error ?? claimError) && <p role="alert" class="lp-error" data-testid="reader-error">{error ?? claimError}</p>}
      {claim && (
        <section data-testid="reader-view" data-kind={claim.kind}>
          <h1 class="lp-title">{t(kindLabel[claim.kind])}</h1>
          <p class="lp-meta">{t('readerFromSite', claim.origin)} <span data-testid="reader-size">
            {/* A public key or a clear-signed text is not ciphertext. */}
            {t(claim.kind === 'pgp-key' || claim.kind === 'pgp-signed' ? 'readerSizePlain' : 'readerSize', String(claim.bytes))}
          </span></p>
          {!result && (
            <GuardedButton testId="reader-open" disabled={busy} onPress={() => void open()} label={t(actionLabel[claim.kind])} />
          )}
          {result?.state === 'needs-passphrase' && !usePassword && (<>
            <PassphrasePrompt keys={result.keys} busy={busy} onSubmit={(fingerprint, passphrase) => void open({ fingerprint, passphrase })} />
            {result.messagePassword && <UseMessagePassword onClick={() => { setError(null); setUsePassword(true); }} />}
          </>)}
          {(result?.state === 'needs-password' || (result?.state === 'needs-passphrase' && usePassword)) && (
            <MessagePasswordPrompt busy={busy} onSubmit={(messagePassword) => void open({ messagePassword })}
              onUseKey={result.state === 'needs-passphrase' ? () => { setError(null); setUsePassword(false); } : undefined} />
          )}
          {content && <Content token={token} content={content} />}
          {result?.state === 'key' && <KeyOffer token={token} keys={result.keys} />}
        </section>
      )}
      {/* Always here, always at this place in the tree: the page must not learn the outcome from the frame count. */}
      <BodyFrame html={content?.html ?? null} allowRemoteImages={remote} title={t('readerContentTitle')} />
      {claim && content && (
        <ContentTail token={token} content={content} canSave={claim.kind === 'raw-message'} remote={remote} onAllowRemote={() => setRemote(true)} />
      )}
      {!claim && !error && !claimError && <p>{t('loading')}</p>}
    </main>
  );
}

// The claim starts before the first render: an effect would wait for a frame, which an offscreen frame
// may not get for a while.
const token = takeToken();
frameGuard(); // starts watching the frame's visibility now, so it has settled by the time the user clicks
const root = document.getElementById('root')!;
render(<Reader token={token} claim={null} claimError={null} />, root);
call('reader.claim', { token }).then((c) => {
  render(<Reader token={token} claim={c} claimError={null} />, root);
  mark(readerMarks.ready); // render() is synchronous: the button is in the document now
}, (e: unknown) => render(<Reader token={token} claim={null} claimError={errorText(e)} />, root));

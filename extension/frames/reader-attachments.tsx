/**
 * The attachments of a message in the reader frame. For raw messages each decrypted file can be saved:
 * the frame fetches it from the worker piece by piece (a progress bar per piece), keeps each piece as a
 * Blob (the browser may keep large blobs on disk) and downloads it from this extension frame with a
 * Blob URL. The page never sees the bytes.
 */
import { useState } from 'preact/hooks';
import { call } from '../shared/client';
import type { Attachment } from '../shared/reader-result';
import { fromBase64 } from '../../keyring/bytes';
import { ProtocolError } from '../shared/result';
import { t } from '../ui-kit/i18n';
import { GuardedButton } from './guard/guarded-button';

type SaveState = { state: 'idle' } | { state: 'saving'; percent: number } | { state: 'saved' } | { state: 'failed'; reason: string };

/** A file name safe to offer to the browser's download (no paths, no control characters). */
function safeName(name: string): string {
  let out = '';
  for (const ch of name.slice(0, 200)) out += ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? '_' : ch;
  return out || 'attachment';
}

async function download(token: string, index: number, a: Attachment, onProgress: (percent: number) => void): Promise<void> {
  const parts: Blob[] = [];
  let offset = 0;
  for (;;) {
    const piece = await call('reader.attachment', { token, index, offset });
    const bytes = fromBase64(piece.base64);
    parts.push(new Blob([bytes]));
    offset += bytes.byteLength;
    onProgress(piece.total === 0 ? 100 : Math.floor((offset / piece.total) * 100));
    if (piece.done || bytes.byteLength === 0) break;
  }
  const url = URL.createObjectURL(new Blob(parts, { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = safeName(a.filename);
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy by the next task; the URL need not outlive it by much.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function AttachmentRow({ token, index, a, canSave }: { token: string; index: number; a: Attachment; canSave: boolean }) {
  const [s, setS] = useState<SaveState>({ state: 'idle' });
  async function save() {
    setS({ state: 'saving', percent: 0 });
    try {
      await download(token, index, a, (percent) => setS({ state: 'saving', percent }));
      setS({ state: 'saved' });
    } catch (e) {
      setS({ state: 'failed', reason: e instanceof ProtocolError ? e.message : String(e).slice(0, 200) });
    }
  }
  const name = a.filename.slice(0, 200);
  return (
    <li data-testid="attachment" data-name={name}>
      <span class="lp-attachment-name">{name}</span> <span class="lp-meta">({a.size} B)</span>
      {canSave && (
        <GuardedButton testId="attachment-save" ariaLabel={t('readerSaveLabel', name)} disabled={s.state === 'saving'} onPress={() => void save()} label={t('readerSave')} />
      )}
      {s.state === 'saving' && (
        <progress data-testid="attachment-progress" max={100} value={s.percent} aria-label={t('readerSaving', String(s.percent))} />
      )}
      {s.state === 'saved' && <span role="status" data-testid="attachment-saved"> {t('readerSaved')}</span>}
      {s.state === 'failed' && <span role="alert" class="lp-error"> {t('readerSaveFailed', s.reason)}</span>}
    </li>
  );
}

export function ReaderAttachments({ token, attachments, canSave }: { token: string; attachments: Attachment[]; canSave: boolean }) {
  if (attachments.length === 0) return null;
  return (
    <ul aria-label={t('readerAttachments')} data-testid="attachments">
      {attachments.map((a, i) => <AttachmentRow key={i} token={token} index={i} a={a} canSave={canSave} />)}
    </ul>
  );
}

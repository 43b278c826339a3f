/** Where an import comes from: a file (picker or drag-and-drop) or pasted text. */
import { useId, useState } from 'preact/hooks';
import { t } from '../../ui-kit/i18n';
import { readImportFile, type ImportPayload } from './read-file';

export function ImportSource(props: { onPayload: (p: ImportPayload) => void; onError: (e: unknown) => void }) {
  const [pasted, setPasted] = useState('');
  const [over, setOver] = useState(false);
  const fileId = useId();

  async function take(file: File | undefined) {
    if (!file) return;
    try {
      props.onPayload(await readImportFile(file));
    } catch (e) {
      props.onError(e);
    }
  }

  return (
    <div class="lp-import-source">
      <div
        class={`lp-dropzone${over ? ' lp-dropzone-over' : ''}`}
        data-testid="import-dropzone"
        onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => { e.preventDefault(); setOver(false); void take(e.dataTransfer?.files[0]); }}
      >
        <p>{t('importDropHere')}</p>
        <label for={fileId} class="lp-button">{t('importChooseFile')}</label>
        <input id={fileId} type="file" class="lp-visually-hidden" data-testid="import-file"
          accept=".asc,.gpg,.pgp,.key,.pub,.pem,.crt,.cer,.der,.p12,.pfx,text/plain,application/pgp-keys"
          onChange={(e) => { void take(e.currentTarget.files?.[0]); e.currentTarget.value = ''; }} />
      </div>
      <form onSubmit={(e) => { e.preventDefault(); if (pasted.trim()) props.onPayload({ text: pasted, name: '' }); }}>
        <label class="lp-field">
          {t('importPasteLabel')}
          <textarea rows={6} value={pasted} data-testid="import-paste" spellcheck={false}
            onInput={(e) => setPasted(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={!pasted.trim()} data-testid="import-paste-submit">{t('importCheck')}</button>
      </form>
    </div>
  );
}

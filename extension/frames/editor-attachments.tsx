/**
 * The attachments part of the secure editor: a labelled file picker and a drop zone (both reachable by
 * keyboard: the picker is a real file input), the list of files with sizes and a remove button each.
 * Where the web mail cannot take files from Lockpane (generic mode) it only explains why there is none.
 */
import { useState } from 'preact/hooks';
import { t } from '../ui-kit/i18n';
import { addFiles, formatSize, type PickedFile } from './attachment-staging';

type Props = {
  canAttach: boolean;
  files: PickedFile[];
  onChange: (files: PickedFile[]) => void;
  disabled: boolean;
};

export function EditorAttachments({ canAttach, files, onChange, disabled }: Props) {
  const [problems, setProblems] = useState<string[]>([]);
  const [over, setOver] = useState(false);

  if (!canAttach) return <p class="lp-note" role="note" data-testid="attach-unsupported">{t('editorAttachUnsupported')}</p>;

  const take = (list: FileList | null | undefined) => {
    if (!list || list.length === 0 || disabled) return;
    const r = addFiles(files, [...list]);
    setProblems(r.problems.map((p) => t(p.key, p.subs)));
    onChange(r.files);
  };

  return (
    <fieldset class="lp-attachments" data-testid="attachments" disabled={disabled}>
      <legend>{t('editorAttachments')}</legend>
      <label class="lp-field">{t('editorAttachAdd')}{' '}
        <input type="file" multiple data-testid="attach-input" onChange={(e) => {
          const input = e.target as HTMLInputElement;
          take(input.files);
          input.value = ''; // the same file can be picked again after removing it
        }} />
      </label>
      <div class={over ? 'lp-dropzone lp-dropzone-over' : 'lp-dropzone'} data-testid="attach-drop" role="group" aria-label={t('editorAttachDrop')}
        onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => { e.preventDefault(); setOver(false); take(e.dataTransfer?.files); }}>
        {t('editorAttachDrop')}
      </div>
      {files.length > 0 && (
        <ul class="lp-attachment-list" aria-label={t('editorAttachments')}>
          {files.map((f) => (
            <li key={f.id} data-testid="attachment" data-name={f.file.name}>
              {f.file.name} ({formatSize(f.file.size)}){' '}
              <button type="button" data-testid="attach-remove" aria-label={t('editorAttachRemove', f.file.name)}
                onClick={() => onChange(files.filter((x) => x.id !== f.id))}>×</button>
            </li>
          ))}
        </ul>
      )}
      {problems.map((p) => <p key={p} role="alert" class="lp-error" data-testid="attach-problem">{p}</p>)}
    </fieldset>
  );
}

/**
 * Which form OpenPGP mail from this editor takes, said before sending: PGP/MIME where the web mail can
 * send a MIME entity Lockpane builds (text, files and the real Subject encrypted together), else inline
 * armor in the body with the Subject in clear. S/MIME says its own in the Subject note.
 */
import type { ComposeResolution } from '../shared/compose-types';
import { t } from '../ui-kit/i18n';

export function SendFormNote({ protocol, pgpMime }: { protocol: ComposeResolution['protocol'] | undefined; pgpMime: boolean }) {
  if (protocol !== 'openpgp') return null;
  const form = pgpMime ? 'pgp-mime' : 'inline';
  return <p class="lp-note" role="note" data-testid="send-form" data-form={form}>{t(pgpMime ? 'editorFormPgpMime' : 'editorFormInline')}</p>;
}

/**
 * What happens to the Subject, said before and after sending: S/MIME mail carries it inside the encryption
 * (RFC 9788) and the web mail shows the placeholder, and so does PGP/MIME; inline OpenPGP cannot, so it travels in clear.
 */
import type { ComposeResolution, EncryptResult } from '../shared/compose-types';
import { t } from '../ui-kit/i18n';

type Outcome = (EncryptResult & { state: 'inserted' })['subject'];

/** `protectedReply`: this answers a message whose Subject was protected; in clear it goes as `Re: [...]` (worker/compose/reply-subject.ts). */
export function SubjectNote({ protocol, outcome, pgpMime = false, protectedReply = false }: {
  protocol: ComposeResolution['protocol'] | undefined; outcome: Outcome | null; pgpMime?: boolean; protectedReply?: boolean;
}) {
  if (outcome === 'not-set') return <p class="lp-warn" role="note" data-testid="subject-note" data-subject="not-set">{t('editorSubjectNotSet', '[...]')}</p>;
  if (outcome === 'protected' || (outcome === null && (protocol === 'smime' || (protocol === 'openpgp' && pgpMime)))) {
    return <p class="lp-note" role="note" data-testid="subject-note" data-subject="protected">{t('editorSubjectProtected', '[...]')}</p>;
  }
  if (outcome === 'placeholder' || (outcome === null && protocol === 'openpgp' && protectedReply)) {
    return <p class="lp-note" role="note" data-testid="subject-note" data-subject="placeholder">{t('editorSubjectReplyPlaceholder', 'Re: [...]')}</p>;
  }
  if (outcome === 'clear' || (outcome === null && protocol === 'openpgp')) {
    return <p class="lp-note" role="note" data-testid="subject-note" data-subject="clear">{t('editorSubjectClear')}</p>;
  }
  return null;
}

/**
 * The message's protected headers (RFC 9788) as the reader frame shows them: the Subject, From, To, Cc and
 * Date the sender put inside the encryption or signature, and a note for each that the web mail's own
 * (unprotected) header shows differently. Sender-controlled text is plain text, truncated.
 */
import type { ProtectedHeadersView } from '../shared/reader-result';
import { t } from '../ui-kit/i18n';

type Field = keyof ProtectedHeadersView['fields'];
const order: Field[] = ['subject', 'from', 'to', 'cc', 'date'];
const label: Record<Field, string> = {
  subject: 'hpSubject', from: 'hpFrom', to: 'hpTo', cc: 'hpCc', date: 'hpDate',
};

const cut = (s: string): string => (s.length > 300 ? `${s.slice(0, 300)}…` : s);

/** A placeholder Subject outside an encrypted mail is what the sender meant; anything else is a warning. */
function differenceNote(field: Field, outside: string, encrypted: boolean): { text: string; warn: boolean } {
  if (field === 'subject' && encrypted) return { text: t('hpSubjectHidden', cut(outside) || '—'), warn: false };
  if (outside === '') return { text: t('hpMissingOutside'), warn: false };
  return { text: t('hpDiffersOutside', cut(outside)), warn: true };
}

export function ProtectedHeaders({ headers, encrypted }: { headers: ProtectedHeadersView; encrypted: boolean }) {
  const shown = order.filter((f) => headers.fields[f] !== undefined);
  if (shown.length === 0) return null;
  return (
    <section class="lp-protected-headers" aria-label={t('hpLabel')} data-testid="protected-headers" data-scheme={headers.scheme}>
      <dl>
        {shown.map((f) => {
          const outside = headers.outside[f];
          const note = outside === undefined ? null : differenceNote(f, outside, encrypted);
          return (
            <div key={f} data-testid={`protected-${f}`}>
              <dt>{t(label[f])}</dt>
              <dd>
                <span data-testid={`protected-${f}-value`}>{cut(headers.fields[f] ?? '')}</span>
                {note && <span class={note.warn ? 'lp-warn' : 'lp-note'} data-testid={`protected-${f}-outside`}> {note.text}</span>}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

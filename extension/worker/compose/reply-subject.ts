/**
 * A reply to a message whose Subject was protected (RFC 9788) starts in the editor from `Re: <protected
 * Subject>`. Where the reply cannot protect its own Subject (inline OpenPGP, sign-only mail), that line
 * would go into the web mail's Subject field in clear: the one line the sender had hidden. So any clear
 * Subject that still contains the protected one is replaced by the placeholder reply `Re: [...]`, and the
 * editor says so. Protected forms (PGP/MIME, S/MIME) keep the real Subject inside, as before.
 */
import { obscuredSubject } from '../../../keyring/mime/header-protection-write';

/** "Re: <subject>" for a reply, once; the subject is the page's (shown to the user anyway), never trusted. */
export function replySubject(subject: string | null | undefined): string | null {
  if (!subject) return null;
  return (/^re:/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim()}`).slice(0, 998);
}

/** What a reply may put into the web mail's Subject in clear: `subject` itself, or `Re: [...]` when it would reveal `protectedSubject`. */
export function clearReplySubject(subject: string, protectedSubject: string | undefined): { value: string; keptOut: boolean } {
  const secret = protectedSubject?.replace(/\s+/g, ' ').trim().toLowerCase();
  if (!secret || !subject.replace(/\s+/g, ' ').toLowerCase().includes(secret)) return { value: subject, keptOut: false };
  return { value: `Re: ${obscuredSubject}`, keptOut: true };
}

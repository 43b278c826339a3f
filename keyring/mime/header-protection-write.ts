/**
 * Header protection, sending side (RFC 9788 §4): the real Subject (and From/To/Cc) go onto the root of the
 * entity that is signed and encrypted, marked `hp="cipher"` (or `hp="clear"` for signed-only mail); the
 * outer Subject becomes the placeholder "[...]", recorded inside as `HP-Outer: Subject: [...]` so the
 * recipient's client can tell what travelled in clear.
 */
import { encodeHeaderValue } from './encoded-words';
import { buildEntity, headerValue, parseEntity } from './entity';
import { LockpaneError } from '../errors';

/** The Subject an encrypted message shows outside (RFC 9788 §4.2.1: the recommended obscured value). */
export const obscuredSubject = '[...]';

export type ProtectedHeaderInput = { subject: string | null; from: string | null; to: readonly string[]; cc: readonly string[] };

/** `entity`: a MIME entity built by Lockpane (CRLF, its own Content-Type). Returns it with the protected header fields on its root. */
export function addProtectedHeaders(entity: Uint8Array, h: ProtectedHeaderInput, hp: 'cipher' | 'clear'): Uint8Array {
  const e = parseEntity(entity);
  const contentType = headerValue(e.headers, 'content-type');
  if (!contentType) throw new LockpaneError('internal', 'The entity to protect has no Content-Type.');
  const fields: [string, string][] = [];
  if (h.from) fields.push(['From', encodeHeaderValue(h.from)]);
  if (h.to.length > 0) fields.push(['To', h.to.map(encodeHeaderValue).join(', ')]);
  if (h.cc.length > 0) fields.push(['Cc', h.cc.map(encodeHeaderValue).join(', ')]);
  if (h.subject !== null) fields.push(['Subject', encodeHeaderValue(h.subject)]);
  if (hp === 'cipher' && h.subject !== null) fields.push(['HP-Outer', `Subject: ${obscuredSubject}`]);
  const kept = e.headers.filter((f) => !/^(content-type|from|to|cc|subject|hp-outer)$/i.test(f.name)).map((f): [string, string] => [f.name, f.value]);
  return buildEntity([...fields, ...kept, ['Content-Type', `${contentType}; hp="${hp}"`]], e.body);
}

/**
 * Header protection, reading side (RFC 9788, and its predecessor draft's `protected-headers="v1"`):
 * the header fields on the Cryptographic Payload's root part are the message's true headers. They win
 * over the outer ones, which an encrypting sender replaces by placeholders ("[...]") and which anyone
 * on the way can change. Legacy display parts (old draft) are cut out of what is shown; a legacy display
 * element inside the main body part (RFC 9788 `hp-legacy-display="1"`) is stripped by stripLegacyDisplay.
 */
import { latin1Bytes } from '../bytes/base64';
import { decodeEncodedWords } from './encoded-words';
import { headerValue, multipartParts, parseContentType, parseEntity, type HeaderField } from './entity';

/** The fields the reader shows from the protected header section. */
export const protectedFieldNames = ['subject', 'from', 'to', 'cc', 'date'] as const;
export type ProtectedField = (typeof protectedFieldNames)[number];

export type HeaderProtection = {
  /** rfc9788: `hp="cipher"` or `hp="clear"` on the root; v1: the predecessor draft's `protected-headers="v1"` */
  scheme: 'rfc9788' | 'v1';
  /** RFC 9788 says whether the sender meant the headers to be confidential (`cipher`) or only signed (`clear`) */
  hp: 'cipher' | 'clear' | null;
  /** protected values, decoded; a field the root part does not carry is absent */
  fields: Partial<Record<ProtectedField, string>>;
  /** for each protected field whose outer value differs: the outer value ('' when the outer header lacks it) */
  outside: Partial<Record<ProtectedField, string>>;
  /** the payload to show: as given, or without its legacy display part */
  display: Uint8Array;
  /** some text part carries a legacy display element at its start (RFC 9788 §4.5): strip it from the shown text */
  legacyDisplayInBody: boolean;
};

/** Header values are read as latin-1; raw UTF-8 (RFC 6532) is turned back into text when it is valid. */
function asText(value: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(latin1Bytes(value));
  } catch {
    return value;
  }
}

function shownValue(value: string): string {
  return decodeEncodedWords(asText(value)).replace(/\s+/g, ' ').trim();
}

function fieldsOf(headers: readonly HeaderField[]): Partial<Record<ProtectedField, string>> {
  const out: Partial<Record<ProtectedField, string>> = {};
  for (const name of protectedFieldNames) {
    const v = headerValue(headers, name);
    if (v !== undefined) out[name] = shownValue(v);
  }
  return out;
}

const addressFields: readonly ProtectedField[] = ['from', 'to', 'cc'];

/** The addr-specs in an address list, lower-cased and sorted: display names and order do not make a difference. */
function addressSet(value: string): string {
  return [...new Set((value.match(/[^\s<>,;:"()]+@[^\s<>,;:"()]+/g) ?? []).map((a) => a.toLowerCase()))].sort().join(',');
}

function sameValue(name: ProtectedField, inner: string, outer: string | undefined): boolean {
  if (outer === undefined) return false;
  if (addressFields.includes(name)) return addressSet(inner) === addressSet(outer) && addressSet(inner) !== '';
  return inner === outer;
}

function isLegacyDisplayPart(headers: readonly HeaderField[]): boolean {
  const ct = parseContentType(headerValue(headers, 'content-type'));
  return ct.params['protected-headers'] === 'v1' && (ct.mediaType === 'text/plain' || ct.mediaType === 'text/rfc822-headers');
}

/** Old draft: a multipart/mixed root whose first child is the legacy display part; it is cut out. */
function withoutLegacyPart(payload: Uint8Array): Uint8Array {
  const root = parseEntity(payload);
  const ct = parseContentType(headerValue(root.headers, 'content-type'));
  const boundary = ct.params.boundary;
  if (ct.mediaType !== 'multipart/mixed' || !boundary) return payload;
  const { parts } = multipartParts(root.body, boundary);
  const [first, second] = parts;
  if (!first || !second || !isLegacyDisplayPart(parseEntity(root.body.subarray(first.start, first.end)).headers)) return payload;
  // Keep the first delimiter line, drop the legacy part and the delimiter after it.
  const cutFrom = root.bodyStart + first.start;
  const cutTo = root.bodyStart + second.start;
  const out = new Uint8Array(payload.length - (cutTo - cutFrom));
  out.set(payload.subarray(0, cutFrom));
  out.set(payload.subarray(cutTo), cutFrom);
  return out;
}

/** Any leaf under the root marked `hp-legacy-display="1"` (bounded walk). */
function hasLegacyDisplayElement(payload: Uint8Array, depth = 0): boolean {
  if (depth > 8) return false;
  const e = parseEntity(payload);
  const ct = parseContentType(headerValue(e.headers, 'content-type'));
  if (ct.params['hp-legacy-display'] === '1') return true;
  if (ct.type !== 'multipart' || !ct.params.boundary) return false;
  return multipartParts(e.body, ct.params.boundary).parts.slice(0, 64).some((p) => hasLegacyDisplayElement(e.body.subarray(p.start, p.end), depth + 1));
}

/**
 * The protected headers of `payload` (the decrypted or signed MIME entity), compared with the message's
 * outer header section (null when the web mail gave no raw message). Null when the payload is not
 * marked as carrying protected headers.
 */
export function readHeaderProtection(payload: Uint8Array, outer: readonly HeaderField[] | null): HeaderProtection | null {
  const root = parseEntity(payload);
  const ct = parseContentType(headerValue(root.headers, 'content-type'));
  const hpParam = ct.params.hp?.toLowerCase();
  const hp = hpParam === 'cipher' || hpParam === 'clear' ? hpParam : null;
  const scheme = hp ? 'rfc9788' : ct.params['protected-headers'] === 'v1' ? 'v1' : null;
  if (!scheme) return null;
  const fields = fieldsOf(root.headers);
  const outerFields = outer ? fieldsOf(outer) : null;
  const outside: Partial<Record<ProtectedField, string>> = {};
  if (outerFields) {
    for (const name of protectedFieldNames) {
      const inner = fields[name];
      if (inner !== undefined && !sameValue(name, inner, outerFields[name])) outside[name] = outerFields[name] ?? '';
    }
  }
  return {
    scheme, hp, fields, outside,
    display: scheme === 'v1' ? withoutLegacyPart(payload) : payload,
    legacyDisplayInBody: scheme === 'rfc9788' && hasLegacyDisplayElement(payload),
  };
}

const legacyLine = /^(?:Subject|From|To|Cc|Date|Reply-To|Followup-To|Keywords|Comments):[^\n]*\n/i;

/**
 * Removes a legacy display element (RFC 9788 §4.5) from text already decoded for display: in plain text,
 * the header-like lines at the very start and the blank line after them; in HTML, the first
 * `<div class="header-protection-legacy-display">` element (it holds no nested div).
 */
export function stripLegacyDisplay(shown: { text: string | null; html: string | null }): { text: string | null; html: string | null } {
  let text = shown.text;
  if (text !== null) {
    let rest = text.replace(/\r\n/g, '\n');
    let lines = 0;
    for (let m = legacyLine.exec(rest); m; m = legacyLine.exec(rest)) { rest = rest.slice(m[0].length); lines++; }
    if (lines > 0 && rest.startsWith('\n')) text = rest.slice(1);
  }
  const html = shown.html === null ? null
    : shown.html.replace(/<div\b[^>]*\bclass\s*=\s*["']?header-protection-legacy-display["']?[^>]*>[\s\S]*?<\/div>/i, '');
  return { text, html };
}

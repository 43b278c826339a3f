/**
 * What the reader shows of a Cryptographic Payload with protected headers (RFC 9788): its parsed content
 * without legacy display parts or elements, and the protected Subject/From/To/Cc/Date beside the outer ones.
 */
import { parseEntity, type HeaderField } from '../../../keyring/mime/entity';
import { readHeaderProtection, stripLegacyDisplay, type HeaderProtection } from '../../../keyring/mime/header-protection';
import type { ProtectedHeadersView } from '../../shared/reader-result';
import { contentWithFiles, type ContentWithFiles } from './mime-content';

export type ShownPayload = { parsed: ContentWithFiles; protectedHeaders: ProtectedHeadersView | undefined };

/** The raw mail's own header section, or null when it cannot be read (then nothing is compared). */
export function outerHeaders(raw: Uint8Array): HeaderField[] | null {
  try {
    return parseEntity(raw).headers;
  } catch {
    return null;
  }
}

function protection(payload: Uint8Array, outer: readonly HeaderField[] | null): HeaderProtection | null {
  try {
    return readHeaderProtection(payload, outer);
  } catch {
    // A payload too malformed for our header reader is still shown by postal-mime, without protected headers.
    return null;
  }
}

export async function shownPayload(payload: Uint8Array, outer: readonly HeaderField[] | null): Promise<ShownPayload> {
  const hp = protection(payload, outer);
  if (!hp) return { parsed: await contentWithFiles(payload), protectedHeaders: undefined };
  const parsed = await contentWithFiles(hp.display);
  const content = hp.legacyDisplayInBody ? { ...parsed.content, ...stripLegacyDisplay(parsed.content) } : parsed.content;
  return { parsed: { ...parsed, content }, protectedHeaders: { scheme: hp.scheme, fields: hp.fields, outside: hp.outside } };
}

/**
 * Which content cipher to send with (RFC 8551 §2.7): AES-GCM (AuthEnvelopedData, integrity
 * protected) only when every recipient is known to read it, otherwise AES-256-CBC, which every
 * S/MIME v3.2+ client reads. Capabilities are the OIDs a recipient advertised in SMIMECapabilities;
 * `undefined` means we know nothing about that recipient.
 */
import type { ContentCipher } from '../crypto/content-cipher';
import { OID } from '../oids';

export type RecipientCapabilities = readonly string[] | undefined;

export function chooseContentCipher(recipients: readonly RecipientCapabilities[]): ContentCipher {
  if (recipients.length === 0) return 'aes-256-cbc';
  const all = (o: string): boolean => recipients.every((caps) => caps !== undefined && caps.includes(o));
  if (all(OID.aes256Gcm)) return 'aes-256-gcm';
  if (all(OID.aes128Gcm)) return 'aes-128-gcm';
  return 'aes-256-cbc';
}

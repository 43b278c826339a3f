/** Reads a picked or dropped file for import: armored text stays text, anything else goes as base64. */
import { fromBase64, toBase64 } from '../../../keyring/bytes';

export type ImportPayload = { text?: string; base64?: string; name: string };

const maxBytes = 4 * 1024 * 1024;

export async function readImportFile(file: File): Promise<ImportPayload> {
  if (file.size > maxBytes) throw new RangeError('too-large');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const head = new TextDecoder().decode(bytes.subarray(0, 2048));
  if (/-----BEGIN /.test(head)) return { text: new TextDecoder().decode(bytes), name: file.name };
  return { base64: toBase64(bytes), name: file.name };
}

/** Whether the input claims to be a key (so a failure means "damaged", not "not a key"). */
export function looksLikeKey(p: ImportPayload): boolean {
  if (p.text !== undefined) return /-----BEGIN (PGP (PUBLIC|PRIVATE) KEY BLOCK|CERTIFICATE)-----/.test(p.text);
  const first = p.base64 ? fromBase64(p.base64.slice(0, 4))[0] ?? 0 : 0;
  return first === 0x30 || (first & 0x80) !== 0;
}

/** An S/MIME private key: a PKCS#12 file (DER SEQUENCE starting with the version INTEGER) or a PEM private key. */
export function isSmimePrivate(p: ImportPayload): boolean {
  if (p.text !== undefined) return /-----BEGIN (ENCRYPTED |RSA |EC )?PRIVATE KEY-----/.test(p.text);
  if (/\.(p12|pfx)$/i.test(p.name)) return true;
  if (!p.base64) return false;
  const head = fromBase64(p.base64.slice(0, 12));
  if (head[0] !== 0x30 || head.length < 8) return false;
  const l = head[1]!;
  return head[l < 0x80 ? 2 : 2 + (l & 0x7f)] === 0x02;
}

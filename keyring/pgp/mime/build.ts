/** Builds RFC 3156 PGP/MIME messages: multipart/signed and multipart/encrypted. */
import * as openpgp from 'openpgp';
import { LockpaneError } from '../../errors';
import { concatBytes } from '../../bytes/concat';
import { randomHex } from '../../bytes/random';
import { toBytes, utf8 } from '../bytes';
import { encrypt } from '../encrypt';
import { sign } from '../sign';
import type { PgpKey, PgpPrivateKey } from '../types';
import { toCrlf } from './canonical';

export type MimeMessage = {
  /** the Content-Type header value of the whole message */
  contentType: string;
  /** the body (after the blank line) */
  body: Uint8Array;
  /** "Content-Type: …\r\n\r\n" + body: a complete MIME entity, ready to nest or to add mail headers to */
  entity: Uint8Array;
};

function boundary(): string {
  return `lockpane-${randomHex(18)}`;
}

function entityOf(contentType: string, body: Uint8Array): MimeMessage {
  return { contentType, body, entity: concatBytes([utf8(`Content-Type: ${contentType}\r\n\r\n`), body]) };
}

const micalgNames: Record<number, string> = {
  [openpgp.enums.hash.sha256]: 'pgp-sha256', [openpgp.enums.hash.sha384]: 'pgp-sha384', [openpgp.enums.hash.sha512]: 'pgp-sha512',
  [openpgp.enums.hash.sha224]: 'pgp-sha224', [openpgp.enums.hash.sha3_256]: 'pgp-sha3-256', [openpgp.enums.hash.sha3_512]: 'pgp-sha3-512',
};

/**
 * multipart/signed over `entity` (a MIME entity with its own headers). The entity is signed in
 * its canonical CRLF form and placed in the message byte for byte; it should be 7-bit
 * (quoted-printable or base64 bodies), as RFC 3156 §5 requires.
 */
export async function buildSigned(options: { entity: Uint8Array | string; signingKeys: PgpPrivateKey[] }): Promise<MimeMessage> {
  const part = toCrlf(toBytes(options.entity));
  const armored = await sign({ data: part, signingKeys: options.signingKeys, mode: 'binary' }) as string;
  const sig = await openpgp.readSignature({ armoredSignature: armored });
  const hashes = new Set(sig.packets.map((p) => p.hashAlgorithm));
  const micalg = [...hashes].map((h) => micalgNames[h as number]).filter(Boolean).join(',');
  if (!micalg) throw new LockpaneError('unsupported-algorithm', 'The signature hash has no PGP/MIME micalg name.');
  const b = boundary();
  const body = concatBytes([
    utf8(`This is an OpenPGP/MIME signed message (RFC 4880 and 3156)\r\n--${b}\r\n`),
    part,
    utf8(`\r\n--${b}\r\nContent-Type: application/pgp-signature; name="signature.asc"\r\nContent-Description: OpenPGP digital signature\r\n` +
      `Content-Disposition: attachment; filename="signature.asc"\r\n\r\n`),
    utf8(armored.replace(/\r?\n/g, '\r\n')),
    utf8(`\r\n--${b}--\r\n`),
  ]);
  return entityOf(`multipart/signed; micalg="${micalg}"; protocol="application/pgp-signature"; boundary="${b}"`, body);
}

/** multipart/encrypted around `entity`, optionally signed inside the encryption (combined method, RFC 3156 §6.2). */
export async function buildEncrypted(options: {
  entity: Uint8Array | string;
  encryptionKeys: PgpKey[];
  signingKeys?: PgpPrivateKey[];
  passwords?: string[];
}): Promise<MimeMessage> {
  const armored = await encrypt({
    data: toCrlf(toBytes(options.entity)), encryptionKeys: options.encryptionKeys, armor: true,
    ...(options.signingKeys ? { signingKeys: options.signingKeys } : {}), ...(options.passwords ? { passwords: options.passwords } : {}),
  });
  const b = boundary();
  const body = utf8(
    `This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)\r\n--${b}\r\n` +
    'Content-Type: application/pgp-encrypted\r\nContent-Description: PGP/MIME version identification\r\n\r\nVersion: 1\r\n\r\n' +
    `--${b}\r\nContent-Type: application/octet-stream; name="encrypted.asc"\r\nContent-Description: OpenPGP encrypted message\r\n` +
    'Content-Disposition: inline; filename="encrypted.asc"\r\n\r\n' +
    armored.replace(/\r?\n/g, '\r\n') + `\r\n--${b}--\r\n`);
  return entityOf(`multipart/encrypted; protocol="application/pgp-encrypted"; boundary="${b}"`, body);
}

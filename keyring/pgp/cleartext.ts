/**
 * Cleartext signatures (RFC 9580 §7). Only the verified text is ever returned (SECURITY.md A4.2):
 * text before the BEGIN line or after the END line is not part of it, and is flagged.
 */
import * as openpgp from 'openpgp';
import { LockpaneError } from '../errors';
import { checkArmorChecksums } from './armor-check';
import { pgpConfig } from './config';
import { guard, mapPgpError } from './map-error';
import { reportSignatures } from './signature-report';
import type { PgpKey, PgpPrivateKey, SignatureReport } from './types';

const BEGIN = '-----BEGIN PGP SIGNED MESSAGE-----';
const END = '-----END PGP SIGNATURE-----';

export async function signCleartext(options: { text: string; signingKeys: PgpPrivateKey[]; date?: Date }): Promise<string> {
  if (options.signingKeys.length === 0) throw new LockpaneError('missing-argument', 'No signing key was given.');
  return guard('bad-data', 'Signing', async () => {
    const message = await openpgp.createCleartextMessage({ text: options.text });
    return openpgp.sign({ message, signingKeys: options.signingKeys, format: 'armored', config: pgpConfig, ...(options.date ? { date: options.date } : {}) });
  });
}

/**
 * openpgp.js 6.3 looks up `Hash: SHA3-512` as "sha3-512" and fails (its enum key is sha3_512).
 * The Hash header is not signed, so spelling it the way the library expects changes nothing.
 */
function normaliseHashHeaders(block: string): string {
  const headerEnd = block.search(/\r?\n\r?\n/);
  if (headerEnd < 0) return block;
  const head = block.slice(0, headerEnd).replace(/^(Hash:.*)$/gm, (line) => line.replace(/SHA3-(256|512)/gi, 'SHA3_$1'));
  return head + block.slice(headerEnd);
}

export type CleartextVerification = {
  /** the signed text, exactly as verified (never the raw block) */
  text: string;
  signatures: SignatureReport[];
  /** non-blank text was found outside the signed block; it is not returned and is not signed */
  unsignedTextOutside: boolean;
};

export async function verifyCleartext(options: { message: string; verificationKeys: PgpKey[]; expectedSenderEmail?: string; date?: Date }): Promise<CleartextVerification> {
  const start = options.message.indexOf(BEGIN);
  const endAt = options.message.indexOf(END, start < 0 ? 0 : start);
  if (start < 0 || endAt < 0) throw new LockpaneError('bad-armor', 'No complete cleartext-signed block was found.');
  const stop = endAt + END.length;
  const outside = options.message.slice(0, start) + options.message.slice(stop);
  const block = normaliseHashHeaders(options.message.slice(start, stop));
  let message: openpgp.CleartextMessage;
  try {
    checkArmorChecksums(block);
    message = await openpgp.readCleartextMessage({ cleartextMessage: block, config: pgpConfig });
  } catch (e) {
    throw mapPgpError(e, 'bad-armor', 'Reading cleartext signature');
  }
  try {
    const result = await openpgp.verify({ message, verificationKeys: options.verificationKeys, config: pgpConfig, ...(options.date ? { date: options.date } : {}) });
    return {
      text: result.data,
      signatures: await reportSignatures(result.signatures, options.verificationKeys, options.expectedSenderEmail),
      unsignedTextOutside: outside.trim().length > 0,
    };
  } catch (e) {
    throw mapPgpError(e, 'bad-data', 'Verifying cleartext signature');
  }
}

/**
 * Cleartext signatures (RFC 9580 §7). Only the verified text is ever returned (SECURITY.md A4.2):
 * text before the BEGIN line or after the END line is not part of it, and is flagged.
 */
import * as openpgp from 'openpgp';
import { LockpaneError } from '../errors';
import { checkArmorChecksums } from './armor-check';
import { framedBody, printedText, readFramedBody, signedText, splitLines } from './cleartext-frame';
import { pgpConfig } from './config';
import { guard, mapPgpError } from './map-error';
import { reportSignatures } from './signature-report';
import { keysForSigners, type VerificationKeys } from './signer-keys';
import type { PgpPrivateKey, SignatureReport } from './types';

/** createCleartextMessage refuses empty text, which gpg signs; its constructor (untyped in openpgp.js 6.3) does not. */
const Cleartext = openpgp.CleartextMessage as unknown as new (text: string) => openpgp.CleartextMessage;

const BEGIN = '-----BEGIN PGP SIGNED MESSAGE-----';
const END = '-----END PGP SIGNATURE-----';

/**
 * Signs `text` in the cleartext framework. openpgp.js makes the signature and the armor headers;
 * the body is written here (cleartext-frame.ts) so that line endings and the final newline
 * come back from gpg and sqop exactly as given.
 */
export async function signCleartext(options: { text: string; signingKeys: PgpPrivateKey[]; date?: Date }): Promise<string> {
  if (options.signingKeys.length === 0) throw new LockpaneError('missing-argument', 'No signing key was given.');
  const lines = splitLines(options.text);
  const armored = await guard('bad-data', 'Signing', async () => {
    const message = new Cleartext(signedText(lines));
    return openpgp.sign({ message, signingKeys: options.signingKeys, format: 'armored', config: pgpConfig, ...(options.date ? { date: options.date } : {}) });
  });
  const headEnd = armored.indexOf('\n\n');
  const sigStart = armored.lastIndexOf('-----BEGIN PGP SIGNATURE-----');
  if (headEnd < 0 || sigStart < headEnd) throw new LockpaneError('internal', 'The signer wrote an unexpected cleartext frame.');
  return armored.slice(0, headEnd + 2) + framedBody(lines) + armored.slice(sigStart);
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
  /** the signed text, exactly as verified (never the raw block): LF line endings, no final line ending */
  text: string;
  /** the same text as gpg and sqop print it: each line ended with the line ending it has in the message */
  printedText: string;
  signatures: SignatureReport[];
  /** non-blank text was found outside the signed block; it is not returned and is not signed */
  unsignedTextOutside: boolean;
};

export async function verifyCleartext(options: { message: string; verificationKeys: VerificationKeys; expectedSenderEmail?: string; date?: Date }): Promise<CleartextVerification> {
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
  const verificationKeys = await keysForSigners(options.verificationKeys, message);
  try {
    const result = await openpgp.verify({ message, verificationKeys, config: pgpConfig, ...(options.date ? { date: options.date } : {}) });
    return {
      text: result.data,
      printedText: printedTextOf(block, result.data),
      signatures: await reportSignatures(result.signatures, verificationKeys, options.expectedSenderEmail),
      unsignedTextOutside: outside.trim().length > 0,
    };
  } catch (e) {
    throw mapPgpError(e, 'bad-data', 'Verifying cleartext signature');
  }
}

/** The body as printed, checked against the text openpgp.js verified, so that only verified text is ever given back. */
function printedTextOf(block: string, verified: string): string {
  const lines = readFramedBody(block);
  if (!lines || signedText(lines) !== verified) throw new LockpaneError('bad-armor', 'The cleartext-signed text could not be read unambiguously.');
  return printedText(lines);
}

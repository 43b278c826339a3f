/** Detached and inline (one-pass, non-cleartext) signatures over bytes or text. */
import * as openpgp from 'openpgp';
import { LockpaneError } from '../errors';
import { checkArmorChecksums } from './armor-check';
import { pgpConfig } from './config';
import { collect, fromUtf8, isStream } from './bytes';
import { looksArmored } from './key-read';
import { guard, mapPgpError } from './map-error';
import { readMessage, type MessageInput } from './message-read';
import { reportSignatures } from './signature-report';
import { keysForSigners, type VerificationKeys } from './signer-keys';
import type { ByteStream, PgpKey, PgpPrivateKey, SignatureReport } from './types';

export type SignMode = 'binary' | 'text';

function checkSigningKeys(keys: PgpPrivateKey[]): void {
  if (keys.length === 0) throw new LockpaneError('missing-argument', 'No signing key was given.');
  for (const k of keys) {
    if (!k.isPrivate()) throw new LockpaneError('key-not-usable', 'A signing key must be a secret key.');
    if (k.getKeys().some((s) => 'isDummy' in s.keyPacket && !s.keyPacket.isDummy() && !s.keyPacket.isDecrypted())) {
      throw new LockpaneError('key-locked', 'A signing key is locked: unlock it first.');
    }
  }
}

function literal(data: Uint8Array | string, mode: SignMode, date?: Date) {
  const d = date ? { date } : {};
  if (mode === 'text') return openpgp.createMessage({ text: typeof data === 'string' ? data : fromUtf8(data), format: 'utf8', ...d });
  return openpgp.createMessage({ binary: typeof data === 'string' ? new TextEncoder().encode(data) : data, format: 'binary', ...d });
}

/** A detached signature over `data` (armored text by default). `mode: 'text'` makes a text-mode (0x01) signature. */
export async function sign(options: { data: Uint8Array | string; signingKeys: PgpPrivateKey[]; armor?: boolean; mode?: SignMode; date?: Date }): Promise<string | Uint8Array> {
  checkSigningKeys(options.signingKeys);
  return guard('bad-data', 'Signing', async () => {
    const message = await literal(options.data, options.mode ?? 'binary', options.date);
    const base = { message, signingKeys: options.signingKeys, detached: true, config: pgpConfig, ...(options.date ? { date: options.date } : {}) };
    if (options.armor ?? true) return openpgp.sign({ ...base, format: 'armored' }) as Promise<string>;
    return openpgp.sign({ ...base, format: 'binary' }) as Promise<Uint8Array>;
  });
}

async function readSignature(signature: string | Uint8Array): Promise<openpgp.Signature> {
  try {
    if (typeof signature === 'string' || looksArmored(signature)) {
      const text = typeof signature === 'string' ? signature : fromUtf8(signature);
      checkArmorChecksums(text);
      return await openpgp.readSignature({ armoredSignature: text, config: pgpConfig });
    }
    return await openpgp.readSignature({ binarySignature: signature, config: pgpConfig });
  } catch (e) {
    throw mapPgpError(e, 'bad-data', 'Reading signature');
  }
}

/** Verifies a detached signature (one or more signature packets) over `data`. */
export async function verify(options: {
  data: Uint8Array | string | ByteStream;
  signature: string | Uint8Array;
  /** keys to verify with, or a lookup asked only for the signature's signer key IDs */
  verificationKeys: VerificationKeys;
  expectedSenderEmail?: string;
  date?: Date;
}): Promise<{ signatures: SignatureReport[] }> {
  const signature = await readSignature(options.signature);
  const verificationKeys = await keysForSigners(options.verificationKeys, signature);
  // openpgp.js picks text or binary per signature type, so a binary literal works for both.
  const data = typeof options.data === 'string' ? new TextEncoder().encode(options.data) : options.data;
  try {
    const message = isStream(data)
      ? await openpgp.createMessage({ binary: data })
      : await openpgp.createMessage({ binary: data });
    const result = await openpgp.verify({
      message, signature, verificationKeys, format: 'binary', config: pgpConfig,
      ...(options.date ? { date: options.date } : {}),
    });
    const d: unknown = result.data;
    if (!(d instanceof Uint8Array)) await collect(d as ReadableStream<Uint8Array>);
    return { signatures: await reportSignatures(result.signatures, verificationKeys, options.expectedSenderEmail) };
  } catch (e) {
    throw mapPgpError(e, 'bad-data', 'Verifying');
  }
}

/** An inline-signed (one-pass) message: armored text by default. */
export async function signMessage(options: { data: Uint8Array | string; signingKeys: PgpPrivateKey[]; armor?: boolean; mode?: SignMode; date?: Date }): Promise<string | Uint8Array> {
  checkSigningKeys(options.signingKeys);
  return guard('bad-data', 'Signing', async () => {
    const message = await literal(options.data, options.mode ?? 'binary', options.date);
    const base = { message, signingKeys: options.signingKeys, config: pgpConfig, ...(options.date ? { date: options.date } : {}) };
    if (options.armor ?? true) return openpgp.sign({ ...base, format: 'armored' }) as Promise<string>;
    return openpgp.sign({ ...base, format: 'binary' }) as Promise<Uint8Array>;
  });
}

/**
 * Verifies an inline-signed (non-encrypted) message and returns its literal data. Grammar
 * enforcement rejects extra literal packets (CVE-2025-47934), so `data` is exactly what was signed.
 */
export async function verifyMessage(options: {
  message: MessageInput;
  verificationKeys: PgpKey[];
  expectedSenderEmail?: string;
  date?: Date;
}): Promise<{ data: Uint8Array; filename: string | null; signatures: SignatureReport[] }> {
  const message = await readMessage(options.message, pgpConfig);
  try {
    const result = await openpgp.verify({
      message, verificationKeys: options.verificationKeys, format: 'binary', config: pgpConfig,
      ...(options.date ? { date: options.date } : {}),
    });
    const d: unknown = result.data;
    const data = d instanceof Uint8Array ? d : await collect(d as ReadableStream<Uint8Array>);
    const signatures = await reportSignatures(result.signatures, options.verificationKeys, options.expectedSenderEmail);
    if (signatures.length === 0) throw new LockpaneError('no-signature', 'The message carries no signature.');
    return { data, filename: message.getFilename() || null, signatures };
  } catch (e) {
    throw mapPgpError(e, 'bad-data', 'Verifying');
  }
}

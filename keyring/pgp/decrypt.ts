/**
 * Decryption with keys or passwords, verifying every signature found. No plaintext is returned
 * unless the integrity check passed: SEIPDv1 is authenticated as a whole before openpgp.js
 * releases it; SEIPDv2 is released chunk by chunk, each chunk authenticated, and the stream
 * errors (integrity-failure) if the final tag is missing or wrong — callers of decryptStream
 * must treat the data as provisional until the stream has closed without error.
 */
import * as openpgp from 'openpgp';
import { LockpaneError } from '../errors';
import { configWith } from './config';
import { asByteStream, collect, withProgress } from './bytes';
import { mapStreamErrors } from './encrypt';
import { mapPgpError } from './map-error';
import { asWrongPasswordOrChanged, unsealedPasswordOnly } from './password-ambiguity';
import { readMessage, type AnyMessage, type MessageInput } from './message-read';
import { reportSignatures, type VerificationResult } from './signature-report';
import { keysForSigners, type VerificationKeys } from './signer-keys';
import type { ByteStream, PgpKey, PgpPrivateKey, ProgressCallback, SignatureReport } from './types';

export type SessionKeyData = { algorithm: string; data: Uint8Array; aeadAlgorithm?: string };

export type DecryptOptions = {
  message: MessageInput;
  /** unlocked secret keys */
  decryptionKeys?: PgpPrivateKey[];
  passwords?: string[];
  sessionKeys?: SessionKeyData[];
  /** keys to verify with, or a lookup asked only for the signers' key IDs (decrypt only, not decryptStream) */
  verificationKeys?: VerificationKeys;
  /** From: address of the mail, compared with the signer's user IDs */
  expectedSenderEmail?: string;
  /** default 64 MiB (config.ts) */
  maxDecompressedBytes?: number;
  /** also return the session key (sop --session-key-out) */
  returnSessionKey?: boolean;
  date?: Date;
};

export type DecryptResult = {
  data: Uint8Array;
  filename: string | null;
  signatures: SignatureReport[];
  sessionKey: SessionKeyData | null;
};

export type DecryptStreamResult = {
  data: ByteStream;
  filename: string | null;
  /** resolves once `data` has been read to the end */
  signatures: Promise<SignatureReport[]>;
  sessionKey: SessionKeyData | null;
};

function checkDecryptionKeys(keys: PgpPrivateKey[]): void {
  for (const k of keys) {
    if (!k.isPrivate()) throw new LockpaneError('key-not-usable', 'A decryption key must be a secret key.');
    if (k.getKeys().some((s) => 'isDummy' in s.keyPacket && !s.keyPacket.isDummy() && !s.keyPacket.isDecrypted())) {
      throw new LockpaneError('key-locked', 'A decryption key is locked: unlock it with its passphrase first.');
    }
  }
}

function seipdV2Cipher(message: AnyMessage): string | null {
  const seipd = message.packets.find((p) => p instanceof openpgp.SymEncryptedIntegrityProtectedDataPacket) as unknown as
    { version?: number; cipherAlgorithm?: number } | undefined;
  if (seipd?.version !== 2 || seipd.cipherAlgorithm === undefined) return null;
  const entry = Object.entries(openpgp.enums.symmetric).find(([, v]) => v === seipd.cipherAlgorithm);
  return entry ? entry[0] : null;
}

async function prepare(options: DecryptOptions, message: AnyMessage) {
  const config = configWith(options.maxDecompressedBytes === undefined ? {} : { maxDecompressedBytes: options.maxDecompressedBytes });
  const decryptionKeys = options.decryptionKeys ?? [];
  checkDecryptionKeys(decryptionKeys);
  const passwords = options.passwords ?? [];
  let sessionKeys = options.sessionKeys;
  if (!decryptionKeys.length && !passwords.length && !sessionKeys?.length) {
    throw new LockpaneError('missing-argument', 'No key, password or session key was given for decryption.');
  }
  let sessionKey: SessionKeyData | null = null;
  if (options.returnSessionKey && !sessionKeys?.length) {
    try {
      const found = await openpgp.decryptSessionKeys({
        message, ...(decryptionKeys.length ? { decryptionKeys } : {}), ...(passwords.length ? { passwords } : {}), config,
      });
      const first = found[0];
      // v6 PKESKs do not name the cipher: SEIPDv2 carries it.
      const algorithm = first?.algorithm ?? seipdV2Cipher(message);
      if (!first || !algorithm) throw new Error('Session key decryption failed.');
      sessionKey = { algorithm, data: first.data };
      sessionKeys = [sessionKey];
    } catch (e) {
      throw mapPgpError(e, 'cannot-decrypt', 'Decrypting');
    }
  } else if (sessionKeys?.length) {
    sessionKey = sessionKeys[0] ?? null;
  }
  return {
    config,
    call: {
      message,
      ...(decryptionKeys.length && !sessionKeys?.length ? { decryptionKeys } : {}),
      ...(passwords.length && !sessionKeys?.length ? { passwords } : {}),
      ...(sessionKeys?.length ? { sessionKeys: sessionKeys as openpgp.SessionKey[] } : {}),
      expectSigned: false,
      format: 'binary' as const,
      ...(options.date ? { date: options.date } : {}),
      config,
    },
    sessionKey,
  };
}

/**
 * openpgp.decrypt's own steps (decrypt, then verify the decrypted message), split so the verification
 * keys can be chosen by the signer key IDs the decrypted message names.
 */
async function decryptThenVerify(call: Awaited<ReturnType<typeof prepare>>['call'], keys: VerificationKeys | undefined) {
  const date = call.date ?? new Date();
  const config: openpgp.Config = { ...openpgp.config, ...call.config };
  const decrypted = await call.message.decrypt(call.decryptionKeys, call.passwords, call.sessionKeys, date, config);
  const verificationKeys = await keysForSigners(keys, decrypted);
  const signatures = await decrypted.verify(verificationKeys, date, config) as VerificationResult[];
  return { result: { data: decrypted.getLiteralData() as unknown, filename: decrypted.getFilename() ?? '', signatures }, verificationKeys };
}

/** Reads the message and runs openpgp's decryption; a failure there is cannot-decrypt. */
async function open(options: DecryptOptions, input: MessageInput, keys: PgpKey[] | undefined) {
  const message = await readMessage(input, configWith(options.maxDecompressedBytes === undefined ? {} : { maxDecompressedBytes: options.maxDecompressedBytes }));
  const { call, sessionKey } = await prepare(options, message);
  const ambiguous = unsealedPasswordOnly(message, options);
  try {
    if (keys) return { result: await openpgp.decrypt({ ...call, verificationKeys: keys }), verificationKeys: keys, sessionKey, ambiguous };
    return { ...await decryptThenVerify(call, options.verificationKeys), sessionKey, ambiguous };
  } catch (e) {
    throw asWrongPasswordOrChanged(mapPgpError(e, 'cannot-decrypt', 'Decrypting'), ambiguous);
  }
}

/** Decrypts a whole message held in memory. */
export async function decrypt(options: DecryptOptions): Promise<DecryptResult> {
  const given = options.verificationKeys;
  const { result, verificationKeys, sessionKey, ambiguous } = await open(options, options.message, typeof given === 'function' ? undefined : given ?? []);
  let data: Uint8Array;
  try {
    const d: unknown = result.data;
    data = d instanceof Uint8Array ? d : await collect(d as ReadableStream<Uint8Array>);
  } catch (e) {
    throw asWrongPasswordOrChanged(mapPgpError(e, 'integrity-failure', 'Decrypting'), ambiguous);
  }
  const signatures = await reportSignatures(result.signatures, verificationKeys, options.expectedSenderEmail);
  return { data, filename: result.filename || null, signatures, sessionKey };
}

/** Decrypts a stream; see the module comment for when the data may be trusted. */
export async function decryptStream(options: Omit<DecryptOptions, 'verificationKeys'> & { message: ByteStream; verificationKeys?: PgpKey[]; onProgress?: ProgressCallback; totalBytes?: number }): Promise<DecryptStreamResult> {
  const { result, sessionKey, ambiguous } = await open(options, withProgress(options.message, options.onProgress, options.totalBytes), options.verificationKeys ?? []);
  const raw: unknown = result.data;
  const data = raw instanceof Uint8Array
    ? new ReadableStream<Uint8Array>({ start(c) { c.enqueue(raw); c.close(); } })
    : mapStreamErrors(asByteStream(raw as ReadableStream<Uint8Array>), 'Decrypting', 'integrity-failure', (e) => asWrongPasswordOrChanged(e, ambiguous));
  const signatures = reportSignatures(result.signatures, options.verificationKeys ?? [], options.expectedSenderEmail);
  signatures.catch(() => { /* surfaced to whoever awaits it */ });
  return { data, filename: result.filename || null, signatures, sessionKey };
}

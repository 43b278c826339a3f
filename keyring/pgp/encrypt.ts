/**
 * Encryption to keys and/or passwords, optionally signed. Buffers in, buffers out with `encrypt`;
 * streams in, streams out with `encryptStream` (bounded memory, progress reported on the input).
 * SEIPDv2 (chunked AEAD) is used when every recipient key advertises it, else SEIPDv1 (MDC).
 */
import * as openpgp from 'openpgp';
import { LockpaneError } from '../errors';
import { pgpConfig } from './config';
import { asByteStream, isStream, withProgress } from './bytes';
import { guard, mapPgpError } from './map-error';
import type { ByteStream, PgpKey, PgpPrivateKey, ProgressCallback } from './types';

export type EncryptOptions = {
  encryptionKeys?: PgpKey[];
  /** unlocked secret keys; the message is signed by each */
  signingKeys?: PgpPrivateKey[];
  /** also encrypt to the signing keys (default true: the sender can read their own sent mail) */
  encryptToSigners?: boolean;
  passwords?: string[];
  /** ASCII armor (default true) */
  armor?: boolean;
  filename?: string;
  /** literal data format: 'binary' (default) or 'text'/'utf8' (signatures are then text-mode) */
  format?: 'binary' | 'text' | 'utf8';
  /** a session key to use instead of a random one (sop --with-session-key) */
  sessionKey?: { data: Uint8Array; algorithm: string };
  date?: Date;
};

export type EncryptBufferOptions = EncryptOptions & { data: Uint8Array | string };
export type EncryptStreamOptions = EncryptOptions & { data: ByteStream; onProgress?: ProgressCallback; totalBytes?: number };

function checkKeys(options: EncryptOptions): { encryptionKeys: PgpKey[]; signingKeys: PgpPrivateKey[] } {
  const signingKeys = options.signingKeys ?? [];
  for (const k of signingKeys) {
    if (!k.isPrivate()) throw new LockpaneError('key-not-usable', 'A signing key must be a secret key.');
    if (k.getKeys().some((s) => 'isDummy' in s.keyPacket && !s.keyPacket.isDummy() && !s.keyPacket.isDecrypted())) {
      throw new LockpaneError('key-locked', 'A signing key is locked: unlock it first.');
    }
  }
  const encryptionKeys = [...(options.encryptionKeys ?? [])];
  if (options.encryptToSigners ?? true) {
    for (const k of signingKeys) {
      if (!encryptionKeys.some((e) => e.getFingerprint() === k.getFingerprint())) encryptionKeys.push(k.toPublic());
    }
  }
  if (encryptionKeys.length === 0 && (options.passwords ?? []).length === 0 && !options.sessionKey) {
    throw new LockpaneError('no-recipient', 'Nothing to encrypt to: give at least one recipient key or password.');
  }
  return { encryptionKeys: encryptionKeys.map((k) => (k.isPrivate() ? k.toPublic() : k)), signingKeys };
}

async function createMessage(data: Uint8Array | string | ReadableStream<Uint8Array | string>, options: EncryptOptions) {
  const format = options.format ?? 'binary';
  const common = { ...(options.filename !== undefined ? { filename: options.filename } : {}), ...(options.date ? { date: options.date } : {}) };
  if (format === 'binary') {
    if (typeof data === 'string') data = new TextEncoder().encode(data);
    if (isStream(data)) return openpgp.createMessage({ binary: asByteStream(data), format: 'binary', ...common });
    return openpgp.createMessage({ binary: data, format: 'binary', ...common });
  }
  if (isStream(data)) return openpgp.createMessage({ binary: asByteStream(data), format, ...common });
  if (data instanceof Uint8Array) return openpgp.createMessage({ binary: data, format, ...common });
  return openpgp.createMessage({ text: data, format, ...common });
}

function encryptCall(message: openpgp.Message<openpgp.MaybeStream<Uint8Array | string>>, options: EncryptOptions,
  keys: { encryptionKeys: PgpKey[]; signingKeys: PgpPrivateKey[] }) {
  return {
    message,
    encryptionKeys: keys.encryptionKeys,
    ...(keys.signingKeys.length ? { signingKeys: keys.signingKeys } : {}),
    ...(options.passwords?.length ? { passwords: options.passwords } : {}),
    ...(options.sessionKey ? { sessionKey: options.sessionKey as openpgp.SessionKey } : {}),
    ...(options.date ? { date: options.date } : {}),
    config: pgpConfig,
  };
}

/** Encrypts a buffer; returns armored text (default) or binary bytes. */
export async function encrypt(options: EncryptBufferOptions & { armor: false }): Promise<Uint8Array>;
export async function encrypt(options: EncryptBufferOptions & { armor?: true }): Promise<string>;
export async function encrypt(options: EncryptBufferOptions): Promise<string | Uint8Array>;
export async function encrypt(options: EncryptBufferOptions): Promise<string | Uint8Array> {
  const keys = checkKeys(options);
  return guard('bad-data', 'Encrypting', async () => {
    const message = await createMessage(options.data, options);
    const call = encryptCall(message, options, keys);
    if (options.armor ?? true) return openpgp.encrypt({ ...call, format: 'armored' }) as Promise<string>;
    return openpgp.encrypt({ ...call, format: 'binary' }) as Promise<Uint8Array>;
  });
}

/**
 * Encrypts a stream; returns a stream of the encrypted bytes (armored text as UTF-8 bytes when
 * `armor` is set). Errors while streaming surface as LockpaneErrors from the returned stream.
 */
export async function encryptStream(options: EncryptStreamOptions): Promise<ByteStream> {
  const keys = checkKeys(options);
  const input = withProgress(options.data, options.onProgress, options.totalBytes);
  const out = await guard('bad-data', 'Encrypting', async () => {
    const message = await createMessage(input, options);
    const call = encryptCall(message, options, keys);
    if (options.armor ?? true) return openpgp.encrypt({ ...call, format: 'armored' }) as unknown as ReadableStream<string>;
    return openpgp.encrypt({ ...call, format: 'binary' }) as unknown as ReadableStream<Uint8Array>;
  });
  return mapStreamErrors(asByteStream(out), 'Encrypting');
}

/** Re-throws stream errors as LockpaneErrors (openpgp.js reports integrity failures through the stream). */
export function mapStreamErrors(
  stream: ByteStream, context: string, fallback: 'bad-data' | 'integrity-failure' = 'bad-data', refine: (e: LockpaneError) => LockpaneError = (e) => e,
): ByteStream {
  const reader = stream.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(c) {
      try {
        const r = await reader.read();
        if (r.done) c.close();
        else c.enqueue(r.value);
      } catch (e) {
        c.error(refine(mapPgpError(e, fallback, context)));
      }
    },
    cancel(reason) { return reader.cancel(reason); },
  }, { highWaterMark: 0 });
}

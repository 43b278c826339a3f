/**
 * Turns whatever openpgp.js (or a stream under it) throws into a LockpaneError with a stable code.
 * openpgp.js reports failures only through message strings, so the table below is the single
 * place that knows them; keep it ordered from most to least specific.
 */
import { LockpaneError, type LockpaneErrorCode } from '../errors';

type Rule = { test: RegExp; code: LockpaneErrorCode; message: string };

const rules: Rule[] = [
  { test: /Maximum decompressed (message )?size exceeded|Data too large|input is too large/i, code: 'too-large',
    message: 'The message expands to more data than allowed.' },
  { test: /Argon2.*(exceeds|memory)|Argon2OutOfMemory/i, code: 'too-large',
    message: 'The passphrase protection asks for more memory than allowed (Argon2 parameters too large).' },
  { test: /Message is not authenticated/i, code: 'no-integrity',
    message: 'The message has no integrity protection (legacy SED packet) and was refused.' },
  { test: /Modification detected|Authentication tag mismatch|invalid ghash tag|Invalid (EAX|OCB) ciphertext|integrity check failed|operation-specific reason|unable to authenticate data/i,
    code: 'integrity-failure', message: 'The message was modified or truncated: its integrity check failed.' },
  { test: /Incorrect key passphrase|Key checksum mismatch|Key Data Integrity failed/i, code: 'wrong-passphrase',
    message: 'The passphrase is wrong.' },
  { test: /Key is invalid|Unexpected mismatching public point|Legacy curve25519 cannot be used with v6 keys|Unexpected OID for eddsaLegacy/i,
    code: 'key-invalid', message: 'The key material is invalid (possibly tampered with) and was not used.' },
  { test: /(Decryption|Signing) key is not decrypted|Key is not decrypted|Private key is not decrypted/i, code: 'key-locked',
    message: 'The key is protected by a passphrase that was not given.' },
  { test: /(Primary key|Subkey) is revoked|User certificate is revoked|Primary user is revoked|Self-certification is revoked/i,
    code: 'key-revoked', message: 'The key is revoked.' },
  { test: /(Primary key|Subkey) is expired|Signature is expired|key is expired/i, code: 'key-expired', message: 'The key is expired.' },
  { test: /Could not find valid (encryption|signing|decryption) key packet|None of the key flags is set|Key packet is required|Gnu-dummy key packets cannot be used/i,
    code: 'key-not-usable', message: 'The key has no usable (sub)key for this operation.' },
  { test: /Session key decryption failed|No decryption key packets found|No public key encrypted session key packet|No symmetrically encrypted session key packet|Decryption error|Invalid session key|Unexpected session key|Decryption failed/i,
    code: 'cannot-decrypt', message: 'None of the given keys or passwords can decrypt this message.' },
  { test: /Misformed armored text|Ascii armor integrity check failed|Unknown ASCII armor type|Armored text not of type|Improperly formatted armor header|Mandatory blank line missing|Unknown header|Only "Hash" header allowed|Unknown hash algorithm in armor header|Hash algorithm mismatch in armor header|No cleartext signed message|String contains non-base64|Invalid character|base64/i,
    code: 'bad-armor', message: 'The ASCII armor is malformed or its checksum is wrong.' },
  { test: /Unsupported (hash|cipher|AEAD|SEIPD version|PKESK version|key version|public key algorithm|curve|ECDH|EdDSA|algorithm|type or version)|Unknown (public key|signature|curve|elliptic|EdDSA|s2k)|not supported|Insecure (message )?hash algorithm|insecure S2K|insecure two-byte hash|Unknown curve/i,
    code: 'unsupported-algorithm', message: 'The data uses an algorithm or version that is not supported.' },
  { test: /Error during parsing|Packet not allowed|Parsing .* failed|Unexpected packet|Unexpected end of packet|Unexpected end of|unexpected end of file|Error reading MPIs|Invalid enum value|Missing key parameters|Invalid (key|point|oid|padding)|Zero MPI|No key packet found|No secret key packet found|Invalid user ID|Missing|Message is not signed|Can only verify message with one literal|Corresponding signature packet|Partial Length|Stream is cancelled|No literal data|No encrypted data found|incorrect header check|invalid|Unexpected/i,
    code: 'bad-data', message: 'The data is not a well-formed OpenPGP object.' },
];

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Maps a thrown value to a LockpaneError; LockpaneErrors pass through untouched. */
export function mapPgpError(e: unknown, fallback: LockpaneErrorCode = 'bad-data', context?: string): LockpaneError {
  if (e instanceof LockpaneError) return e;
  const raw = messageOf(e);
  if (e instanceof RangeError && /call stack/i.test(raw)) {
    return new LockpaneError('too-large', withContext(context, 'The data is nested too deeply.'), { cause: e });
  }
  for (const rule of rules) {
    if (rule.test.test(raw)) return new LockpaneError(rule.code, withContext(context, rule.message), { cause: e });
  }
  return new LockpaneError(fallback, withContext(context, fallbackMessage(fallback)), { cause: e });
}

function fallbackMessage(code: LockpaneErrorCode): string {
  switch (code) {
    case 'cannot-decrypt': return 'The message could not be decrypted.';
    case 'bad-armor': return 'The ASCII armor is malformed.';
    case 'internal': return 'An unexpected error happened in the OpenPGP library.';
    default: return 'The data is not a well-formed OpenPGP object.';
  }
}

function withContext(context: string | undefined, message: string): string {
  return context ? `${context}: ${message}` : message;
}

/** Runs `fn`, mapping anything it throws. */
export async function guard<T>(fallback: LockpaneErrorCode, context: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw mapPgpError(e, fallback, context);
  }
}
